"""Attendance lists as staff really make them (Excel, LibreOffice, Google Forms, old Windows):
the page and `workbench network` read them with the right counts, or refuse them naming the
sheet, row and column. Every file is generated here; every name is invented."""

from __future__ import annotations

import openpyxl
import pytest

from workbench.network import tables
from workbench.network.pipeline import run_network


def _xlsx(path, sheets):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows, merged in sheets:
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
        for cells in merged:
            ws.merge_cells(cells)
    book.save(path)
    return path


def _counts(path):
    t = tables.load_attendance(tables.read_table(path), path.name)
    return t["person"].nunique(), t["event"].nunique(), len(t)


def test_title_row_blank_rows_and_totals_row_are_read(tmp_path):
    """A title above the heading, a blank row under it, a blank column A and an «Итого» row: the
    list is read, the totals row is nobody, and row numbers are the ones Excel shows."""
    path = _xlsx(tmp_path / "list.xlsx", [("Лист1", [
        ["Список участников программы 2024"],
        [],
        [None, "ФИО", "Мероприятие", "Дата"],
        [None, "Петрова Анна", "Сессия 1", "05.03.2024"],
        [],
        [None, "Иванов Пётр", "Сессия 1", "05.03.2024"],
        [None, "Сидоров Олег", "Сессия 2", "07.03.2024"],
        [None, "Итого", None, 3],
    ], [])])
    assert _counts(path) == (3, 2, 3)
    bad = _xlsx(tmp_path / "bad.xlsx", [("Лист1", [
        ["Список участников"], [], ["ФИО", "Мероприятие", "Дата"],
        ["Петрова Анна", "Сессия 1", "05.03.2024"], [], ["Иванов Пётр", "Сессия 1", "вчера"]], [])])
    with pytest.raises(tables.NetworkInputError) as exc:
        _counts(bad)
    assert exc.value.message("ru") == "bad.xlsx: строка 6, столбец «Дата»: «вчера» — не дата (пишите, например, 05.03.2024)"


def test_every_sheet_is_read_and_a_row_named_by_its_sheet(tmp_path):
    """A workbook with a sheet per module: every sheet counts (the second was silently left out),
    columns matched by meaning, and a bad cell is named with its sheet."""
    path = _xlsx(tmp_path / "modules.xlsx", [
        ("Модуль 1", [["ФИО", "Мероприятие"], ["Петрова Анна", "Модуль 1"], ["Иванов Пётр", "Модуль 1"]], []),
        ("Модуль 2", [["Участник", "Событие"], ["Петрова Анна", "Модуль 2"], ["Сидоров Олег", "Модуль 2"]], []),
        ("Пустой", [], []),
    ])
    assert _counts(path) == (3, 2, 4)
    bad = _xlsx(tmp_path / "bad.xlsx", [
        ("Модуль 1", [["ФИО", "Мероприятие"], ["Петрова Анна", "Модуль 1"]], []),
        ("Модуль 2", [["ФИО", "Мероприятие"], ["Петрова Анна", "Модуль 2"], ["Сидоров Олег", None]], []),
    ])
    with pytest.raises(tables.NetworkInputError) as exc:
        _counts(bad)
    assert exc.value.message("ru") == ("bad.xlsx: строка 3 (лист «Модуль 2»), столбец «Мероприятие»: "
                                       "пусто, а нужно заполнить")


def test_a_sheet_that_is_no_list_is_refused_by_name(tmp_path):
    path = _xlsx(tmp_path / "list.xlsx", [
        ("Участники", [["ФИО", "Мероприятие"], ["Петрова Анна", "Сессия 1"]], []),
        ("Сводка", [["Всего участников", 1]], []),
    ])
    with pytest.raises(tables.NetworkInputError) as exc:
        tables.read_table(path)
    assert "на листе «Сводка» нет строки заголовков списка" in exc.value.message("ru")


def test_merged_heading_over_a_second_heading_row(tmp_path):
    """«Участник» merged over «ФИО» and «Организация»: the second row names the columns and is
    no person (it was counted as a person «ФИО» at an event «Название»)."""
    path = _xlsx(tmp_path / "merged.xlsx", [("Лист1", [
        ["Участник", None, "Мероприятие"],
        ["ФИО", "Организация", "Название"],
        ["Петрова Анна", "НКО «Родник»", "Сессия 1"],
        ["Иванов Пётр", "Школа № 1", "Сессия 1"],
    ], ["A1:B1"])])
    t = tables.load_attendance(tables.read_table(path), "merged.xlsx")
    assert sorted(t["person"]) == ["Иванов Пётр", "Петрова Анна"]
    assert set(t["event"]) == {"Сессия 1"}
    assert sorted(t["organisation"]) == ["НКО «Родник»", "Школа № 1"]


def test_cp1251_semicolon_csv_with_a_title_line_in_the_command(tmp_path):
    src = tmp_path / "list.csv"
    src.write_bytes("Посещаемость 2024\nФИО;Мероприятие;Дата\nПетрова Анна;Сессия 1;05.03.2024\n"
                    "Анна Петрова;Сессия 2;06.03.24\nИванов Пётр;Сессия 2;6/3/2024\n".encode("cp1251"))
    summary = run_network(src, tmp_path / "out")
    assert (summary["people"], summary["groups"]) == (2, 2)  # «Анна Петрова» is «Петрова Анна»
    people = (tmp_path / "out" / "nodes.csv").read_bytes()
    assert people.startswith(b"\xef\xbb\xbf")  # Excel reads the Cyrillic


def test_google_forms_export_is_read_by_its_questions(tmp_path):
    """Google Forms' headings are its questions; its timestamp is not the event's date, and its
    own «Адрес электронной почты» does not clash with a question about the e-mail."""
    src = tmp_path / "form.csv"
    src.write_text('"Отметка времени","Адрес электронной почты","Ваши фамилия и имя",'
                   '"Какое мероприятие вы посетили?","Дата мероприятия","Ваша электронная почта"\n'
                   '"05.03.2024 10:15:22","anna@example.org","Петрова Анна","Сессия 1","5 марта 2024",""\n'
                   '"06.03.2024 09:01:00","petr@example.org","Иванов Пётр","Сессия 1","05.03.2024",""\n',
                   encoding="utf-8")
    t = tables.load_attendance(tables.read_table(src), src.name)
    assert sorted(t["person"]) == ["Иванов Пётр", "Петрова Анна"]
    assert set(t["event"]) == {"Сессия 1"} and set(t["date"]) == {"2024-03-05"}
    assert sorted(t["email"]) == ["anna@example.org", "petr@example.org"]


def test_surname_and_first_name_in_columns_of_their_own_are_one_name(tmp_path):
    """«Фамилия», «Имя», «Отчество» in three columns: two Annas are two people (the first name
    alone made them one)."""
    src = tmp_path / "list.csv"
    src.write_bytes("Фамилия;Имя;Отчество;Мероприятие;Дата рождения\n"
                    "Петрова;Анна;Ивановна;Сессия 1;01.01.1980\n"
                    "Смирнова;Анна;;Сессия 1;02.02.1990\n".encode("cp1251"))
    t = tables.load_attendance(tables.read_table(src), src.name)
    assert sorted(t["person"]) == ["Петрова Анна Ивановна", "Смирнова Анна"]
    assert set(t["date"]) == {""}  # a birthday is no date of the event


def test_dates_as_staff_write_them(tmp_path):
    path = _xlsx(tmp_path / "dates.xlsx", [("Лист1", [
        ["ФИО", "Мероприятие", "Дата"],
        ["Петрова Анна", "Сессия 1", 45356],  # a date cell saved as Excel's day number
        ["Иванов Пётр", "Сессия 2", "6 марта 2024 г."],
        ["Сидоров Олег", "Сессия 3", "07.03.24"],
    ], [])])
    t = tables.load_attendance(tables.read_table(path), path.name)
    assert t["date"].tolist() == ["2024-03-05", "2024-03-06", "2024-03-07"]


def test_a_first_row_that_reads_like_headings_is_still_a_person(tmp_path):
    """A column with no heading (notes) does not make the first person a second heading row,
    even when their cells read like headings («Сессия 1», «Администрация района»)."""
    path = _xlsx(tmp_path / "list.xlsx", [("Лист1", [
        ["ФИО", "Мероприятие", "Организация", None],
        ["Петрова Анна", "Сессия 1", "Администрация района", "опоздала"],
        ["Иванов Пётр", "Сессия 1", "Школа № 1", ""],
    ], [])])
    t = tables.load_attendance(tables.read_table(path), path.name)
    assert sorted(t["person"]) == ["Иванов Пётр", "Петрова Анна"]


# ---------------------------------------------------------------------------
# Partnership (edge) lists as staff head them


PARTNERSHIPS = [["НКО «Родник»", "Администрация Плесецкого округа", 3],
                ["НКО «Родник»", "Дом культуры Емцы", 1],
                ["ТОС «Заречье»", "Администрация Плесецкого округа", 2]]


@pytest.mark.parametrize("headings", [
    ["Организация 1", "Организация 2", "Вес"],
    ["Кто", "С кем", "Число"],
    ["Источник", "Получатель", "Вес"],
    ["Организация", "Партнёр", "Число"],
    ["Организация №1", "Организация №2", "Количество"],
    ["from", "to", "weight"],
    ["Organisation 1", "Organisation 2", "count"],
    ["organisation", "partner", "weight"],
])
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_an_edge_list_headed_in_russian_or_english_is_read_by_the_command(tmp_path, capsys, headings, kind):
    """A partnership list headed as staff write it («Организация 1;Организация 2», «Кто;С кем»,
    «Организация;Партнёр», «Вес»/«Число»…) is analysed, each tie with its weight; it was refused."""
    from workbench.cli import main
    from workbench.network.pipeline import read_output

    if kind == "csv":
        src = tmp_path / "partners.csv"
        lines = [";".join(headings)] + [";".join(str(v) for v in row) for row in PARTNERSHIPS]
        src.write_bytes("\n".join(lines).encode("cp1251"))
    else:  # a title above the list, as staff make a sheet
        src = _xlsx(tmp_path / "partners.xlsx", [("Партнёрства", [["Партнёрства 2024"], [], headings, *PARTNERSHIPS], [])])
    assert main(["network", str(src), "--output-dir", str(tmp_path / "out")]) == 0, capsys.readouterr().err
    assert capsys.readouterr().out.startswith("узлов: 4, связей: 3,")
    edges = read_output(tmp_path / "out" / "edges.csv")
    assert {(frozenset((s, t)), w) for s, t, w in edges[["source", "target", "weight"]].values} == \
        {(frozenset((s, t)), w) for s, t, w in PARTNERSHIPS}


@pytest.mark.parametrize("rows, message", [
    ([["Название", "Кому"], ["НКО «Родник»", "ТОС «Заречье»"]],
     "partners.xlsx: в файле нет столбца с первым участником связи: найдены «Название», «Кому». "
     "Нужен столбец «Организация 1» или «source»."),
    ([["Название", "Адрес"], ["НКО «Родник»", "Плесецк"]],
     "partners.xlsx: непонятно, что это за список: найдены «Название», «Адрес». Нужны столбцы «ФИО» и «Мероприятие» "
     "(кто в чём участвовал; или `person` и `event` или `group`) или два конца связи: «Организация 1» и "
     "«Организация 2», «Кто» и «С кем», «Источник» и «Получатель» (или `source` и `target`; список связей)"),
])
def test_a_list_still_not_understood_is_refused_naming_what_was_found_and_what_is_expected(
        tmp_path, capsys, rows, message):
    from workbench.cli import main

    src = _xlsx(tmp_path / "partners.xlsx", [("Лист1", rows, [])])
    assert main(["network", str(src), "--output-dir", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == f"workbench network: ошибка: {message}\n"
    assert not (tmp_path / "out").exists()
