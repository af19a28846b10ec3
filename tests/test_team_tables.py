"""Two members editing one table of a team's draft keep each other's rows (a row-by-row merge
from the rows each page started from); only a row both changed is a conflict, which either side
settles; every field keeps its earlier versions, so a text emptied by mistake comes back. On
SQLite and PostgreSQL (the `wb` fixture runs both)."""

from __future__ import annotations

import pytest

from workbench.draft_merge import merge_rows
from workbench.drafts import create_draft, save_fields
from workbench.errors import WorkbenchError
from workbench.session import draft_history, team_links
from workbench.testing import plan_row


@pytest.fixture
def team(wb):
    sid = wb.store.session(wb.store.create_session("Демо"))["id"]
    did = create_draft(wb.store, sid, {"title": "Школа ремёсел", "activities": [plan_row("Сбор команды")]})
    return wb.store, did, team_links.team_link(wb.store, did)["token"]


def _version(store, did, name):
    return int(store.draft(did)["versions"].get(name, 0))


def test_rows_added_by_two_members_from_the_same_version_are_both_kept(team):
    store, did, token = team
    start, v = store.draft(did)["fields"]["activities"], _version(store, did, "activities")
    team_links.save_field(store, token, "activities", start + [plan_row("Мастерская")], v, base_value=start)
    answer = team_links.save_field(store, token, "activities", start + [plan_row("Выставка")], v, base_value=start)
    names = [r["activity"] for r in store.draft(did)["fields"]["activities"]]
    assert names == ["Сбор команды", "Мастерская", "Выставка"]
    assert [r["activity"] for r in answer["value"]] == names  # the page is told what is stored now
    # The same save sent again (its answer was lost) does not double the row.
    team_links.save_field(store, token, "activities", start + [plan_row("Выставка")], v, base_value=start)
    assert [r["activity"] for r in store.draft(did)["fields"]["activities"]] == names


def test_a_row_edited_by_one_and_a_row_added_by_the_other_are_both_kept(team):
    store, did, token = team
    start, v = store.draft(did)["fields"]["activities"], _version(store, did, "activities")
    team_links.save_field(store, token, "activities", [plan_row("Сбор команды", dates="май")], v, base_value=start)
    team_links.save_field(store, token, "activities", start + [plan_row("Выставка")], v, base_value=start)
    assert store.draft(did)["fields"]["activities"] == [plan_row("Сбор команды", dates="май"), plan_row("Выставка")]


def test_the_same_row_changed_by_both_is_a_conflict_either_side_settles(team):
    store, did, token = team
    start, v = store.draft(did)["fields"]["activities"], _version(store, did, "activities")
    team_links.save_field(store, token, "activities", [plan_row("Сбор команды", dates="май"), plan_row("Мастерская")],
                          v, base_value=start)
    mine = [plan_row("Сбор команды", dates="июнь"), plan_row("Выставка")]
    with pytest.raises(team_links.FieldConflict) as exc:
        team_links.save_field(store, token, "activities", mine, v, base_value=start)
    assert exc.value.status == 409 and exc.value.version == _version(store, did, "activities")
    assert exc.value.conflicts == [{"base": start, "theirs": [plan_row("Сбор команды", dates="май")],
                                    "mine": [plan_row("Сбор команды", dates="июнь")]}]
    assert "те же строки" in exc.value.message("ru") and "Календарный план" in exc.value.message("ru")
    # Nothing was stored by the refused save.
    assert [r["dates"] for r in store.draft(did)["fields"]["activities"]] == ["май", ""]

    # «Взять их текст»: their row, and this member's other row still added.
    theirs = team_links.save_field(store, token, "activities", mine, v, base_value=start, prefer="theirs")
    assert theirs["value"] == [plan_row("Сбор команды", dates="май"), plan_row("Мастерская"), plan_row("Выставка")]
    # «Сохранить мой текст» (from the same start): this member's row, everyone's other rows kept.
    team_links.save_field(store, token, "activities", mine, v, base_value=start, prefer="mine")
    assert store.draft(did)["fields"]["activities"] == [
        plan_row("Сбор команды", dates="июнь"), plan_row("Мастерская"), plan_row("Выставка")]


def test_a_save_without_the_starting_rows_is_compared_by_version_as_before(team):
    store, did, token = team
    v = _version(store, did, "activities")
    team_links.save_field(store, token, "activities", [plan_row("Мастерская")], v)
    with pytest.raises(team_links.FieldConflict):
        team_links.save_field(store, token, "activities", [plan_row("Выставка")], v)
    with pytest.raises(WorkbenchError):
        team_links.save_field(store, token, "activities", [], v + 1, base_value=[], prefer="all")


def test_every_earlier_version_of_a_field_is_kept_and_the_previous_one_comes_back(team):
    store, did, token = team
    team_links.save_field(store, token, "relevance", "В селе 40 подростков", 0)
    team_links.save_field(store, token, "relevance", "", 1)  # Ctrl+A, Delete: saved empty everywhere
    assert store.draft(did)["fields"]["relevance"] == ""
    assert team_links.team_draft(store, token)["history"]["relevance"] == 2
    answer = team_links.restore_field(store, token, "relevance", 2)
    assert answer["value"] == "В селе 40 подростков" and answer["version"] == 3
    assert store.draft(did)["fields"]["relevance"] == "В селе 40 подростков"
    # a restore goes into the history too, so it is undone the same way
    assert draft_history.restore_previous(store, did, "relevance")["value"] == ""
    # a page showing an older version is refused, not overwritten
    with pytest.raises(team_links.FieldConflict):
        team_links.restore_field(store, token, "relevance", 2)


def test_staff_saves_keep_history_too_and_a_field_never_changed_has_none(team):
    store, did, _ = team
    save_fields(store, did, {"goal": "Обучить 40 подростков к маю"})
    save_fields(store, did, {"goal": "Обучить 50 подростков к маю"})
    assert draft_history.previous_value(store, did, "goal") == "Обучить 40 подростков к маю"
    assert [h["value"] for h in draft_history.field_history(store, did, "goal")][:1] == ["Обучить 40 подростков к маю"]
    with pytest.raises(WorkbenchError) as exc:
        draft_history.restore_previous(store, did, "media")
    assert exc.value.message("ru") == "У поля «Информационное сопровождение» нет прежнего варианта"


def test_merge_rows_keeps_rows_around_a_conflict():
    a, b, c = {"p": "A"}, {"p": "B"}, {"p": "C"}
    merged, conflicts = merge_rows([a, b, c], [{"p": "A1"}, b, c], [{"p": "A2"}, b, {"p": "C2"}])
    assert merged == [{"p": "A1"}, b, {"p": "C2"}]
    assert conflicts == [{"base": [a], "theirs": [{"p": "A1"}], "mine": [{"p": "A2"}]}]
    assert merge_rows([a, b], [b], [a, b, c])[0] == [b, c]  # one removed a row, the other added one


def test_a_field_keeps_its_last_fifty_earlier_values(team):
    from workbench.store.sharing import HISTORY_KEPT

    store, did, token = team
    for n in range(HISTORY_KEPT + 5):  # a member typing with pauses: a save at each
        team_links.save_field(store, token, "media", f"Группа ВКонтакте {n}", n)
    history = draft_history.field_history(store, did, "media")
    assert len(history) == HISTORY_KEPT
    assert history[0]["value"] == f"Группа ВКонтакте {HISTORY_KEPT + 3}"  # the latest replaced first
