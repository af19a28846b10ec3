"""Real Chromium on the phone page and the projector's display: a vote on groups is worded for
groups («Отдайте свои голоса лучшим группам»), and people who gave no name are «Участник без
имени», as in the protocol, never «…» (phones count them: «В команде: 9 — ★ Вера Петрова и ещё 8»)."""

from __future__ import annotations

import pytest

from workbench.session import display, facilitator, teams
from workbench.testing import Http, ideas_session, open_phone, wait_for
from workbench.testing import act as _act

pytestmark = pytest.mark.browser
TOS = "ТОС «Лядины»"


@pytest.fixture(scope="module")
def room(serve):
    """Six ideas in two groups; the vote on the groups, open; a teams stage where Вера Петрова
    leads a team of nine, eight of whom gave no name."""
    def prepare(wb):
        made = ideas_session(wb, "Будущее Ошевенска", (
            "Гостевой дом для туристов", "Прокат лодок", "Экскурсии по монастырю",
            "Автобус до Лядин", "Ремонт дороги", "Освещение улиц"))
        code, sid, stages, cards = made["code"], made["sid"], made["stages"], made["cards"]
        ideas = stages["ideas"]["id"]
        facilitator.new_group(wb.store, ideas, "Туризм", cards[:3])
        facilitator.new_group(wb.store, ideas, "Дороги и транспорт", cards[3:])
        vote = stages["voting"]["id"]
        facilitator.set_vote_on(wb.store, vote, "groups")
        facilitator.toggle_voting(wb.store, vote)
        vera = wb.store.join(sid, name="Вера Петрова", organisation=TOS)
        nameless = [wb.store.join(sid, organisation=TOS) for _ in range(8)]
        st = wb.store.stage(stages["teams"]["id"])
        team = teams.options(wb.store, st)[0]["id"]
        teams.join(wb.store, st["id"], vera["id"], team, leader=True)
        for p in nameless:
            teams.join(wb.store, st["id"], p["id"], team)
        return {"code": code, "sid": sid, "vote": vote, "teams": st["id"], "team": team, "vera": vera}

    return serve(prepare)



def _show(server, made, stage_id):
    _act(server, lambda wb: facilitator.show_stage(wb.store, made["sid"], stage_id))


def _phone(browser, server, made):
    return open_phone(browser, server, made['code'], made['vera']['token'])


def test_a_vote_on_groups_asks_for_the_best_groups(room, browser):
    server, made = room
    _show(server, made, made["vote"])
    ctx, page = _phone(browser, server, made)
    try:
        wait_for(lambda: page.locator("#prompt").inner_text() == "Отдайте свои голоса лучшим группам",
                 message="the dots prompt for groups")
        assert page.locator("button[data-action=vote]").count() == 2  # the two groups
        page.click("#lang")
        wait_for(lambda: page.locator("#prompt").inner_text() == "Give your dots to the best groups",
                 message="the English prompt")
        page.click("#lang")
        _act(server, lambda wb: facilitator.set_method(wb.store, made["vote"], "matrix"))
        wait_for(lambda: page.locator("#prompt").inner_text().startswith("Оцените каждую группу"),
                 message="the matrix prompt for groups")
    finally:
        _act(server, lambda wb: facilitator.set_method(wb.store, made["vote"], "dots"))
        ctx.close()


def test_people_without_a_name_are_counted_on_phones_and_named_as_in_the_protocol_on_the_display(room, browser):
    server, made = room
    _show(server, made, made["teams"])
    ctx, page = _phone(browser, server, made)
    try:
        line = page.locator("#cards li.mine .members:not(.ideas)").first  # her team: its members, then "you are in it"
        wait_for(lambda: line.count() and line.inner_text() == "В команде: 9 — ★ Вера Петрова и ещё 8",
                 message="the team's members counted on the phone")
        assert "…" not in page.locator("#cards").inner_text()
    finally:
        ctx.close()
    _act(server, lambda wb: display.set_display(wb.store, made["sid"], "teams", made["teams"]))  # «Команды»
    login = Http().get(server.projector_url(made["code"]))  # the facilitator's cookie
    cookies = [v.split(";")[0].split("=", 1) for k, v in login.headers.items() if k.lower() == "set-cookie"]
    ctx = browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        ctx.add_cookies([{"name": n, "value": v, "url": server.base} for n, v in cookies])
        screen = ctx.new_page()
        screen.goto(f"{server.base}/d/{made['code']}")
        screen.wait_for_selector("#main[data-mode='teams'] .team li")
        people = screen.locator(".team li").all_inner_texts()
        assert people[0] == f"★ Вера Петрова ({TOS})"
        assert people.count(f"Участник без имени ({TOS})") == 8
        assert "…" not in screen.locator("#main").inner_text()
    finally:
        ctx.close()
