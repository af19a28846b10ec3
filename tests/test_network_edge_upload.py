"""An edge list on the analysis page: the file `workbench network` accepts is read by the same code
(`pipeline.read_edge_list`) and shows the same network: the same ends, tie kinds and territories."""

from __future__ import annotations

import datetime as dt
import html
import re

import pandas as pd
import pytest

from workbench.network import pipeline
from workbench.network.report import EDGES, analyse_edges, read_list
from workbench.ui.network_view import AnalysisView

# A partners' list as staff keep it: two spellings of one school, a person as an end, a tie with no
# kind, two places' administrations
EDGE_LIST = ("Организация 1;Организация 2;Вес;Тип;Территория\n"
             "МБОУ СОШ №1;НКО «Родник»;2;совместный проект;Каргополь\n"
             'МБОУ "СОШ № 1";Администрация;1;;Каргополь\n'
             "Администрация;ДК «Заря»;3;грант;Няндома\n"
             "Петрова Анна;НКО «Родник»;1;волонтёрство;Каргополь\n"
             "Родник (НКО);ДК «Заря»;1;;Няндома\n")


@pytest.fixture
def edge_file(tmp_path):
    path = tmp_path / "partners.csv"
    path.write_text(EDGE_LIST, encoding="utf-8")
    return path


def _cli_network(path, merge_orgs=True):
    """The nodes and ties `workbench network` writes for the file: {name: territory}, {tie: kind}."""
    files = pipeline.analyse_table(pd.read_csv(path, sep=";", dtype=str, keep_default_na=False),
                                   where=path.name, merge_orgs=merge_orgs)
    nodes = files["nodes.csv"]
    ties = files["edges.csv"]
    return (dict(zip(nodes["label"], nodes["territory"].fillna(""), strict=True)),
            {frozenset((s, t)): (k, w) for s, t, k, w in zip(ties["source"], ties["target"], ties["kind"],
                                                            ties["weight"], strict=True)})


def _page_network(report):
    people = report.people_table
    return (dict(zip(people["label"], people["territory"], strict=True)),
            {frozenset((s, t)): (k, w) for s, t, k, w in zip(report.ties["source"], report.ties["target"],
                                                            report.ties["kind"], report.ties["weight"], strict=True)})


@pytest.mark.parametrize("merge_orgs", [True, False])
def test_the_page_reads_an_edge_list_as_the_command_does(edge_file, merge_orgs):
    shape, edges = read_list(edge_file)
    assert shape == EDGES
    page = _page_network(analyse_edges(edges, merge_orgs=merge_orgs))
    assert page == _cli_network(edge_file, merge_orgs)
    nodes, ties = page
    if merge_orgs:  # two spellings of one school and of one NGO: one end each
        assert nodes == {'МБОУ "СОШ № 1"': "Каргополь", "НКО «Родник»": "Каргополь",
                         "Администрация (Каргополь)": "Каргополь", "Администрация (Няндома)": "Няндома",
                         "ДК «Заря»": "Няндома", "Петрова Анна": "Каргополь"}
        assert ties[frozenset(('МБОУ "СОШ № 1"', "НКО «Родник»"))] == ("совместный проект", 2)
        assert ties[frozenset(("Администрация (Няндома)", "ДК «Заря»"))] == ("грант", 3)
        assert ties[frozenset(("НКО «Родник»", "ДК «Заря»"))] == ("tie", 1)


def _upload(view, name: str, data: bytes) -> str:
    view.upload.value = ({"name": name, "type": "", "size": len(data), "content": memoryview(data),
                          "last_modified": dt.datetime(2024, 3, 1)},)
    return html.unescape(re.sub(r"<[^>]+>", "", view.message.value))


def test_staff_upload_an_edge_list_and_see_its_ends_ties_and_territories(wb, edge_file):
    view = AnalysisView(wb)
    said = _upload(view, "partners.csv", EDGE_LIST.encode("cp1251"))
    assert said == "Загружен файл «partners.csv»"
    assert view.source.value == "upload"
    nodes, ties = _cli_network(edge_file)
    page = html.unescape(view.people_html.value)
    assert all(f">{name}<" in page for name in nodes)  # every end the command writes, by name
    assert ">совместный проект<" in page and ">Связь<" in page and ">Тип<" in page  # the ties' kinds
    assert "Список связей: узлов 6 · связей 5 · территорий 2" in html.unescape(view.summary.value)
    assert [lab for _, lab in view.territory.options[1:]] == ["Каргополь", "Няндома"]
    view.territory.value = "Няндома"  # the rows of one place
    assert set(view.report.people_table["label"]) == {"Администрация (Няндома)", "ДК «Заря»", "НКО «Родник»"}
    view.territory.value = ""
    view.merge_orgs.value = False  # each spelling on its own, as `--no-merge-orgs`
    assert set(view.report.people_table["label"]) == set(_cli_network(edge_file, merge_orgs=False)[0])
    for tab in ("na_tab_map", "na_tab_growth", "na_tab_repeat"):  # no tab breaks on a list without events
        view.tabs.selected_index = view.tab_keys.index(tab)
        assert "wb-err" not in view.message.value
    assert view.map_image.value[:4] == b"\x89PNG"
    view.lang_toggle.value = "en"
    unmerged = len(_cli_network(edge_file, merge_orgs=False)[0])
    assert f"Edge list: nodes {unmerged} ·" in view.summary.value and ">Tie<" in view.people_html.value
    view.export_button.click()
    assert view.last_export is not None
    written = {p.name for p in view.last_export.iterdir()}
    assert {"people.gexf", "nodes.csv", "edges.csv", "network.png"} <= written
    assert "Петрова Анна" in (view.last_export / "nodes.csv").read_text(encoding="utf-8-sig")


def _headings(page_html: str, css: str) -> list[str]:
    """The headings of the page's table of class `css`."""
    table = re.search(rf"<table[^>]*{css}[^>]*>(.*?)</table>", page_html, re.S).group(1)
    return [html.unescape(re.sub(r"<[^>]+>", "", h)).strip() for h in re.findall(r"<th(?:\s[^>]*)?>(.*?)</th>", table, re.S)]


def test_an_edge_lists_go_betweens_are_under_the_headings_of_its_ends_not_of_people_met(wb, edge_file):
    """The go-betweens of a partners' list are organisations tied by the list's ties: their table has
    the headings of the ends' table and of the command's nodes.csv («Связей», «Сила связей»), not the
    people's «Знакомых» met at events, in either language."""
    view = AnalysisView(wb)
    _upload(view, "partners.csv", EDGE_LIST.encode())
    page = view.people_html.value
    expected = ["Имя или название", "Территория", "Связей", "Сила связей", "Связующая роль", "Сообщество"]
    assert _headings(page, "wb-rank-betweenness") == _headings(page, "wb-rank-nodes") == expected
    shown = html.unescape(re.sub(r"<[^>]+>", " ", page))
    assert "Посредники: через эти узлы связаны другие" in shown and "Знакомых" not in shown
    files = pipeline.analyse_table(pd.read_csv(edge_file, sep=";", dtype=str, keep_default_na=False))
    assert set(expected[:4]) <= set(pipeline.output_table("nodes.csv", files["nodes.csv"], "ru").columns)
    go_betweens = re.search(r"<table[^>]*wb-rank-betweenness.*?</table>", page, re.S).group(0)
    assert ">НКО «Родник»<" in html.unescape(go_betweens)  # the list's ends, ties through them
    view.lang_toggle.value = "en"
    page = view.people_html.value
    assert _headings(page, "wb-rank-betweenness") == ["Name", "Territory", "Ties", "Tie strength",
                                                      "Go-between role", "Community"]
    assert "Go-betweens: others are tied through these nodes" in html.unescape(page)
    assert "People met" not in page


# ---------------------------------------------------------------------------
# One ordering of equal scores on the page and in the command


def _alphabetical(names) -> bool:
    return list(names) == sorted(names, key=lambda n: n.casefold().replace("ё", "е"))


PEOPLE_AND_ORGS = [("Яков", "Сессия", "Берег"), ("Анна", "Сессия", "АНО «Берег»"), ("Олег", "Сессия", ""),
                   ("борис", "Встреча", "Родник"), ("Ёлкина Вера", "Встреча", "Родник"), ("Вера", "Встреча", "")]


def test_the_page_and_the_command_list_people_of_equal_scores_in_one_order():
    """Equal scores are listed alphabetically, case and ё not counting («борис» among the Б, «Ёлкина»
    among the Е): the page's people table and the command's nodes.csv give the same list."""
    from workbench.network.report import analyse, prepare

    df = pd.DataFrame(PEOPLE_AND_ORGS, columns=["ФИО", "Мероприятие", "Организация"])
    cli = pipeline.analyse_table(df)["nodes.csv"]
    page = analyse(prepare(df)).people_table
    expected = ["Анна", "борис", "Вера", "Ёлкина Вера", "Олег", "Яков"]  # everyone met two others
    assert page["label"].tolist() == expected
    assert cli.loc[cli["kind"] == "person", "label"].tolist() == expected


def test_a_people_organisation_list_ranks_equal_scores_by_name_on_the_page_and_in_the_command():
    from workbench.network.report import analyse, prepare

    df = pd.DataFrame([(p, o, "организация") for p, _, o in PEOPLE_AND_ORGS if o]
                      + [(p, e, "event") for p, e, _ in PEOPLE_AND_ORGS], columns=["ФИО", "Группа", "Тип"])
    cli = pipeline.analyse_table(df)["nodes.csv"]
    report = analyse(prepare(df))
    for table in (report.people_table, cli[cli["kind"] == "person"]):
        for _, equal in table.groupby("weighted_degree", sort=False):
            assert _alphabetical(equal["label"]), equal["label"].tolist()
    assert report.organisations["label"].tolist() == ["АНО «Берег»", "Родник"]  # equal: by name


def test_an_edge_lists_brokers_note_and_map_card_speak_of_its_ends_not_of_people_met(wb, edge_file):
    """On a partners' list the «Посредники между территориями» note names the list's ends, and the
    map's card of an end gives its «Связей» and «Сила связей» and its strongest ties by the list's
    weight, not the people's «Знакомых» and events, in either language."""
    view = AnalysisView(wb)
    _upload(view, "partners.csv", EDGE_LIST.encode())
    note = html.unescape(re.sub(r"<[^>]+>", " ", view.brokers_html.value))
    assert "Узлы (организации, люди), чьи связи охватывают несколько территорий" in note and "Люди, чьи" not in note
    view.focus.value = "НКО «Родник»"
    card = html.unescape(re.sub(r"<[^>]+>", "\n", view.focus_details.value))
    lines = [x.strip() for x in card.splitlines() if x.strip()]
    assert lines[0] == "НКО «Родник»"
    assert "Связей: 3" in lines and "Сила связей: 4" in lines  # the school 2 (two spellings), ДК 1, Анна 1
    assert "Самые сильные связи (вес по списку)" in lines and 'МБОУ "СОШ № 1" (2)' in lines
    assert not any(x.startswith(("Знакомых", "Мероприяти", "Встреч")) for x in lines)
    view.lang_toggle.value = "en"
    assert "Nodes (organisations, people) whose ties reach several territories" in html.unescape(view.brokers_html.value)
    card = html.unescape(view.focus_details.value)
    assert "Ties: 3" in card and "Strongest ties (weight in the list)" in card and "People met" not in card
