"""A throwaway PostgreSQL server on a loopback port, for tests and benchmarks.

It uses Debian's binaries (`apt-get install postgresql`: `/usr/lib/postgresql/*/bin`), creates a
cluster in a temporary folder and removes it on `stop()`. PostgreSQL refuses to run as root:
as root the cluster belongs to the `postgres` OS user (made by the Debian package) and every
binary runs through `runuser -u postgres`.

    with PgCluster().start() as pg:
        url = pg.create_database()   # postgresql://postgres@127.0.0.1:PORT/wb_1
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from workbench.testing import free_port, wait_for


def pg_bindir() -> Path | None:
    """The newest PostgreSQL server binaries installed (or `WORKBENCH_PG_BIN`), else None."""
    if os.environ.get("WORKBENCH_PG_BIN"):
        return Path(os.environ["WORKBENCH_PG_BIN"])
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    return Path(found[-1]).parent if found else None


class PgCluster:
    def __init__(self, fast: bool = True, max_connections: int = 300):
        self.bindir = pg_bindir()
        if self.bindir is None:
            raise FileNotFoundError("PostgreSQL server binaries not found (apt-get install postgresql)")
        self.fast = fast  # no fsync: for tests only (we kill servers, never the database)
        self.max_connections = max_connections
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="wb-pg-"))
        self.data = self.dir / "data"
        self.as_root = os.geteuid() == 0
        self._names = itertools.count(1)

    def _run(self, *argv: str, check=True) -> subprocess.CompletedProcess:
        cmd = [str(self.bindir / argv[0]), *argv[1:]]
        if self.as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, check=check)

    def start(self) -> PgCluster:
        if self.as_root:
            shutil.chown(self.dir, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust",
                  "--encoding=UTF8", "--locale=C.UTF-8")
        self.resume()
        return self

    def resume(self) -> None:
        """Start the server on the cluster (again, after `halt()`), and wait until it answers."""
        opts = [f"-p {self.port}", "-h 127.0.0.1", "-k ''", f"-N {self.max_connections}"]
        if self.fast:
            opts += ["-F", "-c synchronous_commit=off", "-c full_page_writes=off"]
        r = self._run("pg_ctl", "start", "-D", str(self.data), "-l", str(self.dir / "log"),
                      "-w", "-t", "60", "-o", " ".join(opts), check=False)
        if r.returncode != 0:
            log = (self.dir / "log").read_text() if (self.dir / "log").exists() else ""
            raise RuntimeError(f"PostgreSQL did not start: {r.stderr}\n{log[-2000:]}")
        wait_for(self._ready, timeout=30, message="PostgreSQL to accept connections")

    def halt(self) -> None:
        """Stop the server as `systemctl restart postgresql` does (open connections are cut),
        keeping the cluster's data: `resume()` brings it back (outage tests)."""
        self._run("pg_ctl", "stop", "-D", str(self.data), "-m", "fast", "-w")

    def _ready(self) -> bool:
        try:
            self.execute("SELECT 1")
            return True
        except Exception:
            return False

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def execute(self, sql: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as conn:
            conn.execute(sql)

    def create_database(self, template: str | None = None) -> str:
        """A new empty database (or a copy of `template`); its URL."""
        name = f"wb_{next(self._names)}"
        self.execute(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
        return self.url(name)

    def stop(self) -> None:
        self._run("pg_ctl", "stop", "-D", str(self.data), "-m", "immediate", check=False)
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> PgCluster:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
