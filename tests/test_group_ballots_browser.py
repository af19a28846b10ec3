"""Real Chromium on a 360 px phone: a vote on groups by impact × feasibility, ranking or pairs,
and teams formed on groups, name each group's ideas under its name, as the dots' list does. The
rehearsal of a session (dots on groups, then the matrix on the top 6, then teams) found phones
asked to rate, and then to join, «Лето» or «Река» with nothing but the name: what was in a
group was on the wall an hour before."""

from __future__ import annotations

import pytest

from workbench.session import facilitator
from workbench.testing import open_phone, wait_for

pytestmark = pytest.mark.browser
GROUPS = {"Лето": ("Школьный автобус летом для туристов", "Кино под открытым небом"),
          "Река": ("Экотропа вдоль реки", "Ремонт моста в Канакшу")}
METHODS = ("matrix", "ranking", "pairwise")


def _room(wb, method: str) -> dict:
    """A session voting by `method` on two groups of ideas, open and on phones, one phone joined."""
    code = wb.store.create_session(f"Группы: {method}")
    sid = wb.store.session(code)["id"]
    stages = {s["kind"]: s for s in wb.store.stages(sid)}
    ideas, vote = stages["ideas"]["id"], stages["voting"]["id"]
    proposal = [(name, [facilitator.add_card(wb.store, sid, ideas, text)["id"] for text in texts])
                for name, texts in GROUPS.items()]
    groups = dict(zip(GROUPS, facilitator.accept_groups(wb.store, ideas, proposal), strict=True))
    if method == "teams":  # teams form on the groups (the stage's default candidates)
        facilitator.show_stage(wb.store, sid, stages["teams"]["id"])
    else:
        facilitator.set_vote_on(wb.store, vote, "groups")
        facilitator.set_method(wb.store, vote, method)
        facilitator.toggle_voting(wb.store, vote)
        facilitator.show_stage(wb.store, sid, vote)
    return {"code": code, "groups": groups, "token": wb.store.join(sid, name="Вера")["token"]}


@pytest.fixture(scope="module")
def rooms(serve):
    return serve(lambda bench: {m: _room(bench, m) for m in (*METHODS, "teams")})


# where each method draws a group on the phone: its row to rate, its button to rank, its side of a
# pair, its team to join
ROW = {"matrix": "li[data-row='rate:{id}']", "ranking": "button[data-rank='{id}']",
       "pairwise": "button[data-pick='{id}']", "teams": "li[data-row='team:{id}']"}


@pytest.mark.parametrize("method", (*METHODS, "teams"))
def test_a_group_on_the_ballot_shows_its_ideas(browser, rooms, method):
    server, made = rooms
    room = made[method]
    ctx, page = open_phone(browser, server, room["code"], room["token"])
    page.wait_for_selector("[data-pick], [data-rank], [data-rate], [data-row^='team:']")
    for name, gid in room["groups"].items():
        row = page.locator(ROW[method].format(id=gid))
        wait_for(lambda row=row: row.count() == 1, message=f"«{name}» on the {method} ballot")
        assert name in row.inner_text()
        ideas = row.locator(".ideas")  # the group's ideas, not its team's people
        assert ideas.inner_text() == " · ".join(GROUPS[name])
        # smaller than the group's name, and inside the phone's 360 px
        assert ideas.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") < row.evaluate(
            "e => parseFloat(getComputedStyle(e).fontSize)")
        box = ideas.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360
