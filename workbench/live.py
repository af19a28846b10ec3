"""The live session seen from a phone and from the projector: pure assembly over the store."""

from __future__ import annotations

import time
from collections import Counter

from workbench.errors import TooMany
from workbench.store import CONTRIBUTION_KINDS, Store


def phone_state(store: Store, session: dict, participant: dict) -> dict:
    """What a participant's phone shows now: the current stage, its cards, their dots.

    Only what the participant may see: no hidden cards, no other participant's identity.
    """
    stage = store.stage(session["current_stage_id"]) if session["current_stage_id"] else None
    state = {
        "session": {"code": session["code"], "title": session["title"],
                    "territory": session["territory"]},
        "participant": {k: participant[k] for k in ("id", "name", "territory", "organisation", "sector")},
        "stage": None, "cards": [], "groups": [], "voting": None, "results": None, "statements": None,
        "teams": None, "decide": None,
        "server_time": time.time(),
    }
    if stage is None:
        return state
    accepts = stage["kind"] in CONTRIBUTION_KINDS
    state["stage"] = {"id": stage["id"], "kind": stage["kind"], "title": stage["title"],
                      "prompt": stage["prompt"], "accepts_cards": accepts,
                      "timer_ends_at": stage["timer_ends_at"]}
    own_cards = accepts or stage["kind"] == "statements"
    card_stage = stage["id"] if own_cards else stage["target_stage_id"]
    cards: list[dict] = []
    if card_stage is not None:
        cards = store.contributions(session["id"], card_stage)
        groups = sorted((c for c in cards if c["is_group"]), key=lambda g: (g["created_at"], g["id"]))
        state["groups"] = [{"id": g["id"], "name": g["text"]} for g in groups]
        state["cards"] = [{"id": c["id"], "text": c["text"], "group": c["group_id"],
                           "mine": c["participant_id"] == participant["id"]}
                          for c in votable(stage, cards)]
        if stage["kind"] == "voting" and stage["vote_on"] == "groups":
            members = {}
            for c in cards:
                if c["group_id"] and not c["is_group"]:
                    members.setdefault(c["group_id"], []).append(c["text"])
            for card in state["cards"]:
                card["members"] = members.get(card["id"], [])
    if stage["kind"] == "teams":
        state["teams"] = team_options(store, stage, participant["id"], cards=cards)
        state["cards"] = []
    if stage["kind"] == "statements":
        state["statements"] = next_statement(store, stage, state["cards"], participant["id"])
        state["cards"] = []  # one statement at a time
    if stage["kind"] == "voting" and stage["method"] != "dots":
        state["decide"] = decide_state(store, stage, cards, participant["id"])
        state["cards"] = []
    elif stage["kind"] == "voting":
        dots = store.my_dots(stage["id"], participant["id"])
        state["voting"] = {"open": bool(stage["voting_open"]), **dots,
                           "mine": {str(k): v for k, v in dots["mine"].items()}}
        if stage["results_visible"]:
            state["results"] = results(store, stage, state["cards"])
    return state


def dot_totals(store: Store, stage: dict) -> Counter:
    """Dots given to the cards a stage works on, over the session's dot-voting stages."""
    totals: Counter = Counter()
    for st in store.stages(stage["session_id"]):
        if (st["kind"] == "voting" and st["method"] == "dots" and st["id"] != stage["id"]
                and st["target_stage_id"] == stage["target_stage_id"]):
            totals.update(store.vote_totals(st["id"]))
    return totals


SHORTLIST = {"matrix": 6, "ranking": 6}  # after dots; without dots: the first 12 / 8 cards
UNVOTED_LIMIT = {"matrix": 12, "ranking": 8}


def shortlist(store: Store, stage: dict, cards: list[dict]) -> list[dict]:
    """The ideas a matrix or ranking stage asks about: the top ones of an earlier dot vote on the
    same cards when there was one (a short list is what people can rate or order on a phone);
    pairwise comparison takes them all."""
    items = votable(stage, cards)
    method = stage["method"]
    if method not in SHORTLIST:
        return items
    totals = dot_totals(store, stage)
    if sum(totals.values()):
        return sorted(items, key=lambda c: (-totals[c["id"]], c["id"]))[:SHORTLIST[method]]
    return items[:UNVOTED_LIMIT[method]]


def decide_state(store: Store, stage: dict, cards: list[dict], participant_id: int) -> dict:
    """A phone's view of a matrix, pairwise or ranking stage."""
    from workbench.decide import next_pair

    items = shortlist(store, stage, cards)
    out = {"method": stage["method"], "open": bool(stage["voting_open"]),
           "items": [{"id": c["id"], "text": c["text"]} for c in items]}
    if stage["method"] == "matrix":
        out["mine"] = {str(r["contribution_id"]): [r["impact"], r["feasibility"]]
                       for r in store.ratings(stage["id"]) if r["participant_id"] == participant_id}
    elif stage["method"] == "pairwise":
        comps = store.comparisons(stage["id"])
        pair = next_pair(comps, [c["id"] for c in items], participant_id)
        text = {c["id"]: c["text"] for c in items}
        out["pair"] = [{"id": i, "text": text[i]} for i in pair] if pair else None
        out["judged"] = sum(1 for c in comps if c["participant_id"] == participant_id)
        out["items"] = []  # one pair at a time
    elif stage["method"] == "ranking":
        mine = [r for r in store.rankings(stage["id"]) if r["participant_id"] == participant_id]
        out["mine"] = [r["contribution_id"] for r in sorted(mine, key=lambda r: r["position"])]
    return out


def team_options(store: Store, stage: dict, participant_id: int | None = None, top: int = 8,
                 cards: list[dict] | None = None) -> list[dict]:
    """What people can sign up for in a teams stage: the groups of the ideas stage when there are
    groups, else the ideas; the most voted first (top `top`), with the team forming on each.
    `cards`: the target stage's cards, when the caller has read them already."""
    if stage["target_stage_id"] is None:
        return []
    if cards is None:
        cards = store.contributions(stage["session_id"], stage["target_stage_id"])
    groups = [c for c in cards if c["is_group"]]
    options = groups or cards
    totals = dot_totals(store, stage)
    options = sorted(options, key=lambda c: (-totals[c["id"]], c["id"]))[:top]
    teams = {tm["contribution"]["id"]: tm for tm in store.teams(stage["id"])}
    out = []
    for c in options:
        tm = teams.get(c["id"], {"members": [], "leader": None})
        mine = next((m for m in tm["members"] if m["participant_id"] == participant_id), None)
        out.append({"id": c["id"], "text": c["text"], "votes": totals[c["id"]],
                    "members": [{"name": m["name"], "organisation": m["organisation"],
                                 "leader": m["leader"]} for m in tm["members"]],
                    "has_leader": tm["leader"] is not None,
                    "mine": mine is not None, "i_lead": bool(mine and mine["leader"])})
    return out


def next_statement(store: Store, stage: dict, cards: list[dict], participant_id: int) -> dict:
    """The statement this participant sees next: among those they have not voted on, the one
    with the fewest votes so far (so every statement gathers votes), oldest first on ties."""
    votes = store.statement_votes(stage["id"])
    mine = {v["contribution_id"] for v in votes if v["participant_id"] == participant_id}
    counts = Counter(v["contribution_id"] for v in votes)
    todo = [c for c in cards if c["id"] not in mine]
    todo.sort(key=lambda c: (counts[c["id"]], c["id"]))
    nxt = todo[0] if todo else None
    return {"open": bool(stage["voting_open"]), "total": len(cards), "voted": len(cards) - len(todo),
            "next": {"id": nxt["id"], "text": nxt["text"]} if nxt else None}


def votable(stage: dict, cards: list[dict]) -> list[dict]:
    """The cards a stage puts on phones: groups when a voting stage votes on groups, else ideas."""
    if stage["kind"] == "voting" and stage["vote_on"] == "groups":
        return [c for c in cards if c["is_group"]]
    return [c for c in cards if not c["is_group"]]


def results(store: Store, stage: dict, cards: list[dict]) -> list[dict]:
    """Cards of a voting stage with their dots, most first (ties: older card first)."""
    totals = store.vote_totals(stage["id"])
    rows = [{"id": c["id"], "text": c["text"], "votes": totals.get(c["id"], 0)} for c in cards]
    rows.sort(key=lambda r: (-r["votes"], r["id"]))
    return rows


def joined_summary(participants: list[dict]) -> dict:
    """Counts of people joined, by territory and by sector ('' when not given).

    >>> joined_summary([{"territory": "Ошевенск", "sector": "ngo"}, {"territory": "", "sector": ""}])
    {'total': 2, 'territory': {'Ошевенск': 1, '': 1}, 'sector': {'ngo': 1, '': 1}}
    """
    return {
        "total": len(participants),
        "territory": dict(Counter(p["territory"] for p in participants).most_common()),
        "sector": dict(Counter(p["sector"] for p in participants).most_common()),
    }


class RateLimiter:
    """A token bucket per key: `burst` actions at once, then `per_minute` a minute.

    >>> rl = RateLimiter(burst=2, per_minute=60, clock=lambda: 0.0)
    >>> rl.check("a"); rl.check("a")
    >>> rl.check("a")
    Traceback (most recent call last):
    workbench.errors.TooMany: too_many
    """

    def __init__(self, burst: int, per_minute: float, clock=time.monotonic):
        self.burst = burst
        self.rate = per_minute / 60.0
        self.clock = clock
        self._buckets: dict[object, tuple[float, float]] = {}

    def check(self, key) -> None:
        now = self.clock()
        tokens, last = self._buckets.get(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - last) * self.rate)
        if tokens < 1.0:
            wait = max(1, int((1.0 - tokens) / self.rate + 0.999))
            self._buckets[key] = (tokens, now)
            raise TooMany("too_many", seconds=wait)
        self._buckets[key] = (tokens - 1.0, now)
