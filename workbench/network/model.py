"""The graph model: people, organisations, events, territories, projects.

Node ids are "kind:label" (e.g. "person:Анна Иванова") so that a person and an
event with the same name never collide; every node has `kind` and `label`.
Edges have `kind` and `date` ('YYYY-MM-DD' or ''). Projections are computed
with scipy sparse matrices, so they stay quick on tens of thousands of people.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from functools import lru_cache

import networkx as nx
import numpy as np
import pandas as pd

from workbench.util import mode

PERSON = "person"
PERSONAL_KINDS = ("person", "node")
PERSONAL_KEYS = ("email", "phone", "name", "person", "full_name", "aliases", "names")
# Kinds that link no people to each other in the people projection (`people_projection`): a
# person, where they live, a project, an edge list's end, and an organisation (a membership: the
# people of one organisation have not met for it; `organisation_projection` ties organisations).
NON_TIE_KINDS = ("person", "territory", "project", "node", "organisation")


# A two-mode list's group of these kinds (the `kind` column, any case) is an organisation.
ORGANISATION_KINDS = frozenset({"organisation", "organization", "org", "организация", "орг"})
# The model's own kinds that a list's «Тип» may happen to name (`two_mode_graph`): such a group
# gets the kind 'group' and keeps the word in `listed_kind`, so it ties its people as any group.
MODEL_KINDS = frozenset({"person", "territory", "project", "node"})


def ties_people(listed_kind: str) -> bool:
    """Whether a two-mode list's group of this kind (its «Тип», as written) ties the people in it,
    on the analysis page (`build_graph`) and in `workbench network` (`two_mode_graph`) alike:
    every group does (an event, a workshop, and a «territory», «project» or «node» too, in any
    language), except an organisation (`ORGANISATION_KINDS`): a membership.

    >>> [ties_people(k) for k in ("мастерская", "territory", "Project", "node", "Организация", "")]
    [True, True, True, True, False, True]
    """
    return str(listed_kind).strip().casefold() not in ORGANISATION_KINDS


def organisation_groups(table: pd.DataFrame) -> tuple[str, list[int]]:
    """The column of a two-mode list's groups (`group`, or `event` as the analysis page names
    it) and the positions of the rows whose group is an organisation (`kind` in
    `ORGANISATION_KINDS`): a people–organisations list names its organisations there.

    >>> organisation_groups(pd.DataFrame({"person": ["А", "Б"], "group": ["Берег", "Сессия"],
    ...                                   "kind": ["Организация", "event"]}))
    ('group', [0])
    """
    column = next((c for c in ("group", "event") if c in table.columns), "")
    if not column or "kind" not in table.columns:
        return column, []
    ties = table["kind"].fillna("").astype(str).map(ties_people)
    return column, [i for i, tie in enumerate(ties) if not tie]


def node_id(kind: str, label: str) -> str:
    """Node id for a kind and label.

    >>> node_id("event", "Сессия 1")
    'event:Сессия 1'
    """
    return f"{kind}:{label}"


def _min_date(dates) -> str:
    ds = [d for d in dates if d]
    return min(ds) if ds else ""


def build_graph(table: pd.DataFrame) -> nx.Graph:
    """Graph from a validated attendance table (see `load_attendance`).

    Uses `person_id` (from `apply_matches`) when present, else `person`.
    Edges: person-event 'attended', person-organisation 'member', person-territory
    'lives_in', organisation-territory 'located_in', event-project 'part_of',
    event-territory 'held_in' (from `event_territory`). A two-mode list's row whose `kind` is
    an organisation (`organisation_groups`) makes the person a member of that
    organisation, not an attendant of an event of its name.

    >>> t = pd.DataFrame({"person": ["Анна", "Олег"], "event": ["E1", "E1"],
    ...                   "date": ["2024-03-01", "2024-03-01"], "territory": ["Каргополь"] * 2})
    >>> G = build_graph(t)
    >>> sorted(G.nodes), G.edges["person:Анна", "event:E1"]["kind"]
    (['event:E1', 'person:Анна', 'person:Олег', 'territory:Каргополь'], 'attended')
    """
    t = table.copy()
    for col in ("date", "territory", "organisation", "sector", "email", "phone", "project",
                "event_territory"):
        if col not in t.columns:
            t[col] = ""
        t[col] = t[col].fillna("").astype(str)
    pcol = "person_id" if "person_id" in t.columns else "person"
    _, org_rows = organisation_groups(t[["event", "kind"]] if "kind" in t.columns else t[["event"]])
    if org_rows:  # membership rows: the group is the person's organisation (besides their own)
        is_member = np.zeros(len(t), dtype=bool)
        is_member[org_rows] = True
        member = t[is_member].assign(project="", event_territory="")
        t = pd.concat([t[~is_member], member.assign(event=""),
                       member.assign(event="", organisation=member["event"])], ignore_index=True)
        t = t[(t["event"] != "") | (t["organisation"] != "")]
    t = t.sort_values(["date", "event"], kind="stable")
    G = nx.Graph()

    def add_edge(u, v, kind, date):
        if G.has_edge(u, v):
            old = G.edges[u, v]["date"]
            if date and (not old or date < old):
                G.edges[u, v]["date"] = date
        else:
            G.add_edge(u, v, kind=kind, date=date)

    # Events.
    for event, rows in t[t["event"] != ""].groupby("event", sort=True):
        attrs = {"kind": "event", "label": event, "date": _min_date(rows["date"])}
        place = mode(rows["event_territory"])
        if place:
            attrs["territory"] = place
        project = mode(rows["project"])
        if project:
            attrs["project"] = project
        G.add_node(node_id("event", event), **attrs)
    # People.
    for pid, rows in t.groupby(pcol, sort=True):
        attrs = {"kind": PERSON, "label": pid}
        for col in ("territory", "organisation", "sector", "email", "phone"):
            value = mode(rows[col])
            if value:
                attrs[col] = value
        attrs["events"] = int(rows.loc[rows["event"] != "", "event"].nunique())
        G.add_node(node_id(PERSON, pid), **attrs)
    # Organisations, territories, projects.
    for org, rows in t[t["organisation"] != ""].groupby("organisation", sort=True):
        attrs = {"kind": "organisation", "label": org}
        sector = mode(rows["sector"])
        if sector:
            attrs["sector"] = sector
        G.add_node(node_id("organisation", org), **attrs)
    for col in ("territory", "event_territory"):
        for terr in sorted(set(t[col]) - {""}):
            G.add_node(node_id("territory", terr), kind="territory", label=terr)
    for proj in sorted(set(t["project"]) - {""}):
        G.add_node(node_id("project", proj), kind="project", label=proj)

    for row in t.itertuples(index=False):
        p = node_id(PERSON, getattr(row, pcol))
        e = node_id("event", row.event)
        if row.event:
            add_edge(p, e, "attended", G.nodes[e]["date"])
        if row.organisation:
            add_edge(p, node_id("organisation", row.organisation), "member", row.date)
            if row.territory:
                add_edge(node_id("organisation", row.organisation),
                         node_id("territory", row.territory), "located_in", row.date)
        if row.territory:
            add_edge(p, node_id("territory", row.territory), "lives_in", row.date)
        if row.project and row.event:
            add_edge(e, node_id("project", row.project), "part_of", row.date)
        if row.event_territory and row.event:
            add_edge(e, node_id("territory", row.event_territory), "held_in", row.date)
    return G


def _mode_by(t: pd.DataFrame, key: str, col: str) -> dict:
    """{key: `mode` of the non-empty `col`}, vectorised (same rule: ties go to the first seen)."""
    sub = t.loc[t[col] != "", [key, col]]
    if sub.empty:
        return {}
    counts = sub.groupby([key, col], sort=False).size().reset_index(name="_n")
    counts = counts.sort_values("_n", ascending=False, kind="stable")
    best = counts.drop_duplicates(key)
    return dict(zip(best[key], best[col], strict=True))


def two_mode_graph(table: pd.DataFrame) -> nx.Graph:
    """Graph from a validated two-mode list (`load_two_mode`): people and groups.

    Group nodes get the kind from the `kind` column ('group' by default; «организация», «org»…
    are 'organisation', whose people are its members) and the earliest `date`; people get their most frequent `territory`, `organisation` and `sector`
    (when given) and `groups` count.

    >>> t = pd.DataFrame({"person": ["A", "B"], "group": ["G", "G"], "kind": ["event"] * 2,
    ...                   "date": ["2024-01-02", ""], "territory": ["T1", "T2"],
    ...                   "sector": ["ngo", ""]})
    >>> G = two_mode_graph(t)
    >>> G.nodes["event:G"]["date"], G.nodes["person:B"]["territory"], G.number_of_edges()
    ('2024-01-02', 'T2', 2)
    >>> G.nodes["person:A"]["sector"], "sector" in G.nodes["person:B"]
    ('ngo', False)
    >>> two_mode_graph(t.assign(kind=["организация"] * 2)).nodes["person:A"]["organisation"]
    'G'
    """
    t = table.copy()
    for col in ("person", "group", "kind", "date", "territory", "organisation", "sector"):
        if col not in t.columns:
            t[col] = ""
        t[col] = t[col].fillna("").astype(str)
    groups = sorted(set(t["group"]))
    kinds = _mode_by(t, "group", "kind")
    listed = {g: (kinds.get(g) or "") for g in groups}
    # one rule with the page (`ties_people`): a group of a word the model keeps for what ties
    # nobody (territory, project, node, person) is a group like any other, its word kept
    kinds = {g: "organisation" if not ties_people(k) else
             "group" if not k or k.strip().casefold() in MODEL_KINDS else k for g, k in listed.items()}
    dates = t[t["date"] != ""].groupby("group")["date"].min().to_dict()
    G = nx.Graph()
    G.add_nodes_from((node_id(kinds[g], g), {"kind": kinds[g], "label": g, "date": dates.get(g, ""),
                                              **({"listed_kind": listed[g]} if kinds[g] == "group" and listed[g]
                                                 else {})}) for g in groups)
    about = {col: _mode_by(t, "person", col) for col in ("territory", "sector")}
    # a person's organisation: the column's, and a group of kind organisation the list makes them a
    # member of, as the analysis page's model has it (`build_graph`)
    members = t[t["group"].map(kinds) == "organisation"]
    about["organisation"] = _mode_by(pd.concat([t[["person", "organisation"]],
                                                members[["person"]].assign(organisation=members["group"])]),
                                     "person", "organisation")
    # a person's `groups`: the groups that tie them (`ties_people`), as the page counts their
    # events («Мероприятий», `build_graph`'s `events`): an organisation is no event
    n_groups = t.groupby("person")["group"].nunique().to_dict()
    n_groups = {p: 0 for p in n_groups} | \
        t[t["group"].map(kinds) != "organisation"].groupby("person")["group"].nunique().to_dict()
    people = sorted(n_groups)
    G.add_nodes_from((node_id(PERSON, p), {"kind": PERSON, "label": p,
                                           **{col: v[p] for col, v in about.items() if p in v},
                                           "groups": int(n_groups[p])}) for p in people)
    e = t.assign(_d=t["date"].replace("", "~")).sort_values("_d", kind="stable")
    e = e.drop_duplicates(["person", "group"])
    G.add_edges_from(
        (node_id(PERSON, p), node_id(kinds[g], g),
         {"kind": "member" if kinds[g] == "organisation" else "attended", "date": d})
        for p, g, d in zip(e["person"], e["group"], e["date"], strict=True))
    return G


def add_organisation_members(G: nx.Graph, table: pd.DataFrame) -> int:
    """Make each person of a two-mode list (`two_mode_graph`) a member of the organisation their
    `organisation` column names, as the analysis page's model does (`build_graph`): an
    organisation node (the one of a group of kind «организация» of that name, if any) and a
    'member' edge with the row's date. Returns the memberships added.

    >>> t = pd.DataFrame({"person": ["A", "B"], "group": ["G", "G"], "organisation": ["Берег", ""]})
    >>> G = two_mode_graph(t)
    >>> add_organisation_members(G, t), G.nodes["organisation:Берег"]["kind"], G.edges["person:A", "organisation:Берег"]["kind"]
    (1, 'organisation', 'member')
    """
    if "organisation" not in table.columns:
        return 0
    dates = table["date"] if "date" in table.columns else [""] * len(table)
    added = 0
    for person, org, date in zip(table["person"], table["organisation"], dates, strict=True):
        if not isinstance(org, str) or not org:
            continue
        p, o = node_id(PERSON, person), node_id("organisation", org)
        if o not in G:
            G.add_node(o, kind="organisation", label=org, date="")
        date = date if isinstance(date, str) else ""
        if G.has_edge(p, o):
            old = G.edges[p, o].get("date", "")
            if date and (not old or date < old):
                G.edges[p, o]["date"] = date
            continue
        G.add_edge(p, o, kind="member", date=date)
        added += 1
    return added


def ends_territories(table: pd.DataFrame) -> dict[str, str]:
    """{an edge list's end: its territory}, from the `territory` of the rows it is an end of: the
    most frequent place (spellings of one place, `territory_key`, counted together and shown as
    most often written), of equally frequent ones the first in alphabetical order, so the order
    of the rows does not matter. Ends whose rows give no place are left out.

    >>> t = pd.DataFrame({"source": ["a", "a", "a", "b"], "target": ["b", "c", "d", "c"],
    ...                   "territory": ["Няндома", "Каргополь", "п. Каргополь", ""]})
    >>> ends_territories(t)
    {'a': 'Каргополь', 'b': 'Няндома', 'c': 'Каргополь', 'd': 'Каргополь'}
    >>> ends_territories(t.iloc[[0, 1]])["a"], ends_territories(t.iloc[[1, 0]])["a"]
    ('Каргополь', 'Каргополь')
    """
    from collections import Counter

    from workbench.session.model import territory_key

    if "territory" not in table.columns:
        return {}
    keys: dict[str, Counter] = defaultdict(Counter)  # end -> place key -> rows
    spellings: dict[str, Counter] = defaultdict(Counter)  # place key -> spelling -> rows
    for s, t_, place in zip(table["source"], table["target"], table["territory"], strict=True):
        place = " ".join(str(place).split()) if isinstance(place, str) else ""
        key = territory_key(place)
        if not key:
            continue
        spellings[key][place] += 1
        for end in {str(s), str(t_)}:
            keys[end][key] += 1
    shown = {k: min(c, key=lambda p: (-c[p], len(p), p)) for k, c in spellings.items()}
    return {end: shown[min(c, key=lambda k: (-c[k], shown[k].casefold(), k))] for end, c in sorted(keys.items())}


def edge_list_graph(table: pd.DataFrame) -> nx.Graph:
    """One-mode weighted graph from a validated edge list; duplicate edges add up.

    Nodes keep their ids as given, with kind 'node', and a `territory` from the list's column
    «Территория» (`ends_territories`). Self-loops are dropped. An edge's `kind` is
    the list's `kind` column ("совместный проект"; several kinds of one pair joined with "; "),
    'tie' without one. Weights stay whole numbers when every weight in the list is one.

    >>> t = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "a", "c"],
    ...                   "weight": [1.0, 2.0, 1.0], "kind": ["проект", "обмен", ""]})
    >>> G = edge_list_graph(t)
    >>> G.edges["a", "b"]["weight"], G.edges["a", "b"]["kind"], G.edges["a", "c"]["kind"]
    (3, 'обмен; проект', 'tie')
    >>> G.nodes["c"]["kind"], edge_list_graph(t.assign(weight=[1.5, 1, 1])).edges["a", "b"]["weight"]
    ('node', 2.5)
    """
    G = nx.Graph()
    kinds = table["kind"] if "kind" in table.columns else [""] * len(table)
    edge_kinds: dict[tuple, set] = defaultdict(set)
    for s, t_, w, k in zip(table["source"], table["target"], table["weight"], kinds, strict=True):
        s, t_ = str(s), str(t_)
        for n in (s, t_):
            if n not in G:
                G.add_node(n, kind="node", label=n)
        if s == t_:
            continue
        if G.has_edge(s, t_):
            G.edges[s, t_]["weight"] += float(w)
        else:
            G.add_edge(s, t_, weight=float(w))
        key = (s, t_) if (s, t_) in edge_kinds or (t_, s) not in edge_kinds else (t_, s)
        k = str(k or "").strip() if isinstance(k, str) else ""
        edge_kinds[key].update([k] if k else [])
    whole = all(float(w).is_integer() for _, _, w in G.edges(data="weight"))
    for (s, t_), ks in edge_kinds.items():
        G.edges[s, t_]["kind"] = "; ".join(sorted(ks)) or "tie"
    nx.set_node_attributes(G, ends_territories(table), "territory")
    if whole:
        for _, _, d in G.edges(data=True):
            d["weight"] = int(d["weight"])
    return G


def incidence(G: nx.Graph, rows, cols):
    """Sparse 0/1 matrix rows x cols of the edges of G (scipy CSR).

    >>> incidence(nx.Graph([("p", "e")]), ["p", "q"], ["e"]).toarray().tolist()
    [[1.0], [0.0]]
    """
    import scipy.sparse as sp

    ri = {n: i for i, n in enumerate(rows)}
    ci = {n: i for i, n in enumerate(cols)}
    r, c = [], []
    for u in rows:
        for v in (G[u] if u in G else ()):
            j = ci.get(v)
            if j is not None:
                r.append(ri[u])
                c.append(j)
    data = np.ones(len(r))
    return sp.csr_matrix((data, (r, c)), shape=(len(rows), len(cols)))


def people_projection(G: nx.Graph, max_edges: int | None = 50_000) -> nx.Graph:
    """The people network of the analysis page and of `workbench network`: people tied by the
    events (any group of a list: a session, a meeting, a module) they attended together, tie
    weight = number of shared events. An organisation, whether a list's `organisation` column or
    a group of kind «организация» of a people–organisations list, is a membership and ties
    nobody, nor do territories and projects (`NON_TIE_KINDS`): staff read a person's ties as the
    people they met («Знакомых», «Встреч со знакомыми»). Node attributes of people are copied;
    each person also gets `contacts` (distinct people met) and `tie_strength` (sum of weights)
    from the full projection. Edge `strength` is Newman's collaboration weight (sum over shared
    events of 1/(size-1)).

    When the full projection has more than `max_edges` ties, only a backbone is
    kept: each person's strongest ties by `strength` (ties from small events and
    repeated meetings first), as many per person as fit; the graph attributes
    `backbone`, `ties_per_person`, `full_edges` say so. `max_edges=None` keeps all.

    >>> import networkx as nx
    >>> P = people_projection(nx.davis_southern_women_graph())
    >>> P.number_of_nodes(), P.edges["Evelyn Jefferson", "Laura Mandeville"]["weight"]
    (18, 6)
    >>> t = pd.DataFrame({"person": ["А", "Б", "А", "В"], "group": ["Берег", "Берег", "Сессия", "Сессия"],
    ...                   "kind": ["организация", "организация", "event", "event"]})
    >>> sorted(people_projection(two_mode_graph(t)).edges())  # met at the session; Б only shares А's organisation
    [('person:А', 'person:В')]
    """
    import scipy.sparse as sp

    kind = {n: _kind_of(G, n) for n in G}
    people = sorted(n for n in G if kind[n] == PERSON)
    groups = sorted(n for n in G if kind[n] not in NON_TIE_KINDS)
    B = incidence(G, people, groups)
    sizes = np.asarray(B.sum(axis=0)).ravel()
    inv = np.where(sizes > 1, 1.0 / np.maximum(sizes - 1, 1), 0.0)
    C = (B @ B.T).tocsr()
    C.setdiag(0)
    C.eliminate_zeros()
    C.sort_indices()
    S = (B @ sp.diags(inv) @ B.T).tocsr()
    S.setdiag(0)
    S.eliminate_zeros()
    S.sort_indices()  # same pattern as C: a shared group always has size >= 2
    n = len(people)
    row_of = np.repeat(np.arange(n), np.diff(C.indptr))
    col_of = C.indices
    full_edges = int(C.nnz // 2)
    contacts = np.diff(C.indptr)
    tie_strength = np.asarray(C.sum(axis=1)).ravel()

    P = nx.Graph()
    for i, p in enumerate(people):
        attrs = {k: v for k, v in G.nodes[p].items()} if p in G else {}
        attrs.setdefault("kind", PERSON)
        attrs.setdefault("label", str(p))
        attrs["contacts"] = int(contacts[i])
        attrs["tie_strength"] = int(tie_strength[i])
        P.add_node(p, **attrs)
    if max_edges is not None and full_edges > max_edges:
        m = max(1, int(max_edges // max(n, 1)))
        # Within each row, strongest ties first: sort by row + 1/(1+strength).
        order = np.argsort(row_of + 1.0 / (1.0 + S.data), kind="stable")
        rank = np.arange(len(order)) - C.indptr[row_of[order]]
        chosen = order[rank < m]
        a = np.minimum(row_of[chosen], col_of[chosen]).astype(np.int64)
        b = np.maximum(row_of[chosen], col_of[chosen]).astype(np.int64)
        _, first = np.unique(a * n + b, return_index=True)
        entries = chosen[first]
        P.graph.update(backbone=True, ties_per_person=m, full_edges=full_edges)
    else:
        entries = np.flatnonzero(row_of < col_of)
        P.graph.update(backbone=False, full_edges=full_edges)
    rows, cols = row_of[entries].tolist(), col_of[entries].tolist()
    weights = C.data[entries].astype(int).tolist()
    strengths = np.round(S.data[entries], 6).tolist()
    P.add_edges_from((people[i], people[j], {"weight": w, "strength": st, "kind": "tie"})
                     for i, j, w, st in zip(rows, cols, weights, strengths, strict=True))
    return P


def _kind_of(G: nx.Graph, n) -> str:
    attrs = G.nodes[n]
    if "kind" in attrs:
        return attrs["kind"]
    # networkx's bipartite examples use bipartite=0/1 (0 = people in davis).
    if attrs.get("bipartite") == 0:
        return PERSON
    if attrs.get("bipartite") == 1:
        return "event"
    return "node"


def organisation_projection(G: nx.Graph) -> nx.Graph:
    """Organisation-organisation graph: ties through shared members and co-attended events.

    Edge attributes: `shared_members`, `shared_events`, `weight` (their sum).

    >>> t = pd.DataFrame({"person": ["A", "B"], "event": ["E", "E"],
    ...                   "organisation": ["Школа", "Администрация"]})
    >>> OG = organisation_projection(build_graph(t))
    >>> OG.edges["organisation:Школа", "organisation:Администрация"]["shared_events"]
    1
    """
    import scipy.sparse as sp

    kind = {n: _kind_of(G, n) for n in G}
    orgs = sorted(n for n in G if kind[n] == "organisation")
    people = sorted(n for n in G if kind[n] == PERSON)
    events = sorted(n for n in G if kind[n] not in NON_TIE_KINDS)
    M = incidence(G, orgs, people)
    A = incidence(G, people, events)
    OE = (M @ A).tocsr()
    OE.data[:] = 1
    shared_events = sp.triu(OE @ OE.T, k=1).tocsr()
    shared_members = sp.triu(M @ M.T, k=1).tocsr()
    OG = nx.Graph()
    for o in orgs:
        OG.add_node(o, **G.nodes[o])
    total = (shared_events + shared_members).tocoo()
    rows, cols = total.row, total.col
    if len(rows) == 0:  # no two organisations share anything (scipy would return a matrix)
        return OG
    se = np.asarray(shared_events[rows, cols]).ravel().astype(int).tolist()
    sm = np.asarray(shared_members[rows, cols]).ravel().astype(int).tolist()
    OG.add_edges_from((orgs[i], orgs[j], {"shared_events": a, "shared_members": b,
                                          "weight": a + b, "kind": "tie"})
                      for i, j, a, b in zip(rows.tolist(), cols.tolist(), se, sm, strict=True))
    return OG


# An organisation named after a person ("ИП Смирнов О.В.", "КФХ Петрова Анна Ивановна", "J. Smith
# Farm") gives the person away even when the people are codes: such names are pseudonymised too.
SOLE_TRADER = re.compile(r"(?<![\w.])(ИП|И\.\s?П\.|КФХ|ИПГКФХ|ЛПХ)(?![\w])")
INITIALS = re.compile(r"(?<![\w])[A-ZА-ЯЁ]\.\s*[A-ZА-ЯЁ]\.|"  # О.В.
                      r"(?<![\w])[A-ZА-ЯЁ][a-zа-яё]+\s+[A-ZА-ЯЁ]\.(?!\w)|"  # Смирнов О.
                      r"(?<![\w])[A-ZА-ЯЁ]\.\s*[A-ZА-ЯЁ][a-zа-яё]{2,}")  # О. Смирнов
WORD = re.compile(r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?")


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=20000)
def _name_part(word: str) -> str:
    """'strong' when the word's likeliest reading is a surname or a patronymic, 'weak' when some
    reading is a first name, surname or patronymic, else ''."""
    parses = _morph().parse(word)
    if parses and ({"Surn", "Patr"} & set(parses[0].tag.grammemes)):
        return "strong"
    if any({"Name", "Surn", "Patr"} & set(p.tag.grammemes) for p in parses):
        return "weak"
    return ""


def is_first_name(word: str, likeliest: bool = True) -> bool:
    """Is a word's likeliest reading a first name (pymorphy3's Name tag)? «Иван», «Мария»; not
    «Надежда» or «Заря», read first as words (`likeliest=False`: any reading).

    >>> [is_first_name(w) for w in ("Иван", "Ольга", "Надежда", "Заря", "иван")]
    [True, True, False, False, False]
    >>> is_first_name("Вера", likeliest=False), is_first_name("Заря", likeliest=False)
    (True, False)
    """
    if not WORD.fullmatch(word):
        return False
    parses = _morph().parse(word)[:1 if likeliest else None]
    return any("Name" in p.tag.grammemes for p in parses)


def names_a_person(text: str) -> bool:
    """Does an organisation's name contain a person's name? A sole trader's or farm's form (ИП,
    КФХ), initials (О.В., Смирнов О., J. Smith), a word read first as a surname or patronymic
    (pymorphy3's Surn/Patr tags), or two name words side by side (Name, Surn, Patr).

    >>> [names_a_person(t) for t in ("ИП Смирнов О.В.", "КФХ Берёзка", "Ферма Кузнецова",
    ...  "Фонд Ольга Петровна", "J. Smith Farm")]
    [True, True, True, True, True]
    >>> [names_a_person(t) for t in ("АНО «Надежда»", "Дом культуры", "Администрация Каргопольского округа",
    ...  "ТОС «Вера»", "Школа №1", "")]
    [False, False, False, False, False, False]
    """
    text = str(text or "")
    if SOLE_TRADER.search(text) or INITIALS.search(text):
        return True
    previous, previous_end = "", -10
    for m in WORD.finditer(text):
        part = _name_part(m.group())
        if part == "strong" or (part and previous and m.start() - previous_end <= 2):  # side by side
            return True
        previous, previous_end = part, m.end()
    return False


# The codes `pseudonymise` gives: P0001 (people), N0001 (an edge list's ends), O0001 (organisations
# named after a person), or with a salt the letter and ten hex digits.
CODE = re.compile(r"[PNO](?:\d{4,}|[0-9A-F]{10})")


def is_code(text) -> bool:
    """Is a name one of `pseudonymise`'s codes?

    >>> is_code("P0001"), is_code("O1A2B3C4D5E"), is_code("Анна"), is_code("P01")
    (True, True, False, False)
    """
    return bool(CODE.fullmatch(str(text)))


def personal_organisations(names, salt: str | None = None) -> dict[str, str]:
    """{organisation name that names a person: its code}, O0001… in sorted order (or with `salt`
    a salted hash), for every name among `names` that `names_a_person`.

    >>> personal_organisations(["Школа №1", "ИП Смирнов О.В.", "ИП Орлов А.А."])
    {'ИП Орлов А.А.': 'O0001', 'ИП Смирнов О.В.': 'O0002'}
    """
    found = sorted({str(n) for n in names if isinstance(n, str) and n and names_a_person(n)})
    if salt is not None:
        return {n: "O" + hashlib.sha256(f"{salt}\x00{n}".encode()).hexdigest()[:10].upper() for n in found}
    width = max(4, len(str(len(found))))
    return {n: f"O{i:0{width}d}" for i, n in enumerate(found, start=1)}


def organisation_names(G: nx.Graph) -> set[str]:
    """Every organisation name in a graph: organisation nodes' labels and people's `organisation`."""
    out = {str(G.nodes[n].get("label", "")) for n in G if _kind_of(G, n) == "organisation"}
    out |= {v for _, v in G.nodes(data="organisation") if isinstance(v, str)}
    return out - {""}


def pseudonymise(G: nx.Graph, kinds=PERSONAL_KINDS, salt: str | None = None,
                 organisations: dict[str, str] | None = None):
    """Replace people's ids and labels by codes and drop contact data; organisations named after
    a person (`names_a_person`) get codes too (O0001…, or the `organisations` mapping given, so
    several graphs and tables of one export share the codes), as nodes and as people's
    `organisation`.

    Codes are P0001, P0002, ... in sorted label order (N.... for kind 'node'), or
    with `salt` a salted hash (stable across different inputs). Returns
    (new graph, {old id: code}); keep the mapping away from exported files.

    >>> G = nx.Graph([("person:Анна", "event:E"), ("person:Анна", "organisation:ИП Смирнов О.В.")])
    >>> G.nodes["person:Анна"].update(kind="person", label="Анна", email="a@x.ru", organisation="ИП Смирнов О.В.")
    >>> G.nodes["event:E"].update(kind="event", label="E")
    >>> G.nodes["organisation:ИП Смирнов О.В."].update(kind="organisation", label="ИП Смирнов О.В.")
    >>> H, mapping = pseudonymise(G)
    >>> mapping, dict(H.nodes["P0001"]), dict(H.nodes["O0001"])
    ({'person:Анна': 'P0001', 'organisation:ИП Смирнов О.В.': 'O0001'}, {'kind': 'person', 'organisation': 'O0001', 'label': 'P0001'}, {'kind': 'organisation', 'label': 'O0001'})
    """
    kinds = {kinds} if isinstance(kinds, str) else set(kinds)
    if organisations is None:
        organisations = personal_organisations(organisation_names(G), salt=salt)
    personal = sorted((n for n in G if _kind_of(G, n) in kinds),
                      key=lambda n: (str(G.nodes[n].get("label", n)), str(n)))
    width = max(4, len(str(len(personal))))
    counters: dict[str, int] = defaultdict(int)
    mapping = {}
    for n in personal:
        prefix = "P" if _kind_of(G, n) == PERSON else "N"
        if salt is not None:
            digest = hashlib.sha256(f"{salt}\x00{G.nodes[n].get('label', n)}\x00{n}".encode())
            mapping[n] = prefix + digest.hexdigest()[:10].upper()
        else:
            counters[prefix] += 1
            mapping[n] = f"{prefix}{counters[prefix]:0{width}d}"
    for n in G:
        label = G.nodes[n].get("label", "")
        if _kind_of(G, n) == "organisation" and label in organisations:
            mapping[n] = organisations[label]
    H = nx.relabel_nodes(G, mapping, copy=True)
    for code in mapping.values():
        attrs = H.nodes[code]
        for key in PERSONAL_KEYS + ("label",):
            attrs.pop(key, None)
        attrs["label"] = code
    for _, attrs in H.nodes(data=True):
        if attrs.get("organisation") in organisations:
            attrs["organisation"] = organisations[attrs["organisation"]]
    for _, _, attrs in H.edges(data=True):
        for key in PERSONAL_KEYS:
            attrs.pop(key, None)
    return H, mapping
