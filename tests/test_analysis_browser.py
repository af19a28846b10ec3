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


# Labels and buttons whose text is cut with "…": the element is narrower than its text.
LABELS = """() => [...document.querySelectorAll(
    '.wb-analysis .widget-label, .wb-analysis .widget-label-basic, .wb-analysis .widget-label-basic span, '
    + '.wb-analysis button')]
  .filter(el => el.offsetParent !== null).map(el => el.textContent.trim())"""
CUT_LABELS = LABELS.replace(".filter(el => el.offsetParent !== null)",
                            ".filter(el => el.offsetParent !== null && el.scrollWidth > el.clientWidth)")


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_analysis_labels_are_not_cut_at_1366(served, browser, lang):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(served.projector_url("KARGO1"))
    page.goto(served.base + f"/voila/render/analysis.ipynb?lang={lang}")
    page.wait_for_selector(f"{TABLE} tbody tr", timeout=90_000)
    territory = "Территория" if lang == "ru" else "Territory"
    upload = "Загрузить CSV/XLSX" if lang == "ru" else "Upload CSV/XLSX"
    labels = page.evaluate(LABELS)
    assert territory in labels and any(upload in x for x in labels)  # the checks below see them
    assert page.evaluate(CUT_LABELS) == []
    page.get_by_role("tab", name="Карта сети" if lang == "ru" else "Network map").click()
    page.wait_for_selector(".wb-na-svg", state="visible", timeout=30_000)
    assert page.evaluate(CUT_LABELS) == []
    # «Выгрузка»: the codes checkbox read «Заменить имена кодами (псевдоними…» (a 300 px box)
    page.get_by_role("tab", name="Выгрузка" if lang == "ru" else "Export").click()
    page.wait_for_selector(".wb-na-pseudonymise", state="visible", timeout=30_000)
    boxes = page.evaluate(LABELS)
    codes = "Заменить имена кодами (P0001…)" if lang == "ru" else "Replace names by codes (P0001…)"
    contacts = "Добавить эл. почту и телефоны" if lang == "ru" else "Include e-mails and phones"
    assert codes in boxes and contacts in boxes
    assert page.evaluate(CUT_LABELS) == []
    # «Организации»: the box that turns the merging of spellings off, whole, and what was merged
    page.get_by_role("tab", name="Организации" if lang == "ru" else "Organisations").click()
    page.wait_for_selector(".wb-na-merge-orgs", state="visible", timeout=30_000)
    merging = "Объединять написания организаций" if lang == "ru" else "Merge spellings of organisations"
    assert merging in page.evaluate(LABELS)
    assert page.evaluate(CUT_LABELS) == []
    none = "Разных написаний одной организации не найдено" if lang == "ru" else "No organisation is written"
    assert none in page.inner_text(".wb-org-merges")  # the demo writes each organisation one way
    page.close()


MAP_LABELS = """() => [...document.querySelectorAll('.wb-na-svg text')].map(t => {
  const b = t.getBBox();
  return [t.textContent, b.x, b.y, b.x + b.width, b.y + b.height];
})"""


def test_map_names_of_the_best_connected_do_not_overlap(served, browser):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(served.projector_url("KARGO1"))
    page.goto(served.base + "/voila/render/analysis.ipynb")
    page.wait_for_selector(f"{TABLE} tbody tr", timeout=90_000)
    page.get_by_role("tab", name="Карта сети").click()
    page.wait_for_selector(".wb-na-svg text", state="visible", timeout=30_000)
    boxes = page.evaluate(MAP_LABELS)  # as the browser measured the letters
    names = [b[0] for b in boxes]
    assert len(boxes) >= 9 and {"Носкова Софья", "Широков Степан", "Тарасов Игорь",
                                "Воронина Лариса"} <= set(names)
    for i, (a, *box_a) in enumerate(boxes):
        for b, *box_b in boxes[i + 1:]:
            apart = (box_a[2] <= box_b[0] or box_b[2] <= box_a[0] or box_a[3] <= box_b[1]
                     or box_b[3] <= box_a[1])
            assert apart, f"{a!r} overlaps {b!r}"
    page.close()


SUMMARY = "() => document.querySelector('.wb-analysis .wb-na-note').textContent"


def test_dates_are_typed_as_dd_mm_yyyy_on_the_russian_page(served, browser):
    page = browser.new_page(viewport={"width": 1366, "height": 768}, locale="en-US")
    page.goto(served.projector_url("KARGO1"))
    page.goto(served.base + "/voila/render/analysis.ipynb")
    page.wait_for_selector(f"{TABLE} tbody tr", timeout=90_000)
    date_from = page.locator(".wb-na-date-from input")
    assert date_from.get_attribute("placeholder") == "ДД.ММ.ГГГГ"  # not the browser's mm/dd/yyyy
    before = page.evaluate(SUMMARY)
    date_from.fill("1.7.2024")
    date_from.press("Enter")
    page.wait_for_function(f"b => ({SUMMARY})() !== b", arg=before, timeout=30_000)
    page.wait_for_function("() => document.querySelector('.wb-na-date-from input').value"
                           " === '01.07.2024'", timeout=30_000)
    assert page.locator(".wb-err").count() == 0
    date_to = page.locator(".wb-na-date-to input")
    date_to.fill("07/31/2024")
    date_to.press("Enter")
    page.wait_for_selector(".wb-err", timeout=30_000)
    assert "ДД.ММ.ГГГГ" in page.locator(".wb-err").text_content()
    page.close()


MAP_KEY_OF = """name => {
  const dot = [...document.querySelectorAll('.wb-na-svg circle')]
    .find(c => c.querySelector('title').textContent.startsWith(name));
  const fill = getComputedStyle(dot).fill;
  const key = [...document.querySelectorAll('.wb-na-legend .wb-na-key')]
    .find(k => getComputedStyle(k.querySelector('i')).backgroundColor === fill);
  return key && key.offsetParent !== null ? key.textContent.trim() : null;
}"""
COMMUNITY_OF = f"""name => {{
  const t = document.querySelector('{TABLE}');
  const head = [...t.querySelectorAll('thead th')].map(th => th.textContent.trim());
  const row = [...t.querySelectorAll('tbody tr')].find(tr => tr.children[0].textContent.trim() === name);
  return row.children[head.indexOf('Сообщество')].textContent.trim();
}}"""


def test_the_map_in_the_page_has_a_legend_with_the_tables_community_numbers(served, browser):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(served.projector_url("KARGO1"))
    page.goto(served.base + "/voila/render/analysis.ipynb")
    page.wait_for_selector(f"{TABLE} tbody tr", timeout=90_000)
    community = page.evaluate(COMMUNITY_OF, "Носкова Софья")
    assert community == "3"  # numbered from 1, as people read them
    page.get_by_role("tab", name="Карта сети").click()
    page.wait_for_selector(".wb-na-legend", state="visible", timeout=30_000)
    assert page.locator(".wb-na-legend b").inner_text().startswith("Цвет: сообщество")
    # her dot's colour is the legend's «Сообщество 3», the number the table gives her
    assert page.evaluate(MAP_KEY_OF, "Носкова Софья") == f"Сообщество {community}"
    page.locator(".wb-na-colour-by select").select_option(label="территории")
    page.wait_for_function("() => document.querySelector('.wb-na-legend b').textContent"
                           ".startsWith('Цвет: территория')", timeout=30_000)
    assert page.evaluate(MAP_KEY_OF, "Носкова Софья") == "Няндомский округ"
    page.close()
