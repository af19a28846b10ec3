"""Editing a session's stage list during the session: add, remove, rename, re-prompt, reorder,
and where a voting or teams stage takes its candidates (the top N of an earlier round, or the
ideas of chosen groups).

The projector's stage editor and the CLI call one function here; each runs in one store
transaction. Phones read the stage list on every poll, so they see a new title or question
within their poll interval.

>>> from workbench.store import Store
>>> s = Store.open_url("sqlite://")
>>> sid = s.session(s.create_session("Демо"))["id"]
>>> dots = [st for st in s.stages(sid) if st["kind"] == "voting"][0]
>>> matrix = add(s, sid, "voting", after_stage_id=dots["id"])
>>> matrix["source_stage_id"] == dots["id"], matrix["source_top"]
(True, 6)
>>> set_method_of(s, matrix["id"], "matrix")["method"]
'matrix'
"""

from __future__ import annotations

from workbench.errors import WorkbenchError
from workbench.i18n import t, texts
from workbench.session import voting
from workbench.session.model import (
    CARD_KINDS,
    MAX_FIELD,
    MAX_TEXT,
    STAGE_KINDS,
    TARGETING_KINDS,
    clean_text,
    texts_json,
    typed_text,
)

MAX_TOP = 50  # candidates taken from an earlier round


def _session_stage(store, stage_id: int) -> dict:
    st = store.stage(stage_id)
    if st.get("removed"):
        raise WorkbenchError("stage_unknown", status=404)
    return st


def distinct_title(title: str, taken) -> str:
    """`title`, or with the first free number after it when another stage has it already: two
    stage buttons reading the same are two stages the facilitator cannot tell apart.

    >>> distinct_title("Голосование", ["Проблемы", "Голосование", "Голосование 2"])
    'Голосование 3'
    >>> distinct_title("Матрица", ["Голосование"])
    'Матрица'
    """
    names = {_same(x) for x in taken}
    if _same(title) not in names:
        return title
    n = 2
    while _same(f"{title} {n}") in names:
        n += 1
    return f"{title} {n}"


def _same(title: str) -> str:
    return " ".join(title.split()).casefold()


def _check_unique(title: str, others: list[dict]) -> None:
    if any(_same(s["title"]) == _same(title) for s in others):
        raise WorkbenchError("stage_title_taken", title=title)


def add(store, session_id: int, kind: str, title: str = "", after_stage_id: int | None = None,
        lang: str = "ru") -> dict:
    """Add a stage after another (default: at the end). A voting stage added after a voting
    stage takes its candidates from that stage's round (the top 6), so "dots, then a matrix on
    the top 6" is one click; a teams stage, on the same cards, takes the top 8 of the latest
    round over above it (`voting.with_default_source`); `set_source` changes either. Without a title it
    is named after its kind, numbered when a stage has that name ("Голосование 2"); a title
    another stage has is refused."""
    if kind not in STAGE_KINDS:
        raise WorkbenchError("stage_kind_unknown", kind=str(kind)[:30])
    # a title that shows nothing (spaces, a zero-width space) is no title: the kind's name
    given = clean_text(title, MAX_FIELD) if title and typed_text(str(title)) else ""
    with store.transaction():
        existing = store.stages(session_id)
        if given:
            _check_unique(given, existing)
        default = t(f"stage_{kind}", lang)
        title = given or distinct_title(default, [s["title"] for s in existing])
        after = next((s for s in existing if s["id"] == after_stage_id), None)
        if after_stage_id is not None and after is None:
            raise WorkbenchError("stage_unknown", status=404)
        index = existing.index(after) + 1 if after else len(existing)
        store.set_stage_order(session_id, [s["id"] for s in existing])  # positions 0..n-1
        stage_id = store.add_stage(session_id, kind, title=title,
                                   after_position=index - 1 if existing else None)
        fields = {"prompt": t(f"stage_{kind}_prompt", lang),
                  "prompt_texts": texts_json(texts(f"stage_{kind}_prompt"))}
        if not given or given == default:  # the default, not typed: in every language, numbered alike
            number = title[len(default):]  # "" or " 2"
            fields["title_texts"] = texts_json({k: v + number for k, v in texts(f"stage_{kind}").items()})
        earlier_votes = [s for s in existing[:index] if s["kind"] == "voting"]
        if kind == "voting" and earlier_votes:
            src = earlier_votes[-1]
            fields.update(source_stage_id=src["id"], target_stage_id=src["target_stage_id"],
                          source_top=voting.DEFAULT_TOP, vote_on=src["vote_on"])
            fields.update(voting.follow_prompt(dict(store.stage(stage_id), **fields)))
        elif kind == "teams" and earlier_votes:  # no source of its own: the latest round over
            fields["target_stage_id"] = earlier_votes[-1]["target_stage_id"]
        return store.update_stage(stage_id, **fields)


def remove(store, stage_id: int, force: bool = False) -> dict:
    """Take a stage off the list. A stage that holds cards or ballots is refused unless `force`;
    then it is marked removed and its rows stay in the store (the data export has them): nothing
    is lost. When it was the stage on phones, the one before it (or after) takes its place. A
    voting or teams stage that worked on its cards turns to the card stage before it, if any
    (`retargeted`: [{"title", "target"}], target None when there is none: the facilitator picks
    one, `set_target`).

    >>> from workbench.store import Store
    >>> s = Store.open_url("sqlite://")
    >>> sid = s.session(s.create_session("Демо"))["id"]
    >>> ideas = [st for st in s.stages(sid) if st["kind"] == "ideas"][0]
    >>> [(r["title"], r["target"]) for r in remove(s, ideas["id"])["retargeted"]]
    [('Голосование', 'Образ будущего'), ('Команды', 'Образ будущего')]
    """
    with store.transaction():
        st = _session_stage(store, stage_id)
        listing = store.stages(st["session_id"])
        if len(listing) <= 1:
            raise WorkbenchError("stage_last")
        held = store.stage_holdings(stage_id)
        if held and not force:
            raise WorkbenchError("stage_holds_data", status=409, title=st["title"], n=sum(held.values()))
        was_current = store.current_stage_id(st["session_id"]) == stage_id
        store.remove_stage(stage_id, keep_rows=bool(held))
        if was_current:
            i = [s["id"] for s in listing].index(stage_id)
            store.set_current_stage(st["session_id"], listing[i - 1 if i else 1]["id"])
        retargeted = _retarget(store, [s for s in listing if s["id"] != stage_id], stage_id)
        return {"title": st["title"], "kept": held, "retargeted": retargeted}


def _retarget(store, listing: list[dict], gone: int) -> list[dict]:
    """The voting and teams stages that worked on the cards of the removed stage `gone`, turned
    to the card stage before each (the nearest); their candidates from that stage's groups or
    from a round on other cards go back to the default."""
    out = []
    for i, s in enumerate(listing):
        if s["kind"] not in TARGETING_KINDS or s["target_stage_id"] != gone:
            continue
        before = [c for c in listing[:i] if c["kind"] in CARD_KINDS]
        target = before[-1] if before else None
        _point_at(store, s, target["id"] if target else None)
        out.append({"id": s["id"], "title": s["title"], "target": target["title"] if target else None})
    return out


def _point_at(store, stage: dict, target_id: int | None) -> dict:
    """`stage` works on the cards of `target_id`; a source that no longer fits (chosen groups of
    the old cards, a round on other cards) is dropped."""
    fields = {"target_stage_id": target_id}
    if stage.get("source_method") == voting.GROUPS_SOURCE:
        fields.update(source_method="", source_stage_id=None, source_top=None)
    elif stage.get("source_stage_id"):
        src = store.stage(stage["source_stage_id"])
        if src.get("removed") or src["target_stage_id"] != target_id:
            fields.update(source_method="", source_stage_id=None, source_top=None)
    store.set_shortlist_groups(stage["id"], [])
    return store.update_stage(stage["id"], **fields)


def card_stages(listing: list[dict]) -> list[dict]:
    """The stages whose cards a voting or teams stage can work on (`set_target`), in order.

    >>> [s["id"] for s in card_stages([{"id": 1, "kind": "problems"}, {"id": 2, "kind": "voting"},
    ...                                {"id": 3, "kind": "ideas"}])]
    [1, 3]
    """
    return [s for s in listing if s["kind"] in CARD_KINDS]


def set_target(store, stage_id: int, target_stage_id: int) -> dict:
    """The card stage a voting stage votes on (or a teams stage forms teams on). Refused once the
    stage holds ballots or team members (they are about the old cards: add a stage for the new
    ones); a source of candidates that no longer fits goes back to the default."""
    with store.transaction():
        st = _session_stage(store, stage_id)
        if st["kind"] not in TARGETING_KINDS:
            raise WorkbenchError("target_only_voting")
        target = store.stage(target_stage_id) if isinstance(target_stage_id, int) else None
        if (target is None or target["session_id"] != st["session_id"] or target.get("removed")
                or target["kind"] not in CARD_KINDS):
            raise WorkbenchError("target_invalid")
        if target["id"] == st["target_stage_id"]:
            return st
        held = store.stage_holdings(stage_id)
        if held:
            raise WorkbenchError("target_has_ballots", status=409, title=st["title"], n=sum(held.values()))
        return _point_at(store, st, target["id"])


def rename(store, stage_id: int, title: str) -> dict:
    """A stage's new title (the projector's switcher, the phones, the protocol), as typed in
    every language; one another stage of the session has is refused (two identical stage buttons)."""
    title = clean_text(title, MAX_FIELD)
    with store.transaction():
        st = _session_stage(store, stage_id)
        _check_unique(title, [s for s in store.stages(st["session_id"]) if s["id"] != stage_id])
        return store.update_stage(stage_id, title=title, title_texts="")


def set_prompt(store, stage_id: int, prompt: str) -> dict:
    """The question phones show on this stage, as typed in every language."""
    prompt = clean_text(prompt, MAX_TEXT)
    with store.transaction():
        _session_stage(store, stage_id)
        return store.update_stage(stage_id, prompt=prompt, prompt_texts="")


def move(store, stage_id: int, delta: int) -> list[dict]:
    """Move a stage earlier (delta < 0) or later in the list; the new list."""
    with store.transaction():
        st = _session_stage(store, stage_id)
        ids = [s["id"] for s in store.stages(st["session_id"])]
        i = ids.index(stage_id)
        j = max(0, min(len(ids) - 1, i + delta))
        ids.insert(j, ids.pop(i))
        store.set_stage_order(st["session_id"], ids)
        return store.stages(st["session_id"])


def set_method_of(store, stage_id: int, method: str) -> dict:
    """The decision method of a voting stage (as the projector's method switch)."""
    from workbench.session.facilitator import set_method

    return set_method(store, stage_id, method)


def _candidate_stage(store, stage_id: int) -> dict:
    st = _session_stage(store, stage_id)
    if st["kind"] not in ("voting", "teams"):
        raise WorkbenchError("source_only_voting")
    return st


def set_source(store, stage_id: int, source_stage_id: int | None, top: int | None = None,
               method: str = "") -> dict:
    """Take a voting or teams stage's candidates from the top `top` (default 6) of an earlier
    voting stage's round (`method`: which of its rounds, default its current method); None: back
    to the default (every idea, or the most dotted). The stage then works on the same cards, ideas
    or groups, as its source."""
    if top is not None and (isinstance(top, bool) or not isinstance(top, int) or not 1 <= top <= MAX_TOP):
        raise WorkbenchError("source_top_invalid", max=MAX_TOP)
    if method and method not in voting.METHODS:
        raise WorkbenchError("bad_request", detail="method")
    with store.transaction():
        st = _candidate_stage(store, stage_id)
        store.set_shortlist_groups(stage_id, [])
        if source_stage_id is None:
            return store.update_stage(stage_id, source_stage_id=None, source_method="", source_top=None)
        src = store.stage(source_stage_id)
        if (src["session_id"] != st["session_id"] or src["kind"] != "voting" or src.get("removed")
                or src["id"] == stage_id):
            raise WorkbenchError("source_invalid")
        seen, cur = {stage_id}, src
        while cur and cur.get("source_stage_id"):  # refuse A -> B -> A
            if cur["source_stage_id"] in seen:
                raise WorkbenchError("source_loop")
            seen.add(cur["id"])
            cur = store.stage(cur["source_stage_id"])
        fields = {"source_stage_id": src["id"], "source_method": method, "source_top": top or voting.DEFAULT_TOP,
                  "target_stage_id": src["target_stage_id"]}
        if st["kind"] == "voting":
            fields["vote_on"] = src["vote_on"]
            fields.update(voting.follow_prompt(dict(st, **fields)))
        return store.update_stage(stage_id, **fields)


def set_group_source(store, stage_id: int, group_ids: list[int]) -> dict:
    """Ask about the ideas of the chosen groups (of the stage's target stage); [] clears it."""
    with store.transaction():
        st = _candidate_stage(store, stage_id)
        if not group_ids:
            store.set_shortlist_groups(stage_id, [])
            return store.update_stage(stage_id, source_method="", source_stage_id=None, source_top=None)
        if st["target_stage_id"] is None or not set(group_ids) <= store.group_ids(
                st["session_id"], st["target_stage_id"]):
            raise WorkbenchError("source_groups_invalid")
        store.set_shortlist_groups(stage_id, list(dict.fromkeys(group_ids)))
        return store.update_stage(stage_id, source_method=voting.GROUPS_SOURCE, source_stage_id=None,
                                  source_top=None)


def describe_target(stage: dict, by_id: dict[int, dict], lang: str = "ru") -> str:
    """What a voting stage votes on, as the facilitator's status line says it: the ideas of its
    target stage («Голосуем за: Проектные идеи») or their groups («Голосуем за: группы этапа
    «Проектные идеи»»).

    >>> describe_target({"target_stage_id": 2, "vote_on": "groups"}, {2: {"title": "Идеи"}})
    'Голосуем за: группы этапа «Идеи»'
    """
    target = by_id.get(stage.get("target_stage_id"))
    if target is None:  # its card stage was removed: where to choose another
        return t("voting_on_nothing", lang)
    title = target["title"]
    return t("voting_on_groups" if stage.get("vote_on") == "groups" else "voting_on", lang, stage=title)


def describe_candidates(store, stage: dict, by_id: dict[int, dict], lang: str = "ru",
                        cards: list[dict] | None = None) -> str:
    """`voting.describe_source`, and when the cut that took the candidates fell inside a tie
    (`voting.cut_splits_tie`: equal figures on both sides of the best N), that the earlier cards
    went through: the control view and the protocol say it beside the candidates. `cards`: the
    target stage's, read when not given."""
    line = voting.describe_source(stage, by_id, lang)
    if not voting.cut_splits_tie(store, stage, cards):
        return line
    return f"{line}; {t('source_tie_by_age', lang)}" if line else t("shortlist_tie_by_age", lang)
