"""Real Chromium on a real server: the tasks («Задачи») on the team page. A list pasted from Word
becomes a task per line, whether its lines have bullets or not, and a list Word flattened into
one line («• a • b • c») is split the same way as in the staff editor (`drafts.list_items`)."""

from __future__ import annotations

import pytest

from workbench.demo import load_demo
from workbench.drafts import create_draft, unmarked
from workbench.session import team_links
from workbench.testing import act, wait_for

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def team_server(serve):
    def prepare(wb):
        sid = wb.store.session(load_demo(wb.store, teams=False))["id"]
        out = []
        for n in range(3):  # a draft per test
            did = create_draft(wb.store, sid, {"title": f"Школа ремёсел {n}"})
            out.append((did, team_links.team_link(wb.store, did)["token"]))
        return out

    return serve(prepare)


def _open(browser, server, token, clipboard=False):
    ctx = browser.new_context()
    if clipboard:
        ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.base)
    page = ctx.new_page()
    page.goto(f"{server.base}/t/{token}")
    wait_for(lambda: page.locator("#title").inner_text().startswith("Школа ремёсел"), message="the page drawn")
    return ctx, page


def _tasks(server, did):
    return act(server, lambda wb: wb.store.draft(did)["fields"]["tasks"])


def _paste(page, text):  # as a member pastes: the text on the clipboard, then Ctrl+V in the box
    page.evaluate("text => navigator.clipboard.writeText(text)", text)
    page.locator("#f-tasks").focus()
    page.keyboard.press("Control+V")


def test_a_list_pasted_from_word_with_or_without_bullets_is_a_task_per_line(team_server, browser):
    server, drafts = team_server
    did, token = drafts[0]
    ctx, page = _open(browser, server, token, clipboard=True)
    try:
        _paste(page, "Найти мастеров\r\nПровести 12 занятий\r\nУстроить выставку\r\n")
        page.locator("#f-tasks").press("Tab")
        page.locator("[data-field=tasks] .status[data-state=saved]").wait_for(timeout=10_000)
        assert _tasks(server, did) == ["Найти мастеров", "Провести 12 занятий", "Устроить выставку"]

        page.locator("#f-tasks").fill("")
        _paste(page, "•\tНайти мастеров\r\n•\tПровести 12 занятий\r\n")
        page.locator("#f-tasks").press("Tab")
        wait_for(lambda: len(_tasks(server, did)) == 2, message="the bulleted paste saved")
        # two tasks, printed without the pasted bullets (the export numbers them)
        assert [unmarked(t) for t in _tasks(server, did)] == ["Найти мастеров", "Провести 12 занятий"]
    finally:
        ctx.close()


def test_a_list_flattened_into_one_line_becomes_a_task_per_item_on_the_page_too(team_server, browser):
    server, drafts = team_server
    did, token = drafts[1]
    ctx, page = _open(browser, server, token)
    try:
        page.locator("#f-tasks").fill("• Найти мастеров • Провести занятия • Устроить выставку")
        page.locator("#f-tasks").press("Tab")
        wait_for(lambda: _tasks(server, did) == ["Найти мастеров", "Провести занятия", "Устроить выставку"],
                 message="three tasks stored")
        # the box shows them a line each, as they will be numbered in the application
        wait_for(lambda: page.locator("#f-tasks").input_value() == "Найти мастеров\nПровести занятия\nУстроить выставку",
                 message="a line per task in the box")
        assert page.locator("[data-field=tasks] .status").inner_text() == "Сохранено"
    finally:
        ctx.close()


def test_two_members_adding_a_task_at_once_both_keep_theirs(team_server, browser):
    server, drafts = team_server
    did, token = drafts[2]
    act(server, lambda wb: team_links.save_field(wb.store, token, "tasks", ["Найти мастеров"], base=0))
    (a_ctx, a), (b_ctx, b) = _open(browser, server, token), _open(browser, server, token)
    try:
        for page in (a, b):
            wait_for(lambda page=page: page.locator("#f-tasks").input_value() == "Найти мастеров", message="loaded")
        b.route("**/api/t/*/field", lambda route: route.abort())  # B's save is held back…
        b.locator("#f-tasks").fill("Найти мастеров\nУстроить выставку")
        b.locator("#f-tasks").press("Tab")
        b.locator("[data-field=tasks] .status[data-state=error]").wait_for(timeout=10_000)
        a.locator("#f-tasks").fill("Найти мастеров\nПровести 12 занятий")  # …while A adds hers
        a.locator("#f-tasks").press("Tab")
        a.locator("[data-field=tasks] .status[data-state=saved]").wait_for(timeout=10_000)
        b.unroute("**/api/t/*/field")  # B's connection is back: the save goes again by itself

        both = "Найти мастеров\nПровести 12 занятий\nУстроить выставку"
        wait_for(lambda: _tasks(server, did) == both.split("\n"), message="both tasks stored")
        wait_for(lambda: b.locator("#f-tasks").input_value() == both, message="B's page shows A's task")
        wait_for(lambda: a.locator("#f-tasks").input_value() == both, message="A's page shows B's task")
        assert b.locator("[data-field=tasks] .status").inner_text() == "Сохранено"
        assert not b.locator("[data-field=tasks] .conflict").is_visible()
    finally:
        a_ctx.close()
        b_ctx.close()
