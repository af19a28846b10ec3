"""Registration with consent → check-in at the door → the person in the network analysis, in real
Chromium on a real server. Without the consent nothing is stored; check-in needs the staff login."""

from __future__ import annotations

import pytest

from workbench.app import Workbench
from workbench.network.store_import import store_attendance
from workbench.testing import Http

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def event_server(serve):
    return serve(lambda wb: wb.store.create_session("Модуль 1: логика проекта", territory="Няндомский округ",
                                                    date="2026-03-16"))


def _registrations(server):
    wb = Workbench(server.data_dir)
    try:
        return wb.store.registrations(), store_attendance(wb.store)
    finally:
        wb.close()


def test_register_with_consent_check_in_and_appear_in_the_network(event_server, browser):
    server, code = event_server
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = ctx.new_page()
        page.goto(f"{server.base}/reg/{code}")
        page.fill("input[name=name]", "Анна Белова")
        page.fill("input[name=organisation]", "ТОС «Лесной»")
        page.select_option("select[name=sector]", "tos")
        page.click("button")  # no consent ticked
        assert "Без согласия" in page.locator(".err").inner_text()
        assert page.locator("input[name=name]").input_value() == "Анна Белова"  # nothing typed is lost
        assert _registrations(server)[0] == []
        page.check("input[name=consent]")
        page.click("button")
        page.locator("img.qr").wait_for(timeout=10_000)
        assert "Покажите этот QR-код на входе" in page.inner_text("body")
        assert "16 марта 2026 г. · Няндомский округ" in page.inner_text("body")
        page.reload()  # the answer is a page of its own: a reload sends no second registration
        page.locator("img.qr").wait_for(timeout=10_000)
        assert page.locator("a[data-join]").inner_text() == "Войти в сессию"
    finally:
        ctx.close()
    [reg], table = _registrations(server)
    assert "152-ФЗ" in reg["consent_text"] and table.empty  # registered, not yet there
    checkin = f"{server.base}/checkin/{reg['checkin_token']}"
    assert Http().get(checkin).status_code in (302, 403)  # not staff: nothing happens
    assert _registrations(server)[0][0]["checked_in_at"] is None
    r = Http().get(f"{checkin}?token={server.token}")  # staff at the door, logged in
    assert r.status_code == 200 and "Отмечен(а) на входе: Анна Белова" in r.text
    _, table = _registrations(server)
    assert table[["person", "event", "organisation", "sector"]].values.tolist() == [
        ["Анна Белова", "Модуль 1: логика проекта", "ТОС «Лесной»", "tos"]]


def test_staff_see_the_list_on_the_drafts_page_and_delete_a_person_after_confirming(event_server, browser):
    server, code = event_server
    wb = Workbench(server.data_dir)
    try:
        from workbench.session import registration

        registration.register(wb.store, code, {"name": "Олег Смирнов", "sector": "business", "consent": True})
    finally:
        wb.close()
    others = [r["name"] for r in _registrations(server)[0] if r["name"] != "Олег Смирнов"]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(server.projector_url(code))  # staff log in with the token
        page.goto(f"{server.base}/voila/render/draft.ipynb?session={code}")
        panel = page.locator(".wb-registrations")
        panel.wait_for(timeout=60_000)
        assert "Кто зарегистрировался" in panel.inner_text() and "Олег Смирнов" in panel.inner_text()
        panel.locator("select:not([multiple])").select_option(label="Олег Смирнов")
        panel.get_by_role("button", name="Удалить данные").click()
        page.get_by_text("Удалить все данные о человеке «Олег Смирнов»").wait_for(timeout=10_000)
        panel.get_by_role("button", name="Да, удалить").click()
        page.get_by_text("Данные удалены: регистраций — 1").wait_for(timeout=10_000)
        assert "Олег Смирнов" not in panel.locator(".wb-reg-list").inner_text()
    finally:
        page.close()
    assert [r["name"] for r in _registrations(server)[0]] == others  # Олег's gone, nobody else's


def test_the_registration_page_switches_to_english_and_registers_in_it(event_server, browser):
    """English was reachable only by typing ?lang=en: the page has the phone page's RU/EN switch,
    the choice stays in the link and the form sends it on."""
    server, code = event_server
    ctx = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    try:
        page = ctx.new_page()
        page.goto(f"{server.base}/reg/{code}")
        switch = page.locator("#lang")
        assert switch.inner_text() == "English" and page.locator("h1").inner_text().startswith("Регистрация")
        box = switch.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44
        page.fill("input[name=name]", "Анна Белова")  # typed before switching: kept, not in the link
        page.fill("input[name=phone]", "+7 900 000-00-00")
        switch.click()
        page.wait_for_url("**?lang=en")
        assert page.locator("h1").inner_text().startswith("Registration")
        assert page.input_value("input[name=name]") == "Анна Белова" and "900" not in page.url
        assert page.input_value("input[name=phone]") == "+7 900 000-00-00"
        assert page.locator("button").inner_text() == "Register" and "Name" in page.inner_text("form")
        assert page.locator("#lang").inner_text() == "Русский"
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        page.fill("input[name=name]", "Ann Belova")
        page.check("input[name=consent]")
        page.click("button")
        page.locator("img.qr").wait_for(timeout=10_000)
        assert "Show this QR code at the door" in page.inner_text("body")
        page.goto(f"{server.base}/reg/{code}?lang=en")
        page.locator("#lang").click()
        page.wait_for_url("**?lang=ru")
        assert page.locator("h1").inner_text().startswith("Регистрация")
    finally:
        ctx.close()


def test_the_form_stops_at_the_limit_and_a_refusal_names_the_field_as_shown(event_server, browser):
    """A phone cannot type past 120 characters; a browser that ignores `maxlength` is refused with
    the field named as on the form («Имя», 'Name'), and what was typed stays."""
    server, code = event_server
    before = len(_registrations(server)[0])
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = ctx.new_page()
        for lang, label, message in (("ru", "Имя", "Поле «Имя» длиннее 120 символов"),
                                     ("en", "Name", "Field 'Name' is longer than 120 characters")):
            page.goto(f"{server.base}/reg/{code}?lang={lang}")
            for name in ("name", "territory", "organisation", "email", "phone"):
                assert page.locator(f"input[name={name}]").get_attribute("maxlength") == "120"
            page.locator("input[name=name]").press_sequentially("Я" * 130)
            assert page.locator("input[name=name]").input_value() == "Я" * 120  # the phone stops at 120
            page.evaluate("document.querySelector('input[name=name]').removeAttribute('maxlength')")
            page.locator("input[name=name]").fill("Я" * 130)
            page.check("input[name=consent]")
            page.click("button")
            page.locator(".err").wait_for(timeout=10_000)
            assert page.locator(".err").inner_text() == message and label in page.inner_text("form")
            assert page.locator("input[name=name]").input_value() == "Я" * 130
        assert len(_registrations(server)[0]) == before  # nothing stored
    finally:
        ctx.close()


def test_joining_from_the_registration_answer_is_one_person_in_the_counts(event_server, browser):
    """«Войти в сессию» on the registration's answer opens the session's phone page with the form
    filled as registered: no retyping, and the phone and the door are one person, even when the
    person writes their name on the phone another way («Вера» for «Вера Петрова»)."""
    from workbench.session.registration import attendance

    server, code = event_server
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = ctx.new_page()
        page.goto(f"{server.base}/reg/{code}")
        page.fill("input[name=name]", "Вера Петрова")
        page.fill("input[name=territory]", "п. Шалакуша")
        page.select_option("select[name=sector]", "citizen")
        page.check("input[name=consent]")
        page.click("button")
        page.locator("img.qr").wait_for(timeout=10_000)
        token = page.url.split("?")[0].rsplit("/", 1)[1]
        assert Http().get(f"{server.base}/checkin/{token}?token={server.token}").status_code == 200
        page.click("a[data-join]")
        page.wait_for_selector("#join:not(.hidden)")
        assert page.input_value("#f-name") == "Вера Петрова" and page.input_value("#f-territory") == "п. Шалакуша"
        assert page.input_value("#f-sector") == "citizen" and "#" not in page.url  # the address forgets it
        page.fill("#f-name", "Вера")
        page.click("#join-btn")
        page.wait_for_selector("#live:not(.hidden)")
    finally:
        ctx.close()
    wb = Workbench(server.data_dir)
    try:
        came = attendance(wb.store, code)
        names = [p["name"] for p in came["people"]]
        assert "Вера" in names and "Вера Петрова" not in names  # one person: her phone, not the door too
        assert next(p for p in came["people"] if p["name"] == "Вера").get("at_door") is None
    finally:
        wb.close()
