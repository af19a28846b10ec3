"""Capacity benchmark of the live loop: N phones join, poll, write and vote as the page does.

    .venv/bin/python bench/participants.py [--sizes 300 1000] [--window 10]
        [--backend sqlite|postgres] [--processes 1|2|4] [--generators 2] [--sustain 5] [--pin]

For each N it starts `workbench serve` on a free loopback port with a fresh data folder (with
`--backend postgres`: a fresh database on a throwaway PostgreSQL server it starts, durable
settings; with `--processes 2|4`: that many server processes on that store, phone i talking to
process i mod P, as nginx spreads them). The phones run in `--generators` processes of their
own (multiprocessing), so the load generator does not starve the server's event loop. Each
phone behaves like `static/participant.html`:
1. it joins within the window (arrivals spread evenly): GET the page, POST join, GET state, then
   polls `/state` with `If-None-Match` (a 304 when nothing changed) and the tag of the board it
   holds (the ideas come again only when they changed) until the run ends: `--page held` (the
   page now) asks with `wait=1&head=` and again as soon as it is answered (the server holds it:
   `web/hold.py`), `--page interval` (the page before) every `phone_poll_interval` seconds;
2. it adds one idea, then asks for its state at once (held, beside the poll under way, which stays);
3. the facilitator opens voting; each phone casts its 3 dots within the window (the page draws
   the dot's answer; held, the poll under way stays, else it polls again only at its interval;
   an answer read before what the phone shows, by its `X-Version`, is not taken); halfway through, the facilitator renames the vote's question, and once the
   room is quiet again: when each phone first shows each question is "stage → phone";
4. a projector runs in another process (the same ProjectorView.check() a Voila page runs) and
   records when each card's bar shows each acknowledged dot.
Then the sustained rate: `--clients` phones tap dots as fast as they are answered for
`--sustain` seconds, against the workbench and then against a plain tornado handler on the same
store (one INSERT in one transaction per request, no rules) that this run starts itself; the
ratio of the two is the last column. It prints a markdown table. Loopback only; bounded in count
and time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import os
import queue as queue_mod
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from workbench import embeddings
from workbench.app import Workbench
from workbench.demo import random_session
from workbench.testing import Server, free_port, pct, wait_for

sys.path.insert(0, str(Path(__file__).resolve().parent))
from keepalive import Connection  # noqa: E402  (bench/keepalive.py, beside this file)

TIMEOUT = 30.0
CTX = mp.get_context("fork")
GAP = 0.25  # held: the page asks again at once, never sooner than this after it last asked
MARKS = ("Вопрос, переименованный во время голосования", "Вопрос, переименованный в тишине")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def watcher(data_dir: str, code: str, queue, stop) -> None:
    """The projector's code path: ProjectorView.check() at the configured interval."""
    from workbench.ui.projector import ProjectorView

    wb = Workbench(data_dir)
    view = ProjectorView(wb, code)
    voting = next(s for s in wb.store.stages(view.session["id"]) if s["kind"] == "voting")
    view.viewed_stage_id = voting["id"]
    view.refresh()
    interval = float(wb.settings["watch_interval"])
    queue.put(("ready", time.time(), {}))
    while not stop.is_set():
        if view.check():
            totals = {int(k): v for k, v in wb.store.vote_totals(voting["id"]).items()}
            # What the chart shows: parse nothing, the view drew from these same totals.
            queue.put(("shown", time.time(), totals))
        time.sleep(interval)
    wb.close()


# --- the phones, in generator processes ------------------------------------------------------------

class Phone:
    """One participant's page: its token, its ETag, its polling loop."""

    def __init__(self, base: str, code: str, poll: float, held: bool = True):
        # A browser keeps its connections open: one for the page's own polls, one for what the
        # person does (and the poll that follows it), so the two may overlap as on a phone.
        self.conn = Connection(base, timeout=TIMEOUT)
        self.poll_conn = Connection(base, timeout=TIMEOUT)
        self.code = code
        self.api = f"/api/s/{code}"
        self.poll_every = poll
        self.held = held
        self.token = None
        self.etag = None
        self.board = ""
        self.head = ""
        self.shown = None  # the X-Version of what the phone shows (the page's `shown`)
        self.seen: dict[str, float] = {}  # a stage question -> when this phone first had it
        self.built: dict[str, float] = {}  # ... and when the server built that state (its server_time)
        self.poller: asyncio.Future | None = None
        self.polls = self.not_modified = self.poll_errors = 0

    @property
    def bytes(self) -> int:
        return self.conn.bytes + self.poll_conn.bytes

    async def call(self, method, path, body=None, gzip=False, etag=None, conn=None):
        headers = {"Content-Type": "application/json"}
        if self.token:
            headers["X-Device-Token"] = self.token
        if gzip:
            headers["Accept-Encoding"] = "gzip"
        if etag:
            headers["If-None-Match"] = etag
        return await (conn or self.conn).request(method, path, headers=headers, json=body)

    async def state(self, conditional: bool = True, background: bool = False, wait: bool = False):
        # As the page: the tag of the board it holds, so the ideas come only when they changed.
        query = f"{self.api}/state?board={self.board}"
        if wait and conditional and self.etag:
            query += f"&wait=1&head={self.head}"
        r = await self.call("GET", query, etag=self.etag if conditional else None,
                            conn=self.poll_conn if background else None)
        self.polls += 1
        if r.code == 304:
            self.not_modified += 1
        elif r.code == 200 and self.older(r.headers.get("x-version")):
            pass  # read before what the phone shows (its dot's answer came first): not taken
        elif r.code == 200:
            self.etag = r.headers.get("etag")  # keepalive.Connection lowercases header names
            self.shown = r.headers.get("x-version") or self.shown
            data = json.loads(r.body)
            self.board, self.head = data.get("board") or "", data.get("head") or ""
            prompt = (data.get("stage") or {}).get("prompt")
            self.seen.setdefault(prompt, time.time())
            self.built.setdefault(prompt, data.get("server_time"))
        else:
            self.poll_errors += 1
        return r

    def older(self, version: str | None) -> bool:
        """Whether an answer of `version` (`X-Version`) was read before what the phone shows: as
        the page's `older()`, the same server process and no part of the version later."""
        if not version or not self.shown:
            return False
        (a, x), (b, y) = version.split(":"), self.shown.split(":")
        x, y = [int(p) for p in x.split(".")], [int(p) for p in y.split(".")]
        return a == b and len(x) == len(y) and all(p <= q for p, q in zip(x, y, strict=True)) and x != y

    def took(self, r) -> None:
        """A dot's answer drawn: what the phone shows is now of its version (unless older)."""
        version = r.headers.get("x-version")
        if version and not self.older(version):
            self.shown = version

    async def join(self):
        page = await self.call("GET", f"/s/{self.code}", gzip=True)
        assert page.code == 200, page.code
        r = await self.call("POST", self.api + "/join", {"name": "Участник"})
        assert r.code == 200, (r.code, r.body)
        self.token = json.loads(r.body)["token"]
        s = await self.state(conditional=False)
        assert s.code == 200, s.code

    async def poll_forever(self, stop: asyncio.Event, delay: float | None = None):
        await asyncio.sleep(random.random() * self.poll_every if delay is None else delay)
        while not stop.is_set():
            start, pause = time.monotonic(), self.poll_every
            try:
                await self.state(background=True, wait=self.held)
                if self.held:
                    pause = max(0.0, start + GAP - time.monotonic())
            except (ConnectionError, OSError, asyncio.TimeoutError, ValueError):
                self.poll_errors += 1
            try:
                await asyncio.wait_for(stop.wait(), pause)
            except asyncio.TimeoutError:
                pass

    def start_polling(self, stop: asyncio.Event, delay: float | None = None) -> None:
        """Poll from now on (once joined); a poll under way is dropped (its connection closed)
        first, as the page's is when it replaces it."""
        if self.poller is not None and not self.poller.done():
            self.poller.cancel()
            self.poll_conn.close()
        self.poller = asyncio.ensure_future(self.poll_forever(stop, delay))


def generator(index: int, bases: list[str], code: str, slots: list[int], n: int, window: float,
              poll: float, commands, results, held: bool = True) -> None:
    """A load-generator process: the phones `slots` (of n), driven by commands from the parent."""
    asyncio.run(_generator(index, bases, code, slots, n, window, poll, commands, results, held))


async def _generator(index, bases, code, slots, n, window, poll, commands, results, held):
    loop = asyncio.get_running_loop()
    phones = {i: Phone(bases[i % len(bases)], code, poll, held) for i in slots}
    stop = asyncio.Event()

    async def command():
        while True:
            try:
                return await loop.run_in_executor(None, commands.get, True, 0.5)
            except queue_mod.Empty:
                continue

    while True:
        cmd, t0, arg = await command()
        # Everyone's schedule is one timeline: slot i of n starts at t0 + window * i / n.
        if cmd == "join":
            async def join(i):
                await phones[i].join()
                phones[i].start_polling(stop)
            out = await _on_timeline(slots, n, window, join, t0)
            results.put(("join", index, [(lat, err) for lat, _, err in out],
                         [phones[i].bytes for i in slots]))
        elif cmd == "add":
            async def add(i):
                r = await phones[i].call("POST", phones[i].api + "/cards", {"text": f"Идея номер {i}: {random.random()}"})
                assert r.code == 201, (r.code, r.body)
                await phones[i].state()  # (the page's: beside its held poll, which stays)
            out = await _on_timeline(slots, n, window, add, t0)
            results.put(("add", index, [(lat, err) for lat, _, err in out], None))
        elif cmd == "vote":
            cards = arg
            rng = random.Random(index)

            async def vote(i, rng=rng, cards=cards):
                acks = []
                for k in range(3):
                    card = rng.choice(cards)
                    start = time.perf_counter()
                    r = await phones[i].call("POST", phones[i].api + "/vote", {"card": card, "request_id": f"{i}-{k}"})
                    lat = time.perf_counter() - start
                    assert r.code == 200, (r.code, r.body)
                    acks.append((lat, time.time(), card))  # the page draws the answer: no poll
                    phones[i].took(r)  # (held: the poll under way stays, as the page's)
                return acks
            out = await _on_timeline(slots, n, window, vote, t0)
            results.put(("vote", index, [(res, err) for _, res, err in out], None))
        elif cmd == "stop":
            stop.set()
            pollers = [p.poller for p in phones.values() if p.poller is not None]
            for p in pollers:
                p.cancel()  # a held poll is dropped, not waited for
            await asyncio.gather(*pollers, return_exceptions=True)
            results.put(("polls", index, [(p.polls, p.not_modified, p.poll_errors, *(p.seen.get(m) for m in MARKS),
                                           *(p.built.get(m) for m in MARKS))
                                          for p in phones.values()], None))
            for p in phones.values():
                p.conn.close()
                p.poll_conn.close()
            return


async def _on_timeline(slots, n, window, fn, t0):
    """fn(i) for each slot i at t0 + window * i / n (monotonic, one timeline for every generator
    process); (latency, result, error) for each."""
    async def at(i):
        await asyncio.sleep(max(0.0, t0 + window * i / n - time.monotonic()))
        start = time.perf_counter()
        try:
            res = await fn(i)
            return (time.perf_counter() - start, res, None)
        except (ConnectionError, AssertionError, OSError, asyncio.TimeoutError, ValueError) as exc:
            return (time.perf_counter() - start, None, repr(exc))
    return await asyncio.gather(*(at(i) for i in slots))


# --- the sustained rate, against the workbench and against a plain handler ---------------------------

def plain_server(url: str, port: int) -> None:
    """A plain tornado handler on the same store: POST /vote inserts one row in one transaction,
    no rules, no ORM. The reference the workbench's write path is compared with."""
    import tornado.ioloop
    import tornado.web

    if url.startswith("sqlite"):
        import sqlite3

        conn = sqlite3.connect(url.split("///", 1)[1], isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("CREATE TABLE IF NOT EXISTS plain_votes (id INTEGER PRIMARY KEY, token TEXT, card INTEGER, "
                     "request_id TEXT, created_at REAL)")

        def insert(token, card, rid):
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO plain_votes (token, card, request_id, created_at) VALUES (?, ?, ?, ?)",
                         (token, card, rid, time.time()))
            conn.execute("COMMIT")
    else:
        import psycopg

        from workbench.store.pg import engine_url

        conn = psycopg.connect(engine_url(url).set(drivername="postgresql").render_as_string(hide_password=False))
        conn.execute("SELECT pg_advisory_xact_lock(7)")  # several plain processes start at once
        conn.execute("CREATE TABLE IF NOT EXISTS plain_votes (id SERIAL PRIMARY KEY, token TEXT, card INTEGER, "
                     "request_id TEXT, created_at DOUBLE PRECISION)")
        conn.commit()

        def insert(token, card, rid):
            conn.execute("INSERT INTO plain_votes (token, card, request_id, created_at) VALUES (%s, %s, %s, %s)",
                         (token, card, rid, time.time()))
            conn.commit()

    class Vote(tornado.web.RequestHandler):
        def check_xsrf_cookie(self):
            return None

        def post(self):
            data = json.loads(self.request.body)
            insert(self.request.headers.get("X-Device-Token"), int(data["card"]), data.get("request_id"))
            self.finish({"ok": True})

    tornado.web.Application([(r"/vote", Vote)]).listen(port, "127.0.0.1")
    tornado.ioloop.IOLoop.current().start()


def tapper(urls: list[str], tokens: list[str], card: int, seconds: float, results) -> None:
    """Taps dots as fast as they are answered, one request at a time per token, for `seconds`."""
    asyncio.run(_tapper(urls, tokens, card, seconds, results))


async def _tapper(urls, tokens, card, seconds, results):
    deadline = time.monotonic() + seconds
    acked, errors = [0], [0]

    async def one(k, token):
        base, path = urls[k % len(urls)].split("/", 3)[2], "/" + urls[k % len(urls)].split("/", 3)[3]
        conn = Connection("http://" + base, timeout=TIMEOUT)
        i = 0
        while time.monotonic() < deadline:
            i += 1
            try:
                r = await conn.request("POST", path, headers={"Content-Type": "application/json",
                                                              "X-Device-Token": token},
                                       json={"card": card, "request_id": f"s{i}"})
            except (ConnectionError, OSError, asyncio.TimeoutError):
                errors[0] += 1
                continue
            if r.code == 200:
                acked[0] += 1
            else:
                errors[0] += 1
        conn.close()
    start = time.monotonic()
    await asyncio.gather(*(one(k, t) for k, t in enumerate(tokens)))
    results.put((acked[0], errors[0], time.monotonic() - start))


def sustained(urls: list[str], tokens: list[str], card: int, seconds: float, generators: int) -> tuple[float, int, int]:
    """(dots/s, acked, errors) of `tokens` tapping at once from `generators` processes."""
    results = CTX.Queue()
    share = [tokens[g::generators] for g in range(generators)]
    procs = [CTX.Process(target=tapper, args=(urls, s, card, seconds, results)) for s in share if s]
    for p in procs:
        p.start()
    got = [results.get(timeout=seconds + 60) for _ in procs]
    for p in procs:
        p.join(10)
    acked, errors = sum(g[0] for g in got), sum(g[1] for g in got)
    return acked / max(g[2] for g in got), acked, errors


# --- one run --------------------------------------------------------------------------------------

def wait_for_vectors(store) -> None:
    """Until the server's background embedder has stored every idea's vectors (its writes move
    the store's version: a measurement of quiet polls starts after them)."""
    wait_for(lambda: not any(store.cards_without_vectors(m, 1) for m in embeddings.models()), timeout=300,
             message="the ideas' vectors")


def _pin(pid: int, cpus: set[int] | None) -> None:
    """Every thread of `pid` (threads started later inherit it from their starter)."""
    if cpus:
        for tid in os.listdir(f"/proc/{pid}/task") if pid else [0]:
            os.sched_setaffinity(int(tid), cpus)


def run_one(n: int, window: float, processes: int = 1, pg=None, generators: int = 2,
            clients: int = 32, sustain: float = 5.0, seed: int = 7, pin: bool = False, held: bool = True) -> dict:
    """`pin`: the server processes (and the plain handler) get core 0 to themselves, the load
    generators and the projector core 1, as a laptop with a phone crowd on other machines would
    (this process pins itself, so every process it starts begins on core 1)."""
    server_cpus = load_cpus = None
    if pin:
        server_cpus, load_cpus = {0}, {1}
        _pin(0, load_cpus)
    tmp = Path(tempfile.mkdtemp(prefix="wb-bench-"))
    data = tmp / "data"
    if pg is not None:  # the servers and the projector process inherit the URL
        os.environ["WORKBENCH_DATABASE_URL"] = pg.create_database()
    wb = Workbench(data)
    wb.secrets()  # before the servers start, so they share it
    # Every phone comes from 127.0.0.1 here: a district-wide vote comes from many addresses.
    (data / "settings.json").write_text(json.dumps({"join_burst_per_address": 100_000}))
    code = random_session(wb.store, people=0, cards_per_stage=0, seed=seed)
    sid = wb.store.session(code)["id"]
    stages = {s["kind"]: s for s in wb.store.stages(sid)}
    wb.store.set_current_stage(sid, stages["ideas"]["id"])
    poll = float(wb.settings["phone_poll_interval"])
    hold = float(wb.settings["phone_poll_hold"]) if held else 0.0
    servers = [Server(data) for _ in range(processes)]
    for server in servers:
        server.start()
        _pin(server.proc.pid, server_cpus)

    def rss():
        return sum(rss_kb(s.proc.pid) for s in servers)
    rss0 = rss()
    cpu0 = sum(cpu_seconds(s.proc.pid) for s in servers)
    generators = max(1, min(generators, n))
    commands = [CTX.Queue() for _ in range(generators)]
    results = CTX.Queue()
    gens = [CTX.Process(target=generator, args=(g, [s.base for s in servers], code, list(range(g, n, generators)),
                                                n, window, poll, commands[g], results, held))
            for g in range(generators)]
    for g in gens:
        g.start()

    def phase(cmd, arg=None, lead=0.5):
        """Every generator does `cmd` on one timeline starting `lead` s from now; (wall start, answers)."""
        t0 = time.monotonic() + lead
        for q in commands:
            q.put((cmd, t0, arg))
        got = [results.get(timeout=window + 120) for _ in gens]
        return time.time() - (time.monotonic() - t0), got

    proc = None
    room_start = time.time()
    try:
        t0, got = phase("join")
        joins = [x for _, _, lat, _ in got for x in lat]
        join_secs = time.time() - t0
        join_bytes = [b for *_, bs in got for b in bs]
        errors = sum(1 for _, err in joins if err)
        _, got = phase("add", lead=0.2)
        errors += sum(1 for _, _, lat, _ in got for _, err in lat if err)
        cards = [c["id"] for c in wb.store.cards(sid, stages["ideas"]["id"])]
        wb.store.update_stage(stages["voting"]["id"], voting_open=True, vote_budget=3)
        wb.store.set_current_stage(sid, stages["voting"]["id"])

        queue, stop = CTX.Queue(), CTX.Event()
        proc = CTX.Process(target=watcher, args=(str(data), code, queue, stop))
        proc.start()
        assert queue.get(timeout=60)[0] == "ready"
        renamed: list[float] = []

        def rename(question):  # the facilitator's laptop (another process, as a Voila kernel)
            wb.store.update_stage(stages["voting"]["id"], prompt=question)
            renamed.append(time.time())
        halfway = threading.Timer(0.2 + window / 2, rename, (MARKS[0],))
        halfway.start()
        t0, got = phase("vote", cards, lead=0.2)
        halfway.join()
        vote_results = [r for _, _, rs, _ in got for r in rs]
        acks = [a for res, _ in vote_results if res for a in res]
        vote_secs = max((t for _, t, _ in acks), default=time.time()) - t0
        errors += sum(1 for _, err in vote_results if err)
        # Wait (bounded) until the projector has shown every acknowledged dot.
        shown: list[tuple[float, dict]] = []
        expected: dict[int, int] = {}
        for _, _, card in acks:
            expected[card] = expected.get(card, 0) + 1
        deadline = time.time() + 15
        while time.time() < deadline:
            try:
                kind, t, totals = queue.get(timeout=0.5)
            except queue_mod.Empty:
                continue
            shown.append((t, totals))
            if all(totals.get(c, 0) >= k for c, k in expected.items()):
                break
        stop.set()
        proc.join(10)
        rank: dict[int, int] = {}
        proj_lat, missing = [], 0
        for _, t_ack, card in sorted(acks, key=lambda a: a[1]):
            rank[card] = rank.get(card, 0) + 1
            seen = next((t for t, totals in shown if totals.get(card, 0) >= rank[card]), None)
            if seen is None:
                missing += 1
            else:
                proj_lat.append(max(0.0, seen - t_ack))
        stored = wb.store.count_votes(stages["voting"]["id"])
        rss2 = rss()
        server_cpu = sum(cpu_seconds(s.proc.pid) for s in servers) - cpu0
        try:
            wait_for_vectors(wb.store)  # the server's background embedder done with the ideas: no write left
        except AssertionError:  # a loaded machine starves the niced embedder: the room is measured anyway
            print("the embedder had not stored every idea's vectors after 300 s: the quiet room still had "
                  "its writes", file=sys.stderr)
        rename(MARKS[1])
        # a quiet room: every phone polls twice more (held: its poll is answered 304 after the hold)
        time.sleep(max(2 * poll + 0.5, hold + 2))
        _, got = phase("stop", lead=0)
        polls = [p for _, _, ps, _ in got for p in ps]
        to_phone = [[p[3 + k] - renamed[k] for p in polls if p[3 + k] is not None] for k in range(2)]
        # the server's part of it: when the state the phone first showed it in was built (one clock)
        to_server = [[p[5 + k] - renamed[k] for p in polls if p[5 + k] is not None] for k in range(2)]
        unseen = sum(1 for p in polls for k in range(2) if p[3 + k] is None)
        for g in gens:
            g.join(10)
        gens = []

        # The sustained rate: the workbench, then the plain handler, on the same store.
        rate = ratio = plain = float("nan")
        sustained_lost = 0
        if sustain > 0:
            wb.store.update_stage(stages["voting"]["id"], voting_open=True, vote_budget=10 ** 9)
            from workbench.testing import Phone as SyncPhone
            tappers = []
            for k in range(clients):
                p = SyncPhone(servers[k % processes].base, code)
                p.join()
                tappers.append(p.token)
            before = wb.store.count_votes(stages["voting"]["id"])
            urls = [f"{s.base}/api/s/{code}/vote" for s in servers]
            rate, acked_s, _ = sustained(urls, tappers, cards[0], sustain, generators)
            sustained_lost = abs(wb.store.count_votes(stages["voting"]["id"]) - before - acked_s)
            for server in servers:
                server.stop()  # the plain handler gets the cores to itself, as the workbench had
            plain_procs = []
            plain_urls = []
            for _ in range(processes):
                port = free_port()
                pp = CTX.Process(target=plain_server, args=(wb.store.url, port))
                pp.start()
                _pin(pp.pid, server_cpus)
                plain_procs.append(pp)
                plain_urls.append(f"http://127.0.0.1:{port}/vote")
            from workbench.testing import Http

            for u in plain_urls:
                wait_for(lambda u=u: _answers(Http(), u), timeout=30, message="the plain handler")
            plain, _, _ = sustained(plain_urls, tappers, cards[0], sustain, generators)
            for pp in plain_procs:
                pp.terminate()
                pp.join(10)
            ratio = rate / plain if plain else float("nan")
    finally:
        for g in gens:
            g.kill()
        if proc is not None and proc.is_alive():
            proc.kill()
        for server in servers:
            server.stop()
        wb.close()
        os.environ.pop("WORKBENCH_DATABASE_URL", None)
    ok_joins = [lat for lat, err in joins if not err]
    return {
        "n": n, "backend": "postgres" if pg is not None else "sqlite", "processes": processes,
        "generators": generators, "cores": len(os.sched_getaffinity(0)) if not pin else 2, "pinned": pin,
        "joins_per_s": len(ok_joins) / join_secs,
        "votes_per_s": len(acks) / max(vote_secs, 1e-9), "join": ok_joins,
        "vote": [lat for lat, _, _ in acks], "projector": proj_lat,
        "errors": errors, "acked": len(acks), "stored": stored, "missing_on_projector": missing,
        "polls": sum(p[0] for p in polls), "not_modified": sum(p[1] for p in polls),
        "poll_errors": sum(p[2] for p in polls),
        "server_cpu_s": server_cpu, "room_s": time.time() - room_start,
        "rss0_mb": rss0 / 1024, "rss_end_mb": rss2 / 1024,
        "per_participant_kb": max(0.0, (rss2 - rss0) / n),
        "join_bytes": statistics.median(join_bytes) if join_bytes else 0,
        "sustained": rate, "plain": plain, "ratio": ratio, "sustained_lost": sustained_lost,
        "stage_voting": to_phone[0], "stage_quiet": to_phone[1], "unseen": unseen,
        "built_voting": to_server[0], "built_quiet": to_server[1],
        "page": "held" if held else f"{poll:g} s polls",
    }


def _answers(http, url) -> bool:
    try:
        return http.post(url, json={"card": 0, "request_id": "warm"}, timeout=2).status_code == 200
    except OSError:
        return False


def table(results: list[dict]) -> str:
    def f(values):
        return f"{pct(values, 50) * 1000:.0f} / {pct(values, 95) * 1000:.0f}" if values else "-"
    rows = ["| store | processes | N | join p50/p95 ms | dot ack p50/p95 ms | dot → projector p50/p95 ms | "
            "dots/s offered | polls (304) | server CPU s / room s | errors | dots acked / stored | RSS per participant KB | bytes to join | "
            "sustained dots/s | plain handler dots/s | ratio | stage → phone p50/p95 ms, voting / quiet | "
            "stage → state built p50/p95 ms, voting / quiet | page |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        rows.append(
            f"| {r['backend']} | {r['processes']} | {r['n']} | {f(r['join'])} | {f(r['vote'])} | "
            f"{f(r['projector'])} | {r['votes_per_s']:.0f} | {r['polls']} ({r['not_modified']}) | "
            f"{r['server_cpu_s']:.0f} / {r['room_s']:.0f} | "
            f"{r['errors'] + r['poll_errors']} | "
            f"{r['acked']} / {r['stored']}{' ✓' if r['acked'] == r['stored'] else ' ✗'} | "
            f"{r['per_participant_kb']:.0f} | {r['join_bytes']:.0f} | {r['sustained']:.0f} | {r['plain']:.0f} | "
            f"{r['ratio']:.2f} | {f(r['stage_voting'])}, {f(r['stage_quiet'])}"
            f"{'' if not r['unseen'] else ' (' + str(r['unseen']) + ' never)'} | "
            f"{f(r['built_voting'])}, {f(r['built_quiet'])} | {r['page']} |")
    return "\n".join(rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[300, 1000])
    ap.add_argument("--window", type=float, default=10.0, help="seconds over which joins and votes arrive")
    ap.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite",
                    help="the store: a SQLite file, or a PostgreSQL server started for the run")
    ap.add_argument("--processes", type=int, nargs="+", default=[1],
                    help="server processes sharing the store, one run each (several need --backend postgres)")
    ap.add_argument("--generators", type=int, default=2, help="load-generator processes")
    ap.add_argument("--clients", type=int, default=32, help="phones tapping at once for the sustained rate")
    ap.add_argument("--sustain", type=float, default=5.0, help="seconds of the sustained rate (0: skip it)")
    ap.add_argument("--page", choices=["held", "interval"], default="held",
                    help="the phone page polling as now (held polls) or as before (every phone_poll_interval)")
    ap.add_argument("--pin", action="store_true",
                    help="server processes on core 0, load generators and projector on core 1 (needs 2 cores)")
    args = ap.parse_args(argv)
    if max(args.processes) > 1 and args.backend != "postgres":
        ap.error("several processes share a PostgreSQL store: add --backend postgres")
    pg = None
    if args.backend == "postgres":
        from workbench.pgtest import PgCluster

        pg = PgCluster(fast=False).start()  # fsync and synchronous commit on, as in production
    results = []
    try:
        for processes in args.processes:
            for n in args.sizes:
                results.append(run_one(n, args.window, processes=processes, pg=pg, generators=args.generators,
                                       clients=args.clients, sustain=args.sustain, pin=args.pin,
                                       held=args.page == "held"))
                print(table(results[-1:]).splitlines()[-1], file=sys.stderr)  # kept if a later run fails
    finally:
        if pg is not None:
            pg.stop()
    print(table(results))
    r0 = results[0]
    if args.pin:
        print("\ncores: core 0 for the server processes (and the plain handler), core 1 for "
              f"{r0['generators']} load-generator processes and the projector process"
              + (", PostgreSQL unpinned" if pg is not None else "")
              + f"; load average at the end: {os.getloadavg()[0]:.1f}")
        return 1 if any(r["acked"] != r["stored"] or r["errors"] or r["sustained_lost"] or r["unseen"]
                        for r in results) else 0
    print(f"\ncores: {r0['cores']} shared by the server processes, {r0['generators']} load-generator processes, "
          "the projector process" + (" and PostgreSQL" if pg is not None else "")
          + f"; load average at the end: {os.getloadavg()[0]:.1f}")
    bad = [r for r in results if r["acked"] != r["stored"] or r["errors"] or r["sustained_lost"] or r["unseen"]]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
