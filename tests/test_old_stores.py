"""Data folders written by older versions open with today's, keep every row, and say so once.

The folders in tests/data/old_stores/ are stores as commits of 4–5 December left them (made by
`make_old_stores.py` from that commit's own code): on those days the migration steps were renumbered
as branches merged, so a stamp of 8, 11 or 13 names another set of tables than today's 8, 11 or 13.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from workbench.cli import main
from workbench.store import SCHEMA_VERSION, Store

OLD = Path(__file__).parent / "data" / "old_stores"
FIXTURES = sorted(OLD.glob("schema-*.sql"))
SKIP = {"meta", "card_vectors"}  # the stamp changes; vectors are a cache the fixtures leave out


def old_folder(tmp_path: Path, fixture: Path, name: str = "data") -> Path:
    data = tmp_path / name
    data.mkdir()
    db = sqlite3.connect(data / "workbench.sqlite")
    db.executescript(fixture.read_text(encoding="utf-8"))
    db.execute("PRAGMA journal_mode=WAL")  # as the old version left it
    db.close()
    return data


def stamp(path: Path) -> int:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0])
    finally:
        db.close()


def rows(path: Path) -> dict[str, int]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'") if n not in SKIP]
        return {n: db.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        db.close()


def shape(path: Path) -> tuple[dict, set]:
    """Each table's columns and the store's index names."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = {n: {r[1] for r in db.execute(f'PRAGMA table_info("{n}")')}
                  for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        indexes = {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'index' "
                                            "AND name NOT LIKE 'sqlite_autoindex%'")}
        return tables, indexes
    finally:
        db.close()


@pytest.fixture(scope="module")
def today(tmp_path_factory) -> tuple[dict, set]:
    data = tmp_path_factory.mktemp("today")
    Store.open(data).close()
    return shape(data / "workbench.sqlite")


def test_the_fixtures_are_the_renumbered_stores():
    assert [f.name for f in FIXTURES] == ["schema-11-a60d5fe.sql", "schema-12-8483968.sql", "schema-13-7b693a5.sql",
                                          "schema-8-605653d.sql", "schema-8-c416611.sql"]


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.stem)
def test_an_old_folder_opens_keeps_every_row_and_says_it_was_upgraded_once(fixture, tmp_path, capsys, today):
    data = old_folder(tmp_path, fixture)
    store_file = data / "workbench.sqlite"
    old, before = stamp(store_file), rows(store_file)

    assert main(["sessions", "--data", str(data)]) == 0
    out, err = capsys.readouterr()
    assert "KARGO1" in out and "(10 участников)" in out
    copy = data / f"workbench.sqlite.before-schema-{SCHEMA_VERSION}"
    assert err == (f"Папка данных обновлена (схема {old} → {SCHEMA_VERSION}); копия прежней: {copy}. "
                   "Прежняя версия программы эту папку больше не откроет.\n")
    assert stamp(copy) == old and rows(copy) == before  # the copy is the folder as it was
    assert stamp(store_file) == SCHEMA_VERSION
    after = rows(store_file)
    assert {n: after[n] for n in before} == before  # every row kept
    assert shape(store_file) == today  # every table, column and index of today's schema

    assert main(["sessions", "--data", str(data)]) == 0
    assert capsys.readouterr().err == ""  # said once

    store = Store.open(data)
    try:
        from workbench.store.transfer import export_session

        tables = export_session(store, "KARGO1")["tables"]
        assert len(tables["cards"]) == before["cards"] and len(tables["votes"]) == before["votes"]
        assert len(tables["drafts"]) == 2 and len(tables["team_members"]) == 10
        session = store.session("KARGO1")
        if "display_mode" in shape(copy)[0]["sessions"]:
            assert session["display_mode"] == "wall"  # the display's choice survives
        stage = session["current_stage_id"]
        store.add_card(session["id"], stage, "новая карточка после обновления", request_id="r-1")
        assert len(store.cards(session["id"], stage)) == 4
    finally:
        store.close()


def test_a_folder_the_failed_upgrade_left_half_done_opens(tmp_path, capsys, today):
    # The bug: a schema-8 folder of 605653d (the display's columns as step 8) got today's steps 9,
    # 10 and 11, then failed on 12 (the display's columns again), stamped 11, with today's step 8
    # (a stage's candidate source) never run. Every later try failed the same way.
    from workbench.store.schema import MIGRATIONS

    data = old_folder(tmp_path, OLD / "schema-8-605653d.sql")
    engine = sa.create_engine(f"sqlite:///{data / 'workbench.sqlite'}")
    with engine.begin() as c:
        for version in (9, 10, 11):
            MIGRATIONS[version](c)
        c.execute(sa.text("UPDATE meta SET value = '11' WHERE key = 'schema_version'"))
    engine.dispose()
    before = rows(data / "workbench.sqlite")

    assert main(["sessions", "--data", str(data)]) == 0
    assert f"схема 11 → {SCHEMA_VERSION}" in capsys.readouterr().err
    assert shape(data / "workbench.sqlite") == today
    after = rows(data / "workbench.sqlite")
    assert {n: after[n] for n in before} == before


def _break(data: Path) -> None:
    """A store the upgrade cannot finish: two cards of one phone with one request id, which
    today's step 14 (one card per request) refuses."""
    db = sqlite3.connect(data / "workbench.sqlite")
    db.execute("DROP INDEX ux_cards_request")
    db.execute("UPDATE cards SET request_id = 'same', participant_id = 1 WHERE id IN (1, 2)")
    db.commit()
    db.close()


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_failed_upgrade_says_one_line_naming_the_copy_and_changes_nothing(tmp_path, capsys, lang):
    data = old_folder(tmp_path, OLD / "schema-13-7b693a5.sql")
    _break(data)
    store_file = data / "workbench.sqlite"
    before_shape, before_rows = shape(store_file), rows(store_file)
    copy = data / f"workbench.sqlite.before-schema-{SCHEMA_VERSION}"
    # what happened and what to do in the command's language, then what SQLite refused, for support
    words = {"ru": (f"workbench sessions: ошибка: не удалось обновить папку данных (схема 13 → {SCHEMA_VERSION}); папка осталась "
                    f"как была, копия прежней: {copy}. Пока работайте с папкой в прежней версии программы и "
                    f"перешлите эту строку в поддержку. Подробности (для поддержки): "),
             "en": (f"workbench sessions: error: could not upgrade the data folder (schema 13 → {SCHEMA_VERSION}); the folder is "
                    f"left as it was, a copy of it: {copy}. Meanwhile use the folder with the previous version of "
                    f"the workbench and send this line to support. Details (for support): ")}[lang]

    for _ in range(2):  # and the same again: nothing was half done
        assert main(["--lang", lang, "sessions", "--data", str(data)]) == 2
        out, err = capsys.readouterr()
        assert out == "" and "Traceback" not in err and err.count("\n") == 1
        assert err.startswith(words), err
        assert "UNIQUE constraint failed" in err.removeprefix(words)  # SQLite's words come last
        assert stamp(store_file) == 13 and shape(store_file) == before_shape and rows(store_file) == before_rows
        assert stamp(copy) == 13 and rows(copy) == before_rows


@pytest.mark.parametrize(("lang", "said"), [
    ("ru", "workbench sessions: ошибка: папку данных записала более новая версия программы (схема {new}, эта "
           "версия знает схемы до {max}): обновите workbench\n"),
    ("en", "workbench sessions: error: the data folder was written by a newer version of the workbench "
           "(schema {new}; this version knows schemas up to {max}): upgrade the workbench\n"),
])
def test_a_folder_of_a_newer_version_is_refused_in_the_commands_language(tmp_path, capsys, lang, said):
    data = tmp_path / "data"
    Store.open(data).close()
    db = sqlite3.connect(data / "workbench.sqlite")
    db.execute("UPDATE meta SET value = :v WHERE key = 'schema_version'", {"v": str(SCHEMA_VERSION + 1)})
    db.commit()
    db.close()
    assert main(["--lang", lang, "sessions", "--data", str(data)]) == 2
    assert capsys.readouterr().err == said.format(new=SCHEMA_VERSION + 1, max=SCHEMA_VERSION)
    assert stamp(data / "workbench.sqlite") == SCHEMA_VERSION + 1
    assert list(data.glob("*.before-schema-*")) == []


def test_a_new_folder_is_no_upgrade(tmp_path, capsys):
    assert main(["init", "--data", str(tmp_path / "data")]) == 0
    assert "обновлена" not in capsys.readouterr().err
    assert list((tmp_path / "data").glob("*.before-schema-*")) == []


def test_the_copy_before_an_upgrade_holds_what_was_still_in_the_wal(tmp_path, capsys):
    # A laptop switched off mid-session: the last cards are in workbench.sqlite-wal only.
    data = old_folder(tmp_path, OLD / "schema-12-8483968.sql")
    live = sqlite3.connect(data / "workbench.sqlite")
    live.execute("PRAGMA wal_autocheckpoint=0")
    live.execute("INSERT INTO cards (session_id, stage_id, by_facilitator, text, created_at, updated_at, hidden, "
                 "category, is_group, status, flagged) VALUES (1, 1, 1, 'последняя карточка', 0, 0, 0, '', 0, 'shown', 0)")
    live.commit()
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for suffix in ("", "-wal", "-shm"):  # the files as the power cut left them
        (crashed / f"workbench.sqlite{suffix}").write_bytes((data / f"workbench.sqlite{suffix}").read_bytes())
    live.close()
    assert (crashed / "workbench.sqlite-wal").stat().st_size > 0

    assert main(["sessions", "--data", str(crashed)]) == 0
    copy = crashed / f"workbench.sqlite.before-schema-{SCHEMA_VERSION}"
    assert str(copy) in capsys.readouterr().err
    db = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
    assert db.execute("SELECT count(*) FROM cards WHERE text = 'последняя карточка'").fetchone() == (1,)
    db.close()
    assert not Path(f"{copy}-wal").exists()  # one file, whole on its own


def test_postgresql_steps_add_only_what_is_missing(pg_url, capsys):
    # A database stamped 11 by a renumbered version: today's step 8 never ran there, the display's
    # columns did. Every step from the first runs again, adding only what the database lacks.
    from workbench.demo import load_demo

    store = Store.open_url(pg_url)
    load_demo(store, teams=True)
    with store.write() as c:
        c.execute(sa.text("ALTER TABLE stages DROP COLUMN source_top"))
        c.execute(sa.text("DROP TABLE limits"))
        c.execute(sa.text("DROP INDEX ux_cards_request"))
        c.execute(sa.text("UPDATE meta SET value = '11' WHERE key = 'schema_version'"))
    cards = len(store.cards(store.session("KARGO1")["id"]))
    store.close()

    store = Store.open_url(pg_url)
    try:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.upgraded.message("ru") == (f"База данных обновлена (схема 11 → {SCHEMA_VERSION}). Прежняя версия программы "
                                                "её больше не откроет.")
        insp = sa.inspect(store.engine)
        assert "source_top" in {c["name"] for c in insp.get_columns("stages")}
        assert insp.has_table("limits")
        assert "ux_cards_request" in {i["name"] for i in insp.get_indexes("cards")}
        assert len(store.cards(store.session("KARGO1")["id"])) == cards
    finally:
        store.close()


def test_a_postgresql_upgrade_that_fails_changes_nothing(pg_url):
    store = Store.open_url(pg_url)
    code = store.create_session("Сессия")
    sid = store.session(code)["id"]
    person = store.join(sid)["id"]
    stage = store.session(code)["current_stage_id"]
    with store.write() as c:
        c.execute(sa.text("DROP INDEX ux_cards_request"))
        c.execute(sa.text("ALTER TABLE stages DROP COLUMN removed"))
        c.execute(sa.text("UPDATE meta SET value = '11' WHERE key = 'schema_version'"))
    for text in ("а", "б"):
        with store.write() as c:
            c.execute(sa.text("INSERT INTO cards (session_id, stage_id, participant_id, by_facilitator, text, "
                              "category, created_at, updated_at, hidden, is_group, status, flagged, request_id) "
                              "VALUES (:s, :st, :p, false, :t, '', 0, 0, false, false, 'shown', false, 'same')"),
                      {"s": sid, "st": stage, "p": person, "t": text})
    store.close()

    from workbench.errors import WorkbenchError

    with pytest.raises(WorkbenchError) as refused:
        Store.open_url(pg_url)
    said = refused.value.message("ru")
    assert said.startswith(f"не удалось обновить базу данных (схема 11 → {SCHEMA_VERSION}); база осталась как была. Пока работайте "
                           "с базой в прежней версии программы и перешлите эту строку в поддержку. Подробности (для "
                           "поддержки): "), said
    assert "ux_cards_request" in said.split("Подробности")[1]  # PostgreSQL's words, after the sentence
    from workbench.store import pg

    engine = pg.create_engine(pg_url)
    with engine.connect() as c:  # one transaction: step 8's column did not stay behind
        assert "removed" not in {col["name"] for col in sa.inspect(c).get_columns("stages")}
        assert c.execute(sa.text("SELECT value FROM meta WHERE key = 'schema_version'")).scalar() == "11"
    engine.dispose()

