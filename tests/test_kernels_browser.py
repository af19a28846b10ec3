"""Real Chromium on a real server: a Voila page's kernel ends when the page does.

Each Voila page (the projector's control view, drafts, analysis) starts a kernel of its own. On a
reload, on leaving the page and on closing the tab, Voila's page posts `/voila/api/shutdown/<id>`
with the `_xsrf` cookie's value; without that cookie the server refused it (403) and every page
left a kernel of 75-420 MB behind until culled ten minutes later."""

from __future__ import annotations

import re

import pytest

from workbench.testing import Http, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.served]

STARTED = re.compile(r"Kernel started: ([0-9a-f-]{36})")
ENDED = re.compile(r"Kernel shutdown: ([0-9a-f-]{36})")


def running_kernels(server) -> set[str]:
    """The kernels alive on the server: each kernel its log says it started and not yet shut down,
    asked of the kernel API (standalone Voila lists no kernels, it has only `GET /api/kernels/<id>`)."""
    log = server.log_path.read_text(errors="replace")
    candidates = set(STARTED.findall(log)) - set(ENDED.findall(log))
    auth = {"Authorization": f"token {server.token}"}
    return {k for k in candidates if Http().get(f"{server.base}/api/kernels/{k}", headers=auth).status_code == 200}


def page_kernel(frame) -> str:
    """The kernel id of the Voila page shown in `frame` (in its page config)."""
    return frame.evaluate("JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")


def kernels_become(server, expected: set[str], what: str) -> None:
    try:
        wait_for(lambda: running_kernels(server) == expected, timeout=20, interval=0.2, message=what)
    except AssertionError as exc:
        raise AssertionError(f"{exc}; running: {running_kernels(server)}, expected: {expected}; server log:\n"
                             + server.log_path.read_text(errors="replace")[-4000:]) from None


def test_reloading_leaving_or_closing_a_voila_page_shuts_its_kernel_down(served, browser):
    assert running_kernels(served) == set()

    # A context of the test's own: closing a page of `browser.new_page()` closes its context,
    # which runs no `beforeunload`; a tab closed in a browser does.
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    screen = context.new_page()
    screen.goto(served.projector_url("KARGO1"))  # logs in with the token (a cookie)
    frame = screen.frame(name="projector")
    frame.wait_for_selector(".wb-projector", timeout=60_000)
    first = page_kernel(frame)
    kernels_become(served, {first}, "the projector's kernel")
    assert "_xsrf" in {c["name"] for c in context.cookies()}  # what the shutdown call sends

    screen.reload()  # the projector page reloaded: a new kernel, the old one shut down
    frame = screen.frame(name="projector")
    frame.wait_for_selector(".wb-projector", timeout=60_000)
    second = page_kernel(frame)
    assert second != first
    kernels_become(served, {second}, "only the reloaded projector's kernel")

    screen.goto(served.base + "/voila/render/draft.ipynb?session=KARGO1")  # to another Voila page
    screen.wait_for_selector(".wb-draft-picker", timeout=60_000)
    drafts = page_kernel(screen.main_frame)
    kernels_become(served, {drafts}, "only the drafts page's kernel")

    screen.goto(served.base + "/s/")  # away from Voila: no kernel left
    kernels_become(served, set(), "no kernel after leaving the drafts page")

    screen.goto(served.base + "/voila/render/facilitator.ipynb?session=KARGO1")  # the control view alone
    screen.wait_for_selector(".wb-projector", timeout=60_000)
    kernels_become(served, {page_kernel(screen.main_frame)}, "the control view's kernel")
    screen.close(run_before_unload=True)  # the tab closed, as a browser closes it: `beforeunload` runs
    kernels_become(served, set(), "no kernel after closing the tab")

    log = served.log_path.read_text(errors="replace")
    assert log.count("Kernel shutdown:") == 4
    assert not re.search(r"\b403 POST /voila/api/shutdown/", log)
    assert "_xsrf" not in log
