"""Project drafts as a grant writer fills and exports them: the activity plan's «Задача» column
filled the usual ways, lists pasted from Word, the DOCX the fund reads, and the draft's team
following the team on the session."""

from __future__ import annotations

import io

import docx
import pytest

from workbench.demo import load_demo
from workbench.drafts import create_draft, logic_check, prefill_draft, take_session_team
from workbench.exports import draft_file, draft_file_name, draft_markdown
from workbench.session.model import member_label

TASKS = ["• Создать сайт музея с картой мест", "Обучить 10 экскурсоводов", "Провести фестиваль ремёсел"]


def _activity(task: str, name: str = "Мастер-класс") -> dict:
    return {"activity": name, "task": task, "dates": "май 2026", "responsible": "Анна", "result": "20 человек"}


def _plan_findings(tasks, activities):
    return [f["message"] for f in logic_check({"tasks": tasks, "activities": activities})
            if f["field"] in ("tasks", "activities")]


# --- 1. the «Задача (номер)» column ---------------------------------------------------------------

@pytest.mark.parametrize("ref", ["1, 2", "1,2", "Задачи 1 и 2", "1–2", "задачи №1, №2"])
def test_an_activity_serving_two_tasks_serves_both(ref):
    found = _plan_findings(TASKS, [_activity(ref), _activity("3", "Фестиваль")])
    assert found == []


@pytest.mark.parametrize("ref", ["задача №2", "Задача 2: обучение", "1.1", "2 задача", "2-я задача",
                                 "Задача 2.", "2)", "Task 2"])
def test_the_usual_ways_to_name_one_task_are_understood(ref):
    activities = [_activity(ref), _activity("Создать сайт музея с картой мест", "Сайт"), _activity("3", "Фестиваль")]
    found = _plan_findings(TASKS, activities)
    if ref == "1.1":  # the first activity of task 1: task 2 has none
        assert found == ["Для задачи 2 «Обучить 10 экскурсоводов» нет ни одного мероприятия"]
    else:
        assert found == []


def test_a_task_pasted_with_a_bullet_is_matched_by_its_text_and_named_without_it():
    # the activity names the task as typed on the team page, bullet and all, or without it
    assert _plan_findings(TASKS, [_activity("• Создать сайт музея с картой мест"), _activity("2"),
                                  _activity("Провести фестиваль ремёсел")]) == []
    found = _plan_findings(TASKS, [_activity("2"), _activity("3")])
    assert found == ["Для задачи 1 «Создать сайт музея с картой мест» нет ни одного мероприятия"]


def test_a_number_with_no_such_task_says_so():
    found = _plan_findings(TASKS, [_activity("1, 2"), _activity("Задача 7", "Ярмарка"), _activity("3")])
    assert found == ["Мероприятие «Ярмарка» относится к задаче 7, а задач в проекте 3"]
    assert _plan_findings(TASKS[:2], [_activity("1"), _activity("Что-то другое", "Ярмарка"), _activity("2")]) == [
        "Мероприятие «Ярмарка» не относится ни к одной задаче"]


# --- 2. lists pasted from Word ----------------------------------------------------------------------

PASTED = "Суть проблемы:\n•\tтуристы не задерживаются\n·  нет карты\n–\tнет гидов\n1.\tнет сайта\n2.\tнет навигации\nИтог"


def _docx_of(wb, did, lang="ru"):
    return docx.Document(io.BytesIO(draft_file(wb.store, did, "docx", lang)[1]))


def _section(document, heading: str) -> list[tuple[str, str]]:
    paras = [(p.style.name, p.text) for p in document.paragraphs]
    at = paras.index(("Heading 1", heading))
    end = next((i for i in range(at + 1, len(paras)) if paras[i][0].startswith("Heading")), len(paras))
    return paras[at + 1:end]


def _num_id(paragraph) -> int | None:
    num_pr = paragraph._p.pPr.numPr if paragraph._p.pPr is not None else None
    return num_pr.numId.val if num_pr is not None and num_pr.numId is not None else None


def test_word_lists_become_real_lists_in_docx_and_markdown(wb):
    sid = wb.store.session(wb.store.create_session("Демо"))["id"]
    did = create_draft(wb.store, sid, {"title": "Тропа", "tasks": TASKS + ["2.\tОткрыть музей"], "problem": PASTED})
    document = _docx_of(wb, did)
    assert _section(document, "Задачи проекта") == [
        ("List Number", "Создать сайт музея с картой мест"), ("List Number", "Обучить 10 экскурсоводов"),
        ("List Number", "Провести фестиваль ремёсел"), ("List Number", "Открыть музей")]
    assert _section(document, "Описание проблемы") == [
        ("Normal", "Суть проблемы:"), ("List Bullet", "туристы не задерживаются"), ("List Bullet", "нет карты"),
        ("List Bullet", "нет гидов"), ("List Number", "нет сайта"), ("List Number", "нет навигации"),
        ("Normal", "Итог")]
    # each numbered list counts from 1 in Word: the problem's list and the tasks are two lists
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    problem_num, tasks_num = _num_id(numbered[0]), _num_id(numbered[2])
    assert tasks_num and problem_num and tasks_num != problem_num
    assert {_num_id(p) for p in numbered[:2]} == {problem_num} and {_num_id(p) for p in numbered[2:]} == {tasks_num}
    numbering = document.part.numbering_part.element
    for num_id in (problem_num, tasks_num):
        start = numbering.num_having_numId(num_id).find(docx.oxml.ns.qn("w:lvlOverride"))
        assert start.startOverride.val == 1
    md = draft_markdown(wb.store, did)
    assert ("## Задачи проекта\n\n1. Создать сайт музея с картой мест\n2. Обучить 10 экскурсоводов\n"
            "3. Провести фестиваль ремёсел\n4. Открыть музей\n") in md
    problem = md.split("## Описание проблемы\n\n", 1)[1].split("\n## ", 1)[0].strip()
    assert problem == ("Суть проблемы:\n\n- туристы не задерживаются\n- нет карты\n- нет гидов\n\n"
                       "1. нет сайта\n2. нет навигации\n\nИтог")
    assert "•" not in md and "\t" not in md and "1\\." not in md


# --- 3. the DOCX the fund reads ---------------------------------------------------------------------

BUDGET = [{"item": "Материалы", "amount": "120 000", "cofinancing": "30 000"},
          {"item": "Аренда зала", "amount": "15 500,50", "cofinancing": ""}]


def test_the_application_docx_leaves_the_logic_check_out_and_sets_the_budget_as_a_table_of_figures(wb):
    sid = wb.store.session(wb.store.create_session("Демо"))["id"]
    did = create_draft(wb.store, sid, {"title": "Школа ремёсел", "budget": BUDGET,
                                       "team": [{"person": "Анна", "role": "руководитель проекта"}]})
    assert logic_check(wb.store.draft(did))  # the draft has findings, and still the fund does not read them
    document = _docx_of(wb, did)
    text = [p.text for p in document.paragraphs]
    assert "Проверка логики" not in text and not any("не описана" in x for x in text)
    assert "Проверка логики" not in draft_markdown(wb.store, did)
    budget = document.tables[-1]
    last = budget.rows[-1]
    assert [c.text for c in last.cells][0] == "Итого"
    assert all(run.bold for c in last.cells for run in c.paragraphs[0].runs)  # the totals row is bold
    assert not any(run.bold for c in budget.rows[1].cells for run in c.paragraphs[0].runs)
    aligned = [[c.paragraphs[0].alignment for c in row.cells] for row in budget.rows]
    from docx.enum.text import WD_ALIGN_PARAGRAPH as A

    assert all(row[1:] == [A.RIGHT] * 3 and row[0] != A.RIGHT for row in aligned)  # amounts to the right
    for table in document.tables:  # every table's heading row comes again on the next page
        assert table.rows[0]._tr.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is not None


def test_an_empty_budget_prints_a_dash_not_a_table_of_zeros(wb):
    sid = wb.store.session(wb.store.create_session("Демо"))["id"]
    did = create_draft(wb.store, sid, {"title": "Школа ремёсел"})
    document = _docx_of(wb, did)
    assert _section(document, "Ресурсы и бюджет") == [("Normal", "—")]
    assert not any("Итого" in c.text for t in document.tables for r in t.rows for c in r.cells)
    md = draft_markdown(wb.store, did)
    assert "## Ресурсы и бюджет\n\n—\n" in md and "Итого" not in md and "0\u00a0₽" not in md


def test_the_session_date_is_written_in_words(wb):
    store = wb.store
    code = load_demo(store, teams=False)  # the demo session of 2019-10-12
    did = create_draft(store, store.session(code)["id"], {"title": "Тропа"})
    md = draft_markdown(store, did)
    assert "(12 октября 2019 г.)" in md and "2019-10-12" not in md
    assert "(12 October 2019)" in draft_markdown(store, did, lang="en")
    idea = next(c for c in store.cards(store.session(code)["id"]) if "библиотеке" in c["text"])
    assert "(12 октября 2019 г.)" in prefill_draft(store, code, idea["id"])["relevance"]
    assert "(12 October 2019)" in prefill_draft(store, code, idea["id"], "en")["relevance"]


def test_the_protocol_dates_the_session_in_words_in_every_format(wb):

    from workbench.exports import protocol_docx, protocol_markdown, protocol_xlsx

    store = wb.store
    code = load_demo(store, teams=False)  # the demo session of 2019-10-12
    assert "Дата: 12 октября 2019 г." in protocol_markdown(store, code)
    assert "Date: 12 October 2019" in protocol_markdown(store, code, "en")
    buf = io.BytesIO()
    protocol_docx(store, code).save(buf)
    paragraphs = [p.text for p in docx.Document(io.BytesIO(buf.getvalue())).paragraphs]
    assert "Дата: 12 октября 2019 г." in paragraphs and not any("2019-10-12" in p for p in paragraphs)
    book = protocol_xlsx(store, code)
    rows = [[c.value for c in row] for row in book.worksheets[0].iter_rows()]
    assert ["Дата", "12 октября 2019 г."] in rows


def test_a_long_title_is_cut_at_a_word_in_the_file_name():
    title = "Маршрут выходного дня по деревянному зодчеству Каргополья для школьных экскурсий района"
    name = draft_file_name({"id": 2, "title": title}, "docx")
    assert name == "Маршрут_выходного_дня_по_деревянному_зодчеству_Каргополья-2.docx"
    assert draft_file_name({"id": 3, "title": "Я" * 90}, "md") == "Я" * 60 + "-3.md"  # one word: cut anyway


# --- 4. the draft's team and the session's ------------------------------------------------------------

def _team_session(store):
    """The demo with a draft made from a team: its leader then moves to another team and a
    late joiner takes the lead."""
    code = load_demo(store, teams=False)
    sid = store.session(code)["id"]
    st = {s["kind"]: s for s in store.stages(sid)}["teams"]
    people = store.participants(sid)
    idea = next(c for c in store.cards(sid) if "библиотеке" in c["text"])
    other = next(c for c in store.cards(sid) if c["id"] != idea["id"] and not c["is_group"]
                 and c["stage_id"] == idea["stage_id"])
    store.put_team_member(st["id"], people[0]["id"], idea["id"], leader=True)
    store.put_team_member(st["id"], people[2]["id"], idea["id"], leader=False)
    from workbench.drafts import idea_draft

    did = idea_draft(store, code, idea["id"])["id"]
    return code, sid, st, people, idea, other, did


def _move(store, st, people, idea, other):
    store.put_team_member(st["id"], people[0]["id"], other["id"], leader=False)  # the leader leaves
    store.put_team_member(st["id"], people[5]["id"], idea["id"], leader=True)   # a late joiner leads


def test_the_logic_check_says_who_joined_left_and_leads_now(wb):
    store = wb.store
    code, sid, st, people, idea, other, did = _team_session(store)
    assert [f for f in logic_check(store.draft(did), store=store) if f["field"] == "team"] == []
    _move(store, st, people, idea, other)
    leader, new = "Анна Петрова (Районная библиотека)", member_label(people[5])
    found = {f["code"]: f["message"] for f in logic_check(store.draft(did), store=store) if f["field"] == "team"}
    assert found == {
        "team_joined": f"На сессии в команду вошли, а в проекте их нет: {new}",
        "team_left": f"В проекте указаны, но на сессии не в этой команде: {leader}",
        "team_leader_changed": f"Лидер команды на сессии — {new}, а в проекте руководитель — {leader}"}
    en = [f["message"] for f in logic_check(store.draft(did), "en", store=store) if f["field"] == "team"]
    assert f"The team's leader at the session is {new}, but the draft names {leader} as leader" in en
    # without the store (a fields dict), the check is the draft's own logic, as before
    assert not [f for f in logic_check(store.draft(did)) if f["code"].startswith("team_") and f["code"] != "team_missing"]


def test_taking_the_session_team_follows_it_and_keeps_what_the_team_typed(wb):
    store = wb.store
    code, sid, st, people, idea, other, did = _team_session(store)
    team = store.draft(did)["fields"]["team"]
    # the team typed a role of its own for Maria, and added an accountant who was not at the session
    team[1]["role"] = "методист"
    team.append({"person": "Ольга Смирнова", "role": "бухгалтер"})
    from workbench.drafts import save_fields

    save_fields(store, did, {"team": team})
    _move(store, st, people, idea, other)
    done = take_session_team(store, did)
    new = member_label(people[5])
    assert done["added"] == [new] and done["removed"] == ["Анна Петрова (Районная библиотека)"]
    assert store.draft(did)["fields"]["team"] == [
        {"person": new, "role": "руководитель проекта"},
        {"person": "Мария Кузнецова (АНО «Северный край»)", "role": "методист"},
        {"person": "Ольга Смирнова", "role": "бухгалтер"}]
    assert [f for f in logic_check(store.draft(did), store=store) if f["field"] == "team"] == []
    document = _docx_of(wb, did)
    cells = [[c.text for c in row.cells] for row in document.tables[0].rows] + \
            [[c.text for c in row.cells] for t in document.tables[1:] for row in t.rows]
    assert [new, "руководитель проекта"] in cells and ["Анна Петрова (Районная библиотека)", "руководитель проекта"] \
        not in cells


def test_the_drafts_page_says_the_draft_team_differs_and_takes_the_session_team_in_one_click(wb):
    from workbench.ui.draft_editor import DraftPicker

    store = wb.store
    code, sid, st, people, idea, other, did = _team_session(store)
    _move(store, st, people, idea, other)
    picker = DraftPicker(wb, code)
    html = "".join(getattr(c, "value", "") for row in picker.ideas.children for c in getattr(row, "children", [row]))
    new = people[5]["name"]
    assert f"лидер: {new}" in html and "в проекте другой состав" in html
    assert "на сессии не в этой команде: Анна Петрова" in html
    picker.take_team_buttons[idea["id"]].click()
    assert "Состав команды взят из сессии" in picker.message.value and new in picker.message.value
    assert any(r["person"].startswith(new) and r["role"] == "руководитель проекта"
               for r in store.draft(did)["fields"]["team"])
    assert idea["id"] not in picker.take_team_buttons  # the page no longer says it differs
    assert "в проекте другой состав" not in "".join(
        getattr(c, "value", "") for row in picker.ideas.children for c in getattr(row, "children", [row]))


def test_the_team_page_shows_the_difference_and_a_draft_with_no_session_team_has_nothing_to_take(wb):
    from workbench.errors import WorkbenchError
    from workbench.session import team_links

    store = wb.store
    code, sid, st, people, idea, other, did = _team_session(store)
    _move(store, st, people, idea, other)
    token = team_links.team_link(store, did)["token"]
    said = [f["message"] for f in team_links.team_draft(store, token)["findings"]]
    assert f"Лидер команды на сессии — {member_label(people[5])}, а в проекте руководитель — " \
           "Анна Петрова (Районная библиотека)" in said
    alone = create_draft(store, sid, {"title": "Без команды", "team": [{"person": "Анна Петрова", "role": "член команды"}]})
    with pytest.raises(WorkbenchError) as e:
        take_session_team(store, alone)
    assert e.value.message() == "У этого проекта нет команды на сессии: брать состав неоткуда"
    assert store.draft(alone)["fields"]["team"] == [{"person": "Анна Петрова", "role": "член команды"}]


def test_a_role_the_team_typed_is_never_overwritten_and_the_message_says_so(wb):
    from workbench.drafts import save_fields, take_team_message

    store = wb.store
    code, sid, st, people, idea, other, did = _team_session(store)
    team = store.draft(did)["fields"]["team"]
    team[1]["role"] = "методист"  # Maria's role, typed by the team
    save_fields(store, did, {"team": team})
    store.put_team_member(st["id"], people[0]["id"], other["id"], leader=False)  # the leader leaves
    store.put_team_member(st["id"], people[2]["id"], idea["id"], leader=True)   # Maria leads now
    done = take_session_team(store, did)
    maria = "Мария Кузнецова (АНО «Северный край»)"
    assert store.draft(did)["fields"]["team"] == [{"person": maria, "role": "методист"}]
    assert take_team_message(done) == ("Состав команды взят из сессии: убраны — Анна Петрова (Районная библиотека); "
                                       f"роли, которые вписала команда, не менялись: {maria}: методист.")
    # the check still says who leads, for the team to write it in its own words
    assert [f["code"] for f in logic_check(store.draft(did), store=store) if f["field"] == "team"] == [
        "team_leader_missing"]
