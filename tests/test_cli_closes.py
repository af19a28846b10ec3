"""Every command closes the store it opens, whether it succeeds or refuses: run in-process (a test,
a script calling `workbench.cli.main`, a notebook) one command after another, none leaves a
connection to the data folder open, a thread running, or SQLite's -wal/-shm files beside the store
(they are folded into workbench.sqlite when its last connection closes, so a folder copied after a
command is the whole store)."""

from __future__ import annotations

import gc
import os
import sqlite3
import threading
from pathlib import Path

import pytest

from workbench.cli import build_parser, main
from workbench.store import SCHEMA_VERSION, Store


@pytest.fixture
def no_server(monkeypatch):
    """`serve` prints its lines, then returns instead of serving (as a stopped server does)."""
    from workbench.session import embedding
    from workbench.web import server

    monkeypatch.setattr(server, "serve", lambda *a, **k: None)
    monkeypatch.setattr(embedding, "start_embedder", lambda *a, **k: None)


@pytest.fixture
def no_collector():
    """The cyclic garbage collector off: a store left open stays open (it closes only when
    collected, at some later moment), so a command must close it itself."""
    gc.collect()
    gc.disable()
    yield
    gc.enable()


def open_in(folder: Path) -> list[str]:
    """The files under `folder` this process holds open."""
    held = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:  # closed meanwhile (the listing's own descriptor)
            continue
        if target.startswith(str(folder)):
            held.append(target)
    return held


def commands(data: Path, out: Path, round_: int = 0) -> list[list[str]]:
    """One run of every command that opens a store, and its refusals, in an order that works."""
    d = ["--data", str(data)]
    return [
        ["init", *d],
        ["demo", *d],
        ["sessions", *d],
        ["sessions", "--all", *d],
        ["new-session", *d, "--title", "Будущее Плесецкого округа", "--date", "14.03.2026"],
        ["session-edit", *d, "--session", "KARGO1", "--territory", "Каргопольский МО"],
        ["save-template", *d, "--session", "KARGO1", "--overwrite", "kargo"],
        ["stage", *d, "--session", "KARGO1", "ideas"],
        ["export", *d, "--session", "KARGO1", "--what", "protocol", "--format", "md", "--output-dir", str(out)],
        ["export-session", *d, "--session", "KARGO1", "--output", str(out / "kargo.json")],
        ["import-session", *d, str(out / "kargo.json"), "--dry-run"],
        ["import-session", *d, str(out / "kargo.json"), "--as-code", "KARGO2"],
        ["archive-session", *d, "--session", "KARGO2"],
        ["person", *d, "Иванова", "--export", str(out / "person.json")],
        ["registrations", *d, "--session", "KARGO1"],
        ["registrations", *d, "--session", "KARGO1", "--output", str(out / "reg.csv")],
        ["serve", *d, "--no-browser", "--session", "KARGO1"],
        ["backup", *d, "--output", str(out / f"copy{round_}.sqlite")],
        ["restore", *d, str(out / f"copy{round_}.sqlite")],
        ["delete-session", *d, "--session", "KARGO2", "--yes"],
        # refused (exit code 2): an unknown session or person, a template that exists
        ["person", *d, "nobody@example.org", "--forget"],
        ["stage", *d, "--session", "NOPE99", "ideas"],
        ["export", *d, "--session", "NOPE99", "--what", "data", "--format", "csv", "--output-dir", str(out)],
        ["serve", *d, "--no-browser", "--session", "NOPE99"],
        ["save-template", *d, "--session", "KARGO1", "kargo"],
    ]


def test_every_command_that_opens_the_store_is_run_here():
    """A new command with --data is added to `commands` (and so checked)."""
    parser = build_parser()
    with_data = {name for name, p in parser._subparsers._group_actions[0].choices.items()
                 if any("--data" in a.option_strings for a in p._actions)}
    assert with_data == {argv[0] for argv in commands(Path("d"), Path("o"))}


def test_commands_run_one_after_another_leave_nothing_open(tmp_path, capsys, no_server, no_collector):
    data, out = tmp_path / "data", tmp_path / "out"
    threads = {t.ident for t in threading.enumerate()}
    for round_ in range(2):  # the same commands again, on the store the first round left
        for argv in commands(data, out, round_):
            code = main(argv)
            said = capsys.readouterr()
            refused = {"NOPE99", "nobody@example.org"} & set(argv) or argv[-1] == "kargo" and "--overwrite" not in argv
            assert code == (2 if refused else 0), (argv, said.err)
            assert "Traceback" not in said.err
            assert open_in(data) == [], argv
            assert [p.name for p in data.glob("workbench.sqlite-*")] == [], argv
            assert {t.ident for t in threading.enumerate()} <= threads, argv
    assert main(["sessions", "--data", str(data)]) == 0
    assert capsys.readouterr().out.startswith("KARGO1  12.10.2019  Стратегическая сессия  Каргопольский МО  ")


def test_a_store_the_command_refuses_is_left_closed(tmp_path, capsys, no_collector):
    """A folder written by a newer version: refused in one line, and not held open."""
    data = tmp_path / "data"
    Store.open(data).close()
    db = sqlite3.connect(data / "workbench.sqlite")
    with db:
        db.execute("UPDATE meta SET value = :v WHERE key = 'schema_version'", {"v": str(SCHEMA_VERSION + 1)})
    db.close()
    for argv in (["sessions"], ["demo"], ["stage", "--session", "KARGO1", "ideas"]):
        assert main([*argv, "--data", str(data)]) == 2
        assert "более новая версия программы" in capsys.readouterr().err
        assert open_in(data) == [] and not (data / "workbench.sqlite-wal").exists()


def test_a_workbench_is_a_context_manager(tmp_path, no_collector):
    from workbench.app import Workbench

    with Workbench(tmp_path / "data") as wb:
        wb.store.create_session("Будущее")
        assert (tmp_path / "data" / "workbench.sqlite-wal").exists()
    assert open_in(tmp_path / "data") == [] and not (tmp_path / "data" / "workbench.sqlite-wal").exists()
