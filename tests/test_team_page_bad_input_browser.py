"""Real Chromium on a real server: the team page with input nobody means. A budget amount of 31
digits is said by the logic check and the page still loads; a page whose draft did not load shows
no empty fields as «saved» and cannot overwrite the stored text; a title longer than the limit is
refused with a message and stays in the field, never cut without a word."""

from __future__ import annotations

import json

import pytest

from workbench.demo import load_demo
from workbench.drafts import create_draft
from workbench.session import team_links
from workbench.testing import Http, act, wait_for

pytestmark = pytest.mark.browser
HUGE = "1000000000000000000000000000000"


@pytest.fixture(scope="module")
def team_server(serve):
    def prepare(wb):
        code = load_demo(wb.store, teams=False)
        did = create_draft(wb.store, wb.store.session(code)["id"], {"title": "Школа ремёсел",
                                                                    "goal": "Обучить 40 подростков"})
        return did, team_links.team_link(wb.store, did)["token"]

    server, (did, token) = serve(prepare)
    return server, did, token


def _fields(server, did):
    return act(server, lambda wb: wb.store.draft(did)["fields"])


def _open(browser, server, token):
    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(f"{server.base}/t/{token}")
    return ctx, page


def test_a_budget_of_31_digits_is_flagged_and_the_page_still_loads(team_server, browser):
    server, did, token = team_server
    ctx, page = _open(browser, server, token)
    try:
        wait_for(lambda: page.locator("#title").inner_text() == "Школа ремёсел", message="the page drawn")
        cell = page.locator("[data-field=budget] tbody tr:nth-child(1) input[data-col=amount]")
        cell.fill(HUGE)
        cell.press("Tab")
        page.locator("[data-field=budget] .status[data-state=saved]").wait_for(timeout=10_000)
        assert _fields(server, did)["budget"][0]["amount"] == HUGE
        wait_for(lambda: "больше триллиона рублей" in page.locator("#logic").inner_text(),
                 message="the logic check on the amount")
        page.reload()  # the reviewer's 500 from here on
        wait_for(lambda: page.locator("#f-goal").input_value() == "Обучить 40 подростков",
                 message="the fields loaded again")
        assert page.locator("#saved").inner_text() == "Все правки сохранены"
        assert f"Сумма «{HUGE}» у статьи" in page.locator("#logic").inner_text()
        answer = Http().get(f"{server.base}/api/t/{token}")
        assert answer.status_code == 200 and answer.json()["fields"]["budget"][0]["amount"] == HUGE
    finally:
        ctx.close()


def test_a_page_whose_draft_did_not_load_shows_no_fields_and_saves_nothing(team_server, browser):
    server, did, token = team_server
    ctx = browser.new_context()
    posts = []
    try:
        page = ctx.new_page()
        failing = {"on": True}

        def load(route):
            if failing["on"]:
                route.fulfill(status=500, content_type="application/json",
                              body=json.dumps({"error": "internal", "message": "Внутренняя ошибка сервера"}))
            else:
                route.continue_()

        page.route(f"**/api/t/{token}", load)
        page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
        page.goto(f"{server.base}/t/{token}")
        wait_for(lambda: "Проект не загрузился" in page.locator("#saved").inner_text(),
                 message="the page says the draft did not load")
        assert "Внутренняя ошибка сервера" in page.locator("#saved").inner_text()
        assert "сохранены" not in page.locator("#saved").inner_text()
        assert not page.locator("#f-goal").is_visible()  # no empty field to type over the stored text
        failing["on"] = False  # the server answers again: the stored text shows, then it can be edited
        wait_for(lambda: page.locator("#f-goal").is_visible()
                 and page.locator("#f-goal").input_value() == "Обучить 40 подростков", message="the fields")
        assert page.locator("#saved").inner_text() == "Все правки сохранены"
        assert posts == [] and _fields(server, did)["goal"] == "Обучить 40 подростков"
    finally:
        ctx.close()


def test_a_title_longer_than_the_limit_is_refused_with_a_message_and_kept(team_server, browser):
    server, did, token = team_server
    ctx, page = _open(browser, server, token)
    try:
        wait_for(lambda: page.locator("#title").inner_text() == "Школа ремёсел", message="the page drawn")
        long_title = "Школа ремёсел для подростков " * 11  # 319 characters
        page.locator("#f-title").fill(long_title)
        page.locator("#f-title").press("Tab")
        status = page.locator("[data-field=title] .status[data-state=error]")
        status.wait_for(timeout=10_000)
        assert status.inner_text() == "Поле «Название проекта» длиннее 300 символов"
        assert page.locator("#saved").inner_text() == "Не сохранено"
        assert page.locator("#f-title").input_value() == long_title  # nothing cut, nothing lost
        assert _fields(server, did)["title"] == "Школа ремёсел"
        page.locator("#f-title").fill(long_title[:290])  # shortened: saved by itself
        page.locator("[data-field=title] .status[data-state=saved]").wait_for(timeout=10_000)
        assert _fields(server, did)["title"] == long_title[:290].strip()
    finally:
        ctx.close()
