"""A team link's JSON API against a real server: what a team member's page sends and gets back
for the tasks (a pasted list, two members adding at once) and for comments (a retried send)."""

from __future__ import annotations

import pytest

from workbench.demo import load_demo
from workbench.drafts import create_draft
from workbench.session import team_links
from workbench.testing import Http

pytestmark = pytest.mark.served


@pytest.fixture(scope="module")
def team(serve):
    def prepare(wb):
        sid = wb.store.session(load_demo(wb.store, teams=False))["id"]
        return [team_links.team_link(wb.store, create_draft(wb.store, sid, {"title": f"Школа {n}"}))["token"]
                for n in range(4)]

    server, tokens = serve(prepare)
    return server, tokens


def test_a_plain_list_pasted_as_one_item_is_stored_as_a_task_per_line(team):
    server, tokens = team
    api, http = f"{server.base}/api/t/{tokens[0]}", Http()
    r = http.post(api + "/field", json={"field": "tasks", "base": 0, "base_value": [],
                                        "value": ["Найти мастеров\r\nПровести 12 занятий\n\nУстроить выставку"]})
    assert r.status_code == 200
    assert r.json()["value"] == ["Найти мастеров", "Провести 12 занятий", "Устроить выставку"]
    assert http.get(api).json()["fields"]["tasks"] == ["Найти мастеров", "Провести 12 занятий", "Устроить выставку"]


def test_two_members_adding_a_task_from_the_same_list_both_keep_theirs(team):
    server, tokens = team
    api, http = f"{server.base}/api/t/{tokens[1]}", Http()
    start = http.post(api + "/field", json={"field": "tasks", "value": ["Найти мастеров"], "base": 0}).json()
    loaded = {"field": "tasks", "base": start["version"], "base_value": start["value"]}
    a = http.post(api + "/field", json={**loaded, "value": ["Найти мастеров", "Провести 12 занятий"]})
    b = http.post(api + "/field", json={**loaded, "value": ["Найти мастеров", "Устроить выставку"]})
    assert a.status_code == 200 and b.status_code == 200
    both = ["Найти мастеров", "Провести 12 занятий", "Устроить выставку"]
    assert b.json()["value"] == both and http.get(api).json()["fields"]["tasks"] == both


def test_a_comment_sent_again_after_its_answer_was_lost_shows_once(team):
    server, tokens = team
    api, http = f"{server.base}/api/t/{tokens[2]}", Http()
    comment = {"field": "goal", "author": "Анна", "text": "Согласна", "request_id": "c1f0a9e2b7d34c55"}
    first = http.post(api + "/comment", json=comment)
    again = http.post(api + "/comment", json=comment)  # the page's retry: the first answer never came back
    assert first.status_code == again.status_code == 200 and again.json()["id"] == first.json()["id"]
    later = http.post(api + "/comment", json={**comment, "request_id": "9e8d7c6b5a4f3e2d"})  # said again on purpose
    assert later.status_code == 200 and later.json()["id"] != first.json()["id"]
    shown = [(c["author"], c["text"]) for c in http.get(api).json()["comments"]]
    assert shown == [("Анна", "Согласна"), ("Анна", "Согласна")]
    bad = http.post(api + "/comment", json={**comment, "request_id": 5})
    assert bad.status_code == 400


def test_a_comment_from_a_page_without_an_id_is_still_stored_once(team):
    server, tokens = team
    api, http = f"{server.base}/api/t/{tokens[3]}", Http()
    comment = {"field": "goal", "author": "Анна", "text": "Сколько подростков — 40 или 50?"}  # a page open before
    first, again = http.post(api + "/comment", json=comment), http.post(api + "/comment", json=comment)
    assert again.json()["id"] == first.json()["id"]
    other = http.post(api + "/comment", json={**comment, "field": "tasks"})  # on another field it is a comment of its own
    assert other.json()["id"] != first.json()["id"]
    shown = [(c["field"], c["author"], c["text"]) for c in http.get(api).json()["comments"]]
    assert shown == [("goal", "Анна", comment["text"]), ("tasks", "Анна", comment["text"])]
