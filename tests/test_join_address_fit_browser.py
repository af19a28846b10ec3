"""Real Chromium at a projector's 1280×720 and 1920×1080, with the long address a server on the
internet has (https, a long host name, a port): the addresses the room types to join and to
register are whole and large enough to read from the back of the room. In the control view's
show mode the join column took 1,014 px of 1,280 for the address on one line (the wall was left
230 px) and the registration link was cut in a 13 px copy box; the display's join screen wraps
its address too."""

from __future__ import annotations

import pytest

from workbench.app import Workbench
from workbench.demo import load_demo
from workbench.session import display
from workbench.testing import Server, act, open_display, open_projector, wait_for

pytestmark = pytest.mark.browser

PUBLIC = "https://strategicheskaya-sessiya.karelia-regional-development.example.org:8443"
SCREENS = [(1280, 720), (1920, 1080)]
MIN_VH = 2.2223  # the display's smallest text (display.html): 16 px at 720p, 24 px at 1080p
# Where an element is, whether its text is cut, its letters' size, and the viewport
MEASURE = """e => { const b = e.getBoundingClientRect();
  return {text: e.textContent, left: b.left, right: b.right, top: b.top, bottom: b.bottom,
          cut: e.scrollWidth > e.clientWidth + 1, font: parseFloat(getComputedStyle(e).fontSize),
          width: document.documentElement.clientWidth, height: innerHeight}; }"""


@pytest.fixture(scope="module")
def far_server(tmp_path_factory):
    """A served demo session whose phones are shown a long https address with a port."""
    data = tmp_path_factory.mktemp("far") / "data"
    bench = Workbench(data)
    try:
        code = load_demo(bench.store, teams=False)
    finally:
        bench.close()
    server = Server(data, public_url=PUBLIC).start()
    yield server, code
    server.stop()


def _readable(seen: dict, address: str, inside: dict | None = None) -> None:
    assert seen["text"] == address  # whole, not shortened
    assert not seen["cut"], seen
    assert 0 <= seen["left"] and seen["right"] <= seen["width"] + 1, seen  # on the screen
    if inside is not None:
        assert inside["left"] - 1 <= seen["left"] and seen["right"] <= inside["right"] + 1, (seen, inside)
    assert seen["font"] >= max(16, MIN_VH * seen["height"] / 100) - 0.1, seen  # from the back of the room


@pytest.mark.parametrize("size", SCREENS, ids=[f"{w}x{h}" for w, h in SCREENS])
def test_show_mode_shows_the_join_and_registration_addresses_whole(far_server, browser, size):
    server, code = far_server
    screen, frame = open_projector(browser, server, code)
    try:
        screen.set_viewport_size({"width": size[0], "height": size[1]})
        frame.get_by_role("button", name="Режим показа").click()
        frame.wait_for_selector(".wb-show .wb-reg-link")
        column = frame.locator(".wb-join-box")
        # the join column beside the wall, as wide as it needs for the QR code, not for the address
        wait_for(lambda: column.evaluate(MEASURE)["left"] >= size[0] / 2, message="the wall keeping its width")
        box = column.evaluate(MEASURE)
        for selector, address in ((".wb-code + div", f"{PUBLIC}/s/{code}"),
                                  (".wb-reg-link div:has(> a)", f"{PUBLIC}/reg/{code}")):
            where = frame.locator(selector)
            where.scroll_into_view_if_needed()
            seen = where.evaluate(MEASURE)
            _readable(seen, address, inside=box)
            assert 0 <= seen["top"] and seen["bottom"] <= seen["height"] + 1, seen  # whole on the screen
        # the copy box and its button are the facilitator's: not on the projector in show mode
        assert not frame.locator(".wb-reg-link input").is_visible()
        assert not frame.locator(".wb-reg-link button").is_visible()
    finally:
        screen.close()


@pytest.mark.parametrize("size", SCREENS, ids=[f"{w}x{h}" for w, h in SCREENS])
def test_the_display_s_join_screen_shows_the_address_whole(far_server, browser, size):
    server, code = far_server
    act(server, lambda wb: display.set_display(wb.store, wb.store.session(code)["id"], "join"))
    ctx, wall = open_display(browser, server, code)
    try:
        wall.set_viewport_size({"width": size[0], "height": size[1]})
        wall.wait_for_function(f"() => document.getElementById('main').dataset.size === '{size[0]}x{size[1]}'")
        url = wall.locator(".join .url")
        _readable(url.evaluate(MEASURE), f"{PUBLIC}/s/{code}")
        seen = url.evaluate(MEASURE)
        assert seen["bottom"] <= seen["height"] + 1
    finally:
        ctx.close()
