"""Queries for peer review of the teams' presentations (a part of the Store class).

Persistence only: the rules (1–5, not one's own team, which teams) are in
`workbench.session.review`.

>>> from workbench.store import Store
>>> s = Store.open_url("sqlite://")
>>> sid = s.session(s.create_session("Демо"))["id"]
>>> crit = s.add_criterion(sid, "Ясность цели", "Цель измерима и понятна")
>>> [c["name"] for c in s.criteria(sid)]
['Ясность цели']
"""

from __future__ import annotations

import time

import sqlalchemy as sa

from workbench.store.schema import meta, review_criteria, review_scores, reviews
from workbench.store.schema import row_dict as _row


def review_open_key(session_id: int) -> str:
    """The `meta` key holding when the facilitator opened a session's review (absent: closed)."""
    return f"review_open:{session_id}"


class ReviewQueries:
    """Mixed into `Store`: use `self.read()` / `self.write()` and the tables in `schema`."""

    def add_criterion(self, session_id: int, name: str, description: str = "") -> int:
        with self.write() as c:
            return c.execute(sa.insert(review_criteria).values(
                session_id=session_id, name=name, description=description, created_at=time.time(),
            )).inserted_primary_key[0]

    def delete_criterion(self, session_id: int, criterion_id: int) -> None:
        """Remove a criterion and the scores given on it."""
        with self.write() as c:
            c.execute(sa.delete(review_scores).where(review_scores.c.criterion_id == criterion_id))
            c.execute(sa.delete(review_criteria).where(review_criteria.c.id == criterion_id,
                                                       review_criteria.c.session_id == session_id))

    def criteria(self, session_id: int) -> list[dict]:
        with self.read() as c:
            rows = c.execute(sa.select(review_criteria).where(review_criteria.c.session_id == session_id)
                             .order_by(review_criteria.c.id)).all()
        return [_row(r) for r in rows]

    def put_review(self, session_id: int, participant_id: int, card_id: int, scores: dict[int, int],
                   comment: str) -> None:
        """A participant's review of a team: replaces their earlier review of it (one transaction)."""
        with self.write() as c:
            old = c.execute(sa.select(reviews.c.id).where(reviews.c.participant_id == participant_id,
                                                          reviews.c.card_id == card_id)).scalar()
            if old is not None:
                c.execute(sa.delete(review_scores).where(review_scores.c.review_id == old))
                c.execute(sa.delete(reviews).where(reviews.c.id == old))
            rid = c.execute(sa.insert(reviews).values(
                session_id=session_id, participant_id=participant_id, card_id=card_id, comment=comment,
                created_at=time.time())).inserted_primary_key[0]
            if scores:
                c.execute(sa.insert(review_scores), [{"review_id": rid, "criterion_id": k, "score": v}
                                                     for k, v in scores.items()])

    def reviews(self, session_id: int, participant_id: int | None = None) -> list[dict]:
        """Reviews of a session (or of one participant), oldest first, each with `scores`
        {criterion id: score}."""
        q = sa.select(reviews).where(reviews.c.session_id == session_id)
        if participant_id is not None:
            q = q.where(reviews.c.participant_id == participant_id)
        with self.read() as c:
            out = [_row(r) for r in c.execute(q.order_by(reviews.c.id)).all()]
            ids = [r["id"] for r in out]
            scores = c.execute(sa.select(review_scores).where(review_scores.c.review_id.in_(ids))).all() if ids else []
        by_review: dict[int, dict[int, int]] = {}
        for s in scores:
            by_review.setdefault(s.review_id, {})[s.criterion_id] = s.score
        for r in out:
            r["scores"] = by_review.get(r["id"], {})
        return out

    def review_opened_at(self, session_id: int) -> float | None:
        """When the facilitator opened the session's review; None while it is closed."""
        with self.read() as c:
            value = c.execute(sa.select(meta.c.value).where(meta.c.key == review_open_key(session_id))).scalar()
        return float(value) if value is not None else None

    def set_review_open(self, session_id: int, opened_at: float | None) -> None:
        """Open the review (at `opened_at`) or close it (None)."""
        key = review_open_key(session_id)
        with self.write() as c:
            c.execute(sa.delete(meta).where(meta.c.key == key))
            if opened_at is not None:
                c.execute(sa.insert(meta).values(key=key, value=repr(float(opened_at))))

    def delete_reviews(self, session_id: int, participant_ids: list[int]) -> int:
        """Delete every review (and its scores) of these participants; how many went."""
        with self.write() as c:
            ids = [r[0] for r in c.execute(sa.select(reviews.c.id).where(
                reviews.c.session_id == session_id, reviews.c.participant_id.in_(list(participant_ids))))]
            if ids:
                c.execute(sa.delete(review_scores).where(review_scores.c.review_id.in_(ids)))
                c.execute(sa.delete(reviews).where(reviews.c.id.in_(ids)))
        return len(ids)
