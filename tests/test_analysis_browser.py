"""Real Chromium: the staff's analysis page served by `workbench serve`, filtered by territory."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.served]

TABLE = ".wb-rank-people"
TERRITORY_CELLS = f"""() => {{
  const t = document.querySelector('{TABLE}');
  if (!t) return null;
  const head = [...t.querySelectorAll('thead th')].map(th => th.textContent.trim());
  const col = head.indexOf('Территория');
  return [...t.querySelectorAll('tbody tr')].map(tr => tr.children[col].textContent.trim());
}}"""


def test_staff_filter_a_territory_in_the_analysis_page(served, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(served.projector_url("KARGO1"))  # logs in: the cookie opens the analysis page too
    page.goto(served.base + "/voila/render/analysis.ipynb")
    page.wait_for_selector(f"{TABLE} tbody tr", timeout=90_000)
    before = page.evaluate(TERRITORY_CELLS)
    assert len(set(before)) > 1  # the whole programme: several districts in the top people

    page.locator(".wb-na-territory select").select_option(label="Плесецкий округ")
    page.wait_for_function(
        f"() => {{ const c = ({TERRITORY_CELLS})(); "
        "return c && c.length > 0 && c.every(x => x === 'Плесецкий округ'); }",
        timeout=30_000)
    after = page.evaluate(TERRITORY_CELLS)
    assert after != before and set(after) == {"Плесецкий округ"}
    assert page.locator(".wb-err").count() == 0
    page.close()
