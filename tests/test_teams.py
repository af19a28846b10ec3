"""Teams: people sign up on their phones for the top ideas; one leader per team."""

from __future__ import annotations

import pytest

from workbench.errors import WorkbenchError
from workbench.session.phone import phone_state
from workbench.session.teams import join as join_team
from workbench.session.teams import options as team_options
from workbench.testing import Phone, ideas_session
from workbench.ui.projector import ProjectorView


def _teams_stage(wb, code):
    s = wb.store.session(code)
    stage = next(st for st in wb.store.stages(s["id"]) if st["kind"] == "teams")
    wb.store.set_current_stage(s["id"], stage["id"])
    return s, stage


def test_options_are_the_most_voted_ideas_and_teams_form(wb, demo):
    s, stage = _teams_stage(wb, demo)
    voting = next(st for st in wb.store.stages(s["id"]) if st["kind"] == "voting")
    totals = wb.store.vote_totals(voting["id"])
    options = team_options(wb.store, stage)
    assert len(options) == 8
    assert [o["votes"] for o in options] == sorted((o["votes"] for o in options), reverse=True)
    assert options[0]["votes"] == max(totals.values())
    anna, igor = wb.store.participants(s["id"])[:2]
    join_team(wb.store, stage["id"], anna["id"], options[0]["id"], leader=True)
    join_team(wb.store, stage["id"], igor["id"], options[1]["id"])
    join_team(wb.store, stage["id"], igor["id"], options[0]["id"])  # changed their mind: moves
    with pytest.raises(WorkbenchError, match="team_has_leader"):
        join_team(wb.store, stage["id"], igor["id"], options[0]["id"], leader=True)
    state = phone_state(wb.store, wb.store.session(demo), igor)
    first = state["teams"][0]
    assert first["mine"] and first["has_leader"] and not first["i_lead"]
    assert [m["name"] for m in first["members"]] == ["Анна Петрова", "Игорь Смирнов"]
    assert not state["teams"][1]["members"]
    view = ProjectorView(wb, demo)
    assert "★ Анна Петрова (Районная библиотека)" in view.teams_html.value  # as the protocol lists her
    assert "Игорь Смирнов (ТОС «Ошевенский»)" in view.teams_html.value


def test_team_api(served):
    from workbench.app import Workbench

    wb = Workbench(served.data_dir)
    s, stage = _teams_stage(wb, "KARGO1")
    phone = Phone(served.base, "KARGO1", lang="ru")
    phone.join(name="Лидия", organisation="Клуб «Берегиня»")
    options = phone.state()["teams"]
    r = phone.call("POST", "/team", {"card": options[2]["id"], "leader": True})
    assert r.status_code == 200 and r.json()["leader"] is True
    other = Phone(served.base, "KARGO1", lang="ru")
    other.join()
    r = other.call("POST", "/team", {"card": options[2]["id"], "leader": True})
    assert r.status_code == 409 and "уже есть лидер" in r.json()["message"]
    assert other.call("POST", "/team", {"card": options[2]["id"], "leader": "yes"}).status_code == 400
    mine = next(o for o in phone.state()["teams"] if o["mine"])
    assert mine["i_lead"] and mine["members"][0]["name"] == "Лидия"
    problem = next(c for c in wb.store.cards(s["id"]) if not c["is_group"]
                   and wb.store.stage(c["stage_id"])["kind"] == "problems")
    assert other.call("POST", "/team", {"card": problem["id"]}).status_code == 400
    problems = next(st for st in wb.store.stages(s["id"]) if st["kind"] == "problems")
    wb.store.set_current_stage(s["id"], problems["id"])
    assert other.call("POST", "/team", {"card": options[0]["id"]}).status_code == 409
    wb.close()


def test_teams_after_a_matrix_form_on_the_matrix_by_default(wb, demo):
    """The reviewer closed a matrix on the dots' top 6 and picked «Команды»: the projector
    listed the groups in dot order, the matrix's winner lower down, and «Кандидаты» read «по
    умолчанию (все идеи или лучшие по точкам)». A teams stage takes the latest vote that is over;
    the control view, the display's «Команды», the phones and the drafts page agree."""
    from workbench.drafts import draft_candidates
    from workbench.session import display, facilitator, stages, voting

    s, teams = _teams_stage(wb, demo)
    sid = s["id"]
    dots = next(st for st in wb.store.stages(sid) if st["kind"] == "voting")
    assert teams["source_stage_id"] is None  # the template's teams stage: no source chosen
    dot_order = [o["id"] for o in team_options(wb.store, teams)]
    matrix = stages.add(wb.store, sid, "voting", title="Матрица", after_stage_id=dots["id"])
    stages.set_method_of(wb.store, matrix["id"], "matrix")
    facilitator.show_stage(wb.store, sid, matrix["id"])
    wb.store.update_stage(matrix["id"], voting_open=True)
    matrix = wb.store.stage(matrix["id"])
    items = voting.method(matrix).items(wb.store, matrix, wb.store.cards(sid, dots["target_stage_id"]))
    scores = [(1, 1), (2, 2), (3, 3), (5, 2), (4, 4), (5, 5)]  # the most dotted idea last, the sixth first
    for p in wb.store.participants(sid)[:4]:
        for c, (imp, fea) in zip(items, scores, strict=True):
            voting.rate(wb.store, matrix["id"], p["id"], c["id"], imp, fea)
    # While the room still rates the matrix on phones, the teams stage keeps the dots' order.
    assert [o["id"] for o in team_options(wb.store, wb.store.stage(teams["id"]))] == dot_order
    facilitator.toggle_voting(wb.store, matrix["id"])  # closed
    rows = voting.METHODS["matrix"].results(wb.store, wb.store.stage(matrix["id"]), items)
    expected = [r["id"] for r in rows]
    assert expected[0] == items[5]["id"] and expected != dot_order[:6]

    # The projector's «Команды» board, without a click on «Кандидаты».
    view = ProjectorView(wb, demo)
    view.display_choice.value = "wall"  # the QR code taken down (it stays up while people arrive)
    view.stage_picker.value = teams["id"]
    shown = display.state(wb.store, demo)
    assert shown["mode"] == "teams" and [o["id"] for o in shown["teams"]] == expected
    # the phones
    person = wb.store.participants(sid)[0]
    facilitator.show_stage(wb.store, sid, teams["id"])
    assert [o["id"] for o in phone_state(wb.store, wb.store.session(demo), person)["teams"]] == expected
    # the control view says where the teams come from, and «Кандидаты» says the same
    assert ("Кандидаты: лучшие 6 из «Матрица» — Важность × выполнимость (последнее завершённое голосование)"
            in view.teams_html.value)
    assert view.teams_html.value.index(f"data-team='{expected[0]}'") < view.teams_html.value.index(
        f"data-team='{expected[1]}'")
    view.stage_editor.toggle.value = True
    default = dict((v, k) for k, v in view.stage_editor.source.options)[""]
    assert default == "по умолчанию: лучшие из «Матрица» — Важность × выполнимость (последнее завершённое голосование)"
    # the drafts page: the same round
    assert draft_candidates(wb.store, demo)["round"]["stage"] == "Матрица"

    # The facilitator may still choose another round; «по умолчанию» goes back to the matrix.
    stages.set_source(wb.store, teams["id"], dots["id"], top=3)
    assert [o["id"] for o in team_options(wb.store, wb.store.stage(teams["id"]))] == dot_order[:3]
    stages.set_source(wb.store, teams["id"], None)
    assert [o["id"] for o in team_options(wb.store, wb.store.stage(teams["id"]))] == expected


def test_a_teams_stage_added_later_follows_the_latest_vote_too(wb, demo):
    from workbench.session import stages

    s = wb.store.session(demo)
    dots = next(st for st in wb.store.stages(s["id"]) if st["kind"] == "voting")
    added = stages.add(wb.store, s["id"], "teams", after_stage_id=dots["id"])
    assert added["source_stage_id"] is None and added["target_stage_id"] == dots["target_stage_id"]
    before = stages.add(wb.store, s["id"], "teams", title="Команды заранее",
                        after_stage_id=wb.store.stages(s["id"])[0]["id"])  # above every vote
    totals = wb.store.vote_totals(dots["id"])
    ranked = [o["votes"] for o in team_options(wb.store, wb.store.stage(added["id"]))]
    assert ranked == sorted(ranked, reverse=True) and ranked[0] == max(totals.values())
    assert voting_source(wb, before) is None and voting_source(wb, added) == dots["id"]


def voting_source(wb, stage):
    from workbench.session import voting

    return voting.with_default_source(wb.store, wb.store.stage(stage["id"]), 8).get("source_stage_id")


def test_a_team_stays_when_its_idea_leaves_the_shortlist(wb, demo):
    from workbench.session import stages

    s, stage = _teams_stage(wb, demo)
    dots = next(st for st in wb.store.stages(s["id"]) if st["kind"] == "voting")
    options = team_options(wb.store, stage)
    anna, igor = wb.store.participants(s["id"])[:2]
    join_team(wb.store, stage["id"], anna["id"], options[3]["id"], leader=True)
    # the facilitator narrows the candidates to the best 2 after Anna signed up for the fourth
    stages.set_source(wb.store, stage["id"], dots["id"], top=2)
    after = team_options(wb.store, wb.store.stage(stage["id"]))
    assert [o["id"] for o in after[:2]] == [o["id"] for o in options[:2]]
    assert after[2]["id"] == options[3]["id"] and after[2]["members"][0]["name"] == "Анна Петрова"
    state = phone_state(wb.store, wb.store.session(demo), anna)
    assert any(t["mine"] and t["i_lead"] for t in state["teams"])  # her phone still shows her team
    assert "★ Анна Петрова" in ProjectorView(wb, demo).teams_html.value
    join_team(wb.store, stage["id"], igor["id"], options[3]["id"])  # and others may still join it


def _grouped_room(wb):
    """The reviewer's Мошинское: six ideas in three groups (Дороги, Праздники, Спорт), a dot vote
    on the ideas (not the groups) that gave all 18 dots to the two «Спорт» ideas, closed."""
    from workbench.session import facilitator

    made = ideas_session(wb, "Мошинское: идеи в группах", (
        "Ремонт дороги", "Освещение", "Фестиваль", "Ярмарка", "Спортзал", "Лыжня"))
    code, sid, st, ids = made["code"], made["sid"], made["stages"], made["cards"]
    groups = [facilitator.new_group(wb.store, st["ideas"]["id"], name, ids[i:i + 2])
              for i, name in zip((0, 2, 4), ("Дороги", "Праздники", "Спорт"), strict=True)]
    vote = st["voting"]["id"]
    facilitator.show_stage(wb.store, sid, vote)
    facilitator.toggle_voting(wb.store, vote)
    people = [wb.store.join(sid, name=f"Участник {i}") for i in range(6)]
    for p in people:
        for card in (ids[5], ids[5], ids[4]):
            voting_vote(wb, vote, p["id"], card)
    facilitator.toggle_voting(wb.store, vote)
    return {"code": code, "sid": sid, "ideas": ids, "groups": groups, "vote": vote,
            "teams": st["teams"]["id"], "people": people}


def voting_vote(wb, stage_id, pid, card):
    from workbench.session import voting

    voting.vote(wb.store, stage_id, pid, card)


def test_teams_on_grouped_ideas_follow_a_dot_vote_on_the_ideas(wb):
    """The reviewer's 18 dots on the two «Спорт» ideas: the teams stage offered «Дороги,
    Праздники, Спорт» in the order they were made, each with 0 votes, and «Кандидаты» said
    nothing. The teams form on the groups, in the order of the vote on their ideas."""
    from workbench.session import display, facilitator

    room = _grouped_room(wb)
    facilitator.show_stage(wb.store, room["sid"], room["teams"])
    stage = wb.store.stage(room["teams"])
    offered = [(o["text"], o["votes"]) for o in team_options(wb.store, stage)]
    assert offered[0] == ("Спорт", 18) and {t for t, _ in offered} == {"Дороги", "Праздники", "Спорт"}
    person = room["people"][0]
    phone = phone_state(wb.store, wb.store.session(room["code"]), person)
    assert [(o["text"], o["votes"]) for o in phone["teams"]] == offered
    display.set_display(wb.store, room["sid"], "teams", room["teams"])  # the projector's «Команды»
    assert [o["text"] for o in display.state(wb.store, room["code"])["teams"]] == [t for t, _ in offered]
    view = ProjectorView(wb, room["code"])
    view.stage_picker.value = room["teams"]
    assert ("Кандидаты: группы по итогам «Голосование» — Голоса (точки) (последнее завершённое голосование)"
            in view.teams_html.value)
    view.stage_editor.toggle.value = True
    default = dict((v, k) for k, v in view.stage_editor.source.options)[""]
    assert default == ("по умолчанию: группы по итогам «Голосование» — Голоса (точки) "
                       "(последнее завершённое голосование)")
    join_team(wb.store, room["teams"], person["id"], room["groups"][2], leader=True)  # «Спорт»
    assert team_options(wb.store, wb.store.stage(room["teams"]))[0]["members"][0]["name"] == "Участник 0"


def test_teams_on_grouped_ideas_follow_a_matrix_on_the_ideas(wb):
    """After a matrix on the ideas, the groups take the place of their best rated idea."""
    from workbench.session import facilitator, stages, voting

    room = _grouped_room(wb)
    matrix = stages.add(wb.store, room["sid"], "voting", title="Матрица", after_stage_id=room["vote"])
    stages.set_method_of(wb.store, matrix["id"], "matrix")
    facilitator.show_stage(wb.store, room["sid"], matrix["id"])
    facilitator.toggle_voting(wb.store, matrix["id"])
    best = room["ideas"][2]  # «Фестиваль» rated best: «Праздники» first, though «Спорт» took the dots
    for p in room["people"][:3]:
        for card in room["ideas"][4:] + [best]:
            voting.rate(wb.store, matrix["id"], p["id"], card, 5 if card == best else 2, 5 if card == best else 2)
    facilitator.toggle_voting(wb.store, matrix["id"])
    stage = wb.store.stage(room["teams"])
    assert [o["text"] for o in team_options(wb.store, stage)][:2] == ["Праздники", "Спорт"]


def test_a_team_no_longer_offered_is_refused_in_team_words(wb, demo):
    """Tapping «В команду» on an idea no team forms on any more (its only member moved, the
    shortlist narrowed) said «За эту карточку голосовать нельзя»: a sign-up is not a vote."""
    from workbench.session import stages

    s, stage = _teams_stage(wb, demo)
    dots = next(st for st in wb.store.stages(s["id"]) if st["kind"] == "voting")
    options = team_options(wb.store, stage)
    anna, igor = wb.store.participants(s["id"])[:2]
    join_team(wb.store, stage["id"], anna["id"], options[3]["id"])
    stages.set_source(wb.store, stage["id"], dots["id"], top=2)
    join_team(wb.store, stage["id"], anna["id"], options[0]["id"])  # she moves: the fourth has no team now
    with pytest.raises(WorkbenchError) as refused:
        join_team(wb.store, stage["id"], igor["id"], options[3]["id"])  # Igor's phone still showed it
    assert refused.value.message("ru") == "На эту идею команда не собирается — выберите идею из списка"
    assert refused.value.message("en") == "No team forms on this idea: choose one on the list"
    assert "голосовать" not in refused.value.message("ru")
    assert not any(m["participant_id"] == igor["id"] for tm in wb.store.teams(stage["id"])
                   for m in tm["members"])


def test_a_leader_who_gave_no_name_is_starred_on_phones_and_told_they_lead(wb, demo):
    """The reviewer's «В команде: 5 — Николай Лебедев, Татьяна Морозова и ещё 3»: the leader,
    who gave no name, was not on the line, and their own phone said only «Вы в этой команде»."""
    s, stage = _teams_stage(wb, demo)
    option = team_options(wb.store, stage)[0]["id"]
    leader = wb.store.join(s["id"], organisation="ТОС «Лядины»")  # no name
    named = wb.store.participants(s["id"])[:2]
    join_team(wb.store, stage["id"], named[0]["id"], option)
    join_team(wb.store, stage["id"], leader["id"], option, leader=True)
    join_team(wb.store, stage["id"], named[1]["id"], option)
    session = wb.store.session(demo)
    team = next(o for o in phone_state(wb.store, session, named[0])["teams"] if o["id"] == option)
    assert team["line"] == f"В команде: 3 — ★ Участник без имени, {named[0]['name']}, {named[1]['name']}"
    mine = next(o for o in phone_state(wb.store, session, leader)["teams"] if o["id"] == option)
    assert mine["mine"] and mine["i_lead"]
    en = phone_state(wb.store, session, leader, lang="en")["teams"]
    assert next(o for o in en if o["id"] == option)["line"].startswith("Members: 3 — ★ Unnamed participant, ")


def _tie_at_five(wb, code=None):
    """Seven ideas and a dot vote: 4, 4, 3, 3, 2, 2, 1 dots; teams on the best 5, so the cut
    falls between the 5th and the 6th idea, two dots each."""
    from workbench.session import facilitator, stages
    from workbench.session.phone import join
    from workbench.session.voting import vote

    code = code or wb.store.create_session("Сессия")
    sid = wb.store.session(code)["id"]
    by_kind = {}
    for st in wb.store.stages(sid):
        by_kind.setdefault(st["kind"], st)
    ids = [facilitator.add_card(wb.store, sid, by_kind["ideas"]["id"], f"Идея {i}")["id"] for i in range(7)]
    facilitator.show_stage(wb.store, sid, by_kind["voting"]["id"])
    facilitator.set_budget(wb.store, by_kind["voting"]["id"], 7)
    facilitator.toggle_voting(wb.store, by_kind["voting"]["id"])
    for _ in range(4):
        join(wb.store, code, {})
    people = [p["id"] for p in wb.store.participants(sid)]
    for card, dots in zip(ids, (4, 3, 4, 3, 2, 2, 1), strict=True):
        for p in people[:dots]:
            vote(wb.store, by_kind["voting"]["id"], p, card)
    facilitator.toggle_voting(wb.store, by_kind["voting"]["id"])
    stages.set_source(wb.store, by_kind["teams"]["id"], by_kind["voting"]["id"], top=5)
    facilitator.show_stage(wb.store, sid, by_kind["teams"]["id"])
    return code, sid, by_kind, ids


def test_a_cut_inside_a_tie_is_said_over_the_teams_on_the_laptop_and_the_display(wb):
    """Five teams to form, the 5th and the 6th idea with two dots each: the teams panel said
    only «лучшие 5 из «Голосование»», now it says, as a best-N round does, that the earlier
    idea went through; the display writes the same line under the teams. No tie: no such line."""
    from workbench.session import display, stages

    code, sid, by_kind, ids = _tie_at_five(wb)
    teams = wb.store.stage(by_kind["teams"]["id"])
    assert [o["id"] for o in team_options(wb.store, teams)] == [ids[0], ids[2], ids[1], ids[3], ids[4]]
    line = "Кандидаты: лучшие 5 из «Голосование» — Голоса (точки); при равенстве на границе прошли поданные раньше"
    view = ProjectorView(wb, code)
    view.stage_picker.value = teams["id"]
    assert line in view.teams_html.value
    display.set_display(wb.store, sid, "teams", teams["id"])
    assert display.state(wb.store, code)["teams_note"] == line
    en = display.state(wb.store, code, lang="en")["teams_note"]
    assert en.endswith("; a tie at the cut went to the earlier ones")
    stages.set_source(wb.store, teams["id"], by_kind["voting"]["id"], top=4)  # 4th in with 3 dots, 5th 2: no tie
    view.refresh()
    assert "Кандидаты: лучшие 4 из «Голосование» — Голоса (точки)<" in view.teams_html.value
    assert "при равенстве" not in view.teams_html.value
    assert display.state(wb.store, code)["teams_note"] == ""


def test_a_team_on_an_idea_merged_away_joins_the_kept_ideas_team(wb, demo):
    """Merging two ideas moves their sign-ups as it moves their dots: nobody's team vanishes
    from the phones and the protocol, and the kept idea's leader still leads."""
    from workbench.exports import protocol_markdown
    from workbench.session.facilitator import merge
    from workbench.session.teams import formed

    s, stage = _teams_stage(wb, demo)
    first, second, third = team_options(wb.store, stage)[:3]
    anna, igor, maria, sergey = wb.store.participants(s["id"])[:4]
    join_team(wb.store, stage["id"], anna["id"], first["id"], leader=True)
    join_team(wb.store, stage["id"], igor["id"], second["id"], leader=True)
    join_team(wb.store, stage["id"], maria["id"], second["id"])
    merge(wb.store, [first["id"], second["id"]])
    team = next(tm for tm in formed(wb.store, stage) if tm["card"]["id"] == first["id"])
    assert {m["name"] for m in team["members"]} == {"Анна Петрова", "Игорь Смирнов", "Мария Кузнецова"}
    assert [m["name"] for m in team["members"] if m["leader"]] == ["Анна Петрова"]
    assert "Мария Кузнецова" in protocol_markdown(wb.store, demo, names=True)
    # the kept idea had no leader: the moved team's leader leads it
    join_team(wb.store, stage["id"], sergey["id"], third["id"], leader=True)
    fourth = next(o for o in team_options(wb.store, stage) if o["id"] not in (first["id"], third["id"]))
    merge(wb.store, [fourth["id"], third["id"]])
    team = next(tm for tm in formed(wb.store, stage) if tm["card"]["id"] == fourth["id"])
    assert [(m["name"], m["leader"]) for m in team["members"]] == [("Сергей Попов", True)]
