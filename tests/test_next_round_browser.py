"""Real Chromium on a 360 px phone when the facilitator starts the next round on the same voting
stage, as the scenario's 12:30 does (dots, their results on phones, then impact × feasibility on
the top 6). The rehearsal found the first round's results still shown on phones above the new
ballot: the pairs began below eleven rows of results, out of sight, and the room saw how it had
voted before voting again. Opening a round (or switching its method) takes them off phones."""

from __future__ import annotations

import pytest

from workbench.session import facilitator, voting
from workbench.testing import act, open_phone, voting_session, wait_for

pytestmark = pytest.mark.browser


@pytest.fixture
def room(fresh):
    """A dot vote on five ideas, voted, closed and its results on phones; its server."""
    wb, start = fresh
    made = voting_session(wb, "Следующий круг", "dots")
    for card in made["cards"][:3]:
        voting.vote(wb.store, made["vote"], made["person"]["id"], card)
    facilitator.toggle_voting(wb.store, made["vote"])
    facilitator.toggle_results(wb.store, made["vote"])
    return start(), made


@pytest.mark.parametrize("method", ["pairwise", "dots"])
def test_a_new_round_opens_without_the_last_round_s_results(browser, room, method):
    server, made = room
    ctx, page = open_phone(browser, server, made["code"], made["person"]["token"])
    rows = page.locator("#results li")
    wait_for(lambda: rows.count() == 5, message="the dots' results on the phone")

    def next_round(wb):
        if method != "dots":
            facilitator.set_method(wb.store, made["vote"], method)
        facilitator.toggle_voting(wb.store, made["vote"])  # the same method: voting again
    act(server, next_round)
    ballot = page.locator("button[data-pick]" if method == "pairwise" else "button[data-action=vote]").first
    ballot.wait_for()
    wait_for(lambda: rows.count() == 0, message="the results off the phone")
    assert not page.locator("#res-h").is_visible()
    assert ballot.bounding_box()["y"] + ballot.bounding_box()["height"] <= 740  # on the first screen
    # and the facilitator can still show them again
    act(server, lambda wb: facilitator.toggle_results(wb.store, made["vote"]))
    wait_for(lambda: page.locator("#res-h").is_visible(), message="the results shown again")
