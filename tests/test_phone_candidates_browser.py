"""Real Chromium on the phone page: a round on «the best N» of an earlier one shows its candidates
only (every card had been listed, and taps on the others refused), and a team's leader who gave
no name is on the team's line («★ Участник без имени»), their own phone saying they lead it."""

from __future__ import annotations

import pytest

from workbench.session import facilitator, stages, teams, voting
from workbench.testing import act as _act
from workbench.testing import ideas_session, open_phone, wait_for

pytestmark = pytest.mark.browser
IDEAS = ("Ремонт дороги", "Дом ремёсел", "Прокат лодок", "Освещение улиц")


@pytest.fixture(scope="module")
def room(serve):
    """Four ideas; a dot vote over (Дом ремёсел 6, Ремонт дороги 2, the others 1 and 0); a final
    dot round on its best 2, open; a teams stage whose first team's leader gave no name."""
    def prepare(wb):
        made = ideas_session(wb, "Кенозеро: финал", IDEAS)
        code, sid, st, ids = made["code"], made["sid"], made["stages"], made["cards"]
        first = st["voting"]["id"]
        facilitator.show_stage(wb.store, sid, first)
        facilitator.toggle_voting(wb.store, first)
        people = [wb.store.join(sid, name=name) for name in ("Николай Лебедев", "Татьяна Морозова")]
        nameless = wb.store.join(sid)
        for p, dots in zip(people + [nameless], ((1, 1, 0), (1, 0, 2), (1, 1, 1)), strict=True):
            for card in dots:
                voting.vote(wb.store, first, p["id"], ids[card])
        facilitator.toggle_voting(wb.store, first)
        final = stages.add(wb.store, sid, "voting", title="Финал", after_stage_id=first)["id"]
        stages.set_source(wb.store, final, first, top=2)
        facilitator.toggle_voting(wb.store, final)
        team = ids[1]
        teams.join(wb.store, st["teams"]["id"], people[0]["id"], team)
        teams.join(wb.store, st["teams"]["id"], nameless["id"], team, leader=True)
        teams.join(wb.store, st["teams"]["id"], people[1]["id"], team)
        return {"code": code, "sid": sid, "ids": ids, "final": final, "teams": st["teams"]["id"],
                "people": people, "nameless": nameless}

    return serve(prepare)


def _phone(browser, server, made, person):
    return open_phone(browser, server, made['code'], person['token'])


def test_a_dot_round_on_the_best_two_lists_only_the_two(room, browser):
    server, made = room
    _act(server, lambda wb: facilitator.show_stage(wb.store, made["sid"], made["final"]))
    ctx, page = _phone(browser, server, made, made["people"][0])
    try:
        page.wait_for_selector("button[data-action=vote]:not([disabled])")
        assert page.locator("button[data-action=vote]").count() == 2
        listed = page.locator("#cards").inner_text()
        assert "Дом ремёсел" in listed and "Ремонт дороги" in listed
        assert "Прокат лодок" not in listed and "Освещение улиц" not in listed
        page.locator("button[data-action=vote]").last.click()
        wait_for(lambda: page.locator("#dots").inner_text() == "Осталось голосов: 2",
                 message="the dot on a candidate counted")
        assert "нельзя" not in page.locator("#msg").inner_text()
        dots = _act(server, lambda wb: wb.store.dots_of(made["final"], made["people"][0]["id"]))
        assert sum(dots.values()) == 1 and set(dots) <= {made["ids"][0], made["ids"][1]}
    finally:
        ctx.close()


def test_a_leader_without_a_name_is_starred_and_told_they_lead(room, browser):
    server, made = room
    _act(server, lambda wb: facilitator.show_stage(wb.store, made["sid"], made["teams"]))
    ctx, page = _phone(browser, server, made, made["people"][0])
    try:
        line = page.locator("#cards li.mine .members").first
        wait_for(lambda: line.count() and line.inner_text()
                 == "В команде: 3 — ★ Участник без имени, Николай Лебедев, Татьяна Морозова",
                 message="the nameless leader on the team's line")
        assert page.locator("#cards li.mine .members").nth(1).inner_text() == "Вы в этой команде"
    finally:
        ctx.close()
    ctx, page = _phone(browser, server, made, made["nameless"])
    try:
        mine = page.locator("#cards li.mine .members").nth(1)
        wait_for(lambda: mine.count() and mine.inner_text() == "Вы — лидер этой команды",
                 message="the leader's own phone saying they lead")
        page.click("#lang")
        wait_for(lambda: mine.inner_text() == "You lead this team", message="the English wording")
    finally:
        ctx.close()
