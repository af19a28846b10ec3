"""Queries for ratings, pairwise comparisons and rankings (a part of the Store class)."""

from __future__ import annotations

import time

import sqlalchemy as sa

from workbench.errors import Conflict, NotFound, WorkbenchError
from workbench.store.schema import (
    comparisons,
    contributions,
    participants,
    rankings,
    ratings,
    stages,
)


def _row(r) -> dict | None:
    return dict(r._mapping) if r is not None else None


def _lock_participant(c, participant_id: int) -> None:
    # On PostgreSQL, one participant's ballots are written one at a time (update-or-insert);
    # SQLite's immediate transaction already serialises every write.
    c.execute(sa.select(participants.c.id).where(participants.c.id == participant_id).with_for_update())


class DecideQueries:
    """Mixed into `Store`. Each ballot is checked inside its write transaction, like dots."""

    def _open_stage(self, c, stage_id: int, method: str) -> dict:
        st = _row(c.execute(sa.select(stages).where(stages.c.id == stage_id)).first())
        if st is None:
            raise NotFound("stage_unknown")
        if st["kind"] != "voting" or st["method"] != method or not st["voting_open"]:
            raise Conflict("voting_not_open")
        return st

    def _check_cards(self, c, st: dict, card_ids) -> None:
        rows = c.execute(sa.select(contributions).where(contributions.c.id.in_(list(card_ids)))).all()
        ok = [r for r in rows if r.stage_id == st["target_stage_id"] and not r.hidden
              and r.merged_into is None and bool(r.is_group) == (st["vote_on"] == "groups")]
        if len(ok) != len(set(card_ids)):
            raise WorkbenchError("vote_target_invalid")

    def rate(self, stage_id: int, participant_id: int, contribution_id: int,
             impact: int, feasibility: int) -> dict:
        """Impact and feasibility of an idea, 1 to 5 each; rating it again replaces the rating."""
        for name, v in (("impact", impact), ("feasibility", feasibility)):
            if isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= 5:
                raise WorkbenchError("rating_invalid", field=name)
        with self.write() as c:
            _lock_participant(c, participant_id)
            st = self._open_stage(c, stage_id, "matrix")
            self._check_cards(c, st, [contribution_id])
            done = c.execute(sa.update(ratings).where(
                ratings.c.stage_id == stage_id, ratings.c.participant_id == participant_id,
                ratings.c.contribution_id == contribution_id).values(
                impact=impact, feasibility=feasibility, created_at=time.time()))
            if done.rowcount == 0:
                c.execute(sa.insert(ratings).values(
                    stage_id=stage_id, participant_id=participant_id, contribution_id=contribution_id,
                    impact=impact, feasibility=feasibility, created_at=time.time()))
            n = c.execute(sa.select(sa.func.count()).where(
                ratings.c.stage_id == stage_id, ratings.c.participant_id == participant_id)).scalar()
        return {"rated": int(n)}

    def ratings(self, stage_id: int) -> list[dict]:
        with self.read() as c:
            rows = c.execute(sa.select(ratings).where(ratings.c.stage_id == stage_id)
                             .order_by(ratings.c.id)).all()
        return [_row(r) for r in rows]

    def compare(self, stage_id: int, participant_id: int, left_id: int, right_id: int,
                winner_id: int | None, request_id: str | None = None) -> dict:
        """One pairwise judgement: which of two ideas matters more (None: can't decide).
        A repeated `request_id` counts once."""
        if left_id == right_id or (winner_id is not None and winner_id not in (left_id, right_id)):
            raise WorkbenchError("bad_request", detail="winner must be one of the pair")
        with self.write() as c:
            _lock_participant(c, participant_id)
            if request_id:
                dup = c.execute(sa.select(comparisons.c.id).where(
                    comparisons.c.participant_id == participant_id,
                    comparisons.c.request_id == request_id)).first()
                if dup is not None:
                    return self._judged(c, stage_id, participant_id)
            st = self._open_stage(c, stage_id, "pairwise")
            self._check_cards(c, st, [left_id, right_id])
            c.execute(sa.insert(comparisons).values(
                stage_id=stage_id, participant_id=participant_id, left_id=left_id, right_id=right_id,
                winner_id=winner_id, request_id=request_id or None, created_at=time.time()))
            return self._judged(c, stage_id, participant_id)

    @staticmethod
    def _judged(c, stage_id: int, participant_id: int) -> dict:
        n = c.execute(sa.select(sa.func.count()).where(
            comparisons.c.stage_id == stage_id, comparisons.c.participant_id == participant_id)).scalar()
        return {"judged": int(n)}

    def comparisons(self, stage_id: int) -> list[dict]:
        with self.read() as c:
            rows = c.execute(sa.select(comparisons).where(comparisons.c.stage_id == stage_id)
                             .order_by(comparisons.c.id)).all()
        return [_row(r) for r in rows]

    def rank(self, stage_id: int, participant_id: int, order: list[int]) -> dict:
        """A participant's order of the short list (first = most important); again replaces it."""
        if not order or len(set(order)) != len(order):
            raise WorkbenchError("ranking_invalid")
        with self.write() as c:
            _lock_participant(c, participant_id)
            st = self._open_stage(c, stage_id, "ranking")
            self._check_cards(c, st, order)
            c.execute(sa.delete(rankings).where(rankings.c.stage_id == stage_id,
                                                rankings.c.participant_id == participant_id))
            now = time.time()
            for pos, cid in enumerate(order, start=1):
                c.execute(sa.insert(rankings).values(stage_id=stage_id, participant_id=participant_id,
                                                     contribution_id=cid, position=pos, created_at=now))
        return {"ranked": len(order)}

    def rankings(self, stage_id: int) -> list[dict]:
        with self.read() as c:
            rows = c.execute(sa.select(rankings).where(rankings.c.stage_id == stage_id)
                             .order_by(rankings.c.participant_id, rankings.c.position)).all()
        return [_row(r) for r in rows]
