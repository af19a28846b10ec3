"""Real Chromium: the review page lists the teams in the order of the display's «Команды» (the
ideas the room voted best first), not the largest team first; the display's «Оценки» too."""

from __future__ import annotations

import pytest

from workbench.session import display, facilitator, review, teams
from workbench.session.voting import vote
from workbench.testing import act, display_and_phone, ideas_session

pytestmark = pytest.mark.browser
# by dots: the school first; by people who joined: the boats first (the order review had)
IDEAS = ("Школа ремёсел", "Тропа к озеру", "Прокат лодок")
DOTS = (3, 2, 1)
MEMBERS = (1, 2, 3)


@pytest.fixture(scope="module")
def room(serve):
    def prepare(wb):
        store = wb.store
        made = ideas_session(wb, "Порядок команд", IDEAS, by_facilitator=False)
        code, sid, stages, ideas = made["code"], made["sid"], made["stages"], made["cards"]
        people = [store.join(sid, name=f"Участник {n + 1}")["id"] for n in range(6)]
        voting = stages["voting"]["id"]
        facilitator.toggle_voting(store, voting)
        for idea, dots in zip(ideas, DOTS, strict=True):
            for p in people[:dots]:
                vote(store, voting, p, idea)
        facilitator.toggle_voting(store, voting)
        team_stage = stages["teams"]["id"]
        signed = iter(people)
        for idea, n in zip(ideas, MEMBERS, strict=True):
            for _ in range(n):
                teams.join(store, team_stage, next(signed), idea)
        reviewer = store.join(sid, name="Эксперт")
        review.add_criterion(store, code, "Ясность цели", "")
        review.open_review(store, code)
        display.set_display(store, sid, "teams", stage_id=team_stage)
        return {"code": code, "sid": sid, "reviewer": reviewer}

    return serve(prepare)


def test_the_review_page_lists_the_teams_as_the_display_does(room, browser):
    server, made = room
    code = made["code"]
    with display_and_phone(browser, server, code, made["reviewer"]["token"], page="/review") as (wall, page):
        wall.wait_for_selector("#main[data-mode='teams'] .team")
        on_wall = wall.locator("#teams .team > b").all_inner_texts()
        assert on_wall == list(IDEAS)  # the best voted first
        page.locator(".team h2").first.wait_for(timeout=10_000)
        assert page.locator(".team h2").all_inner_texts() == on_wall  # it was the largest team first
        # the display's scores board («Оценки») in the same order
        act(server, lambda wb: display.set_display(wb.store, made["sid"], "review"))
        wall.wait_for_selector("#main[data-mode='review'] .rteam")
        assert wall.locator("#review .rteam .hd b").all_inner_texts() == on_wall
