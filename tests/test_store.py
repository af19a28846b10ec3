"""Domain tests on a real temporary SQLite store."""

from __future__ import annotations

import sqlite3
import threading

import pytest
import sqlalchemy as sa

from workbench.errors import WorkbenchError
from workbench.session import facilitator
from workbench.session.phone import phone_state
from workbench.session.voting import unvote, vote
from workbench.store import SCHEMA_VERSION, Store
from workbench.testing import run_together


def _stage(wb, code, kind):
    s = wb.store.session(code)
    return next(st for st in wb.store.stages(s["id"]) if st["kind"] == kind), s


def test_new_session_has_the_stage_template_and_starts_on_problems(wb):
    code = wb.store.create_session("Сессия", territory="Няндома")
    s = wb.store.session(code.lower())  # codes are typed in any case
    kinds = [st["kind"] for st in wb.store.stages(s["id"])]
    assert kinds == ["problems", "growth", "vision", "ideas", "voting", "teams"]
    assert wb.store.stage(s["current_stage_id"])["title"] == "Проблемы"
    voting, _ = _stage(wb, code, "voting")
    ideas, _ = _stage(wb, code, "ideas")
    assert voting["target_stage_id"] == ideas["id"] and voting["vote_budget"] == 3


def test_stage_list_is_editable(wb):
    code = wb.store.create_session("Сессия")
    s = wb.store.session(code)
    new_id = wb.store.add_stage(s["id"], "voting", title="Второе голосование", after_position=3)
    kinds = [(st["kind"], st["title"]) for st in wb.store.stages(s["id"])]
    assert kinds[4] == ("voting", "Второе голосование")
    wb.store.update_stage(new_id, title="Финальное голосование")
    facilitator.set_budget(wb.store, new_id, 5)
    assert wb.store.stage(new_id)["vote_budget"] == 5
    with pytest.raises(WorkbenchError, match="budget_invalid"):
        facilitator.set_budget(wb.store, new_id, 0)
    with pytest.raises(WorkbenchError, match="bad_request"):
        facilitator.set_method(wb.store, new_id, "lottery")


def test_unknown_session_code_is_a_clear_error(wb):
    with pytest.raises(WorkbenchError) as e:
        wb.store.session("NOPE42")
    assert e.value.status == 404
    assert "NOPE42" in e.value.message("ru") and "не найдена" in e.value.message("ru")


def test_rejoining_with_the_device_token_keeps_the_same_participant(wb, demo):
    s = wb.store.session(demo)
    p = wb.store.join(s["id"], name="Вера", territory="Ошевенск", sector="tos")
    again = wb.store.join(s["id"], token=p["token"])
    assert again["id"] == p["id"] and again["name"] == "Вера"
    with pytest.raises(WorkbenchError, match="sector_unknown"):
        wb.store.join(s["id"], sector="pirates")


@pytest.mark.parametrize("text,key", [("", "text_empty"), ("   \n\t ", "text_empty"),
                                      ("я" * 501, "text_too_long"), (None, "bad_request")])
def test_bad_card_text_is_refused_and_nothing_is_written(wb, demo, text, key):
    problems, s = _stage(wb, demo, "problems")
    before = len(wb.store.cards(s["id"], include_hidden=True))
    with pytest.raises(WorkbenchError) as e:
        wb.store.add_card(s["id"], problems["id"], text)
    assert e.value.key == key
    assert len(wb.store.cards(s["id"], include_hidden=True)) == before


def test_card_of_500_characters_and_odd_unicode_is_kept_exactly(wb, demo):
    problems, s = _stage(wb, demo, "problems")
    text = "ё" * 490 + " 🚜 <b>"
    card = wb.store.add_card(s["id"], problems["id"], "  " + text + "  ")
    assert wb.store.card(card["id"])["text"] == text


def test_hide_edit_and_merge(wb, demo):
    ideas, s = _stage(wb, demo, "ideas")
    voting, _ = _stage(wb, demo, "voting")
    a = wb.store.add_card(s["id"], ideas["id"], "Ремонт дороги до Ошевенска")
    b = wb.store.add_card(s["id"], ideas["id"], "Отремонтировать дорогу в Ошевенск")
    c = wb.store.add_card(s["id"], ideas["id"], "шутка")
    wb.store.set_hidden(c["id"])
    wb.store.edit_card(a["id"], text="Ремонт дороги до Ошевенска (весной)")
    p = wb.store.join(s["id"])
    wb.store.update_stage(voting["id"], voting_open=True)
    vote(wb.store, voting["id"], p["id"], b["id"])
    wb.store.merge(a["id"], [b["id"]])
    wall = {x["id"]: x["text"] for x in wb.store.cards(s["id"], ideas["id"])}
    assert a["id"] in wall and b["id"] not in wall and c["id"] not in wall
    assert wall[a["id"]] == "Ремонт дороги до Ошевенска (весной)"
    assert wb.store.vote_totals(voting["id"]).get(a["id"]) == 1  # the dot followed the merge
    assert wb.store.card(b["id"])["merged_into"] == a["id"]
    with pytest.raises(WorkbenchError, match="merge_same"):
        wb.store.merge(a["id"], [a["id"]])


def test_dot_voting_budget_stacking_and_closing(wb, demo):
    ideas, s = _stage(wb, demo, "ideas")
    voting, _ = _stage(wb, demo, "voting")
    card = wb.store.cards(s["id"], ideas["id"])[0]
    p = wb.store.join(s["id"])
    wb.store.update_stage(voting["id"], voting_open=False)
    with pytest.raises(WorkbenchError, match="voting_not_open"):
        vote(wb.store, voting["id"], p["id"], card["id"])
    wb.store.update_stage(voting["id"], voting_open=True, vote_budget=3)
    for _ in range(3):
        dots = vote(wb.store, voting["id"], p["id"], card["id"])
    assert dots == {"budget": 3, "used": 3, "mine": {card["id"]: 3}}
    with pytest.raises(WorkbenchError) as e:
        vote(wb.store, voting["id"], p["id"], card["id"])
    assert e.value.key == "vote_budget_exceeded" and e.value.status == 409
    dots = unvote(wb.store, voting["id"], p["id"], card["id"])
    assert dots["used"] == 2
    with pytest.raises(WorkbenchError, match="vote_target_invalid"):
        problem = wb.store.cards(s["id"], _stage(wb, demo, "problems")[0]["id"])[0]
        vote(wb.store, voting["id"], p["id"], problem["id"])


def test_a_repeated_request_id_counts_once(wb, demo):
    ideas, s = _stage(wb, demo, "ideas")
    voting, _ = _stage(wb, demo, "voting")
    wb.store.update_stage(voting["id"], voting_open=True)
    card = wb.store.cards(s["id"], ideas["id"])[0]
    p = wb.store.join(s["id"])
    first = vote(wb.store, voting["id"], p["id"], card["id"], request_id="tap-1")
    second = vote(wb.store, voting["id"], p["id"], card["id"], request_id="tap-1")
    assert first == second and first["used"] == 1


def test_concurrent_voters_never_exceed_the_budget(wb, demo):
    ideas, s = _stage(wb, demo, "ideas")
    voting, _ = _stage(wb, demo, "voting")
    wb.store.update_stage(voting["id"], voting_open=True, vote_budget=3)
    cards = wb.store.cards(s["id"], ideas["id"])
    people = [wb.store.join(s["id"]) for _ in range(8)]
    before = wb.store.count_votes(voting["id"])
    accepted = []
    lock = threading.Lock()

    def voter(p):
        for i in range(6):  # twice the budget, all at once
            try:
                vote(wb.store, voting["id"], p["id"], cards[i % len(cards)]["id"])
                with lock:
                    accepted.append(p["id"])
            except WorkbenchError as exc:
                assert exc.key == "vote_budget_exceeded"

    run_together([threading.Thread(target=voter, args=(p,)) for p in people for _ in range(2)])
    assert len(accepted) == 8 * 3
    assert wb.store.count_votes(voting["id"]) - before == len(accepted)


def test_phone_state_shows_only_visible_cards_and_own_dots(wb, demo):
    s = wb.store.session(demo)
    p = wb.store.join(s["id"], name="Оля")
    problems, _ = _stage(wb, demo, "problems")
    hidden = wb.store.add_card(s["id"], problems["id"], "спрятать")
    wb.store.set_hidden(hidden["id"])
    mine = wb.store.add_card(s["id"], problems["id"], "моя карточка", participant_id=p["id"])
    state = phone_state(wb.store, wb.store.session(demo), p)
    texts = [c["text"] for c in state["cards"]]
    assert "спрятать" not in texts and texts[0] == "моя карточка"
    assert state["cards"][0]["mine"] and state["cards"][0]["id"] == mine["id"]
    assert state["stage"]["accepts_cards"] and state["voting"] is None


def test_data_version_changes_when_another_connection_writes(wb, demo):
    v1 = wb.store.data_version()
    other = Store.open_url(wb.store.url)  # the same database, another connection
    s = other.session(demo)
    other.add_card(s["id"], s["current_stage_id"], "новая карточка")
    assert wb.store.data_version() != v1
    other.close()


def test_a_data_folder_from_schema_1_opens_and_keeps_its_data(tmp_path):
    path = tmp_path / "workbench.sqlite"
    old = Store.__new__(Store)  # an old release: only migration 1 ran
    from workbench.store import _sqlite_engine

    old.engine = _sqlite_engine(f"sqlite:///{path}")
    old.sqlite_path = str(path)
    old._watch_conn = None
    old._watch_lock = threading.Lock()
    old._batch = threading.local()
    old.migrate(target=1)
    with old.engine.begin() as c:
        c.execute(sa.text("INSERT INTO sessions (code,title,territory,date,kind,created_at) "
                          "VALUES ('OLD123','Старая сессия','Плесецк','2019-11-01','strategic_session',0)"))
        c.execute(sa.text("INSERT INTO stages (session_id,position,kind,title,prompt,vote_budget,"
                          "voting_open,results_visible) VALUES (1,0,'problems','Проблемы','',3,0,0)"))
        c.execute(sa.text("INSERT INTO participants (session_id,token,name,territory,organisation,sector,"
                          "created_at) VALUES (1,'tok','','','','',0)"))
        c.execute(sa.text("INSERT INTO contributions (session_id,stage_id,by_facilitator,text,created_at,"
                          "updated_at,hidden) VALUES (1,1,1,'Старая карточка',0,0,0)"))
        c.execute(sa.text("INSERT INTO votes (stage_id,participant_id,contribution_id,created_at) "
                          "VALUES (1,1,1,0)"))
    old.engine.dispose()
    assert sqlite3.connect(path).execute("SELECT value FROM meta").fetchone()[0] == "1"

    store = Store.open(tmp_path)
    assert store.schema_version() == SCHEMA_VERSION
    s = store.session("OLD123")
    assert [c["text"] for c in store.cards(s["id"])] == ["Старая карточка"]
    assert store.cards(s["id"])[0]["category"] == ""
    assert store.vote_totals(1) == {store.cards(s["id"])[0]["id"]: 1}  # schema 5: contribution_id is card_id
    assert store.cards(s["id"])[0]["status"] == "shown"  # schema 6: old cards stay on the wall
    assert (s["moderation"], s["approval"]) == ("off", False)
    store.close()


def test_a_snapshot_shows_one_consistent_moment(wb, demo):
    s = wb.store.session(demo)
    other = Store.open_url(wb.store.url)
    with wb.store.snapshot():
        before = len(wb.store.cards(s["id"]))
        other.add_card(s["id"], s["current_stage_id"], "пришла во время чтения")
        assert len(wb.store.cards(s["id"])) == before  # the screen is drawn from one moment
    assert len(wb.store.cards(s["id"])) == before + 1
    other.close()
