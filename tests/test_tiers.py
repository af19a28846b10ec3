"""The test tiers: `make test-fast` leaves out every test marked `served`, `browser` or `postgres`,
and tests/conftest.py adds those marks from what a test uses. Tests are named by function (files move)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.testing import Server

ROOT = Path(__file__).resolve().parents[1]
FAST = "not served and not browser and not postgres"

SLOW = {
    "test_join_add_card_and_see_it_in_state": "served",  # the `served` fixture
    "test_killed_server_loses_nothing_acknowledged": "served",  # calls Server(...) itself
    "test_staff_analysis_notebook_reproduces_its_saved_outputs": "served",  # nbval starts a kernel
    "test_the_projector_recovers_after_a_server_restart": "browser",  # `browser` and `fresh`
    "test_a_snapshot_shows_one_consistent_moment[postgres]": "postgres",  # `wb` on PostgreSQL
    "test_sqlite_to_postgres_to_sqlite_keeps_every_row": "postgres",  # `pg_url`
}
FAST_TESTS = ["test_a_snapshot_shows_one_consistent_moment[sqlite]", "test_every_table_is_in_the_transfer_plan",
              "test_analysis_notebook_is_thin_and_stripped"]


# One collection with the fast tier's `-m`: what it keeps, and what it leaves out with which marks.
COLLECT = """
import sys, pytest
class Report:
    def pytest_deselected(self, items):
        for item in items:
            marks = sorted({m.name for m in item.iter_markers()} & {"served", "browser", "postgres"})
            print("OUT", item.name, ",".join(marks), sep="\\t")
    def pytest_collection_finish(self, session):
        for item in session.items:
            print("IN", item.name, sep="\\t")
sys.exit(pytest.main(["--collect-only", "-q", "-m", sys.argv[1]], plugins=[Report()]))
"""


def test_the_fast_tier_leaves_out_served_browser_and_postgres_tests():
    env = dict(os.environ, WORKBENCH_TEST_BACKENDS="sqlite,postgres")
    run = subprocess.run([sys.executable, "-c", COLLECT, FAST], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    lines = [line.split("\t") for line in run.stdout.splitlines()]
    kept = {words[1] for words in lines if words[:1] == ["IN"]}
    left_out = {words[1]: set(words[2].split(",")) for words in lines if words[:1] == ["OUT"] and len(words) == 3}
    for name, mark in SLOW.items():
        assert name not in kept, f"{name} is in the fast tier"
        assert mark in left_out.get(name, set()), f"{name} is not marked {mark}"
    for name in FAST_TESTS:
        assert name in kept


def _start_a_server(data: Path) -> None:
    """A helper the collection hook cannot see through."""
    server = Server(data)
    try:
        server.start()
    finally:
        if server.proc is not None:
            server.stop()


def test_a_server_started_by_an_unmarked_test_fails_it(tmp_path):
    with pytest.raises(pytest.fail.Exception, match="not marked `served`"):
        _start_a_server(tmp_path / "data")
