"""The package's layout holds: rules live in `workbench/session/` and below, which never import
the command line, the web pages or the widgets; and no modules import each other in a circle
(a circle is how a rule ends up in two places). Read from the source, imports inside functions
included."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1] / "workbench"
SHOWING = ("workbench.cli", "workbench.web", "workbench.ui", "workbench.app", "workbench.__main__")
DOMAIN = ("workbench.session", "workbench.store", "workbench.clustering", "workbench.opinion",
          "workbench.drafts", "workbench.network", "workbench.exports")


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> nx.DiGraph:
    modules = {_module(p): p for p in ROOT.rglob("*.py")}
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(up + ([base] if base else []))
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
            else:
                continue
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph.add_edge(name, target)
    return graph


def test_the_rules_never_import_what_shows_them():
    graph = import_graph()
    wrong = sorted((a, b) for a, b in graph.edges
                   if a.startswith(DOMAIN) and b.startswith(SHOWING))
    assert not wrong, f"domain code imports the CLI, web pages or widgets: {wrong}"


def test_no_modules_import_each_other_in_a_circle():
    graph = import_graph()
    circles = [sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1]
    assert not circles, f"modules that import each other in a circle: {circles}"


def test_the_check_sees_a_known_import():
    graph = import_graph()
    assert graph.has_edge("workbench.session.teams", "workbench.session.voting")
    assert graph.has_edge("workbench.web.api", "workbench.store.failures")
    assert graph.has_edge("workbench.session.facilitator", "workbench.session.display")  # inside a function
