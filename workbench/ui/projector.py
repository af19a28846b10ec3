"""The facilitator's projector view: one widget tree over the store, refreshed when it changes.

Readable from the back of a room at 1280×720: big card text, few controls. The view keeps
no state the store does not have, apart from what is selected on the screen.
"""

from __future__ import annotations

import ipywidgets as w
from ipywidgets.widgets.widget_bool import ToggleButtonStyle
from ipywidgets.widgets.widget_button import ButtonStyle
from ipywidgets.widgets.widget_string import HTMLStyle, TextStyle

from workbench.app import Workbench
from workbench.background import running_loop
from workbench.dates import shown_date
from workbench.errors import Conflict, Text, WorkbenchError
from workbench.i18n import t
from workbench.session import clock, display, facilitator, registration, voting
from workbench.session.model import accepts_cards, card_stage_id, member_label
from workbench.session.moderation import MODES
from workbench.session.phone import joins_per_minute
from workbench.session.stages import describe_candidates, describe_target
from workbench.session.teams import options as team_options
from workbench.session.teams import source_line as team_source_line
from workbench.session.wall import breakdown, groups, ideas, joined_summary, wall_order
from workbench.store.failures import storage_failed, store_unreachable
from workbench.ui import FollowsStore, ViewPart, error_message, esc, lang_toggle, said, shows_errors
from workbench.ui.another_phone import AnotherPhonePanel
from workbench.ui.cleanup_panel import CleanupPanel
from workbench.ui.opinion_live import LiveOpinionMap
from workbench.ui.protocol_panel import ProtocolPanel
from workbench.ui.stage_editor import StageEditor

CARD_CSS = (
    "<style>"
    ".wb-card{font-size:26px;line-height:1.25;padding:8px 12px;background:#fffbe6;border-radius:6px;"
    "border:1px solid #e0d9b0;white-space:pre-wrap;word-break:break-word}"
    ".wb-card.fac{background:#eef5ff;border-color:#b8cde8}"
    ".wb-card.grp{background:#1f4e79;color:#fff;font-weight:bold;font-size:28px;border:0}"
    ".wb-card.grp .wb-meta{color:#dde}"
    ".wb-card.in{margin-left:28px;font-size:22px}"
    ".wb-section{font-size:20px;color:#555;margin:10px 0 2px;font-weight:bold}"
    ".wb-show .wb-control{display:none !important}"
    # The join code's column: as wide as the QR code and a little more, never as wide as a long
    # address on one line (a https address with a port took 1,014 of 1,280 px, the wall 230); the
    # addresses wrap in it, at a «/» or «.» first (`_breakable`), never cut. In show mode the room
    # reads them from the back: at least the display's smallest text (2.2223 vh), the registration
    # link as text, not in its copy box (the facilitator's, a box that cut the address).
    ".wb-join-box{max-width:max(300px,30vw)}"
    ".wb-join-url,.wb-reg-url{overflow-wrap:anywhere;line-height:1.25}.wb-reg-link svg{display:block}"
    ".wb-show .wb-join-url{font-size:max(22px,3vh)}"
    # On a tablet or a phone (an assistant's) the join column beside the main column left it
    # 66 px at 400 px wide and covered it: under 900 px the columns stack, the join code first
    # (under the wall it was a scroll past every card away when someone came late).
    "@media (max-width:900px){.wb-columns{flex-direction:column !important}"
    ".wb-columns>*{flex:0 0 auto !important;max-width:100%}"
    ".wb-columns>.wb-main{padding:0 !important;order:1}}"
    # On a phone the session's title has the whole width, the language and show-mode buttons under it
    "@media (max-width:600px){.wb-header{flex-direction:column !important}.wb-header>*{flex:0 0 auto !important}}"
    ".wb-show .wb-reg-link{max-width:none !important;font-size:max(16px,2.2223vh) !important}"
    ".wb-show .wb-reg-url{font-size:max(22px,3vh)}"
    # «Частые слова»: a word longer than the column (a 500-letter "word" a phone sent) is cut with
    # «…», its whole self in the tooltip; it never runs over the join code beside the wall.
    ".wb-cloud{max-width:100%;overflow:hidden}.wb-tool-html .widget-html-content{min-width:0}"
    # The results (a 640 px matrix) scale down to the column beside the join code (at 1024 px
    # wide the column ends near 630 px: «Быстрые победы» and the 5.0 tick were cut).
    ".wb-results{max-width:100%;min-width:0}.wb-results .widget-html-content{min-width:0;max-width:100%}"
    ".wb-results .wb-table{max-width:100%}"
    # On a phone (an assistant's, 400 px) the matrix's table (idea, Важность, Выполнимость,
    # Оценили, Квадрант) ran 150 px past the screen's edge, cut: smaller, the headings smaller
    # still, each figure's column as narrow as its heading, the idea's the rest; what still does
    # not fit (413 px of headings and the longest idea word in 366) scrolls sideways in the
    # table's own box, the page never. The stage editor's «Новый этап после
    # этого» list and «Сохранить этапы как шаблон» went past the edge or were cut too, and a
    # long button («Убрать вошедших за эти минуты, кто ничего не прислал», «Показать результаты
    # на телефонах» squeezed beside «Открыть голосование») read «Убрать вошедших за эти мин…»:
    # a button's label wraps to a second line instead.
    "@media (max-width:600px){.wb-results .wb-table{font-size:14px !important}"
    ".wb-projector .jupyter-button{white-space:normal;height:auto;min-height:var(--jp-widgets-inline-height,28px);"
    "max-width:100%;line-height:1.25;padding-top:3px;padding-bottom:3px}"
    ".wb-results .wb-table th{font-size:11px}.wb-results .wb-table td{overflow-wrap:break-word}"
    ".wb-results .wb-table th,.wb-results .wb-table td{padding:2px 3px}"
    ".wb-results .wb-table th:not(:first-child),.wb-results .wb-table td:not(:first-child){width:1%}"
    ".wb-results .widget-html-content{overflow-x:auto}.wb-results .wb-table th{white-space:nowrap}"
    ".wb-stage-kind{max-width:100%;flex-wrap:wrap}.wb-stage-kind select{max-width:100%;min-width:0}}"
    ".wb-cloud span{display:inline-block;margin:2px 10px;color:#1f4e79;line-height:1.1;"
    "max-width:calc(100% - 20px);overflow:hidden;text-overflow:ellipsis;white-space:nowrap;vertical-align:bottom}"
    # The stage row: «Показать участникам» keeps its width; a long stage title wraps beside it,
    # and a stage's button in the picker is cut with «…» (its tooltip has the whole title).
    ".wb-current-label{overflow-wrap:anywhere}"
    ".wb-stage-picker .widget-toggle-button{max-width:420px}"
    # «Vote on: ideas | groups» on one line, as «Method [Dots]» beside it (a toggle's label sat
    # above its buttons, the row three heights at once; at 1024 px it read «Vote …» over its two
    # buttons stacked, and «Paper bal…»): the row wraps whole controls instead of squeezing them.
    ".wb-vote-row{flex-wrap:wrap;align-items:center;row-gap:4px}.wb-vote-row>*{flex:0 0 auto}"
    ".wb-vote-on{display:flex;align-items:center;gap:6px;margin:0 12px}"
    ".wb-vote-on>div{display:flex;flex-wrap:nowrap}"
    ".wb-vote-on .widget-label{white-space:nowrap;width:auto;max-width:none;overflow:visible}"
    ".wb-meta{font-size:14px;color:#666}"
    ".wb-title{font-size:30px;font-weight:bold;color:#1f4e79}"
    ".wb-prompt{font-size:24px;color:#333}"
    ".wb-code{font-size:44px;font-weight:bold;letter-spacing:4px;color:#1f4e79}"
    ".wb-big{font-size:22px}"
    ".wb-timer{font-size:40px;font-weight:bold;font-family:monospace}"
    ".wb-bar{display:flex;align-items:center;margin:6px 0;font-size:22px}"
    ".wb-bar .l{width:45%;padding-right:10px;white-space:normal;word-break:break-word}"
    ".wb-bar .b{height:28px;background:#1f4e79;border-radius:4px;margin-right:8px}"
    ".wb-err{color:#8a1f11;background:#fde2e1;padding:6px 10px;border-radius:6px;font-size:18px}"
    ".wb-ok{color:#1d5e20;font-size:18px}"
    # A selected card is plain to see: an orange frame and tint on the card, its ✓ filled.
    ".wb-selected .wb-card{outline:4px solid #e07b00;outline-offset:-1px;background:#ffe2b8}"
    ".wb-selected .wb-card.grp{background:#8a4a00;outline-color:#e07b00}"
    ".wb-select.mod-active{background:#e07b00 !important;color:#fff !important}"
    # The actions on the selected cards stay at the top of the window while the wall scrolls (40
    # cards are three screens); sticky needs every box around it to let it overflow, Voila's output
    # area too (this style is on the control view's page only, whose one output is the view; not
    # `:has(.wb-projector)`, whose style checks on every change held the first drawing of 80 cards
    # past a minute).
    ".wb-actions{position:sticky;top:0;z-index:20;background:#fff;box-shadow:0 2px 4px -2px rgba(0,0,0,.25)}"
    ".jp-OutputArea,.jp-OutputArea-child,.jp-OutputArea-output{overflow:visible}"
    ".wb-proposal,.wb-proposal li{overflow-wrap:anywhere;word-break:break-word}"
    "</style>"
)


class CardWidget(w.HBox):
    def __init__(self, card: dict, view: ProjectorView):
        self.card_id = card["id"]
        shared = view.card_parts()
        # classes given at construction travel with the widget's first message (add_class would
        # send one more message a widget, 80 cards at a time)
        self.select = w.ToggleButton(value=False, icon="check", tooltip="", layout=shared["select"],
                                     style=shared["select_style"], _dom_classes=("wb-control", "wb-select"))
        self.select.observe(lambda ch: self._selected(view, ch["new"]), "value")
        self.body = w.HTML(layout=shared["body"], style=shared["body_style"], _dom_classes=("wb-card-body",))
        parts = [self.select, self.body]
        self.rename = None
        if card["is_group"]:  # a group's name is corrected by its own ✎ (a group is one card of many)
            self.rename = w.Button(description="✎", layout=w.Layout(width="44px", height="44px", flex="0 0 44px"),
                                   _dom_classes=("wb-control", "wb-rename-group"))
            self.rename.on_click(lambda _: view.start_rename(self.card_id))
            parts.append(self.rename)
        super().__init__(parts, layout=shared["row"], _dom_classes=("wb-card-row",))
        self.key = None
        self.update(card, view.lang)

    def _selected(self, view: ProjectorView, on: bool) -> None:
        if on:
            self.add_class("wb-selected")
        else:
            self.remove_class("wb-selected")
        view.on_select(self.card_id, on)

    def update(self, card: dict, lang: str, badge: str | None = None) -> None:
        key = (card["text"], card["updated_at"], card["by_facilitator"], card["is_group"],
               card["group_id"], badge, lang, card.get("flagged"))
        if key == self.key:
            return
        self.key = key
        if card["is_group"]:
            cls = "wb-card grp"
        else:
            cls = "wb-card fac" if card["by_facilitator"] else "wb-card"
            cls += " in" if card["group_id"] else ""
        extra = f" <b style='color:#1f4e79' class='wb-badge'>{esc(badge)}</b>" if badge is not None else ""
        meta = (f"<div class='wb-meta'>{esc(t('entered_by_facilitator', lang))}</div>"
                if card["by_facilitator"] and not card["is_group"] else "")
        if card.get("flagged") and "*" in card["text"]:  # masked by the filter (a held card keeps its text)
            meta += f"<div class='wb-meta wb-flagged'>{esc(t('masked_mark', lang))}</div>"
        self.body.value = f"<div class='{cls}' data-card='{card['id']}'>{said(card['text'])}{extra}{meta}</div>"
        self.select.tooltip = t("select_card", lang)  # the ✓ button's name for a mouse and a screen reader
        if self.rename is not None:
            self.rename.tooltip = t("rename_group", lang)


def joined_html(summary: dict, lang: str, per_minute: int = 0, came: dict | None = None) -> str:
    """How many joined, and from where and which sectors (the opening of a session); small, how
    many joined in the last minute, so a sudden flood of joins catches the facilitator's eye.
    With `came` (`registration.attendance`) and registrations, a line on the door: registered,
    checked in, of them without a phone."""
    def part(counts: dict, label) -> str:
        listed, rest, hidden = breakdown(counts)
        # «Территория не указана: 2», «Сфера не указана: 2»: each line's "not given" says what it is about
        out = ", ".join(f"{esc(label(k))}{' ' if k else ': '}{n}" for k, n in listed)
        if rest:  # the numbers on the line add up to the total
            names = esc(", ".join(label(k) for k in hidden))
            out += f", <span title='{names}' data-more='{rest}'>{esc(t('joined_more', lang, n=rest))}</span>"
        return out
    where = part(summary["territory"], lambda k: k or t("territory_not_given", lang))
    sectors = part(summary["sector"], lambda k: t(f"sector_{k}", lang) if k else t("sector_not_given", lang))
    detail = f"<div class='wb-meta' style='font-size:16px'>{where}<br>{sectors}</div>" if summary["total"] else ""
    # «+N за минуту» while people are coming in; nothing once nobody joined in the last minute
    rate = (f" <small class='wb-meta' data-joins-per-minute='{per_minute}'>"
            f"{esc(t('joins_per_minute', lang, n=per_minute)) if per_minute else ''}</small>"
            if summary["total"] else "")
    door = ""
    if came and came["registered"]:
        said = t("joined_door", lang, **{k: came[k] for k in ("registered", "checked_in", "door")})
        door = f"<div class='wb-meta wb-door' data-door='{came['door']}'>{esc(said)}</div>"
    return (f"<span class='wb-big' data-joined='{summary['total']}'>"
            f"{esc(t('joined_n', lang, n=summary['total']))}</span>{rate}{door}{detail}")


# Copies the link in the box beside the button: the clipboard API where the page is a secure
# context (https, localhost), else the selected text (a laptop served over http on the room's Wi-Fi).
_COPY = ("var i=this.parentNode.querySelector('input'),b=this;i.select();"
         "function ok(){b.textContent=b.dataset.copied}"
         "function old(){document.execCommand('copy');ok()}"
         "if(navigator.clipboard&&window.isSecureContext){navigator.clipboard.writeText(i.value).then(ok,old)}"
         "else{old()}")


def registration_box(join_url: str, code: str, lang: str) -> str:
    """The event's registration link beside the join code: the link in a box to select, a copy
    button and a small QR code (to share before the day, or let the room register); none
    without a join link to take the server's address from."""
    if "/s/" not in join_url:
        return ""
    import segno

    url = registration.register_url(join_url.rsplit("/s/", 1)[0], code)
    qr = segno.make(url, error="m").svg_inline(scale=3, border=2)
    return (f"<div class='wb-reg-link' style='margin-top:12px;font-size:14px;max-width:300px'>"
            f"<b>{esc(t('reg_link_title', lang))}</b>"
            f"<div class='wb-control' style='display:flex;gap:4px;margin:4px 0'><input readonly value='{esc(url)}' "
            f"style='flex:1;min-width:0;font-size:13px' onfocus='this.select()'>"
            f"<button type='button' data-copied='{esc(t('reg_copied', lang))}' onclick=\"{_COPY}\">"
            f"{esc(t('reg_copy', lang))}</button></div>{qr}"
            f"<div class='wb-reg-url'><a href='{esc(url)}' target='_blank'>{_breakable(url)}</a></div></div>")


def _breakable(url: str) -> str:
    """An address as HTML that wraps after its «/» and «.» first (a narrow column, large letters).

    >>> _breakable("https://a.example.org/reg/K1")
    'https://<wbr>a.<wbr>example.<wbr>org/<wbr>reg/<wbr>K1'
    """
    out = esc(url)
    for mark in ("/", "."):
        out = out.replace(mark, mark + "<wbr>")
    return out.replace("/<wbr>/<wbr>", "//<wbr>")


def word_cloud_html(texts: list[str], top: int = 40) -> str:
    """The cards' most frequent words (the display's cloud: ``display.word_counts``), sized by
    frequency."""
    from workbench.session.display import word_counts

    common = word_counts(texts, top)
    if not common:
        return ""
    most = max(n for _, n in common)
    spans = "".join(f"<span data-word='{esc(w_)}' title='{esc(w_)}' style='font-size:{int(18 + 38 * n / most)}px'>"
                    f"{esc(w_)}</span>"
                    for w_, n in common)
    return f"<div class='wb-cloud'>{spans}</div>"


def teams_html(options: list[dict], lang: str) -> str:
    """Teams forming around the top ideas: members with their organisation, the leader starred."""
    if not options:
        return f"<div class='wb-big'>{esc(t('no_team_options', lang))}</div>"
    out = []
    for o in options:
        people = "".join(
            f"<li>{'★ ' if m['leader'] else ''}{said(member_label(m, lang))}</li>" for m in o["members"])
        out.append(f"<div class='wb-card' data-team='{o['id']}' style='margin:6px 0'><b>{said(o['text'])}</b>"
                   # «В команде: 2» stays on one line, after the idea however long it is
                   f" <span class='wb-meta wb-team-count' style='white-space:nowrap' data-members='{len(o['members'])}'>"
                   f"{esc(t('members_n', lang, n=len(o['members'])))}</span>"
                   f"<ul style='font-size:20px;margin:4px 0'>{people}</ul></div>")
    return "".join(out)


def proposal_html(proposal: list[tuple[str, list[int]]], texts: dict[int, str], lang: str) -> str:
    """Proposed groups, each with its cards, before the facilitator accepts them."""
    parts = [f"<div class='wb-big'><b>{esc(t('proposal', lang, n=len(proposal)))}</b></div>"]
    for name, ids in proposal:
        items = "".join(f"<li>{said(texts[i])}</li>" for i in ids)
        parts.append(f"<div class='wb-big' data-group><b>{said(name)}</b> ({len(ids)})<ul>{items}</ul></div>")
    return f"<div class='wb-proposal'>{''.join(parts)}</div>"


class ModerationPanel(ViewPart):
    """The session's moderation settings (the obscenity filter's mode, the approval queue) and
    the "На модерации (N)" queue: phones' cards waiting for the facilitator, approved or rejected
    one or several at a time. A control: hidden in show mode."""

    def __init__(self, view: ProjectorView):
        self.view = view
        self.mode = w.Dropdown(options=[], layout=w.Layout(width="420px"), style={"description_width": "initial"})
        self.mode.add_class("wb-moderation-mode")
        self.approval = w.Checkbox(value=False, indent=False, layout=w.Layout(width="auto"))
        self.approval.add_class("wb-approval")
        self.heading = w.HTML()
        self.rows = w.VBox()
        self.approve_button = w.Button(button_style="success", layout=w.Layout(width="auto"))
        self.approve_button.add_class("wb-approve")
        self.reject_button = w.Button(button_style="danger", layout=w.Layout(width="auto"))
        self.reject_button.add_class("wb-reject")
        self.approve_all_button = w.Button(layout=w.Layout(width="auto"))
        self.approve_all_button.add_class("wb-approve-all")
        self.approve_button.on_click(lambda _: self._decide(facilitator.approve, "approved_n", self.selected()))
        self.reject_button.on_click(lambda _: self._decide(facilitator.reject, "rejected_n", self.selected()))
        self.approve_all_button.on_click(lambda _: self._decide(facilitator.approve, "approved_n", list(self.checks)))
        self.queue = w.VBox([self.heading, self.rows,
                             w.HBox([self.approve_button, self.reject_button, self.approve_all_button])],
                            layout=w.Layout(display="none", border="2px solid #e0a800", padding="4px 8px"))
        self.queue.add_class("wb-queue")
        self.settings = w.HBox([self.mode, self.approval], layout=w.Layout(align_items="center", flex_flow="row wrap"))
        self.widget = w.VBox([self.settings, self.queue])
        self.widget.add_class("wb-control")
        self.checks: dict[int, w.Checkbox] = {}
        self._row_widgets: dict[int, w.HBox] = {}
        self._syncing = False
        self.mode.observe(self._on_settings, "value")
        self.approval.observe(self._on_settings, "value")

    def render_labels(self) -> None:
        L = self.lang
        self._syncing = True
        try:
            self.mode.description = t("moderation_mode", L)
            self.mode.options = [(t(f"moderation_{m}", L), m) for m in MODES]
            self.approval.description = t("approval_queue", L)
        finally:
            self._syncing = False
        self.approve_button.description = t("approve", L)
        self.reject_button.description = t("reject", L)
        self.approve_all_button.description = t("approve_all", L)
        for row in self._row_widgets.values():  # the rows' notes are worded anew by the next refresh
            row.close()
        self._row_widgets.clear()
        self.checks.clear()

    def refresh(self, session: dict, stage_titles: dict[int, str], takes_cards: bool = True) -> None:
        """The settings on a stage that takes cards or statements; the queue wherever cards wait."""
        self.settings.layout.display = "" if takes_cards else "none"
        self._syncing = True
        try:
            if self.mode.value != session["moderation"]:
                self.mode.value = session["moderation"]
            if self.approval.value != bool(session["approval"]):
                self.approval.value = bool(session["approval"])
        finally:
            self._syncing = False
        waiting = facilitator.waiting(self.view.store, session["id"])
        for card in waiting:
            if card["id"] not in self._row_widgets:
                check = w.Checkbox(value=False, indent=False, layout=w.Layout(width="32px"))
                why = t("flagged_word", self.lang) if card["flagged"] else ""
                meta = " · ".join(x for x in (stage_titles.get(card["stage_id"], ""), why) if x)
                body = w.HTML(f"<div class='wb-card' data-pending='{card['id']}' style='font-size:20px'>"
                              f"{said(card['text'])}<div class='wb-meta'>{esc(meta)}</div></div>",
                              layout=w.Layout(flex="1"))
                row = w.HBox([check, body], layout=w.Layout(align_items="center", width="100%"))
                row.add_class("wb-pending")
                self.checks[card["id"]], self._row_widgets[card["id"]] = check, row
        for gone in set(self._row_widgets) - {c["id"] for c in waiting}:
            self.checks.pop(gone)
            self._row_widgets.pop(gone).close()
        children = tuple(self._row_widgets[c["id"]] for c in waiting)
        if self.rows.children != children:
            self.rows.children = children
        self.heading.value = (f"<div class='wb-section' data-waiting='{len(waiting)}'>"
                              f"{esc(t('moderation_queue', self.lang, n=len(waiting)))}</div>")
        self.queue.layout.display = "" if waiting else "none"

    def selected(self) -> list[int]:
        return [cid for cid, check in self.checks.items() if check.value]

    @shows_errors
    def _decide(self, action, message: str, card_ids: list[int]) -> None:
        n = action(self.view.store, self.view.session["id"], card_ids)
        self.view.refresh()
        self.say(t(message, self.lang, n=n))

    @shows_errors
    def _on_settings(self, _change) -> None:
        if self._syncing:
            return
        facilitator.set_moderation(self.view.store, self.view.session["id"], self.mode.value, self.approval.value)
        self.view.refresh()


class ProjectorView(FollowsStore):
    """Build with `ProjectorView(wb, code)`; `.widget` is what the notebook displays."""

    def __init__(self, wb: Workbench, code: str, join_url: str = "", lang: str | None = None):
        self.wb = wb
        self.store = wb.store
        self.session = self.store.session(code)
        # The session's language (created in, or last chosen here): a reload or a second laptop
        # opens in it and never switches the display back to the `lang` setting.
        self.lang = lang or display.display_language(self.store, self.session["id"], wb.settings["lang"])
        self.join_url = join_url
        self.selected: list[int] = []
        self.cards: dict[int, CardWidget] = {}
        self.viewed_stage_id = self._opening_stage()
        self._last_version = None
        self._task = None
        # Results drawn in a worker thread: only under the loop `watch()` runs on (a test or a
        # script that happens to run inside some event loop draws at once).
        self.offload = False
        self._building = False
        self._card_parts = None
        self._opening_error = None  # a write on opening that failed (a full disk): said once built
        self._build()
        self.refresh()
        if self._opening_error:
            self.say(self._opening_error, error=True)

    def _opening_stage(self) -> int | None:
        """The stage the view opens on: the one the display shows (the stage this laptop last
        showed, kept in the store), so after a restart the laptop and the projector agree; else
        the one on phones."""
        shown = self.session["display_stage_id"]
        if shown is not None and any(s["id"] == shown for s in self.store.stages(self.session["id"])):
            return shown
        return self.session["current_stage_id"]

    # --- layout ---------------------------------------------------------------------------
    def card_parts(self) -> dict:
        """The cards' layouts and styles: one of each shared by every card (none changes per
        card), so a card is three widgets for the page to build, not eight."""
        if self._card_parts is None:
            # the ✓ keeps its 44 px beside a long card (a flex item shrinks unless told not to)
            self._card_parts = {"select": w.Layout(width="44px", height="44px", flex="0 0 44px"),
                                "select_style": ToggleButtonStyle(),
                                "body": w.Layout(), "body_style": HTMLStyle(),
                                "row": w.Layout(align_items="center", width="100%")}
        return self._card_parts

    def _build(self) -> None:
        self.style = w.HTML(CARD_CSS)
        self.title = w.HTML()
        self.lang_toggle = lang_toggle(self.lang, self._on_lang)
        self.join_box = w.HTML(layout=w.Layout(min_width="260px"))
        self.join_box.add_class("wb-join-box")
        self.joined = w.HTML()
        self.stage_picker = w.ToggleButtons(options=[], style={"button_width": "auto"})
        self.stage_picker.add_class("wb-stage-picker")  # tests tell it from the display's choice
        self.stage_picker.observe(self._on_pick_stage, "value")
        # A click on the stage or display mode already chosen sends it to the display again (one
        # click lines the projector up with the laptop): ToggleButtons tell the kernel nothing
        # then, so the Voila template's script clicks these hidden buttons instead.
        # one hidden layout and one plain button style for several buttons: a widget is a message to the page
        hidden, self._plain = w.Layout(display="none"), ButtonStyle()
        style = self._plain
        self.stage_again = w.Button(layout=hidden, style=style, _dom_classes=("wb-again-stage",))
        self.stage_again.on_click(self._on_stage_again)
        self.display_again = w.Button(layout=hidden, style=style, _dom_classes=("wb-again-display",))
        self.display_again.on_click(self._on_display_again)
        self.make_current = w.Button(button_style="primary", layout=w.Layout(width="auto", flex="0 0 auto"))
        self.make_current.on_click(self._on_make_current)
        self.current_label = w.HTML(layout=w.Layout(flex="1 1 auto", min_width="0"))
        self.current_label.add_class("wb-current-label")
        self.prompt = w.HTML()
        self.timer_minutes = w.BoundedIntText(value=10, min=1, max=180, layout=w.Layout(width="150px"))
        self.timer_start = w.Button(layout=w.Layout(width="auto"))
        self.timer_start.on_click(self._on_timer_start)
        self.timer_stop = w.Button(layout=w.Layout(width="auto"))
        self.timer_stop.on_click(self._on_timer_stop)
        self.timer_display = w.HTML()
        self.message = w.HTML()
        # adding cards for people without a phone: a box per stage (`_draft_box`), the viewed
        # stage's shown, so what was typed for one question is never added under another
        self.drafts: dict[int, w.Textarea] = {}
        self._draft_parts = (w.Layout(width="70%", height="60px"), TextStyle())
        self._drafts_elsewhere = ""  # names the other stages' unsent text, under the stage's question
        self.add_button = w.Button(button_style="success", layout=w.Layout(width="auto"))
        self.add_button.on_click(self._on_add)
        self.add_row = w.HBox([self.add_button])
        # moderation
        self.hide_button = w.Button(layout=w.Layout(width="auto"), style=self._plain)
        self.hide_button.on_click(self._on_hide)
        self.edit_button = w.Button(layout=w.Layout(width="auto"), style=self._plain)
        self.edit_button.on_click(self._on_edit)
        self.merge_button = w.Button(layout=w.Layout(width="auto"), style=self._plain)
        self.merge_button.on_click(self._on_merge)
        self.clear_button = w.Button(layout=w.Layout(width="auto"), style=self._plain)
        self.clear_button.on_click(self._on_clear)
        # the one way a card gets a frame on the projector: the facilitator shows it to the room
        # (its layout and style are «Снять выбор»'s, which never change: fewer widgets to open the view)
        self.spotlight_button = w.Button(layout=self.clear_button.layout, style=self.clear_button.style)
        self.spotlight_button.add_class("wb-spotlight")
        self.spotlight_button.on_click(self._on_spotlight)
        self.unspotlight_button = None  # «Снять выделение на экране (N)»: built when first needed
        self.edit_text = w.Textarea(layout=w.Layout(width="70%", height="60px"))
        self.save_button = w.Button(button_style="warning", layout=w.Layout(width="auto"))
        self.save_button.on_click(self._on_save)
        self.edit_row = w.HBox([self.edit_text, self.save_button], layout=w.Layout(display="none"))
        self.to_statements = w.Button(layout=w.Layout(width="auto"), style=self._plain)
        self.to_statements.on_click(self._on_to_statements)
        self.moderation = w.HBox([self.hide_button, self.edit_button, self.merge_button, self.clear_button,
                                  self.to_statements, self.spotlight_button],
                                 layout=w.Layout(flex_flow="row wrap"))
        # The panels of a kind of stage (statements, voting) and the groups' proposal are built the
        # first time they are needed (`_statements_panel`, `_voting_panel`, `_proposal_panel`): a
        # widget is a message to the page and a model it builds, and most openings need none of them.
        self.statements_box = w.VBox(layout=w.Layout(display="none"))
        self.teams_html = w.HTML(layout=w.Layout(display="none"))
        # groups: suggest, accept, then correct by hand
        self.suggest_button = w.Button(button_style="info", layout=w.Layout(width="auto"))
        self.suggest_button.on_click(self._on_suggest)
        self.place_button = w.Button(layout=w.Layout(width="auto"))
        self.place_button.on_click(self._on_place_new)
        self.move_target = w.Dropdown(options=[], layout=w.Layout(width="260px"))
        self.move_target.add_class("wb-move-target")
        self.move_button = w.Button(layout=w.Layout(width="auto"))
        self.move_button.on_click(self._on_move)
        self.new_group_name = w.Text(layout=w.Layout(width="220px"))
        self.new_group_button = w.Button(layout=w.Layout(width="auto"))
        self.new_group_button.on_click(self._on_new_group)
        self.groups_row = w.HBox([self.suggest_button, self.place_button, self.move_target, self.move_button,
                                  self.new_group_name, self.new_group_button],
                                 layout=w.Layout(flex_flow="row wrap"))
        self.cloud_button = w.Button(layout=w.Layout(width="auto"))
        self.cloud_button.on_click(self._on_cloud)
        self.dups_button = w.Button(layout=w.Layout(width="auto"))
        self.dups_button.on_click(self._on_duplicates)
        self.merge_dups_button = w.Button(button_style="warning", layout=w.Layout(width="auto", display="none"))
        self.merge_dups_button.on_click(self._on_merge_duplicates)
        self.tools_row = w.HBox([self.cloud_button, self.dups_button, self.merge_dups_button])
        self.tool_html = w.HTML()
        self.tool_html.add_class("wb-tool-html")
        # the sets of repeats found, each set and each card with a tick: what is ticked is merged
        # (the box goes in under the tools the first time repeats are found: `_dups_panel`)
        self.dups_box: w.VBox | None = None
        self.dup_ticks: list[tuple[w.Checkbox, list[tuple[int, w.Checkbox]]]] = []
        self.duplicates: list[list[int]] = []
        self.show_mode = w.ToggleButton(value=False, layout=w.Layout(width="auto"))
        self.show_mode.observe(self._on_show_mode, "value")
        # The projector's display page (a second window): a link, and what it shows.
        self.display_link = w.HTML()
        self.display_choice = w.ToggleButtons(options=[], style={"button_width": "auto"})
        self.display_choice.add_class("wb-display-choice")
        self.display_choice.observe(self._on_display_choice, "value")
        self.display_row = w.HBox([self.display_link, self.display_choice, self.display_again],
                                  layout=w.Layout(align_items="center", flex_flow="row wrap"))
        self.display_row.add_class("wb-control")
        self.proposal_box = w.VBox(layout=w.Layout(display="none"))
        self.proposal: list[tuple[str, list[int]]] = []
        self.proposal_stage_id: int | None = None  # the stage the proposal was made for
        self.regroup_warning = None  # what accepting the proposal would wipe, while the view asks
        self.ungrouped_label = w.HTML()
        self.voting_box = w.VBox(layout=w.Layout(display="none"))
        # The wall's children are kept in reverse of the order shown (the top card last), drawn
        # with column-reverse: the page's widget manager redraws every child after the first one
        # that changed, so a new card at the top (index 0) redrew all 180 cards of a full stage and
        # the laptop fell tens of seconds behind the phones; at the end of the list it draws one.
        self.wall = w.VBox(layout=w.Layout(width="100%", flex_flow="column-reverse"))
        self.approvals = ModerationPanel(self)  # the moderation queue and settings
        self.cleanup = CleanupPanel(self)  # removing a flood of fake participants
        self.another_phone = AnotherPhonePanel(self)  # a phone went dark: go on on a borrowed one
        self.stage_editor = StageEditor(self)  # add, remove, rename, re-prompt, reorder; candidates
        # at closing, no terminal: its links go under the join code, made on the first click
        self.protocol = ProtocolPanel(self.wb, self.session["code"], self.lang, self._place_protocol)
        self.empty = w.HTML()
        header = w.HBox([w.VBox([self.title, self.joined], layout=w.Layout(flex="1")),
                         w.VBox([self.lang_toggle, self.show_mode, self.protocol.make])])
        header.add_class("wb-header")
        make_current_row = w.HBox([self.make_current, self.current_label])
        stage_row = w.VBox([self.stage_picker, self.stage_again, make_current_row])
        timer_row = w.HBox([self.timer_display, self.timer_minutes, self.timer_start, self.timer_stop],
                           layout=w.Layout(align_items="center"))
        # What the room does not need to see; hidden in show mode (the ✓ buttons of the cards too).
        for control in (self.stage_picker, make_current_row, self.timer_minutes, self.timer_start,
                        self.timer_stop, self.add_row, self.moderation, self.edit_row, self.groups_row,
                        self.tools_row):
            control.add_class("wb-control")
        # The message and the actions on the selected cards, kept in sight over a long wall.
        self.actions = w.VBox([self.message, self.moderation, self.edit_row], layout=w.Layout(overflow="visible"))
        self.actions.add_class("wb-actions")
        main = w.VBox([self.display_row, stage_row, self.stage_editor.widget, self.prompt, timer_row,
                       self.approvals.widget, self.cleanup.widget, self.add_row, self.another_phone.widget,
                       self.actions,
                       self.groups_row, self.tools_row, self.tool_html, self.proposal_box,
                       self.voting_box,
                       self.statements_box, self.teams_html, self.empty,
                       self.wall],
                      layout=w.Layout(flex="1", min_width="0", padding="0 12px 0 0", overflow="visible"))
        main.add_class("wb-main")
        self.main = main  # the cleanup panel puts itself in when first opened
        self.columns = w.HBox([main, self.join_box], layout=w.Layout(overflow="visible"))
        self.columns.add_class("wb-columns")  # side by side; stacked on a narrow screen (CARD_CSS)
        self.widget = w.VBox([self.style, header, self.columns], layout=w.Layout(overflow="visible"))
        self.widget.add_class("wb-projector")
        self.widget.add_class(f"wb-lang-{self.lang}")  # the frame's offline banner speaks it too
        self._render_labels()

    def _place_protocol(self, files) -> None:
        """The protocol's links, under the join code (the column beside the wall)."""
        main = self.columns.children[0]
        self.columns.children = (main, w.VBox([self.join_box, files], layout=w.Layout(flex="0 0 auto")))

    def _render_labels(self) -> None:
        L = self.lang
        self._render_title()
        self.make_current.description = t("make_current", L)
        self.timer_minutes.description = t("timer_min", L)
        self.timer_start.description = t("timer_start", L)
        self.timer_stop.description = t("timer_stop", L)
        for box in self.drafts.values():
            box.placeholder = t("type_for_someone", L)
        self.add_button.description = t("add_card", L)
        self.hide_button.description = t("hide", L)
        self.edit_button.description = t("edit", L)
        self.merge_button.description = t("merge", L)
        self.clear_button.description = t("clear_selection", L)
        self.spotlight_button.description = t("spotlight", L)
        self.spotlight_button.tooltip = t("spotlight_tip", L)
        self.save_button.description = t("rename_group" if getattr(self, "_editing_group", False) else "save", L)
        self.suggest_button.description = t("suggest_groups", L)
        self.to_statements.description = t("to_statements", L)
        self.cloud_button.description = t("word_cloud", L)
        self.dups_button.description = t("find_duplicates", L)
        self.merge_dups_button.description = t("merge_duplicates", L)
        self.show_mode.description = t("show_mode", L)
        self._display_labels()
        self.approvals.render_labels()
        self.cleanup.render_labels()
        self.another_phone.render_labels()
        self.stage_editor.render_labels()
        self.protocol.lang = L
        self.protocol.render_labels()
        self.place_button.description = t("place_new", L)
        self.move_button.description = t("move_to", L)
        self.new_group_button.description = t("new_group", L)
        self.new_group_name.placeholder = t("new_group_name", L)
        self.ungrouped_label.value = f"<div class='wb-section'>{esc(t('ungrouped', L))}</div>"
        self._panel_labels()
        self.timer_minutes.style = {"description_width": "initial"}
        self.empty.value = f"<div class='wb-meta wb-big'>{esc(t('no_cards', L))}</div>"
        code = self.session["code"]
        qr = ""
        if self.join_url:
            import segno

            qr = segno.make(self.join_url, error="m").svg_inline(scale=6, border=2)
        self.join_box.value = (
            f"<div class='wb-big'>{esc(t('join_at', L))}</div>{qr}"
            f"<div class='wb-code'>{esc(code)}</div>"
            f"<div class='wb-big wb-join-url'>{_breakable(self.join_url)}</div>"
            + registration_box(self.join_url, code, L))  # under the join code: no widget of its own

    def _render_title(self) -> None:
        """The session's title, territory and date at the top (changed under «✎ Этапы и сессия» or with
        `workbench session-edit`: redrawn at the next refresh)."""
        s = self.session
        where = " · ".join(x for x in (s["territory"], shown_date(s["date"], self.lang)) if x)
        html = f"<div class='wb-title'>{esc(s['title'])}</div><div class='wb-meta'>{esc(where)}</div>"
        if s.get("archived_at") is not None:  # its links all answer 410 (`lifecycle.check_open`)
            html += f"<div class='wb-err' data-archived>{esc(t('projector_archived', self.lang, code=s['code']))}</div>"
        if self.title.value != html:
            self.title.value = html

    def _statements_panel(self) -> None:
        """Open and close the statements, and the opinion map, redrawn as phones answer."""
        if self.statements_box.children:
            return
        self.statements_toggle = w.Button(layout=w.Layout(width="auto"))
        self.statements_toggle.on_click(self._on_voting_toggle)
        self.map_button = w.Button(button_style="info", layout=w.Layout(width="auto"))
        self.map_button.on_click(self._on_opinion_map)
        self.map_html = w.HTML()
        self.opinion_live = LiveOpinionMap(self.store, self.map_html, self._panel)
        buttons = w.HBox([self.statements_toggle, self.map_button])
        buttons.add_class("wb-control")
        self.statements_box.children = (buttons, self.map_html)
        self._panel_labels()

    def _voting_panel(self) -> None:
        """The voting stage's method, what is voted on, paper ballots, open and close, results."""
        if self.voting_box.children:
            return
        self._building = True  # the controls' first values are not the facilitator's choice
        try:
            self.budget = w.BoundedIntText(value=3, min=1, max=20, layout=w.Layout(width="200px"))
            self.budget.observe(self._on_budget, "value")
            self.voting_toggle = w.Button(layout=w.Layout(width="auto"))
            self.voting_toggle.on_click(self._on_voting_toggle)
            self.results_toggle = w.Button(layout=w.Layout(width="auto"))
            self.results_toggle.on_click(self._on_results_toggle)
            for toggle in (self.voting_toggle, self.results_toggle):
                toggle.add_class("wb-once")  # a double click is one click (the projector frame drops the second)
            self.voting_status = w.HTML()
            self.chart = w.HTML()
            self.chart.add_class("wb-results")
            self.vote_on = w.ToggleButtons(options=[("ideas", "ideas"), ("groups", "groups")], value="ideas",
                                           style={"button_width": "auto"})
            self.vote_on.observe(self._on_vote_on, "value")
            self.vote_on.add_class("wb-vote-on")
            self.method = w.Dropdown(options=[], layout=w.Layout(width="320px"))
            self.method.observe(self._on_method, "value")
            self.method.add_class("wb-method")
            self.paper_button = w.Button(layout=w.Layout(width="auto"))
            self.paper_button.on_click(self._on_paper)
            self.paper_link = w.HTML()
            choose = w.HBox([self.method, self.vote_on, self.paper_button])
            choose.add_class("wb-vote-row")
            toggles = w.HBox([self.budget, self.voting_toggle, self.results_toggle])
            for control in (choose, toggles):
                control.add_class("wb-control")
            self.voting_box.children = (choose, self.paper_link, toggles, self.voting_status, self.chart)
            self._panel_labels()
        finally:
            self._building = False

    def _proposal_panel(self) -> None:
        """The groups the workbench proposes, to accept or discard."""
        if self.proposal_box.children:
            return
        self.proposal_html = w.HTML()
        self.accept_button = w.Button(button_style="success", layout=w.Layout(width="auto"))
        self.accept_button.on_click(self._on_accept)
        self.discard_button = w.Button(layout=w.Layout(width="auto"))
        self.discard_button.on_click(self._on_discard)
        # too many groups for the room (or too few): the same cards proposed again in one group less or more
        self.fewer_button = w.Button(layout=w.Layout(width="auto"))
        self.fewer_button.on_click(lambda _: self._on_suggest(k=len(self.proposal) - 1))
        self.more_button = w.Button(layout=w.Layout(width="auto"))
        self.more_button.on_click(lambda _: self._on_suggest(k=len(self.proposal) + 1))
        # asked before new groups replace groups people voted on or formed teams on; keeping is the default
        self.regroup_html = w.HTML()
        self.regroup_keep = w.Button(button_style="primary", layout=w.Layout(width="auto"))
        self.regroup_keep.on_click(self._on_discard)
        self.regroup_confirm = w.Button(button_style="danger", layout=w.Layout(width="auto"))
        self.regroup_confirm.on_click(self._on_accept_anyway)
        self.regroup_box = w.VBox([self.regroup_html, w.HBox([self.regroup_keep, self.regroup_confirm])],
                                  layout=w.Layout(display="none"))
        self.proposal_box.children = (self.proposal_html, w.HBox([self.accept_button, self.discard_button,
                                                                  self.fewer_button, self.more_button]),
                                      self.regroup_box)
        self._panel_labels()

    def _panel_labels(self) -> None:
        """The labels of the panels built so far, in the view's language."""
        L = self.lang
        if self.statements_box.children:
            self.map_button.description = t("opinion_map", L)
        if self.proposal_box.children:
            self.accept_button.description = t("accept_groups", L)
            self.discard_button.description = t("discard_groups", L)
            self.fewer_button.description = t("fewer_groups", L)
            self.more_button.description = t("more_groups", L)
            self.regroup_keep.description = t("regroup_keep", L)
            self.regroup_confirm.description = t("regroup_confirm", L)
            if self.regroup_warning is not None:
                self.regroup_html.value = f"<div class='wb-err' role='alert'>{esc(self.regroup_warning.message(L))}</div>"
        if self.voting_box.children:
            self.vote_on.description = t("vote_on", L)
            self.paper_button.description = t("paper_ballot", L)
            self.method.description = t("method", L)
            self.method.options = [(t(f"method_{m}", L), m) for m in voting.METHODS]
            self.vote_on.options = [(t("vote_on_ideas", L), "ideas"), (t("vote_on_groups", L), "groups")]
            self.budget.description = t("dots_per_person", L)
            self.budget.style = {"description_width": "initial"}

    # --- live refresh ------------------------------------------------------------------------
    def refresh(self) -> None:
        """Bring the screen in line with the store, touching only widgets whose content changed."""
        with self.store.snapshot():  # one consistent view of the store for the whole screen
            self._refresh()

    def _refresh(self) -> None:
        self.session = self.store.session(self.session["code"])
        self._render_title()
        if self.display_choice.value != self.session["display_mode"]:  # chosen in another window
            self._syncing_display = True
            try:
                self.display_choice.value = self.session["display_mode"]
            finally:
                self._syncing_display = False
        stages = self.store.stages(self.session["id"])
        by_id = {s["id"]: s for s in stages}
        if self.viewed_stage_id not in by_id:  # the stage was deleted
            self.viewed_stage_id = self.session["current_stage_id"] or stages[0]["id"]
            self._clear_tools()
        options = [(s["title"], s["id"]) for s in stages]
        if list(self.stage_picker.options) != options:  # a renamed, added or moved stage
            self._picker_sync = True  # new options select the first one: not the facilitator's pick
            try:
                self.stage_picker.options = options
                self.stage_picker.tooltips = [title for title, _ in options]  # a long one is cut with «…»
            finally:
                self._picker_sync = False
        if self.stage_picker.value != self.viewed_stage_id:
            self.stage_picker.value = self.viewed_stage_id
        stage = by_id[self.viewed_stage_id]
        self.stage = stage
        self._render_display_link()  # the paper ballot to print: this stage's when it is a vote
        self._spotlight_label(stage)
        current = by_id.get(self.session["current_stage_id"])
        self.current_label.value = (f"<span class='wb-big'>{esc(t('current_stage', self.lang))}: "
                                    f"<b>{esc(current['title'] if current else '—')}</b></span>")
        self.make_current.disabled = current is not None and current["id"] == stage["id"]
        self._render_prompt()
        self.approvals.refresh(self.session, {s["id"]: s["title"] for s in stages},
                               accepts_cards(stage) or stage["kind"] == "statements")
        # who was in the room: phones (paper ballots vote, they did not come) and the door
        came = registration.attendance(self.store, self.session["code"])
        self.joined.value = joined_html(joined_summary(came["people"]), self.lang,
                                        joins_per_minute(came["people"][:came["phones"]]), came)
        self.cleanup.refresh()
        self.another_phone.refresh()
        accepts = accepts_cards(stage)
        is_statements = stage["kind"] == "statements"
        self.add_row.layout.display = "" if accepts or is_statements else "none"
        self._sync_drafts(stages)
        self._note_drafts()
        self.moderation.layout.display = "" if accepts or is_statements else "none"
        self.groups_row.layout.display = "" if accepts else "none"
        self.tools_row.layout.display = "" if accepts else "none"
        if not accepts:
            self.tool_html.value = ""
            self._show_duplicates([])
        self.to_statements.layout.display = "" if accepts else "none"
        if is_statements:
            self._statements_panel()
        self.statements_box.layout.display = "" if is_statements else "none"
        is_teams = stage["kind"] == "teams"
        self.teams_html.layout.display = "" if is_teams else "none"
        if is_statements:
            self.statements_toggle.description = t("close_voting" if stage["voting_open"] else "open_voting", self.lang)
            self.statements_toggle.button_style = "danger" if stage["voting_open"] else "success"
        if not accepts:
            self.edit_row.layout.display = "none"
            self.proposal_box.layout.display = "none"
        card_stage = card_stage_id(stage)
        cards = self.store.cards(self.session["id"], card_stage) if card_stage else []
        self.stage_cards = cards
        self.stage_editor.refresh(stage, stages, cards)
        if is_statements:
            self.opinion_live.update(stage, self.lang, cards, self.offload)
        if is_teams:
            self.teams_html.value = self._panel(self._teams_panel, stage, cards, by_id)
        options = [(t("ungrouped", self.lang), 0)] + [(g["text"], g["id"]) for g in groups(cards)]
        if list(self.move_target.options) != options:
            self.move_target.options = options
        is_voting = stage["kind"] == "voting"
        self.voting_box.layout.display = "" if is_voting else "none"
        if is_voting:
            self._voting_panel()
            if self.vote_on.value != stage["vote_on"]:
                self.vote_on.value = stage["vote_on"]
            if self.method.value != stage["method"]:
                self.method.value = stage["method"]
            self.budget.layout.display = "" if stage["method"] == "dots" else "none"
            self.chart.value = self._panel(self._results_html, stage, cards)
            if self.budget.value != stage["vote_budget"]:
                self.budget.value = stage["vote_budget"]
            self.voting_toggle.description = t("close_voting" if stage["voting_open"] else "open_voting", self.lang)
            self.voting_toggle.button_style = "danger" if stage["voting_open"] else "success"
            self.results_toggle.description = t("hide_results" if stage["results_visible"] else "show_results", self.lang)
            if getattr(self, "_paper_stage_id", None) != stage["id"]:
                self.paper_link.value = ""  # another stage's paper ballot is not this one's
            status = t(f"voting_{voting.status(stage, self._voters)}", self.lang)
            self.voting_status.value = (
                f"<div class='wb-big'>{esc(status)} · {esc(t('voters_n', self.lang, n=self._voters))}"
                f" · {esc(describe_target(stage, by_id, self.lang))}"
                f"{esc(' · ' + source) if (source := describe_candidates(self.store, stage, by_id, self.lang, self.stage_cards)) else ''}</div>")
            cards = []  # the bars show the cards
        badges = None
        if stage["kind"] == "statements":
            tally = self.store.statement_counts(stage["id"])
            badges = {c["id"]: "✔ {} · ✘ {} · – {}".format(*(tally.get(c["id"], {}).get(v, 0) for v in (1, -1, 0)))
                      for c in cards}
        if is_teams:
            cards = []  # the teams panel shows the ideas
        self._sync_cards(wall_order(cards, self.ungrouped_label), badges)
        self.empty.layout.display = "none" if cards or is_voting or is_teams else ""
        self._render_timer()

    def _render_prompt(self) -> None:
        stage = self.stage
        self.prompt.value = (f"<div class='wb-title' style='font-size:26px'>{esc(stage['title'])}</div>"
                             f"<div class='wb-prompt'>{esc(stage['prompt'])}</div>{self._drafts_elsewhere}")

    def _draft_box(self, stage_id: int) -> w.Textarea:
        """The box for what someone said on this stage. What is typed stays in the browser until
        it is added, so a restart of the server (a new kernel, empty boxes) does not lose it: the
        Voila template's script (workbench/web/jupyter/voila/templates/workbench/index.html.j2)
        keeps every `wb-keep-draft` box in the tab's sessionStorage under the page's address and
        its `wb-draft-name-…` class, here the stage's own: a text comes back on its stage only."""
        box = self.drafts.get(stage_id)
        if box is None:
            layout, style = self._draft_parts
            box = w.Textarea(placeholder=t("type_for_someone", self.lang), layout=layout, style=style,
                             _dom_classes=("wb-keep-draft", f"wb-draft-name-card-{stage_id}"))
            box.observe(lambda _: self._note_drafts(), "value")
            self.drafts[stage_id] = box
        return box

    @property
    def new_text(self) -> w.Textarea:
        """The viewed stage's box for what someone said aloud."""
        return self._draft_box(self.viewed_stage_id)

    def _sync_drafts(self, stages: list[dict]) -> None:
        """The viewed stage's box on the page (made when the stage is first viewed, if it takes
        cards: its kept text comes back then); the other stages' boxes keep their text in the
        kernel (and the tab) until their stage is viewed again."""
        stage = next(s for s in stages if s["id"] == self.viewed_stage_id)
        takes = accepts_cards(stage) or stage["kind"] == "statements"
        children = (self._draft_box(stage["id"]), self.add_button) if takes else (self.add_button,)
        if self.add_row.children != children:
            self.add_row.children = children
        self._stage_titles = {s["id"]: s["title"] for s in stages if s["id"] in self.drafts}

    def _note_drafts(self) -> str:
        """A line naming the other stages where something typed is not added yet ('' if none)."""
        waiting = [title for sid, title in getattr(self, "_stage_titles", {}).items()
                   if sid != self.viewed_stage_id and self.drafts[sid].value.strip()]
        note = (f"<div class='wb-meta wb-control wb-drafts-elsewhere'>"
                f"{esc(t('drafts_elsewhere', self.lang, stages=', '.join(t('named', self.lang, value=x) for x in waiting)))}</div>"
                if waiting else "")
        if note != self._drafts_elsewhere and hasattr(self, "stage"):
            self._drafts_elsewhere = note
            self._render_prompt()
        return note

    def _teams_panel(self, stage: dict, cards: list[dict], by_id: dict) -> str:
        """The teams forming, under a line saying which round's best they form on (the one
        chosen, else the latest vote over), as the display and the phones take it."""
        options = team_options(self.store, stage, cards=cards)
        line = team_source_line(self.store, stage, by_id, self.lang, cards, len(options))
        head = f"<div class='wb-meta' data-teams-source>{esc(line)}</div>" if line else ""
        return head + teams_html(options, self.lang)

    def _panel(self, render, *args) -> str:
        """A panel's HTML; when drawing it fails, a short message in its place instead, so the
        stage switcher, hide and every other control stay usable (and the page still loads)."""
        try:
            return render(*args)
        except Exception as exc:
            error = f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"
            return f"<div class='wb-err' data-panel-error>{esc(t('panel_failed', self.lang, error=error[:160]))}</div>"

    def _results_html(self, stage: dict, cards: list[dict]) -> str:
        """The current method's results, as its view in `ui/voting_views` draws them.

        Kept until a ballot of the stage changes (or the cards, the method, the language): a
        refresh for anything else draws nothing again. Under a running event loop (the Voila
        kernel's, once `watch()` runs: `offload`) new results are computed in a worker thread and shown when ready, so the loop
        never waits on a fit or a figure: first the live figures with the download links greyed,
        then, once the ballots pause for `FILES_AFTER` seconds, with the files to download.
        Without a running loop (tests, scripts) the whole panel is drawn at once."""
        from workbench.ui.voting_views import results_view

        self._voters = 0
        m = voting.method(stage)
        items = m.items(self.store, stage, cards)
        self._voters = len(self.store.voters(m.ballots, stage["id"]))
        key = (stage["id"], m.name, self.lang, self.store.ballot_mark(m.ballots, stage["id"]),
               tuple((c["id"], c["text"]) for c in items))
        shown = getattr(self, "_results_key", None)
        if key == shown:
            return self.chart.value
        self._results_wanted = key
        lang = self.lang

        def draw(downloads: bool, rows=None) -> tuple[list[dict], str]:
            rows = m.results(self.store, stage, items) if rows is None else rows
            return rows, results_view(m.name, rows, items, lang, downloads=downloads)
        loop = running_loop(self.offload)
        if loop is None:
            self._results_key = key
            return draw(True)[1]
        self._draw_results(key, draw, loop)  # after the one in the worker, if any (the newest only)
        same_panel = shown is not None and shown[:3] == key[:3]
        return self.chart.value if same_panel else "<div class='wb-meta' data-results-pending>…</div>"

    FILES_AFTER = 1.0  # seconds without a new ballot before the files to download are drawn

    def _draw_results(self, key: tuple, draw, loop, rows=None) -> None:
        """In the worker thread (`background.Newest`: one at a time, the newest waiting next, at
        a lower CPU priority than the phones' server): the live results (`rows` None), or the
        same results with their files to download (`rows`: the results already computed)."""
        from workbench.background import Newest

        if getattr(self, "_results_worker", None) is None:
            # no rest between drawings: the panel follows the ballots as fast as it draws
            self._results_worker = Newest("results", self._results_drawn, rest=(0.0, 0.0))

        def work():  # (html, ok, rows, draw, loop): a failure becomes the panel's message
            failed, out = [], []

            def run():
                try:
                    out.append(draw(rows is not None, rows))
                    return out[0][1]
                except Exception:
                    failed.append(True)
                    raise
            return self._panel(run), not failed, out[0][0] if out else None, draw, loop
        # the files' job has a key of its own: a waiting job with the key just drawn is dropped
        self._results_worker.submit(key if rows is None else (*key, "files"), work, loop)

    def _results_shown(self, key: tuple, html: str, ok: bool) -> None:
        if key[:3] == self._results_wanted[:3]:  # still the panel on screen (same stage, method, language)
            self.chart.value = html
            self._results_key = key if ok else None  # a failure is tried again on the next change

    def _results_drawn(self, key: tuple, result) -> None:
        html, ok, rows, draw, loop = result
        files = key[-1] == "files"
        key = key[:-1] if files else key
        self._results_shown(key, html, ok)
        if not files and ok and "data-downloads-pending" in html:
            loop.call_later(self.FILES_AFTER, self._draw_files, key, draw, rows, loop)

    def _draw_files(self, key: tuple, draw, rows, loop) -> None:
        """The files to download, once the ballots pause (a newer drawing brings its own)."""
        if self._results_key == key and self._results_worker.pending is None:
            self._draw_results(key, draw, loop, rows)

    def _sync_cards(self, items: list, badges: dict | None) -> None:
        """`items`: card dicts in display order, with section labels (widgets) between them."""
        cards = [c for c in items if isinstance(c, dict)]
        ids = {c["id"] for c in cards}
        for c in cards:
            widget = self.cards.get(c["id"])
            if widget is None:
                self.cards[c["id"]] = CardWidget(c, self)
            else:
                widget.update(c, self.lang, None if badges is None else badges.get(c["id"]))
        for gone in set(self.cards) - ids:
            self.cards.pop(gone).close()
            if gone in self.selected:
                self.selected.remove(gone)
        children = tuple(self.cards[c["id"]] if isinstance(c, dict) else c for c in reversed(items))
        if self.wall.children != children:
            self.wall.children = children

    @property
    def wall_items(self) -> tuple:
        """The wall's widgets in the order the facilitator sees them, top first."""
        return tuple(reversed(self.wall.children))

    def _render_timer(self) -> None:
        ends = self.stage["timer_ends_at"] if hasattr(self, "stage") else None
        if not ends:
            self.timer_display.value = ""
            return
        left = max(0, int(ends - clock.settle(self.store)))
        color = "#8a1f11" if left < 60 else "#1f4e79"
        self.timer_display.value = (f"<span class='wb-timer' style='color:{color}'>"
                                    f"{left // 60:02d}:{left % 60:02d}</span>")

    def on_store_change(self) -> None:
        self.refresh()

    def watch(self) -> None:
        """Follow the store from the kernel's event loop: phones' changes appear within a second."""
        self.offload = True  # from now on results are computed off the loop
        interval = float(self.wb.settings["watch_interval"])
        looks = [0]  # since the timer was last drawn

        def tick():  # the timer, drawn about once a second
            looks[0] += 1
            if looks[0] * interval >= 1:
                looks[0] = 0
                self._render_timer()
                self.another_phone.tick()

        self._follow(interval, tick)

    def say(self, text: str, error: bool = False) -> None:
        if not text:
            self.message.value = ""
        else:
            cls = "wb-err" if error else "wb-ok"
            self.message.value = f"<div class='{cls}'>{esc(text)}</div>"

    # --- callbacks: call the domain, then refresh ------------------------------------------
    @shows_errors  # the switch tells the display too (a write): a full disk is said, not lost
    def _on_lang(self, change) -> None:
        self.widget.remove_class(f"wb-lang-{self.lang}")
        self.lang = change["new"]
        self.widget.add_class(f"wb-lang-{self.lang}")
        self._render_labels()
        for card in self.cards.values():
            card.key = None
        self.refresh()

    def _on_pick_stage(self, change) -> None:
        if getattr(self, "_picker_sync", False):
            return
        if change["new"] is not None and change["new"] != self.viewed_stage_id:
            self.view_stage(change["new"])
            self.edit_row.layout.display = "none"
            self.stage_editor.close()  # its panel would push the new stage's wall down
            self._clear_tools()  # a proposal, repeats or a word cloud belong to the stage they came from
            self.refresh()

    @shows_errors
    def view_stage(self, stage_id: int) -> None:
        """Show a stage on the laptop (picked, or just added); the display follows it, in the
        stage's own mode when it was on another stage (`display.follow_stage`)."""
        self.viewed_stage_id = stage_id
        display.follow_stage(self.store, self.session["id"], stage_id)  # the ✓ stay on the laptop

    @shows_errors
    def _on_stage_again(self, _=None) -> None:
        """The stage already chosen clicked again: the display shows it (if it showed another)."""
        self.view_stage(self.viewed_stage_id)
        self.refresh()

    @shows_errors
    def _on_display_again(self, _=None) -> None:
        """The display mode already chosen clicked again: sent again, for the stage on the laptop."""
        self._show_on_display()

    # the projector's display page (workbench/web/display.py)
    def _display_labels(self) -> None:
        L = self.lang
        # The display opened from here follows this view's language, switched later too (it asks
        # the server at each poll); a display link with its own `?lang=` keeps that one.
        try:
            display.set_language(self.store, self.session["id"], L)
        except Exception as exc:  # a full disk or a database away: the view still opens and says so
            if not (storage_failed(exc) or store_unreachable(exc)):
                raise
            self._opening_error = t("storage_full_projector", L) if storage_failed(exc) else error_message(exc, L)
        href = f"/d/{self.session['code']}"
        files = " · ".join(f"<a href='/api/d/{esc(self.session['code'])}/chart.{fmt}?lang={L}' target='_blank' "
                           f"data-display-file='{fmt}'>{fmt.upper()}</a>" for fmt in ("png", "svg"))
        self._display_link_head = (f"<a href='{esc(href)}' target='wb-display' data-display-link "
                                   f"class='wb-big' style='margin-right:12px'>{esc(t('display_open', L))} ↗</a>"
                                   f"<span class='wb-meta' style='margin-right:12px'>{esc(t('display_files', L))} "
                                   f"{files}</span>")
        self._render_display_link()
        self._syncing_display = True
        try:
            self.display_choice.options = [(t(f"display_mode_{m}", L), m) for m in display.MODES]
            self.display_choice.value = self.session["display_mode"]
        finally:
            self._syncing_display = False
        self.display_choice.description = t("display_shows", L)

    def _render_display_link(self) -> None:
        if not hasattr(self, "_display_link_head"):  # drawn with the labels, first
            return
        value = self._display_link_head + self._print_links()
        if self.display_link.value != value:
            self.display_link.value = value

    def _print_links(self) -> str:
        """«Печать: плакат со ссылкой, бумажный бюллетень»: A4 pages for the room
        (`workbench/web/printing.py`), in this view's language. The ballot is the vote on the
        laptop when it shows one (it was the vote on phones or the next one: a matrix picked on
        the laptop printed the dot vote before it), else the page's own choice."""
        L, code = self.lang, esc(self.session["code"])
        stage = getattr(self, "stage", None)
        vote = f"&amp;stage={stage['id']}" if stage and stage["kind"] == "voting" else ""
        links = ", ".join(f"<a href='/print/{code}/{what}?lang={L}{vote if what == 'ballot' else ''}' "
                          f"target='_blank' data-print='{what}'>{esc(t(f'print_{what}', L))}</a>"
                          for what in ("poster", "ballot"))
        return f"<span class='wb-meta wb-print'>{esc(t('print_links', L))} {links}</span>"

    @shows_errors
    def _show_on_display(self) -> None:
        display.set_display(self.store, self.session["id"], self.display_choice.value or "join",
                            self.viewed_stage_id)

    def _on_display_choice(self, change) -> None:
        if not getattr(self, "_syncing_display", False) and change["new"]:
            self._show_on_display()

    @shows_errors
    def _on_make_current(self, _=None) -> None:
        facilitator.show_stage(self.store, self.session["id"], self.viewed_stage_id)
        self.refresh()

    @shows_errors
    def _on_timer_start(self, _=None) -> None:
        facilitator.start_timer(self.store, self.viewed_stage_id, self.timer_minutes.value)
        self.refresh()

    @shows_errors
    def _on_timer_stop(self, _=None) -> None:
        facilitator.stop_timer(self.store, self.viewed_stage_id)
        self.refresh()

    @shows_errors
    def _on_add(self, _=None) -> None:
        box = self.new_text
        facilitator.add_card(self.store, self.session["id"], self.viewed_stage_id, box.value)
        box.value = ""
        self.refresh()

    def on_select(self, card_id: int, on: bool) -> None:
        if on and card_id not in self.selected:
            self.selected.append(card_id)
        elif not on and card_id in self.selected:
            self.selected.remove(card_id)
        # The ✓ pick cards to hide, fix or merge: the laptop's business, never the room's (a joke
        # ticked to hide it stood framed in bold on the projector). «Выделить на экране» shows them.

    @shows_errors
    def _on_spotlight(self, _=None) -> None:
        if not self.selected:
            raise WorkbenchError("spotlight_select_none")
        now = self.store.display(self.session["id"])
        if (now["stage_id"] or self.store.current_stage_id(self.session["id"])) != self.viewed_stage_id \
                or now["mode"] != "wall":  # the room sees the framed cards on this stage's wall
            display.set_display(self.store, self.session["id"], "wall", self.viewed_stage_id, [])
        display.spotlight(self.store, self.session["code"], self.selected)
        self._done(t("spotlit", self.lang, n=len(self.selected)))

    def _spotlight_label(self, stage: dict) -> None:
        """«Снять выделение на экране (N)» while the projector frames cards of this stage."""
        ids = [i for i in self.session["display_selected"].split(",") if i]
        shown = self.session["display_stage_id"] or self.session["current_stage_id"]
        n = len(ids) if shown == stage["id"] else 0
        if self.unspotlight_button is None:
            if not n:
                return
            self.unspotlight_button = w.Button(layout=w.Layout(width="auto"))
            self.unspotlight_button.add_class("wb-unspotlight")
            self.unspotlight_button.on_click(self._on_unspotlight)
            self.moderation.children += (self.unspotlight_button,)
        self.unspotlight_button.layout.display = "" if n else "none"
        self.unspotlight_button.description = t("spotlight_off_button", self.lang, n=n)

    @shows_errors
    def _on_unspotlight(self, _=None) -> None:
        display.spotlight(self.store, self.session["code"], [])
        self.refresh()
        self.say(t("spotlight_off", self.lang))

    def select(self, *card_ids: int) -> None:
        for cid in card_ids:
            self.cards[cid].select.value = True

    def _done(self, message: str = "") -> None:
        """After an action on the selected cards: clear the selection, redraw, say what happened."""
        self._on_clear()
        self.refresh()
        if message:
            self.say(message)

    @shows_errors
    def _on_hide(self, _=None) -> None:
        facilitator.hide(self.store, list(self.selected))
        self._done()

    @shows_errors
    def _on_edit(self, _=None) -> None:
        if not self.selected:
            raise WorkbenchError("edit_select_none")
        if len(self.selected) > 1:
            raise WorkbenchError("edit_select_many", n=len(self.selected))
        self.start_rename(self.selected[0])

    @shows_errors
    def start_rename(self, card_id: int) -> None:
        """The edit box under the actions, filled with the card's text or the group's name (a
        group's ✎, or Исправить with the group ticked); its button says which."""
        card = self.store.card(card_id)
        self.editing = card_id
        self._editing_group = bool(card["is_group"])
        self.edit_text.value = card["text"]
        self.edit_text.placeholder = t("group_name_placeholder", self.lang) if card["is_group"] else ""
        self.save_button.description = t("rename_group" if card["is_group"] else "save", self.lang)
        self.edit_row.layout.display = ""

    @shows_errors
    def _on_save(self, _=None) -> None:
        facilitator.edit(self.store, self.editing, self.edit_text.value)
        self.edit_row.layout.display = "none"
        self._done()

    @shows_errors
    def _on_merge(self, _=None) -> None:
        facilitator.merge(self.store, list(self.selected))  # the first card selected keeps its text
        self._done()

    def _on_clear(self, _=None) -> None:
        for cid in list(self.selected):
            if cid in self.cards:
                self.cards[cid].select.value = False
        self.selected.clear()

    # groups
    @shows_errors
    def _on_suggest(self, _=None, k: int | None = None) -> None:
        stage_id = self.proposal_stage_id if k is not None and self.proposal else self.viewed_stage_id
        self.proposal = facilitator.suggest_groups(self.store, self.session["id"], stage_id, k=k)
        self.proposal_stage_id = stage_id
        self._proposal_panel()
        self.regroup_warning = None  # a new proposal: asked again if accepting it would wipe votes
        self.regroup_box.layout.display = "none"
        self.accept_button.disabled = False
        cards = sum(len(ids) for _, ids in self.proposal)
        self.fewer_button.disabled = len(self.proposal) <= 2
        self.more_button.disabled = len(self.proposal) >= cards
        # the cards as proposed: one a phone sent since the last refresh is in the proposal too
        texts = {c["id"]: c["text"] for c in self.store.cards(self.session["id"], self.viewed_stage_id)}
        self.proposal_html.value = proposal_html(self.proposal, texts, self.lang)
        self.proposal_box.layout.display = ""

    @shows_errors
    def _on_accept(self, _=None) -> None:
        try:
            facilitator.accept_groups(self.store, self.proposal_stage_id, self.proposal)
        except Conflict as exc:
            if exc.key != "regroup_loses":
                raise
            self._ask_regroup(Text(exc.key, **exc.params))
            return
        self._on_discard()
        self.refresh()

    def _ask_regroup(self, warning) -> None:
        """People voted on the groups there now or formed teams on them: say what the new groups
        would wipe and ask; nothing changes until «Принять и обнулить»."""
        self.regroup_warning = warning
        self._panel_labels()
        self.regroup_box.layout.display = ""
        self.accept_button.disabled = True

    @shows_errors
    def _on_accept_anyway(self, _=None) -> None:
        facilitator.accept_groups(self.store, self.proposal_stage_id, self.proposal, force=True)
        self._on_discard()
        self.refresh()

    def _clear_tools(self) -> None:
        self._on_discard()
        self._show_duplicates([])

    def _on_discard(self, _=None) -> None:
        self.proposal = []
        self.proposal_box.layout.display = "none"
        self.regroup_warning = None
        if self.proposal_box.children:
            self.proposal_html.value = ""
            self.regroup_html.value = ""
            self.regroup_box.layout.display = "none"
            self.accept_button.disabled = False

    def _selected_cards(self, groups: bool) -> list[int]:
        kinds = {c["id"]: c["is_group"] for c in self.stage_cards}
        return [i for i in self.selected if kinds.get(i) == groups]

    @shows_errors
    def _on_move(self, _=None) -> None:
        facilitator.move_to_group(self.store, self._selected_cards(groups=False), self.move_target.value or None)
        self._done()

    @shows_errors
    def _on_new_group(self, _=None) -> None:
        facilitator.new_group(self.store, self.viewed_stage_id,
                              self.new_group_name.value or t("new_group_name", self.lang),
                              self._selected_cards(groups=False))
        self.new_group_name.value = ""
        self._done()

    @shows_errors
    def _on_place_new(self, _=None) -> None:
        placed = facilitator.place_new(self.store, self.session["id"], self.viewed_stage_id)
        self.say(t("placed_n", self.lang, n=placed))
        self.refresh()

    # word cloud, duplicates, show mode
    @shows_errors
    def _on_cloud(self, _=None) -> None:
        self.tool_html.value = word_cloud_html([c["text"] for c in ideas(self.stage_cards)])

    @shows_errors
    def _on_duplicates(self, _=None) -> None:
        self._show_duplicates(facilitator.duplicates(self.store, self.session["id"], self.viewed_stage_id))

    def _show_duplicates(self, found: list[list[int]]) -> None:
        """The sets of repeats, all ticked: the facilitator unticks a set, or a card of one,
        that is not a repeat before «Объединить повторы» (the first ticked card of a set keeps
        its text)."""
        self.duplicates = found
        text = {c["id"]: c["text"] for c in self.stage_cards} if found else {}
        L = self.lang
        self.tool_html.value = (f"<div class='wb-big' data-duplicates='{len(found)}'>"
                                f"{esc(t('duplicates_n', L, n=len(found)))}</div>" if found else "")
        self.dup_ticks, rows = [], []
        for n, ids in enumerate(found, 1):
            whole = w.Checkbox(value=True, indent=False, description=t("duplicate_set_n", L, n=n),
                               layout=w.Layout(width="auto"))
            cards = []
            for cid in ids:
                tick = w.Checkbox(value=True, indent=False, layout=w.Layout(width="auto"))
                tick.add_class("wb-dup-card")
                # <bdi>: a bidi override an old store may hold stays inside its card, never mirrors the «»
                label = w.HTML(f"<span class='wb-big' data-card='{cid}'>«<bdi>{esc(text.get(cid, ''))}</bdi>»</span>")
                cards.append((cid, tick, w.HBox([tick, label], layout=w.Layout(margin="0 0 0 28px"))))
            whole.observe(lambda change, ticks=[c[1] for c in cards]: self._tick_set(change, ticks), "value")
            self.dup_ticks.append((whole, [(cid, tick) for cid, tick, _ in cards]))
            rows.append(w.VBox([whole, *(row for _, _, row in cards)]))
        if found or self.dups_box is not None:
            box = self._dups_panel()
            box.children = rows
            box.layout.display = "" if found else "none"
        self.merge_dups_button.layout.display = "" if found else "none"

    def _dups_panel(self) -> w.VBox:
        """The box of repeats, put in under the tools the first time repeats are found."""
        if self.dups_box is None:
            self.dups_box = w.VBox()
            kids = list(self.main.children)
            kids.insert(kids.index(self.tool_html) + 1, self.dups_box)
            self.main.children = tuple(kids)
        return self.dups_box

    @staticmethod
    def _tick_set(change, ticks) -> None:
        for tick in ticks:
            tick.value = change["new"]

    def ticked_duplicates(self) -> list[list[int]]:
        """The sets to merge as ticked: a set with fewer than two ticked cards is left alone."""
        sets = [[cid for cid, tick in cards if tick.value] for whole, cards in self.dup_ticks if whole.value]
        return [ids for ids in sets if len(ids) > 1]

    @shows_errors
    def _on_merge_duplicates(self, _=None) -> None:
        chosen = self.ticked_duplicates()
        if not chosen:
            raise WorkbenchError("merge_none_ticked")
        facilitator.merge_duplicates(self.store, chosen)  # the first ticked card keeps its text
        self._show_duplicates([])
        self.refresh()

    def _on_show_mode(self, change) -> None:
        if change["new"]:
            self.widget.add_class("wb-show")
        else:
            self.widget.remove_class("wb-show")

    # statements
    @shows_errors
    def _on_to_statements(self, _=None) -> None:
        cards = self._selected_cards(groups=False) + self._selected_cards(groups=True)
        n = facilitator.to_statements(self.store, self.session["id"], cards)
        self._done(t("copied_n", self.lang, n=n))

    @shows_errors
    def _on_opinion_map(self, _=None) -> None:
        self.opinion_live.update(self.stage, self.lang, self.stage_cards, self.offload, force=True)

    # voting
    @shows_errors
    def _on_method(self, change) -> None:
        if not self._building and self.stage["kind"] == "voting" and change["new"] and change["new"] != self.stage["method"]:
            facilitator.set_method(self.store, self.stage["id"], change["new"])
            self.refresh()

    @shows_errors
    def _on_paper(self, _=None) -> None:
        """A ballot collected on paper: a participant marked as such, filled in on this laptop."""
        p = facilitator.paper_ballot(self.store, self.session["id"], self.lang)
        base = self.join_url or f"/s/{self.session['code']}"
        link = f"<a href='{esc(base)}?paper={esc(p['token'])}' target='_blank' data-paper>{esc(p['name'])}</a>"
        self.paper_link.value = f"<div class='wb-big'>{t('paper_open', self.lang, link=link)}</div>"
        self._paper_stage_id = self.stage["id"]  # the link belongs to this stage's panel

    @shows_errors
    def _on_vote_on(self, change) -> None:
        if not self._building and self.stage["kind"] == "voting" and change["new"] != self.stage["vote_on"]:
            facilitator.set_vote_on(self.store, self.stage["id"], change["new"])
            self.refresh()

    @shows_errors
    def _on_budget(self, change) -> None:
        if not self._building and self.stage["kind"] == "voting" and change["new"] != self.stage["vote_budget"]:
            facilitator.set_budget(self.store, self.stage["id"], change["new"])
            self.refresh()

    # The two buttons do what they said when clicked (the state this view last drew), not the
    # opposite of the store's: another tab (or laptop) that closed the round first leaves it closed.
    @shows_errors
    def _on_voting_toggle(self, _=None) -> None:
        facilitator.set_voting(self.store, self.stage["id"], not self.stage["voting_open"])
        self.refresh()

    @shows_errors
    def _on_results_toggle(self, _=None) -> None:
        facilitator.set_results(self.store, self.stage["id"], not self.stage["results_visible"])
        self.refresh()


def session_picker(wb: Workbench, lang: str = "ru") -> w.Widget:
    """Shown when the projector page is opened without a session code: links to each session."""
    rows = wb.store.list_sessions(archived=False)
    if not rows:
        return w.HTML(f"<div class='wb-big'>{esc(t('no_sessions', lang))}</div>")
    links = "".join(
        f"<li style='font-size:22px'><a href='?session={esc(s['code'])}'>{esc(s['code'])}</a> — "
        f"{esc(s['title'])} ({esc(s['date'])})</li>" for s in rows)
    return w.HTML(f"<h2>{esc(t('session_pick', lang))}</h2><ul>{links}</ul>")


def projector_view(wb: Workbench, code: str | None, join_base: str = "", watch: bool = True) -> w.Widget:
    """The widget the projector notebook displays (a session picker when no code is given)."""
    if not code:
        return session_picker(wb)
    try:
        session = wb.store.session(code)
    except WorkbenchError as exc:
        return w.VBox([w.HTML(f"<div class='wb-err'>{esc(exc.message(wb.settings['lang']))}</div>"),
                       session_picker(wb)])
    join_url = f"{join_base.rstrip('/')}/s/{session['code']}" if join_base else ""
    view = ProjectorView(wb, session["code"], join_url=join_url)
    if watch:
        view.watch()
    view.widget.view = view  # tests and notebooks can reach the controller
    return view.widget
