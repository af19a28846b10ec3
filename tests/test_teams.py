"""Teams: people sign up on their phones for the top ideas; one leader per team."""

from __future__ import annotations

import pytest

from workbench.errors import WorkbenchError
from workbench.session.phone import phone_state
from workbench.session.teams import join as join_team
from workbench.session.teams import options as team_options
from workbench.testing import Phone
from workbench.ui.projector import ProjectorView


def _teams_stage(wb, code):
    s = wb.store.session(code)
    stage = next(st for st in wb.store.stages(s["id"]) if st["kind"] == "teams")
    wb.store.set_current_stage(s["id"], stage["id"])
    return s, stage


def test_options_are_the_most_voted_ideas_and_teams_form(wb, demo):
    s, stage = _teams_stage(wb, demo)
    voting = next(st for st in wb.store.stages(s["id"]) if st["kind"] == "voting")
    totals = wb.store.vote_totals(voting["id"])
    options = team_options(wb.store, stage)
    assert len(options) == 8
    assert [o["votes"] for o in options] == sorted((o["votes"] for o in options), reverse=True)
    assert options[0]["votes"] == max(totals.values())
    anna, igor = wb.store.participants(s["id"])[:2]
    join_team(wb.store, stage["id"], anna["id"], options[0]["id"], leader=True)
    join_team(wb.store, stage["id"], igor["id"], options[1]["id"])
    join_team(wb.store, stage["id"], igor["id"], options[0]["id"])  # changed their mind: moves
    with pytest.raises(WorkbenchError, match="team_has_leader"):
        join_team(wb.store, stage["id"], igor["id"], options[0]["id"], leader=True)
    state = phone_state(wb.store, wb.store.session(demo), igor)
    first = state["teams"][0]
    assert first["mine"] and first["has_leader"] and not first["i_lead"]
    assert [m["name"] for m in first["members"]] == ["Анна Петрова", "Игорь Смирнов"]
    assert not state["teams"][1]["members"]
    view = ProjectorView(wb, demo)
    assert "★ Анна Петрова (Районная библиотека)" in view.teams_html.value  # as the protocol lists her
    assert "Игорь Смирнов (ТОС «Ошевенский»)" in view.teams_html.value


def test_team_api(served):
    from workbench.app import Workbench

    wb = Workbench(served.data_dir)
    s, stage = _teams_stage(wb, "KARGO1")
    phone = Phone(served.base, "KARGO1", lang="ru")
    phone.join(name="Лидия", organisation="Клуб «Берегиня»")
    options = phone.state()["teams"]
    r = phone.call("POST", "/team", {"card": options[2]["id"], "leader": True})
    assert r.status_code == 200 and r.json()["leader"] is True
    other = Phone(served.base, "KARGO1", lang="ru")
    other.join()
    r = other.call("POST", "/team", {"card": options[2]["id"], "leader": True})
    assert r.status_code == 409 and "уже есть лидер" in r.json()["message"]
    assert other.call("POST", "/team", {"card": options[2]["id"], "leader": "yes"}).status_code == 400
    mine = next(o for o in phone.state()["teams"] if o["mine"])
    assert mine["i_lead"] and mine["members"][0]["name"] == "Лидия"
    problem = next(c for c in wb.store.cards(s["id"]) if not c["is_group"]
                   and wb.store.stage(c["stage_id"])["kind"] == "problems")
    assert other.call("POST", "/team", {"card": problem["id"]}).status_code == 400
    problems = next(st for st in wb.store.stages(s["id"]) if st["kind"] == "problems")
    wb.store.set_current_stage(s["id"], problems["id"])
    assert other.call("POST", "/team", {"card": options[0]["id"]}).status_code == 409
    wb.close()
