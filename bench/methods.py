"""Benchmark of every decision method at room scale: N phones through a whole round of each.

    .venv/bin/python bench/methods.py [--phones 300] [--window 20] [--think 2]
        [--methods dots matrix pairwise ranking statements]

For each method it starts `workbench serve` on a free loopback port with a fresh data folder,
lets N phones join over the documented JSON API, opens the round and has every phone vote as
the participant page does (POST the ballot, then GET /state for what comes next; a phone
that waits polls /state every `phone_poll_interval` seconds with its ETag):
- dots: 3 dots on 30 ideas;            - matrix: impact and feasibility of 6 ideas;
- pairwise: 10 judgements on 30 ideas; - ranking: one order of 6 ideas;
- statements: agree/disagree/pass on 40 statements.
Phones start evenly over `--window` seconds and wait `--think` seconds (± 50 %) before each
ballot. A projector runs in another process exactly as in a Voila kernel: a `ProjectorView`
whose `watch()` task runs on an asyncio event loop.

Printed per method (a markdown table):
- ballot ack p95: the time for the server to answer a ballot;
- ballot → projector p95: from a ballot's answer to the projector showing results that count
  at least as many ballots as had been answered by then;
- projector refresh p95 / max: the time one refresh holds the projector's event loop;
- results p95: from asking for new results to showing them live (the projector's worker
  thread: the fit and the figures; the files to download follow when the ballots pause);
  results fit: the method's results on the final ballots, once, cold;
- server CPU s per 1,000 ballots (polls included), the ballots answered / stored, errors.
Goals on a 2-core laptop: ack p95 <= 0.3 s, ballot -> projector p95 <= 1 s, refresh <= 0.5 s,
nothing lost. Exit status 1 when a ballot is lost or a request fails (never on timing).
Loopback only; bounded in count and time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest

from workbench.app import Workbench
from workbench.demo import random_session
from workbench.testing import Server, pct

TIMEOUT = 30.0
METHODS = ("dots", "matrix", "pairwise", "ranking", "statements")
# Cards on the stage each method works on, and ballots (POSTs) per phone.
CARDS = {"dots": 30, "matrix": 6, "pairwise": 30, "ranking": 6, "statements": 40}
BALLOTS = {"dots": 3, "matrix": 6, "pairwise": 10, "ranking": 1, "statements": 40}
TABLE = {"dots": "votes", "matrix": "ratings", "pairwise": "comparisons", "ranking": "rankings"}


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


# --- the projector, in its own process, as a Voila kernel runs it ---------------------------------

def projector(data_dir: str, code: str, stage_id: int, method: str, rows_per_ballot: int,
              queue, stop) -> None:
    """`ProjectorView.watch()` on an asyncio loop; reports what was drawn and when."""
    from workbench.ui.projector import ProjectorView

    wb = Workbench(data_dir)
    view = ProjectorView(wb, code)
    view.viewed_stage_id = stage_id
    view.refresh()
    refreshes: list[float] = []  # seconds each refresh held the event loop
    computes: list[float] = []  # seconds from asking for results to drawing them
    stalls: list[float] = []
    started: dict = {}

    real_refresh = view.refresh
    statement_total = [0]

    def refresh():
        t0 = time.perf_counter()
        real_refresh()
        refreshes.append(time.perf_counter() - t0)
        if method == "statements":  # the counts on the cards are drawn in the refresh itself
            queue.put(("shown", (time.time(), statement_total[0])))
    view.refresh = refresh
    if method == "statements":
        real_counts = wb.store.statement_counts

        def counts(sid):
            out = real_counts(sid)
            statement_total[0] = sum(sum(v.values()) for v in out.values())
            return out
        wb.store.statement_counts = counts
    else:
        real_draw, real_shown = view._draw_results, view._results_shown

        def draw_results(key, draw, loop, rows=None):
            started[key] = time.perf_counter()
            real_draw(key, draw, loop, rows)

        def results_shown(key, html, ok):
            real_shown(key, html, ok)
            if key in started:  # the live results (the files to download come after)
                computes.append(time.perf_counter() - started.pop(key))
            if view._results_key == key:  # on screen: count the ballots by the mark it was keyed on
                queue.put(("shown", (time.time(), key[3][0] // rows_per_ballot)))
        view._draw_results, view._results_shown = draw_results, results_shown

    async def main():
        view.watch()
        queue.put(("ready", None))
        tick = 0.05
        while not stop.is_set():
            t0 = time.perf_counter()
            await asyncio.sleep(tick)
            stalls.append(time.perf_counter() - t0 - tick)
        view._task.cancel()
        await asyncio.sleep(0.2)  # let a draw in flight land

    asyncio.run(main())
    queue.put(("done", {"refreshes": refreshes, "computes": computes,
                        "stall_max": max(stalls, default=0.0)}))
    wb.close()


# --- phones ----------------------------------------------------------------------------------------

class Phone:
    def __init__(self, client: AsyncHTTPClient, base: str, code: str, poll: float):
        self.client = client
        self.base = base
        self.api = f"{base}/api/s/{code}"
        self.token = None
        self.etag = None
        self.state = None
        self.poll = poll
        self.last_get = 0.0
        self.busy = False

    async def call(self, method: str, path: str, body=None):
        headers = {"Content-Type": "application/json"}
        if self.token:
            headers["X-Device-Token"] = self.token
        if method == "GET" and self.etag:
            headers["If-None-Match"] = self.etag
        req = HTTPRequest(self.api + path, method=method, headers=headers, request_timeout=TIMEOUT,
                          body=json.dumps(body) if body is not None else None)
        try:
            resp = await self.client.fetch(req, raise_error=False)
        except HTTPClientError as exc:  # a timeout: the server did not answer in TIMEOUT seconds
            raise ConnectionError(str(exc)) from exc
        if resp.code == 599:
            raise ConnectionError(str(resp.error))
        return resp

    async def get_state(self, fresh: bool = False):
        if fresh:
            self.etag = None
        self.last_get = time.monotonic()
        r = await self.call("GET", "/state")
        if r.code == 200:
            self.etag = r.headers.get("ETag")
            self.state = json.loads(r.body)
        elif r.code != 304:
            raise AssertionError(f"state: {r.code} {r.body[:200]!r}")
        return self.state

    async def poller(self, stop: asyncio.Event, errors: list[str]):
        """The page's timer: a state poll when nothing was fetched for `poll` seconds."""
        while not stop.is_set():
            wait = self.last_get + self.poll - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
                continue
            try:
                await self.get_state()
            except (ConnectionError, OSError, AssertionError) as exc:
                errors.append(f"poll: {exc}")


def ballots_of(method: str, state: dict, rng: random.Random, strength: dict, k: int):
    """The next ballot a participant casts from what the phone shows (path, body), or None."""
    if method == "dots":
        return "/vote", {"card": rng.choice(state["cards"])["id"], "request_id": f"d{k}"}
    decide = state.get("decide") or {}
    if method == "matrix":
        item = decide["items"][k]
        s = strength[item["id"]]
        return "/rate", {"card": item["id"], "impact": max(1, min(5, round(1 + 4 * s + rng.uniform(-1, 1)))),
                         "feasibility": rng.randint(1, 5)}
    if method == "pairwise":
        if not decide.get("pair"):
            return None
        a, b = (p["id"] for p in decide["pair"])
        winner = a if rng.random() < strength[a] / (strength[a] + strength[b]) else b
        return "/compare", {"left": a, "right": b, "request_id": f"c{k}",
                            "winner": None if rng.random() < 0.1 else winner}
    if method == "ranking":
        order = sorted(decide["items"], key=lambda c: -(strength[c["id"]] + rng.uniform(0, 0.5)))
        return "/rank", {"order": [c["id"] for c in order]}
    nxt = (state.get("statements") or {}).get("next")
    if nxt is None:
        return None
    return "/statement", {"card": nxt["id"], "vote": rng.choice((1, 1, -1, 0))}


# --- one round -------------------------------------------------------------------------------------

def prepare(data: Path, method: str, seed: int) -> tuple[str, int]:
    """A session with the method's cards, its stage open and current. Returns (code, stage id)."""
    wb = Workbench(data)
    wb.secrets()  # before the server starts
    code = random_session(wb.store, people=0, cards_per_stage=0, seed=seed)
    sid = wb.store.session(code)["id"]
    stages = {s["kind"]: s for s in wb.store.stages(sid)}
    if method == "statements":
        stage_id = wb.store.add_stage(sid, "statements", title="Утверждения")
        card_stage = stage_id
    else:
        stage_id, card_stage = stages["voting"]["id"], stages["ideas"]["id"]
    for i in range(CARDS[method]):
        wb.store.add_card(sid, card_stage, f"Идея или утверждение номер {i + 1}")
    fields = {"voting_open": True}
    if method != "statements":
        fields.update(method=method, vote_budget=BALLOTS["dots"])
    wb.store.update_stage(stage_id, **fields)
    wb.store.set_current_stage(sid, stage_id)
    wb.close()
    return code, stage_id


def stored_ballots(wb: Workbench, method: str, stage_id: int) -> int:
    if method == "dots":
        return wb.store.count_votes(stage_id)
    if method == "matrix":
        return len(wb.store.ratings(stage_id))
    if method == "pairwise":
        return len(wb.store.comparisons(stage_id))
    if method == "ranking":
        return len(wb.store.voters("rankings", stage_id))
    return len(wb.store.statement_votes(stage_id))


def results_fit_seconds(wb: Workbench, method: str, stage_id: int) -> float:
    """The method's results on the final ballots, once, in this process (nothing cached; the
    one-off imports done before)."""
    import numpy  # noqa: F401

    from workbench.session import voting

    stage = wb.store.stage(stage_id)
    t0 = time.perf_counter()
    if method == "statements":
        wb.store.statement_counts(stage_id)
    else:
        m = voting.method(stage)
        items = m.items(wb.store, stage, wb.store.cards(stage["session_id"], stage["target_stage_id"]))
        m.results(wb.store, stage, items)
    return time.perf_counter() - t0


async def run_round(method: str, n: int, window: float, think: float, seed: int = 7) -> dict:
    rng = random.Random(seed)
    tmp = Path(tempfile.mkdtemp(prefix=f"wb-bench-{method}-"))
    data = tmp / "data"
    data.mkdir(parents=True)
    # One loopback address stands for the whole room: let all of it join at once.
    (data / "settings.json").write_text(json.dumps({"join_burst_per_address": max(300, n)}))
    code, stage_id = prepare(data, method, seed)
    wb = Workbench(data)
    server = Server(data).start()
    AsyncHTTPClient.configure(None, max_clients=max(10, 2 * n))
    client = AsyncHTTPClient()
    poll = float(wb.settings["phone_poll_interval"])
    phones = [Phone(client, server.base, code, poll) for _ in range(n)]
    errors: list[str] = []
    acks: list[float] = []  # wall time of each answered ballot
    lat: list[float] = []
    queue, stop_projector = mp.Queue(), mp.Event()
    proc = None
    try:
        async def join(p):
            r = await p.call("POST", "/join", {"name": "Участник"})
            assert r.code == 200, (r.code, r.body[:200])
            p.token = json.loads(r.body)["token"]
            await p.get_state(fresh=True)
        await asyncio.gather(*(join(p) for p in phones))
        cards = wb.store.cards(wb.store.session(code)["id"],
                               wb.store.stage(stage_id)["target_stage_id"] or stage_id)
        strength = {c["id"]: rng.random() for c in cards}

        rows_per_ballot = CARDS["ranking"] if method == "ranking" else 1
        proc = mp.get_context("fork").Process(target=projector, args=(
            str(data), code, stage_id, method, rows_per_ballot, queue, stop_projector))
        proc.start()
        assert queue.get(timeout=120)[0] == "ready"

        stop_polls = asyncio.Event()
        pollers = [asyncio.ensure_future(p.poller(stop_polls, errors)) for p in phones]
        cpu0, t_start = cpu_seconds(server.proc.pid), time.perf_counter()

        async def vote(i: int):
            p, prng = phones[i], random.Random(seed * 1000 + i)
            await asyncio.sleep(window * i / n)
            for k in range(BALLOTS[method]):
                await asyncio.sleep(think * prng.uniform(0.5, 1.5))
                ballot = ballots_of(method, p.state, prng, strength, k)
                if ballot is None:
                    errors.append(f"phone {i}: nothing to answer at ballot {k}")
                    return
                t0 = time.perf_counter()
                try:
                    r = await p.call("POST", *ballot)
                except (ConnectionError, OSError) as exc:
                    errors.append(f"phone {i}: {exc}")
                    return
                lat.append(time.perf_counter() - t0)
                if r.code != 200:
                    errors.append(f"phone {i}: {r.code} {r.body[:200]!r}")
                    return
                acks.append(time.time())
                try:
                    await p.get_state(fresh=True)  # the page asks what comes next
                except (ConnectionError, OSError, AssertionError) as exc:
                    errors.append(f"phone {i}: {exc}")
                    return
        await asyncio.gather(*(vote(i) for i in range(n)))
        secs = time.perf_counter() - t_start
        cpu = cpu_seconds(server.proc.pid) - cpu0
        stop_polls.set()
        for task in pollers:
            task.cancel()
        await asyncio.gather(*pollers, return_exceptions=True)

        # Wait (bounded) until the projector shows every answered ballot, then collect.
        shown: list[tuple[float, int]] = []  # (time, ballots counted by what the screen shows)
        deadline = time.time() + 30
        while time.time() < deadline and not (shown and shown[-1][1] >= len(acks)):
            try:
                kind, what = queue.get(timeout=0.5)
            except Exception:  # queue.Empty
                continue
            shown.append(what)
        stop_projector.set()
        kind, report = "", None
        while kind != "done":
            kind, report = queue.get(timeout=60)
            if kind == "shown":
                shown.append(report)
        proc.join(30)
        stored = stored_ballots(wb, method, stage_id)
        fit = results_fit_seconds(wb, method, stage_id)
    finally:
        stop_projector.set()
        if proc is not None and proc.is_alive():
            proc.join(10)
        client.close()
        server.stop()
        wb.close()
    # Latency of each ballot: from its answer to the first drawing, after it, that counts at
    # least as many ballots as had been answered by then. Both rank and time grow, so the first
    # such drawing never moves back.
    shown.sort()
    to_projector, missing, j = [], 0, 0
    for rank, t_ack in enumerate(sorted(acks), start=1):
        while j < len(shown) and (shown[j][1] < rank or shown[j][0] < t_ack):
            j += 1
        if j == len(shown):
            missing += 1
        else:
            to_projector.append(shown[j][0] - t_ack)
    return {"method": method, "n": n, "ballots": len(acks), "stored": stored, "errors": errors,
            "ack": lat, "projector": to_projector, "missing": missing, "refresh": report["refreshes"],
            "computes": report["computes"], "stall_max": report["stall_max"], "fit": fit,
            "cpu_per_1000": 1000 * cpu / max(1, len(acks)), "seconds": secs}


def table(results: list[dict]) -> str:
    def ms(v):
        return "-" if v != v else f"{v * 1000:.0f}"

    rows = ["| method | phones | ballots answered / stored | errors | ack p50 / p95 ms | "
            "ballot → projector p50 / p95 ms | projector refresh p95 / max ms | loop stall max ms | "
            "results draw p95 ms | results fit ms | server CPU s / 1,000 ballots | round s |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        lost = r["ballots"] != r["stored"] or r["missing"]
        missing = f" ({r['missing']} never shown)" if r["missing"] else ""
        rows.append(
            f"| {r['method']} | {r['n']} | {r['ballots']} / {r['stored']}{' ✗' if lost else ' ✓'} | "
            f"{len(r['errors'])} | {ms(pct(r['ack'], 50))} / {ms(pct(r['ack'], 95))} | "
            f"{ms(pct(r['projector'], 50))} / {ms(pct(r['projector'], 95))}{missing} | "
            f"{ms(pct(r['refresh'], 95))} / {ms(max(r['refresh'], default=float('nan')))} | "
            f"{ms(r['stall_max'])} | {ms(pct(r['computes'], 95))} | {ms(r['fit'])} | "
            f"{r['cpu_per_1000']:.1f} | {r['seconds']:.0f} |")
    return "\n".join(rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--phones", type=int, default=300)
    ap.add_argument("--window", type=float, default=20.0, help="seconds over which phones start")
    ap.add_argument("--think", type=float, default=2.0, help="mean seconds a person takes per ballot")
    ap.add_argument("--methods", nargs="+", choices=METHODS, default=list(METHODS))
    args = ap.parse_args(argv)
    results = []
    for method in args.methods:
        results.append(asyncio.run(run_round(method, args.phones, args.window, args.think)))
        print(table(results[-1:]).splitlines()[-1], file=sys.stderr)  # as it comes
        for e in results[-1]["errors"][:5]:
            print(f"  {e}", file=sys.stderr)
    print(table(results))
    bad = [r for r in results if r["errors"] or r["ballots"] != r["stored"] or r["missing"]]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
