"""Real Chromium: «Показать результаты на телефонах» after a ranking shows the phone its results
(places shared by a tie, the method's own figures), and the public page gives the places and the
figures in the reader's language, as the protocol does."""

from __future__ import annotations

import pytest

from workbench.session import facilitator, public
from workbench.session.voting import rank
from workbench.testing import act as _act
from workbench.testing import ideas_session, wait_for

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
IDEAS = ("Ремонт дороги", "Дом ремёсел", "Прокат лодок")


@pytest.fixture(scope="module")
def room(serve):
    """Three ideas ranked by three people in three different orders (a three-way tie), the vote
    closed and on phones, the public page on."""
    def prepare(wb):
        made = ideas_session(wb, "Будущее Лепши", IDEAS)
        code, sid, stages, (a, b, c) = made["code"], made["sid"], made["stages"], made["cards"]
        vote = stages["voting"]["id"]
        facilitator.set_method(wb.store, vote, "ranking")
        facilitator.show_stage(wb.store, sid, vote)
        facilitator.toggle_voting(wb.store, vote)
        people = [wb.store.join(sid, name=f"Житель {i}") for i in range(3)]
        for p, order in zip(people, ([a, b, c], [b, c, a], [c, a, b]), strict=True):
            rank(wb.store, vote, p["id"], order)
        facilitator.toggle_voting(wb.store, vote)
        return {"code": code, "vote": vote, "me": people[0],
                "public": public.set_public(wb.store, code, True)["token"]}

    return serve(prepare)


def test_the_phone_shows_a_ranking_s_results_once_they_are_shown(room, browser):
    server, made = room
    ctx = browser.new_context(**PHONE)
    ctx.add_init_script(f"localStorage.setItem('wb:{made['code']}', '{made['me']['token']}')")
    page = ctx.new_page()
    try:
        page.goto(f"{server.base}/s/{made['code']}")
        wait_for(lambda: page.locator("#decide").inner_text().strip() != "", message="the closed ranking drawn")
        assert page.locator("#results li").count() == 0 and not page.locator("#res-h").is_visible()
        _act(server, lambda wb: facilitator.toggle_results(wb.store, made["vote"]))
        rows = page.locator("#results li")
        wait_for(lambda: rows.count() == 3, message="the ranking's results on the phone")
        assert page.locator("#res-h").is_visible()
        texts = rows.all_inner_texts()
        assert texts == [f"1. {x} — 3 балла · Первых мест: 33 %" for x in IDEAS], texts
    finally:
        ctx.close()


def test_the_public_page_gives_tied_places_and_percent_shares(room, browser):
    server, made = room
    ctx = browser.new_context(viewport={"width": 1024, "height": 800})
    page = ctx.new_page()
    try:
        page.goto(f"{server.base}/r/{made['public']}")
        table = page.locator("table.votes")
        table.wait_for()
        rows = [r.locator("td").all_inner_texts() for r in table.locator("tr").all()[1:]]
        assert rows == [["1", x, "3", "33 %"] for x in IDEAS], rows
    finally:
        ctx.close()
