"""Real Chromium, the display's «Оценки» opened on a phone (400 px) by a facilitator checking the
wall from the back of the hall: it fell back to three tables side by side, which ran off the
screen's right edge (each team's mean and how many scored it were not on it). Now as many tables
as the screen's height asks, every team's scores on the screen."""

from __future__ import annotations

import pytest
from test_display_fit_browser import TEAM_BOXES, _inside, review_room  # noqa: F401 (a fixture)

PHONE = (400, 800)


@pytest.mark.browser
@pytest.mark.parametrize("code", ["RV02K3", "RV06K4", "RV16K5"])
def test_every_team_and_its_scores_are_on_a_phones_screen(browser, review_room, code):  # noqa: F811
    server, boards = review_room
    w, h = PHONE
    ctx = browser.new_context(viewport={"width": w, "height": h},
                              extra_http_headers={"Cookie": server.login_cookie(code)})
    try:
        page = ctx.new_page()
        page.goto(f"{server.base}/d/{code}")
        page.wait_for_selector("#review .rteam")
        page.wait_for_function("() => document.fonts.status === 'loaded'")
        teams = page.evaluate(TEAM_BOXES)
        board = boards[code]
        assert [t["id"] for t in teams] == [t["id"] for t in board["teams"]]
        for team, want in zip(teams, board["teams"], strict=True):
            assert _inside(team["box"], w, h), (team["name"], team["box"])
            assert team["values"] == [c["shown"] for c in want["criteria"]]
            assert team["mean"].endswith(want["mean_shown"])
            for part in team["parts"]:  # the name, the scores, the mean, the count: all on the screen
                assert _inside(part, w, h), part
        assert page.evaluate("document.documentElement.scrollWidth") <= w
    finally:
        ctx.close()
