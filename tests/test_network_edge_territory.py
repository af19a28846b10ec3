"""An edge list's column «Территория» is its ends' territory in `workbench network`: the tables,
the map's colours and legend, the territory brokers; and a generic name joined from several rows
is said with merging off too."""

from __future__ import annotations

import pandas as pd

from workbench.cli import main
from workbench.network.export import draw_network
from workbench.network.pipeline import analyse_table, read_output

# Three organisations of Каргополь, two of Няндома; «НКО «Родник»» works in both, once each.
TIES = ("Кто;С кем;Территория\n"
        "Администрация;Средняя школа;Каргополь\n"
        "Администрация;ДК «Заря»;Няндома\n"
        "администрация;ТОС «Лядины»;п. Каргополь\n"
        "НКО «Родник»;ТОС «Лядины»;Каргополь\n"
        "ДК «Заря»;НКО «Родник»;Няндома\n")


def test_an_edge_lists_territory_is_its_ends_territory_in_the_tables_and_on_the_map(tmp_path, capsys):
    src = tmp_path / "ties.csv"
    src.write_text(TIES, encoding="utf-8")
    assert main(["network", str(src), "--output-dir", str(tmp_path / "out"), "--colour-by", "territory"]) == 0
    assert capsys.readouterr().out.startswith("узлов: 6, связей: 5,")
    nodes = read_output(tmp_path / "out" / "nodes.csv").set_index("label")
    assert nodes["territory"].to_dict() == {
        "Администрация (Каргополь)": "Каргополь", "Администрация (Няндома)": "Няндома",
        "Средняя школа": "Каргополь", "ТОС «Лядины»": "Каргополь",  # «п. Каргополь» is the same place
        "ДК «Заря»": "Няндома",
        "НКО «Родник»": "Каргополь"}  # one row each: the first place in alphabetical order
    header = (tmp_path / "out" / "nodes.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.endswith(";Территория")
    # the territory brokers: the two that work across the district line
    brokers = read_output(tmp_path / "out" / "brokers.csv")
    assert sorted(brokers["label"]) == ["ДК «Заря»", "НКО «Родник»"]
    assert set(brokers["territories"]) == {"Каргополь; Няндома"}
    # the map is coloured by the places, none «Не указано»
    svg = (tmp_path / "out" / "network.svg").read_text(encoding="utf-8")
    assert "Цвет: территория" in svg and "Каргополь" in svg and "Няндома" in svg and "Не указано" not in svg


def test_the_map_legend_names_the_places_whatever_the_order_of_the_rows():
    rows = [line.split(";") for line in TIES.splitlines()]
    df = pd.DataFrame(rows[1:], columns=rows[0])
    for table in (df, df.iloc[::-1]):
        G = analyse_table(table, colour_by="territory")["network.png"][1]
        legend = draw_network(G, colour_by="territory").axes[0].get_legend()
        assert legend.get_title().get_text() == "Цвет: территория"
        assert [t.get_text() for t in legend.get_texts()] == ["Каргополь", "Няндома"]
        assert G.nodes["НКО «Родник»"]["territory"] == "Каргополь"


def test_a_generic_name_joined_from_several_rows_is_said_with_merging_off_too(tmp_path, capsys):
    src = tmp_path / "bare.csv"
    src.write_text("Кто;С кем\nАдминистрация;Средняя школа Каргополя\nАдминистрация;ДК «Заря» (Няндома)\n"
                   "администрация;ТОС «Лядины»\n", encoding="utf-8")
    assert main(["network", str(src), "--output-dir", str(tmp_path / "apart"), "--no-merge-orgs"]) == 0
    said = capsys.readouterr().out
    # «администрация» is its own node with merging off: «Администрация» is still two rows' one node
    assert "общие названия без территории — каждое одна организация на все свои строки: «Администрация» (2)." in said
    labels = set(read_output(tmp_path / "apart" / "nodes.csv")["label"])
    assert {"Администрация", "администрация"} <= labels


def test_with_merging_off_two_places_administrations_stay_two(tmp_path, capsys):
    """`--no-merge-orgs` keeps every spelling as written, but one name of a kind of body in two places
    is still two bodies: «Администрация» of Каргополь and of Няндома are two nodes, each with its
    place, as with merging on; nothing is said about names without a territory."""
    src = tmp_path / "ties.csv"
    src.write_text(TIES, encoding="utf-8")
    assert main(["network", str(src), "--output-dir", str(tmp_path / "apart"), "--no-merge-orgs"]) == 0
    said = capsys.readouterr().out
    assert said.startswith("узлов: 7, связей: 5,") and "общие названия без территории" not in said
    nodes = read_output(tmp_path / "apart" / "nodes.csv").set_index("label")["territory"].to_dict()
    assert {k: v for k, v in nodes.items() if "дминистрация" in k} == {
        "Администрация (Каргополь)": "Каргополь", "Администрация (Няндома)": "Няндома",
        "администрация (Каргополь)": "Каргополь"}  # another spelling: its own node with merging off
    brokers = read_output(tmp_path / "apart" / "brokers.csv")
    assert not any("дминистрация" in label for label in brokers["label"])  # no body made of two places


def test_with_merging_off_an_attendance_lists_administrations_of_two_places_stay_two():
    """The page with «Объединять написания организаций» unticked and the command's --no-merge-orgs alike."""
    from workbench.network.report import analyse, prepare

    df = pd.DataFrame({"ФИО": ["Анна", "Олег", "Ира"], "Мероприятие": ["Встреча"] * 3,
                       "Организация": ["Администрация"] * 3, "Территория": ["Каргополь", "Няндома", "Каргополь"]})
    page = analyse(prepare(df), merge_orgs=False)
    assert sorted(page.organisations["label"]) == ["Администрация (Каргополь)", "Администрация (Няндома)"]
    people = page.people_table.set_index("label")["organisation"].to_dict()
    assert people == {"Анна": "Администрация (Каргополь)", "Ира": "Администрация (Каргополь)",
                      "Олег": "Администрация (Няндома)"}
    cli = analyse_table(df, merge_orgs=False)["nodes.csv"].set_index("label")["organisation"].to_dict()
    assert cli == people
