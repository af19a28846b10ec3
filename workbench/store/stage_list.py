"""A session's stage list edited during the session (a part of the Store class): what a stage
holds, removing, reordering, and where a voting or teams stage takes its candidates.

Persistence only: whether a stage may be removed, and what a shortlist is, is decided by
`workbench.session.stages` and `workbench.session.voting`.
"""

from __future__ import annotations

import sqlalchemy as sa

from workbench.store.schema import cards, metadata, sessions, shortlist_groups, stages

# Tables whose rows belong to one stage: a stage holding any of them is not removed for good.
HOLDING = ("cards", "votes", "unvotes", "ratings", "comparisons", "rankings", "statement_votes",
           "team_members")


class StageQueries:
    """Mixed into `Store`: removing and reordering stages, shortlist sources."""

    def current_stage_id(self, session_id: int) -> int | None:
        """The stage on phones now."""
        with self.read() as c:
            return c.execute(sa.select(sessions.c.current_stage_id)
                             .where(sessions.c.id == session_id)).scalar()

    def stage_holdings(self, stage_id: int) -> dict[str, int]:
        """How many rows of each kind (cards, votes, ratings…) a stage holds; empty kinds left out."""
        out = {}
        with self.read() as c:
            for name in HOLDING:
                t = metadata.tables[name]
                n = int(c.execute(sa.select(sa.func.count()).select_from(t)
                                  .where(t.c.stage_id == stage_id)).scalar())
                if n:
                    out[name] = n
        return out

    def remove_stage(self, stage_id: int, keep_rows: bool) -> None:
        """Take a stage off its session's list. `keep_rows`: it held cards or ballots, so the row
        stays (marked removed, in the data export) instead of being deleted. References to it
        (the current stage, targets, sources) are cleared."""
        st = self.stage(stage_id)
        with self.write() as c:
            sid = st["session_id"]
            for col in (stages.c.target_stage_id, stages.c.source_stage_id):
                c.execute(sa.update(stages).where(stages.c.session_id == sid, col == stage_id)
                          .values({col.name: None}))
            c.execute(sa.update(sessions).where(sessions.c.id == sid,
                                                sessions.c.current_stage_id == stage_id)
                      .values(current_stage_id=None))
            c.execute(sa.delete(shortlist_groups).where(shortlist_groups.c.stage_id == stage_id))
            if keep_rows:
                c.execute(sa.update(stages).where(stages.c.id == stage_id).values(removed=True))
            else:
                c.execute(sa.delete(stages).where(stages.c.id == stage_id))

    def set_stage_order(self, session_id: int, stage_ids: list[int]) -> None:
        """Renumber a session's stages in this order (0, 1, 2…)."""
        with self.write() as c:
            for pos, stid in enumerate(stage_ids):
                c.execute(sa.update(stages).where(stages.c.id == stid, stages.c.session_id == session_id)
                          .values(position=pos))

    def shortlist_groups(self, stage_id: int) -> list[int]:
        """The groups (card ids) whose ideas a stage asks about; empty: no such source."""
        with self.read() as c:
            rows = c.execute(sa.select(shortlist_groups.c.card_id)
                             .where(shortlist_groups.c.stage_id == stage_id)
                             .order_by(shortlist_groups.c.id)).all()
        return [int(r[0]) for r in rows]

    def set_shortlist_groups(self, stage_id: int, group_ids: list[int]) -> None:
        with self.write() as c:
            c.execute(sa.delete(shortlist_groups).where(shortlist_groups.c.stage_id == stage_id))
            if group_ids:
                c.execute(sa.insert(shortlist_groups),
                          [{"stage_id": stage_id, "card_id": gid} for gid in group_ids])

    def group_ids(self, session_id: int, stage_id: int) -> set[int]:
        """The ids of a card stage's groups."""
        with self.read() as c:
            rows = c.execute(sa.select(cards.c.id).where(
                cards.c.session_id == session_id, cards.c.stage_id == stage_id,
                cards.c.is_group.is_(True))).all()
        return {int(r[0]) for r in rows}
