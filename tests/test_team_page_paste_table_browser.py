"""Real Chromium on a real server: a table copied from Word or Excel and pasted into a table of
the team page (the activity plan, the partners) fills its rows and columns. Before, the one-line
cell kept the whole plan as one run of text in «Мероприятие», and the logic check said the
activity served no task and had no dates."""

from __future__ import annotations

import pytest

from workbench.demo import load_demo
from workbench.drafts import create_draft
from workbench.session import team_links
from workbench.testing import PHONE, act, wait_for

pytestmark = pytest.mark.browser

TASKS = ["Найти мастеров-гончаров", "Оборудовать мастерскую", "Провести 24 занятия"]
# Word's plain text of a table: a tab between cells, "\r\n" between rows, the heading row too
WORD_PLAN = ("Мероприятие\tЗадача (номер)\tСроки\tОтветственный\tРезультат\r\n"
             "Поиск мастеров\t1\tянварь 2025\tПетрова А.\t3 мастера\r\n"
             "Ремонт мастерской\t2\tфевраль–март 2025\tИванов И.\tмастерская готова\r\n"
             "Занятия для подростков\t3\tапрель–сентябрь 2025\tмастера\t24 занятия, 40 подростков\r\n")


@pytest.fixture(scope="module")
def team_server(serve):
    def prepare(wb):
        sid = wb.store.session(load_demo(wb.store, teams=False))["id"]
        out = []
        for n in range(2):  # a draft per test
            did = create_draft(wb.store, sid, {"title": f"Школа ремёсел {n}", "tasks": TASKS})
            out.append((did, team_links.team_link(wb.store, did)["token"]))
        return out

    return serve(prepare)


def _open(browser, server, token, **context):
    ctx = browser.new_context(**context)
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.base)
    page = ctx.new_page()
    page.goto(f"{server.base}/t/{token}")
    wait_for(lambda: page.locator("#title").inner_text().startswith("Школа ремёсел"), message="the page drawn")
    return ctx, page


def _paste(page, cell, text):  # as a member pastes: the text on the clipboard, then Ctrl+V in a cell
    page.evaluate("text => navigator.clipboard.writeText(text)", text)
    cell.focus()
    page.keyboard.press("Control+V")


def _field(server, did, name):
    return act(server, lambda wb: wb.store.draft(did)["fields"][name])


def test_a_plan_copied_from_word_is_a_row_per_activity_and_a_column_per_cell(team_server, browser):
    server, drafts = team_server
    did, token = drafts[0]
    ctx, page = _open(browser, server, token)
    try:
        _paste(page, page.locator("#f-activities input[data-col=activity]").first, WORD_PLAN)
        page.locator("[data-field=activities] .status[data-state=saved]").wait_for(timeout=10_000)
        wait_for(lambda: len(_field(server, did, "activities")) == 3, message="three activities stored")
        plan = _field(server, did, "activities")
        assert plan[0] == {"activity": "Поиск мастеров", "task": "1", "dates": "январь 2025",
                           "responsible": "Петрова А.", "result": "3 мастера"}
        assert [r["task"] for r in plan] == ["1", "2", "3"]
        assert plan[2]["result"] == "24 занятия, 40 подростков"
        # the page shows them as rows, with an empty row under them to type on
        cells = page.locator("#f-activities tbody tr input[data-col=dates]")
        assert cells.count() == 4 and cells.nth(1).input_value() == "февраль–март 2025"
        assert cells.nth(3).input_value() == ""
        # and the logic check no longer says an activity serves no task or has no dates
        page.wait_for_function("() => !document.querySelector('#logic').textContent.includes('не относится ни к одной задаче')",
                               timeout=10_000)
        assert "нет сроков" not in page.locator("#logic").inner_text()
    finally:
        ctx.close()


def test_excel_rows_pasted_on_a_phone_under_a_typed_partner_keep_it(team_server, browser):
    server, drafts = team_server
    did, token = drafts[1]
    ctx, page = _open(browser, server, token, **PHONE)
    try:
        first = page.locator("#f-partners input[data-col=organisation]").first
        first.fill("Администрация округа")
        page.locator("#f-partners input[data-col=contribution]").first.fill("зал")
        page.locator("[data-field=partners] button.add").tap()
        # Excel quotes a cell holding a line break; a single-line text pasted in a cell stays a cell's text
        excel = 'МБУК «Каргопольский ДК»\t"помещение\nи свет"\nТОС «Ошевенский»\tволонтёры\n'
        _paste(page, page.locator("#f-partners tbody tr").nth(1).locator("input[data-col=organisation]"), excel)
        wait_for(lambda: len(_field(server, did, "partners")) == 3, message="three partners stored")
        assert _field(server, did, "partners") == [
            {"organisation": "Администрация округа", "contribution": "зал"},
            {"organisation": "МБУК «Каргопольский ДК»", "contribution": "помещение и свет"},
            {"organisation": "ТОС «Ошевенский»", "contribution": "волонтёры"}]
        last = page.locator("#f-partners tbody tr").last.locator("input[data-col=organisation]")
        _paste(page, last, "Школа №1 имени Ё. Ёлкина")
        page.locator("[data-field=partners] .status[data-state=saved]").wait_for(timeout=10_000)
        assert last.input_value() == "Школа №1 имени Ё. Ёлкина"
        assert page.locator("#f-partners tbody tr").nth(3).locator("input[data-col=contribution]").input_value() == ""
    finally:
        ctx.close()
