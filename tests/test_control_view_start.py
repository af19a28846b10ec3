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
