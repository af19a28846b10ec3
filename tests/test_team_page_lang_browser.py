"""Real Chromium on a real server: the team page's RU/EN button. A member of a Russian session
switches the page to English and back: the fields' names, the buttons, the save state, the logic
check and a conflict's two tables all switch, what they typed stays, and the browser keeps the
choice when the page is opened again."""

from __future__ import annotations

import contextlib

import pytest

from workbench.demo import load_demo
from workbench.drafts import create_draft
from workbench.session import team_links
from workbench.testing import act, plan_row, wait_for

pytestmark = pytest.mark.browser
FIELD = "**/api/t/*/field"


@pytest.fixture(scope="module")
def team_server(serve):
    def prepare(wb):
        sid = wb.store.session(load_demo(wb.store, teams=False))["id"]
        did = create_draft(wb.store, sid, {"title": "Школа ремёсел", "activities": [plan_row("Сбор команды")]})
        return did, team_links.team_link(wb.store, did)["token"]

    server, (did, token) = serve(prepare)
    return server, did, token


@contextlib.contextmanager
def _team_page(browser, server, token, **context):
    """The team's page in a new browser (`context`: its screen, a phone's touch), drawn; the
    browser is closed at the end."""
    ctx = browser.new_context(**context)
    try:
        page = ctx.new_page()
        page.goto(f"{server.base}/t/{token}")
        wait_for(lambda: page.locator("#title").inner_text() == "Школа ремёсел", message="the page drawn")
        yield page
    finally:
        ctx.close()


def _heading(page, field):
    return page.locator(f"[data-field={field}] h2").inner_text()


def test_a_member_switches_the_page_to_english_and_back_and_the_browser_keeps_it(team_server, browser):
    server, did, token = team_server
    with _team_page(browser, server, token) as page:
        assert _heading(page, "goal") == "Цель проекта" and page.locator("#lang").inner_text() == "English"
        page.locator("#f-goal").fill("Обучить 40 подростков")  # typed, not saved yet when the language switches

        page.locator("#lang").click()
        assert _heading(page, "goal") == "Goal of the project"
        assert _heading(page, "tasks") == "Tasks (one item per line)"
        assert page.locator("#f-goal").input_value() == "Обучить 40 подростков"  # the text stays
        assert page.locator("[data-field=activities] .add").inner_text() == "+ Add a row"
        assert page.locator("[data-field=activities] th").nth(2).inner_text() == "Dates"
        assert page.locator("[data-field=goal] .csend").inner_text() == "Comment"
        assert page.locator("html").get_attribute("lang") == "en" and page.locator("#lang").inner_text() == "Русский"
        page.locator("[data-field=goal] .status[data-state=saved]").wait_for(timeout=10_000)
        assert page.locator("[data-field=goal] .status").inner_text() == "Saved"
        wait_for(lambda: page.locator("#saved").inner_text() == "All edits saved", message="the page's state in English")
        wait_for(lambda: page.locator("#logic").inner_text().startswith("Logic check"), message="the check's heading")
        wait_for(lambda: "Проверка" not in page.locator("#logic").inner_text() and
                 any(ord(ch) < 128 for ch in page.locator("#logic li").first.inner_text()),
                 message="the check's findings in English")
        assert act(server, lambda wb: wb.store.draft(did)["fields"]["goal"]) == "Обучить 40 подростков"

        page.reload()  # the browser remembers the choice
        wait_for(lambda: page.locator("#f-goal").input_value() == "Обучить 40 подростков", message="reloaded")
        assert _heading(page, "goal") == "Goal of the project" and page.title() == "Школа ремёсел — The team's project"

        page.locator("#lang").click()
        assert _heading(page, "goal") == "Цель проекта" and page.locator("#saved").inner_text() == "Все правки сохранены"
        page.reload()
        wait_for(lambda: page.locator("#f-goal").input_value() == "Обучить 40 подростков", message="reloaded")
        assert _heading(page, "goal") == "Цель проекта" and page.locator("html").get_attribute("lang") == "ru"


def test_a_conflict_shown_in_russian_is_read_again_in_english(team_server, browser):
    server, did, token = team_server
    with _team_page(browser, server, token) as page:
        page.route(FIELD, lambda route: route.abort())  # the page's save does not get through
        dates = page.locator("[data-field=activities] tbody tr:nth-child(1) input[data-col=dates]")
        dates.fill("июнь")
        dates.press("Tab")
        page.locator("[data-field=activities] .status[data-state=error]").wait_for(timeout=10_000)

        def teammate(wb):  # meanwhile a teammate changed the same row
            stored = wb.store.draft(did)
            team_links.save_field(wb.store, token, "activities", [plan_row("Сбор команды", dates="май")],
                                  base=int(stored["versions"].get("activities", 0)),
                                  base_value=stored["fields"]["activities"])
        act(server, teammate)
        page.unroute(FIELD)
        conflict = page.locator("[data-field=activities] .conflict")
        conflict.wait_for(state="visible", timeout=10_000)
        assert "Их вариант этих строк:" in conflict.inner_text()

        page.locator("#lang").click()
        text = conflict.inner_text()
        assert "Someone else has just changed the same rows of “Activity plan” as you" in text
        assert "Their version of these rows:" in text and "Your version:" in text and "Их вариант" not in text
        assert conflict.locator("table").nth(0).locator("tr").first.inner_text().split("\t")[2] == "Dates"
        assert page.locator("[data-field=activities] .take").inner_text() == "Take their text"
        assert "май" in conflict.locator("table").nth(0).inner_text() and "июнь" in conflict.locator("table").nth(1).inner_text()

        page.locator("[data-field=activities] .again").click()  # still works in English: her row is kept
        page.locator("[data-field=activities] .status[data-state=saved]").wait_for(timeout=10_000)
        assert page.locator("[data-field=activities] .status").inner_text() == "Saved"
        assert act(server, lambda wb: wb.store.draft(did)["fields"]["activities"])[0]["dates"] == "июнь"


def test_on_a_400px_phone_the_fields_index_takes_a_member_to_a_field(team_server, browser):
    server, did, token = team_server
    with _team_page(browser, server, token, viewport={"width": 400, "height": 760}, is_mobile=True, has_touch=True) as page:
        index = page.locator("#index")
        assert index.locator("summary").inner_text() == "Поля проекта" and index.is_visible()
        tasks = page.locator("[data-field=tasks] h2")
        assert tasks.bounding_box()["y"] > 760  # far below the first screen
        index.locator("summary").tap()
        index.get_by_role("link", name="Задачи проекта", exact=True).tap()
        wait_for(lambda: 0 < tasks.bounding_box()["y"] < 200, message="the tasks at the top of the screen")
        # not under the sticky save line
        assert tasks.bounding_box()["y"] >= page.locator("#saved").bounding_box()["height"]
        assert not index.evaluate("d => d.open")  # the index closed behind the member
        page.locator("#lang").tap()
        assert index.locator("summary").inner_text() == "The project's fields"
        index.locator("summary").tap()
        assert "Tasks" in index.locator("a").all_inner_texts() and "Задачи проекта" not in index.inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= 400  # nothing wider than the phone
