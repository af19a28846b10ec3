"""Teams: which ideas (or groups) people can sign up for, and the rules of signing up."""

from __future__ import annotations

from workbench.errors import Conflict, NotFound, WorkbenchError
from workbench.i18n import t
from workbench.session import voting
from workbench.session.model import person_name
from workbench.session.wall import groups
from workbench.util import isolate

TEAM_OPTIONS = 8  # ideas (or groups) people can sign up for in a teams stage, most voted first


def options(store, stage: dict, participant_id: int | None = None, top: int = TEAM_OPTIONS,
            cards: list[dict] | None = None) -> list[dict]:
    """What people can sign up for in a teams stage, with the team forming on each: the top `top`
    of the round the facilitator chose (`stages.set_source`), else of the latest decision round
    over above the stage (`voting.with_default_source`: the matrix after the dots; the groups in
    the order of a vote on their ideas); before any round is over, the groups of the ideas stage
    when there are groups, else the ideas, the most dotted first (a group counts the dots on its
    ideas). Then any team that has formed on an idea no longer among them.
    `cards`: the target stage's cards, when the caller has read them already."""
    if stage["target_stage_id"] is None:
        return []
    if cards is None:
        cards = store.cards(stage["session_id"], stage["target_stage_id"])
    totals = voting.dot_totals(store, stage)
    for c in cards:  # a group counts the dots on its ideas too («Спорт»: 18 on its two ideas)
        if c["group_id"] and not c["is_group"]:
            totals[c["group_id"]] += totals[c["id"]]
    # the shortlist of an earlier round, in its order: the one chosen, else the latest round over
    chosen = voting.source_items(store, voting.with_default_source(store, stage, top, cards), cards)
    if chosen is not None:
        choices = chosen[:top]
    else:
        choices = sorted(groups(cards) or cards, key=lambda c: (-totals[c["id"]], c["id"]))[:top]
    teams = {tm["card"]["id"]: tm for tm in store.teams(stage["id"])}
    # a team that has formed stays, after the shortlist, when its idea left it (a later round,
    # another source chosen): its people still see it on their phones and on the board
    shown = {c["id"] for c in choices}
    by_id = {c["id"]: c for c in cards}
    choices = list(choices) + [by_id[i] for i in teams
                               if i not in shown and i in by_id and not by_id[i]["hidden"]]
    out = []
    for c in choices:
        tm = teams.get(c["id"], {"members": [], "leader": None})
        mine = next((m for m in tm["members"] if m["participant_id"] == participant_id), None)
        out.append({"id": c["id"], "text": c["text"], "votes": totals[c["id"]],
                    "members": [{"name": m["name"], "organisation": m["organisation"],
                                 "leader": m["leader"]} for m in tm["members"]],
                    "has_leader": tm["leader"] is not None,
                    "mine": mine is not None, "i_lead": bool(mine and mine["leader"])})
    return out


def cut_splits_tie(store, stage: dict, cards: list[dict] | None = None, top: int = TEAM_OPTIONS) -> bool:
    """Whether the best N the teams form on (`options`: the round chosen, else the latest over)
    were cut inside a tie: the idea just past the cut has the same standing as the last one in,
    and is left out for being newer (`voting.cut_splits_tie`)."""
    source = voting.with_default_source(store, stage, top, cards)
    if not source.get("source_stage_id"):
        return False
    return voting.cut_splits_tie(store, {**source, "source_top": min(source.get("source_top") or voting.DEFAULT_TOP, top)},
                                 cards)


def source_line(store, stage: dict, by_id: dict[int, dict], lang: str = "ru", cards: list[dict] | None = None,
                offered: int | None = None) -> str:
    """The line above the teams, on the control view and the display: which round's best they
    form on (the one chosen, else the latest vote over: «лучшие 6 из «Матрица»», not 8 of 6 when
    `offered` are fewer), and, when that cut fell inside a tie, that the earlier ideas went
    through, as a best-N round says it. "" when they form on no round in particular."""
    source = voting.with_default_source(store, stage, TEAM_OPTIONS, cards)
    if source.get("default_source") and offered:
        source = {**source, "source_top": min(source["source_top"], offered)}
    line = voting.describe_source(source, by_id, lang)
    if line and cut_splits_tie(store, stage, cards):
        line = f"{line}; {t('source_tie_by_age', lang)}"
    return line[:1].upper() + line[1:]


def formed(store, stage: dict) -> list[dict]:
    """The teams formed on a teams stage (`Store.teams`: people signed up) in the order the
    display's «Команды», the control view and phones list them (`options`). Only the teams they
    show: a team on a card no longer on the wall (a group replaced by «Принять группы», which
    says it wipes the teams on the groups that go; an idea hidden or merged away) is not a
    team any more, though its sign-ups stay in the store. The protocol, peer review and the
    drafts' list of teams list them so too."""
    order = {o["id"]: i for i, o in enumerate(options(store, stage))}
    return sorted((tm for tm in store.teams(stage["id"]) if tm["card"]["id"] in order),
                  key=lambda tm: order[tm["card"]["id"]])


def join(store, stage_id: int, participant_id: int, card_id: int, leader: bool = False) -> dict:
    """Sign a participant up for the team of one of the stage's options; the team as it is now.

    One team per person per stage: signing up again moves the person. One leader per team: a
    second leader is refused.
    """
    with store.transaction():
        st = _teams_stage_of(store, stage_id, participant_id)
        card = store.card(card_id, st["session_id"], share_lock=True)
        if card["hidden"] or card_id not in {o["id"] for o in options(store, st)}:
            raise WorkbenchError("team_not_offered")  # a sign-up, not a vote: worded as one
        if leader:
            store.lock_card(card_id)  # one leader, even when two people tap at once
            if store.team_leader(stage_id, card_id) not in (None, participant_id):
                raise Conflict("team_has_leader")
        store.put_team_member(stage_id, participant_id, card_id, leader)
        return next(tm for tm in store.teams(stage_id) if tm["card"]["id"] == card_id)


def leave(store, stage_id: int, participant_id: int) -> bool:
    """Leave one's team on a teams stage (signed up by mistake, or not staying with any): the
    display, the phones and the protocol no longer list the person in it; a leader who leaves
    leaves the team without one, for another member to take. Nobody in a team (the tap sent
    again after a lost answer) changes nothing. Whether the person was in a team."""
    with store.transaction():
        _teams_stage_of(store, stage_id, participant_id)
        return store.remove_team_member(stage_id, participant_id)


def _teams_stage_of(store, stage_id: int, participant_id: int) -> dict:
    """The teams stage a participant of its session signs up on, the participant locked (one
    sign-up at a time); inside the caller's transaction."""
    st = store.stage(stage_id)
    if st["kind"] != "teams":
        raise NotFound("stage_unknown")
    store.lock_participant(participant_id)
    if store.participant(participant_id)["session_id"] != st["session_id"]:
        raise WorkbenchError("participant_unknown", status=401)
    return st


PHONE_NAMES = 5  # names a phone lists under a team; the rest are counted


def members_line(members: list[dict], lang: str = "ru", names: int = PHONE_NAMES) -> str:
    """A team's members as a phone words them under its name: the count, then the leader (★,
    «Участник без имени» when they gave no name, as the display and the protocol write them),
    then the names people gave, the rest counted («и ещё 8»): a phone has no room for nine
    «Участник без имени».

    >>> people = [{"name": "Вера Петрова", "leader": True}] + [{"name": "", "leader": False}] * 8
    >>> members_line(people)
    'В команде: 9 — ★ Вера Петрова и ещё 8'
    >>> members_line(people[1:]), members_line(people[:1], "en")
    ('В команде: 8', 'Members: 1 — ★ Вера Петрова')
    >>> members_line([{"name": "Николай", "leader": False}, {"name": " ", "leader": True}])
    'В команде: 2 — ★ Участник без имени, Николай'
    """
    leaders = [m for m in members if m.get("leader")]
    # a name in Hebrew or Arabic stays within its place in the line (`util.isolate`)
    named = ["★ " + isolate(person_name(m, lang)) for m in leaders]
    named += [isolate(m["name"].strip()) for m in members if not m.get("leader") and (m.get("name") or "").strip()]
    named = named[:names]
    line = t("members_n", lang, n=len(members))
    if not named:
        return line
    rest = len(members) - len(named)
    return f"{line} — {', '.join(named)}" + (f" {t('joined_more', lang, n=rest)}" if rest else "")
