"""One organisation written differently is one organisation in the network: labelled pairs, the
network's figures, the staff's list, the command and the page."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from workbench.cli import main
from workbench.network.organisations import merge_organisations, organisation_key, read_aliases
from workbench.network.pipeline import read_output
from workbench.network.report import analyse, prepare
from workbench.network.tables import NetworkInputError
from workbench.ui.network_view import AnalysisView

DEMO = Path(__file__).resolve().parent.parent / "sessions_data" / "demo"

# (spelling, territory) pairs staff would call one organisation …
SAME = [
    (("НКО «Родник»", "Плесецк"), ("НКО Родник", "Плесецк")),
    (("НКО «Родник»", "Плесецк"), ("Родник", "Плесецк")),
    (("НКО «Родник»", "Плесецк"), ('АНО "Родник"', "Плесецк")),
    (("НКО «Родник»", "Плесецк"), ("нко родник", "Плесецк")),
    (("НКО «Родник»", "Плесецк"), ("Родник (НКО)", "Плесецк")),
    (("«Родник», АНО", "Плесецк"), ("АНО ДО „Родник“", "Плесецк")),
    (("МБУ «Молодёжный центр Юность»", "Плесецк"), ("молодежный центр юность", "Плесецк")),
    (("ООО «Лесозаготовитель»", "Няндома"), ("Лесозаготовитель", "Плесецк")),  # a name, not a kind
    (("ТОС «Заречье-2»", "Няндома"), ("ТОС Заречье 2", "Няндома")),
    (("Фонд «Поморье»", "Архангельск"), ("Фонд Помроье", "Архангельск")),  # two letters swapped
    (("Совет ветеранов Каргополя", "Каргополь"), ("Совет ветеранов Каргопля", "Каргополь")),  # a letter missing
    (("Администрация", "Плесецк"), ("администрация", "п. Плесецк")),  # generic, the same place
    (("ДК", "Емца"), ("дк", "Емца")),
    (("Средняя школа № 1", "Няндома"), ("Средняя школа №1", "Няндома")),
]
# … and pairs it must keep apart.
DIFFERENT = [
    (("Фонд Родник", "Плесецк"), ("Родник", "Плесецк")),  # «фонд» is a word of the name
    (("Клуб «Родник»", "Плесецк"), ("НКО Родник", "Плесецк")),
    (("Администрация", "Плесецк"), ("Администрация", "Емца")),  # one village's is not another's
    (("ДК", "Плесецк"), ("Дом культуры", "Емца")),
    (("Средняя школа № 1", "Няндома"), ("Средняя школа № 1", "Каргополь")),
    (("Средняя школа № 1 Няндома", "Няндома"), ("Средняя школа № 2 Няндома", "Няндома")),  # a number
    (("НКО", "Плесецк"), ("НКО", "Емца")),  # nothing but a legal form
    (("Роса", "Плесецк"), ("Роза", "Плесецк")),  # a slip in a short name is another name
    (("ТОС «Лесной»", "Няндома"), ("ТОС «Лесная»", "Няндома")),  # two letters differ
    (("ТОС «Заречье» (Каргополь)", "Каргополь"), ("ТОС «Заречье» (Няндома)", "Няндома")),
]


def _one(a, b, **kw) -> bool:
    t = pd.DataFrame([a, b], columns=["organisation", "territory"])
    named = merge_organisations(t, **kw).table["organisation"]
    return named.iloc[0] == named.iloc[1]


@pytest.mark.parametrize("a, b", SAME)
def test_spellings_of_one_organisation_are_one(a, b):
    assert _one(a, b) and _one(b, a)


@pytest.mark.parametrize("a, b", DIFFERENT)
def test_different_organisations_stay_apart(a, b):
    assert not _one(a, b) and not _one(b, a)


def test_a_slip_merges_only_when_it_is_the_only_candidate():
    # «Родничок Плесецк» is one letter from both others: which one was meant cannot be told
    t = pd.DataFrame({"organisation": ["Родничок Плесецк", "Родничек Плесецк", "Родничок Плесецка"]})
    assert merge_organisations(t).table["organisation"].nunique() == 3
    alone = pd.DataFrame({"organisation": ["Родничок Плесецк", "Родничек Плесецк"]})
    assert merge_organisations(alone).table["organisation"].nunique() == 1
    assert merge_organisations(alone).merges["reason"].tolist() == ["slip"]


def test_the_name_is_the_most_frequent_spelling_then_one_with_quotes():
    t = pd.DataFrame({"organisation": ["Родник", "Родник", "НКО «Родник»", "нко родник", "НКО Родник"]})
    assert set(merge_organisations(t).table["organisation"]) == {"Родник"}
    tie = pd.DataFrame({"organisation": ["Родник", "НКО «Родник»", "нко родник"]})
    assert set(merge_organisations(tie).table["organisation"]) == {"НКО «Родник»"}
    assert organisation_key("«Родник»") == organisation_key("''Родник''") == "родник"


def test_generic_names_in_two_territories_are_two_organisations_named_by_place():
    t = pd.DataFrame({"organisation": ["Администрация", "Администрация", "администрация"],
                      "territory": ["Плесецк", "Емца", "п. Плесецк"]})
    r = merge_organisations(t)
    assert r.table["organisation"].tolist() == ["Администрация (Плесецк)", "Администрация (Емца)",
                                                "Администрация (Плесецк)"]


# ---------------------------------------------------------------------------
# The network


PEOPLE = ["Анна Белова", "Олег Орлов", "Ира Котова", "Пётр Лис", "Вера Зуева", "Юлия Сыч", "Марк Титов",
          "Нина Шарова", "Глеб Лукин", "Дарья Ершова", "Семён Рябов", "Елена Субботина"]
SPELLINGS = ["НКО «Родник»", "НКО Родник", "Родник", 'АНО "Родник"', "нко родник", "Родник (НКО)"]


def _attendance(orgs) -> pd.DataFrame:
    """Twelve people at three events; six of them from «Родник», written as `orgs` say."""
    rows = []
    for i in range(12):
        org = orgs[i] if i < len(orgs) else ("Администрация" if i % 2 else "ТОС «Заречье»")
        for event in (["E1", "E2"] if i % 3 else ["E2", "E3"]):
            rows.append({"ФИО": PEOPLE[i], "Мероприятие": event,
                         "Организация": org, "Территория": "Плесецк"})
    return prepare(pd.DataFrame(rows))


def test_the_merged_organisation_has_the_degree_and_members_of_one_written_alike():
    merged = analyse(_attendance(SPELLINGS), seed=0)
    alike = analyse(_attendance(["НКО «Родник»"] * 6), seed=0)
    orgs = merged.organisations.set_index("label")
    assert merged.summary["organisations"] == 3 == alike.summary["organisations"]
    assert "НКО «Родник»" in orgs.index  # the one spelling with quotes, among six written once
    rodnik = orgs.loc["НКО «Родник»"]
    expected = alike.organisations.set_index("label").loc["НКО «Родник»"]
    assert (rodnik["members"], rodnik["degree"], rodnik["weighted_degree"]) == \
        (expected["members"], expected["degree"], expected["weighted_degree"]) == (6, 2, 6)
    # the people's organisation is the one name, so the map and the exports say it once
    assert set(merged.people_table["organisation"]) == {"НКО «Родник»", "Администрация", "ТОС «Заречье»"}
    # the report's list of what was merged
    m = merged.organisation_merges
    assert m["organisation"].tolist() == ["НКО «Родник»"] and m["rows"].tolist() == [12]
    assert all(f"«{s}»" in m["spellings"].iloc[0] for s in SPELLINGS)
    # merging off: each spelling its own organisation, as written
    apart = analyse(_attendance(SPELLINGS), seed=0, merge_orgs=False)
    assert apart.summary["organisations"] == 8 and len(apart.organisation_merges) == 0


def test_partnerships_written_another_way_count_for_the_merged_organisation():
    partnerships = pd.DataFrame({"source": ["Родник (НКО)", "нко родник"],
                                 "target": ["Администрация", "ТОС Заречье"]})
    r = analyse(_attendance(SPELLINGS), seed=0, partnerships=partnerships)
    assert r.organisations.set_index("label").loc["НКО «Родник»", "partners"] == 2


def test_the_staffs_list_wins_joins_and_splits(tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_text("Написание;Организация\nРодничок;НКО «Родник»\nАНО \"Родник\";\n", encoding="cp1251")
    aliases = read_aliases(path)
    t = pd.DataFrame({"organisation": ["Родничок", "Родник", "НКО Родник", 'АНО "Родник"']})
    r = merge_organisations(t, aliases)
    # «Родничок» joins the list's organisation, and the unlisted spellings of its key with it;
    # «АНО "Родник"», listed with no organisation, stays apart as written
    assert r.table["organisation"].tolist() == ["НКО «Родник»"] * 3 + ['АНО "Родник"']
    assert r.merges["reason"].tolist() == ["alias"]
    # with merging off the list still applies, and nothing else is merged
    off = merge_organisations(t, aliases, merge=False).table["organisation"].tolist()
    assert off == ["НКО «Родник»", "Родник", "НКО Родник", 'АНО "Родник"']
    bad = tmp_path / "bad.csv"
    bad.write_text("ФИО;Организация\nАнна;Родник\n", encoding="utf-8")
    with pytest.raises(NetworkInputError) as exc:
        read_aliases(bad)
    assert exc.value.message("ru") == ("bad.csv: нужны столбцы «Написание» и «Организация» (или `spelling` "
                                       "и `organisation`): найдены «ФИО», «Организация»")


# ---------------------------------------------------------------------------
# `workbench network`


def _two_mode_file(path):
    _attendance(SPELLINGS).rename(columns={"person": "ФИО", "event": "Мероприятие",
                                           "organisation": "Организация", "territory": "Территория"}) \
        [["ФИО", "Мероприятие", "Организация", "Территория"]].to_csv(path, index=False)
    return path


def test_cli_names_the_merged_organisation_and_can_leave_spellings_apart(tmp_path, capsys):
    inp = _two_mode_file(tmp_path / "in.csv")
    assert main(["network", str(inp), "--output-dir", str(tmp_path / "out")]) == 0
    said = capsys.readouterr().out
    assert "примечание: объединены как одна организация: «НКО „Родник“» ← " in said
    nodes = read_output(tmp_path / "out" / "nodes.csv")
    assert set(nodes["organisation"]) == {"НКО «Родник»", "Администрация", "ТОС «Заречье»"}
    merged = read_output(tmp_path / "out" / "organisations_merged.csv")
    assert merged["organisation"].tolist() == ["НКО «Родник»"] and merged["rows"].tolist() == [12]

    assert main(["network", str(inp), "--output-dir", str(tmp_path / "apart"), "--no-merge-orgs"]) == 0
    assert "объединены как одна организация" not in capsys.readouterr().out
    nodes = read_output(tmp_path / "apart" / "nodes.csv")
    assert set(SPELLINGS) <= set(nodes["organisation"])
    assert not (tmp_path / "apart" / "organisations_merged.csv").exists()

    orgs = tmp_path / "orgs.csv"
    orgs.write_text("spelling,organisation\nРодник (НКО),\n", encoding="utf-8")
    assert main(["--lang", "en", "network", str(inp), "--output-dir", str(tmp_path / "listed"),
                 "--orgs", str(orgs)]) == 0
    assert "note: merged as one organisation:" in capsys.readouterr().out
    nodes = read_output(tmp_path / "listed" / "nodes.csv")
    assert "Родник (НКО)" in set(nodes["organisation"])  # kept apart by the list
    summary = json.loads((tmp_path / "listed" / "summary.json").read_text(encoding="utf-8"))
    assert len(summary["organisations_merged"]) == 1

    # a list with the wrong columns is refused before anything is written
    assert main(["network", str(inp), "--output-dir", str(tmp_path / "never"), "--orgs", str(inp)]) == 2
    assert "нужны столбцы «Написание» и «Организация»" in capsys.readouterr().err
    assert not (tmp_path / "never").exists()


# ---------------------------------------------------------------------------
# The page, without a browser


def _upload(view, name: str, data: bytes) -> str:
    view.upload.value = ({"name": name, "type": "", "size": len(data), "content": memoryview(data),
                          "last_modified": dt.datetime(2024, 3, 1)},)
    return html.unescape(re.sub(r"<[^>]+>", "", view.message.value))


def _text(widget) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", widget.value))


def _page_and_command(wb, tmp_path, capsys, table, name: str):
    """`table` saved as `name`, uploaded on the analysis page and given to `workbench network`
    (its files in tmp_path / "cli"): the page's view."""
    inp = tmp_path / name
    table.to_csv(inp, index=False)
    view = AnalysisView(wb)
    assert _upload(view, name, inp.read_bytes()) == f"Загружен файл «{name}»"
    assert main(["network", str(inp), "--output-dir", str(tmp_path / "cli")]) == 0
    capsys.readouterr()
    return view


def _same_people_same_scores(page, cli_dir, names):
    """The page's people table and the command's people (nodes.csv) list the same `names`, each
    with the same people met, meetings, go-between role and community: the command's rows."""
    nodes = read_output(cli_dir / "nodes.csv")
    cli = nodes[nodes["kind"] == "person"].set_index("label")
    assert sorted(page.index) == sorted(cli.index) == sorted(set(names))
    for name in page.index:
        assert page.loc[name, SCORES].tolist() == pytest.approx(cli.loc[name, SCORES].tolist()), name
        # the command's «Знакомых» and «Встреч со знакомыми» are the page's figures of those names
        assert cli.loc[name, ["contacts", "tie_strength"]].tolist() == page.loc[name, ["degree", "weighted_degree"]].tolist()
    return cli


@pytest.fixture
def view(wb):
    view = AnalysisView(wb)
    data = _attendance(SPELLINGS)[["person", "event", "organisation", "territory"]]
    assert _upload(view, "list.csv", data.to_csv(index=False).encode()) == "Загружен файл «list.csv»"
    return view


def test_page_lists_the_merged_spellings_and_can_turn_merging_off(view):
    shown = _text(view.org_merges_html)
    assert "Объединены как одна организация" in shown
    assert "НКО «Родник»" in shown and "«Родник (НКО)» (2)" in shown and "то же название" in shown
    assert ">НКО «Родник»<" in html.unescape(view.orgs_html.value)
    assert "Родник (НКО)" not in _text(view.orgs_html)
    view.merge_orgs.value = False
    assert view.report.summary["organisations"] == 8
    assert "Родник (НКО)" in _text(view.orgs_html)
    assert "Разных написаний одной организации не найдено" in _text(view.org_merges_html)


def test_staff_download_the_list_edit_it_and_upload_it_back(view, wb):
    link = re.search(r"href='data:[^;]+;base64,([^']+)'", view.org_merges_html.value)
    import base64

    listed = base64.b64decode(link.group(1)).decode("utf-8-sig").splitlines()
    assert listed[0] == "Написание;Организация" and "Родник (НКО);НКО «Родник»" in listed
    # staff keep «Родник (НКО)» apart: its organisation left empty
    edited = "\n".join(line if not line.startswith("Родник (НКО);") else "Родник (НКО);" for line in listed)
    said = _upload(view, "orgs.csv", edited.encode("utf-8"))
    assert said == "Список написаний организаций «orgs.csv» сохранён (6 строк) и действует для всех списков"
    assert view.source.value == "upload" and view.source_key == "upload:list.csv"  # the list shown stays
    assert read_aliases(wb.data_dir / "network" / "orgs.csv")["Родник (НКО)"] == ""
    orgs = view.report.organisations.set_index("label")
    assert orgs.loc["НКО «Родник»", "members"] == 5 and orgs.loc["Родник (НКО)", "members"] == 1
    assert not (wb.data_dir / "network" / "uploads" / "orgs.csv").exists()  # a list, not attendance
    # the next visit uses it too
    assert "Родник (НКО)" in set(AnalysisView(wb, source="upload").report.organisations["label"])
    # a list with no spelling filled in drops the list: the automatic merging alone applies
    said = _upload(view, "orgs.csv", "Написание;Организация\n;НКО «Родник»\n".encode("utf-8"))
    assert said.startswith("Список написаний организаций «orgs.csv» сохранён (0 строк)")
    assert not (wb.data_dir / "network" / "orgs.csv").exists()
    assert view.report.organisations.set_index("label").loc["НКО «Родник»", "members"] == 6


def test_a_broken_list_on_the_server_is_said_and_the_analysis_goes_on(view, wb):
    (wb.data_dir / "network" / "orgs.csv").write_text("что;это\n1;2\n", encoding="utf-8")
    view.refresh()
    assert "orgs.csv: нужны столбцы «Написание» и «Организация»" in _text(view.org_merges_html)
    assert view.report.summary["organisations"] == 3  # merged automatically all the same


def test_the_list_to_edit_leaves_out_generic_names_of_several_places():
    """«Администрация» merged in Плесецк and in Емца are two organisations: a list without
    territories must not offer one name for both."""
    t = pd.DataFrame({"organisation": ["Администрация", "администрация", "Администрация", "администрация",
                                       "НКО «Родник»", "Родник"],
                      "territory": ["Плесецк", "Плесецк", "Емца", "Емца", "Плесецк", "Емца"]})
    r = merge_organisations(t)
    assert set(r.merges["organisation"]) == {"Администрация (Плесецк)", "Администрация (Емца)", "НКО «Родник»"}
    assert r.spellings.values.tolist() == [["НКО «Родник»", "НКО «Родник»"], ["Родник", "НКО «Родник»"]]


# ---------------------------------------------------------------------------
# The exports and the two-mode lists


def test_the_pages_export_holds_the_merged_list_and_the_merged_names(view):
    """What staff download is what the page shows: «Объединены как одна организация» as
    organisations_merged.csv and a sheet of network.xlsx, and one «НКО «Родник»» in every file."""
    import networkx as nx
    import openpyxl

    # the export tab says the file will be there before staff click
    assert ("Организации, записанные по-разному и объединённые в одну, — в organisations_merged.csv (так же для "
            "Excel) и на листе «Объединённые организации» в network.xlsx.") in _text(view.export_note)
    view.export_button.click()
    folder = view.last_export
    assert "download='organisations_merged.csv'" in view.export_links.value
    merged = pd.read_csv(folder / "organisations_merged.csv", sep=";", encoding="utf-8-sig")
    assert merged.columns.tolist() == ["Организация", "Написания (строк)", "Строк", "Почему"]
    assert merged.values.tolist()[0][::2] == ["НКО «Родник»", 12] and len(merged) == 1
    assert merged["Почему"].tolist() == ["то же название"]
    assert all(f"«{s}»" in merged["Написания (строк)"].iloc[0] for s in SPELLINGS)
    book = openpyxl.load_workbook(folder / "network.xlsx")
    assert book.sheetnames == ["Люди", "Связи", "Рост", "Объединённые организации"]
    sheet = [[c.value for c in row] for row in book["Объединённые организации"].iter_rows()]
    assert sheet[0] == ["Организация", "Написания (строк)", "Строк", "Почему"]
    assert (sheet[1][0], sheet[1][2], sheet[1][3]) == ("НКО «Родник»", 12, "то же название")

    nodes = (folder / "nodes.csv").read_text(encoding="utf-8-sig").splitlines()
    column = nodes[0].split(";").index("Организация")
    assert {row.split(";")[column] for row in nodes[1:]} == {"НКО «Родник»", "Администрация", "ТОС «Заречье»"}
    model = nx.read_gexf(folder / "model.gexf")
    orgs = {d["label"]: n for n, d in model.nodes(data=True) if d.get("kind") == "organisation"}
    assert sorted(orgs) == ["Администрация", "НКО «Родник»", "ТОС «Заречье»"]
    assert sum(model.nodes[u]["kind"] == "person" for u in model[orgs["НКО «Родник»"]]) == 6
    people = nx.read_gexf(folder / "people.gexf")
    assert {d.get("organisation") for _, d in people.nodes(data=True)} == set(orgs)

    # merging off, at once: each spelling is its own organisation, and nothing is listed as merged
    view.merge_orgs.value = False
    assert "organisations_merged.csv" not in _text(view.export_note)
    view.export_button.click()
    assert view.last_export != folder  # the same second: a folder of its own, nothing of the first left in it
    assert not (view.last_export / "organisations_merged.csv").exists()
    assert openpyxl.load_workbook(view.last_export / "network.xlsx").sheetnames == ["Люди", "Связи", "Рост"]
    model = nx.read_gexf(view.last_export / "model.gexf")
    assert sum(d.get("kind") == "organisation" for _, d in model.nodes(data=True)) == 8

    # in English, and with codes instead of names the list stays (no organisation here names a person)
    view.merge_orgs.value = True
    view.lang_toggle.value = "en"
    view.pseudonymise.value = True
    assert "merged as one are in organisations_merged.csv (for Excel too)" in _text(view.export_note)
    view.export_button.click()
    merged = pd.read_csv(view.last_export / "organisations_merged.csv", encoding="utf-8-sig")
    assert merged.columns.tolist() == ["Organisation", "Spellings (rows)", "Rows", "Why"]
    assert merged.values.tolist()[0][::2] == ["НКО «Родник»", 12] and merged["Why"].tolist() == ["the same name"]


def test_a_personal_organisation_is_not_in_the_coded_export(wb):
    """With codes instead of names, an organisation named after a person is a code in every file:
    its spellings are not listed either."""
    view = AnalysisView(wb)
    data = _attendance(["ИП Смирнов О.В.", "Смирнов О.В. (ИП)", "НКО «Родник»", "Родник"])
    _upload(view, "list.csv", data[["person", "event", "organisation", "territory"]].to_csv(index=False).encode())
    assert len(view.report.organisation_merges) == 2
    assert "organisations_merged.csv" in _text(view.export_note)
    view.pseudonymise.value = True
    view.export_button.click()
    merged = (view.last_export / "organisations_merged.csv").read_text(encoding="utf-8-sig")
    assert "Родник" in merged and "Смирнов" not in merged
    assert not any("Смирнов" in p.read_bytes().decode("utf-8", "ignore") for p in view.last_export.iterdir())


# A people–organisations list (a two-mode list whose groups have the kind «организация») beside events.
MEMBERS = pd.DataFrame({
    "ФИО": ["Анна Белова", "Олег Орлов", "Ира Котова", "Анна Белова", "Олег Орлов", "Ира Котова", "Пётр Лис"],
    "Группа": ['АНО "Берег"', "Берег", "нко берег", "Сессия 1", "Сессия 2", "Сессия 2", "Сессия 1"],
    "Тип": ["организация", "Организация", "organisation", "мероприятие", "мероприятие", "мероприятие",
            "мероприятие"],
    "Организация": ["", "", "", "", "", "", "Берег (АНО)"],
})


def test_a_people_organisations_list_links_every_spelling_to_one_organisation_on_the_page(wb):
    view = AnalysisView(wb)
    assert _upload(view, "members.csv", MEMBERS.to_csv(index=False).encode()) == "Загружен файл «members.csv»"
    r = view.report
    orgs = [d["label"] for _, d in r.graph.nodes(data=True) if d["kind"] == "organisation"]
    assert orgs == ['АНО "Берег"']  # one node, not three, and not an event of that name
    assert r.summary["events"] == 2 and r.summary["organisations"] == 1
    node = 'organisation:АНО "Берег"'
    assert sorted(r.graph.nodes[u]["label"] for u in r.graph[node]) == [
        "Анна Белова", "Ира Котова", "Олег Орлов", "Пётр Лис"]  # three by the list, one by the column
    assert r.organisations.set_index("label").loc['АНО "Берег"', "members"] == 4
    shown = _text(view.orgs_html)
    assert 'АНО "Берег"' in shown and "нко берег" not in shown
    assert "«нко берег» (1)" in _text(view.org_merges_html)
    people = r.people_table.set_index("label")
    assert set(people["organisation"]) == {'АНО "Берег"'}
    assert people.loc["Анна Белова", "events"] == 1  # the organisation is not counted as an event


def test_a_people_organisations_list_links_every_spelling_to_one_organisation_in_the_command(tmp_path, capsys):
    import networkx as nx

    inp = tmp_path / "members.csv"
    MEMBERS.to_csv(inp, index=False)
    assert main(["network", str(inp), "--output-dir", str(tmp_path / "out")]) == 0
    assert "«АНО \"Берег\"» ← «АНО \"Берег\"» (1), «Берег» (1), «Берег (АНО)» (1), «нко берег» (1)" \
        in capsys.readouterr().out
    two_mode = nx.read_gexf(tmp_path / "out" / "two_mode.gexf")
    orgs = [n for n, d in two_mode.nodes(data=True) if d.get("kind") == "organisation"]
    assert [two_mode.nodes[n]["label"] for n in orgs] == ['АНО "Берег"']
    # as on the page: three members by the list, one by the «Организация» column
    assert sorted(two_mode.nodes[u]["label"] for u in two_mode[orgs[0]]) == ["Анна Белова", "Ира Котова",
                                                                            "Олег Орлов", "Пётр Лис"]
    groups = read_output(tmp_path / "out" / "groups.csv")
    assert groups.set_index("label").loc['АНО "Берег"', ["kind", "size"]].tolist() == ["organisation", 4]
    merged = read_output(tmp_path / "out" / "organisations_merged.csv")
    assert merged["organisation"].tolist() == ['АНО "Берег"'] and merged["rows"].tolist() == [4]
    nodes = read_output(tmp_path / "out" / "nodes.csv").set_index("label")
    assert nodes.loc["Пётр Лис", "organisation"] == 'АНО "Берег"'
    # an organisation, a group of the list or the column, makes members, not ties, as on the page:
    # Анна and Олег, both of «Берег», were at different sessions; Пётр Лис met Анна at Сессия 1
    people = nx.read_gexf(tmp_path / "out" / "network.gexf")
    label = {d["label"]: n for n, d in people.nodes(data=True)}
    assert not people.has_edge(label["Анна Белова"], label["Олег Орлов"])
    assert sorted(people.nodes[u]["label"] for u in people[label["Пётр Лис"]]) == ["Анна Белова"]


def test_the_pages_export_and_the_command_agree_on_a_people_organisations_list(wb, tmp_path, capsys):
    """The page's export and `workbench network` on one people–organisations list: the same
    organisations_merged.csv (the groups' spellings and the column's merged as one), and every
    person of the organisation in the people's table, whichever column said it (the command left the
    organisation of the three listed through the group empty)."""
    view = _page_and_command(wb, tmp_path, capsys, MEMBERS, "members.csv")
    view.export_button.click()
    page = view.last_export
    cli = tmp_path / "cli"
    assert (page / "organisations_merged.csv").read_text(encoding="utf-8-sig") == \
        (cli / "organisations_merged.csv").read_text(encoding="utf-8-sig")
    assert read_output(cli / "organisations_merged.csv")["spellings"].tolist() == [
        '«АНО "Берег"» (1), «Берег» (1), «Берег (АНО)» (1), «нко берег» (1)']
    page_people = pd.read_csv(page / "nodes.csv", sep=";", encoding="utf-8-sig").set_index("Имя")["Организация"]
    cli_people = read_output(cli / "nodes.csv").set_index("label")["organisation"]
    assert page_people.to_dict() == cli_people.to_dict() == {
        name: 'АНО "Берег"' for name in ("Анна Белова", "Ира Котова", "Олег Орлов", "Пётр Лис")}


# Two organisations (groups of kind «организация», one written two ways) and three events: who met whom
# is the events' business only.
MET = pd.DataFrame(
    [(p, "Берег" if p != "Ира Котова" else "АНО «Берег»", "организация")
     for p in ("Анна Белова", "Олег Орлов", "Ира Котова")]
    + [(p, "Родник", "организация") for p in ("Пётр Лис", "Борис Ким")]
    + [(p, "Сессия 1", "мероприятие") for p in ("Анна Белова", "Пётр Лис", "Вера Зуева")]
    + [(p, "Сессия 2", "мероприятие") for p in ("Олег Орлов", "Ира Котова", "Вера Зуева")]
    + [(p, "Встреча", "мероприятие") for p in ("Ира Котова", "Борис Ким", "Олег Орлов")],
    columns=["ФИО", "Группа", "Тип"])
SCORES = ["degree", "weighted_degree", "betweenness", "community"]


def test_the_page_and_the_command_give_the_same_people_the_same_scores_on_a_people_organisations_list(
        wb, tmp_path, capsys):
    """Staff compare the page's people table with the command's nodes.csv: on a people–organisations
    list both tie people by the events they attended together (one function,
    `model.people_projection`), never by an organisation they share, and give everyone the same
    people met, meetings, go-between role and community."""
    view = _page_and_command(wb, tmp_path, capsys, MET, "members.csv")
    page = view.report.people_table.set_index("label")
    cli = _same_people_same_scores(page, tmp_path / "cli", MET["ФИО"])
    # Вера met four at two sessions; Анна two at one (not Олег or Ира of her organisation); Олег
    # met Ира at two events: three meetings with two people
    assert page.loc[["Вера Зуева", "Анна Белова", "Олег Орлов", "Пётр Лис"], ["degree", "weighted_degree"]] \
        .values.tolist() == [[4, 4], [2, 2], [3, 4], [2, 2]]
    assert page.loc["Вера Зуева", "betweenness"] > 0 and page.loc["Борис Ким", "degree"] == 2
    shown = _text(view.people_html)
    assert "Знакомых" in shown and "Вера Зуева" in shown
    assert page.index.tolist() == cli.index.tolist()  # one order: the most meetings first, then by name


def test_the_benchmark_names_every_row_right(capsys):
    """bench/organisations.py (its figures are in the README) merges realistic spellings without
    splitting an organisation or joining two."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "bench" / "organisations.py"
    spec = importlib.util.spec_from_file_location("bench_organisations", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert bench.main(["--rows", "1000", "--repeat", "1"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "| rows | spellings | organisations | found | split | joined | merges listed | merge s |"
    cells = [c.strip() for c in out[2].strip("|").split("|")]
    assert cells[0] == "1,000" and cells[2] == cells[3] and cells[4:6] == ["0", "0"]
    assert int(cells[1].replace(",", "")) > 2 * int(cells[2])  # several spellings per organisation


def test_an_edge_list_merges_the_spellings_of_one_organisation_in_the_command(tmp_path, capsys):
    """A partnership list (one-mode) written by hand: «МБОУ СОШ №1» and «МБОУ "СОШ № 1"» are one
    school, as in an attendance list; a person's name is left as written; --no-merge-orgs and
    --orgs as for attendance lists; with codes, the list of spellings is not written."""
    import openpyxl

    src = tmp_path / "partners.xlsx"
    book = openpyxl.Workbook()
    for row in (["Организация 1", "Организация 2", "Вес"],
                ["МБОУ СОШ №1", "НКО «Родник»", 2],
                ['МБОУ "СОШ № 1"', "Родник (НКО)", 1],
                ["Дом культуры Емцы", "НКО «Родник»", 1],
                ["Иванова Анна", "иванова анна", 1]):
        book.active.append(row)
    book.save(src)
    assert main(["network", str(src), "--output-dir", str(tmp_path / "out")]) == 0
    said = capsys.readouterr().out
    assert said.startswith("узлов: 5, связей: 3,")
    assert "объединены как одна организация: «МБОУ \"СОШ № 1\"» ← «МБОУ \"СОШ № 1\"» (1), «МБОУ СОШ №1» (1)" in said
    edges = read_output(tmp_path / "out" / "edges.csv")
    weights = {frozenset((s, t)): w for s, t, w in edges[["source", "target", "weight"]].values}
    assert weights[frozenset(('МБОУ "СОШ № 1"', "НКО «Родник»"))] == 3  # 2 + 1, one tie
    merged = read_output(tmp_path / "out" / "organisations_merged.csv")
    assert merged["organisation"].tolist() == ["НКО «Родник»", 'МБОУ "СОШ № 1"']
    assert merged["rows"].tolist() == [3, 2] and set(merged["reason"]) == {"key"}
    assert "«Родник (НКО)» (1)" in merged["spellings"].iloc[0]
    assert {"Иванова Анна", "иванова анна"} <= set(read_output(tmp_path / "out" / "nodes.csv")["label"])

    assert main(["network", str(src), "--output-dir", str(tmp_path / "apart"), "--no-merge-orgs"]) == 0
    assert capsys.readouterr().out.startswith("узлов: 7, связей: 4,")
    assert not (tmp_path / "apart" / "organisations_merged.csv").exists()

    orgs = tmp_path / "orgs.csv"
    orgs.write_text("Написание;Организация\nРодник (НКО);\n", encoding="utf-8")
    assert main(["network", str(src), "--output-dir", str(tmp_path / "listed"), "--orgs", str(orgs)]) == 0
    assert "Родник (НКО)" in set(read_output(tmp_path / "listed" / "nodes.csv")["label"])  # kept apart
    capsys.readouterr()

    assert main(["network", str(src), "--output-dir", str(tmp_path / "coded"), "--pseudonymise"]) == 0
    assert not (tmp_path / "coded" / "organisations_merged.csv").exists()
    assert "Родник" not in capsys.readouterr().out


def test_the_command_makes_the_organisation_column_members_as_the_page_does(tmp_path, capsys):
    """The demo attendance list: every organisation of its «organisation» column has the same
    members in the command's two_mode.gexf as in the page's model, and people are tied by the
    events only (a shared organisation is no tie, on the page or in the command)."""
    import networkx as nx

    out = tmp_path / "out"
    assert main(["network", str(DEMO / "attendance.csv"), "--output-dir", str(out)]) == 0
    page = analyse(prepare(DEMO / "attendance.csv"), seed=0)

    def members(G):
        return {G.nodes[n]["label"]: {G.nodes[u]["label"] for u in G[n] if G.nodes[u]["kind"] == "person"}
                for n in G if G.nodes[n]["kind"] == "organisation"}

    two_mode = nx.read_gexf(out / "two_mode.gexf")
    assert members(two_mode) == members(page.graph) and len(members(two_mode)) >= 10
    groups = read_output(out / "groups.csv").set_index("label")
    for org, people in members(page.graph).items():
        assert groups.loc[org, "size"] == len(people), org
    people = nx.read_gexf(out / "network.gexf")
    assert people.number_of_edges() == page.people.number_of_edges()


# An edge list's ends as staff write them: True for a person (kept as written), False for an
# organisation (its spellings merged). The people of the demo list (sessions_data/demo, names
# invented for this project) and typical Russian organisations' names.
END_NAMES = [
    ("Петров А.А.", True), ("Анна Петрова", True), ("Иван", True), ("Иванов Иван", True),
    ("Иванова Анна Сергеевна", True), ("А. Петрова", True), ("ПЕТРОВ ИВАН", True),
    ("Орехова Светлана", True), ("Лапин Пётр", True), ("Лапина Вера", True),  # read as "people" before
    ("ООО «Ромашка»", False), ("МБОУ СОШ №1", False), ("ИП Петров А.А.", False), ("КФХ Иванов", False),
    ("Администрация Каргопольского района", False), ("ТОС «Лядины»", False), ("Дом культуры", False),
    ("Администрация", False), ("Школа им. Пушкина", False), ("Музей Ломоносова", False),
    ("ДК им. Ленина", False), ("Пекарня «Каравай»", False), ("Центр Мария", False), ("Родник", False),
    ("Вера и Надежда", False), ("Надежда Каргополья", False),
    # Korean and Chinese names in Cyrillic are people; abbreviations in capitals stay organisations
    ("Ли Мин", True), ("Пак Со Ён", True), ("Ким Ен Су", True), ("Цой Виктор", True),
    ("ДК", False), ("ТОС", False), ("МФЦ", False), ("СОШ", False), ("ДК Ли", False), ("МФЦ «Мои документы»", False),
    # Latin script: people (two spellings one letter apart were merged as one organisation) …
    ("Evelyn Jefferson", True), ("John Smith", True), ("Smith J.", True), ("J. Smith", True),
    ("Smith, John", True), ("JOHN SMITH", True), ("Mary-Ann O'Brien", True), ("José García", True),
    ("John F. Kennedy", True), ("Charles de Gaulle", True), ("Emily Hall", True),
    # … and organisations
    ("Green Valley LLC", False), ("City Council", False), ("Ministry of Culture", False), ("Greenpeace", False),
    ("WWF Russia", False), ("Acme Inc.", False), ("Friends of the Earth", False), ("Oxford University", False),
    ("Green Valley Farm", False), ("UNESCO", False), ("Youth Centre North", False),
    # well-known bodies of two plain words and legal forms after the name, in both languages …
    ("Red Cross", False), ("British Red Cross", False), ("Red Crescent", False), ("United Way", False),
    ("World Vision", False), ("Doctors Without Borders", False), ("Helping Hands", False),
    ("Acme Ltd", False), ("Acme Ltd.", False), ("Siemens AG", False), ("Volkswagen GmbH", False),
    ("Smith & Sons Ltd", False), ("Jones LLC", False), ("Apple Inc", False),
    ("Красный Крест", False), ("Российский Красный Крест", False), ("Ромашка ООО", False),
    ("Берег, АНО", False), ("НКО Родник", False), ("Петров ООО", False), ("Смирнова ИП", False),
    ("Иванов и партнёры", False), ("Добрые Руки", False), ("Белые Ночи", False),
    # … and people whose names look like them: a surname Cross, Young, White, Little; Russian surnames
    # read first as adjectives
    ("Amanda Cross", True), ("Neil Young", True), ("Mary White", True), ("Andrew Little", True),
    ("Eva Green", True), ("Андрей Белый", True), ("Саша Чёрный", True), ("Толстой Лев", True),
    ("Белых Олег", True), ("Молодых Ирина", True), ("Красный Иван", True), ("Крестов Иван", True),
]


@pytest.mark.parametrize(("name", "person"), END_NAMES)
def test_an_edge_lists_end_is_told_a_person_or_an_organisation_as_staff_would(name, person):
    from workbench.network.organisations import names_someone

    assert names_someone(name) is person


def test_every_name_of_the_demo_lists_is_read_as_what_it_is():
    """The demo attendance list's 168 spellings of people are people; its organisations and the
    partnership list's ends are organisations («Лапин Пётр» and «Орехова Светлана» were
    organisations, their spellings merged as one; «ИП …» and «Школа им. …» people)."""
    from workbench.network.organisations import names_someone

    attendance = pd.read_csv(DEMO / "attendance.csv")
    partners = pd.read_csv(DEMO / "partnerships.csv")
    assert [p for p in set(attendance["person"]) if not names_someone(p)] == []
    orgs = set(attendance["organisation"].dropna()) | set(partners["source"]) | set(partners["target"])
    assert [o for o in orgs if names_someone(o)] == []


def test_an_edge_list_merges_a_sole_traders_and_a_named_schools_spellings(tmp_path):
    """«ИП Петров А.А.» and «ИП Петров А. А.», «Школа им. Пушкина» and «школа им. Пушкина» are one
    organisation each (they were taken for people and kept apart); «Лапин Пётр» and «лапин пётр»
    are people, kept as written."""
    src = tmp_path / "ties.csv"
    src.write_text("Кто;С кем\nИП Петров А.А.;Школа им. Пушкина\nИП Петров А. А.;школа им. Пушкина\n"
                   "Лапин Пётр;ИП Петров А.А.\nлапин пётр;Школа им. Пушкина\n", encoding="utf-8")
    assert main(["network", str(src), "--output-dir", str(tmp_path / "out")]) == 0
    labels = set(read_output(tmp_path / "out" / "nodes.csv")["label"])
    assert labels == {"ИП Петров А.А.", "Школа им. Пушкина", "Лапин Пётр", "лапин пётр"}
    merged = read_output(tmp_path / "out" / "organisations_merged.csv")
    assert set(merged["organisation"]) == {"ИП Петров А.А.", "Школа им. Пушкина"}


def test_an_edge_list_keeps_latin_peoples_names_apart_and_merges_latin_organisations(tmp_path):
    """Two people of an English list one letter apart («Evelyn Jefferson», «Evelyn Jeferson») were
    taken for one organisation's slip and merged; they are people now, kept as written. Spellings of
    one organisation in Latin script are merged as Russian ones are."""
    src = tmp_path / "ties.csv"
    src.write_text("source,target\nEvelyn Jefferson,Green Valley LLC\nEvelyn Jeferson,\"Green Valley, LLC\"\n"
                   "Ли Мин,City Council\nПак Со Ён,Ministry of Culture\n", encoding="utf-8")
    assert main(["network", str(src), "--output-dir", str(tmp_path / "out")]) == 0
    labels = set(read_output(tmp_path / "out" / "nodes.csv")["label"])
    assert labels == {"Evelyn Jefferson", "Evelyn Jeferson", "Green Valley, LLC", "Ли Мин", "City Council",
                      "Пак Со Ён", "Ministry of Culture"}
    merged = read_output(tmp_path / "out" / "organisations_merged.csv")
    assert merged["organisation"].tolist() == ["Green Valley, LLC"]


def test_an_edge_list_says_a_generic_name_without_a_place_is_one_organisation_and_how_to_part_them(tmp_path, capsys):
    """Two districts' «Администрация» in a list with no territory were one node without a word: the
    command now says which generic names became one organisation from several rows and how to keep
    them apart; the place in the name or a column «Территория» makes them two."""
    bare = tmp_path / "bare.csv"
    bare.write_text("Кто;С кем\nАдминистрация;Средняя школа Каргополя\nАдминистрация;ДК «Заря» (Няндома)\n"
                    "администрация;ТОС «Лядины»\nДом культуры;ТОС «Лядины»\n", encoding="utf-8")
    assert main(["network", str(bare), "--output-dir", str(tmp_path / "bare")]) == 0
    said = capsys.readouterr().out
    assert "общие названия без территории — каждое одна организация на все свои строки: «Администрация» (3)." in said
    assert "допишите место в название («Администрация Каргопольского округа») или добавьте столбец «Территория»" in said
    assert "«Дом культуры»" not in said  # one row: nothing was joined
    assert "Администрация" in set(read_output(tmp_path / "bare" / "nodes.csv")["label"])
    assert main(["--lang", "en", "network", str(bare), "--output-dir", str(tmp_path / "en")]) == 0
    assert "generic names without a territory are each one organisation for all their rows: «Администрация» (3)" \
        in capsys.readouterr().out

    placed = tmp_path / "placed.csv"  # the district in the name
    placed.write_text("Кто;С кем\nАдминистрация Каргопольского округа;Средняя школа Каргополя\n"
                      "Администрация Няндомского округа;ДК «Заря» (Няндома)\n", encoding="utf-8")
    assert main(["network", str(placed), "--output-dir", str(tmp_path / "placed")]) == 0
    assert "общие названия" not in capsys.readouterr().out
    assert len(read_output(tmp_path / "placed" / "nodes.csv")) == 4

    column = tmp_path / "column.csv"  # or a column «Территория»
    column.write_text("Кто;С кем;Территория\nАдминистрация;Средняя школа;Каргополь\nАдминистрация;ДК «Заря»;Няндома\n"
                      "администрация;ТОС «Лядины»;Каргополь\n", encoding="utf-8")
    assert main(["network", str(column), "--output-dir", str(tmp_path / "column")]) == 0
    assert "общие названия" not in capsys.readouterr().out
    edges = read_output(tmp_path / "column" / "edges.csv")
    assert {frozenset(p) for p in edges[["source", "target"]].values} == {
        frozenset(("Администрация (Каргополь)", "Средняя школа")), frozenset(("Администрация (Няндома)", "ДК «Заря»")),
        frozenset(("Администрация (Каргополь)", "ТОС «Лядины»"))}


# A list whose «Тип» uses the model's own words for things that tie nobody (territory, project,
# node): they are the list's groups all the same, and tie the people in them on the page and in
# the command alike, as «территория» or «мастерская» do; only an organisation ties nobody.
RESERVED = pd.DataFrame(
    [(p, "Каргополь", "territory") for p in ("Анна Белова", "Олег Орлов")]
    + [(p, "Чистая река", "project") for p in ("Олег Орлов", "Ира Котова")]
    + [(p, "Узел 1", "node") for p in ("Ира Котова", "Пётр Лис")]
    + [(p, "Берег", "организация") for p in ("Пётр Лис", "Вера Зуева")]
    + [(p, "Сессия 1", "мероприятие") for p in ("Вера Зуева", "Борис Ким")],
    columns=["ФИО", "Группа", "Тип"])


def test_a_list_whose_kinds_are_the_models_words_ties_people_alike_on_the_page_and_in_the_command(
        wb, tmp_path, capsys):
    """Staff who wrote «territory», «project» or «node» in the «Тип» column see the same people met
    on the page and in nodes.csv: each such group ties its people (one rule,
    `model.ties_people`), a group of kind organisation does not."""
    view = _page_and_command(wb, tmp_path, capsys, RESERVED, "reserved.csv")
    page = view.report.people_table.set_index("label")
    _same_people_same_scores(page, tmp_path / "cli", RESERVED["ФИО"])
    # a chain Анна – Олег – Ира – Пётр through the three groups; Пётр and Вера share only «Берег»
    assert page.loc[["Анна Белова", "Олег Орлов", "Ира Котова", "Пётр Лис", "Вера Зуева"], "degree"] \
        .tolist() == [1, 2, 2, 1, 1]
    groups = read_output(tmp_path / "cli" / "groups.csv").set_index("label")
    assert groups.loc[["Каргополь", "Чистая река", "Узел 1"], "kind"].tolist() == ["territory", "project", "node"]


def test_the_commands_events_column_counts_what_the_pages_does(wb, tmp_path, capsys):
    """nodes.csv's column has the page's heading «Мероприятий» and the page's figure: the events a
    person took part in, not the organisations a people–organisations list makes them a member of."""
    view = _page_and_command(wb, tmp_path, capsys, MET, "members.csv")
    page = view.report.people_table.set_index("label")
    head = (tmp_path / "cli" / "nodes.csv").read_text(encoding="utf-8-sig").splitlines()[0].split(";")
    assert "Мероприятий" in head and "Групп" not in head
    cli = read_output(tmp_path / "cli" / "nodes.csv").set_index("label")
    assert cli.loc[page.index, "groups"].tolist() == page["events"].tolist()
    # Анна: «Берег» and «Сессия 1», one event; Олег: «Берег», «Сессия 2», «Встреча»: two
    assert page.loc[["Анна Белова", "Олег Орлов", "Вера Зуева"], "events"].tolist() == [1, 2, 2]
    assert main(["network", str(tmp_path / "members.csv"), "--output-dir", str(tmp_path / "en"), "--lang", "en"]) == 0
    capsys.readouterr()
    assert "Events" in (tmp_path / "en" / "nodes.csv").read_text(encoding="utf-8-sig").splitlines()[0].split(",")


def test_growth_counts_the_same_events_on_the_page_and_in_the_command(wb, tmp_path, capsys):
    """growth.csv and the page's growth table list the same events with the same newcomers: a dated
    organisation group of a people–organisations list (a membership, no event) is in neither."""
    dated = MET.assign(Дата=["2024-01-10" if k == "организация" else "" for k in MET["Тип"]])
    dated.loc[dated["Группа"] == "Сессия 1", "Дата"] = "2024-03-01"
    dated.loc[dated["Группа"] == "Сессия 2", "Дата"] = "2024-04-01"
    dated.loc[dated["Группа"] == "Встреча", "Дата"] = "2024-05-01"
    page = _page_and_command(wb, tmp_path, capsys, dated, "dated.csv").report.growth
    cli = read_output(tmp_path / "cli" / "growth.csv")
    columns = ["label", "date", "participants", "new_people", "cumulative_people"]
    assert cli[columns].values.tolist() == page[columns].values.tolist()
    assert cli["label"].tolist() == ["Сессия 1", "Сессия 2", "Встреча"]
    assert cli["new_people"].tolist() == [3, 2, 1]  # Борис first comes to «Встреча», not to «Родник»
