"""One person, one budget, without accounts: joins limited per client address and per session,
each pair judged once per phone with a cap on answers, a retried un-vote removing nothing more,
and the projector showing how many joined in the last minute."""

from __future__ import annotations

import json
import threading

import pytest

from workbench.app import Workbench
from workbench.demo import load_demo
from workbench.errors import WorkbenchError
from workbench.session import phone as phone_actions
from workbench.session.voting import method
from workbench.testing import Phone, run_together
from workbench.ui.projector import ProjectorView

ROOM = {"X-Forwarded-For": "203.0.113.7"}  # a room behind one NAT address, as nginx reports it
OTHER = {"X-Forwarded-For": "198.51.100.20"}


@pytest.fixture(scope="module")
def limited(serve):
    """A server whose limits are small enough to reach in a test."""
    def prepare(wb):
        code = load_demo(wb.store, teams=False)
        people = wb.store.count_participants(wb.store.session(code)["id"])
        (wb.data_dir / "settings.json").write_text(json.dumps({
            "join_burst_per_address": 5, "join_per_minute_per_address": 1,
            "participants_per_session": people + 8, "pairwise_answers_per_phone": 3}))
        return code, people

    server, (code, people) = serve(prepare)
    return server, code, people


def _join(server, code, headers, token=None):
    p = Phone(server.base, code)
    return p, p.call("POST", "/join", {"token": token} if token else {}, headers=headers)


def test_joins_are_limited_per_address_and_per_session(limited):
    server, code, people = limited
    room = [_join(server, code, ROOM) for _ in range(5)]
    assert [r.status_code for _, r in room] == [200] * 5
    _, sixth = _join(server, code, ROOM)
    assert sixth.status_code == 429 and sixth.json()["error"] == "join_too_many"
    assert "Too many joins from this address: wait" in sixth.json()["message"]
    # A phone coming back with its token is the same participant, never limited.
    token = room[0][1].json()["token"]
    _, back = _join(server, code, ROOM, token=token)
    assert back.status_code == 200 and back.json()["participant"] == room[0][1].json()["participant"]
    # Another address is not slowed down by the room's.
    _, other = _join(server, code, OTHER)
    assert other.status_code == 200
    # A header a client wrote itself comes before the address nginx appends: it is not believed.
    _, spoofed = _join(server, code, {"X-Forwarded-For": "192.0.2.99, 203.0.113.7"})
    assert spoofed.status_code == 429
    # The session's cap: people + 8 participants in all.
    codes = [_join(server, code, {"X-Forwarded-For": f"192.0.2.{i}"})[1].status_code for i in range(1, 3)]
    assert codes == [200, 200]  # 5 from the room, 1 from the other address, these 2: 8
    _, full = _join(server, code, {"X-Forwarded-For": "192.0.2.50"})
    assert full.status_code == 409 and full.json()["error"] == "session_full"
    assert str(people + 8) in full.json()["message"]
    wb = Workbench(server.data_dir)
    assert wb.store.count_participants(wb.store.session(code)["id"]) == people + 8
    wb.close()


def _pairwise_stage(server, code):
    wb = Workbench(server.data_dir)
    s = wb.store.session(code)
    st = next(st for st in wb.store.stages(s["id"]) if st["kind"] == "voting")
    wb.store.update_stage(st["id"], method="pairwise", voting_open=True)
    wb.store.set_current_stage(s["id"], st["id"])
    wb.close()
    return st["id"]


def test_a_pair_counts_once_per_phone_and_answers_are_capped(limited):
    server, code, _ = limited
    stage_id = _pairwise_stage(server, code)
    wb = Workbench(server.data_dir)
    p = Phone(server.base, code)
    p.token = wb.store.join(wb.store.session(code)["id"])["token"]  # made directly: the cap may be reached
    pair = p.state()["decide"]["pair"]
    a, b = pair[0]["id"], pair[1]["id"]
    answers = [p.call("POST", "/compare", {"left": a, "right": b, "winner": a}) for _ in range(30)]
    assert all(r.status_code == 200 for r in answers)
    assert answers[0].json() == {"judged": 1, "counted": True}
    assert {json.dumps(r.json()) for r in answers[1:]} == {json.dumps({"judged": 1, "counted": False})}
    assert p.call("POST", "/compare", {"left": b, "right": a, "winner": b}).json()["counted"] is False
    wb = Workbench(server.data_dir)
    rows = method(wb.store.stage(stage_id)).results(wb.store, wb.store.stage(stage_id), [
        {"id": a, "text": ""}, {"id": b, "text": ""}])
    wb.close()
    assert sorted((r["wins"], r["losses"]) for r in rows) == [(0, 1), (1, 0)]  # not 30:0
    for _ in range(2):  # the cap is 3 answers per phone on a stage
        nxt = p.state()["decide"]["pair"]
        assert p.call("POST", "/compare", {"left": nxt[0]["id"], "right": nxt[1]["id"],
                                           "winner": None}).json()["counted"] is True
    state = p.state()["decide"]
    assert state["judged"] == 3 and state["pair"] is None  # the phone says it is done
    again = p.call("POST", "/compare", {"left": a, "right": b, "winner": a})
    assert again.json() == {"judged": 3, "counted": False}  # a judged pair: no error, not counted


def test_a_retried_unvote_removes_one_dot(limited):
    server, code, _ = limited
    wb = Workbench(server.data_dir)
    s = wb.store.session(code)
    st = next(st for st in wb.store.stages(s["id"]) if st["kind"] == "voting")
    wb.store.update_stage(st["id"], method="dots", voting_open=True, vote_budget=3)
    wb.store.set_current_stage(s["id"], st["id"])
    p = Phone(server.base, code)
    p.token = wb.store.join(s["id"])["token"]
    wb.close()
    card = p.state()["cards"][0]["id"]
    for rid in ("v1", "v2"):
        assert p.call("POST", "/vote", {"card": card, "request_id": rid}).status_code == 200
    first = p.call("POST", "/unvote", {"card": card, "request_id": "u1"})
    again = p.call("POST", "/unvote", {"card": card, "request_id": "u1"})  # the same request, retried
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json() and first.json()["used"] == 1
    assert p.state()["voting"]["mine"] == {str(card): 1}
    assert p.call("POST", "/unvote", {"card": card, "request_id": "u2"}).json()["used"] == 0


def test_the_projector_shows_joins_in_the_last_minute(wb):
    code = wb.store.create_session("Поток")
    view = ProjectorView(wb, code, join_url="http://10.0.0.1:8866/s/" + code)
    for i in range(7):
        phone_actions.join(wb.store, code, {"name": f"Гость {i}"}, address="203.0.113.7")
    view.check()
    assert "data-joins-per-minute='7'" in view.joined.value
    assert "+7 за минуту" in view.joined.value or "+7 in the last minute" in view.joined.value
    # once nobody joined in the last minute the line says nothing (not «+0 за минуту»)
    from workbench.ui.projector import joined_html

    quiet = joined_html({"total": 7, "territory": {}, "sector": {}}, "ru", per_minute=0)
    assert "Участников: 7" in quiet and "за минуту" not in quiet and "+0" not in quiet


def test_a_crowd_joining_at_once_never_passes_the_session_cap(wb):
    code = wb.store.create_session("Наплыв")
    results = []

    def one(i):
        try:
            phone_actions.join(wb.store, code, {"name": f"Гость {i}"}, max_participants=5)
            results.append("ok")
        except WorkbenchError as exc:
            results.append(exc.key)
    run_together([threading.Thread(target=one, args=(i,)) for i in range(16)])
    assert sorted(results) == ["ok"] * 5 + ["session_full"] * 11
    assert wb.store.count_participants(wb.store.session(code)["id"]) == 5
