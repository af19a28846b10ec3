"""The registration link where the facilitator looks, in real Chromium: the control view shows it
beside the join code with a QR code, and its copy button copies it."""

from __future__ import annotations

import pytest

from workbench.testing import open_projector, wait_for

pytestmark = pytest.mark.browser


def test_the_control_view_shows_the_registration_link_and_copies_it(browser, fresh):
    wb, start = fresh
    code = wb.store.create_session("Будущее Плесецкого округа", territory="Плесецкий округ", date="2026-12-12")
    server = start()
    screen, frame = open_projector(browser, server, code)
    box = frame.locator(".wb-reg-link")
    box.wait_for(timeout=60_000)
    link = box.locator("input").input_value()
    assert link.endswith(f"/reg/{code}") and box.locator("svg").count() == 1
    button = box.locator("button")
    assert button.inner_text() == "Копировать"
    button.click()  # the clipboard answers a promise: the button says so when it has copied
    wait_for(lambda: button.inner_text() == "Скопировано", message="the copy button to say it copied")
    form = browser.new_page()
    try:
        form.goto(link)  # the link is the registration form of this event
        assert "Будущее Плесецкого округа" in form.inner_text("h1")
        assert "12 декабря 2026 г. · Плесецкий округ" in form.inner_text("body")
    finally:
        form.close()
        screen.close()
