"""Fixtures: a real Workbench on a temporary store, a real server on a free loopback port,
and real Chromium driven by Playwright.

`wb` runs every test twice: on SQLite and on a real PostgreSQL server the tests start
(a throwaway cluster, one fresh database per test). `WORKBENCH_TEST_BACKENDS=sqlite` (or
`postgres`) keeps one. Without PostgreSQL's binaries its runs are skipped with a message,
except under `CI=true`, where that is a failure."""

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


BACKENDS = [b for b in os.environ.get("WORKBENCH_TEST_BACKENDS", "sqlite,postgres").split(",") if b]


@pytest.fixture(scope="session")
def pg_cluster():
    """A PostgreSQL server on a loopback port for the whole run, with a migrated template."""
    from workbench.pgtest import PgCluster, pg_bindir
    from workbench.store import Store

    if pg_bindir() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("PostgreSQL is missing under CI=true: .ci/run must apt-get install postgresql")
        pytest.skip("PostgreSQL not installed (apt-get install postgresql): PostgreSQL tests skipped")
    cluster = PgCluster().start()
    template = cluster.create_database()
    Store.open_url(template).close()  # every test's database starts migrated
    cluster.template = template.rsplit("/", 1)[1]
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster):
    """A fresh, migrated PostgreSQL database; dropped (with its connections) after the test."""
    url = pg_cluster.create_database(template=pg_cluster.template)
    yield url
    pg_cluster.execute(f"DROP DATABASE IF EXISTS {url.rsplit('/', 1)[1]} WITH (FORCE)")


@pytest.fixture(params=BACKENDS)
def backend(request, monkeypatch):
    """The store's backend; on PostgreSQL every Workbench of the test (and any server it
    starts) opens the test's database through `WORKBENCH_DATABASE_URL`."""
    if request.param == "postgres":
        monkeypatch.setenv("WORKBENCH_DATABASE_URL", request.getfixturevalue("pg_url"))
    else:
        monkeypatch.delenv("WORKBENCH_DATABASE_URL", raising=False)
    return request.param


@pytest.fixture
def wb(tmp_path, backend):
    bench = Workbench(tmp_path / "data")
    yield bench
    bench.close()


@pytest.fixture
def demo(wb):
    return load_demo(wb.store, teams=False)  # the session at 12:30, before teams form


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A server with the demo session loaded, shared by a module's tests."""
    data = tmp_path_factory.mktemp("served") / "data"
    bench = Workbench(data)
    load_demo(bench.store, teams=False)
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
