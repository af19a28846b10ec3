"""Real Chromium opening the phone page the first time, as a participant's phone does from a
messenger or a QR app: an address with a slash or a space around the code opens the session; a
mistyped code says at once that no such session exists, with a box to type it again; a browser
with JavaScript off says what to do instead of showing a blank page."""

from __future__ import annotations

import pytest

from workbench.testing import PHONE, wait_for

pytestmark = pytest.mark.browser
TITLE = "Будущее Няндомского округа"


@pytest.fixture(scope="module")
def room(serve):
    return serve(lambda wb: wb.store.create_session(TITLE))


@pytest.mark.parametrize("tail", ["/", "%20", "%20/"])
def test_a_code_with_a_slash_or_a_space_opens_the_session(room, browser, tail):
    server, code = room
    ctx = browser.new_context(**PHONE)
    try:
        page = ctx.new_page()
        answer = page.goto(f"{server.base}/s/{'%20' if tail == '%20' else ''}{code.lower()}{tail}")
        assert answer.ok
        assert page.url == f"{server.base}/s/{code}"  # the session's own address, to keep or share
        wait_for(lambda: page.locator("#title").inner_text() == TITLE, message="the session's title")
        assert page.locator("#join-btn").is_visible()
    finally:
        ctx.close()


def test_a_mistyped_code_says_so_at_once_and_takes_the_code_again(room, browser):
    server, code = room
    ctx = browser.new_context(**PHONE)
    try:
        page = ctx.new_page()
        wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
        page.goto(f"{server.base}/s/{wrong}")
        wait_for(lambda: "не найдена" in page.locator("#msg").inner_text(), message="the phone saying so")
        assert wrong in page.locator("#msg").inner_text()
        assert not page.locator("#join-btn").is_visible()  # no form to fill in for nothing
        page.locator("#recode-code").fill(" " + code.lower())
        page.locator("#recode button").click()
        wait_for(lambda: page.locator("#title").inner_text() == TITLE, message="the right session opened")
        assert page.url == f"{server.base}/s/{code}"
        assert page.locator("#join-btn").is_visible() and not page.locator("#msg").is_visible()
    finally:
        ctx.close()


def test_with_javascript_off_the_page_says_what_to_do(room, browser):
    server, code = room
    ctx = browser.new_context(**PHONE, java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(f"{server.base}/s/{code}")
        text = page.locator("body").inner_text()
        assert "работает только с включённым JavaScript" in text and "попросите помощника" in text
        assert "This page needs JavaScript" in text
        assert not page.locator("header").is_visible()  # no empty blue bar, no empty button
    finally:
        ctx.close()


def test_the_join_page_shows_a_title_the_facilitator_changes_without_a_reload(room, browser):
    """A phone waiting on the join form sees the session renamed (and its place) within a poll or
    two, as a joined phone does; what was typed in the form stays."""
    from workbench.session import details
    from workbench.testing import act

    server, _ = room
    code = act(server, lambda wb: wb.store.create_session("Рабочее название"))
    ctx = browser.new_context(**PHONE)
    try:
        page = ctx.new_page()
        page.goto(f"{server.base}/s/{code}")
        wait_for(lambda: page.locator("#title").inner_text() == "Рабочее название", message="the first title")
        page.locator("#f-name").fill("Вера Петрова")
        act(server, lambda wb: details.edit(wb.store, wb.store.session(code)["id"],
                                            title="Будущее Онежского округа", territory="Онега"))
        wait_for(lambda: page.locator("#title").inner_text() == "Будущее Онежского округа", timeout=6,
                 message="the new title on the join page (the phone polls every 2 s)")
        assert page.title() == "Будущее Онежского округа"
        wait_for(lambda: page.locator("#where").inner_text() == "Онега", timeout=6, message="the new place")
        assert page.locator("#f-name").input_value() == "Вера Петрова" and page.locator("#join-btn").is_visible()
    finally:
        ctx.close()


def test_a_phone_waiting_on_the_join_form_holds_one_request_and_sees_a_new_title_at_once(room, browser):
    """A room of 1,000 waiting on the form asked every 2 s each (500 requests a second): the form's
    request is now held by the server (`web/hold.py`), answered as the title changes."""
    import time

    from workbench.session import details
    from workbench.testing import act

    server, _ = room
    code = act(server, lambda wb: wb.store.create_session("Черновое название"))
    ctx = browser.new_context(**PHONE)
    asked, done = [], []
    try:
        page = ctx.new_page()
        page.on("request", lambda r: asked.append(r) if "/join" in r.url and r.method == "GET" else None)
        page.on("requestfinished", lambda r: done.append(r) if r in asked else None)
        page.goto(f"{server.base}/s/{code}")
        wait_for(lambda: page.locator("#title").inner_text() == "Черновое название", message="the first title")
        # its next request waits at the server (the page asked before the 2 s a poll was)
        wait_for(lambda: page.evaluate("1") and len(asked) == 2 and len(done) == 1, timeout=5,
                 message="the form's request held")
        start = time.monotonic()
        act(server, lambda wb: details.edit(wb.store, wb.store.session(code)["id"], title="Будущее Вельского округа"))
        wait_for(lambda: page.locator("#title").inner_text() == "Будущее Вельского округа", timeout=1.5,
                 interval=0.02, message="the new title at once")
        assert time.monotonic() - start < 1.5
        assert len(asked) <= 3  # the held one answered, the next one held again
    finally:
        ctx.close()
