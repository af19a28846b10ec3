"""Cleaning up after a flood: one phone made a hundred participants and covered the wall.

The facilitator picks who goes, in a few clicks: the authors of the cards ticked on the wall,
everyone who joined in the last N minutes, or those who joined and sent nothing. Removing a
participant (`Store.remove_participants`) hides every card of theirs, deletes their dots,
ratings, team places and review scores, and takes them out of the count: on the projector, the
display, the protocol and the public page they are gone, and their phone's token no longer opens
the session (a real person removed by mistake joins again from the join page).

>>> from workbench.store import Store
>>> store = Store.open_url("sqlite://")
>>> sid = store.session(store.create_session("Демо"))["id"]
>>> fake = [store.join(sid) for _ in range(3)]
>>> recent(store, sid, minutes=5)
{'minutes': 5, 'joined': 3, 'with_cards': 0, 'cards': 0, 'idle': 3}
>>> remove_idle(store, sid, minutes=5)
{'participants': 3, 'cards': 0}
>>> store.count_participants(sid)
0
"""

from __future__ import annotations

import time

from workbench.errors import WorkbenchError
from workbench.store.schema import metadata

MAX_MINUTES = 24 * 60


def _since(minutes, now: float | None) -> float:
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= MAX_MINUTES:
        raise WorkbenchError("cleanup_minutes", max=MAX_MINUTES)
    return (time.time() if now is None else now) - minutes * 60


def _joined_since(store, session_id: int, since: float) -> list[dict]:
    """People (not paper ballots) who joined at or after `since`."""
    return [p for p in store.participants(session_id) if not p["on_paper"] and p["created_at"] >= since]


def _contributors(store, session_id: int) -> set[int]:
    """Participants who left anything: a card (shown, hidden or waiting), a dot, a rating, a
    place in a team, a review…"""
    import sqlalchemy as sa

    ids: set[int] = set()
    with store.read() as c:
        for table in metadata.sorted_tables:
            if table.name == "participants" or "participant_id" not in table.c:
                continue
            q = sa.select(table.c.participant_id).distinct()
            if "session_id" in table.c:
                q = q.where(table.c.session_id == session_id)
            ids |= {r[0] for r in c.execute(q) if r[0] is not None}
    return ids


def recent(store, session_id: int, minutes: int, now: float | None = None) -> dict:
    """What the last `minutes` brought: how many joined (`joined`), how many of them sent cards
    (`with_cards`), how many cards they sent (`cards`, shown or waiting), and how many of them
    left nothing at all (`idle`)."""
    since = _since(minutes, now)
    joined = _joined_since(store, session_id, since)
    ids = {p["id"] for p in joined}
    mine = [c for c in store.cards(session_id, status=None) if c["participant_id"] in ids]
    done = _contributors(store, session_id)
    return {"minutes": minutes, "joined": len(joined), "with_cards": len({c["participant_id"] for c in mine}),
            "cards": len(mine), "idle": len(ids - done)}


def remove_recent(store, session_id: int, minutes: int, now: float | None = None) -> dict:
    """Remove everyone (not the paper ballots) who joined in the last `minutes`, with all they
    sent: a flood that came at once goes at once."""
    with store.transaction():
        ids = [p["id"] for p in _joined_since(store, session_id, _since(minutes, now))]
        return store.remove_participants(session_id, ids)


def remove_idle(store, session_id: int, minutes: int, now: float | None = None) -> dict:
    """Remove those who joined in the last `minutes` and left nothing (no card, dot, rating, team
    place or review): joins that only swell «Участников»."""
    with store.transaction():
        joined = _joined_since(store, session_id, _since(minutes, now))
        done = _contributors(store, session_id)
        return store.remove_participants(session_id, [p["id"] for p in joined if p["id"] not in done])


def authors(store, session_id: int, card_ids: list[int]) -> list[int]:
    """The participants who wrote these cards (the facilitator's own cards have none)."""
    wanted = set(card_ids)
    return sorted({c["participant_id"] for c in store.cards(session_id, status=None, include_hidden=True)
                   if c["id"] in wanted and c["participant_id"] is not None})


def remove_authors(store, session_id: int, card_ids: list[int]) -> dict:
    """Remove the authors of the ticked cards, with every card of theirs (on any stage), their
    dots and everything else they sent."""
    if not card_ids:
        raise WorkbenchError("select_one")
    with store.transaction():
        return store.remove_participants(session_id, authors(store, session_id, card_ids))
