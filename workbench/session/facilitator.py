"""Every action of the facilitator: stages, timers, cards, groups, statements, voting, paper ballots.

The projector's widget callbacks call one function here and then redraw; each function that
writes more than one row does it in one store transaction, so phones never see half of it.
"""

from __future__ import annotations

import time

from workbench.errors import Conflict, Lines, Text, WorkbenchError
from workbench.i18n import LANGS, t
from workbench.session import clock, voting
from workbench.session.model import BUDGET_RANGE, MAX_FIELD, VOTE_ON, accepts_cards
from workbench.session.moderation import PENDING, REJECTED, SHOWN, check_settings
from workbench.session.wall import groups, ideas

MIN_CARDS_TO_GROUP = 3


# --- stages -----------------------------------------------------------------------------------------

def show_stage(store, session_id: int, stage_id: int) -> None:
    """Make a stage the one on participants' phones; the projector's display moves to it too
    (`display.follow_stage`), so the room never sees another stage than the phones after it."""
    from workbench.session import display

    with store.transaction():
        display.follow_stage(store, session_id, stage_id)
        store.set_current_stage(session_id, stage_id)


def start_timer(store, stage_id: int, minutes: int) -> None:
    store.update_stage(stage_id, timer_ends_at=clock.settle(store) + 60 * minutes)


def stop_timer(store, stage_id: int) -> None:
    store.update_stage(stage_id, timer_ends_at=None)


def _voting_stage(store, stage_id: int) -> dict:
    st = store.stage(stage_id)
    if st["kind"] != "voting":
        raise WorkbenchError("bad_request", detail="not a voting stage")
    return st


def method_prompts() -> set[str]:
    """The prompts the workbench writes itself (per method, ideas or groups, and language): a
    prompt among these follows the method; one the facilitator wrote stays."""
    return {prompt for lang in LANGS for prompt in voting.written_prompts(lang)}


def set_method(store, stage_id: int, method: str) -> dict:
    """Switch a voting stage's decision method. Ballots of the earlier method stay: the protocol
    shows each round. A prompt the workbench wrote becomes the new method's (`voting.follow_prompt`);
    one the facilitator wrote stays."""
    if method not in voting.METHODS:
        raise WorkbenchError("bad_request", detail="method")
    with store.transaction():
        st = _voting_stage(store, stage_id)
        if method == st["method"]:
            return st
        # A new round: not opened yet unless voting stays open across the switch, and its results
        # not on phones (the last round's results shown there would sit above the new ballot).
        return store.update_stage(stage_id, method=method, **voting.follow_prompt(st, method_name=method),
                                  voting_opened_at=time.time() if st["voting_open"] else None,
                                  results_visible=False)


def set_vote_on(store, stage_id: int, vote_on: str) -> dict:
    """Vote on ideas or on their groups; a prompt the workbench wrote says which
    («…лучшим группам»)."""
    if vote_on not in VOTE_ON:
        raise WorkbenchError("bad_request", detail="vote_on")
    with store.transaction():
        st = _voting_stage(store, stage_id)
        return store.update_stage(stage_id, vote_on=vote_on, **voting.follow_prompt(st, vote_on=vote_on))


def set_budget(store, stage_id: int, budget) -> dict:
    """Dots per person."""
    lo, hi = BUDGET_RANGE
    if isinstance(budget, bool) or not isinstance(budget, int) or not lo <= budget <= hi:
        raise WorkbenchError("budget_invalid")
    return store.update_stage(stage_id, vote_budget=budget)


def toggle_voting(store, stage_id: int) -> dict:
    """Open voting (or agree/disagree on statements), or close it (`set_voting`)."""
    with store.transaction():
        return set_voting(store, stage_id, not store.stage(stage_id)["voting_open"])


def set_voting(store, stage_id: int, is_open: bool) -> dict:
    """Open voting (or agree/disagree on statements), or close it: what the button the facilitator
    clicked said. A round already so stays so: two tabs of the control view both clicking
    «Закрыть голосование» close it (a toggle closed it and opened it again). The first opening of
    a round is kept (`voting_opened_at`): closed again with no ballots, the round reads as closed,
    not as never opened (`voting.status`). Opening hides the results on phones: shown from a
    closed round, they stood above the ballot (a 360 px phone showed the pairs below 11 rows of
    results) and told people how the room voted before they did; the facilitator shows them again after."""
    with store.transaction():
        st = store.stage(stage_id)
        if bool(st["voting_open"]) == bool(is_open):
            return st
        if not is_open:
            return store.update_stage(stage_id, voting_open=False)
        return store.update_stage(stage_id, voting_open=True, results_visible=False,
                                  voting_opened_at=st.get("voting_opened_at") or time.time())


def toggle_results(store, stage_id: int) -> dict:
    """Show the dot results on phones, or hide them (`set_results`)."""
    with store.transaction():
        return set_results(store, stage_id, not store.stage(stage_id)["results_visible"])


def set_results(store, stage_id: int, visible: bool) -> dict:
    """Show the dot results on phones, or hide them, as the button clicked said (already so: unchanged)."""
    with store.transaction():
        st = store.stage(stage_id)
        if bool(st["results_visible"]) == bool(visible):
            return st
        return store.update_stage(stage_id, results_visible=bool(visible))


# --- cards ------------------------------------------------------------------------------------------

def add_card(store, session_id: int, stage_id: int, text: str) -> dict:
    """A card typed by the facilitator for someone without a phone (marked as such), or a
    statement for the opinion map."""
    with store.transaction():
        stage = store.stage(stage_id, session_id)
        if not accepts_cards(stage) and stage["kind"] != "statements":
            raise WorkbenchError("stage_not_open")
        return store.add_card(session_id, stage_id, text, by_facilitator=True)


def hide(store, card_ids: list[int]) -> None:
    """Take cards off the wall and the phones (a joke, an insult): all at once."""
    if not card_ids:
        raise WorkbenchError("select_one")
    with store.transaction():
        for cid in card_ids:
            store.set_hidden(cid, True)


def edit(store, card_id: int, text: str) -> dict:
    """Correct a card's text (a typo)."""
    return store.edit_card(card_id, text=text)


def merge(store, card_ids: list[int]) -> dict:
    """Merge duplicates: the first card keeps its text, the dots of the others move to it."""
    if len(card_ids) < 2:
        raise WorkbenchError("merge_need_two")
    target, *sources = card_ids
    return store.merge(target, sources)


def duplicates(store, session_id: int, stage_id: int) -> list[list[int]]:
    """Groups of near-duplicate cards of a stage: the same words, or (with the `meaning` extra)
    the same idea in other words. The card to keep comes first in each: the one with the fewest
    words the dictionary does not know (a typo: «Пракат лодок» gives way to «Прокат лодок»),
    the oldest of those."""
    from workbench.clustering import near_duplicate_groups
    from workbench.session.embedding import card_vectors
    from workbench.words import misspellings

    cards = sorted(ideas(store.cards(session_id, stage_id)), key=lambda c: (c["created_at"], c["id"]))
    found = near_duplicate_groups([c["text"] for c in cards], vectors=card_vectors(store, cards),
                                  places=known_places(store, session_id))
    return [[cards[i]["id"] for i in sorted(g, key=lambda i: (misspellings(cards[i]["text"]), i))]
            for g in found]


def known_places(store, session_id: int) -> list[str]:
    """The territories people gave when they joined: a card naming one, even in lower case
    («в саунино»), is about that place."""
    return sorted({p["territory"] for p in store.participants(session_id) if p.get("territory")})


def merge_duplicates(store, groups: list[list[int]]) -> None:
    """Merge each group of duplicates into its first card (`duplicates`: the best spelled, the
    oldest of those), all in one transaction."""
    with store.transaction():
        for first, *rest in groups:
            if rest:
                store.merge(first, rest)


# --- moderation -------------------------------------------------------------------------------------

def set_moderation(store, session_id: int, mode: str, approval: bool) -> None:
    """The obscenity filter's action on phones' cards (off, mask, hold) and the approval queue
    (every card from a phone waits). Cards already waiting keep waiting until decided."""
    store.set_moderation(session_id, *check_settings(mode, approval))


def waiting(store, session_id: int) -> list[dict]:
    """Cards from phones that wait for the facilitator (held by the filter or the approval
    queue), oldest first."""
    return sorted(store.cards(session_id, status=PENDING), key=lambda c: (c["created_at"], c["id"]))


def approve(store, session_id: int, card_ids: list[int]) -> int:
    """Put waiting cards on the wall and the phones, all at once; how many were approved."""
    return _decide(store, session_id, card_ids, SHOWN)


def reject(store, session_id: int, card_ids: list[int]) -> int:
    """Turn waiting cards down: they never reach the wall, the phones or the protocol."""
    return _decide(store, session_id, card_ids, REJECTED)


def _decide(store, session_id: int, card_ids: list[int], status: str) -> int:
    if not card_ids:
        raise WorkbenchError("select_one")
    with store.transaction():
        waiting_ids = {c["id"] for c in store.cards(session_id, status=PENDING)}
        return store.set_card_status(session_id, [c for c in card_ids if c in waiting_ids], status)


# --- groups -----------------------------------------------------------------------------------------

def suggest_groups(store, session_id: int, stage_id: int, k: int | None = None) -> list[tuple[str, list[int]]]:
    """A proposal of groups with readable names: [(name, card ids)]; `k` groups (held between 2
    and the number of cards), or as many as the cards suggest. Nothing is written."""
    from workbench.clustering import cluster_texts

    cards = ideas(store.cards(session_id, stage_id))
    if len(cards) < MIN_CARDS_TO_GROUP:
        raise WorkbenchError("need_cards")
    from workbench.session.embedding import grouping_vectors

    if k is not None:
        k = max(2, min(int(k), len(cards)))
    vectors = grouping_vectors(store, cards)  # stored ones; only cards not embedded yet cost time
    result = cluster_texts([c["text"] for c in cards], k=k, seed=0, vectors=vectors)
    found: dict[int, list[int]] = {}
    for card, label in zip(cards, result.labels, strict=True):
        found.setdefault(label, []).append(card["id"])
    return [(group_name(result.names.get(label, "…")), ids) for label, ids in sorted(found.items())]


def group_name(name: str) -> str:
    """A proposed group's name as a group can hold it: a name made of one long card (a word of
    200 letters) is cut at `MAX_FIELD` with "…", or accepting the proposal would be refused.

    >>> group_name("Дороги"), len(group_name("Б" * 300)), group_name("Б" * 300)[-1]
    ('Дороги', 120, '…')
    """
    return name if len(name) <= MAX_FIELD else name[:MAX_FIELD - 1].rstrip() + "…"


def regroup_plan(store, stage_id: int, proposal: list[tuple[str, list[int]]]) -> dict:
    """What accepting a proposal does to the stage's groups: `keep`, for each proposed group, the
    group of the stage holding the same cards (it stays, with its name, dots and team) or None;
    `lost`, the groups that would go; `voters` and `team_members`, how many people cast a ballot
    naming a lost group or signed up for a team on one (their votes and teams would be lost);
    `drafts`, how many project drafts were made from a lost group (they stay, text and all);
    `shortlists`, the stages whose candidates are chosen groups (`voting.GROUPS_SOURCE`) naming a
    lost group (it leaves their choice)."""
    st = store.stage(stage_id)
    cards = store.cards(st["session_id"], stage_id)
    now: dict[int, frozenset] = {g["id"]: frozenset() for g in groups(cards)}
    for c in ideas(cards):
        if c["group_id"] in now:
            now[c["group_id"]] = now[c["group_id"]] | {c["id"]}
    by_members = {members: gid for gid, members in now.items() if members}
    keep: list[int | None] = []
    for _, members in proposal:
        gid = by_members.pop(frozenset(members), None)  # one proposed group keeps one old group
        keep.append(gid)
    lost = [gid for gid in now if gid not in keep]
    voters, teamed = store.people_on(lost)
    gone = set(lost)
    drafts = sum(1 for d in store.drafts(st["session_id"]) if d["card_id"] in gone) if gone else 0
    shortlists = [s["id"] for s in store.stages(st["session_id"])
                  if gone and s.get("source_method") == voting.GROUPS_SOURCE
                  and gone & set(store.shortlist_groups(s["id"]))]
    return {"keep": keep, "lost": lost, "voters": len(voters), "team_members": len(teamed),
            "drafts": drafts, "shortlists": shortlists}


def regroup_warning(plan: dict) -> Text | None:
    """What the control view says before new groups replace groups people voted on or formed
    teams on, groups a project draft was made from or groups chosen as a stage's candidates
    (`regroup_plan`); None when nothing would be lost.

    >>> regroup_warning({"voters": 15, "team_members": 9, "drafts": 0, "shortlists": []}).message()[:62]
    'По группам уже голосовали 15 человек, в командах 9 человек: но'
    >>> print(regroup_warning({"voters": 0, "team_members": 0, "drafts": 2, "shortlists": [7]}).message())
    Новые группы заменят прежние (группа с теми же карточками останется — с названием и голосами). \
У уходящих групп есть проекты (2): они останутся в списке «Проекты» со всем текстом. Уходящие группы \
выбраны кандидатами на 1 этапе («идеи выбранных групп»): они уйдут из этого выбора, а этап, где групп \
не останется, вернётся к кандидатам по умолчанию. Принять новые группы всё равно?
    >>> regroup_warning({"voters": 0, "team_members": 0, "drafts": 0, "shortlists": []}) is None
    True
    """
    voters, teamed = plan["voters"], plan["team_members"]
    drafts, shortlists = plan.get("drafts", 0), len(plan.get("shortlists", ()))
    if voters and teamed:
        what = Text("regroup_wipes", who=Text("regroup_voted_teamed", n=voters, m=teamed))
    elif voters or teamed:
        what = Text("regroup_wipes", who=Text("regroup_voted", n=voters) if voters else Text("regroup_teamed", n=teamed))
    elif drafts or shortlists:
        what = Text("regroup_replaces")
    else:
        return None
    said = [what]
    if drafts:
        said.append(Text("regroup_drafts", n=drafts))
    if shortlists:
        said.append(Text("regroup_shortlists", n=shortlists))
    return Text("regroup_loses", what=Lines(said, " "))


def accept_groups(store, stage_id: int, proposal: list[tuple[str, list[int]]], force: bool = False) -> list[int]:
    """Put a proposal on the wall and the phones (replacing the stage's groups). Refused, with
    nothing changed, when a proposed card is not an idea on that stage any more (a proposal
    made for another stage, or cards merged or removed since).

    A proposed group holding the same cards as a group already there is that group: its id,
    name (a rename) and dots stay. When other groups would go and people voted on them or
    formed teams on them, a project draft was made from one or a stage's candidates are chosen
    groups naming one, it is refused (`regroup_loses`, saying how many and what happens) unless
    `force`. Then a draft made from a group that goes stays as it is, text and all (in the
    drafts' list; the new group offers «Создать проект» of its own), and the group leaves the
    stages' choices of candidates: a stage left with none takes the default candidates again,
    as when the facilitator clears the choice (`stages.set_group_source`)."""
    with store.transaction():
        st = store.stage(stage_id)
        on_stage = {c["id"] for c in ideas(store.cards(st["session_id"], stage_id))}
        if any(cid not in on_stage for _, members in proposal for cid in members):
            raise WorkbenchError("proposal_stale")
        plan = regroup_plan(store, stage_id, proposal)
        warning = regroup_warning(plan)
        if warning is not None and not force:
            raise Conflict(warning.key, **warning.params)
        ids = store.set_groups(stage_id, proposal, keep=plan["keep"])
        gone = set(plan["lost"])
        for other in plan["shortlists"]:
            left = [g for g in store.shortlist_groups(other) if g not in gone]
            store.set_shortlist_groups(other, left)
            if not left:
                store.update_stage(other, source_method="", source_stage_id=None, source_top=None)
        return ids


def move_to_group(store, card_ids: list[int], group_id: int | None) -> None:
    """Move cards into a group (None: out of every group)."""
    if not card_ids:
        raise WorkbenchError("select_one")
    store.move_to_group(card_ids, group_id)


def new_group(store, stage_id: int, name: str, card_ids: list[int]) -> int:
    """Split the selected cards off into a new group."""
    if not card_ids:
        raise WorkbenchError("select_one")
    return store.add_group(stage_id, name, card_ids)


def place_new(store, session_id: int, stage_id: int) -> int:
    """Put the cards that came in after grouping into the group each fits best (by meaning with
    the `meaning` extra, else by words); the count placed."""
    from workbench.clustering import assign_to_groups
    from workbench.session.embedding import card_vectors

    card_vectors(store, ideas(store.cards(session_id, stage_id)))  # embed outside the write lock
    with store.transaction():
        cards = store.cards(session_id, stage_id)
        members: dict[int, list[dict]] = {}
        for c in ideas(cards):
            if c["group_id"]:
                members.setdefault(c["group_id"], []).append(c)
        grouped = {g: [c["text"] for c in cs] for g, cs in members.items()}
        loose = [c for c in ideas(cards) if not c["group_id"]]
        if not loose or not grouped:
            return 0
        new_vectors = card_vectors(store, loose)  # None without the `meaning` extra
        grouped_vectors = (None if new_vectors is None
                           else {g: card_vectors(store, cs) for g, cs in members.items()})
        found = assign_to_groups([c["text"] for c in loose], grouped, new_vectors=new_vectors,
                                 grouped_vectors=grouped_vectors)
        placed = 0
        for card, gid in zip(loose, found, strict=True):
            if gid is not None:
                store.move_to_group([card["id"]], gid)
                placed += 1
    return placed


# --- statements and paper ballots ---------------------------------------------------------------------

def to_statements(store, session_id: int, card_ids: list[int]) -> int:
    """Copy cards into the session's statements stage (made when missing); the count copied."""
    if not card_ids:
        raise WorkbenchError("select_one")
    with store.transaction():
        target = next((s for s in store.stages(session_id) if s["kind"] == "statements"), None)
        target_id = target["id"] if target else store.add_stage(session_id, "statements")
        return len(store.copy_to_stage(card_ids, target_id))


def paper_ballot(store, session_id: int, lang: str = "ru", request_id: str | None = None) -> dict:
    """A participant for a ballot collected on paper (marked as such), named "Paper ballot N".
    `request_id`: the same request sent again (its answer was lost) gets the ballot the first
    copy made, not another."""
    with store.transaction():
        if request_id:
            store.lock_session(session_id)  # two copies arriving at once: one ballot
            made = store.participant_by_request(session_id, request_id)
            if made is not None:
                return made
        n = sum(1 for p in store.participants(session_id) if p.get("on_paper")) + 1
        return store.join(session_id, on_paper=True, request_id=request_id, name=t("paper_ballot_n", lang, n=n))


# --- a phone whose battery died ---------------------------------------------------------------------

MOVE_FRAGMENT = "#as="  # the phone page takes the token from here: browsers never send a fragment


def phone_people(store, session_id: int, lang: str = "ru") -> list[tuple[str, int]]:
    """The people who joined on a phone, for «Телефон сел»: a label a facilitator finds someone
    by (the name as the team boards write it, with the organisation, and when they joined; people
    who gave no name are «Участник без имени № N» in the order they joined, told apart) and the
    participant's id, by name. Paper ballots are not people: they have their own page.

    >>> from workbench.store import Store
    >>> store = Store.open_url("sqlite://")
    >>> sid = store.session(store.create_session("Демо"))["id"]
    >>> _ = store.join(sid, name="Вера Петрова", organisation="ТОС «Лядины»")
    >>> _ = store.join(sid, on_paper=True, name="Бумажный бюллетень 1")
    >>> _ = store.join(sid, name="")
    >>> _ = store.join(sid, name="", organisation="Школа")
    >>> [label.split(" · ")[0] for label, _id in phone_people(store, sid)]
    ['Вера Петрова (ТОС «Лядины»)', 'Участник без имени № 1', 'Участник без имени № 2 (Школа)']
    """
    from workbench.session.model import member_label, people
    from workbench.session.registration import clock

    everyone = people(store.participants(session_id))
    # people without a name are numbered in the order they joined: two who joined in the same
    # minute would otherwise read alike, and a facilitator could not tell which one to pick
    nameless = {p["id"]: n for n, p in enumerate(sorted((p for p in everyone if not (p["name"] or "").strip()),
                                                       key=lambda p: (p["created_at"], p["id"])), 1)}

    def label(p: dict) -> str:
        if p["id"] not in nameless:
            return member_label(p, lang)
        org = (p.get("organisation") or "").strip()
        return t("another_phone_nameless", lang, n=nameless[p["id"]]) + (f" ({org})" if org else "")

    rows = sorted(everyone, key=lambda p: (p["id"] in nameless, (p["name"] or "").casefold(),
                                           nameless.get(p["id"], 0), p["id"]))
    return [(t("another_phone_choice", lang, person=label(p), at=clock(p["created_at"])), p["id"]) for p in rows]


def another_phone(store, session_id: int, participant_id: int, lang: str = "ru") -> dict:
    """A participant's phone went dark (its battery, a crack): the link that opens their page on
    a borrowed phone as them, with their cards, dots, ratings and team, so they neither join again
    (a second person in the count, a second budget of dots) nor lose what they did. The link
    holds the participant's token in its fragment (`MOVE_FRAGMENT`): the borrowed phone keeps its
    own identity for its own tab, and the link is shown only on the facilitator's laptop.
    Returns `{"name", "fragment", "opened"}` (`opened`: the mark `borrowed_phone_came` compares
    with); a paper ballot or another session's participant is refused.

    >>> from workbench.store import Store
    >>> store = Store.open_url("sqlite://")
    >>> sid = store.session(store.create_session("Демо"))["id"]
    >>> p = store.join(sid, name="Вера Петрова")
    >>> another_phone(store, sid, p["id"])["fragment"] == "#as=" + p["token"]
    True
    """
    p = store.participant(participant_id)
    if p["session_id"] != session_id or p.get("on_paper"):
        raise WorkbenchError("another_phone_unknown")
    from workbench.session.model import person_name

    return {"name": person_name(p, lang), "fragment": MOVE_FRAGMENT + p["token"], "opened": p.get("borrowed_at")}


BORROWED_QR_SECONDS = 180  # the longest a QR code carrying someone's token stays on the control view


def borrowed_phone_came(store, participant_id: int, opened) -> bool:
    """Whether a phone opened this participant's page from `another_phone`'s link since it gave
    `opened`: the control view (on the projector, maybe) then takes the QR code down, since it
    lets anyone who scans it act as that person. The phone's join says so (`phone.join`'s
    `borrowed`); no clock is compared, so a server and a laptop that disagree on the time agree here.

    >>> from workbench.store import Store
    >>> store = Store.open_url("sqlite://")
    >>> sid = store.session(store.create_session("Демо"))["id"]
    >>> p = store.join(sid, name="Вера Петрова")
    >>> link = another_phone(store, sid, p["id"])
    >>> borrowed_phone_came(store, p["id"], link["opened"])
    False
    >>> store.note_borrowed_phone(p["id"]); borrowed_phone_came(store, p["id"], link["opened"])
    True
    """
    now = store.participant(participant_id).get("borrowed_at")
    return now is not None and now != opened


def person_without_phone(store, session_id: int, name: str, organisation: str = "") -> dict:
    """Someone in the room without a phone, whom an assistant acts for: a participant (counted in
    **Участников** as one person, not a paper ballot) with a name and an organisation, whose page
    (`another_phone`) the assistant opens on the laptop: their cards are theirs, not
    «записал ведущий», their dots one budget, their team sign-up under their name. The same name
    and organisation typed again (a second click, a second assistant) is the same person.

    >>> from workbench.store import Store
    >>> store = Store.open_url("sqlite://")
    >>> sid = store.session(store.create_session("Демо"))["id"]
    >>> vera = person_without_phone(store, sid, " Вера Петрова ", "ТОС «Лядины»")
    >>> person_without_phone(store, sid, "петрова вера", "тос «лядины»")["id"] == vera["id"]
    True
    >>> person_without_phone(store, sid, "  ")
    Traceback (most recent call last):
    workbench.errors.WorkbenchError: phoneless_name_needed
    """
    from workbench.session.model import people
    from workbench.session.registration import name_words

    if not (name or "").strip():
        raise WorkbenchError("phoneless_name_needed")
    words, org = name_words(name), (organisation or "").strip().casefold()
    with store.transaction():
        store.lock_session(session_id)  # two clicks at once: one person
        for p in people(store.participants(session_id)):
            if name_words(p["name"]) == words and p["organisation"].strip().casefold() == org:
                return p
        return store.join(session_id, name=name.strip(), organisation=(organisation or "").strip())
