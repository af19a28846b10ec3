"""Exports: GEXF, GraphML, the edge table, PNG/SVG figures (CSV files: `workbench.tableio`).

GEXF and GraphML cannot store None, lists or dicts, and dislike one key with
mixed types; `sanitise` fixes all of that. Figures come from `workbench.figures` (no pyplot,
no backend switch, participant text never read as maths), so they work headless and in notebooks.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import re
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

from workbench.figures import new_figure, number_ticks, save
from workbench.i18n import MESSAGES
from workbench.i18n import t as _t  # `t` is a loop variable below

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


_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml(value) -> str:
    """Attribute-safe XML text (quotes, newlines and control characters handled)."""
    text = _BAD_XML.sub("", str(value))
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;")
            .replace("\t", "&#9;"))


def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _key_types(records, skip=()) -> dict[str, type]:
    types: dict[str, type] = {}
    for attrs in records:
        for k, v in attrs.items():
            if k not in skip:
                types.setdefault(k, type(v))
    return types


_GEXF_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
_GRAPHML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}


def write_gexf(G: nx.Graph, path) -> Path:
    """Write a sanitised GEXF 1.2 file (streamed; networkx and Gephi read it back).

    Node attribute `label` becomes the GEXF label, edge `weight` the GEXF weight.

    >>> import tempfile, os
    >>> G = nx.Graph([("а", "б", {"weight": 2, "kind": "tie"})])
    >>> G.nodes["а"].update(label="Анна", score=None)
    >>> p = write_gexf(G, os.path.join(tempfile.mkdtemp(), "g.gexf"))
    >>> H = nx.read_gexf(p)
    >>> H.nodes["а"]["label"], H.edges["а", "б"]["weight"], H.edges["а", "б"]["kind"]
    ('Анна', 2.0, 'tie')
    """
    path = Path(path)
    H = sanitise(G)
    directed = H.is_directed()
    ntypes = _key_types((d for _, d in H.nodes(data=True)), skip=("label",))
    etypes = _key_types((d for _, _, d in H.edges(data=True)), skip=("weight", "label", "id"))
    nkeys = {k: str(i) for i, k in enumerate(ntypes)}
    ekeys = {k: str(i) for i, k in enumerate(etypes)}
    out = ["<?xml version='1.0' encoding='utf-8'?>\n",
           '<gexf xmlns="http://www.gexf.net/1.2draft" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:schemaLocation="http://www.gexf.net/1.2draft '
           'http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">\n',
           f'<meta lastmodifieddate="{_dt.date.today().isoformat()}">'
           "<creator>workbench</creator></meta>\n",
           f'<graph defaultedgetype="{"directed" if directed else "undirected"}" '
           'mode="static">\n']
    for cls, types, keys in (("node", ntypes, nkeys), ("edge", etypes, ekeys)):
        if types:
            out.append(f'<attributes class="{cls}" mode="static">\n')
            out += [f'<attribute id="{keys[k]}" title="{_xml(k)}" type="{_GEXF_TYPES[t]}"/>\n'
                    for k, t in types.items()]
            out.append("</attributes>\n")
    out.append("<nodes>\n")
    for n, d in H.nodes(data=True):
        vals = "".join(f'<attvalue for="{nkeys[k]}" value="{_xml(_text(v))}"/>'
                       for k, v in d.items() if k in nkeys)
        label = _xml(d.get("label", n))
        out.append(f'<node id="{_xml(n)}" label="{label}">'
                   + (f"<attvalues>{vals}</attvalues>" if vals else "") + "</node>\n")
    out.append("</nodes>\n<edges>\n")
    for i, (u, v, d) in enumerate(H.edges(data=True)):
        extra = ""
        if "weight" in d and isinstance(d["weight"], (int, float)):
            extra += f' weight="{_text(d["weight"])}"'
        if "label" in d:
            extra += f' label="{_xml(d["label"])}"'
        vals = "".join(f'<attvalue for="{ekeys[k]}" value="{_xml(_text(x))}"/>'
                       for k, x in d.items() if k in ekeys)
        out.append(f'<edge id="{i}" source="{_xml(u)}" target="{_xml(v)}"{extra}>'
                   + (f"<attvalues>{vals}</attvalues>" if vals else "") + "</edge>\n")
    out.append("</edges>\n</graph>\n</gexf>\n")
    path.write_text("".join(out), encoding="utf-8")
    return path


def write_graphml(G: nx.Graph, path) -> Path:
    """Write a sanitised GraphML file (streamed; networkx reads it back).

    >>> import tempfile, os
    >>> G = nx.Graph([(1, 2, {"weight": 0.5})], name="demo")
    >>> G.nodes[1]["flag"] = True
    >>> H = nx.read_graphml(write_graphml(G, os.path.join(tempfile.mkdtemp(), "g.graphml")))
    >>> H.nodes["1"]["flag"], H.edges["1", "2"]["weight"], H.graph["name"]
    (True, 0.5, 'demo')
    """
    path = Path(path)
    H = sanitise(G)
    gtypes = _key_types([H.graph])
    ntypes = _key_types(d for _, d in H.nodes(data=True))
    etypes = _key_types(d for _, _, d in H.edges(data=True))
    out = ["<?xml version='1.0' encoding='utf-8'?>\n",
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
           'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n']
    keys: dict[tuple[str, str], str] = {}
    for cls, types in (("graph", gtypes), ("node", ntypes), ("edge", etypes)):
        for k, t in types.items():
            kid = f"d{len(keys)}"
            keys[(cls, k)] = kid
            out.append(f'<key id="{kid}" for="{cls}" attr.name="{_xml(k)}" '
                       f'attr.type="{_GRAPHML_TYPES[t]}"/>\n')

    def data(cls, d):
        return "".join(f'<data key="{keys[(cls, k)]}">{_xml(_text(v))}</data>'
                       for k, v in d.items() if (cls, k) in keys)

    out.append(f'<graph edgedefault="{"directed" if H.is_directed() else "undirected"}">'
               + data("graph", H.graph) + "\n")
    out += [f'<node id="{_xml(n)}">{data("node", d)}</node>\n' for n, d in H.nodes(data=True)]
    out += [f'<edge source="{_xml(u)}" target="{_xml(v)}">{data("edge", d)}</edge>\n'
            for u, v, d in H.edges(data=True)]
    out.append("</graph>\n</graphml>\n")
    path.write_text("".join(out), encoding="utf-8")
    return path


def edges_table(G: nx.Graph, names: bool = False) -> pd.DataFrame:
    """One row per edge: source, target, then edge attributes. With `names`, the ends are named
    as staff read them, by their `label` («Анна Иванова», not the id «person:Анна Иванова»): the
    analysis page's export and `workbench network` write their edges.csv so.

    >>> G = nx.Graph([("person:Анна", "person:Олег", {"weight": 2})])
    >>> G.nodes["person:Анна"]["label"], G.nodes["person:Олег"]["label"] = "Анна", "Олег"
    >>> edges_table(G).values.tolist(), edges_table(G, names=True).values.tolist()
    ([['person:Анна', 'person:Олег', 2]], [['Анна', 'Олег', 2]])
    """
    def name(n):
        return G.nodes[n].get("label", n) if names else n

    rows = [{"source": name(u), "target": name(v), **d} for u, v, d in G.edges(data=True)]
    return pd.DataFrame(rows, columns=None if rows else ["source", "target"])


# ---------------------------------------------------------------------------
# Figures


def _figure(width=9, height=7):
    return new_figure(width, height)


def _save(fig, paths: list[Path], given):
    for p in paths:
        save(fig, p, dpi=200, bbox_inches="tight")  # 1800×1400 px for a 9×7 in map: sharp on a wall
    return paths if isinstance(given, (list, tuple)) else paths[0]


COLOUR_BY = ("community", "territory", "sector", "kind")  # what a network map's colours can mean
# Okabe & Ito's colour-blind-safe colours (their grey is kept for "other", their black for edges)
PALETTE = ("#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7")
OTHER = "#999999"  # grey: the groups beyond the palette (and people with no community)
UNKNOWN = "#ffffff"  # white: people with no territory or sector


def _group_label(colour_by: str, value, lang: str) -> str:
    """A colour's name in the legend, in the staff's language; a community by its number, which
    is the number the tables show (`analysis.communities` numbers them from 1)."""
    if colour_by == "community":
        return _t("net_community", lang, n=int(value)) if isinstance(value, (int, np.integer)) else str(value)
    if colour_by == "kind":
        return _t(f"net_kind_{value}", lang) if f"net_kind_{value}" in MESSAGES else str(value)
    if colour_by == "sector" and f"sector_{value}" in MESSAGES:
        return _t(f"sector_{value}", lang)
    return str(value)


def _colour_keys(G: nx.Graph, order: list, colour_by: str, community: dict | None) -> dict:
    """{node: the value its colour stands for} (None: not known)."""
    if colour_by not in COLOUR_BY:
        raise ValueError(f"colour_by must be one of {', '.join(COLOUR_BY)}, not {colour_by!r}")
    if colour_by == "community":
        return {n: (community or {}).get(n) for n in order}
    if colour_by == "kind":
        return {n: _kind_of(G, n) for n in order}
    return {n: G.nodes[n].get(colour_by) or None for n in order}


def map_colours(G: nx.Graph, colour_by: str | None = None, community: dict | None = None,
                lang: str = "ru") -> tuple[dict, list]:
    """The colours of a network map and its legend, one rule for the static map (`draw_network`)
    and the page's interactive one: ({node: "#rrggbb"}, [(legend label, "#rrggbb"), ...]).

    The seven largest groups of `colour_by` get the palette, in the order of their names (a
    community in the order of its number); other groups are grey (*Другие*), people with no
    value are *Не указано* (grey for a community, white otherwise).

    >>> G = nx.Graph([("a", "b"), ("b", "c")])
    >>> colours, legend = map_colours(G, "community", {"a": 1, "b": 1, "c": 2})
    >>> legend
    [('Сообщество 1', '#e69f00'), ('Сообщество 2', '#56b4e9')]
    >>> colours["c"]
    '#56b4e9'
    """
    colour_by = colour_by or ("community" if community else "kind")
    order = sorted(G, key=str)
    keys = _colour_keys(G, order, colour_by, community)
    counts = pd.Series([k for k in keys.values() if k is not None], dtype=object).value_counts()
    top = list(counts.index[:len(PALETTE)])
    try:
        top.sort()
    except TypeError:
        top.sort(key=str)
    colour_of = {c: PALETTE[i] for i, c in enumerate(top)}
    unknown = OTHER if colour_by == "community" else UNKNOWN
    legend = [(_group_label(colour_by, c, lang), colour_of[c]) for c in top]
    if any(k is not None and k not in colour_of for k in keys.values()):
        legend.append((_t("net_other_groups", lang), OTHER))
    if any(k is None for k in keys.values()):
        legend.append((_t("net_unknown", lang), unknown))
    colours = {n: colour_of.get(k, OTHER) if k is not None else unknown for n, k in keys.items()}
    return colours, legend


def separate_labels(texts: list, renderer, pad: float = 2.0, steps: int = 200) -> list:
    """Nudge text labels apart until their boxes (in pixels) do not overlap; the labels that still
    overlap after `steps` rounds are removed. Returns the labels kept.

    Each round, every overlapping pair is pushed apart along the axis of least overlap, half each
    way: a simple repulsion, enough for the 10–20 labels of a map."""
    if not texts:
        return []
    fig = texts[0].figure

    def boxes():
        return [t.get_window_extent(renderer).expanded(1.0, 1.0).padded(pad) for t in texts]

    shift = [[0.0, 0.0] for _ in texts]
    base = [t.get_position() for t in texts]  # xytext in offset points
    per_point = fig.dpi / 72.0
    for _ in range(steps):
        b = boxes()
        moved = False
        for i in range(len(texts)):
            for j in range(i + 1, len(texts)):
                if not b[i].overlaps(b[j]):
                    continue
                moved = True
                dx = min(b[i].x1, b[j].x1) - max(b[i].x0, b[j].x0)
                dy = min(b[i].y1, b[j].y1) - max(b[i].y0, b[j].y0)
                if dy <= dx:  # push apart vertically
                    sign = 1 if (b[i].y0 + b[i].y1) >= (b[j].y0 + b[j].y1) else -1
                    shift[i][1] += sign * (dy / 2 + 1) / per_point
                    shift[j][1] -= sign * (dy / 2 + 1) / per_point
                else:
                    sign = 1 if (b[i].x0 + b[i].x1) >= (b[j].x0 + b[j].x1) else -1
                    shift[i][0] += sign * (dx / 2 + 1) / per_point
                    shift[j][0] -= sign * (dx / 2 + 1) / per_point
        if not moved:
            break
        for t, (bx, by), (sx, sy) in zip(texts, base, shift, strict=True):
            t.set_position((bx + sx, by + sy))
    kept: list = []
    kept_boxes: list = []
    for t, box in zip(texts, boxes(), strict=True):  # the highest-ranked labels first
        if any(box.overlaps(k) for k in kept_boxes):
            t.remove()
        else:
            kept.append(t)
            kept_boxes.append(box)
    return kept


def draw_network(G: nx.Graph, community: dict | None = None, seed: int = 0,
                 top_labels: int = 15, max_nodes: int = 300, title: str | None = None,
                 weight: str = "weight", lang: str = "ru", colour_by: str | None = None):
    """A network map as a matplotlib figure (see `plot_network`); its name labels carry the
    gid "wb-label" and do not overlap."""
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D

    colour_by = colour_by or ("community" if community else "kind")
    degree = dict(G.degree(weight=weight))
    ranked = sorted(G, key=lambda n: (-degree[n], str(n)))
    shown = ranked[:max_nodes]
    H = G.subgraph(shown)
    note = _t("net_top_note", lang, shown=len(shown), total=G.number_of_nodes()) \
        if len(shown) < G.number_of_nodes() else ""
    fig = _figure()
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_title((title or _t("net_title", lang)) + note, fontsize=11)
    if H.number_of_nodes() == 0:
        return fig
    order = sorted(H, key=str)
    pos = nx.spring_layout(H.subgraph(order), seed=seed, weight=weight,
                           iterations=60 if len(order) > 100 else 100)
    colour_of, legend = map_colours(G, colour_by, community, lang)  # the same as the page's map
    colours = [colour_of[n] for n in order]
    dmax = max(max(degree[n] for n in order), 1)
    sizes = [15 + 285 * degree[n] / dmax for n in order]
    segments = [(pos[u], pos[v]) for u, v in H.edges()]
    if segments:
        alpha = max(0.04, min(0.35, 150 / len(segments)))
        ax.add_collection(LineCollection(segments, colors=(0.3, 0.3, 0.3, alpha),
                                         linewidths=0.6, zorder=1))
    xy = np.array([pos[n] for n in order])
    ax.scatter(xy[:, 0], xy[:, 1], s=sizes, c=colours, edgecolors=(0.4, 0.4, 0.4), linewidths=0.5,
               zorder=2)
    ax.autoscale_view()
    labels = [ax.annotate(str(G.nodes[n].get("label", n)), pos[n], fontsize=7, zorder=3,
                          xytext=(3, 3), textcoords="offset points", gid="wb-label",
                          bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                                "alpha": 0.8})
              for n in shown[:top_labels]]
    handles = [Line2D([], [], marker="o", linestyle="", color=c, markeredgecolor=(0.4, 0.4, 0.4),
                      label=lab) for lab, c in legend]
    if handles:
        ax.legend(handles=handles, loc="lower left", fontsize=7, frameon=True, framealpha=0.9,
                  title=_t(f"net_colour_{colour_by}", lang), title_fontsize=8)
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    from workbench.figures import PLAIN_TEXT

    canvas = FigureCanvasAgg(fig)  # a renderer to measure the labels with (no pyplot)
    with rc_context(PLAIN_TEXT):  # a name like "$x^2$" is text, never TeX (as `figures.save` does)
        for text in fig.findobj(Text):
            text.set_parse_math(False)
            text.set_usetex(False)
        fig.draw_without_rendering()  # the tight layout places the axes: labels measured after it
        separate_labels(labels, canvas.get_renderer())
    return fig


def plot_network(G: nx.Graph, path, community: dict | None = None, seed: int = 0,
                 top_labels: int = 15, max_nodes: int = 300, title: str | None = None,
                 weight: str = "weight", lang: str = "ru", colour_by: str | None = None) -> Path:
    """Draw a network map to PNG or SVG (by the file suffix; a list of paths saves each).

    Node size by degree; colour by `colour_by`: "community" (from `community`, {node: int}),
    "territory" or "sector" (the nodes' attributes) or "kind" (the default without
    `community`), named in a Russian legend; the names of the `top_labels` nodes of highest degree,
    nudged apart so that none overlaps another (one that cannot be placed is left out). Graphs
    larger than `max_nodes` are drawn as their `max_nodes` highest-degree nodes (the title says so).
    Saved at 200 dpi: 1800×1400 px for the PNG.

    >>> import tempfile, os
    >>> p = plot_network(nx.karate_club_graph(), os.path.join(tempfile.mkdtemp(), "k.png"))
    >>> p.stat().st_size > 10_000
    True
    """
    paths = [Path(p) for p in path] if isinstance(path, (list, tuple)) else [Path(path)]
    fig = draw_network(G, community=community, seed=seed, top_labels=top_labels,
                       max_nodes=max_nodes, title=title, weight=weight, lang=lang,
                       colour_by=colour_by)
    return _save(fig, paths, path)


def plot_growth(table: pd.DataFrame, path, title: str | None = None, lang: str = "ru") -> Path:
    """Draw a growth chart (output of `growth`) to PNG or SVG (or a list of paths).

    Bars: new people per event; line: cumulative people; dashed line (right axis):
    share of people in the largest connected component.

    >>> import tempfile, os
    >>> t = pd.DataFrame({"date": ["2024-01-01", "2024-02-01"], "new_people": [3, 2],
    ...                   "cumulative_people": [3, 5], "largest_component_share": [1.0, 0.6]})
    >>> plot_growth(t, os.path.join(tempfile.mkdtemp(), "g.svg")).stat().st_size > 1000
    True
    """
    paths = [Path(p) for p in path] if isinstance(path, (list, tuple)) else [Path(path)]
    return _save(growth_figure(table, title, lang), paths, path)


def growth_figure(table: pd.DataFrame, title: str | None = None, lang: str = "ru"):
    """The growth chart of `plot_growth` as a matplotlib Figure, its numbers written for `lang`."""
    fig = _figure(10, 5)
    ax = fig.add_subplot()
    x = np.arange(len(table))
    ax.fill_between(x, table["new_people"], step="mid", color="#9ecae1", label=_t("growth_new", lang))
    ax.plot(x, table["cumulative_people"], color="#08519c", label=_t("growth_so_far", lang))
    ax.set_xlabel(_t("growth_x", lang))
    ax.set_ylabel(_t("growth_y", lang))
    ax.set_ylim(bottom=0)  # people: no count below zero on the axis
    ax2 = ax.twinx()
    ax2.plot(x, table["largest_component_share"], color="#e6550d", linestyle="--",
             label=_t("growth_share", lang))
    ax2.set_ylim(0, 1.05)
    ax2.set_ylabel(_t("growth_share", lang))
    number_ticks(ax.yaxis, lang)  # "1 200" and "0,6" in Russian
    number_ticks(ax2.yaxis, lang)
    if len(table):
        step = max(1, len(table) // 10)
        ticks = x[::step]
        ax.set_xticks(ticks)
        ax.set_xticklabels([str(d) for d in table["date"].iloc[::step]], rotation=45,
                           ha="right", fontsize=7)
    lines = ax.get_legend_handles_labels()
    lines2 = ax2.get_legend_handles_labels()
    ax.legend(lines[0] + lines2[0], lines[1] + lines2[1], loc="center right", fontsize=8)
    ax.set_title(title or _t("growth_title", lang))
    return fig
