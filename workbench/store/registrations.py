"""Queries for registrations with consent and check-in (a part of the Store class).

Persistence only: the rules (consent required, what is cleaned, who is the same person) are
in `workbench.session.registration`.
"""

from __future__ import annotations

import secrets
import time

import sqlalchemy as sa

from workbench.errors import NotFound
from workbench.store.schema import participants, registrations
from workbench.store.schema import row_dict as _row


class RegistrationQueries:
    """Mixed into `Store`: use `self.read()` / `self.write()` and the tables in `schema`."""

    def add_registration(self, session_id: int, person: dict, consent_text: str, token: str | None = None) -> dict:
        """A new registration; `token`: its check-in token when the caller derived one (a form's
        request id, `registration.register`), else a random one."""
        now = time.time()
        with self.write() as c:
            rid = c.execute(sa.insert(registrations).values(
                session_id=session_id, consent_text=consent_text, consent_at=now,
                checkin_token=token or secrets.token_urlsafe(16), created_at=now, **person)).inserted_primary_key[0]
            return _row(c.execute(sa.select(registrations).where(registrations.c.id == rid)).first())

    def registration_by_token(self, token: str) -> dict | None:
        with self.read() as c:
            return _row(c.execute(sa.select(registrations).where(
                registrations.c.checkin_token == str(token or "")[:64])).first())

    def check_in(self, token: str) -> dict:
        """Mark a registration as present (the first time counts; `already`: it had been);
        NotFound for an unknown token."""
        with self.write() as c:
            row = _row(c.execute(sa.select(registrations).where(
                registrations.c.checkin_token == str(token or "")[:64]).with_for_update()).first())
            if row is None:
                raise NotFound("registration_unknown")
            row["already"] = row["checked_in_at"] is not None
            if row["checked_in_at"] is None:
                row["checked_in_at"] = time.time()
                c.execute(sa.update(registrations).where(registrations.c.id == row["id"])
                          .values(checked_in_at=row["checked_in_at"]))
        return row

    def set_checked_in(self, registration_id: int, at: float | None) -> int:
        """Mark a registration as checked in at `at` (seconds since the epoch), or not (None)."""
        with self.write() as c:
            return c.execute(sa.update(registrations).where(registrations.c.id == registration_id)
                             .values(checked_in_at=at)).rowcount

    def registrations(self, session_id: int | None = None) -> list[dict]:
        """Registrations (of a session, or all), oldest first."""
        q = sa.select(registrations)
        if session_id is not None:
            q = q.where(registrations.c.session_id == session_id)
        with self.read() as c:
            return [_row(r) for r in c.execute(q.order_by(registrations.c.id)).all()]

    def set_joined_as(self, registration_id: int, participant_id: int) -> None:
        """The registration's person joined the session on a phone as this participant."""
        with self.write() as c:
            c.execute(sa.update(registrations).where(registrations.c.id == registration_id)
                      .values(joined_as=participant_id))

    def forget_registrations(self, ids: list[int]) -> int:
        if not ids:
            return 0
        with self.write() as c:
            return c.execute(sa.delete(registrations).where(registrations.c.id.in_(ids))).rowcount

    def blank_participants(self, ids: list[int]) -> int:
        """Remove the personal details a participant gave (name, territory, organisation); their
        anonymous cards and votes stay with the session."""
        if not ids:
            return 0
        with self.write() as c:
            return c.execute(sa.update(participants).where(participants.c.id.in_(ids))
                             .values(name="", territory="", organisation="")).rowcount
