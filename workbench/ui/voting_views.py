"""What the projector shows for each decision method: HTML, plus a figure to download (PNG, SVG).

One view per method of `workbench.session.voting.METHODS`, in `VIEWS`; each takes the method's
result rows (best first), the texts of the cards and the language.
"""

from __future__ import annotations

import base64
import inspect
import textwrap

from workbench.figures import new_figure, save
from workbench.i18n import Share, number, t
from workbench.session.tally import QUADRANTS
from workbench.ui import esc, said


def _short(text: str, width: int = 28) -> str:
    return textwrap.shorten(text, width=width, placeholder="…")


def matrix_figure(summary: list[dict], texts: dict[int, str], lang: str, fmt: str = "png") -> bytes:
    """The 2×2 matrix: ideas as labelled points sized by raters, bars showing the spread."""
    fig = new_figure(8, 5.6)
    ax = fig.add_subplot()
    ax.set_xlim(0.8, 5.2)
    ax.set_ylim(0.8, 5.2)
    ax.axvline(3, color="#999", lw=1)
    ax.axhline(3, color="#999", lw=1)
    corners = {"quick_wins": (5.1, 5.1, "right", "top"), "big_bets": (0.9, 5.1, "left", "top"),
               "fill_ins": (5.1, 0.9, "right", "bottom"), "not_now": (0.9, 0.9, "left", "bottom")}
    for q in QUADRANTS:
        x, y, ha, va = corners[q]
        ax.text(x, y, t(q, lang), ha=ha, va=va, fontsize=14, color="#1f4e79", alpha=0.7, weight="bold")
    for s in summary:
        if not s["raters"]:
            continue
        ax.errorbar(s["feasibility"], s["impact"], xerr=s["feasibility_sd"], yerr=s["impact_sd"],
                    fmt="none", ecolor="#1f4e79", alpha=0.25, lw=1)
        ax.scatter([s["feasibility"]], [s["impact"]], s=60 + 25 * s["raters"], color="#1f4e79", alpha=0.8)
        ax.annotate(_short(texts.get(s["id"], "")), (s["feasibility"], s["impact"]), fontsize=10,
                    xytext=(6, 4), textcoords="offset points")
    ax.set_xlabel(t("feasibility", lang), fontsize=13)
    ax.set_ylabel(t("impact", lang), fontsize=13)
    return save(fig, fmt=fmt)


def bars_figure(rows: list[tuple[str, float, float | None, float | None]], xlabel: str, fmt: str = "png") -> bytes:
    """Horizontal bars, best on top; optional interval (low, high) drawn as a line."""
    rows = rows[:15]
    fig = new_figure(8, 0.45 * len(rows) + 1.2)
    ax = fig.add_subplot()
    ys = list(range(len(rows)))[::-1]
    ax.barh(ys, [r[1] for r in rows], color="#1f4e79")
    for y, r in zip(ys, rows, strict=True):
        if r[2] is not None and r[3] is not None:
            ax.plot([r[2], r[3]], [y, y], color="#d62728", lw=2)
    ax.set_yticks(ys)
    ax.set_yticklabels([_short(r[0], 40) for r in rows], fontsize=10)
    ax.set_xlabel(xlabel)
    return save(fig, fmt=fmt)


def _downloads(make, name: str, lang: str, ready: bool = True) -> str:
    """PNG and SVG download links; not `ready`: the same words, greyed and without the files
    (the projector draws live results first and the files when the ballots pause)."""
    links = []
    for fmt, mime in (("png", "image/png"), ("svg", "image/svg+xml")):
        label = f"{esc(t('download', lang))} {fmt.upper()}"
        if not ready:
            links.append(f"<span style='font-size:16px;margin-right:12px;color:#999'>{label}</span>")
            continue
        data = base64.b64encode(make(fmt)).decode()
        links.append(f"<a download='{name}.{fmt}' href='data:{mime};base64,{data}' "
                     f"style='font-size:16px;margin-right:12px'>{label}</a>")
    return ("<div>" if ready else "<div data-downloads-pending>") + "".join(links) + "</div>"


def dots_view(rows: list[dict], texts: dict[int, str], lang: str) -> str:
    """A bar chart of dots per card as plain HTML (readable, and no plotting library to load).

    >>> '&lt;b&gt;' in dots_view([{"id": 1, "votes": 2}], {1: "<b>x</b>"}, "ru")
    True
    """
    if not rows:
        return f"<div class='wb-meta'>{esc(t('no_cards', lang))}</div>"
    top = max(1, max(r["votes"] for r in rows))
    out = []
    for r in rows:
        width = max(2, int(50 * r["votes"] / top))
        out.append(f"<div class='wb-bar' data-card='{r['id']}'><span class='l'>{said(texts[r['id']])}</span>"
                   f"<span class='b' style='width:{width}%'></span><b>{r['votes']}</b></div>")
    return "".join(out)


def matrix_view(summary: list[dict], texts: dict[int, str], lang: str, downloads: bool = True) -> str:
    shown = matrix_figure(summary, texts, lang)
    png = base64.b64encode(shown).decode()
    rows = "".join(
        f"<tr data-card='{s['id']}'><td>{said(texts[s['id']])}</td><td>{number(s['impact'], lang)}</td>"
        f"<td>{number(s['feasibility'], lang)}</td><td>{s['raters']}</td>"
        f"<td>{esc(t(s['quadrant'], lang)) if s['quadrant'] else ''}</td></tr>" for s in summary)
    head = (f"<tr><th></th><th>{esc(t('impact', lang))}</th><th>{esc(t('feasibility', lang))}</th>"
            f"<th>{esc(t('protocol_raters', lang))}</th><th>{esc(t('protocol_quadrant', lang))}</th></tr>")
    return (f"<img alt='matrix' src='data:image/png;base64,{png}' class='wb-chart-img' "
            "style='width:640px;max-width:100%;height:auto'>"
            + _downloads(lambda f: shown if f == "png" else matrix_figure(summary, texts, lang, f), "matrix", lang,
                         downloads)
            + f"<table class='wb-table' style='font-size:20px'>{head}{rows}</table>")


def pairwise_view(scores: list[dict], texts: dict[int, str], lang: str, downloads: bool = True) -> str:
    rows = "".join(
        f"<tr data-card='{s['id']}'><td>{said(texts[s['id']])}</td><td><b>{round(100 * s['score'])}</b></td>"
        f"<td>{number(s['strength'], lang, 3)} [{number(s['low'], lang, 3)}–{number(s['high'], lang, 3)}]</td>"
        f"<td>{s['wins']}:{s['losses']}</td></tr>" for s in scores)
    head = (f"<tr><th></th><th>{esc(t('score', lang))}</th><th title='{esc(t('display_note_pairwise', lang))}' "
            f"data-method-note>{esc(t('strength', lang))}</th><th></th></tr>")

    def fig(f):
        return bars_figure([(texts[s["id"]], s["strength"], s["low"], s["high"]) for s in scores],
                           t("strength", lang), f)
    return f"<table class='wb-table' style='font-size:20px'>{head}{rows}</table>" + _downloads(fig, "pairwise", lang, downloads)


def ranking_view(result: list[dict], texts: dict[int, str], lang: str, downloads: bool = True) -> str:
    top = max([r["points"] for r in result] + [1])
    rows = "".join(
        f"<div class='wb-bar' data-card='{r['id']}'><span class='l'>{said(texts[r['id']])}</span>"
        f"<span class='b' style='width:{max(2, int(50 * r['points'] / top))}%'></span>"
        f"<b>{r['points']}</b>&nbsp;<span class='wb-meta'>{esc(t('first_places', lang))}: "
        f"{number(Share(r['first_share']), lang)}</span></div>" for r in result)

    def fig(f):
        return bars_figure([(texts[r["id"]], r["points"], None, None) for r in result], t("points", lang), f)
    return rows + _downloads(fig, "ranking", lang, downloads)


VIEWS = {"dots": dots_view, "matrix": matrix_view, "pairwise": pairwise_view, "ranking": ranking_view}


def results_view(method: str, rows: list[dict], items: list[dict], lang: str, downloads: bool = True) -> str:
    """The projector's view of one method's results (`downloads=False`: the download links
    greyed, without drawing their files; a view that has none ignores it)."""
    view = VIEWS[method]
    texts = {c["id"]: c["text"] for c in items}
    if downloads or "downloads" not in inspect.signature(view).parameters:
        return view(rows, texts, lang)
    return view(rows, texts, lang, downloads=False)
