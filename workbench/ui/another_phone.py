"""The control view's «Сел телефон или его нет»: the page of a participant whose phone went dark,
opened on a borrowed phone from a QR code, and of someone without a phone, whom an assistant adds
by name and acts for on the laptop (their cards, dots and team under their name). The rules are
`facilitator.phone_people`, `facilitator.another_phone` and `facilitator.person_without_phone`'s."""

from __future__ import annotations

import time

import ipywidgets as w

from workbench.errors import WorkbenchError
from workbench.i18n import t
from workbench.session import facilitator
from workbench.ui import FoldingPanel, esc, shows_errors


class AnotherPhonePanel(FoldingPanel):
    """A list of the people in the session and a button that shows the link and QR code of one's
    page; a name and organisation and a button that add someone without a phone and show theirs.
    A control: hidden in show mode. The QR code (it carries the person's token, and the control
    view may be on the projector) comes down by itself once a phone opened that page
    (`facilitator.borrowed_phone_came`, at the refresh that phone's join brings) or after
    `facilitator.BORROWED_QR_SECONDS`, whichever is first."""

    def __init__(self, view):
        super().__init__(view, "wb-another-open")
        self.shown = None  # the QR code on the screen: {"id", "name", "opened", "until"}
        self.render_labels()

    def _build(self) -> None:
        auto = w.Layout(width="auto")
        self.label = w.HTML()
        self.person = w.Dropdown(options=[], value=None, layout=w.Layout(width="360px"))
        self.person.add_class("wb-another-person")
        self.button = w.Button(layout=auto, icon="mobile")
        self.button.add_class("wb-another-phone")
        self.button.on_click(self._on_link)
        self.new_label = w.HTML()
        self.new_name = w.Text(layout=w.Layout(width="220px"))
        self.new_name.add_class("wb-phoneless-name")
        self.new_organisation = w.Text(layout=w.Layout(width="220px"))
        self.new_organisation.add_class("wb-phoneless-organisation")
        self.add_button = w.Button(layout=auto, icon="user-plus")
        self.add_button.add_class("wb-phoneless-add")
        self.add_button.on_click(self._on_add)
        self.link = w.HTML()
        self.link.add_class("wb-another-link")
        row = w.Layout(align_items="center", flex_flow="row wrap")
        body = w.VBox([w.HBox([self.label, self.person, self.button], layout=row),
                       w.HBox([self.new_label, self.new_name, self.new_organisation, self.add_button], layout=row),
                       self.link])
        body.add_class("wb-control")
        self._place(body)

    def render_labels(self) -> None:
        L = self.lang
        self.open_button.description = t("another_phone_close" if self.is_open else "another_phone_open_panel", L)
        if self.body is None:
            return
        self.label.value = f"<b>{esc(t('another_phone_label', L))}</b>"
        self.button.description = t("another_phone_button", L)
        self.new_label.value = f"<b>{esc(t('phoneless_label', L))}</b>"
        self.new_name.placeholder = t("phoneless_name", L)
        self.new_organisation.placeholder = t("phoneless_organisation", L)
        self.add_button.description = t("phoneless_add", L)
        self.refresh()

    def refresh(self) -> None:
        if self.shown is not None:
            try:
                came = facilitator.borrowed_phone_came(self.view.store, self.shown["id"], self.shown["opened"])
            except WorkbenchError:  # the person was removed («Убрать накрутку»): their link opens nothing
                self.shown, self.link.value, came = None, "", False
            if came:
                self._take_down(t("another_phone_came", self.lang, name=self.shown["name"]))
        if not self.is_open:
            return
        choices = [(t("another_phone_pick", self.lang), None)] + facilitator.phone_people(
            self.view.store, self.view.session["id"], self.lang)
        if list(self.person.options) != choices:  # a poll that changed nothing keeps the choice as it is
            keep = self.person.value
            self.person.options = choices
            self.person.value = keep if keep in [v for _label, v in choices] else None

    @shows_errors
    def _on_link(self, _=None) -> None:
        if self.person.value is None:
            self.shown = None
            self.link.value = f"<b>{esc(t('another_phone_pick', self.lang))}</b>"
            return
        self._show(self.person.value)

    @shows_errors
    def _on_add(self, _=None) -> None:
        p = facilitator.person_without_phone(self.view.store, self.view.session["id"], self.new_name.value,
                                             self.new_organisation.value)
        self.new_name.value = self.new_organisation.value = ""
        self.view.refresh()  # in «Участников», and in the list above, chosen
        self.person.value = p["id"]
        self._show(p["id"])

    def tick(self) -> None:
        """Called every second by the view's watch: a QR code left on the screen comes down."""
        if self.shown is not None and time.monotonic() >= self.shown["until"]:
            minutes = facilitator.BORROWED_QR_SECONDS // 60
            self._take_down(t("another_phone_expired", self.lang, name=self.shown["name"], minutes=minutes))

    def _take_down(self, note: str) -> None:
        self.shown = None
        self.link.value = f"<div class='wb-ok wb-big' data-another-note>{esc(note)}</div>"

    def _show(self, participant_id: int) -> None:
        import segno

        moved = facilitator.another_phone(self.view.store, self.view.session["id"], participant_id, self.lang)
        url = (self.view.join_url or f"/s/{self.view.session['code']}") + moved["fragment"]
        qr = segno.make(url, error="m").svg_inline(scale=4, border=2)
        link = f"<a href='{esc(url)}' target='_blank' data-another>{esc(url)}</a>"
        self.link.value = (f"<div class='wb-big'>{t('another_phone_open', self.lang, name=esc(moved['name']), link=link)}"
                           f"</div><div data-another-qr>{qr}</div>")
        self.shown = {"id": participant_id, "name": moved["name"], "opened": moved["opened"],
                      "until": time.monotonic() + facilitator.BORROWED_QR_SECONDS}
