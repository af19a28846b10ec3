"""Fixtures: a real Workbench on a temporary store, a real server on a free loopback port,
and real Chromium driven by Playwright."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from workbench.app import Workbench
from workbench.demo import load_demo
from workbench.testing import Phone, Server, wait_for  # noqa: F401 (re-exported for tests)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]


@pytest.fixture
def wb(tmp_path):
    bench = Workbench(tmp_path / "data")
    yield bench
    bench.close()


@pytest.fixture
def demo(wb):
    return load_demo(wb.store)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A server with the demo session loaded, shared by a module's tests."""
    data = tmp_path_factory.mktemp("served") / "data"
    bench = Workbench(data)
    load_demo(bench.store)
    bench.close()
    server = Server(data).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is missing at /usr/bin/chromium under CI=true: .ci/run must install it")
        pytest.skip("Chromium not installed (apt-get install chromium): browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
