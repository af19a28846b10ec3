"""The staff's network analysis view: sources, filters, ranked tables, maps, matches, exports.

`analysis_view(wb)` returns the widget `notebooks/analysis.ipynb` displays. The domain work is
in `workbench.network.report`; this module only reads the widgets, calls it and renders
tables. Match decisions and uploads are files in the data folder (`DATA/network/`), since each
Voila page is its own kernel and the data folder is what they share.
"""

from __future__ import annotations

import functools
import json
import time
from pathlib import Path

import ipywidgets as w

from workbench.app import Workbench
from workbench.dates import date_text, parse_date
from workbench.errors import WorkbenchError
from workbench.i18n import MESSAGES, number, t
from workbench.ui import download_link, esc, file_link, lang_toggle, page_lang, shows_errors
from workbench.util import write_atomic

SOURCES = ("demo", "upload", "store")
TOGETHER = " + "  # between the names of lists uploaded together, as the source says them
TOP_N = 15
ZOOMS = tuple(1 + i / 2 for i in range(15))  # 1, 1.5, … 8
CSS = (
    "<style>"
    ".wb-analysis table.dataframe{border-collapse:collapse;font-size:13px;margin:4px 0 12px}"
    ".wb-analysis table.dataframe th{background:#1f4e79;color:#fff;padding:3px 8px;text-align:left}"
    ".wb-analysis table.dataframe td{padding:2px 8px;border-bottom:1px solid #ddd}"
    ".wb-analysis table.dataframe tr:nth-child(even) td{background:#f4f7fb}"
    ".wb-na-title{font-size:24px;font-weight:bold;color:#1f4e79}"
    ".wb-na-h{font-size:15px;font-weight:bold;margin:8px 0 2px}"
    ".wb-na-note{font-size:13px;color:#555}"
    ".wb-err{color:#8a1f11;background:#fde2e1;padding:6px 10px;border-radius:6px;font-size:15px}"
    ".wb-ok{color:#1d5e20;font-size:15px}"
    ".wb-warn{color:#6b4a00;background:#fff3cd;padding:6px 10px;border-radius:6px;font-size:15px}"
    ".wb-na-legend{font-size:13px;margin:2px 0 4px}"
    ".wb-na-legend span.wb-na-key{display:inline-block;margin-right:12px;white-space:nowrap}"
    ".wb-na-legend i{display:inline-block;width:11px;height:11px;border-radius:50%;"
    "border:1px solid #666;margin-right:4px;vertical-align:-1px}"
    # On a narrow screen the tabs go onto more lines, whole («Лю», «Св»… were all a phone showed),
    # and the filters under one another, none cut at the screen's edge
    ".wb-analysis .lm-TabBar-content{flex-wrap:wrap}"
    ".wb-analysis .lm-TabBar{height:auto!important;min-height:0!important;max-height:none!important}"
    ".wb-analysis .lm-TabBar-tab{flex:0 0 auto!important;min-width:0!important;max-width:none!important}"
    ".wb-analysis .widget-hbox{flex-wrap:wrap}"
    ".wb-analysis .widget-dropdown,.wb-analysis .widget-text{max-width:100%}"
    "</style>"
)
# Room for the longest description ("Территория", "Цвет на карте") with no "…"; one width for
# all, so that the filter rows stay aligned.
LABEL_STYLE = {"description_width": "110px"}


def sector_label(code, lang: str) -> str:
    """The store's sector code in words; other values as they are.

    >>> sector_label("ngo", "en"), sector_label("школа", "en")
    ('NGO', 'школа')
    """
    key = f"sector_{code}"
    return t(key, lang) if code and key in MESSAGES else str(code or "")


def upload_problem(exc, name: str, lang: str) -> str:
    """What is wrong with an uploaded file, in the page's words: the file by the name the staff
    gave it (never the server's folder) and what to do, without the command line's advice.

    >>> from workbench.network.tables import NetworkInputError
    >>> upload_problem(NetworkInputError("table_empty", path="/srv/data/network/uploads/a.csv"), "a.csv", "ru")
    'Файл «a.csv» пуст. Нужна таблица: в первой строке заголовки (ФИО, Мероприятие…), дальше по строке на каждое участие.'
    """
    from workbench.errors import word

    key = f"na_{exc.key}" if f"na_{exc.key}" in MESSAGES else exc.key
    return word(key, lang, {**exc.params, "path": name, "name": name})


def sectors_notice(unknown: dict[str, int], lang: str, shown: int = 5) -> str:
    """The warning for rows whose sector is none of the page's: how many, which (as written), and
    what to do; empty when there are none.

    >>> sectors_notice({"школа": 2, "власть2": 1}, "ru").split(". ")[0]
    '3 строки с незнакомой сферой: «школа» (2), «власть2» (1)'
    """
    from workbench.network.tables import unknown_sectors_text
    from workbench.session.model import SECTORS

    if not unknown:
        return ""
    return t("na_unknown_sectors", lang, n=sum(unknown.values()),
             values=unknown_sectors_text(unknown, lang, shown),
             known=", ".join(t(f"sector_{s}", lang) for s in SECTORS))


def reason_label(reason: str, lang: str) -> str:
    """Why two names were paired, in words.

    >>> reason_label("same name, different contacts", "ru")
    'то же имя, другие контакты'
    """
    key = "na_reason_" + reason.replace(", ", "_").replace(" ", "_")
    return t(key, lang) if key in MESSAGES else reason


def number_text(value, lang: str, digits: int = 4, trim: bool = True) -> str:
    """A fraction as the page shows it: at most `digits` decimals (no trailing zeros when
    `trim`), a decimal comma in Russian as the rest of the product writes "1,00"; empty for a
    missing value.

    >>> number_text(0.05771, "ru"), number_text(0.05771, "en"), number_text(2.0, "ru")
    ('0,0577', '0.0577', '2')
    >>> number_text(0.5, "ru", 2), number_text(0.9, "ru", 2, trim=False), number_text(float("nan"), "ru")
    ('0,5', '0,90', '')
    """
    return "" if value != value else number(value, lang, digits, trim)  # NaN: empty


def table_html(df, lang: str, css: str = "", floats: int = 4) -> str:
    """A DataFrame as an escaped HTML table with translated headers and sector names, figures
    as the language writes them (counts with thousands apart: "1 250" in Russian).

    >>> import pandas as pd
    >>> html = table_html(pd.DataFrame({"cumulative_people": [1250], "largest_component_share": [0.5]}), "ru")
    >>> "<td>1\u202f250</td>" in html and "<td>0,5</td>" in html
    True
    """
    if df is None or len(df) == 0:
        return f"<div class='wb-na-note {css}'>—</div>"
    out = df.copy()
    for col in out.columns:
        if col in ("sector", "main_sector"):
            out[col] = [sector_label(v, lang) for v in out[col]]
        elif out[col].dtype.kind == "f":
            out[col] = [number_text(v, lang, floats) for v in out[col]]
        elif out[col].dtype.kind in "iu" and col != "community":  # a community is a label, not a count
            out[col] = [number(int(v), lang, grouped=True) for v in out[col]]
    keys = list(out.columns)
    out.columns = [t(f"na_col_{c}", lang) if f"na_col_{c}" in MESSAGES else sector_label(c, lang)
                   for c in keys]
    html = out.to_html(index=False, escape=True, border=0, classes=f"wb-table {css}".strip())
    for key, header in zip(keys, out.columns, strict=True):  # a figure that needs a word more
        if f"na_tip_{key}" in MESSAGES:
            html = html.replace(f"<th>{esc(header)}</th>",
                                f"<th title='{esc(t(f'na_tip_{key}', lang))}'>{esc(header)}</th>", 1)
    return html


def people_columns(df):
    """The people table's degree and weighted degree under names that say what they count:
    people met (different people) and meetings with others (each person once per event
    together), so that 326 is not read as a number of events.

    >>> import pandas as pd
    >>> people_columns(pd.DataFrame({"degree": [2], "weighted_degree": [5]})).columns.tolist()
    ['people_met', 'meetings']
    """
    return df.rename(columns={"degree": "people_met", "weighted_degree": "meetings"})


def organisation_columns(df):
    """The organisations table's degree and weighted degree: organisations linked, and the
    strength of those links (events shared plus people shared, summed over them)."""
    return df.rename(columns={"degree": "orgs_linked", "weighted_degree": "tie_strength"})


class AnalysisView:
    """Build with `AnalysisView(wb)`; `.widget` is what the notebook displays."""

    # A bad file is an everyday event for staff: its NetworkInputError (a WorkbenchError) says which
    # row and column in the page's language, through `shows_errors`.

    def __init__(self, wb: Workbench, source: str = "demo", lang: str | None = None,
                 seed: int = 0):
        self.wb = wb
        self.lang = page_lang(lang, wb.settings["lang"])
        self.seed = seed
        self.folder = wb.data_dir / "network"
        self.table = None
        self.shape = "attendance"  # or "edges": an edge list (`report.read_list`)
        self.partnerships = None
        self.report = None
        self.source_key = ""
        self.last_export: Path | None = None  # the folder of the latest export
        self._uploaded: tuple | None = None  # ((names…), table) of the files just uploaded and read
        self._layout_cache: tuple | None = None
        self._quiet = False
        self._build()
        self._quietly(lambda: setattr(self.source, "value",
                                      source if source in SOURCES else "demo"))
        self.load_source()

    # --- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = w.HTML()
        self.lang_toggle = lang_toggle(self.lang, self._on_lang)
        self.source = w.Dropdown(options=[], layout=w.Layout(width="450px"), style=LABEL_STYLE)
        self.source.observe(self._on_source, "value")
        self.upload = w.FileUpload(accept=".csv,.tsv,.txt,.xlsx", multiple=True,
                                   layout=w.Layout(width="auto"))
        self.upload.observe(self._on_upload, "value")
        # The page checks a file's size before sending it (the template's script reads the limit
        # from this class) and, for a file over it, types its name and size into the hidden box
        # below: the kernel then says so in the page's language, and nothing was sent.
        self.upload.add_class(f"wb-upload-max-{int(self.max_upload_mb() * 1e6)}")
        self.upload_refused = w.Text(layout=w.Layout(display="none"))
        self.upload_refused.add_class("wb-upload-refused")
        self.upload_refused.observe(self._on_upload_refused, "value")
        self.territory = w.Dropdown(options=[("", "")], layout=w.Layout(width="330px"),
                                    style=LABEL_STYLE)
        self.sector = w.Dropdown(options=[("", "")], layout=w.Layout(width="330px"),
                                 style=LABEL_STYLE)
        # Text, not a DatePicker: the browser's date input writes its own locale's mm/dd/yyyy
        # whatever the page's language; these take ДД.ММ.ГГГГ (or ГГГГ-ММ-ДД) on Enter.
        self.date_from = w.Text(continuous_update=False, layout=w.Layout(width="330px"),
                                style=LABEL_STYLE)
        self.date_to = w.Text(continuous_update=False, layout=w.Layout(width="330px"),
                              style=LABEL_STYLE)
        self.date_from.add_class("wb-na-date-from")
        self.date_to.add_class("wb-na-date-to")
        for f in (self.territory, self.sector, self.date_from, self.date_to):
            f.observe(self._on_filter, "value")
        self.territory.add_class("wb-na-territory")
        self.sector.add_class("wb-na-sector")
        self.reset = w.Button(layout=w.Layout(width="auto"))
        self.reset.on_click(self._on_reset)
        self.message = w.HTML()
        self.notice = w.HTML()  # about the list loaded (sectors the page does not know): stays with it
        self.notice.add_class("wb-na-notice")
        self.summary = w.HTML()
        # tabs
        self.people_html = w.HTML()
        self.brokers_html = w.HTML()
        self.communities_html = w.HTML()
        self.orgs_html = w.HTML()
        # spellings of one organisation merged as one (on by default); what was merged is listed below
        self.merge_orgs = w.Checkbox(value=True, indent=False, layout=w.Layout(width="auto"))
        self.merge_orgs.add_class("wb-na-merge-orgs")
        self.merge_orgs.observe(self._on_merge_orgs, "value")
        self.org_merges_html = w.HTML()
        self._orgs_problem = None  # why the staff's orgs.csv could not be read
        self._aliases: dict = {}  # the staff's list as last read
        self.repeat_html = w.HTML()
        self.growth_image = w.Image(format="png", layout=w.Layout(max_width="900px"))
        self.growth_html = w.HTML()
        self.map_image = w.Image(format="png", layout=w.Layout(max_width="900px"))
        self.colour_by = w.Dropdown(options=[("", "community")], value="community",
                                    layout=w.Layout(width="390px"), style=LABEL_STYLE)
        self.colour_by.add_class("wb-na-colour-by")
        self.colour_by.observe(self._on_colour_by, "value")
        self.focus = w.Dropdown(options=[("—", "")], layout=w.Layout(width="390px"),
                                style=LABEL_STYLE)
        self.focus.observe(self._on_focus, "value")
        # a selection slider, so that its readout is ours: "1,5×" in Russian, not the browser's "1.50"
        self.zoom = w.SelectionSlider(options=[(str(z), z) for z in ZOOMS], value=1.0,
                                      layout=w.Layout(width="390px"), style=LABEL_STYLE)
        self.zoom.observe(self._on_focus, "value")
        self.map_note = w.HTML()
        self.svg = w.HTML()
        self.legend = w.HTML()  # what the interactive map's colours mean, as in the static map
        self.focus_details = w.HTML(layout=w.Layout(width="340px"))
        self.matches_note = w.HTML()
        self.matches_box = w.VBox()
        # width "auto": a checkbox is 300 px by default, which cut its label with "…" at 1366 px
        self.pseudonymise = w.Checkbox(value=False, indent=False, layout=w.Layout(width="auto"))
        self.pseudonymise.add_class("wb-na-pseudonymise")
        # e-mails and phones leave the workbench only when the staff ask (152-ФЗ: as little as needed)
        self.contacts = w.Checkbox(value=False, indent=False, layout=w.Layout(width="auto"))
        self.contacts.add_class("wb-na-contacts")
        self.pseudonymise.observe(self._on_pseudonymise, "value")
        self.export_note = w.HTML()
        self.export_button = w.Button(button_style="primary", icon="download",
                                      layout=w.Layout(width="auto", align_self="flex-start"))
        self.export_button.on_click(self._on_export)
        self.export_links = w.HTML()
        self.tabs = w.Tab(children=[
            self.people_html, self.brokers_html, self.communities_html,
            w.VBox([self.orgs_html, self.merge_orgs, self.org_merges_html]),
            self.repeat_html, w.VBox([self.growth_image, self.growth_html]),
            w.VBox([self.map_note, w.HBox([self.focus, self.zoom]), self.colour_by, self.legend,
                    w.HBox([self.svg, self.focus_details]), self.map_image]),
            w.VBox([self.matches_note, self.matches_box]),
            w.VBox([self.export_note, self.pseudonymise, self.contacts, self.export_button,
                    self.export_links])])
        self.tabs.observe(self._on_tab, "selected_index")
        self.tab_keys = ["na_tab_people", "na_tab_brokers", "na_tab_communities", "na_tab_orgs",
                         "na_tab_repeat", "na_tab_growth", "na_tab_map", "na_tab_matches",
                         "na_tab_export"]
        header = w.HBox([w.VBox([self.title], layout=w.Layout(flex="1")), self.lang_toggle])
        filters = w.VBox([w.HBox([self.source, self.upload, self.upload_refused]),
                          w.HBox([self.territory, self.sector]),
                          w.HBox([self.date_from, self.date_to, self.reset])])
        self.widget = w.VBox([w.HTML(CSS), header, filters, self.message, self.notice, self.summary,
                              self.tabs])
        self.widget.add_class("wb-analysis")
        self._render_labels()

    def _render_labels(self) -> None:
        L = self.lang
        self.title.value = f"<div class='wb-na-title'>{esc(t('na_title', L))}</div>"
        source = self.source.value  # new options would show the first source, not the one loaded

        def relabel_sources():
            self.source.options = [(t(f"na_source_{s}", L), s) for s in SOURCES]
            if source is not None:
                self.source.value = source
        self._quietly(relabel_sources)
        self.source.description = t("na_source", L)
        self.upload.description = t("na_upload", L)
        self.territory.description = t("na_territory", L)
        self.sector.description = t("na_sector", L)
        self.date_from.description = t("na_date_from", L)
        self.date_to.description = t("na_date_to", L)
        for d in (self.date_from, self.date_to):
            d.placeholder = t("na_date_hint", L)
            try:  # a date typed before switching language is shown the new language's way
                day = parse_date(d.value)
            except WorkbenchError:
                continue
            self._quietly(lambda d=d, day=day: setattr(d, "value", date_text(day, L)))
        self.reset.description = t("na_reset", L)
        self.focus.description = t("na_focus", L)
        self.zoom.description = t("na_zoom", L)
        zoom = self.zoom.value  # new options would reset it

        def relabel_zoom():
            self.zoom.options = [(number_text(z, L, 1) + "×", z) for z in ZOOMS]
            self.zoom.value = zoom
        self._quietly(relabel_zoom)
        self.colour_by.description = t("na_colour_by", L)
        colouring = self.colour_by.value  # kept through a change of language, as the zoom is

        def relabel_colours():
            self.colour_by.options = [(t(f"na_colour_{k}", L), k)
                                      for k in ("community", "territory", "sector")]
            self.colour_by.value = colouring
        self._quietly(relabel_colours)
        self.map_note.value = f"<div class='wb-na-note'>{esc(t('na_map_note', L))}</div>"
        self.matches_note.value = f"<div class='wb-na-note'>{esc(t('na_matches_note', L))}</div>"
        self.pseudonymise.description = t("na_pseudonymise", L, code="P0001")
        self.contacts.description = t("na_with_contacts", L)
        self.merge_orgs.description = t("na_org_merge_toggle", L)
        self._render_export_note()
        self.export_button.description = t("na_export", L)
        for i, key in enumerate(self.tab_keys):
            self.tabs.set_title(i, t(key, L))
        for dd in (self.territory, self.sector):
            self._quietly(lambda dd=dd: setattr(dd, "options", self._filter_options(dd)))

    def _render_export_note(self) -> None:
        """What the export writes, with organisations_merged.csv when it will be written (the
        report merged spellings, and with codes some of them name no person)."""
        from workbench.network.organisations import merges_to_share

        L = self.lang
        note = t("na_export_note", L, graphs=".gexf, .graphml", gephi="Gephi")
        r = self.report
        if r is not None and len(merges_to_share(r.organisation_merges, self.pseudonymise.value)):
            note += " " + t("na_export_note_orgs", L, file="organisations_merged.csv",
                            sheet=t("na_sheet_organisations_merged", L))
        self.export_note.value = f"<div class='wb-na-note'>{esc(note)}</div>"

    def _quietly(self, change) -> None:
        """Change widgets without triggering a new analysis for each of them."""
        was, self._quiet = self._quiet, True
        try:
            change()
        finally:
            self._quiet = was

    def say(self, text: str, error: bool = False) -> None:
        if not text:
            self.message.value = ""
            return
        cls = "wb-err" if error else "wb-ok"
        self.message.value = f"<div class='{cls}'>{esc(text)}</div>"

    # --- data -----------------------------------------------------------------------------
    def _filter_options(self, dd) -> list:
        L = self.lang
        values = []
        col = "territory" if dd is self.territory else "sector"
        if self.table is not None and col in self.table.columns:  # an edge list may have no place, no sector
            values = sorted({v for v in self.table[col] if isinstance(v, str) and v})
        label = (lambda v: sector_label(v, L)) if dd is self.sector else str
        return [(t("na_all", L), "")] + [(label(v), v) for v in values]

    def _decisions_path(self) -> Path:
        return self.folder / "match_decisions.json"

    def decisions(self) -> dict:
        path = self._decisions_path()
        if not path.exists():
            return {}
        return json.loads(path.read_text(encoding="utf-8")).get(self.source_key, {})

    def _save_decision(self, key: str, decision: str) -> None:
        path = self._decisions_path()
        data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        data.setdefault(self.source_key, {})[key] = decision
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(path)

    def aliases_path(self) -> Path:
        """The staff's list of organisation spellings (`organisations.read_aliases`)."""
        return self.folder / "orgs.csv"

    def _org_aliases(self) -> dict:
        """The staff's list, or {} with the reason kept for the organisations tab: a list that
        cannot be read is said there, and the analysis goes on with the automatic merging."""
        from workbench.network.organisations import read_aliases
        from workbench.network.tables import NetworkInputError

        self._orgs_problem, self._aliases = None, {}
        if not self.aliases_path().is_file():
            return {}
        try:
            self._aliases = read_aliases(self.aliases_path())
        except NetworkInputError as exc:
            self._orgs_problem = exc
        return self._aliases

    @staticmethod
    def _org_list_in(path: Path, name: str) -> dict | None:
        """The staff's list of organisation spellings, when an uploaded file is one (columns
        «Написание», «Организация»); None for any other file."""
        from workbench.network.organisations import aliases_from, is_alias_list
        from workbench.network.tables import NetworkInputError, read_table

        try:
            raw = read_table(path)
        except NetworkInputError:
            return None
        return aliases_from(raw, name) if is_alias_list(raw) else None

    def _save_org_list(self, aliases: dict, name: str) -> None:
        """Keep the staff's list as `orgs.csv` (for every list, and the next visit) and use it."""
        import pandas as pd

        from workbench.tableio import write_csv

        self.folder.mkdir(parents=True, exist_ok=True)
        if aliases:
            write_csv(pd.DataFrame(list(aliases.items()), columns=["Написание", "Организация"]),
                      self.aliases_path(), lang="ru")
        else:  # no spelling filled in: the list is dropped, the automatic merging alone applies
            self.aliases_path().unlink(missing_ok=True)
        if self.table is not None:
            self.refresh()
        if "wb-err" not in self.message.value:
            self.say(t("na_orgs_saved", self.lang, name=name, n=len(aliases)))

    def _uploads(self) -> list[Path]:
        folder = self.folder / "uploads"
        return sorted(folder.glob("*"), key=lambda p: p.stat().st_mtime) if folder.exists() else []

    def _together_path(self) -> Path:
        return self.folder / "uploaded-together.json"  # beside the uploads, never one of them

    def _last_upload(self, uploads: list[Path]) -> tuple[tuple, None]:
        """What a page opened later shows for «Загруженный файл»: the lists last uploaded
        together, when they all still are there, else the newest file."""
        import json

        try:
            names = json.loads(self._together_path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            names = None
        if isinstance(names, list) and len(names) > 1 and all(
                isinstance(n, str) and (self.folder / "uploads" / n).is_file() for n in names):
            return tuple(names), None  # (a file uploaded alone since removed the record)
        return (uploads[-1].name,), None

    @shows_errors
    def load_source(self) -> None:
        """Read the chosen source into a validated table, then analyse it."""
        from workbench.network.demo import demo_dir
        from workbench.network.report import ATTENDANCE, prepare, read_lists
        from workbench.network.store_import import store_attendance
        from workbench.network.tables import NetworkInputError

        self.table = self.partnerships = self.report = None
        self.shape = ATTENDANCE
        self.notice.value = ""
        source = self.source.value
        try:
            if source == "demo":
                import pandas as pd

                folder = demo_dir(self.wb.data_dir)
                self.table = prepare(folder / "attendance.csv")
                self.partnerships = pd.read_csv(folder / "partnerships.csv", dtype=str,
                                                keep_default_na=False)
                self.source_key = "demo"
            elif source == "store":
                self.table = prepare(store_attendance(self.wb.store), "store")
                self.source_key = "store"
            else:
                uploads = self._uploads()
                if not uploads:
                    self.say(t("na_no_upload", self.lang), error=True)
                    return
                names, read = self._uploaded or self._last_upload(uploads)  # the staff's own file names
                name = TOGETHER.join(names)
                self._uploaded = None
                try:  # an attendance list or an edge list, read as `workbench network` reads it
                    self.shape, self.table = read if read is not None else read_lists(
                        [(self.folder / "uploads" / n, n) for n in names])
                except NetworkInputError as exc:
                    self.say(upload_problem(exc, name, self.lang), error=True)
                    return
                self.source_key = "upload:" + name
        finally:
            self._quietly(self._reset_filters)
        self._show_notice()
        self.refresh()

    def _show_notice(self) -> None:
        from workbench.network.tables import unknown_sectors

        text = sectors_notice(unknown_sectors(self.table), self.lang) if self.table is not None else ""
        self.notice.value = f"<div class='wb-warn'>{esc(text)}</div>" if text else ""

    def _reset_filters(self) -> None:
        self.territory.options = self._filter_options(self.territory)
        self.sector.options = self._filter_options(self.sector)
        self.territory.value = ""
        self.sector.value = ""
        self.date_from.value = ""
        self.date_to.value = ""

    def filters(self) -> dict:
        """The filters chosen; a date that cannot be read is a WorkbenchError naming it."""
        dates = {}
        for key, box in (("date_from", self.date_from), ("date_to", self.date_to)):
            day = parse_date(box.value)
            dates[key] = day.isoformat() if day else ""
        return {"territory": self.territory.value or "", "sector": self.sector.value or "",
                **dates}

    @shows_errors
    def refresh(self) -> None:
        """Analyse the table under the filters and decisions, and show every table."""
        from workbench.network.report import EDGES, analyse, analyse_edges, filter_table

        if self.table is None:
            return
        try:
            f = self.filters()
        except WorkbenchError as exc:  # a date the staff mistyped: said in words, tables kept
            self.say(exc.message(self.lang), error=True)
            return
        edges = self.shape == EDGES
        if edges and f["territory"] and f["territory"] not in set(self.table.get("territory", ())) or \
                not edges and filter_table(self.table, **f).empty:
            self.report = None
            self._clear()
            self.say(t("na_nothing", self.lang), error=True)
            return
        if edges:  # the same ends, kinds and territories as `workbench network`
            self.report = analyse_edges(self.table, territory=f["territory"], seed=self.seed,
                                        org_aliases=self._org_aliases(), merge_orgs=self.merge_orgs.value)
        else:
            self.report = analyse(self.table, self.decisions(), seed=self.seed,
                                  partnerships=self.partnerships, org_aliases=self._org_aliases(),
                                  merge_orgs=self.merge_orgs.value, **f)
        self._layout_cache = None
        self.map_image.value = b""
        self.growth_image.value = b""
        self.export_links.value = ""
        self._quietly(self._update_focus_options)
        self.render()

    def _clear(self) -> None:
        for h in (self.summary, self.people_html, self.brokers_html, self.communities_html,
                  self.orgs_html, self.org_merges_html, self.repeat_html, self.growth_html, self.svg,
                  self.focus_details):
            h.value = ""
        self.matches_box.children = []
        self.map_image.value = b""
        self.growth_image.value = b""
        self._render_export_note()

    def _update_focus_options(self) -> None:
        P = self.report.people
        people = sorted((P.nodes[n].get("label", n), n) for n in P)
        keep = self.focus.value if self.focus.value in P else ""
        self.focus.options = [("—", "")] + people
        self.focus.value = keep

    # --- rendering ------------------------------------------------------------------------
    def render(self) -> None:
        r, L = self.report, self.lang
        if r is None:
            return
        s = r.summary
        edges = r.ties is not None
        lines = [t("na_summary_edges", L, **s)] if edges else [
            t("na_summary", L, **s), t("na_matching", L, merged=s["spellings_merged"], undecided=s["undecided_matches"])]
        if s["betweenness_approximate"]:
            lines.append(t("na_approx", L))
        self.summary.value = "".join(f"<div class='wb-na-note'>{esc(x)}</div>" for x in lines)
        if edges:
            self.people_html.value = self._edge_list_html()
        else:
            cols = ["label", "territory", "organisation", "sector", "events", "degree",
                    "weighted_degree", "betweenness", "community"]
            people = r.people_table
            self.people_html.value = (
                f"<div class='wb-na-h'>{esc(t('na_top_weighted', L))}</div>"
                f"<div class='wb-na-note'>{esc(t('na_meetings_note', L))}</div>"
                + table_html(people_columns(people[cols].head(TOP_N)), L, "wb-rank-people")
                + f"<div class='wb-na-h'>{esc(t('na_top_betweenness', L))}</div>"
                + self._go_betweens_html(people[cols]))
        self.brokers_html.value = (
            f"<div class='wb-na-note'>{esc(t('na_brokers_note_nodes' if edges else 'na_brokers_note', L))}</div>"
            + table_html(r.brokers.drop(columns=["id"]).head(TOP_N * 2), L, "wb-rank-brokers"))
        self.communities_html.value = (
            table_html(r.communities, L, "wb-rank-communities")
            + f"<div class='wb-na-h'>{esc(t('na_sector_mix', L))}</div>"
            + table_html(r.sector_mix.reset_index(), L, "wb-sector-mix", floats=2))
        self.orgs_html.value = (f"<div class='wb-na-note'>{esc(t('na_orgs_note', L))}</div>"
                                + table_html(organisation_columns(r.organisations.head(TOP_N * 2)),
                                             L, "wb-rank-orgs"))
        self.org_merges_html.value = self._org_merges_html()
        self.repeat_html.value = (f"<div class='wb-na-note'>{esc(t('na_repeat_note', L))}</div>"
                                  + table_html(r.repeat, L, "wb-repeat"))
        self.growth_html.value = table_html(r.growth, L, "wb-growth")
        self._render_export_note()
        self._render_matches()
        self._render_svg()
        self._render_lazy()

    def _edge_list_html(self) -> str:
        """An edge list's ends, strongest ties first (as `workbench network`'s nodes.csv), the
        go-betweens, and every tie with its kind («Связь» for a tie without one)."""
        from workbench.network.report import EDGE_NODE_COLUMNS

        r, L = self.report, self.lang
        nodes = r.people_table[EDGE_NODE_COLUMNS]
        ties = r.ties.assign(kind=[t("net_type_tie", L) if k == "tie" else k for k in r.ties["kind"]])
        ties = ties.rename(columns={"source": "tie_from", "target": "tie_to", "weight": "tie_weight",
                                    "kind": "tie_kind"})
        return (f"<div class='wb-na-h'>{esc(t('na_top_nodes', L))}</div>"
                f"<div class='wb-na-note'>{esc(t('na_edges_note', L))}</div>"
                + table_html(nodes.rename(columns={"label": "node"}).head(TOP_N * 2), L, "wb-rank-people wb-rank-nodes")
                + f"<div class='wb-na-h'>{esc(t('na_top_betweenness_nodes', L))}</div>"
                + self._go_betweens_html(nodes, ends=True)
                + f"<div class='wb-na-h'>{esc(t('na_ties_list', L))}</div>"
                + table_html(ties, L, "wb-ties"))

    def _org_merges_html(self) -> str:
        """«Объединены как одна организация»: the organisation, its spellings with their rows, and
        why they were merged; what the list says, and a list that could not be read."""
        r, L = self.report, self.lang
        note = t("na_org_merges_note", L, file=self.aliases_path().relative_to(self.wb.data_dir).as_posix())
        out = (f"<div class='wb-na-h'>{esc(t('na_org_merges', L))}</div>"
               f"<div class='wb-na-note'>{esc(note)}</div>")
        if self._orgs_problem is not None:
            out += f"<div class='wb-err'>{esc(self._orgs_problem.message(L))}</div>"
        merges = r.organisation_merges
        if len(merges) == 0:
            return (out + f"<div class='wb-na-note wb-org-merges'>{esc(t('na_org_no_merges', L))}</div>"
                    + (self._org_list_link() if self._aliases else ""))
        merges = merges.assign(reason=[t(f"org_reason_{v}", L) for v in merges["reason"]])
        return out + table_html(merges, L, "wb-org-merges") + self._org_list_link()

    def _org_list_link(self) -> str:
        """The list to edit and upload back: the staff's list and every spelling merged."""
        import tempfile

        from workbench.network.organisations import alias_table
        from workbench.tableio import write_csv

        table = alias_table(self._aliases, self.report.organisation_spellings, self.lang)
        with tempfile.TemporaryDirectory() as tmp:
            data = write_csv(table, Path(tmp) / "orgs.csv", lang=self.lang).read_bytes()
        return (f"<div class='wb-na-note wb-org-list'>{esc(t('na_org_list', self.lang))} "
                f"{file_link('orgs.csv', data)}</div>")

    def _go_betweens_html(self, people, ends: bool = False) -> str:
        """The people (`ends`: an edge list's ends) others are linked through (betweenness > 0),
        most first; when there are none, one line saying so rather than a list of names with 0.
        An edge list's ends are under the headings of its ends' table (and of the command's
        nodes.csv): ties and tie strength, not people met at events."""
        from workbench.network.report import go_betweens

        by_bc = go_betweens(people)
        if by_bc.empty:
            key = "na_no_go_betweens_nodes" if ends else "na_no_go_betweens"
            return f"<div class='wb-na-note wb-no-go-betweens'>{esc(t(key, self.lang))}</div>"
        top = by_bc.head(TOP_N)
        return table_html(top.rename(columns={"label": "node"}) if ends else people_columns(top),
                          self.lang, "wb-rank-betweenness")

    def _render_lazy(self) -> None:
        """Matplotlib figures only for the tab on screen: they take most of the time."""
        import tempfile

        from workbench.network import export

        if self.report is None:
            return
        tab = self.tab_keys[self.tabs.selected_index or 0]
        with tempfile.TemporaryDirectory() as tmp:
            if tab == "na_tab_growth" and not self.growth_image.value and len(self.report.growth):
                path = export.plot_growth(self.report.growth, Path(tmp) / "g.png",
                                          title=t("na_tab_growth", self.lang), lang=self.lang)
                self.growth_image.value = path.read_bytes()
            if tab == "na_tab_map" and not self.map_image.value:
                comm = dict(zip(self.report.metrics["id"], self.report.metrics["community"],
                                strict=True))
                path = export.plot_network(self.report.people, Path(tmp) / "m.png",
                                           community=comm, seed=self.seed, colour_by=self.colour_by.value,
                                           title=t("na_tab_map", self.lang), lang=self.lang)
                self.map_image.value = path.read_bytes()

    @shows_errors
    def _on_colour_by(self, change) -> None:
        if self._quiet or self.report is None:
            return
        self.map_image.value = b""  # drawn again, in the chosen colours, when the map tab shows
        self._render_svg()
        self._render_lazy()

    def _layout(self) -> dict:
        import networkx as nx

        if self._layout_cache is None or self._layout_cache[0] is not self.report:
            P = self.report.people
            order = sorted(P, key=str)
            pos = nx.spring_layout(P.subgraph(order), seed=self.seed, weight="weight",
                                   iterations=80)
            self._layout_cache = (self.report, pos)
        return self._layout_cache[1]

    def _map_colours(self) -> tuple[dict, list]:
        """The static map's colours and legend (`export.map_colours`) for the page's map."""
        from workbench.network.export import map_colours

        comm = dict(zip(self.report.metrics["id"], self.report.metrics["community"], strict=True))
        return map_colours(self.report.people, self.colour_by.value, comm, self.lang)

    def _render_svg(self) -> None:
        if self.report is None:
            return
        colours, legend = self._map_colours()
        self.legend.value = legend_html(t(f"net_colour_{self.colour_by.value}", self.lang),
                                        legend)
        self.svg.value = network_svg(self.report.people, self._layout(), self.focus.value,
                                     self.zoom.value, colours=colours)
        self.focus_details.value = self._focus_html(self.focus.value)

    def _focus_html(self, node) -> str:
        r, L = self.report, self.lang
        if not node or node not in r.people:
            return ""
        a = r.people.nodes[node]
        ties = sorted(r.people[node].items(), key=lambda kv: (-kv[1]["weight"], str(kv[0])))[:5]
        tie_lines = [f"{r.people.nodes[u].get('label', u)} ({d['weight']})" for u, d in ties]
        if r.ties is not None:  # an edge list's end, as its row of the ends' table: «Связей»,
            # «Сила связей» and its strongest ties by the list's weight; no events met at
            rows = [("na_col_territory", a.get("territory", "")),
                    ("na_col_degree", a.get("degree", "")),
                    ("na_col_weighted_degree", a.get("weighted_degree", "")),
                    ("na_col_betweenness", number_text(a.get("betweenness", 0), L)),
                    ("na_col_community", a.get("community", ""))]
            return self._card_html(a.get("label", node), rows, [("na_ties_of_nodes", tie_lines)])
        events = sorted((r.graph.nodes[e].get("date", ""), r.graph.nodes[e]["label"])
                        for e in r.graph[node] if r.graph.nodes[e].get("kind") == "event")
        rows = [("na_col_territory", a.get("territory", "")),
                ("na_col_organisation", a.get("organisation", "")),
                ("na_col_sector", sector_label(a.get("sector", ""), L)),
                ("na_col_events", a.get("events", "")),
                ("na_col_people_met", a.get("degree", "")),
                ("na_col_meetings", a.get("weighted_degree", "")),
                ("na_col_betweenness", number_text(a.get("betweenness", 0), L)),
                ("na_col_community", a.get("community", ""))]
        return self._card_html(a.get("label", node), rows,
                               [("na_events_of", [f"{d} {lab}" for d, lab in events]),
                                ("na_ties_of", tie_lines)])

    def _card_html(self, title, rows, sections) -> str:
        """The map's card of one node: its name, a line per (catalogue key, value), then each
        section's heading (a catalogue key) and lines; every text escaped."""
        L = self.lang
        out = [f"<div class='wb-na-h'>{esc(title)}</div>"]
        out += [f"<div class='wb-na-note'>{esc(t(k, L))}: {esc(v)}</div>" for k, v in rows]
        for heading, lines in sections:
            out.append(f"<div class='wb-na-h'>{esc(t(heading, L))}</div>")
            out += [f"<div class='wb-na-note'>{esc(line)}</div>" for line in lines]
        return "".join(out)

    def _render_matches(self) -> None:
        L = self.lang
        m = self.report.matches
        if not len(m):
            self.matches_box.children = [w.HTML(f"<div class='wb-na-note'>"
                                                f"{esc(t('na_no_matches', L))}</div>")]
            return
        from workbench.network.report import pair_key

        rows = []
        for a, b, score, reason, decision in zip(m["left_name"], m["right_name"], m["score"],
                                                 m["reason"], m["decision"], strict=True):
            key = pair_key(a, b)
            text = w.HTML(f"<b>{esc(a)}</b> ↔ <b>{esc(b)}</b> "
                          f"<span class='wb-na-note'>{number_text(score, L, 2, trim=False)} · "
                          f"{esc(reason_label(reason, L))}</span>",
                          layout=w.Layout(width="520px"))
            yes = w.Button(description=t("na_confirm", L), layout=w.Layout(width="auto"),
                           button_style="success" if decision == "confirm" else "")
            no = w.Button(description=t("na_reject", L), layout=w.Layout(width="auto"),
                          button_style="danger" if decision == "reject" else "")
            yes.on_click(functools.partial(self._on_decide, key, "confirm"))
            no.on_click(functools.partial(self._on_decide, key, "reject"))
            row = w.HBox([text, yes, no], layout=w.Layout(align_items="center"))
            row.pair = key
            rows.append(row)
        self.matches_box.children = rows

    # --- callbacks ------------------------------------------------------------------------
    def _on_lang(self, change) -> None:
        self.lang = change["new"]
        self._render_labels()
        self._show_notice()
        if self.report is not None:
            self.map_image.value = b""
            self.growth_image.value = b""
            self.render()

    def _on_source(self, change) -> None:
        if not self._quiet:
            self.load_source()

    def _on_filter(self, change) -> None:
        if self._quiet:
            return
        if change["owner"] in (self.date_from, self.date_to):
            try:
                day = parse_date(change["new"])
            except WorkbenchError as exc:  # said, and the tables stay as they were
                self.say(exc.message(self.lang), error=True)
                return
            shown = date_text(day, self.lang)
            if shown != change["new"]:  # 2024-7-1 or 1.7.2024 is shown as 01.07.2024
                self._quietly(lambda: setattr(change["owner"], "value", shown))
        self.refresh()

    @shows_errors
    def _on_reset(self, _button) -> None:
        self._quietly(self._reset_filters)
        self.refresh()

    @staticmethod
    def max_upload_mb() -> float:
        """The largest table the page takes, in MB (`WORKBENCH_MAX_TABLE_MB`, as the commands)."""
        from workbench.tableio import DEFAULT_MAX_MB, max_table_mb

        try:
            return max_table_mb()
        except WorkbenchError:
            return DEFAULT_MAX_MB

    def _too_big(self, name: str, size: int) -> str:
        from workbench.errors import Number
        from workbench.tableio import TableError

        limit = self.max_upload_mb()
        return upload_problem(TableError("table_too_big", path=name, size=Number(size / 1e6),
                                         limit=Number(limit, 2)), name, self.lang)

    @shows_errors
    def _on_upload_refused(self, change) -> None:
        """The page refused a file over the limit before sending it: `{"name", "size"}` typed
        into the hidden box by the template's script."""
        import json

        try:
            refused = json.loads(change["new"] or "null")
            name, size = Path(str(refused["name"])).name, int(refused["size"])
        except (ValueError, TypeError, KeyError):
            return
        self.say(self._too_big(name, size), error=True)

    @shows_errors
    def _on_upload(self, change) -> None:
        """Check the staff's file before the page switches to it: a file that cannot be used is
        said and left out of the uploads (the same name uploaded before stays as it was), and the
        page keeps showing what it showed."""
        from workbench.network.report import read_list
        from workbench.network.tables import NetworkInputError

        files = change["new"]
        if not files:
            return
        if len(files) > 1:  # a list per event or module, chosen together: analysed as one
            self._upload_several(files)
            return
        f = files[0]
        name = Path(f["name"]).name or "upload.csv"
        if len(f["content"]) > self.max_upload_mb() * 1e6:  # not even written to the disk
            self.say(self._too_big(name, len(f["content"])), error=True)
            return
        folder = self.folder / "uploads"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        before = path.read_bytes() if path.is_file() else None
        write_atomic(path, bytes(f["content"]))  # a full disk leaves the file uploaded before whole
        try:
            read = read_list(path, name)  # an attendance list or an edge list
        except NetworkInputError as exc:
            org_list = self._org_list_in(path, name)  # not attendance: perhaps the list of spellings
            if before is None:
                path.unlink()
            else:
                write_atomic(path, before)
            if org_list is not None:
                self._save_org_list(org_list, name)
            else:
                self.say(upload_problem(exc, name, self.lang), error=True)
            return
        self._together_path().unlink(missing_ok=True)  # a later page shows this file, not a set before it
        self._uploaded = ((name,), read)  # this file, read once, even when another has the same time
        if self.source.value == "upload":
            self.load_source()
        else:
            self.source.value = "upload"  # loads it
        if self.table is not None and "wb-err" not in self.message.value:
            self.say(t("na_uploaded", self.lang, name=name))

    def _upload_several(self, files) -> None:
        """Several attendance lists uploaded at once are read together (`report.read_lists`):
        one that cannot be used is named and none is kept, the page showing what it showed."""
        import json

        from workbench.network.report import read_lists
        from workbench.network.tables import NetworkInputError

        names = [Path(f["name"]).name or f"upload-{n}.csv" for n, f in enumerate(files, 1)]
        for name, f in zip(names, files, strict=True):
            if len(f["content"]) > self.max_upload_mb() * 1e6:
                self.say(self._too_big(name, len(f["content"])), error=True)
                return
        folder = self.folder / "uploads"
        folder.mkdir(parents=True, exist_ok=True)
        before = {}
        for name, f in zip(names, files, strict=True):
            path = folder / name
            before[name] = path.read_bytes() if path.is_file() else None
            write_atomic(path, bytes(f["content"]))
        try:
            read = read_lists([(folder / name, name) for name in names])
        except NetworkInputError as exc:
            for name, old in before.items():  # the files uploaded before stay as they were
                if old is None:
                    (folder / name).unlink(missing_ok=True)
                else:
                    write_atomic(folder / name, old)
            which = exc.params.get("where") or Path(str(exc.params.get("path") or names[0])).name
            self.say(upload_problem(exc, which, self.lang), error=True)
            return
        write_atomic(self._together_path(), json.dumps(names, ensure_ascii=False).encode("utf-8"))
        self._uploaded = (tuple(names), read)
        if self.source.value == "upload":
            self.load_source()
        else:
            self.source.value = "upload"  # loads it
        if self.table is not None and "wb-err" not in self.message.value:
            self.say(t("na_uploaded_many", self.lang, n=len(names), names=", ".join(f"«{n}»" for n in names)))

    @shows_errors
    def _on_decide(self, key: str, decision: str, _button=None) -> None:
        self._save_decision(key, decision)
        self.refresh()

    @shows_errors
    def _on_focus(self, change) -> None:
        if not self._quiet:
            self._render_svg()

    @shows_errors
    def _on_tab(self, change) -> None:
        self._render_lazy()

    @shows_errors
    def _on_merge_orgs(self, change) -> None:
        if not self._quiet:
            self.refresh()

    def _on_pseudonymise(self, change) -> None:
        # codes instead of names drop the contacts from every file: the box cannot ask for them
        self.contacts.disabled = change["new"]
        if change["new"]:
            self.contacts.value = False
        self._render_export_note()  # with codes, a list of organisations named after people is not written

    @shows_errors
    def _on_export(self, _button) -> None:
        from workbench.network.report import export_report

        if self.report is None:
            return
        stamp = time.strftime("%Y%m%d-%H%M%S")
        name = self.source_key.split(":")[0] + "-" + stamp
        if self.pseudonymise.value:
            name += "-pseudonymised"
        folder = self.folder / "exports" / name
        n = 1
        while folder.exists():  # two exports in one second: the second's own folder, no file of the first left in it
            n += 1
            folder = self.folder / "exports" / f"{name}-{n}"
        paths = export_report(self.report, folder, pseudonymise=self.pseudonymise.value,
                              seed=self.seed, title=t("na_tab_map", self.lang),
                              colour_by=self.colour_by.value, lang=self.lang,
                              contacts=self.contacts.value)
        self.last_export = folder
        self.export_links.value = (
            f"<div class='wb-ok'>{esc(t('na_exported', self.lang, n=len(paths), folder=folder))}"
            "</div><ul>" + "".join(f"<li>{download_link(p)}</li>" for p in paths) + "</ul>")


def legend_html(title: str, legend: list) -> str:
    """The interactive map's legend: a dot in each colour and what it stands for.

    >>> legend_html("Цвет: сообщество", [("Сообщество 1", "#e69f00")])
    "<div class='wb-na-legend'><b>Цвет: сообщество</b>: <span class='wb-na-key'><i style='background:#e69f00'></i>Сообщество 1</span></div>"
    """
    keys = "".join(f"<span class='wb-na-key'><i style='background:{esc(colour)}'></i>"
                   f"{esc(label)}</span>" for label, colour in legend)
    return f"<div class='wb-na-legend'><b>{esc(title)}</b>: {keys}</div>"


def network_svg(P, pos: dict, focus=None, zoom: float = 1.0, size: int = 560,
                labels: int = 10, colours: dict | None = None) -> str:
    """The people network as an inline SVG: hover a dot for the name; `focus` highlights a
    person and their ties, and zooming centres on them. No script: it works in any page.
    `colours`: {node: "#rrggbb"}, the static map's (`export.map_colours`); grey without.

    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b", {"weight": 2})])
    >>> G.nodes["a"].update(label="<Анна>", community=1, weighted_degree=2.0)
    >>> svg = network_svg(G, {"a": (0, 0), "b": (1, 1)}, focus="a", zoom=2, colours={"a": "#e69f00"})
    >>> "&lt;Анна&gt;" in svg and "<Анна>" not in svg and "fill='#e69f00'" in svg
    True
    """
    if not pos:
        return ""
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    span = max(x1 - x0, y1 - y0) or 1.0

    def sx(x):
        return 20 + (x - x0) / span * (size - 40)

    def sy(y):
        return 20 + (y1 - y) / span * (size - 40)

    if focus in pos:
        cx, cy = sx(pos[focus][0]), sy(pos[focus][1])
    else:
        cx = cy = size / 2
    view = size / max(zoom, 1.0)
    vx = min(max(cx - view / 2, 0), size - view)
    vy = min(max(cy - view / 2, 0), size - view)
    near = set(P[focus]) if focus in P else set()
    wmax = max([P.nodes[n].get("weighted_degree", 0) or 0 for n in P] + [1])
    out = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{size}' height='{size}' "
           f"viewBox='{vx:.1f} {vy:.1f} {view:.1f} {view:.1f}' "
           "style='border:1px solid #ccc;background:#fff' class='wb-na-svg'>"]
    stroke = 0.6 / max(zoom, 1.0) ** 0.5
    if focus in P:
        for u in near:
            out.append(f"<line x1='{sx(pos[focus][0]):.1f}' y1='{sy(pos[focus][1]):.1f}' "
                       f"x2='{sx(pos[u][0]):.1f}' y2='{sy(pos[u][1]):.1f}' stroke='#d62728' "
                       f"stroke-opacity='0.5' stroke-width='{stroke:.2f}'/>")
    else:
        for u, v, d in P.edges(data=True):
            if d.get("weight", 1) >= 2:  # repeated meetings only: the rest is a grey fog
                out.append(f"<line x1='{sx(pos[u][0]):.1f}' y1='{sy(pos[u][1]):.1f}' "
                           f"x2='{sx(pos[v][0]):.1f}' y2='{sy(pos[v][1]):.1f}' stroke='#555' "
                           f"stroke-opacity='0.15' stroke-width='{stroke:.2f}'/>")
    top = sorted(P, key=lambda n: (-(P.nodes[n].get("weighted_degree", 0) or 0), str(n)))
    shown_labels = set(top[:labels]) | ({focus} if focus in P else set())
    r0 = 2.5 / max(zoom, 1.0) ** 0.5
    for n in sorted(P, key=str):
        a = P.nodes[n]
        colour = (colours or {}).get(n, "#999999")
        dim = focus in P and n != focus and n not in near
        radius = r0 * (1 + 2.5 * (a.get("weighted_degree", 0) or 0) / wmax)
        tip = " · ".join(str(x) for x in (a.get("label", n), a.get("territory", ""),
                                          a.get("organisation", "")) if x)
        out.append(f"<circle cx='{sx(pos[n][0]):.1f}' cy='{sy(pos[n][1]):.1f}' r='{radius:.2f}' "
                   f"fill='{colour}' fill-opacity='{0.15 if dim else 0.9}' "
                   f"stroke='{'#000' if n == focus else '#fff'}' stroke-width='{stroke:.2f}'>"
                   f"<title>{esc(tip)}</title></circle>")
    font = 9 / max(zoom, 1.0) ** 0.7
    # the best connected first: when names crowd, theirs get the places next to their dots
    order = ([focus] if focus in P else []) + [n for n in top if n in shown_labels and n != focus]
    dots = [(sx(pos[n][0]), sy(pos[n][1]), r0 * (1 + 2.5 * (P.nodes[n].get("weighted_degree", 0)
                                                             or 0) / wmax)) for n in order]
    for (x, y, lx, ly, text, moved) in place_labels(
            [(x, y, r, str(P.nodes[n].get("label", n))) for n, (x, y, r) in zip(order, dots,
                                                                                 strict=True)],
            font, (vx, vy, vx + view, vy + view)):
        if moved:  # a line or more away from its dot: a thin leader from the dot to its box
            box = label_box(lx, ly, text, font)
            ex, ey = min(max(x, box[0]), box[2]), min(max(y, box[1]), box[3])
            out.append(f"<line x1='{x:.1f}' y1='{y:.1f}' x2='{ex:.1f}' y2='{ey:.1f}' "
                       f"stroke='#888' stroke-width='{stroke / 2:.2f}' class='wb-na-leader'/>")
        out.append(f"<text x='{lx:.1f}' y='{ly:.1f}' font-size='{font:.1f}' "
                   "font-family='sans-serif' class='wb-na-label' paint-order='stroke' "
                   f"stroke='#fff' stroke-width='{font / 4:.2f}'>{esc(text)}</text>")
    out.append("</svg>")
    return "".join(out)


def label_box(x: float, y: float, text: str, font: float) -> tuple:
    """A generous guess at the box of `text` written from (x, y) (left end, baseline), as
    (left, top, right, bottom): sans-serif letters, Cyrillic ones included, are narrower than
    0.62 of the font size."""
    return (x - 0.1 * font, y - 0.95 * font, x + 0.62 * font * len(text) + 0.1 * font,
            y + 0.3 * font)


def _overlap(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(dots: list, font: float, frame: tuple, tries: int = 6) -> list:
    """Places for name labels next to their dots, so that no two labels overlap and none covers
    a labelled dot. `dots` are (x, y, radius, text), the most important first; each label tries
    the places around its dot (right, left, above, below, the corners), then the same a line
    further up or down, up to `tries` lines; a label with no free place is left out.
    Returns (x, y, label_x, label_y, text, moved) for the labels placed; `moved` when the label
    is a line or more away from its dot.

    >>> placed = place_labels([(10, 10, 2, "Анна"), (12, 10, 2, "Борис")], 9, (0, 0, 200, 200))
    >>> [p[4] for p in placed], _overlap(label_box(*placed[0][2:4], "Анна", 9),
    ...                                   label_box(*placed[1][2:4], "Борис", 9))
    (['Анна', 'Борис'], False)
    """
    taken: list[tuple] = [(x - r, y - r, x + r, y + r) for x, y, r, _ in dots]
    placed = []
    for x, y, r, text in dots:
        width = 0.62 * font * len(text)
        gap = r + 0.3 * font
        spots = [(x + gap, y + 0.35 * font), (x - gap - width, y + 0.35 * font),
                 (x - width / 2, y - gap), (x - width / 2, y + gap + 0.95 * font),
                 (x + gap * 0.7, y - gap * 0.7), (x + gap * 0.7, y + gap * 0.7 + 0.95 * font),
                 (x - gap * 0.7 - width, y - gap * 0.7),
                 (x - gap * 0.7 - width, y + gap * 0.7 + 0.95 * font)]
        line = 1.3 * font
        candidates = [(lx, ly, False) for lx, ly in spots] + [
            (lx, ly + sign * k * line, True) for k in range(1, tries + 1)
            for sign in (-1, 1) for lx, ly in spots[:2]]
        own = (x - r, y - r, x + r, y + r)
        for lx, ly, moved in candidates:
            box = label_box(lx, ly, text, font)
            inside = (box[0] >= frame[0] and box[1] >= frame[1] and box[2] <= frame[2]
                      and box[3] <= frame[3])
            if inside and not any(_overlap(box, other) for other in taken if other != own):
                taken.append(box)
                placed.append((x, y, lx, ly, text, moved))
                break
    return placed


def analysis_view(wb: Workbench, source: str = "demo", lang: str | None = None,
                  seed: int = 0) -> w.Widget:
    """The staff's network analysis of the demo files, an uploaded list or the whole store."""
    return AnalysisView(wb, source=source, lang=lang, seed=seed).widget
