"""Who registered for an event, on the session's drafts page (staff, between sessions): name,
territory, organisation, sector (e-mail and phone where the `staff_see_contacts` setting allows),
when each registered and whether they came; a search by name with «Отметить на входе» (and
its undo) for someone at the door without their QR code; the list as CSV or XLSX; a person's data deleted
on request after a confirmation, by the same `registration.forget_person` as
`workbench person --forget`; and several registrations deleted at once (a form sent in a loop)."""

from __future__ import annotations

import functools

import ipywidgets as w

from workbench.app import Workbench
from workbench.errors import WorkbenchError
from workbench.i18n import t
from workbench.session import registration
from workbench.ui import download_link, esc, show_message, shows_errors


class RegistrationPanel:
    """`RegistrationPanel(wb, code).widget`; **Обновить** (the icon) reads the list again."""

    def __init__(self, wb: Workbench, session_code: str, lang: str | None = None):
        self.wb = wb
        self.store = wb.store
        self.code = session_code
        self.lang = L = lang or wb.settings["lang"]
        self.contacts = bool(wb.settings["staff_see_contacts"])
        self.message = w.HTML()
        self.refresh_button = w.Button(icon="refresh", layout=w.Layout(width="auto"))
        self.refresh_button.on_click(lambda _b: self.refresh())
        self.table = w.HTML()
        # the list as files: a link each, made with the table, so one click downloads it (no path
        # of the server's, no second step); none while the list is empty
        self.files = w.HTML()
        self.files.add_class("wb-reg-files")
        self.person = w.Dropdown(options=[], layout=w.Layout(width="auto"))
        self.forget = w.Button(description=t("reg_forget", L), icon="trash", layout=w.Layout(width="auto"))
        self.forget.on_click(self._on_forget)
        self.question = w.HTML()
        self.yes = w.Button(description=t("reg_forget_yes", L), button_style="danger", layout=w.Layout(width="auto"))
        self.yes.on_click(self._on_yes)
        self.no = w.Button(description=t("reg_forget_cancel", L), layout=w.Layout(width="auto"))
        self.no.on_click(lambda _b: self._ask(None))
        self.confirm = w.VBox([self.question, w.HBox([self.yes, self.no])])
        self.confirm.add_class("wb-confirm")
        self._ask(None)
        # several registrations at once: newest first, picked with Shift or Ctrl, then confirmed
        self.picks = w.SelectMultiple(options=[], rows=8, description=t("reg_pick_label", L),
                                      layout=w.Layout(width="90%"), style={"description_width": "initial"})
        self.picks.add_class("wb-reg-picks")
        self.delete_picked = w.Button(description=t("reg_delete_picked", L), icon="trash", layout=w.Layout(width="auto"))
        self.delete_picked.add_class("wb-reg-delete-picked")
        self.delete_picked.on_click(self._on_delete_picked)
        self.picked_question = w.HTML()
        self.picked_yes = w.Button(description=t("reg_forget_yes", L), button_style="danger", layout=w.Layout(width="auto"))
        self.picked_yes.add_class("wb-reg-delete-yes")
        self.picked_yes.on_click(self._on_delete_yes)
        self.picked_no = w.Button(description=t("reg_forget_cancel", L), layout=w.Layout(width="auto"))
        self.picked_no.on_click(lambda _b: self._ask_picked(None))
        self.picked_confirm = w.VBox([self.picked_question, w.HBox([self.picked_yes, self.picked_no])])
        self._ask_picked(None)
        # the door by name: someone without their QR code is found and checked in (or undone)
        self.search = w.Text(placeholder=t("reg_search", L), continuous_update=True,
                             layout=w.Layout(width="320px"))
        self.search.add_class("wb-reg-search")
        self.search.observe(lambda _c: self._door_rows(), "value")
        self.door = w.VBox()
        self.door.add_class("wb-reg-door")
        self.door_note = w.HTML()
        self.door_buttons: dict[int, w.Button] = {}
        self.widget = w.VBox([
            w.HBox([w.HTML(f"<h3>{esc(t('reg_list_title', L))}</h3>"), self.refresh_button]),
            self.message, self.search, self.door, self.door_note, self.table,
            self.files,
            w.HBox([self.person, self.forget]), self.confirm,
            self.picks, self.delete_picked, self.picked_confirm])
        self.widget.add_class("wb-registrations")
        self.refresh()

    def say(self, text: str, error: bool = False) -> None:
        show_message(self.message, text, error)

    def refresh(self) -> None:
        L = self.lang
        table = registration.registration_table(self.store, self.code, L, self.contacts)
        hidden = "" if self.contacts else f"<div class='wb-meta'>{esc(t('reg_contacts_hidden', L))}</div>"
        if table.empty:
            self.table.value = f"<i>{esc(t('reg_list_none', L))}</i>"
        else:
            head = "".join(f"<th>{esc(h)}</th>" for h in table.columns)
            body = "".join("<tr>" + "".join(f"<td>{esc(v)}</td>" for v in row) + "</tr>"
                           for row in table.itertuples(index=False))
            self.table.value = f"<table class='wb-drafts wb-reg-list'><tr>{head}</tr>{body}</table>{hidden}"
        if table.empty:
            self.files.value = f"{esc(t('reg_file', L))}: <i>{esc(t('reg_file_empty', L))}</i>"
        else:
            links = " ".join(f"<span class='wb-reg-file'>{self._file(suffix)}</span>"
                             for suffix in registration.LIST_FORMATS)
            self.files.value = f"{esc(t('reg_file', L))}: {links}"
        names = list(dict.fromkeys(r["name"] for r in registration.registration_list(self.store, self.code)))
        self.person.options = names
        self.person.layout.display = None if names else "none"  # no empty dropdown beside the button
        self.forget.disabled = not names
        choices = registration.registration_choices(self.store, self.code, L)
        kept = [v for v in self.picks.value if v in {i for _, i in choices}]
        self.picks.options = choices
        self.picks.value = tuple(kept)
        shown = None if choices else "none"
        self.picks.layout.display = self.delete_picked.layout.display = shown
        self.search.layout.display = shown
        self._door_rows()

    DOOR_ROWS = 20  # rows the door's list shows at once; more: type more of the name

    def _door_rows(self) -> None:
        """The registrations matching the search box, each with «Отметить на входе» or, checked
        in, the time and «Отменить отметку»."""
        L = self.lang
        found = registration.find_registrations(self.store, self.code, self.search.value)
        rows, self.door_buttons = [], {}
        for r in found[:self.DOOR_ROWS]:
            came = r["checked_in_at"]
            where = " · ".join(x for x in (r["territory"], r["organisation"]) if x)
            status = (f" · <b>{esc(t('reg_col_checked_in', L))} {esc(registration.clock(came))}</b>" if came else "")
            label = w.HTML(f"<span data-reg='{r['id']}'>{esc(r['name'])}"
                           f"{' · ' + esc(where) if where else ''}{status}</span>")
            button = w.Button(description=t("reg_undo_check_in" if came else "reg_check_in", L),
                              button_style="" if came else "success", layout=w.Layout(width="auto"))
            button.add_class("wb-reg-undo" if came else "wb-reg-check-in")
            button.on_click(functools.partial(self._on_door, r["id"], bool(came)))
            self.door_buttons[r["id"]] = button
            rows.append(w.HBox([button, label]))
        self.door.children = rows
        query = self.search.value.strip()
        if query and not found:
            self.door_note.value = f"<i>{esc(t('reg_search_none', L, query=query))}</i>"
        elif len(found) > self.DOOR_ROWS:
            self.door_note.value = f"<i>{esc(t('reg_search_more', L, shown=self.DOOR_ROWS, n=len(found)))}</i>"
        else:
            self.door_note.value = ""

    @shows_errors
    def _on_door(self, registration_id: int, undo: bool, _button=None) -> None:
        L = self.lang
        if undo:
            row = registration.undo_check_in(self.store, self.code, registration_id)
            said = t("reg_check_in_undone", L, name=row["name"])
        else:
            row = registration.check_in_by_id(self.store, self.code, registration_id)
            at = registration.clock(row["checked_in_at"])
            said = t("checkin_already" if row["already"] else "reg_checked_in_now", L, name=row["name"], at=at)
        self.refresh()
        self.say(said)

    def _file(self, suffix: str) -> str:
        """The list as a `suffix` file, as a download link named by the file (written in a
        temporary folder: the page holds the data, the server keeps no copy of people's data)."""
        import tempfile
        from pathlib import Path

        with tempfile.TemporaryDirectory() as tmp:
            path = registration.export_registrations(self.store, self.code,
                                                     Path(tmp) / f"registrations-{self.code}{suffix}",
                                                     self.lang, self.contacts)
            return download_link(path)

    def _ask(self, name: str | None) -> None:
        """Show the confirmation for deleting `name`'s data, or hide it (None)."""
        self.pending = name
        self.confirm.layout.display = None if name else "none"
        if name is None:
            self.question.value = ""
            return
        found = registration.person_data(self.store, name)
        ask = t("reg_forget_confirm", self.lang, name=name, regs=len(found["registrations"]),
                joined=len(found["participants"]))
        self.question.value = f"<b>{esc(ask)}</b>"

    @shows_errors
    def _on_forget(self, _button=None) -> None:
        if self.person.value:
            self._ask(self.person.value)

    @shows_errors
    def _on_yes(self, _button=None) -> None:
        name = self.pending
        self._ask(None)
        if name:
            done = registration.forget_person(self.store, name)
            self.refresh()
            self.say(t("reg_forgotten", self.lang, **done))

    def _ask_picked(self, ids: list[int] | None) -> None:
        """Show the confirmation for deleting the registrations `ids`, or hide it (None)."""
        self.pending_picked = ids
        self.picked_confirm.layout.display = None if ids else "none"
        self.picked_question.value = (f"<b data-delete='{len(ids)}'>{esc(t('reg_delete_confirm', self.lang, n=len(ids)))}</b>"
                                      if ids else "")

    @shows_errors
    def _on_delete_picked(self, _button=None) -> None:
        ids = list(self.picks.value)
        if not ids:
            raise WorkbenchError("reg_pick_none")
        self._ask_picked(ids)

    @shows_errors
    def _on_delete_yes(self, _button=None) -> None:
        ids = self.pending_picked
        self._ask_picked(None)
        if ids:
            n = registration.delete_registrations(self.store, self.code, ids)
            self.picks.value = ()
            self.refresh()
            self.say(t("reg_deleted", self.lang, n=n))
