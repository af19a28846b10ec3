"""Between sessions (issue 17): the grant form complete in the DOCX, the public results page's
content without personal data, field-level merge of a team's draft, the facilitator's panel."""

from __future__ import annotations

import docx
import pytest

from workbench.demo import load_demo
from workbench.drafts import create_draft
from workbench.errors import NotFound, WorkbenchError
from workbench.exports import draft_file
from workbench.grant import format_rub
from workbench.session import public, team_links
from workbench.ui.draft_editor import draft_view

GRANT = {
    "title": "Школа ремёсел", "grant_direction": "Сохранение исторической памяти",
    "summary": "Подростки учатся ремёслам у мастеров округа.", "timeline": "01.03.2026 – 30.11.2026",
    "media": "Группа ВКонтакте, районная газета", "cofinancing": "Библиотека даёт помещение",
    "budget": [{"item": "Материалы", "amount": "120000", "cofinancing": "30 000"},
               {"item": "Аренда", "amount": "15 500,50", "cofinancing": ""}],
}


def _paragraphs(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_docx_has_the_grant_form_sections_in_order_and_totals_in_roubles(wb, tmp_path):
    sid = wb.store.session(wb.store.create_session("Демо"))["id"]
    did = create_draft(wb.store, sid, GRANT)
    name, data = draft_file(wb.store, did, "docx")
    (tmp_path / name).write_bytes(data)
    document = docx.Document(str(tmp_path / name))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    expected = ["Грантовое направление", "Краткое описание проекта", "Территория реализации",
                "Сроки реализации проекта", "Описание проблемы", "Информационное сопровождение",
                "Ресурсы и бюджет", "Софинансирование: источники и вклад"]
    positions = [headings.index(h) for h in expected]
    assert positions == sorted(positions), headings
    text = "\n".join(_paragraphs(document))
    assert "Сохранение исторической памяти" in text and "01.03.2026 – 30.11.2026" in text
    budget = document.tables[-1]
    cells = [[c.text for c in row.cells] for row in budget.rows]
    assert cells[0] == ["Статья расходов", "Запрашиваемая сумма", "Софинансирование", "Всего"]
    assert cells[1] == ["Материалы", "120\u00a0000\u00a0₽", "30\u00a0000\u00a0₽", "150\u00a0000\u00a0₽"]
    assert cells[-1] == ["Итого", "135\u00a0500,50\u00a0₽", "30\u00a0000\u00a0₽", "165\u00a0500,50\u00a0₽"]
    assert "софинансирование: 30\u00a0000\u00a0₽ (18,1 %)" in text
    assert "120000" not in text + "".join(c for row in cells for c in row)


def test_markdown_prints_the_budget_with_totals(wb):
    sid = wb.store.session(wb.store.create_session("Демо"))["id"]
    did = create_draft(wb.store, sid, GRANT)
    md = draft_file(wb.store, did, "md")[1].decode()
    assert "| **Итого** | **135\u00a0500,50\u00a0₽** | **30\u00a0000\u00a0₽** | **165\u00a0500,50\u00a0₽** |" in md
    assert md.index("## Грантовое направление") < md.index("## Описание проблемы") < md.index("## Ресурсы и бюджет")


def test_amounts_are_formatted_russian_style():
    assert format_rub(1234567) == "1\u00a0234\u00a0567\u00a0₽"
    assert format_rub("999.5") == "999,50\u00a0₽"


def test_a_draft_saved_before_the_new_fields_still_exports_and_edits(wb):
    sid = wb.store.session(wb.store.create_session("Демо"))["id"]
    did = wb.store.add_draft(sid, {"title": "Старый проект", "goal": "40 человек к маю"})  # old fields only
    assert "Старый проект" in draft_file(wb.store, did, "md")[1].decode()
    editor = draft_view(wb, did).view
    assert editor.inputs["summary"].value == ""
    editor.inputs["summary"].value = "Кратко о проекте"
    assert wb.store.draft(did)["fields"]["summary"] == "Кратко о проекте"
    budget = editor.inputs["budget"]
    budget.set_value([{"item": "Материалы", "amount": "120000", "cofinancing": "30000"}])
    editor.save_field("budget")
    assert "Стоимость проекта: 150\u00a0000\u00a0₽" in editor.logic.value


# --- team links: field-level merge ------------------------------------------------------------

def _team(wb):
    sid = wb.store.session(wb.store.create_session("Демо"))["id"]
    did = create_draft(wb.store, sid, {"title": "Школа ремёсел"})
    return did, team_links.team_link(wb.store, did)["token"]


def test_different_fields_merge_and_the_same_field_conflicts_without_loss(wb):
    did, token = _team(wb)
    start = team_links.team_draft(wb.store, token)["versions"]
    team_links.save_field(wb.store, token, "goal", "Обучить 40 подростков к маю 2026", start["goal"])
    team_links.save_field(wb.store, token, "summary", "Кратко", start["summary"])  # same start: merged
    with pytest.raises(team_links.FieldConflict) as e:
        team_links.save_field(wb.store, token, "goal", "Обучить 50 подростков", start["goal"])
    assert e.value.status == 409 and e.value.value == "Обучить 40 подростков к маю 2026"
    assert "«Цель проекта»" in e.value.message()
    fields = wb.store.draft(did)["fields"]
    assert fields["goal"] == "Обучить 40 подростков к маю 2026" and fields["summary"] == "Кратко"
    # Saved again on purpose from the version now stored: the member's text wins, nothing lost.
    team_links.save_field(wb.store, token, "goal", "Обучить 50 подростков", e.value.version)
    assert wb.store.draft(did)["fields"]["goal"] == "Обучить 50 подростков"


def test_the_facilitators_editor_and_the_team_page_see_each_others_saves(wb):
    did, token = _team(wb)
    editor = draft_view(wb, did).view
    before = team_links.team_draft(wb.store, token)["versions"]["problem"]
    editor.inputs["problem"].value = "Подросткам некуда пойти"  # saved by the Voila editor
    with pytest.raises(team_links.FieldConflict):
        team_links.save_field(wb.store, token, "problem", "Другой текст", before)
    assert wb.store.draft(did)["fields"]["problem"] == "Подросткам некуда пойти"


def test_comments_and_bad_input_are_clear(wb):
    did, token = _team(wb)
    team_links.add_comment(wb.store, token, "goal", "  Анна ", "Где срок?")
    assert [(c["field"], c["author"], c["text"]) for c in team_links.team_draft(wb.store, token)["comments"]] \
        == [("goal", "Анна", "Где срок?")]
    with pytest.raises(WorkbenchError, match="comment_empty"):
        team_links.add_comment(wb.store, token, "goal", "", "   ")
    with pytest.raises(WorkbenchError, match="draft_field_unknown"):
        team_links.save_field(wb.store, token, "colour", "red", 0)
    with pytest.raises(WorkbenchError, match="draft_title_empty"):
        team_links.save_field(wb.store, token, "title", " ", 0)
    with pytest.raises(NotFound):
        team_links.team_draft(wb.store, "x" * 22)
    assert wb.store.draft(did)["title"] == "Школа ремёсел"
    # A text too long is named as the form labels it, the column of a table too, in both languages.
    with pytest.raises(WorkbenchError) as e:
        team_links.save_field(wb.store, token, "partners", [{"organisation": "Д" * 601}], 0)
    assert e.value.message("ru") == "Поле «Партнёры проекта», столбец «Организация»: в клетке больше 600 символов"
    assert e.value.message("en") == "Field 'Partners', column 'Organisation': a cell is longer than 600 characters"
    with pytest.raises(WorkbenchError) as e:
        team_links.save_field(wb.store, token, "title", "Ш" * 301, 0)
    assert e.value.message("ru") == "Поле «Название проекта» длиннее 300 символов"
    assert wb.store.draft(did)["fields"].get("partners", []) == []


# --- the public page ---------------------------------------------------------------------------

def test_public_results_are_off_by_default_and_hold_nothing_personal(wb):
    code = load_demo(wb.store)
    assert public.public_link(wb.store, code) == {"enabled": False, "token": "", "path": ""}
    link = public.set_public(wb.store, code, True)
    page = public.public_results(wb.store, link["token"])
    assert [st["kind"] for st in page["stages"]] == ["problems", "growth", "vision", "ideas"]
    assert page["voting"] and page["voting"][0]["rows"][0]["rank"] == 1
    assert len(page["teams"]) == 2 and all(tm["members"] == 5 for tm in page["teams"])
    assert len(page["drafts"]) == 2
    # the date as the protocol and the poster write it, not the store's 2019-10-12
    assert page["session"]["date"] == "12 октября 2019 г."
    assert public.public_results(wb.store, link["token"], "en")["session"]["date"] == "12 October 2019"
    text = repr(page)
    for p in wb.store.participants(wb.store.session(code)["id"]):
        assert (not p["name"] or p["name"] not in text) and p["token"] not in text
    public.set_public(wb.store, code, False)
    with pytest.raises(NotFound):
        public.public_results(wb.store, link["token"])
    assert public.set_public(wb.store, code, True)["token"] == link["token"]  # the same link again


def test_the_facilitator_turns_the_page_on_and_makes_team_links(wb):
    code = load_demo(wb.store)
    picker = draft_view(wb, session=code).view
    panel = picker.sharing
    assert "wb-public-url" not in panel.public_link.value
    panel.public.value = True
    link = public.public_link(wb.store, code)
    assert link["enabled"] and link["path"] in panel.public_link.value
    first = next(iter(panel.make_buttons))
    panel.make_buttons[first].click()
    token = wb.store.team_links([first])[first]
    assert f"t/{token}" in panel.teams.children[1].value
    panel.public.value = False
    assert not public.public_link(wb.store, code)["enabled"]
