"""Statements: agree, disagree or pass, one statement at a time (the opinion map's input)."""

from __future__ import annotations

import time
import weakref

from workbench.errors import Conflict, WorkbenchError

VOTES = (1, -1, 0)  # agree, disagree, pass

# Votes per statement, per store and stage, as phones' polls steer by them: read from the store
# at most every COUNTS_AGE seconds and kept up to date by this process's own votes in between
# (a vote of another server process shows within that time). 300 phones poll every 2 s: without
# it each poll would count the whole room's votes.
COUNTS_AGE = 1.0
_counts: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def vote_counts(store, stage_id: int) -> dict[int, int]:
    """{statement: votes so far} (agree, disagree and pass alike)."""
    kept = _counts.setdefault(store, {})
    at, counts = kept.get(stage_id, (None, None))
    if at is None or time.monotonic() - at > COUNTS_AGE:
        counts = {cid: sum(n.values()) for cid, n in store.statement_counts(stage_id).items()}
        kept[stage_id] = (time.monotonic(), counts)
    return counts


def votes_frame(store, stage_id: int):
    """The stage's current votes as Pol.is-style rows (voter-id, comment-id, vote, timestamp),
    the input of `workbench.opinion.opinion_groups`."""
    import pandas as pd

    rows = store.statement_votes(stage_id)
    return pd.DataFrame({"voter-id": [r["participant_id"] for r in rows],
                         "comment-id": [r["card_id"] for r in rows],
                         "vote": [r["vote"] for r in rows],
                         "timestamp": [r["created_at"] for r in rows]})


def next_statement(store, stage: dict, cards: list[dict], participant_id: int) -> dict:
    """The statement this participant sees next: among those they have not voted on, the one
    with the fewest votes so far (so every statement gathers votes), oldest first on ties."""
    counts = vote_counts(store, stage["id"])
    mine = {v["card_id"] for v in store.ballots_by("statement_votes", stage["id"], participant_id)}
    todo = [c for c in cards if c["id"] not in mine]
    todo.sort(key=lambda c: (counts.get(c["id"], 0), c["id"]))
    nxt = todo[0] if todo else None
    return {"open": bool(stage["voting_open"]), "total": len(cards), "voted": len(cards) - len(todo),
            "next": {"id": nxt["id"], "text": nxt["text"]} if nxt else None}


def vote(store, stage_id: int, participant_id: int, card_id: int, vote: int) -> dict:
    """Agree (1), disagree (-1) or pass (0) on a statement; voting again replaces the vote."""
    if isinstance(vote, bool) or vote not in VOTES:
        raise WorkbenchError("bad_request", detail="'vote' must be 1, -1 or 0")
    with store.transaction():
        st = store.stage(stage_id)
        if st["kind"] != "statements" or not st["voting_open"]:
            raise Conflict("voting_not_open")
        store.lock_participant(participant_id)
        card = store.card(card_id, share_lock=True)
        if card["stage_id"] != stage_id or card["hidden"] or card["merged_into"] is not None:
            raise WorkbenchError("vote_target_invalid")
        mine = {v["card_id"] for v in store.ballots_by("statement_votes", stage_id, participant_id)}
        store.put_statement_vote(stage_id, participant_id, card_id, vote)
    if card_id not in mine:  # a new vote, not a changed one: one more for this statement
        counts = _counts.get(store, {}).get(stage_id, (None, {}))[1]
        counts[card_id] = counts.get(card_id, 0) + 1
    return {"voted": len(mine | {card_id})}
