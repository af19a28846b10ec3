"""The control view's «Сессия» row, atop the «✎ Этапы и сессия» panel: correct the session's title,
territory and date after it was made (a typo in the title the phones' join page shows, next
month's date). The rules are `workbench.session.details`'s."""

from __future__ import annotations

import ipywidgets as w

from workbench.dates import iso_text
from workbench.i18n import t
from workbench.session import details
from workbench.ui import ViewPart, esc, shows_errors


class SessionBox(ViewPart):
    """Build with `SessionBox(view)` (the stage editor does, when it is first opened: no widget of
    it slows the opening of the control view); `.widget` is one row, `.refresh(session)` follows
    the store (the boxes are refilled only when the stored details changed, never under the
    facilitator's typing)."""

    def __init__(self, view):
        self.view = view
        self.heading = w.HTML()
        self.title = w.Text(layout=w.Layout(width="480px"), style={"description_width": "initial"})
        self.title.add_class("wb-session-title")
        self.territory = w.Text(layout=w.Layout(width="320px"), style={"description_width": "initial"})
        self.territory.add_class("wb-session-territory")
        self.date = w.Text(layout=w.Layout(width="220px"), style={"description_width": "initial"})
        self.date.add_class("wb-session-date")
        self.save = w.Button(button_style="warning", layout=w.Layout(width="auto", flex="0 0 auto"))
        self.save.add_class("wb-session-save")
        self.save.on_click(self._on_save)
        self.widget = w.HBox([self.heading, self.title, self.territory, self.date, self.save],
                             layout=w.Layout(align_items="center", flex_flow="row wrap",
                                             border_bottom="1px solid #b8cde8", padding="0 0 4px 0"))
        self.widget.add_class("wb-session-box")
        self._synced = None
        self.render_labels()

    def render_labels(self) -> None:
        L = self.lang
        self.heading.value = f"<b class='wb-big'>{esc(t('session_details', L))}:</b>"
        self.title.description = t("session_title_label", L)
        self.territory.description = t("session_territory_label", L)
        self.date.description = t("session_date_label", L)
        self.date.placeholder = t("session_date_hint", L)
        self.save.description = t("save", L)
        self._synced = None  # the date is written the language's way
        self.refresh(self.view.session)

    def refresh(self, session: dict) -> None:
        key = (session["title"], session["territory"], session["date"], self.lang)
        if key == self._synced:
            return
        self._synced = key
        self.title.value, self.territory.value = session["title"], session["territory"]
        self.date.value = iso_text(session["date"], self.lang)

    @shows_errors
    def _on_save(self, _=None) -> None:
        now = details.edit(self.view.store, self.view.session["id"], title=self.title.value,
                           territory=self.territory.value, date=self.date.value)
        self._synced = None
        self.view.refresh()
        self.say(t("session_saved", self.lang, title=now["title"]))
