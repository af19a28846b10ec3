"""Real Chromium: someone signed up for the wrong team leaves it on the phone and joins another;
a leader who leaves frees the team for another leader. Before, the only way out of a team was
another team: a person who wanted none stayed in the protocol's team."""

from __future__ import annotations

import pytest

from workbench.session import facilitator, teams
from workbench.testing import PHONE, act, ideas_session

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def room(serve):
    def prepare(wb):
        made = ideas_session(wb, "Сессия с командами", ("Прокат лодок на озере", "Дом ремёсел"))
        code, sid, stages = made["code"], made["sid"], made["stages"]
        cards = [wb.store.card(i) for i in made["cards"]]
        vera, oleg = (wb.store.join(sid, name=n) for n in ("Вера Петрова", "Олег Смирнов"))
        facilitator.show_stage(wb.store, sid, stages["teams"]["id"])
        teams.join(wb.store, stages["teams"]["id"], vera["id"], cards[0]["id"], leader=True)
        return {"code": code, "stage": stages["teams"], "cards": cards, "vera": vera, "oleg": oleg}

    return serve(prepare)


def _row(page, card):
    return page.locator(f"li[data-row='team:{card['id']}']")


def test_a_leader_leaves_her_team_and_joins_another(room, browser):
    server, r = room
    ctx = browser.new_context(**PHONE)
    ctx.add_init_script(f"localStorage.setItem('wb:{r['code']}', '{r['vera']['token']}')")
    try:
        page = ctx.new_page()
        page.goto(f"{server.base}/s/{r['code']}")
        boats, crafts = r["cards"]
        page.wait_for_function("() => document.body.innerText.includes('Вы — лидер этой команды')")
        page.get_by_role("button", name=f"Выйти из команды «{boats['text']}»").click()
        # her phone offers the team again, and nobody leads it: the next one may
        page.wait_for_function(f"() => !!document.querySelector(\"[data-row='team:{boats['id']}'] button[data-key='team:{boats['id']}:join']:not([disabled])\")")
        assert "Вы — лидер" not in page.inner_text("body")
        page.get_by_role("button", name=f"В команду «{crafts['text']}»").click()
        page.wait_for_function(f"() => document.querySelector(\"li[data-row='team:{crafts['id']}']\").innerText.includes('Вы в этой команде')")
        assert "Вы в этой команде" not in _row(page, boats).inner_text()
    finally:
        ctx.close()

    def formed(wb):
        return {tm["card"]["id"]: [(m["name"], m["leader"]) for m in tm["members"]]
                for tm in teams.formed(wb.store, wb.store.stage(r["stage"]["id"]))}

    assert act(server, formed) == {crafts["id"]: [("Вера Петрова", False)]}  # the protocol's teams
    # Олег may now lead the boats team she left
    act(server, lambda wb: teams.join(wb.store, r["stage"]["id"], r["oleg"]["id"], boats["id"], leader=True))
    assert act(server, formed)[boats["id"]] == [("Олег Смирнов", True)]
