"""`--output` naming no regular file: a FIFO, `/dev/stdout` (here a link to it in a temporary
folder), a link to a file. The command writes into it; the rename it did had put a regular file
in the FIFO's, device's or link's place (as root, /dev/full became one) and printed nothing."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import workbench
from workbench.cli import main
from workbench.util import write_atomic


@pytest.fixture
def data(tmp_path, capsys):
    assert main(["demo", "--data", str(tmp_path / "data")]) == 0
    capsys.readouterr()
    return tmp_path / "data"


def test_export_session_into_a_fifo_leaves_the_fifo_and_its_reader_gets_the_session(data, tmp_path, capsys):
    fifo = tmp_path / "session.fifo"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    assert main(["export-session", "--data", str(data), "--session", "KARGO1", "--output", str(fifo)]) == 0
    reader.join(timeout=30)
    assert not reader.is_alive(), "the reader got no end of file"
    assert json.loads(got[0])["session"] == "KARGO1"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    assert "KARGO1" in capsys.readouterr().out  # the usual line, on stdout: the file went elsewhere


def test_export_session_to_dev_stdout_prints_the_json_and_the_line_goes_to_stderr(data, tmp_path):
    link = tmp_path / "stdout"
    link.symlink_to("/dev/stdout")
    run = subprocess.run([sys.executable, "-m", "workbench", "export-session", "--data", str(data),
                          "--session", "KARGO1", "--output", str(link)],
                         capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(Path(workbench.__file__).parents[1])})
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["session"] == "KARGO1"  # the JSON alone: `| jq` reads it
    assert "KARGO1" in run.stderr
    assert link.is_symlink() and os.readlink(link) == "/dev/stdout"


def test_a_link_to_a_file_stays_a_link(tmp_path):
    target = tmp_path / "real.json"
    target.write_text("old")
    link = tmp_path / "latest.json"
    link.symlink_to(target)
    write_atomic(link, '{"new": 1}')
    assert link.is_symlink() and json.loads(target.read_text()) == {"new": 1}
