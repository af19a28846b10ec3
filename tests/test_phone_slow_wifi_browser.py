"""Real Chromium on slow Wi-Fi (1.5 s a request): while a dot is on its way the phone's buttons are
grey and it says «Отправляется…» (taps on them were dropped with no word); the word goes once the
dot is counted."""

from __future__ import annotations

import pytest

from workbench.session import facilitator
from workbench.testing import open_phone, wait_for

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def room(serve):
    def prepare(wb):
        code = wb.store.create_session("Медленный Wi-Fi")
        sid = wb.store.session(code)["id"]
        stages = {s["kind"]: s for s in wb.store.stages(sid)}
        for text in ("Прокат лодок на озере", "Автобус до Лядин"):
            facilitator.add_card(wb.store, sid, stages["ideas"]["id"], text)
        facilitator.toggle_voting(wb.store, stages["voting"]["id"])
        facilitator.show_stage(wb.store, sid, stages["voting"]["id"])
        return {"code": code, "person": wb.store.join(sid, name="Вера Петрова")}

    return serve(prepare)


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
