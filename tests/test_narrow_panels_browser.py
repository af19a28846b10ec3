"""Real Chromium, 400 px wide (an assistant's phone): the control view's panels that open on a
click — the protocol's links, «Убрать накрутку…» with its confirmation, «✎ Этапы и сессия», the
matrix's results — each whole on the screen: nothing wider than the window (the page never
scrolls sideways; a table too wide for a phone scrolls in its own box, which is inside the window)
and every button of the panel whole inside it, its label not cut."""

from __future__ import annotations

import pytest

from workbench.demo import load_demo
from workbench.session import facilitator
from workbench.testing import open_projector, wait_for

pytestmark = pytest.mark.browser

WIDTH = 400
# the page's width against the window's, and what reaches past the window's right edge (but for
# what is inside a box that scrolls sideways, itself inside the window)
OVERFLOW = """() => ({scroll: document.scrollingElement.scrollWidth, inner: innerWidth,
  past: [...document.querySelectorAll('.wb-projector *')].filter(e => {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.right <= innerWidth + 1) return false;
    for (let p = e.parentElement; p; p = p.parentElement)
      if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX) && p.scrollWidth > p.clientWidth)
        return p.getBoundingClientRect().right > innerWidth + 1;
    return true; }).map(e => e.outerHTML.slice(0, 160))})"""
# the panel's shown buttons that are not whole in the window or whose label is cut
CUT = """sel => [...document.querySelectorAll(sel)].flatMap(p => [...p.querySelectorAll('button')]).filter(b => {
  const r = b.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) return false;
  return r.left < -1 || r.right > innerWidth + 1 || b.scrollWidth > b.clientWidth + 1; })
  .map(b => b.textContent.trim() + ' ' + JSON.stringify(b.getBoundingClientRect()))"""


@pytest.fixture(scope="module")
def room(serve):
    """A served demo session whose current stage is a matrix vote: (server, its code)."""
    def prepare(bench):
        code = load_demo(bench.store, teams=False)
        s = bench.store.session(code)
        vote = next(st for st in bench.store.stages(s["id"]) if st["kind"] == "voting")
        facilitator.set_method(bench.store, vote["id"], "matrix")
        bench.store.set_current_stage(s["id"], vote["id"])
        return code

    return serve(prepare)


@pytest.fixture
def narrow(room, browser):
    server, code = room
    screen, frame = open_projector(browser, server, code)
    screen.set_viewport_size({"width": WIDTH, "height": 800})
    wait_for(lambda: frame.evaluate("innerWidth") <= WIDTH, message="the frame at 400 px")
    frame.get_by_role("button", name="Показать участникам").wait_for()
    yield frame
    screen.close()


def _whole(frame, panel: str) -> None:
    frame.locator(panel).first.wait_for()
    def seen():
        return frame.evaluate(OVERFLOW), frame.evaluate(CUT, panel)
    wait_for(lambda: (lambda o, c: o["scroll"] <= o["inner"] and not o["past"] and not c)(*seen()),
             message=f"{panel} whole at {WIDTH} px: {seen()}", timeout=10)


def test_the_protocols_links(narrow):
    narrow.get_by_role("button", name="Протокол (DOCX / XLSX / Markdown)").click()
    narrow.locator(".wb-protocol-files a[download]").first.wait_for(timeout=60_000)
    _whole(narrow, ".wb-protocol-files")
    _whole(narrow, ".wb-header")


def test_the_cleanup_and_its_confirmation(narrow):
    narrow.get_by_role("button", name="Убрать накрутку…").click()
    _whole(narrow, ".wb-cleanup")
    narrow.locator(".wb-cleanup-recent").click()
    narrow.locator(".wb-cleanup-yes").wait_for()
    _whole(narrow, ".wb-cleanup")


def test_the_stage_editor(narrow):
    narrow.locator(".wb-stages-toggle").click()
    _whole(narrow, ".wb-stage-editor")


def test_the_matrix_results(narrow):
    narrow.locator("img.wb-chart-img").wait_for(timeout=60_000)
    wait_for(lambda: narrow.locator("img.wb-chart-img").bounding_box()["width"] > 0, message="the chart drawn")
    _whole(narrow, ".wb-results")
    table = narrow.locator(".wb-results .wb-table").first  # the table scrolls in its box: all of it is reached
    box = table.evaluate("t => t.parentElement.getBoundingClientRect().right")
    assert box <= WIDTH
    table.evaluate("t => { t.parentElement.scrollLeft = 10000; }")
    assert table.evaluate("t => t.getBoundingClientRect().right") <= box + 1
    _whole(narrow, ".wb-main")
