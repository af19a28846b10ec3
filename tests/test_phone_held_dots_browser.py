"""Real Chromium: a phone keeps its held poll (`web/hold.py`) while its person votes. The page no
longer asks the server again after every tap (1,000 phones voting cost the server a held poll per
dot, and a question renamed mid-vote reached them later); a new stage shown right after the dots
still reaches it at once; and two answers that cross never take the page back: a state read before
the dot, arriving after the dot's answer, and a dot's answer arriving after a newer state are not
drawn over what the page shows (`X-Version`)."""

from __future__ import annotations

import json
import time

import pytest

from workbench.app import Workbench
from workbench.session import facilitator, stages
from workbench.testing import Phone, open_phone, voting_session, wait_for

pytestmark = pytest.mark.browser

DEADLINE = 1.5  # seconds from the change to the phone showing it (as tests/test_phone_live_browser.py)
FLOOR = 10.0  # this server's phone_poll_interval: nothing but a new stage answers a held poll in a test


@pytest.fixture(scope="module")
def room(serve):
    def prepare(wb):
        made = voting_session(wb, "Голосование без лишних вопросов", "dots")
        (wb.data_dir / "settings.json").write_text(json.dumps({"phone_poll_interval": FLOOR}))
        return made
    return serve(prepare)


def _phone(browser, server, made):
    """A newly joined person's phone on the open vote, its three dots to give: (context, page, API phone)."""
    person = Phone(server.base, made["code"], lang="ru")
    person.join(name="Нина")
    ctx, tab = open_phone(browser, server, made["code"], person.token)
    tab.wait_for_selector("button[data-action=vote]:not([aria-disabled])")
    assert tab.locator("#dots").inner_text() == "Осталось голосов: 3"
    return ctx, tab, person


def _with(server, fn):
    wb = Workbench(server.data_dir)
    try:
        return fn(wb.store)
    finally:
        wb.close()


def _button(tab, action, card):
    return tab.locator(f"button[data-action={action}][data-card='{card}']")


def test_the_phone_does_not_ask_again_after_every_tap_and_still_sees_the_next_stage_at_once(room, browser):
    server, made = room
    ctx, tab, _ = _phone(browser, server, made)
    asked, dropped = [], []
    tab.on("request", lambda r: asked.append(r.url) if "/state" in r.url else None)
    tab.on("requestfailed", lambda r: dropped.append(r.url) if "/state" in r.url else None)  # an aborted poll
    try:
        card = made["cards"][0]
        taps = 8
        for k in range(taps):  # a dot, taken back, again...
            _button(tab, "unvote" if k % 2 else "vote", card).click()
            left = "Осталось голосов: 3" if k % 2 else "Осталось голосов: 2"
            wait_for(lambda left=left: tab.locator("#dots").inner_text() == left
                     and tab.locator("button[data-action=vote][aria-disabled]").count() == 0,
                     message=f"tap {k + 1} drawn")
        # (one poll may be answered meanwhile: held past its floor before the taps, a dot moved the store)
        assert len(asked) <= 1, asked
        assert dropped == []  # the held poll was never dropped to ask again

        ideas = made["stages"]["ideas"]
        start = time.monotonic()
        _with(server, lambda store: facilitator.show_stage(store, made["sid"], ideas["id"]))
        wait_for(lambda: tab.locator("#stage").inner_text() == ideas["title"], timeout=DEADLINE, interval=0.02,
                 message="the new stage on the phone")
        assert time.monotonic() - start < DEADLINE
        assert tab.locator("#add").is_visible()
    finally:
        ctx.close()
        _with(server, lambda store: facilitator.show_stage(store, made["sid"], made["vote"]))


def test_a_state_read_before_the_dot_does_not_take_the_dot_away(room, browser):
    server, made = room
    ctx, tab, person = _phone(browser, server, made)
    caught, armed = [], [False]

    def held(route):  # the phone's next held poll waits here until the test lets it go
        if armed[0] and "wait=1" in route.request.url and not caught:
            caught.append(route)
        else:
            route.continue_()
    try:
        tab.route("**/api/s/*/state*", held)
        armed[0] = True
        tab.evaluate("document.dispatchEvent(new Event('visibilitychange'))")  # the phone asks again now
        wait_for(lambda: tab.evaluate("1") and caught, message="the held poll caught")
        # The facilitator renames the question, and the phone's poll is answered with it at once:
        # a state read now, before the dot below (it is this one the poll brings, late)...
        question = "Три голоса за самое нужное"
        _with(server, lambda store: stages.set_prompt(store, made["vote"], question))
        stale = person.call("GET", "/state?board=")
        assert stale.status_code == 200 and stale.json()["voting"]["used"] == 0
        # ...then the person taps a dot, and its answer comes first
        _button(tab, "vote", made["cards"][1]).click()
        wait_for(lambda: tab.locator("#dots").inner_text() == "Осталось голосов: 2", message="the dot drawn")
        armed[0] = False
        try:
            caught[0].fulfill(status=200, body=stale.content, headers={
                "Content-Type": "application/json; charset=utf-8", "ETag": stale.headers["ETag"],
                "X-Version": stale.headers["X-Version"]})
        except Exception:  # noqa: BLE001 (a page that dropped its poll for the dot: nothing to answer)
            pass
        # The new question comes (with the state asked again), and with it the dot, never without it
        shown = tab.wait_for_function(
            "q => document.querySelector('#prompt').innerText === q && document.querySelector('#dots').innerText",
            arg=question, timeout=DEADLINE * 1000 * 4).json_value()
        assert shown == "Осталось голосов: 2"
        assert tab.locator(f"li[data-row='card:{made['cards'][1]}'] .dots").count() == 1
    finally:
        ctx.close()


def test_a_dot_answered_after_a_newer_state_does_not_bring_it_back(room, browser):
    server, made = room
    ctx, tab, person = _phone(browser, server, made)
    late = []

    def answer_late(route):  # the server counts the dot; its answer reaches the phone only later
        late.append((route, route.fetch()))
    try:
        tab.route("**/api/s/*/vote", answer_late)
        card = made["cards"][2]
        _button(tab, "vote", card).click()
        wait_for(lambda: tab.evaluate("1") and late, message="the dot counted")
        # The same person takes the dot back on another phone (the control view's «another
        # phone»), and the facilitator renames the question: this phone's held poll brings both
        assert person.call("POST", "/unvote", {"card": card, "request_id": "other-phone-0001"}).status_code == 200
        question = "Голоса заново"
        _with(server, lambda store: stages.set_prompt(store, made["vote"], question))
        wait_for(lambda: tab.locator("#prompt").inner_text() == question, timeout=DEADLINE * 4,
                 message="the newer state on the phone")
        assert tab.locator("#dots").inner_text() == "Осталось голосов: 3"
        route, answer = late[0]
        route.fulfill(response=answer)  # the dot's answer, older than what the phone shows now
        wait_for(lambda: tab.locator("button[data-action=vote][aria-disabled]").count() == 0
                 and tab.locator("button[data-action=vote]").count() > 0, message="the dot's answer taken")
        assert tab.locator("#dots").inner_text() == "Осталось голосов: 3"  # not 2: the dot is gone
        assert tab.locator(f"li[data-row='card:{card}'] .dots").count() == 0
    finally:
        ctx.close()
