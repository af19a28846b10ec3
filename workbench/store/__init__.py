"""The store: the only shared state. All SQL lives here, written with SQLAlchemy Core.

SQLite in WAL mode by default (one file in the data folder); the SQL is kept portable so a
PostgreSQL URL can take its place. Writes run in short immediate transactions, so a vote
that was acknowledged is on disk before the answer leaves the server.

>>> s = Store.open_url("sqlite://")
>>> code = s.create_session("Демо", territory="Каргополь")
>>> [st["kind"] for st in s.stages(s.session(code)["id"])][:2]
['problems', 'growth']
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import sqlite3
import threading
import time
import zlib
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event

from workbench.errors import NotFound, WorkbenchError
from workbench.session.model import (
    DEFAULT_TEMPLATE,
    MAX_FIELD,
    SECTORS,
    SESSION_KINDS,
    STAGE_KINDS,
    TARGETING_KINDS,
    clean_text,
    new_code,
    texts_json,
)
from workbench.session.model import clean_field as _clean_field
from workbench.store import pg
from workbench.store.ballots import BallotQueries
from workbench.store.drafts import DraftQueries
from workbench.store.limits import LimitQueries
from workbench.store.registrations import RegistrationQueries
from workbench.store.reviews import ReviewQueries
from workbench.store.schema import (
    MIGRATIONS,
    SCHEMA_VERSION,
    cards,
    meta,
    participants,
    sessions,
    stages,
    statement_votes,
    team_members,
    votes,
)
from workbench.store.schema import row_dict as _row
from workbench.store.sharing import SharingQueries
from workbench.store.stage_list import StageQueries
from workbench.store.vectors import VectorQueries


def check_date(date: str) -> str:
    """A session's date as the store keeps it, YYYY-MM-DD ("" for today), from what the facilitator
    typed: ДД.ММ.ГГГГ as in Russia or ГГГГ-ММ-ДД (`workbench.dates.parse_date`); anything else is
    refused, since sessions are ordered by sorting the dates as text.

    >>> check_date("2024-02-29"), check_date("12.12.2026"), check_date(" 1.7.2024 "), check_date("")
    ('2024-02-29', '2026-12-12', '2024-07-01', '')
    >>> check_date("2024-13-45")
    Traceback (most recent call last):
    workbench.errors.WorkbenchError: session_date_invalid
    """
    from workbench.dates import parse_date

    date = str(date or "").strip()
    try:
        day = parse_date(date)
    except WorkbenchError:
        raise WorkbenchError("session_date_invalid", date=date[:40]) from None
    return day.isoformat() if day else ""


def display_lang_key(session_id: int) -> str:
    """The `meta` key of a session's display language (one per session, removed with it)."""
    return f"display_lang:{session_id}"


def _stamp(c) -> int:
    """The schema version a store is stamped with (0: a new store)."""
    if not sa.inspect(c).has_table("meta"):
        return 0
    return int(c.execute(sa.select(meta.c.value).where(meta.c.key == "schema_version")).scalar() or 0)


def _lock(c, table: sa.Table, row_id: int) -> None:
    """Lock a row until commit (SELECT … FOR UPDATE) on PostgreSQL, to serialise the writes
    that depend on it: a participant's dots, a session's cards. SQLite already holds the
    database's write lock, and SQLAlchemy leaves the clause out there."""
    c.execute(sa.select(table.c.id).where(table.c.id == row_id).with_for_update())


def _lead_key(job: str) -> int:
    """The PostgreSQL advisory lock key of a job `Store.leads` hands to one process."""
    return zlib.crc32(f"workbench:{job}".encode())


def _drop(conn) -> None:
    """Close a lead connection for good, not back into the pool (where a lock would stay held)."""
    try:
        conn.invalidate()
    finally:
        conn.close()


def request_token(session_id: int, request_id: str) -> str:
    """The device token of the participant a join with `request_id` makes: derived from the
    request, so the same join sent again finds that participant with no column of its own. The
    request id is as secret as the token (only the phone that sent it holds it, and it is never
    stored); `workbench.session.phone.join` asks for at least 16 characters of it.

    >>> a = request_token(1, "k3v9x0q2m7w5b8n1")
    >>> len(a), a == request_token(1, "k3v9x0q2m7w5b8n1"), a == request_token(2, "k3v9x0q2m7w5b8n1")
    (32, True, False)
    """
    digest = hashlib.sha256(f"workbench-join/{session_id}/{request_id}".encode()).digest()
    return base64.urlsafe_b64encode(digest[:24]).decode()

class Store(DraftQueries, BallotQueries, StageQueries, SharingQueries, ReviewQueries, RegistrationQueries,
            VectorQueries, LimitQueries):
    """Open (and migrate) the store at a database URL. Thread-safe; one per process."""

    postgres = False  # set from the engine's dialect by __init__
    _commits = 0  # write transactions this process committed (part of `version()`)
    _commits_lock = threading.Lock()
    _shared_commits = 0  # of those, the ones that changed more than ballots (`shared_version()`)
    _external = 0  # commits by other connections seen so far (SQLite; `shared_version()`)
    _dv_seen = None  # the data_version those are counted up to
    _pg_seen = (0, -1.0)  # PostgreSQL: (NOTIFY count, when it was asked)
    _pg_watch: pg.PgWatch | None = None
    upgraded = None  # a `Text` saying `migrate` upgraded a store an older version wrote

    def __init__(self, engine: sa.Engine, sqlite_path: str | None = None):
        self.engine = engine
        self.sqlite_path = sqlite_path
        self._watch_conn: sqlite3.Connection | None = None
        self._watch_lock = threading.Lock()
        self._batch = threading.local()  # the connection of the current snapshot() or transaction()
        self._commits_lock = threading.Lock()
        self.postgres = engine.dialect.name == "postgresql"
        self._pg_watch = pg.PgWatch(engine.url) if self.postgres else None
        self._leads: dict = {}  # job -> the connection holding its advisory lock (`leads`)
        self._leads_lock = threading.Lock()  # the embedder thread asks, `close()` lets go
        try:
            self.migrate()
        except BaseException:  # a store too new, damaged, on a full disk: nothing left open by the refusal
            self.close()
            raise

    @property
    def url(self) -> str:
        """The database URL (with its password): another Store can open the same database."""
        return self.engine.url.render_as_string(hide_password=False)

    @classmethod
    def open(cls, data_dir: str | Path) -> Store:
        """The store of a data folder: `DIR/workbench.sqlite`, created when missing."""
        path = Path(data_dir)
        path.mkdir(parents=True, exist_ok=True)
        return cls.open_url(f"sqlite:///{path / 'workbench.sqlite'}")

    @classmethod
    def open_url(cls, url: str) -> Store:
        if url.startswith("sqlite"):
            return cls(_sqlite_engine(url), sa.make_url(url).database or None)
        if pg.is_postgres(url):
            return cls(pg.create_engine(url))
        return cls(sa.create_engine(url, pool_pre_ping=True))

    def leads(self, job: str) -> bool:
        """Whether this process does `job` for every process sharing the store (the background
        embedder: one process embeds, not each of them). On PostgreSQL the first process to ask
        takes an advisory lock on a connection of its own and keeps it while it lives; another
        takes over when it is gone. On SQLite (one process, as a rule): always.

        The lock lives as long as its connection: a leader whose connection was cut (PostgreSQL
        restarted, the backend terminated) has lost it, and another process may hold it now, so
        each call checks the connection before answering yes and asks for the lock again if
        it is dead. `close()` lets the lock go before it returns."""
        if not self.postgres:
            return True
        with self._leads_lock:
            held = self._leads.get(job)
            if held is not None:
                try:
                    held.execute(sa.text("SELECT 1"))
                    return True
                except sa.exc.DBAPIError:  # the connection, and with it the lock, is gone
                    del self._leads[job]
                    _drop(held)
            conn = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            try:
                if conn.execute(sa.text("SELECT pg_try_advisory_lock(:k)"), {"k": _lead_key(job)}).scalar():
                    self._leads[job] = conn
                    return True
            except BaseException:
                _drop(conn)
                raise
            conn.close()
            return False

    def close(self) -> None:
        with self._leads_lock:
            # Unlock explicitly: closing the connection alone releases the lock only when the
            # server's backend has exited, a moment after we return, and another process asking
            # in that moment would be told no.
            for job, conn in self._leads.items():
                try:
                    conn.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": _lead_key(job)})
                except sa.exc.DBAPIError:
                    pass  # a dead connection holds no lock
                _drop(conn)
            self._leads.clear()
        if self._watch_conn is not None:
            self._watch_conn.close()
        if self._pg_watch is not None:
            self._pg_watch.close()
        self.engine.dispose()

    # --- transactions -----------------------------------------------------------------
    @contextmanager
    def write(self):
        """A short write transaction; on SQLite it takes the write lock at once (BEGIN IMMEDIATE).

        On PostgreSQL writers run side by side: a method that reads before it writes locks the
        rows it depends on (`with_for_update`, left out by SQLAlchemy on SQLite), and the
        transaction ends with a NOTIFY for the watchers. Inside `transaction()` it is that
        transaction.
        """
        batch = self._batch_conn(writing=True)
        if batch is not None:
            yield batch
            return
        with self._new_write() as conn:
            yield conn

    @contextmanager
    def _new_write(self, shared: bool = True):
        """A new write transaction: BEGIN IMMEDIATE on SQLite; a NOTIFY before COMMIT on PostgreSQL.
        `shared=False`: it writes only ballots (see `shared_version()`)."""
        with self.engine.connect().execution_options(immediate=True) as conn:
            with conn.begin():
                yield conn
                if self.postgres:
                    pg.notify(conn)
                else:  # holding the write lock: no other connection can commit until ours
                    self._seen_external()
            with self._commits_lock:
                self._commits += 1
                self._shared_commits += bool(shared)
            if not self.postgres:  # our own commit is no change by another connection
                self._dv_seen = self.data_version()

    @contextmanager
    def read(self):
        batch = self._batch_conn(writing=False)
        if batch is not None:  # inside `snapshot()` or `transaction()`: the same transaction
            yield batch
            return
        with self.engine.connect() as conn:
            with conn.begin():
                yield conn

    def _batch_conn(self, writing: bool):
        conn = getattr(self._batch, "conn", None)
        if conn is None or (writing and not self._batch.writing):
            return None  # a write inside a read-only snapshot gets its own transaction
        return conn

    @contextmanager
    def snapshot(self):
        """Run several reads in one transaction: one consistent view, and on PostgreSQL one
        BEGIN/COMMIT instead of one per read (a phone's state poll makes half a dozen reads).
        Writes inside still get their own transaction."""
        if getattr(self._batch, "conn", None) is not None:
            yield
            return
        with self.engine.connect() as conn:
            if self.postgres:  # SQLite's transactions are snapshots already
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                self._batch.conn, self._batch.writing = conn, False
                try:
                    yield
                finally:
                    self._batch.conn = None

    @contextmanager
    def transaction(self, shared: bool = True):
        """Every read and write inside runs in one write transaction: an action's checks and its
        write see the same rows, and it costs one BEGIN/COMMIT (a phone's dot: session,
        participant, card, budget and the dot together). Nested calls join the outer one.
        `shared=False`: the transaction writes only ballots (a phone's dot, rating, answer),
        nothing every phone reads alike (see `shared_version()`)."""
        current = getattr(self._batch, "conn", None)
        if current is not None:
            if not self._batch.writing:
                raise RuntimeError("transaction() inside snapshot(): a snapshot is read-only")
            yield
            return
        with self._new_write(shared) as conn:
            self._batch.conn, self._batch.writing = conn, True
            try:
                yield
            finally:
                self._batch.conn = None

    def data_version(self) -> int:
        """A number that changes whenever another connection commits (SQLite `PRAGMA data_version`).

        Watchers poll it: cheap, no table scan. Every write of this module goes through the
        engine's pool, never through the watch connection, so every write is seen. On
        PostgreSQL: the count of NOTIFYs received by a dedicated LISTEN connection.
        """
        if self._pg_watch is not None:
            return self._pg_watch.version()
        if self.sqlite_path in (None, "", ":memory:"):
            return 0  # one shared in-memory connection (doctests): no other writer to watch
        with self._watch_lock:
            if self._watch_conn is None:
                self._watch_conn = sqlite3.connect(self.sqlite_path, check_same_thread=False)
            return self._watch_conn.execute("PRAGMA data_version").fetchone()[0]

    PG_VERSION_AGE = 0.1  # seconds a PostgreSQL NOTIFY count is reused by `version()`

    def _seen_external(self) -> None:
        dv = self.data_version()
        if dv != self._dv_seen:
            self._external += 1
            self._dv_seen = dv

    def shared_version(self) -> str:
        """Like `version()`, but unmoved by this process's own ballots (`transaction(shared=
        False)`): what every phone reads alike (cards, stages, teams) changes with it, ballots'
        own counts may lag (the reader bounds how long; `SharedReads.max_age`). Any commit of
        another connection moves it (SQLite; on PostgreSQL it is `version()`).

        >>> s = Store.open_url("sqlite://")
        >>> code = s.create_session("Демо"); before = s.shared_version()
        >>> with s.transaction(shared=False): pass
        >>> s.shared_version() == before, s.version() == before
        (True, False)
        """
        if self.postgres:
            return self.version()
        with self._commits_lock:
            self._seen_external()
            return f"{self._external}.{self._shared_commits}"

    def version(self) -> str:
        """A cheap label of the store's content that changes after every commit: this process's
        own commits (counted as they finish, so a phone's next poll after its dot sees a new
        version at once) and every other connection's (`data_version()`). On PostgreSQL the
        NOTIFY count costs a round trip, so it is asked at most every `PG_VERSION_AGE` seconds:
        another process's dot reaches a phone's poll that much later, never its own.

        >>> s = Store.open_url("sqlite://")
        >>> before = s.version(); _ = s.create_session("Демо"); s.version() != before
        True
        """
        if self.postgres:
            count, asked = self._pg_seen
            now = time.monotonic()
            if now - asked > self.PG_VERSION_AGE:
                count = self.data_version()
                self._pg_seen = (count, now)
            return f"{count}.{self._commits}"
        return f"{self.data_version()}.{self._commits}"

    # --- schema -------------------------------------------------------------------------
    def schema_version(self) -> int:
        with self.read() as c:
            return _stamp(c)

    def migrate(self, target: int = SCHEMA_VERSION) -> None:
        """Bring a store an older version wrote up to `target`, in one transaction: every step
        (`schema.MIGRATIONS`, each idempotent) from the first, whatever the stamp says, since the
        steps were renumbered on 4–5 December. A SQLite store is first copied beside itself
        (`workbench.sqlite.before-schema-N`, with its -wal's commits); `upgraded` then holds the
        line that says so. A failed upgrade leaves the store as it was and says so, naming the copy.
        """
        from workbench.errors import Text

        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise WorkbenchError("store_newer", version=current, max=SCHEMA_VERSION)
        if current >= target:
            return
        copy = None
        try:
            with self._new_write() as c:
                # Several processes may start at once: the first migrates, the others wait
                # (BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL), then skip.
                if self.postgres:
                    pg.lock_migrations(c)
                current = _stamp(c)
                if current >= target:
                    return
                if current and self.sqlite_path:
                    copy = self._copy_before_upgrade(target)
                for version in range(1, target + 1):
                    MIGRATIONS[version](c)
                c.execute(sa.delete(meta).where(meta.c.key == "schema_version"))
                c.execute(sa.insert(meta).values(key="schema_version", value=str(target)))
        except WorkbenchError:
            raise
        except Exception as exc:
            from workbench.store.failures import storage_failed

            if not current or storage_failed(exc):
                raise
            why = str(getattr(exc, "orig", None) or exc).splitlines()[0][:200]
            if copy is None:
                raise WorkbenchError("store_upgrade_failed_db", old=current, new=target, why=why) from exc
            raise WorkbenchError("store_upgrade_failed", old=current, new=target, why=why, copy=str(copy)) from exc
        if current:
            self.upgraded = (Text("store_upgraded", old=current, new=target, copy=str(copy)) if copy
                             else Text("store_upgraded_db", old=current, new=target))

    def _copy_before_upgrade(self, target: int) -> Path:
        """Copy the SQLite store beside itself before upgrading it to schema `target` (inside the
        upgrade's transaction, so nothing is written between the copy and the upgrade)."""
        from workbench.store.copies import copy_store

        path = Path(self.sqlite_path)
        copy = path.with_name(f"{path.name}.before-schema-{target}")
        try:
            copy_store(path, copy)
        except (OSError, sqlite3.Error) as exc:
            raise WorkbenchError("store_copy_failed", path=str(copy),
                                 why=getattr(exc, "strerror", None) or exc) from exc
        return copy

    # --- sessions and stages --------------------------------------------------------------
    def create_session(self, title: str, territory: str = "", date: str = "",
                       kind: str = "strategic_session", template=DEFAULT_TEMPLATE,
                       code: str | None = None, titles: dict | None = None,
                       vote_budget: int = 3, moderation: str = "off", approval: bool = False) -> str:
        """Create a session with its stages; return its code."""
        from workbench.i18n import t, texts
        from workbench.session.moderation import check_settings

        if kind not in SESSION_KINDS:
            raise WorkbenchError("bad_request", detail=f"kind {kind!r}")
        title = clean_text(title, MAX_FIELD)
        moderation, approval = check_settings(moderation, approval)
        date = check_date(date) or time.strftime("%Y-%m-%d")
        now = time.time()
        with self.write() as c:
            for _ in range(20):
                code = code or new_code()
                if c.execute(sa.select(sessions.c.id).where(sessions.c.code == code)).first() is None:
                    break
                code = None
            sid = c.execute(sa.insert(sessions).values(
                code=code, title=title, territory=_clean_field("territory", territory),
                date=date, kind=kind, created_at=now, moderation=moderation,
                approval=approval)).inserted_primary_key[0]
            ideas_id = None
            first = None
            for pos, kind_ in enumerate(template):
                if kind_ not in STAGE_KINDS:
                    raise WorkbenchError("bad_request", detail=f"stage kind {kind_!r}")
                stid = c.execute(sa.insert(stages).values(
                    session_id=sid, position=pos, kind=kind_,
                    title=(titles or {}).get(kind_) or t(f"stage_{kind_}"),
                    prompt=t(f"stage_{kind_}_prompt"),
                    title_texts="" if (titles or {}).get(kind_) else texts_json(texts(f"stage_{kind_}")),
                    prompt_texts=texts_json(texts(f"stage_{kind_}_prompt")),
                    target_stage_id=ideas_id if kind_ in TARGETING_KINDS else None,
                    vote_budget=vote_budget, voting_open=False, results_visible=False,
                )).inserted_primary_key[0]
                first = first or stid
                if kind_ == "ideas":
                    ideas_id = stid
            c.execute(sa.update(sessions).where(sessions.c.id == sid).values(current_stage_id=first))
        return code

    def session(self, code: str) -> dict:
        code = (code or "").strip().upper()
        with self.read() as c:
            r = _row(c.execute(sa.select(sessions).where(sessions.c.code == code)).first())
        if r is None:
            raise NotFound("session_unknown", code=code[:16])
        return r

    def update_session(self, session_id: int, **fields) -> dict:
        """Change a session's title, territory or date (checked as `create_session` checks them);
        the session as it is now. The phones, the display and the forms read it at their next poll."""
        values = {}
        if fields.keys() - {"title", "territory", "date"}:
            raise WorkbenchError("bad_request", detail=", ".join(sorted(fields)))
        if fields.get("title") is not None:
            values["title"] = clean_text(fields["title"], MAX_FIELD)
        if fields.get("territory") is not None:
            values["territory"] = _clean_field("territory", fields["territory"])
        if fields.get("date") is not None:
            values["date"] = check_date(fields["date"]) or time.strftime("%Y-%m-%d")
        with self.write() as c:
            r = c.execute(sa.select(sessions.c.code).where(sessions.c.id == session_id)).first()
            if r is None:
                raise NotFound("session_unknown", code=str(session_id))
            if values:
                c.execute(sa.update(sessions).where(sessions.c.id == session_id).values(**values))
        return self.session(r[0])

    def session_by_id(self, session_id: int) -> dict | None:
        """The session a row belongs to (a draft, a public page, a registration); None if gone."""
        with self.read() as c:
            return _row(c.execute(sa.select(sessions).where(sessions.c.id == session_id)).first())

    def list_sessions(self, archived: bool = True) -> list[dict]:
        """Every session by date; without the archived ones when `archived=False`."""
        q = sa.select(sessions)
        if not archived:
            q = q.where(sessions.c.archived_at.is_(None))
        with self.read() as c:
            rows = c.execute(q.order_by(sessions.c.date, sessions.c.id)).all()
        return [_row(r) for r in rows]

    def set_archived(self, session_id: int, at: float | None) -> None:
        """Put a session in the archive (`at`: when) or take it out (None); the rules:
        `workbench.session.lifecycle`."""
        with self.write() as c:
            c.execute(sa.update(sessions).where(sessions.c.id == session_id).values(archived_at=at))

    def stages(self, session_id: int) -> list[dict]:
        with self.read() as c:
            rows = c.execute(sa.select(stages).where(stages.c.session_id == session_id,
                                                     stages.c.removed.is_(False))
                             .order_by(stages.c.position, stages.c.id)).all()
        return [_row(r) for r in rows]

    def stage(self, stage_id: int, session_id: int | None = None) -> dict:
        with self.read() as c:
            r = _row(c.execute(sa.select(stages).where(stages.c.id == stage_id)).first())
        if r is None or (session_id is not None and r["session_id"] != session_id):
            raise NotFound("stage_unknown")
        return r

    def set_current_stage(self, session_id: int, stage_id: int) -> None:
        self.stage(stage_id, session_id)
        with self.write() as c:
            c.execute(sa.update(sessions).where(sessions.c.id == session_id)
                      .values(current_stage_id=stage_id))

    STAGE_FIELDS = ("title", "prompt", "vote_budget", "voting_open", "voting_opened_at", "results_visible",
                    "timer_ends_at", "target_stage_id", "vote_on", "method",
                    "source_stage_id", "source_method", "source_top", "title_texts", "prompt_texts")

    def update_stage(self, stage_id: int, **fields) -> dict:
        bad = set(fields) - set(self.STAGE_FIELDS)
        if bad:
            raise WorkbenchError("bad_request", detail=", ".join(sorted(bad)))
        with self.write() as c:
            c.execute(sa.update(stages).where(stages.c.id == stage_id).values(**fields))
        return self.stage(stage_id)

    def add_stage(self, session_id: int, kind: str, title: str = "", after_position: int | None = None) -> int:
        """Add a stage to a session's list (at the end, or after a position)."""
        from workbench.i18n import t, texts

        if kind not in STAGE_KINDS:
            raise WorkbenchError("bad_request", detail=f"stage kind {kind!r}")
        existing = self.stages(session_id)
        pos = len(existing) if after_position is None else after_position + 1
        target = None
        if kind in TARGETING_KINDS:
            ideas = [s for s in existing if s["kind"] == "ideas" and s["position"] < pos]
            target = ideas[-1]["id"] if ideas else None
        with self.write() as c:
            _lock(c, sessions, session_id)
            c.execute(sa.update(stages).where(stages.c.session_id == session_id,
                                              stages.c.position >= pos)
                      .values(position=stages.c.position + 1))
            return c.execute(sa.insert(stages).values(
                session_id=session_id, position=pos, kind=kind,
                title=title or t(f"stage_{kind}"), prompt=t(f"stage_{kind}_prompt"),
                title_texts="" if title else texts_json(texts(f"stage_{kind}")),
                prompt_texts=texts_json(texts(f"stage_{kind}_prompt")),
                target_stage_id=target, vote_budget=3, voting_open=False,
                results_visible=False)).inserted_primary_key[0]

    # --- participants ----------------------------------------------------------------------
    def join(self, session_id: int, token: str | None = None, on_paper: bool = False,
             request_id: str | None = None, **profile) -> dict:
        """Join a session, or rejoin with the device's token (the same participant comes back).
        `on_paper`: a ballot collected on paper, typed in by an assistant. `request_id`: the
        client's id of this join; the same join sent again (its answer was lost) brings back the
        participant the first copy made (`participant_by_request`), never a second one."""
        fields = {k: _clean_field(k, profile.get(k)) for k in ("name", "territory", "organisation", "sector")}
        if fields["sector"] and fields["sector"] not in SECTORS:
            raise WorkbenchError("sector_unknown", sector=fields["sector"][:30])
        made = request_token(session_id, request_id) if request_id else None
        with self.write() as c:
            for known in (token, made):
                if not known:
                    continue
                r = _row(c.execute(sa.select(participants).where(
                    participants.c.token == known, participants.c.session_id == session_id)).first())
                if r is not None:
                    changes = {k: v for k, v in fields.items() if v}
                    if changes:
                        c.execute(sa.update(participants).where(participants.c.id == r["id"])
                                  .values(**changes))
                        r.update(changes)
                    return r
            token = made or secrets.token_urlsafe(24)
            pid = c.execute(sa.insert(participants).values(
                session_id=session_id, token=token, created_at=time.time(), on_paper=on_paper, **fields
            )).inserted_primary_key[0]
        return {"id": pid, "session_id": session_id, "token": token, "on_paper": on_paper, **fields}

    def participant_by_request(self, session_id: int, request_id: str) -> dict | None:
        """The participant a join with this `request_id` made in this session, or None."""
        with self.read() as c:
            return _row(c.execute(sa.select(participants).where(
                participants.c.token == request_token(session_id, request_id),
                participants.c.session_id == session_id)).first())

    def participant_by_token(self, session_id: int, token: str | None) -> dict:
        if not token or not isinstance(token, str) or len(token) > 64:
            raise WorkbenchError("participant_unknown", status=401)
        with self.read() as c:  # every phone's every poll: the statement is built once (_BY_TOKEN)
            r = _row(c.execute(_BY_TOKEN, {"token": token, "sid": session_id}).first())
        if r is None:
            raise WorkbenchError("participant_unknown", status=401)
        return r

    def phone_context(self, code: str, token: str | None) -> tuple[dict, dict | None, dict | None]:
        """(session, participant holding `token` or None, current stage or None) in one query:
        every phone action starts with these three. NotFound for an unknown code."""
        code = (code or "").strip().upper()
        ok_token = isinstance(token, str) and 0 < len(token) <= 64
        with self.read() as c:
            r = c.execute(_PHONE_CONTEXT, {"code": code, "token": token if ok_token else ""}).first()
        if r is None:
            raise NotFound("session_unknown", code=code[:16])
        row = r._mapping
        parts = {}
        for table in (sessions, participants, stages):
            parts[table.name] = {col.name: row[f"{table.name}_{col.name}"] for col in table.columns}
        participant = parts["participants"] if parts["participants"]["id"] is not None else None
        stage = parts["stages"] if parts["stages"]["id"] is not None else None
        return parts["sessions"], participant, stage

    def participant(self, participant_id: int) -> dict:
        with self.read() as c:
            r = _row(c.execute(sa.select(participants).where(participants.c.id == participant_id)).first())
        if r is None:
            raise WorkbenchError("participant_unknown", status=401)
        return r

    def participants(self, session_id: int) -> list[dict]:
        with self.read() as c:
            rows = c.execute(sa.select(participants).where(participants.c.session_id == session_id)
                             .order_by(participants.c.id)).all()
        return [_row(r) for r in rows]

    def lock_session(self, session_id: int) -> None:
        """Serialise fresh joins of one session until commit (SELECT … FOR UPDATE on PostgreSQL, so
        two processes cannot both take the last place under `participants_per_session`; SQLite's
        immediate transaction already serialises every write)."""
        with self.read() as c:
            c.execute(sa.select(sessions.c.id).where(sessions.c.id == session_id).with_for_update())

    def note_borrowed_phone(self, participant_id: int) -> None:
        """A borrowed phone opened this participant's page now (`participants.borrowed_at`)."""
        with self.write() as c:
            c.execute(sa.update(participants).where(participants.c.id == participant_id)
                      .values(borrowed_at=time.time()))

    def has_participant(self, session_id: int, token: str) -> bool:
        """A participant of this session holds this device token."""
        with self.read() as c:
            return c.execute(sa.select(participants.c.id).where(
                participants.c.token == token, participants.c.session_id == session_id)).first() is not None

    def count_participants(self, session_id: int, people_only: bool = False) -> int:
        """Participant rows of a session; `people_only`: without the ballots collected on paper
        (`workbench.session.model.people`)."""
        q = sa.select(sa.func.count()).select_from(participants).where(participants.c.session_id == session_id)
        if people_only:
            q = q.where(participants.c.on_paper.is_(False))
        with self.read() as c:
            return int(c.execute(q).scalar())

    def remove_participants(self, session_id: int, participant_ids: list[int]) -> dict:
        """Take participants out of a session (a flood of fake joins): their cards hidden (kept,
        without an author), every ballot, vote, team place and review of theirs deleted, then the
        participants themselves; their tokens no longer open the session. Returns how many
        participants and cards went. Persistence only: who is removed is the caller's choice
        (`workbench.session.cleanup`)."""
        from workbench.store.schema import metadata, registrations, review_scores, reviews

        with self.write() as c:
            ids = [r[0] for r in c.execute(sa.select(participants.c.id).where(
                participants.c.session_id == session_id, participants.c.id.in_(list(participant_ids))))]
            if not ids:
                return {"participants": 0, "cards": 0}
            n_cards = c.execute(sa.update(cards).where(cards.c.participant_id.in_(ids), cards.c.hidden == sa.false())
                                .values(hidden=True, updated_at=time.time())).rowcount
            c.execute(sa.update(cards).where(cards.c.participant_id.in_(ids)).values(participant_id=None))
            # a registration stays (the person did register): only its phone goes
            c.execute(sa.update(registrations).where(registrations.c.joined_as.in_(ids)).values(joined_as=None))
            c.execute(sa.delete(review_scores).where(review_scores.c.review_id.in_(
                sa.select(reviews.c.id).where(reviews.c.participant_id.in_(ids)))))
            for table in reversed(metadata.sorted_tables):  # every table that names a participant
                if table.name not in ("participants", "cards") and "participant_id" in table.c:
                    c.execute(sa.delete(table).where(table.c.participant_id.in_(ids)))
            c.execute(sa.delete(participants).where(participants.c.id.in_(ids)))
        return {"participants": len(ids), "cards": n_cards}

    # --- cards ---------------------------------------------------------------------
    def add_card(self, session_id: int, stage_id: int, text: str,
                         participant_id: int | None = None, by_facilitator: bool = False,
                         created_at: float | None = None, status: str = "shown",
                         flagged: bool = False, request_id: str | None = None) -> dict:
        text = clean_text(text)
        self.stage(stage_id, session_id)
        now = created_at or time.time()
        with self.write() as c:
            cid = c.execute(sa.insert(cards).values(
                session_id=session_id, stage_id=stage_id, participant_id=participant_id,
                by_facilitator=by_facilitator, text=text, category="", created_at=now,
                updated_at=now, hidden=False, status=status, flagged=flagged,
                request_id=request_id or None)).inserted_primary_key[0]
        return self.card(cid)

    def card_with_request(self, participant_id: int, request_id: str) -> dict | None:
        """The card this participant already sent with this request id (a retry), if any."""
        with self.read() as c:
            return _row(c.execute(sa.select(cards).where(
                cards.c.participant_id == participant_id, cards.c.request_id == request_id)).first())

    def card(self, card_id: int, session_id: int | None = None, share_lock: bool = False) -> dict:
        """One card (of this session, when given). `share_lock`: inside a transaction, hold a
        shared lock on it until commit (PostgreSQL: FOR SHARE), so a ballot that checked it
        cannot be overtaken by a merge or a hide of that card."""
        with self.read() as c:
            r = _row(c.execute(_CARD_SHARED if share_lock else _CARD, {"card": card_id}).first())
        if r is None or (session_id is not None and r["session_id"] != session_id):
            raise NotFound("card_unknown")
        return r

    def lock_card(self, card_id: int) -> None:
        """Serialise writes that depend on one card until commit (PostgreSQL: FOR UPDATE)."""
        with self.read() as c:
            _lock(c, cards, card_id)

    def cards(self, session_id: int, stage_id: int | None = None,
                      include_hidden: bool = False, status: str | None = "shown") -> list[dict]:
        """Cards, newest first. Hidden and merged-away cards only with `include_hidden`; only
        cards of this `status` (by default "shown": none waiting for moderation; None: all)."""
        q = sa.select(cards).where(cards.c.session_id == session_id)
        if status is not None:
            q = q.where(cards.c.status == status)
        if stage_id is not None:
            q = q.where(cards.c.stage_id == stage_id)
        if not include_hidden:
            q = q.where(cards.c.hidden == sa.false(), cards.c.merged_into.is_(None))
        with self.read() as c:
            rows = c.execute(q.order_by(cards.c.created_at.desc(), cards.c.id.desc())).all()
        return [_row(r) for r in rows]

    def edit_card(self, card_id: int, text: str | None = None,
                          category: str | None = None) -> dict:
        values = {"updated_at": time.time()}
        if text is not None:
            values["text"] = clean_text(text)
        if category is not None:
            values["category"] = _clean_field("category", category)
        self.card(card_id)
        with self.write() as c:
            c.execute(sa.update(cards).where(cards.c.id == card_id).values(**values))
        return self.card(card_id)

    def set_card_status(self, session_id: int, card_ids: list[int], status: str) -> int:
        """Set the moderation status of these cards of the session; how many were changed."""
        with self.write() as c:
            return c.execute(sa.update(cards).where(
                cards.c.id.in_(card_ids), cards.c.session_id == session_id, cards.c.status != status)
                .values(status=status, updated_at=time.time())).rowcount

    def set_moderation(self, session_id: int, moderation: str, approval: bool) -> None:
        with self.write() as c:
            c.execute(sa.update(sessions).where(sessions.c.id == session_id)
                      .values(moderation=moderation, approval=approval))

    def set_display(self, session_id: int, mode: str, stage_id: int | None, selected: str) -> None:
        """What the projector's display page shows (the rules: `session/display.py`)."""
        with self.write() as c:
            c.execute(sa.update(sessions).where(sessions.c.id == session_id)
                      .values(display_mode=mode, display_stage_id=stage_id, display_selected=selected))

    def display(self, session_id: int) -> dict:
        """What the display shows now: `mode`, `stage_id` (None: the current stage), `selected`."""
        with self.read() as c:
            r = c.execute(sa.select(sessions.c.display_mode, sessions.c.display_stage_id, sessions.c.display_selected)
                          .where(sessions.c.id == session_id)).first()
        if r is None:
            raise NotFound("session_unknown", code=str(session_id))
        return {"mode": r[0], "stage_id": r[1], "selected": r[2]}

    def display_lang(self, session_id: int) -> str | None:
        """The language the facilitator's control view last used for the display, if any (kept
        in `meta`: a setting of the room's screen, not of the session's record; an exported
        session carries it, and it goes with the session: `store/transfer.py`)."""
        with self.read() as c:
            return c.execute(sa.select(meta.c.value).where(meta.c.key == display_lang_key(session_id))).scalar()

    def set_display_lang(self, session_id: int, lang: str) -> None:
        key = display_lang_key(session_id)
        with self.write() as c:
            if c.execute(sa.select(meta.c.value).where(meta.c.key == key)).scalar() != lang:
                c.execute(sa.delete(meta).where(meta.c.key == key))
                c.execute(sa.insert(meta).values(key=key, value=lang))

    def timer_clock(self, key: str) -> str | None:
        """The timers' settled clock (`session/clock.py`), kept in `meta`; None before the first."""
        with self.read() as c:
            return c.execute(sa.select(meta.c.value).where(meta.c.key == key)).scalar()

    def settle_timers(self, key: str, expected: str | None, value: str, shift: float) -> bool:
        """Move every running timer's deadline by `shift` seconds and keep `value` as the timers'
        clock, in one transaction, if the kept clock is still `expected` (False otherwise: another
        process settled it first, and the deadlines are moved once)."""
        with self.write() as c:
            kept = c.execute(sa.select(meta.c.value).where(meta.c.key == key).with_for_update()).scalar()
            if kept != expected:
                return False
            if shift:
                c.execute(sa.update(stages).where(stages.c.timer_ends_at.is_not(None))
                          .values(timer_ends_at=stages.c.timer_ends_at + shift))
            c.execute(sa.delete(meta).where(meta.c.key == key))
            c.execute(sa.insert(meta).values(key=key, value=value))
        return True

    def set_hidden(self, card_id: int, hidden: bool = True) -> None:
        self.card(card_id)
        with self.write() as c:
            c.execute(sa.update(cards).where(cards.c.id == card_id)
                      .values(hidden=hidden, updated_at=time.time()))

    def merge(self, target_id: int, source_ids: list[int]) -> dict:
        """Merge cards into `target_id`: the sources disappear from the wall, their dots and team
        sign-ups move over."""
        source_ids = [s for s in dict.fromkeys(source_ids)]
        if target_id in source_ids:
            raise WorkbenchError("merge_same")
        if not source_ids:
            raise WorkbenchError("merge_need_two")
        with self.write() as c:
            target = _row(c.execute(sa.select(cards).where(cards.c.id == target_id)).first())
            if target is None:
                raise NotFound("card_unknown")
            _lock(c, sessions, target["session_id"])
            found = c.execute(sa.select(sa.func.count()).where(
                cards.c.id.in_(source_ids),
                cards.c.session_id == target["session_id"])).scalar()
            if found != len(source_ids):
                raise NotFound("card_unknown")
            now = time.time()
            # Cards merged earlier into a source follow it to the new target.
            c.execute(sa.update(cards).where(cards.c.merged_into.in_(source_ids))
                      .values(merged_into=target_id, updated_at=now))
            c.execute(sa.update(cards).where(cards.c.id.in_(source_ids))
                      .values(merged_into=target_id, updated_at=now))
            c.execute(sa.update(votes).where(votes.c.card_id.in_(source_ids))
                      .values(card_id=target_id))
            # Sign-ups follow the dots: a team on a card merged away joins the target's team.
            # One leader per team: the target's own leader stays, else the earliest moved one.
            tm = team_members.c
            led = set(c.execute(sa.select(tm.stage_id).where(tm.card_id == target_id,
                                                             tm.is_leader == sa.true())).scalars())
            c.execute(sa.update(team_members).where(tm.card_id.in_(source_ids), tm.stage_id.in_(led))
                      .values(is_leader=False))
            c.execute(sa.update(team_members).where(tm.card_id.in_(source_ids)).values(card_id=target_id))
            leaders = c.execute(sa.select(tm.id, tm.stage_id).where(
                tm.card_id == target_id, tm.is_leader == sa.true()).order_by(tm.created_at, tm.id)).all()
            first = {}
            for row_id, stage_id in leaders:
                first.setdefault(stage_id, row_id)
            extra = [row_id for row_id, _ in leaders if row_id not in first.values()]
            if extra:
                c.execute(sa.update(team_members).where(tm.id.in_(extra)).values(is_leader=False))
            if target["is_group"]:  # merging groups: their cards join the target group
                c.execute(sa.update(cards).where(cards.c.group_id.in_(source_ids))
                          .values(group_id=target_id, updated_at=now))
            c.execute(sa.update(cards).where(cards.c.id == target_id)
                      .values(updated_at=now))
        return self.card(target_id)

    # --- groups -------------------------------------------------------------------------------
    def set_groups(self, stage_id: int, groups: list[tuple[str, list[int]]],
                   keep: list[int | None] | None = None) -> list[int]:
        """Replace the stage's groups with these (name, card ids): one transaction, so phones
        never see half a grouping. `keep[i]`: an existing group of the stage that becomes the
        i-th (its id, name, dots and team stay; None: a new group). Other old groups are hidden
        (their dots stay in the store)."""
        st = self.stage(stage_id)
        keep = list(keep) if keep is not None else [None] * len(groups)
        if len(keep) != len(groups):
            raise ValueError("keep: one entry per group")
        kept = [g for g in keep if g is not None]
        now = time.time()
        ids = []
        with self.write() as c:
            _lock(c, sessions, st["session_id"])
            c.execute(sa.update(cards).where(cards.c.stage_id == stage_id,
                                             cards.c.is_group == sa.true(), cards.c.id.not_in(kept))
                      .values(hidden=True, updated_at=now))
            c.execute(sa.update(cards).where(cards.c.stage_id == stage_id)
                      .values(group_id=None))
            for pos, ((name, members), old) in enumerate(zip(groups, keep, strict=True)):
                if old is None:
                    gid = c.execute(sa.insert(cards).values(
                        session_id=st["session_id"], stage_id=stage_id, by_facilitator=True,
                        text=clean_text(name, MAX_FIELD), category="", created_at=now + pos * 1e-3,
                        updated_at=now, hidden=False, is_group=True)).inserted_primary_key[0]
                else:  # the same group again: its number on the wall and its tie standing stay
                    gid = old
                ids.append(gid)
                if members:
                    c.execute(sa.update(cards).where(
                        cards.c.id.in_(members), cards.c.stage_id == stage_id,
                        cards.c.is_group == sa.false()).values(group_id=gid, updated_at=now))
        return ids

    def add_group(self, stage_id: int, name: str, members: list[int] = ()) -> int:
        """A new group (e.g. split off from another one) with the given cards."""
        st = self.stage(stage_id)
        now = time.time()
        with self.write() as c:
            gid = c.execute(sa.insert(cards).values(
                session_id=st["session_id"], stage_id=stage_id, by_facilitator=True,
                text=clean_text(name, MAX_FIELD), category="", created_at=now, updated_at=now,
                hidden=False, is_group=True)).inserted_primary_key[0]
            if members:
                c.execute(sa.update(cards).where(
                    cards.c.id.in_(list(members)), cards.c.stage_id == stage_id,
                    cards.c.is_group == sa.false()).values(group_id=gid, updated_at=now))
        return gid

    def move_to_group(self, card_ids: list[int], group_id: int | None) -> None:
        """Put cards into a group of their stage (None: out of any group)."""
        if group_id is not None:
            g = self.card(group_id)
            if not g["is_group"]:
                raise WorkbenchError("not_a_group")
        with self.write() as c:
            q = sa.update(cards).where(cards.c.id.in_(list(card_ids)),
                                               cards.c.is_group == sa.false())
            if group_id is not None:
                q = q.where(cards.c.stage_id == g["stage_id"])
            c.execute(q.values(group_id=group_id, updated_at=time.time()))

    # --- statements: agree / disagree / pass ------------------------------------------------------
    def put_statement_vote(self, stage_id: int, participant_id: int, card_id: int, vote: int) -> None:
        """Store an agree (1) / disagree (-1) / pass (0); voting again replaces the vote."""
        now = time.time()
        with self.write() as c:
            done = c.execute(sa.update(statement_votes).where(
                statement_votes.c.participant_id == participant_id,
                statement_votes.c.card_id == card_id).values(vote=vote, created_at=now))
            if done.rowcount == 0:
                c.execute(sa.insert(statement_votes).values(
                    stage_id=stage_id, participant_id=participant_id, card_id=card_id,
                    vote=vote, created_at=now))

    def statement_votes(self, stage_id: int) -> list[dict]:
        """Every participant's current vote on every statement of the stage."""
        with self.read() as c:
            rows = c.execute(sa.select(statement_votes.c.participant_id, statement_votes.c.card_id,
                                       statement_votes.c.vote, statement_votes.c.created_at)
                             .where(statement_votes.c.stage_id == stage_id)
                             .order_by(statement_votes.c.id)).all()
        return [_row(r) for r in rows]

    def statement_counts(self, stage_id: int) -> dict[int, dict[int, int]]:
        """{statement: {1: agree, -1: disagree, 0: pass}}."""
        with self.read() as c:
            rows = c.execute(sa.select(statement_votes.c.card_id, statement_votes.c.vote,
                                       sa.func.count())
                             .where(statement_votes.c.stage_id == stage_id)
                             .group_by(statement_votes.c.card_id, statement_votes.c.vote)).all()
        out: dict[int, dict[int, int]] = {}
        for cid, vote, n in rows:
            out.setdefault(int(cid), {1: 0, -1: 0, 0: 0})[int(vote)] = int(n)
        return out

    def copy_to_stage(self, card_ids: list[int], stage_id: int) -> list[int]:
        """Copy cards (e.g. selected problems) into another stage, e.g. as statements; a copy
        keeps its author (a participant's card is not marked as the facilitator's)."""
        st = self.stage(stage_id)
        now = time.time()
        ids = []
        with self.write() as c:
            rows = c.execute(sa.select(cards).where(cards.c.id.in_(list(card_ids)),
                                                            cards.c.session_id == st["session_id"])
                             .order_by(cards.c.id)).all()
            for r in rows:
                ids.append(c.execute(sa.insert(cards).values(
                    session_id=st["session_id"], stage_id=stage_id, by_facilitator=r.by_facilitator,
                    participant_id=r.participant_id, text=r.text,
                    category="", created_at=now, updated_at=now, hidden=False)).inserted_primary_key[0])
        return ids


# Built once (building a statement costs as much as running it): the reads of every phone action.
_CARD = sa.select(cards).where(cards.c.id == sa.bindparam("card"))
_CARD_SHARED = _CARD.with_for_update(read=True)
_BY_TOKEN = sa.select(participants).where(
    participants.c.token == sa.bindparam("token"), participants.c.session_id == sa.bindparam("sid"))

_PHONE_CONTEXT = (
    sa.select(sessions, participants, stages)
    .select_from(sessions.outerjoin(participants, sa.and_(participants.c.session_id == sessions.c.id,
                                                          participants.c.token == sa.bindparam("token")))
                 .outerjoin(stages, stages.c.id == sessions.c.current_stage_id))
    .where(sessions.c.code == sa.bindparam("code"))
    .set_label_style(sa.LABEL_STYLE_TABLENAME_PLUS_COL)
)


def _sqlite_engine(url: str) -> sa.Engine:
    kwargs = {}
    if sa.make_url(url).database in (None, "", ":memory:"):
        kwargs["poolclass"] = sa.pool.StaticPool  # one shared in-memory database
    engine = sa.create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # Let SQLAlchemy's begin event issue BEGIN itself (pysqlite's own handling defers it).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")  # durable across a killed process in WAL mode
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("immediate")
                             else "BEGIN")

    return engine
