"""Real Chromium: the facilitator's control view on a phone (400 px) and a tablet (768 px), where
an assistant may open it. The join column (code, QR, addresses) stood beside the main column at
every width and covered it; under a width where both do not fit, it goes under the main column:
nothing covered, nothing off the screen sideways, and the join code first, above the wall (under
it, someone who came late waited while the facilitator scrolled past every card). On a laptop or
projector (1024 and 1280 px) the join column stays beside the wall as before."""

from __future__ import annotations

import pytest

from workbench.demo import load_demo
from workbench.testing import open_projector, wait_for

pytestmark = pytest.mark.browser

BOX = """sel => { const b = document.querySelector(sel).getBoundingClientRect();
  return {left: b.left, right: b.right, top: b.top, bottom: b.bottom}; }"""
TEXT = """sel => { const r = document.createRange(); r.selectNodeContents(document.querySelector(sel));
  const b = r.getBoundingClientRect();
  return {left: b.left, right: b.right, top: b.top, bottom: b.bottom}; }"""
# what of the control view reaches past the right edge of the screen (a covered or cut control)
PAST = """() => [...document.querySelectorAll('.wb-projector *')].filter(e => {
  const r = e.getBoundingClientRect();
  return r.width > 0 && r.right > document.documentElement.clientWidth + 1; }).map(e => e.outerHTML.slice(0, 120))"""
PAGE = """() => ({width: document.documentElement.clientWidth,
  scroll: document.documentElement.scrollWidth})"""


@pytest.fixture(scope="module")
def room(serve):
    """A served demo session: (server, its code)."""
    return serve(lambda bench: load_demo(bench.store, teams=False))


def _apart(a: dict, b: dict) -> bool:
    return a["right"] <= b["left"] + 1 or a["bottom"] <= b["top"] + 1 or b["bottom"] <= a["top"] + 1


@pytest.mark.parametrize("width", [400, 768, 1024, 1280])
def test_the_join_column_never_covers_the_main_column(room, browser, width):
    server, code = room
    screen, frame = open_projector(browser, server, code)
    try:
        screen.set_viewport_size({"width": width, "height": 900})
        wait_for(lambda: frame.evaluate(PAGE)["width"] <= width, message="the frame at the new width")
        show = frame.get_by_role("button", name="Показать участникам")
        show.wait_for()

        def laid_out():
            main, join = frame.evaluate(BOX, ".wb-main"), frame.evaluate(BOX, ".wb-join-box")
            return main, join, frame.evaluate(PAGE)

        wait_for(lambda: _apart(*laid_out()[:2]), message=f"the columns apart at {width} px: {laid_out()}")
        main, join, page = laid_out()
        assert page["scroll"] <= page["width"] + 1, page  # nothing off the screen sideways
        assert frame.evaluate(PAST) == []
        title, toggle = frame.evaluate(TEXT, ".wb-title"), frame.evaluate(BOX, ".wb-lang-toggle")
        assert _apart(title, toggle), (title, toggle)  # the session's title, not under its buttons
        for column in (main, join):
            assert column["left"] >= -1 and column["right"] <= page["width"] + 1, (column, page)
        code = frame.evaluate(BOX, ".wb-code")
        if width >= 1024:  # a laptop or projector: beside the wall, as before
            assert join["left"] >= main["right"] - 1 and join["top"] < main["bottom"], (main, join)
        else:  # above the main column: the join code on the first screen, before the wall
            assert join["bottom"] <= main["top"] + 1, (main, join)
            assert code["bottom"] <= 900, code
        assert code["bottom"] <= frame.evaluate(BOX, ".wb-card")["top"], code  # above the wall's first card
        # the session's main buttons whole on the screen
        for name in ("Показать участникам", "Режим показа", "Добавить"):
            button = frame.get_by_role("button", name=name, exact=True).first
            b = button.bounding_box()
            assert b is not None and b["x"] >= -1 and b["x"] + b["width"] <= page["width"] + 1, (name, b, page)
            assert button.evaluate("b => b.scrollWidth <= b.clientWidth + 1"), name
    finally:
        screen.close()
