"""Real Chromium on the demo session: what staff and a team trip over on the draft pages.
A list of tasks pasted from Word into the staff editor's task row becomes a task per row (the
browser had joined its lines into one task, which the logic check and the DOCX then showed as one)."""

from __future__ import annotations

import pytest

from workbench.demo import load_demo
from workbench.testing import act, wait_for

pytestmark = pytest.mark.browser
PASTED = "•\tНайти мастеров ремёсел\n•\tПровести 12 занятий 🧶\n•\tУстроить выставку"


@pytest.fixture(scope="module")
def demo_drafts(serve):
    def prepare(wb):
        code = load_demo(wb.store)  # two teams, each with its pre-filled draft
        return [d["id"] for d in wb.store.drafts(wb.store.session(code)["id"])]

    return serve(prepare)


def _editor(browser, server, did, width=1280):
    page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    page.goto(server.projector_url("KARGO1"))  # staff log in with the token
    page.goto(f"{server.base}/voila/render/draft.ipynb?draft={did}")
    page.locator(".wb-f-goal textarea").wait_for(timeout=60_000)
    return page


def test_a_list_pasted_into_a_task_row_becomes_a_task_per_row(demo_drafts, browser):
    server, (did, _other) = demo_drafts
    page = _editor(browser, server, did)
    tasks = page.locator(".wb-f-tasks")
    tasks.get_by_role("button", name="Добавить строку").click()
    cells = tasks.locator("input")
    wait_for(lambda: cells.count() == 1, message="the new task row")
    cells.first.focus()
    page.keyboard.insert_text(PASTED)  # as Ctrl+V puts it: the browser joins the lines
    wait_for(lambda: cells.count() == 3, timeout=15, message="a row per pasted task")
    assert [cells.nth(i).input_value() for i in range(3)] == [
        "Найти мастеров ремёсел", "Провести 12 занятий 🧶", "Устроить выставку"]
    assert tasks.inner_text().split() == ["1.", "2.", "3.", "Добавить", "строку"]
    wait_for(lambda: act(server, lambda wb: wb.store.draft(did)["fields"]["tasks"]) == [
        "Найти мастеров ремёсел", "Провести 12 занятий 🧶", "Устроить выставку"], timeout=15,
        message="three tasks saved")
    page.locator(".wb-message").get_by_text("Сохранено").wait_for(timeout=15_000)
    logic = page.locator(".wb-logic")
    wait_for(lambda: "Для задачи 3 «Устроить выставку» нет ни одного мероприятия" in logic.inner_text(),
             timeout=15, message="the logic check on each task")
    assert "•" not in logic.inner_text()
    page.reload()
    page.locator(".wb-f-goal textarea").wait_for(timeout=60_000)
    cells = page.locator(".wb-f-tasks input")
    wait_for(lambda: cells.count() == 3, message="the tasks after a reload")
    assert cells.nth(1).input_value() == "Провести 12 занятий 🧶"


TABS_CUT = """() => [...document.querySelectorAll('.wb-analysis .lm-TabBar-tab')]
  .filter(tab => tab.querySelector('.lm-TabBar-tabLabel').scrollWidth > tab.querySelector('.lm-TabBar-tabLabel').clientWidth
                 || tab.getBoundingClientRect().right > window.innerWidth)
  .map(tab => tab.textContent)"""
OFF_SCREEN = """() => [...document.querySelectorAll('.wb-analysis select, .wb-analysis input[type=text], .wb-analysis button')]
  .filter(el => el.offsetParent !== null && el.getBoundingClientRect().right > window.innerWidth + 1)
  .map(el => el.textContent || el.placeholder || el.value)"""


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_analysis_page_on_a_phone_shows_every_tab_and_filter_whole(demo_drafts, browser, lang):
    server, _ = demo_drafts
    page = browser.new_page(viewport={"width": 400, "height": 900})
    page.goto(server.projector_url("KARGO1"))
    page.goto(f"{server.base}/voila/render/analysis.ipynb?lang={lang}")
    page.wait_for_selector(".wb-rank-people tbody tr", timeout=90_000)
    tabs = page.get_by_role("tab")
    names = ["Люди", "Повторное участие", "Совпадения имён"] if lang == "ru" else ["People", "Repeat attendance", "Name matches"]
    for name in names:
        assert tabs.get_by_text(name, exact=True).is_visible()
    assert page.evaluate(TABS_CUT) == []
    assert page.evaluate(OFF_SCREEN) == []  # the sector, the dates and «Сбросить фильтры» too
    tabs.get_by_text(names[2], exact=True).click()  # a tab on the second line opens
    page.locator(".wb-analysis .lm-TabBar-tab.lm-mod-current").get_by_text(names[2]).wait_for(timeout=15_000)
