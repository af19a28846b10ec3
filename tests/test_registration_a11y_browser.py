"""Real Chromium, read as a screen reader reads it: a registration the server refuses says why
where the reader is. The error is an alert, the field it is about is marked invalid, described
by the error and has the focus (the error was a paragraph at the top a screen reader never
reached, and the focus on the page's start)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def event_server(serve):
    return serve(lambda wb: wb.store.create_session("Модуль 2: команды", territory="Каргополь"))


def test_a_refused_e_mail_is_marked_described_and_focused(event_server, browser):
    server, code = event_server
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = ctx.new_page()
        page.goto(f"{server.base}/reg/{code}")
        page.fill("input[name=name]", "Анна Белова")
        page.fill("input[name=email]", "anna.belova@")
        page.check("input[name=consent]")
        page.evaluate("() => document.querySelector('form').noValidate = true")  # as a browser without checks
        page.locator("form button").click()
        page.wait_for_selector("#reg-error")
        error = page.get_by_role("alert")
        assert error.count() == 1 and "почт" in error.inner_text().lower()
        email = page.locator("input[name=email]")
        assert email.get_attribute("aria-invalid") == "true"
        assert email.get_attribute("aria-describedby") == "reg-error"
        assert page.evaluate("() => document.activeElement.name") == "email"
        assert page.locator("input[name=name]").get_attribute("aria-invalid") is None
    finally:
        ctx.close()


def test_a_missing_consent_is_the_field_focused(event_server, browser):
    server, code = event_server
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = ctx.new_page()
        page.goto(f"{server.base}/reg/{code}")
        page.fill("input[name=name]", "Олег Смирнов")
        page.locator("form button").click()
        page.wait_for_selector("#reg-error")
        assert page.evaluate("() => document.activeElement.name") == "consent"
        assert page.locator("input[name=consent]").get_attribute("aria-invalid") == "true"
    finally:
        ctx.close()
