"""`workbench backup` and `workbench restore`: one consistent file while the server runs, and the
backup put back as it was (not the crash it replaces)."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.demo import load_demo
from workbench.store import SCHEMA_VERSION, Store

OLD = Path(__file__).parent / "data" / "old_stores"


def cards(path: Path) -> int:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return db.execute("SELECT count(*) FROM cards").fetchone()[0]
    finally:
        db.close()


def add_cards(data: Path, texts) -> None:
    store = Store.open(data)
    try:
        s = store.session("KARGO1")
        for text in texts:
            store.add_card(s["id"], s["current_stage_id"], text)
    finally:
        store.close()


@pytest.fixture
def data(tmp_path) -> Path:
    folder = tmp_path / "data"
    store = Store.open(folder)
    load_demo(store, teams=False)
    store.close()
    return folder


def test_a_backup_is_one_file_that_opens_and_says_what_it_holds(data, tmp_path, capsys):
    out = tmp_path / "usb" / "kargopol.sqlite"
    assert main(["backup", "--data", str(data), "--output", str(out)]) == 0
    assert capsys.readouterr().out == (f"Копия сохранена: {out} (сессий: 1, карточек: 44). Держите её не на "
                                       "этом компьютере: на флешке или в облаке.\n")
    assert sorted(p.name for p in out.parent.iterdir()) == ["kargopol.sqlite"]  # no -wal beside it
    assert cards(out) == 44

    assert main(["backup", "--data", str(data), "--output", str(out)]) == 2  # never over a file
    assert "уже есть: укажите другой файл (--output)" in capsys.readouterr().err

    assert main(["backup", "--data", str(data)]) == 0  # by default in DIR/backups/, named by the time
    [made] = (data / "backups").iterdir()
    assert made.name.startswith("workbench-") and str(made) in capsys.readouterr().out


def test_a_backup_leaves_an_older_folder_as_it_was(tmp_path, capsys):
    data = tmp_path / "usb"
    data.mkdir()
    db = sqlite3.connect(data / "workbench.sqlite")
    db.executescript((OLD / "schema-8-605653d.sql").read_text(encoding="utf-8"))
    db.close()
    assert main(["backup", "--data", str(data), "--output", str(tmp_path / "b.sqlite")]) == 0
    assert "обновлена" not in capsys.readouterr().err
    for path in (data / "workbench.sqlite", tmp_path / "b.sqlite"):
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        assert db.execute("SELECT value FROM meta").fetchone() == ("8",)  # the old version still opens it
        db.close()


def test_restore_puts_back_the_backup_not_the_crash_it_replaces(data, tmp_path, capsys):
    backup = tmp_path / "b.sqlite"
    assert main(["backup", "--data", str(data), "--output", str(backup)]) == 0
    # Later the laptop dies mid-session: the last cards sit in workbench.sqlite-wal only.
    live = sqlite3.connect(data / "workbench.sqlite")
    live.execute("PRAGMA wal_autocheckpoint=0")
    live.executemany("INSERT INTO cards (session_id, stage_id, by_facilitator, text, created_at, updated_at, "
                     "hidden, category, is_group, status, flagged) VALUES (1, 1, 1, ?, 0, 0, 0, '', 0, 'shown', 0)",
                     [(f"после копии {i}",) for i in range(5)])
    live.commit()
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for suffix in ("", "-wal", "-shm"):
        (crashed / f"workbench.sqlite{suffix}").write_bytes((data / f"workbench.sqlite{suffix}").read_bytes())
    live.close()
    assert (crashed / "workbench.sqlite-wal").stat().st_size > 0
    capsys.readouterr()

    assert main(["restore", "--data", str(crashed), str(backup)]) == 0
    out = capsys.readouterr().out.splitlines()
    [kept] = crashed.glob("workbench.sqlite.replaced-*")
    assert out == [f"Прежнее хранилище сохранено: {kept}", f"Восстановлено из {backup}: сессий 1, карточек 44."]
    assert sorted(p.name for p in crashed.iterdir()) == ["workbench.sqlite", kept.name]  # no -wal left
    assert cards(crashed / "workbench.sqlite") == 44  # the backup, not the backup with the crash's log replayed
    assert cards(kept) == 49  # the replaced store, with what was in its -wal
    store = Store.open(crashed)
    assert len(store.cards(store.session("KARGO1")["id"])) == 44
    store.close()


@pytest.mark.parametrize(("make", "said"), [
    (lambda p: p.write_text("не база"), "повреждён или это не база данных"),
    (lambda p: sqlite3.connect(p).execute("CREATE TABLE x (y)").connection.close(),
     "не копия хранилища workbench (в нём нет версии схемы)"),
    (lambda p: None, "нет"),
])
def test_restore_refuses_a_file_that_is_no_backup_and_changes_nothing(data, tmp_path, capsys, make, said):
    bad = tmp_path / "bad.sqlite"
    make(bad)
    before = (data / "workbench.sqlite").read_bytes()
    assert main(["restore", "--data", str(data), str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("workbench restore: ошибка: ") and said in err and err.count("\n") == 1
    assert (data / "workbench.sqlite").read_bytes() == before
    assert not list(data.glob("workbench.sqlite.replaced-*"))


def test_restore_of_a_newer_versions_backup_is_refused(data, tmp_path, capsys):
    newer = tmp_path / "newer.sqlite"
    assert main(["backup", "--data", str(data), "--output", str(newer)]) == 0
    db = sqlite3.connect(newer)
    db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    db.commit()
    db.close()
    assert main(["--lang", "en", "restore", "--data", str(data), str(newer)]) == 2
    assert f"written by a newer version of the workbench (schema {SCHEMA_VERSION + 1}" in capsys.readouterr().err
    assert cards(data / "workbench.sqlite") == 44


def test_restore_of_an_old_backup_upgrades_it_and_says_so(data, tmp_path, capsys):
    old = tmp_path / "old.sqlite"
    db = sqlite3.connect(old)
    db.executescript((OLD / "schema-11-a60d5fe.sql").read_text(encoding="utf-8"))
    db.close()
    assert main(["restore", "--data", str(data), str(old)]) == 0
    err = capsys.readouterr().err
    assert err.startswith(f"Папка данных обновлена (схема 11 → {SCHEMA_VERSION}); копия прежней: ")
    assert cards(data / "workbench.sqlite") == 12


def test_backup_and_restore_on_postgresql_point_to_pg_dump(data, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("WORKBENCH_DATABASE_URL", "postgresql://wb@localhost/wb")
    for argv in (["backup", "--data", str(data)], ["restore", "--data", str(data), str(tmp_path / "x.sqlite")]):
        assert main(argv) == 2
        assert "pg_dump" in capsys.readouterr().err


def test_the_pg_dump_advice_names_the_database_the_way_it_was_given(data, tmp_path, capsys, monkeypatch):
    """The address typed in --database is quoted (its password hidden, and said so), not an
    environment variable the user never set; the variable when that is where it came from."""
    monkeypatch.setenv("WORKBENCH_DATABASE_URL", "postgresql://other@elsewhere/wb")
    typed = ["--database", "postgresql://wb:s3cret@db.local/wb"]
    for argv in (["backup", "--data", str(data), *typed], ["restore", "--data", str(data), *typed, "x.sqlite"]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert '`pg_dump -Fc -f workbench.dump "postgresql://wb:***@db.local/wb"` (адрес из --database, с паролем ' \
               "вместо ***)" in err, err
        assert "s3cret" not in err and "WORKBENCH_DATABASE_URL" not in err and "elsewhere" not in err
    assert main(["--lang", "en", "backup", "--data", str(data), "--database", "postgresql://wb@db.local/wb"]) == 2
    err = capsys.readouterr().err
    assert '`pg_dump -Fc -f workbench.dump "postgresql://wb@db.local/wb"`, and restore it' in err, err

    assert main(["backup", "--data", str(data)]) == 2  # from the environment: the variable, as the shell reads it
    err = capsys.readouterr().err
    assert '`pg_dump -Fc -f workbench.dump "$WORKBENCH_DATABASE_URL"`' in err and "elsewhere" not in err


def test_backup_while_the_server_writes_and_restore_refused_until_it_stops(fresh, tmp_path, capsys):
    bench, start = fresh
    load_demo(bench.store, teams=False)
    bench.close()
    data = bench.data_dir
    server = start()
    # Cards keep coming while the backup is made: the copy is one moment, whole.
    stop = threading.Event()
    written = []

    def writer():
        while not stop.is_set():
            add_cards(data, [f"карточка {len(written)}"])
            written.append(1)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        backup = tmp_path / "live.sqlite"
        assert main(["backup", "--data", str(data), "--output", str(backup)]) == 0
    finally:
        stop.set()
        thread.join(30)
    db = sqlite3.connect(backup)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.close()
    assert 44 <= cards(backup) <= 44 + len(written)
    capsys.readouterr()

    before = cards(data / "workbench.sqlite")
    assert main(["restore", "--data", str(data), str(backup)]) == 2
    assert capsys.readouterr().err == (f"workbench restore: ошибка: папку {data} сейчас использует запущенный "
                                       "`workbench serve`: остановите его и повторите восстановление\n")
    assert cards(data / "workbench.sqlite") == before and not list(data.glob("workbench.sqlite.replaced-*"))

    server.stop()
    assert main(["restore", "--data", str(data), str(backup)]) == 0
    assert cards(data / "workbench.sqlite") == cards(backup)
