"""Real Chromium: a `$\\foo$` card on the current matrix stage cannot take the projector down."""

from __future__ import annotations

import pytest
from test_hostile_text import MATHS, matrix_session

pytestmark = pytest.mark.browser


def test_maths_card_on_the_matrix_stage_keeps_the_projector_usable(fresh, browser):
    from workbench.testing import open_projector, wait_for

    wb, start = fresh
    code, ids = matrix_session(wb.store)
    server = start()
    screen, frame = open_projector(browser, server, code)
    # The chart is drawn, with the card's text as typed in its table, and no traceback.
    frame.wait_for_selector("img[alt=matrix]")
    row = frame.locator(f"tr[data-card='{ids['bad']}']")
    assert MATHS in row.inner_text() and "Быстрые победы" in row.inner_text()
    assert frame.locator("[data-panel-error]").count() == 0
    assert "Traceback" not in frame.content() and "ParseFatalException" not in frame.content()
    assert frame.get_by_role("button", name="Открыть голосование").count() == 0  # it is open
    # The stage switcher works: show the ideas on phones.
    frame.get_by_role("button", name="Проектные идеи").click()
    frame.get_by_role("button", name="Показать участникам").click()
    wait_for(lambda: wb.store.session(code)["current_stage_id"] == ids["ideas"], timeout=10,
             message="the ideas stage to become current")
    frame.wait_for_selector(f".wb-card[data-card='{ids['bad']}']")
    assert MATHS in frame.locator(f".wb-card[data-card='{ids['bad']}']").inner_text()
