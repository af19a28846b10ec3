"""Real Chromium, registration on a phone (400 px) while the laptop's server restarts: the form
sent while it was down left the phone on the browser's «This site can't be reached» (in English,
the form gone). Now the page says there is no connection, keeps what was typed, and sends it by
itself once the server is back: one registration."""

from __future__ import annotations

import signal

import pytest

from workbench.testing import wait_for

pytestmark = pytest.mark.browser


def test_a_form_sent_while_the_server_is_down_goes_by_itself_once_it_is_back(browser, fresh):
    wb, start = fresh
    code = wb.store.create_session("Будущее Плесецкого округа", territory="Плесецкий муниципальный округ")
    server = start()
    ctx = browser.new_context(viewport={"width": 400, "height": 800}, is_mobile=True)
    try:
        page = ctx.new_page()
        page.goto(f"{server.base}/reg/{code}")
        server.stop(signal.SIGKILL)  # the laptop's lid closes as she types
        page.fill("input[name=name]", "Анна Иванова")
        page.fill("input[name=organisation]", "ТОС «Лядины»")
        page.check("input[name=consent]")
        page.locator("form button").click()
        offline = page.locator("#reg-offline")
        offline.wait_for(state="visible", timeout=10_000)
        assert offline.inner_text().startswith("Нет связи с сервером. Введённое сохранено")
        assert page.url.endswith(f"/reg/{code}")
        assert page.input_value("input[name=name]") == "Анна Иванова" and page.is_checked("input[name=consent]")
        start(port=server.port)
        page.locator("[data-registered]").wait_for(timeout=20_000)
        assert page.locator("[data-registered]").inner_text() == "Анна Иванова"
        sid = wb.store.session(code)["id"]
        wait_for(lambda: [r["name"] for r in wb.store.registrations(sid)] == ["Анна Иванова"],
                 message="one registration, with the name typed")
    finally:
        ctx.close()
