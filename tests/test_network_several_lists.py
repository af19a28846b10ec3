"""A year's attendance kept a file per event, each made its own way (a Google Forms export, a
workbook with two sheets under merged headings, a cp1251 CSV from an old Windows): `workbench
network` and the analysis page read them together, so the people who came again are counted
across the files. Before, both read one file: staff had to paste the lists into one by hand.
Every name is invented."""

from __future__ import annotations

import csv

import openpyxl
import pytest

from workbench.cli import main


def staff_files(folder):
    """Three lists of one programme: 4 people, 5 events; «Ёлкина Алёна» is «Елкина Алена» in the
    form's second answer and «Иванова Мария» is in two files."""
    forms = folder / "Форма регистрации (ответы).csv"
    with open(forms, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([
            ["Отметка времени", "Ваши фамилия и имя", "Адрес электронной почты",
             "Какое мероприятие вы посетили?", "Дата мероприятия", "Населённый пункт"],
            ["15.03.2024 10:02:11", "Носкова Софья", "s@example.org", "Модуль 1", "15.03.2024", "Каргополь"],
            ["15.03.2024 10:05:40", "Пётр Попов", "p@example.org", "Модуль 1", "15.03.2024", "Ошевенск"],
            ["15.03.2024 10:07:01", "Ёлкина Алёна", "", "Модуль 1", "15.03.2024", "Няндома"],
            ["16.04.2024 09:00:00", "Носкова Софья", "s@example.org", "Онлайн-встреча 2", "16.04.2024", "Каргополь"],
            ["16.04.2024 09:01:00", "Елкина Алена", "", "Онлайн-встреча 2", "16.04.2024", "Няндома"]])
    windows = folder / "plesetsk.csv"
    with open(windows, "w", encoding="cp1251", newline="") as f:
        csv.writer(f, delimiter=";").writerows([
            ["ФИО", "Мероприятие", "Дата", "Территория"],
            ["Попов Пётр", "Сессия в Плесецке", "05.06.2024", "Плесецк"],
            ["Иванова Мария", "Сессия в Плесецке", "05.06.2024", "Плесецк"],
            ["Носкова Софья", "Сессия в Плесецке", "05.06.2024", "Каргополь"]])
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Модуль 2"
    for row in (["Посещаемость модулей"], [], ["Участник", None, "Мероприятие", "Дата"],
                ["ФИО", "Организация", None, None], ["Иванова Мария", "Школа №1", "Модуль 2", "01.07.2024"],
                ["Ёлкина Алёна", None, "Модуль 2", "01.07.2024"], ["Итого: 2"]):
        ws.append(row)
    ws.merge_cells("A3:B3")
    ws = book.create_sheet("Модуль 3")
    for row in (["ФИО", "Мероприятие", "Дата"], ["Попов Пётр", "Модуль 3", "2024-09-10"],
                ["Иванова Мария", "Модуль 3", "2024-09-10"]):
        ws.append(row)
    workbook = folder / "modules.xlsx"
    book.save(workbook)
    return [forms, windows, workbook]


def _rows(path):
    with open(path, encoding="utf-8-sig") as f:
        return list(csv.DictReader(f, delimiter=";"))


def test_three_lists_made_three_ways_are_one_network(tmp_path, capsys):
    files = staff_files(tmp_path)
    assert main(["network", *map(str, files), "--output-dir", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("узлов: 4, связей: 6"), out
    people = {r["Имя или название"]: r for r in _rows(tmp_path / "out" / "nodes.csv")}
    assert set(people) == {"Иванова Мария", "Носкова Софья", "Попов Пётр", "Ёлкина Алёна"}
    # each came to 3 of the 5 events, counted across the files
    assert {name: r["Мероприятий"] for name, r in people.items()} == dict.fromkeys(people, "3")
    growth = _rows(tmp_path / "out" / "growth.csv")
    assert [r["Мероприятие"] for r in growth] == [
        "Модуль 1", "Онлайн-встреча 2", "Сессия в Плесецке", "Модуль 2", "Модуль 3"]
    assert [r["Вернувшихся"] for r in growth] == ["0", "2", "2", "2", "2"]


def test_a_bad_cell_in_the_second_list_is_named_by_its_file_row_and_own_heading(tmp_path, capsys):
    files = staff_files(tmp_path)
    bad = tmp_path / "june.csv"
    bad.write_text("ФИО,Мероприятие,Дата\nАнна Белова,Сессия,30.02.2024\n", encoding="utf-8")
    code = main(["network", str(files[0]), str(bad), "--output-dir", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip() == ("workbench network: ошибка: june.csv: строка 2, столбец «Дата»: «30.02.2024» — "
                           "не дата (пишите, например, 05.03.2024)")
    assert not (tmp_path / "out").exists()
    # one file alone names the file's own heading too (it said «date»)
    assert main(["network", str(bad), "--output-dir", str(tmp_path / "out")]) == 2
    assert "столбец «Дата»" in capsys.readouterr().err


def test_an_edge_list_among_attendance_lists_is_refused_by_its_name(tmp_path, capsys):
    files = staff_files(tmp_path)
    ties = tmp_path / "ties.csv"
    ties.write_text("Кто,С кем\nШкола №1,Библиотека\n", encoding="utf-8")
    code = main(["--lang", "en", "network", str(files[1]), str(ties), "--output-dir", str(tmp_path / "out")])
    assert code == 2
    assert "ties.csv: this is an edge list (source, target); several files are read together only" in capsys.readouterr().err


@pytest.mark.browser
@pytest.mark.served
def test_the_analysis_page_takes_the_three_lists_at_once(served, browser, tmp_path):
    files = staff_files(tmp_path)
    ties = tmp_path / "ties.csv"
    ties.write_text("Кто,С кем\nШкола №1,Библиотека\n", encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(served.projector_url("KARGO1"))  # logs in
        page.goto(served.base + "/voila/render/analysis.ipynb?lang=ru")
        page.wait_for_selector(".wb-rank-people tbody tr", timeout=90_000)
        with page.expect_file_chooser() as chooser:
            page.get_by_text("Загрузить CSV/XLSX").first.click()
        assert chooser.value.is_multiple()
        chooser.value.set_files([str(f) for f in files])
        page.wait_for_function(
            "() => ((document.querySelector('.wb-analysis .wb-ok') || {}).textContent || '')"
            ".startsWith('Загружены вместе файлы (3): «Форма регистрации (ответы).csv», «plesetsk.csv», «modules.xlsx»')",
            timeout=90_000)
        page.wait_for_function(
            "() => [...document.querySelectorAll('.wb-na-note')].some(n => n.textContent.startsWith('Людей: 4 · мероприятий: 5 '))",
            timeout=60_000)
        people = sorted(p.strip() for p in page.locator(".wb-rank-people tbody tr td:first-child").all_inner_texts())
        assert set(people) == {"Ёлкина Алёна", "Иванова Мария", "Носкова Софья", "Попов Пётр"}
        # an edge list among them: said by its name, and the page keeps the three lists
        with page.expect_file_chooser() as chooser:
            page.get_by_text("Загрузить CSV/XLSX").first.click()
        chooser.value.set_files([str(files[1]), str(ties)])
        page.wait_for_function(
            "() => ((document.querySelector('.wb-analysis .wb-err') || {}).textContent || '').startsWith('ties.csv: это список связей')",
            timeout=60_000)
        assert page.locator(".wb-na-note").first.inner_text().startswith("Людей: 4 · мероприятий: 5 ")
    finally:
        page.close()


def test_a_page_opened_later_shows_the_lists_uploaded_together(tmp_path):
    """Each Voila page is its own kernel: the next day's page, on «Загруженный файл», shows the
    three lists uploaded together, not the last of them alone; a file uploaded alone afterwards
    is what it shows then."""
    import datetime as dt

    from workbench.app import Workbench
    from workbench.ui.network_view import AnalysisView

    def chosen(view, paths):
        view.upload.value = tuple({"name": p.name, "type": "", "size": p.stat().st_size,
                                   "content": memoryview(p.read_bytes()),
                                   "last_modified": dt.datetime(2024, 12, 1)} for p in paths)

    files = staff_files(tmp_path)
    wb = Workbench(tmp_path / "data")
    try:
        view = AnalysisView(wb)
        chosen(view, files)
        assert "Загружены вместе файлы (3)" in view.message.value
        assert (view.report.summary["people"], view.report.summary["events"]) == (4, 5)
        later = AnalysisView(wb, source="upload")
        assert (later.report.summary["people"], later.report.summary["events"]) == (4, 5)
        alone = tmp_path / "alone.csv"
        alone.write_text("ФИО,Мероприятие\nВера Белова,Сессия\nОлег Белов,Сессия\n", encoding="utf-8")
        chosen(view, [alone])
        assert "Загружен файл «alone.csv»" in view.message.value
        assert AnalysisView(wb, source="upload").report.summary["people"] == 2
    finally:
        wb.close()
