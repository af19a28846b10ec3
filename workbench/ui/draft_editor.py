"""The project-draft editor and the drafts page for teams and staff.

The editor follows the store as the team page does: a field saves itself a moment after the
staff stop typing in it (and by "Save all", which saves only what they changed), with the version
of the field they started from; what the team (or anyone) saves meanwhile appears within about a
second in every field the staff have not changed. A table both changed is merged row by row, as
on the team page: the team's rows appear beside the staff's. A text, a list or a table row both
changed is not overwritten: both texts are shown under it, in words, and the staff choose which
to keep (`team_links.save_draft_field`, the team page's check). The logic check beside the form follows. Staff set
the status and log consultations.
"""

from __future__ import annotations

import asyncio
import atexit
import functools
import time
import weakref

import ipywidgets as w

from workbench.app import Workbench
from workbench.background import running_loop
from workbench.dates import date_text, parse_date, shown_date
from workbench.drafts import (
    FIELD_BY_NAME,
    FIELDS,
    change_status,
    clean_field,
    column_label,
    draft_candidates,
    draft_fields,
    field_words,
    funnel_table,
    idea_draft,
    list_items,
    logic_check,
    pasted_cells,
)
from workbench.errors import WorkbenchError
from workbench.i18n import t
from workbench.session.model import DRAFT_STATUSES
from workbench.session.team_links import FieldConflict, save_draft_field
from workbench.ui import (
    FollowsStore,
    error_message,
    esc,
    file_link,
    lang_query,
    lang_toggle,
    page_lang,
    said,
    show_message,
    shows_errors,
)

FIELDS_ORDER = tuple(f.name for f in FIELDS)

CSS = (
    "<style>"
    ".wb-d-title{font-size:24px;font-weight:bold;color:#1f4e79}"
    ".wb-d-scroll{overflow-x:auto;max-width:calc(100vw - 32px)}"
    ".wb-d-label{font-weight:bold;margin-top:8px;color:#333}"
    ".wb-logic{background:#fff8e1;border:1px solid #e6d59a;border-radius:6px;padding:6px 10px}"
    ".wb-logic.ok{background:#eaf6ea;border-color:#a8d5a8}"
    ".wb-logic li{margin:3px 0}"
    ".wb-err{color:#8a1f11;background:#fde2e1;padding:6px 10px;border-radius:6px}"
    ".wb-ok{color:#1d5e20}"
    ".wb-meta{font-size:13px;color:#666}"
    ".wb-drafts td,.wb-drafts th{padding:3px 8px;text-align:left}"
    ".wb-funnel{border-collapse:collapse;margin:6px 0}.wb-funnel td,.wb-funnel th{border:1px solid #ddd}"
    ".wb-funnel td{text-align:right}"
    # the form and the panel beside it share the window and wrap under each other on a narrow one;
    # a field takes its column's width less its margins (a 100% width ran under the panel)
    ".wb-draft-form .widget-text,.wb-draft-form .widget-textarea,.wb-draft-side .widget-text,"
    ".wb-draft-side .widget-textarea,.wb-draft-side .widget-dropdown{width:auto;max-width:100%;min-width:0}"
    ".wb-draft-form .widget-hbox .widget-text,.wb-draft-form .widget-hbox .widget-textarea{flex:1 1 0}"
    # a task's box is one line high and grows with what it holds (a list pasted into it)
    ".wb-d-item textarea{field-sizing:content;min-height:28px;resize:none}"
    # the boxes write in the page's font (a text area's own was monospace)
    ".wb-draft-editor textarea,.wb-draft-editor input{font-family:inherit}"
    ".wb-d-side-label{font-size:13px;color:#333;margin-top:4px}"
    # a staff action's outcome, under the field or button it is about (the page's top is out of view)
    ".wb-side-msg .wb-err,.wb-side-msg .wb-ok{font-size:13px;margin:2px 0}"
    ".wb-bad input{border-color:#c0392b !important;background:#fff5f5}"
    ".wb-open-draft{display:inline-block;padding:3px 12px;line-height:20px;font-size:13px;border:1px solid #1f4e79;border-radius:4px;"
    "color:#1f4e79;text-decoration:none;margin-right:6px;white-space:nowrap}"
    ".wb-d-colhead{font-size:13px;color:#555;font-weight:bold;padding:0 2px}"
    ".wb-conflict{background:#fde2e1;border:1px solid #e0a0a0;border-radius:6px;padding:6px 10px;margin:4px 0}"
    ".wb-conflict .wb-c-text{white-space:pre-wrap;background:#fff;padding:4px;margin:2px 0 6px;font-size:13px}"
    ".wb-conflict .wb-err{background:none;padding:0}"
    "</style>"
)


def _issues(n: int, lang: str) -> str:
    """The drafts list's logic-check cell: "10 замечаний", "без замечаний" (a bare number said
    nothing).

    >>> _issues(1, "ru"), _issues(3, "ru"), _issues(10, "ru"), _issues(0, "ru"), _issues(2, "en")
    ('1 замечание', '3 замечания', '10 замечаний', 'без замечаний', '2 issues')
    """
    return t("draft_issues", lang, n=n) if n else t("draft_no_issues", lang)


def table_html(df) -> str:
    """A funnel table (`workbench.drafts.funnel_table`) as one header row, its index's name over
    the row labels (pandas' HTML put that name on a second, empty row)."""
    head = "".join(f"<th>{esc(h)}</th>" for h in (df.index.name or "", *df.columns))
    body = "".join(f"<tr><th>{esc(label)}</th>" + "".join(f"<td>{esc(v)}</td>" for v in row) + "</tr>"
                   for label, row in zip(df.index, df.itertuples(index=False), strict=True))
    return f"<table class='wb-drafts wb-funnel'><tr>{head}</tr>{body}</table>"


def value_words(spec, value, lang: str = "ru") -> str:
    """A field's value as a reader sees it: a text as typed, a list as numbered lines, a table
    row by row with its columns named; «(пусто)» for nothing (a conflict shows both texts so).

    >>> from workbench.drafts import FIELD_BY_NAME
    >>> print(value_words(FIELD_BY_NAME["partners"], [{"organisation": "Библиотека", "contribution": "зал"}]))
    1. Организация: Библиотека; Вклад партнёра: зал
    >>> print(value_words(FIELD_BY_NAME["tasks"], ["Найти мастеров", "Провести занятия"], "en"))
    1. Найти мастеров
    2. Провести занятия
    >>> value_words(FIELD_BY_NAME["goal"], None, "en")
    '(empty)'
    """
    text = field_words(spec, value, lang)
    return text if text.strip() else t("draft_empty", lang)


class ListEditor:
    """A list field as small editable rows (one Text per column; a list's item a one-line
    Textarea, which keeps a pasted list's line breaks) under the columns' headings, with
    add/remove buttons."""

    def __init__(self, field, editor: DraftEditor):
        self.field = field
        self.editor = editor
        self.columns = field.columns or ("tasks",)
        self.rows: list[tuple[list[w.Text], w.HBox]] = []
        self.box = w.VBox()
        # headings over the cells, laid out as a row is (number, cells, remove button): a
        # placeholder alone went once the cell was filled (a one-column list has its field's label)
        self.heads = {c: w.HTML(layout=w.Layout(flex="1", width="auto")) for c in self.columns}
        self.head = w.HBox([w.HTML(layout=w.Layout(width="24px")), *self.heads.values(),
                            w.HTML(layout=w.Layout(width="40px"))], layout=w.Layout(width="100%"))
        self.head.add_class("wb-d-heads")
        self.add = w.Button(icon="plus", layout=w.Layout(width="auto"))
        self.add.on_click(self._on_add)
        parts = [self.head, self.box, self.add] if field.kind == "rows" else [self.box, self.add]
        self.widget = w.VBox(parts, layout=w.Layout(width="100%"))
        self.widget.add_class(f"wb-f-{field.name}")

    def labels(self, lang: str) -> None:
        self.add.description = t("draft_add_row", lang)
        for col, head in self.heads.items():
            head.value = f"<div class='wb-d-colhead'>{esc(column_label(col, lang))}</div>"
        for texts, _ in self.rows:
            for col, text in zip(self.columns, texts, strict=True):
                text.placeholder = column_label(col, lang)

    def set_value(self, value: list, keep_blank: bool = False) -> None:
        """Show `value` (a table redrawn from the store). A row already drawn with the same cells
        is kept as it is, so the cell the staff are typing in keeps its cursor when a merged save
        brings the team's rows in; the other rows are drawn anew. With `keep_blank`, rows the
        staff added and left empty (never saved) stay at the end."""
        old = list(self.rows)
        cells = [[x.value for x in texts] for texts, _ in old]
        free = set(range(len(old)))
        rows = []
        for i, item in enumerate(value):
            item = item if isinstance(item, dict) else {"tasks": item}
            want = [str(item.get(c, "")) for c in self.columns]
            # the row at the same place first, then any other drawn row with these cells
            same = next((j for j in ([i] if i in free else []) + sorted(free) if cells[j] == want), None)
            if same is None:
                rows.append(self._make_row(item))
            else:
                free.discard(same)
                rows.append(old[same])
        if keep_blank:
            blank = [j for j in sorted(free) if not any(v.strip() for v in cells[j])]
            rows += [old[j] for j in blank]
            free -= set(blank)
        for j in free:  # their old cells go
            for child in old[j][1].children:
                child.close()
            old[j][1].close()
        self.rows = rows
        self._render()

    def value(self) -> list:
        out = []
        for texts, _ in self.rows:
            if self.field.kind == "list":
                out.append(texts[0].value)
            else:
                out.append({c: x.value for c, x in zip(self.columns, texts, strict=True)})
        return out

    def split_pasted(self) -> None:
        """A list pasted into one row becomes a row per item, so the tasks are numbered and
        checked one by one (`drafts.list_items`, the rule the team page's saves follow too): its
        lines (a task's box keeps them, see `_make_row`), or its entries when Word flattened it
        into one line ("• a • b"). The row pasted into keeps the first item and the cursor; the
        others come under it."""
        rows, changed = [], False
        for texts, row in self.rows:
            items = list_items([texts[0].value])
            rows.append((texts, row))
            if items == [texts[0].value]:
                continue
            changed = True
            self.editor._loading = True
            try:
                texts[0].value = items[0] if items else ""
                rows += [self._make_row({"tasks": item}) for item in items[1:]]
            finally:
                self.editor._loading = False
        if changed:
            self.rows = rows
            self._render()

    def spread_pasted(self) -> None:
        """A table copied from Word or Excel and pasted into one cell fills rows and columns from
        that cell on (`drafts.pasted_cells`, the team page's rule): its first row in the row
        pasted into, the others in rows under it (a blank row there is filled, else one is
        added); cells beyond the last column join it, as on the team page."""
        labels = [column_label(c, self.editor.lang) for c in self.columns]
        rows, changed = list(self.rows), False
        self.editor._loading = True
        try:
            i = 0
            while i < len(rows):
                texts = rows[i][0]
                for col, x in enumerate(texts):
                    cells = pasted_cells(x.value, labels)
                    if cells is None:
                        if x.value != x.value.rstrip("\r\n"):  # Enter at a cell's end: no new line
                            x.value = x.value.rstrip("\r\n")
                        continue
                    changed = True
                    x.value = ""
                    for n, row_cells in enumerate(cells):
                        if n:
                            nxt = rows[i + n][0] if i + n < len(rows) else None
                            if nxt is None or any(y.value.strip() for y in nxt):
                                rows.insert(i + n, self._make_row({}))
                        target = rows[i + n][0]
                        for k, v in enumerate(row_cells):
                            at = min(col + k, len(target) - 1)
                            cell = target[at]
                            cell.value = f"{cell.value} {v}" if col + k > at and cell.value else v
                    break
                i += 1
        finally:
            self.editor._loading = False
        if changed:
            self.rows = rows
            self._render()

    def _make_row(self, values: dict) -> tuple[list[w.Text | w.Textarea], w.HBox]:
        texts = []
        for col in self.columns:
            # every keystroke reaches the editor: a table the staff is typing in is not redrawn
            # from the store under their fingers (it saves after a pause, `DraftEditor.edited`)
            # A list's item (a task) is a text area one line high: a one-line box joined the lines
            # of a list pasted into it before any code saw them, and the list came out one task.
            # A table's cell is one too: a table copied from Word or Excel keeps its rows' line
            # breaks (Chromium's one-line box turns them into spaces) for `spread_pasted`.
            x = w.Textarea(value=str(values.get(col, "")), continuous_update=True, rows=1,
                           placeholder=column_label(col, self.editor.lang),
                           layout=w.Layout(flex="1", width="auto"))
            x.add_class("wb-d-item")
            x.observe(lambda _ch: self.editor.edited(self.field.name), "value")
            texts.append(x)
        remove = w.Button(icon="trash", tooltip=t("draft_remove_row", self.editor.lang),
                          layout=w.Layout(width="40px"))
        row = w.HBox([w.HTML(layout=w.Layout(width="24px")), *texts, remove], layout=w.Layout(width="100%"))
        remove.on_click(lambda _b: self._on_remove(row))
        return texts, row

    def _render(self) -> None:
        for i, (_, row) in enumerate(self.rows, 1):
            row.children[0].value = f"<span class='wb-meta'>{i}.</span>"
        self.box.children = tuple(row for _, row in self.rows)

    def _on_add(self, _=None) -> None:
        self.rows.append(self._make_row({}))
        self._render()
        self.editor.touched(self.field.name)  # an empty row saves nothing, but is not redrawn away

    def _on_remove(self, row) -> None:
        self.rows = [(x, r) for x, r in self.rows if r is not row]
        self._render()
        self.editor.edited(self.field.name)


def _flush_at_exit(ref) -> None:
    editor = ref()
    if editor is not None:
        editor.flush()


class DraftEditor(FollowsStore):
    """Build with `DraftEditor(wb, draft_id)`; `.widget` is what the notebook displays."""

    def __init__(self, wb: Workbench, draft_id: int, lang: str | None = None):
        self.wb = wb
        self.store = wb.store
        self.lang = page_lang(lang, wb.settings["lang"])
        self.draft = self.store.draft(draft_id)
        self.draft_id = draft_id
        self._loading = False
        # Per field: `base` the version shown (loaded or saved), `stored` its stored value,
        # `dirty` changed by the staff and not saved yet, `held` a conflict waiting for the staff's
        # choice (the value and version saved meanwhile), `timers` the pause before a save.
        self.base: dict[str, int] = {}
        self.stored: dict[str, object] = {}
        self.dirty: set[str] = set()
        self.held: dict[str, dict] = {}
        self.merged: set[str] = set()  # tables whose save took in others' rows, said once
        self.timers: dict[str, asyncio.TimerHandle] = {}
        # Per field, for its history: when the staff's current run of typing (no pause of `PAUSE`)
        # began, and the version and time of this page's own last save.
        self.typing_since: dict[str, float] = {}
        self.last_key: dict[str, float] = {}
        self.own_save: dict[str, tuple[int, float]] = {}
        self.conflicts: dict[str, tuple[w.VBox, w.HTML, w.Button, w.Button]] = {}
        self._task = None
        self._build()
        self.load()
        # A field typed in and the page left within the pause (a click on «← все проекты») was
        # lost: Voila shuts the page's kernel down, and the timer never fired. What waits is
        # saved as the kernel exits (a text both changed still waits for a choice, unsaved).
        atexit.register(_flush_at_exit, weakref.ref(self))

    # --- layout -----------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = w.HTML()
        self.back = w.HTML()
        self.lang_toggle = lang_toggle(self.lang, self._on_lang)
        self.message = w.HTML()
        self.message.add_class("wb-message")
        self.labels: dict[str, w.HTML] = {}
        self.inputs: dict[str, object] = {}
        form = []
        for f in FIELDS:
            label = w.HTML()
            self.labels[f.name] = label
            conflict = self._conflict_box(f.name)
            if f.kind in ("list", "rows"):
                editor = ListEditor(f, self)
                self.inputs[f.name] = editor
                form += [label, editor.widget, conflict]
                continue
            # every keystroke reaches the kernel: a field being typed in is known, and kept
            if f.kind == "line":
                x = w.Text(continuous_update=True, layout=w.Layout(width="auto"))
            else:
                x = w.Textarea(continuous_update=True, rows=4, layout=w.Layout(width="auto"))
            x.add_class(f"wb-f-{f.name}")
            x.observe(functools.partial(self._on_change, f.name), "value")
            self.inputs[f.name] = x
            form += [label, x, conflict]
        self.save_button = w.Button(button_style="primary", icon="save", layout=w.Layout(width="auto"))
        self.save_button.on_click(self._on_save_all)
        self.logic = w.HTML()
        # export
        self.export_md = w.Button(icon="download", layout=w.Layout(width="auto"))
        self.export_md.on_click(lambda _b: self._on_export("md"))
        self.export_docx = w.Button(icon="download", layout=w.Layout(width="auto"))
        self.export_docx.on_click(lambda _b: self._on_export("docx"))
        self.download = w.HTML()
        # staff: status and consultations
        self.staff_title = w.HTML()
        # staff fields with their labels above them: a label beside a field was cut ("Коммент…")
        self.side_labels: dict[str, w.HTML] = {}
        self.status = w.Dropdown(layout=w.Layout(width="auto"))
        self.status_date = w.Text(layout=w.Layout(width="auto"))
        self.status_note = w.Text(layout=w.Layout(width="auto"))
        self.status_button = w.Button(button_style="warning", layout=w.Layout(width="auto"))
        self.status_button.on_click(self._on_status)
        self.status_log = w.HTML()
        self.cons_date = w.Text(layout=w.Layout(width="auto"))
        self.cons_who = w.Text(layout=w.Layout(width="auto"))
        self.cons_notes = w.Textarea(rows=3, layout=w.Layout(width="auto"))
        self.cons_button = w.Button(layout=w.Layout(width="auto"))
        self.cons_button.on_click(self._on_consultation)
        self.cons_log = w.HTML()
        self.status_log.add_class("wb-status-log")
        self.status_date.add_class("wb-status-date")
        self.cons_date.add_class("wb-cons-date")
        # what the staff's actions say, each under the control it is about: a date under its
        # field, the rest under its button (`side_notes`: the text as a function of the language)
        self.side_msgs = {name: w.HTML() for name in ("status_date", "status", "cons_date", "cons")}
        for name, x in self.side_msgs.items():
            x.add_class("wb-side-msg")
            x.add_class(f"wb-msg-{name.replace('_', '-')}")
        self.side_notes: dict[str, tuple] = {}

        def labelled(name, x):
            self.side_labels[name] = w.HTML()
            self.side_labels[name].add_class("wb-d-side-label")
            return [self.side_labels[name], x]

        side = w.VBox([self.logic, w.HBox([self.export_md, self.export_docx], layout=w.Layout(flex_flow="row wrap")),
                       self.download, self.staff_title,
                       *labelled("status", self.status), *labelled("status_date", self.status_date),
                       self.side_msgs["status_date"], *labelled("status_note", self.status_note),
                       self.status_button, self.side_msgs["status"], self.status_log,
                       *labelled("cons_date", self.cons_date), self.side_msgs["cons_date"],
                       *labelled("cons_who", self.cons_who), *labelled("cons_notes", self.cons_notes),
                       self.cons_button, self.side_msgs["cons"], self.cons_log],
                      layout=w.Layout(flex="1 1 340px", min_width="0", padding="0 0 0 12px"))
        side.add_class("wb-draft-side")
        main = w.VBox(form + [self.save_button], layout=w.Layout(flex="3 1 540px", min_width="0"))
        main.add_class("wb-draft-form")
        header = w.HBox([w.VBox([self.back, self.title], layout=w.Layout(flex="1")), self.lang_toggle])
        self.widget = w.VBox([w.HTML(CSS), header, self.message,
                              w.HBox([main, side], layout=w.Layout(flex_flow="row wrap", width="100%"))])
        self.widget.add_class("wb-draft-editor")
        self._render_labels()

    def _conflict_box(self, name: str) -> w.VBox:
        """Under a field: what was saved meanwhile and the staff's own text, with the choice."""
        text = w.HTML()
        keep = w.Button(layout=w.Layout(width="auto"))
        keep.add_class("wb-keep-theirs")
        keep.on_click(lambda _b: self._on_keep_theirs(name))
        mine = w.Button(button_style="warning", layout=w.Layout(width="auto"))
        mine.add_class("wb-save-mine")
        mine.on_click(lambda _b: self._on_save_mine(name))
        box = w.VBox([text, w.HBox([keep, mine], layout=w.Layout(flex_flow="row wrap"))],
                     layout=w.Layout(display="none"))
        box.add_class("wb-conflict")
        box.add_class(f"wb-conflict-{name}")
        self.conflicts[name] = (box, text, keep, mine)
        return box

    def _render_labels(self) -> None:
        L = self.lang
        for f in FIELDS:
            self.labels[f.name].value = f"<div class='wb-d-label'>{esc(f.label(L))}</div>"
            if isinstance(self.inputs[f.name], ListEditor):
                self.inputs[f.name].labels(L)
        back = lang_query(L, session=self._session_code())  # the list, in the language of the page
        self.back.value = f"<a class='wb-draft-back' href='{esc(back)}'>{esc(t('draft_back', L))}</a>"
        self.save_button.description = t("draft_save", L)
        self.export_md.description = t("draft_export_md", L)
        self.export_docx.description = t("draft_export_docx", L)
        self.staff_title.value = f"<h4>{esc(t('draft_staff', L))}</h4>"
        options = [(t(f"draft_status_{s}", L), s) for s in DRAFT_STATUSES]
        if list(self.status.options) != options:
            current = self.draft["status"]
            self.status.options = options
            self.status.value = current
        side = {"status": "draft_status", "status_date": "draft_status_date", "status_note": "draft_status_note",
                "cons_date": "draft_status_date", "cons_who": "draft_consult_who", "cons_notes": "draft_consult_notes"}
        for name, key in side.items():
            self.side_labels[name].value = f"<div>{esc(t(key, L))}</div>"
        self.status_date.placeholder = self.cons_date.placeholder = t("draft_date_hint", L)
        for box in (self.status_date, self.cons_date):
            try:  # a date typed before switching language is shown the new language's way
                day = parse_date(box.value)
            except WorkbenchError:
                continue
            box.value = date_text(day, L)
        for name in self.side_msgs:
            self._show_side(name)
        self.status_button.description = t("draft_set_status", L)
        self.cons_button.description = t("draft_consult_add", L)
        for name in self.conflicts:
            self._show_conflict(name)

    def _session_code(self) -> str:
        sid = self.draft["session_id"]
        return next((s["code"] for s in self.store.list_sessions() if s["id"] == sid), "")

    # --- showing the store --------------------------------------------------------------------
    def load(self) -> None:
        """Put the stored draft into the form (without saving it back); what was typed and not
        saved is dropped."""
        self._last_version = self.store.data_version()
        self.draft = self.store.draft(self.draft_id)
        # what `follow` last compared; not moved by the staff's own saves, which read the draft
        # with the team's newer fields in it too
        self._followed_at = self.draft["updated_at"]
        for handle in self.timers.values():
            handle.cancel()
        self.timers.clear()
        self.dirty.clear()
        held, self.held = list(self.held), {}
        for name in held:
            self._show_conflict(name)
        fields = draft_fields(self.draft)
        for f in FIELDS:
            self._put(f.name, fields[f.name], self._version(self.draft, f.name))
        self.status.value = self._status_seen = self.draft["status"]
        self.refresh()

    @staticmethod
    def _version(draft: dict, name: str) -> int:
        return int(draft["versions"].get(name, 0))

    def _put(self, name: str, value, version: int, keep_blank: bool = False) -> None:
        """Show a stored value in its field (no save), as of `version` (`keep_blank`: a table
        keeps the empty rows the staff added)."""
        self._loading = True
        try:
            x = self.inputs[name]
            if isinstance(x, ListEditor):
                x.set_value(value, keep_blank)
            else:
                x.value = value
        finally:
            self._loading = False
        self.base[name], self.stored[name] = version, value

    def follow(self) -> None:
        """Show what was saved since the form was drawn: each field the staff have not changed
        takes the stored value; a changed one keeps the staff's text (its save then shows both);
        a conflict waiting for a choice shows the newest saved text."""
        d = self.store.draft(self.draft_id)
        if d["updated_at"] == self._followed_at:  # another draft, a phone's vote: nothing here
            return
        self._followed_at = d["updated_at"]
        fields = draft_fields(d)
        for f in FIELDS:
            version = self._version(d, f.name)
            if version <= self.base[f.name]:
                continue
            if f.name in self.held:
                self.held[f.name] = {"value": fields[f.name], "version": version}
                self._show_conflict(f.name)
            elif f.name not in self.dirty:
                self._put(f.name, fields[f.name], version)
        self.draft = d
        if self.status.value == self._status_seen:  # a status picked and not set yet stays
            self.status.value = d["status"]
        self._status_seen = d["status"]
        self.refresh()

    def on_store_change(self) -> None:
        self.follow()

    WATCH_AT_MOST = 0.5  # seconds between looks at the store, whatever the projector's setting

    def watch(self) -> None:
        """Follow the store from the kernel's event loop (as the control view does): what the
        team saves appears within about a second. Without a running loop (a test, a script)
        nothing is started: call `check()`."""
        if running_loop() is not None:
            self._follow(min(float(self.wb.settings["watch_interval"]), self.WATCH_AT_MOST))

    def refresh(self) -> None:
        L = self.lang
        self.title.value = f"<div class='wb-d-title'>{esc(self.draft['title'])}</div>"
        findings = logic_check(self.draft, L, store=self.store)
        if findings:
            items = "".join(f"<li data-code='{esc(f['code'])}'>{esc(f['message'])}</li>" for f in findings)
            body = f"<ul>{items}</ul>"
        else:
            body = f"<p>{esc(t('logic_ok', L))}</p>"
        cls = "wb-logic" if findings else "wb-logic ok"
        from workbench.exports import budget_summary  # the budget's totals, in roubles

        totals = budget_summary(draft_fields(self.draft)["budget"], L)
        self.logic.value = (f"<div class='{cls}'><b>{esc(t('logic_title', L))}</b>{body}</div>"
                            f"<div class='wb-meta wb-budget-totals'>{esc(totals)}</div>" + self._review_html())
        log = self.store.status_log(self.draft_id)
        self.status_log.value = (f"<div class='wb-meta'>{esc(t('draft_status_log', L))}:</div><ul>" + "".join(
            f"<li>{esc(shown_date(r['date'], L))} — {esc(t('draft_status_' + r['status'], L))}"
            f"{(' · ' + esc(r['note'])) if r['note'] else ''}</li>" for r in log) + "</ul>")
        cons = self.store.consultations(self.draft_id)
        self.cons_log.value = (f"<div class='wb-meta'>{esc(t('draft_consultations', L))}: {len(cons)}</div><ul>"
                               + "".join(f"<li>{esc(shown_date(c['date'], L))} — {esc(c['who'])}: {esc(c['notes'])}</li>"
                                         for c in cons) + "</ul>")

    def _review_html(self) -> str:
        """The peer review of the team's presentation, when there was one (issue 17)."""
        from workbench.session.review import team_results

        if self.draft["session_id"] is None:
            return ""
        r = team_results(self.store, self.draft["session_id"], self.draft["card_id"])
        if r is None:
            return ""
        L = self.lang
        items = "".join(f"<li>{esc(c['name'])}: {esc(c['mean'] if c['mean'] is not None else '—')}</li>"
                        for c in r["criteria"])
        comments = "".join(f"<li><i>{esc(c)}</i></li>" for c in r["comments"])
        return (f"<div class='wb-review-draft'><b>{esc(t('review_results', L))}</b> "
                f"({esc(t('review_reviewers', L))}: {r['reviewers']})<ul>{items}{comments}</ul></div>")

    def say(self, text: str, error: bool = False) -> None:
        show_message(self.message, text, error)

    def field_value(self, name: str):
        x = self.inputs[name]
        return x.value() if isinstance(x, ListEditor) else x.value

    # --- callbacks: call the domain, then refresh ----------------------------------------------
    # A field being typed in saves itself at most `PAUSE` seconds after a keystroke, also while the
    # staff keep typing: a kernel killed mid-paragraph (out of memory, the server killed) loses at
    # most that much, not everything since the last pause. Its history keeps one row per pause in
    # typing, as before: a save replacing this page's own save of the same run adds none.
    PAUSE = 0.8

    def _on_change(self, name: str, _change=None) -> None:
        self.edited(name)

    def touched(self, name: str) -> None:
        """The staff changed a field without anything to save yet (an empty row added): the
        store's changes no longer replace it."""
        if not self._loading:
            self.dirty.add(name)

    def edited(self, name: str) -> None:
        """The staff typed in a field: saved after a pause (at once without an event loop); a
        field with a conflict waits for the staff's choice, showing their newest text."""
        if self._loading:
            return
        now = time.monotonic()
        if now - self.last_key.get(name, float("-inf")) >= self.PAUSE:
            self.typing_since[name] = now  # a new run of typing: its first save keeps history
        self.last_key[name] = now
        self.dirty.add(name)
        if name in self.held:
            self._show_conflict(name)
            return
        if name in self.timers:  # a save is due: it takes this keystroke along
            return
        loop = running_loop()
        if loop is None:
            self._on_pause(name)
            return
        self.timers[name] = loop.call_later(self.PAUSE, self._on_pause, name)

    @shows_errors
    def _on_pause(self, name: str) -> None:
        self._save(name)
        self._say_saved()

    def flush(self) -> None:
        """Save every field the staff changed and that waits for its pause, now."""
        for name in FIELDS_ORDER:
            if name in self.dirty and name not in self.held:
                try:
                    self._save(name)
                except Exception:  # noqa: BLE001 - the kernel is going away: save what can be
                    continue

    def save_field(self, name: str) -> None:
        """Save one field as the form shows it now (nothing is written when it is what the store
        had), with the version it started from."""
        self.dirty.add(name)
        self._on_pause(name)

    def _save(self, name: str, prefer: str | None = None) -> None:
        """Save a changed field with the version it started from. A table goes with the rows it
        started from, so rows the team (or other staff) saved meanwhile are merged in and shown
        (`draft_merge`); a text, a list or a row both changed is held: both texts shown, nothing
        written (`FieldConflict`). `prefer` ("mine", "theirs") settles a held table's rows."""
        handle = self.timers.pop(name, None)
        if handle is not None:
            handle.cancel()
        if name not in self.dirty or (name in self.held and prefer is None):
            return
        if FIELD_BY_NAME[name].kind == "list":
            self.inputs[name].split_pasted()
        elif FIELD_BY_NAME[name].kind == "rows":
            self.inputs[name].spread_pasted()
        value = self.field_value(name)
        try:
            sent = clean_field(name, value)
        except WorkbenchError:
            sent = None  # the save below says what is wrong with it
        if sent is not None and sent == self.stored[name] and prefer is None:
            self.dirty.discard(name)
            return
        rows = FIELD_BY_NAME[name].kind in ("rows", "list")  # merged item by item
        own_version, own_at = self.own_save.get(name, (None, float("-inf")))
        same_run = (prefer is None and own_version == self.base[name]
                    and own_at >= self.typing_since.get(name, float("inf")))
        try:
            saved = save_draft_field(self.store, self.draft_id, name, value, self.base[name],
                                     base_value=self.stored[name] if rows else None,
                                     prefer=prefer if rows else None, replaces_own=same_run)
        except FieldConflict as exc:
            self.held[name] = {"value": exc.value, "version": exc.version}
            self._show_conflict(name)
            return
        self.held.pop(name, None)
        self.dirty.discard(name)
        self.own_save[name] = (saved["version"], time.monotonic())
        if saved["value"] != sent:  # others' rows merged in: the table shows what is stored
            self.merged.add(name)
            self._put(name, saved["value"], saved["version"], keep_blank=True)
        else:
            self.base[name], self.stored[name] = saved["version"], saved["value"]
        self.draft = self.store.draft(self.draft_id)
        self.refresh()

    def _say_saved(self) -> None:
        """What the saves came to: the fields waiting for a choice, else "Сохранено" (and a line
        naming the tables the team's rows were merged into)."""
        merged, self.merged = self.merged, set()
        if self.held:
            fields = ", ".join(t("named", self.lang, value=FIELD_BY_NAME[n].label(self.lang)) for n in FIELDS_ORDER if n in self.held)
            self.say(t("draft_conflicts", self.lang, fields=fields), error=True)
            return
        self.say(t("draft_saved", self.lang))
        if merged:
            fields = ", ".join(t("named", self.lang, value=FIELD_BY_NAME[n].label(self.lang)) for n in FIELDS_ORDER if n in merged)
            self.message.value += f"<div class='wb-ok wb-merged'>{esc(t('draft_rows_merged', self.lang, fields=fields))}</div>"

    @shows_errors
    def _on_save_all(self, _=None) -> None:
        """Save what the staff changed, and only that (a field they did not touch may be the
        team's newer text)."""
        if not self.dirty - set(self.held) and not self.held:
            self.say(t("team_all_saved", self.lang))
            return
        failed = None
        for name in FIELDS_ORDER:
            try:
                self._save(name)
            except WorkbenchError as exc:  # the other fields are still saved
                failed = failed or exc
        if failed is not None:
            raise failed
        self._say_saved()

    def _show_conflict(self, name: str) -> None:
        """The conflict under a field: the message, the text saved meanwhile and the staff's,
        in words; hidden when there is none."""
        box, text, keep, mine = self.conflicts[name]
        held = self.held.get(name)
        if held is None:
            box.layout.display = "none"
            text.value = ""
            return
        L, spec = self.lang, FIELD_BY_NAME[name]
        text.value = (f"<div class='wb-err'>{esc(FieldConflict(name, held['value'], held['version']).message(L))}</div>"
                      f"<div class='wb-meta'>{esc(t('team_their_version', L))}</div>"
                      f"<div class='wb-c-text wb-c-theirs'>{esc(value_words(spec, held['value'], L))}</div>"
                      f"<div class='wb-meta'>{esc(t('draft_conflict_yours', L))}</div>"
                      f"<div class='wb-c-text wb-c-mine'>{esc(value_words(spec, self._typed(name), L))}</div>")
        keep.description = t("draft_keep_theirs", L)
        mine.description = t("team_save_again", L)
        box.layout.display = None

    def _typed(self, name: str):
        """The staff's text of a field as it would be saved (empty rows left out)."""
        value = self.field_value(name)
        try:
            return clean_field(name, value)
        except WorkbenchError:
            return value

    def _valid(self, name: str) -> bool:
        try:
            clean_field(name, self.field_value(name))
        except WorkbenchError:
            return False
        return True

    @shows_errors
    def _on_keep_theirs(self, name: str) -> None:
        """Drop the staff's text of a field for the one stored now. In a table only the rows
        both changed take the stored ones; the staff's other rows are kept, merged (as on the
        team page)."""
        if FIELD_BY_NAME[name].kind in ("rows", "list") and self._valid(name):
            self.dirty.add(name)
            self._save(name, prefer="theirs")
        else:
            d = self.store.draft(self.draft_id)
            self.held.pop(name, None)
            self.dirty.discard(name)
            self._put(name, draft_fields(d)[name], self._version(d, name))
            self.draft = d
            self.refresh()
        self._show_conflict(name)
        self._say_saved()

    @shows_errors
    def _on_save_mine(self, name: str) -> None:
        """Save the staff's text over the one they were shown (a newer one is shown again). In
        a table only the rows both changed take the staff's; the team's other rows stay."""
        if FIELD_BY_NAME[name].kind in ("rows", "list"):
            self.dirty.add(name)
            self._save(name, prefer="mine")
        else:
            held = self.held.pop(name, None)
            if held is not None:
                self.base[name], self.stored[name] = held["version"], held["value"]
            self.dirty.add(name)
            self._save(name)
        self._show_conflict(name)
        self._say_saved()

    # --- the staff's actions: each says what came of it under its own controls ------------------
    def _note_side(self, name: str, text=None, error: bool = False) -> None:
        """Say `text(lang)` under the control `name` (nothing: clear it); kept for the switch."""
        if text is None:
            self.side_notes.pop(name, None)
        else:
            self.side_notes[name] = (text, error)
        self._show_side(name)

    def _show_side(self, name: str) -> None:
        text, error = self.side_notes.get(name, (None, False))
        show_message(self.side_msgs[name], text(self.lang) if text else "", error)

    def _typed_date(self, name: str, box: w.Text) -> tuple[bool, str | None]:
        """The date typed in `box` as ГГГГ-ММ-ДД (None when empty: the store takes today), and
        whether it could be read; one that cannot is said under the field, which turns red."""
        try:
            day = parse_date(box.value)
        except WorkbenchError as exc:
            box.add_class("wb-bad")
            self._note_side(f"{name}_date", exc.message, error=True)
            return False, None
        box.remove_class("wb-bad")
        self._note_side(f"{name}_date")
        if day is not None:
            box.value = date_text(day, self.lang)  # 1.3.2025 or 2025-03-01 shown the page's way
        return True, day.isoformat() if day else None

    def _staff_action(self, name: str, box: w.Text, action) -> None:
        """Read the date of `box`, then `action(date)`; the outcome is said under the button."""
        self._note_side(name)
        ok, day = self._typed_date(name, box)
        if not ok:
            return
        try:
            action(day)
        except Exception as exc:  # shown, not swallowed, in the page's language: the staff must see it
            self._note_side(name, lambda L, exc=exc: error_message(exc, L), error=True)
            return
        self._note_side(name, lambda L: t("draft_saved", L))
        self.refresh()

    def _on_status(self, _=None) -> None:
        def action(day):
            self.draft = change_status(self.store, self.draft_id, self.status.value, date=day,
                                       note=self.status_note.value)
            self._status_seen = self.draft["status"]
            self.status_note.value = ""
        self._staff_action("status", self.status_date, action)

    def _on_consultation(self, _=None) -> None:
        def action(day):
            self.store.add_consultation(self.draft_id, day, self.cons_who.value, self.cons_notes.value)
            self.cons_who.value = self.cons_notes.value = ""
        self._staff_action("cons", self.cons_date, action)

    @shows_errors
    def _on_export(self, fmt: str) -> None:
        from workbench.exports import draft_file

        name, data = draft_file(self.store, self.draft_id, fmt, self.lang)
        # built in memory, handed to the browser: no copy left on the server (a full disk
        # there cannot cost the team its file)
        self.download.value = file_link(name, data)
        self.say(t("draft_export_ready", self.lang, name=name))  # the file's name, not the server's path

    def _on_lang(self, change) -> None:
        self.lang = change["new"]
        self._render_labels()
        self.refresh()


class DraftPicker:
    """The drafts page without a draft: the list of drafts, the funnel, and (for a session) its
    top-voted ideas with "create a draft" buttons, the links between sessions, who registered
    and the peer review. The RU/EN switch at the top right redraws it all in the other language."""

    def __init__(self, wb: Workbench, session_code: str = "", lang: str | None = None, limit: int = 8):
        self.wb = wb
        self.store = wb.store
        self.lang = page_lang(lang, wb.settings["lang"])
        self.session = self.store.session(session_code) if session_code else None
        self.limit = limit
        self.lang_toggle = lang_toggle(self.lang, self._on_lang)
        self.message = w.HTML(layout=w.Layout(flex="1"))
        self.message.add_class("wb-message")
        self._note = None  # the message as a function of the language, redrawn by the switch
        self.ideas = w.VBox()
        self.list = w.HTML()
        self.funnel = w.HTML()
        self.create_buttons: dict[int, w.Button] = {}
        self.take_team_buttons: dict[int, w.Button] = {}  # by the team's card
        self.sharing = self.registrations = self.review = None
        header = w.HBox([self.message, self.lang_toggle])
        self.widget = w.VBox([w.HTML(CSS), header, self.ideas, self.list, self.funnel])
        self._build_panels()
        self.widget.add_class("wb-draft-picker")
        self.refresh()

    def _build_panels(self) -> None:
        """The session's panels, in the page's language: links, who registered, peer review
        (ui/sharing.py, registration_view.py, review_view.py write their labels when built)."""
        if self.session is None:
            return
        from workbench.ui.registration_view import RegistrationPanel
        from workbench.ui.review_view import ReviewPanel
        from workbench.ui.sharing import SharingPanel

        old = [p.widget for p in (self.sharing, self.registrations, self.review) if p is not None]
        self.sharing = SharingPanel(self.wb, self.session["code"], self.lang)
        self.registrations = RegistrationPanel(self.wb, self.session["code"], self.lang)
        self.review = ReviewPanel(self.wb, self.session["code"], self.lang)
        kept = [c for c in self.widget.children if not any(c is o for o in old)]
        self.widget.children = (*kept, self.sharing.widget, self.registrations.widget, self.review.widget)

    def say(self, text: str, error: bool = False) -> None:
        self._note = None
        show_message(self.message, text, error)

    def show_error(self, exc: WorkbenchError) -> None:
        """A refused action's message, redrawn in the other language by the switch."""
        self._note = lambda L: f"<div class='wb-err'>{esc(exc.message(L))}</div>"
        self.message.value = self._note(self.lang)

    def refresh(self) -> None:
        L = self.lang
        sessions = {s["id"]: s for s in self.store.list_sessions()}
        drafts = self.store.drafts(self.session["id"] if self.session else None)
        if self.session is not None:
            self.create_buttons, self.take_team_buttons = {}, {}
            self._drafts_of = {}
            for d in drafts:  # the oldest, if an older store has two of one idea
                if d["card_id"] is not None:
                    self._drafts_of.setdefault(d["card_id"], d)
            self.ideas.children = self._candidates(draft_candidates(self.store, self.session["code"], self.limit, L))
        if drafts:
            items = "".join(
                f"<tr><td><a href='{esc(lang_query(L, draft=d['id']))}'>{esc(d['title'])}</a></td>"
                f"<td>{esc(sessions.get(d['session_id'], {}).get('code', ''))}</td>"
                f"<td>{esc(d['territory'])}</td><td>{esc(t('draft_status_' + d['status'], L))}</td>"
                f"<td class='wb-d-issues'>{esc(_issues(len(logic_check(d, L, store=self.store)), L))}</td></tr>" for d in drafts)
            head = "".join(f"<th>{esc(h)}</th>" for h in (
                t("draft_f_title", L), t("draft_funnel_session", L), t("draft_funnel_territory", L),
                t("draft_status", L), t("logic_title", L)))
            # each table scrolls sideways in its own box: on a phone the status and the logic
            # check's columns were cut off the screen with no way to reach them
            self.list.value = (f"<h3>{esc(t('draft_list', L))}</h3><div class='wb-d-scroll'><table class='wb-drafts'>"
                               f"<tr>{head}</tr>{items}</table></div>")
            by_session = table_html(funnel_table(self.store, "session", L))
            by_territory = table_html(funnel_table(self.store, "territory", L))
            self.funnel.value = (f"<h3>{esc(t('draft_funnel', L))}</h3><div class='wb-d-scroll'>{by_session}</div><br>"
                                 f"<div class='wb-d-scroll'>{by_territory}</div>")
        else:
            self.list.value = f"<h3>{esc(t('draft_list', L))}</h3><p>{esc(t('draft_none', L))}</p>"
            self.funnel.value = ""

    def _candidate_row(self, card: dict, detail: str) -> w.Widget:
        """A "Create a draft" button and what it starts from; an idea (or team) with a draft
        has a link to it instead."""
        L = self.lang
        draft = self._drafts_of.get(card["id"])
        if draft is not None:
            b = w.HTML(f"<a class='wb-open-draft' data-draft='{draft['id']}' "
                       f"href='{esc(lang_query(L, draft=draft['id']))}'>{esc(t('draft_open_project', L))}</a>")
        else:
            # never narrower than its words: on a phone the idea beside it wrapped and the button
            # read «+ Созд…»
            b = w.Button(description=t("draft_create_from", L), icon="plus",
                         layout=w.Layout(width="auto", flex="0 0 auto"))
            b.on_click(functools.partial(self._on_create, card["id"]))
            self.create_buttons[card["id"]] = b
        kind = f" <i>({esc(t('draft_group', L))})</i>" if card["is_group"] else ""
        return w.HBox([b, w.HTML(f"<span data-candidate='{card['id']}'>{said(card['text'])}{kind} · {detail}</span>")])

    def _candidates(self, found: dict) -> tuple:
        """The teams formed first (a draft from one has its members and leader), then the other
        ideas by the latest decision round, then by dots (`workbench.drafts.draft_candidates`)."""
        L, title = self.lang, esc(self.session["title"])
        out = []
        if found["teams"]:
            out.append(w.HTML(f"<h3 data-teams>{esc(t('draft_teams', L))}: {title}</h3>"))
            for tm in found["teams"]:
                detail = esc(t("draft_team_size", L, n=len(tm["members"])))
                if tm["leader"]:
                    detail += ", " + esc(t("draft_team_leader", L, name=tm["leader"]))
                out.append(self._candidate_row(tm, f"<b>{detail}</b>"))
                if tm["team_findings"]:  # its draft still has the team as it was: say how, offer the session's
                    out.append(self._team_differs_row(tm))
        rnd = found["round"]
        if rnd is not None:
            key = "draft_other_ideas_by_round" if found["teams"] else "draft_ideas_by_round"
            heading = esc(t(key, L, stage=rnd["stage"], method=rnd["method"]))
        else:
            heading = esc(t("draft_other_ideas" if found["teams"] else "draft_ideas", L))
        out.append(w.HTML(f"<h4>{heading}</h4>" if found["teams"] else f"<h3>{heading}: {title}</h3>"))
        for idea in found["ideas"]:
            if idea["place"] is not None:
                detail = " · ".join([esc(t("draft_place", L, n=idea["place"]))]
                                    + [f"{esc(h)}: <b>{esc(v)}</b>" for h, v in idea["figures"]])
            else:
                detail = f"<b>{esc(t('draft_votes', L, n=idea['votes']))}</b>"
            out.append(self._candidate_row(idea, detail))
        return tuple(out)

    def _team_differs_row(self, tm: dict) -> w.Widget:
        """Under a team whose draft lists another team: how it differs, and one click to take the
        session's team into the draft (`workbench.drafts.take_session_team`)."""
        L = self.lang
        b = w.Button(description=t("draft_take_team", L), icon="users", layout=w.Layout(width="auto"))
        b.on_click(functools.partial(self._on_take_team, tm["draft_id"]))
        self.take_team_buttons[tm["id"]] = b
        said = "; ".join(f["message"] for f in tm["team_findings"])
        return w.HBox([b, w.HTML(f"<span class='wb-team-differs' data-team-differs='{tm['id']}'>"
                                 f"<b>{esc(t('draft_team_differs', L))}:</b> {esc(said)}</span>")])

    @shows_errors
    def _on_take_team(self, draft_id: int, _button=None) -> None:
        from workbench.drafts import take_session_team, take_team_message

        try:
            done = take_session_team(self.store, draft_id, self.lang)
        except WorkbenchError as exc:
            self.show_error(exc)
            return
        self.refresh()
        self._note = lambda L: f"<div class='wb-ok'>{esc(take_team_message(done, L))}</div>"
        self.message.value = self._note(self.lang)

    @shows_errors
    def _on_create(self, card_id: int, _button=None) -> None:
        # An idea has one draft: a second click opens the first (workbench.drafts.idea_draft).
        made = idea_draft(self.store, self.session["code"], card_id, self.lang)
        self.last_created = made["id"]
        self.refresh()
        if self.sharing is not None:
            self.sharing.refresh()
        key = "draft_created" if made["created"] else "draft_exists"
        self._note = lambda L: (f"<div class='wb-ok'>{esc(t(key, L, title=made['title']))} — "
                                f"<a href='{esc(lang_query(L, draft=made['id']))}'>{esc(t('draft_open', L))}</a></div>")
        self.message.value = self._note(self.lang)

    def _on_lang(self, change) -> None:
        self.lang = change["new"]
        self._build_panels()
        self.refresh()
        if self._note is not None:
            self.message.value = self._note(self.lang)


def _session_lang(wb: Workbench, draft, session) -> str:
    """The language of the session a drafts page is about (the one its control view speaks), else
    the `lang` setting: an English session's drafts page opened in Russian and pre-filled its drafts
    so («Идею поддержали на сессии…»)."""
    from workbench.session.display import display_language

    default = wb.settings["lang"]
    try:
        sid = wb.store.draft(int(draft))["session_id"] if draft else (
            wb.store.session(session)["id"] if session else None)
    except (WorkbenchError, TypeError, ValueError):
        return default  # the page says what is wrong, in the setting's language
    return default if sid is None else display_language(wb.store, sid, default)


def draft_view(wb: Workbench, draft: str | int | None = None, session: str | None = None,
               lang: str | None = None) -> w.Widget:
    """The widget the drafts notebook displays: the editor of `draft`, else the picker. Its
    language: the page's `?lang=`, else the session's (the draft's session's), else the setting."""
    lang = page_lang(lang, None) or _session_lang(wb, draft, session)
    try:
        if draft:
            try:
                draft_id = int(draft)
            except (TypeError, ValueError):
                raise WorkbenchError("draft_unknown") from None
            editor = DraftEditor(wb, draft_id, lang)
            editor.watch()  # the team's saves appear as they come (in a kernel's event loop)
            editor.widget.view = editor  # tests and notebooks can reach the controller
            return editor.widget
        picker = DraftPicker(wb, session or "", lang)
        picker.widget.view = picker
        return picker.widget
    except WorkbenchError as exc:
        picker = DraftPicker(wb, "", lang)
        picker.show_error(exc)
        picker.widget.view = picker
        return picker.widget
