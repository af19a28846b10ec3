"""The staff's analysis of attendance lists: filters, matching decisions, ranked tables, exports.

What `workbench/ui/network_view.py` shows and `notebooks/staff-analysis-demo.ipynb` documents, as
pure functions: a validated attendance table in, a `Report` of pandas tables and graphs out.
People are tied by the events they attended together (tie weight = shared events).

Person matching runs on the whole table before any filter, so a decision on a pair holds
whatever the filters are. Decisions are keyed by the two names (`pair_key`), which stay the
same when a list is re-read, unlike record numbers.

>>> from workbench.network.demo import programme
>>> table = prepare(programme()["attendance.csv"])
>>> r = analyse(table, seed=0)
>>> r.summary["events"], r.summary["people"] > 150
(18, True)
>>> r2 = analyse(table, territory="Няндомский округ", seed=0)
>>> set(r2.people_table["territory"])
{'Няндомский округ'}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pandas as pd

from workbench.i18n import t
from workbench.tableio import write_csv
from workbench.util import mode

from . import analysis, export, matching, model, organisations, tables

MATCH_THRESHOLD = matching.MATCH_THRESHOLD  # uncertain pairs below this are too weak to show staff
TIE_KINDS = ("event",)  # the events of repeat attendance and growth (ties: `model.people_projection`)
PEOPLE_COLUMNS = ["label", "territory", "organisation", "sector", "events", "degree",
                  "weighted_degree", "betweenness", "community"]


def prepare(raw: pd.DataFrame | str | Path, where: str | None = None) -> pd.DataFrame:
    """Validate an attendance list (a two-mode list's `group` counts as `event`).

    >>> prepare(pd.DataFrame({"ФИО": ["Анна"], "Группа": ["Модуль 1"]}))["event"].tolist()
    ['Модуль 1']
    """
    df = raw if isinstance(raw, pd.DataFrame) else tables.read_table(raw)
    where = where or (tables.TABLE if isinstance(raw, pd.DataFrame) else Path(raw).name)
    cols = set(tables.canonical_columns(df, where).columns)
    if "event" not in cols and "group" in cols:
        df = tables.canonical_columns(df, where).rename(columns={"group": "event"})
    elif "event" not in cols and {"source", "target"} <= cols:
        raise tables.NetworkInputError("net_edge_list", where=where)
    return tables.load_attendance(df, where)


ATTENDANCE, EDGES = "attendance", "edges"  # the two lists the page reads (`read_list`)


def is_edge_list(df: pd.DataFrame, where: str | tables.Text = tables.TABLE) -> bool:
    """A tie's two ends (`source` and `target`, «Кто» and «С кем»…) and no event or group: an
    edge list, as `workbench network` reads it (`pipeline.detect_shape`).

    >>> is_edge_list(pd.DataFrame(columns=["Организация 1", "Организация 2", "Вес"])), is_edge_list(pd.DataFrame(columns=["ФИО", "Мероприятие"]))
    (True, False)
    """
    cols = set(tables.canonical_columns(df, where).columns)
    return {"source", "target"} <= cols and not cols & {"event", "group"}


def read_list(raw: pd.DataFrame | str | Path, where: str | None = None) -> tuple[str, pd.DataFrame]:
    """An uploaded list as the page analyses it: (ATTENDANCE, `prepare`'s table) or, for an edge
    list, (EDGES, the edges as `workbench network` reads them: `pipeline.load_edge_list` without
    its ends merged yet, which `analyse_edges` does with the staff's list).

    >>> read_list(pd.DataFrame({"Кто": ["a"], "С кем": ["b"], "Территория": ["Няндома"]}))[0]
    'edges'
    """
    df = raw if isinstance(raw, pd.DataFrame) else tables.read_table(raw)
    where = where or (tables.TABLE if isinstance(raw, pd.DataFrame) else Path(raw).name)
    if is_edge_list(df, where):
        return EDGES, tables.load_edge_list(df, where)
    return ATTENDANCE, prepare(df, where)


def read_lists(sources) -> tuple[str, pd.DataFrame]:
    """Several lists uploaded at once (`(path or table, file name)` pairs) as one: a year's
    attendance kept a file per event or per module (a Google Forms export, a workbook, a cp1251
    CSV), each read by `read_list`, so a problem names its file and row; their rows together, so
    one person written two ways in two files is matched as in one file. One list may be an edge
    list; among several, an edge list is refused by its name (its ties are not attendance).

    >>> a = pd.DataFrame({"ФИО": ["Петрова Анна"], "Мероприятие": ["Модуль 1"]})
    >>> b = pd.DataFrame({"Ваши фамилия и имя": ["Анна Петрова"], "Какое мероприятие вы посетили?": ["Модуль 2"]})
    >>> shape, table = read_lists([(a, "m1.csv"), (b, "forms.csv")])
    >>> shape, table["event"].tolist(), table["list"].tolist()
    ('attendance', ['Модуль 1', 'Модуль 2'], ['m1.csv', 'forms.csv'])
    >>> read_lists([(a, "m1.csv"), (pd.DataFrame({"Кто": ["a"], "С кем": ["b"]}), "ties.csv")])
    Traceback (most recent call last):
    ...
    workbench.network.tables.NetworkInputError: ties.csv: this is an edge list (source, target); several files are read together only as attendance lists (person, event): upload it alone
    """
    sources = list(sources)
    if not sources:
        raise tables.NetworkInputError("net_no_lists")
    if len(sources) == 1:
        return read_list(*sources[0])
    frames = []
    for raw, where in sources:
        shape, table = read_list(raw, where)
        if shape == EDGES:
            raise tables.NetworkInputError("net_edge_list_among", where=where)
        frames.append(table)
    return ATTENDANCE, pd.concat(frames, ignore_index=True)


def pair_key(a: str, b: str) -> str:
    """Order-free key of two names, for storing a staff decision.

    >>> pair_key("Б", "А") == pair_key("А", "Б")
    True
    """
    return "\u2194".join(sorted((str(a), str(b))))


def candidate_matches(table: pd.DataFrame, decisions: dict | None = None,
                      threshold: float = MATCH_THRESHOLD) -> pd.DataFrame:
    """All candidate pairs with a `decision` column ('confirm', 'reject' or '')."""
    m = matching.find_matches(table, threshold=threshold)
    decisions = decisions or {}
    m["decision"] = [decisions.get(pair_key(a, b), "")
                     for a, b in zip(m["left_name"], m["right_name"], strict=True)]
    return m


def filter_table(table: pd.DataFrame, territory: str = "", sector: str = "",
                 date_from: str = "", date_to: str = "") -> pd.DataFrame:
    """Rows of people from `territory` and `sector` at events between the dates (inclusive;
    '' means no limit; undated rows drop out once a date limit is set).

    >>> t = pd.DataFrame({"territory": ["A", "B"], "sector": ["ngo", "ngo"],
    ...                   "date": ["2024-01-01", "2024-05-01"]})
    >>> len(filter_table(t, territory="A")), len(filter_table(t, date_from="2024-02-01"))
    (1, 1)
    """
    keep = pd.Series(True, index=table.index)
    if territory:
        keep &= table["territory"] == territory
    if sector:
        keep &= table["sector"] == sector
    if date_from:
        keep &= (table["date"] != "") & (table["date"] >= date_from)
    if date_to:
        keep &= (table["date"] != "") & (table["date"] <= date_to)
    return table[keep]


@dataclass
class Report:
    """Everything the staff view shows, for one table, filter and set of decisions."""

    summary: dict
    graph: nx.Graph  # people, events, organisations, territories, projects
    people: nx.Graph  # people tied by shared events, with metrics as node attributes
    people_table: pd.DataFrame  # one row per person, most connected first
    brokers: pd.DataFrame
    communities: pd.DataFrame
    sector_mix: pd.DataFrame
    repeat: pd.DataFrame
    growth: pd.DataFrame
    organisations: pd.DataFrame
    matches: pd.DataFrame  # uncertain pairs with their decision
    metrics: pd.DataFrame = field(repr=False)  # node_metrics of `people`, all columns
    # organisations written more than one way and merged («Объединены как одна организация»)
    organisation_merges: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=organisations.MERGE_COLUMNS))
    # every spelling of those organisations and the name given (spelling, organisation)
    organisation_spellings: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=organisations.SPELLING_COLUMNS))
    # an edge list's ties (`analyse_edges`): source, target, weight, kind ('tie' without one)
    ties: pd.DataFrame | None = None


def analyse(table: pd.DataFrame, decisions: dict | None = None, territory: str = "",
            sector: str = "", date_from: str = "", date_to: str = "", seed: int = 0,
            partnerships: pd.DataFrame | None = None, org_aliases: dict[str, str] | None = None,
            merge_orgs: bool = True) -> Report:
    """Analyse a validated attendance table (see `prepare`) under filters and decisions.

    Spellings of one organisation («НКО «Родник»», «Родник (НКО)») become one organisation, named
    by its most frequent spelling, before anything is counted (`organisations.merge_organisations`;
    `org_aliases` is the staff's list, `merge_orgs=False` keeps other spellings as written); the
    report's `organisation_merges` lists them.

    >>> t = prepare(pd.DataFrame({"ФИО": ["Анна", "Олег", "Ира"], "Мероприятие": ["E1", "E1", "E2"],
    ...                           "Организация": ["НКО «Родник»", "Родник (НКО)", "нко родник"]}))
    >>> r = analyse(t)
    >>> r.summary["organisations"], r.organisations["members"].tolist()
    (1, [3])
    >>> analyse(t, merge_orgs=False).summary["organisations"]
    3
    """
    orgs = organisations.merge_organisations(table, org_aliases, merge=merge_orgs)
    table = orgs.table
    if partnerships is not None:
        partnerships = tables.canonical_columns(partnerships, "partnerships")
        for col in ("source", "target"):
            if col in partnerships.columns:
                partnerships[col] = [orgs.name_of(tables.clean_cell(v)) for v in partnerships[col]]
    matches = candidate_matches(table, decisions)
    merged = matching.apply_matches(table, matches)
    rows = filter_table(merged, territory, sector, date_from, date_to)
    if rows.empty:
        raise tables.NetworkInputError("net_no_match")
    G = model.build_graph(rows)
    P = model.people_projection(G, max_edges=None)  # the command's people network, every tie kept
    metrics = _measured(P, seed)
    people = metrics.reindex(columns=["id"] + PEOPLE_COLUMNS)
    for col in ("label", "territory", "organisation", "sector"):
        people[col] = [v if isinstance(v, str) else "" for v in people[col]]
    people["events"] = [P.nodes[n].get("events", 0) for n in people["id"]]

    brokers = _brokers(P, metrics, kinds=("person",))

    communities = _communities(people)

    mix = analysis.sector_mix(P, by="community")
    repeat = analysis.repeat_attendance(G, kinds=TIE_KINDS)
    repeat_dist = repeat["events"].value_counts().sort_index().rename_axis("events") \
        .reset_index(name="people")
    grow = analysis.growth(G, kinds=TIE_KINDS).drop(columns=["event"])

    org_table = _organisations(G, partnerships, seed)
    uncertain = matches[matches["status"] == matching.UNCERTAIN].reset_index(drop=True)
    summary = {
        "rows": len(rows), "people": P.number_of_nodes(),
        "events": sum(1 for _, k in G.nodes(data="kind") if k == "event"),
        "organisations": sum(1 for _, k in G.nodes(data="kind") if k == "organisation"),
        "territories": len({t for t in rows["territory"] if t}),
        "ties": P.number_of_edges(), "communities": int(communities.shape[0]),
        "ties_across_territories": sum(
            1 for u, v in P.edges()
            if P.nodes[u].get("territory") and P.nodes[v].get("territory")
            and P.nodes[u]["territory"] != P.nodes[v]["territory"]),
        "spellings_merged": int(merged["person"].nunique()
                                                         - merged["person_id"].nunique()),
        "uncertain_matches": len(uncertain),
        "undecided_matches": int((uncertain["decision"] == "").sum()),
        "betweenness_approximate": bool(metrics["betweenness_approx"].any())
        if len(metrics) else False,
    }
    return Report(summary=summary, graph=G, people=P, people_table=people, brokers=brokers,
                  communities=communities, sector_mix=mix, repeat=repeat_dist, growth=grow,
                  organisations=org_table, matches=uncertain, metrics=metrics,
                  organisation_merges=orgs.merges, organisation_spellings=orgs.spellings)


def _measured(G: nx.Graph, seed: int) -> pd.DataFrame:
    """`analysis.node_metrics` of `G`, also set on its nodes (the map's cards read them there)."""
    metrics = analysis.node_metrics(G, seed=seed)
    for col in ("degree", "weighted_degree", "betweenness", "community"):
        nx.set_node_attributes(G, dict(zip(metrics["id"], metrics[col], strict=True)), col)
    return metrics


def _brokers(G: nx.Graph, metrics: pd.DataFrame, **kinds) -> pd.DataFrame:
    """The territory brokers of `G` (`analysis.territory_brokers`), with their betweenness."""
    brokers = analysis.territory_brokers(G, **kinds)
    if len(brokers):
        bc = dict(zip(metrics["id"], metrics["betweenness"], strict=True))
        brokers["betweenness"] = [round(bc[n], 4) for n in brokers["id"]]
        brokers = brokers.drop(columns=["kind"])
    return brokers


def _communities(people: pd.DataFrame) -> pd.DataFrame:
    """The communities tab: each community's size, main territories and sector, best connected."""
    comm_rows = []
    for c, grp in people.groupby("community", sort=True):
        terr = grp["territory"].value_counts()
        comm_rows.append({
            "community": int(c), "size": len(grp),
            "territories": "; ".join(f"{t or '?'} {n}" for t, n in terr.head(3).items()),
            "main_sector": mode(grp["sector"]) if "sector" in grp.columns else "",
            "most_connected": "; ".join(grp.sort_values("weighted_degree", ascending=False,
                                                        kind="stable")["label"].head(3))})
    communities = pd.DataFrame(comm_rows, columns=["community", "size", "territories",
                                                   "main_sector", "most_connected"])
    return communities.sort_values(["size", "community"], ascending=[False, True]).reset_index(drop=True)


EDGE_NODE_COLUMNS = ["label", "territory", "degree", "weighted_degree", "betweenness", "community"]
TIE_COLUMNS = ["source", "target", "weight", "kind"]


def analyse_edges(edges: pd.DataFrame, territory: str = "", seed: int = 0,
                  org_aliases: dict[str, str] | None = None, merge_orgs: bool = True) -> Report:
    """Analyse an edge list (`read_list`) as `workbench network` does: the same ends (spellings
    of one organisation merged, `pipeline.merge_tie_ends`), the same graph (`model.edge_list_graph`:
    kinds of ties, the ends' territories) and measures; `territory` keeps the rows of that place.
    The report's `people` are the list's ends and `ties` its ties; what needs events (repeat
    attendance, growth, name matches) is empty.

    >>> e = read_list(pd.DataFrame({"Кто": ["МБОУ СОШ №1", 'МБОУ "СОШ № 1"', "ДК"], "С кем": ["ДК", "Музей", "Музей"],
    ...                             "Тип": ["проект", "", ""], "Территория": ["Няндома"] * 3}))[1]
    >>> r = analyse_edges(e)
    >>> r.summary["nodes"], r.ties.values.tolist()[0], r.people_table["territory"].tolist()
    (3, ['МБОУ "СОШ № 1"', 'ДК', 1, 'проект'], ['Няндома', 'Няндома', 'Няндома'])
    """
    from .pipeline import edge_list_ends

    clean, merges, _ = edge_list_ends(edges, org_aliases, merge_orgs)
    rows = clean
    if territory:
        rows = clean[clean["territory"] == territory] if "territory" in clean.columns else clean.iloc[:0]
    if rows.empty:
        raise tables.NetworkInputError("net_no_match")
    G = model.edge_list_graph(rows)
    metrics = _measured(G, seed)
    people = metrics.reindex(columns=["id"] + EDGE_NODE_COLUMNS)
    for col in ("label", "territory"):
        people[col] = [v if isinstance(v, str) else "" for v in people[col]]
    brokers = _brokers(G, metrics)
    communities = _communities(people)
    ties = export.edges_table(G, names=True).reindex(columns=TIE_COLUMNS)
    summary = {"shape": EDGES, "rows": len(rows), "nodes": G.number_of_nodes(), "ties": G.number_of_edges(),
               "territories": len({t for t in people["territory"] if t}),
               "communities": int(communities.shape[0]),
               "betweenness_approximate": bool(metrics["betweenness_approx"].any()) if len(metrics) else False}
    return Report(summary=summary, graph=G, people=G, people_table=people, brokers=brokers,
                  communities=communities, sector_mix=pd.DataFrame(),
                  repeat=pd.DataFrame(columns=["events", "people"]), growth=pd.DataFrame(columns=GROWTH_COLUMNS),
                  organisations=pd.DataFrame(columns=["label", "sector", "members", "degree", "weighted_degree",
                                                      "betweenness"]),
                  matches=pd.DataFrame(columns=["left_name", "right_name", "score", "reason", "decision"]),
                  metrics=metrics, organisation_merges=merges, ties=ties)


def go_betweens(people: pd.DataFrame) -> pd.DataFrame:
    """The people (or an edge list's ends) others are linked through: betweenness above 0, the
    most first, equal ones by name (`analysis.ranked`).

    >>> go_betweens(pd.DataFrame({"id": ["b", "a", "c"], "label": ["б", "А", "В"], "betweenness": [0.5, 0.5, 0.0]}))["label"].tolist()
    ['А', 'б']
    """
    return analysis.ranked(people[people["betweenness"] > 0], ["betweenness"])


def _organisations(G: nx.Graph, partnerships: pd.DataFrame | None, seed: int) -> pd.DataFrame:
    """Organisations tied by shared members and shared events (+ partnerships when given)."""
    OG = model.organisation_projection(G)
    cols = ["label", "sector", "members", "degree", "weighted_degree", "betweenness"]
    if partnerships is not None:
        cols.append("partners")
    if OG.number_of_nodes() == 0:
        return pd.DataFrame(columns=cols)
    m = analysis.node_metrics(OG, seed=seed, with_communities=False)
    m["members"] = [sum(1 for u in G[n] if G.nodes[u].get("kind") == model.PERSON)
                    for n in m["id"]]
    if partnerships is not None:
        PG = model.edge_list_graph(tables.load_edge_list(partnerships, "partnerships"))
        m["partners"] = [PG.degree(G.nodes[n]["label"]) if G.nodes[n]["label"] in PG else 0
                         for n in m["id"]]
    m = m.reindex(columns=cols)
    m["sector"] = [v if isinstance(v, str) else "" for v in m["sector"]]
    return analysis.ranked(m, ["weighted_degree"])


# The staff's tables in Excel (the analysis page's export): the columns a person reads, in order.
# Ids, kinds and the measures' bookkeeping (an approximate betweenness's sample) stay in GEXF/GraphML.
NODE_COLUMNS = ["label", "territory", "organisation", "sector", "events", "degree", "weighted_degree",
                "betweenness", "pagerank", "community", "core_number"]
CONTACT_COLUMNS = ["email", "phone"]
EDGE_COLUMNS = ["source", "target", "weight", "strength"]
GROWTH_COLUMNS = ["label", "date", "participants", "new_people", "returning_people", "cumulative_people",
                  "largest_component", "largest_component_share"]
# Headings of columns whose page heading is not `na_col_<column>`, per table.
HEADINGS = {("nodes", "degree"): "na_col_people_met", ("nodes", "weighted_degree"): "na_col_meetings",
            ("edges", "source"): "na_col_edge_source", ("edges", "target"): "na_col_edge_target",
            ("edges", "weight"): "na_col_edge_weight", ("edges", "strength"): "na_col_edge_strength",
            ("growth", "label"): "na_col_event"}


def staff_tables(nodes: pd.DataFrame, people: nx.Graph, growth: pd.DataFrame, lang: str = "ru",
                 contacts: bool = False, merges: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """nodes, edges and growth as staff read them in Excel: the page's headings in `lang`,
    sectors in words, people by name in the ties (no ids); e-mails and phones only with
    `contacts` (personal data leaves the workbench only when asked for). `merges`: the
    organisations written more than one way (`Report.organisation_merges`), as
    «Объединены как одна организация» shows them, when there are any.

    >>> table = prepare(pd.DataFrame({"ФИО": ["Анна", "Олег"], "Мероприятие": "Встреча",
    ...                               "Сфера": ["НКО", "житель"], "email": ["a@b.ru", ""]}))
    >>> r = analyse(table, seed=0)
    >>> out = staff_tables(r.metrics, r.people, r.growth)
    >>> out["nodes"].columns[:4].tolist(), sorted(out["nodes"]["Сфера"]), "email" in str(out)
    (['Имя', 'Территория', 'Организация', 'Сфера'], ['Житель', 'НКО'], False)
    >>> out["edges"].values.tolist()
    [['Анна', 'Олег', 1, 1.0]]
    """
    from workbench.i18n import MESSAGES
    from workbench.session.model import SECTORS

    nodes = analysis.readable_shares(nodes.reindex(columns=NODE_COLUMNS + (CONTACT_COLUMNS if contacts else [])))
    nodes["sector"] = [t(f"sector_{v}", lang) if v in SECTORS else ("" if v != v else v) for v in nodes["sector"]]
    nodes = nodes.drop(columns=[c for c in CONTACT_COLUMNS if c in nodes and not nodes[c].notna().any()])
    edges = export.edges_table(people, names=True).reindex(columns=EDGE_COLUMNS)
    tables = {"nodes": nodes, "edges": edges, "growth": growth.reindex(columns=GROWTH_COLUMNS)}
    if merges is not None and len(merges):
        merges = merges.reindex(columns=organisations.MERGE_COLUMNS)
        tables["organisations_merged"] = merges.assign(reason=[t(f"org_reason_{v}", lang) for v in merges["reason"]])
    for name, df in tables.items():
        keys = [HEADINGS.get((name, c), f"na_col_{c}") for c in df.columns]
        df.columns = [t(k, lang) if k in MESSAGES else c for k, c in zip(keys, df.columns, strict=True)]
    return tables


def write_staff_xlsx(tables: dict[str, pd.DataFrame], path, lang: str = "ru") -> Path:
    """The staff tables as one workbook, a sheet each («Люди», «Связи», «Рост»), numbers as numbers."""
    import io

    import openpyxl

    from workbench.tableio import xlsx_sheet
    from workbench.util import write_atomic

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, df in tables.items():
        xlsx_sheet(book, t(f"na_sheet_{name}", lang), [str(c) for c in df.columns],
                   [[None if v != v else v for v in row] for row in df.itertuples(index=False)])
    buf = io.BytesIO()
    book.save(buf)
    write_atomic(Path(path), buf.getvalue())
    return Path(path)


def export_report(report: Report, folder, pseudonymise: bool = False, seed: int = 0,
                  title: str | None = None, colour_by: str = "community", lang: str = "ru",
                  contacts: bool = False) -> list[Path]:
    """Write the people network (GEXF, GraphML, PNG, SVG), the whole model (`model.gexf`) and the
    staff's tables into `folder`: nodes.csv, edges.csv, growth.csv and, when organisations were
    written more than one way, organisations_merged.csv, for Excel in `lang` (in Russian ';' and
    a decimal comma, headings and sectors in words; `tableio.write_csv`) and the same tables as
    sheets of network.xlsx. Organisations have their merged names everywhere, as on the page
    (the report's tables and graphs were built with them). E-mails and phones are in no file unless `contacts`.
    With `pseudonymise`, people become P0001... and contacts are dropped whatever `contacts`
    says, and organisations named after a person ("ИП Смирнов О.В.") become O0001..., with the
    same codes in every file."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    P, G, nodes = report.people, report.graph, report.metrics.copy()
    if pseudonymise:
        orgs = model.personal_organisations(model.organisation_names(G) | model.organisation_names(P)
                                            | set(nodes.get("organisation", pd.Series(dtype=object)).dropna()))
        P, mapping = model.pseudonymise(P, organisations=orgs)
        G, _ = model.pseudonymise(G, organisations=orgs)
        nodes["id"] = nodes["id"].map(mapping)
        nodes["label"] = nodes["id"]
        if "organisation" in nodes.columns:
            nodes["organisation"] = [orgs.get(v, v) for v in nodes["organisation"]]
        nodes = nodes.drop(columns=[c for c in model.PERSONAL_KEYS if c in nodes.columns])
    elif not contacts:
        P, G = _without_contacts(P), _without_contacts(G)
    comm = dict(zip(nodes["id"], nodes["community"], strict=True))
    tables = staff_tables(nodes, P, report.growth, lang, contacts=contacts and not pseudonymise,
                          merges=organisations.merges_to_share(report.organisation_merges, pseudonymise))
    paths = [export.write_gexf(P, folder / "people.gexf"),
             export.write_graphml(P, folder / "people.graphml"),
             export.write_gexf(G, folder / "model.gexf")]
    paths += [write_csv(df, folder / f"{name}.csv", lang=lang) for name, df in tables.items()]
    paths.append(write_staff_xlsx(tables, folder / "network.xlsx", lang))
    paths += export.plot_network(P, [folder / "network.png", folder / "network.svg"],
                                 community=comm, seed=seed, title=title or t("net_people_network", lang),
                                 colour_by=colour_by, lang=lang)
    return paths


def _without_contacts(G: nx.Graph) -> nx.Graph:
    """A copy of `G` whose people carry no e-mail or phone."""
    H = G.copy()
    for _, attrs in H.nodes(data=True):
        for key in CONTACT_COLUMNS:
            attrs.pop(key, None)
    return H
