"""Queries for project drafts, their pipeline, consultations and teams (a part of the Store class).

Persistence only: a draft's fields are stored as they come. The rules of the fields (which
exist, how they are cleaned, what a whole draft needs) run in `workbench.drafts`, which is how
drafts are created and edited: `drafts.create_draft(store, ...)`, `drafts.save_fields(store, ...)`.

>>> from workbench.store import Store
>>> s = Store.open_url("sqlite://")
>>> sid = s.session(s.create_session("Демо", territory="Каргополь"))["id"]
>>> d = s.add_draft(sid, {"title": "Школа ремёсел", "territory": "Каргополь", "goal": ""})
>>> s.put_draft_fields(d, {"goal": "Обучить 40 подростков к маю 2026"})["fields"]["goal"]
'Обучить 40 подростков к маю 2026'
>>> s.set_status(d, "submitted", date="2026-03-01")["status"]
'submitted'
>>> [r["status"] for r in s.status_log(d)]
['draft', 'submitted']
"""

from __future__ import annotations

import json
import time
from datetime import date as _date
from datetime import datetime

import sqlalchemy as sa

from workbench.dates import parse_date
from workbench.errors import Conflict, NotFound, WorkbenchError
from workbench.session.model import DRAFT_STATUSES, typed_text
from workbench.store.schema import (
    cards,
    consultations,
    draft_status_log,
    drafts,
    participants,
    sessions,
    team_members,
)
from workbench.store.schema import row_dict as _row
from workbench.store.sharing import bump_versions, keep_history


def _draft(r) -> dict | None:
    d = _row(r)
    if d is not None:
        d["fields"] = json.loads(d["fields"] or "{}")
        d["versions"] = json.loads(d.pop("field_versions", None) or "{}")  # field -> saves so far
    return d


def _day(value: str | None) -> float:
    """A typed date (ДД.ММ.ГГГГ or ГГГГ-ММ-ДД, `workbench.dates.parse_date`) at noon, so a time
    zone does not move it, or now."""
    day = parse_date(value)
    if day is None:
        return time.time()
    return datetime(day.year, day.month, day.day, 12).timestamp()


def _check_day(value: str | None) -> str:
    """A typed date as ГГГГ-ММ-ДД, today when empty."""
    day = parse_date(value)
    return (day or _date.today()).isoformat()


class DraftQueries:
    """Mixed into `Store`: use `self.read()` / `self.write()` and the tables in `schema`."""

    # --- drafts ---------------------------------------------------------------------------
    def add_draft(self, session_id: int | None, fields: dict, card_id: int | None = None,
                  status: str = "draft") -> int:
        """Store a new draft with these fields (validated by `workbench.drafts.create_draft`)
        and log its first status; return its id.

        An idea (`card_id`) has one draft: when it has one already, `Conflict("draft_exists")`
        with that draft's `draft_id` and `title`. Drafts without an idea are not limited.
        (A check here rather than a unique index: stores made before it may hold two drafts of
        one idea, and those stay readable and movable between stores.)"""
        if status not in DRAFT_STATUSES:
            raise WorkbenchError("draft_status_unknown", status=str(status)[:30])
        now = time.time()
        with self.write() as c:
            if card_id is not None:  # one draft per idea, checked where the insert is
                # FOR UPDATE on PostgreSQL: two "create a draft" clicks on one idea queue up here,
                # and the second sees the first's draft (SQLite holds the write lock already).
                c.execute(sa.select(cards.c.id).where(cards.c.id == card_id).with_for_update())
                existing = c.execute(sa.select(drafts.c.id, drafts.c.title).where(drafts.c.card_id == card_id)
                                     .order_by(drafts.c.id).limit(1)).first()
                if existing is not None:
                    raise Conflict("draft_exists", draft_id=existing.id, title=existing.title)
            did = c.execute(sa.insert(drafts).values(
                session_id=session_id, card_id=card_id,
                title=fields.get("title", ""), territory=fields.get("territory", ""), status=status,
                fields=json.dumps(fields, ensure_ascii=False), created_at=now, updated_at=now,
            )).inserted_primary_key[0]
            c.execute(sa.insert(draft_status_log).values(draft_id=did, status=status, at=now, note=""))
        return did

    def draft(self, draft_id: int) -> dict:
        """A draft: its columns, and `fields` as a dict (as stored)."""
        with self.read() as c:
            d = _draft(c.execute(sa.select(drafts).where(drafts.c.id == draft_id)).first())
        if d is None:
            raise NotFound("draft_unknown")
        return d

    def draft_of_card(self, card_id: int) -> dict | None:
        """The draft made from an idea or group (the oldest, if an older store has several), or None."""
        with self.read() as c:
            return _draft(c.execute(sa.select(drafts).where(drafts.c.card_id == card_id)
                                    .order_by(drafts.c.id).limit(1)).first())

    def drafts(self, session_id: int | None = None) -> list[dict]:
        """Drafts (of a session, or all), oldest first."""
        q = sa.select(drafts)
        if session_id is not None:
            q = q.where(drafts.c.session_id == session_id)
        with self.read() as c:
            return [_draft(r) for r in c.execute(q.order_by(drafts.c.id)).all()]

    def put_draft_fields(self, draft_id: int, changes: dict,
                         expected_updated_at: float | None = None) -> dict:
        """Save some fields of one draft (validated by `workbench.drafts.save_fields`), leaving
        its other fields as they are in the store.

        Only this draft's row is written, inside one immediate transaction: two teams saving
        their own drafts at once never touch each other's, and two people saving different
        fields of the same draft keep both. With `expected_updated_at`, a draft changed since
        then is refused (`Conflict`) instead of overwritten.
        """
        with self.write() as c:  # FOR UPDATE: on PostgreSQL two saves of one draft queue up
            row = _row(c.execute(sa.select(drafts).where(drafts.c.id == draft_id).with_for_update()).first())
            if row is None:
                raise NotFound("draft_unknown")
            if expected_updated_at is not None and row["updated_at"] != expected_updated_at:
                raise Conflict("draft_changed")
            row_fields = json.loads(row["fields"] or "{}")
            fields = {**row_fields, **changes}
            now = max(time.time(), row["updated_at"] + 1e-6)
            changed = [k for k, v in changes.items() if row_fields.get(k) != v]
            keep_history(c, draft_id, {k: row_fields[k] for k in changed if k in row_fields},
                         json.loads(row["field_versions"] or "{}"))
            values = {"fields": json.dumps(fields, ensure_ascii=False), "updated_at": now,
                      "field_versions": bump_versions(row["field_versions"], changed)}
            for column in ("title", "territory"):
                if column in changes:
                    values[column] = changes[column]
            c.execute(sa.update(drafts).where(drafts.c.id == draft_id).values(**values))
        return self.draft(draft_id)

    # --- the pipeline ------------------------------------------------------------------------
    def set_status(self, draft_id: int, status: str, date: str | None = None, note: str = "") -> dict:
        """Move a draft along the pipeline (idea → … → funded / not funded), logged with its date."""
        if status not in DRAFT_STATUSES:
            raise WorkbenchError("draft_status_unknown", status=str(status)[:30])
        at = _day(date)
        note = typed_text(str(note or ""))[:2000]
        with self.write() as c:
            found = c.execute(sa.update(drafts).where(drafts.c.id == draft_id)
                              .values(status=status, updated_at=time.time())).rowcount
            if not found:
                raise NotFound("draft_unknown")
            c.execute(sa.insert(draft_status_log).values(draft_id=draft_id, status=status, at=at,
                                                         note=note))
        return self.draft(draft_id)

    def status_log(self, draft_id: int) -> list[dict]:
        """The statuses a draft went through, oldest first; `date` is YYYY-MM-DD."""
        with self.read() as c:
            rows = c.execute(sa.select(draft_status_log).where(draft_status_log.c.draft_id == draft_id)
                             .order_by(draft_status_log.c.id)).all()
        out = [_row(r) for r in rows]
        for r in out:
            r["date"] = datetime.fromtimestamp(r["at"]).strftime("%Y-%m-%d")
        return out

    def add_consultation(self, draft_id: int, date: str | None = None, who: str = "",
                         notes: str = "") -> int:
        """Log a consultation of a draft's team by staff (date ДД.ММ.ГГГГ or ГГГГ-ММ-ДД, stored as
        the latter; who, what was said)."""
        self.draft(draft_id)
        day = _check_day(date)
        who = typed_text(str(who or ""), multiline=False)[:300]
        notes = typed_text(str(notes or ""))[:10_000]
        if not who and not notes:
            raise WorkbenchError("consultation_empty")
        with self.write() as c:
            return c.execute(sa.insert(consultations).values(
                draft_id=draft_id, date=day, who=who, notes=notes, created_at=time.time(),
            )).inserted_primary_key[0]

    def consultations(self, draft_id: int) -> list[dict]:
        with self.read() as c:
            rows = c.execute(sa.select(consultations).where(consultations.c.draft_id == draft_id)
                             .order_by(consultations.c.date, consultations.c.id)).all()
        return [_row(r) for r in rows]

    def draft_funnel(self, by: str = "session") -> list[dict]:
        """Drafts counted per status and per session (`key` is the session code) or per territory.

        Rows `{"key", "title", "status", "n"}`; `title` is the session title (empty by territory).
        """
        if by == "territory":
            q = (sa.select(drafts.c.territory.label("key"), sa.literal("").label("title"),
                           drafts.c.status, sa.func.count().label("n"))
                 .group_by(drafts.c.territory, drafts.c.status).order_by(drafts.c.territory))
        elif by == "session":
            q = (sa.select(sa.func.coalesce(sessions.c.code, "").label("key"),
                           sa.func.coalesce(sessions.c.title, "").label("title"),
                           drafts.c.status, sa.func.count().label("n"))
                 .select_from(drafts.outerjoin(sessions, sessions.c.id == drafts.c.session_id))
                 .group_by(sessions.c.code, sessions.c.title, drafts.c.status)
                 .order_by(sessions.c.code))
        else:
            raise WorkbenchError("bad_request", detail=f"by {by!r}")
        with self.read() as c:
            return [{"key": r.key or "", "title": r.title or "", "status": r.status, "n": int(r.n)}
                    for r in c.execute(q).all()]

    # --- teams --------------------------------------------------------------------------------
    def put_team_member(self, stage_id: int, participant_id: int, card_id: int, leader: bool) -> None:
        """Sign a participant up for a team of a teams stage; one team per person per stage, so
        this replaces the person's earlier team."""
        with self.write() as c:
            c.execute(sa.delete(team_members).where(team_members.c.stage_id == stage_id,
                                                    team_members.c.participant_id == participant_id))
            c.execute(sa.insert(team_members).values(
                stage_id=stage_id, card_id=card_id, participant_id=participant_id,
                is_leader=bool(leader), created_at=time.time()))

    def remove_team_member(self, stage_id: int, participant_id: int) -> bool:
        """Take a participant out of their team of a teams stage; whether they were in one."""
        with self.write() as c:
            return c.execute(sa.delete(team_members).where(team_members.c.stage_id == stage_id,
                                                           team_members.c.participant_id == participant_id)).rowcount > 0

    def team_leader(self, stage_id: int, card_id: int) -> int | None:
        """The participant who leads the team of a card, if any."""
        with self.read() as c:
            return c.execute(sa.select(team_members.c.participant_id).where(
                team_members.c.stage_id == stage_id, team_members.c.card_id == card_id,
                team_members.c.is_leader == sa.true())).scalar()

    def teams(self, stage_id: int) -> list[dict]:
        """Teams of a stage, largest first: `{"card": {"id", "text"}, "members": [{
        "participant_id", "name", "organisation", "territory", "sector", "leader"}], "leader"}`."""
        q = (sa.select(team_members.c.card_id, team_members.c.participant_id,
                       team_members.c.is_leader, cards.c.text, participants.c.name,
                       participants.c.organisation, participants.c.territory, participants.c.sector)
             .join(cards, cards.c.id == team_members.c.card_id)
             .join(participants, participants.c.id == team_members.c.participant_id)
             .where(team_members.c.stage_id == stage_id)
             .order_by(team_members.c.is_leader.desc(), team_members.c.created_at, team_members.c.id))
        with self.read() as c:
            rows = c.execute(q).all()
        teams: dict[int, dict] = {}
        for r in rows:
            tm = teams.setdefault(r.card_id, {
                "card": {"id": r.card_id, "text": r.text}, "members": [], "leader": None})
            member = {"participant_id": r.participant_id, "name": r.name, "organisation": r.organisation,
                      "territory": r.territory, "sector": r.sector, "leader": bool(r.is_leader)}
            tm["members"].append(member)
            if member["leader"]:
                tm["leader"] = member
        return sorted(teams.values(), key=lambda tm: (-len(tm["members"]), tm["card"]["id"]))
