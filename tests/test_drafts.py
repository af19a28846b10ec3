"""Project drafts: the logic check on hand-made drafts, pre-filling from the demo session, the
store's drafts, pipeline, consultations, funnel and teams."""

from __future__ import annotations

import threading

import pytest

from workbench.drafts import (
    create_draft,
    draft_fields,
    draft_from_idea,
    empty_draft,
    funnel_table,
    idea_draft,
    logic_check,
    prefill_draft,
    role_label,
    save_fields,
    top_ideas,
    validate,
)
from workbench.errors import Conflict, WorkbenchError
from workbench.i18n import plural_form, t
from workbench.session.teams import join as join_team
from workbench.testing import run_together

GOOD = {
    "title": "Школа ремёсел для подростков",
    "territory": "Каргопольский округ",
    "problem": "Подросткам в Печникове некуда пойти после школы.",
    "relevance": "В округе 1 200 подростков, кружков ремёсел — 2.",
    "causes": "Нет мастеров, готовых учить; нет помещения.",
    "consequences": "Подростки уезжают, ремесло уходит.",
    "target_groups": [{"group": "Подростки 12–17 лет", "size": "40"}],
    "goal": "Обучить 40 подростков трём ремёслам к маю 2026 года",
    "tasks": ["Найти и подготовить мастеров", "Провести занятия"],
    "activities": [
        {"activity": "Отбор мастеров", "task": "1", "dates": "сентябрь 2025",
         "responsible": "Светлана Егорова", "result": "5 мастеров"},
        {"activity": "Занятия по субботам", "task": "Провести занятия", "dates": "октябрь–апрель",
         "responsible": "Дом ремёсел", "result": "30 занятий"},
    ],
    "team": [{"person": "Светлана Егорова", "role": "руководитель"}],
    "partners": [{"organisation": "Районная библиотека", "contribution": "помещение"}],
    "quantitative_results": [{"indicator": "Подростков обучено", "target": "40"}],
    "qualitative_results": "Подростки знают ремёсла своей земли.",
    "budget": [{"item": "Материалы", "amount": "60 000"}],
    "sustainability": "Мастерская работает на взносы и заказы.",
}


def _codes(draft, lang="ru"):
    return [f["code"] for f in logic_check(draft, lang)]


def test_a_sound_draft_has_no_findings():
    assert logic_check(GOOD) == []
    assert logic_check({"fields": GOOD}) == []  # a stored draft is checked by its fields


def test_each_gap_is_named_in_plain_words():
    bad = {**GOOD,
           "goal": "Сделать жизнь подростков интереснее",
           "tasks": GOOD["tasks"] + ["Устроить выставку"],
           "activities": GOOD["activities"] + [{"activity": "Поездка в Кижи", "task": "",
                                                 "dates": "", "responsible": ""}],
           "target_groups": [{"group": "Родители", "size": "много"}],
           "quantitative_results": [{"indicator": "Довольные родители", "target": "большинство"}],
           "partners": [], "problem": " ", "causes": ""}
    found = {f["code"]: f["message"] for f in logic_check(bad)}
    assert found["goal_not_measurable"] == "Цель неизмерима: в ней нет числа и срока"
    assert found["task_without_activity"] == "Для задачи 3 «Устроить выставку» нет ни одного мероприятия"
    assert found["activity_without_task"] == "Мероприятие «Поездка в Кижи» не относится ни к одной задаче"
    assert "Родители" in found["target_group_no_size"]
    assert "Довольные родители" in found["result_no_number"]
    assert {"partners_missing", "problem_empty", "causes_missing", "activity_no_dates",
            "activity_no_responsible"} <= set(found)
    en = {f["code"]: f["message"] for f in logic_check(bad, "en")}
    assert en["partners_missing"] == "There is no partner"


def test_goal_needs_a_number_and_a_deadline_and_is_one():
    assert "goal_no_deadline" in _codes({**GOOD, "goal": "Обучить 40 подростков"})
    assert "goal_no_number" in _codes({**GOOD, "goal": "Открыть мастерскую к 2026 году"})
    assert "goal_several" in _codes({**GOOD, "goal": "Обучить 40 подростков к маю 2026\nОткрыть музей"})
    assert "goal_missing" in _codes({**GOOD, "goal": ""})
    assert _codes(empty_draft())[0] == "problem_empty"


def test_validation_errors_are_clear():
    with pytest.raises(WorkbenchError) as e:
        validate({**GOOD, "title": "   "})
    assert e.value.message() == "Укажите название проекта"
    with pytest.raises(WorkbenchError) as e:
        validate({**GOOD, "target_groups": "подростки"})
    assert e.value.message("en") == "Invalid value of field 'Target groups'"  # as the form labels it
    with pytest.raises(WorkbenchError) as e:
        validate({**GOOD, "problem": "x" * 20_000})
    assert "длиннее" in e.value.message()
    assert validate({**GOOD, "tasks": ["", "  a  "]})["tasks"] == ["a"]


# --- from the session ---------------------------------------------------------------------------

def _stages(store, code):
    return {s["kind"]: s for s in store.stages(store.session(code)["id"])}


def test_prefill_from_an_idea_with_its_team(wb, demo):
    store = wb.store
    sid = store.session(demo)["id"]
    st = _stages(store, demo)
    idea = next(c for c in store.cards(sid, st["ideas"]["id"]) if "библиотеке" in c["text"])
    people = store.participants(sid)
    # This idea is not among the teams stage's top options: its team is written as stored.
    store.put_team_member(st["teams"]["id"], people[0]["id"], idea["id"], leader=True)
    store.put_team_member(st["teams"]["id"], people[2]["id"], idea["id"], leader=False)
    fields = prefill_draft(store, demo, idea["id"])
    assert fields["title"] == "Молодёжное пространство в библиотеке"
    assert fields["territory"] == "Каргопольский округ"
    assert "Закрываются сельские клубы и библиотеки" in fields["problem"]
    assert "Плохие дороги" not in fields["problem"]
    votes = store.vote_totals(st["voting"]["id"]).get(idea["id"], 0)
    assert f"): {t('dots_n', n=votes)}." in fields["relevance"]
    assert fields["team"] == [
        {"person": "Анна Петрова (Районная библиотека)", "role": "руководитель проекта"},
        {"person": "Мария Кузнецова (АНО «Северный край»)", "role": "член команды"}]


def _idea_with_team(store, code):
    sid = store.session(code)["id"]
    st = _stages(store, code)
    idea = next(c for c in store.cards(sid, st["ideas"]["id"]) if "библиотеке" in c["text"])
    people = store.participants(sid)
    store.put_team_member(st["teams"]["id"], people[0]["id"], idea["id"], leader=True)
    store.put_team_member(st["teams"]["id"], people[2]["id"], idea["id"], leader=False)
    return idea


def test_a_draft_made_in_russian_shows_its_team_roles_in_english(wb, demo):
    """The reviewer's draft-1 exported with `--lang en` said «руководитель проекта» and «член
    команды»: the roles the workbench wrote follow the document's language; a typed role stays."""
    store = wb.store
    idea = _idea_with_team(store, demo)
    did = draft_from_idea(store, demo, idea["id"], "ru")
    stored = store.draft(did)
    assert [r["role"] for r in stored["fields"]["team"]] == ["руководитель проекта", "член команды"]
    save_fields(store, did, {"team": stored["fields"]["team"] + [{"person": "Ольга", "role": "бухгалтер"}]})
    stored = store.draft(did)
    en = draft_fields(stored, "en")["team"]
    assert [r["role"] for r in en] == ["project leader", "team member", "бухгалтер"]
    assert [r["person"] for r in en] == [r["person"] for r in stored["fields"]["team"]]
    assert [r["role"] for r in draft_fields(stored, "ru")["team"]] == ["руководитель проекта", "член команды",
                                                                      "бухгалтер"]
    assert [r["role"] for r in draft_fields(stored)["team"]] == ["руководитель проекта", "член команды",
                                                                "бухгалтер"]  # as stored (the editor)
    assert stored["fields"]["team"][0]["role"] == "руководитель проекта"  # the stored draft is not changed


@pytest.mark.parametrize(("role", "lang", "shown"), [
    ("руководитель проекта", "en", "project leader"),
    ("член команды", "en", "team member"),
    ("  Член  команды ", "en", "team member"),
    ("project leader", "ru", "руководитель проекта"),
    ("team member", "ru", "член команды"),
    ("leader", "ru", "руководитель проекта"),
    ("Руководитель проекта", "ru", "Руководитель проекта"),  # already in the language: as typed
    ("руководитель", "en", "руководитель"),  # typed by the team: as typed
    ("Coordinator", "ru", "Coordinator"),
    ("", "en", ""),
])
def test_role_label(role, lang, shown):
    assert role_label(role, lang) == shown


def test_an_english_export_of_a_russian_draft_has_english_roles(wb, demo):
    from workbench.exports import draft_file

    store = wb.store
    did = draft_from_idea(store, demo, _idea_with_team(store, demo)["id"], "ru")
    md = draft_file(store, did, "md", "en")[1].decode()
    assert "project leader" in md and "team member" in md
    assert "руководитель проекта" not in md and "член команды" not in md


@pytest.mark.parametrize(("n", "ru", "en"), [
    (8, "8 голосов", "8 dots"), (1, "1 голос", "1 dot"), (2, "2 голоса", "2 dots"), (0, "0 голосов", "0 dots"),
    (11, "11 голосов", "11 dots"), (21, "21 голос", "21 dots"), (24, "24 голоса", "24 dots"),
])
def test_the_prefilled_relevance_counts_dots_in_words(n, ru, en):
    """It read «голосов — 8»: now «8 голосов», «1 голос», «2 голоса»."""
    params = {"title": "Каргополь", "date": "2026-03-01", "n": n}
    assert t("draft_prefill_relevance", "ru", **params) == (
        f"Идею поддержали участники сессии «Каргополь» (2026-03-01): {ru}.")
    assert t("draft_prefill_relevance", "en", **params) == (
        f"At the session “Каргополь” (2026-03-01), participants gave the idea {en}.")


def test_the_prefilled_relevance_of_an_idea_has_its_dots_in_words(wb, demo):
    store = wb.store
    st = _stages(store, demo)
    idea = _idea_with_team(store, demo)
    votes = store.vote_totals(st["voting"]["id"]).get(idea["id"], 0)
    word = ("голос", "голоса", "голосов")[plural_form(votes)]
    relevance = prefill_draft(store, demo, idea["id"])["relevance"]
    assert relevance.endswith(f": {votes} {word}.") and "голосов —" not in relevance
    assert prefill_draft(store, demo, idea["id"], "en")["relevance"].endswith(
        f" the idea {votes} {'dot' if votes == 1 else 'dots'}.")


@pytest.mark.parametrize("meaning", [True, False], ids=["meaning", "lemmas"])
def test_prefill_leaves_out_a_problem_sharing_one_common_word(wb, demo, monkeypatch, meaning):
    """The reviewer's «Карта мест для туристов с QR-кодами»: its "Описание проблемы" had «Мало
    мест досуга для подростков» for the one word «место»; now only the tourists' problem, by the
    sentence encoder and by lemmas alike (a rare or a second shared word)."""
    from workbench import embeddings

    if meaning and not embeddings.available():
        pytest.skip("the `meaning` extra is not installed")
    if not meaning:
        monkeypatch.setattr(embeddings, "available", lambda: False)
    store = wb.store
    ideas = store.cards(store.session(demo)["id"], _stages(store, demo)["ideas"]["id"])

    def problem(start):
        idea = next(c for c in ideas if c["text"].startswith(start))
        return prefill_draft(store, demo, idea["id"])["problem"]

    qr = problem("Карта мест для туристов")
    assert "Туристы приезжают на один день" in qr
    assert "Мало мест досуга" not in qr
    assert "Мусор на берегу Онеги" in problem("Волонтёрские субботники")  # related: still pre-filled
    assert "Пожилым людям трудно добраться до врача" in problem("Социальное такси")


def test_prefill_from_a_group_takes_its_cards_and_their_dots(wb, demo):
    store = wb.store
    sid = store.session(demo)["id"]
    st = _stages(store, demo)
    ideas = store.cards(sid, st["ideas"]["id"])
    tourism = [c for c in ideas if "туристов" in c["text"] or "гостевыми" in c["text"]]
    gid = store.add_group(st["ideas"]["id"], "Туризм с ночёвкой", [c["id"] for c in tourism])
    totals = store.vote_totals(st["voting"]["id"])
    did = draft_from_idea(store, demo, gid)
    d = store.draft(did)
    assert d["title"] == "Туризм с ночёвкой" and d["card_id"] == gid
    assert sorted(d["fields"]["tasks"]) == sorted(c["text"] for c in tourism)
    assert "Туристы приезжают на один день" in d["fields"]["problem"]
    assert f"): {t('dots_n', n=sum(totals.get(c['id'], 0) for c in tourism))}." in d["fields"]["relevance"]
    top = top_ideas(store, demo)
    assert top[0]["id"] == gid and top[0]["is_group"]  # a group carries its cards' dots
    assert not {c["id"] for c in tourism} & {r["id"] for r in top}


def test_a_second_draft_of_an_idea_opens_the_first(wb, demo):
    """ "Создать проект" on an idea that has a draft returns that draft and says so; no second row."""
    store = wb.store
    sid = store.session(demo)["id"]
    idea = top_ideas(store, demo)[0]["id"]
    first = idea_draft(store, demo, idea)
    assert first["created"] and store.draft(first["id"])["card_id"] == idea
    save_fields(store, first["id"], {"title": "Карта мест «Каргополь»"})  # the team renamed it
    again = idea_draft(store, demo, idea, "en")
    assert again == {"id": first["id"], "title": "Карта мест «Каргополь»", "created": False}
    assert draft_from_idea(store, demo, idea) == first["id"]  # the demo's and the CLI's way in
    assert [d["id"] for d in store.drafts(sid) if d["card_id"] == idea] == [first["id"]]
    # the rule holds below `idea_draft` too: `create_draft` and the store refuse a second draft
    with pytest.raises(Conflict) as refused:
        create_draft(store, sid, {"title": "Другая карта"}, card_id=idea)
    assert refused.value.key == "draft_exists" and refused.value.params["draft_id"] == first["id"]
    assert refused.value.message() == "У этой идеи уже есть проект: «Карта мест „Каргополь“»"
    with pytest.raises(Conflict):
        store.add_draft(sid, {"title": "Другая карта"}, card_id=idea)
    assert len(store.drafts(sid)) == 1
    # another idea gets its own draft; drafts made without an idea are not limited, same title or not
    other = idea_draft(store, demo, top_ideas(store, demo)[1]["id"])
    assert other["created"] and other["id"] != first["id"]
    loose = [create_draft(store, sid, {"title": "Ярмарка"}) for _ in range(2)]
    assert len(set(loose)) == 2 and len(store.drafts(sid)) == 4
    assert store.draft_of_card(idea)["id"] == first["id"]


def test_two_clicks_at_once_on_one_idea_make_one_draft(wb, demo):
    store = wb.store
    idea = top_ideas(store, demo)[0]["id"]
    made, errors = [], []

    def click():
        try:
            made.append(idea_draft(store, demo, idea))
        except Exception as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)

    run_together(threading.Thread(target=click) for _ in range(4))
    assert not errors
    assert len({m["id"] for m in made}) == 1 and sum(m["created"] for m in made) == 1
    assert len(store.drafts(store.session(demo)["id"])) == 1


# --- the store ------------------------------------------------------------------------------------

def test_status_log_consultations_and_funnel(wb, demo):
    store = wb.store
    sid = store.session(demo)["id"]
    other = store.session(store.create_session("Няндома", territory="Няндомский округ"))["id"]
    a = create_draft(store, sid, {"title": "Ярмарка"})
    b = create_draft(store, sid, {"title": "Такси"})
    c = create_draft(store, other, {"title": "Клуб"}, status="idea")
    assert store.draft(a)["territory"] == "Каргопольский округ"  # from the session
    store.set_status(a, "consultation", date="2025-11-02", note="первая встреча")
    store.set_status(a, "submitted", date="2026-01-15")
    store.set_status(b, "not_funded")
    log = store.status_log(a)
    assert [(r["status"], r["date"]) for r in log[1:]] == [("consultation", "2025-11-02"),
                                                           ("submitted", "2026-01-15")]
    assert log[1]["note"] == "первая встреча"
    with pytest.raises(WorkbenchError):
        store.set_status(a, "won")
    for typed, key in (("30.02.2026", "date_impossible"), ("01/15/2026", "date_unreadable")):
        with pytest.raises(WorkbenchError) as e:
            store.set_status(a, "funded", date=typed)
        assert e.value.key == key
    assert store.draft(a)["status"] == "submitted"
    store.add_consultation(a, "2025-11-02", "Фонд местного сообщества", "Цель без числа")
    store.add_consultation(a, None, "", "Уточнить бюджет")
    store.add_consultation(a, "3.11.2025", "Фонд", "Как в России")  # typed the Russian way, stored ISO
    with pytest.raises(WorkbenchError):
        store.add_consultation(a, "2025-02-30", "Фонд", "Нет такого дня")
    with pytest.raises(WorkbenchError):
        store.add_consultation(a, "2025-11-03", "", "")
    cons = store.consultations(a)
    assert [x["who"] for x in cons] == ["Фонд местного сообщества", "Фонд", ""]
    assert [x["date"] for x in cons[:2]] == ["2025-11-02", "2025-11-03"]
    rows = {(r["key"], r["status"]): r["n"] for r in store.draft_funnel()}
    assert rows[(demo, "submitted")] == 1 and rows[(demo, "not_funded")] == 1
    by_territory = {(r["key"], r["status"]): r["n"] for r in store.draft_funnel(by="territory")}
    assert by_territory[("Няндомский округ", "idea")] == 1
    df = funnel_table(store)
    assert df.loc[demo, "Подана на конкурс"] == 1 and df.loc[demo, "Всего"] == 2
    df_en = funnel_table(store, by="territory", lang="en")
    assert df_en.loc["Няндомский округ", "Idea"] == 1 and df_en.index.name == "Territory"
    assert store.draft(c)["status"] == "idea"
    create_draft(store, None, {"title": "Проект без территории"})  # its row says what it lacks
    assert funnel_table(store, by="territory").loc["Территория не указана", "Всего"] == 1
    assert funnel_table(store, by="territory", lang="en").loc["Territory not given", "Total"] == 1


def test_two_teams_save_their_drafts_at_once(wb, demo):
    store = wb.store
    sid = store.session(demo)["id"]
    ids = [create_draft(store, sid, {"title": f"Проект {i}"}) for i in range(2)]
    errors = []

    def team(did, n):
        try:
            for i in range(n):
                save_fields(store, did, {"tasks": [f"задача {i}"]})
                save_fields(store, did, {"goal": f"{did}: цель {i}"})
        except Exception as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)

    threads = [threading.Thread(target=team, args=(did, 25)) for did in ids]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors
    for did in ids:
        d = store.draft(did)
        assert d["fields"]["goal"] == f"{did}: цель 24" and d["fields"]["tasks"] == ["задача 24"]
        assert d["title"] == f"Проект {ids.index(did)}"


def test_an_edit_keeps_other_fields_and_refuses_a_stale_one(wb, demo):
    store = wb.store
    did = create_draft(store, store.session(demo)["id"], {"title": "Такси", "goal": "Цель"})
    seen = store.draft(did)["updated_at"]
    save_fields(store, did, {"problem": "Далеко до врача"})  # someone else saves
    d = save_fields(store, did, {"title": "Социальное такси"})
    assert d["fields"]["goal"] == "Цель" and d["fields"]["problem"] == "Далеко до врача"
    assert d["title"] == "Социальное такси"
    with pytest.raises(Conflict):
        save_fields(store, did, {"goal": "x"}, expected_updated_at=seen)
    with pytest.raises(WorkbenchError):
        save_fields(store, did, {"colour": "red"})


def test_teams_one_leader_one_team_per_person(wb, demo):
    store = wb.store
    sid = store.session(demo)["id"]
    st = _stages(store, demo)
    ideas = store.cards(sid, st["ideas"]["id"])
    people = store.participants(sid)
    teams_stage = st["teams"]["id"]
    join_team(store, teams_stage, people[0]["id"], ideas[0]["id"], leader=True)
    with pytest.raises(Conflict) as e:
        join_team(store, teams_stage, people[1]["id"], ideas[0]["id"], leader=True)
    assert e.value.message() == "У этой команды уже есть лидер"
    join_team(store, teams_stage, people[1]["id"], ideas[0]["id"])
    join_team(store, teams_stage, people[1]["id"], ideas[1]["id"], leader=True)  # moves
    teams = store.teams(teams_stage)
    by_card = {tm["card"]["id"]: tm for tm in teams}
    assert [m["name"] for m in by_card[ideas[0]["id"]]["members"]] == ["Анна Петрова"]
    assert by_card[ideas[1]["id"]]["leader"]["organisation"] == "ТОС «Ошевенский»"
    join_team(store, teams_stage, people[0]["id"], ideas[0]["id"], leader=True)  # again: still one row
    assert len(store.teams(teams_stage)[0]["members"]) == 1
    with pytest.raises(WorkbenchError):
        join_team(store, st["ideas"]["id"], people[2]["id"], ideas[0]["id"])  # not a teams stage


def test_a_name_in_quotes_inside_a_finding_gets_the_inner_russian_quotes():
    """«Мероприятие «Маршрут «Деревянное зодчество»» …» read as a typo: the name's own quotes
    become „…“ inside the message's «…»."""
    bad = {**GOOD, "activities": GOOD["activities"] + [
        {"activity": "Маршрут «Деревянное зодчество»", "task": "", "dates": "", "responsible": ""}]}
    found = {f["code"]: f["message"] for f in logic_check(bad)}
    assert found["activity_no_dates"] == "У мероприятия «Маршрут „Деревянное зодчество“» нет сроков"
