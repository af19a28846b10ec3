"""Who was in the room, in real Chromium: the control view, the projector's display and the public
results page say one number (phones and people checked in at the door without one), and the
door's numbers in the same words."""

from __future__ import annotations

import pytest

from workbench.session import public, registration

pytestmark = pytest.mark.browser

DOOR = "Зарегистрировались: 4, отмечены на входе: 3, из них без телефона: 2"


def _room(wb):
    """2 phones (one of them also registered and checked in), 4 registered, 3 checked in: 4 people."""
    code = wb.store.create_session("Будущее Плесецкого округа", territory="Плесецкий округ")
    sid = wb.store.session(code)["id"]
    for name in ("Ирина Кузнецова", "Тимофей Рябов"):
        wb.store.join(sid, name=name, territory="Плесецк")
    for k, name in enumerate(("Ирина Васильевна Кузнецова", "Лидия Зуева", "Дмитрий Ершов", "Андрей Никитин")):
        reg = registration.register(wb.store, code, {"name": name, "territory": "Емца", "consent": True})
        if k < 3:
            registration.check_in(wb.store, reg["token"])
    return code


def test_the_control_view_the_display_and_the_public_page_count_the_same_people(browser, fresh):
    from workbench.testing import open_projector

    wb, start = fresh
    code = _room(wb)
    token = public.set_public(wb.store, code, True)["token"]
    server = start()
    screen, frame = open_projector(browser, server, code)
    joined = frame.locator("[data-joined]")
    joined.wait_for()
    assert joined.inner_text() == "Участников: 4"
    assert frame.locator(".wb-door").inner_text() == DOOR
    with screen.context.expect_page() as opened:
        frame.locator("[data-display-link]").click()
    display = opened.value
    display.wait_for_selector("#main[data-mode='join'] .count")
    assert display.locator(".join .count").inner_text() == "Участников: 4"  # it said 2: the phones
    page = browser.new_page()
    page.goto(f"{server.base}/r/{token}")
    assert page.locator("[data-participants]").inner_text() == "Участников: 4"
    assert page.locator("[data-door]").inner_text() == DOOR
    # one more checked in at the door: the display follows on its own, the public page on a reload
    last = next(r for r in wb.store.registrations(wb.store.session(code)["id"]) if r["name"] == "Андрей Никитин")
    registration.check_in(wb.store, last["checkin_token"])
    display.wait_for_selector(".join .count:has-text('Участников: 5')")
    page.reload()
    assert page.locator("[data-participants]").inner_text() == "Участников: 5"
    assert page.locator("[data-door]").inner_text() == ("Зарегистрировались: 4, отмечены на входе: 4, "
                                                             "из них без телефона: 3")
    page.close()
