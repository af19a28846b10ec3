"""Real Chromium on the phone page: how it words a vote nobody has opened yet, and the text typed
but not sent kept through a reload (a pull to refresh while the Wi-Fi is down)."""

from __future__ import annotations

import pytest

from workbench.session import facilitator
from workbench.testing import act as _act
from workbench.testing import wait_for

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


@pytest.fixture(scope="module")
def room(serve):
    """A new session (no vote was ever opened) with one idea, and one participant's token."""
    def prepare(wb):
        code = wb.store.create_session("Сессия без голосов")
        sid = wb.store.session(code)["id"]
        stages = {s["kind"]: s for s in wb.store.stages(sid)}
        card = facilitator.add_card(wb.store, sid, stages["ideas"]["id"], "Прокат лодок на озере")
        people = [wb.store.join(sid, name=n) for n in ("Вера", "Глеб", "Нина")]
        return {"code": code, "sid": sid, "stages": stages, "card": card, "people": people}

    return serve(prepare)



def _phone(browser, server, code, token):
    ctx = browser.new_context(**PHONE)
    ctx.add_init_script(f"localStorage.setItem('wb:{code}', '{token}')")  # joined before
    page = ctx.new_page()
    page.goto(f"{server.base}/s/{code}")
    return ctx, page


def _show(server, room, kind):
    _act(server, lambda wb: facilitator.show_stage(wb.store, room["sid"], room["stages"][kind]["id"]))


def _toggle(server, stage_id):
    _act(server, lambda wb: facilitator.toggle_voting(wb.store, stage_id))


def _text(page, selector):
    return page.locator(selector).inner_text()


def test_a_vote_nobody_opened_yet_is_not_called_closed(room, browser):
    """The phone said "Голосование закрыто" before the facilitator ever opened the vote; now it
    says what the facilitator's screen says: not opened yet, open, then closed once people voted."""
    server, made = room
    code, vote = made["code"], made["stages"]["voting"]
    _show(server, made, "voting")
    ctx, page = _phone(browser, server, code, made["people"][0]["token"])
    try:
        wait_for(lambda: _text(page, "#dots") == "Голосование ещё не открыто", message="not opened yet")
        page.click("#lang")
        wait_for(lambda: _text(page, "#dots") == "Voting has not been opened yet", message="the English words")
        page.click("#lang")
        wait_for(lambda: _text(page, "#dots") == "Голосование ещё не открыто", message="back in Russian")
        _toggle(server, vote["id"])
        page.wait_for_selector("button[data-action=vote]:not([disabled])")
        assert _text(page, "#dots") == "Осталось голосов: 3"
        page.click("button[data-action=vote]")
        wait_for(lambda: _text(page, "#dots") == "Осталось голосов: 2", message="the dot counted")
        _toggle(server, vote["id"])
        wait_for(lambda: _text(page, "#dots") == "Голосование закрыто", message="closed after the vote")
    finally:
        ctx.close()


def test_a_matrix_nobody_opened_yet_is_not_called_closed(room, browser):
    """The same on a method with its own ballot (the matrix, pairwise, ranking share the widget);
    opened and closed before anyone rated, it says closed (it said «ещё не открыто»: nothing kept
    that the round had been opened)."""
    server, made = room
    stage = _act(server, lambda wb: wb.store.add_stage(made["sid"], "voting", title="Матрица"))
    _act(server, lambda wb: facilitator.set_method(wb.store, stage, "matrix"))
    _act(server, lambda wb: facilitator.show_stage(wb.store, made["sid"], stage))
    ctx, page = _phone(browser, server, made["code"], made["people"][1]["token"])
    try:
        wait_for(lambda: _text(page, "#decide") == "Голосование ещё не открыто", message="matrix not opened")
        _toggle(server, stage)
        page.wait_for_selector("[data-rate]")
        assert "Голосование" not in _text(page, "#decide")
        _toggle(server, stage)  # closed before anyone rated: the round is over, not «ещё не открыто»
        wait_for(lambda: _text(page, "#decide") == "Голосование закрыто", message="closed with no ballots")
        page.click("#lang")
        wait_for(lambda: _text(page, "#decide") == "Voting is closed", message="the English words")
    finally:
        ctx.close()


def test_typed_text_survives_a_reload_until_the_card_is_stored(room, browser):
    server, made = room
    code, ideas = made["code"], made["stages"]["ideas"]
    _show(server, made, "ideas")
    ctx, page = _phone(browser, server, code, made["people"][2]["token"])
    try:
        page.wait_for_selector("#add:not(.hidden)")
        page.fill("#text", "Лодочная станция у моста")
        page.reload()
        page.wait_for_selector("#add:not(.hidden)")
        wait_for(lambda: page.input_value("#text") == "Лодочная станция у моста", message="the text back")
        assert "Лодочная" not in page.url  # never in the address
        assert _text(page, "#left") == "осталось символов: 476"
        page.click("#send")
        wait_for(lambda: _text(page, "#msg") == "Отправлено", message="the card stored")
        assert page.input_value("#text") == ""
        page.reload()
        page.wait_for_selector("#cards li.mine")
        assert page.input_value("#text") == ""  # a stored card does not come back into the box
        cards = _act(server, lambda wb: [c["text"] for c in wb.store.cards(made["sid"], ideas["id"])])
        assert cards.count("Лодочная станция у моста") == 1
    finally:
        ctx.close()


def test_text_kept_for_one_stage_waits_for_that_stage(room, browser):
    """A reload while another stage is shown leaves the box empty; the text comes back with its
    stage (the facilitator went back to it)."""
    server, made = room
    code = made["code"]
    _show(server, made, "problems")
    ctx, page = _phone(browser, server, code, made["people"][2]["token"])
    try:
        page.wait_for_selector("#add:not(.hidden)")
        page.fill("#text", "Нет автобуса до Лядин")
        _show(server, made, "growth")
        page.reload()
        wait_for(lambda: _text(page, "#stage") == "Точки роста и преимущества", message="the growth stage")
        assert page.input_value("#text") == ""
        _show(server, made, "problems")
        wait_for(lambda: _text(page, "#stage") == "Проблемы", message="the problems stage again")
        wait_for(lambda: page.input_value("#text") == "Нет автобуса до Лядин", message="its text back")
    finally:
        ctx.close()


def test_a_card_whose_answer_was_lost_is_stored_once_after_a_reload(room, browser):
    """Send pressed, the card reached the server but its answer was lost (Wi-Fi), then a pull to
    refresh: the card goes again by itself with its request id and is stored once."""
    server, made = room
    code, ideas = made["code"], made["stages"]["ideas"]
    _show(server, made, "ideas")
    ctx, page = _phone(browser, server, code, made["people"][1]["token"])
    arrived = []

    def lose_answer(route):
        arrived.append(route.fetch().status)  # the server stores the card...
        route.abort()  # ...and the phone never hears back

    try:
        page.wait_for_selector("#add:not(.hidden)")
        page.route("**/cards", lose_answer)
        page.fill("#text", "Музей под открытым небом")
        page.click("#send")
        wait_for(lambda: "Нет связи" in _text(page, "#msg"), message="the card waiting")
        assert arrived == [201]  # stored
        page.unroute("**/cards")
        page.reload()
        wait_for(lambda: _text(page, "#msg") == "Отправлено", message="sent again after the reload")
        assert page.input_value("#text") == ""
        cards = _act(server, lambda wb: [c["text"] for c in wb.store.cards(made["sid"], ideas["id"])])
        assert cards.count("Музей под открытым небом") == 1
    finally:
        ctx.close()
