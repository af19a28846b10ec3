"""PostgreSQL for the store: the engine, live updates through LISTEN/NOTIFY, a migration lock.

Every write transaction of the store ends with `NOTIFY workbench` (delivered on commit only).
A watcher keeps one dedicated connection that LISTENs; `PgWatch.version()` sends it a trivial
query, which makes the server hand over every notification committed before it, and returns a
counter of the notifications received. So `Store.data_version()` means the same on both
backends: a cheap number that changes after any process commits, with no table scan.
"""

from __future__ import annotations

import threading

import sqlalchemy as sa

CHANNEL = "workbench"
# pg_advisory_xact_lock key that serialises migrations of several processes starting at once.
MIGRATION_LOCK = 0x776F726B  # "work"


def is_postgres(url: str) -> bool:
    return url.startswith(("postgresql", "postgres:"))


def engine_url(url: str) -> sa.URL:
    """`postgresql://…` (or `postgres://…`) with the psycopg 3 driver, as SQLAlchemy wants it.

    >>> engine_url("postgres://wb@localhost:5432/wb").drivername
    'postgresql+psycopg'
    """
    u = sa.make_url(url.replace("postgres://", "postgresql://", 1))
    if u.drivername in ("postgresql", "postgresql+psycopg2", "postgresql+psycopg"):
        u = u.set(drivername="postgresql+psycopg")
    return u


def create_engine(url: str) -> sa.Engine:
    # Short transactions, a few threads per process: a small pool; pre-ping survives a DB restart.
    return sa.create_engine(engine_url(url), pool_pre_ping=True, pool_size=5, max_overflow=10)


def notify(conn) -> None:
    """Inside a write transaction: tell every watcher, once the transaction commits."""
    conn.execute(sa.text(f"NOTIFY {CHANNEL}"))


def lock_migrations(conn) -> None:
    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK})


class PgWatch:
    """A counter of NOTIFYs seen by one dedicated LISTEN connection (opened on first use)."""

    def __init__(self, url: sa.URL):
        self.conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
        self.conn = None
        self.count = 0
        self.lock = threading.Lock()

    def _on_notify(self, _notify) -> None:
        self.count += 1

    def _connect(self) -> None:
        import psycopg

        self.conn = psycopg.connect(self.conninfo, autocommit=True)
        self.conn.add_notify_handler(self._on_notify)
        self.conn.execute(f"LISTEN {CHANNEL}")
        self.count += 1  # whatever happened while not listening is a change

    def version(self) -> int:
        import psycopg

        with self.lock:
            try:
                if self.conn is None or self.conn.closed:
                    self._connect()
                # Notifications are delivered before the answer to any query: after this
                # round trip, every commit that finished before it has been counted.
                self.conn.execute("SELECT 1")
            except psycopg.OperationalError:
                self.close()  # the server restarted: reconnect on the next look
                self.count += 1
            return self.count

    def close(self) -> None:
        if self.conn is not None:
            try:
                self.conn.close()
            except Exception:  # closing a broken connection must not hide the first error
                pass
            self.conn = None
