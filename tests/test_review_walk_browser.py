"""Real Chromium, a room's walk of the review page on a phone (400 px): a team named with a «$»
(«Касса $& и $'») is read out by its name as written, and scores and a comment typed but not sent
survive the tab being reloaded (an old Android phone drops a tab in the background)."""

from __future__ import annotations

import pytest

from workbench.demo import load_demo
from workbench.testing import wait_for

pytestmark = pytest.mark.browser

TEAM = "Касса $& и $' на {criterion} «Лядины»"


@pytest.fixture(scope="module")
def walk_server(serve):
    """The demo session (teams formed), its second team renamed to TEAM, its review open:
    `(server, code, a participant of the first team)`."""
    from workbench.session import facilitator, review

    def prepare(bench):
        code = load_demo(bench.store)
        sid = bench.store.session(code)["id"]
        teams = review.teams(bench.store, sid)
        facilitator.edit(bench.store, teams[1]["id"], TEAM)
        review.add_criterion(bench.store, code, "Цена $1", "")
        review.open_review(bench.store, code)
        me = next(p for p in bench.store.participants(sid) if p["id"] in teams[0]["members"])
        return code, me

    server, (code, me) = serve(prepare)
    return server, code, me


def _review_page(browser, server, code, me):
    ctx = browser.new_context(viewport={"width": 400, "height": 800})
    ctx.add_init_script(f"localStorage.setItem('wb:{code}', '{me['token']}')")
    page = ctx.new_page()
    page.goto(f"{server.base}/s/{code}/review")
    page.locator(".team .send").first.wait_for(timeout=10_000)
    return ctx, page


def test_a_team_named_with_a_dollar_is_read_out_by_its_name_as_written(walk_server, browser):
    server, code, me = walk_server
    ctx, page = _review_page(browser, server, code, me)
    try:
        other = page.locator(".team").nth(1)
        assert other.locator("h2").inner_text() == TEAM
        assert page.get_by_role("button", name=f"«{TEAM}»: Цена $1 — 4 из 5", exact=True).count() == 1
        assert other.locator(".send").get_attribute("aria-label") == f"Отправить оценку команды «{TEAM}»"
        assert other.locator("textarea").get_attribute("aria-label") == f"Комментарий для команды «{TEAM}»"
    finally:
        ctx.close()


def test_scores_and_a_comment_not_sent_come_back_after_a_reload(walk_server, browser):
    server, code, me = walk_server
    ctx, page = _review_page(browser, server, code, me)
    try:
        other = page.locator(".team").nth(1)
        other.locator(".crit").last.locator(".scale button", has_text="4").click()
        other.locator("textarea").fill("Хорошая цель, но мало партнёров")
        page.reload()
        page.locator(".team .send").first.wait_for(timeout=10_000)
        other = page.locator(".team").nth(1)
        wait_for(lambda: other.locator("textarea").input_value() == "Хорошая цель, но мало партнёров",
                 message="the comment typed before the reload")
        assert other.locator(".crit").last.locator(".scale button.on").inner_text() == "4"
        assert other.locator(".crit").last.locator(".scale button[aria-pressed='true']").count() == 1
    finally:
        ctx.close()


def test_an_idle_page_says_the_server_is_lost_and_keeps_what_was_typed(fresh, browser):
    """Nobody sends: the laptop's server dies while a participant types a comment. The page says
    «Нет связи…» by itself (in its language, English once switched), the comment stays in its field,
    and the message goes by itself once the server answers again."""
    import signal

    from workbench.i18n import t
    from workbench.session import review

    wb, start = fresh
    code = load_demo(wb.store)
    sid = wb.store.session(code)["id"]
    review.open_review(wb.store, code)
    teams = review.teams(wb.store, sid)
    me = next(p for p in wb.store.participants(sid) if p["id"] in teams[0]["members"])
    server = start()
    ctx, page = _review_page(browser, server, code, me)
    try:
        msg = page.locator("#msg")
        other = page.locator(".team").nth(1)
        other.locator("textarea").fill("Хорошая цель, но мало партнёров")
        server.stop(signal.SIGKILL)
        wait_for(lambda: msg.inner_text() == t("review_offline_idle", "ru"), timeout=20,
                 message="«Нет связи» on an idle page")
        assert other.locator("textarea").input_value() == "Хорошая цель, но мало партнёров"
        page.locator("#lang").click()
        assert msg.inner_text() == t("review_offline_idle", "en")
        server = start(port=server.port)
        wait_for(lambda: msg.inner_text() == "", timeout=10, message="the message gone once the server answers")
        assert page.locator(".team").nth(1).locator("textarea").input_value() == "Хорошая цель, но мало партнёров"
    finally:
        ctx.close()
