"""Real Chromium on slow Wi-Fi (1.5 s a request): while a dot is on its way the phone's buttons are
grey and it says «Отправляется…» (taps on them were dropped with no word); the word goes once the
dot is counted."""

from __future__ import annotations

import pytest

from workbench.testing import open_phone, voting_session, wait_for

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def room(serve):
    ideas = ("Прокат лодок на озере", "Автобус до Лядин")
    return serve(lambda wb: voting_session(wb, "Медленный Wi-Fi", "dots", ideas))


def test_a_dot_on_slow_wifi_says_it_is_on_its_way(room, browser):
    server, made = room
    ctx, page = open_phone(browser, server, made["code"], made["person"]["token"])
    try:
        page.wait_for_selector("button[data-action=vote]:not([disabled])")
        cdp = ctx.new_cdp_session(page)
        cdp.send("Network.emulateNetworkConditions",
                 {"offline": False, "latency": 1500, "downloadThroughput": -1, "uploadThroughput": -1})
        page.locator("button[data-action=vote]").first.click()
        wait_for(lambda: page.locator("#msg").inner_text().startswith("Отправляется…"), message="the phone saying so")
        assert page.locator("#msg").is_visible()
        assert page.locator("button[data-action=vote]").first.is_disabled()
        wait_for(lambda: page.locator("#dots").inner_text() == "Осталось голосов: 2", timeout=15,
                 message="the dot counted")
        wait_for(lambda: not page.locator("#msg").is_visible(), message="the word gone")
        assert page.locator("button[data-action=vote]").first.is_enabled()
    finally:
        ctx.close()
