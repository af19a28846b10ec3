"""Ballots of every decision method, stored and read back (a part of the Store class).

Persistence only: which ballot is allowed (is voting open, is the card on the short list, is the
budget spent) is decided by `workbench.session.voting`, inside the same transaction
(`Store.transaction()`), so a check and its write see the same rows.
"""

from __future__ import annotations

import time

import sqlalchemy as sa

from workbench.store.schema import (
    comparisons,
    participants,
    rankings,
    ratings,
    statement_votes,
    team_members,
    unvotes,
    votes,
)
from workbench.store.schema import row_dict as _row

# The ballots of each kind, by the name a method gives them (`Method.ballots`; statements' votes).
BALLOT_TABLES = {"votes": votes, "ratings": ratings, "comparisons": comparisons, "rankings": rankings,
                 "statement_votes": statement_votes}

# The statements of a phone's dot, built once (building a statement costs as much as running it).
_ADD_DOT = sa.insert(votes)
_DOT_WITH_REQUEST = sa.select(votes.c.id).where(
    votes.c.participant_id == sa.bindparam("pid"), votes.c.request_id == sa.bindparam("rid")).limit(1)
_DOTS_OF = sa.select(votes.c.card_id, sa.func.count()).where(
    votes.c.stage_id == sa.bindparam("sid"), votes.c.participant_id == sa.bindparam("pid")).group_by(votes.c.card_id)


class BallotQueries:
    """Mixed into `Store`: dots, ratings, comparisons and rankings."""

    def lock_participant(self, participant_id: int) -> None:
        """Serialise one participant's ballots until commit (SELECT … FOR UPDATE on PostgreSQL:
        a budget or an update-or-insert depends on what was read; SQLite's immediate
        transaction already serialises every write, so nothing is sent there)."""
        if not self.postgres:
            return
        with self.read() as c:
            c.execute(sa.select(participants.c.id).where(participants.c.id == participant_id)
                      .with_for_update())

    # --- dots ------------------------------------------------------------------------------
    def add_dot(self, stage_id: int, participant_id: int, card_id: int,
                request_id: str | None = None, on_paper: bool = False) -> None:
        with self.write() as c:
            c.execute(_ADD_DOT, {"stage_id": stage_id, "participant_id": participant_id, "card_id": card_id,
                                 "created_at": time.time(), "request_id": request_id or None, "on_paper": on_paper})

    def dot_with_request(self, participant_id: int, request_id: str) -> bool:
        """This participant already sent a dot with this request id (a double tap, a retry)."""
        with self.read() as c:
            return c.execute(_DOT_WITH_REQUEST, {"pid": participant_id, "rid": request_id}).first() is not None

    def remove_dot(self, stage_id: int, participant_id: int, card_id: int,
                   request_id: str | None = None) -> bool:
        """Take back this participant's latest dot on a card; False when there was none.
        With a `request_id`, the removal is kept (`unvotes`) so a retry finds it."""
        with self.write() as c:
            vid = c.execute(sa.select(sa.func.max(votes.c.id)).where(
                votes.c.stage_id == stage_id, votes.c.participant_id == participant_id,
                votes.c.card_id == card_id)).scalar()
            if vid is None:
                return False
            c.execute(sa.delete(votes).where(votes.c.id == vid))
            if request_id:
                c.execute(sa.insert(unvotes).values(
                    stage_id=stage_id, participant_id=participant_id, card_id=card_id,
                    request_id=request_id, created_at=time.time()))
        return True

    def unvote_with_request(self, participant_id: int, request_id: str) -> bool:
        """This participant already took a dot back with this request id (a retried request)."""
        with self.read() as c:
            return c.execute(sa.select(unvotes.c.id).where(
                unvotes.c.participant_id == participant_id, unvotes.c.request_id == request_id)).first() is not None

    def dots_of(self, stage_id: int, participant_id: int) -> dict[int, int]:
        """{card: dots} of one participant on a stage."""
        with self.read() as c:
            rows = c.execute(_DOTS_OF, {"sid": stage_id, "pid": participant_id}).all()
        return {int(cid): int(n) for cid, n in rows}

    def vote_totals(self, stage_id: int) -> dict[int, int]:
        with self.read() as c:
            rows = c.execute(sa.select(votes.c.card_id, sa.func.count())
                             .where(votes.c.stage_id == stage_id)
                             .group_by(votes.c.card_id)).all()
        return {int(cid): int(n) for cid, n in rows}

    def count_votes(self, stage_id: int | None = None) -> int:
        q = sa.select(sa.func.count()).select_from(votes)
        if stage_id is not None:
            q = q.where(votes.c.stage_id == stage_id)
        with self.read() as c:
            return int(c.execute(q).scalar())

    # --- ratings: impact × feasibility -------------------------------------------------------
    def put_rating(self, stage_id: int, participant_id: int, card_id: int,
                   impact: int, feasibility: int) -> None:
        """Store a rating; rating the same card again replaces it."""
        now = time.time()
        with self.write() as c:
            done = c.execute(sa.update(ratings).where(
                ratings.c.stage_id == stage_id, ratings.c.participant_id == participant_id,
                ratings.c.card_id == card_id).values(
                impact=impact, feasibility=feasibility, created_at=now))
            if done.rowcount == 0:
                c.execute(sa.insert(ratings).values(
                    stage_id=stage_id, participant_id=participant_id, card_id=card_id,
                    impact=impact, feasibility=feasibility, created_at=now))

    def ratings(self, stage_id: int) -> list[dict]:
        with self.read() as c:
            rows = c.execute(sa.select(ratings).where(ratings.c.stage_id == stage_id)
                             .order_by(ratings.c.id)).all()
        return [_row(r) for r in rows]

    # --- pairwise comparisons ------------------------------------------------------------------
    def add_comparison(self, stage_id: int, participant_id: int, left_id: int, right_id: int,
                       winner_id: int | None, request_id: str | None = None) -> None:
        with self.write() as c:
            c.execute(sa.insert(comparisons).values(
                stage_id=stage_id, participant_id=participant_id, left_id=left_id, right_id=right_id,
                winner_id=winner_id, request_id=request_id or None, created_at=time.time()))

    def comparison_with_request(self, participant_id: int, request_id: str) -> bool:
        with self.read() as c:
            return c.execute(sa.select(comparisons.c.id).where(
                comparisons.c.participant_id == participant_id,
                comparisons.c.request_id == request_id)).first() is not None

    def judged_pair(self, stage_id: int, participant_id: int, a: int, b: int) -> bool:
        """This participant has judged this pair of cards on the stage (in either order)."""
        with self.read() as c:
            return c.execute(sa.select(comparisons.c.id).where(
                comparisons.c.stage_id == stage_id, comparisons.c.participant_id == participant_id,
                sa.or_(sa.and_(comparisons.c.left_id == a, comparisons.c.right_id == b),
                       sa.and_(comparisons.c.left_id == b, comparisons.c.right_id == a)))).first() is not None

    def count_comparisons(self, stage_id: int, participant_id: int) -> int:
        with self.read() as c:
            return int(c.execute(sa.select(sa.func.count()).select_from(comparisons).where(
                comparisons.c.stage_id == stage_id, comparisons.c.participant_id == participant_id)).scalar())

    def comparisons(self, stage_id: int) -> list[dict]:
        with self.read() as c:
            rows = c.execute(sa.select(comparisons).where(comparisons.c.stage_id == stage_id)
                             .order_by(comparisons.c.id)).all()
        return [_row(r) for r in rows]

    # --- rankings ------------------------------------------------------------------------------
    def put_ranking(self, stage_id: int, participant_id: int, order: list[int]) -> None:
        """Store a participant's order of cards (first = most important), replacing the last one."""
        now = time.time()
        with self.write() as c:
            c.execute(sa.delete(rankings).where(rankings.c.stage_id == stage_id,
                                                rankings.c.participant_id == participant_id))
            for pos, cid in enumerate(order, start=1):
                c.execute(sa.insert(rankings).values(stage_id=stage_id, participant_id=participant_id,
                                                     card_id=cid, position=pos, created_at=now))

    def rankings(self, stage_id: int) -> list[dict]:
        with self.read() as c:
            rows = c.execute(sa.select(rankings).where(rankings.c.stage_id == stage_id)
                             .order_by(rankings.c.participant_id, rankings.c.position)).all()
        return [_row(r) for r in rows]

    def voters(self, table_name: str, stage_id: int) -> set[int]:
        """Who cast a ballot of this kind on a stage (`votes`, `ratings`, `comparisons`, `rankings`)."""
        table = BALLOT_TABLES[table_name]
        with self.read() as c:
            rows = c.execute(sa.select(table.c.participant_id).distinct()
                             .where(table.c.stage_id == stage_id)).all()
        return {int(r[0]) for r in rows}

    def people_on(self, card_ids) -> tuple[set[int], set[int]]:
        """(who cast a ballot of any method naming one of these cards, who signed up for a team
        on one): what hiding the cards would take from them."""
        card_ids = list(card_ids)
        if not card_ids:
            return set(), set()
        voted: set[int] = set()
        with self.read() as c:
            for table in (votes, ratings, rankings):
                voted |= {int(r[0]) for r in c.execute(sa.select(table.c.participant_id).distinct()
                                                       .where(table.c.card_id.in_(card_ids)))}
            voted |= {int(r[0]) for r in c.execute(sa.select(comparisons.c.participant_id).distinct().where(
                sa.or_(comparisons.c.left_id.in_(card_ids), comparisons.c.right_id.in_(card_ids))))}
            teamed = {int(r[0]) for r in c.execute(sa.select(team_members.c.participant_id).distinct()
                                                   .where(team_members.c.card_id.in_(card_ids)))}
        return voted, teamed

    def first_ballot_at(self, table_name: str, stage_id: int) -> float | None:
        """When the first ballot of this kind was cast on a stage (orders a stage's rounds)."""
        table = BALLOT_TABLES[table_name]
        with self.read() as c:
            return c.execute(sa.select(sa.func.min(table.c.created_at))
                             .where(table.c.stage_id == stage_id)).scalar()

    def has_ballots(self, table_name: str, stage_id: int) -> bool:
        """Whether anyone cast a ballot of this kind on a stage (a poll of every phone asks)."""
        table = BALLOT_TABLES[table_name]
        with self.read() as c:
            return bool(c.execute(sa.select(sa.exists().where(table.c.stage_id == stage_id))).scalar())

    # --- cheap reads for phones' polls and the projector (no scan of the room's ballots in Python)
    def ballots_by(self, table_name: str, stage_id: int, participant_id: int) -> list[dict]:
        """One participant's ballots of a kind on a stage (`ratings`, `comparisons`,
        `rankings`, `statement_votes`…), oldest first: what a phone shows as its own."""
        table = BALLOT_TABLES[table_name]
        with self.read() as c:
            rows = c.execute(sa.select(table).where(table.c.stage_id == stage_id,
                                                    table.c.participant_id == participant_id)
                             .order_by(table.c.id)).all()
        return [_row(r) for r in rows]

    def shown_counts(self, stage_id: int) -> dict[int, int]:
        """{card: in how many comparisons of the stage it was one of the pair}."""
        out: dict[int, int] = {}
        with self.read() as c:
            for col in (comparisons.c.left_id, comparisons.c.right_id):
                for cid, n in c.execute(sa.select(col, sa.func.count())
                                        .where(comparisons.c.stage_id == stage_id).group_by(col)):
                    out[int(cid)] = out.get(int(cid), 0) + int(n)
        return out

    def ballot_mark(self, table_name: str, stage_id: int) -> tuple:
        """A mark that changes whenever a ballot of this kind on the stage is added, replaced or
        removed (count, last id, last time): a cache of results keys on it."""
        table = BALLOT_TABLES[table_name]
        with self.read() as c:
            row = c.execute(sa.select(sa.func.count(), sa.func.max(table.c.id), sa.func.max(table.c.created_at))
                            .where(table.c.stage_id == stage_id)).one()
        return tuple(row)
