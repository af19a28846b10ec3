"""Real Chromium: a session's language. The control view opens in it (the one the session was made
in, then the one its RU/EN switch last chose) and never sends the display back to the `lang`
setting; a phone speaks its own choice, else the session's language, else its browser's when that
is English, else Russian."""

from __future__ import annotations

import pytest

from workbench.i18n import t
from workbench.session import display, templates
from workbench.testing import open_projector

pytestmark = pytest.mark.browser


def _says(page, selector: str, text: str) -> None:
    """Wait (with a deadline) until `selector` shows exactly `text`."""
    page.wait_for_function("([s, t]) => { const e = document.querySelector(s); return e && e.textContent === t; }",
                           arg=[selector, text], timeout=15_000)


def test_a_reload_or_a_second_laptop_keeps_the_rooms_language(browser, fresh):
    """The reviewer's room: a session made with --lang en (the setting says ru) opened in Russian,
    and every reload of the control view put the projector back in Russian too."""
    wb, start = fresh
    code = templates.create_session(wb.store, "Future of the district", data_dir=wb.data_dir, lang="en")
    server = start()
    screen, frame = open_projector(browser, server, code)
    try:
        frame.wait_for_selector(".wb-projector.wb-lang-en")
        frame.get_by_text(t("display_open", "en")).wait_for()
        with screen.context.expect_page() as opened:
            frame.locator("[data-display-link]").click()
        wall = opened.value
        _says(wall, ".join .say", t("join_at", "en"))

        frame.get_by_role("button", name="RU", exact=True).click()  # the laptop switched to Russian
        _says(wall, ".join .say", t("join_at", "ru"))
        screen.reload()  # a reload (a restart, a second laptop) opens in Russian, the display stays so
        frame = screen.frame(name="projector")
        frame.wait_for_selector(".wb-projector.wb-lang-ru", timeout=60_000)
        frame.get_by_text(t("display_open", "ru")).wait_for()

        frame.get_by_role("button", name="EN", exact=True).click()
        _says(wall, ".join .say", t("join_at", "en"))
        second = browser.new_page(viewport={"width": 1280, "height": 720})
        second.goto(server.projector_url(code))
        other = second.frame(name="projector")
        other.wait_for_selector(".wb-projector.wb-lang-en", timeout=60_000)
        other.get_by_text(t("display_open", "en")).wait_for()
        assert wall.locator(".join .say").inner_text() == t("join_at", "en")
        second.close()
    finally:
        screen.close()


def _phone(browser, base: str, code: str, locale: str, own: str | None = None):
    ctx = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, locale=locale)
    if own:
        ctx.add_init_script(f"localStorage.setItem('wb:lang', '{own}')")
    page = ctx.new_page()
    page.goto(f"{base}/s/{code}")
    return ctx, page


@pytest.mark.parametrize("made_in, locale, own, speaks", [
    ("en", "en-US", None, "en"),  # the reviewer's phone: Russian on an English session and browser
    ("en", "ru-RU", None, "en"),  # the session's language before the browser's
    ("ru", "ru-RU", None, "ru"),
    ("ru", "en-US", None, "ru"),
    (None, "en-US", None, "ru"),  # a session from before sessions kept one: the `lang` setting's
    ("en", "en-US", "ru", "ru"),  # the phone's own RU/EN choice first
])
def test_the_join_page_speaks_the_phones_choice_else_the_sessions_else_the_browsers(
        browser, fresh, made_in, locale, own, speaks):
    wb, start = fresh
    if made_in:
        code = templates.create_session(wb.store, "Будущее округа", data_dir=wb.data_dir, lang=made_in)
    else:
        code = wb.store.create_session("Будущее округа")
    server = start()
    ctx, page = _phone(browser, server.base, code, locale, own)
    try:
        _says(page, "#title", "Будущее округа")  # the join page heard from the server
        _says(page, "#join-btn", t("join_button", speaks))
        assert page.evaluate("document.documentElement.lang") == speaks
        assert page.locator("#join h2").inner_text() == t("join_title", speaks)
    finally:
        ctx.close()


def test_a_phone_without_a_choice_follows_the_sessions_language(browser, fresh):
    """Joined, a phone that never touched RU/EN follows the control view's switch; one that did keeps
    its own."""
    wb, start = fresh
    code = templates.create_session(wb.store, "Future of the district", data_dir=wb.data_dir, lang="en")
    sid = wb.store.session(code)["id"]
    stage = wb.store.stages(sid)[0]
    wb.store.set_current_stage(sid, stage["id"])
    server = start()
    ctx, page = _phone(browser, server.base, code, "ru-RU")
    own_ctx, own = _phone(browser, server.base, code, "ru-RU", own="en")
    try:
        for p in (page, own):
            _says(p, "#join-btn", t("join_button", "en"))
            p.click("#join-btn")
            _says(p, "#stage", "Problems")
        display.set_language(wb.store, sid, "ru")  # RU chosen in the control view
        _says(page, "#stage", "Проблемы")
        assert page.evaluate("document.documentElement.lang") == "ru"
        assert own.locator("#stage").inner_text() == "Problems"
        assert own.evaluate("document.documentElement.lang") == "en"
    finally:
        ctx.close()
        own_ctx.close()


@pytest.mark.parametrize("made_in, locale", [("ru", "en-US"), ("en", "ru-RU")])
def test_a_phone_paints_the_sessions_language_first_not_its_browsers(browser, fresh, made_in, locale):
    """An English phone on a Russian session showed English until the join answer came (and
    stayed English while the server did not answer): the page now comes with the session's
    language in it. The API is cut off here, so the page knows only what it came with."""
    wb, start = fresh
    code = templates.create_session(wb.store, "Будущее округа", data_dir=wb.data_dir, lang=made_in)
    server = start()
    ctx = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, locale=locale)
    asked = []
    ctx.route("**/api/**", lambda route: (asked.append(route.request.url), route.abort()))
    page = ctx.new_page()
    try:
        page.goto(f"{server.base}/s/{code}")
        _says(page, "#join-btn", t("join_button", made_in))
        assert page.evaluate("document.documentElement.lang") == made_in
        assert page.locator("#join h2").inner_text() == t("join_title", made_in)
        assert asked  # the page did ask: what it shows came with the page, not from an answer
        # served before any script ran: the HTML itself says the language
        assert page.evaluate("navigator.language") == locale
        html = ctx.request.get(f"{server.base}/s/{code}").text()
        assert f'<html lang="{made_in}">' in html and f"var SESSION_LANG = '{made_in}';" in html
    finally:
        ctx.close()


def test_an_unknown_code_gets_the_page_without_a_language(browser, fresh):
    """A code that is no session's: the page as before (the browser's language), which then says
    the code is unknown."""
    wb, start = fresh
    server = start()
    ctx = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, locale="en-US")
    try:
        html = ctx.request.get(f"{server.base}/s/NOSUCH").text()
        assert "var SESSION_LANG = '';" in html and '<html lang="ru">' in html
    finally:
        ctx.close()
