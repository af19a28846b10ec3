"""Concurrency, faults and abuse: what a crowded room on weak Wi-Fi does to the live loop."""

from __future__ import annotations

import json
import signal
import sqlite3
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.app import Workbench
from workbench.demo import load_demo
from workbench.errors import WorkbenchError
from workbench.session.voting import vote
from workbench.testing import Phone, Server, run_together, wait_for


def _voting(wb, code, budget=3):
    s = wb.store.session(code)
    stages = {st_["kind"]: st_ for st_ in wb.store.stages(s["id"])}
    wb.store.update_stage(stages["voting"]["id"], voting_open=True, vote_budget=budget)
    wb.store.set_current_stage(s["id"], stages["voting"]["id"])
    return s, stages


def test_parallel_phones_never_exceed_the_budget_nor_lose_a_dot(served):
    wb = Workbench(served.data_dir)
    s, stages = _voting(wb, "KARGO1", budget=3)
    voting = stages["voting"]["id"]
    before = wb.store.count_votes(voting)
    phones = [Phone(served.base, "KARGO1") for _ in range(30)]
    for p in phones:
        p.join()
    cards = [c["id"] for c in phones[0].state()["cards"]]

    def tap(args):
        i, k = args
        r = phones[i].call("POST", "/vote", {"card": cards[(i + k) % len(cards)], "request_id": f"r{k}"})
        return r.status_code, r.json()

    with ThreadPoolExecutor(16) as pool:
        # each phone taps 5 times, and every tap is sent twice (a retry after a lost answer)
        answers = list(pool.map(tap, [(i, k) for i in range(30) for k in range(5) for _ in range(2)]))
    assert {code for code, _ in answers} <= {200, 409}
    refused = [a for code, a in answers if code == 409]
    assert all(a["error"] == "vote_budget_exceeded" for a in refused)
    assert wb.store.count_votes(voting) - before == 30 * 3
    for p in phones:
        assert p.state()["voting"]["used"] == 3
    wb.close()


def test_merging_while_the_room_votes_keeps_the_store_consistent(wb, demo):
    s, stages = _voting(wb, demo, budget=20)
    voting = stages["voting"]["id"]
    cards = [c["id"] for c in wb.store.cards(s["id"], stages["ideas"]["id"])]
    people = [wb.store.join(s["id"]) for _ in range(10)]
    before = wb.store.count_votes(voting)
    acked = []
    lock = threading.Lock()

    def voter(p):
        for k in range(20):
            try:
                vote(wb.store, voting, p["id"], cards[k % len(cards)])
                with lock:
                    acked.append(1)
            except WorkbenchError as exc:
                assert exc.key == "vote_target_invalid"  # the card was merged away meanwhile

    def facilitator():
        for i in range(1, 6):
            wb.store.merge(cards[0], [cards[i]])

    run_together([threading.Thread(target=voter, args=(p,)) for p in people] + [threading.Thread(target=facilitator)])
    assert wb.store.count_votes(voting) - before == len(acked)
    totals = wb.store.vote_totals(voting)
    merged = set(cards[1:6])
    assert not merged & set(totals), "a dot points at a card that was merged away"
    visible = {c["id"] for c in wb.store.cards(s["id"], stages["ideas"]["id"])}
    assert set(totals) <= visible


def test_sigkill_in_the_middle_of_a_voting_burst(tmp_path):
    data = tmp_path / "data"
    wb = Workbench(data)
    code = load_demo(wb.store)
    s, stages = _voting(wb, code, budget=10)
    wb.close()
    server = Server(data).start()
    phones = [Phone(server.base, code) for _ in range(12)]
    for p in phones:
        p.join()
    cards = [c["id"] for c in phones[0].state()["cards"]]
    acked: list[tuple[str, str]] = []  # (device token, request id) the server confirmed
    lock = threading.Lock()
    killed = threading.Event()

    def burst(p):
        for k in range(10):
            rid = uuid.uuid4().hex
            try:
                r = p.call("POST", "/vote", {"card": cards[k % len(cards)], "request_id": rid})
            except OSError:  # the server was killed under this phone
                return
            if r.status_code == 200:
                with lock:
                    acked.append((p.token, rid))
                    if len(acked) == 40:
                        server.proc.send_signal(signal.SIGKILL)
                        killed.set()

    run_together([threading.Thread(target=burst, args=(p,)) for p in phones])
    assert killed.is_set() and len(acked) >= 40
    server.proc.wait(10)
    db = sqlite3.connect(data / "workbench.sqlite")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = set(db.execute("SELECT p.token, v.request_id FROM votes v JOIN participants p "
                            "ON p.id = v.participant_id WHERE v.stage_id = ?", (stages["voting"]["id"],)))
    assert set(acked) <= stored, "an acknowledged dot was lost"
    orphans = db.execute("SELECT count(*) FROM votes v LEFT JOIN cards c ON c.id = v.card_id "
                         "LEFT JOIN participants p ON p.id = v.participant_id WHERE c.id IS NULL OR p.id IS NULL")
    assert orphans.fetchone()[0] == 0
    over = db.execute("SELECT count(*) FROM (SELECT participant_id, count(*) n FROM votes WHERE stage_id = ? "
                      "GROUP BY participant_id HAVING n > 10)", (stages["voting"]["id"],)).fetchone()[0]
    assert over == 0
    db.close()
    # The same server comes back on the same port; phones carry on with their identity and dots.
    server = Server(data, port=server.port).start()
    try:
        for p in phones:
            mine = sum(1 for token, _ in stored if token == p.token)
            assert p.state()["voting"]["used"] == mine
    finally:
        server.stop()


def test_a_flooding_device_is_slowed_down_with_a_clear_message(served):
    wb = Workbench(served.data_dir)
    s = wb.store.session("KARGO1")
    problems = next(x for x in wb.store.stages(s["id"]) if x["kind"] == "problems")
    wb.store.set_current_stage(s["id"], problems["id"])
    phone = Phone(served.base, "KARGO1")
    phone.join()
    codes = [phone.call("POST", "/cards", {"text": f"спам {i}"}).status_code for i in range(8)]
    assert codes[:5] == [201] * 5 and codes[5:] == [429] * 3
    r = phone.call("POST", "/cards", {"text": "ещё"})
    assert r.status_code == 429 and "wait" in r.json()["message"]
    mine = [c for c in phone.state()["cards"] if c["mine"]]
    assert len(mine) == 5
    other = Phone(served.base, "KARGO1")  # another phone is not affected
    other.join()
    assert other.call("POST", "/cards", {"text": "обычная карточка"}).status_code == 201
    wb.close()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-2**40, 2**40) | st.floats(allow_nan=False) | st.text(max_size=600),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=8)
bodies = st.dictionaries(st.sampled_from(["text", "card", "request_id", "token", "name", "sector", "stage"]),
                         json_values, max_size=4) | json_values


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.sampled_from(["/join", "/cards", "/vote", "/unvote", "/state"]), body=bodies,
       with_token=st.booleans())
def test_any_json_gets_a_clear_answer_never_a_server_error(served, path, body, with_token):
    phone = Phone(served.base, "KARGO1")
    if with_token:
        phone.token = _shared_token(served)
    method = "GET" if path == "/state" else "POST"
    r = phone.call(method, path, raw=json.dumps(body).encode())
    assert r.status_code in (200, 201, 304, 400, 401, 404, 409, 413, 429), (r.status_code, r.text)
    if r.status_code >= 400:
        answer = r.json()
        assert answer["error"] and answer["message"]


_tokens: dict = {}


def _shared_token(served) -> str:
    if served.base not in _tokens:
        p = Phone(served.base, "KARGO1")
        p.join()
        _tokens[served.base] = p.token
    return _tokens[served.base]


def test_store_stays_consistent_after_the_fuzzing(served):
    db = sqlite3.connect(served.data_dir / "workbench.sqlite")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    orphans = db.execute("SELECT count(*) FROM votes v LEFT JOIN cards c ON c.id = v.card_id "
                         "WHERE c.id IS NULL").fetchone()[0]
    assert orphans == 0
    db.close()


@pytest.mark.parametrize("path", ["/api/s/KARGO1/join", "/api/s/KARGO1/cards"])
def test_a_huge_body_is_refused_before_it_is_read(served, path):
    try:
        r = requests.post(served.base + path, data=b"x" * (2 * 1024 * 1024),
                          headers={"Content-Type": "application/json"}, timeout=30)
        assert r.status_code in (400, 413)
    except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError):
        pass  # tornado answers 400 and closes the connection while the client is still sending
    wait_for(lambda: requests.get(served.base + "/api/health", timeout=2).ok, message="server still up")
