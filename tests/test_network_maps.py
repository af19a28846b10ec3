"""Network maps for the staff (issue 16, item 3): colour by community, territory or sector with a
Russian legend; name labels of the top people that do not overlap; sharp PNG and SVG."""

from __future__ import annotations

import networkx as nx
import pytest

from workbench.network.export import draw_network, plot_network


def crowded_graph() -> nx.Graph:
    """A dense little network with long names: labels placed naively sit on each other."""
    G = nx.karate_club_graph()
    places = ["Каргополь", "Ошевенск", "Лядины"]
    sectors = ["ngo", "business", None]
    for n in G:
        G.nodes[n].update(label=f"Участница с длинным именем {n}", territory=places[n % 3])
        if sectors[n % 3]:
            G.nodes[n]["sector"] = sectors[n % 3]
    return G


def label_boxes(fig):
    renderer = fig.canvas.get_renderer()
    return [(t.get_text(), t.get_window_extent(renderer))
            for t in fig.axes[0].texts if t.get_gid() == "wb-label"]


@pytest.mark.parametrize("colour_by", ["community", "territory", "sector"])
def test_map_labels_of_the_top_people_do_not_overlap(colour_by):
    G = crowded_graph()
    fig = draw_network(G, community={n: n % 4 for n in G}, colour_by=colour_by, top_labels=20)
    boxes = label_boxes(fig)
    assert len(boxes) >= 12  # most of the top 20 are named: nudged apart, not dropped
    assert "Участница с длинным именем 33" in [text for text, _ in boxes]  # the best connected
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1:]:
            assert not box_a.overlaps(box_b), f"{a!r} overlaps {b!r}"


def legend_of(fig) -> tuple[str, list[str]]:
    legend = fig.axes[0].get_legend()
    return legend.get_title().get_text(), [t.get_text() for t in legend.get_texts()]


def test_the_legend_is_russian_and_names_the_chosen_colouring():
    G = crowded_graph()
    community = {n: n % 2 + 1 for n in G}  # as `analysis.communities` numbers them: from 1
    assert legend_of(draw_network(G, community=community)) == (
        "Цвет: сообщество", ["Сообщество 1", "Сообщество 2"])
    assert legend_of(draw_network(G, community=community, colour_by="territory")) == (
        "Цвет: территория", ["Каргополь", "Лядины", "Ошевенск"])
    title, names = legend_of(draw_network(G, colour_by="sector"))
    assert title == "Цвет: сектор"
    assert names[-1] == "Не указано" and "ngo" not in names and "business" not in names
    assert legend_of(draw_network(G, colour_by="territory", lang="en"))[0] == "Colour: territory"


def test_an_unknown_colouring_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="community, territory, sector"):
        draw_network(crowded_graph(), colour_by="age")


def test_the_map_saves_as_sharp_png_and_svg_with_the_legend(tmp_path):
    from PIL import Image

    svg, png = plot_network(crowded_graph(), [tmp_path / "map.svg", tmp_path / "map.png"],
                            colour_by="territory")
    text = svg.read_text(encoding="utf-8")
    assert "Цвет: территория" in text and "Ошевенск" in text and "Участница с длинным именем 0" in text
    width, height = Image.open(png).size
    assert width >= 1500 and height >= 1100  # sharp on a wall


def test_the_staff_view_redraws_the_map_in_the_colours_chosen(wb):
    from workbench.ui.network_view import AnalysisView

    view = AnalysisView(wb)
    view.tabs.selected_index = view.tab_keys.index("na_tab_map")
    by_community = view.map_image.value
    assert by_community[:4] == b"\x89PNG"
    assert view.colour_by.description == "Цвет на карте"
    assert [label for label, _ in view.colour_by.options] == ["сообщества", "территории", "секторы"]
    view.colour_by.value = "territory"
    assert view.map_image.value[:4] == b"\x89PNG" and view.map_image.value != by_community
    assert "wb-err" not in view.message.value
    view.export_button.click()  # the exported map keeps the colours on screen
    svg = (view.last_export / "network.svg").read_text(encoding="utf-8")
    assert "Цвет: территория" in svg


def test_cli_colours_the_map_by_territory(tmp_path, capsys):
    from workbench.cli import main

    inp = tmp_path / "attendance.csv"
    rows = ["person,group,territory"] + [
        f"Человек {i},Встреча {i % 4},{['Каргополь', 'Ошевенск'][i % 2]}" for i in range(16)]
    inp.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["network", str(inp), "--output-dir", str(out), "--colour-by", "territory"]) == 0
    svg = (out / "network.svg").read_text(encoding="utf-8")
    assert "Цвет: территория" in svg and "Каргополь" in svg and "Ошевенск" in svg
    capsys.readouterr()
    assert main(["network", str(inp), "--output-dir", str(out), "--colour-by", "age"]) == 2
    assert "«community», «territory», «sector»" in capsys.readouterr().err  # quoted as Russian errors quote


DEMO = __import__("pathlib").Path(__file__).resolve().parent.parent / "sessions_data" / "demo"


def test_cli_colours_the_demo_map_by_its_real_sectors(tmp_path, capsys):
    from workbench.cli import main
    from workbench.network.pipeline import read_output

    out = tmp_path / "out"
    assert main(["network", str(DEMO / "attendance.csv"), "--output-dir", str(out),
                 "--colour-by", "sector"]) == 0
    svg = (out / "network.svg").read_text(encoding="utf-8")
    assert "Цвет: сектор" in svg
    for sector in ("НКО", "ТОС", "Органы власти / МСУ", "Бизнес", "Житель"):
        assert sector in svg, sector
    assert "Не указано" not in svg  # every demo person has a sector
    nodes = read_output(out / "nodes.csv")
    assert nodes["sector"].notna().all() and "organisation" in nodes.columns
    assert set(nodes["sector"]) == {"ngo", "tos", "authority", "business", "citizen"}
    # staff read the sectors in nodes.csv in the legend's words
    assert ";Органы власти / МСУ;" in (out / "nodes.csv").read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("content, message", [
    ("person,group\nАнна,E1\nОлег,E1\n", "в in.csv нет столбца «sector» (есть: «person», «group»)"),
    ("person,group,sector\nАнна,E1,\nОлег,E1,\n", "столбец «sector» в in.csv пуст; заполните его"),
    ("source,target\nАнна,Олег\n", "в in.csv нет столбца «sector» (есть: «source», «target»)"),
])
def test_cli_colour_by_sector_without_sectors_says_so(tmp_path, capsys, content, message):
    from workbench.cli import main

    inp = tmp_path / "in.csv"
    inp.write_text(content, encoding="utf-8")
    assert main(["network", str(inp), "--output-dir", str(tmp_path / "out"),
                 "--colour-by", "sector"]) == 2
    err = capsys.readouterr().err
    assert message in err and "укажите `--colour-by community`" in err
    assert not (tmp_path / "out").exists()


def svg_texts(path) -> list[str]:
    """The text of every <text> element of an SVG file: what a viewer can search and copy."""
    import html
    import re

    svg = path.read_text(encoding="utf-8")
    return [html.unescape(x) for x in re.findall(r"<text\b[^>]*>([^<]*)</text>", svg)]


def test_svg_maps_keep_the_names_as_text(wb, tmp_path):
    """Review item 10: the names on network.svg and the words on growth.svg are <text> (in
    DejaVu Sans, the font they were measured in, with fallbacks), not glyph outlines."""
    from workbench.cli import main
    from workbench.ui.network_view import AnalysisView

    view = AnalysisView(wb)
    view.export_button.click()
    page_svg = view.last_export / "network.svg"
    names = svg_texts(page_svg)
    top = list(view.report.people_table["label"].head(3))
    assert set(top) <= set(names) and "Сообщество 1" in names and "Карта сети" in names
    assert "font-family: 'DejaVu Sans'" in page_svg.read_text(encoding="utf-8")

    out = tmp_path / "out"
    assert main(["network", str(DEMO / "attendance.csv"), "--output-dir", str(out)]) == 0
    assert set(top) <= set(svg_texts(out / "network.svg"))
    growth = svg_texts(out / "growth.svg")
    assert "Рост сети" in growth and "новые люди" in growth and "2024-02-17" in growth


@pytest.mark.parametrize("argv, env, speaks", [
    (["--colour-by", "territory"], {"WORKBENCH_LANG": "en"}, "en"),  # the reviewer's command
    (["--colour-by", "territory", "--lang", "en"], {}, "en"),
    (["--colour-by", "territory", "--lang", "ru"], {"WORKBENCH_LANG": "en"}, "ru"),  # --lang first
    (["--colour-by", "territory"], {}, "ru"),
])
def test_the_network_commands_pictures_speak_its_language(tmp_path, monkeypatch, argv, env, speaks):
    """`workbench network` drew Russian pictures whatever the command's language: «Сеть людей»,
    «Цвет: территория», «Рост сети», decimal commas on growth.png's right axis."""
    from workbench.cli import main

    for name, value in env.items():
        monkeypatch.setenv(name, value)
    out = tmp_path / "out"
    assert main(["network", str(DEMO / "attendance.csv"), "--output-dir", str(out), *argv]) == 0
    network, growth = svg_texts(out / "network.svg"), svg_texts(out / "growth.svg")
    words = {"en": (["People network", "Colour: territory"], ["Growth of the network", "new people", "people",
                                                             "events in date order", "0.6"]),
             "ru": (["Сеть людей", "Цвет: территория"], ["Рост сети", "новые люди", "людей", "0,6"])}[speaks]
    never = {"en": {"Сеть людей", "Рост сети", "0,6"}, "ru": {"People network", "Growth of the network", "0.6"}}
    assert set(words[0]) <= set(network) and set(words[1]) <= set(growth), (network, growth)
    assert not never[speaks] & set(network + growth)
    assert "Каргопольский округ" in network  # the data's own words stay as they are
