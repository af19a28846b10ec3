"""Real Chromium: a workbook as staff save it from Excel, uploaded on the analysis page, is counted
whole: a title above the heading, a sheet per module, a totals row (the second sheet was left out
and nothing said so)."""

from __future__ import annotations

import openpyxl
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.served]


def _workbook(path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Модуль 1"
    for row in (["Посещаемость, модуль 1"], [], ["ФИО", "Мероприятие", "Территория"],
                ["Петрова Анна", "Модуль 1", "Каргополь"], ["Иванов Пётр", "Модуль 1", "Няндома"],
                ["Итого", 2]):
        ws.append(row)
    ws = book.create_sheet("Модуль 2")
    for row in (["ФИО", "Мероприятие", "Территория"], ["Анна Петрова", "Модуль 2", "Каргополь"],
                ["Сидоров Олег", "Модуль 2", "Плесецк"]):
        ws.append(row)
    book.save(path)
    return path


def test_a_workbook_of_two_sheets_under_a_title_is_counted_whole(served, browser, tmp_path):
    path = _workbook(tmp_path / "modules.xlsx")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(served.projector_url("KARGO1"))  # logs in
    page.goto(served.base + "/voila/render/analysis.ipynb?lang=ru")
    page.wait_for_selector(".wb-rank-people tbody tr", timeout=90_000)
    with page.expect_file_chooser() as chooser:
        page.get_by_text("Загрузить CSV/XLSX").first.click()
    chooser.value.set_files(str(path))
    page.wait_for_function(
        "() => (document.querySelector('.wb-analysis .wb-ok') || {}).textContent === 'Загружен файл «modules.xlsx»'",
        timeout=90_000)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.wb-na-note')].some(n => n.textContent.startsWith('Людей: 3 · мероприятий: 2 '))",
        timeout=60_000)
    people = page.locator(".wb-rank-people tbody tr td:first-child").all_inner_texts()
    people = sorted(p.strip() for p in people)  # «Анна Петрова» of sheet 2 is «Петрова Анна»
    assert len(people) == 3 and {"Иванов Пётр", "Сидоров Олег"} < set(people), people
    assert page.locator(".wb-analysis .wb-err").count() == 0
    page.close()
