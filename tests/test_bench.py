"""The benchmark of every decision method (bench/methods.py) runs at a small size: 6 phones
through a whole round of each method against a real server and an in-process projector. It
asserts that every method is reported and nothing is lost, never a timing (speed goals are
bench/'s business: `make bench`)."""

from __future__ import annotations

import concurrent.futures
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.served
def test_methods_benchmark_reports_every_method_and_loses_nothing(capsys):
    spec = importlib.util.spec_from_file_location("bench_methods", ROOT / "bench" / "methods.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    # In a thread of its own: the benchmark runs its own event loops (asyncio.run), and a browser
    # test earlier in the run leaves Playwright's loop running in this one.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        status = pool.submit(bench.main, ["--phones", "6", "--window", "0.5", "--think", "0.05"]).result()
    out = capsys.readouterr().out
    assert status == 0, out
    header = out.splitlines()[0]
    for column in ("ack p50 / p95 ms", "ballot → projector p50 / p95 ms", "projector refresh p95 / max ms",
                   "results fit ms", "server CPU s / 1,000 ballots"):
        assert column in header
    for method, ballots in (("dots", 18), ("matrix", 36), ("pairwise", 60), ("ranking", 6),
                            ("statements", 240)):
        row = next(line for line in out.splitlines() if line.startswith(f"| {method} |"))
        assert f"| 6 | {ballots} / {ballots} ✓ | 0 |" in row, row  # every ballot answered, stored, shown


@pytest.mark.served
def test_participants_benchmark_polls_like_the_page_and_compares_with_a_plain_handler(capsys):
    spec = importlib.util.spec_from_file_location("bench_participants", ROOT / "bench" / "participants.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    args = ["--sizes", "6", "--window", "0.5", "--sustain", "1", "--clients", "4", "--generators", "2"]
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        status = pool.submit(bench.main, args).result()
    out = capsys.readouterr().out
    assert status == 0, out  # nothing lost, no errors
    header = out.splitlines()[0]
    for column in ("join p50/p95 ms", "dot ack p50/p95 ms", "dot → projector p50/p95 ms", "polls (304)",
                   "RSS per participant KB", "sustained dots/s", "plain handler dots/s", "ratio"):
        assert column in header
    row = next(line for line in out.splitlines() if line.startswith("| sqlite | 1 | 6 |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[10] == "18 / 18 ✓"  # 6 phones × 3 dots acknowledged and stored once
    polls, not_modified = (int(x) for x in cells[7].replace("(", "").replace(")", "").split())
    assert polls >= 6 * 4  # joined, after the card, and polling on its own (twice in the quiet end)
    assert not_modified >= 6  # the quiet end: polls with the page's ETag get 304s
    assert float(cells[13]) > 0 and float(cells[14]) > 0  # both rates were measured
    assert "cores:" in out and "load-generator processes" in out


@pytest.mark.served
def test_held_crowd_benchmark_sees_every_phone_get_the_renamed_question(capsys):
    spec = importlib.util.spec_from_file_location("bench_held_crowd", ROOT / "bench" / "held_crowd.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        status = pool.submit(bench.main, ["-n", "6", "--renames", "1", "--dots", "5"]).result()
    out = capsys.readouterr().out
    assert status == 0, out
    assert "state built p50 / p95 / max ms" in out.splitlines()[0]
    row = next(line for line in out.splitlines() if line.startswith("| held | 6 |") or line.startswith("held | 6 |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[5] == "0", row  # every phone showed the renamed question within the bench's 6 s


@pytest.mark.served
@pytest.mark.browser
def test_display_wall_benchmark_shows_every_card_it_sends(capsys, monkeypatch):
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Chromium not installed (apt-get install chromium)")
    spec = importlib.util.spec_from_file_location("bench_display_wall", ROOT / "bench" / "display_wall.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    monkeypatch.setenv("PYTHONPATH", str(ROOT))  # the benchmark serves a tree (`--tree`): both put back after
    monkeypatch.chdir(ROOT)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        status = pool.submit(bench.main, ["--rates", "20", "--cards", "12"]).result()
    out = capsys.readouterr().out
    assert status == 0, out  # every card stored stood on the wall
    header = out.splitlines()[0]
    for column in ("stored → visible p50 / p95 / max ms", "within 1 s", "layout p50 / p95 / max ms",
                   "long tasks n / max ms / busy"):
        assert column in header
    row = next(line for line in out.splitlines() if line.startswith("| 20 |"))
    assert "| 12 / 12 ✓ |" in row, row
