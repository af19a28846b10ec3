"""The display's result charts as files (PNG, SVG): the same chart the wall shows, drawn with
matplotlib at 1920×1080 with every label at least 24 px, long ideas wrapped, the matrix's ideas
numbered with a legend beside it, the opinion map's groups numbered on the map with their
statements beside it.

`chart` is what `workbench.session.display.chart` returns (the display page draws the same).

>>> chart = {"title": "Голоса", "voters": "Проголосовали: 2", "note": "Сколько голосов",
...          "bars": [{"n": 1, "label": "Музей под открытым небом " * 3, "value": 2, "shown": "2 голоса"}],
...          "more": ""}
>>> render(chart, "svg")[:5] == b"<?xml"
True
"""

from __future__ import annotations

import textwrap
from collections import Counter

from workbench.figures import new_figure, save
from workbench.session.display import MATRIX_MARGIN, matrix_points
from workbench.util import xml_safe

WIDTH, HEIGHT, DPI = 19.2, 10.8, 100  # 1920×1080 px
LABEL_PT = 24 * 72 / DPI  # 24 px at 100 dpi
BLUE, GREY = "#0072b2", "#555555"  # Okabe & Ito's blue: safe for colour-blind readers
# the opinion map's group shapes (`session.display.OPINION_SHAPES`) as matplotlib markers
MARKERS = {"circle": "o", "square": "s", "triangle": "^", "diamond": "D", "down": "v"}
WRAP = 48  # letters a legend line holds beside a chart
DOT_AREA = 900  # a matrix dot (pt²): 47 px across, less than two dots nudged apart (`display.MATRIX_DOT`)


def render(chart: dict, fmt: str = "png") -> bytes:
    """The chart as PNG or SVG bytes."""
    if fmt not in ("png", "svg"):
        raise ValueError(f"format {fmt!r}: png or svg")
    return save(figure(xml_safe(chart)), fmt=fmt)  # an SVG is XML: a control character would break it


def figure(chart: dict):
    """The chart as a matplotlib Figure of 1920×1080 px."""
    fig = new_figure(WIDTH, HEIGHT, DPI)
    fig.suptitle(f"{chart['title']} · {chart['voters']}", fontsize=LABEL_PT * 1.4, fontweight="bold", x=0.01,
                 ha="left")
    if chart.get("method") == "opinion":
        _opinion(fig, chart)
    elif chart.get("points") is not None:
        _matrix(fig, chart)
    else:
        _bars(fig, chart)
    foot = chart.get("note", "")
    if chart.get("more"):
        foot = f"{chart['more']}. {foot}" if isinstance(chart["more"], str) else foot
    fig.text(0.01, 0.01, foot, fontsize=LABEL_PT * 0.8, color=GREY)
    return fig


def _lines(text: str, width: int, most: int) -> list[str]:
    """`text` wrapped at `width` letters, in at most `most` lines: the last one ends in «…» when
    the text goes on (the display and the protocol show it whole).

    >>> _lines("Создать туристический центр при библиотеке", 20, 2)
    ['Создать', 'туристический центр…']
    """
    lines = textwrap.wrap(text, width) or [""]
    if len(lines) <= most:
        return lines
    last = textwrap.shorten(" ".join(lines[most - 1:]), width, placeholder="…")
    if last == "…":  # its first word alone fills the line
        last = lines[most - 1][:width - 1] + "…"
    return lines[:most - 1] + [last]


def _bars(fig, chart: dict) -> None:
    bars = chart["bars"]
    ax = fig.add_subplot()
    # as many lines as a bar's row holds (a long idea ran over its neighbours), the rest as «…»
    rows = max(1, int(HEIGHT * DPI * 0.8 / max(len(bars), 1) / (LABEL_PT * 1.25 * DPI / 72)))
    labels = [f"{b['n']}. " + "\n".join(_lines(b["label"], 42, rows)) for b in bars]
    ys = list(range(len(bars)))[::-1]
    ax.barh(ys, [b["value"] for b in bars], color=BLUE)
    ax.set_yticks(ys, labels, fontsize=LABEL_PT)
    top = max([b["value"] for b in bars] + [1])
    for y, b in zip(ys, bars, strict=True):
        ax.text(b["value"] + top * 0.01, y, b["shown"], va="center", fontsize=LABEL_PT, fontweight="bold")
    ax.set_xlim(0, top * 1.25)
    ax.set_xticks([])
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    if chart.get("verdict"):  # a statements stage with too few answers for the opinion map yet
        ax.set_title(chart["verdict"], fontsize=LABEL_PT, loc="left")


def _matrix(fig, chart: dict) -> None:
    grid = fig.add_gridspec(1, 2, width_ratios=[1, 1.2])
    ax = fig.add_subplot(grid[0, 0])
    ax.set_xlim(0.5, 5.5)
    ax.set_ylim(0, 6)  # a band above 5 and below 1 for the quadrants' names: no dot reaches it
    ax.set_box_aspect(1)
    ax.axhline(3, color="#999999", lw=1)
    ax.axvline(3, color="#999999", lw=1)
    ax.set_xlabel(chart["axes"]["x"], fontsize=LABEL_PT)
    ax.set_ylabel(chart["axes"]["y"], fontsize=LABEL_PT)
    ax.set_xticks([1, 2, 3, 4, 5])
    ax.set_yticks([1, 2, 3, 4, 5])
    ax.tick_params(labelsize=LABEL_PT)
    corners = [(0.55, 5.95, "left", "top"), (5.45, 5.95, "right", "top"), (0.55, 0.05, "left", "bottom"),
               (5.45, 0.05, "right", "bottom")]
    for (x, y, ha, va), name in zip(corners, chart["quadrants"], strict=True):
        ax.text(x, y, name, ha=ha, va=va, fontsize=LABEL_PT, color=GREY)
    # as on the wall: each dot at its mean rating, or nudged off a better-ranked one with a line
    # back to a mark at its rating (`display.matrix_points`), so that none hides another
    points = chart["points"] if all("x" in p for p in chart["points"]) else matrix_points(chart["points"])
    for p in points:
        x, y = _rating(p["x"]), _rating(p["y"])
        ax_, ay = _rating(p["at"][0]), _rating(p["at"][1])
        if abs(x - ax_) + abs(y - ay) > 0.02:
            ax.plot([ax_, x], [ay, y], color="#1a1a1a", lw=1.2, zorder=2)
            ax.scatter([ax_], [ay], s=30, color="#1a1a1a", zorder=2)
        ax.scatter([x], [y], s=DOT_AREA, color=BLUE, zorder=3)
        n = str(p["n"])  # the place, with a letter when ideas share it («1а»)
        ax.text(x, y, n, ha="center", va="center", color="white",
                fontsize=LABEL_PT * (0.7 if len(n) > 2 else 0.85 if len(n) > 1 else 1), fontweight="bold", zorder=4)
    legend = fig.add_subplot(grid[0, 1])
    legend.axis("off")
    legend.set_xticks([])
    legend.set_yticks([])
    lines = [f"{p['n']}. " + "\n    ".join(textwrap.wrap(p["label"], WRAP) or [""]) for p in chart["points"]]
    legend.text(0, 1, "\n".join(lines), va="top", fontsize=LABEL_PT, linespacing=1.3)


def _rating(u: float) -> float:
    """A place in the matrix's 1 × 1 square (`display.matrix_place`) back on the 1–5 scale."""
    return 1 + 4 * (u - MATRIX_MARGIN) / (1 - 2 * MATRIX_MARGIN)


def _opinion(fig, chart: dict, lines_max: int = 26) -> None:
    """The square of participants (y up), each clear group's number by its dots; beside it the
    verdict, each group's statements and what everyone agrees on: as the display draws it, the
    least telling statements left out first when they do not fit."""
    from matplotlib.patches import Circle

    grid = fig.add_gridspec(1, 2, width_ratios=[1, 1.25])
    ax = fig.add_subplot(grid[0, 0])
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_box_aspect(1)
    ax.set_xticks([])
    ax.set_yticks([])
    look = {g["n"] - 1: g for g in chart["groups"]}
    spots = Counter(tuple(d[:3]) for d in chart["dots"])  # people who answered alike: one dot, by area
    for g in sorted({d[2] for d in chart["dots"]}):
        mine = [(d, n) for d, n in spots.items() if d[2] == g]
        grp = look.get(g)
        ax.scatter([d[0] for d, _ in mine], [d[1] for d, _ in mine], s=[160 * n for _, n in mine], alpha=0.8,
                   edgecolor="white", marker=MARKERS[grp["shape"]] if grp else "o",
                   color=grp["colour"] if grp else BLUE)
    for g in chart["groups"]:
        ax.add_patch(Circle((g["x"], g["y"]), 0.06, color=g["colour"], ec="white", lw=2, zorder=4))
        ax.text(g["x"], g["y"], str(g["n"]), ha="center", va="center", color=g["ink"], fontweight="bold",
                fontsize=LABEL_PT * 1.5, zorder=5)
    # (text, the group it heads or None, bold, rank): rank 0 always shown, higher ranks dropped first
    rows = [(chart["verdict"], None, True, 0)]
    for g in chart["groups"]:
        rows.append((f"{g['n']}. {g['name']} · {g['size']}", g, True, 0))
        rows += [(f"{r['mark']} {r['text']}", None, False, i) for i, r in enumerate(g["reps"])]
    if chart["consensus"]:
        rows.append((chart["consensus_title"], None, True, 0))
        rows += [(f"{r['mark']} {r['text']}", None, False, i + 1) for i, r in enumerate(chart["consensus"])]
    wrapped = [(textwrap.wrap(text, WRAP) or [""], grp, bold, rank) for text, grp, bold, rank in rows]
    dropped = 0  # statements left out: the legend ends by saying how many (one line)
    while sum(len(w[0]) for w in wrapped) + bool(dropped) > lines_max and any(w[3] for w in wrapped):
        worst = max(range(len(wrapped)), key=lambda i: (wrapped[i][3], i))
        del wrapped[worst]
        dropped += 1
    if dropped:
        note = chart["legend_more"].replace("{n}", str(dropped))
        wrapped.append((textwrap.wrap(note, WRAP), None, False, 0))
    legend = fig.add_subplot(grid[0, 1])
    legend.axis("off")
    legend.set_ylim(lines_max, 0)
    legend.set_xlim(0, 1)
    y = 0.0
    for lines, grp, bold, _ in wrapped:
        if grp is not None:  # the group's mark as on the map
            legend.scatter([0.015], [y + 0.45], s=300, marker=MARKERS[grp["shape"]], color=grp["colour"])
        for i, line in enumerate(lines[: max(1, lines_max - int(y))]):
            legend.text(0.05 if grp is not None or i else 0, y, line, va="top", fontsize=LABEL_PT,
                        color="#1a1a1a", fontweight="bold" if bold else "normal")
            y += 1
