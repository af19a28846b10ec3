"""The systemd units of deploy/ parse and check out with systemd's own verifier.

This machine runs no systemd, so the units cannot be started here; `systemd-analyze verify` reads
them as systemd would (unknown keys, bad specifiers, a missing ExecStart binary are errors).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_systemd_units_verify(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        if os.environ.get("CI") == "true":
            pytest.fail("systemd-analyze is missing under CI=true: .ci/run must install systemd")
        pytest.skip("systemd-analyze not installed (apt-get install systemd): unit check skipped")
    workbench = Path(sys.executable).with_name("workbench")
    for unit in (ROOT / "deploy" / "systemd").iterdir():
        text = unit.read_text().replace("/opt/workbench/.venv/bin/workbench", str(workbench))
        (tmp_path / unit.name).write_text(text)
    service = tmp_path / "workbench@8801.service"
    shutil.copy(tmp_path / "workbench@.service", service)
    out = subprocess.run([analyze, "verify", "--man=no", str(service), str(tmp_path / "workbench.target")],
                         capture_output=True, text=True, cwd=tmp_path, env={**os.environ, "SYSTEMD_LOG_LEVEL": "warning"})
    problems = [line for line in (out.stdout + out.stderr).splitlines() if line.strip()]
    assert out.returncode == 0 and problems == [], problems
