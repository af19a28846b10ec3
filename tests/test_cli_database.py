"""Every command that opens the store takes `--database URL`, else $WORKBENCH_DATABASE_URL, else
the SQLite file in `--data`; its help says so. A folder with no store names both ways out (a
database on a server, `init` on a laptop), and `init` with a database makes no SQLite beside it."""

from __future__ import annotations

import pytest
import requests

from workbench.cli import build_parser, main
from workbench.store import Store
from workbench.testing import Phone, Server

# The commands that open the store (the others read and write files: cluster, network, opinion-groups).
STORE_COMMANDS = {"init", "demo", "sessions", "new-session", "session-edit", "save-template", "serve", "export",
                  "export-session", "import-session", "stage", "person", "registrations", "backup", "restore",
                  "archive-session", "delete-session"}


@pytest.fixture
def no_env(monkeypatch):
    """A shell where nobody exported the database's address, on a machine that is no deploy/ server."""
    monkeypatch.delenv("WORKBENCH_DATABASE_URL", raising=False)
    monkeypatch.setattr("workbench.cli.SERVER_ENV_FILE", "/nonexistent/workbench.env")


def _help(capsys, *argv) -> str:
    with pytest.raises(SystemExit) as done:
        main([*argv, "--help"])
    assert done.value.code == 0
    return " ".join(capsys.readouterr().out.split())  # argparse's line wrapping undone


def test_every_store_command_takes_database_and_its_help_names_the_variable(capsys):
    commands = build_parser(None)._subparsers._group_actions[0].choices
    with_data = {name for name, p in commands.items() if any("--data" in a.option_strings for a in p._actions)}
    assert with_data == STORE_COMMANDS
    for name in sorted(STORE_COMMANDS):
        said = _help(capsys, name)
        assert "--database URL база данных PostgreSQL" in said, name
        assert "без этого параметра — `$WORKBENCH_DATABASE_URL`, без неё — файл workbench.sqlite в папке `--data`" \
            in said, name
    assert ("--database URL PostgreSQL database URL, e.g. postgresql://workbench@/workbench; without it, "
            "$WORKBENCH_DATABASE_URL, else the workbench.sqlite file in --data") in _help(capsys, "--lang", "en", "sessions")


def test_a_folder_without_a_store_names_the_database_and_init(tmp_path, capsys, no_env):
    (tmp_path / "data").mkdir()
    assert main(["sessions", "--data", str(tmp_path / "data")]) == 2
    err = capsys.readouterr().err
    assert err == (f"workbench sessions: ошибка: в {tmp_path / 'data'} нет хранилища workbench (workbench.sqlite). "
                   "Если хранилище — база PostgreSQL на сервере, укажите её: `--database URL` или переменная "
                   "`WORKBENCH_DATABASE_URL`; на ноутбуке создайте хранилище: "
                   f"`workbench init --data {tmp_path / 'data'}`\n")
    assert main(["--lang", "en", "sessions", "--data", str(tmp_path / "nope")]) == 2
    assert capsys.readouterr().err == (
        f"workbench sessions: error: data folder {tmp_path / 'nope'} does not exist. If the store is a PostgreSQL "
        "database on a server, name it: --database URL or the WORKBENCH_DATABASE_URL variable; on a laptop, create "
        f"the folder: `workbench init --data {tmp_path / 'nope'}`\n")


def test_on_a_deploy_server_the_message_names_the_env_file_and_warns_against_init(tmp_path, capsys, monkeypatch,
                                                                                    no_env):
    env_file = tmp_path / "workbench.env"
    env_file.write_text("WORKBENCH_DATABASE_URL=postgresql://workbench@/workbench\n")
    monkeypatch.setattr("workbench.cli.SERVER_ENV_FILE", str(env_file))
    data = tmp_path / "data"
    data.mkdir()
    for argv in (["sessions"], ["backup"]):
        assert main([*argv, "--data", str(data)]) == 2
        err = capsys.readouterr().err
        assert (f"а хранилище этого сервера — база данных, её адрес записан в {env_file}: укажите её (`--database "
                f"URL`, или `set -a; . {env_file}; set +a` перед командой); `workbench init` создал бы здесь "
                "второе, пустое хранилище\n") in err, err
    assert list(data.iterdir()) == []


def test_a_database_that_cannot_be_reached_is_one_line_with_the_password_hidden(tmp_path, capsys, no_env):
    (tmp_path / "data").mkdir()
    url = "postgresql://workbench:room-secret@127.0.0.1:1/workbench"
    assert main(["sessions", "--data", str(tmp_path / "data"), "--database", url]) == 2
    err = capsys.readouterr().err
    assert err.startswith("workbench sessions: ошибка: не удаётся открыть базу данных "
                          "postgresql://workbench:***@127.0.0.1:1/workbench: ") and err.count("\n") == 1, err
    assert "room-secret" not in err and "Traceback" not in err
    assert main(["sessions", "--data", str(tmp_path / "data"), "--database", "nosuchdb://x"]) == 2
    assert capsys.readouterr().err.startswith("workbench sessions: ошибка: не удаётся открыть базу данных nosuchdb://x: ")


@pytest.mark.postgres
def test_the_commands_work_on_postgresql_through_database_alone(tmp_path, capsys, pg_url, no_env):
    data = tmp_path / "data"
    assert main(["init", "--data", str(data), "--database", pg_url]) == 0
    out = capsys.readouterr().out
    assert out.startswith("база данных готова: postgresql://") and f"ключ сервера): {data.resolve()}" in out
    assert data.is_dir() and not (data / "workbench.sqlite").exists()  # no second store beside the database

    assert main(["new-session", "--data", str(data), "--database", pg_url, "--title", "Будущее Вельска",
                 "--territory", "Вельск", "--date", "2026-05-20"]) == 0
    code = capsys.readouterr().out.strip()
    assert main(["session-edit", "--data", str(data), "--database", pg_url, "--session", code,
                 "--territory", "Вельский район"]) == 0
    assert main(["sessions", "--data", str(data), "--database", pg_url]) == 0
    listed = capsys.readouterr().out
    assert code in listed and "Будущее Вельска" in listed and "Вельский район" in listed
    out_dir = tmp_path / "out"
    assert main(["export", "--data", str(data), "--database", pg_url, "--session", code, "--what", "protocol",
                 "--format", "md", "--output-dir", str(out_dir)]) == 0
    capsys.readouterr()
    assert "Будущее Вельска" in "".join(p.read_text(encoding="utf-8") for p in out_dir.rglob("*.md"))
    assert main(["backup", "--data", str(data), "--database", pg_url]) == 2
    assert "pg_dump" in capsys.readouterr().err  # a database is backed up with its own tools

    # A folder that does not exist is no obstacle to a command that only reads the database.
    assert main(["sessions", "--data", str(tmp_path / "elsewhere"), "--database", pg_url]) == 0
    assert code in capsys.readouterr().out and not (tmp_path / "elsewhere").exists()
    assert not (data / "workbench.sqlite").exists()
    store = Store.open_url(pg_url)
    try:
        assert store.session(code)["territory"] == "Вельский район"
    finally:
        store.close()


@pytest.mark.postgres
def test_init_with_the_variable_set_initialises_the_database_not_sqlite(tmp_path, capsys, pg_url, monkeypatch, no_env):
    monkeypatch.setenv("WORKBENCH_DATABASE_URL", pg_url)
    data = tmp_path / "data"
    assert main(["init", "--data", str(data)]) == 0
    assert capsys.readouterr().out.startswith("база данных готова: postgresql://")
    assert main(["new-session", "--data", str(data), "--title", "Через переменную"]) == 0
    code = capsys.readouterr().out.strip()
    monkeypatch.delenv("WORKBENCH_DATABASE_URL")
    assert main(["sessions", "--data", str(data), "--database", pg_url]) == 0  # the same database, named
    assert code in capsys.readouterr().out
    assert not (data / "workbench.sqlite").exists()


@pytest.mark.postgres
@pytest.mark.served
def test_serve_with_database_serves_phones_and_kernels_from_it(tmp_path, capsys, pg_url, no_env):
    data = tmp_path / "data"
    assert main(["init", "--data", str(data), "--database", pg_url]) == 0
    assert main(["new-session", "--data", str(data), "--database", pg_url, "--title", "Серверная сессия"]) == 0
    code = capsys.readouterr().out.strip().splitlines()[-1]
    server = Server(data, args=("--database", pg_url)).start()
    try:
        Phone(server.base, code).join()
        store = Store.open_url(pg_url)
        try:
            assert store.count_participants(store.session(code)["id"], people_only=True) == 1
        finally:
            store.close()
        http = requests.Session()
        assert http.get(server.projector_url(code), timeout=60).status_code == 200
        page = http.get(f"{server.base}/voila/render/facilitator.ipynb?session={code}", timeout=120)
        # The page's cells ran in a kernel (its control view is a widget) on the same database: a
        # kernel without the address would have opened, and made, an empty workbench.sqlite here.
        assert page.status_code == 200 and "application/vnd.jupyter.widget-view+json" in page.text
        assert "Traceback" not in page.text
        assert not (data / "workbench.sqlite").exists()
    finally:
        server.stop()
