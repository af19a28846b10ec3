"""The decision methods: one registry, each method's rules in one class.

A method declares, in one place:
- its **ballot rules**: the phone actions it takes (`actions`: API name → function) and the
  checks each ballot passes inside one store transaction;
- the **cards it asks about** (`items`): every votable card, or a short list after a dot vote;
- **what a phone shows** (`phone`): the part of a phone's state for this method;
- its **results** (`results`): one row per card, best first; the figures that decide a place
  (`standing`: equal ones share it) and how a phone words a row (`shown`), both with defaults;
- its **protocol section** (`protocol`): column headings and the cells of each row;
- where its ballots are stored (`ballots`: a store table), so the protocol finds every round
  of a stage, whatever the current method.

Adding a method: a subclass here with its strings in `messages`, passed to `register()`; its
projector view in `VIEWS` of `workbench/ui/voting_views.py`; its phone widget in
`workbench/web/static/participant.html`. Nothing else changes: the server routes the method's
`actions`, the projector lists it, the protocol shows its rounds.

>>> list(METHODS)
['dots', 'matrix', 'pairwise', 'ranking']
>>> method({"method": "matrix"}).shortlist
6
"""

from __future__ import annotations

from collections import Counter

from workbench.errors import Conflict, NotFound, WorkbenchError
from workbench.i18n import LANGS, MESSAGES, Figure, Share, Translator, number, t, texts
from workbench.session import tally
from workbench.session.model import stage_texts, texts_json
from workbench.session.wall import is_votable, votable

MAX_ORDER = 50  # cards in one ranking ballot


def int_field(data: dict, name: str) -> int:
    """An integer field of a phone's JSON body (true/false are not numbers)."""
    value = data.get(name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise WorkbenchError("bad_request", detail=f"'{name}' must be an integer")
    return value


def request_id(data: dict) -> str | None:
    """The optional id a phone sends with a ballot, so a retried request counts once."""
    rid = data.get("request_id")
    if rid is not None and (not isinstance(rid, str) or len(rid) > 64):
        raise WorkbenchError("bad_request", detail="'request_id' must be a short string")
    return rid


def dot_totals(store, stage: dict) -> Counter:
    """Dots given to the cards a stage works on, over every voting stage on those cards (a dot
    vote before a matrix on the same stage counts too)."""
    totals: Counter = Counter()
    if stage["target_stage_id"] is None:
        return totals
    for st in store.stages(stage["session_id"]):
        if st["kind"] == "voting" and st["target_stage_id"] == stage["target_stage_id"]:
            totals.update(store.vote_totals(st["id"]))
    return totals


GROUPS_SOURCE = "groups"  # `source_method` of a stage that asks about the ideas of chosen groups
DEFAULT_TOP = 6  # candidates taken from an earlier round when the stage names no number
MAX_SOURCE_DEPTH = 8  # a chain of rounds (dots -> matrix -> teams…) is never longer


def has_source(stage: dict) -> bool:
    """The stage takes its candidates from an earlier round or from chosen groups."""
    return bool(stage.get("source_stage_id")) or stage.get("source_method") == GROUPS_SOURCE


def source_items(store, stage: dict, cards: list[dict], depth: int = 0) -> list[dict] | None:
    """The candidates of a stage with an explicit source, in the source's order (None: no source).

    - the top `source_top` (default 6) of the `source_method` round (default: its current method)
      of an earlier voting stage: dots -> matrix on the top 6;
    - or, with `source_method` "groups", the ideas of the groups chosen for the stage (the groups
      themselves when the stage votes on groups).
    `cards`: the cards of the stage's target stage.
    """
    if not has_source(stage):
        return None
    if depth > MAX_SOURCE_DEPTH:  # a loop of sources (refused when set): every votable card
        return votable(stage, cards)
    shown = [c for c in cards if not c["hidden"]]
    if stage.get("source_method") == GROUPS_SOURCE:
        chosen = store.shortlist_groups(stage["id"])
        if stage["kind"] == "voting" and stage["vote_on"] == "groups":
            by_id = {c["id"]: c for c in shown if c["is_group"]}
            return [by_id[g] for g in chosen if g in by_id]
        keep = set(chosen)
        return [c for c in shown if not c["is_group"] and c["group_id"] in keep]
    m, rows = _source_rows(store, stage, cards, depth)
    top = stage.get("source_top") or DEFAULT_TOP
    if stage.get("groups_of_ideas"):  # teams on groups after a round on their ideas
        return groups_by_round(rows, shown)[:top]
    by_id = {c["id"]: c for c in shown}
    return [by_id[r["id"]] for r in rows][:top]


def _source_rows(store, stage: dict, cards: list[dict], depth: int = 0) -> tuple[Method, list[dict]]:
    """The method of the earlier round a stage takes its best N from, and that round's result
    rows (best first) of the cards still shown: what `source_items` cuts."""
    src = store.stage(stage["source_stage_id"])
    m = METHODS.get(stage.get("source_method") or src["method"]) or METHODS[src["method"]]
    src_cards = cards if src["target_stage_id"] == stage["target_stage_id"] else (
        store.cards(src["session_id"], src["target_stage_id"]) if src["target_stage_id"] else [])
    nested = source_items(store, src, src_cards, depth + 1)
    src_items = nested if nested is not None else Method.items(m, store, src, src_cards)
    shown = {c["id"] for c in cards if not c["hidden"]}
    return m, [r for r in m.results(store, src, src_items) if r["id"] in shown]


def places(m: Method, rows: list[dict]) -> list[int | None]:
    """The place of each result row (best first) as every screen and file shows it: rows whose
    deciding figures are equal (`Method.standing`) share a place, and the next place skips
    («1, 1, 3»); a row without figures (a matrix idea nobody rated) has none.

    >>> places(METHODS["dots"], [{"votes": 20}, {"votes": 20}, {"votes": 14}, {"votes": 0}])
    [1, 1, 3, 4]
    >>> places(METHODS["matrix"], [{"raters": 2, "quadrant": "big_bets", "impact": 4.0, "feasibility": 2.0},
    ...                            {"raters": 0, "quadrant": None, "impact": None, "feasibility": None}])
    [1, None]
    """
    out: list[int | None] = []
    last, place = None, 0
    for i, row in enumerate(rows, 1):
        key = m.standing(row)
        if key is not None and key != last:
            last, place = key, i
        out.append(None if key is None else place)
    return out


def describe_source(stage: dict, by_id: dict[int, dict], lang: str = "ru") -> str:
    """A line saying where a stage's candidates come from ("" when from nowhere in particular);
    a teams stage's default (`voting.with_default_source`) says it is the latest round, and
    names groups when the teams form on the groups of the ideas it voted on."""
    if stage.get("source_method") == GROUPS_SOURCE:
        return t("source_groups", lang)
    src = by_id.get(stage.get("source_stage_id"))
    if src is None:
        return ""
    method = stage.get("source_method") or src["method"]
    line = t("protocol_source_groups" if stage.get("groups_of_ideas") else "protocol_source", lang,
             n=stage.get("source_top") or DEFAULT_TOP, stage=src["title"], method=t(f"method_{method}", lang))
    return t("source_latest", lang, what=line) if stage.get("default_source") else line


def cut_splits_tie(store, stage: dict, cards: list[dict] | None = None) -> bool:
    """Whether the cut that gives a stage its candidates (the best N of an earlier round, or a
    method's short list after a dot vote) fell between cards of equal standing: one of them is
    left out for being newer (ties go to the older card), and the control view and the protocol
    say so next to the candidates."""
    if (stage["target_stage_id"] is None or stage.get("source_method") == GROUPS_SOURCE
            or stage.get("groups_of_ideas")):
        return False
    if cards is None:
        cards = store.cards(stage["session_id"], stage["target_stage_id"])
    if stage.get("source_stage_id"):
        m, rows = _source_rows(store, stage, cards)
        top = stage.get("source_top") or DEFAULT_TOP
        return len(rows) > top and m.standing(rows[top - 1]) is not None \
            and m.standing(rows[top - 1]) == m.standing(rows[top])
    m = METHODS.get(stage.get("method"))
    if stage["kind"] != "voting" or m is None or m.shortlist is None:
        return False
    totals = dot_totals(store, stage)
    if not sum(totals.values()):
        return False
    ranked = sorted(votable(stage, cards), key=lambda c: (-totals[c["id"]], c["id"]))
    return len(ranked) > m.shortlist and totals[ranked[m.shortlist - 1]["id"]] == totals[ranked[m.shortlist]["id"]]


def phone_results(store, stage: dict, items: list[dict], lang: str = "ru") -> list[dict]:
    """A voting stage's results as phones list them once the facilitator shows them: each card
    the method placed, best first, with its place (`places`), its figures in words in the
    method's own terms (`Method.shown`) and `value`, the length of its bar (None: no bar). Empty
    when nobody voted: every idea would share the first place with nothing («1. … — 0 баллов» six
    times); the phone says nobody voted instead."""
    m = method(stage)
    if not store.has_ballots(m.ballots, stage["id"]):
        return []
    rows = m.results(store, stage, items)
    text = {c["id"]: c["text"] for c in items}
    return [{"id": r["id"], "text": text.get(r["id"], ""), "place": place, "shown": m.shown(r, lang),
             "value": m.bar(r), **({"votes": r["votes"]} if "votes" in r else {})}
            for r, place in zip(rows, places(m, rows), strict=True) if place is not None]


def groups_by_round(rows: list[dict], cards: list[dict]) -> list[dict]:
    """The groups of the ideas a round ranked (`rows`: its results, best first), best first: by
    the dots on their ideas together after a dot round, else by their best idea's place. A group
    none of whose ideas the round asked about is left out.

    >>> cards = [{"id": 1, "is_group": True, "group_id": None}, {"id": 2, "is_group": True, "group_id": None},
    ...          {"id": 3, "is_group": False, "group_id": 1}, {"id": 4, "is_group": False, "group_id": 2},
    ...          {"id": 5, "is_group": False, "group_id": 2}]
    >>> [g["id"] for g in groups_by_round([{"id": 3, "votes": 5}, {"id": 4, "votes": 4}, {"id": 5, "votes": 2}], cards)]
    [2, 1]
    >>> [g["id"] for g in groups_by_round([{"id": 3}, {"id": 4}], cards)]  # a matrix: the best idea's place
    [1, 2]
    """
    by_id = {c["id"]: c for c in cards if c["is_group"]}
    group_of = {c["id"]: c["group_id"] for c in cards if not c["is_group"] and c["group_id"] in by_id}
    score: dict[int, list[int]] = {}
    for place, r in enumerate(rows):
        if r["id"] in group_of:
            s = score.setdefault(group_of[r["id"]], [0, place])
            s[0] += r.get("votes", 0)
    return [by_id[g] for g in sorted(score, key=lambda g: (-score[g][0], score[g][1]))]


def status(stage: dict, voters: int) -> str:
    """How the facilitator's screen and the phones word a voting stage (`voters`: how many voted): "is_open"; "closed" once it has
    ballots or was opened (`voting_opened_at`); "not_opened" before ("Голосование закрыто" before
    anyone could vote read as if the round were over).

    >>> status({"voting_open": True}, 0), status({"voting_open": False}, 0), status({"voting_open": False}, 3)
    ('is_open', 'not_opened', 'closed')
    >>> status({"voting_open": False, "voting_opened_at": 1700000000.0}, 0)  # opened, closed, nobody voted
    'closed'
    """
    if stage["voting_open"]:
        return "is_open"
    return "closed" if voters or stage.get("voting_opened_at") is not None else "not_opened"


def round_status(store, stage: dict) -> str:
    """`status` of a voting or statements stage as its ballots stand in the store (a phone's poll:
    whether anyone voted, not who): the current method's ballots, or the statements' votes."""
    table = "statement_votes" if stage["kind"] == "statements" else method(stage).ballots
    return status(stage, int(store.has_ballots(table, stage["id"])))


def holds_ballot(store, stage: dict, participant_id: int) -> bool:
    """Whether a participant cast a ballot on a voting stage (a dot, a rating, an answer, an order:
    any method's, every round) or a statements stage (an answer to a statement): a paper ballot's
    page warns that it is already filled, and «Готово — следующий бюллетень» needs one."""
    if stage["kind"] == "statements":
        tables = ["statement_votes"]
    elif stage["kind"] == "voting":
        tables = list(dict.fromkeys(m.ballots for m in METHODS.values()))
    else:
        return False
    return any(store.ballots_by(table, stage["id"], participant_id) for table in tables)


def check_open(st: dict, name: str) -> dict:
    """Refuse a ballot unless this voting stage is open and uses this method."""
    if st["kind"] != "voting" or st["method"] != name or not st["voting_open"]:
        raise Conflict("voting_not_open")
    return st


def open_stage(store, stage_id: int, name: str) -> dict:
    """The voting stage, refused unless it is open and uses this method."""
    return check_open(store.stage(stage_id), name)


class Method:
    name = ""
    ballots = ""  # the store table of this method's ballots
    # Strings the method brings with it ({key: (ru, en)}), added to the catalogue by `register`:
    # `method_<name>` (its name), `method_<name>_prompt`, and what its phone widget says.
    messages: dict[str, tuple[str, str]] = {}
    shortlist: int | None = None  # cards asked about after a dot vote (None: every votable card)
    unvoted_limit: int | None = None  # without a dot vote: the first N cards
    actions: dict = {}
    # Settings (workbench/app.py SETTINGS) this method's actions and `phone` take as keywords.
    uses_settings: tuple[str, ...] = ()

    def settings_of(self, settings: dict | None) -> dict:
        return {k: settings[k] for k in self.uses_settings if settings and k in settings}

    def items(self, store, stage: dict, cards: list[dict]) -> list[dict]:
        """The cards this method asks about (`cards`: the target stage's cards): the stage's
        explicit source when it has one (`source_items`), else every votable card or the short list."""
        chosen = source_items(store, stage, cards)
        if chosen is not None:
            return chosen
        items = votable(stage, cards)
        if self.shortlist is None:
            return items
        totals = dot_totals(store, stage)
        if sum(totals.values()):
            return sorted(items, key=lambda c: (-totals[c["id"]], c["id"]))[:self.shortlist]
        return items[:self.unvoted_limit]

    def check_cards(self, store, stage: dict, card_ids) -> None:
        """Every card named by a ballot is one this method asks about."""
        cards = [store.card(cid, stage["session_id"], share_lock=True) for cid in dict.fromkeys(card_ids)]
        if not all(is_votable(stage, c) for c in cards):
            raise WorkbenchError("vote_target_invalid")
        if self.shortlist is not None or has_source(stage):
            allowed = {c["id"] for c in self.items(store, stage, store.cards(
                stage["session_id"], stage["target_stage_id"]))}
            if any(c["id"] not in allowed for c in cards):
                raise WorkbenchError("vote_target_invalid")

    def phone(self, store, stage: dict, items: list[dict], participant_id: int) -> dict:
        """The keys of a phone's state this method sets."""
        raise NotImplementedError

    def results(self, store, stage: dict, items: list[dict]) -> list[dict]:
        """One row per card (`id` and the method's figures), best first."""
        raise NotImplementedError

    def protocol(self, rows: list[dict], L) -> tuple[list[str], list[list]]:
        """The protocol's column headings and each row's cells (`L`: the translator)."""
        raise NotImplementedError

    def standing(self, row: dict) -> tuple | None:
        """The figures of a result row that decide its place: rows with equal ones share it
        (`places`); None: the row has no place (nobody judged the card). By default every
        figure of the row."""
        return tuple(v for k, v in sorted(row.items()) if k not in ("id", "text"))

    def shown(self, row: dict, lang: str) -> str:
        """A result row's figures in words, as a phone's results list shows them; by default
        the protocol's columns («Важность: 4,50 · …»)."""
        heads, (cells,) = self.protocol([row], Translator(lang))
        return " · ".join(f"{h}: {number(c, lang) if isinstance(c, float) else c}"
                          for h, c in zip(heads, cells, strict=True))

    def bar(self, row: dict) -> float | None:
        """The length of a result row's bar on a phone (None: no bar)."""
        return None


def request_counted(store, participant_id: int, request_id: str) -> bool:
    """A phone's dot, dot taken back or pair with this request id is stored already: it counted
    (ratings and rankings carry no request id in the store: they replace the phone's own)."""
    return (store.dot_with_request(participant_id, request_id)
            or store.unvote_with_request(participant_id, request_id)
            or store.comparison_with_request(participant_id, request_id))


# --- dots ----------------------------------------------------------------------------------------

def my_dots(store, stage: dict, participant_id: int) -> dict:
    mine = store.dots_of(stage["id"], participant_id)
    return {"budget": stage["vote_budget"], "used": sum(mine.values()), "mine": mine}


def vote(store, stage_id: int, participant_id: int, card_id: int, request_id: str | None = None,
         on_paper: bool = False, stage: dict | None = None) -> dict:
    """Put one dot on a card. Refused when voting is closed or the budget is spent.

    A repeated `request_id` from the same participant (a double tap, a retried request) is
    answered with the dots already given, never a second one. `stage`: the stage's row when the
    caller read it in this same transaction (a phone's dot: read with its session and token).
    """
    with store.transaction():
        st = stage if stage is not None and stage["id"] == stage_id else store.stage(stage_id)
        store.lock_participant(participant_id)
        if request_id and store.dot_with_request(participant_id, request_id):
            return my_dots(store, st, participant_id)
        check_open(st, "dots")
        card = store.card(card_id, st["session_id"], share_lock=True)  # a merge waits for this dot
        if not is_votable(st, card):
            raise WorkbenchError("vote_target_invalid")
        if has_source(st):  # a dot round on a shortlist: only its candidates
            METHODS["dots"].check_cards(store, st, [card_id])
        mine = store.dots_of(stage_id, participant_id)
        if sum(mine.values()) >= st["vote_budget"]:
            raise Conflict("vote_budget_exceeded", budget=st["vote_budget"])
        store.add_dot(stage_id, participant_id, card_id, request_id=request_id, on_paper=on_paper)
        mine[card_id] = mine.get(card_id, 0) + 1  # what my_dots() would read back, without the read
        return {"budget": st["vote_budget"], "used": sum(mine.values()), "mine": mine}


def unvote(store, stage_id: int, participant_id: int, card_id: int, request_id: str | None = None) -> dict:
    """Take one dot back from a card (only while voting is open).

    A repeated `request_id` from the same participant (a retried request) removes nothing more
    and is answered with the dots as they are.
    """
    with store.transaction():
        st = store.stage(stage_id)
        store.lock_participant(participant_id)
        if request_id and store.unvote_with_request(participant_id, request_id):
            return my_dots(store, st, participant_id)
        if st["kind"] != "voting" or not st["voting_open"]:
            raise Conflict("voting_not_open")
        if not store.remove_dot(stage_id, participant_id, card_id, request_id=request_id):
            raise Conflict("vote_none_to_remove")
        return my_dots(store, st, participant_id)


class Dots(Method):
    name = "dots"
    ballots = "votes"
    actions = {
        "vote": lambda store, st, pid, data: vote(store, st["id"], pid, int_field(data, "card"),
                                                   request_id=request_id(data), stage=st),
        "unvote": lambda store, st, pid, data: unvote(store, st["id"], pid, int_field(data, "card"),
                                                       request_id=request_id(data)),
    }

    def phone(self, store, stage, items, participant_id):
        dots = my_dots(store, stage, participant_id)
        out = {"voting": {"open": bool(stage["voting_open"]), **dots,
                          "mine": {str(k): v for k, v in dots["mine"].items()}}}
        return out

    def results(self, store, stage, items):
        """Cards with their dots, most first (ties: older card first)."""
        totals = store.vote_totals(stage["id"])
        rows = [{"id": c["id"], "text": c["text"], "votes": totals.get(c["id"], 0)} for c in items]
        rows.sort(key=lambda r: (-r["votes"], r["id"]))
        return rows

    def protocol(self, rows, L):
        return [L("protocol_dots")], [[r["votes"]] for r in rows]

    def standing(self, row):
        return (row["votes"],)

    def shown(self, row, lang):
        return t("dots_n", lang, n=row["votes"])

    def bar(self, row):
        return row["votes"]


# --- impact × feasibility --------------------------------------------------------------------------

def rate(store, stage_id: int, participant_id: int, card_id: int, impact: int, feasibility: int) -> dict:
    """Impact and feasibility of an idea, 1 to 5 each; rating it again replaces the rating."""
    for name, v in (("impact", impact), ("feasibility", feasibility)):
        if isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= 5:
            raise WorkbenchError("rating_invalid", field=name)
    with store.transaction():
        store.lock_participant(participant_id)
        st = open_stage(store, stage_id, "matrix")
        METHODS["matrix"].check_cards(store, st, [card_id])
        store.put_rating(stage_id, participant_id, card_id, impact, feasibility)
        return {"rated": len(store.ballots_by("ratings", stage_id, participant_id))}


class Matrix(Method):
    name = "matrix"
    ballots = "ratings"
    shortlist = 6
    unvoted_limit = 12
    actions = {"rate": lambda store, st, pid, data: rate(
        store, st["id"], pid, int_field(data, "card"), int_field(data, "impact"), int_field(data, "feasibility"))}

    def phone(self, store, stage, items, participant_id):
        mine = {str(r["card_id"]): [r["impact"], r["feasibility"]]
                for r in store.ballots_by("ratings", stage["id"], participant_id)}
        return {"decide": {"method": self.name, "open": bool(stage["voting_open"]),
                           "items": [{"id": c["id"], "text": c["text"]} for c in items], "mine": mine}}

    def results(self, store, stage, items):
        return tally.matrix_summary(store.ratings(stage["id"]), [c["id"] for c in items])

    def protocol(self, rows, L):
        return ([L("impact"), L("feasibility"), L("protocol_raters"), L("protocol_quadrant")],
                [[s["impact"], s["feasibility"], s["raters"], L(s["quadrant"]) if s["quadrant"] else ""]
                 for s in rows])

    def standing(self, row):
        # as `tally.matrix_summary` orders them: the quadrant, the sum of the means, the raters
        if not row["raters"]:
            return None
        return (row["quadrant"], round(row["impact"] + row["feasibility"], 2), row["raters"])

    def shown(self, row, lang):
        return (f"{t('impact', lang)} {number(row['impact'], lang)} · {t('feasibility', lang)} "
                f"{number(row['feasibility'], lang)} · {t(row['quadrant'], lang)}")


# --- pairwise ----------------------------------------------------------------------------------------

def compare(store, stage_id: int, participant_id: int, left_id: int, right_id: int,
            winner_id: int | None, request_id: str | None = None, max_answers: int | None = None) -> dict:
    """One pairwise judgement: which of two ideas matters more (None: can't decide).

    Each pair counts at most once per phone: a repeated `request_id`, or a pair this phone has
    already judged (in either order), is answered with `counted: false` and changes nothing.
    A phone that gave `max_answers` judgements on the stage is refused (`pairwise_enough`).
    """
    if left_id == right_id or (winner_id is not None and winner_id not in (left_id, right_id)):
        raise WorkbenchError("bad_request", detail="winner must be one of the pair")
    with store.transaction():
        store.lock_participant(participant_id)
        counted = False
        if not (request_id and store.comparison_with_request(participant_id, request_id)):
            st = open_stage(store, stage_id, "pairwise")
            if not store.judged_pair(stage_id, participant_id, left_id, right_id):
                if max_answers and store.count_comparisons(stage_id, participant_id) >= max_answers:
                    raise Conflict("pairwise_enough", n=max_answers)
                METHODS["pairwise"].check_cards(store, st, [left_id, right_id])
                store.add_comparison(stage_id, participant_id, left_id, right_id, winner_id, request_id)
                counted = True
        return {"judged": store.count_comparisons(stage_id, participant_id), "counted": counted}


def _compare_action(store, st, pid, data, pairwise_answers_per_phone=None):
    winner = None if data.get("winner") is None else int_field(data, "winner")
    return compare(store, st["id"], pid, int_field(data, "left"), int_field(data, "right"), winner,
                   request_id=request_id(data), max_answers=pairwise_answers_per_phone)


class Pairwise(Method):
    name = "pairwise"
    ballots = "comparisons"
    actions = {"compare": _compare_action}
    uses_settings = ("pairwise_answers_per_phone",)

    def phone(self, store, stage, items, participant_id, pairwise_answers_per_phone=None):
        # A poll reads this phone's own comparisons and one count per idea, not the room's
        # comparisons: 300 phones poll every 2 s.
        mine = store.ballots_by("comparisons", stage["id"], participant_id)
        judged = len(mine)
        enough = bool(pairwise_answers_per_phone) and judged >= pairwise_answers_per_phone
        pair = None if enough else tally.pair_for(store.shown_counts(stage["id"]), mine,
                                                  [c["id"] for c in items], participant_id)
        text = {c["id"]: c["text"] for c in items}
        return {"decide": {"method": self.name, "open": bool(stage["voting_open"]), "items": [],
                           "pair": [{"id": i, "text": text[i]} for i in pair] if pair else None,
                           "judged": judged}}

    def results(self, store, stage, items):
        return tally.pairwise_scores(store.comparisons(stage["id"]), [c["id"] for c in items])

    def protocol(self, rows, L):
        # the strength stays a number (three decimals: strengths sum to 1); its interval is a range;
        # wins and losses are a column each, numbers a spreadsheet sorts and sums
        return ([L("score"), L("protocol_strength"), L("protocol_interval"), L("protocol_wins"), L("protocol_losses")],
                [[round(100 * s["score"]), Figure(s["strength"], 3),
                  "" if s["low"] is None else f"{L.num(s['low'], 3)}–{L.num(s['high'], 3)}",
                  s["wins"], s["losses"]] for s in rows])

    def standing(self, row):
        return (row["score"], row["strength"])

    def shown(self, row, lang):
        return f"{t('score', lang)} {round(100 * row['score'])}"

    def bar(self, row):
        return round(100 * row["score"])


# --- ranking -------------------------------------------------------------------------------------------

def rank(store, stage_id: int, participant_id: int, order: list[int]) -> dict:
    """A participant's order of the short list (first = most important); again replaces it."""
    if (not isinstance(order, list) or not order or len(order) > MAX_ORDER
            or not all(isinstance(i, int) and not isinstance(i, bool) for i in order)):
        raise WorkbenchError("bad_request", detail="'order' must be a list of card ids")
    if len(set(order)) != len(order):
        raise WorkbenchError("ranking_invalid")
    with store.transaction():
        store.lock_participant(participant_id)
        st = open_stage(store, stage_id, "ranking")
        METHODS["ranking"].check_cards(store, st, order)
        store.put_ranking(stage_id, participant_id, order)
    return {"ranked": len(order)}


class Ranking(Method):
    name = "ranking"
    ballots = "rankings"
    shortlist = 6
    unvoted_limit = 8
    actions = {"rank": lambda store, st, pid, data: rank(store, st["id"], pid, data.get("order"))}

    def phone(self, store, stage, items, participant_id):
        mine = store.ballots_by("rankings", stage["id"], participant_id)
        return {"decide": {"method": self.name, "open": bool(stage["voting_open"]), "on": stage["vote_on"],
                           "own": asks_its_own(stage),  # the hint then says no «идеи» (`rank_hint_own`)
                           "items": [{"id": c["id"], "text": c["text"]} for c in items],
                           "mine": [r["card_id"] for r in sorted(mine, key=lambda r: r["position"])]}}

    def results(self, store, stage, items):
        return tally.borda(tally.ballots_from_rows(store.rankings(stage["id"])), [c["id"] for c in items])

    def protocol(self, rows, L):
        # the share stays a number (a percent cell in the XLSX); `number` writes it «31 %»
        return [L("points"), L("first_places")], [[r["points"], Share(r["first_share"])] for r in rows]

    def standing(self, row):
        return (row["points"], row["first"])

    def shown(self, row, lang):
        return f"{t('points_n', lang, n=row['points'])} · {t('first_places', lang)}: {number(Share(row['first_share']), lang)}"

    def bar(self, row):
        return row["points"]


METHODS: dict[str, Method] = {}
# Every phone action of every method: the server routes `/api/s/CODE/<action>` here.
ACTIONS: dict[str, Method] = {}


def register(m: Method) -> Method:
    """Add a method to the registry: the projector's list, the phones' actions, the protocol."""
    clash = set(m.actions) & {a for other in METHODS.values() if other.name != m.name for a in other.actions}
    if clash:
        raise ValueError(f"actions {sorted(clash)} belong to another method")
    METHODS[m.name] = m
    ACTIONS.update({action: m for action in m.actions})
    for key, pair in m.messages.items():
        MESSAGES.setdefault(key, pair)
    return m


for _m in (Dots(), Matrix(), Pairwise(), Ranking()):
    register(_m)


def method(stage: dict) -> Method:
    """The method a voting stage uses now."""
    try:
        return METHODS[stage["method"]]
    except KeyError:
        raise WorkbenchError("bad_request", detail="method") from None


def prompt_key(method_name: str, vote_on: str = "ideas") -> str:
    """The catalogue key of the question the workbench writes for a voting stage: its method's,
    worded for groups when the stage votes on groups (a method without such a wording keeps its own).

    >>> prompt_key("dots"), prompt_key("dots", "groups"), prompt_key("pairwise", "groups")
    ('method_dots_prompt', 'method_dots_groups_prompt', 'method_pairwise_prompt')
    """
    grouped = f"method_{method_name}_groups_prompt"
    return grouped if vote_on == "groups" and grouped in MESSAGES else f"method_{method_name}_prompt"


def written_prompts(lang: str) -> set[str]:
    """Every question the workbench writes for a voting stage in `lang` (each method's, for ideas
    and for groups, and a new voting stage's)."""
    return ({t(prompt_key(m, on), lang) for m in METHODS for on in ("ideas", "groups")}
            | {t("stage_voting_prompt", lang)})


def asks_its_own(stage: dict) -> bool:
    """Whether a voting stage's question is not one the workbench writes for a method (a stage
    template's, such as the educational module's «Расставьте презентации групп», or the
    facilitator's): then what is ranked is the question's to say, not «идеи».

    >>> asks_its_own({"prompt": "Расставьте идеи по важности"}), asks_its_own({"prompt": "Кто выступил сильнее?"})
    (False, True)
    """
    return not any(stage.get("prompt") in written_prompts(lang) for lang in LANGS)


def follow_prompt(stage: dict, method_name: str | None = None, vote_on: str | None = None) -> dict:
    """The fields that keep a voting stage's question in step with its method and with what it
    votes on (ideas or groups): the phones then say «Отдайте свои голоса лучшим группам» when the
    room votes on groups. A question the workbench wrote becomes the new one, in the language it
    was in (the phones read it; the facilitator's page may be in another language); one the
    facilitator typed stays ({}). A stage template's question counts as the workbench's (it keeps
    its texts in every language until the facilitator types one): a template's dot vote switched
    to the matrix said «Give your dots to the best proposals» above the matrix's scales, on phones
    and on the paper ballot."""
    prompt = stage.get("prompt")
    written = (next((lang for lang in LANGS if prompt in written_prompts(lang)), None)
               or next((lang for lang, text in stage_texts(stage, "prompt").items() if text == prompt), None))
    if written is None:
        return {}
    key = prompt_key(method_name or stage["method"], vote_on or stage["vote_on"])
    return {"prompt": t(key, written), "prompt_texts": texts_json(texts(key))}


def act(store, stage: dict, participant_id: int, action: str, data: dict, settings: dict | None = None) -> dict:
    """A phone's ballot (`action` of `ACTIONS`) on the current stage, with its JSON body
    (`settings`: the workbench's, for the limits a method takes, such as pairwise answers per phone)."""
    m = ACTIONS.get(action)
    if m is None:
        raise NotFound("bad_request", detail=f"no action {action!r}")
    # the body is parsed, then checked
    return m.actions[action](store, stage, participant_id, data, **m.settings_of(settings))


def latest_closed_round(store, session_id: int, before: dict | None = None,
                        vote_on: str | None = None) -> tuple[dict, str] | None:
    """(stage, method) of the session's latest decision round that is over: one with ballots,
    the latest by its first ballot, so a matrix on the dots' top 6 comes after the dots. A
    round still being decided does not count: its stage's current method while its voting is
    open and the stage is on phones (one left open when phones moved on is over).
    `before`: a stage; then only the voting stages above it in the list, on its cards. None
    before any round is over. Reads no results: a phone's poll asks it of a teams stage."""
    listing = store.stages(session_id)
    if before is not None:
        ids = [s["id"] for s in listing]
        above = listing[:ids.index(before["id"])] if before["id"] in ids else []
        listing = [s for s in above if s["target_stage_id"] == before["target_stage_id"]]
    latest, when, on_phones = None, None, None
    for st in listing:
        if st["kind"] != "voting" or st["target_stage_id"] is None or vote_on not in (None, st["vote_on"]):
            continue
        if st["voting_open"] and on_phones is None:
            on_phones = store.current_stage_id(session_id)
        for m in METHODS.values():
            if st["voting_open"] and m.name == st["method"] and st["id"] == on_phones:
                continue
            first = store.first_ballot_at(m.ballots, st["id"])
            if first is not None and (when is None or first >= when):
                latest, when = (st, m.name), first
    return latest


def with_default_source(store, stage: dict, top: int, cards: list[dict] | None = None) -> dict:
    """The stage as it takes its candidates: a teams stage without a source of its own takes
    the top `top` of the latest round over above it (`latest_closed_round`), so after dots and
    then a matrix on the top 6, teams form on the matrix's best (`default_source` True). Any
    other stage, one whose source the facilitator chose, or a teams stage before any round is
    over, as it is. The teams on phones and on the display, the control view and the drafts
    page all take the order from here. Teams form on groups when the ideas are grouped, else on
    ideas (`cards`: the target stage's, read when not given): after a round on the ideas of
    grouped ideas, on their groups in that round's order (`groups_of_ideas` True,
    `groups_by_round`: «Спорт» first when its ideas took the dots)."""
    if stage["kind"] != "teams" or has_source(stage) or stage["target_stage_id"] is None:
        return stage
    if cards is None:
        cards = store.cards(stage["session_id"], stage["target_stage_id"])
    grouped = any(c["is_group"] for c in cards)  # as `teams.options` chooses
    # without groups a round on groups (since dissolved) has nothing left to offer
    found = latest_closed_round(store, stage["session_id"], before=stage, vote_on=None if grouped else "ideas")
    if found is None:
        return stage
    src, name = found
    return {**stage, "source_stage_id": src["id"], "source_method": name, "source_top": top,
            "default_source": True, "groups_of_ideas": grouped and src["vote_on"] == "ideas"}


def rounds(store, stage: dict, cards: list[dict] | None = None) -> list[dict]:
    """Every round of a voting stage, in the order they were held: each method whose ballots the
    stage holds (dots, then a matrix on the same stage: both), and the current method.
    Each round: `method`, `items`, `rows` (results, best first) and `voters` (participant ids)."""
    if cards is None:
        cards = store.cards(stage["session_id"], stage["target_stage_id"]) \
            if stage["target_stage_id"] else []
    held = []
    for m in METHODS.values():
        first = store.first_ballot_at(m.ballots, stage["id"])
        if first is not None or m.name == stage["method"]:
            held.append((first if first is not None else float("inf"), m))
    out = []
    for _, m in sorted(held, key=lambda fm: fm[0]):
        items = m.items(store, stage, cards)
        out.append({"method": m.name, "items": items, "rows": m.results(store, stage, items),
                    "voters": store.voters(m.ballots, stage["id"])})
    return out
