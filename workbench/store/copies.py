"""Copies of a data folder's SQLite store: before an upgrade, a backup, a restore.

A store in WAL mode is two or three files (`workbench.sqlite`, `-wal`, `-shm`): the latest commits
may still sit in the `-wal`. Copying `workbench.sqlite` alone loses them, and putting a copy back
beside a leftover `-wal` replays that log onto it (the crash's state, not the backup's). So every
copy here goes through SQLite's backup API (one consistent file with the log's commits in it, while
a server keeps writing) and a restore removes the log of the file it replaces.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from pathlib import Path

from workbench.errors import WorkbenchError

STORE_FILE = "workbench.sqlite"
SIDE_FILES = ("-wal", "-shm", "-journal")
# Written by a running `workbench serve` into its data folder (and locked while it runs).
SERVE_LOCK = ".serve.lock"


def copy_store(source: str | Path, target: str | Path) -> None:
    """Copy the SQLite database `source` (with the commits still in its `-wal`) to the one file
    `target`, atomically: `target` is whole or untouched. The copy is in rollback-journal mode,
    so it is complete on its own, with nothing beside it.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> db = sqlite3.connect(d / "a.sqlite"); _ = db.execute("PRAGMA journal_mode=WAL")
    >>> _ = db.execute("CREATE TABLE t (x)"); _ = db.execute("INSERT INTO t VALUES (1)"); db.commit()
    >>> copy_store(d / "a.sqlite", d / "b.sqlite")
    >>> sqlite3.connect(d / "b.sqlite").execute("SELECT x FROM t").fetchall(), (d / "a.sqlite-wal").exists()
    ([(1,)], True)
    """
    target = Path(target)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    _unlink(tmp)
    # Read-write, though it only reads (`_reading`): a read-only connection leaves an empty -wal
    # and -shm beside a WAL store it was the last to close.
    src = _reading(source, timeout=30)
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
            dst.commit()
        finally:
            dst.close()
        os.replace(tmp, target)
    except BaseException:
        _unlink(tmp)
        raise
    finally:
        src.close()


def _reading(path: str | Path, timeout: float = 5.0) -> sqlite3.Connection:
    """A connection to read the existing database `path` (never created): read-write, so that,
    when it is the last one to close, SQLite folds the -wal into the store and removes it and the
    -shm, as a read-only one cannot; a file the system write-protects is opened read-only."""
    return sqlite3.connect(f"file:{Path(path).resolve().as_posix()}?mode=rw", uri=True, timeout=timeout)


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass


def check_store_file(path: str | Path, refuse_newer: bool = True) -> int:
    """The schema version of a workbench store file, or a WorkbenchError saying why it is none:
    missing, not an SQLite database, damaged, not a workbench store (or, with `refuse_newer`,
    written by a newer version)."""
    from workbench.store.schema import SCHEMA_VERSION

    path = Path(path)
    if not path.is_file():
        raise WorkbenchError("store_file_missing", path=str(path))
    try:
        db = _reading(path)
        try:
            if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("malformed")
            row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        key = "store_file_not_store" if "no such table" in str(exc) else "store_file_damaged"
        raise WorkbenchError(key, path=str(path)) from None
    version = int(row[0]) if row and str(row[0]).isdigit() else 0
    if version < 1:
        raise WorkbenchError("store_file_not_store", path=str(path))
    if refuse_newer and version > SCHEMA_VERSION:
        raise WorkbenchError("store_newer", version=version, max=SCHEMA_VERSION)
    return version


def counts(path: str | Path) -> dict:
    """How many sessions and cards (groups included) a store file holds. (Opened read-write: a
    read-only connection would leave an empty -wal and -shm beside a WAL store.)"""
    db = sqlite3.connect(Path(path))
    try:
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        cards = "cards" if "cards" in tables else "contributions"  # before schema 5
        return {"sessions": db.execute("SELECT count(*) FROM sessions").fetchone()[0],
                "cards": db.execute(f"SELECT count(*) FROM {cards}").fetchone()[0]}
    finally:
        db.close()


def backup_name(now: float | None = None) -> str:
    """The default name of a backup: the time it was made, sorting as it reads.

    >>> backup_name(0.0)[:19]
    'workbench-19700101-'
    """
    return time.strftime("workbench-%Y%m%d-%H%M%S.sqlite", time.localtime(now))


def backup(data_dir: str | Path, output: str | Path) -> Path:
    """Write one consistent copy of the folder's store to `output` (a running server may keep
    writing meanwhile), as it is: an older store is not upgraded first. Refuses to overwrite a file."""
    source = Path(data_dir) / STORE_FILE
    check_store_file(source, refuse_newer=False)
    output = Path(output)
    if output.exists():
        raise WorkbenchError("backup_exists", path=str(output))
    output.parent.mkdir(parents=True, exist_ok=True)
    copy_store(source, output)
    check_store_file(output, refuse_newer=False)
    return output


def restore(data_dir: str | Path, file: str | Path) -> Path | None:
    """Put the backup `file` in place of the folder's store; return where the replaced store was
    kept (None when the folder had none). Refused while a server uses the folder. The replaced
    store is copied with its `-wal` first, then its `-wal` and `-shm` are removed, so the backup
    is what opens next, not the backup with the replaced store's last commits replayed onto it."""
    data_dir = Path(data_dir)
    file = Path(file)
    check_store_file(file)
    store = data_dir / STORE_FILE
    if store.exists() and store.resolve() == file.resolve():
        raise WorkbenchError("restore_same_file", path=str(file))
    data_dir.mkdir(parents=True, exist_ok=True)
    with _folder_to_itself(data_dir):
        return _put_in_place(data_dir, file)


def _put_in_place(data_dir: Path, file: Path) -> Path | None:
    store = data_dir / STORE_FILE
    staged = data_dir / f".{STORE_FILE}.restoring"
    copy_store(file, staged)  # the backup, whole, beside the store (a -wal of its own included)
    kept = None
    try:
        if store.exists():
            kept = data_dir / time.strftime(f"{STORE_FILE}.replaced-%Y%m%d-%H%M%S")
            copy_store(store, kept)
        for suffix in SIDE_FILES:
            _unlink(store.with_name(store.name + suffix))
        os.replace(staged, store)
    finally:
        _unlink(staged)
    return kept


def hold_folder(data_dir: str | Path):
    """Mark the data folder as used by this server until the process ends: a shared lock on
    `.serve.lock` (several servers may share a folder), which the system lets go when the process
    dies, so a crash leaves no stale mark. Returns the open file (keep it), or None where the
    system offers no such lock."""
    try:
        import fcntl
    except ImportError:  # Windows: `server_running` cannot tell
        return None
    path = Path(data_dir) / SERVE_LOCK
    try:
        f = open(path, "a+")  # noqa: SIM115 - held open for the life of the process
    except OSError:
        return None  # a read-only folder: the server runs on, unmarked
    try:
        fcntl.flock(f, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:  # a restore holds the folder this very moment
        f.close()
        return None
    f.seek(0)
    f.truncate()
    f.write(f"{os.getpid()}\n")
    f.flush()
    return f


def server_running(data_dir: str | Path) -> bool:
    """Whether a `workbench serve` holds the data folder (see `hold_folder`): False where the
    system cannot tell."""
    try:
        with _folder_to_itself(data_dir):
            return False
    except WorkbenchError:
        return True


@contextlib.contextmanager
def _folder_to_itself(data_dir: str | Path):
    """While the block runs, no server holds the folder, and one starting meanwhile does not
    take it (its `hold_folder` fails and it runs unmarked, as where no lock exists); a
    WorkbenchError if a server holds it now."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    path = Path(data_dir) / SERVE_LOCK
    if not path.exists():
        yield
        return
    with open(path) as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise WorkbenchError("restore_server_running", data=str(data_dir)) from None
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)
