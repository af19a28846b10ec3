"""Exports: each project draft (Markdown, DOCX) and the session protocol (Markdown, DOCX, XLSX).

The layout comes from files in `templates/` (Jinja2 for Markdown, a JSON list of sections for
DOCX): editing them changes the output, no code change. python-docx and openpyxl are imported
inside the functions that need them. Participant text stays text: escaped in Markdown, written
as plain runs in DOCX, never a formula in XLSX.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from collections import Counter
from pathlib import Path

from workbench import resources
from workbench.dates import long_date
from workbench.drafts import (
    FIELD_BY_NAME,
    FIELDS,
    column_label,
    draft_fields,
    list_marker,
    logic_check,
    unmarked,
)
from workbench.errors import WorkbenchError, quoted_list
from workbench.i18n import Figure, Share, Translator, number, t
from workbench.session.model import CARD_KINDS, in_language, member_label, person_name
from workbench.session.registration import attendance
from workbench.session.teams import formed as formed_teams
from workbench.session.wall import grouped, joined_summary
from workbench.tableio import xlsx_sheet
from workbench.util import xml_safe

TEMPLATES_DIR = resources.path("templates")
FORMATS = ("docx", "xlsx", "md")


_BLOCK_START = re.compile(r"^(\s*)(#|=|[-+](?=\s|$)|\d+(?=[.)](?:\s|$)))")


def _md_line(line: str) -> str:
    """One line of participant text: markup characters escaped, and a start that would make it
    a heading, a list item, a setext underline or a quote (`#`, `-`, `+`, `1.`, `=`; `>` is an
    entity anyway) escaped too."""
    text = line.replace("\\", "\\\\")  # first, so that no escape below can be undone
    for ch in "|[]*_`~":
        text = text.replace(ch, "\\" + ch)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    m = _BLOCK_START.match(text)
    if m:
        marker = m.group(2)
        escaped = marker + "\\" if marker[0].isdigit() else "\\" + marker  # 1\. or \#
        text = m.group(1) + escaped + text[m.end():]
    return text


# Where a multi-line value's lines meet, until the rendered document says what kind of line
# holds it (`_line_breaks`); never in a value (md_escape drops it).
_BREAK = "\x1f"
_HEADING_OR_ROW = re.compile(r"^ {0,3}(#{1,6}(\s|$)|\|)")
# What a line holding a value starts with: quote markers, then a list item's marker.
_LINE_START = re.compile(r"^(?P<quote>(?: {0,3}>[ ]?)*)(?P<item>\s*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?)")


def md_escape(value) -> str:
    """Every value a Markdown template prints: markup characters become entities or escapes, so
    participant text is never HTML, a link, an image, code, emphasis, a heading or a list. The
    lines of a multi-line value stay in the list item, quote or paragraph that prints it (see
    `_line_breaks`; blank lines are left out).

    >>> md_escape("<script>alert(1)</script> | x & y")
    '&lt;script&gt;alert(1)&lt;/script&gt; \\\\| x &amp; y'
    >>> md_escape("[x](javascript:alert(1)) *a* `b`")
    '\\\\[x\\\\](javascript:alert(1)) \\\\*a\\\\* \\\\`b\\\\`'
    >>> md_escape("# Заголовок"), md_escape("- a"), md_escape("1. a")
    ('\\\\# Заголовок', '\\\\- a', '1\\\\. a')
    """
    if value is None:
        return ""
    text = str(value).replace(_BREAK, "").replace("\r\n", "\n").replace("\r", "\n")
    return _BREAK.join(_md_line(line) for line in text.split("\n") if line.strip())


def _line_breaks(markdown: str) -> str:
    r"""A rendered template with the lines of each multi-line value placed for Markdown, no
    HTML: in a list item, a quote or a paragraph each line ends in a hard break (two spaces)
    and the next is indented under the item (or quoted); a heading or a table row, which
    cannot hold a line break, gets " / " between them.

    >>> _line_breaks("- Строка1\x1fСтрока2 _(ведущий)_\n")
    '- Строка1  \n  Строка2 _(ведущий)_\n'
    >>> _line_breaks("    - a\x1fb"), _line_breaks("> a\x1fb"), _line_breaks("| a\x1fb |")
    ('    - a  \n      b', '> a  \n> b', '| a / b |')
    """
    out = []
    for line in markdown.split("\n"):
        if _BREAK in line:
            if _HEADING_OR_ROW.match(line):
                line = line.replace(_BREAK, " / ")
            else:
                m = _LINE_START.match(line)
                line = line.replace(_BREAK, "  \n" + m["quote"] + " " * len(m["item"]))
        out.append(line)
    return "\n".join(out)


class _Markdown(str):
    """Text already in Markdown: templates print it as it is."""


def md_text(value):
    r"""A draft's text field as Markdown: each line a paragraph, escaped as `md_escape` does; a
    line starting with a list marker pasted from Word or typed ("- ", "•\t", "·", "–", "*",
    "1.\t", "1)") becomes a real list item, bullets as bullets and numbers as a numbered list
    counted from 1 (`drafts.list_marker`, as the DOCX does).

    >>> print(md_text("Суть:\n•\tТуристы не едут\n1.\tПостроить\n2)  Открыть"))
    Суть:
    <BLANKLINE>
    - Туристы не едут
    <BLANKLINE>
    1. Построить
    2. Открыть
    """
    if not value:
        return _Markdown("—")
    out: list[str] = []
    prev, n = None, 0
    for line in str(value).replace("\r\n", "\n").split("\n"):
        if not line.strip():
            continue
        kind, rest = list_marker(line)
        kind = kind or "paragraph"
        n = n + 1 if kind == "number" else 0
        if prev is not None and (kind != prev or kind == "paragraph"):
            out.append("")  # a blank line: the next paragraph, or a list of another kind
        prefix = {"bullet": "- ", "number": f"{n}. "}.get(kind, "")
        out.append(prefix + _md_line(rest.strip()))
        prev = kind
    return _Markdown("\n".join(out))


def _template_at() -> tuple[str, int | None]:
    """The template file and line being rendered now: the innermost frame of compiled template
    code on the stack (Jinja puts the template in its globals)."""
    import sys

    frame = sys._getframe(1)
    while frame is not None:
        tmpl = frame.f_globals.get("__jinja_template__")
        if tmpl is not None:
            return tmpl.name or "?", tmpl.get_corresponding_lineno(frame.f_lineno)
        frame = frame.f_back
    return "?", None


def _undefined_class():
    """Templates are strict about names: a name the context does not have (`{{ nosuch }}`), or a
    field a value does not have (`{{ session.titel }}`), stops the export with a message naming
    the template file, its line and the name (`export_template_name`), instead of printing
    nothing. A value that is missing in the data is no error: a field that is None or empty
    prints as empty, and so does any field of it (`{{ session.title }}` when the draft has no
    session)."""
    import jinja2

    class ExportUndefined(jinja2.StrictUndefined):
        __slots__ = ()

        def _lenient(self) -> bool:  # a field of a value that is None: missing in the data
            return self._undefined_obj is None

        def _fail_with_undefined_error(self, *args, **kwargs):
            template, line = _template_at()
            where = {"template": template, "line": line if line is not None else "?"}
            if self._undefined_obj is jinja2.utils.missing:
                raise WorkbenchError("export_template_name", name=str(self._undefined_name), **where)
            raise WorkbenchError("export_template_field", name=str(self._undefined_name), **where)

        def __getattr__(self, name):
            if name[:2] == "__":
                raise AttributeError(name)
            return self if self._lenient() else self._fail_with_undefined_error()

        def __getitem__(self, name):
            return self if self._lenient() else self._fail_with_undefined_error()

        def __str__(self):
            return "" if self._lenient() else self._fail_with_undefined_error()

        def __iter__(self):
            return iter(()) if self._lenient() else self._fail_with_undefined_error()

        def __bool__(self):
            return False if self._lenient() else self._fail_with_undefined_error()

        def __len__(self):
            return 0 if self._lenient() else self._fail_with_undefined_error()

        def __eq__(self, other):
            return type(self) is type(other) if self._lenient() else self._fail_with_undefined_error()

        def __ne__(self, other):
            return not self.__eq__(other)

        def __hash__(self):
            return id(type(self)) if self._lenient() else self._fail_with_undefined_error()

    return ExportUndefined


def _env(templates: Path | None, lang: str = "ru"):
    """Templates print every value escaped (`md_escape`), a fractional figure as `number` does
    (a decimal comma in Russian); `num(value, digits)` formats one with other precision. A name
    or field the context does not have is an error (`_undefined_class`)."""
    import jinja2

    def finalize(value):
        if isinstance(value, _Markdown):  # already Markdown (the `md_text` filter)
            return str(value)
        return md_escape(number(value, lang) if isinstance(value, float) else value)

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates or TEMPLATES_DIR)),
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        finalize=finalize, undefined=_undefined_class(), autoescape=False)
    env.globals["num"] = lambda value, digits=2: number(value, lang, digits)
    env.filters["md_text"] = md_text
    return env


def _render(templates: Path | None, lang: str, name: str, ctx: dict) -> str:
    """`name` rendered with `ctx`; a template that cannot be read or has a syntax error is a
    WorkbenchError naming the file and line, as an unknown name is."""
    import jinja2

    try:
        template = _env(templates, lang).get_template(name)
    except jinja2.TemplateNotFound as exc:
        raise WorkbenchError("export_template_missing", template=exc.name or name) from None
    except jinja2.TemplateSyntaxError as exc:
        raise WorkbenchError("export_template_syntax", template=exc.name or name, line=exc.lineno,
                             detail=exc.message or "") from None
    except UnicodeDecodeError as exc:  # a template saved as Windows-1251 (Notepad's «ANSI»)
        raise WorkbenchError("export_template_encoding", template=name, byte=f"0x{exc.object[exc.start]:02x}",
                             pos=exc.start) from None
    try:
        return _line_breaks(template.render(**ctx))
    except WorkbenchError:  # an unknown name or field, said as such
        raise
    except Exception as exc:  # an expression of the template failed ({{ a / 0 }}): its file and line
        line = _template_line(exc, template.filename)
        if line is None:
            raise
        raise WorkbenchError("export_template_failed", template=name, line=line,
                             detail=f"{type(exc).__name__}: {exc}") from None


def _template_line(exc: BaseException, filename: str | None) -> int | None:
    """The line of the template `filename` where `exc` was raised (jinja puts the template's own
    file and line into the traceback), or None when it was raised outside the template."""
    line, tb = None, exc.__traceback__
    while tb is not None:
        if filename and tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def number_format(digits: int = 2) -> str:
    """The XLSX number format of a figure shown with `digits` decimals (Excel puts the reader's
    decimal separator)."""
    return "0." + "0" * digits if digits else "0"


def _translator(lang: str):
    return Translator(lang)


DOCX_LANGS = {"ru": "ru-RU", "en": "en-GB"}
DOCX_AUTHOR = "Workbench"


def new_docx(title: str, lang: str = "ru"):
    """An empty python-docx Document set up for this country: A4 with 20 mm margins (25 mm on
    the binding side), the text's proofing language in the styles (`ru-RU`, `en-GB`: Word checks
    the spelling in the right language), and the core properties title = `title`,
    author "Workbench" (no personal data)."""
    import datetime

    import docx
    from docx.oxml.ns import qn
    from docx.shared import Mm

    doc = docx.Document()
    for section in doc.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin = section.bottom_margin = Mm(20)
        section.left_margin, section.right_margin = Mm(25), Mm(15)
    tag = DOCX_LANGS.get(lang, DOCX_LANGS["ru"])
    styles = doc.styles.element
    for r_pr in [styles.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr")),
                 doc.styles["Normal"].element.get_or_add_rPr()]:
        lang_el = r_pr.find(qn("w:lang"))
        if lang_el is None:
            lang_el = r_pr.makeelement(qn("w:lang"), {})
            r_pr.append(lang_el)
        lang_el.set(qn("w:val"), tag)
        lang_el.set(qn("w:eastAsia"), tag)
    for el in styles.iter(qn("w:lang")):  # no style of the template keeps US English
        if el.get(qn("w:val")) == "en-US" and tag != "en-US":
            el.set(qn("w:val"), tag)
    props = doc.core_properties
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0, tzinfo=None)
    props.title = str(title or "")[:255]
    props.author = props.last_modified_by = DOCX_AUTHOR
    props.language = tag
    props.created = props.modified = now
    props.revision = 1
    props.comments = props.keywords = props.subject = ""
    return doc


def _heading(spec: dict, default: str, lang: str) -> str:
    h = spec.get("heading")
    if isinstance(h, dict):
        return h.get(lang) or h.get("ru") or default
    return h or default


def _fill(text, values: dict, template: str) -> str:
    """A DOCX template's line with its `{name}` places filled; a name it does not know stops the
    export with a message naming the file, the name and the names there are."""
    try:
        return str(text).format_map(values)
    except (KeyError, IndexError, ValueError, AttributeError) as exc:
        name = exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc)
        raise WorkbenchError("export_template_key", template=template, name=name,
                             names=", ".join("{" + k + "}" for k in values)) from None


def _load_json(templates: Path | None, name: str) -> dict:
    path = Path(templates or TEMPLATES_DIR) / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise WorkbenchError("bad_request", detail=f"{path.name}: {exc}") from None


# --- drafts -----------------------------------------------------------------------------------

def draft_context(store, draft_id: int, lang: str = "ru") -> dict:
    """What a draft template sees: `f` (fields), `sections`, `findings`, `status`, `session`
    (with `date_text`, the date in words), `budget`, `review`, `t`."""
    d = store.draft(draft_id)
    fields = draft_fields(d, lang)  # the roles the workbench wrote, in the document's language
    # the export numbers the tasks: a "• " or "1. " pasted from Word in front of one is left out
    fields["tasks"] = [unmarked(x) if isinstance(x, str) else x for x in fields["tasks"] or []]
    for f in FIELDS:  # a table's row lacking a column (saved before it existed) prints it empty
        if f.kind == "rows" and isinstance(fields[f.name], list):
            fields[f.name] = [{**{c: "" for c in f.columns}, **r} if isinstance(r, dict) else r
                              for r in fields[f.name]]
    session = None
    if d["session_id"] is not None:
        session = store.session_by_id(d["session_id"])
    if session is not None:  # «12 октября 2019 г.» in Russian text, "12 October 2019" in English
        session = {**session, "date_text": long_date(session.get("date"), lang)}
    sections = {
        f.name: {"name": f.name, "kind": f.kind, "label": f.label(lang), "value": fields[f.name],
                 "columns": [{"name": c, "label": column_label(c, lang)} for c in f.columns]}
        for f in FIELDS}
    from workbench.session.review import team_results

    review = team_results(store, d["session_id"], d["card_id"]) if d["session_id"] is not None else None
    header, rows = budget_rows(fields["budget"], lang)
    budget = {"header": header, "rows": rows, "summary": budget_summary(fields["budget"], lang),
              "empty": not fields["budget"]}  # no line: printed «—», as other empty fields
    return {"draft": d, "f": fields, "sections": sections, "budget": budget, "review": review,
            "findings": logic_check(d, lang, store=store),
            "status": t(f"draft_status_{d['status']}", lang), "session": session,
            "t": _translator(lang), "lang": lang}


def budget_rows(rows, lang: str) -> tuple[list[str], list[list[str]]]:
    """The budget with amounts in roubles as `lang` writes figures, and a totals row (DOCX, Markdown)."""
    from workbench.grant import budget_table

    return budget_table(rows, {k: t(f"grant_budget_{k}", lang)
                               for k in ("item", "amount", "cofinancing", "total", "totals")}, lang)


def budget_summary(rows, lang: str) -> str:
    """One line: the project's cost, the sum asked of the fund, the co-financing and its share."""
    from workbench.grant import budget_totals, format_rub

    b = budget_totals(rows)
    return t("grant_budget_summary", lang, total=format_rub(b["total"], lang),
             requested=format_rub(b["requested"], lang), cofinancing=format_rub(b["cofinancing"], lang),
             share=number(b["cofinancing_share"], lang, 1))


def draft_markdown(store, draft_id: int, lang: str = "ru", templates: Path | None = None) -> str:
    """A draft rendered through `templates/draft.md.j2`."""
    return _render(templates, lang, "draft.md.j2", draft_context(store, draft_id, lang))


def cell_text(value, lang: str) -> str:
    """A table cell of the protocol as text: a figure as `number` writes it (a decimal comma in
    Russian, a share as «31 %»), nothing for None. The DOCX and the public page write cells so.

    >>> cell_text(4.5, "ru"), cell_text(4.5, "en"), cell_text(3, "ru"), cell_text(None, "ru")
    ('4,50', '4.50', '3', '')
    """
    return "" if value is None else number(value, lang) if isinstance(value, float) else str(value)


def _docx_table(doc, header: list[str], rows: list[list], lang: str = "ru",
                numeric: tuple[int, ...] | None = None, bold_last: bool = False) -> None:
    """A bordered table, a bold heading row repeated at the top of every page the table runs
    onto; fractional figures as `number` shows them. Figures (`numeric` columns: by default
    those holding only numbers) are right-aligned; `bold_last` makes the last row (totals) bold."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    if numeric is None:
        numeric = tuple(i for i in range(len(header))
                        if rows and all(isinstance(r[i], (int, float)) and not isinstance(r[i], bool)
                                        or r[i] in (None, "") for r in rows)
                        and any(isinstance(r[i], (int, float)) for r in rows))
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # Word repeats this row on each page
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    for i, (cell, text) in enumerate(zip(table.rows[0].cells, header, strict=True)):
        cell.paragraphs[0].add_run(str(text)).bold = True
        if i in numeric:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for n, row in enumerate(rows, 1):
        cells = table.add_row().cells
        for i, (cell, value) in enumerate(zip(cells, row, strict=True)):
            run = cell.paragraphs[0].add_run(untabbed(cell_text(value, lang)))
            if bold_last and n == len(rows):
                run.bold = True
            if i in numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _numbered(doc, text: str, restart: bool):
    """A "List Number" paragraph; with `restart`, the first of a new list, counted from 1
    (python-docx's style numbers every such paragraph of the document as one list)."""
    p = doc.add_paragraph(untabbed(text), style="List Number")
    if restart or not hasattr(doc, "_wb_list_num"):
        numbering = doc.part.numbering_part.element
        style_num = doc.styles["List Number"].element.pPr.numPr.numId.val
        num = numbering.add_num(numbering.num_having_numId(style_num).abstractNumId.val)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        doc._wb_list_num = num.numId
    num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = doc._wb_list_num
    return p


def untabbed(text: str) -> str:
    """A text pasted into a draft as Word shows it: a tab (copied from a Word paragraph or a
    table's cells) is a space, not a gap up to the next tab stop.

    >>> untabbed("Обучить\\t 40\\tподростков")
    'Обучить 40 подростков'
    """
    return re.sub(r" *\t[\t ]*", " ", text)


def _docx_text(doc, text: str, empty: str = "—") -> None:
    """A text field: a paragraph per line; a line starting with a list marker pasted from Word
    or typed ("- ", "•\t", "1.\t", "1)": `drafts.list_marker`) as a real bullet or a real
    numbered item, each numbered list counted from 1."""
    lines = untabbed(text or "").replace("\r\n", "\n").split("\n") if text else [empty]
    prev = None
    for line in lines:
        kind, rest = list_marker(line)
        if kind == "bullet":
            doc.add_paragraph(rest.strip(), style="List Bullet")
        elif kind == "number":
            _numbered(doc, rest.strip(), restart=prev != "number")
        else:
            doc.add_paragraph(line.strip())
        if line.strip():
            prev = kind


def draft_docx(store, draft_id: int, lang: str = "ru", templates: Path | None = None):
    """A draft as a python-docx Document, laid out by `templates/draft_docx.json`."""
    ctx = xml_safe(draft_context(store, draft_id, lang))  # a text Word refuses is left out
    spec = _load_json(templates, "draft_docx.json")
    f = ctx["f"]
    values = {"title": f["title"], "territory": f["territory"], "status": ctx["status"]}
    doc = new_docx(f["title"] or t("protocol_drafts", lang), lang)
    doc.add_heading(_fill(spec.get("title", "{title}"), values, "draft_docx.json"), level=0)
    if spec.get("subtitle"):
        doc.add_paragraph(_fill(spec["subtitle"], values, "draft_docx.json"))
    for section in spec.get("sections", []):
        if section.get("reviews"):
            if ctx["review"]:
                doc.add_heading(_heading(section, t("review_results", lang), lang), level=1)
                _docx_reviews(doc, [ctx["review"]], lang)
            continue
        if section.get("findings"):
            doc.add_heading(_heading(section, t("logic_title", lang), lang), level=1)
            for finding in ctx["findings"] or [{"message": t("logic_ok", lang)}]:
                doc.add_paragraph(finding["message"], style="List Bullet")
            continue
        field = FIELD_BY_NAME.get(section.get("field"))
        if field is None:
            raise WorkbenchError("draft_field_unknown", field=str(section.get("field"))[:40])
        doc.add_heading(_heading(section, field.label(lang), lang), level=1)
        value = f[field.name]
        if field.name == "budget":
            if value:
                header, rows = budget_rows(value, lang)
                _docx_table(doc, header, rows, lang, numeric=(1, 2, 3), bold_last=True)
                doc.add_paragraph(budget_summary(value, lang))
            else:
                doc.add_paragraph("—")
        elif field.kind == "rows":
            if value:
                _docx_table(doc, [column_label(c, lang) for c in field.columns],
                            [[r.get(c, "") for c in field.columns] for r in value])
            else:
                doc.add_paragraph("—")
        elif field.kind == "list":
            for i, item in enumerate(value):  # the pasted "• " or "1. " left out by draft_context
                _numbered(doc, item, restart=i == 0)
            if not value:
                doc.add_paragraph("—")
        else:
            _docx_text(doc, value)
    return doc


def _docx_bytes(doc) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def draft_file(store, draft_id: int, fmt: str, lang: str = "ru",
               templates: Path | None = None) -> tuple[str, bytes]:
    """(file name, content) of a draft in `md` or `docx`."""
    if fmt == "md":
        data = draft_markdown(store, draft_id, lang, templates).encode("utf-8")
    elif fmt == "docx":
        data = _docx_bytes(draft_docx(store, draft_id, lang, templates))
    else:
        raise WorkbenchError("bad_request", detail=f"format {fmt!r}")
    return draft_file_name(store.draft(draft_id), fmt), data


FILE_TITLE_MAX = 60  # characters of the title in a draft's file name
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')


def draft_file_name(draft: dict, fmt: str) -> str:
    """A draft's file name: its title (Cyrillic kept; characters Windows refuses, spaces and
    trailing dots left out; at most 60 characters, a longer title cut after a whole word), then
    its id, so that two drafts of one title never share a file.

    >>> draft_file_name({"id": 7, "title": 'Тропа: "к озеру" / 2026?'}, "docx")
    'Тропа_к_озеру_2026-7.docx'
    >>> draft_file_name({"id": 8, "title": "  ...  "}, "md")
    'draft-8.md'
    >>> draft_file_name({"id": 2, "title": "Тропа " * 9 + "для экскурсий района"}, "docx")
    'Тропа_Тропа_Тропа_Тропа_Тропа_Тропа_Тропа_Тропа_Тропа_для-2.docx'
    """
    slug = "_".join(_UNSAFE.sub(" ", str(draft.get("title") or "")).split())
    if len(slug) > FILE_TITLE_MAX:  # «…экскурсий_р» read as a typo: cut where a word ends
        cut = slug[:FILE_TITLE_MAX + 1].rfind("_")
        slug = slug[:cut] if cut > 0 else slug[:FILE_TITLE_MAX]
    slug = slug.strip("._-")
    return f"{slug or 'draft'}-{draft['id']}.{fmt}"


def _draft_files(store, draft_id: int, formats, lang: str, templates: Path | None) -> list[tuple[str, bytes]]:
    return [draft_file(store, draft_id, fmt, lang, templates) for fmt in formats
            if fmt != "xlsx"]  # a draft is a text, not a table


def _write_all(out_dir, files: list[tuple[str, bytes]]) -> list[Path]:
    """Files built whole in memory, then written all or none (`util.write_all`): a template error
    while building, or a full disk while writing, leaves the folder as it was."""
    from workbench.util import write_all

    out = Path(out_dir)
    made = not out.exists()
    out.mkdir(parents=True, exist_ok=True)
    try:
        return write_all([(out / name, data) for name, data in files])
    except BaseException:
        if made:  # the folder made for these files goes with them
            shutil.rmtree(out, ignore_errors=True)
        raise


def export_draft(store, draft_id: int, out_dir, formats=("docx", "md"), lang: str = "ru",
                 templates: Path | None = None) -> list[Path]:
    return export_drafts(store, [draft_id], out_dir, formats, lang, templates)


def export_drafts(store, draft_ids, out_dir, formats=("docx", "md"), lang: str = "ru",
                  templates: Path | None = None) -> list[Path]:
    """Write these drafts into `out_dir`, all built before any is written."""
    return _write_all(out_dir, [f for did in draft_ids for f in _draft_files(store, did, formats, lang, templates)])


# --- the session protocol ---------------------------------------------------------------------

def _counts(counts: dict, label) -> list[tuple[str, int]]:
    """A breakdown of `joined_summary` (largest first, "Другое" and «… не указана» last) in words."""
    return [(label(k), n) for k, n in counts.items()]


def voting_rounds(store, st: dict, lang: str, paper: set[int]) -> list[dict]:
    """One voting stage's rounds for the protocol (dots, then a matrix on the same stage: both),
    each with its column headings and rows, best first, and how many ballots came on paper."""
    from workbench.session import voting
    from workbench.session.stages import describe_candidates

    L = _translator(lang)
    # where the candidates came from (an earlier round), and whether its cut split a tie
    source = describe_candidates(store, st, {s["id"]: in_language(s, lang) for s in store.stages(st["session_id"])},
                                 lang)
    out = []
    for r in voting.rounds(store, st):
        m = voting.METHODS[r["method"]]
        columns, cells = m.protocol(r["rows"], L)
        text = {c["id"]: c["text"] for c in r["items"]}
        out.append({"id": st["id"], "title": st["title"], "method": L(f"method_{m.name}"),
                    "voters": len(r["voters"]), "paper": len(r["voters"] & paper), "columns": columns,
                    "source": source,  # where the candidates came from (an earlier round), or ""
                    # the place: shared by a tie («1, 1, 3»), None for a card nobody judged
                    "rows": [{"rank": place, "id": row["id"], "text": text[row["id"]], "cells": c}
                             for place, row, c in zip(voting.places(m, r["rows"]), r["rows"], cells, strict=True)]})
    return out


def statement_results(store, st: dict, lang: str) -> dict:
    """A statements stage's results for the protocol: each statement's agree, disagree and pass
    counts (most agreed first), and the opinion analysis the control view shows
    (`workbench.opinion.opinion_groups`): its verdict, what everyone agrees on and, when it finds
    clear groups, each group's size and representative statements ("agree"/"disagree")."""
    from workbench.session.statements import votes_frame

    cards = [c for c in store.cards(st["session_id"], st["id"]) if not c["is_group"]]
    text = {c["id"]: c["text"] for c in cards}
    counts = store.statement_counts(st["id"])
    rows = []
    for c in cards:
        n = counts.get(c["id"], {1: 0, -1: 0, 0: 0})
        total = n[1] + n[-1] + n[0]
        rows.append({"id": c["id"], "text": c["text"], "agree": n[1], "disagree": n[-1], "pass": n[0],
                     "total": total, "agree_share": round(100 * n[1] / total) if total else None})
    rows.sort(key=lambda r: (-(r["agree_share"] if r["agree_share"] is not None else -1), -r["total"], r["id"]))
    frame = votes_frame(store, st["id"])
    out = {"rows": rows, "voters": int(frame["voter-id"].nunique()), "verdict": t("too_few_votes", lang),
           "clear": False, "consensus": [], "groups": []}
    if out["voters"] < 4 or frame["comment-id"].nunique() < 2:  # as the opinion map
        return out
    from workbench.opinion import opinion_groups

    res = opinion_groups(frame, seed=0)
    if not len(res.coords):
        return out
    direction = {"agree": t("agree_short", lang), "disagree": t("disagree_short", lang)}
    out["verdict"] = res.verdict_text(lang)
    out["clear"] = bool(res.clear_groups)
    out["consensus"] = [{"text": text.get(c["statement"], str(c["statement"])), "direction": direction[c["direction"]]}
                        for c in res.consensus if c["statement"] in text]
    if res.clear_groups:
        sizes = Counter(g for g in res.groups.values() if g is not None)
        out["groups"] = [{"name": t("group_n", lang, n=int(g) + 1), "size": sizes.get(g, 0),
                          "statements": [{"text": text.get(r["statement"], str(r["statement"])),
                                          "direction": direction[r["repful_for"]]} for r in reps]}
                         for g, reps in sorted(res.repness.items())]
    return out


# the sections `protocol_docx.json` may list, in the order of the file the workbench ships
PROTOCOL_PARTS = ("summary", "participants", "names", "cards", "voting", "teams", "reviews", "drafts")
DOOR_COUNTS = ("registered", "checked_in", "phones", "door")  # the protocol's line on the door


def protocol_context(store, code: str, lang: str = "ru", names: bool = False) -> dict:
    """Everything the protocol shows, as plain values (templates and the XLSX use it)."""
    session = store.session(code)
    sid = session["id"]
    everyone = store.participants(sid)
    # who was in the room: phones (a ballot collected on paper counts in its vote only) and
    # people checked in at the door who did not join on a phone
    came = attendance(store, code)
    people = came["people"]
    summary = joined_summary(people)
    participants = {
        "total": came["total"], "registered": came["registered"], "checked_in": came["checked_in"],
        "phones": came["phones"], "door": came["door"],
        # «Территория не указана», «Сфера не указана»: the row says what was not given, as the
        # control view's line does (a bare «Не указано» under «Сфера» read as a sector of its own)
        "by_territory": _counts(summary["territory"], lambda k: k or t("territory_not_given", lang)),
        "by_sector": _counts(summary["sector"], lambda k: t(f"sector_{k}", lang) if k else t("sector_not_given", lang)),
        "names": [{k: p[k] for k in ("name", "territory", "organisation")} for p in people] if names else [],
    }
    stages = [in_language(s, lang) for s in store.stages(sid)]  # a template's titles in `lang`
    by_id = {s["id"]: s for s in stages}
    card_stages = []
    for st in stages:
        if st["kind"] not in CARD_KINDS and st["kind"] != "statements":
            continue
        groups, loose = grouped(store.cards(sid, st["id"]))
        card_stages.append({"id": st["id"], "kind": st["kind"], "title": st["title"],
                            "groups": groups, "cards": loose,
                            "statements": statement_results(store, st, lang) if st["kind"] == "statements" else None})
    paper = {p["id"] for p in everyone if p.get("on_paper")}
    voting = [r for st in stages if st["kind"] == "voting" and st["target_stage_id"] in by_id
              for r in voting_rounds(store, st, lang, paper)]
    teams = []
    for st in stages:
        if st["kind"] == "teams":  # in the order the display, the control view and phones list them
            teams.extend(formed_teams(store, st))
    drafts = [{"id": d["id"], "title": d["title"], "status": t(f"draft_status_{d['status']}", lang),
               "findings": len(logic_check(d, lang, store=store))} for d in store.drafts(sid)]
    from workbench.session import review  # peer review of presentations (issue 17)

    reviews = review.results(store, code) if store.criteria(sid) else []
    session = {**session, "date_text": long_date(session.get("date"), lang)}  # «12 октября 2019 г.»
    return {"session": session, "participants": participants, "card_stages": card_stages,
            "voting": voting, "teams": teams, "reviews": reviews, "drafts": drafts,
            "t": _translator(lang), "lang": lang}


def protocol_markdown(store, code: str, lang: str = "ru", names: bool = False,
                      templates: Path | None = None) -> str:
    ctx = protocol_context(store, code, lang, names)
    return _render(templates, lang, "protocol.md.j2", ctx)


def _docx_reviews(doc, results: list[dict], lang: str) -> None:
    """Peer review results: a table of teams × criteria (means), then each team's comments."""
    if not results:
        return
    names = [c["name"] for c in results[0]["criteria"]]
    _docx_table(doc, [t("protocol_team", lang), *names, t("review_mean", lang), t("review_reviewers", lang)],
                [[r["text"], *[_mean(c["mean"], lang) for c in r["criteria"]], _mean(r["mean"], lang), r["reviewers"]]
                 for r in results])
    for r in results:
        if r["comments"]:
            doc.add_paragraph(f"{r['text']} — {t('review_comments', lang)}:").runs[0].bold = True
            for comment in r["comments"]:
                doc.add_paragraph(comment, style="List Bullet")


def statement_header(lang: str) -> list[str]:
    return [t(k, lang) for k in ("protocol_statement", "protocol_agree", "protocol_disagree", "protocol_pass",
                                 "protocol_answers", "protocol_agree_share")]


def _docx_statements(doc, sr: dict, lang: str) -> None:
    """A statements stage: each statement's answers, the verdict, the consensus and the groups."""
    _docx_table(doc, statement_header(lang),
                [[r["text"], r["agree"], r["disagree"], r["pass"], r["total"], number(r["agree_share"], lang)]
                 for r in sr["rows"]])
    doc.add_paragraph(f"{t('protocol_statement_voters', lang, n=sr['voters'])} · {sr['verdict']}")
    if sr["consensus"]:
        doc.add_paragraph().add_run(t("consensus", lang)).bold = True
        for c in sr["consensus"]:
            doc.add_paragraph(f"{c['text']} ({c['direction']})", style="List Bullet")
    for g in sr["groups"]:
        doc.add_paragraph().add_run(f"{g['name']} ({t('people_n', lang, n=g['size'])})").bold = True
        for r in g["statements"]:
            doc.add_paragraph(f"{r['text']} ({r['direction']})", style="List Bullet")


def _mean(value, lang: str) -> str:
    return number(None if value is None else float(value), lang)


def protocol_docx(store, code: str, lang: str = "ru", names: bool = False,
                  templates: Path | None = None):
    """The protocol as a python-docx Document, sections in the order of `protocol_docx.json`."""
    ctx = xml_safe(protocol_context(store, code, lang, names))  # a text Word refuses is left out
    spec = _load_json(templates, "protocol_docx.json")
    s, p = ctx["session"], ctx["participants"]
    doc = new_docx(f"{t('protocol_title', lang)}: {s['title']}", lang)
    doc.add_heading(f"{t('protocol_title', lang)}: {s['title']}", level=0)
    for section in spec.get("sections", []):
        part = section.get("part")
        if part == "summary":
            doc.add_paragraph(f"{t('protocol_date', lang)}: {s['date_text']}")
            doc.add_paragraph(f"{t('protocol_territory', lang)}: {s['territory'] or t('protocol_territory_none', lang)}")
            doc.add_paragraph(t("protocol_total", lang, n=p["total"]))
            if p["registered"]:
                doc.add_paragraph(t("protocol_door", lang, **{k: p[k] for k in DOOR_COUNTS}))
        elif part == "participants":
            doc.add_heading(_heading(section, t("protocol_participants", lang), lang), level=1)
            doc.add_heading(t("by_territory", lang), level=2)
            _docx_table(doc, [t("protocol_territory", lang), t("protocol_count", lang)], p["by_territory"])
            doc.add_heading(t("by_sector", lang), level=2)
            _docx_table(doc, [t("field_sector", lang), t("protocol_count", lang)], p["by_sector"])
        elif part == "names":
            if p["names"]:
                doc.add_heading(_heading(section, t("protocol_names", lang), lang), level=1)
                _docx_table(doc, [t("field_name", lang), t("field_territory", lang), t("field_organisation", lang)],
                            [[n["name"], n["territory"], n["organisation"]] for n in p["names"]])
        elif part == "cards":
            doc.add_heading(_heading(section, t("protocol_cards", lang), lang), level=1)
            mark = f" ({t('entered_by_facilitator', lang)})"
            for st in ctx["card_stages"]:
                doc.add_heading(st["title"], level=2)
                if st["statements"] and st["statements"]["rows"]:
                    _docx_statements(doc, st["statements"], lang)
                    continue
                for g in st["groups"]:
                    doc.add_paragraph(style="List Bullet").add_run(g["text"]).bold = True
                    for c in g["cards"]:
                        doc.add_paragraph(c["text"] + (mark if c["by_facilitator"] else ""),
                                          style="List Bullet 2")
                for c in st["cards"]:
                    doc.add_paragraph(c["text"] + (mark if c["by_facilitator"] else ""), style="List Bullet")
                if not st["groups"] and not st["cards"]:
                    doc.add_paragraph(t("no_cards", lang))
        elif part == "voting":
            doc.add_heading(_heading(section, t("protocol_voting", lang), lang), level=1)
            for v in ctx["voting"]:
                doc.add_heading(f"{v['title']}: {v['method']} · {t('protocol_voters_n', lang, n=v['voters'])}", level=2)
                if v["source"]:
                    doc.add_paragraph(v["source"])
                if v["paper"]:
                    doc.add_paragraph(t("protocol_paper_n", lang, n=v["paper"]))
                _docx_table(doc, [t("protocol_rank", lang), t("protocol_card", lang), *v["columns"]],
                            [[r["rank"] or "—", r["text"], *r["cells"]] for r in v["rows"]], lang)
        elif part == "teams":
            doc.add_heading(_heading(section, t("protocol_teams", lang), lang), level=1)
            for team in ctx["teams"]:
                doc.add_heading(team["card"]["text"], level=2)
                for m in team["members"]:
                    line = member_label(m, lang)
                    if m["leader"]:
                        line += f" — {t('protocol_leader', lang)}"
                    doc.add_paragraph(line, style="List Bullet")
            if not ctx["teams"]:
                doc.add_paragraph(t("protocol_none", lang))
        elif part == "reviews":
            if ctx["reviews"]:
                doc.add_heading(_heading(section, t("review_results", lang), lang), level=1)
                _docx_reviews(doc, ctx["reviews"], lang)
        elif part == "drafts":
            doc.add_heading(_heading(section, t("protocol_drafts", lang), lang), level=1)
            for d in ctx["drafts"]:
                doc.add_paragraph(f"{d['title']} — {d['status']}", style="List Bullet")
            if not ctx["drafts"]:
                doc.add_paragraph(t("protocol_none", lang))
        else:
            # a staff member's typo in the file: named in «…» with the parts there are (it read
            # «Неверный запрос: protocol_docx.json: part 'итоги'»)
            raise WorkbenchError("export_template_part", template="protocol_docx.json", name=str(part),
                                 names=quoted_list(PROTOCOL_PARTS))
    return doc


def protocol_xlsx(store, code: str, lang: str = "ru", names: bool = False):
    """The protocol as an openpyxl Workbook: a sheet per part."""
    import openpyxl

    ctx = protocol_context(store, code, lang, names)
    s, p = ctx["session"], ctx["participants"]
    L = _translator(lang)
    book = openpyxl.Workbook()
    book.remove(book.active)
    xlsx_sheet(book, L("protocol_summary"), [L("protocol_title"), s["title"]],
           [[L("protocol_date"), s["date_text"]], [L("protocol_territory"), s["territory"]],
            [L("protocol_participants"), p["total"]],
            *([[L("protocol_registered"), p["registered"]], [L("protocol_checked_in"), p["checked_in"]],
               [L("protocol_phones"), p["phones"]], [L("protocol_door_only"), p["door"]]] if p["registered"] else [])])
    # Every sheet is one table: a heading for every column, no heading repeated as a data row.
    xlsx_sheet(book, L("protocol_by_territory"), [L("protocol_territory"), L("protocol_count")],
               [list(row) for row in p["by_territory"]])
    xlsx_sheet(book, L("protocol_by_sector"), [L("field_sector"), L("protocol_count")],
               [list(row) for row in p["by_sector"]])
    if p["names"]:
        xlsx_sheet(book, L("protocol_names"), [L("field_name"), L("field_territory"), L("field_organisation")],
                   [[n["name"], n["territory"], n["organisation"]] for n in p["names"]])
    card_rows = []
    for st in ctx["card_stages"]:
        for g in st["groups"]:
            card_rows += [[st["title"], g["text"], c["text"], "✓" if c["by_facilitator"] else ""] for c in g["cards"]]
            if not g["cards"]:
                card_rows.append([st["title"], g["text"], "", ""])
        card_rows += [[st["title"], "", c["text"], "✓" if c["by_facilitator"] else ""] for c in st["cards"]]
    xlsx_sheet(book, L("protocol_cards"), [L("stage"), L("draft_c_group"), L("protocol_card"),
                                           L("protocol_by_facilitator")], card_rows)
    statement_rows, opinion_rows = [], []
    for st in ctx["card_stages"]:
        sr = st["statements"]
        if not sr or not sr["rows"]:
            continue
        statement_rows += [[st["title"], r["text"], r["agree"], r["disagree"], r["pass"], r["total"], r["agree_share"]]
                           for r in sr["rows"]]
        opinion_rows += [[st["title"], L("consensus"), "", c["text"], c["direction"]] for c in sr["consensus"]]
        opinion_rows += [[st["title"], g["name"], g["size"], r["text"], r["direction"]]
                         for g in sr["groups"] for r in g["statements"]]
    if statement_rows:
        xlsx_sheet(book, L("protocol_statements"), [L("stage"), *statement_header(lang)], statement_rows)
    if opinion_rows:
        xlsx_sheet(book, L("protocol_opinion_groups"), [L("stage"), L("protocol_opinion_group"), L("protocol_people"),
                                                     L("protocol_statement"), L("protocol_position")], opinion_rows)
    # One table for every round: a "Method" column, and the columns of every method (each round
    # fills its own; dots have votes, a matrix impact and feasibility, ...).
    columns: list[str] = []
    for v in ctx["voting"]:
        columns += [c for c in v["columns"] if c not in columns]
    voting_rows = []
    for v in ctx["voting"]:
        at = [columns.index(c) for c in v["columns"]]
        for r in v["rows"]:
            cells = [""] * len(columns)
            for i, x in zip(at, r["cells"], strict=True):
                cells[i] = x
            voting_rows.append([v["title"], v["method"], v["voters"], r["rank"], r["text"], *cells])
    ws = xlsx_sheet(book, L("protocol_voting"), [L("stage"), L("method"), L("protocol_voters"), L("protocol_rank"),
                                                 L("protocol_card"), *columns], voting_rows)
    _xlsx_figures(ws)
    xlsx_sheet(book, L("protocol_teams"), [L("protocol_team"), L("field_name"), L("field_organisation"),
                                       L("protocol_leader").capitalize()],  # a heading: "Лидер"
           [[tm["card"]["text"], person_name(m, lang), m["organisation"], "✓" if m["leader"] else ""]
            for tm in ctx["teams"] for m in tm["members"]])
    if ctx["reviews"]:
        ws = xlsx_sheet(book, L("review_results"), [L("protocol_team"), L("review_criterion_name"), L("review_mean"),
                                           L("review_reviewers")],
               [[r["text"], c["name"], c["mean"], c["n"]] for r in ctx["reviews"] for c in r["criteria"]])
        _xlsx_figures(ws)
        comments = [[r["text"], comment] for r in ctx["reviews"] for comment in r["comments"]]
        if comments:
            xlsx_sheet(book, L("review_comments"), [L("protocol_team"), L("review_comments")], comments)
    xlsx_sheet(book, L("protocol_drafts"), [L("protocol_project"), L("draft_status"), L("logic_title")],
               [[d["title"], d["status"], L("protocol_findings_n", n=d["findings"]) if d["findings"] else L("logic_ok")]
                for d in ctx["drafts"]])
    return book


def _xlsx_figures(ws, digits: int = 2) -> None:
    """Fractional figures of a sheet shown with `digits` decimals, as in the MD and DOCX (Excel
    puts the reader's decimal separator), a share (`i18n.Share`) as a percent; they stay
    numbers, to sort and sum."""
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, Share):
                cell.value, cell.number_format = float(cell.value), "0%"
            elif isinstance(cell.value, Figure):
                cell.value, cell.number_format = float(cell.value), number_format(cell.value.digits)
            elif isinstance(cell.value, float):
                cell.number_format = number_format(digits)


def protocol_files(store, code: str, formats=FORMATS, lang: str = "ru", names: bool = False,
                   templates: Path | None = None) -> list[tuple[str, bytes]]:
    """The protocol of a session as files built whole in memory: (`protocol-CODE.md|docx|xlsx`,
    content) for each of `formats`, in that order. `workbench export --what protocol` writes them;
    the control view's «Протокол» offers them as links to download."""
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise WorkbenchError("bad_request", detail=f"format {', '.join(bad)}")
    stem = f"protocol-{store.session(code)['code']}"
    files = []
    if "md" in formats:
        files.append((f"{stem}.md", protocol_markdown(store, code, lang, names, templates).encode("utf-8")))
    build = {"docx": lambda: protocol_docx(store, code, lang, names, templates),
             "xlsx": lambda: protocol_xlsx(store, code, lang, names)}
    for fmt in ("docx", "xlsx"):
        if fmt in formats:
            buf = io.BytesIO()
            build[fmt]().save(buf)
            files.append((f"{stem}.{fmt}", buf.getvalue()))
    return files


def export_protocol(wb, code: str, out_dir, formats=FORMATS, lang: str = "ru", names: bool = False,
                    templates: Path | None = None, drafts: bool = True) -> list[Path]:
    """Write the protocol of a session (and, with `drafts`, each of its drafts) into `out_dir`.

    Returns the paths written: `protocol-CODE.docx|xlsx|md`, `TITLE-ID.docx|md` (`draft_file_name`).
    """
    store = wb.store
    # every file built first (`protocol_files`): a template error writes none of them, and a
    # full disk leaves no half file
    files = protocol_files(store, code, formats, lang, names, templates)
    if drafts:
        for d in store.drafts(store.session(code)["id"]):
            files += _draft_files(store, d["id"], formats, lang, templates)
    return _write_all(out_dir, files)


# --- full data ----------------------------------------------------------------------------------


def export_data(store, code: str, out_dir, lang: str = "ru", include_secrets: bool = False,
                include_rejected: bool = False) -> list[Path]:
    """Every row of one session, one CSV per table, for people to open in Excel (headings, times,
    sectors and statuses in `lang`: `workbench.data_tables`), written by
    `workbench.tableio.write_csv`; the participants' device tokens only with `include_secrets`,
    the cards rejected in moderation only with `include_rejected`."""
    from workbench.data_tables import data_tables
    from workbench.tableio import csv_bytes

    tables = data_tables(store, code, lang, include_secrets=include_secrets, include_rejected=include_rejected)
    # `write_csv`'s bytes, all files or none (a full disk at the fifth left four)
    return _write_all(out_dir, [(f"{code}-{name}.csv", csv_bytes(table, lang)) for name, table in tables.items()])
