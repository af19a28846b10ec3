"""Grouping again after people voted on the groups or formed teams on them: nothing is lost
without the facilitator saying so (JMQ773: new groups all «В команде: 0», the rename gone, the
protocol's votes 0)."""

from __future__ import annotations

import pytest

from workbench.errors import WorkbenchError
from workbench.session import facilitator, teams
from workbench.session.voting import vote
from workbench.ui.projector import ProjectorView

IDEAS = [
    "Плохие дороги между деревнями", "Дороги в ужасном состоянии", "Отремонтировать дорогу до Ошевенска",
    "Открыть молодёжный клуб", "Молодёжи негде проводить досуг", "Клуб для подростков и молодёжи",
    "Ярмарка местных продуктов", "Рынок выходного дня для фермеров", "Продавать местные продукты на ярмарке",
]


@pytest.fixture
def room(wb):
    """Ideas in three groups (one renamed with ✎), 5 phones voted on the groups, 3 joined teams."""
    store = wb.store
    code = store.create_session("Перегруппировка")
    s = store.session(code)
    stages = {st["kind"]: st for st in store.stages(s["id"])}
    ideas_id = stages["ideas"]["id"]
    ids = [store.add_card(s["id"], ideas_id, text)["id"] for text in IDEAS]
    first = [("Дороги", ids[0:3]), ("Молодёжь", ids[3:6]), ("Ярмарка", ids[6:9])]
    roads, youth, market = facilitator.accept_groups(store, ideas_id, first)
    store.edit_card(youth, text="Досуг молодёжи")  # the rename with ✎
    voting = stages["voting"]["id"]
    store.update_stage(voting, vote_on="groups", voting_open=True)
    people = [store.join(s["id"], name=f"Участник {n}")["id"] for n in range(8)]
    for p in people[:5]:
        vote(store, voting, p, youth)
        vote(store, voting, p, market)
    store.update_stage(voting, voting_open=False)
    team_stage = stages["teams"]["id"]
    for p in people[5:]:
        teams.join(store, team_stage, p, market)
    return {"store": store, "code": code, "session": s["id"], "ideas": ideas_id, "ids": ids,
            "groups": (roads, youth, market), "voting": voting, "teams": team_stage}


def _state(r):
    """What the room sees: each group (id, name) with its ideas, the dots, the teams."""
    store = r["store"]
    cards = store.cards(r["session"], r["ideas"])
    wall = {(g["id"], g["text"]): sorted(c["text"] for c in cards if c["group_id"] == g["id"])
            for g in cards if g["is_group"]}
    return wall, store.vote_totals(r["voting"]), store.teams(r["teams"])


def _reshuffled(r):
    """A new proposal: the youth group as it is, roads and market mixed differently."""
    ids = r["ids"]
    return [("Дороги и рынок", ids[0:2] + ids[6:8]), ("Молодёжь", ids[3:6]), ("Разное", [ids[2], ids[8]])]


def test_new_groups_are_refused_while_votes_and_teams_stand_on_the_old(room):
    before = _state(room)
    with pytest.raises(WorkbenchError) as err:
        facilitator.accept_groups(room["store"], room["ideas"], _reshuffled(room))
    assert err.value.key == "regroup_loses"
    said = err.value.message()
    assert said.startswith("По группам уже голосовали 5 человек, в командах 3 человека: новые группы обнулят")
    assert _state(room) == before  # nothing changed: the votes, the teams, the rename


def test_forced_new_groups_keep_the_group_with_the_same_cards(room):
    store = room["store"]
    roads, youth, market = room["groups"]
    new_ids = facilitator.accept_groups(store, room["ideas"], _reshuffled(room), force=True)
    assert new_ids[1] == youth  # the same cards: the same group
    cards = store.cards(room["session"], room["ideas"])
    shown = {c["id"]: c["text"] for c in cards if c["is_group"]}
    assert shown[youth] == "Досуг молодёжи"  # the rename stays
    assert roads not in shown and market not in shown
    assert store.vote_totals(room["voting"])[youth] == 5  # its dots stay
    # what the teams stage offers: the youth group with its dots, no team on a group gone
    offered = {o["id"]: o for o in teams.options(store, store.stage(room["teams"]))}
    assert offered[youth]["votes"] == 5 and market not in offered


def test_the_same_groups_again_are_accepted_without_asking(room):
    store = room["store"]
    ids = room["ids"]
    before = _state(room)
    again = [("Молодёжь", ids[3:6]), ("Дороги", ids[0:3]), ("Рынок", ids[6:9])]
    assert facilitator.accept_groups(store, room["ideas"], again) == [room["groups"][i] for i in (1, 0, 2)]
    assert _state(room) == before


def test_only_teams_on_the_old_groups_are_asked_about_too(room):
    store = room["store"]
    for p in store.voters("votes", room["voting"]):
        for cid in (room["groups"][1], room["groups"][2]):
            store.remove_dot(room["voting"], p, cid)
    plan = facilitator.regroup_plan(store, room["ideas"], _reshuffled(room))
    assert plan["voters"] == 0 and plan["team_members"] == 3 and plan["keep"][1] == room["groups"][1]
    assert facilitator.regroup_warning(plan).message("en").startswith("3 people are already in teams on the groups")


@pytest.fixture
def view(wb, room):
    v = ProjectorView(wb, room["code"])
    v.stage_picker.value = room["ideas"]
    v.suggest_button.click()
    v.proposal = _reshuffled(room)  # a proposal that mixes the groups people voted on
    return v


def test_accepting_asks_first_and_keep_changes_nothing(view, room):
    before = _state(room)
    view.accept_button.click()
    assert view.regroup_box.layout.display == ""
    assert ("По группам уже голосовали 5 человек, в командах 3 человека: новые группы обнулят"
            in view.regroup_html.value)
    assert view.regroup_keep.button_style == "primary" and view.regroup_confirm.button_style == "danger"
    assert view.accept_button.disabled
    assert _state(room) == before
    view.regroup_keep.click()  # «Оставить прежние группы»
    assert view.proposal_box.layout.display == "none" and _state(room) == before
    group_names = [view.store.card(c.card_id)["text"] for c in view.wall_items
                   if getattr(c, "card_id", None) and view.store.card(c.card_id)["is_group"]]
    assert "Досуг молодёжи" in group_names


def test_accepting_anyway_replaces_the_groups(view, room):
    view.accept_button.click()
    view.lang_toggle.value = "en"
    assert "5 people have already voted on the groups" in view.regroup_html.value
    assert view.regroup_confirm.description == "Accept and wipe them"
    view.regroup_confirm.click()
    assert view.proposal_box.layout.display == "none" and not view.message.value
    names = {c["text"] for c in view.store.cards(room["session"], room["ideas"]) if c["is_group"]}
    assert names == {"Дороги и рынок", "Досуг молодёжи", "Разное"}


@pytest.fixture
def chosen(room):
    """On top of `room`: a project draft made from the market group, with a summary typed in, and
    the teams stage's candidates chosen as the roads and market groups («идеи выбранных групп»)."""
    from workbench.drafts import idea_draft, save_fields
    from workbench.session import stages

    store = room["store"]
    roads, youth, market = room["groups"]
    draft = idea_draft(store, room["code"], market)["id"]
    save_fields(store, draft, {"summary": "Ярмарка каждую субботу у клуба"})
    stages.set_group_source(store, room["teams"], [roads, market])
    return {**room, "draft": draft}


def test_drafts_and_chosen_groups_of_groups_that_go_are_counted_and_said(chosen):
    store = chosen["store"]
    plan = facilitator.regroup_plan(store, chosen["ideas"], _reshuffled(chosen))
    assert plan["drafts"] == 1 and plan["shortlists"] == [chosen["teams"]]
    with pytest.raises(WorkbenchError) as err:
        facilitator.accept_groups(store, chosen["ideas"], _reshuffled(chosen))
    said = err.value.message()
    assert said.startswith("По группам уже голосовали 5 человек, в командах 3 человека: новые группы обнулят")
    assert "У уходящих групп есть проекты (1): они останутся в списке «Проекты» со всем текстом." in said
    assert ("Уходящие группы выбраны кандидатами на 1 этапе («идеи выбранных групп»): они уйдут из этого "
            "выбора, а этап, где групп не останется, вернётся к кандидатам по умолчанию.") in said
    assert said.endswith("Принять новые группы всё равно?")
    english = err.value.message("en")
    assert "Groups that go have project drafts (1)" in english and "chosen as candidates on 1 stage" in english


def test_a_draft_alone_is_asked_about_too(room):
    """Nobody voted on the roads group or formed a team on it, but a draft was made from it:
    splitting it asks first all the same."""
    from workbench.drafts import idea_draft

    store = room["store"]
    ids = room["ids"]
    idea_draft(store, room["code"], room["groups"][0])
    split = [("Дороги", ids[0:2]), ("Дорога до Ошевенска", [ids[2]]), ("Молодёжь", ids[3:6]), ("Ярмарка", ids[6:9])]
    plan = facilitator.regroup_plan(store, room["ideas"], split)
    assert (plan["voters"], plan["team_members"], plan["drafts"]) == (0, 0, 1)
    with pytest.raises(WorkbenchError) as err:
        facilitator.accept_groups(store, room["ideas"], split)
    assert err.value.message() == (
        "Новые группы заменят прежние (группа с теми же карточками останется — с названием и голосами). "
        "У уходящих групп есть проекты (1): они останутся в списке «Проекты» со всем текстом. "
        "Принять новые группы всё равно?")


def test_accepting_anyway_keeps_the_draft_whole_and_takes_the_groups_out_of_the_choice(chosen):
    from workbench.drafts import draft_fields

    store = chosen["store"]
    roads, youth, market = chosen["groups"]
    before = store.draft(chosen["draft"])
    facilitator.accept_groups(store, chosen["ideas"], _reshuffled(chosen), force=True)
    after = store.draft(chosen["draft"])
    assert draft_fields(after) == draft_fields(before)  # every field as typed
    assert draft_fields(after)["summary"] == "Ярмарка каждую субботу у клуба"
    assert [d["id"] for d in store.drafts(chosen["session"])] == [chosen["draft"]]
    # both chosen groups went: the teams stage takes the default candidates, not none at all
    stage = store.stage(chosen["teams"])
    assert store.shortlist_groups(chosen["teams"]) == [] and stage["source_method"] == ""
    offered = teams.options(store, stage)
    assert {o["text"] for o in offered} == {"Дороги и рынок", "Досуг молодёжи", "Разное"}


def test_a_chosen_group_that_stays_stays_chosen(chosen):
    from workbench.session import stages

    store = chosen["store"]
    roads, youth, market = chosen["groups"]
    stages.set_group_source(store, chosen["teams"], [youth, market])
    facilitator.accept_groups(store, chosen["ideas"], _reshuffled(chosen), force=True)
    assert store.shortlist_groups(chosen["teams"]) == [youth]
    offered = {o["text"] for o in teams.options(store, store.stage(chosen["teams"]))}
    assert offered == set(IDEAS[3:6])  # the ideas of the youth group, as chosen


def test_the_control_view_says_what_happens_to_drafts_and_chosen_groups(wb, chosen):
    from workbench.ui.draft_editor import DraftPicker

    v = ProjectorView(wb, chosen["code"])
    v.stage_picker.value = chosen["ideas"]
    v.suggest_button.click()
    v.proposal = _reshuffled(chosen)
    v.accept_button.click()
    assert "У уходящих групп есть проекты (1): они останутся в списке «Проекты» со всем текстом." \
        in v.regroup_html.value
    assert "Уходящие группы выбраны кандидатами на 1 этапе" in v.regroup_html.value
    v.regroup_confirm.click()  # «Принять и обнулить»
    assert v.proposal_box.layout.display == "none" and not v.message.value
    picker = DraftPicker(wb, chosen["code"])  # the drafts page still lists the draft
    assert f"draft={chosen['draft']}" in picker.list.value and "Ярмарка" in picker.list.value


def test_teams_on_groups_that_went_leave_the_protocol_the_display_and_the_drafts_list(room):
    """«Принять группы» said it wipes the teams on the groups that go: the protocol, the display's
    «Команды», its «Оценки» and the drafts' list of teams no longer name the market's team as a
    team of the session; a team on the group that stays is still there."""
    from workbench.drafts import draft_candidates
    from workbench.exports import protocol_markdown
    from workbench.session import display, review

    store = room["store"]
    roads, youth, market = room["groups"]
    stayed = store.join(room["session"], name="Вера Петрова")["id"]
    teams.join(store, room["teams"], stayed, youth)
    review.add_criterion(store, room["code"], "Ясность цели")
    before = protocol_markdown(store, room["code"])
    assert "### Ярмарка\n\n- Участник 5\n- Участник 6\n- Участник 7" in before
    facilitator.accept_groups(store, room["ideas"], _reshuffled(room), force=True)
    md = protocol_markdown(store, room["code"])
    assert md[md.index("## Команды"):md.index("## Проекты")] == (
        "## Команды\n\n### Досуг молодёжи\n\n- Вера Петрова\n\n"
        "## Оценки команд\n\n### Досуг молодёжи\n\nОценили: 0\n\n- Ясность цели: — (0)\n")
    assert "Участник 5" not in md
    display.set_display(store, room["session"], "teams", room["teams"])
    shown = display.state(store, room["code"])
    assert [(tm["text"], len(tm["members"])) for tm in shown["teams"]] == [
        ("Досуг молодёжи", 1), ("Дороги и рынок", 0), ("Разное", 0)]
    display.set_display(store, room["session"], "review")
    assert [tm["text"] for tm in display.state(store, room["code"])["review"]["teams"]] == ["Досуг молодёжи"]
    assert [tm["text"] for tm in draft_candidates(store, room["code"])["teams"]] == ["Досуг молодёжи"]


def test_the_exported_protocol_files_list_only_the_teams_of_the_groups_the_room_sees(wb, room, tmp_path):
    """Make groups, a team on one, group again: the team on the group that went stayed in the store
    on a hidden card, and the files `workbench export` writes (Word, Excel, Markdown, both
    languages) could still list it. They list the teams of the groups on the wall only
    (`teams.formed`), as «Принять и обнулить» warned; the sign-ups stay in the store."""
    import docx
    import openpyxl

    from workbench.exports import export_protocol

    store = room["store"]
    roads, youth, market = room["groups"]
    facilitator.accept_groups(store, room["ideas"], _reshuffled(room), force=True)
    assert [tm["card"]["id"] for tm in store.teams(room["teams"])] == [market]  # kept, on a hidden card
    for lang, heading in (("ru", "Команды"), ("en", "Teams")):
        out = tmp_path / lang
        paths = {p.suffix: p for p in export_protocol(wb, room["code"], out, formats=("docx", "xlsx", "md"),
                                                      lang=lang, names=True)}
        md = paths[".md"].read_text(encoding="utf-8")
        assert "Участник 5" in md  # listed among the people who came (names=True), not in a team
        teams_part = md[md.index(f"## {heading}"):].split("\n## ", 1)[0]
        assert "Ярмарка" not in teams_part and "Участник" not in teams_part
        texts = [p.text for p in docx.Document(paths[".docx"]).paragraphs]
        teams_part = texts[texts.index(heading) + 1:]
        assert "Ярмарка" not in teams_part and not any("Участник" in t for t in teams_part)
        sheet = openpyxl.load_workbook(paths[".xlsx"])[heading]
        assert list(sheet.iter_rows(min_row=2, values_only=True)) == []  # no team is left on the wall
