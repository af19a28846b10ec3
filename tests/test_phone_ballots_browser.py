"""Real Chromium on the phone page: a ballot tapped while the server is down is not lost. It waits,
the phone says it is not counted yet, and it goes again by itself when the server is back: counted
once (a dot whose first copy did arrive is not counted twice), or the phone says it was not counted."""

from __future__ import annotations

import signal

import pytest

from workbench.session import facilitator
from workbench.testing import open_phone, wait_for

pytestmark = pytest.mark.browser
IDEAS = ("Прокат лодок на озере", "Автобус до Лядин", "Ярмарка в Ошевенске")


def _room(wb, method="dots"):
    """A session whose open vote (on three ideas) is on phones, and one joined participant."""
    code = wb.store.create_session("Голоса без связи")
    sid = wb.store.session(code)["id"]
    stages = {s["kind"]: s for s in wb.store.stages(sid)}
    cards = [facilitator.add_card(wb.store, sid, stages["ideas"]["id"], text) for text in IDEAS]
    vote = stages["voting"]["id"]
    facilitator.set_method(wb.store, vote, method)
    facilitator.toggle_voting(wb.store, vote)
    facilitator.show_stage(wb.store, sid, vote)
    person = wb.store.join(sid, name="Вера Петрова")
    return {"code": code, "sid": sid, "vote": vote, "cards": cards, "person": person}


def _phone(browser, server, room):
    return open_phone(browser, server, room['code'], room['person']['token'])


def _text(page, selector):
    return page.locator(selector).inner_text()


def _dots(wb, room):
    return wb.store.dots_of(room["vote"], room["person"]["id"])


def test_a_dot_tapped_while_the_server_is_down_counts_once_it_is_back(browser, fresh):
    """The reviewer's kill -9: a dot tapped during the outage was dropped while the phone said
    "retrying", and after the restart it read "Осталось голосов: 3" with no word about it."""
    wb, start = fresh
    room = _room(wb)
    server = start()
    ctx, page = _phone(browser, server, room)
    try:
        page.wait_for_selector("button[data-action=vote]:not([disabled])")
        assert _text(page, "#dots") == "Осталось голосов: 3"
        first = int(page.locator("button[data-action=vote]").first.get_attribute("data-card"))
        server.stop(signal.SIGKILL)  # the laptop's server dies mid-vote
        page.locator("button[data-action=vote]").first.click()
        wait_for(lambda: "голос ещё не засчитан" in _text(page, "#msg"), message="the phone saying the dot waits")
        assert page.locator("#msg").is_visible()
        # While it waits, no second dot can be tapped (the budget is decided by the server).
        assert page.locator("button[data-action=vote]").first.is_disabled()
        server = start(port=server.port)
        wait_for(lambda: _text(page, "#msg") == "Связь вернулась: голос засчитан", timeout=30,
                 message="the dot sent again once the server is back")
        wait_for(lambda: _text(page, "#dots") == "Осталось голосов: 2", message="the dot counted on the phone")
        assert _dots(wb, room) == {first: 1}
        assert page.locator("button[data-action=vote]").first.is_enabled()
    finally:
        ctx.close()


def test_a_dot_whose_answer_was_lost_is_sent_again_and_counted_once(browser, fresh):
    """The dot reached the server but its answer did not reach the phone: sent again with its
    request id, it is not counted a second time."""
    wb, start = fresh
    room = _room(wb)
    server = start()
    ctx, page = _phone(browser, server, room)
    arrived = []

    def lose_first_answer(route):
        if arrived:
            route.continue_()
            return
        arrived.append(route.fetch().status)  # the server counts the dot...
        route.abort()  # ...and the phone never hears back

    try:
        page.wait_for_selector("button[data-action=vote]:not([disabled])")
        # a phone is not a paper ballot: the assistant's «next ballot» button is not on it
        assert not page.get_by_text("Готово — следующий бюллетень").is_visible()
        first = int(page.locator("button[data-action=vote]").first.get_attribute("data-card"))
        page.route("**/vote", lose_first_answer)
        page.locator("button[data-action=vote]").first.click()
        wait_for(lambda: _text(page, "#msg") == "Связь вернулась: голос засчитан", message="the dot sent again")
        assert arrived == [200]
        wait_for(lambda: _text(page, "#dots") == "Осталось голосов: 2", message="one dot on the phone")
        assert _dots(wb, room) == {first: 1}  # not two
    finally:
        ctx.close()


def test_a_dot_that_counted_before_the_stage_moved_says_counted(browser, fresh):
    """The dot reached the server, its answer was lost, and the facilitator moved on to another
    stage before the phone got through again: the phone said «Голос не засчитан», though it had
    counted. It now says it counted, and the new stage is not touched."""
    wb, start = fresh
    room = _room(wb)
    server = start()
    ctx, page = _phone(browser, server, room)
    cut = {"on": True, "arrived": []}

    def lose_answers(route):
        if not cut["on"]:
            route.continue_()
        elif not cut["arrived"]:
            cut["arrived"].append(route.fetch().status)  # counted...
            route.abort()  # ...unheard
        else:
            route.abort()

    try:
        page.wait_for_selector("button[data-action=vote]:not([disabled])")
        first = int(page.locator("button[data-action=vote]").first.get_attribute("data-card"))
        page.route("**/vote", lose_answers)
        page.locator("button[data-action=vote]").first.click()
        wait_for(lambda: "голос ещё не засчитан" in _text(page, "#msg"), message="the dot waiting")
        ideas = next(s for s in wb.store.stages(room["sid"]) if s["kind"] == "ideas")
        facilitator.show_stage(wb.store, room["sid"], ideas["id"])  # the facilitator moves on
        cut["on"] = False
        wait_for(lambda: _text(page, "#msg") == "Связь вернулась: голос засчитан", timeout=30,
                 message="the phone saying the dot counted")
        assert cut["arrived"] == [200] and _dots(wb, room) == {first: 1}
    finally:
        ctx.close()


def test_a_rating_refused_after_the_outage_says_it_was_not_counted(browser, fresh):
    """A matrix rating tapped while the server is down, and the facilitator closed the vote in the
    meantime: the phone says the vote was not counted and why, instead of dropping it silently."""
    wb, start = fresh
    room = _room(wb, method="matrix")
    server = start()
    ctx, page = _phone(browser, server, room)
    card = room["cards"][1]["id"]
    try:
        page.wait_for_selector(f"[data-rate='{card}:impact:4']")
        page.click(f"[data-rate='{card}:impact:4']")
        server.stop(signal.SIGKILL)
        page.click(f"[data-rate='{card}:feasibility:2']")
        wait_for(lambda: "голос ещё не засчитан" in _text(page, "#msg"), message="the rating waiting")
        facilitator.toggle_voting(wb.store, room["vote"])  # closed while the phone was cut off
        server = start(port=server.port)
        wait_for(lambda: _text(page, "#msg") == "Голос не засчитан: голосование сейчас закрыто", timeout=30,
                 message="the phone saying the rating did not count")
        assert wb.store.ballots_by("ratings", room["vote"], room["person"]["id"]) == []
    finally:
        ctx.close()


def test_a_ballot_waiting_through_a_reload_goes_once_the_server_answers(browser, fresh):
    """A pull to refresh while the ballot waits: the statement vote goes after the reload, once."""
    wb, start = fresh
    room = _room(wb)
    sid = room["sid"]
    st = wb.store.add_stage(sid, "statements", title="Утверждения")
    wb.store.add_card(sid, st, "Нужен автобус до Лядин", by_facilitator=True)
    facilitator.toggle_voting(wb.store, st)
    facilitator.show_stage(wb.store, sid, st)
    server = start()
    ctx, page = _phone(browser, server, room)
    down = []

    def wifi(route):
        if down:
            route.abort()
        else:
            route.continue_()

    try:
        page.wait_for_selector("#agree:not(.hidden)")
        page.route("**/api/**", wifi)
        down.append(True)  # the Wi-Fi drops
        page.click("#agree")
        wait_for(lambda: "голос ещё не засчитан" in _text(page, "#msg"), message="the vote waiting")
        page.reload()  # the page itself comes from the browser's cache of the room's laptop
        wait_for(lambda: "Нет связи" in _text(page, "#msg"), message="the reloaded page without a connection")
        down.clear()  # the Wi-Fi is back
        wait_for(lambda: _text(page, "#msg") == "Связь вернулась: голос засчитан", message="sent after the reload")
        votes = wb.store.ballots_by("statement_votes", st, room["person"]["id"])
        assert [v["vote"] for v in votes] == [1]
    finally:
        ctx.close()
