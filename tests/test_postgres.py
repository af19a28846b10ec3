"""Several server processes on one PostgreSQL: counts stay exact, the projector sees every dot
within a second, and a process killed mid-burst loses nothing it acknowledged."""

from __future__ import annotations

import signal
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from workbench.app import Workbench
from workbench.demo import load_demo
from workbench.store import Store
from workbench.store.schema import participants, votes
from workbench.testing import Phone, Server, run_together, wait_for

pytestmark = pytest.mark.served


@pytest.fixture
def pg_data(tmp_path, pg_url, monkeypatch):
    """A data folder whose store is the test's PostgreSQL database, with the demo loaded and
    voting open (budget 3) on the current stage. Servers started now inherit the URL."""
    monkeypatch.setenv("WORKBENCH_DATABASE_URL", pg_url)
    data = tmp_path / "data"
    wb = Workbench(data)
    code = load_demo(wb.store)
    s = wb.store.session(code)
    stages = {st["kind"]: st for st in wb.store.stages(s["id"])}
    wb.store.update_stage(stages["voting"]["id"], voting_open=True, vote_budget=3)
    wb.store.set_current_stage(s["id"], stages["voting"]["id"])
    wb.secrets()
    wb.close()
    return data, code, stages["voting"]["id"]


@pytest.fixture
def two_servers(pg_data):
    data = pg_data[0]
    servers = [Server(data), Server(data)]
    with ThreadPoolExecutor(2) as pool:  # start both at once, as systemd would
        list(pool.map(lambda s: s.start(), servers))
    yield servers
    for s in servers:
        s.stop()


def test_the_workbench_uses_postgresql_from_the_url(pg_data):
    wb = Workbench(pg_data[0])
    assert wb.store.postgres and not (pg_data[0] / "workbench.sqlite").exists()
    wb.close()


def test_two_processes_count_exactly_and_the_projector_sees_every_dot_within_a_second(pg_data, two_servers):
    from workbench.ui.projector import ProjectorView

    data, code, voting = pg_data
    a, b = two_servers
    assert a.token == b.token  # one secret for both processes
    phones = [Phone((a, b)[i % 2].base, code) for i in range(30)]
    for p in phones:
        p.join()
    cards = [c["id"] for c in phones[0].state()["cards"]]
    wb = Workbench(data)
    before = wb.store.count_votes(voting)
    view = ProjectorView(wb, code)
    view.viewed_stage_id = voting
    view.refresh()
    shown: list[tuple[float, dict]] = []
    stop = threading.Event()

    def projector():  # what a Voila page's watch loop does, at a faster pace
        while not stop.is_set():
            if view.check():
                shown.append((time.monotonic(), wb.store.vote_totals(voting)))
            time.sleep(0.05)

    watcher = threading.Thread(target=projector)
    watcher.start()
    acks: list[tuple[float, int]] = []
    lock = threading.Lock()

    def tap(args):
        i, k, via = args
        p = phones[i]
        # every tap is sent twice, through both processes (a retry after a lost answer)
        api = f"{(a, b)[via].base}/api/s/{code}"
        r = p.http.post(api + "/vote", json={"card": cards[(i + k) % len(cards)], "request_id": f"r{k}"},
                        headers={"X-Device-Token": p.token}, timeout=10)
        if r.status_code == 200:
            with lock:
                acks.append((time.monotonic(), cards[(i + k) % len(cards)]))
        return r.status_code, r.json()

    with ThreadPoolExecutor(16) as pool:
        answers = list(pool.map(tap, [(i, k, via) for i in range(30) for k in range(5) for via in (0, 1)]))
    assert {code_ for code_, _ in answers} <= {200, 409}
    assert all(a_["error"] == "vote_budget_exceeded" for c_, a_ in answers if c_ == 409)
    assert wb.store.count_votes(voting) - before == 30 * 3
    for p in phones:
        assert p.state()["voting"]["used"] == 3
    final = wb.store.vote_totals(voting)
    wait_for(lambda: shown and shown[-1][1] == final, timeout=2, message="the projector to show every dot")
    stop.set()
    watcher.join()
    # Each dot was on the projector within a second of its acknowledgement.
    first_seen = next(t for t, totals in shown if totals == final)
    last_ack = max(t for t, _ in acks)
    assert first_seen - last_ack < 1.0
    assert "data-card" in view.chart.value
    wb.close()


def test_a_process_killed_mid_burst_loses_nothing_acknowledged(pg_data, two_servers):
    data, code, voting = pg_data
    a, b = two_servers
    wb = Workbench(data)
    wb.store.update_stage(voting, vote_budget=10)
    phones = [Phone((a, b)[i % 2].base, code) for i in range(12)]
    for p in phones:
        p.join()
    cards = [c["id"] for c in phones[0].state()["cards"]]
    acked: list[tuple[str, str]] = []
    lock = threading.Lock()
    killed = threading.Event()

    def burst(p):
        for k in range(10):
            rid = uuid.uuid4().hex
            try:
                r = p.call("POST", "/vote", {"card": cards[k % len(cards)], "request_id": rid})
            except OSError:  # this phone's process is gone: go to the other
                p.api = p.api.replace(a.base, b.base)
                r = p.call("POST", "/vote", {"card": cards[k % len(cards)], "request_id": rid})
            if r.status_code == 200:
                with lock:
                    acked.append((p.token, rid))
                    if len(acked) == 40:
                        a.proc.send_signal(signal.SIGKILL)
                        killed.set()

    run_together([threading.Thread(target=burst, args=(p,)) for p in phones])
    assert killed.is_set() and a.proc.wait(10) == -signal.SIGKILL
    tokens = {p.token for p in phones}
    store = Store.open_url(wb.store.url)
    with store.read() as c:
        rows = [tuple(r) for r in c.execute(
            sa.select(participants.c.token, votes.c.request_id)
            .join(participants, participants.c.id == votes.c.participant_id)
            .where(votes.c.stage_id == voting)).all() if r[0] in tokens]
    assert set(acked) <= set(rows), "an acknowledged dot was lost"
    assert len(acked) == 12 * 10, "the surviving process took over every phone"
    assert len(rows) == len(set(rows)) == 12 * 10, "a retried dot counted twice"
    for p in phones:  # every phone, now on the survivor (one that had finished before the kill
        p.api = p.api.replace(a.base, b.base)  # never noticed it), sees its own dots
        assert p.state()["voting"]["used"] == 10
    store.close()
    wb.close()
