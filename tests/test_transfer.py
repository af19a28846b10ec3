"""Moving a session between a laptop (SQLite) and a server (PostgreSQL) loses nothing."""

from __future__ import annotations

import json

import pytest

from workbench.cli import main
from workbench.demo import load_demo
from workbench.drafts import create_draft
from workbench.session.statements import vote as vote_on_statement
from workbench.session.teams import join as join_team
from workbench.session.voting import compare, method, rank, rate, unvote, vote
from workbench.store import Store
from workbench.store.schema import metadata
from workbench.store.transfer import (
    NOT_PER_SESSION,
    PLAN,
    TransferError,
    export_session,
    import_session,
    references,
)


def fill_every_table(store: Store) -> str:
    """The demo session, plus a row in every table a session can have."""
    code = load_demo(store)
    s = store.session(code)
    stages = {st["kind"]: st for st in store.stages(s["id"])}
    ideas = stages["ideas"]["id"]
    cards = [c["id"] for c in store.cards(s["id"], ideas)]
    people = [store.join(s["id"], name=f"Новый {i}", sector="ngo") for i in range(3)]
    store.merge(cards[0], [cards[1]])  # merged_into
    groups = store.set_groups(ideas, [("Дороги", cards[2:4]), ("Молодёжь", cards[4:6])])
    voting = stages["voting"]["id"]
    store.update_stage(voting, voting_open=True)
    vote(store, voting, people[0]["id"], cards[2], request_id="tap-1")
    vote(store, voting, people[0]["id"], cards[3], request_id="tap-2")
    unvote(store, voting, people[0]["id"], cards[3], request_id="untap-2")  # unvotes
    paper = store.join(s["id"], name="Бюллетень", on_paper=True)
    vote(store, voting, paper["id"], cards[3], on_paper=True)
    for name in ("matrix", "pairwise", "ranking"):
        sid = store.add_stage(s["id"], "voting", title=name)
        store.update_stage(sid, method=name, voting_open=True)
        stages[name] = sid
    matrix = store.stage(stages["matrix"])  # a matrix and a ranking ask about the dot vote's short list
    short = [c["id"] for c in method(matrix).items(store, matrix, store.cards(s["id"], ideas))]
    rate(store, stages["matrix"], people[0]["id"], short[0], 4, 2)
    compare(store, stages["pairwise"], people[0]["id"], cards[2], cards[3], cards[3], request_id="p1")
    compare(store, stages["pairwise"], people[1]["id"], cards[2], cards[3], None)
    rank(store, stages["ranking"], people[0]["id"], [short[1], short[0]])
    st_id = store.add_stage(s["id"], "statements")
    [statement] = store.copy_to_stage([cards[2]], st_id)
    store.update_stage(st_id, voting_open=True)
    vote_on_statement(store, st_id, people[1]["id"], statement, -1)
    join_team(store, stages["teams"]["id"], people[2]["id"], groups[0], leader=True)
    d = create_draft(store, s["id"], {"title": "Школа ремёсел", "goal": "40 подростков к маю"},
                     card_id=cards[2])
    store.set_status(d, "submitted", date="2026-03-01", note="подана")
    store.add_consultation(d, date="2026-02-20", who="Фонд", notes="бюджет уточнить")
    store.set_public_page(s["id"], True)  # public_pages
    store.team_link(d)  # team_links
    store.add_draft_comment(d, "goal", "Анна", "Где срок?")  # draft_comments
    store.put_draft_field(d, "title", "Школа ремёсел для подростков", base=0)  # draft_field_history
    crit = store.add_criterion(s["id"], "Ясность цели", "Цель измерима")  # review_criteria
    store.put_review(s["id"], people[0]["id"], groups[0], {crit: 4}, "Понятно")  # reviews, review_scores
    reg = store.add_registration(s["id"], {"name": "Анна Белова", "email": "a@example.org"}, "согласие")
    store.check_in(reg["checkin_token"])  # registrations
    round_on_groups = store.add_stage(s["id"], "voting", title="groups")
    store.set_shortlist_groups(round_on_groups, [groups[0]])  # shortlist_groups
    store.set_current_stage(s["id"], voting)
    return code


def canonical(data: dict) -> dict:
    """The export with ids replaced by each row's position in its table (ids differ by store)."""
    refs = references()
    tables = data["tables"]
    pos = {name: {r["id"]: i for i, r in enumerate(rows)} for name, rows in tables.items()}
    out = {}
    for name, rows in tables.items():
        out[name] = [{k: (pos[refs[(name, k)]].get(v, ("outside", v))
                          if (name, k) in refs and v is not None else v)
                      for k, v in r.items() if k != "id"} for r in rows]
    return out


def test_every_table_is_in_the_transfer_plan():
    planned = {name for name, _, _ in PLAN}
    assert set(metadata.tables) - NOT_PER_SESSION == planned


def test_sqlite_to_postgres_to_sqlite_keeps_every_row(tmp_path, pg_url):
    laptop = Store.open(tmp_path / "laptop")
    code = fill_every_table(laptop)
    original = export_session(laptop, code, include_secrets=True)
    assert all(original["tables"][name] for name, _, _ in PLAN), "a table without rows tests nothing"
    server = Store.open_url(pg_url)
    other = server.create_session("Другая сессия")  # ids on the server are taken already
    server.add_card(server.session(other)["id"], server.session(other)["current_stage_id"], "x")
    assert import_session(server, json.loads(json.dumps(original))) == code
    on_server = export_session(server, code, include_secrets=True)
    assert on_server["tables"]["sessions"][0]["id"] != original["tables"]["sessions"][0]["id"]
    assert canonical(on_server) == canonical(original)
    back = Store.open(tmp_path / "back")
    import_session(back, json.loads(json.dumps(on_server)))
    again = export_session(back, code, include_secrets=True)
    assert canonical(again) == canonical(original)
    # The copy works: the same dots, voters and draft, and a participant's token still joins.
    s = back.session(code)
    voting = back.session(code)["current_stage_id"]
    assert back.vote_totals(voting) == laptop.vote_totals(laptop.session(code)["current_stage_id"])
    token = original["tables"]["participants"][0]["token"]
    assert back.participant_by_token(s["id"], token)["name"] == original["tables"]["participants"][0]["name"]
    assert "40 подростков к маю" in [d["fields"]["goal"] for d in back.drafts(s["id"])]
    for st in (laptop, server, back):
        st.close()


def test_the_cli_moves_a_session_and_refuses_a_duplicate(tmp_path, pg_url, capsys):
    laptop = Store.open(tmp_path / "laptop")
    code = fill_every_table(laptop)
    laptop.close()
    out = tmp_path / "s.json"
    assert main(["export-session", "--data", str(tmp_path / "laptop"), "--session", code,
                 "--output", str(out)]) == 0
    assert main(["import-session", "--database", pg_url, str(out)]) == 0
    assert main(["import-session", "--database", pg_url, str(out)]) == 2  # already there
    assert f"ошибка: сессия {code} уже есть в этом хранилище (заменить её: --replace; " in capsys.readouterr().err
    assert main(["import-session", "--database", pg_url, "--replace", str(out)]) == 0
    assert f"сессия {code}: заменена строками файла" in capsys.readouterr().out  # not only "imported"
    server = Store.open_url(pg_url)
    assert [s["code"] for s in server.list_sessions()] == [code]
    assert canonical(export_session(server, code)) == canonical(json.loads(out.read_text()))
    server.close()


def test_a_file_that_is_not_an_export_is_refused(tmp_path):
    with pytest.raises(TransferError, match="not a workbench session export"):
        import_session(Store.open_url("sqlite://"), {"tables": {}})


def test_an_export_from_before_schema_5_still_imports(tmp_path):
    """Files written before cards were called cards (`contributions`, `contribution_id`)."""
    a = Store.open(tmp_path / "a")
    code = fill_every_table(a)
    data = export_session(a, code)
    old = {("contributions" if name == "cards" else name):
           [{("contribution_id" if k == "card_id" else k): v for k, v in row.items()} for row in rows]
           for name, rows in data["tables"].items()}
    b = Store.open(tmp_path / "b")
    assert import_session(b, dict(data, schema_version=4, tables=old)) == code
    sa_, sb = a.session(code), b.session(code)
    assert [c["text"] for c in a.cards(sa_["id"], include_hidden=True)] == \
        [c["text"] for c in b.cards(sb["id"], include_hidden=True)]
    dots = [sum(sum(s.vote_totals(st["id"]).values()) for st in s.stages(sid))
            for s, sid in ((a, sa_["id"]), (b, sb["id"]))]
    assert dots[0] == dots[1] > 0
    a.close()
    b.close()


def _display_langs(store: Store) -> dict[int, str]:
    """Every display language the store keeps, by session id."""
    import sqlalchemy as sa

    from workbench.store.schema import meta

    with store.read() as c:
        rows = c.execute(sa.select(meta.c.key, meta.c.value).where(meta.c.key.like("display_lang:%"))).all()
    return {int(k.split(":", 1)[1]): v for k, v in rows}


def test_the_display_keeps_its_language_on_the_server(tmp_path):
    """The facilitator switched the control view to English on the laptop: after the move the
    room's screen on the server opens in English too (the CLI, both ways)."""
    from workbench.session.display import display_language, set_language

    laptop = Store.open(tmp_path / "laptop")
    code = laptop.create_session("Сессия")
    set_language(laptop, laptop.session(code)["id"], "en")
    laptop.close()
    out = tmp_path / "s.json"
    assert main(["export-session", "--data", str(tmp_path / "laptop"), "--session", code,
                 "--output", str(out)]) == 0
    assert json.loads(out.read_text())["settings"] == {"display_lang": "en"}
    server = Store.open(tmp_path / "server")
    server.create_session("Другая")  # the imported session gets another id than on the laptop
    server.close()
    assert main(["import-session", "--data", str(tmp_path / "server"), str(out)]) == 0
    server = Store.open(tmp_path / "server")
    assert display_language(server, server.session(code)["id"], "ru") == "en"
    server.close()


def test_a_replaced_session_does_not_keep_the_old_display_language(tmp_path):
    """Replacing a session with a file that chose no language leaves the display in its
    default language, and no language row of a session that is gone stays in the store (a
    later session with the same id would have inherited it)."""
    from workbench.session.display import display_language, set_language

    store = Store.open(tmp_path / "server")
    code = store.create_session("Сессия")
    plain = export_session(store, code)  # no language chosen yet
    assert "settings" not in plain
    old_id = store.session(code)["id"]
    set_language(store, old_id, "en")
    import_session(store, plain, replace=True)
    new_id = store.session(code)["id"]
    assert display_language(store, new_id, "ru") == "ru"
    assert _display_langs(store) == {}
    fresh = store.create_session("Новая")
    assert display_language(store, store.session(fresh)["id"], "ru") == "ru"
    store.close()


def test_a_bad_display_language_in_the_file_changes_nothing(tmp_path):
    store = Store.open(tmp_path / "a")
    code = store.create_session("Сессия")
    data = dict(export_session(store, code), settings={"display_lang": "de"})
    with pytest.raises(TransferError, match="display_lang must be one of ru, en"):
        import_session(store, data, replace=True)
    assert [s["code"] for s in store.list_sessions()] == [code]
    with pytest.raises(TransferError, match="'settings' must be a JSON object"):
        import_session(Store.open_url("sqlite://"), dict(data, settings=["en"]))
    store.close()


def test_an_open_peer_review_stays_open_after_a_move_and_a_replace(tmp_path):
    """The review was open on the laptop: after export and import (and a replace back) a phone's
    «Оценить презентации команд» was gone, the phone told «review_closed». The time it opened
    moves with the session, so who joined before it still may score."""
    from workbench.session import review

    laptop = Store.open(tmp_path / "laptop")
    code = laptop.create_session("Сессия")
    sid = laptop.session(code)["id"]
    review.open_review(laptop, code)
    opened = laptop.review_opened_at(sid)
    data = export_session(laptop, code)
    assert data["settings"] == {"review_opened_at": opened}
    server = Store.open(tmp_path / "server")
    server.create_session("Другая")  # another id on the server
    import_session(server, data)
    assert review.is_open(server, server.session(code)["id"])
    assert server.review_opened_at(server.session(code)["id"]) == opened
    import_session(laptop, export_session(server, code), replace=True)
    assert review.is_open(laptop, laptop.session(code)["id"])
    review.close_review(laptop, code)  # a closed review stays closed after a replace
    import_session(server, export_session(laptop, code), replace=True)
    assert not review.is_open(server, server.session(code)["id"])
    with pytest.raises(TransferError, match="review_opened_at must be a time in seconds"):
        import_session(server, dict(data, settings={"review_opened_at": "вчера"}), replace=True)
    assert not review.is_open(server, server.session(code)["id"])  # a bad file changed nothing
    laptop.close()
    server.close()


def test_a_paper_ballot_is_not_counted_as_a_phone_that_must_join_again():
    """«телефоны участников (войдут в сессию заново): 41» for 40 phones and a paper ballot."""
    from workbench.session import facilitator
    from workbench.store.transfer import import_session_report

    laptop = Store.open_url("sqlite://")
    code = laptop.create_session("Сессия")
    sid = laptop.session(code)["id"]
    for name in ("Анна", "Пётр"):
        laptop.join(sid, name=name)
    facilitator.paper_ballot(laptop, sid)
    report = import_session_report(Store.open_url("sqlite://"), export_session(laptop, code))
    assert report["tokens"]["participants"] == {"kept": 0, "new": 2}


def test_a_round_opened_and_closed_with_no_votes_stays_closed_after_a_move_and_a_backup(tmp_path, capsys):
    """The facilitator opened a vote and closed it before anyone voted: on the server the phones said
    «Голосование ещё не открыто», the export not saying that the round had been opened. It now
    moves with the stage (`voting_opened_at`), in an export and in a backup; a file written before
    it says nothing and the round reads as never opened."""
    from workbench.session import facilitator
    from workbench.session.voting import round_status

    laptop = Store.open(tmp_path / "laptop")
    code = laptop.create_session("Сессия")
    sid = laptop.session(code)["id"]
    [vote_stage] = [st for st in laptop.stages(sid) if st["kind"] == "voting"]
    facilitator.toggle_voting(laptop, vote_stage["id"])
    facilitator.toggle_voting(laptop, vote_stage["id"])
    assert round_status(laptop, laptop.stage(vote_stage["id"])) == "closed"
    data = export_session(laptop, code)

    def moved_status(store: Store) -> str:
        [st] = [st for st in store.stages(store.session(code)["id"]) if st["kind"] == "voting"]
        return round_status(store, st)

    server = Store.open(tmp_path / "server")
    server.create_session("Другая")  # another id on the server
    import_session(server, json.loads(json.dumps(data)))
    assert moved_status(server) == "closed"
    older = json.loads(json.dumps(data))  # as a version before schema 18 wrote it
    for row in older["tables"]["stages"]:
        del row["voting_opened_at"]
    import_session(server, older, replace=True)
    assert moved_status(server) == "not_opened"
    server.close()

    laptop.close()
    backup = tmp_path / "b.sqlite"
    assert main(["backup", "--data", str(tmp_path / "laptop"), "--output", str(backup)]) == 0
    assert main(["restore", "--data", str(tmp_path / "restored"), str(backup)]) == 0
    restored = Store.open(tmp_path / "restored")
    assert moved_status(restored) == "closed"
    restored.close()


def test_a_drafts_field_versions_travel_in_the_sessions_json_not_the_staffs_csv():
    """The data CSV leaves the fields' save counters out (`data_tables`); the session's JSON
    keeps them, so a team page open on the moved draft still finds its versions."""
    from workbench.session import team_links

    a, b = Store.open_url("sqlite://"), Store.open_url("sqlite://")
    code = a.create_session("Демо")
    did = create_draft(a, a.session(code)["id"], {"title": "Школа"})
    token = team_links.team_link(a, did)["token"]
    team_links.save_field(a, token, "goal", "Обучить 40 подростков", team_links.team_draft(a, token)["versions"]["goal"])
    versions = a.draft(did)["versions"]
    assert versions.get("goal")
    import_session(b, export_session(a, code))
    [moved] = b.drafts(b.session(code)["id"])
    assert b.draft(moved["id"])["versions"] == versions
