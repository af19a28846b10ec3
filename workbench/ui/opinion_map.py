"""The opinion map of a statements stage, as HTML for the projector (big type, one picture)."""

from __future__ import annotations

import base64
from collections import Counter

from workbench.figures import new_figure, save
from workbench.i18n import t
from workbench.session.statements import votes_frame
from workbench.ui import esc, said

__all__ = ["opinion_map_html", "render_opinion_map", "scatter_png", "votes_frame"]

COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"]


def scatter_png(coords, k: int) -> bytes:
    """Participants as dots, coloured by opinion group (None: grey); people who answered alike
    sit on one spot, drawn once with its area by how many; the legend beside the square."""
    fig = new_figure(5, 4)
    ax = fig.add_subplot()

    def spots(sub):
        counts = Counter(zip(sub["x"].round(6), sub["y"].round(6), strict=True))
        return [x for x, _ in counts], [y for _, y in counts], list(counts.values())

    for g in sorted({g for g in coords["group"] if g is not None and g == g}):
        xs, ys, ns = spots(coords[coords["group"] == g])
        ax.scatter(xs, ys, s=[90 * n for n in ns], color=COLOURS[int(g) % len(COLOURS)], label=f"{int(g) + 1}",
                   edgecolor="white")
    rest = coords[coords["group"].isna()]
    if len(rest):
        xs, ys, ns = spots(rest)
        ax.scatter(xs, ys, s=[60 * n for n in ns], color="#bbbbbb")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.margins(0.12)  # room for the biggest dots
    if k:
        ax.legend(title="", fontsize=14, loc="upper left", bbox_to_anchor=(1.02, 1.0), markerscale=0.8,
                  borderaxespad=0)
    return save(fig, fmt="png", bbox_inches="tight")


def opinion_map_html(store, stage: dict, lang: str = "ru", seed: int = 0) -> str:
    """Map, verdict, consensus and each group's representative statements, ready to show."""
    frame = votes_frame(store, stage["id"])
    texts = {c["id"]: c["text"] for c in store.cards(stage["session_id"], stage["id"])}
    return render_opinion_map(frame, texts, lang, seed)


def render_opinion_map(frame, texts: dict, lang: str = "ru", seed: int = 0) -> str:
    """The opinion map from the votes (`votes_frame`) and the statements' texts: no store
    access, so the live map can draw it in a worker thread from what the loop read."""
    from workbench.opinion import opinion_groups

    if frame["voter-id"].nunique() < 4 or frame["comment-id"].nunique() < 2:
        return f"<div class='wb-big' data-verdict>{esc(t('too_few_votes', lang))}</div>"
    res = opinion_groups(frame, seed=seed)
    if not len(res.coords):
        return f"<div class='wb-big' data-verdict>{esc(t('too_few_votes', lang))}</div>"
    png = base64.b64encode(scatter_png(res.coords, res.k)).decode()
    # The verdict from the catalogue, all in the reader's language (res.reason is English).
    verdict = res.verdict_text(lang)
    mark = {"agree": "✔", "disagree": "✘"}  # in every font, unlike emoji
    consensus = "".join(f"<li data-consensus>{mark[c['direction']]} {said(texts.get(c['statement'], c['statement']))}</li>"
                        for c in res.consensus)
    groups_html = []
    sizes = {}
    for g in res.groups.values():
        if g is not None:
            sizes[g] = sizes.get(g, 0) + 1
    for g, reps in sorted(res.repness.items()):
        items = "".join(f"<li>{mark[r['repful_for']]} {said(texts.get(r['statement'], r['statement']))}</li>"
                        for r in reps[:3])
        colour = COLOURS[int(g) % len(COLOURS)]
        groups_html.append(
            f"<div class='wb-big' data-opinion-group='{int(g)}'><b style='color:{colour}'>"
            f"{esc(t('group_n', lang, n=int(g) + 1))}</b> ({esc(t('people_n', lang, n=sizes.get(g, 0)))})"
            f"<ul>{items}</ul></div>")
    return (
        f"<div style='display:flex;gap:16px;align-items:flex-start'>"
        f"<img alt='{esc(t('opinion_map', lang))}' src='data:image/png;base64,{png}' style='width:420px'>"
        f"<div style='flex:1'><div class='wb-big' data-verdict='{esc(res.verdict)}'>{esc(verdict)}</div>"
        f"<div class='wb-big'><b>{esc(t('consensus', lang))}</b>"
        f"{f'<ul>{consensus}</ul>' if consensus else '<p data-consensus-none>' + esc(t('consensus_none', lang)) + '</p>'}"
        f"</div>"
        f"{''.join(groups_html)}</div></div>")
