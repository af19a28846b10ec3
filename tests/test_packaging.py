"""The installed package imports only what pyproject.toml declares: every third-party module that
a file of `workbench/` imports belongs to a distribution in `[project] dependencies`."""

from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")  # Python 3.11+

ROOT = Path(__file__).resolve().parents[1]
# Import names that differ from their distribution's, for a module not installed here.
DISTRIBUTIONS = {"sklearn": "scikit-learn", "docx": "python-docx", "yaml": "PyYAML",
                 "PIL": "Pillow", "zmq": "pyzmq", "dateutil": "python-dateutil"}


def canonical(name: str) -> str:
    """A distribution name as PEP 503 compares them.

    >>> canonical("Jupyter_Server"), canonical("python.docx")
    ('jupyter-server', 'python-docx')
    """
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    # the `meaning` extra is imported only behind workbench.embeddings.available()
    deps = project["dependencies"] + project["optional-dependencies"]["meaning"]
    return {canonical(re.match(r"[A-Za-z0-9._-]+", dep).group()) for dep in deps}


def third_party_imports() -> dict[str, str]:
    """{top-level module: the first file importing it} over every file of the package."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "workbench").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top != "workbench" and top not in sys.stdlib_module_names:
                    found.setdefault(top, str(path.relative_to(ROOT)))
    return found


def test_every_imported_package_is_declared():
    installed = packages_distributions()
    deps = declared()
    missing = {}
    for module, where in third_party_imports().items():
        names = installed.get(module) or [DISTRIBUTIONS.get(module, module)]
        if not {canonical(n) for n in names} & deps:
            missing[module] = f"{where} imports it; declare {' or '.join(names)}"
    assert not missing, missing


def test_the_check_sees_the_imports():
    imports = third_party_imports()
    assert {"pandas", "sklearn", "docx", "jinja2"} <= set(imports)
    assert "requests" not in imports  # a test extra: workbench/testing.py uses the standard library
    assert not {"json", "os", "__future__", "workbench"} & set(imports)
