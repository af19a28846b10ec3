"""Every link of an archived session, on a real server: the registration form and its answer,
the door's check-in QR code, the peer review page and its API, the public results page, a team's
page and its API, the printed poster and the display. Each page says «Сессия завершена … убрана в
архив» with 410 (in the session's language), each POST and JSON call is refused with 410 and that
message, and nothing is written; taken out of the archive, every link opens again."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest

from workbench.drafts import create_draft
from workbench.session import lifecycle, public, registration, team_links
from workbench.testing import Http, Phone, act

TITLE = "Будущее Каргополя"
OVER_RU = "завершена и убрана в архив"


@pytest.fixture(scope="module")
def room(serve):
    def prepare(wb):
        store = wb.store
        code = store.create_session(TITLE)
        sid = store.session(code)["id"]
        did = create_draft(store, sid, {"title": "Школа ремёсел"})
        reg = registration.register(store, code, {"name": "Анна Белова", "consent": True})
        return {"code": code, "sid": sid, "draft": did, "team": team_links.team_link(store, did)["token"],
                "public": public.set_public(store, code, True)["token"], "checkin": reg["token"]}
    server, made = serve(prepare)
    return server, made


@pytest.fixture
def archived(room):
    """The room's session in the archive for one test, and out of it afterwards."""
    server, made = room
    act(server, lambda wb: lifecycle.archive(wb.store, made["code"]))
    try:
        yield server, made
    finally:
        act(server, lambda wb: lifecycle.unarchive(wb.store, made["code"]))


def _pages(made: dict) -> dict:
    code = made["code"]
    return {"registration": f"/reg/{code}", "registration's answer": f"/reg/{code}/{made['checkin']}",
            "peer review": f"/s/{code}/review", "public results": f"/r/{made['public']}",
            "team page": f"/t/{made['team']}"}


def _says_archived(answer, lang: str = "ru") -> None:
    assert answer.status_code == 410, answer.text[:300]
    heading = {"ru": "Сессия завершена", "en": "The session is over"}[lang]
    assert f"<h1>{heading}</h1>" in answer.text
    said = re.search(r"<p data-archived>(.*?)</p>", answer.text).group(1)
    assert TITLE in said and ({"ru": OVER_RU, "en": "is over and archived"}[lang] in said)
    assert f'<html lang="{lang}">' in answer.text
    assert "<form" not in answer.text and "<script" not in answer.text  # nothing to fill in or run


def test_each_page_of_an_archived_session_says_it_is_over_and_opens_again_when_unarchived(room):
    server, made = room
    http = Http()
    for name, path in _pages(made).items():
        assert http.get(server.base + path).status_code == 200, name
    act(server, lambda wb: lifecycle.archive(wb.store, made["code"]))
    try:
        for name, path in _pages(made).items():
            answer = http.get(server.base + path)
            _says_archived(answer)
            assert "спросите у ведущего" in answer.text, name
    finally:
        act(server, lambda wb: lifecycle.unarchive(wb.store, made["code"]))
    for name, path in _pages(made).items():
        answer = http.get(server.base + path)
        assert answer.status_code == 200 and OVER_RU not in answer.text, name


def test_an_archived_session_takes_nothing_from_its_forms_and_apis(archived):
    server, made = archived
    http, code, team = Http(), made["code"], made["team"]

    before = act(server, lambda wb: len(wb.store.registrations(made["sid"])))
    form = urlencode({"name": "Пётр Иванов", "consent": "yes", "lang": "ru", "request": "q" * 20})
    answer = http.post(f"{server.base}/reg/{code}", data=form,
                       headers={"Content-Type": "application/x-www-form-urlencoded"})
    _says_archived(answer)

    refusals = [
        http.get(f"{server.base}/api/t/{team}", headers={"X-Lang": "ru"}),
        http.post(f"{server.base}/api/t/{team}/field", json={"field": "goal", "value": "Обучить 40 подростков",
                                                               "base": 0}, headers={"X-Lang": "ru"}),
        http.post(f"{server.base}/api/t/{team}/comment", json={"field": "goal", "author": "Анна",
                                                                 "text": "Уточнить сроки"}, headers={"X-Lang": "ru"}),
        Http().get(f"{server.base}/api/s/{code}/review", headers={"X-Lang": "ru"}),
        http.post(f"{server.base}/api/s/{code}/review", json={"team": 1, "scores": {"1": 5}},
                  headers={"X-Lang": "ru"}),
    ]
    for answer in refusals:
        assert answer.status_code == 410, answer.text
        assert answer.json()["error"] == "session_archived_link"
        assert answer.json()["message"].startswith(f"Сессия «{TITLE}» ({code}) {OVER_RU}")

    def stored(wb):
        d = wb.store.draft(made["draft"])
        return (len(wb.store.registrations(made["sid"])), d["fields"].get("goal", ""),
                wb.store.draft_comments(made["draft"]))
    assert act(server, stored) == (before, "", [])


def test_staff_links_of_an_archived_session_say_so_and_check_no_one_in(archived):
    server, made = archived
    http, code = Http(), made["code"]
    cookie = {"Cookie": server.login_cookie(code)}
    _says_archived(http.get(f"{server.base}/checkin/{made['checkin']}", headers=cookie))
    assert act(server, lambda wb: wb.store.registrations(made["sid"])[0]["checked_in_at"]) is None

    poster = http.get(f"{server.base}/print/{code}/poster", headers=cookie)
    assert poster.status_code == 410 and OVER_RU in poster.text and "<svg" not in poster.text  # no QR code

    wall = http.get(f"{server.base}/api/d/{code}/state", headers=cookie)
    assert wall.status_code == 410
    assert wall.json()["error"] == "session_archived" and OVER_RU in wall.json()["message"]


def test_the_archived_page_speaks_the_sessions_language_unless_the_link_asks(archived):
    server, made = archived
    http = Http()
    act(server, lambda wb: wb.store.set_display_lang(made["sid"], "en"))
    try:
        for path in _pages(made).values():
            _says_archived(http.get(server.base + path), "en")
        _says_archived(http.get(f"{server.base}/r/{made['public']}?lang=ru"), "ru")
    finally:
        act(server, lambda wb: wb.store.set_display_lang(made["sid"], "ru"))


def test_a_phone_of_an_archived_session_keeps_its_own_words(archived):
    """The phone's message is about what a phone sends (cards and votes), as before."""
    server, made = archived
    answer = Phone(server.base, made["code"], lang="ru").call("GET", "/join")
    assert answer.status_code == 410 and answer.json()["error"] == "session_archived"
    assert "карточки и голоса больше не принимаются" in answer.json()["message"]
