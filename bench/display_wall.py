"""Benchmark: the projector's wall keeping up with cards from a room of phones.

    .venv/bin/python bench/display_wall.py [--rates 2 5 10] [--cards 300] [--size 1280x720] [--tree PATH]

For each rate it takes a session of its own on one real server (`workbench serve` on a free
loopback port, a real SQLite store), opens the display page (`/d/CODE`, the wall of the ideas
stage) in real Chromium, and has phones send cards over the documented JSON API at that many a
second (3 cards a phone, the sample ideas of `workbench/wall_samples.py`), up to `--cards`. It
prints, per rate (a markdown table):
- stored → visible p50 / p95 / max: from a card's 201 answer (it is in the store) to the first
  animation frame in which it stands on the wall (`#board .note[data-card]`), on one clock;
- within 1 s: the share of cards on the wall within a second of being stored;
- redraws, and per redraw the time of the page's `draw` (building the wall and laying it out)
  and of the layout alone (the page's `wall-layout` performance measures, else its `fitBoard`);
- main-thread long tasks (the Long Tasks API, 50 ms or more) while the cards came: how many, the
  longest, and the share of the time the page could not answer; the longest animation frame
  (the Long Animation Frames API: script, style, layout and paint of one frame).
`--tree` serves the page from another checkout (e.g. main before a change). Exit status 1 when
a card stored never showed within 20 s of the last (never on timing). Loopback only.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbench.testing import Http, Phone, Server, pct, wait_for  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update"]
PER_PHONE = 3

# Installed in the page once it has loaded: page-agnostic (works on any version of the display).
PROBE = """() => {
  const B = window.__wallBench = {seen: {}, draws: [], layouts: [], longtasks: [], frames: [], marks: 0};
  const now = () => performance.timeOrigin + performance.now();
  const real = window.draw;
  window.draw = function (s) {
    const t0 = performance.now();
    try { return real.apply(this, arguments); }
    finally { if (s && s.mode === 'wall') B.draws.push([now(), performance.now() - t0, (s.cards || []).length]); }
  };
  if (typeof window.fitBoard === 'function' && !window.__wallLayoutMeasured) {
    const fit = window.fitBoard;  // a page without its own measures: time its layout function
    window.fitBoard = function () {
      const t0 = performance.now();
      try { return fit.apply(this, arguments); } finally { B.layouts.push([performance.timeOrigin + t0, performance.now() - t0]); }
    };
  }
  const mark = () => requestAnimationFrame(() => {
    const t = now();
    document.querySelectorAll('#board .note[data-card]').forEach(n => {
      if (!(n.dataset.card in B.seen)) B.seen[n.dataset.card] = t;
    });
  });
  new MutationObserver(mark).observe(document.getElementById('main'), {childList: true, subtree: true});
  mark();
  try {
    new PerformanceObserver(l => l.getEntries().forEach(e => B.longtasks.push([performance.timeOrigin + e.startTime, e.duration])))
      .observe({type: 'longtask'});
  } catch (e) {}
  try {
    new PerformanceObserver(l => l.getEntries().forEach(e => B.frames.push([performance.timeOrigin + e.startTime, e.duration])))
      .observe({type: 'long-animation-frame'});
  } catch (e) {}
}"""

COLLECT = """() => {
  const B = window.__wallBench;
  const measures = performance.getEntriesByName('wall-layout').map(e => [performance.timeOrigin + e.startTime, e.duration]);
  return {seen: B.seen, draws: B.draws, layouts: B.layouts, measures, longtasks: B.longtasks, frames: B.frames};
}"""


def prepare(data: Path, rates: list[float]) -> dict[float, str]:
    """A session per rate, its ideas stage on phones and its wall on the display."""
    from workbench.app import Workbench
    from workbench.session import display, facilitator

    wb = Workbench(data)
    codes = {}
    for i, rate in enumerate(rates):
        code = f"WALL{i + 1:02d}"
        wb.store.create_session(f"Стена: {rate:g} карточки в секунду", code=code)
        session = wb.store.session(code)
        stage = next(s for s in wb.store.stages(session["id"]) if s["kind"] == "ideas")
        facilitator.show_stage(wb.store, session["id"], stage["id"])
        display.set_display(wb.store, session["id"], "wall", stage["id"])  # the QR code taken down
        codes[rate] = code
    wb.close()
    return codes


def stream(server: Server, code: str, texts: list[str], rate: float) -> dict[int, float]:
    """Phones send `texts` at `rate` a second; {card id: time it was stored (its 201 answer)}."""
    phones = []
    for i in range(0, len(texts), PER_PHONE):
        phone = Phone(server.base, code, lang="ru")
        phone.join(name=f"Участник {i // PER_PHONE + 1}")
        phones.append(phone)
    stored: dict[int, float] = {}
    errors: list[str] = []
    lock = threading.Lock()
    start = time.time() + 0.5

    def send(i: int, text: str) -> None:
        r = phones[i // PER_PHONE].call("POST", "/cards", {"text": text})
        with lock:
            if r.status_code == 201:
                stored[r.json()["id"]] = time.time()
            else:
                errors.append(f"{r.status_code} {r.text[:200]}")
    threads = []
    for i, text in enumerate(texts):
        delay = start + i / rate - time.time()
        if delay > 0:
            time.sleep(delay)
        th = threading.Thread(target=send, args=(i, text))
        th.start()
        threads.append(th)
    for th in threads:
        th.join()
    if errors:
        print(f"  {len(errors)} cards refused, e.g. {errors[0]}", file=sys.stderr)
    return stored


def login_cookies(server: Server, code: str) -> list[dict]:
    """The facilitator's login cookies, as `/f?token=…` sets them (without opening the control
    view: its kernel would share the cores with the display being measured)."""
    answer = Http().get(server.projector_url(code))
    cookies = [v.split(";")[0].split("=", 1) for k, v in answer.headers.items() if k.lower() == "set-cookie"]
    assert cookies, "no login cookie"
    return [{"name": n, "value": v, "url": server.base} for n, v in cookies]


def run(browser, server: Server, code: str, rate: float, cards: int, size: tuple[int, int]) -> dict:
    from workbench.wall_samples import ideas

    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    try:
        page.context.add_cookies(login_cookies(server, code))
        page.goto(f"{server.base}/d/{code}")
        page.wait_for_selector("#main[data-mode='wall'] .empty", timeout=30_000)
        page.evaluate(PROBE)
        began = time.time()
        stored = stream(server, code, ideas(cards), rate)
        ended = time.time()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            seen = page.evaluate("() => Object.keys(window.__wallBench.seen).length")
            if seen >= len(stored):
                break
            time.sleep(0.2)
        got = page.evaluate(COLLECT)
    finally:
        page.close()
    seen = {int(k): v / 1000 for k, v in got["seen"].items()}
    lags = [seen[i] - t for i, t in stored.items() if i in seen]
    window = (began * 1000, ended * 1000 + 2000)
    during = lambda rows: [d for t, d in rows if window[0] <= t <= window[1]]  # noqa: E731
    draws = [d for t, d, n in got["draws"] if window[0] <= t <= window[1]]
    layouts = during(got["measures"] or got["layouts"])
    tasks = during(got["longtasks"])
    return {"rate": rate, "stored": len(stored), "shown": sum(1 for i in stored if i in seen),
            "lags": lags, "draws": draws, "layouts": layouts, "tasks": tasks,
            "frames": during(got["frames"]), "seconds": ended - began}


def row(r: dict) -> str:
    lag = " / ".join(f"{1000 * pct(r['lags'], q):.0f}" for q in (50, 95)) + f" / {1000 * max(r['lags']):.0f}" \
        if r["lags"] else "–"
    within = 100 * sum(1 for x in r["lags"] if x <= 1.0) / max(1, r["stored"])
    per = lambda v: (" / ".join(f"{pct(v, q):.0f}" for q in (50, 95)) + f" / {max(v):.0f}") if v else "–"  # noqa: E731
    busy = 100 * sum(r["tasks"]) / 1000 / max(r["seconds"], 1e-9)
    return (f"| {r['rate']:g} | {r['shown']} / {r['stored']}{' ✓' if r['shown'] == r['stored'] else ''} | {lag} | "
            f"{within:.0f} % | {len(r['draws'])} | {per(r['draws'])} | {per(r['layouts'])} | "
            f"{len(r['tasks'])} / {max(r['tasks'], default=0):.0f} / {busy:.0f} % | {max(r['frames'], default=0):.0f} |")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rates", type=float, nargs="+", default=[2, 5, 10], help="cards a second, one run each")
    ap.add_argument("--cards", type=int, default=300, help="cards sent in each run")
    ap.add_argument("--size", default="1280x720", help="the display's window, WIDTHxHEIGHT")
    ap.add_argument("--tree", type=Path, default=ROOT, help="the source tree to serve (default: this one)")
    args = ap.parse_args(argv)
    size = tuple(int(x) for x in args.size.lower().split("x"))
    from playwright.sync_api import sync_playwright

    os.environ["PYTHONPATH"] = str(args.tree)  # the server serves that tree's page
    os.chdir(args.tree)  # `python -m workbench` puts the working directory first
    data = Path(tempfile.mkdtemp(prefix="wb-bench-wall-")) / "data"
    codes = prepare(data, args.rates)
    server = Server(data).start()
    results = []
    try:
        wait_for(lambda: Http().get(f"{server.base}/s/").status_code == 200, timeout=30, message="the server")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for rate in args.rates:
                results.append(run(browser, server, codes[rate], rate, args.cards, size))
            browser.close()
    finally:
        server.stop()
    print(f"| cards/s | shown / stored | stored → visible p50 / p95 / max ms | within 1 s | redraws | "
          f"redraw p50 / p95 / max ms | layout p50 / p95 / max ms | long tasks n / max ms / busy | "
          f"longest frame ms |\n|{'---|' * 9}")
    for r in results:
        print(row(r))
    print(f"\n{args.cards} cards a run, {PER_PHONE} a phone, display {size[0]}×{size[1]}, tree {args.tree}, "
          f"cores: {os.cpu_count()}, load: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0 if all(r["shown"] == r["stored"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
