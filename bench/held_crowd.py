"""A crowd of phones holding their polls while the facilitator renames the question: how long
until every phone has the new one. Smaller and quicker than `bench/participants.py` and aimed at
one thing (`web/hold.py`):

`.venv/bin/python bench/held_crowd.py [-n 1000] [--page held|interval] [--dots 0] [--renames 3] [--pin]`

One server process (`workbench serve`; `--pin`: on core 0) on a session whose vote is open with
`-n` phones joined; one client process (`--pin`: on core 1) keeps each phone's poll going as the
page does (`held`: `/state?wait=1&head=` asked again as soon as it is answered; `interval`: the
page before, every 2 s, the server's `phone_poll_hold` 0), and `--dots` dots a second from the
phones in turn. Every 6 s the question is renamed (from this process, as the facilitator's
laptop); for each rename it prints, in ms, when the server built each phone's first state with
the new question (its `server_time`: the server's part, whatever the client's speed) and when the
phone read it, p50 / p95 / max, the phones that never got it within 6 s, the server's CPU seconds
over those 6 s and the load average. Loopback only; bounded in count and time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from workbench.app import Workbench
from workbench.demo import random_session
from workbench.testing import Server, pct

sys.path.insert(0, str(Path(__file__).resolve().parent))
from keepalive import Connection  # noqa: E402  (bench/keepalive.py, beside this file)

GAP = 0.25  # held: the page asks again at once, never sooner than this after it last asked
EVERY = 2.0  # interval: the page before asked every phone_poll_interval (2 s)
SETTLE = 6.0  # seconds between renames (and how long a phone may take to show one)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Phone:
    def __init__(self, base: str, api: str, token: str):
        self.api, self.token = api, token
        self.conn, self.dots = Connection(base, 60), Connection(base, 60)
        self.etag, self.head, self.board = None, "", ""
        self.seen: dict[str, tuple[float, float]] = {}  # question -> (read at, built at)

    async def state(self, wait: bool) -> None:
        query = f"{self.api}/state?board={self.board}" + (f"&wait=1&head={self.head}" if wait and self.etag else "")
        headers = {"X-Device-Token": self.token}
        if self.etag:
            headers["If-None-Match"] = self.etag
        r = await self.conn.request("GET", query, headers=headers)
        if r.code == 200:
            self.etag = r.headers.get("etag")
            data = json.loads(r.body)
            self.board, self.head = data.get("board") or "", data.get("head") or ""
            self.seen.setdefault(data["stage"]["prompt"], (time.time(), data["server_time"]))

    async def poll_forever(self, held: bool, stop: asyncio.Event) -> None:
        await asyncio.sleep(random.random() * EVERY)  # the phones came at different times
        while not stop.is_set():
            start = time.monotonic()
            try:
                await self.state(held)
            except (ConnectionError, OSError, asyncio.TimeoutError) as exc:
                print("poll failed:", repr(exc), file=sys.stderr)
                await asyncio.sleep(1)
            await asyncio.sleep(max(0.0, start + (GAP if held else EVERY) - time.monotonic()))


def f(values: list[float]) -> str:
    return f"{pct(values, 50) * 1000:.0f} / {pct(values, 95) * 1000:.0f} / {max(values) * 1000:.0f}" if values else "-"


async def crowd(server, wb, code: str, vote: int, tokens: list[str], cards: list[int], args) -> None:
    api = f"/api/s/{code}"
    phones = [Phone(server.base, api, t) for t in tokens]
    for p in phones:
        await p.state(False)
    stop = asyncio.Event()
    pollers = [asyncio.ensure_future(p.poll_forever(args.page == "held", stop)) for p in phones]
    acks: list[float] = []

    async def dot(p: Phone, k: int) -> None:
        start = time.perf_counter()
        r = await p.dots.request("POST", api + "/vote", json={"card": cards[k % len(cards)], "request_id": f"d{k}"},
                                 headers={"X-Device-Token": p.token, "Content-Type": "application/json"})
        if r.code == 200:
            acks.append(time.perf_counter() - start)

    async def dots() -> None:
        k = 0
        while not stop.is_set():
            asyncio.ensure_future(dot(phones[k % len(phones)], k))
            k += 1
            await asyncio.sleep(1 / args.dots)
    doing = asyncio.ensure_future(dots()) if args.dots else None
    await asyncio.sleep(SETTLE)
    for r in range(args.renames):
        question = f"Вопрос {r + 1}"
        acks.clear()
        cpu0, t0 = cpu_seconds(server.proc.pid), time.time()
        wb.store.update_stage(vote, prompt=question)
        await asyncio.sleep(SETTLE)
        cpu = cpu_seconds(server.proc.pid) - cpu0
        got = [p.seen.get(question) for p in phones]
        read = [g[0] - t0 for g in got if g]
        built = [g[1] - t0 for g in got if g]
        print(f"{args.page} | {args.n} | {args.dots:g} | {f(built)} | {f(read)} | {got.count(None)} | "
              f"{f(acks)} | {cpu:.2f} | {os.getloadavg()[0]:.1f} |", flush=True)
    stop.set()
    for t in pollers + ([doing] if doing else []):
        t.cancel()
    await asyncio.gather(*pollers, return_exceptions=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=1000, help="phones")
    ap.add_argument("--page", choices=["held", "interval"], default="held")
    ap.add_argument("--dots", type=float, default=0.0, help="dots a second while the question is renamed")
    ap.add_argument("--renames", type=int, default=3)
    ap.add_argument("--pin", action="store_true", help="the server on core 0, the phones on core 1 (needs 2 cores)")
    args = ap.parse_args(argv)
    if args.pin:
        os.sched_setaffinity(0, {1})
    data = Path(tempfile.mkdtemp(prefix="wb-held-")) / "data"
    wb = Workbench(data)
    settings = {"join_burst_per_address": 100_000}
    if args.page == "interval":
        settings["phone_poll_hold"] = 0
    (data / "settings.json").write_text(json.dumps(settings))
    store = wb.store
    code = random_session(store, people=0, cards_per_stage=0, seed=7)
    sid = store.session(code)["id"]
    stages = {s["kind"]: s for s in store.stages(sid)}
    tokens = [store.join(sid, name=f"Участник {i}")["token"] for i in range(args.n)]
    for i in range(30):  # few ideas: the server's embedder is done with them before the first rename
        store.add_card(sid, stages["ideas"]["id"], f"Идея номер {i}", participant_id=i % args.n + 1)
    cards = [c["id"] for c in store.cards(sid, stages["ideas"]["id"])]
    vote = stages["voting"]["id"]
    store.update_stage(vote, voting_open=True, vote_budget=10 ** 9)
    store.set_current_stage(sid, vote)
    server = Server(data).start()
    try:
        if args.pin:
            os.sched_setaffinity(server.proc.pid, {0})
        print("| page | phones | dots/s | state built p50 / p95 / max ms | phone read p50 / p95 / max ms | "
              "never | dot ack p50 / p95 / max ms | server CPU s | load |")
        print("|---|---|---|---|---|---|---|---|---|")
        asyncio.run(crowd(server, wb, code, vote, tokens, cards, args))
    finally:
        server.stop()
        wb.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
