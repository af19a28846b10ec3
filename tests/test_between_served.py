"""Between sessions against a real server: the public results page (content, nothing personal,
hostile text stays text, off means gone) and a team link's JSON API (merge, conflict, comments)."""

from __future__ import annotations

import html

import pytest

from workbench.app import Workbench
from workbench.demo import load_demo
from workbench.session import public, team_links
from workbench.testing import Http

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def between(serve):
    """A server with the demo session after teams formed, a hostile idea and a hostile draft
    summary, its public page on and a team link."""
    def prepare(wb):
        code = load_demo(wb.store)
        s = wb.store.session(code)
        ideas = next(st for st in wb.store.stages(s["id"]) if st["kind"] == "ideas")
        wb.store.add_card(s["id"], ideas["id"], HOSTILE, by_facilitator=True)
        draft = wb.store.drafts(s["id"])[0]
        team_links.save_field(wb.store, team_links.team_link(wb.store, draft["id"])["token"], "summary",
                              "Кратко: " + HOSTILE, 0)
        link = public.set_public(wb.store, code, True)
        people = wb.store.participants(s["id"])
        return {"code": code, "public": link["token"], "team": wb.store.team_links([draft["id"]])[draft["id"]],
                "draft": draft["id"], "people": people, "title": s["title"]}

    return serve(prepare)


def test_public_page_shows_the_results_and_nothing_personal(between):
    server, info = between
    r = Http().get(f"{server.base}/r/{info['public']}")
    assert r.status_code == 200
    page = r.text
    assert html.escape(info["title"], quote=True) in page
    for heading in ("Проблемы", "Образ будущего", "Проектные идеи", "Итоги голосования", "Команды", "Проекты"):
        assert heading in page
    assert "в команде: 5" in page and "Краткое описание проекта" in page
    assert "@media print" in page and "window.print()" in page
    assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]
    for p in info["people"]:
        assert p["token"] not in page
        if p["name"]:
            assert html.escape(p["name"]) not in page, p["name"]
    assert HOSTILE not in page and "<img src=x" not in page and "<script>alert" not in page
    assert html.escape(HOSTILE, quote=True) in page  # shown, as text
    en = Http().get(f"{server.base}/r/{info['public']}?lang=en").text
    assert "Voting results" in en and "Print or save as PDF" in en


def test_public_page_off_or_unknown_is_not_found(between):
    server, info = between
    wb = Workbench(server.data_dir)
    try:
        public.set_public(wb.store, info["code"], False)
        r = Http().get(f"{server.base}/r/{info['public']}")
        assert r.status_code == 404 and "закрыта организатором" in r.text
        assert info["title"] not in r.text
        public.set_public(wb.store, info["code"], True)
        assert Http().get(f"{server.base}/r/{info['public']}").status_code == 200
    finally:
        wb.close()
    assert Http().get(f"{server.base}/r/{'A' * 22}").status_code == 404


def test_team_api_merges_fields_and_answers_a_conflict_with_the_stored_text(between):
    server, info = between
    api = f"{server.base}/api/t/{info['team']}"
    http = Http()
    state = http.get(api).json()
    assert state["fields"]["summary"] == "Кратко: " + HOSTILE and state["findings"]
    v = state["versions"]
    ok = http.post(api + "/field", json={"field": "goal", "value": "Обучить 40 подростков к маю", "base": v["goal"]})
    assert ok.status_code == 200 and ok.json()["version"] == v["goal"] + 1
    other = http.post(api + "/field", json={"field": "timeline", "value": "март–ноябрь 2026", "base": v["timeline"]})
    assert other.status_code == 200
    late = http.post(api + "/field", json={"field": "goal", "value": "Обучить 50", "base": v["goal"]})
    assert late.status_code == 409
    body = late.json()
    assert body["value"] == "Обучить 40 подростков к маю" and "Цель проекта" in body["message"]
    fields = http.get(api).json()["fields"]
    assert fields["goal"] == "Обучить 40 подростков к маю" and fields["timeline"] == "март–ноябрь 2026"
    bad = http.post(api + "/field", json={"field": "goal", "value": {"x": 1}, "base": body["version"]})
    assert bad.status_code == 400 and bad.json()["error"] == "draft_field_invalid"
    c = http.post(api + "/comment", json={"field": "goal", "author": "Анна", "text": HOSTILE})
    assert c.status_code == 200
    assert http.get(api).json()["comments"][-1]["text"] == HOSTILE  # stored as typed; the page writes it as text
    assert http.get(f"{server.base}/api/t/{'B' * 22}").status_code == 404
    page = http.get(f"{server.base}/t/{info['team']}")
    assert page.status_code == 200 and "Проект команды" in page.text and HOSTILE not in page.text
