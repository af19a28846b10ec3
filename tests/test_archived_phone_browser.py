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
