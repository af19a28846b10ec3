"""The control view's «Убрать накрутку»: after one phone flooded the session with fake
participants, the facilitator removes them and all they sent in two clicks (a choice, then a
confirmation that names how many go). The rules are `workbench.session.cleanup`'s."""

from __future__ import annotations

import ipywidgets as w

from workbench.i18n import t
from workbench.session import cleanup
from workbench.ui import FoldingPanel, esc, shows_errors


class CleanupPanel(FoldingPanel):
    """A button that opens the panel; the panel says what the last N minutes brought and offers
    three removals, each confirmed. A control: hidden in show mode."""

    def __init__(self, view):
        super().__init__(view, "wb-cleanup-open")
        self.pending: tuple[str, list[int]] | None = None
        self.render_labels()

    def _build(self) -> None:
        auto = w.Layout(width="auto")
        self.minutes = w.BoundedIntText(value=10, min=1, max=cleanup.MAX_MINUTES, layout=w.Layout(width="230px"),
                                        style={"description_width": "initial"})
        self.minutes.add_class("wb-cleanup-minutes")
        self.minutes.observe(lambda _: self.refresh(), "value")
        self.summary = w.HTML()
        self.summary.add_class("wb-cleanup-summary")
        self.authors_button = w.Button(layout=auto, _dom_classes=("wb-cleanup-authors",))
        self.authors_button.on_click(lambda _: self._ask("authors"))
        self.recent_button = w.Button(layout=auto, _dom_classes=("wb-cleanup-recent",))
        self.recent_button.on_click(lambda _: self._ask("recent"))
        self.idle_button = w.Button(layout=auto, _dom_classes=("wb-cleanup-idle",))
        self.idle_button.on_click(lambda _: self._ask("idle"))
        self.question = w.HTML(_dom_classes=("wb-cleanup-question",))
        self.yes_button = w.Button(button_style="danger", layout=auto, _dom_classes=("wb-cleanup-yes",))
        self.yes_button.on_click(self._on_yes)
        self.no_button = w.Button(layout=auto, _dom_classes=("wb-cleanup-no",))
        self.no_button.on_click(lambda _: self._forget())
        self.confirm = w.HBox([self.question, self.yes_button, self.no_button],
                              layout=w.Layout(display="none", align_items="center", flex_flow="row wrap"))
        # the summary goes under the minutes on a phone, not squeezed beside them a word a line
        body = w.VBox([w.HBox([self.minutes, self.summary], layout=w.Layout(align_items="center",
                                                                           flex_flow="row wrap")),
                       w.HBox([self.authors_button, self.recent_button, self.idle_button],
                              layout=w.Layout(flex_flow="row wrap")),
                       self.confirm],
                      layout=w.Layout(border="2px solid #c0392b", padding="4px 8px"))
        body.add_class("wb-control")
        body.add_class("wb-cleanup")
        self._place(body)

    def render_labels(self) -> None:
        L = self.lang
        self.open_button.description = t("cleanup_close" if self.is_open else "cleanup_open", L)
        if self.body is None:
            return
        self.minutes.description = t("cleanup_minutes_label", L)
        self.authors_button.description = t("cleanup_authors", L)
        self.recent_button.description = t("cleanup_recent", L)
        self.idle_button.description = t("cleanup_idle", L)
        self.yes_button.description = t("cleanup_yes", L)
        self.no_button.description = t("cleanup_no", L)
        self.refresh()

    def refresh(self) -> None:
        """What the last N minutes brought (read only while the panel is open)."""
        if not self.is_open:
            return
        r = cleanup.recent(self.view.store, self.view.session["id"], int(self.minutes.value))
        self.summary.value = (f"<span class='wb-big' data-joined-recently='{r['joined']}' data-idle='{r['idle']}'>"
                              f"{esc(t('cleanup_summary', self.lang, **r))}</span>")

    def _on_open(self, _=None) -> None:
        self._forget()  # a question asked before the panel folded is not answered after it opens
        super()._on_open()

    def _forget(self) -> None:
        self.pending = None
        if self.body is not None:
            self.confirm.layout.display = "none"

    @shows_errors
    def _ask(self, kind: str) -> None:
        """The first click: say how many would go; nothing is removed yet."""
        store, sid, minutes = self.view.store, self.view.session["id"], int(self.minutes.value)
        if kind == "authors":
            chosen = list(self.view.selected)
            if not chosen:
                self._forget()
                self.say(t("cleanup_select_cards", self.lang), error=True)
                return
            n = len(cleanup.authors(store, sid, chosen))
            words = t("cleanup_ask_authors", self.lang, n=n, cards=len(chosen))
        else:
            r = cleanup.recent(store, sid, minutes)
            chosen = [minutes]
            n = r["joined"] if kind == "recent" else r["idle"]
            words = t(f"cleanup_ask_{kind}", self.lang, n=n, minutes=minutes, cards=r["cards"])
        self.pending = (kind, chosen)
        self.question.value = f"<span class='wb-err' data-would-remove='{n}'>{esc(words)}</span>"
        self.yes_button.disabled = n == 0
        self.confirm.layout.display = ""

    @shows_errors
    def _on_yes(self, _=None) -> None:
        if self.pending is None:
            return
        kind, chosen = self.pending
        self._forget()
        store, sid = self.view.store, self.view.session["id"]
        if kind == "authors":
            done = cleanup.remove_authors(store, sid, chosen)
            self.view._on_clear()
        elif kind == "recent":
            done = cleanup.remove_recent(store, sid, chosen[0])
        else:
            done = cleanup.remove_idle(store, sid, chosen[0])
        self.view.refresh()
        self.say(t("cleanup_done", self.lang, n=done["participants"], cards=done["cards"]))
