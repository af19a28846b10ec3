"""End-to-end analysis of one input table, as run by `workbench network`.

Everything is computed in memory and written to a temporary folder first;
files are moved into the output folder only when all of them are ready.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import networkx as nx
import pandas as pd

from workbench.i18n import t
from workbench.tableio import write_csv

from . import analysis, export, matching, model, organisations, tables

METRIC_ATTRS = ("degree", "weighted_degree", "betweenness", "pagerank", "community",
                "core_number")


def detect_shape(df: pd.DataFrame, where: str | tables.Text = tables.TABLE) -> str:
    """'two_mode' (person + group or event columns, as the analysis page reads an attendance
    list) or 'one_mode' (a tie's two ends: source + target, «Организация 1» + «Организация 2»,
    «Кто» + «С кем»…). A list with one end (or a weight) only is refused naming the missing end.

    >>> detect_shape(pd.DataFrame(columns=["Person", "Group", "date"]))
    'two_mode'
    >>> detect_shape(pd.DataFrame(columns=["ФИО", "Мероприятие"]))
    'two_mode'
    >>> detect_shape(pd.DataFrame(columns=["Организация 1", "Организация 2", "Вес"]))
    'one_mode'
    >>> detect_shape(pd.DataFrame(columns=["Название", "Кому"]), "in.csv")
    Traceback (most recent call last):
    ...
    workbench.network.tables.NetworkInputError: in.csv: there is no column for a tie's first end; found 'Название', 'Кому'. Name a column 'source'.
    """
    cols = set(tables.canonical_columns(df, where).columns)
    if "person" in cols and cols & {"group", "event"}:
        return "two_mode"
    if {"source", "target"} <= cols:
        return "one_mode"
    if cols & {"source", "target", "weight"}:  # an edge list with an end not understood
        tables.require_columns(tables.canonical_columns(df, where), ["source", "target"], where)
    raise tables.NetworkInputError("net_shape", where=where, found=tables.quoted_list(df.columns))


def as_two_mode(df: pd.DataFrame, where: str) -> pd.DataFrame:
    """An attendance list's `event` column as the two-mode list's `group` (the analysis page
    reads both; a table with both keeps its `group`).

    >>> as_two_mode(pd.DataFrame({"person": ["Анна"], "event": ["E1"]}), "t").columns.tolist()
    ['person', 'group']
    """
    df = tables.canonical_columns(df, where)
    return df if "group" in df.columns else df.rename(columns={"event": "group"})


def check_colour_by(df: pd.DataFrame, colour_by: str, where: str) -> None:
    """Refuse `--colour-by territory|sector` on a table without that column (or with it empty
    everywhere): the map would paint everyone "Не указано" without saying why.

    >>> check_colour_by(pd.DataFrame({"person": ["A"], "event": ["E"]}), "sector", "in.csv")
    Traceback (most recent call last):
    ...
    workbench.network.tables.NetworkInputError: --colour-by sector: in.csv has no 'sector' column (found: 'person', 'event'); add one or use --colour-by community
    """
    if colour_by not in ("territory", "sector"):
        return
    cols = tables.canonical_columns(df, where)
    if colour_by not in cols.columns:
        raise tables.NetworkInputError("net_colour_column", by=colour_by, where=where,
                                       column=tables.quoted(colour_by), found=tables.quoted_list(df.columns))
    if not any(tables.clean_cell(v) for v in cols[colour_by]):
        raise tables.NetworkInputError("net_colour_empty", by=colour_by, where=where, column=tables.quoted(colour_by))


def merge_spellings(clean: pd.DataFrame) -> tuple[pd.DataFrame, int, int]:
    """Merge the spellings of one person as the analysis page does (`report.analyse`): the same
    name in another word order or case, the same e-mail or phone with a similar name
    (`matching.find_matches`' certain pairs). Similar names (typos, initials) stay apart: staff
    decide those on the page. Returns (table with merged `person`, spellings merged, similar
    pairs left apart).

    >>> t = pd.DataFrame({"person": ["Соловьёва Валентина", "Валентина Соловьёва", "Иванова А."],
    ...                   "group": ["E1", "E2", "E1"]})
    >>> out, merged, left = merge_spellings(t)
    >>> sorted(set(out["person"])), merged, left
    (['Валентина Соловьёва', 'Иванова А.'], 1, 0)
    """
    matches = matching.find_matches(clean, threshold=matching.MATCH_THRESHOLD)
    merged = matching.apply_matches(clean, matches)
    n_merged = int(clean["person"].nunique() - merged["person_id"].nunique())
    uncertain = int((matches["status"] == matching.UNCERTAIN).sum())
    return clean.assign(person=merged["person_id"].tolist()), n_merged, uncertain


def merge_tie_ends(edges: pd.DataFrame, aliases: dict[str, str] | None = None,
                   merge: bool = True) -> tuple[pd.DataFrame, pd.DataFrame, list[tuple[str, int]]]:
    """An edge list's ends with the spellings of one organisation as one (`organisations.
    merge_organisations`, as a two-mode list's organisations; `aliases`: the staff's list,
    `merge=False`: only that list). An end that names a person («Иванова Анна», `organisations.
    names_someone`) stays as written: people are no organisations; «ИП Петров А.А.» is one. A
    generic name («Администрация») is one organisation within a row's `territory` (a column
    «Территория»): two places' administrations are two ends, «Администрация (Каргополь)» and
    «Администрация (Няндома)». Returns (edges, merges as `organisations_merged.csv` holds them,
    generic names of rows with no territory made one end from several rows:
    `OrganisationNames.unplaced`).

    >>> e = pd.DataFrame({"source": ["МБОУ СОШ №1", 'МБОУ "СОШ № 1"', "Иванова Анна"],
    ...                   "target": ["НКО «Родник»", "Родник (НКО)", "иванова анна"]})
    >>> out, merges, _ = merge_tie_ends(e)
    >>> out[["source", "target"]].values.tolist()
    [['МБОУ "СОШ № 1"', 'НКО «Родник»'], ['МБОУ "СОШ № 1"', 'НКО «Родник»'], ['Иванова Анна', 'иванова анна']]
    >>> merges["organisation"].tolist(), merge_tie_ends(e, merge=False)[1].empty
    (['МБОУ "СОШ № 1"', 'НКО «Родник»'], True)
    >>> admin = pd.DataFrame({"source": ["Администрация"] * 2, "target": ["Школа № 1", "ДК"]})
    >>> merge_tie_ends(admin)[2], merge_tie_ends(admin.assign(territory=["Каргополь", "Няндома"]))[0]["source"].tolist()
    ([('Администрация', 2)], ['Администрация (Каргополь)', 'Администрация (Няндома)'])
    """
    places = edges["territory"].fillna("").astype(str).tolist() if "territory" in edges.columns else [""] * len(edges)
    ends = [(v, place, i) for column in ("source", "target")
            for i, (v, place) in enumerate(zip(edges[column], places, strict=True))
            if not organisations.names_someone(v)]
    mentions = pd.DataFrame({"organisation": [v for v, _, _ in ends], "territory": [p for _, p, _ in ends]})
    named = organisations.merge_organisations(mentions, aliases, merge=merge)
    names = {(v, i): n for (v, _, i), n in zip(ends, named.table["organisation"], strict=True)}
    out = edges.assign(source=[names.get((v, i), v) for i, v in enumerate(edges["source"])],
                       target=[names.get((v, i), v) for i, v in enumerate(edges["target"])])
    return out, named.merges, named.unplaced


def without_default_tie_kind(edges: pd.DataFrame) -> pd.DataFrame:
    """A tie whose kind is the tables' word for a tie without one («Связь», "Tie", `tie`: the
    command's own edges.csv read again) is a tie without one, so the second run's graphs and
    tables say what the first run's did; every other kind stays as the list wrote it.

    >>> e = pd.DataFrame({"source": ["a", "b", "c"], "target": ["b", "c", "a"], "kind": ["Связь", "Человек", " tie "]})
    >>> without_default_tie_kind(e)["kind"].tolist()
    ['', 'Человек', '']
    """
    from workbench.i18n import LANGS

    if "kind" not in edges.columns:
        return edges
    words = {"tie"} | {t("net_type_tie", lang).casefold() for lang in LANGS}
    return edges.assign(kind=["" if isinstance(k, str) and k.strip().casefold() in words else k
                              for k in edges["kind"]])


def read_edge_list(df: pd.DataFrame, where: str | tables.Text = tables.TABLE,
                   aliases: dict[str, str] | None = None,
                   merge: bool = True) -> tuple[pd.DataFrame, pd.DataFrame, list[tuple[str, int]]]:
    """An edge list as `workbench network` and the analysis page both read it: validated
    (`tables.load_edge_list`), the tables' word for a tie without a kind read as none
    (`without_default_tie_kind`) and the ends' spellings of one organisation merged
    (`merge_tie_ends`, with the staff's `aliases`; `merge=False`: only those). Returns (edges,
    merges, generic names made one end from several rows with no territory);
    `model.edge_list_graph(edges)` is the network.

    >>> e, merges, _ = read_edge_list(pd.DataFrame({"Кто": ["НКО «Родник»", "Родник (НКО)"], "С кем": ["ДК", "ДК"],
    ...                                              "Тип": ["Связь", "проект"]}))
    >>> e[["source", "target", "kind"]].values.tolist(), merges["organisation"].tolist()
    ([['НКО «Родник»', 'ДК', ''], ['НКО «Родник»', 'ДК', 'проект']], ['НКО «Родник»'])
    """
    return edge_list_ends(tables.load_edge_list(df, where), aliases, merge)


def edge_list_ends(edges: pd.DataFrame, aliases: dict[str, str] | None = None,
                   merge: bool = True) -> tuple[pd.DataFrame, pd.DataFrame, list[tuple[str, int]]]:
    """`read_edge_list` after `tables.load_edge_list`: the analysis page reads a file once and
    merges its ends again when the staff change the list of spellings or untick the merging."""
    return merge_tie_ends(without_default_tie_kind(edges), aliases, merge)


def _attach_metrics(G: nx.Graph, metrics: pd.DataFrame) -> None:
    for col in METRIC_ATTRS:
        nx.set_node_attributes(G, dict(zip(metrics["id"], metrics[col], strict=True)), col)


def analyse_table(df: pd.DataFrame, where: str | tables.Text = tables.TABLE, pseudonymise: bool = False,
                  seed: int = 0, colour_by: str = "community", lang: str = "ru",
                  org_aliases: dict[str, str] | None = None, merge_orgs: bool = True) -> dict:
    """Analyse a raw table; return {file name: DataFrame | nx.Graph | figure spec}. `lang`: the
    pictures' title. Spellings of one organisation become one (`organisations.merge_organisations`,
    with the staff's `org_aliases`; `merge_orgs=False`: only those), listed in
    `organisations_merged.csv` and the summary's `organisations_merged`.

    >>> df = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]})
    >>> out = analyse_table(df)
    >>> sorted(out["nodes.csv"]["id"]), out["summary.json"]["shape"]
    (['a', 'b', 'c'], 'one_mode')
    """
    shape = detect_shape(df, where)
    check_colour_by(df, colour_by, where)
    files: dict = {}
    summary: dict = {"shape": shape, "seed": seed, "pseudonymised": bool(pseudonymise)}
    if shape == "two_mode":
        clean = tables.load_two_mode(as_two_mode(df, where), where)
        orgs = organisations.merge_organisations(clean, org_aliases, merge=merge_orgs)
        clean = orgs.table
        if orgs.unplaced:  # generic names say nobody's name: said with codes too
            summary["generic_organisations"] = [list(u) for u in orgs.unplaced]
        merges = organisations.merges_to_share(orgs.merges, pseudonymise)
        if len(merges):
            files["organisations_merged.csv"] = merges
            summary["organisations_merged"] = merges[["organisation", "spellings"]].values.tolist()
        clean, n_merged, n_uncertain = merge_spellings(clean)
        summary.update(spellings_merged=n_merged, similar_names_left_apart=n_uncertain,
                       unknown_sectors=tables.unknown_sectors(clean))
        T = model.two_mode_graph(clean)
        listed = list(T.edges())
        # the organisation column: members of that organisation in two_mode.gexf and groups.csv,
        # as in the page's model; people are tied by the events they attended together only, as on
        # the page (`model.people_projection`: no organisation ties people, column or group)
        model.add_organisation_members(T, clean)
        if pseudonymise:
            T, codes = model.pseudonymise(T)
            listed = [(codes.get(u, u), codes.get(v, v)) for u, v in listed]
        L = T.edge_subgraph(listed)  # the list's own rows: who took part in what
        G = model.people_projection(L)
        summary.update(people=sum(1 for _, k in T.nodes(data="kind") if k == "person"),
                       groups=sum(1 for _, k in L.nodes(data="kind") if k != "person"),
                       organisations=sum(1 for _, k in T.nodes(data="kind") if k == "organisation"),
                       memberships=L.number_of_edges(),
                       projection_full_edges=G.graph["full_edges"],
                       projection_backbone=G.graph["backbone"])
    else:
        clean, merges, unplaced = read_edge_list(df, where, org_aliases, merge_orgs)
        if unplaced:  # generic names say nobody's name: said with codes too
            summary["generic_organisations"] = [list(u) for u in unplaced]
        if len(merges) and not pseudonymise:  # coded, every end is a code: the names stay out
            files["organisations_merged.csv"] = merges
            summary["organisations_merged"] = merges[["organisation", "spellings"]].values.tolist()
        T = None
        G = model.edge_list_graph(clean)
        if pseudonymise:
            G, _ = model.pseudonymise(G)
    metrics = analysis.node_metrics(G, seed=seed)
    _attach_metrics(G, metrics)
    comm = dict(zip(metrics["id"], metrics["community"], strict=True))
    summary.update(nodes=G.number_of_nodes(), edges=G.number_of_edges(),
                   communities=int(metrics["community"].nunique()) if len(metrics) else 0,
                   betweenness_approximate=bool(metrics["betweenness_approx"].any()),
                   betweenness_sources=int(metrics["betweenness_sources"].max())
                   if len(metrics) else 0)
    files["nodes.csv"] = metrics
    files["edges.csv"] = export.edges_table(G, names=True)  # people by name, as the page's export has them
    files["network.gexf"] = G
    files["network.graphml"] = G
    if T is not None:
        files["two_mode.gexf"] = T
    title = t("net_people_network" if shape == "two_mode" else "net_title", lang)
    files["network.png"] = ("network", G, comm, title, colour_by)
    files["network.svg"] = ("network", G, comm, title, colour_by)
    if any(G.nodes[n].get("territory") for n in G):  # people's, or an edge list's ends' («Территория»)
        files["brokers.csv"] = analysis.territory_brokers(G)
    if T is not None:
        groups = [{"id": n, "kind": d.get("listed_kind") or d.get("kind"), "label": d.get("label", n),
                   "date": d.get("date", ""), "size": T.degree(n),
                   "territories": len({T.nodes[u].get("territory") for u in T[n]} - {None})}
                  for n, d in T.nodes(data=True) if d.get("kind") != "person"]
        files["groups.csv"] = pd.DataFrame(groups).sort_values(["date", "id"]) \
            .reset_index(drop=True)
        grow = analysis.growth(L)
        if len(grow):  # each event's kind: the table names events as staff do (`output_table`)
            grow.insert(1, "kind", [L.nodes[e].get("listed_kind") or L.nodes[e].get("kind", "group")
                                    for e in grow["event"]])
            files["growth.csv"] = grow
            files["growth.png"] = ("growth", grow)
            files["growth.svg"] = ("growth", grow)
    summary["files"] = sorted(files) + ["summary.json"]
    files["summary.json"] = summary
    return files


# The headings of the command's tables (`output_table`): a catalogue key per column, the page's
# (`na_col_<column>`) where it means the same (`groups`: the page's «Мероприятий», counted alike:
# no organisation); per table where one column name means another thing.
OUTPUT_HEADINGS = {
    "id": "net_col_id", "kind": "net_col_kind", "label": "net_col_node", "event": "net_col_id",
    "source": "net_col_source", "target": "net_col_target", "weight": "net_col_weight",
    "strength": "na_col_edge_strength", "betweenness_approx": "net_col_betweenness_approx",
    "betweenness_sources": "net_col_betweenness_sources", "backbone_degree": "net_col_backbone_degree",
    "groups": "na_col_events", "contacts": "na_col_people_met", "tie_strength": "na_col_meetings",
}
OUTPUT_TABLE_HEADINGS = {("groups.csv", "territories"): "na_col_n_territories",
                         ("groups.csv", "size"): "na_col_members", ("growth.csv", "label"): "na_col_event"}


def kind_keys() -> dict[str, str]:
    """{a kind `analyse_table` gives a node or a tie: its catalogue key}, as the command's tables
    word the column `kind` (`output_table`): people, organisations, the default kinds of groups and
    of ties, an edge list's ends, and the workbench's kinds of sessions as the sessions' list words
    them. A kind the list itself gave (its `kind` column: «мастерская», «совместный проект») stays
    as written.

    >>> from workbench.i18n import t
    >>> [t(kind_keys()[k]) for k in ("person", "strategic_session", "organisation", "tie")]
    ['Человек', 'Стратегическая сессия', 'Организация', 'Связь']
    """
    from workbench.session.model import SESSION_KINDS

    return {**{k: f"net_type_{k}" for k in ("person", "organisation", "event", "group", "node", "tie")},
            **{k: f"kind_{k}" for k in SESSION_KINDS}}


def table_kinds(name: str) -> dict[str, str]:
    """`kind_keys` for the kinds one table of the command can hold: people and an edge list's ends
    in nodes.csv and brokers.csv, groups in groups.csv and growth.csv, `tie` in edges.csv. Only
    these are worded and read back as codes: a list's own kind that reads like another table's
    word (a tie of kind «Человек») stays as written.

    >>> sorted(table_kinds("edges.csv")), "person" in table_kinds("groups.csv")
    (['tie'], False)
    """
    keys = kind_keys()
    if name == "edges.csv":
        return {"tie": keys["tie"]}
    if name in ("nodes.csv", "brokers.csv"):
        return {k: keys[k] for k in ("person", "node", "organisation")}
    return {k: v for k, v in keys.items() if k not in ("person", "node", "tie")}


# The column of a table's own ids (`analyse_table`): not written when the names say the same
ID_COLUMNS = {"growth.csv": "event"}


def ids_said_by_names(df: pd.DataFrame, column: str = "id") -> bool:
    """Does every id of a table say only what its kind and name say (`model.node_id`: «person:Анна»
    is «Человек», «Анна»; an edge list's end and a code are their name)? Then staff need not read
    it: `output_table` leaves it out and `read_output` makes it again.

    >>> ids_said_by_names(pd.DataFrame({"id": ["person:Анна", "P0001", "a"], "kind": ["person", "person", "node"],
    ...                                 "label": ["Анна", "P0001", "a"]}))
    True
    >>> ids_said_by_names(pd.DataFrame({"id": ["person:Анна"], "kind": ["person"], "label": ["Аня"]}))
    False
    """
    if column not in df.columns or "label" not in df.columns:
        return False
    kinds = df["kind"] if "kind" in df.columns else [None] * len(df)
    return all(str(i) == str(lab) or (k is not None and str(i) == model.node_id(k, lab))
               for i, k, lab in zip(df[column], kinds, df["label"], strict=True))


def id_from_name(kind, label) -> str:
    """The id `ids_said_by_names` found in a kind and a name (the reverse of leaving it out).

    >>> id_from_name("person", "Анна"), id_from_name("person", "P0001"), id_from_name("node", "Школа")
    ('person:Анна', 'P0001', 'Школа')
    """
    label = str(label)
    return label if kind == "node" or model.is_code(label) else model.node_id(kind, label)


def _heading_key(name: str, column: str) -> str | None:
    from workbench.i18n import MESSAGES

    key = OUTPUT_TABLE_HEADINGS.get((name, column)) or OUTPUT_HEADINGS.get(column) or f"na_col_{column}"
    return key if key in MESSAGES else None


def output_table(name: str, df: pd.DataFrame, lang: str = "ru") -> pd.DataFrame:
    """A table of `workbench network` as staff open it (`write_csv` with `lang`: in Russian ';' and a
    decimal comma): headings, sectors, kinds (`kind_keys`), yes/no and the reasons of merges in
    `lang`, as the analysis page's export has them. `read_output` reads it back.

    >>> out = output_table("nodes.csv", pd.DataFrame({"id": ["a"], "kind": ["person"], "label": ["a"],
    ...                    "degree": [1], "sector": ["ngo"], "betweenness_approx": [False]}), "ru")
    >>> out.columns.tolist()
    ['Тип', 'Имя или название', 'Связей', 'Сфера', 'Связующая роль по выборке']
    >>> out.values.tolist()
    [['Человек', 'a', 1, 'НКО', 'нет']]

    The ids of the graphs («person:Анна») are left out when the kind and the name say the same
    (`ids_said_by_names`); GEXF and GraphML keep them.
    """
    from workbench.session.model import SECTORS

    out = analysis.readable_shares(df)
    id_column = ID_COLUMNS.get(name, "id")
    if ids_said_by_names(out, id_column):
        out = out.drop(columns=[id_column])
    if "sector" in out.columns:
        out["sector"] = [t(f"sector_{v}", lang) if v in SECTORS else v for v in out["sector"]]
    if "kind" in out.columns:
        keys = table_kinds(name)
        out["kind"] = [t(keys[v], lang) if v in keys else v for v in out["kind"]]
    if "reason" in out.columns:
        out["reason"] = [t(f"org_reason_{v}", lang) for v in out["reason"]]
    for col in out.columns:
        if out[col].dtype == bool:
            out[col] = [t("net_yes" if v else "net_no", lang) for v in out[col]]
    headings = []
    for col in out.columns:
        key = _heading_key(name, col)
        headings.append(t(key, lang) if key else col)
    out.columns = headings
    return out


def read_output(path) -> pd.DataFrame:
    """A table `workbench network` wrote (`output_table`), in either language, back as the analysis
    computed it: the column names of `analyse_table` (label, degree…), numbers as numbers,
    sectors and kinds as codes, yes/no as True/False.

    >>> import tempfile, os
    >>> d = os.path.join(tempfile.mkdtemp(), "out")
    >>> files = analyse_table(pd.DataFrame({"Кто": ["a", "b"], "С кем": ["b", "c"], "Вес": ["1,5", "1"]}))
    >>> _ = write_files(files, d)
    >>> open(os.path.join(d, "edges.csv"), encoding="utf-8-sig").read().splitlines()[:2]
    ['Кто;С кем;Вес;Тип', 'a;b;1,5;Связь']
    >>> read_output(os.path.join(d, "edges.csv")).values.tolist()
    [['a', 'b', 1.5, 'tie'], ['b', 'c', 1.0, 'tie']]
    """
    from workbench.i18n import LANGS
    from workbench.session.model import sector_code

    path = Path(path)
    with open(path, encoding="utf-8-sig") as fh:
        russian = ";" in fh.readline()
    df = pd.read_csv(path, encoding="utf-8-sig", sep=";" if russian else ",", decimal="," if russian else ".")
    keys = {c: _heading_key(path.name, c) for c in OUTPUT_COLUMNS.get(path.name, ())}
    columns = {t(k, lang): c for lang in LANGS for c, k in keys.items() if k}
    df = df.rename(columns={h: columns[h] for h in df.columns if h in columns})
    if "reason" in df.columns:
        reasons = {t(f"org_reason_{r}", lang): r for r in (organisations.REASON_KEY, organisations.REASON_SLIP,
                                                                    organisations.REASON_ALIAS) for lang in LANGS}
        df["reason"] = [reasons.get(v, v) for v in df["reason"]]
    yes_no = {t(k, lang): k == "net_yes" for k in ("net_yes", "net_no") for lang in LANGS}
    for col in YES_NO_COLUMNS & set(df.columns):  # a name «да» elsewhere stays a name
        df[col] = df[col].map(lambda v: yes_no.get(v, v))
    if "sector" in df.columns:
        df["sector"] = [sector_code(v) or v if isinstance(v, str) else v for v in df["sector"]]
    if "kind" in df.columns:
        kinds = {t(key, lang): code for code, key in table_kinds(path.name).items() for lang in LANGS}
        df["kind"] = [kinds.get(v, v) for v in df["kind"]]
    id_column = ID_COLUMNS.get(path.name, "id")
    if id_column in OUTPUT_COLUMNS.get(path.name, ()) and id_column not in df.columns and \
            {"kind", "label"} <= set(df.columns):
        df.insert(0, id_column, [id_from_name(k, lab) for k, lab in zip(df["kind"], df["label"], strict=True)])
    return df


YES_NO_COLUMNS = {"betweenness_approx"}  # the tables' yes/no columns (`output_table` words booleans)

# The columns of each table of `workbench network` (`read_output` names them back; headings are
# unique within a table in either language).
OUTPUT_COLUMNS = {
    "nodes.csv": ("id", "kind", "label", "degree", "weighted_degree", "betweenness", "betweenness_approx",
                  "betweenness_sources", "pagerank", "community", "core_number", "backbone_degree", "territory",
                  "organisation", "sector", "groups", "contacts", "tie_strength"),
    "edges.csv": ("source", "target", "weight", "strength", "kind"),
    "groups.csv": ("id", "kind", "label", "date", "size", "territories"),
    "brokers.csv": ("id", "kind", "label", "territory", "n_territories", "territories", "cross_ties", "ties"),
    "growth.csv": ("event", "kind", "label", "date", "participants", "new_people", "returning_people", "cumulative_people",
                   "largest_component", "largest_component_share"),
    "organisations_merged.csv": ("organisation", "spellings", "rows", "reason"),
}


def write_files(files: dict, output_dir, seed: int = 0, lang: str = "ru") -> list[Path]:
    """Write the results of `analyse_table` into `output_dir`, all or nothing; the tables
    (`output_table`) and the pictures' legends, axes and numbers in `lang`.

    Files are written to a temporary folder first and moved in at the end.

    >>> import tempfile, os
    >>> d = os.path.join(tempfile.mkdtemp(), "out")
    >>> files = analyse_table(pd.DataFrame({"source": ["a"], "target": ["b"]}))
    >>> sorted(p.name for p in write_files(files, d))[:3]
    ['edges.csv', 'network.gexf', 'network.graphml']
    """
    out = Path(output_dir)
    if out.exists() and not out.is_dir():
        raise tables.NetworkInputError("net_not_folder", path=out)
    # The temporary folder is inside the output folder, on its disk: the files are moved in by
    # renaming, which needs no space. From the system's /tmp a move was a copy, and a full disk
    # stopped it half-way (nodes.csv whole, edges.csv empty).
    made = not out.exists()
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".workbench-network-", dir=out))
    done = False
    try:
        for name, value in files.items():
            target = tmp / name
            if name.endswith(".csv"):
                write_csv(output_table(name, value, lang), target, lang=lang)
            elif name.endswith(".gexf"):
                export.write_gexf(value, target)
            elif name.endswith(".graphml"):
                export.write_graphml(value, target)
            elif name.endswith(".json"):
                target.write_text(json.dumps(value, ensure_ascii=False, indent=2),
                                  encoding="utf-8")
            elif value[0] == "network":
                _, G, comm, title, colour_by = value
                export.plot_network(G, target, community=comm, seed=seed, title=title,
                                    colour_by=colour_by, lang=lang)
            elif value[0] == "growth":
                export.plot_growth(value[1], target, lang=lang)
        written = []
        for name in files:
            os.replace(tmp / name, out / name)
            written.append(out / name)
        done = True
        return written
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if made and not done:  # a folder made for this run and left empty goes too
            try:
                out.rmdir()
            except OSError:
                pass


def read_inputs(paths, max_mb: float | None = None) -> tuple[pd.DataFrame, str]:
    """The table `run_network` analyses and the name its messages give it. One file is read as
    it is (an attendance list or an edge list); several are attendance lists read together (a
    file per event or per module, each with its own headings, encoding and sheets): each is
    validated on its own, so a problem names its file and row, and their rows become one
    two-mode list. An edge list among several is refused by its name.

    >>> import tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> _ = open(os.path.join(d, "a.csv"), "w").write("ФИО,Мероприятие\\nАнна,Модуль 1\\n")
    >>> _ = open(os.path.join(d, "b.csv"), "w", encoding="cp1251").write("Участник;Группа;Дата\\nПётр;Модуль 2;05.03.2024\\n")
    >>> df, where = read_inputs([os.path.join(d, "a.csv"), os.path.join(d, "b.csv")])
    >>> df[["person", "group", "date"]].values.tolist(), where
    ([['Анна', 'Модуль 1', ''], ['Пётр', 'Модуль 2', '2024-03-05']], 'a.csv, b.csv')
    """
    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    if len(paths) == 1:
        return tables.read_table(paths[0], max_mb), Path(paths[0]).name
    frames = []
    for path in paths:
        name = Path(path).name
        df = tables.read_table(path, max_mb)
        if detect_shape(df, name) != "two_mode":
            raise tables.NetworkInputError("net_edge_list_among", where=name)
        frames.append(tables.load_two_mode(as_two_mode(df, name), name).drop(columns="row"))
    return pd.concat(frames, ignore_index=True), ", ".join(Path(p).name for p in paths)


def run_network(input_path, output_dir, pseudonymise: bool = False, seed: int = 0,
                max_mb: float | None = None, colour_by: str = "community", lang: str = "ru",
                orgs_path=None, merge_orgs: bool = True) -> dict:
    """Read INPUT, a file or several attendance lists (`read_inputs`; at most `max_mb` MB each,
    see `workbench.tableio.max_table_mb`), analyse it and
    write every output file, its pictures (PNG, SVG) in `lang`; returns the summary. `orgs_path`:
    the staff's list of organisation spellings (`organisations.read_aliases`); `merge_orgs=False`
    merges only what it lists.

    >>> import tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> _ = open(os.path.join(d, "in.csv"), "w").write("source,target\\na,b\\nb,c\\n")
    >>> run_network(os.path.join(d, "in.csv"), os.path.join(d, "out"))["nodes"]
    3
    """
    if colour_by not in export.COLOUR_BY:  # said before the analysis, not after it
        raise tables.NetworkInputError("net_colour_by", choices=", ".join(export.COLOUR_BY),
                                       value=tables.quoted(colour_by))
    out = Path(output_dir)
    if out.exists() and not out.is_dir():
        raise tables.NetworkInputError("net_not_folder", path=out)
    aliases = organisations.read_aliases(orgs_path) if orgs_path else None  # a bad list: said first
    df, where = read_inputs(input_path, max_mb)
    files = analyse_table(df, where=where, pseudonymise=pseudonymise, seed=seed,
                          colour_by=colour_by, lang=lang, org_aliases=aliases, merge_orgs=merge_orgs)
    write_files(files, out, seed=seed, lang=lang)
    return files["summary.json"]
