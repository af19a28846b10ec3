"""The docs are part of the product: a command, setting or endpoint nobody documented fails here."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from workbench.app import SETTINGS
from workbench.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]


def _commands():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return sorted(sub.choices)


def test_every_command_is_in_help_and_readme():
    out = subprocess.run([sys.executable, "-m", "workbench", "--help"], capture_output=True,
                         text=True, check=True).stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in _commands():
        assert name in out
        assert f"`workbench {name}" in readme, f"README does not document `workbench {name}`"


def test_every_setting_is_documented():
    doc = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    for s in SETTINGS:
        assert f"`{s.name}`" in doc and f"`{s.default}`" in doc, s.name


def test_every_api_route_is_documented():
    source = (ROOT / "workbench" / "web" / "server.py").read_text(encoding="utf-8")
    doc = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    routes = re.findall(r'\(rf?"(/api/s/\(\{CODE_RE\}\)/\w+)"', source)
    assert routes
    for route in routes:
        path = route.replace("({CODE_RE})", "CODE")
        assert f"/api/s/CODE/{path.rsplit('/', 1)[1]}" in doc, path


def test_readme_starts_with_the_two_commands():
    head = (ROOT / "README.md").read_text(encoding="utf-8").split("```")[1]
    assert "make demo" in head and "make test" in head
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci
