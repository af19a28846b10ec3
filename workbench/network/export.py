"""Exports: GEXF, GraphML, CSV tables, PNG/SVG figures.

GEXF and GraphML cannot store None, lists or dicts, and dislike one key with
mixed types; `sanitise` fixes all of that. Figures use matplotlib's Figure
directly (no pyplot, no backend switch), so they work headless and in notebooks.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

from .model import _kind_of


def _clean_value(value):
    """A GEXF/GraphML-safe value, or None to drop the attribute."""
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        value = float(value)
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, str):
        return value
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return "; ".join(sorted(str(v) for v in value))
    if isinstance(value, (list, tuple, np.ndarray)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _unify(records: list[dict]) -> None:
    """Give each key a single type across records (int+float -> float, else str)."""
    types: dict[str, set] = {}
    for attrs in records:
        for k, v in attrs.items():
            types.setdefault(k, set()).add(type(v))
    for k, ts in types.items():
        if len(ts) <= 1:
            continue
        target = float if ts <= {int, float} else str
        for attrs in records:
            if k in attrs:
                attrs[k] = target(attrs[k])


def sanitise(G: nx.Graph) -> nx.Graph:
    """Copy of G whose attributes GEXF/GraphML can store (None/NaN dropped, lists joined).

    >>> G = nx.Graph([(1, 2)])
    >>> G.nodes[1].update(tags=["a", "b"], note=None, score=1)
    >>> G.nodes[2].update(score=0.5)
    >>> H = sanitise(G)
    >>> dict(H.nodes[1]), dict(H.nodes[2])
    ({'tags': 'a; b', 'score': 1.0}, {'score': 0.5})
    """
    H = G.__class__()
    H.graph.update({str(k): c for k, v in G.graph.items()
                    if (c := _clean_value(v)) is not None})
    node_attrs = []
    for _n, attrs in G.nodes(data=True):
        node_attrs.append({str(k): c for k, v in attrs.items()
                           if (c := _clean_value(v)) is not None})
    _unify(node_attrs)
    for n, attrs in zip(G.nodes, node_attrs, strict=True):
        nid = _clean_value(n)
        H.add_node(nid if isinstance(nid, (int, str)) else str(nid), **attrs)
    edge_attrs = [{str(k): c for k, v in d.items() if (c := _clean_value(v)) is not None}
                  for _, _, d in G.edges(data=True)]
    _unify(edge_attrs)
    ids = {n: (c if isinstance((c := _clean_value(n)), (int, str)) else str(c)) for n in G}
    for (u, v), attrs in zip(G.edges(), edge_attrs, strict=True):
        H.add_edge(ids[u], ids[v], **attrs)
    return H


def write_gexf(G: nx.Graph, path) -> Path:
    """Write a sanitised GEXF file that networkx (and Gephi) can read back.

    >>> import tempfile, os
    >>> p = write_gexf(nx.path_graph(3), os.path.join(tempfile.mkdtemp(), "g.gexf"))
    >>> nx.read_gexf(p).number_of_edges()
    2
    """
    path = Path(path)
    nx.write_gexf(sanitise(G), path)
    return path


def write_graphml(G: nx.Graph, path) -> Path:
    """Write a sanitised GraphML file that networkx can read back.

    >>> import tempfile, os
    >>> p = write_graphml(nx.path_graph(3), os.path.join(tempfile.mkdtemp(), "g.graphml"))
    >>> nx.read_graphml(p).number_of_nodes()
    3
    """
    path = Path(path)
    nx.write_graphml(sanitise(G), path)
    return path


def edges_table(G: nx.Graph) -> pd.DataFrame:
    """One row per edge: source, target, then edge attributes.

    >>> edges_table(nx.Graph([("a", "b", {"weight": 2})])).values.tolist()
    [['a', 'b', 2]]
    """
    rows = [{"source": u, "target": v, **d} for u, v, d in G.edges(data=True)]
    return pd.DataFrame(rows, columns=None if rows else ["source", "target"])


def write_csv(df: pd.DataFrame, path) -> Path:
    """Write a table as UTF-8 CSV with BOM (so Excel shows Cyrillic) and no index.

    >>> import tempfile, os
    >>> p = write_csv(pd.DataFrame({"a": ["ё"]}), os.path.join(tempfile.mkdtemp(), "t.csv"))
    >>> pd.read_csv(p, encoding="utf-8-sig")["a"].tolist()
    ['ё']
    """
    path = Path(path)
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object:
            out[col] = [_clean_value(v) for v in out[col]]
    out.to_csv(path, index=False, encoding="utf-8-sig")
    return path


# ---------------------------------------------------------------------------
# Figures


def _figure(width=10, height=8):
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def plot_network(G: nx.Graph, path, community: dict | None = None, seed: int = 0,
                 top_labels: int = 15, max_nodes: int = 300, title: str | None = None,
                 weight: str = "weight") -> Path:
    """Draw a network map to PNG or SVG (by the file suffix).

    Node size by degree, colour by `community` ({node: int}) or else by kind,
    labels for the `top_labels` nodes of highest degree. Graphs larger than
    `max_nodes` are drawn as their `max_nodes` highest-degree nodes (the title says so).

    >>> import tempfile, os
    >>> p = plot_network(nx.karate_club_graph(), os.path.join(tempfile.mkdtemp(), "k.png"))
    >>> p.stat().st_size > 10_000
    True
    """
    from matplotlib import colormaps
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D

    path = Path(path)
    degree = dict(G.degree(weight=weight))
    ranked = sorted(G, key=lambda n: (-degree[n], str(n)))
    shown = ranked[:max_nodes]
    H = G.subgraph(shown)
    note = f" (top {len(shown)} of {G.number_of_nodes()} nodes by degree)" \
        if len(shown) < G.number_of_nodes() else ""
    fig = _figure()
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_title((title or "Network") + note, fontsize=11)
    if H.number_of_nodes() == 0:
        fig.savefig(path, dpi=150)
        return path
    order = sorted(H, key=str)
    pos = nx.spring_layout(H.subgraph(order), seed=seed, weight=None,
                           iterations=60 if len(order) > 100 else 100)
    cmap = colormaps["tab10"]
    if community:
        counts = pd.Series([community.get(n, -1) for n in order]).value_counts()
        top = [c for c in counts.index if c != -1][:9]
        colour_of = {c: cmap(i) for i, c in enumerate(top)}
        keys = {n: community.get(n, -1) for n in order}
        legend = [(f"community {c}", colour_of[c]) for c in top]
        other = (0.6, 0.6, 0.6, 1.0)
        if any(k not in colour_of for k in keys.values()):
            legend.append(("other communities", other))
    else:
        kinds = sorted({_kind_of(G, n) for n in order})
        colour_of = {k: cmap(i % 10) for i, k in enumerate(kinds)}
        keys = {n: _kind_of(G, n) for n in order}
        legend = [(k, colour_of[k]) for k in kinds]
        other = (0.6, 0.6, 0.6, 1.0)
    colours = [colour_of.get(keys[n], other) for n in order]
    dmax = max(max(degree[n] for n in order), 1)
    sizes = [15 + 285 * degree[n] / dmax for n in order]
    segments = [(pos[u], pos[v]) for u, v in H.edges()]
    if segments:
        ax.add_collection(LineCollection(segments, colors=(0.3, 0.3, 0.3, 0.18),
                                         linewidths=0.5, zorder=1))
    xy = np.array([pos[n] for n in order])
    ax.scatter(xy[:, 0], xy[:, 1], s=sizes, c=colours, edgecolors="white", linewidths=0.5,
               zorder=2)
    for n in ranked[:top_labels]:
        if n in pos:
            x, y = pos[n]
            ax.annotate(str(G.nodes[n].get("label", n)), (x, y), fontsize=7, zorder=3,
                        xytext=(3, 3), textcoords="offset points",
                        bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                              "alpha": 0.7})
    handles = [Line2D([], [], marker="o", linestyle="", color=c, label=lab)
               for lab, c in legend]
    if handles:
        ax.legend(handles=handles, loc="lower left", fontsize=7, frameon=False)
    ax.autoscale_view()
    fig.savefig(path, dpi=150)
    return path


def plot_growth(table: pd.DataFrame, path, title: str = "Growth of the network") -> Path:
    """Draw a growth chart (output of `growth`) to PNG or SVG.

    Bars: new people per event; line: cumulative people; dashed line (right axis):
    share of people in the largest connected component.

    >>> import tempfile, os
    >>> t = pd.DataFrame({"date": ["2024-01-01", "2024-02-01"], "new_people": [3, 2],
    ...                   "cumulative_people": [3, 5], "largest_component_share": [1.0, 0.6]})
    >>> plot_growth(t, os.path.join(tempfile.mkdtemp(), "g.svg")).stat().st_size > 1000
    True
    """
    path = Path(path)
    fig = _figure(10, 5)
    ax = fig.add_subplot()
    x = np.arange(len(table))
    ax.bar(x, table["new_people"], color="#9ecae1", label="new people")
    ax.plot(x, table["cumulative_people"], color="#08519c", label="people so far")
    ax.set_xlabel("events in date order")
    ax.set_ylabel("people")
    ax2 = ax.twinx()
    ax2.plot(x, table["largest_component_share"], color="#e6550d", linestyle="--",
             label="share in largest component")
    ax2.set_ylim(0, 1.05)
    ax2.set_ylabel("share in largest component")
    if len(table):
        step = max(1, len(table) // 10)
        ticks = x[::step]
        ax.set_xticks(ticks)
        ax.set_xticklabels([str(d) for d in table["date"].iloc[::step]], rotation=45,
                           ha="right", fontsize=7)
    lines = ax.get_legend_handles_labels()
    lines2 = ax2.get_legend_handles_labels()
    ax.legend(lines[0] + lines2[0], lines[1] + lines2[1], loc="upper left", fontsize=8)
    ax.set_title(title)
    fig.savefig(path, dpi=150)
    return path
