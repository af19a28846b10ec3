"""Capacity benchmark of the live loop: N phones join, write and vote against a real server.

    .venv/bin/python bench/participants.py [--sizes 50 150 300] [--window 10]
        [--backend sqlite|postgres] [--processes 1|2]

For each N it starts `workbench serve` on a free loopback port with a fresh data folder (with
`--backend postgres`: a fresh database on a throwaway PostgreSQL server it starts, durable
settings; with `--processes 2`: two server processes on that store, phone i talking to
process i mod 2, as nginx spreads them), then:
1. N phones join within the window (arrivals spread evenly): GET the page, POST join, GET state;
2. each phone adds one idea;
3. the facilitator opens voting; each phone casts its 3 dots within the window;
4. a projector runs in another process (the same ProjectorView.check() a Voila page runs) and
   records when each card's bar shows each acknowledged dot.
It prints a markdown table. Loopback only; bounded in count and time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest

from workbench.app import Workbench
from workbench.demo import random_session
from workbench.testing import Server, pct

TIMEOUT = 30.0


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


class Phone:
    def __init__(self, client: AsyncHTTPClient, base: str, code: str):
        self.client = client
        self.base = base
        self.code = code
        self.api = f"{base}/api/s/{code}"
        self.token = None
        self.bytes = 0

    async def call(self, method, url, body=None, gzip=False):
        headers = {"Content-Type": "application/json"}
        if self.token:
            headers["X-Device-Token"] = self.token
        if gzip:
            headers["Accept-Encoding"] = "gzip"
        req = HTTPRequest(url, method=method, headers=headers, request_timeout=TIMEOUT,
                          body=json.dumps(body) if body is not None else None,
                          decompress_response=not gzip)
        resp = await self.client.fetch(req, raise_error=False)
        if resp.code == 599:
            raise ConnectionError(str(resp.error))
        self.bytes += len(resp.body or b"") + sum(len(k) + len(v) + 4 for k, v in resp.headers.get_all())
        return resp

    async def join(self):
        page = await self.call("GET", f"{self.base}/s/{self.code}", gzip=True)
        assert page.code == 200, page.code
        r = await self.call("POST", self.api + "/join", {"name": "Участник"})
        self.token = json.loads(r.body)["token"]
        s = await self.call("GET", self.api + "/state")
        assert s.code == 200, s.code
        return json.loads(s.body)


async def spread(n, window, fn):
    """Start n tasks at evenly spread moments over `window` seconds; return their results."""
    async def one(i):
        await asyncio.sleep(window * i / n)
        t0 = time.perf_counter()
        try:
            res = await fn(i)
            return (time.perf_counter() - t0, res, None)
        except (ConnectionError, HTTPClientError, AssertionError, OSError) as exc:
            return (time.perf_counter() - t0, None, exc)
    return await asyncio.gather(*(one(i) for i in range(n)))


async def run_one(n: int, window: float, seed: int = 7, processes: int = 1, pg=None) -> dict:
    rng = random.Random(seed)
    tmp = Path(tempfile.mkdtemp(prefix="wb-bench-"))
    data = tmp / "data"
    if pg is not None:  # the servers and the projector process inherit the URL
        os.environ["WORKBENCH_DATABASE_URL"] = pg.create_database()
    wb = Workbench(data)
    wb.secrets()  # before the servers start, so they share it
    code = random_session(wb.store, people=0, cards_per_stage=0, seed=seed)
    sid = wb.store.session(code)["id"]
    stages = {s["kind"]: s for s in wb.store.stages(sid)}
    wb.store.set_current_stage(sid, stages["ideas"]["id"])
    servers = [Server(data) for _ in range(processes)]
    for server in servers:
        server.start()

    def rss():
        return sum(rss_kb(s.proc.pid) for s in servers)
    rss0 = rss()
    AsyncHTTPClient.configure(None, max_clients=max(10, n))
    client = AsyncHTTPClient()
    phones = [Phone(client, servers[i % processes].base, code) for i in range(n)]
    errors = 0
    try:
        t0 = time.perf_counter()
        joins = await spread(n, window, lambda i: phones[i].join())
        join_secs = time.perf_counter() - t0
        errors += sum(1 for j in joins if j[2])
        join_bytes = [p.bytes for p in phones]
        rss1 = rss()

        async def add(i):
            r = await phones[i].call("POST", phones[i].api + "/cards", {"text": f"Идея номер {i}: {rng.random()}"})
            assert r.code == 201, r.code
        adds = await spread(n, window / 2, add)
        errors += sum(1 for a in adds if a[2])
        cards = [c["id"] for c in wb.store.cards(sid, stages["ideas"]["id"])]
        wb.store.update_stage(stages["voting"]["id"], voting_open=True, vote_budget=3)
        wb.store.set_current_stage(sid, stages["voting"]["id"])

        queue, stop = mp.Queue(), mp.Event()
        proc = mp.get_context("fork").Process(target=watcher, args=(str(data), code, queue, stop))
        proc.start()
        assert queue.get(timeout=60)[0] == "ready"
        acks: list[tuple[float, int]] = []  # (ack wall time, card)

        async def vote(i):
            lat = []
            for k in range(3):
                card = rng.choice(cards)
                t0 = time.perf_counter()
                r = await phones[i].call("POST", phones[i].api + "/vote",
                                         {"card": card, "request_id": f"{i}-{k}"})
                lat.append(time.perf_counter() - t0)
                assert r.code == 200, (r.code, r.body)
                acks.append((time.time(), card))
            return lat
        t0 = time.perf_counter()
        votes = await spread(n, window, vote)
        vote_secs = time.perf_counter() - t0
        errors += sum(1 for v in votes if v[2])
        vote_lat = [x for v in votes if v[1] for x in v[1]]
        # Wait (bounded) until the projector has shown every acknowledged dot.
        shown: list[tuple[float, dict]] = []
        expected: dict[int, int] = {}
        for _, card in acks:
            expected[card] = expected.get(card, 0) + 1
        deadline = time.time() + 15
        while time.time() < deadline:
            try:
                kind, t, totals = queue.get(timeout=0.5)
            except Exception:
                continue
            shown.append((t, totals))
            if all(totals.get(c, 0) >= k for c, k in expected.items()):
                break
        stop.set()
        proc.join(10)
        # Latency of each dot: first projector refresh whose bar for that card reaches its rank.
        rank: dict[int, int] = {}
        proj_lat = []
        missing = 0
        for t_ack, card in sorted(acks):
            rank[card] = rank.get(card, 0) + 1
            seen = next((t for t, totals in shown if totals.get(card, 0) >= rank[card]), None)
            if seen is None:
                missing += 1
            else:
                proj_lat.append(max(0.0, seen - t_ack))
        stored = wb.store.count_votes(stages["voting"]["id"])
        rss2 = rss()
    finally:
        client.close()
        for server in servers:
            server.stop()
        wb.close()
        os.environ.pop("WORKBENCH_DATABASE_URL", None)
    return {
        "n": n, "backend": "postgres" if pg is not None else "sqlite", "processes": processes,
        "joins_per_s": (n - sum(1 for j in joins if j[2])) / join_secs,
        "votes_per_s": len(acks) / vote_secs, "join": [j[0] for j in joins if not j[2]], "vote": vote_lat, "projector": proj_lat,
        "errors": errors, "acked": len(acks), "stored": stored, "missing_on_projector": missing,
        "rss0_mb": rss0 / 1024, "rss_joined_mb": rss1 / 1024, "rss_end_mb": rss2 / 1024,
        "per_participant_kb": max(0.0, (rss2 - rss0) / n),
        "join_bytes": statistics.median(join_bytes) if join_bytes else 0,
    }


def table(results: list[dict]) -> str:
    def f(values):
        return f"{pct(values, 50) * 1000:.0f} / {pct(values, 95) * 1000:.0f} / {max(values) * 1000:.0f}" if values else "-"
    rows = ["| store | processes | N | joins/s | dots/s | join p50/p95/max ms | vote ack p50/p95/max ms | "
            "vote → projector p50/p95/max ms | errors | dots acked / stored | server RSS start → end MB | "
            "RSS per participant KB | bytes to join |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        rows.append(
            f"| {r['backend']} | {r['processes']} | {r['n']} | {r['joins_per_s']:.0f} | {r['votes_per_s']:.0f} | "
            f"{f(r['join'])} | {f(r['vote'])} | {f(r['projector'])} | {r['errors']} | "
            f"{r['acked']} / {r['stored']}{' ✓' if r['acked'] == r['stored'] else ' ✗'} | "
            f"{r['rss0_mb']:.0f} → {r['rss_end_mb']:.0f} | {r['per_participant_kb']:.0f} | {r['join_bytes']:.0f} |")
    return "\n".join(rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[50, 150, 300])
    ap.add_argument("--window", type=float, default=10.0, help="seconds over which joins and votes arrive")
    ap.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite",
                    help="the store: a SQLite file, or a PostgreSQL server started for the run")
    ap.add_argument("--processes", type=int, choices=[1, 2], default=1,
                    help="server processes sharing the store (2 needs --backend postgres)")
    args = ap.parse_args(argv)
    if args.processes > 1 and args.backend != "postgres":
        ap.error("several processes share a PostgreSQL store: add --backend postgres")
    pg = None
    if args.backend == "postgres":
        from workbench.pgtest import PgCluster

        pg = PgCluster(fast=False).start()  # fsync and synchronous commit on, as in production
    results = []
    try:
        for n in args.sizes:
            results.append(asyncio.run(run_one(n, args.window, processes=args.processes, pg=pg)))
            print(f"N={n} done", file=sys.stderr)
    finally:
        if pg is not None:
            pg.stop()
    print(table(results))
    bad = [r for r in results if r["acked"] != r["stored"] or r["errors"]]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
