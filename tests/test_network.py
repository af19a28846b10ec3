"""Network analysis: real networks with known structure, import edge cases, exports, CLI."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from workbench.cli import REGISTRARS, main
from workbench.network import (
    NetworkInputError,
    apply_matches,
    betweenness,
    build_graph,
    communities,
    find_matches,
    growth,
    k_core,
    load_attendance,
    load_attendance_lists,
    name_similarity,
    node_metrics,
    organisation_projection,
    pagerank,
    people_projection,
    plot_growth,
    plot_network,
    pseudonymise,
    repeat_attendance,
    sanitise,
    sector_mix,
    territory_brokers,
    write_gexf,
    write_graphml,
)
from workbench.network.analysis import _louvain_sparse, adjacency
from workbench.network.export import edges_table
from workbench.network.pipeline import read_output
from workbench.tableio import write_csv


def agreement(truth: dict, found: dict) -> float:
    """Share of nodes whose found group matches the majority truth label of that group."""
    by_group: dict = {}
    for n, g in found.items():
        by_group.setdefault(g, Counter())[truth[n]] += 1
    return sum(c.most_common(1)[0][1] for c in by_group.values()) / len(found)


# ---------------------------------------------------------------------------
# Real networks with known structure


def test_davis_projection_and_communities_split_the_two_groups():
    D = nx.davis_southern_women_graph()
    women = D.graph["top"]
    P = people_projection(D)
    assert sorted(P) == sorted(women)
    assert P.graph["backbone"] is False
    # Evelyn and Laura attended 6 events together; Evelyn met all 17 others.
    assert P.edges["Evelyn Jefferson", "Laura Mandeville"]["weight"] == 6
    assert P.nodes["Evelyn Jefferson"]["contacts"] == 17
    # Davis et al.: the first nine women form one clique, the last nine the other.
    truth = {w: i < 9 for i, w in enumerate(women)}
    two = communities(P, seed=0, n_communities=2)
    assert len(set(two.values())) == 2
    assert agreement(truth, two) >= 16 / 18
    louvain = communities(P, seed=0)
    assert agreement(truth, louvain) >= 16 / 18


def test_karate_two_communities_agree_with_the_factions():
    K = nx.karate_club_graph()
    club = dict(K.nodes(data="club"))
    for seed in range(3):
        two = communities(K, seed=seed, n_communities=2)
        assert len(set(two.values())) == 2
        assert agreement(club, two) >= 0.9
        assert agreement(club, communities(K, seed=seed, resolution=0.5)) >= 0.9
    # Plain Louvain splits finer, but its groups do not straddle the factions much.
    assert agreement(club, communities(K, seed=0)) >= 0.9


def test_sparse_louvain_is_close_to_networkx_modularity():
    K = nx.karate_club_graph()
    nodes, A = adjacency(K)
    labels = _louvain_sparse(A, seed=0)
    parts = [{n for n, lab in zip(nodes, labels, strict=True) if lab == c} for c in set(labels)]
    assert nx.community.modularity(K, parts) > 0.40
    assert communities(K, method="sparse", seed=0) == communities(K, method="sparse", seed=0)


def test_karate_metrics_match_networkx():
    K = nx.karate_club_graph()
    m = node_metrics(K).set_index("id")
    exact = nx.betweenness_centrality(K)
    assert all(abs(m.at[n, "betweenness"] - exact[n]) < 1e-12 for n in K)
    pr = nx.pagerank(K, tol=1e-12)
    assert all(abs(m.at[n, "pagerank"] - pr[n]) < 1e-6 for n in K)
    assert m.at[33, "degree"] == 17 and m.at[33, "weighted_degree"] == K.degree(33, weight="weight")
    assert m["core_number"].to_dict() == nx.core_number(K)
    assert not m["betweenness_approx"].any()
    assert set(pagerank(K)) == set(K)


def test_florentine_medici_are_the_top_broker():
    F = nx.florentine_families_graph()
    m = node_metrics(F)
    assert m.sort_values("betweenness").iloc[-1]["id"] == "Medici"
    top = betweenness(F).sort_values()
    assert top.index[-1] == "Medici"
    # Sampled sources: flagged, reproducible with the seed, Medici still on top.
    approx = betweenness(F, k=8, seed=3)
    assert approx.attrs == {"approximate": True, "sources": 8}
    assert approx.equals(betweenness(F, k=8, seed=3))
    assert approx.idxmax() == "Medici"
    # Families as territories: Medici ties reach the most of them.
    for n in F:
        F.nodes[n]["territory"] = n
    brokers = territory_brokers(F)
    assert brokers.iloc[0]["id"] == "Medici" and brokers.iloc[0]["n_territories"] == 7


def test_large_graph_uses_sampled_betweenness_and_says_so():
    G = nx.connected_watts_strogatz_graph(2500, 6, 0.1, seed=1)
    m = node_metrics(G, seed=0, betweenness_k=64)
    assert m["betweenness_approx"].all() and (m["betweenness_sources"] == 64).all()
    assert m["community"].nunique() > 1


# ---------------------------------------------------------------------------
# Brokers, growth, sector mix, repeat attendance, k-core


def test_brokers_between_territories_on_a_hand_made_graph():
    G = nx.Graph()
    people = {"Анна": "Каргополь", "Олег": "Каргополь", "Ира": "Няндома", "Петр": "Вельск",
              "Вера": "Няндома"}
    for p, t in people.items():
        G.add_node(p, kind="person", territory=t)
    G.add_node("Школа", kind="organisation")
    G.add_edges_from([("Анна", "Олег"), ("Анна", "Ира"), ("Анна", "Петр"), ("Олег", "Ира"),
                      ("Ира", "Вера"), ("Школа", "Анна"), ("Школа", "Вера")])
    b = territory_brokers(G)
    assert b.iloc[0]["id"] == "Анна"
    assert b.iloc[0]["n_territories"] == 3 and b.iloc[0]["cross_ties"] == 2
    assert b.iloc[0]["territories"] == "Вельск; Каргополь; Няндома"
    assert "Школа" in set(b["id"])  # members from two districts
    assert "Вера" not in set(b["id"])  # her only people tie stays in Няндома
    only_local = territory_brokers(G.subgraph(["Ира", "Вера"]))
    assert only_local.empty


def attendance_rows():
    return pd.DataFrame([
        # person, event, date, territory, organisation, sector
        ("Анна Иванова", "Сессия 2", "2024-03-01", "Каргополь", "Школа", "образование"),
        ("Олег Петров", "Сессия 1", "2024-02-01", "Каргополь", "Администрация", "власть"),
        ("Анна Иванова", "Сессия 1", "2024-02-01", "Каргополь", "Школа", "образование"),
        ("Ира Смирнова", "Сессия 3", "2024-04-01", "Няндома", "НКО Север", "НКО"),
        ("Петр Орлов", "Сессия 3", "2024-04-01", "Вельск", "", "бизнес"),
        ("Олег Петров", "Сессия 4", "2024-05-01", "Каргополь", "Администрация", "власть"),
        ("Ира Смирнова", "Сессия 4", "2024-05-01", "Няндома", "НКО Север", "НКО"),
    ], columns=["person", "event", "date", "territory", "organisation", "sector"])


def test_growth_over_events_in_date_order(tmp_path):
    G = build_graph(load_attendance(attendance_rows()))
    g = growth(G)
    assert g["label"].tolist() == ["Сессия 1", "Сессия 2", "Сессия 3", "Сессия 4"]
    assert g["participants"].tolist() == [2, 1, 2, 2]
    assert g["new_people"].tolist() == [2, 0, 2, 0]
    assert g["returning_people"].tolist() == [0, 1, 0, 2]
    assert g["cumulative_people"].tolist() == [2, 2, 4, 4]
    # Sessions 1 and 3 are separate groups until session 4 joins them.
    assert g["largest_component_share"].tolist() == [1.0, 1.0, 0.5, 1.0]
    path = plot_growth(g, tmp_path / "g.png")
    assert path.stat().st_size > 5000


def test_graph_model_projections_and_attendance_tables():
    G = build_graph(load_attendance(attendance_rows()))
    kinds = Counter(k for _, k in G.nodes(data="kind"))
    assert kinds == {"person": 4, "event": 4, "organisation": 3, "territory": 3}
    assert G.edges["person:Анна Иванова", "event:Сессия 1"] == {"kind": "attended",
                                                                "date": "2024-02-01"}
    assert G.edges["person:Анна Иванова", "organisation:Школа"]["kind"] == "member"
    P = people_projection(G)
    # Anna and Oleg share session 1 (events tie people; territories do not).
    assert P.edges["person:Анна Иванова", "person:Олег Петров"]["weight"] == 1
    assert not P.has_edge("person:Анна Иванова", "person:Ира Смирнова")
    # Oleg and Ira share session 4.
    assert P.has_edge("person:Олег Петров", "person:Ира Смирнова")
    orgs = organisation_projection(G)
    assert orgs.edges["organisation:Администрация", "organisation:НКО Север"]["shared_events"] == 1
    rep = repeat_attendance(G)
    assert rep.set_index("label")["events"].to_dict() == {
        "Анна Иванова": 2, "Олег Петров": 2, "Ира Смирнова": 2, "Петр Орлов": 1}
    mix = sector_mix(G, by="event")
    assert mix.loc["Сессия 3", "total"] == 2 and mix.loc["Сессия 3", "diversity"] == 0.5
    by_terr = sector_mix(G, by="territory")
    assert by_terr.loc["Каргополь", "total"] == 2
    core = k_core(nx.lollipop_graph(5, 3))
    assert sorted(core) == [0, 1, 2, 3, 4]


# ---------------------------------------------------------------------------
# Import edge cases and matching


def test_cp1251_semicolons_bom_spaces_and_russian_headers(tmp_path):
    p1 = tmp_path / "list1.csv"
    p1.write_bytes("ФИО; Мероприятие ;Дата\n  Семёнова   Анна ;Сессия 1; 01.02.2024\n"
                   .encode("cp1251"))
    p2 = tmp_path / "list2.csv"
    p2.write_bytes("\ufeffperson,event,date,email\nСеменова анна,Сессия 2,2024-03-01,"
                   " Anna@Mail.ru \n".encode())
    t = load_attendance_lists([p1, p2])
    assert t["person"].tolist() == ["Семёнова Анна", "Семенова анна"]
    assert t["date"].tolist() == ["2024-02-01", "2024-03-01"]
    assert t["email"].tolist() == ["", "anna@mail.ru"]
    assert t["list"].tolist() == ["list1.csv", "list2.csv"]
    m = find_matches(t)
    assert m["status"].tolist() == ["certain"]  # ё/е, case and spaces do not matter
    merged = apply_matches(t, m)
    assert merged["person_id"].nunique() == 1


def test_xlsx_with_date_cells(tmp_path):
    import datetime as dt

    p = tmp_path / "list.xlsx"
    pd.DataFrame({"person": ["Анна Иванова"], "event": ["Сессия"],
                  "date": [dt.datetime(2024, 3, 5)]}).to_excel(p, index=False)
    assert load_attendance(p)["date"].tolist() == ["2024-03-05"]


def test_initials_and_typos_are_uncertain_and_staff_decide():
    t = load_attendance(pd.DataFrame({
        "person": ["Иванова А.П.", "Анна Петровна Иванова", "Петров Олег", "Петров Олэг",
                   "Сидоров Иван"],
        "event": ["E1", "E2", "E1", "E2", "E1"]}))
    assert name_similarity("Иванова А.П.", "Анна Петровна Иванова") == 0.9
    assert name_similarity("Иванова А.П.", "Иванова Б.П.") < 0.75
    m = find_matches(t)
    assert set(m["status"]) == {"uncertain"}
    pairs = {frozenset((a, b)): r for a, b, r in
             zip(m["left_name"], m["right_name"], m["reason"], strict=True)}
    assert pairs[frozenset(("Иванова А.П.", "Анна Петровна Иванова"))] == "initials"
    assert pairs[frozenset(("Петров Олег", "Петров Олэг"))] == "similar name"
    assert not any("Сидоров Иван" in p for p in pairs)
    # Nothing merges until staff confirm; a 'decision' column works as well.
    assert apply_matches(t, m)["person_id"].nunique() == 5
    m["decision"] = ["confirm" if "Иванова А.П." in (a, b) else "reject"
                     for a, b in zip(m["left_name"], m["right_name"], strict=True)]
    merged = apply_matches(t, m)
    assert merged["person_id"].tolist()[:2] == ["Анна Петровна Иванова"] * 2
    assert merged["person_id"].nunique() == 4


def test_email_is_a_key_and_namesakes_stay_apart():
    t = load_attendance(pd.DataFrame({
        "person": ["Анна Иванова", "Иванова Анна Петровна", "Анна Иванова"],
        "event": ["E1", "E2", "E3"],
        "email": ["anna@x.ru", "ANNA@x.ru", "other@y.ru"]}))
    m = find_matches(t)
    certain = m[m["status"] == "certain"]
    assert len(certain) == 1 and certain.iloc[0]["reason"] == "same email"
    same_name = m[m["reason"] == "same name, different contacts"]
    assert len(same_name) == 1 and same_name.iloc[0]["status"] == "uncertain"
    ids = apply_matches(t, m)["person_id"].tolist()
    assert ids[0] == ids[1] == "Иванова Анна Петровна"
    assert ids[2] == "Анна Иванова"
    # Rejecting the certain pair keeps everyone apart; namesakes get a suffix.
    row = certain.iloc[0]
    apart = apply_matches(t, m, rejected=[(row["left"], row["right"])])["person_id"].tolist()
    assert len(set(apart)) == 3 and apart[0] != apart[2] and "(2)" in " ".join(apart)


def test_bad_date_names_row_and_column(tmp_path):
    p = tmp_path / "list.csv"
    p.write_text("person,event,date\nАнна,E1,2024-01-01\nОлег,E1,abc\n", encoding="utf-8")
    with pytest.raises(NetworkInputError, match=r"row 3, column 'date': 'abc' is not a date"):
        load_attendance(p)


def test_several_problems_are_all_listed():
    df = pd.DataFrame({"person": ["", "Анна"], "event": ["E", "E"],
                       "phone": ["12", "+7 921 000-00-00"], "email": ["x", ""]})
    with pytest.raises(NetworkInputError) as err:
        load_attendance(df)
    msg = str(err.value)
    assert "3 problems" in msg
    assert "row 2, column 'person': empty" in msg
    assert "row 2, column 'phone': '12' is not a phone number" in msg
    assert "row 2, column 'email': 'x' is not an email address" in msg
    assert err.value.message("ru") == (  # as the analysis page and `workbench network` say it
        "таблица: 3 ошибки:\n  строка 2, столбец «person»: пусто, а нужно заполнить\n"
        "  строка 2, столбец «phone»: «12» — не номер телефона\n"
        "  строка 2, столбец «email»: «x» — не адрес электронной почты")


def test_more_than_ten_problems_are_counted_not_listed():
    df = pd.DataFrame({"person": ["Анна"] * 12, "event": ["E"] * 12, "date": [f"день {i}" for i in range(12)]})
    with pytest.raises(NetworkInputError) as err:
        load_attendance(df)
    lines = err.value.message("ru").splitlines()
    assert lines[0] == "таблица: 12 ошибок:" and len(lines) == 12
    assert lines[1] == "  строка 2, столбец «date»: «день 0» — не дата (пишите, например, 05.03.2024)"
    assert lines[-1] == "  … и ещё 2"


def test_empty_file_and_missing_column(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(NetworkInputError, match="empty"):
        load_attendance(empty)
    header_only = tmp_path / "header.csv"
    header_only.write_text("person,event\n")
    with pytest.raises(NetworkInputError, match="no data rows"):
        load_attendance(header_only)
    missing = tmp_path / "missing.csv"
    missing.write_text("person,date\nАнна,2024-01-01\n")
    with pytest.raises(NetworkInputError) as err:
        load_attendance(missing)
    assert err.value.message("ru") == ("missing.csv: в файле нет столбца с мероприятием: найдены «person», «date». "
                                       "Нужен столбец «Мероприятие» или «event».")


# ---------------------------------------------------------------------------
# Exports and pseudonymisation


def test_gexf_and_graphml_parse_back_with_tricky_attributes(tmp_path):
    G = nx.Graph()
    G.add_node("a", kind="person", label='Анна "<Ё>" & Co', tags=["x", "y"], note=None,
               score=1, flag=True, when=pd.Timestamp("2024-01-02"))
    G.add_node("b", kind="person", label="Олег", score=2.5, nan=float("nan"))
    G.add_edge("a", "b", weight=2, kind="tie", date="2024-01-02", extra={"k": 1})
    G.graph["title"] = "тест"
    H = sanitise(G)
    assert H.nodes["a"]["tags"] == "x; y" and "note" not in H.nodes["a"]
    assert H.nodes["a"]["score"] == 1.0 and isinstance(H.nodes["b"]["score"], float)
    g1 = nx.read_gexf(write_gexf(G, tmp_path / "g.gexf"))
    assert g1.nodes["a"]["label"] == 'Анна "<Ё>" & Co'
    assert g1.nodes["a"]["flag"] is True and g1.nodes["b"]["score"] == 2.5
    assert g1.edges["a", "b"]["weight"] == 2.0 and g1.edges["a", "b"]["date"] == "2024-01-02"
    g2 = nx.read_graphml(write_graphml(G, tmp_path / "g.graphml"))
    assert g2.nodes["a"]["label"] == 'Анна "<Ё>" & Co' and g2.nodes["a"]["tags"] == "x; y"
    assert g2.edges["a", "b"]["extra"] == '{"k": 1}' and g2.graph["title"] == "тест"
    # Real graphs round-trip too.
    for R in (nx.karate_club_graph(), nx.davis_southern_women_graph()):
        assert nx.read_gexf(write_gexf(R, tmp_path / "r.gexf")).number_of_edges() == \
            R.number_of_edges()
        assert nx.read_graphml(write_graphml(R, tmp_path / "r.graphml")).number_of_nodes() == \
            R.number_of_nodes()


def test_pseudonymise_leaves_no_name_or_contact_in_any_export(tmp_path):
    rows = attendance_rows()
    rows["email"] = ["anna@mail.ru", "oleg@mail.ru", "anna@mail.ru", "ira@mail.ru", "",
                     "oleg@mail.ru", "ira@mail.ru"]
    rows["phone"] = ["+7 921 111-11-11", "", "", "89212222222", "", "", ""]
    G = build_graph(load_attendance(rows))
    H, mapping = pseudonymise(G)
    assert sorted(mapping.values()) == ["P0001", "P0002", "P0003", "P0004"]
    assert pseudonymise(G)[1] == mapping  # stable
    salted = pseudonymise(G, salt="s")[1]
    assert salted == pseudonymise(G, salt="s")[1] and salted != mapping
    P = people_projection(H)
    m = node_metrics(P)
    comm = dict(zip(m["id"], m["community"], strict=True))
    write_csv(m, tmp_path / "nodes.csv")
    write_csv(edges_table(P), tmp_path / "edges.csv")
    write_gexf(H, tmp_path / "model.gexf")
    write_graphml(H, tmp_path / "model.graphml")
    write_gexf(P, tmp_path / "network.gexf")
    write_graphml(P, tmp_path / "network.graphml")
    plot_network(P, [tmp_path / "network.svg", tmp_path / "network.png"], community=comm)
    write_csv(territory_brokers(P), tmp_path / "brokers.csv")
    secrets = ["Анна", "Иванова", "Олег", "Петров", "Ира", "Смирнова", "Орлов", "mail.ru",
               "anna@", "79211111111", "921 111", "2222222"]
    for f in tmp_path.iterdir():
        text = f.read_bytes().decode("utf-8", errors="ignore")
        for s in secrets:
            assert s not in text, f"{s!r} survives in {f.name}"
    assert "P0001" in (tmp_path / "nodes.csv").read_text(encoding="utf-8-sig")


# ---------------------------------------------------------------------------
# CLI


def two_mode_csv(path: Path) -> Path:
    rows = ["person,group,kind,date,territory"]
    people = [("Анна Иванова", "Каргополь"), ("Олег Петров", "Каргополь"),
              ("Ира Смирнова", "Няндома"), ("Петр Орлов", "Вельск"), ("Вера Зуева", "Няндома")]
    plan = {"Сессия 1": (["Анна Иванова", "Олег Петров", "Ира Смирнова"], "2024-02-01"),
            "Сессия 2": (["Ира Смирнова", "Вера Зуева"], "2024-03-01"),
            "Сессия 3": (["Анна Иванова", "Петр Орлов", "Вера Зуева"], "2024-04-01")}
    terr = dict(people)
    for g, (who, date) in plan.items():
        rows += [f"{p},{g},event,{date},{terr[p]}" for p in who]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_registrar_is_listed():
    assert any(e.endswith("workbench.cli.network:register") for e in REGISTRARS)


def test_cli_two_mode(tmp_path, capsys):
    inp = two_mode_csv(tmp_path / "in.csv")
    out = tmp_path / "out"
    assert main(["network", str(inp), "--output-dir", str(out), "--seed", "1"]) == 0
    assert capsys.readouterr().out.startswith("узлов: 5, ")
    for name in ("nodes.csv", "edges.csv", "network.gexf", "network.graphml", "network.png",
                 "network.svg", "brokers.csv", "groups.csv", "growth.csv", "growth.png",
                 "summary.json"):
        assert (out / name).stat().st_size > 0, name
    nodes = read_output(out / "nodes.csv")
    assert {"id", "kind", "degree", "weighted_degree", "betweenness", "community"} <= set(
        nodes.columns)
    assert set(nodes["kind"]) == {"person"} and len(nodes) == 5
    anna = nodes.set_index("label").loc["Анна Иванова"]
    assert anna["degree"] == 4 and anna["weighted_degree"] == 4
    edges = read_output(out / "edges.csv")
    assert len(edges) == 7 and {"source", "target", "weight"} <= set(edges.columns)
    g = nx.read_gexf(out / "network.gexf")
    assert g.number_of_nodes() == 5 and "betweenness" in g.nodes["person:Анна Иванова"]
    assert nx.read_graphml(out / "network.graphml").number_of_edges() == 7
    growth_csv = read_output(out / "growth.csv")
    assert growth_csv["cumulative_people"].tolist() == [3, 4, 5]
    brokers = read_output(out / "brokers.csv")
    assert brokers.iloc[0]["label"] == "Анна Иванова"  # ties to all three districts
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["shape"] == "two_mode" and summary["betweenness_approximate"] is False
    # Same seed, same result.
    out2 = tmp_path / "out2"
    assert main(["network", str(inp), "--output-dir", str(out2), "--seed", "1"]) == 0
    assert (out / "nodes.csv").read_bytes() == (out2 / "nodes.csv").read_bytes()


def test_cli_one_mode_edge_list_with_pseudonymise(tmp_path):
    inp = tmp_path / "edges.csv"
    inp.write_text("source;target;weight\nАнна;Олег;2\nОлег;Ира;1,5\nИра;Анна;1\nИра;Петр;1\n",
                   encoding="cp1251")
    out = tmp_path / "out"
    assert main(["network", str(inp), "--output-dir", str(out), "--pseudonymise"]) == 0
    nodes = read_output(out / "nodes.csv")
    assert sorted(nodes["id"]) == ["N0001", "N0002", "N0003", "N0004"]
    assert nodes.set_index("id")["weighted_degree"].max() == 3.5
    for f in out.iterdir():
        text = f.read_bytes().decode("utf-8", errors="ignore")
        for name in ("Анна", "Олег", "Ира", "Петр"):
            assert name not in text, f"{name} survives in {f.name}"
    assert not (out / "growth.csv").exists()


def test_cli_two_mode_pseudonymise(tmp_path):
    inp = two_mode_csv(tmp_path / "in.csv")
    out = tmp_path / "out"
    assert main(["network", str(inp), "--output-dir", str(out), "--pseudonymise"]) == 0
    for f in out.iterdir():
        text = f.read_bytes().decode("utf-8", errors="ignore")
        for name in ("Анна", "Иванова", "Олег", "Ира", "Петр", "Вера", "Зуева"):
            assert name not in text, f"{name} survives in {f.name}"
    assert "Каргополь" in (out / "brokers.csv").read_text(encoding="utf-8-sig")


FORMULAS = ['=HYPERLINK("http://x")', "=cmd|' /C calc'!A0"]


def csv_cells(path: Path) -> list[str]:
    with open(path, newline="", encoding="utf-8-sig") as fh:
        return [cell for row in csv.reader(fh, delimiter=";") for cell in row]  # for Russian Excel


@pytest.mark.parametrize("header, rows", [
    (["source", "target"], [[FORMULAS[0], "Анна"], [FORMULAS[1], "Олег"], ["Олег", FORMULAS[0]]]),
    (["person", "group"], [[FORMULAS[0], "E1"], [FORMULAS[1], "E1"], ["Анна", "E1"],
                           ["Анна", "E2"], [FORMULAS[0], "E2"]]),
])
def test_cli_csv_files_show_formulas_as_text(tmp_path, header, rows):
    inp, out = tmp_path / "in.csv", tmp_path / "out"
    with open(inp, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([header, *rows])
    assert main(["network", str(inp), "--output-dir", str(out)]) == 0
    nodes, edges = csv_cells(out / "nodes.csv"), csv_cells(out / "edges.csv")
    for name in FORMULAS:
        assert "'" + name in nodes  # the label, written so a spreadsheet shows it as text
    for cell in nodes + edges:
        assert not cell.startswith(("=", "@")), cell
    if header[0] == "source":  # an edge list: the names are the node ids, in edges.csv too
        assert {"'" + name for name in FORMULAS} <= set(edges)


@pytest.mark.parametrize("content, message", [
    ("person,group,date\nАнна,E1,2024-01-01\nОлег,E1,32.13.2024\n",
     "in.csv: строка 3, столбец «date»: «32.13.2024» — не дата (пишите, например, 05.03.2024)"),
    ("name,place\nАнна,E1\n", "in.csv: непонятно, что это за список: найдены «name», «place». Нужны столбцы «ФИО» и "
                             "«Мероприятие» (кто в чём участвовал; или `person` и `event` или `group`) или два конца "
                             "связи: «Организация 1» и «Организация 2», «Кто» и «С кем», «Источник» и «Получатель» "
                             "(или `source` и `target`; список связей)"),
    ("Название;Кому\nА;Б\n", "in.csv: в файле нет столбца с первым участником связи: найдены «Название», «Кому». "
                              "Нужен столбец «Организация 1» или «source»."),
    ("source,target,weight\na,b,heavy\n", "in.csv: строка 2, столбец «weight»: «heavy» — не положительное число"),
    ("source,target\na,\n", "in.csv: строка 2, столбец «target»: пусто, а нужно заполнить"),
    ("", "in.csv: файл пуст"),
    ("person,group\n", "in.csv: в таблице нет строк с данными (только заголовок)"),
])
def test_cli_errors_exit_nonzero_and_write_nothing(tmp_path, capsys, content, message):
    inp = tmp_path / "in.csv"
    inp.write_text(content, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["network", str(inp), "--output-dir", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("workbench network: ошибка: ") and err.endswith(f"{message}\n")
    assert not out.exists()


def test_cli_missing_input_and_output_dir_that_is_a_file(tmp_path, capsys):
    assert main(["network", str(tmp_path / "nope.csv"), "--output-dir", str(tmp_path / "o")]) == 2
    assert "nope.csv: файл не найден; проверьте имя и папку" in capsys.readouterr().err
    inp = two_mode_csv(tmp_path / "in.csv")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["network", str(inp), "--output-dir", str(blocker)]) == 2
    assert f"{blocker} уже есть, и это не папка; укажите другую папку для результатов" in capsys.readouterr().err
    assert blocker.read_text() == "x"


def test_cli_failure_during_writing_leaves_no_partial_files(tmp_path, monkeypatch, capsys):
    from workbench.network import export

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(export, "write_graphml", broken)
    out = tmp_path / "out"
    with pytest.raises(RuntimeError, match="disk full"):
        main(["network", str(two_mode_csv(tmp_path / "in.csv")), "--output-dir", str(out)])
    assert not out.exists()


DEMO_DIR = Path(__file__).resolve().parent.parent / "sessions_data" / "demo"


def test_cli_merges_a_name_in_another_word_order_as_the_analysis_page_does(tmp_path, capsys):
    from workbench.network import report

    out = tmp_path / "out"
    assert main(["network", str(DEMO_DIR / "attendance.csv"), "--output-dir", str(out)]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("узлов: 164,")  # the README's 164 people, not 168 spellings
    assert "объединено написаний одних и тех же людей: 4 (людей: 164)" in printed
    assert "пар похожих имён (опечатки, инициалы) оставлено раздельно: 6" in printed
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["people"] == 164 and summary["spellings_merged"] == 4
    page = report.analyse(report.prepare(DEMO_DIR / "attendance.csv"), seed=0)
    assert page.summary["people"] == summary["people"]
    labels = set(read_output(out / "nodes.csv")["label"])
    assert labels == set(page.people_table["label"])
    # The same person in another word order is one node, under one name.
    inp = tmp_path / "in.csv"
    inp.write_text("person,group\nСоловьёва Валентина,E1\nВалентина Соловьёва,E2\nОлег Петров,E1\n",
                   encoding="utf-8")
    assert main(["network", str(inp), "--output-dir", str(tmp_path / "o2")]) == 0
    assert "объединено написаний одних и тех же людей: 1 (людей: 2)" in capsys.readouterr().out
    nodes = read_output(tmp_path / "o2" / "nodes.csv")
    assert len(nodes) == 2
    valentina = nodes[nodes["label"].isin(["Соловьёва Валентина", "Валентина Соловьёва"])]
    assert valentina["groups"].tolist() == [2]


def test_cli_edge_list_keeps_the_kind_of_tie_and_whole_weights_in_every_export(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["network", str(DEMO_DIR / "partnerships.csv"), "--output-dir", str(out)]) == 0
    given = pd.read_csv(DEMO_DIR / "partnerships.csv", encoding="utf-8-sig")
    with open(out / "edges.csv", newline="", encoding="utf-8-sig") as fh:  # as Russian Excel splits it
        rows = list(csv.DictReader(fh, delimiter=";"))
    assert len(rows) == len(given)
    assert {"совместный проект", "обмен опытом"} <= {r["Тип"] for r in rows} == set(given["kind"])
    assert all(r["Вес"].isdigit() for r in rows)  # 3, not 3.0
    expected = {frozenset((s, t)): (str(w), k) for s, t, w, k in given.itertuples(index=False)}
    assert {frozenset((r["Кто"], r["С кем"])): (r["Вес"], r["Тип"]) for r in rows} == expected
    graphml = nx.read_graphml(out / "network.graphml")
    gexf = nx.read_gexf(out / "network.gexf")
    for s, t, w, k in given.itertuples(index=False):
        assert graphml.edges[s, t]["kind"] == k and graphml.edges[s, t]["weight"] == w
        assert isinstance(graphml.edges[s, t]["weight"], int)
        assert gexf.edges[s, t]["kind"] == k and gexf.edges[s, t]["weight"] == w
    assert 'weight="3"' in (out / "network.gexf").read_text(encoding="utf-8")
    # A list without kinds or with fractional weights: 'tie', and the weights as given.
    inp = tmp_path / "in.csv"
    inp.write_text("source,target,weight\nа,б,1.5\nб,в,2\nб,а,1\n", encoding="utf-8")
    assert main(["network", str(inp), "--output-dir", str(tmp_path / "o2")]) == 0
    edges = read_output(tmp_path / "o2" / "edges.csv")
    assert sorted(edges["weight"]) == [2.0, 2.5] and set(edges["kind"]) == {"tie"}


def test_nodes_csv_writes_whole_weighted_degrees_as_whole_numbers(tmp_path):
    """Weighted degree sums whole weights (people met, shared events): nodes.csv says 17, not
    17.0, for an edge list and for an attendance list alike; fractional weights stay fractional."""
    for name in ("partnerships.csv", "attendance.csv"):
        out = tmp_path / name
        assert main(["network", str(DEMO_DIR / name), "--output-dir", str(out)]) == 0
        with open(out / "nodes.csv", newline="", encoding="utf-8-sig") as fh:
            rows = list(csv.DictReader(fh, delimiter=";"))
        assert rows and all(r["Сила связей"].isdigit() for r in rows), name
        assert int(rows[0]["Сила связей"]) >= int(rows[-1]["Сила связей"]) > 0
    inp = tmp_path / "in.csv"
    inp.write_text("source,target,weight\nа,б,1.5\nб,в,2\n", encoding="utf-8")
    assert main(["network", str(inp), "--output-dir", str(tmp_path / "o2")]) == 0
    with open(tmp_path / "o2" / "nodes.csv", newline="", encoding="utf-8-sig") as fh:
        assert sorted(r["Сила связей"] for r in csv.DictReader(fh, delimiter=";")) == ["1,5", "2,0", "3,5"]


def test_cli_tables_open_in_russian_excel_as_the_pages_export_does(tmp_path, capsys):
    """nodes.csv & co. of `workbench network` are split by Russian Excel's double click (';', a
    decimal comma, Russian headings and sectors), as the analysis page's export is: they landed in
    one column. `--lang en` writes English ones; the command reads its own edges.csv back."""
    import openpyxl

    src = tmp_path / "list.xlsx"
    book = openpyxl.Workbook()
    for row in (["ФИО", "Мероприятие", "Дата", "Сфера"], ["Анна Иванова", "Сессия 1", "05.03.2024", "НКО"],
                ["Олег Петров", "Сессия 1", "05.03.2024", "житель"], ["Ира Смирнова", "Сессия 2", "06.03.2024", "ТОС"],
                ["Анна Иванова", "Сессия 2", "06.03.2024", "НКО"], ["Вера Зуева", "Сессия 2", "06.03.2024", ""]):
        book.active.append(row)
    book.save(src)
    out = tmp_path / "out"
    assert main(["network", str(src), "--output-dir", str(out)]) == 0
    with open(out / "nodes.csv", newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    assert rows[0] == ["Тип", "Имя или название", "Связей", "Сила связей", "Связующая роль",
                       "Связующая роль по выборке", "Размер выборки", "Вес в сети", "Сообщество", "Ядро сети",
                       "Сфера", "Мероприятий", "Знакомых", "Встреч со знакомыми"]
    anna = dict(zip(rows[0], next(r for r in rows if r[1] == "Анна Иванова"), strict=True))
    assert (anna["Сфера"], anna["Связующая роль по выборке"], anna["Связей"]) == ("НКО", "нет", "3")
    assert "," in anna["Вес в сети"] and "." not in anna["Вес в сети"]  # 0,29…: a number in Russian Excel
    for name in ("edges.csv", "groups.csv", "growth.csv"):
        head = (out / name).read_text(encoding="utf-8-sig").splitlines()[0]
        assert ";" in head and "," not in head, name
    assert (out / "edges.csv").read_text(encoding="utf-8-sig").startswith("Кто;С кем;Вес;Сила связи;Тип\n")
    assert (out / "growth.csv").read_text(encoding="utf-8-sig").splitlines()[1].endswith(";1,0")

    # in English: commas, a decimal point, English headings and sectors
    assert main(["network", str(src), "--output-dir", str(tmp_path / "en"), "--lang", "en"]) == 0
    english = (tmp_path / "en" / "nodes.csv").read_text(encoding="utf-8-sig").splitlines()
    assert english[0].startswith("Kind,Name,Ties,Tie strength,Go-between role,")
    assert ",NGO," in next(r for r in english if "Анна Иванова" in r)
    for folder in (out, tmp_path / "en"):  # the same figures whichever language
        assert read_output(folder / "nodes.csv").set_index("label").loc["Анна Иванова", "sector"] == "ngo"
    assert read_output(out / "nodes.csv").equals(read_output(tmp_path / "en" / "nodes.csv"))

    # the ties written are an edge list the command reads again: the same people, the same ties
    capsys.readouterr()
    assert main(["network", str(out / "edges.csv"), "--output-dir", str(tmp_path / "again")]) == 0
    assert capsys.readouterr().out.startswith("узлов: 4, связей: 4,")
    again = read_output(tmp_path / "again" / "edges.csv")
    first = read_output(out / "edges.csv")
    assert {frozenset(p) for p in again[["source", "target"]].values} == {frozenset(p) for p in first[["source", "target"]].values}


def test_every_table_of_the_command_has_headings_of_its_own_in_both_languages():
    """No two columns of one table share a heading (Excel's reader could not tell «Связей» from
    «Связей»), and each is read back as the column it is."""
    from workbench.network.pipeline import OUTPUT_COLUMNS, output_table

    for name, columns in OUTPUT_COLUMNS.items():
        for lang in ("ru", "en"):
            headings = output_table(name, pd.DataFrame(columns=list(columns)), lang).columns.tolist()
            assert len(set(headings)) == len(headings), (name, lang, headings)
            assert not set(headings) & set(columns), (name, lang)  # every one in words


# The codes the analysis gives kinds of nodes and ties: no table staff open shows one.
KIND_CODES = {"person", "organisation", "event", "group", "node", "tie", "strategic_session",
              "educational_module", "online_meeting"}


def csv_rows(path: Path) -> list[dict]:
    """A table as Excel splits it (';' in Russian, ',' in English)."""
    with open(path, newline="", encoding="utf-8-sig") as fh:
        text = fh.read()
    return list(csv.DictReader(text.splitlines(), delimiter=";" if ";" in text.splitlines()[0] else ","))


@pytest.mark.parametrize("pseudonymise", [False, True])
def test_cli_ties_of_an_attendance_list_name_people_as_the_pages_export_does(tmp_path, pseudonymise):
    """edges.csv of `workbench network` on an attendance list showed node ids («person:Анна
    Иванова») where the page's export shows names: both now name the same people (or the same
    codes) in the same ties, with the same weights; neither file shows a code of a kind."""
    from workbench.network.report import analyse, export_report, prepare

    flag = ["--pseudonymise"] if pseudonymise else []
    assert main(["network", str(DEMO_DIR / "attendance.csv"), "--output-dir", str(tmp_path / "cli"), *flag]) == 0
    export_report(analyse(prepare(DEMO_DIR / "attendance.csv"), seed=0), tmp_path / "page", pseudonymise=pseudonymise)
    cli, page = csv_rows(tmp_path / "cli" / "edges.csv"), csv_rows(tmp_path / "page" / "edges.csv")
    assert not any(":" in r["Кто"] + r["С кем"] for r in cli)
    first = "P0001" if pseudonymise else "Абрамова Марина"
    assert (cli[0]["Кто"], cli[0]["С кем"]) == (page[0]["Участник"], page[0]["Связан(а) с"]) and cli[0]["Кто"] == first
    assert {frozenset((r["Кто"], r["С кем"])): (r["Вес"], r["Сила связи"]) for r in cli} == \
        {frozenset((r["Участник"], r["Связан(а) с"])): (r["Общих мероприятий"], r["Сила связи"]) for r in page}
    for name in ("nodes.csv", "edges.csv", "growth.csv"):
        cells = {v for r in csv_rows(tmp_path / "page" / name) for v in r.values()}
        assert not cells & KIND_CODES, name
    edges = read_output(tmp_path / "cli" / "edges.csv")  # a script reads the names back
    assert edges.iloc[0][["source", "target", "kind"]].tolist() == [first, cli[0]["С кем"], "tie"]


def test_cli_tables_word_kinds_of_people_groups_and_ties_in_the_language_asked(tmp_path):
    """«Тип» in nodes.csv, groups.csv, brokers.csv and edges.csv said `person`, `strategic_session`,
    `organisation`, `tie`, `node` in the Russian tables: now words, in English with `--lang en`;
    a kind the list gave itself stays as written, and read_output gives the codes back."""
    att, part = DEMO_DIR / "attendance.csv", tmp_path / "ties.csv"
    part.write_text("Кто;С кем;Тип\nНКО «Родник»;Школа № 1;совместный проект\nШкола № 1;ДК «Заря»;\n", encoding="utf-8")
    words = {"ru": {"nodes.csv": {"Человек"}, "brokers.csv": {"Человек"}, "edges.csv": {"Связь"},
                    "groups.csv": {"Стратегическая сессия", "Образовательный модуль", "Онлайн-встреча", "Организация"},
                    "ties": {"Узел сети"}, "tie kinds": {"совместный проект", "Связь"}},
             "en": {"nodes.csv": {"Person"}, "brokers.csv": {"Person"}, "edges.csv": {"Tie"},
                    "groups.csv": {"Strategic session", "Educational module", "Online meeting", "Organisation"},
                    "ties": {"Node"}, "tie kinds": {"совместный проект", "Tie"}}}
    for lang, kind in (("ru", "Тип"), ("en", "Kind")):
        out, ties = tmp_path / lang, tmp_path / f"ties-{lang}"
        assert main(["network", str(att), "--output-dir", str(out), "--lang", lang]) == 0
        assert main(["network", str(part), "--output-dir", str(ties), "--lang", lang]) == 0
        for name in ("nodes.csv", "brokers.csv", "edges.csv", "groups.csv"):
            assert {r[kind] for r in csv_rows(out / name)} == words[lang][name], (lang, name)
        assert {r[kind] for r in csv_rows(ties / "nodes.csv")} == words[lang]["ties"]
        assert {r[kind] for r in csv_rows(ties / "edges.csv")} == words[lang]["tie kinds"]
        for folder in (out, ties):
            for table in folder.glob("*.csv"):
                cells = {v for r in csv_rows(table) for v in r.values()}
                assert not cells & KIND_CODES, (lang, table.name)
    for name in ("nodes.csv", "groups.csv", "brokers.csv", "edges.csv"):  # the same codes from either language
        assert read_output(tmp_path / "ru" / name).equals(read_output(tmp_path / "en" / name)), name
    groups = read_output(tmp_path / "ru" / "groups.csv")
    assert set(groups["kind"]) == {"strategic_session", "educational_module", "online_meeting", "organisation"}
    assert set(read_output(tmp_path / "ties-ru" / "edges.csv")["kind"]) == {"совместный проект", "tie"}


@pytest.mark.parametrize("pseudonymise", [False, True])
def test_cli_tables_name_nodes_as_people_do_and_read_back_to_the_graphs_ids(tmp_path, pseudonymise):
    """nodes.csv, groups.csv, brokers.csv and growth.csv began with «Код»: «person:Носкова Софья»,
    «strategic_session:Стратегическая сессия: Каргополь», the graphs' ids, meaningless in Excel. The
    kind and the name say the same, so the column is gone (growth.csv says the event's kind
    instead); read_output makes the ids again, the ones the GEXF has."""
    flag = ["--pseudonymise"] if pseudonymise else []
    out = tmp_path / "out"
    assert main(["network", str(DEMO_DIR / "attendance.csv"), "--output-dir", str(out), *flag]) == 0
    for table in out.glob("*.csv"):
        rows = csv_rows(table)
        assert "Код" not in rows[0], table.name
        cells = [v for r in rows for v in r.values()]
        assert not [v for v in cells if v.split(":")[0] in KIND_CODES], table.name
    growth = csv_rows(out / "growth.csv")
    assert list(growth[0])[:3] == ["Тип", "Мероприятие", "Дата"]
    assert (growth[0]["Тип"], growth[0]["Мероприятие"]) == ("Стратегическая сессия", "Стратегическая сессия: Каргополь")
    people = set(nx.read_gexf(out / "network.gexf"))
    assert set(read_output(out / "nodes.csv")["id"]) == people
    assert set(read_output(out / "brokers.csv")["id"]) <= people
    two_mode = set(nx.read_gexf(out / "two_mode.gexf"))
    assert set(read_output(out / "groups.csv")["id"]) <= two_mode
    assert "strategic_session:Стратегическая сессия: Каргополь" in set(read_output(out / "growth.csv")["event"])
    if pseudonymise:
        assert sorted(read_output(out / "nodes.csv")["id"])[0] == "P0001"


def test_edge_list_ends_are_read_back_by_their_names(tmp_path):
    inp = tmp_path / "ties.csv"
    inp.write_text("Кто;С кем\nНКО «Родник»;Школа № 1\nШкола № 1;ДК «Заря»\n", encoding="utf-8")
    assert main(["network", str(inp), "--output-dir", str(tmp_path / "out")]) == 0
    assert csv_rows(tmp_path / "out" / "nodes.csv")[0]["Тип"] == "Узел сети"
    assert set(read_output(tmp_path / "out" / "nodes.csv")["id"]) == set(nx.read_gexf(tmp_path / "out" / "network.gexf"))


def test_a_lists_own_words_survive_the_round_trip_through_the_command_and_read_output(tmp_path):
    """A tie of the kind «Человек», «Тип» or «Организация» (the user's words, which happen to be the
    tables' headings and kind words) came back from read_output as `person`, `organisation`: now only
    the tables' own kinds are codes again (`tie` in edges.csv); a node named «Связь», «Человек» or «да»
    keeps its name. «Связь» as a kind is the tables' word for a tie without one: the second run says
    what the first did."""
    inp = tmp_path / "ties.csv"
    inp.write_text("Кто;С кем;Тип\nНКО «Родник»;Школа № 1;Человек\nШкола № 1;Связь;Организация\n"
                   "Связь;Человек;Тип\nЧеловек;да;Связь\nда;НКО «Родник»;\n", encoding="utf-8")
    assert main(["network", str(inp), "--output-dir", str(tmp_path / "first")]) == 0
    assert main(["network", str(tmp_path / "first" / "edges.csv"), "--output-dir", str(tmp_path / "again")]) == 0
    expected = {frozenset(("НКО «Родник»", "Школа № 1")): "Человек", frozenset(("Школа № 1", "Связь")): "Организация",
                frozenset(("Связь", "Человек")): "Тип", frozenset(("Человек", "да")): "tie",
                frozenset(("да", "НКО «Родник»")): "tie"}
    for folder in ("first", "again"):
        edges = read_output(tmp_path / folder / "edges.csv")
        assert {frozenset((s, t)): k for s, t, k in edges[["source", "target", "kind"]].values} == expected, folder
        gexf = nx.read_gexf(tmp_path / folder / "network.gexf")
        assert {frozenset(e): d["kind"] for *e, d in gexf.edges(data=True)} == expected, folder
        nodes = read_output(tmp_path / folder / "nodes.csv")
        assert set(nodes["label"]) == {"НКО «Родник»", "Школа № 1", "Связь", "Человек", "да"}
        assert set(nodes["kind"]) == {"node"}
    first, again = ((tmp_path / f / "edges.csv").read_text(encoding="utf-8-sig").splitlines() for f in ("first", "again"))
    assert first[0] == again[0] == "Кто;С кем;Вес;Тип" and len(first) == len(again) == 6


def test_the_weight_in_the_network_is_read_with_four_digits_not_sixteen(tmp_path):
    """Staff opening nodes.csv in Excel read «Вес в сети» as 0,2103, not 0,21034482758620690;
    `read_output` still reads the table back, the graph files keep the whole number."""
    out = tmp_path / "out"
    assert main(["network", str(two_mode_csv(tmp_path / "in.csv")), "--output-dir", str(out), "--seed", "1"]) == 0
    rows = csv_rows(out / "nodes.csv")
    for col in ("Вес в сети", "Связующая роль"):
        cells = [r[col] for r in rows if col in r]
        assert cells, col
        assert all(len(c.replace("0,", "").lstrip("0")) <= 5 for c in cells), cells
    nodes = read_output(out / "nodes.csv").set_index("label")
    whole = nx.read_gexf(out / "network.gexf").nodes["person:Анна Иванова"]["pagerank"]
    assert nodes.loc["Анна Иванова", "pagerank"] == pytest.approx(whole, rel=1e-3)
    assert len(repr(whole)) > 8  # the graph's file keeps it whole
