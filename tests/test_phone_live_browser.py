"""Real Chromium: a phone shows what the facilitator changes within a second, as the display does
(its poll is held by the server and answered as the change is stored, `web/hold.py`): a renamed
question, another stage shown, a round closed right after the phone's own dot. Each is timed from
the moment the change was stored; the phone had polled every 2 s (1.2–2.2 s late)."""

from __future__ import annotations

import time

import pytest

from workbench.app import Workbench
from workbench.session import facilitator, stages
from workbench.testing import open_phone, voting_session, wait_for

pytestmark = pytest.mark.browser

DEADLINE = 1.5  # seconds from the change to the phone showing it (the goal is 1 s; a loaded CI machine)


@pytest.fixture(scope="module")
def room(serve):
    return serve(lambda wb: voting_session(wb, "Живая сессия", "dots"))


def _shown_within(server, change, shown) -> float:
    """Store `change(store)` as the facilitator's laptop does, then wait for `shown()`: the seconds
    between the two (failing past DEADLINE)."""
    wb = Workbench(server.data_dir)
    try:
        start = time.monotonic()
        change(wb.store)
        wait_for(shown, timeout=DEADLINE, interval=0.02, message="the phone to show the change")
        return time.monotonic() - start
    finally:
        wb.close()


def test_a_phone_shows_a_new_question_another_stage_and_a_closed_round_within_a_second(room, browser):
    server, made = room
    ctx, tab = open_phone(browser, server, made["code"], made["person"]["token"])
    try:
        tab.wait_for_selector("button[data-action=vote]")
        took = _shown_within(server, lambda store: stages.set_prompt(store, made["vote"], "Отдайте три голоса"),
                             lambda: tab.locator("#prompt").inner_text() == "Отдайте три голоса")
        assert took < DEADLINE

        ideas = made["stages"]["ideas"]
        took = _shown_within(server, lambda store: facilitator.show_stage(store, made["sid"], ideas["id"]),
                             lambda: tab.locator("#stage").inner_text() == ideas["title"])
        assert took < DEADLINE
        assert tab.locator("#add").is_visible()  # the ideas stage's box to send an idea

        took = _shown_within(server, lambda store: facilitator.show_stage(store, made["sid"], made["vote"]),
                             lambda: tab.locator("button[data-action=vote]").count() > 0)
        assert took < DEADLINE

        # A dot, and the facilitator closes the round as its answer comes: the phone says so at once
        tab.locator("button[data-action=vote]").first.click()
        wait_for(lambda: tab.locator("#dots").inner_text() == "Осталось голосов: 2", message="the dot counted")
        took = _shown_within(server, lambda store: facilitator.toggle_voting(store, made["vote"]),
                             lambda: tab.locator("#dots").inner_text() == "Голосование закрыто")
        assert took < DEADLINE
        assert tab.locator("#net").is_hidden()  # no «нет связи» on the way
    finally:
        ctx.close()
