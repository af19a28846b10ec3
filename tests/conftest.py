"""Fixtures: a real Workbench on a temporary store, a real server on a free loopback port,
and real Chromium driven by Playwright.

`wb` runs every test twice: on SQLite and on a real PostgreSQL server the tests start
(a throwaway cluster, one fresh database per test). `WORKBENCH_TEST_BACKENDS=sqlite` (or
`postgres`) keeps one. Without PostgreSQL's binaries its runs are skipped with a message,
except under `CI=true`, where that is a failure.

Test tiers (`make test-fast` leaves these out; `make test` runs everything): a test is marked
`served` when it starts a server process, `browser` when it drives Chromium and `postgres` when it
needs the PostgreSQL cluster. `pytest_collection_modifyitems` below adds the marks from what a test
uses, so a new test does not have to remember them; a server started by a test without its mark
(from a helper the hook cannot see) fails that test."""

from __future__ import annotations

import asyncio
import os
import types
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
def pg_binaries():
    """PostgreSQL's binaries: a test that needs them is skipped without them, failed under CI."""
    from workbench.pgtest import pg_bindir

    if pg_bindir() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("PostgreSQL is missing under CI=true: .ci/run must apt-get install postgresql")
        pytest.skip("PostgreSQL not installed (apt-get install postgresql): PostgreSQL tests skipped")


@pytest.fixture(scope="session")
def pg_cluster(pg_binaries):
    """A PostgreSQL server on a loopback port for the whole run, with a migrated template."""
    from workbench.pgtest import PgCluster
    from workbench.store import Store

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
def serve(tmp_path_factory):
    """`serve(prepare)`: a server shared by a module's tests, on a data folder of its own that
    `prepare(workbench)` fills first (its store is closed before the server starts); returns
    `(server, what prepare returned)`. Every server is stopped at the module's end."""
    servers = []

    def start(prepare):
        data = tmp_path_factory.mktemp("served") / "data"
        bench = Workbench(data)
        try:
            made = prepare(bench)
        finally:
            bench.close()
        servers.append(Server(data).start())
        return servers[-1], made

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="module")
def served(serve):
    """A server with the demo session loaded, shared by a module's tests."""
    return serve(lambda bench: load_demo(bench.store, teams=False))[0]


@pytest.fixture(scope="module")
def review_server(serve):
    """A server whose demo session (teams formed) has its peer review open with one more
    criterion, «Ясность цели»: `(server, code, the session's participants)`."""
    from workbench.session import review

    def prepare(bench):
        code = load_demo(bench.store)
        review.add_criterion(bench.store, code, "Ясность цели", "Цель измерима и понятна")
        review.open_review(bench.store, code)
        return code, bench.store.participants(bench.store.session(code)["id"])

    server, (code, people) = serve(prepare)
    return server, code, people


@pytest.fixture
def fresh(tmp_path):
    """A data folder of the test's own with its Workbench, open for the test's own actions;
    `start(port=None)` starts (or restarts, on the same port) its server. Every server started
    is stopped at the end."""
    bench = Workbench(tmp_path / "data")
    servers = []

    def start(port=None):
        servers.append(Server(bench.data_dir, port=port).start())
        return servers[-1]

    yield bench, start
    for server in servers:
        server.stop()
    bench.close()


@pytest.fixture(autouse=True)
def _no_cli_lang_from_outside(monkeypatch):
    """A WORKBENCH_LANG in the shell running the tests changes no test."""
    monkeypatch.delenv("WORKBENCH_LANG", raising=False)


@pytest.fixture(autouse=True)
def _no_loop_left_by_playwright(request):
    """Playwright's sync API runs its event loop in a greenlet of this thread and leaves it marked
    as running, so after the first browser test a test of widgets looked like code in a kernel's
    event loop (the draft editor saved after a pause that never came, on Playwright's loop). A test
    that drives no browser gets the thread as a script has it."""
    loop = asyncio.events._get_running_loop()
    if loop is None or request.node.get_closest_marker("browser"):
        yield
        return
    asyncio.events._set_running_loop(None)
    try:
        yield
    finally:
        asyncio.events._set_running_loop(loop)


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


@pytest.fixture(autouse=True)
def _pages_closed_after_the_test(request):
    """Pages a test opened are closed when it ends: the browser lives for the whole run, and the
    pages of earlier tests (a projector whose server is gone retries every second, a phone polls)
    piled up in it, until a control view with 180 cards did not draw within a minute late in the
    run. Pages of module-scoped fixtures were opened before this runs and stay open."""
    if "browser" not in request.fixturenames:
        yield
        return
    browser = request.getfixturevalue("browser")
    before = set(browser.contexts)
    yield
    for context in browser.contexts:
        if context not in before:
            context.close()


# Test tiers: the marks a test gets from the fixtures it uses, and from the names its code (or the
# code of any fixture it uses) refers to. A module-level helper that starts a server is not seen:
# `pytest_sessionstart` makes such a test fail, and an explicit `@pytest.mark.served` fixes it.
MARK_BY_FIXTURE = {"served": "served", "serve": "served", "fresh": "served", "browser": "browser", "pg_cluster": "postgres"}
MARK_BY_NAME = {"Server": "served", "PgCluster": "postgres", "sync_playwright": "browser"}


def _code_names(code: types.CodeType) -> set[str]:
    """Global, attribute and imported names a function refers to, its nested functions' included."""
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _code_names(const)
    return names


def _tier_marks(item) -> set[str]:
    marks = {MARK_BY_FIXTURE[f] for f in getattr(item, "fixturenames", ()) if f in MARK_BY_FIXTURE}
    callspec = getattr(item, "callspec", None)
    if callspec is not None and callspec.params.get("backend") == "postgres":
        marks.add("postgres")
    info = getattr(item, "_fixtureinfo", None)
    funcs = [getattr(item, "function", None)]
    if info is not None:
        funcs += [d.func for defs in info.name2fixturedefs.values() for d in defs]
    for func in funcs:
        code = getattr(func, "__code__", None)
        if code is not None:
            marks |= {MARK_BY_NAME[n] for n in _code_names(code) if n in MARK_BY_NAME}
    return marks


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects
def pytest_collection_modifyitems(config, items):
    for item in items:
        for mark in sorted(_tier_marks(item)):
            if item.get_closest_marker(mark) is None:
                item.add_marker(mark)


_running: dict = {}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    _running["item"] = item  # setup (module fixtures included), call and teardown
    try:
        return (yield)
    finally:
        _running.pop("item", None)


def _unless_marked(cls, mark):
    start = cls.start

    def checked(self, *args, **kwargs):
        item = _running.get("item")
        if item is not None and item.get_closest_marker(mark) is None:
            pytest.fail(f"{item.nodeid} starts a {cls.__name__} but is not marked `{mark}`: add "
                        f"@pytest.mark.{mark} (or use a fixture that tests/conftest.py maps to it) so "
                        "that `make test-fast` leaves it out", pytrace=False)
        return start(self, *args, **kwargs)
    return checked


def pytest_sessionstart(session):
    """Starting a workbench server or the PostgreSQL cluster from a test without the matching
    mark fails the test: it would run in `make test-fast`."""
    from workbench.pgtest import PgCluster

    Server.start = _unless_marked(Server, "served")
    PgCluster.start = _unless_marked(PgCluster, "postgres")
