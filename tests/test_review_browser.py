"""Peer review from a phone in real Chromium: a participant who joined on the phone page opens
the review page, sees their own team not to be scored, scores the other team; the scores reach
the protocol. The JSON API refuses one's own team."""

from __future__ import annotations

import pytest

from workbench.app import Workbench
from workbench.exports import protocol_markdown
from workbench.session import review
from workbench.testing import Http, wait_for

pytestmark = pytest.mark.browser


def test_a_phone_scores_the_other_team_and_the_protocol_has_it(review_server, browser):
    server, code, people = review_server
    me = people[0]  # the first team's leader
    ctx = browser.new_context(viewport={"width": 390, "height": 800})
    try:
        # The phone page keeps the device token in localStorage; the review page reads it there.
        ctx.add_init_script(f"localStorage.setItem('wb:{code}', '{me['token']}')")
        page = ctx.new_page()
        page.goto(f"{server.base}/s/{code}/review")
        page.locator(".team").first.wait_for(timeout=10_000)
        teams = page.locator(".team")
        assert teams.count() == 2
        assert "ваша команда" in teams.nth(0).inner_text() and teams.nth(0).locator("button").count() == 0
        other = teams.nth(1)
        other.locator(".scale button", has_text="4").click()
        other.locator("textarea").fill("Понятная цель, нужен бюджет")
        other.locator(".send").click()
        wait_for(lambda: other.locator(".msg").inner_text() == "Оценка сохранена", message="the phone's answer")
    finally:
        ctx.close()
    wb = Workbench(server.data_dir)
    try:
        md = protocol_markdown(wb.store, code)
        assert "## Оценки команд" in md and "Ясность цели: 4" in md and "Понятная цель, нужен бюджет" in md
        own = review.phone_view(wb.store, code, me["token"])["own"][0]
    finally:
        wb.close()
    r = Http().post(f"{server.base}/api/s/{code}/review", json={"team": own, "scores": {"1": 5}},
                    headers={"X-Device-Token": me["token"]})
    assert r.status_code == 403 and r.json()["error"] == "review_own_team"
    assert Http().get(f"{server.base}/api/s/{code}/review").status_code == 401


def test_the_review_page_switches_to_english_keeping_the_scores_picked(review_server, browser):
    """The review page had no language switch: it has the phone page's, kept (as there) in the
    browser, and a score picked before switching is still picked after."""
    server, code, people = review_server
    me = people[0]
    ctx = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    try:
        ctx.add_init_script(f"localStorage.setItem('wb:{code}', '{me['token']}')")
        page = ctx.new_page()
        page.goto(f"{server.base}/s/{code}/review")
        page.locator(".team .send").first.wait_for(timeout=10_000)
        assert page.locator("#title").inner_text().startswith("Оценка презентаций")
        other = page.locator(".team").nth(1)
        other.locator(".scale button", has_text="3").click()
        other.locator("textarea").fill("Черновик отзыва")
        box = page.locator("#lang").bounding_box()
        assert page.locator("#lang").inner_text() == "English" and box["width"] >= 44 and box["height"] >= 44
        page.locator("#lang").click()
        wait_for(lambda: page.locator("#title").inner_text().startswith("Presentation review"),
                 message="the review page in English")
        other = page.locator(".team").nth(1)
        assert other.locator(".send").inner_text() == "Send the scores"
        assert other.locator(".scale button.on").inner_text() == "3"
        assert other.locator("textarea").input_value() == "Черновик отзыва"
        assert page.locator("#lang").inner_text() == "Русский"
        page.reload()  # the choice is kept, as on the phone page
        page.locator(".team .send").first.wait_for(timeout=10_000)
        assert page.locator("#title").inner_text().startswith("Presentation review")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        ctx.close()
