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
