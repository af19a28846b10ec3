"""Real Chromium, the pages to print opened on a phone (400 px), as a facilitator without the
laptop sends them to a printer: the sheet took its A4 width on screen, so a ballot's boxes and
half the poster's QR code were off the screen's right edge. Printed, both stay A4."""

from __future__ import annotations

import pytest
from test_print_browser import IDEAS, outside_a4

from workbench.session import facilitator

pytestmark = pytest.mark.browser

PHONE_PX = 400

OFF_SCREEN = """w => [...document.querySelectorAll('body *')]
    .filter(e => getComputedStyle(e).display !== 'none')
    .filter(e => { const r = e.getBoundingClientRect(); return r.width && (r.left < -1 || r.right > w + 1); })
    .map(e => e.className + ': ' + (e.textContent || '').slice(0, 40))"""


def test_the_poster_and_the_ballot_fit_a_phones_screen_and_still_print_on_a4(browser, fresh):
    wb, start = fresh
    code = wb.store.create_session("Будущее Плесецкого округа", territory="Плесецкий муниципальный округ")
    s = wb.store.session(code)
    ideas = next(st for st in wb.store.stages(s["id"]) if st["kind"] == "ideas")
    for text in IDEAS:
        facilitator.add_card(wb.store, s["id"], ideas["id"], text)
    server = start()
    ctx = browser.new_context(viewport={"width": PHONE_PX, "height": 800}, is_mobile=True,
                              extra_http_headers={"Cookie": server.login_cookie(code)})
    try:
        page = ctx.new_page()
        for what in ("poster", "ballot"):
            page.goto(f"{server.base}/print/{code}/{what}")
            page.locator(".sheet").wait_for()
            assert page.evaluate(OFF_SCREEN, PHONE_PX) == [], what
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_PX, what
            if what == "poster":
                qr = page.locator("img.qr").bounding_box()
                assert qr["width"] == qr["height"] and qr["width"] >= PHONE_PX * 0.8  # whole, and large
            else:
                boxes = page.locator("li[data-item] .box")
                assert boxes.count() == len(IDEAS)
                assert all(b["x"] + b["width"] <= PHONE_PX for b in (boxes.nth(i).bounding_box() for i in range(len(IDEAS))))
            assert outside_a4(page) == [], what  # printed: the A4 sheet as before
            page.emulate_media(media="screen")
            page.set_viewport_size({"width": PHONE_PX, "height": 800})
    finally:
        ctx.close()
