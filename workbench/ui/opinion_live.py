"""The facilitator's live opinion map: redrawn by itself while phones answer statements.

The map (`opinion_map.render_opinion_map`: PCA, clustering, stability and null-model checks,
a PNG) takes most of a second for 300 phones x 40 statements, too long for the kernel's event
loop, which also serves the facilitator's clicks. So, like the projector's results
(`ProjectorView._results_html`), once `watch()` runs (`offload`) the loop only reads a mark of
the stage's votes; a worker thread reads the votes, draws the map and the loop shows it when it
is ready. The
drawing is kept until a statement vote of the stage changes (`Store.ballot_mark`), or the
statements or the language: a refresh for anything else draws nothing again. Votes that come in
while a map is being drawn are drawn next, once (the newest wins), so the map is at most one
drawing behind the room.
"""

from __future__ import annotations

from workbench.background import Newest, running_loop
from workbench.i18n import t
from workbench.ui import esc
from workbench.ui.opinion_map import render_opinion_map, votes_frame


class LiveOpinionMap:
    """Keeps `widget` (an ipywidgets HTML) showing the opinion map of the stage on screen.

    `panel(render, *args)` draws a panel and turns a failure into a short message (the
    projector's `_panel`): a map that cannot be drawn never breaks the control view.
    """

    def __init__(self, store, widget, panel):
        self.store = store
        self.widget = widget
        self.panel = panel
        self.shown = None  # key of the drawing on screen
        self.wanted = None  # key of the newest state asked for
        self.worker = Newest("opinion-map", lambda key, drawn: self._show(key, *drawn))

    def key(self, stage: dict, lang: str, cards: list[dict]) -> tuple:
        mark = self.store.ballot_mark("statement_votes", stage["id"])
        return (stage["id"], lang, mark, tuple((c["id"], c["text"]) for c in cards))

    def update(self, stage: dict, lang: str, cards: list[dict], offload: bool, force: bool = False) -> None:
        """Show the map for the stage's current votes: at once without a running loop (tests,
        scripts), else drawn in the worker thread. `force` (the button) draws it again even when
        no vote changed."""
        key = self.key(stage, lang, cards)
        self.wanted = key
        if force:
            self.shown = None
        if key == self.shown:
            return
        texts = {c["id"]: c["text"] for c in cards}
        loop = running_loop(offload)
        if loop is None:
            self._show(key, *self._draw(stage["id"], texts, lang))
            return
        if not self.worker.busy and not self.widget.value:
            self.widget.value = f"<div class='wb-meta' data-map-pending>{esc(t('opinion_updating', lang))}</div>"
        self.worker.submit(key, lambda: self._draw(stage["id"], texts, lang), loop)

    def _draw(self, stage_id: int, texts: dict, lang: str) -> tuple[str, bool]:
        """(html, ok); in the worker thread, the votes read there too (the store serves threads)."""
        failed = []

        def run():
            try:
                frame = votes_frame(self.store, stage_id)
                html = render_opinion_map(frame, texts, lang)
            except Exception:
                failed.append(True)
                raise
            n = len(frame)
            return html + f"<div class='wb-meta' data-map-answers='{n}'>{esc(t('opinion_updated', lang, n=n))}</div>"
        return self.panel(run), not failed

    def _show(self, key: tuple, html: str, ok: bool) -> None:
        # Only while the same stage in the same language is on screen; a failure is tried again.
        if self.wanted is not None and key[:2] == self.wanted[:2]:
            self.widget.value = html
            self.shown = key if ok else None
