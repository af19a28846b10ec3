"""The core commands as a user types them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

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


# Run by a fresh interpreter: what it has open before and after `workbench demo`, as JSON
OPEN_FILES = """
import json, os, sys
from workbench.cli import main
def open_files():
    return sorted(os.readlink(f"/proc/self/fd/{fd}") for fd in os.listdir("/proc/self/fd")
                  if os.path.exists(f"/proc/self/fd/{fd}"))
before = open_files()
code = main(["demo", "--data", sys.argv[1]])
print(json.dumps({"code": code, "before": before, "after": open_files(),
                  "onnxruntime": "onnxruntime" in sys.modules}))
"""


def test_the_demo_leaves_no_file_open_and_writes_nothing_outside_its_data(tmp_path):
    """`workbench demo` (`make demo` before it serves) loaded onnxruntime on the way, which opened
    its telemetry database under ~/.cache/Microsoft (three files) and held it until the process
    ended. Now, once the demo is loaded, the process holds the files it held before, and the home
    folder has nothing new in it."""
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("ORT_DISABLE_TELEMETRY", "XDG_CACHE_HOME")}
    run = subprocess.run([sys.executable, "-c", OPEN_FILES, str(tmp_path / "data")], capture_output=True,
                         text=True, check=True, env=dict(env, HOME=str(home)))
    said = json.loads(run.stdout.splitlines()[-1])
    assert said["code"] == 0 and "демо-сессия KARGO1 загружена" in run.stdout
    if not said["onnxruntime"]:
        pytest.skip("onnxruntime is not installed (the meaning extra): nothing to open")
    assert said["after"] == said["before"]
    assert list(home.rglob("*")) == []


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
