"""A district-wide vote on several server processes (issue 19) and guessing session codes
(issue 13): limits live in the store, so two `workbench serve` processes on one SQLite file
give a room one budget, not one per process; a state poll's 304 comes from the store's version;
an unknown session code tells a guesser nothing and guessing is throttled per client address."""

from __future__ import annotations

import json
import threading

import pytest
import sqlalchemy as sa

from workbench.app import Workbench
from workbench.demo import load_demo
from workbench.session.limits import SharedLimit
from workbench.store.schema import limits
from workbench.testing import Phone, Server, run_together, wait_for

ROOM = {"X-Forwarded-For": "203.0.113.7"}  # a room behind one NAT address, as nginx reports it
GUESSER = {"X-Forwarded-For": "198.51.100.66"}


@pytest.fixture(scope="module")
def two_processes(tmp_path_factory):
    """Two server processes on one data folder (one SQLite file), with small limits."""
    data = tmp_path_factory.mktemp("two") / "data"
    wb = Workbench(data)
    code = load_demo(wb.store, teams=False)
    sid = wb.store.session(code)["id"]
    ideas = next(st for st in wb.store.stages(sid) if st["kind"] == "ideas")
    wb.store.set_current_stage(sid, ideas["id"])
    wb.secrets()  # before the servers start, so they share it
    wb.close()
    (data / "settings.json").write_text(json.dumps({
        "join_burst_per_address": 6, "join_per_minute_per_address": 1,
        "contribution_burst": 4, "contribution_per_minute": 1,
        "unknown_code_burst": 3, "unknown_code_per_minute": 1}))
    servers = [Server(data).start(), Server(data).start()]
    yield servers, code
    for server in servers:
        server.stop()


def test_joins_from_one_address_are_limited_across_processes(two_processes):
    servers, code = two_processes
    answers = []
    for i in range(10):  # alternately to each process, as nginx would spread them
        answers.append(Phone(servers[i % 2].base, code).call("POST", "/join", {}, headers=ROOM))
    statuses = [r.status_code for r in answers]
    assert statuses == [200] * 6 + [429] * 4, statuses  # one burst of 6, not 6 per process
    assert answers[-1].json()["error"] == "join_too_many"


def test_cards_of_one_phone_are_limited_across_processes(two_processes):
    servers, code = two_processes
    phone = Phone(servers[0].base, code)
    phone.join()
    other = Phone(servers[1].base, code)
    other.token = phone.token  # the same phone, reaching the other process
    sent = [(phone if i % 2 == 0 else other).call("POST", "/cards", {"text": f"Идея {i}"}) for i in range(7)]
    assert [r.status_code for r in sent] == [201] * 4 + [429] * 3
    assert "wait" in sent[-1].json()["message"]
    mine = [c["text"] for c in phone.state()["cards"] if c["mine"]]
    assert sorted(mine) == [f"Идея {i}" for i in range(4)]  # the refused ones were not stored


def test_state_poll_is_304_until_anything_changes_and_shows_the_phones_own_write(two_processes):
    servers, code = two_processes
    phone = Phone(servers[0].base, code)
    phone.join()
    seen = {"etag": phone.call("GET", "/state").headers["ETag"]}

    def quiet():  # poll as the page does, with the last ETag: nothing changes, so 304s come
        r = phone.call("GET", "/state", headers={"If-None-Match": seen["etag"]})
        if r.status_code == 304:
            return not r.content
        seen["etag"] = r.headers["ETag"]
        return False
    wait_for(quiet, timeout=5, message="a 304 while nothing changes")
    assert quiet() and quiet()  # and they stay 304s
    etag = seen["etag"]
    # Another phone writes through the other process: this phone's next poll has it.
    writer = Phone(servers[1].base, code)
    writer.join()
    card = writer.call("POST", "/cards", {"text": "Новая тропа к озеру"}).json()

    def shows_it():
        r = phone.call("GET", "/state", headers={"If-None-Match": etag})
        assert r.status_code == 200  # the version moved: never a 304 for the old screen
        cards = {c["id"]: (c["text"], c["mine"]) for c in r.json()["cards"]}
        return r if cards.get(card["id"]) == ("Новая тропа к озеру", False) else None
    after = wait_for(shows_it, timeout=5, message="the other process's card on this phone")
    # Its own card, right after the answer, in the very next poll, marked as its own.
    mine = phone.call("POST", "/cards", {"text": "Мой вариант"}).json()
    own = phone.call("GET", "/state", headers={"If-None-Match": after.headers["ETag"]})
    assert own.status_code == 200
    assert {c["id"]: c["mine"] for c in own.json()["cards"]}[mine["id"]] is True
    assert {c["id"]: c["mine"] for c in own.json()["cards"]}[card["id"]] is False


def test_unknown_session_codes_tell_nothing_and_guessing_is_throttled(two_processes):
    servers, code = two_processes
    # A phone's calls answer an unknown code exactly as an unknown device token.
    unknown_code = Phone(servers[0].base, "NOPE42").call("GET", "/state", headers=GUESSER)
    unknown_token = Phone(servers[0].base, code).call("GET", "/state", headers=GUESSER)
    assert unknown_code.status_code == unknown_token.status_code == 401
    assert unknown_code.json() == unknown_token.json()
    neighbour = Phone(servers[0].base, code)
    neighbour.token = neighbour.call("POST", "/join", {}, headers=GUESSER).json()["token"]
    # Joins tell a mistyped code apart (the person must retype it), three times, then nothing.
    guesses = [Phone(servers[i % 2].base, f"NOPE{i:02d}").call("POST", "/join", {}, headers=GUESSER)
               for i in range(5)]
    assert [r.status_code for r in guesses] == [404, 404, 404, 429, 429]
    assert "NOPE00" in guesses[0].json()["message"]
    # The right code from that address now gets the same 429: the answer leaks nothing.
    right = Phone(servers[1].base, code).call("POST", "/join", {}, headers=GUESSER)
    assert right.status_code == 429
    # A participant of that address who comes back with their token is not locked out, and
    # another address joins as usual.
    back = neighbour.call("POST", "/join", {"token": neighbour.token}, headers=GUESSER)
    assert back.status_code == 200 and back.json()["token"] == neighbour.token
    assert Phone(servers[0].base, code).call("POST", "/join", {}, headers={"X-Forwarded-For": "192.0.2.5"}).status_code == 200


def test_a_shared_limit_holds_when_many_take_at_once(wb):
    """20 threads (as the pool of one process, or several processes) race for a burst of 5."""
    limit = SharedLimit(wb.store, "cards", burst=5, per_minute=0.001)
    taken, refused = [], []

    def take():
        try:
            with wb.store.transaction():
                limit.check(42)
            taken.append(1)
        except Exception as exc:  # TooMany
            refused.append(exc.key)
    run_together(threading.Thread(target=take) for _ in range(20))
    assert len(taken) == 5 and refused == ["too_many"] * 15


def test_buckets_nobody_touched_for_a_day_are_dropped_and_the_limit_still_holds(wb):
    """The limits table does not grow for ever: once an hour a limit drops the buckets untouched
    for a day; a phone still in its burst keeps its count."""
    now = [1_000_000.0]
    limit = SharedLimit(wb.store, "cards", burst=2, per_minute=1, clock=lambda: now[0])
    for phone in range(50):  # a day's crowd of phones, each card once
        limit.check(phone)
    now[0] += 2 * 86400  # two days later a new room arrives
    limit.check("late-1")
    limit.check("late-1")  # its burst used up
    with pytest.raises(Exception) as refused:
        limit.check("late-1")
    assert refused.value.key == "too_many"
    with wb.store.read() as c:
        keys = {r[0] for r in c.execute(sa.select(limits.c.key))}
    assert keys == {"cards:late-1"}  # yesterday's 50 buckets are gone


def test_one_process_embeds_for_all_sharing_a_store(wb):
    """On a server several processes share one PostgreSQL store: one of them runs the background
    embedder (not each, four times the work); when it is gone another takes over. SQLite: one
    process, always itself."""
    from workbench.store import Store

    first, second = Store.open_url(wb.store.url), Store.open_url(wb.store.url)
    try:
        assert first.leads("embedder") and first.leads("embedder")
        assert second.leads("embedder") is (not wb.store.postgres)
        first.close()
        assert second.leads("embedder")
    finally:
        first.close()
        second.close()


def test_a_leader_cut_off_from_postgresql_stops_embedding_and_another_takes_over(pg_url):
    """The embedder's lock lives on a connection: when PostgreSQL cuts it (a restart, an admin
    ending it), the process that led must not go on embedding beside the one that took over."""
    from workbench.store import Store

    first, second = Store.open_url(pg_url), Store.open_url(pg_url)
    try:
        assert first.leads("embedder") and not second.leads("embedder")
        with second.engine.connect() as admin:  # as `pg_terminate_backend` by an administrator
            ended = admin.execute(sa.text(
                "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND database = "
                "(SELECT oid FROM pg_database WHERE datname = current_database())")).scalars().all()
        assert ended == [True]
        # The server releases the lock as the ended backend exits: wait for that with a deadline.
        wait_for(lambda: second.leads("embedder"), timeout=10, message="the second process taking the lead")
        assert not first.leads("embedder")  # one embedder, not two
        second.close()
        assert first.leads("embedder")  # and back when the other is gone
    finally:
        first.close()
        second.close()


def test_the_join_pages_lookup_is_throttled_like_a_join(two_processes):
    """The join page asks which session a code is (its title on the page before "Войти"): a
    guesser learns no more there than by joining. Unknown codes cost the address its guesses."""
    servers, code = two_processes
    who = {"X-Forwarded-For": "198.51.100.77"}
    known = Phone(servers[0].base, code.lower()).call("GET", "/join", headers=who)
    assert known.status_code == 200 and known.json()["territory"] == "Каргопольский округ"
    guesses = [Phone(servers[i % 2].base, f"GUESS{i}").call("GET", "/join", headers=who) for i in range(5)]
    assert [r.status_code for r in guesses] == [404, 404, 404, 429, 429]
    assert Phone(servers[1].base, code).call("GET", "/join", headers=who).status_code == 429
    assert Phone(servers[1].base, code).call("POST", "/join", {}, headers=who).status_code == 429
