"""Real Chromium: a phone voting on groups lists them in the display's numbering (the phone's
first group is the display's «1», its ideas in the order the display shows them), not the
reverse (JMQ773: the phone started with group 11)."""

from __future__ import annotations

import pytest

from workbench.session import display, facilitator
from workbench.testing import display_and_phone, wait_for

pytestmark = pytest.mark.browser
GROUPS = 10  # more than the display's eight colours: it numbers the groups on their headings


@pytest.fixture(scope="module")
def room(serve):
    def prepare(wb):
        store = wb.store
        code = store.create_session("Порядок групп")
        sid = store.session(code)["id"]
        stages = {s["kind"]: s for s in store.stages(sid)}
        ideas = stages["ideas"]["id"]
        proposal = []
        for g in range(GROUPS):
            ids = [facilitator.add_card(store, sid, ideas, f"Идея {g + 1}.{k + 1}")["id"] for k in range(2)]
            proposal.append((f"Тема {g + 1}", ids))
        facilitator.accept_groups(store, ideas, proposal)
        voting = stages["voting"]["id"]
        facilitator.set_vote_on(store, voting, "groups")
        facilitator.toggle_voting(store, voting)
        facilitator.show_stage(store, sid, voting)
        display.set_display(store, sid, "wall", stage_id=ideas)
        return {"code": code, "person": store.join(sid, name="Вера")}

    return serve(prepare)


def test_the_phones_first_group_is_the_displays_number_one(room, browser):
    server, made = room
    code = made["code"]
    with display_and_phone(browser, server, code, made["person"]["token"]) as (wall, page):
        wall.wait_for_selector("#board .ghead .gn")
        numbered = wall.locator("#board .ghead").evaluate_all(
            "hs => hs.map(h => [h.querySelector('.gn').textContent, h.querySelector('.gt').textContent])")
        names = dict(numbered)
        assert names["1"] == "Тема 1" and names[str(GROUPS)] == f"Тема {GROUPS}"
        notes = wall.locator("#board .note").all_inner_texts()
        first_group_notes = [n.replace("\u00ad", "") for n in notes if n.replace("\u00ad", "").startswith("Идея 1.")]

        wait_for(lambda: page.locator("#cards li").count() == GROUPS, message="the groups on the phone")
        listed = page.locator("#cards li .t").evaluate_all("es => es.map(e => e.firstChild.textContent)")
        assert listed == [names[str(n)] for n in range(1, GROUPS + 1)]  # 1 first, as numbered
        first_members = page.locator("#cards li").first.locator(".members").inner_text()
        assert first_members == " · ".join(first_group_notes) == "Идея 1.1 · Идея 1.2"
