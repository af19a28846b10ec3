"""Reading and writing tables: CSV, TSV and XLSX files from facilitators.

Files come from phones, Excel and old Windows machines, so reading is forgiving:

* the format is chosen by extension (``.xlsx``/``.xlsm``, ``.tsv``/``.tab``, ``.csv``/``.txt``),
  and for text files the delimiter is sniffed (comma, semicolon, tab, pipe);
* text encodings tried in order: UTF-8 (with or without BOM), then cp1251;
* every cell is read as a string, so ids like ``007`` keep their leading zeros.

Every problem is reported as :class:`TableError` (a ``ValueError`` and a
`workbench.errors.InputError`): a catalogue key naming the file and what is wrong, worded in the
reader's language by ``exc.message(lang)``.

:func:`write_csv` is the one writer of every CSV the workbench writes (cluster and opinion
group results, the network tables, the session data dump, the demo files); its docstring
states the policy once. :func:`xlsx_sheet` writes every XLSX sheet (the protocol, a table
by :func:`write_xlsx`).
"""

from __future__ import annotations

import codecs
import csv
import datetime as _dt
import io
import json
import math
import numbers
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.errors import InputError, Number
from workbench.util import write_atomic, xml_safe

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["TableError", "csv_bytes", "csv_cell", "decode_bytes", "read_sheets", "read_table", "write_csv", "write_xlsx", "xlsx_sheet"]

EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
TAB_SUFFIXES = {".tsv", ".tab"}
ENCODINGS = ("utf-8-sig", "cp1251")
_DELIMITERS = ",;\t|"


class TableError(InputError):
    """A table could not be read or written: `key` and `params` say which file and why."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file bytes as UTF-8 (BOM or not), falling back to cp1251.

    Returns ``(text, encoding)``.

    >>> decode_bytes("идея".encode("cp1251"))
    ('идея', 'cp1251')
    >>> decode_bytes(b"\\xef\\xbb\\xbfidea")
    ('idea', 'utf-8-sig')
    >>> decode_bytes("идея".encode("utf-16"))
    ('идея', 'utf-16')
    """
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):  # Excel's "Unicode text" (.txt)
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise TableError("table_encoding") from None
    for enc in ENCODINGS:
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    raise TableError("table_encoding")  # pragma: no cover (cp1251 maps ~all)


def _decoded(data: bytes, path) -> str:
    """`decode_bytes` of a file's bytes; a text it cannot decode is said with the file's name (a
    command reading two files, `network --orgs`, said which one only by the message)."""
    try:
        return decode_bytes(data)[0]
    except TableError:
        raise TableError("table_encoding_file", path=path) from None


def _sniff_delimiter(text: str, default: str = ",") -> str:
    r"""The delimiter that splits the header into two or more fields and the most rows into as
    many; else `csv.Sniffer`'s guess; else the most frequent one on the first line.

    >>> _sniff_delimiter('Имя;Сфера\n"=HYPERLINK(""http://x"",""Б"")";ТОС\nАнна;НКО\n')
    ';'
    >>> _sniff_delimiter('name,score\nАнна,"1,5"\n'), _sniff_delimiter("Идея\nДороги\n")
    (',', ',')
    """
    sample = "\n".join(text.splitlines()[:50])
    best = None
    for d in _DELIMITERS:
        try:
            rows = [r for r in csv.reader(io.StringIO(sample), delimiter=d) if r]
        except csv.Error:
            continue
        width = len(rows[0]) if rows else 0
        if width >= 2:
            # the sample's last line may be cut inside a quoted cell: leave it out
            score = (sum(len(r) == width for r in rows[1:-1] or rows[1:]), width)
            if best is None or score > best[0]:
                best = (score, d)
    if best is not None:
        return best[1]
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        counts = {d: first.count(d) for d in _DELIMITERS}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else default


# How pictures, archives and documents begin: such a file renamed to .csv is no table, even when
# its first bytes hold no NUL (a cut-off PNG read as cp1251 was "found: '‰PNG'" columns).
_BINARY_STARTS = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF-", b"PK\x03\x04", b"\xd0\xcf\x11\xe0",
                  b"Rar!", b"\x1f\x8b", b"7z\xbc\xaf")


def _looks_binary(data: bytes) -> bool:
    """A picture, an archive or a document rather than text.

    >>> _looks_binary(bytes.fromhex("89504e470d0a1a0a") + b"...."), _looks_binary(b"person,event")
    (True, False)
    """
    if data.startswith(_BINARY_STARTS):
        return True
    return b"\x00" in data[:4096] and data[:2] not in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


# A table file bigger than this is refused before it is parsed: a 50 MB CSV took gigabytes in
# `network`, an XLSX that expands to 150 MB ran for minutes in `cluster` (issue 13). The commands
# take `--max-mb`; the environment variable sets it for every reader (the analysis page too).
MAX_MB_ENV = "WORKBENCH_MAX_TABLE_MB"
DEFAULT_MAX_MB = 10.0


def max_table_mb(max_mb: float | None = None) -> float:
    """The size limit in MB: `max_mb` if given, else `$WORKBENCH_MAX_TABLE_MB`, else 10."""
    if max_mb is not None:
        return float(max_mb)
    raw = os.environ.get(MAX_MB_ENV, "")
    try:
        value = float(raw) if raw else DEFAULT_MAX_MB
    except ValueError:
        raise TableError("table_max_mb_env", name=MAX_MB_ENV, value=raw) from None
    return value if value > 0 else DEFAULT_MAX_MB


def _check_size(path: Path, size: int, limit_mb: float, key: str) -> None:
    if size > limit_mb * 1e6:
        raise TableError(key, path=path, size=Number(size / 1e6), limit=Number(limit_mb, 2), name=MAX_MB_ENV)


def read_table(path: str | os.PathLike, max_mb: float | None = None,
               keep_blank_rows: bool = False) -> pd.DataFrame:
    """Read a CSV, TSV or XLSX file into a DataFrame of strings (empty cells are ``""``).

    Blank rows are skipped, unless `keep_blank_rows` (a command that promises to keep every row,
    like `workbench cluster`): then a blank row between others is a row of empty cells; blank
    rows at the end are still dropped.

    Raises :class:`TableError` when the file is missing, empty, broken, has no columns or is
    bigger than `max_mb` megabytes (an XLSX: its unpacked content; see :func:`max_table_mb`).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "ideas.csv"
    >>> _ = p.write_bytes("id;idea\\n1;Дороги\\n2;Клуб\\n".encode("cp1251"))
    >>> df = read_table(p)
    >>> list(df.columns), df["idea"].tolist()
    (['id', 'idea'], ['Дороги', 'Клуб'])
    >>> _ = p.write_text("idea\\nДороги\\n\\nКлуб\\n\\n", encoding="utf-8")
    >>> read_table(p)["idea"].tolist(), read_table(p, keep_blank_rows=True)["idea"].tolist()
    (['Дороги', 'Клуб'], ['Дороги', '', 'Клуб'])
    """
    path, data, limit = _read_bytes(path, max_mb)
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES or data[:4] == b"PK\x03\x04":
        _check_size(path, _unpacked_size(data), limit, "table_unpacks_too_big")
        df = _read_excel(path, data, keep_blank_rows)
    else:
        df = _read_text(path, data, tab=suffix in TAB_SUFFIXES, keep_blank_rows=keep_blank_rows)
    if keep_blank_rows:
        df = df.fillna("")  # a blank line is a row of empty cells
        filled = df.ne("").any(axis=1).to_numpy().nonzero()[0]
        df = df.iloc[: (filled[-1] + 1 if len(filled) else 0)].reset_index(drop=True)
    df.columns = [str(c).strip() for c in df.columns]
    if df.shape[1] == 0:
        raise TableError("table_no_columns", path=path)
    if df.shape[0] == 0:
        raise TableError("table_no_rows", path=path)
    return df


def _read_bytes(path, max_mb: float | None) -> tuple[Path, bytes, float]:
    """The file's bytes, once it is known to exist, to be no folder, to fit the size limit and
    to hold something."""
    path = Path(path)
    if not path.exists():
        raise TableError("table_not_found", path=path)
    if path.is_dir():
        raise TableError("table_is_folder", path=path)
    limit = max_table_mb(max_mb)
    try:
        _check_size(path, path.stat().st_size, limit, "table_too_big")
        data = path.read_bytes()
    except OSError as exc:
        raise TableError("table_cannot_read", path=path, why=exc.strerror or str(exc)) from exc
    if not data.strip():
        raise TableError("table_empty", path=path)
    return path, data, limit


def _cell_text(value) -> str:
    """An XLSX cell as the text a reader sees: whole numbers without ".0", dates as ISO text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, _dt.datetime):
        return value.isoformat(" ")
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    return str(value)


def read_sheets(path: str | os.PathLike, max_mb: float | None = None) -> list[tuple[str, pd.DataFrame]]:
    """Every sheet of a table file as it lies, for a reader that finds the heading row itself:
    ``[(sheet name, cells)]`` (one sheet named ``""`` for CSV/TSV), cells as strings (``""``
    when empty), no heading taken, the index the spreadsheet's row numbers (1 = the first row;
    blank rows kept, so a row number is the one Excel shows). Checks as :func:`read_table`.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "list.csv"
    >>> _ = p.write_bytes("Список\\n\\nФИО;Мероприятие\\nАнна;Сессия\\n".encode("cp1251"))
    >>> [(name, df.loc[4].tolist()) for name, df in read_sheets(p)]
    [('', ['Анна', 'Сессия'])]
    """
    import pandas as pd

    path, data, limit = _read_bytes(path, max_mb)
    if path.suffix.lower() in EXCEL_SUFFIXES or data[:4] == b"PK\x03\x04":
        _check_size(path, _unpacked_size(data), limit, "table_unpacks_too_big")
        import openpyxl

        try:
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            sheets = []
            for ws in book.worksheets:
                rows = [[_cell_text(v) for v in row] for row in ws.iter_rows(min_row=1, values_only=True)]
                width = max((len(r) for r in rows), default=0)
                df = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=object)
                df.index = range(1, 1 + len(df))
                sheets.append((ws.title, df))
            book.close()
        except Exception as exc:  # openpyxl raises many kinds: zipfile.BadZipFile, KeyError, ...
            raise TableError("table_bad_xlsx", path=path, detail=f"{type(exc).__name__}: {exc}") from exc
        return sheets
    if _looks_binary(data):
        raise TableError("table_binary", path=path)
    text = _decoded(data, path)
    # a title line above the heading holds no delimiter: sniff from the first line that has one
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if any(d in line for d in _DELIMITERS)), 0)
    sep = "\t" if path.suffix.lower() in TAB_SUFFIXES else _sniff_delimiter("\n".join(lines[first:]))
    reader = csv.reader(io.StringIO(text), delimiter=sep)
    rows, numbers_ = [], []
    try:
        line = 1
        for row in reader:
            rows.append([c for c in row])
            numbers_.append(line)
            line = reader.line_num + 1
    except csv.Error as exc:
        raise TableError("table_broken", path=path, kind="TSV" if sep == "\t" else "CSV", detail=str(exc)) from exc
    width = max((len(r) for r in rows), default=0)
    df = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=object)
    df.index = numbers_
    return [("", df)]


def _unpacked_size(data: bytes) -> int:
    """What an XLSX (a zip of XML files) holds once unpacked, from its directory (nothing unpacked)."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return sum(info.file_size for info in z.infolist())
    except (zipfile.BadZipFile, ValueError):
        return 0  # not a zip: the reader says the file is broken


def _read_excel(path: Path, data: bytes, keep_blank_rows: bool = False) -> pd.DataFrame:
    import pandas as pd

    try:
        df = pd.read_excel(io.BytesIO(data), sheet_name=0, dtype=str, engine="openpyxl")
    except Exception as exc:  # openpyxl raises many kinds: zipfile.BadZipFile, KeyError, ...
        raise TableError("table_bad_xlsx", path=path, detail=f"{type(exc).__name__}: {exc}") from exc
    # Excel keeps formatting on empty rows/columns: drop rows with no values at all and
    # header-less columns with no values, keep everything else (even empty named columns).
    df = (df if keep_blank_rows else df.dropna(how="all")).fillna("")
    df = df.loc[:, [not str(c).startswith("Unnamed:") or df[c].ne("").any() for c in df.columns]]
    return df.reset_index(drop=True)


def _read_text(path: Path, data: bytes, tab: bool, keep_blank_rows: bool = False) -> pd.DataFrame:
    import pandas as pd

    if _looks_binary(data):
        raise TableError("table_binary", path=path)
    text = _decoded(data, path)
    sep = "\t" if tab else _sniff_delimiter(text)
    try:
        df = pd.read_csv(
            io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
            skip_blank_lines=not keep_blank_rows, engine="python",
        )
    except pd.errors.EmptyDataError as exc:
        raise TableError("table_empty", path=path) from exc
    except (pd.errors.ParserError, csv.Error, ValueError) as exc:
        raise TableError("table_broken", path=path, kind="TSV" if sep == "\t" else "CSV", detail=str(exc)) from exc
    return df


# A text cell starting with one of these is a formula (or becomes one) in a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The one text that starts so and is left alone: a negative number ("-5", "-2.5", "-2,5"), which a
# spreadsheet reads as the number it is. A "+" number is guarded: "+79111234567" is a phone
# number, which Excel would turn into 79111234567 (shown as 7,9E+10).
_NEGATIVE_NUMBER = re.compile(r"-(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")


def csv_cell(value):
    r"""A value as a CSV cell: numbers stay numbers, everything else becomes safe text.

    Empty values (None, NaN) are empty cells; sets and lists are joined with ``"; "`` (sets
    sorted), dicts written as JSON, dates in ISO format. A text that a spreadsheet would run as
    a formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a
    ``'`` in front, so the spreadsheet shows it as text; a text that is just a negative number
    (``-5``, ``-2,5``) is left alone, a number it stays. A phone number ``+79111234567`` is
    guarded: the spreadsheet would make it 79111234567.

    >>> [csv_cell(v) for v in (3, -2.5, None, float("nan"), "-5", "-2,5", "Дороги", {"b", "a"})]
    [3, -2.5, '', '', '-5', '-2,5', 'Дороги', 'a; b']
    >>> csv_cell('=HYPERLINK("http://x")'), csv_cell("=cmd|' /C calc'!A0"), csv_cell("+7 921 111")
    ('\'=HYPERLINK("http://x")', "'=cmd|' /C calc'!A0", "'+7 921 111")
    >>> csv_cell("+79111234567"), csv_cell("+1.5"), csv_cell("-1+2"), csv_cell("@SUM(A1)"), csv_cell("\t=1")
    ("'+79111234567", "'+1.5", "'-1+2", "'@SUM(A1)", "'\t=1")
    """
    if value is None:
        return ""
    if isinstance(value, numbers.Number) and not isinstance(value, complex):
        return "" if isinstance(value, float) and math.isnan(value) else value
    if isinstance(value, (_dt.datetime, _dt.date)):
        return "" if _is_missing(value) else value.isoformat()  # pandas' NaT is a datetime
    if hasattr(value, "tolist"):  # numpy scalars and arrays
        return csv_cell(value.tolist())
    if isinstance(value, (set, frozenset)):
        value = "; ".join(sorted(str(v) for v in value))
    elif isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    elif isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False, default=str)
    elif not isinstance(value, str):
        if _is_missing(value):
            return ""
        value = str(value)
    if value.startswith(FORMULA_STARTS) and not _NEGATIVE_NUMBER.fullmatch(value):
        return "'" + value
    return value


def _is_missing(value) -> bool:
    """NaN-like values (pandas' NA and NaT), without importing pandas."""
    try:
        return bool(value != value)  # NaN-like values differ from themselves
    except (TypeError, ValueError):  # pd.NA: "boolean value of NA is ambiguous"
        return True


def _cells(df: pd.DataFrame, decimal_comma: bool = False) -> pd.DataFrame:
    """``df`` with every column that is not numbers, booleans or timestamps made by `csv_cell`
    (with `decimal_comma`, a fraction in such a column written with a comma, as pandas writes
    the float columns)."""
    import pandas as pd
    from pandas.api import types

    columns = []
    for i in range(df.shape[1]):
        col = df.iloc[:, i]
        if not (types.is_numeric_dtype(col.dtype) or types.is_datetime64_any_dtype(col.dtype)):
            cells = [csv_cell(v) for v in col]
            if decimal_comma:
                cells = [str(v).replace(".", ",") if isinstance(v, float) else v for v in cells]
            col = pd.Series(cells, index=col.index, dtype=object)
        columns.append(col)
    out = pd.concat(columns, axis=1) if columns else df.copy()
    out.columns = df.columns
    return out


def _in_a_folder(path: str | os.PathLike) -> Path:
    """`path` as a Path, or a TableError naming its folder when that folder does not exist (a
    writer's first check: nothing is written then)."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise TableError("table_no_folder", path=path, folder=folder)
    return path


def write_csv(df: pd.DataFrame, path: str | os.PathLike, lang: str | None = None) -> Path:
    r"""Write ``df`` to ``path`` as CSV: the one writer of every CSV the workbench writes.

    The policy, for every file:

    * UTF-8 **with a BOM**. The files are opened by facilitators in Excel, which reads a CSV
      without a BOM in the Windows code page (cp1251 on Russian Windows) and shows Cyrillic
      as mojibake; with the BOM it shows it right. LibreOffice, pandas ``read_csv``, Python's
      ``utf-8-sig`` and :func:`read_table` all skip the BOM.
    * Comma-separated with a decimal point; with ``lang="ru"`` (a file made for Russian
      readers) **semicolon-separated with a decimal comma**, as Excel with Russian settings
      reads a CSV it opens with a double click (it splits on its list separator, ";", and a
      "0.5" would become text or a date). :func:`read_table` sniffs either separator.
    * A header row, no index, ``"\n"`` line ends.
    * Cells as :func:`csv_cell` makes them: numbers stay numbers, and a text that a
      spreadsheet would run as a formula gets a ``'`` in front (CSV injection).
    * Atomic: a temporary file in the same folder, renamed at the end, so a failed run leaves
      no half-written output.

    Returns the path written.

    >>> import tempfile, pathlib, pandas as pd
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "out.csv"
    >>> df = pd.DataFrame({"card": ['=HYPERLINK("http://x")', "Дороги"], "votes": [-1, 2]})
    >>> write_csv(df, p) == p
    True
    >>> p.read_bytes()[:3] == "\ufeff".encode()
    True
    >>> p.read_text(encoding="utf-8-sig").splitlines()
    ['card,votes', '"\'=HYPERLINK(""http://x"")",-1', 'Дороги,2']
    >>> df = pd.DataFrame({"группа": ["Дороги, мосты"], "доля": [0.25], "n": [3]})
    >>> _ = write_csv(df, p, lang="ru"); p.read_text(encoding="utf-8-sig").splitlines()
    ['группа;доля;n', 'Дороги, мосты;0,25;3']
    """
    path = _in_a_folder(path)
    write_atomic(path, csv_bytes(df, lang))
    return path


def csv_bytes(df: pd.DataFrame, lang: str | None = None) -> bytes:
    """The bytes `write_csv` writes, for a writer of several files at once (`util.write_all`)."""
    russian = lang == "ru"
    cells = _cells(df, decimal_comma=russian)
    text = cells.to_csv(index=False, lineterminator="\n", sep=";" if russian else ",",
                        decimal="," if russian else ".")
    return text.encode("utf-8-sig")


def xlsx_sheet(book, title: str, header: list[str], rows):
    """Add a sheet to an openpyxl workbook: a bold header, the rows, columns as wide as their
    text (10 to 80); returns the sheet. Participant text starting with ``=`` stays text, never a
    formula."""
    from openpyxl.styles import Font

    ws = book.create_sheet(title=xml_safe(title)[:31])
    ws.append(xml_safe(list(header)))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:  # a text Excel refuses (a control character) is left out
        ws.append(["" if v is None else xml_safe(v) for v in row])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
    for col in ws.columns:
        width = max(len(str(c.value or "")) for c in col)
        ws.column_dimensions[col[0].column_letter].width = min(80, max(10, width + 2))
    print_on_a4(ws)
    return ws


def print_on_a4(ws) -> None:
    """A sheet prints on A4 landscape, as wide as the page (as many pages down as it needs),
    its header row on every page: a registration list printed for the check-in desk had its
    right-hand columns on separate sheets of Letter paper."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # no limit: as many pages as the rows need
    ws.print_title_rows = "1:1"


def write_xlsx(df: pd.DataFrame, path: str | os.PathLike, sheet: str = "Sheet1") -> Path:
    """Write ``df`` to ``path`` as an XLSX file of one sheet (see :func:`xlsx_sheet`), atomically.

    >>> import tempfile, pathlib, pandas as pd
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "out.xlsx"
    >>> _ = write_xlsx(pd.DataFrame({"Имя": ["=1+1"], "n": [2]}), p, "Лист")
    >>> read_table(p).to_dict("records")
    [{'Имя': '=1+1', 'n': '2'}]
    """
    import openpyxl

    path = _in_a_folder(path)
    book = openpyxl.Workbook()
    book.remove(book.active)
    xlsx_sheet(book, sheet, [str(c) for c in df.columns],
               [[None if _is_missing(v) else v for v in row] for row in df.itertuples(index=False)])
    buf = io.BytesIO()
    book.save(buf)
    write_atomic(path, buf.getvalue())
    return path
