"""Which cards a stage shows and in what order: one home for the projector's wall, the phones
and the protocol.

Cards are dicts as the store returns them (newest first). A group is a card with `is_group`;
a card in a group has its `group_id`.

>>> cards = [{"id": 3, "is_group": False, "group_id": 1, "text": "c", "created_at": 3},
...          {"id": 2, "is_group": False, "group_id": None, "text": "b", "created_at": 2},
...          {"id": 1, "is_group": True, "group_id": None, "text": "G", "created_at": 1}]
>>> [c if isinstance(c, str) else c["id"] for c in wall_order(cards, "loose")]
['loose', 2, 1, 3]
>>> [g["id"] for g in groups(cards)], members(cards)
([1], {1: ['c']})
"""

from __future__ import annotations

from collections import Counter

from workbench.session.model import count_territories


def groups(cards: list[dict]) -> list[dict]:
    """The groups among the cards, in the order they were made."""
    return sorted((c for c in cards if c["is_group"]), key=lambda g: (g["created_at"], g["id"]))


def ideas(cards: list[dict]) -> list[dict]:
    """The cards that are not groups, in the order given."""
    return [c for c in cards if not c["is_group"]]


def by_age(cards) -> list[dict]:
    """Oldest first: the order of a group's cards on the display, the control view and phones."""
    return sorted(cards, key=lambda c: (c["created_at"], c["id"]))


def members(cards: list[dict]) -> dict[int, list[str]]:
    """{group: texts of its cards, oldest first}."""
    out: dict[int, list[str]] = {}
    for c in by_age(cards):
        if c["group_id"] and not c["is_group"]:
            out.setdefault(c["group_id"], []).append(c["text"])
    return out


def votable(stage: dict, cards: list[dict]) -> list[dict]:
    """The cards a stage puts on phones, in the wall's order: groups when a voting stage votes
    on groups, numbered as the display numbers them (the order they were made); else ideas,
    those in no group first (newest first), then each group's, oldest first (`wall_order`).

    >>> cards = [{"id": 4, "is_group": True, "group_id": None, "created_at": 4},
    ...          {"id": 3, "is_group": False, "group_id": 1, "created_at": 3},
    ...          {"id": 2, "is_group": False, "group_id": 1, "created_at": 2},
    ...          {"id": 1, "is_group": True, "group_id": None, "created_at": 1}]
    >>> [c["id"] for c in votable({"kind": "voting", "vote_on": "groups"}, cards)]
    [1, 4]
    >>> [c["id"] for c in votable({"kind": "ideas", "vote_on": "ideas"}, cards)]
    [2, 3]
    """
    if stage["kind"] == "voting" and stage["vote_on"] == "groups":
        return groups(cards)
    return [c for c in wall_order(cards, None) if c is not None and not c["is_group"]]


def is_votable(stage: dict, card: dict | None) -> bool:
    """A card that a ballot of this voting stage may name: on the stage voted on, shown, and a
    group exactly when the stage votes on groups."""
    return (card is not None and card["stage_id"] == stage["target_stage_id"] and not card["hidden"]
            and card.get("status", "shown") == "shown" and card["merged_into"] is None
            and bool(card["is_group"]) == (stage["vote_on"] == "groups"))


def wall_order(cards: list[dict], ungrouped_label) -> list:
    """Cards in the order the wall shows them: without groups, newest first; with groups, the
    cards in no group first under `ungrouped_label` (new ideas land there), newest first, then
    each group (in the display's numbering) followed by its cards, oldest first, as the
    display shows them."""
    gs = groups(cards)
    if not gs:
        return cards
    rest = ideas(cards)
    known = {g["id"] for g in gs}
    loose = [c for c in rest if c["group_id"] not in known]
    out: list = [ungrouped_label, *loose] if loose else []
    for g in gs:
        out.append(g)
        out.extend(by_age(c for c in rest if c["group_id"] == g["id"]))
    return out


def grouped(cards: list[dict]) -> tuple[list[dict], list[dict]]:
    """The protocol's view, oldest first: (groups, each with its `cards`; cards in no group).

    >>> gs, loose = grouped([{"id": 1, "is_group": True, "group_id": None, "text": "G", "created_at": 1,
    ...                       "by_facilitator": True},
    ...                      {"id": 2, "is_group": False, "group_id": 1, "text": "a", "created_at": 2,
    ...                       "by_facilitator": False}])
    >>> gs[0]["text"], [c["text"] for c in gs[0]["cards"]], loose
    ('G', ['a'], [])
    """
    ordered = by_age(cards)
    gs = [{"id": g["id"], "text": g["text"], "by_facilitator": False, "cards": []} for g in groups(cards)]
    by_id = {g["id"]: g for g in gs}
    loose = []
    for c in ideas(ordered):
        item = {"id": c["id"], "text": c["text"], "by_facilitator": bool(c["by_facilitator"])}
        (by_id[c["group_id"]]["cards"] if c["group_id"] in by_id else loose).append(item)
    return gs, loose


BREAKDOWN_SHOWN = 7  # categories a live breakdown lists; more: the first ones and "and N more"


def breakdown(counts: dict, shown: int = BREAKDOWN_SHOWN) -> tuple[list[tuple], int, list]:
    """A breakdown to show in one line, largest first: `(listed, rest, hidden)` where `listed` is
    (category, count) pairs, `rest` the people in the categories left out and `hidden` those
    categories. Every category when there are at most `shown`; else the first `shown - 1` and the
    rest, so the numbers on the line always add up to the total.

    >>> breakdown({"a": 3, "b": 2, "c": 1}, shown=3)
    ([('a', 3), ('b', 2), ('c', 1)], 0, [])
    >>> breakdown({"a": 3, "b": 2, "c": 1, "d": 1}, shown=3)
    ([('a', 3), ('b', 2)], 2, ['c', 'd'])
    """
    pairs = list(counts.items())
    if len(pairs) <= shown:
        return pairs, 0, []
    listed, left = pairs[:shown - 1], pairs[shown - 1:]
    return listed, sum(n for _, n in left), [k for k, _ in left]


def joined_summary(participants: list[dict]) -> dict:
    """Counts of people joined, by territory and by sector ('' when not given), largest first,
    then the sector "other" and '' last whatever their sizes (neither is a place or sector of
    its own); spellings of one territory count as one (`model.count_territories`). The control
    view's line and the protocol's tables list them so.

    >>> joined_summary([{"territory": "", "sector": ""}, {"territory": "", "sector": "ngo"},
    ...                 {"territory": "Ошевенск", "sector": "other"}, {"territory": "", "sector": "other"}])
    {'total': 4, 'territory': {'Ошевенск': 1, '': 3}, 'sector': {'ngo': 1, 'other': 2, '': 1}}
    >>> joined_summary([{"territory": t, "sector": ""} for t in ("п. Плесецк", "Плесецк", "Емца", "плесецк")])["territory"]
    {'Плесецк': 3, 'Емца': 1}
    """
    def counts(field: str) -> dict:
        tail = {"other": 1, "": 2} if field == "sector" else {"": 1}
        if field == "territory":  # «п. Плесецк» and «Плесецк» are one place
            c = count_territories(p[field] for p in participants)
        else:
            c = Counter(p[field] or "" for p in participants)
        return dict(sorted(c.items(), key=lambda kv: (tail.get(kv[0], 0), -kv[1])))  # stable: first seen first

    return {"total": len(participants), "territory": counts("territory"), "sector": counts("sector")}
