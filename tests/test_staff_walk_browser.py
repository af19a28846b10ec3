"""Real Chromium on the demo session: what staff and a team trip over on the draft pages.
A list of tasks pasted from Word into the staff editor's task row becomes a task per row (the
browser had joined its lines into one task, which the logic check and the DOCX then showed as one);
the analysis page at 400 px shows its tabs and filters whole; on a phone the team page's tables
are a card per row, each cell under its column's name (side by side they were cut to a few letters);
two staff adding a task each to one draft at once both keep theirs (they had to choose one);
«Изменить статус» with nothing changed says so instead of logging the same status again; a member's
name, typed once in a comment's name box, fills the other fields' name boxes; a field typed in
and the page left at once («← все проекты») is saved (it was lost with the page's kernel); the drafts
list and funnel scroll sideways on a phone (their last columns were cut off)."""

from __future__ import annotations

import pytest

from workbench.demo import load_demo
from workbench.session import team_links
from workbench.testing import act, wait_for

pytestmark = pytest.mark.browser
# a list Word flattened into one line (its box keeps line breaks now: a plain pasted list is
# tests/test_staff_draft_browser.py's)
PASTED = "• Найти мастеров ремёсел • Провести 12 занятий 🧶 • Устроить выставку"


@pytest.fixture(scope="module")
def demo_drafts(serve):
    def prepare(wb):
        code = load_demo(wb.store)  # two teams, each with its pre-filled draft
        ids = [d["id"] for d in wb.store.drafts(wb.store.session(code)["id"])]
        return ids, team_links.team_link(wb.store, ids[0])["token"]

    return serve(prepare)


def _editor(browser, server, did, width=1280):
    page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    page.goto(server.projector_url("KARGO1"))  # staff log in with the token
    page.goto(f"{server.base}/voila/render/draft.ipynb?draft={did}")
    page.locator(".wb-f-goal textarea").wait_for(timeout=60_000)
    return page


def test_a_list_pasted_into_a_task_row_becomes_a_task_per_row(demo_drafts, browser):
    server, ((did, _other), _token) = demo_drafts
    page = _editor(browser, server, did)
    tasks = page.locator(".wb-f-tasks")
    tasks.get_by_role("button", name="Добавить строку").click()
    cells = tasks.locator("textarea")
    wait_for(lambda: cells.count() == 1, message="the new task row")
    cells.first.focus()
    page.keyboard.insert_text(PASTED)
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
    cells = page.locator(".wb-f-tasks textarea")
    wait_for(lambda: cells.count() == 3, message="the tasks after a reload")
    assert cells.nth(1).input_value() == "Провести 12 занятий 🧶"


TABS_CUT = """() => [...document.querySelectorAll('.wb-analysis .lm-TabBar-tab')]
  .filter(tab => tab.querySelector('.lm-TabBar-tabLabel').scrollWidth > tab.querySelector('.lm-TabBar-tabLabel').clientWidth
                 || tab.getBoundingClientRect().right > window.innerWidth)
  .map(tab => tab.textContent)"""
OFF_SCREEN = """() => [...document.querySelectorAll('.wb-analysis select, .wb-analysis input[type=text], .wb-analysis button')]
  .filter(el => el.offsetParent !== null && el.getBoundingClientRect().right > window.innerWidth + 1)
  .map(el => el.textContent || el.placeholder || el.value)"""


def _staff_page_on_a_phone(server, browser, notebook: str):
    """A staff page (a Voila notebook and its query) opened signed in, 400 px wide."""
    page = browser.new_page(viewport={"width": 400, "height": 900})
    page.goto(server.projector_url("KARGO1"))  # signs in
    page.goto(f"{server.base}/voila/render/{notebook}")
    return page


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_analysis_page_on_a_phone_shows_every_tab_and_filter_whole(demo_drafts, browser, lang):
    server, _ = demo_drafts
    page = _staff_page_on_a_phone(server, browser, f"analysis.ipynb?lang={lang}")
    page.wait_for_selector(".wb-rank-people tbody tr", timeout=90_000)
    tabs = page.get_by_role("tab")
    names = ["Люди", "Повторное участие", "Совпадения имён"] if lang == "ru" else ["People", "Repeat attendance", "Name matches"]
    for name in names:
        assert tabs.get_by_text(name, exact=True).is_visible()
    assert page.evaluate(TABS_CUT) == []
    assert page.evaluate(OFF_SCREEN) == []  # the sector, the dates and «Сбросить фильтры» too
    tabs.get_by_text(names[2], exact=True).click()  # a tab on the second line opens
    page.locator(".wb-analysis .lm-TabBar-tab.lm-mod-current").get_by_text(names[2]).wait_for(timeout=15_000)


CUT_CELLS = """() => [...document.querySelectorAll('#f-team input')]
  .filter(i => i.scrollWidth > i.clientWidth).map(i => i.value)"""


def test_the_team_table_on_a_phone_shows_each_member_whole_under_the_column_names(demo_drafts, browser):
    server, (_ids, token) = demo_drafts
    ctx = browser.new_context(viewport={"width": 400, "height": 900}, is_mobile=True, has_touch=True)
    page = ctx.new_page()
    page.goto(f"{server.base}/t/{token}")
    cells = page.locator("#f-team input")
    wait_for(lambda: cells.count() >= 10 and cells.first.input_value(), message="the team's table")
    assert cells.first.input_value() == "Анна Петрова (Районная библиотека)"
    assert cells.first.is_visible() and cells.nth(1).input_value() == "руководитель проекта"
    assert page.evaluate(CUT_CELLS) == []  # «Анна Петрова (Районный б…» before
    names = page.locator("#f-team td").evaluate_all(
        "tds => tds.slice(0, 2).map(td => getComputedStyle(td, '::before').content)")
    assert names == ['"Участник"', '"Роль"']
    first, second = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
    assert second["y"] > first["y"] and first["x"] + first["width"] <= 400  # under each other, on screen
    page.locator("[data-field=team]").get_by_role("button", name="+ Добавить строку").tap()
    wait_for(lambda: page.evaluate("() => document.activeElement.dataset.col") == "person", message="the new row")
    page.keyboard.type("Пётр Ёлкин 🙂")
    page.keyboard.press("Tab")
    wait_for(lambda: act(server, lambda wb: wb.store.draft(_ids[0])["fields"]["team"][-1]["person"]) == "Пётр Ёлкин 🙂",
             timeout=15, message="the new member saved")
    ctx.close()
    wide = browser.new_page(viewport={"width": 1280, "height": 900})
    wide.goto(f"{server.base}/t/{token}")
    wide.locator("#f-team th").first.wait_for()
    assert wide.locator("#f-team th").all_inner_texts() == ["Участник", "Роль"]  # headings over the columns
    one, two = wide.locator("#f-team input").nth(0).bounding_box(), wide.locator("#f-team input").nth(1).bounding_box()
    assert abs(one["y"] - two["y"]) < 2  # side by side


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_drafts_page_on_a_phone_shows_create_a_draft_whole(demo_drafts, browser, lang):
    server, _ = demo_drafts
    page = _staff_page_on_a_phone(server, browser, f"draft.ipynb?session=KARGO1&lang={lang}")
    name = "Создать проект" if lang == "ru" else "Create a draft"
    buttons = page.get_by_role("button", name=name)
    buttons.first.wait_for(timeout=60_000)
    assert buttons.count() >= 5
    cut = buttons.evaluate_all("bs => bs.filter(b => b.scrollWidth > b.clientWidth"
                               " || b.getBoundingClientRect().right > window.innerWidth).map(b => b.textContent)")
    assert cut == []  # «+ Созд…» before
    assert all(name in text for text in buttons.all_inner_texts())
    # the drafts list and the funnel: each scrolls sideways in its box, so the logic check's
    # column (cut off the screen before) is reached
    boxes = page.locator(".wb-d-scroll")
    assert boxes.count() == 3
    for i in range(3):
        right, overflow = boxes.nth(i).evaluate("b => [b.getBoundingClientRect().right, getComputedStyle(b).overflowX]")
        assert right <= 400 and overflow == "auto"
    boxes.first.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
    last = boxes.first.locator("th").last
    assert last.inner_text() == ("Проверка логики" if lang == "ru" else "Logic check")
    assert last.evaluate("th => th.getBoundingClientRect().right") <= 400


def test_two_staff_adding_a_task_each_at_once_both_keep_theirs(demo_drafts, browser):
    server, ((_first, did), _token) = demo_drafts
    anna, boris = _editor(browser, server, did), _editor(browser, server, did)
    typed = {"Найти мастеров ремёсел": anna, "Провести 12 занятий": boris}
    for page in typed.values():
        page.locator(".wb-f-tasks").get_by_role("button", name="Добавить строку").click()
    for text, page in typed.items():
        page.locator(".wb-f-tasks textarea").last.fill(text)
    wait_for(lambda: sorted(act(server, lambda wb: wb.store.draft(did)["fields"]["tasks"])) == sorted(typed),
             timeout=20, message="both tasks stored")
    for page in typed.values():  # each form shows both, says «Сохранено», asks nothing
        cells = page.locator(".wb-f-tasks textarea")
        wait_for(lambda cells=cells: sorted(c.input_value() for c in cells.all()) == sorted(typed), timeout=15,
                 message="both tasks on each form")
        page.locator(".wb-message").get_by_text("Сохранено").wait_for(timeout=15_000)
        assert page.locator(".wb-conflict-tasks").is_hidden()


def test_change_status_with_nothing_changed_says_so_and_logs_nothing(demo_drafts, browser):
    server, ((_first, did), _token) = demo_drafts
    page = _editor(browser, server, did)
    history = page.locator(".wb-status-log li")
    wait_for(lambda: history.count() == 1, message="the draft's status history")
    said = page.locator(".wb-msg-status")
    page.get_by_role("button", name="Изменить статус").click()
    said.get_by_text("Статус уже «Черновик»: выберите другой или напишите комментарий").wait_for(timeout=15_000)
    assert history.count() == 1 and len(act(server, lambda wb: wb.store.status_log(did))) == 1
    page.locator(".wb-draft-side select").select_option(label="Консультация")
    page.get_by_role("button", name="Изменить статус").click()
    said.get_by_text("Сохранено").wait_for(timeout=15_000)
    wait_for(lambda: history.count() == 2 and "Консультация" in history.nth(1).inner_text(), message="the new status")


def test_a_members_name_typed_once_signs_the_comments_on_other_fields(demo_drafts, browser):
    server, (_ids, token) = demo_drafts
    page = browser.new_page(viewport={"width": 400, "height": 900})
    page.goto(f"{server.base}/t/{token}")
    goal, problem = page.locator("[data-field=goal]"), page.locator("[data-field=problem]")
    goal.locator(".ctext").wait_for()
    problem.locator(".author").fill("Пётр Ёлкин")  # typed once, on one field
    assert goal.locator(".author").input_value() == "Пётр Ёлкин"
    goal.locator(".ctext").fill("Добавьте срок 🙂")
    goal.get_by_role("button", name="Комментировать").click()
    goal.locator(".comments").get_by_text("Пётр Ёлкин").wait_for(timeout=15_000)
    assert goal.locator(".comments").inner_text() == "Пётр Ёлкин: Добавьте срок 🙂"
    page.locator("[data-field=media] .author").fill("Пётр")  # a name changed: still one name everywhere
    assert goal.locator(".author").input_value() == "Пётр"


def test_a_field_typed_in_and_left_at_once_is_saved(demo_drafts, browser):
    server, ((_first, did), _token) = demo_drafts
    page = _editor(browser, server, did)
    page.locator(".wb-f-sustainability textarea").fill("Клуб продолжит работу при библиотеке ёлочным базаром")
    page.get_by_text("← все проекты").click()  # within the pause before the field saves itself
    page.get_by_role("button", name="Создать проект").first.wait_for(timeout=60_000)  # the drafts page
    wait_for(lambda: act(server, lambda wb: wb.store.draft(did)["fields"]["sustainability"])
             == "Клуб продолжит работу при библиотеке ёлочным базаром", timeout=20, message="the text saved")
