"""Staff network analysis: the store as attendance lists, the demo files, the view without a browser."""

from __future__ import annotations

import datetime as dt
import html
import json
import re

import pandas as pd
import pytest

from workbench.network import build_graph, load_attendance, people_projection
from workbench.network.demo import DEMO_DIR, programme
from workbench.network.report import analyse, prepare
from workbench.network.store_import import store_attendance
from workbench.session.teams import join as join_team
from workbench.ui.network_view import AnalysisView

# ---------------------------------------------------------------------------
# The store as attendance lists


def test_store_import_builds_the_demo_session_graph(wb, demo):
    raw = store_attendance(wb.store)
    # The demo session has 20 participants; one gave no name and is left out.
    assert len(raw) == 19 and "" not in set(raw["person"])
    assert set(raw["event"]) == {"Стратегическая сессия: будущее Каргопольского округа"}
    assert set(raw["date"]) == {"2019-10-12"}
    assert set(raw["event_territory"]) == {"Каргопольский округ"}
    assert set(raw["kind"]) == {"strategic_session"}
    G = build_graph(load_attendance(raw))
    kinds = pd.Series(dict(G.nodes(data="kind"))).value_counts().to_dict()
    assert kinds["person"] == 19 and kinds["event"] == 1
    assert G.nodes["person:Игорь Смирнов"]["territory"] == "Ошевенск"
    assert G.nodes["person:Игорь Смирнов"]["sector"] == "tos"
    assert G.has_edge("person:Игорь Смирнов", "organisation:ТОС «Ошевенский»")
    assert G.has_edge("organisation:ТОС «Ошевенский»", "territory:Ошевенск")
    P = people_projection(G)
    assert P.number_of_edges() == 19 * 18 // 2  # one event: everybody met everybody
    coded = store_attendance(wb.store, unnamed="code")
    assert len(coded) == 20 and coded["person"].str.startswith("Участник KARGO1-").sum() == 1


def test_store_import_joins_people_across_sessions_and_teams(wb, demo):
    store = wb.store
    code = store.create_session("Модуль 1", territory="Архангельск", date="2020-02-01",
                                kind="educational_module", code="MODUL1")
    sid = store.session(code)["id"]
    anna = store.join(sid, name="Петрова Анна", territory="Каргополь", sector="authority")
    igor = store.join(sid, name="Игорь Смирнов", territory="Ошевенск", sector="tos")
    store.join(sid, name="Новый Человек", territory="Няндома", sector="ngo")
    if hasattr(store, "join_team"):
        stages = {s["kind"]: s for s in store.stages(sid)}
        idea = store.add_card(sid, stages["ideas"]["id"], "Школа ремёсел",
                                      participant_id=anna["id"])
        for p in (anna, igor):
            join_team(store, stages["teams"]["id"], p["id"], idea["id"])
    r = analyse(prepare(store_attendance(store), "store"), seed=0)
    people = r.people_table.set_index("label")
    # "Петрова Анна" and "Анна Петрова" are one person (word order does not matter).
    anna = [n for n in people.index if set(n.split()) == {"Анна", "Петрова"}]
    assert len(anna) == 1
    assert people.loc[anna[0], "events"] == (3 if hasattr(store, "join_team") else 2)
    assert people.loc["Новый Человек", "events"] == 1
    assert r.summary["events"] == (3 if hasattr(store, "join_team") else 2)


# ---------------------------------------------------------------------------
# The demo files


def test_committed_demo_files_are_the_generators_output():
    for name, df in programme().items():
        committed = pd.read_csv(DEMO_DIR / name, dtype=str, keep_default_na=False)
        expected = df.astype(str)
        assert committed.columns.tolist() == expected.columns.tolist(), name
        assert committed.values.tolist() == expected.values.tolist(), name
    readme = (DEMO_DIR / "README.md").read_text(encoding="utf-8")
    assert "invented for this project" in readme


def test_demo_year_has_districts_brokers_repeat_visitors_and_spellings():
    table = prepare(DEMO_DIR / "attendance.csv")
    r = analyse(table, seed=0)
    assert 150 <= r.summary["people"] <= 250
    assert table.groupby("kind")["event"].nunique().to_dict() == {
        "educational_module": 3, "online_meeting": 12, "strategic_session": 3}
    assert r.brokers.iloc[0]["n_territories"] == 4
    assert (r.repeat.set_index("events")["people"].loc[2:].sum()) > 40
    assert r.summary["spellings_merged"] >= 3 and len(r.matches) >= 4
    assert r.growth["cumulative_people"].iloc[-1] == r.summary["people"]
    assert r.communities["size"].sum() == r.summary["people"]


# ---------------------------------------------------------------------------
# The view, without a browser


@pytest.fixture
def view(wb):
    return AnalysisView(wb)


def _names_in(html: str, names) -> set:
    return {n for n in names if f">{n}<" in html}


def test_view_shows_the_demo_and_a_territory_filter_removes_other_peoples_rows(view):
    assert view.message.value == ""
    assert "wb-rank-people" in view.people_html.value
    everyone = view.report.people_table
    outsiders = set(everyone[everyone["territory"] != "Плесецкий округ"]["label"].head(15))
    assert _names_in(view.people_html.value, outsiders)
    view.territory.value = "Плесецкий округ"
    assert set(view.report.people_table["territory"]) == {"Плесецкий округ"}
    assert not _names_in(view.people_html.value, outsiders)
    assert view.report.summary["people"] < everyone.shape[0]
    view.reset.click()
    assert view.territory.value == "" and view.report.summary["people"] == everyone.shape[0]


def test_view_sector_and_date_filters_and_an_empty_selection(view):
    before = view.report.summary["events"]
    view.date_from.value = "01.07.2024"
    assert view.report.summary["events"] < before
    assert set(view.report.growth["date"]) <= {d for d in view.report.growth["date"]
                                               if d >= "2024-07-01"}
    view.sector.value = "business"
    assert set(view.report.people_table["sector"]) == {"business"}
    view.date_to.value = "2024-01-01"  # before the start: nothing left
    assert "wb-err" in view.message.value and view.report is None
    assert view.people_html.value == ""


def test_view_dates_are_typed_the_russian_way_and_a_mistyped_one_is_said(view):
    everyone = view.report.summary["events"]
    assert view.date_from.placeholder == "ДД.ММ.ГГГГ" and view.date_to.description == "По дату"
    view.date_from.value = "1.7.2024"
    after_july = view.report.summary["events"]
    assert after_july < everyone and view.date_from.value == "01.07.2024"  # written back in full
    assert min(view.report.growth["date"]) >= "2024-07-01" and view.message.value == ""
    view.date_to.value = "07/31/2024"  # the browser's American order: refused, in words
    assert "wb-err" in view.message.value and "«07/31/2024» не распознана" in view.message.value
    assert "ДД.ММ.ГГГГ" in view.message.value
    assert view.report.summary["events"] == after_july  # the tables stay as they were
    view.date_to.value = "2024-07-31"  # ISO is understood too, and shown the Russian way
    assert view.date_to.value == "31.07.2024" and view.message.value == ""
    assert max(view.report.growth["date"]) <= "2024-07-31"
    view.lang_toggle.value = "en"
    assert view.date_from.value == "2024-07-01" and view.date_from.placeholder == "YYYY-MM-DD"
    view.reset.click()
    assert view.date_from.value == view.date_to.value == ""
    assert view.report.summary["events"] == everyone


def test_view_match_decisions_merge_people_and_are_kept_for_other_pages(wb, view):
    first = view.matches_box.children[0]
    people = view.report.summary["people"]
    undecided = view.report.summary["undecided_matches"]
    confirm = first.children[1]
    confirm.click()
    assert view.message.value == ""
    assert view.report.summary["people"] == people - 1
    assert view.report.summary["undecided_matches"] == undecided - 1
    assert view.matches_box.children[0].children[1].button_style == "success"
    saved = json.loads((wb.data_dir / "network" / "match_decisions.json").read_text())
    assert saved["demo"][first.pair] == "confirm"
    # Another page (a new kernel) sees the decision from the data folder.
    again = AnalysisView(wb)
    assert again.report.summary["people"] == people - 1
    again.matches_box.children[0].children[2].click()  # changed our mind: different people
    assert again.report.summary["people"] == people


def test_view_exports_every_format_and_pseudonymised_exports_hold_no_names(wb, view):
    view.export_button.click()
    plain = view.last_export
    assert sorted(p.name for p in plain.iterdir()) == sorted(
        ["people.gexf", "people.graphml", "model.gexf", "nodes.csv", "edges.csv", "growth.csv",
         "network.xlsx", "network.png", "network.svg"])
    assert "download='people.gexf'" in view.export_links.value
    top = view.report.people_table["label"].iloc[0]
    assert top in (plain / "nodes.csv").read_text(encoding="utf-8-sig")

    view.contacts.value = True  # asked for, then codes: no contacts all the same
    view.pseudonymise.value = True
    assert view.contacts.value is False and view.contacts.disabled
    view.export_button.click()
    coded = view.last_export
    assert coded != plain and coded.name.endswith("pseudonymised")
    table = view.table
    secrets = set(table["person"]) | {e for e in table["email"] if e}
    surnames = {n.split()[0] for n in table["person"]}
    for f in coded.iterdir():
        text = f.read_bytes().decode("utf-8", errors="ignore")
        leaked = [s for s in secrets | surnames if s in text]
        assert not leaked, f"{leaked[:3]} in {f.name}"
    assert "P0001" in (coded / "nodes.csv").read_text(encoding="utf-8-sig")


def test_view_upload_store_source_language_and_errors(wb, demo, view):
    good = "ФИО;Мероприятие;Дата;Территория\nАнна Белова;Встреча;01.03.2024;Няндома\n" \
           "Олег Орлов;Встреча;01.03.2024;Каргополь\nАнна Белова;Сессия;05.04.2024;Няндома\n"
    data = good.encode("cp1251")
    view.upload.value = ({"name": "list.csv", "type": "text/csv", "size": len(data),
                          "content": memoryview(data), "last_modified": dt.datetime(2024, 3, 1)},)
    assert view.source.value == "upload"
    assert "list.csv" in view.message.value and "wb-ok" in view.message.value
    assert view.report.summary["people"] == 2 and view.report.summary["events"] == 2
    assert [lab for _, lab in view.territory.options[1:]] == ["Каргополь", "Няндома"]

    bad = b"person,event,date\nAnna,E1,not a date\n"
    view.upload.value = ({"name": "bad.csv", "type": "text/csv", "size": len(bad),
                          "content": memoryview(bad), "last_modified": dt.datetime(2024, 3, 2)},)
    assert view.message.value == ("<div class='wb-err'>bad.csv: строка 2, столбец «date»: «not a date» — не дата "
                                  "(пишите, например, 05.03.2024)</div>")  # the file's row and column, in Russian

    view.source.value = "store"
    assert view.message.value == ""
    assert view.report.summary["people"] == 19 and view.report.summary["events"] == 1

    view.lang_toggle.value = "en"
    assert view.tabs.get_title(0) == "People" and "People: 19" in view.summary.value
    assert ">Name<" in view.people_html.value
    view.upload.value = ({"name": "bad.csv", "type": "text/csv", "size": len(bad),
                          "content": memoryview(bad), "last_modified": dt.datetime(2024, 3, 3)},)
    assert "bad.csv: row 2, column &#x27;date&#x27;: &#x27;not a date&#x27; is not a date" in view.message.value


def test_view_map_tab_draws_and_focus_zooms(view):
    view.tabs.selected_index = view.tab_keys.index("na_tab_map")
    assert view.map_image.value[:4] == b"\x89PNG"
    assert view.svg.value.startswith("<svg") and "<title>" in view.svg.value
    person = view.report.people_table["id"].iloc[0]
    view.focus.value = person
    view.zoom.value = 4.0
    label = view.report.people_table["label"].iloc[0]
    assert label in view.focus_details.value
    assert "viewBox='0.0 0.0" not in view.svg.value  # zoomed in on the person
    view.tabs.selected_index = view.tab_keys.index("na_tab_growth")
    assert view.growth_image.value[:4] == b"\x89PNG"


def test_view_writes_decimal_commas_in_russian_and_points_in_english(view):
    import re

    point = re.compile(r"\d\.\d")
    comma = re.compile(r">\d+,\d+<")
    view.focus.value = view.report.people_table["id"].iloc[0]
    view.zoom.value = 1.5
    assert view.zoom.label == "1,5×"
    pages = {"people": view.people_html, "brokers": view.brokers_html,
             "communities": view.communities_html, "organisations": view.orgs_html}
    for name, widget in pages.items():
        assert comma.search(widget.value), name  # betweenness 0,0577, a sector share 0,25
        assert not point.search(widget.value), (name, point.findall(widget.value)[:3])
    assert ": 0," in view.focus_details.value and not point.search(view.focus_details.value)
    scores = [row.children[0].value for row in view.matches_box.children]
    assert all(re.search(r"\d,\d\d ·", s) for s in scores) and not point.search(scores[0])

    view.lang_toggle.value = "en"
    assert view.zoom.value == 1.5 and view.zoom.label == "1.5×"
    assert point.search(view.people_html.value) and not comma.search(view.people_html.value)
    assert re.search(r"\d\.\d\d ·", view.matches_box.children[0].children[0].value)


def svg_label_boxes(svg: str) -> list:
    """The name labels of the interactive map with their boxes, measured in DejaVu Sans (the
    browsers' sans-serif here) as (text, left, top, right, bottom) in the SVG's units."""
    import html
    import re

    from matplotlib import font_manager
    from PIL import ImageFont

    font = ImageFont.truetype(font_manager.findfont("DejaVu Sans"), 100)
    boxes = []
    for x, y, size, text in re.findall(r"<text x='([-\d.]+)' y='([-\d.]+)' font-size='([\d.]+)'"
                                       r"[^>]*>([^<]*)</text>", svg):
        text, scale = html.unescape(text), float(size) / 100
        left, top, right, bottom = font.getbbox(text, anchor="ls")  # from the baseline
        boxes.append((text, float(x) + left * scale, float(y) + top * scale,
                      float(x) + right * scale, float(y) + bottom * scale))
    return boxes


def assert_apart(boxes):
    for i, (a, *box_a) in enumerate(boxes):
        for b, *box_b in boxes[i + 1:]:
            apart = (box_a[2] <= box_b[0] or box_b[2] <= box_a[0] or box_a[3] <= box_b[1]
                     or box_b[3] <= box_a[1])
            assert apart, f"{a!r} overlaps {b!r}"


def test_view_map_names_of_the_best_connected_do_not_overlap(view):
    top = list(view.report.people_table["label"].head(10))  # Носкова, Широков, Тарасов, …
    boxes = svg_label_boxes(view.svg.value)
    assert len(boxes) >= 9 and top[0] in [b[0] for b in boxes]
    assert_apart(boxes)
    view.focus.value = view.report.people_table["id"].iloc[3]
    for zoom in (1.0, 2.5, 8.0):
        view.zoom.value = zoom
        boxes = svg_label_boxes(view.svg.value)
        assert top[3] in [b[0] for b in boxes]  # the person chosen is always named
        assert_apart(boxes)


def _tick_labels(fig) -> tuple[list[str], list[str]]:
    """The growth chart's y tick labels after drawing: people (left axis), share (right axis)."""
    fig.draw_without_rendering()  # tick labels are made while drawing
    left, right = fig.axes
    return ([t.get_text() for t in left.get_yticklabels() if t.get_text()],
            [t.get_text() for t in right.get_yticklabels() if t.get_text()])


def test_growth_chart_writes_its_numbers_in_russian(view):
    """The analysis page's growth chart: "0,2" on the share axis and "2 000" for a programme of
    thousands of people in Russian (a narrow no-break space apart), "0.2" and "2,000" in English."""
    from workbench.network.export import growth_figure

    people, share = _tick_labels(growth_figure(view.report.growth, lang=view.lang))
    assert view.lang == "ru" and "0,2" in share and "1,0" in share
    assert not any("." in label for label in people + share), (people, share)
    assert people[0] == "0" and all(label.isdigit() for label in people)  # whole people, none below 0
    big = view.report.growth.assign(new_people=view.report.growth["new_people"] * 40,
                                    cumulative_people=view.report.growth["cumulative_people"] * 40)
    assert big["cumulative_people"].max() > 2000
    people, _ = _tick_labels(growth_figure(big, lang="ru"))
    assert "2\u202f000" in people and not any("," in label or label.isdigit() and len(label) > 3
                                                for label in people)
    people, share = _tick_labels(growth_figure(big, lang="en"))
    assert "2,000" in people and "0.2" in share
    view.lang_toggle.value = "en"  # the page draws the chart in the language it shows
    view.tabs.selected_index = view.tab_keys.index("na_tab_growth")
    assert view.growth_image.value[:4] == b"\x89PNG"


def _upload(view, name: str, data: bytes) -> str:
    """Upload `data` as the staff's file `name`; the page's message line as its text."""
    view.upload.value = ({"name": name, "type": "", "size": len(data), "content": memoryview(data),
                          "last_modified": dt.datetime(2024, 3, 1)},)
    return html.unescape(re.sub(r"<[^>]+>", "", view.message.value))


EXCEL_ROWS = [  # as staff keep a list in Excel: the workbench's own «Сфера», sectors typed by hand
    ("Анна Белова", "Встреча", "01.03.2024", "Няндома", "ТОС «Заречье»", "ТОС"),
    ("Олег Орлов", "Встреча", "01.03.2024", "Каргополь", "Администрация", "органы власти"),
    ("Ира Котова", "Встреча", "01.03.2024", "Каргополь", "", "житель"),
    ("Пётр Лис", "Сессия", "05.04.2024", "Няндома", "АНО «Север»", "нко"),
    ("Анна Белова", "Сессия", "05.04.2024", "Няндома", "ТОС «Заречье»", "tos"),
    ("Олег Орлов", "Сессия", "05.04.2024", "Каргополь", "Администрация", "Органы власти / МСУ"),
    ("Вера Зуева", "Сессия", "05.04.2024", "Каргополь", "Школа № 1", "школа"),
    ("Вера Зуева", "Встреча", "01.03.2024", "Каргополь", "Школа № 1", "школа"),
    ("Юлия Сыч", "Сессия", "05.04.2024", "Няндома", "Музей", "культура"),
]
EXCEL_HEADER = ["ФИО", "Мероприятие", "Дата", "Территория", "Организация", "Сфера"]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_upload_reads_the_sfera_column_and_maps_typed_sectors_to_the_pages_own(view, tmp_path, kind):
    """«Сфера» (the workbench's own heading) is the sector; «ТОС», «органы власти», «житель», «нко», a
    code: the page's sectors; «школа» and «культура» stay as typed, and the page says so."""
    frame = pd.DataFrame(EXCEL_ROWS, columns=EXCEL_HEADER)
    if kind == "csv":  # Excel's "CSV (разделители — точка с запятой)": cp1251 and ';'
        data = frame.to_csv(sep=";", index=False).encode("cp1251")
    else:
        frame.to_excel(tmp_path / "list.xlsx", index=False)
        data = (tmp_path / "list.xlsx").read_bytes()
    said = _upload(view, f"Список.{kind}", data)
    assert said == f"Загружен файл «Список.{kind}»"
    sectors = [label for label, _ in view.sector.options[1:]]
    assert sorted(sectors) == sorted(["ТОС", "Органы власти / МСУ", "Житель", "НКО", "школа", "культура"])
    people = view.people_html.value
    assert ">Органы власти / МСУ<" in people and ">Житель<" in people and ">школа<" in people
    notice = html.unescape(view.notice.value)
    assert "wb-warn" in notice
    assert "3 строки с незнакомой сферой: «школа» (2), «культура» (1)." in notice
    assert "Сферы страницы: НКО, ТОС, Органы власти / МСУ, Бизнес, Житель, Другое." in notice
    view.sector.value = "authority"  # the filter takes both spellings of one sector
    assert view.report.summary["people"] == 1 and ">Олег Орлов<" in view.people_html.value

    view.lang_toggle.value = "en"
    assert view.source.value == "upload"  # the language changed, not the list
    assert "3 rows with a sector the page does not know: 'школа' (2), 'культура' (1)." \
        in html.unescape(view.notice.value)
    view.source.value = "demo"  # a list without strange sectors: no warning
    assert view.notice.value == ""


def test_upload_problems_are_said_in_the_pages_language_naming_the_users_file(view, wb):
    """Each refusal names the staff's file by its name (never the server's folder), their own
    headings, and what to do; in English on the English page."""
    folder = str(wb.data_dir)
    said = _upload(view, "wrongcols.csv", "ФИО;email\nАнна Белова;a@b.ru\n".encode("cp1251"))
    assert said == ("wrongcols.csv: в файле нет столбца с мероприятием: найдены «ФИО», «email». "
                    "Нужен столбец «Мероприятие» или «event».")
    assert view.message.value.startswith("<div class='wb-err'>")
    said = _upload(view, "broken.xlsx", b"PK\x03\x04 not really a workbook")
    assert said.startswith("Файл «broken.xlsx» не открывается как книга Excel: он повреждён или это не .xlsx. "
                           "Откройте его в Excel и сохраните заново")
    assert _upload(view, "empty.csv", b"") .startswith("Файл «empty.csv» пуст. Нужна таблица")
    assert _upload(view, "photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00") .startswith(
        "Файл «photo.csv» — не таблица")
    said = _upload(view, "dates.csv", "ФИО;Мероприятие;Дата\nАнна;Встреча;в марте\n".encode())
    assert said == "dates.csv: строка 2, столбец «Дата»: «в марте» — не дата (пишите, например, 05.03.2024)"
    # Excel's "Unicode text": UTF-16 with tabs, read like any other list
    said = _upload(view, "unicode.txt", "ФИО\tМероприятие\r\nАнна\tВстреча\r\nОлег\tВстреча\r\n".encode("utf-16"))
    assert said == "Загружен файл «unicode.txt»" and view.report.summary["people"] == 2

    uploads = wb.data_dir / "network" / "uploads"
    assert sorted(p.name for p in uploads.iterdir()) == ["unicode.txt"]  # a refused file is not kept
    _upload(view, "unicode.txt", b"")  # the same name again, refused: the good one stays, on screen too
    assert view.source.value == "upload" and view.report.summary["people"] == 2
    assert "Анна" in (uploads / "unicode.txt").read_bytes().decode("utf-16")
    assert AnalysisView(wb, source="upload").report.summary["people"] == 2  # the next visit too

    view.lang_toggle.value = "en"
    said = _upload(view, "wrongcols.csv", b"person,email\nAnna,a@b.ru\n")
    assert said == ("wrongcols.csv: there is no column for the event; found 'person', 'email'. "
                    "Name a column 'event'.")
    said = _upload(view, "broken.xlsx", b"PK\x03\x04 not really a workbook")
    assert said.startswith("The file 'broken.xlsx' does not open as an Excel workbook")
    for text in (said, view.message.value):
        assert folder not in text and "uploads" not in text and "BadZipFile" not in text


def test_the_staff_export_is_ready_for_russian_excel_and_holds_no_contacts_unless_asked(view):
    """nodes.csv, edges.csv and growth.csv open in Russian Excel by a double click: ';', a decimal
    comma, the page's headings, sectors in words, people by name; the same tables are sheets of
    network.xlsx. E-mails only when the staff tick the box (off by default)."""
    import openpyxl

    assert "Заменить имена кодами" in view.pseudonymise.description
    assert view.contacts.value is False and view.contacts.description == "Добавить эл. почту и телефоны"
    view.export_button.click()
    folder = view.last_export
    lines = {n: (folder / f"{n}.csv").read_text(encoding="utf-8-sig").splitlines()
             for n in ("nodes", "edges", "growth")}
    assert lines["nodes"][0].startswith("Имя;Территория;Организация;Сфера;Мероприятий;Знакомых;Встреч со знакомыми;")
    top = lines["nodes"][1].split(";")
    assert top[:4] == ["Носкова Софья", "Няндомский округ", "ТОС «Заречье» (Няндома)", "ТОС"]
    assert re.fullmatch(r"0,\d+", top[7])  # the go-between role, with a decimal comma
    assert dict(zip(lines["nodes"][0].split(";"), top, strict=True))["Сообщество"] == "3"  # as the page numbers it
    sectors = {row.split(";")[3] for row in lines["nodes"][1:]}
    assert sectors <= {"НКО", "ТОС", "Органы власти / МСУ", "Бизнес", "Житель", "Другое", ""}
    assert lines["edges"][0] == "Участник;Связан(а) с;Общих мероприятий;Сила связи"
    assert "person:" not in "\n".join(lines["edges"])
    assert lines["growth"][0].startswith("Мероприятие;Дата;Участников;Новых;Вернувшихся;Всего людей")
    assert lines["growth"][1].endswith(";1,0")
    for name in ("nodes.csv", "edges.csv", "growth.csv", "people.gexf", "people.graphml", "model.gexf",
                 "network.xlsx"):
        assert "@example.org" not in (folder / name).read_bytes().decode("utf-8", "ignore"), name
    book = openpyxl.load_workbook(folder / "network.xlsx")
    assert book.sheetnames == ["Люди", "Связи", "Рост"]
    row = [c.value for c in book["Люди"][2]]
    assert row[:4] == top[:4] and isinstance(row[7], float)  # numbers stay numbers in XLSX
    assert "download='network.xlsx'" in view.export_links.value

    view.contacts.value = True
    view.export_button.click()
    nodes = (view.last_export / "nodes.csv").read_text(encoding="utf-8-sig").splitlines()
    assert nodes[0].endswith(";Эл. почта") and "@example.org" in nodes[1]

    view.lang_toggle.value = "en"
    view.contacts.value = False
    view.export_button.click()
    nodes = (view.last_export / "nodes.csv").read_text(encoding="utf-8-sig").splitlines()
    assert nodes[0].startswith("Name,Territory,Organisation,Sector,") and ",Neighbourhood council (TOS)," in nodes[1]
    assert openpyxl.load_workbook(view.last_export / "network.xlsx").sheetnames == ["People", "Ties", "Growth"]


# ---------------------------------------------------------------------------
# What the figures and numbers on the page mean (review items 4, 6, 7)


def table_rows(html: str, css: str) -> list[dict]:
    """The rows of the page's table `css` as {heading: cell text}, as staff read them."""
    import html as html_lib
    import re

    start = html.index(f"wb-table {css}")
    table = html[start:html.index("</table>", start)]
    heads = [html_lib.unescape(h) for h in re.findall(r"<th[^>]*>([^<]*)</th>", table)]
    return [dict(zip(heads, [html_lib.unescape(c) for c in re.findall(r"<td>([^<]*)</td>", row)],
                     strict=True))
            for row in re.findall(r"<tr>(.*?)</tr>", table, re.S) if "<td>" in row]


def svg_dot_colour(svg: str, name: str) -> str:
    import re

    return re.search(r"<circle [^>]*fill='(#[0-9a-f]{6})'[^>]*><title>" + re.escape(name), svg)[1]


def legend_keys(html: str) -> dict:
    """The interactive map's legend as {colour: what it stands for}."""
    import re

    return {c: lab for c, lab in re.findall(r"<i style='background:(#[0-9a-f]{6})'></i>([^<]*)<",
                                            html)}


def test_a_community_has_one_number_in_the_tables_both_maps_and_the_exports(view):
    from workbench.network.export import draw_network

    top = table_rows(view.people_html.value, "wb-rank-people")[0]
    name, number = top["Имя"], top["Сообщество"]
    assert name == "Носкова Софья" and number == "3"  # counted from 1, as people read them
    communities = table_rows(view.communities_html.value, "wb-rank-communities")
    assert sorted(int(r["Сообщество"]) for r in communities) == [1, 2, 3, 4]
    # the page's map: her dot is in the colour its legend gives to «Сообщество 3»
    view.tabs.selected_index = view.tab_keys.index("na_tab_map")
    colour = svg_dot_colour(view.svg.value, name)
    assert legend_keys(view.legend.value)[colour] == "Сообщество 3"
    assert "Цвет: сообщество" in view.legend.value
    # the static map (the picture on the tab and the export) names the same colour the same way
    comm = dict(zip(view.report.metrics["id"], view.report.metrics["community"], strict=True))
    legend = draw_network(view.report.people, community=comm, colour_by="community").axes[0].get_legend()
    static = {h.get_markerfacecolor(): t.get_text()
              for h, t in zip(legend.legend_handles, legend.get_texts(), strict=True)}
    assert static[colour] == "Сообщество 3"
    view.focus.value = view.report.people_table["id"].iloc[0]
    assert "Сообщество: 3" in view.focus_details.value
    # the exported files say 3 too
    view.export_button.click()
    svg = (view.last_export / "network.svg").read_text(encoding="utf-8")
    assert ">Сообщество 3</text>" in svg and ">Сообщество 0</text>" not in svg
    import networkx as nx

    graph = nx.read_graphml(view.last_export / "people.graphml")
    her = next(n for n, d in graph.nodes(data=True) if d.get("label") == name)
    assert graph.nodes[her]["community"] == 3
    # the page's map follows the colouring chosen, with its legend, as the static map does
    view.colour_by.value = "territory"
    assert "Цвет: территория" in view.legend.value
    assert legend_keys(view.legend.value)[svg_dot_colour(view.svg.value, name)] == "Няндомский округ"
    view.lang_toggle.value = "en"
    assert "Colour: territory" in view.legend.value


def test_go_betweens_are_only_people_who_link_others(wb, demo, view):
    rows = table_rows(view.people_html.value, "wb-rank-betweenness")
    linking = (view.report.people_table["betweenness"] > 0).sum()
    assert len(rows) == min(15, linking) and rows[0]["Имя"] == "Дьячков Максим"
    assert all(r["Связующая роль"] != "0" for r in rows)
    # one session in the store: everybody met everybody, nobody links anybody
    view.source.value = "store"
    assert view.report.summary["people"] == 19
    assert "wb-rank-betweenness" not in view.people_html.value
    assert "Посредников нет" in view.people_html.value
    view.lang_toggle.value = "en"
    assert "No go-betweens" in view.people_html.value


def test_the_people_table_headings_say_what_its_figures_count(view):
    r = view.report
    top = table_rows(view.people_html.value, "wb-rank-people")[0]
    assert top["Имя"] == "Носкова Софья"
    node = r.people_table["id"].iloc[0]
    events = [e for e in r.graph[node] if r.graph.nodes[e].get("kind") == "event"]
    people_at = {e: sum(1 for u in r.graph[e] if u in r.people) for e in events}
    # events she attended; different people she met; each of them once per event together
    assert int(top["Мероприятий"]) == len(events) == 16 <= r.summary["events"]
    assert int(top["Знакомых"]) == len(r.people[node]) < r.summary["people"]
    assert int(top["Встреч со знакомыми"]) == sum(n - 1 for n in people_at.values()) == 326
    html = view.people_html.value
    assert "Совместных мероприятий" not in html
    assert "<th title='Сколько разных людей человек встретил на мероприятиях'>Знакомых</th>" in html
    assert "считается трижды" in html  # the note under the heading says how they are counted
    orgs = view.orgs_html.value
    assert ">Связанных организаций<" in orgs and ">Сила связей<" in orgs
    assert "Совместных мероприятий" not in orgs
    view.lang_toggle.value = "en"
    top = table_rows(view.people_html.value, "wb-rank-people")[0]
    assert top["People met"] == "138" and top["Meetings with others"] == "326"
    assert "Events shared" not in view.people_html.value + view.orgs_html.value


def test_a_file_over_the_limit_is_refused_unwritten_and_a_refusal_from_the_page_is_said(view, wb):
    """The kernel checks the size too (a file the page's script did not stop); the page's own
    refusal (the hidden box's `{"name", "size"}`) is said the same way, in the page's language."""
    assert "wb-upload-max-10000000" in view.upload._dom_classes  # the limit the page's script reads
    said = _upload(view, "big.csv", b"person,event\n" + b"x" * 10_500_000)
    assert said.startswith("Файл «big.csv» слишком большой для страницы: 10,5 МБ, а можно до 10 МБ.")
    assert not (wb.data_dir / "network" / "uploads" / "big.csv").exists()  # not even written
    view.upload_refused.value = '{"name": "list.csv", "size": 52400000, "at": 1}'
    assert view.message.value == ("<div class='wb-err'>Файл «list.csv» слишком большой для страницы: 52,4 МБ, "
                                  "а можно до 10 МБ. Разделите список на части (например, по годам) и "
                                  "загрузите их по одной.</div>")
    view.lang_toggle.value = "en"
    view.upload_refused.value = '{"name": "list.csv", "size": 52400000, "at": 2}'
    assert "The file 'list.csv' is too big for the page: 52.4 MB, the limit is 10 MB" in html.unescape(view.message.value)
