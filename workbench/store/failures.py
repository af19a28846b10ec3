"""Telling a store write that failed for lack of disk from any other failure (the server answers
507, the CLI prints one line)."""

from __future__ import annotations

import errno
import sqlite3


def storage_failed(exc: BaseException) -> bool:
    """True when a write failed because the disk is full (or failing): SQLite says so, through
    SQLAlchemy or not; PostgreSQL says `could not extend file` / `No space left on device`.

    >>> storage_failed(sqlite3.OperationalError("database or disk is full"))
    True
    >>> storage_failed(OSError(errno.ENOSPC, "No space left on device")), storage_failed(ValueError("x"))
    (True, False)
    """
    while exc is not None:
        text = str(exc).lower()
        if isinstance(exc, sqlite3.OperationalError) and ("disk is full" in text or "disk i/o error" in text):
            return True
        if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
            return True
        if "no space left on device" in text or "could not extend file" in text:
            return True
        exc = exc.__cause__ or getattr(exc, "orig", None)
    return False


# SQLite's words for a writer that waited out its whole busy timeout (the file is held by another).
_SQLITE_BUSY = ("database is locked", "database is busy", "database table is locked")


def store_unreachable(exc: BaseException) -> bool:
    """True when the store could not be reached, as opposed to refusing what was asked: the
    PostgreSQL server is down, restarting or dropped the connection (`psycopg.OperationalError`,
    which SQLAlchemy wraps in its own `OperationalError`), the connection pool stayed full past its
    timeout, or SQLite's file stayed locked past its busy timeout. Nothing was saved; the same
    request may be sent again (the server answers 503). A full disk is `storage_failed` (507).

    >>> store_unreachable(sqlite3.OperationalError("database is locked"))
    True
    >>> store_unreachable(sqlite3.OperationalError("no such table: cards")), store_unreachable(ValueError("x"))
    (False, False)
    """
    if storage_failed(exc):
        return False
    while exc is not None:
        if isinstance(exc, sqlite3.OperationalError):
            return any(words in str(exc).lower() for words in _SQLITE_BUSY)
        if getattr(exc, "connection_invalidated", False):  # SQLAlchemy: the connection broke under the call
            return True
        kind = type(exc)
        names = {f"{k.__module__.split('.')[0]}.{k.__name__}" for k in kind.__mro__}
        # psycopg's OperationalError: connection refused or lost, "the database system is shutting
        # down / starting up", an admin shutdown (class 57P), a serialization failure to retry.
        if "psycopg.OperationalError" in names or "sqlalchemy.TimeoutError" in names:
            return True
        exc = exc.__cause__ or getattr(exc, "orig", None)
    return False
