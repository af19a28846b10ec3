"""Statements: agree, disagree or pass, one statement at a time (the opinion map's input)."""

from __future__ import annotations

from collections import Counter

from workbench.errors import Conflict, WorkbenchError

VOTES = (1, -1, 0)  # agree, disagree, pass


def next_statement(store, stage: dict, cards: list[dict], participant_id: int) -> dict:
    """The statement this participant sees next: among those they have not voted on, the one
    with the fewest votes so far (so every statement gathers votes), oldest first on ties."""
    votes = store.statement_votes(stage["id"])
    mine = {v["card_id"] for v in votes if v["participant_id"] == participant_id}
    counts = Counter(v["card_id"] for v in votes)
    todo = [c for c in cards if c["id"] not in mine]
    todo.sort(key=lambda c: (counts[c["id"]], c["id"]))
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
        store.put_statement_vote(stage_id, participant_id, card_id, vote)
        return {"voted": sum(1 for v in store.statement_votes(stage_id) if v["participant_id"] == participant_id)}
