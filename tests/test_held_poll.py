"""Served: a phone's held poll (`/state?wait=1`, `web/hold.py`) against a real server. A new
stage or question answers it within a second; other phones' dots only after the poll interval
(a busy vote never makes phones ask more often); nothing changed, a 304 after the hold time;
the command line's plain poll is answered at once; a server stopped while polls are held exits
at once."""

from __future__ import annotations

import json
import threading
import time

import pytest

from workbench import embeddings
from workbench.app import Workbench
from workbench.session import facilitator, stages
from workbench.testing import Phone, Server, voting_session, wait_for

HOLD = 3.0  # this server's phone_poll_hold: a 304 within the test's time
FLOOR = 2.0  # phone_poll_interval (the default)


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    data = tmp_path_factory.mktemp("held") / "data"
    wb = Workbench(data)
    try:
        made = voting_session(wb, "Удержанный опрос", "dots")
    finally:
        wb.close()
    (data / "settings.json").write_text(json.dumps({"phone_poll_hold": HOLD}))
    server = Server(data).start()
    _quiet(server)
    yield server, made
    server.stop()


def _quiet(server) -> None:
    """Wait for the server's embedder to store the ideas' vectors (its commits are changes too)."""
    wb = Workbench(server.data_dir)
    try:
        wait_for(lambda: not any(wb.store.cards_without_vectors(m, 1) for m in embeddings.models()),
                 timeout=120, message="the ideas' vectors")
    finally:
        wb.close()


def _phone(server, made) -> tuple[Phone, str, dict]:
    phone = Phone(server.base, made["code"], lang="ru")
    phone.join(name="Зоя")
    r = phone.call("GET", "/state")
    assert r.status_code == 200
    return phone, r.headers["ETag"], r.json()


def _held(phone: Phone, etag: str, head: str | None) -> dict:
    """Start a held poll in a thread: {"response", "at"} once it is answered."""
    out: dict = {}
    query = "/state?wait=1" + (f"&head={head}" if head is not None else "")

    def ask():
        out["started"] = time.monotonic()
        try:
            r = phone.http.request("GET", phone.api + query, timeout=HOLD + 10,
                                   headers={"X-Device-Token": phone.token, "X-Lang": "ru", "If-None-Match": etag})
        except OSError as exc:  # the server went away: the page says «нет связи» and asks again
            out["at"], out["error"] = time.monotonic(), exc
            return
        out["at"], out["response"] = time.monotonic(), r
    threading.Thread(target=ask, daemon=True).start()
    wait_for(lambda: "started" in out, timeout=5, message="the poll to start")
    return out


def _make_sure_it_arrived(phone: Phone) -> None:
    # a request sent after the held one and answered: the held one reached the server before it
    assert phone.call("GET", "/state").status_code == 200


def _with(server, fn):
    wb = Workbench(server.data_dir)
    try:
        start = time.monotonic()
        fn(wb)
        return start
    finally:
        wb.close()


def test_a_new_question_and_a_new_stage_answer_a_held_poll_within_a_second(room):
    server, made = room
    phone, etag, state = _phone(server, made)
    poll = _held(phone, etag, state["head"])
    _make_sure_it_arrived(phone)
    assert "response" not in poll  # nothing changed: it is held
    changed = _with(server, lambda wb: stages.set_prompt(wb.store, made["vote"], "Три голоса за главное"))
    wait_for(lambda: "response" in poll, timeout=1.5, message="the held poll to be answered")
    assert poll["at"] - changed < 1.0, poll["at"] - changed
    r = poll["response"]
    assert r.status_code == 200 and r.json()["stage"]["prompt"] == "Три голоса за главное"

    poll = _held(phone, r.headers["ETag"], r.json()["head"])
    _make_sure_it_arrived(phone)
    ideas = made["stages"]["ideas"]["id"]
    changed = _with(server, lambda wb: facilitator.show_stage(wb.store, made["sid"], ideas))
    wait_for(lambda: "response" in poll, timeout=1.5, message="the held poll to be answered")
    assert poll["at"] - changed < 1.0, poll["at"] - changed
    assert poll["response"].json()["stage"]["id"] == ideas
    _with(server, lambda wb: facilitator.show_stage(wb.store, made["sid"], made["vote"]))


def test_a_held_poll_with_nothing_new_is_a_304_after_the_hold_time(room):
    server, made = room
    phone, etag, state = _phone(server, made)
    poll = _held(phone, etag, state["head"])
    wait_for(lambda: "response" in poll, timeout=HOLD + 5, message="the 304")
    assert poll["response"].status_code == 304
    assert poll["response"].headers["ETag"] == etag
    assert HOLD - 0.3 <= poll["at"] - poll["started"] < HOLD + 2


def test_other_phones_dots_answer_a_held_poll_only_after_the_poll_interval(room):
    server, made = room
    phone, etag, state = _phone(server, made)
    poll = _held(phone, etag, state["head"])
    _make_sure_it_arrived(phone)
    voter = Phone(server.base, made["code"], lang="ru")
    voter.join(name="Пётр")
    assert voter.call("POST", "/vote", {"card": made["cards"][0], "request_id": "held-dot-0000001"}).status_code == 200
    wait_for(lambda: "response" in poll, timeout=FLOOR + 5, message="the held poll to be answered")
    r = poll["response"]
    assert r.status_code == 200 and r.json()["stage"]["id"] == made["vote"]
    # a busy vote: the phone is not asked back sooner than it polled before
    assert poll["at"] - poll["started"] >= 0.75 * FLOOR - 0.1  # (the floor is spread ±25 %)


def test_clients_without_wait_or_head_are_answered_at_once(room):
    server, made = room
    phone, etag, _ = _phone(server, made)
    start = time.monotonic()
    assert phone.call("GET", "/state", headers={"If-None-Match": etag}).status_code == 304  # the command line
    assert phone.call("GET", "/state?wait=1", headers={"If-None-Match": '"0.0-old"'}).status_code == 200
    assert phone.call("GET", "/state?wait=1").status_code == 200  # no ETag: nothing to wait on
    assert time.monotonic() - start < 1.0


@pytest.mark.served
def test_a_server_stopped_with_held_polls_exits_at_once(tmp_path):
    data = tmp_path / "data"
    wb = Workbench(data)
    try:
        made = voting_session(wb, "Остановка", "dots")
    finally:
        wb.close()
    server = Server(data).start()
    try:
        phones = [_phone(server, made) for _ in range(3)]
        polls = [_held(p, etag, state["head"]) for p, etag, state in phones]
        _make_sure_it_arrived(phones[0][0])
        assert not any("response" in p for p in polls)
        start = time.monotonic()
        server.stop()
        took = time.monotonic() - start
    finally:
        server.stop()
    assert server.proc.returncode != -9 and took < 5, (server.proc.returncode, took)  # not killed after 20 s
    # the phones learn it at once (their page says «нет связи» and asks again), not after the hold
    wait_for(lambda: all("at" in p for p in polls), timeout=2, message="the held polls to end")
    assert all("response" not in p for p in polls)


def _older(a: str, b: str) -> bool:
    """As the page's `older()`: `a` read before `b` (same process, no part later, one earlier)."""
    (ia, va), (ib, vb) = a.split(":"), b.split(":")
    x, y = [int(p) for p in va.split(".")], [int(p) for p in vb.split(".")]
    return ia == ib and all(p <= q for p, q in zip(x, y, strict=True)) and x != y


def test_a_state_and_a_dot_say_which_was_read_first(room):
    # The page keeps its held poll across a dot: a state read before the dot must not be drawn
    # over the dot's answer, nor the dot's answer over a state read after it (`X-Version`).
    server, made = room
    phone, _, _ = _phone(server, made)
    before = phone.call("GET", "/state").headers["X-Version"]
    dot = phone.call("POST", "/vote", {"card": made["cards"][1], "request_id": "version-dot-00001"})
    assert dot.status_code == 200
    after = phone.call("GET", "/state")
    assert after.json()["voting"]["used"] == 1
    assert _older(before, dot.headers["X-Version"])
    assert not _older(after.headers["X-Version"], dot.headers["X-Version"])
