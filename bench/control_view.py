"""Benchmark: how fast the facilitator's control view (the Voila projector notebook) opens.

Two figures:
- kernel side: `python -X importtime -c "import workbench.ui.projector"` (what the notebook's first
  cell imports), the total and the heaviest modules, plus the heavy libraries (matplotlib, sklearn,
  networkx, pandas, the embeddings) that the import pulls in: there should be none;
- kernel side: the notebook's three cells run in a real kernel (ipykernel over jupyter_client,
  as Voila starts it), each cell timed, with the widgets the view opens (each one a message to
  the page and a model the page builds): what is ours in the time to open, apart from Voila;
- page side: a real server (`workbench serve`) on a loopback port with the demo session, real
  Chromium at 1280×720: time from the GET of `/f?session=CODE` to the view's widgets drawn
  (`.wb-projector` in the Voila frame), `--runs` times, the first (cold) and the median of the rest.

Run: .venv/bin/python bench/control_view.py [--runs N] [--cards N] [--tree PATH] [--no-browser]
(`--tree` measures another checkout, e.g. the main branch before a change; `--cards 80` puts 80
cards on the stage the view opens on, as in a real session, instead of the demo's 12.)
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


def demo_data(cards: int = 0) -> tuple[Path, str]:
    """(a data folder with the demo session, its code); with `cards`, that many cards on the
    stage the control view opens on (the demo's own first, then the sample ideas)."""
    from workbench.app import Workbench
    from workbench.demo import load_demo
    from workbench.session import facilitator
    from workbench.wall_samples import ideas

    data = Path(tempfile.mkdtemp(prefix="wb-bench-view-")) / "data"
    wb = Workbench(data)
    code = load_demo(wb.store, teams=False)
    session = wb.store.session(code)
    stage = session["current_stage_id"]
    have = len(wb.store.cards(session["id"], stage))
    for text in ideas(max(0, cards - have)):
        facilitator.add_card(wb.store, session["id"], stage, text)
    wb.close()
    return data, code


def kernel_times(tree: Path, runs: int, cards: int = 0) -> dict[str, float]:
    """Median seconds of a kernel's start and of each of the notebook's cells (run in a real
    kernel on the demo session), and the number of widgets the view opened."""
    import json

    from jupyter_client.manager import KernelManager

    data, code = demo_data(cards)
    tmp = data.parent
    cells = [c["source"] for c in json.loads((tree / "notebooks/facilitator.ipynb").read_text())["cells"]]
    count = ("import ipywidgets as _w, warnings as _x; _x.simplefilter('ignore'); "
             "print(len(_w.Widget.widgets))")
    env = dict(os.environ, PYTHONPATH=str(tree), WORKBENCH_DATA=str(data), QUERY_STRING=f"session={code}")
    got: dict[str, list[float]] = {}
    for _ in range(runs):
        start = time.perf_counter()
        km = KernelManager(kernel_name="python3", transport="ipc", ip=str(tmp / "kernel-ipc"))
        km.start_kernel(env=env, cwd=str(tree / "notebooks"))
        kc = km.client()
        kc.start_channels()
        kc.wait_for_ready(timeout=120)
        got.setdefault("kernel start", []).append(time.perf_counter() - start)
        try:
            for i, source in enumerate(cells + [count]):
                start = time.perf_counter()
                out = []
                reply = kc.execute_interactive(source, timeout=120, output_hook=lambda m, out=out: out.append(
                    m["content"].get("text", "")) if m["msg_type"] == "stream" else None)
                assert reply["content"]["status"] == "ok", reply["content"]
                if i < len(cells):
                    got.setdefault(f"cell {i + 1}", []).append(time.perf_counter() - start)
                else:
                    got.setdefault("widgets", []).append(float("".join(out).split()[-1]))
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
    return {k: statistics.median(v) for k, v in got.items()}


def page_times(tree: Path, runs: int, cards: int = 0) -> list[float]:
    """Seconds from the GET of the control view to its widgets drawn, `runs` times."""
    from playwright.sync_api import sync_playwright

    from workbench.testing import Server, wait_for

    warm = "preheat_kernel" in (tree / "workbench/web/server.py").read_text()
    os.environ["PYTHONPATH"] = str(tree)  # the server and its kernels (run from notebooks/) use this tree
    os.chdir(tree)  # `python -m workbench` puts the working directory first
    data, code = demo_data(cards)
    server = Server(data).start()
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
    ap.add_argument("--cards", type=int, default=0, help="cards on the stage the view opens on (default: the demo's)")
    ap.add_argument("--tree", type=Path, default=ROOT, help="the source tree to measure (default: this one)")
    ap.add_argument("--no-browser", action="store_true", help="only the kernel-side import time")
    args = ap.parse_args(argv)
    total, loaded = import_time(args.tree)
    print("| measure | value |\n|---|---|")
    print(f"| import workbench.ui.projector | {total:.2f} s |")
    print(f"| heavy libraries loaded by the import | {', '.join(loaded) or 'none'} |")
    if args.no_browser:
        return
    kernel = kernel_times(args.tree, args.runs, args.cards)
    for name, value in kernel.items():
        if name == "widgets":
            print(f"| widgets the view opens | {value:.0f} |")
        else:
            what = {"cell 1": " (imports)", "cell 2": " (the store)", "cell 3": " (the view built)"}.get(name, "")
            print(f"| {name}{what}, median of {args.runs} | {value:.2f} s |")
    if not Path(CHROMIUM).exists():
        return
    times = page_times(args.tree, args.runs, args.cards)
    print(f"| control view drawn, first open | {times[0]:.2f} s |")
    if len(times) > 1:
        print(f"| control view drawn, median of the next {len(times) - 1} | {statistics.median(times[1:]):.2f} s |")


if __name__ == "__main__":
    main()
