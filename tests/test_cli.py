"""The core commands as a user types them."""

from __future__ import annotations

import subprocess
import sys

from workbench.cli import main


def test_init_demo_sessions_new_session(tmp_path, capsys):
    data = str(tmp_path / "d")
    assert main(["init", "--data", data]) == 0
    assert main(["demo", "--data", data]) == 0
    assert main(["demo", "--data", data]) == 0  # loading twice keeps one demo session
    assert main(["new-session", "--data", data, "--title", "Будущее Няндомы", "--territory", "Няндома",
                 "--date", "2020-02-01"]) == 0
    code = capsys.readouterr().out.strip().splitlines()[-1]
    assert main(["sessions", "--data", data]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("KARGO1 ") and lines[0].endswith("(20 участников)")
    assert lines[1].startswith(code + " ") and "Будущее Няндомы" in lines[1]


def test_new_session_with_an_empty_title_is_a_clear_error(tmp_path, capsys):
    assert main(["new-session", "--data", str(tmp_path), "--title", "  "]) == 2
    assert capsys.readouterr().err == "workbench new-session: ошибка: Пустой текст: напишите хотя бы несколько слов\n"


def test_unknown_settings_are_refused(tmp_path, capsys):
    assert main(["init", "--data", str(tmp_path)]) == 0
    (tmp_path / "settings.json").write_text('{"vote_budgt": 5}')
    assert main(["sessions", "--data", str(tmp_path)]) == 2
    assert f"{tmp_path / 'settings.json'}: неизвестные настройки: vote_budgt" in capsys.readouterr().err


def test_the_join_address_is_the_laptops_address_on_the_hotspot(monkeypatch):
    from workbench.web import server

    monkeypatch.setattr(server, "_interface_addresses", lambda: ["127.0.0.1", "203.0.113.5", "192.168.43.1"])
    assert server.lan_address() == "192.168.43.1"  # a phone hotspot's network wins
    monkeypatch.setattr(server, "_interface_addresses", lambda: ["127.0.0.1"])
    monkeypatch.setattr(server.socket, "getaddrinfo", lambda *a, **k: [(2, 2, 17, "", ("127.0.1.1", 0))])
    assert server.lan_address() == "127.0.0.1"  # nothing else: loopback, and --public-url says the rest


def test_help_and_serve_leave_the_heavy_libraries_unloaded():
    code = ("import sys; from workbench.cli import build_parser; build_parser({!r}); "
            "print(sorted(m for m in ('pandas', 'numpy', 'sklearn', 'networkx', 'scipy') if m in sys.modules))")
    for command in (None, "serve"):
        out = subprocess.run([sys.executable, "-c", code.format(command)], capture_output=True, text=True,
                             check=True).stdout
        assert out.strip() == "[]", command
