"""Real Chromium on the phone page of a session put in the archive: a phone that joined sees the
wall give way to «Сессия … завершена и убрана в архив», and a new phone opening the link sees that
message instead of the join form (not «сессия не найдена»)."""

from __future__ import annotations

import pytest

from workbench.session import lifecycle
from workbench.testing import PHONE, Phone, act, open_phone, wait_for

pytestmark = pytest.mark.browser
TITLE = "Репетиция сессии"
OVER = f"Сессия «{TITLE}»"


@pytest.fixture(scope="module")
def room(serve):
    return serve(lambda wb: wb.store.create_session(TITLE))


def test_phones_of_an_archived_session_are_told_it_is_over(room, browser):
    server, code = room
    joined = Phone(server.base, code, lang="ru")
    joined.join(name="Анна")
    ctx, page = open_phone(browser, server, code, joined.token)
    fresh = browser.new_context(**PHONE)
    try:
        wait_for(lambda: page.locator("#live").is_visible(), message="the joined phone's wall")
        act(server, lambda wb: lifecycle.archive(wb.store, code))
        wait_for(lambda: "завершена и убрана в архив" in page.locator("#msg").inner_text(), timeout=20,
                 message="the joined phone saying the session is over")
        assert page.locator("#msg").inner_text().startswith(OVER)
        assert not page.locator("#live").is_visible() and not page.locator("#join-btn").is_visible()

        new = fresh.new_page()
        new.goto(f"{server.base}/s/{code}")
        wait_for(lambda: "завершена и убрана в архив" in new.locator("#msg").inner_text(),
                 message="a new phone saying the session is over")
        assert "не найдена" not in new.locator("#msg").inner_text()
        assert not new.locator("#join-btn").is_visible()
    finally:
        act(server, lambda wb: lifecycle.unarchive(wb.store, code))
        fresh.close()
        ctx.close()


def test_the_display_of_a_session_archived_while_on_the_wall_says_so(room, browser):
    """The room's screen does not go on inviting phones to a session that takes nothing."""
    server, code = room
    ctx = browser.new_context(viewport={"width": 1280, "height": 720})
    ctx.add_cookies([{"name": pair.split("=", 1)[0], "value": pair.split("=", 1)[1], "url": server.base}
                     for pair in server.login_cookie(code).split("; ")])
    try:
        wall = ctx.new_page()
        wall.goto(f"{server.base}/d/{code}")
        wait_for(lambda: wall.title() == TITLE, message="the display drawing the session")
        act(server, lambda wb: lifecycle.archive(wb.store, code))
        wait_for(lambda: "завершена и убрана в архив" in wall.locator("body").inner_text(), timeout=20,
                 message="the display saying the session is over")
        assert OVER in wall.locator("body").inner_text()
        act(server, lambda wb: lifecycle.unarchive(wb.store, code))
        wait_for(lambda: "завершена" not in wall.locator("body").inner_text(), timeout=20,
                 message="the display back on the session once it is out of the archive")
    finally:
        act(server, lambda wb: lifecycle.unarchive(wb.store, code))
        ctx.close()
