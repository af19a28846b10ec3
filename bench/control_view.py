"""Benchmark: how fast the facilitator's control view (the Voila projector notebook) opens.

Two figures:
- kernel side: `python -X importtime -c "import workbench.ui.projector"` (what the notebook's first
  cell imports), the total and the heaviest modules, plus the heavy libraries (matplotlib, sklearn,
  networkx, pandas, the embeddings) that the import pulls in: there should be none;
- page side: a real server (`workbench serve`) on a loopback port with the demo session, real
  Chromium at 1280×720: time from the GET of `/f?session=CODE` to the view's widgets drawn
  (`.wb-projector` in the Voila frame), `--runs` times, the first (cold) and the median of the rest.

Run: .venv/bin/python bench/control_view.py [--runs N] [--tree PATH] [--no-browser]
(`--tree` measures another checkout, e.g. the main branch before a change.)
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HEAVY = ("matplotlib", "sklearn", "scipy", "networkx", "pandas", "sentence_transformers", "torch",
         "docx", "openpyxl", "PIL", "workbench.embeddings", "workbench.network", "workbench.opinion",
         "workbench.clustering")
CHROMIUM = "/usr/bin/chromium"


def import_time(tree: Path, module: str = "workbench.ui.projector") -> tuple[float, list[str]]:
    """(seconds to import `module` in a fresh interpreter, the heavy libraries it loaded)."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {module}"],
                         capture_output=True, text=True, env=env, cwd=tree, check=True).stderr
    total, loaded = 0.0, set()
    for line in out.splitlines():
        m = re.match(r"import time:\s+\d+ \|\s+(\d+) \| *(\S+)", line)
        if not m:
            continue
        name = m.group(2)
        if name == module:
            total = int(m.group(1)) / 1e6
        if any(name == h or name.startswith(h + ".") for h in HEAVY):
            loaded.add(name if name.startswith("workbench") else name.split(".")[0])
    return total, sorted(loaded)


def page_times(tree: Path, runs: int) -> list[float]:
    """Seconds from the GET of the control view to its widgets drawn, `runs` times."""
    from playwright.sync_api import sync_playwright

    from workbench.app import Workbench
    from workbench.demo import load_demo
    from workbench.testing import Server, wait_for

    warm = "preheat_kernel" in (tree / "workbench/web/server.py").read_text()
    os.environ["PYTHONPATH"] = str(tree)  # the server and its kernels (run from notebooks/) use this tree
    os.chdir(tree)  # `python -m workbench` puts the working directory first
    tmp = Path(tempfile.mkdtemp(prefix="wb-bench-view-"))
    wb = Workbench(tmp / "data")
    code = load_demo(wb.store, teams=False)
    wb.close()
    server = Server(tmp / "data").start()
    times = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            for run in range(runs):
                # The facilitator opens the view once and reloads it now and then: each open finds
                # the server at rest (its warm kernel, if it keeps one, ready again).
                if warm:
                    wait_for(lambda run=run: server.log_path.read_text().count("is filled with") > run,
                             timeout=120, message="the warm kernel ready")
                page = browser.new_page(viewport={"width": 1280, "height": 720})
                start = time.perf_counter()
                page.goto(server.projector_url(code))
                page.frame_locator("iframe").locator(".wb-projector").first.wait_for(timeout=120_000)
                times.append(time.perf_counter() - start)
                page.close()
            browser.close()
    finally:
        server.stop()
    return times


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--tree", type=Path, default=ROOT, help="the source tree to measure (default: this one)")
    ap.add_argument("--no-browser", action="store_true", help="only the kernel-side import time")
    args = ap.parse_args(argv)
    total, loaded = import_time(args.tree)
    print("| measure | value |\n|---|---|")
    print(f"| import workbench.ui.projector | {total:.2f} s |")
    print(f"| heavy libraries loaded by the import | {', '.join(loaded) or 'none'} |")
    if args.no_browser or not Path(CHROMIUM).exists():
        return
    times = page_times(args.tree, args.runs)
    print(f"| control view drawn, first open | {times[0]:.2f} s |")
    if len(times) > 1:
        print(f"| control view drawn, median of the next {len(times) - 1} | {statistics.median(times[1:]):.2f} s |")


if __name__ == "__main__":
    main()
