"""Real Chromium on a 1024×768 laptop: the matrix chart of the control view, and of its «Режим
показа», scales to its column beside the join code (it was 640 px in a column ending at 629 px:
«Быстрые победы», «Мелкие дела» and the 5.0 tick were cut)."""

from __future__ import annotations

import pytest

from workbench.demo import load_demo
from workbench.session import facilitator
from workbench.testing import open_projector, wait_for

pytestmark = pytest.mark.browser


def _inside(frame) -> tuple[dict, dict]:
    chart = frame.locator("img.wb-chart-img").bounding_box()
    column = frame.locator(".wb-main").bounding_box()
    return chart, column


def _fits(chart: dict, column: dict) -> bool:
    return (chart["x"] >= column["x"] - 1 and chart["x"] + chart["width"] <= column["x"] + column["width"] + 1
            and chart["width"] > 300)  # scaled, still a readable chart


def test_the_matrix_fits_its_column_at_1024_wide(browser, fresh):
    wb, start = fresh
    code = load_demo(wb.store, teams=False)
    s = wb.store.session(code)
    vote = next(st for st in wb.store.stages(s["id"]) if st["kind"] == "voting")
    facilitator.set_method(wb.store, vote["id"], "matrix")
    wb.store.set_current_stage(s["id"], vote["id"])
    server = start()
    screen, frame = open_projector(browser, server, code)
    try:
        screen.set_viewport_size({"width": 1024, "height": 768})
        frame.wait_for_selector("img.wb-chart-img", timeout=60_000)
        wait_for(lambda: frame.locator("img.wb-chart-img").bounding_box()["width"] > 0, message="the chart drawn")
        chart, column = _inside(frame)
        assert _fits(chart, column), (chart, column)
        assert chart["x"] + chart["width"] <= 1024
        # the picture keeps its shape (the height follows the width)
        natural = frame.locator("img.wb-chart-img").evaluate("e => e.naturalHeight / e.naturalWidth")
        assert chart["height"] / chart["width"] == pytest.approx(natural, rel=0.02)

        frame.get_by_role("button", name="Режим показа").click()
        frame.wait_for_selector(".wb-show")
        wait_for(lambda: _fits(*_inside(frame)), message="the chart inside its column in show mode")
        chart, column = _inside(frame)
        join = frame.locator(".wb-code").first.bounding_box()
        assert chart["x"] + chart["width"] <= join["x"] + 1, (chart, join)  # never under the join code
    finally:
        screen.close()
