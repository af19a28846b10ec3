"""Queries for what is shared between sessions (a part of the Store class): a session's public
results page, a team's link to its draft, a version per field of a draft, comments on fields.

Persistence only: who may see or save what is decided in `workbench.session.public` and
`workbench.session.team_links`.

>>> from workbench.store import Store
>>> s = Store.open_url("sqlite://")
>>> sid = s.session(s.create_session("Демо"))["id"]
>>> s.public_page(sid) is None
True
>>> page = s.set_public_page(sid, True)
>>> page["enabled"], s.public_page_by_token(page["token"])["session_id"] == sid
(True, True)
>>> d = s.add_draft(sid, {"title": "Школа", "goal": ""})
>>> s.put_draft_field(d, "goal", "40 человек", base=0)["versions"]["goal"]
1
>>> s.put_draft_field(d, "goal", "50 человек", base=0)
Traceback (most recent call last):
workbench.store.sharing.FieldConflict: draft_field_conflict
"""

from __future__ import annotations

import json
import secrets
import time

import sqlalchemy as sa

from workbench.errors import Conflict, NotFound
from workbench.store.schema import (
    draft_comments,
    draft_field_history,
    drafts,
    public_pages,
    team_links,
)
from workbench.store.schema import row_dict as _row

TOKEN_BYTES = 16  # 22 URL-safe characters: a link nobody guesses


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def bump_versions(versions_json: str | None, names) -> str:
    """The field versions (a JSON object) with each of `names` one higher.

    >>> bump_versions('{"goal": 2}', ["goal", "title"])
    '{"goal": 3, "title": 1}'
    """
    versions = json.loads(versions_json or "{}")
    for name in names:
        versions[name] = int(versions.get(name, 0)) + 1
    return json.dumps(versions)


HISTORY_KEPT = 50  # earlier values kept per field: a team page saves at every pause in typing


def keep_history(c, draft_id: int, old: dict, versions: dict) -> None:
    """Keep the values `old` ({field: value}) that a save is about to replace, with their versions
    (inside the save's transaction `c`); a field's oldest values beyond `HISTORY_KEPT` go."""
    now = time.time()
    for name, value in old.items():
        c.execute(sa.insert(draft_field_history).values(
            draft_id=draft_id, field=name, version=int(versions.get(name, 0)),
            value=json.dumps(value, ensure_ascii=False), replaced_at=now))
        where = (draft_field_history.c.draft_id == draft_id, draft_field_history.c.field == name)
        oldest_kept = c.execute(sa.select(draft_field_history.c.id).where(*where)
                                .order_by(draft_field_history.c.id.desc())
                                .offset(HISTORY_KEPT - 1).limit(1)).scalar()
        if oldest_kept is not None:
            c.execute(sa.delete(draft_field_history).where(*where, draft_field_history.c.id < oldest_kept))


class FieldConflict(Conflict):
    """The same field was saved by someone else since the version the edit started from; carries
    what is stored now, so the page can show both texts."""

    def __init__(self, field: str, value, version: int):
        super().__init__("draft_field_conflict")
        self.field, self.value, self.version = field, value, version


class SharingQueries:
    """Mixed into `Store`: use `self.read()` / `self.write()` and the tables in `schema`."""

    # --- the public results page --------------------------------------------------------------
    def public_page(self, session_id: int) -> dict | None:
        """The session's public page (`token`, `enabled`), or None when it was never turned on."""
        with self.read() as c:
            return _row(c.execute(sa.select(public_pages).where(public_pages.c.session_id == session_id)).first())

    def set_public_page(self, session_id: int, enabled: bool) -> dict:
        """Turn the public page on or off; its token (the link) is made once and kept."""
        with self.write() as c:
            row = c.execute(sa.select(public_pages.c.id).where(public_pages.c.session_id == session_id)
                            .with_for_update()).first()
            if row is None:
                c.execute(sa.insert(public_pages).values(session_id=session_id, token=new_token(),
                                                         enabled=bool(enabled), created_at=time.time()))
            else:
                c.execute(sa.update(public_pages).where(public_pages.c.id == row.id).values(enabled=bool(enabled)))
        return self.public_page(session_id)

    def public_page_by_token(self, token: str) -> dict:
        """An enabled public page by its token; NotFound otherwise (a page turned off is gone)."""
        with self.read() as c:
            row = _row(c.execute(sa.select(public_pages).where(
                public_pages.c.token == str(token or "")[:64], public_pages.c.enabled == sa.true())).first())
        if row is None:
            raise NotFound("public_page_unknown")
        return row

    # --- team links ------------------------------------------------------------------------------
    def team_link(self, draft_id: int) -> str:
        """The token of a draft's team link, made the first time it is asked for."""
        self.draft(draft_id)
        with self.write() as c:
            token = c.execute(sa.select(team_links.c.token).where(team_links.c.draft_id == draft_id)).scalar()
            if token is None:
                token = new_token()
                c.execute(sa.insert(team_links).values(draft_id=draft_id, token=token, created_at=time.time()))
        return token

    def team_links(self, draft_ids) -> dict[int, str]:
        """draft id -> token, for the drafts that have a team link."""
        ids = list(draft_ids)
        if not ids:
            return {}
        with self.read() as c:
            rows = c.execute(sa.select(team_links.c.draft_id, team_links.c.token)
                             .where(team_links.c.draft_id.in_(ids))).all()
        return {r.draft_id: r.token for r in rows}

    def draft_by_team_token(self, token: str) -> dict:
        with self.read() as c:
            draft_id = c.execute(sa.select(team_links.c.draft_id).where(
                team_links.c.token == str(token or "")[:64])).scalar()
        if draft_id is None:
            raise NotFound("team_link_unknown")
        return self.draft(draft_id)

    # --- field-level saves and comments ----------------------------------------------------------
    def put_draft_field(self, draft_id: int, name: str, value, base: int, merge=None,
                        replaces_own: bool = False) -> dict:
        """Save one field (validated by `workbench.session.team_links`) if nobody saved it since
        version `base`; else `FieldConflict` with the stored value. Other fields are left as they
        are, so two people editing different fields both keep their work. A field that already
        holds this very value is saved, not a conflict: a team page sends a save again when its
        answer was lost (a proxy's 504, a dropped connection) though the first copy was stored.

        With `merge` (a function of the stored value returning the value to store, or raising
        `FieldConflict`), the stored value is merged inside this transaction instead of compared
        by version: the rule lives with its caller (`workbench.draft_merge` for tables). The value replaced is kept
        in the field's history (`field_history`), unless the caller says it `replaces_own` value
        saved while still typing and nobody saved the field since `base` (one row per pause in
        typing, however often a field saves while it is typed in)."""
        with self.write() as c:
            row = _row(c.execute(sa.select(drafts).where(drafts.c.id == draft_id).with_for_update()).first())
            if row is None:
                raise NotFound("draft_unknown")
            fields = json.loads(row["fields"] or "{}")
            versions = json.loads(row["field_versions"] or "{}")
            current = int(versions.get(name, 0))
            merged = merge is not None
            if merged:
                try:
                    value = merge(fields.get(name))
                except FieldConflict:  # what the merge could not settle: refused with what is stored
                    raise FieldConflict(name, fields.get(name), current) from None
            stored = name in fields and fields[name] == value
            if int(base) != current and not stored and not merged:
                raise FieldConflict(name, fields.get(name), current)
            if not stored:
                if name in fields and not (replaces_own and int(base) == current):
                    keep_history(c, draft_id, {name: fields[name]}, versions)
                fields[name] = value
                values = {"fields": json.dumps(fields, ensure_ascii=False),
                          "field_versions": bump_versions(row["field_versions"], [name]),
                          "updated_at": max(time.time(), row["updated_at"] + 1e-6)}
                if name in ("title", "territory"):
                    values[name] = value
                c.execute(sa.update(drafts).where(drafts.c.id == draft_id).values(**values))
        return self.draft(draft_id)

    def field_history(self, draft_id: int, name: str, limit: int = 50) -> list[dict]:
        """Earlier values of one field of a draft, the latest first: `{"version", "value",
        "replaced_at"}` (the version the value had, and when a save replaced it)."""
        with self.read() as c:
            rows = c.execute(sa.select(draft_field_history).where(
                draft_field_history.c.draft_id == draft_id, draft_field_history.c.field == name)
                .order_by(draft_field_history.c.id.desc()).limit(limit)).all()
        return [{"version": r.version, "value": json.loads(r.value), "replaced_at": r.replaced_at} for r in rows]

    def field_history_counts(self, draft_id: int) -> dict[str, int]:
        """field -> how many earlier values the draft keeps of it."""
        with self.read() as c:
            rows = c.execute(sa.select(draft_field_history.c.field, sa.func.count())
                             .where(draft_field_history.c.draft_id == draft_id)
                             .group_by(draft_field_history.c.field)).all()
        return {r[0]: int(r[1]) for r in rows}

    def add_draft_comment(self, draft_id: int, field: str, author: str, text: str,
                          request_id: str | None = None) -> int:
        """Add a comment on a field and return its id. With `request_id` (the page's id for this
        comment) a comment sent again after its answer was lost is stored once: the id of the
        first is returned, and the same words sent later with a new id are a new comment. Without
        one (an older page), the same comment (field, author and text) is not added again."""
        self.draft(draft_id)
        with self.write() as c:
            # the draft's row locked until commit (PostgreSQL): two copies at once make one comment
            c.execute(sa.select(drafts.c.id).where(drafts.c.id == draft_id).with_for_update())
            same = (draft_comments.c.request_id == request_id) if request_id else sa.and_(
                draft_comments.c.field == field, draft_comments.c.author == author, draft_comments.c.text == text)
            found = c.execute(sa.select(draft_comments.c.id).where(
                draft_comments.c.draft_id == draft_id, same).limit(1)).first()
            if found is not None:
                return found[0]
            return c.execute(sa.insert(draft_comments).values(
                draft_id=draft_id, field=field, author=author, text=text, created_at=time.time(),
                request_id=request_id or None,
            )).inserted_primary_key[0]

    def draft_comments(self, draft_id: int) -> list[dict]:
        """A draft's comments, oldest first."""
        with self.read() as c:
            rows = c.execute(sa.select(draft_comments).where(draft_comments.c.draft_id == draft_id)
                             .order_by(draft_comments.c.id)).all()
        return [_row(r) for r in rows]
