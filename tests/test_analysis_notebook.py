"""The staff's documentation notebook is tested: its saved outputs must come out again, exactly."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = "notebooks/staff-analysis-demo.ipynb"


@pytest.mark.served  # nbval starts a Jupyter kernel process (ZMQ on loopback ports)
def test_staff_analysis_notebook_reproduces_its_saved_outputs():
    nb = json.loads((ROOT / NOTEBOOK).read_text(encoding="utf-8"))
    outputs = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c["outputs"]]
    # The outputs are the documentation: text only, and there is something to compare.
    assert len(outputs) >= 10
    assert {o["output_type"] for o in outputs} == {"stream"}
    text = "".join("".join(o["text"]) for o in outputs)
    assert "/work" not in text and "/tmp" not in text and "Носкова Софья" in text
    run = subprocess.run([sys.executable, "-m", "pytest", "--nbval", NOTEBOOK, "-q",
                          "-p", "no:cacheprovider"],
                         cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert " passed" in run.stdout and "failed" not in run.stdout


def test_analysis_notebook_is_thin_and_stripped():
    nb = json.loads((ROOT / "notebooks" / "analysis.ipynb").read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert len(code) == 3 and all(not c["outputs"] for c in code)
    assert "analysis_view(wb" in "".join(code[-1]["source"])
