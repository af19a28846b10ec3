"""Scale-out of the phones' load over server processes, with a load generator that costs little CPU.

    .venv/bin/python bench/scaleout.py [--seconds 8] [--connections 32]

On this 2-core machine the Python load generator of bench/participants.py takes a core of its own,
so adding a server process cannot show. Here `wrk` (C, Debian's package `wrk`) sends what a room of
phones mostly sends, each phone once every 2 s: the state poll (`GET /api/s/CODE/state`, with a
device token) and the page itself (`GET /s/CODE`). For SQLite and PostgreSQL (a throwaway cluster,
durable settings), with 1 and 2 server processes on one store, it prints requests per second and
wrk's latency percentiles. Loopback only, bounded in time.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from workbench.app import Workbench
from workbench.demo import load_demo
from workbench.testing import Phone, Server


def wrk(ports: list[int], path: str, token: str, seconds: int, connections: int) -> tuple[float, str]:
    """Run one wrk per server process at once; total requests/s and the first run's p99."""
    procs = [subprocess.Popen(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "-H", f"X-Device-Token: {token}",
         f"http://127.0.0.1:{port}{path}"], stdout=subprocess.PIPE, text=True) for port in ports]
    total, p99 = 0.0, ""
    for proc in procs:
        out = proc.communicate()[0]
        total += float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        if not p99:
            m = re.search(r"99%\s+([\d.]+\w+)", out)
            p99 = m.group(1) if m else "?"
    return total, p99


def measure(backend: str, seconds: int, connections: int) -> list[dict]:
    pg = None
    env_before = os.environ.get("WORKBENCH_DATABASE_URL")
    if backend == "postgres":
        from workbench.pgtest import PgCluster

        pg = PgCluster(fast=False).start()
        os.environ["WORKBENCH_DATABASE_URL"] = pg.create_database()
    data = Path(tempfile.mkdtemp(prefix="wb-scale-")) / "data"
    wb = Workbench(data)
    load_demo(wb.store)
    wb.close()
    servers = [Server(data).start() for _ in range(2)]
    rows = []
    try:
        phone = Phone(servers[0].base, "KARGO1")
        phone.join()
        for path, what in (("/api/s/KARGO1/state", "state poll"), ("/s/KARGO1", "phone page")):
            wrk([servers[0].port], path, phone.token, 2, connections)  # warm up
            for n in (1, 2):
                rps, p99 = wrk([s.port for s in servers[:n]], path, phone.token, seconds, connections)
                rows.append({"backend": backend, "what": what, "processes": n, "rps": rps, "p99": p99})
    finally:
        for s in servers:
            s.stop()
        if pg is not None:
            pg.stop()
        if env_before is None:
            os.environ.pop("WORKBENCH_DATABASE_URL", None)
        else:
            os.environ["WORKBENCH_DATABASE_URL"] = env_before
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=int, default=8)
    ap.add_argument("--connections", type=int, default=32, help="per wrk (one wrk per server process)")
    ap.add_argument("--backends", nargs="+", default=["sqlite", "postgres"])
    args = ap.parse_args(argv)
    if not shutil.which("wrk"):
        print("wrk is not installed (apt-get install wrk): nothing measured", file=sys.stderr)
        return 2
    rows = []
    for backend in args.backends:
        rows += measure(backend, args.seconds, args.connections)
        print(f"{backend} done", file=sys.stderr)
    print("| store | request | processes | requests/s | p99 (first process) | × one process |")
    print("|---|---|---|---|---|---|")
    base = {}
    for r in rows:
        key = (r["backend"], r["what"])
        base.setdefault(key, r["rps"])
        print(f"| {r['backend']} | {r['what']} | {r['processes']} | {r['rps']:.0f} | {r['p99']} | "
              f"{r['rps'] / base[key]:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
