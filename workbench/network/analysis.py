"""Analyses: centralities, communities, k-core, territory brokers, sector mix,
repeat attendance and growth over events. All functions are pure; anything
random takes `seed`.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx
import numpy as np
import pandas as pd

from workbench.util import UnionFind

from .model import NON_TIE_KINDS, PERSON, _kind_of

EXACT_BETWEENNESS_LIMIT = 2000
DEFAULT_BETWEENNESS_SOURCES = 256


# ---------------------------------------------------------------------------
# Betweenness (Brandes, batched over sources with sparse matrix products)


def name_order(label) -> str:
    """A name's place among equal scores in every ranked table (the page's and `workbench
    network`'s): alphabetical, case and ё not counting.

    >>> sorted(["Яков", "борис", "Ёлкина Вера", "Анна"], key=name_order)
    ['Анна', 'борис', 'Ёлкина Вера', 'Яков']
    """
    return str(label).casefold().replace("ё", "е")


def ranked(df: pd.DataFrame, scores, label: str = "label", key: str = "id") -> pd.DataFrame:
    """The one ordering of ranked lists of people, organisations and an edge list's ends, on the
    analysis page and in `workbench network`'s tables: largest `scores` first (in that order), equal
    ones by name (`name_order`), then by id, so ties never depend on how a list was read.

    >>> df = pd.DataFrame({"id": ["person:Яков", "person:борис", "person:Анна"], "label": ["Яков", "борис", "Анна"],
    ...                    "weighted_degree": [2, 2, 5]})
    >>> ranked(df, ["weighted_degree"])["label"].tolist()
    ['Анна', 'борис', 'Яков']
    """
    scores = list(scores)
    if df.empty:
        return df.reset_index(drop=True)
    names = df[label] if label in df.columns else df[key]
    keys = df[key] if key in df.columns else names
    out = df.assign(_name=[name_order(v) for v in names], _key=[str(v) for v in keys])
    out = out.sort_values(scores + ["_name", "_key"], ascending=[False] * len(scores) + [True, True], kind="stable")
    return out.drop(columns=["_name", "_key"]).reset_index(drop=True)


def _brandes_sparse(A, sources: np.ndarray, batch: int = 64) -> np.ndarray:
    """Sum over `sources` of Brandes dependencies (unweighted, undirected CSR `A`)."""
    n = A.shape[0]
    bc = np.zeros(n)
    for start in range(0, len(sources), batch):
        chunk = sources[start:start + batch]
        b = len(chunk)
        cols = np.arange(b)
        dist = np.full((n, b), -1, dtype=np.int32)
        sigma = np.zeros((n, b))
        dist[chunk, cols] = 0
        sigma[chunk, cols] = 1.0
        frontier = sigma.copy()
        depth = 0
        while True:
            nxt = A @ frontier
            new = (nxt > 0) & (dist < 0)
            if not new.any():
                break
            depth += 1
            dist[new] = depth
            sigma[new] = nxt[new]
            frontier = np.where(new, nxt, 0.0)
        delta = np.zeros((n, b))
        safe_sigma = np.where(sigma > 0, sigma, 1.0)
        for level in range(depth, 0, -1):
            w = np.where(dist == level, (1.0 + delta) / safe_sigma, 0.0)
            back = A @ w
            delta += np.where(dist == level - 1, sigma * back, 0.0)
        delta[chunk, cols] = 0.0
        bc += delta.sum(axis=1)
    return bc


def adjacency(G: nx.Graph, weight: str | None = "weight", nodes=None):
    """(nodes, symmetric scipy CSR matrix) without self-loops; weight None gives 0/1.

    >>> nodes, A = adjacency(nx.path_graph(3))
    >>> nodes, A.toarray().tolist()
    ([0, 1, 2], [[0.0, 1.0, 0.0], [1.0, 0.0, 1.0], [0.0, 1.0, 0.0]])
    """
    import scipy.sparse as sp

    nodes = list(G) if nodes is None else list(nodes)
    index = {n: i for i, n in enumerate(nodes)}
    rows, cols, vals = [], [], []
    directed = G.is_directed()
    for u, nbrs in G.adjacency():
        i = index[u]
        for v, d in nbrs.items():
            if u == v:
                continue
            j = index[v]
            w = 1.0 if weight is None else d.get(weight, 1.0)
            w = 1.0 if w is None else float(w)
            rows.append(i)
            cols.append(j)
            vals.append(w)
            if directed:
                rows.append(j)
                cols.append(i)
                vals.append(w)
    A = sp.csr_matrix((vals, (rows, cols)), shape=(len(nodes), len(nodes)), dtype=float)
    A.sum_duplicates()
    return nodes, A


def _betweenness_matrix(A, k, seed, exact_limit):
    n = A.shape[0]
    S = A.copy()
    S.data[:] = 1.0
    if k is None and n <= exact_limit:
        k = n
    k = min(int(k if k is not None else DEFAULT_BETWEENNESS_SOURCES), n)
    approximate = k < n
    if approximate:
        sources = np.sort(np.random.default_rng(seed).choice(n, size=k, replace=False))
    else:
        sources = np.arange(n)
    raw = _brandes_sparse(S, sources) if n else np.zeros(0)
    if n > 2:
        if approximate:
            scale = np.full(n, 1.0 / (k * (n - 2)))
            scale[sources] = 1.0 / ((k - 1) * (n - 2)) if k > 1 else 0.0
        else:
            scale = np.full(n, 1.0 / ((n - 1) * (n - 2)))
        raw = raw * scale
    else:
        raw = np.zeros(n)
    return raw, bool(approximate), int(k)


def betweenness(G: nx.Graph, k: int | None = None, seed: int = 0,
                exact_limit: int = EXACT_BETWEENNESS_LIMIT) -> pd.Series:
    """Normalized betweenness (shortest paths by hops), as networkx defines it.

    Exact when the graph has at most `exact_limit` nodes and `k` is None;
    otherwise estimated from `k` sampled sources (default 256, chosen with
    `seed`). The Series has attrs {'approximate': bool, 'sources': int}.

    >>> s = betweenness(nx.path_graph(3))
    >>> s.tolist(), s.attrs
    ([0.0, 1.0, 0.0], {'approximate': False, 'sources': 3})
    """
    nodes, A = adjacency(G, weight=None)
    raw, approximate, k = _betweenness_matrix(A, k, seed, exact_limit)
    s = pd.Series(raw, index=nodes, name="betweenness", dtype=float)
    s.attrs = {"approximate": approximate, "sources": k}
    return s


def _pagerank_matrix(A, alpha=0.85, tol=1e-10, max_iter=1000) -> np.ndarray:
    n = A.shape[0]
    if n == 0:
        return np.zeros(0)
    out = np.asarray(A.sum(axis=1)).ravel()
    dangling = out == 0
    inv = np.where(dangling, 0.0, 1.0 / np.where(dangling, 1.0, out))
    PT = (A.T.tocsr()).multiply(inv[np.newaxis, :]).tocsr()  # column-normalized transpose
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        new = alpha * (PT @ x + x[dangling].sum() / n) + (1.0 - alpha) / n
        err = np.abs(new - x).sum()
        x = new
        if err < n * tol:
            break
    return x / x.sum()


def pagerank(G: nx.Graph, alpha: float = 0.85, weight: str | None = "weight") -> dict:
    """PageRank by sparse power iteration (same definition as networkx).

    >>> pr = pagerank(nx.star_graph(3))
    >>> round(pr[0], 3), round(sum(pr.values()), 6)
    (0.48, 1.0)
    """
    nodes, A = adjacency(G, weight=weight)
    return dict(zip(nodes, _pagerank_matrix(A, alpha).tolist(), strict=True))


# ---------------------------------------------------------------------------
# Communities


SPARSE_LOUVAIN_EDGES = 20_000


def _louvain_sparse(A, resolution: float = 1.0, seed: int = 0, max_levels: int = 20,
                    max_sweeps: int = 100, move_prob: float = 0.5) -> np.ndarray:
    """Louvain with synchronous, vectorised local moves (scipy sparse); labels per row.

    Each sweep moves a random half of the nodes that gain modularity to their best
    neighbouring community (singleton-to-singleton moves only to a smaller label,
    which prevents swaps); the best partition of a level is then aggregated.
    """
    import scipy.sparse as sp

    rng = np.random.default_rng(seed)
    W = sp.csr_matrix(A, dtype=float)
    n = W.shape[0]
    m2 = W.sum()
    labels = np.arange(n)
    if m2 <= 0:
        return labels
    for _level in range(max_levels):
        N = W.shape[0]
        k = np.asarray(W.sum(axis=1)).ravel()
        Wc = W.tocoo()
        off = Wc.row != Wc.col
        Woff = sp.csr_matrix((Wc.data[off], (Wc.row[off], Wc.col[off])), shape=(N, N))
        comm = np.arange(N)
        best_q, best_comm, stall = -np.inf, comm.copy(), 0
        ones, rows_n = np.ones(N), np.arange(N)
        for _sweep in range(max_sweeps):
            tot = np.bincount(comm, weights=k, minlength=N)
            size = np.bincount(comm, minlength=N)
            K = (Woff @ sp.csr_matrix((ones, (rows_n, comm)), shape=(N, N))).tocoo()
            r, c, v = K.row, K.col, K.data
            own = comm[r] == c
            k_own = np.bincount(r[own], weights=v[own], minlength=N)
            stay = k_own - resolution * k * (tot[comm] - k) / m2
            score = v - resolution * k[r] * tot[c] / m2
            bad = own | ((size[comm[r]] == 1) & (size[c] == 1) & (c > comm[r]))
            score[bad] = -np.inf
            order = np.lexsort((c, -score, r))
            r_o = r[order]
            first = np.ones(len(r_o), dtype=bool)
            first[1:] = r_o[1:] != r_o[:-1]
            idx = order[first]
            rows_b = r[idx]
            gain = score[idx] - stay[rows_b]
            candidates = gain > 1e-12
            if not candidates.any():
                break
            move = candidates & (rng.random(len(rows_b)) < move_prob)
            if not move.any():
                move[np.argmax(np.where(candidates, gain, -np.inf))] = True
            comm = comm.copy()
            comm[rows_b[move]] = c[idx][move]
            inside = Wc.data[comm[Wc.row] == comm[Wc.col]].sum()
            tot = np.bincount(comm, weights=k, minlength=N)
            q = (inside - resolution * (tot ** 2).sum() / m2) / m2
            if q > best_q + 1e-9:
                best_q, best_comm, stall = q, comm.copy(), 0
            else:
                stall += 1
                if stall >= 3:
                    break
        uniq, comm = np.unique(best_comm, return_inverse=True)
        if len(uniq) == N:
            break
        labels = comm[labels]
        M = sp.csr_matrix((np.ones(N), (np.arange(N), comm)), shape=(N, len(uniq)))
        W = (M.T @ W @ M).tocsr()
    return labels


def communities(G: nx.Graph, resolution: float = 1.0, seed: int = 0, weight: str = "weight",
                n_communities: int | None = None, method: str = "auto",
                _adjacency=None) -> dict:
    """Louvain communities as {node: community number}, numbered from 1 as people read them
    (1 is the largest community): the tables, the maps' legends and the exports show the same
    numbers.

    `method`: 'networkx' (networkx's Louvain), 'sparse' (vectorised Louvain on
    scipy matrices, much faster on big graphs, similar modularity) or 'auto'
    (sparse above 20,000 edges). With `n_communities`, communities are then
    merged greedily (largest modularity gain first) until that many remain.

    >>> G = nx.barbell_graph(5, 0)
    >>> sorted(Counter(communities(G, seed=1).values()).values())
    [5, 5]
    >>> sorted(set(communities(G, seed=1).values()))
    [1, 2]
    >>> sorted(Counter(communities(G, seed=1, method="sparse").values()).values())
    [5, 5]
    """
    if G.number_of_nodes() == 0:
        return {}
    if method == "auto":
        method = "sparse" if G.number_of_edges() > SPARSE_LOUVAIN_EDGES else "networkx"
    if method == "sparse":
        nodes, A = adjacency(G, weight=weight) if _adjacency is None else _adjacency
        labels = _louvain_sparse(A, resolution=resolution, seed=seed)
        groups: dict[int, set] = defaultdict(set)
        for node, lab in zip(nodes, labels.tolist(), strict=True):
            groups[lab].add(node)
        parts = list(groups.values())
        H = None
    else:
        H = nx.Graph()
        H.add_nodes_from(G)
        H.add_edges_from((u, v, {"weight": float(d.get(weight, 1) or 1)})
                         for u, v, d in G.edges(data=True) if u != v)
        parts = [set(p) for p in nx.community.louvain_communities(
            H, weight="weight", resolution=resolution, seed=seed)]
    if n_communities is not None and len(parts) > n_communities:
        if H is None:
            H = nx.Graph()
            H.add_nodes_from(G)
            H.add_edges_from((u, v, {"weight": float(d.get(weight, 1) or 1)})
                             for u, v, d in G.edges(data=True) if u != v)
        parts = _merge_to(H, parts, max(1, n_communities))
    order = {n: i for i, n in enumerate(G)}
    parts.sort(key=lambda p: (-len(p), min(order[n] for n in p)))
    return {n: i for i, p in enumerate(parts, start=1) for n in p}


def _merge_to(H: nx.Graph, parts: list[set], target: int) -> list[set]:
    m = H.size(weight="weight") or 1.0
    while len(parts) > target:
        label = {n: i for i, p in enumerate(parts) for n in p}
        e: Counter = Counter()
        deg = [0.0] * len(parts)
        for u, v, d in H.edges(data=True):
            a, b = label[u], label[v]
            w = d["weight"]
            deg[a] += w
            deg[b] += w
            if a != b:
                e[(min(a, b), max(a, b))] += w
        best, pair = None, None
        for a in range(len(parts)):
            for b in range(a + 1, len(parts)):
                gain = e.get((a, b), 0.0) / m - deg[a] * deg[b] / (2 * m * m)
                if best is None or gain > best:
                    best, pair = gain, (a, b)
        a, b = pair
        parts[a] = parts[a] | parts[b]
        del parts[b]
    return parts


def k_core(G: nx.Graph, k: int | None = None, core: dict | None = None) -> nx.Graph:
    """The k-core (main core when k is None) as a new graph; self-loops ignored.

    `core`: precomputed core numbers (e.g. the `core_number` column of node_metrics).

    >>> sorted(k_core(nx.lollipop_graph(4, 2)).nodes)
    [0, 1, 2, 3]
    """
    if core is None:
        H = _without_selfloops(G)
        core = nx.core_number(H) if len(H) else {}
    if not core:
        return nx.Graph()
    if k is None:
        k = max(core.values())
    keep = [n for n in G if core.get(n, 0) >= k]
    S = G.subgraph(keep).copy()
    S.remove_edges_from(list(nx.selfloop_edges(S)))
    return S


def _without_selfloops(G: nx.Graph) -> nx.Graph:
    loops = list(nx.selfloop_edges(G))
    if not loops:
        return G
    H = G.copy()
    H.remove_edges_from(loops)
    return H


# ---------------------------------------------------------------------------
# Node table


def node_metrics(G: nx.Graph, seed: int = 0, resolution: float = 1.0, weight: str = "weight",
                 betweenness_k: int | None = None, with_communities: bool = True) -> pd.DataFrame:
    """One row per node: id, kind, label, degree, weighted_degree, betweenness,
    betweenness_approx, betweenness_sources, pagerank, community, core_number,
    then the node's other attributes. Sorted by weighted degree.

    Betweenness is by hops and approximate on big graphs (see `betweenness`);
    PageRank, communities and weighted degree use `weight`. On a backbone
    projection (`people_projection` with `backbone=True`) degree and
    weighted_degree are the exact full-projection `contacts` and `tie_strength`,
    and `backbone_degree` is the degree in the backbone.

    >>> df = node_metrics(nx.karate_club_graph())
    >>> df[["id", "degree", "betweenness_approx"]].head(1).to_dict("records")
    [{'id': 33, 'degree': 17, 'betweenness_approx': False}]
    >>> node_metrics(nx.Graph([("a", "b", {"weight": 2})]))["weighted_degree"].tolist()
    [2, 2]
    """
    nodes, A = adjacency(G, weight=weight)
    degree = np.diff(A.indptr)
    wdeg = np.asarray(A.sum(axis=1)).ravel()
    bc, approximate, sources = _betweenness_matrix(A, betweenness_k, seed,
                                                   EXACT_BETWEENNESS_LIMIT)
    pr = _pagerank_matrix(A)
    comm = communities(G, resolution=resolution, seed=seed, weight=weight,
                       _adjacency=(nodes, A)) if with_communities else {}
    H = _without_selfloops(G)
    core = nx.core_number(H) if nodes else {}
    backbone = bool(G.graph.get("backbone"))
    rows = []
    for i, n in enumerate(nodes):
        attrs = G.nodes[n]
        row = {"id": n, "kind": _kind_of(G, n), "label": attrs.get("label", n),
               "degree": int(degree[i]), "weighted_degree": float(wdeg[i]),
               "betweenness": float(bc[i]), "betweenness_approx": approximate,
               "betweenness_sources": sources, "pagerank": float(pr[i]),
               "community": comm.get(n, -1), "core_number": int(core.get(n, 0))}
        if backbone and "contacts" in attrs:
            row["backbone_degree"] = row["degree"]
            row["degree"] = int(attrs["contacts"])
            row["weighted_degree"] = float(attrs.get("tie_strength", row["weighted_degree"]))
        for key, value in attrs.items():
            if key not in row:
                row[key] = value
        rows.append(row)
    df = pd.DataFrame(rows)
    if len(df):
        if all(float(w).is_integer() for w in df["weighted_degree"]):  # whole weights: 4, not 4.0
            df["weighted_degree"] = df["weighted_degree"].astype("int64")
        df = ranked(df, ["weighted_degree", "degree"])
    return df.reset_index(drop=True)


# ---------------------------------------------------------------------------
# Territories, sectors, attendance, growth


def _territories_of(G: nx.Graph, n, attr: str) -> set:
    if _kind_of(G, n) == "territory":
        return {G.nodes[n].get("label", n)}
    value = G.nodes[n].get(attr)
    if not value or (isinstance(value, float) and value != value):
        return set()
    return {str(value)}


def territory_brokers(G: nx.Graph, kinds=("person", "organisation", "node"),
                      attr: str = "territory", min_territories: int = 2) -> pd.DataFrame:
    """People and organisations whose ties reach two or more territories, ranked.

    A node reaches its own territory and its neighbours' territories (their
    `attr`, or territory nodes themselves). Ranked by territories reached, then
    ties across territory lines. Columns: id, kind, label, territory, n_territories,
    territories ('; '-joined), cross_ties, ties.

    >>> G = nx.Graph([("a", "b"), ("a", "c"), ("b", "c")])
    >>> nx.set_node_attributes(G, {"a": "T1", "b": "T1", "c": "T2"}, "territory")
    >>> territory_brokers(G)[["id", "n_territories", "cross_ties"]].values.tolist()
    [['c', 2, 2], ['a', 2, 1], ['b', 2, 1]]
    """
    kinds = set(kinds)
    rows = []
    for n in G:
        kind = _kind_of(G, n)
        if kind not in kinds:
            continue
        own = _territories_of(G, n, attr)
        reached = set(own)
        cross = ties = 0
        for u in G[n]:
            if u == n:
                continue
            ts = _territories_of(G, u, attr)
            if _kind_of(G, u) == "territory":
                reached |= ts
                continue
            ties += 1
            reached |= ts
            if ts and own and not (ts & own):
                cross += 1
        if len(reached) >= min_territories:
            rows.append({"id": n, "kind": kind, "label": G.nodes[n].get("label", n),
                         "territory": "; ".join(sorted(own)), "n_territories": len(reached),
                         "territories": "; ".join(sorted(reached)), "cross_ties": cross,
                         "ties": ties})
    cols = ["id", "kind", "label", "territory", "n_territories", "territories", "cross_ties",
            "ties"]
    df = pd.DataFrame(rows, columns=cols)
    if len(df):
        df = ranked(df, ["n_territories", "cross_ties", "ties"])
    return df.reset_index(drop=True)


def _blau(counts) -> float:
    total = sum(counts)
    return 1.0 - sum((c / total) ** 2 for c in counts) if total else 0.0


def sector_mix(G: nx.Graph, by="community", sector: str = "sector") -> pd.DataFrame:
    """Counts of people per sector within groups, with `total` and Blau `diversity`.

    `by`: a node attribute of people (e.g. 'community', 'territory'), a dict
    {person: group}, or a node kind (e.g. 'event') to group people by the nodes
    of that kind they are tied to. People without a sector count as '(none)'.

    >>> G = nx.Graph([("p1", "e"), ("p2", "e")])
    >>> nx.set_node_attributes(G, {"p1": "person", "p2": "person", "e": "event"}, "kind")
    >>> nx.set_node_attributes(G, {"p1": "НКО", "p2": "власть"}, "sector")
    >>> sector_mix(G, by="event").to_dict("records")
    [{'НКО': 1, 'власть': 1, 'total': 2, 'diversity': 0.5}]
    """
    people = [n for n in G if _kind_of(G, n) == PERSON]
    pairs = []
    kinds = {_kind_of(G, n) for n in G}
    if isinstance(by, dict):
        pairs = [(by[p], p) for p in people if p in by]
    elif by in kinds and by != PERSON:
        for n in G:
            if _kind_of(G, n) == by:
                pairs += [(G.nodes[n].get("label", n), u) for u in G[n]
                          if _kind_of(G, u) == PERSON]
    else:
        pairs = [(G.nodes[p].get(by, ""), p) for p in people]
    table: dict = defaultdict(Counter)
    for group, p in pairs:
        table[group][G.nodes[p].get(sector) or "(none)"] += 1
    df = pd.DataFrame.from_dict(table, orient="index").fillna(0).astype(int)
    if df.empty:
        return pd.DataFrame(columns=["total", "diversity"])
    df = df[sorted(df.columns)]
    df["total"] = df.sum(axis=1)
    df["diversity"] = [round(_blau(r), 4) for r in df.drop(columns="total").values.tolist()]
    df.index.name = by if isinstance(by, str) else "group"
    return df.sort_values("total", ascending=False, kind="stable")


def _dated_groups(G: nx.Graph, kinds=None) -> list:
    out = []
    for n in G:
        kind = _kind_of(G, n)
        if kind == PERSON or (kinds is not None and kind not in kinds):
            continue
        if kinds is None and G.nodes[n].get("kind") in NON_TIE_KINDS:  # an organisation: no event
            continue
        if kinds is None and not G.nodes[n].get("date"):
            continue
        out.append(n)
    return out


def repeat_attendance(G: nx.Graph, kinds=("event", "group")) -> pd.DataFrame:
    """Per person: `events` attended, `first_date`, `last_date`; most active first.

    The distribution is `repeat_attendance(G)["events"].value_counts()`.

    >>> G = nx.Graph([("p", "e1"), ("p", "e2"), ("q", "e2")])
    >>> nx.set_node_attributes(G, {"p": "person", "q": "person", "e1": "event",
    ...                            "e2": "event"}, "kind")
    >>> nx.set_node_attributes(G, {"e1": "2024-01-01", "e2": "2024-02-01"}, "date")
    >>> repeat_attendance(G)[["id", "events", "first_date"]].values.tolist()
    [['p', 2, '2024-01-01'], ['q', 1, '2024-02-01']]
    """
    kinds = set(kinds)
    rows = []
    for p in G:
        if _kind_of(G, p) != PERSON:
            continue
        evs = [u for u in G[p] if _kind_of(G, u) in kinds]
        dates = sorted(d for d in (G.nodes[u].get("date") for u in evs) if d)
        rows.append({"id": p, "label": G.nodes[p].get("label", p), "events": len(evs),
                     "first_date": dates[0] if dates else "",
                     "last_date": dates[-1] if dates else ""})
    df = pd.DataFrame(rows, columns=["id", "label", "events", "first_date", "last_date"])
    if len(df):
        df["_id"] = df["id"].astype(str)
        df = df.sort_values(["events", "_id"], ascending=[False, True]).drop(columns="_id")
    return df.reset_index(drop=True)


def growth(G: nx.Graph, kinds=None) -> pd.DataFrame:
    """Growth of the network event by event, in date order (ties: by label).

    Events are the nodes with a `date` that tie people (`model.people_projection`: not a person,
    an organisation, a territory, a project; or the nodes of `kinds`; undated last), so
    `workbench network` counts the events the analysis page does.
    Columns: event, label, date, participants, new_people, returning_people,
    cumulative_people, largest_component, largest_component_share (share of the
    people so far who are in the largest group connected through events so far).

    >>> G = nx.Graph([("a", "e1"), ("b", "e1"), ("c", "e2"), ("b", "e3"), ("c", "e3")])
    >>> nx.set_node_attributes(G, {n: "person" for n in "abc"}, "kind")
    >>> nx.set_node_attributes(G, {"e1": "2024-01-01", "e2": "2024-02-01",
    ...                            "e3": "2024-03-01"}, "date")
    >>> g = growth(G)
    >>> g["new_people"].tolist(), g["cumulative_people"].tolist()
    ([2, 1, 0], [2, 3, 3])
    >>> g["largest_component_share"].tolist()
    [1.0, 0.6667, 1.0]
    """
    events = _dated_groups(G, set(kinds) if kinds is not None else None)
    events.sort(key=lambda e: (not G.nodes[e].get("date"), G.nodes[e].get("date") or "",
                               str(G.nodes[e].get("label", e)), str(e)))
    seen = UnionFind()  # people so far, joined when they attended an event together
    largest = 0
    rows = []
    for e in events:
        people = [u for u in G[e] if _kind_of(G, u) == PERSON]
        new = [p for p in people if seen.add(p)]
        for p in people[1:]:
            seen.union(people[0], p)
        if people:
            largest = max(largest, seen.size(people[0]))
        total = len(seen)
        rows.append({"event": e, "label": G.nodes[e].get("label", e),
                     "date": G.nodes[e].get("date", ""), "participants": len(people),
                     "new_people": len(new), "returning_people": len(people) - len(new),
                     "cumulative_people": total, "largest_component": largest,
                     "largest_component_share": round(largest / total, 4) if total else 0.0})
    cols = ["event", "label", "date", "participants", "new_people", "returning_people",
            "cumulative_people", "largest_component", "largest_component_share"]
    return pd.DataFrame(rows, columns=cols)


READ_ROUNDED = ("betweenness", "pagerank")  # shares of the network: 4 significant digits to read


def readable_shares(df: pd.DataFrame) -> pd.DataFrame:
    """The staff's tables with «Вес в сети» (PageRank) and «Связующая роль» (betweenness) to 4
    significant digits: 0.0123, not 0.012345678901234567 (the graphs' files keep them whole).

    >>> readable_shares(pd.DataFrame({"pagerank": [0.012345678901234567, 0.25], "degree": [1, 2]})).values.tolist()
    [[0.01235, 1.0], [0.25, 2.0]]
    """
    out = df.copy()
    for col in READ_ROUNDED:
        if col in out.columns and pd.api.types.is_float_dtype(out[col]):
            out[col] = [float(f"{v:.4g}") if v == v else v for v in out[col]]
    return out
