"""The facilitator's links between sessions, on a session's drafts page: registration (its link,
how many registered and came), the public results page (on/off, and its link) and each draft's
team link."""

from __future__ import annotations

import functools

import ipywidgets as w

from workbench.app import Workbench
from workbench.i18n import t
from workbench.session import public, registration, team_links
from workbench.ui import esc, public_url, show_message, shows_errors


def _full(path: str) -> str:
    base = public_url().rstrip("/")
    return f"{base}/{path}" if base else f"/{path}"


class SharingPanel:
    """`SharingPanel(wb, code).widget`: a checkbox for the public page with its link, and a
    link (or a button making one) per draft of the session."""

    def __init__(self, wb: Workbench, session_code: str, lang: str | None = None):
        self.store = wb.store
        self.code = session_code
        self.lang = lang or wb.settings["lang"]
        self.message = w.HTML()
        self.public = w.Checkbox(value=False, indent=False)
        self.public.add_class("wb-share-public")
        self.public.observe(self._on_public, "value")
        self.public_link = w.HTML()
        self.registration = w.HTML()
        self.registration.add_class("wb-registration")
        self.teams = w.VBox()
        self.make_buttons: dict[int, w.Button] = {}
        self.widget = w.VBox([w.HTML(f"<h3>{esc(t('share_title', self.lang))}</h3>"), self.message,
                              self.registration, w.HBox([self.public, self.public_link]), self.teams])
        self.widget.add_class("wb-sharing")
        self._loading = True
        self.public.value = public.public_link(self.store, self.code)["enabled"]
        self._loading = False
        self.refresh()

    def say(self, text: str, error: bool = False) -> None:
        show_message(self.message, text, error)

    def refresh(self) -> None:
        L = self.lang
        link = public.public_link(self.store, self.code)
        self.public.description = t("share_public", L)
        if link["enabled"]:
            url = _full(link["path"])
            self.public_link.value = f"<a href='{esc(url)}' target='_blank' class='wb-public-url'>{esc(url)}</a>"
        else:
            self.public_link.value = f"<i>{esc(t('share_public_off', L))}</i>"
        sid = self.store.session(self.code)["id"]
        regs = self.store.registrations(sid)
        reg_url = _full(registration.REGISTER_PATH + self.code)
        self.registration.value = (
            f"{esc(t('reg_title', L))}: <a href='{esc(reg_url)}' target='_blank'>{esc(reg_url)}</a> · "
            f"{esc(t('reg_counts', L, n=len(regs), present=sum(r['checked_in_at'] is not None for r in regs)))}")
        drafts = self.store.drafts(sid)
        tokens = self.store.team_links(d["id"] for d in drafts)
        rows = [w.HTML(f"<b>{esc(t('share_team_links', L))}</b>")] if drafts else []
        self.make_buttons = {}
        for d in drafts:
            if d["id"] in tokens:
                url = _full(team_links.TEAM_PATH + tokens[d["id"]])
                rows.append(w.HTML(f"{esc(d['title'])}: <a href='{esc(url)}' target='_blank' "
                                   f"class='wb-team-url'>{esc(url)}</a>"))
            else:
                b = w.Button(description=t("share_make_link", L), icon="link", layout=w.Layout(width="auto"))
                b.on_click(functools.partial(self._on_make, d["id"]))
                self.make_buttons[d["id"]] = b
                rows.append(w.HBox([w.HTML(esc(d["title"])), b]))
        self.teams.children = rows

    @shows_errors
    def _on_public(self, change) -> None:
        if self._loading:
            return
        public.set_public(self.store, self.code, bool(change["new"]))
        self.refresh()

    @shows_errors
    def _on_make(self, draft_id: int, _button=None) -> None:
        team_links.team_link(self.store, draft_id)
        self.refresh()
