"""Real Chromium on a real server: staff have a draft open in the drafts notebook while its team
edits it on the team page. The staff form shows the team's saves without a reload, «Сохранить
всё» puts nothing old back, the staff's own edit reaches the team page, the tables have column
headings; a table staff and the team changed in different rows is merged (both rows kept, the
member's shown on the staff form), and a row both changed shows both versions in words until
staff choose."""

from __future__ import annotations

import time

import pytest

from workbench.demo import load_demo
from workbench.drafts import create_draft
from workbench.session import team_links
from workbench.testing import act, wait_for

pytestmark = pytest.mark.browser
PARTNER = {"organisation": "Библиотека", "contribution": "зал"}
TEAMS_ROW = {"organisation": "Школа", "contribution": "учителя"}


@pytest.fixture(scope="module")
def staff_and_team(serve):
    def prepare(wb):
        code = load_demo(wb.store, teams=False)
        did = create_draft(wb.store, wb.store.session(code)["id"],
                           {"title": "Школа ремёсел", "goal": "Обучить подростков",
                            "qualitative_results": "Подростки заняты делом", "partners": [PARTNER]})
        return did, team_links.team_link(wb.store, did)["token"]

    return serve(prepare)


def _fields(server, did):
    return act(server, lambda wb: wb.store.draft(did)["fields"])


def test_staff_and_team_on_one_draft_lose_nothing(staff_and_team, browser):
    server, (did, token) = staff_and_team
    staff_ctx, team_ctx = browser.new_context(viewport={"width": 1366, "height": 900}), browser.new_context()
    try:
        staff, team = staff_ctx.new_page(), team_ctx.new_page()
        staff.goto(server.projector_url("KARGO1"))  # staff log in with the token
        staff.goto(f"{server.base}/voila/render/draft.ipynb?draft={did}")
        goal = staff.locator(".wb-f-goal textarea")
        goal.wait_for(timeout=60_000)
        assert goal.input_value() == "Обучить подростков"
        # the tables have headings over their columns, not only placeholders
        assert staff.locator(".wb-f-partners .wb-d-colhead").all_inner_texts() == ["Организация", "Вклад партнёра"]

        # The team changes two fields on its page.
        team.goto(f"{server.base}/t/{token}")
        wait_for(lambda: team.locator("#f-goal").input_value() == "Обучить подростков", message="the team page")
        team.locator("#f-goal").fill("Обучить 40 подростков ремёслам к маю 2026 года")
        team.locator("#f-qualitative_results").fill("Подростки умеют работать руками")
        team.locator("#f-qualitative_results").press("Tab")
        wait_for(lambda: _fields(server, did)["qualitative_results"] == "Подростки умеют работать руками"
                 and _fields(server, did)["goal"].startswith("Обучить 40"), message="the team's saves")
        saved = time.monotonic()
        # The staff form shows them without a reload (the deadline is generous on a busy machine).
        wait_for(lambda: goal.input_value().startswith("Обучить 40"), timeout=5, message="the team's goal on the staff form")
        wait_for(lambda: staff.locator(".wb-f-qualitative_results textarea").input_value()
                 == "Подростки умеют работать руками", timeout=5, message="the team's results on the staff form")
        print(f"the team's save on the staff form after {time.monotonic() - saved:.2f} s")
        assert "Цель неизмерима" not in staff.locator(".wb-logic").inner_text()

        # «Сохранить всё» puts nothing old back.
        staff.get_by_role("button", name="Сохранить всё").click()
        staff.locator(".wb-message").get_by_text("Все правки сохранены").wait_for(timeout=15_000)
        fields = _fields(server, did)
        assert fields["goal"] == "Обучить 40 подростков ремёслам к маю 2026 года"
        assert fields["qualitative_results"] == "Подростки умеют работать руками"
        assert team.locator("#f-goal").input_value() == "Обучить 40 подростков ремёслам к маю 2026 года"

        # The staff's remark saves itself and reaches the team page.
        staff.locator(".wb-f-causes textarea").fill("Замечание: назовите причины")
        wait_for(lambda: _fields(server, did)["causes"] == "Замечание: назовите причины", timeout=15,
                 message="the staff's remark saved")
        wait_for(lambda: team.locator("#f-causes").input_value() == "Замечание: назовите причины", timeout=15,
                 message="the staff's remark on the team page")
        staff.locator(".wb-message").get_by_text("Сохранено").wait_for(timeout=15_000)

        # Different rows of a table: staff start a new row, a member adds a partner on the team
        # page meanwhile, then staff fix row 1's contribution. The save merges the two: no
        # conflict, the member's row appears on the staff form, and the staff's new row stays.
        partners = staff.locator(".wb-f-partners")
        team_cells = team.locator("#f-partners input")
        partners.get_by_role("button", name="Добавить строку").click()
        wait_for(lambda: partners.locator("textarea").count() == 4, message="the staff's new row")
        team_cells.nth(2).fill("Школа")
        team_cells.nth(3).fill("учителя")
        team_cells.nth(3).press("Tab")
        wait_for(lambda: _fields(server, did)["partners"] == [PARTNER, TEAMS_ROW], timeout=15, message="the member's row")
        partners.locator("textarea").nth(1).fill("зал и проектор")
        fixed = {"organisation": "Библиотека", "contribution": "зал и проектор"}
        wait_for(lambda: _fields(server, did)["partners"] == [fixed, TEAMS_ROW], timeout=15, message="the merged table")
        wait_for(lambda: partners.locator("textarea").count() == 6
                 and partners.locator("textarea").nth(2).input_value() == "Школа", timeout=15,
                 message="the member's row on the staff form")
        assert [partners.locator("textarea").nth(i).input_value() for i in range(6)] == [
            "Библиотека", "зал и проектор", "Школа", "учителя", "", ""]
        message = staff.locator(".wb-message")
        message.get_by_text("Правки команды в «Партнёры проекта» тоже сохранены").wait_for(timeout=15_000)
        assert message.inner_text().startswith("Сохранено")
        assert staff.locator(".wb-conflict-partners").is_hidden()
        wait_for(lambda: team_cells.nth(1).input_value() == "зал и проектор", timeout=15,
                 message="the staff's fix on the team page")
        assert team_cells.nth(2).input_value() == "Школа"
        partners.locator("textarea").nth(4).fill("Дом культуры")  # the staff's row, under the member's
        wait_for(lambda: len(_fields(server, did)["partners"]) == 3, timeout=15, message="the staff's row saved")
        assert _fields(server, did)["partners"] == [fixed, TEAMS_ROW, {"organisation": "Дом культуры", "contribution": ""}]
        wait_for(lambda: team_cells.nth(4).input_value() == "Дом культуры", timeout=15,
                 message="the staff's row on the team page")

        # The same row: the member changes row 1's contribution while staff (a new row started,
        # so the form keeps their copy) change it too. The staff's save shows both tables in
        # words, nothing is overwritten, and staff keep the member's row.
        partners.get_by_role("button", name="Добавить строку").click()
        wait_for(lambda: partners.locator("textarea").count() == 8, message="the staff's new row")
        team_cells.nth(1).fill("зал и сцена")
        team_cells.nth(1).press("Tab")
        wait_for(lambda: _fields(server, did)["partners"][0]["contribution"] == "зал и сцена", timeout=15,
                 message="the member's change of row 1")
        partners.locator("textarea").nth(1).fill("зал по субботам")
        conflict = staff.locator(".wb-conflict-partners")
        conflict.wait_for(state="visible", timeout=15_000)
        text = conflict.inner_text()
        assert "Кто-то только что сохранил поле «Партнёры проекта»" in text
        assert "1. Организация: Библиотека; Вклад партнёра: зал и сцена" in text
        assert "1. Организация: Библиотека; Вклад партнёра: зал по субботам" in text
        assert "2. Организация: Школа; Вклад партнёра: учителя" in text
        assert "{" not in text and "organisation" not in text
        assert _fields(server, did)["partners"][0]["contribution"] == "зал и сцена"  # the member's text stays
        assert "Не сохранено: «Партнёры проекта» изменили" in message.inner_text()

        conflict.get_by_role("button", name="Оставить сохранённый текст").click()
        conflict.wait_for(state="hidden", timeout=15_000)
        wait_for(lambda: partners.locator("textarea").nth(1).input_value() == "зал и сцена",
                 message="the member's row 1 on the staff form")
        assert _fields(server, did)["partners"] == [{"organisation": "Библиотека", "contribution": "зал и сцена"},
                                                    TEAMS_ROW, {"organisation": "Дом культуры", "contribution": ""}]
    finally:
        staff_ctx.close()
        team_ctx.close()


LINES = ["Найти мастеров ремёсел", "Провести 12 занятий 🧶", "Устроить выставку"]


def test_a_plain_list_pasted_into_a_task_row_is_a_task_per_line(staff_and_team, browser):
    """A list without bullets (copied from Word or a chat), pasted with Ctrl+V into the staff
    editor's task row: the one-line box had joined its lines into one task."""
    server, _ = staff_and_team
    did = act(server, lambda wb: create_draft(wb.store, wb.store.session("KARGO1")["id"], {"title": "Ярмарка"}))
    ctx = browser.new_context(viewport={"width": 1366, "height": 900})
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.base)
    try:
        page = ctx.new_page()
        page.goto(server.projector_url("KARGO1"))  # staff log in with the token
        page.goto(f"{server.base}/voila/render/draft.ipynb?draft={did}")
        tasks = page.locator(".wb-f-tasks")
        tasks.get_by_role("button", name="Добавить строку").wait_for(timeout=60_000)
        tasks.get_by_role("button", name="Добавить строку").click()
        cells = tasks.locator("textarea")
        wait_for(lambda: cells.count() == 1, message="the new task row")
        page.evaluate("text => navigator.clipboard.writeText(text)", "\r\n".join(LINES) + "\r\n")
        cells.first.focus()
        page.keyboard.press("Control+V")
        wait_for(lambda: cells.count() == 3, timeout=15, message="a row per pasted line")
        assert [cells.nth(i).input_value() for i in range(3)] == LINES
        assert tasks.inner_text().split() == ["1.", "2.", "3.", "Добавить", "строку"]
        wait_for(lambda: _fields(server, did)["tasks"] == LINES, timeout=15, message="three tasks stored")
        page.locator(".wb-message").get_by_text("Сохранено").wait_for(timeout=15_000)
        # the row pasted into keeps the cursor: typing on goes on in its task
        page.keyboard.press("End")
        page.keyboard.type(" и тканей")
        wait_for(lambda: _fields(server, did)["tasks"][0] == "Найти мастеров ремёсел и тканей", timeout=15,
                 message="typing on in the first task")
        assert _fields(server, did)["tasks"][1:] == LINES[1:]
    finally:
        ctx.close()


# Word's plain text of a table: a tab between cells, "\r\n" between rows, the heading row too
WORD_PLAN = ("Мероприятие\tЗадача (номер)\tСроки\tОтветственный\tРезультат\r\n"
             "Поиск мастеров\t1\tянварь 2025\tПетрова А.\t3 мастера\r\n"
             "Ремонт мастерской\t2\tфевраль–март 2025\tИванов И.\tмастерская готова\r\n")
PLAN = [{"activity": "Поиск мастеров", "task": "1", "dates": "январь 2025", "responsible": "Петрова А.",
         "result": "3 мастера"},
        {"activity": "Ремонт мастерской", "task": "2", "dates": "февраль–март 2025", "responsible": "Иванов И.",
         "result": "мастерская готова"}]


def test_a_plan_copied_from_word_fills_the_staff_tables_rows_and_columns_in_the_pages_font(staff_and_team, browser):
    """Staff paste the activity plan copied from Word into the first cell of «План мероприятий»:
    it was one run of text in «Мероприятие»; now a row per activity, a column per cell, as on
    the team page. The boxes write in the page's font, not a typewriter's."""
    server, _ = staff_and_team
    did = act(server, lambda wb: create_draft(wb.store, wb.store.session("KARGO1")["id"],
                                              {"title": "Гончарная", "tasks": ["Найти мастеров", "Ремонт"]}))
    ctx = browser.new_context(viewport={"width": 1366, "height": 900})
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.base)
    try:
        page = ctx.new_page()
        page.goto(server.projector_url("KARGO1"))
        page.goto(f"{server.base}/voila/render/draft.ipynb?draft={did}")
        plan = page.locator(".wb-f-activities")
        plan.get_by_role("button", name="Добавить строку").wait_for(timeout=60_000)
        plan.get_by_role("button", name="Добавить строку").click()
        cells = plan.locator("textarea")
        wait_for(lambda: cells.count() == 5, message="the new plan row")
        page.evaluate("text => navigator.clipboard.writeText(text)", WORD_PLAN)
        cells.first.focus()
        page.keyboard.press("Control+V")
        wait_for(lambda: cells.count() == 10, timeout=15, message="a row per activity")
        assert [cells.nth(i).input_value() for i in range(10)] == [v for row in PLAN for v in row.values()]
        wait_for(lambda: _fields(server, did)["activities"] == PLAN, timeout=15, message="the plan stored")

        fonts = page.evaluate("""() => ({
            label: getComputedStyle(document.querySelector('.wb-d-label')).fontFamily,
            areas: [...document.querySelectorAll('.wb-draft-editor textarea')].map(x => getComputedStyle(x).fontFamily)})""")
        assert "monospace" not in fonts["label"]
        assert fonts["areas"] and set(fonts["areas"]) == {fonts["label"]}
    finally:
        ctx.close()
