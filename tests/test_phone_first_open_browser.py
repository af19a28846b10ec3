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
