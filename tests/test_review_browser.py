"""Peer review from a phone in real Chromium: a participant who joined on the phone page opens
the review page, sees their own team not to be scored, scores the other team; the scores reach
the protocol. The JSON API refuses one's own team."""

from __future__ import annotations

import pytest

from workbench.app import Workbench
from workbench.demo import load_demo
from workbench.exports import protocol_markdown
from workbench.session import review
from workbench.testing import Http, wait_for

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def review_server(serve):
    def prepare(wb):
        code = load_demo(wb.store)
        review.add_criterion(wb.store, code, "Ясность цели", "Цель измерима и понятна")
        return code, wb.store.participants(wb.store.session(code)["id"])

    server, (code, people) = serve(prepare)
    return server, code, people


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
