"""Cached sentence vectors of cards (a part of the Store class; table `card_vectors`, schema 10)."""

from __future__ import annotations

import sqlalchemy as sa

from workbench.store.schema import card_vectors, cards


class VectorQueries:
    """Mixed into :class:`workbench.store.Store`."""

    def card_vectors(self, card_ids: list[int], model: str) -> dict[int, tuple[str, bytes]]:
        """card id -> (text key, vector bytes) of the cards that have a vector of `model`."""
        out: dict[int, tuple[str, bytes]] = {}
        ids = list(card_ids)
        with self.read() as c:
            for start in range(0, len(ids), 500):  # keep IN (...) lists short
                q = sa.select(card_vectors).where(card_vectors.c.model == model,
                                                  card_vectors.c.card_id.in_(ids[start:start + 500]))
                for r in c.execute(q):
                    out[r.card_id] = (r.text_key, bytes(r.vector))
        return out

    def put_card_vectors(self, model: str, rows: list[tuple[int, str, bytes]]) -> None:
        """Store (card id, text key, vector bytes) rows, replacing older vectors of those cards."""
        if not rows:
            return
        if self.postgres:
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        # an upsert: the background embedder of another process may store the same card meanwhile
        q = insert(card_vectors)
        q = q.on_conflict_do_update(index_elements=["card_id", "model"],
                                    set_={"text_key": q.excluded.text_key, "vector": q.excluded.vector})
        with self.write() as c:
            c.execute(q, [{"card_id": cid, "model": model, "text_key": key, "vector": blob}
                          for cid, key, blob in rows])

    def cards_without_vectors(self, model: str, limit: int = 200) -> list[dict]:
        """Shown idea cards (not groups) with no vector of `model` yet, oldest first: the
        background embedder's queue. (An edited card keeps its old vector until it is asked
        for: the text key check at use catches it.)"""
        q = (sa.select(cards.c.id, cards.c.text)
             .select_from(cards.outerjoin(card_vectors, sa.and_(
                 card_vectors.c.card_id == cards.c.id, card_vectors.c.model == model)))
             .where(card_vectors.c.card_id.is_(None), cards.c.is_group == sa.false(),
                    cards.c.hidden == sa.false(), cards.c.merged_into.is_(None),
                    cards.c.status == "shown")
             .order_by(cards.c.id).limit(limit))
        with self.read() as c:
            return [{"id": r.id, "text": r.text} for r in c.execute(q)]
