"""The facilitator's control view starts light (issue 16, item 5): importing it, the notebook's
first cell, loads none of the heavy libraries, which the view imports only where it draws or
computes with them. The time itself is bench/control_view.py's business."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_control_view_imports_no_heavy_library(capsys):
    spec = importlib.util.spec_from_file_location("bench_control_view", ROOT / "bench" / "control_view.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    seconds, heavy = bench.import_time(ROOT)
    assert seconds > 0 and heavy == []
    bench.main(["--no-browser"])
    out = capsys.readouterr().out
    assert "| import workbench.ui.projector |" in out and "| none |" in out


def test_the_control_view_builds_what_it_shows_and_the_rest_when_asked(wb, demo):
    """Every widget is a message to the page and a model it builds before the view appears: a
    stage of 80 cards opens with three widgets a card, the stage editor, the voting and
    statements panels and the groups' proposal only when first needed."""
    from ipywidgets.widgets.widget import _instances

    from workbench.session import facilitator
    from workbench.ui.projector import ProjectorView
    from workbench.wall_samples import ideas

    session = wb.store.session(demo)
    stage = session["current_stage_id"]
    for text in ideas(80 - len(wb.store.cards(session["id"], stage))):
        facilitator.add_card(wb.store, session["id"], stage, text)
    before = len(_instances)
    view = ProjectorView(wb, demo)
    assert len(view.cards) == 80
    # 200 for the view's own controls, +1: «Сел телефон или его нет…», whose panel is built on its click
    assert len(_instances) - before <= 3 * 80 + 201
    assert view.stage_editor.panel is None and not view.voting_box.children and not view.proposal_box.children
    view.stage_editor.toggle.value = True  # ✎ Этапы
    assert view.stage_editor.title.value == wb.store.stage(stage)["title"]
    voting = next(s for s in wb.store.stages(session["id"]) if s["kind"] == "voting")
    view.stage_picker.value = voting["id"]
    assert view.method.value == voting["method"] and "wb-method" in view.method._dom_classes
