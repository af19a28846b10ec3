"""Real Chromium: one projector page and two phones, as in the room."""

from __future__ import annotations

import os
import re

import pytest

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
PAYLOAD = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'


def _bar_count(projector, card_id: int) -> int:
    sel = f".wb-bar[data-card='{card_id}'] b"
    return int(projector.locator(sel).inner_text()) if projector.locator(sel).count() else 0


def test_a_session_from_phones_and_projector(served, browser, tmp_path):
    screen = browser.new_page(viewport={"width": 1280, "height": 720})
    screen.goto(served.projector_url("KARGO1"))
    assert "token" not in screen.url
    projector = screen.frame(name="projector")
    projector.wait_for_selector(".wb-projector", timeout=60_000)

    phones = []
    for name in ("Вера", "Глеб"):
        ctx = browser.new_context(**PHONE)
        page = ctx.new_page()
        page.goto(served.base + "/s/KARGO1")
        page.fill("#f-name", name)
        page.select_option("#f-sector", "tos")
        page.click("#join-btn")
        page.wait_for_selector("#add:not(.hidden)")
        phones.append(page)
    vera, gleb = phones
    assert vera.locator("#stage").inner_text() == "Проблемы"

    # An idea typed on a phone appears on the projector, as text, not markup.
    vera.fill("#text", "Нет автобуса до Лядин " + PAYLOAD)
    vera.click("#send")
    projector.wait_for_function(
        "() => [...document.querySelectorAll('.wb-card')].some(e => e.textContent.includes('Нет автобуса до Лядин'))",
        timeout=5_000)
    card_text = projector.locator(".wb-card", has_text="Нет автобуса до Лядин").first.inner_text()
    assert "<img src=x" in card_text and "<script>" in card_text
    assert vera.locator("#cards li.mine").first.inner_text().endswith("</script>")
    for page in (screen, projector, vera, gleb):
        assert page.evaluate("window.__pwned") is None
    gleb.wait_for_function("() => document.querySelector('#cards').textContent.includes('Нет автобуса до Лядин')",
                           timeout=10_000)

    # The facilitator opens voting from the projector; phones follow.
    projector.get_by_role("button", name="Голосование", exact=True).click()
    projector.get_by_role("button", name="Показать участникам").click()
    projector.get_by_role("button", name="Открыть голосование").click()
    projector.wait_for_selector("text=Голосование открыто")
    for page in phones:
        page.wait_for_selector("button[data-action=vote]:not([disabled])", timeout=10_000)
    first_card = int(vera.locator("button[data-action=vote]").first.get_attribute("data-card"))
    before = _bar_count(projector, first_card)
    # A second tab of Vera's phone whose state refreshes fail from now on (weak Wi-Fi): it will
    # still offer a dot after the first tab has spent them all.
    stale = vera.context.new_page()
    stale.goto(served.base + "/s/KARGO1")
    stale.wait_for_selector("button[data-action=vote]:not([disabled])")
    stale.route(re.compile(r".*/state$"), lambda route: route.abort())

    for i in range(3):
        vera.locator(f"button[data-action=vote][data-card='{first_card}']").click()
        vera.wait_for_function(f"() => document.querySelector('#dots').textContent.includes('{2 - i}')")
    assert "Осталось голосов: 0" in vera.locator("#dots").inner_text()
    assert vera.locator("button[data-action=vote]:not([disabled])").count() == 0
    gleb.locator(f"button[data-action=vote][data-card='{first_card}']").click()
    projector.wait_for_function(
        f"() => {{ const b = document.querySelector(\".wb-bar[data-card='{first_card}'] b\");"
        f" return b && Number(b.textContent) === {before + 4}; }}", timeout=5_000)

    stale.locator(f"button[data-action=vote][data-card='{first_card}']").click()
    stale.wait_for_selector("#msg.err")
    assert "Голоса закончились" in stale.locator("#msg").inner_text()
    assert _bar_count(projector, first_card) == before + 4

    # WORKBENCH_SCREENSHOTS=docs keeps the pictures the README shows.
    shots = os.environ.get("WORKBENCH_SCREENSHOTS")
    if shots:
        screen.screenshot(path=os.path.join(shots, "projector-voting.png"))
        vera.screenshot(path=os.path.join(shots, "phone-voting.png"))
