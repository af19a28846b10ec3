"""Server CPU per phone request: what each request of the live loop costs the server process.

    .venv/bin/python bench/request_cpu.py [--requests 1000] [--cards 10]

It starts `workbench serve` on a free loopback port (SQLite, a fresh data folder, voting open),
sends each kind of request `--requests` times, one after another on one kept-alive connection,
and reads the server process's CPU time from /proc before and after: a dot, a full state
poll, a 304 state poll and the phone page; then the same dot to the plain tornado handler of
bench/participants.py on the same store. CPU time, not wall time, so other load on the machine
matters less. Prints a markdown table. Loopback only; bounded in count.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing as mp
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from keepalive import Connection  # noqa: E402
from participants import _answers, plain_server, wait_for_vectors  # noqa: E402

from workbench.app import Workbench  # noqa: E402
from workbench.demo import random_session  # noqa: E402
from workbench.testing import Http, Phone, Server, free_port, wait_for  # noqa: E402


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def send(base: str, path: str, n: int, headers: dict, dot: int | None = None):
    conn = Connection(base)
    answer = None
    for i in range(n):
        body = {"card": dot, "request_id": f"r{i}-{time.time()}"} if dot is not None else None
        answer = await conn.request("POST" if dot is not None else "GET", path, headers=headers, json=body)
    conn.close()
    return answer


def measure(pid: int, base: str, path: str, n: int, headers: dict, dot: int | None = None) -> tuple[float, int]:
    asyncio.run(send(base, path, 50, headers, dot))  # warm up
    before = cpu_seconds(pid)
    answer = asyncio.run(send(base, path, n, headers, dot))
    return (cpu_seconds(pid) - before) / n * 1000, answer.code


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--requests", type=int, default=1000)
    ap.add_argument("--cards", type=int, default=10, help="ideas on the voting stage (a district vote: 1000)")
    args = ap.parse_args(argv)
    data = Path(tempfile.mkdtemp(prefix="wb-cpu-")) / "data"
    wb = Workbench(data)
    wb.secrets()
    code = random_session(wb.store, people=2, cards_per_stage=args.cards, seed=1)
    sid = wb.store.session(code)["id"]
    stages = {s["kind"]: s for s in wb.store.stages(sid)}
    wb.store.update_stage(stages["voting"]["id"], voting_open=True, vote_budget=10 ** 9)
    wb.store.set_current_stage(sid, stages["voting"]["id"])
    card = wb.store.cards(sid, stages["ideas"]["id"])[0]["id"]
    server = Server(data).start()
    wait_for_vectors(wb.store)  # the server's background embedder first embeds every idea, once
    rows = []
    try:
        phone = Phone(server.base, code)
        phone.join()
        h = {"X-Device-Token": phone.token, "Content-Type": "application/json"}
        pid, n = server.proc.pid, args.requests
        rows.append(("dot (POST /vote)", *measure(pid, server.base, f"/api/s/{code}/vote", n, h, dot=card)))
        rows.append(("state poll, full (every idea)", *measure(pid, server.base, f"/api/s/{code}/state", n, h)))
        tag = Http().get(f"{server.base}/api/s/{code}/state?board=", headers=h).json()["board"]
        rows.append(("state poll, ideas unchanged (the page's board tag)",
                     *measure(pid, server.base, f"/api/s/{code}/state?board={tag}", n, h)))
        etag = Http().get(f"{server.base}/api/s/{code}/state", headers=h).headers["ETag"]
        rows.append(("state poll, 304", *measure(pid, server.base, f"/api/s/{code}/state", n,
                                                 dict(h, **{"If-None-Match": etag}))))
        rows.append(("phone page", *measure(pid, server.base, f"/s/{code}", n, h)))
    finally:
        server.stop()
    port = free_port()
    plain = mp.get_context("fork").Process(target=plain_server, args=(wb.store.url, port))
    plain.start()
    try:
        wait_for(lambda: _answers(Http(), f"http://127.0.0.1:{port}/vote"), timeout=30, message="the plain handler")
        rows.append(("plain handler dot (reference)", *measure(plain.pid, f"http://127.0.0.1:{port}", "/vote",
                                                               args.requests, h, dot=card)))
    finally:
        plain.terminate()
        plain.join(10)
        wb.close()
    print("| request | server CPU ms per request | status |")
    print("|---|---|---|")
    for what, ms, status in rows:
        print(f"| {what} | {ms:.2f} | {status} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
