"""Reading and validating attendance lists, two-mode lists and edge lists.

Every loader validates the whole table first and raises `NetworkInputError`
naming the row and column of each problem; nothing is returned half-way.
Row numbers are spreadsheet rows: the header is row 1, the first data row is row 2.
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

import pandas as pd

from workbench.errors import InputError, Lines, Text, quoted, quoted_list

MAX_REPORTED_ERRORS = 10

# Header aliases (after lower-casing, ё->е, spaces->underscores) -> canonical column.
COLUMN_ALIASES = {
    "person": "person", "name": "person", "participant": "person", "фио": "person",
    "участник": "person", "имя": "person",
    "territory": "territory", "district": "territory", "территория": "territory",
    "район": "territory", "муниципалитет": "territory", "населенный_пункт": "territory",
    "village_or_town": "territory",
    "organisation": "organisation", "organization": "organisation", "org": "organisation",
    "организация": "organisation", "место_работы": "organisation",
    # «Сфера» is the workbench's own heading (the registration list, the data export, the page)
    "sector": "sector", "сектор": "sector", "сфера": "sector", "сфера_деятельности": "sector",
    "sphere": "sector",
    "event": "event", "session": "event", "мероприятие": "event", "событие": "event",
    "сессия": "event",
    "date": "date", "дата": "date",
    "email": "email", "e-mail": "email", "e_mail": "email", "почта": "email",
    "электронная_почта": "email", "эл._почта": "email",
    "phone": "phone", "телефон": "phone", "tel": "phone",
    "project": "project", "проект": "project",
    "event_territory": "event_territory", "место_проведения": "event_territory",
    "group": "group", "группа": "group",
    "kind": "kind", "тип": "kind",
    "source": "source", "target": "target", "weight": "weight", "вес": "weight",
}

ATTENDANCE_COLUMNS = ["person", "event", "date", "territory", "organisation", "sector",
                      "email", "phone", "project", "event_territory"]
TWO_MODE_OPTIONAL = ("kind", "date", "territory", "organisation", "sector", "email", "phone")


class NetworkInputError(InputError):
    """A problem with an input table, phrased for the user (row and column named): a catalogue
    key and its parameters, worded by `message(lang)`."""



TABLE = Text("net_where_table")  # where the problem is when the table is no file


# ---------------------------------------------------------------------------
# Reading files


def read_table(path, max_mb: float | None = None) -> pd.DataFrame:
    """Read a CSV/TSV/XLSX file (via `workbench.tableio`) into a DataFrame of strings.

    utf-8, utf-8 with BOM and cp1251 are detected, and the delimiter is sniffed.
    The index holds spreadsheet row numbers (header = 1; blank rows are skipped
    by the reader, so rows after a blank line count from the non-blank ones).

    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "a.csv")
    >>> _ = open(p, "w", encoding="cp1251").write("person;event\\nИванова Анна;Сессия 1\\n")
    >>> read_table(p).loc[2, "person"]
    'Иванова Анна'
    """
    from workbench.tableio import TableError
    from workbench.tableio import read_table as _read

    try:
        df = _read(path, max_mb)
    except TableError as exc:
        raise NetworkInputError(exc.key, **exc.params) from exc
    df.index = range(2, 2 + len(df))
    return df


# ---------------------------------------------------------------------------
# Cells


_SPACES = re.compile(r"\s+")


def clean_cell(value) -> str:
    """Return a cell as a stripped string with single spaces ('' for empty/NaN).

    >>> clean_cell("  Иванова\\u00a0  Анна ")
    'Иванова Анна'
    >>> clean_cell(float("nan")), clean_cell(3.0)
    ('', '3')
    """
    if value is None or value is pd.NaT:
        return ""
    if isinstance(value, float):
        if value != value:
            return ""
        if value.is_integer():
            return str(int(value))
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value.isoformat()[:10]
    return _SPACES.sub(" ", str(value)).strip()


_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y", "%d/%m/%Y", "%Y.%m.%d", "%Y/%m/%d")


def parse_date(value) -> str | None:
    """Parse a date cell into 'YYYY-MM-DD'; '' for empty; None if it is not a date.

    >>> parse_date("05.03.2024"), parse_date("2024-03-05 10:00"), parse_date("abc")
    ('2024-03-05', '2024-03-05', None)
    """
    if isinstance(value, (_dt.datetime, _dt.date)) and value is not pd.NaT:
        return value.strftime("%Y-%m-%d")
    text = clean_cell(value)
    if not text:
        return ""
    head = text.split(" ")[0].split("T")[0]
    for fmt in _DATE_FORMATS:
        try:
            return _dt.datetime.strptime(head, fmt).strftime("%Y-%m-%d")
        except ValueError:
            continue
    return None


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def normalize_email(value) -> str | None:
    """Lower-cased email; '' for empty; None if malformed.

    >>> normalize_email(" Anna@Mail.RU "), normalize_email("anna-at-mail")
    ('anna@mail.ru', None)
    """
    text = clean_cell(value).lower()
    if not text:
        return ""
    return text if _EMAIL.match(text) else None


def normalize_phone(value) -> str | None:
    """Digits of a phone number, Russian 8XXXXXXXXXX turned into 7XXXXXXXXXX; None if too short.

    >>> normalize_phone("8 (921) 123-45-67"), normalize_phone("+7 921 1234567"), normalize_phone("12")
    ('79211234567', '79211234567', None)
    """
    text = clean_cell(value)
    if not text:
        return ""
    digits = re.sub(r"\D", "", text)
    if len(digits) == 11 and digits[0] == "8":
        digits = "7" + digits[1:]
    elif len(digits) == 10:
        digits = "7" + digits
    return digits if 10 <= len(digits) <= 15 else None


# ---------------------------------------------------------------------------
# Validation


def _canonical_header(name) -> str:
    key = _SPACES.sub("_", clean_cell(name).lower().replace("ё", "е"))
    return COLUMN_ALIASES.get(key, key)


def canonical_columns(df: pd.DataFrame, where: str | Text = TABLE) -> pd.DataFrame:
    """Rename headers to canonical names (case, spaces, ё and Russian aliases handled).

    >>> canonical_columns(pd.DataFrame(columns=[" ФИО ", "Мероприятие", "Дата", "Сфера"])).columns.tolist()
    ['person', 'event', 'date', 'sector']
    """
    names = [_canonical_header(c) for c in df.columns]
    seen: dict[str, str] = {}
    for original, name in zip(df.columns, names, strict=True):
        if name in seen:
            raise NetworkInputError("net_same_meaning", where=where, a=quoted(seen[name]), b=quoted(original),
                                    name=quoted(name))
        seen[name] = str(original)
    out = df.copy()
    out.columns = names
    out.attrs["headings"] = {**df.attrs.get("headings", {}), **seen}  # what the user called each column
    return out


def _heading(df: pd.DataFrame, col: str) -> str:
    """The user's own heading of a canonical column ("Дата" for "date")."""
    return df.attrs.get("headings", {}).get(col, col)


def _as_frame(source, where: str | None = None) -> tuple[pd.DataFrame, str]:
    if isinstance(source, pd.DataFrame):
        df = source.copy()
        if not (len(df) == 0 or (df.index.dtype.kind == "i" and df.index.min() >= 2)):
            df.index = range(2, 2 + len(df))
        return df, where or TABLE
    return read_table(source), where or Path(source).name


# The Russian heading to suggest for a required column (its code works in every language).
SUGGESTED_HEADINGS = {"person": "ФИО", "event": "Мероприятие", "group": "Группа"}


def _both(items: list) -> Text:
    return items[0] if len(items) == 1 else Text("net_both", a=items[0], b=items[1])


def _require(df: pd.DataFrame, columns: list[str], where) -> None:
    """Refuse a table without the columns: the message says what each missing column holds, the
    headings the file has (as the user wrote them) and the headings to use.

    >>> _require(canonical_columns(pd.DataFrame(columns=["ФИО", "email"])), ["person", "event"], "x.csv")
    Traceback (most recent call last):
    ...
    workbench.network.tables.NetworkInputError: x.csv: there is no column for the event; found 'ФИО', 'email'. Name a column 'event'.
    """
    missing = [c for c in columns if c not in df.columns]
    if missing:
        names = [Text("net_col_names", heading=quoted(SUGGESTED_HEADINGS[c]), code=quoted(c))
                 if c in SUGGESTED_HEADINGS else quoted(c) for c in missing]
        raise NetworkInputError(
            "net_missing_columns", where=where, n=len(missing),
            what=_both([Text(f"net_col_what_{c}") for c in missing]), names=_both(names),
            found=quoted_list(_heading(df, c) for c in df.columns))
    if len(df) == 0:
        raise NetworkInputError("net_no_rows", where=where)


def _raise_errors(errors: list[Text], where) -> None:
    if not errors:
        return
    if len(errors) == 1:
        raise NetworkInputError("net_problem", where=where, problem=errors[0])
    shown = errors[:MAX_REPORTED_ERRORS]
    more = len(errors) - len(shown)
    raise NetworkInputError("net_problems", where=where, n=len(errors), problems=Lines(shown),
                            more=Text("net_more", n=more) if more else "")


def _check_cell(col: str, raw, required, numeric) -> tuple[object, Text | None]:
    """(clean value, problem or None) of one cell."""
    if col == "date":
        value = parse_date(raw)
        return value, None if value is not None else Text("net_not_date", value=quoted(clean_cell(raw)))
    if col == "email":
        value = normalize_email(raw)
        return value, None if value is not None else Text("net_not_email", value=quoted(clean_cell(raw)))
    if col == "phone":
        value = normalize_phone(raw)
        return value, None if value is not None else Text("net_not_phone", value=quoted(clean_cell(raw)))
    if col in numeric:
        text = clean_cell(raw).replace(",", ".")
        try:
            value = float(text) if text else 1.0
        except ValueError:
            value = float("nan")
        if not (value > 0 and value != float("inf")):
            return None, Text("net_not_positive", value=quoted(clean_cell(raw)))
        return value, None
    value = clean_cell(raw)
    return value, (Text("net_cell_empty") if col in required and not value else None)


def _validate(df: pd.DataFrame, required: list[str], where,
              numeric: tuple[str, ...] = ()) -> pd.DataFrame:
    """Clean every cell; check required cells, dates, emails, phones and numbers.

    Each distinct raw value is checked once, so long lists stay quick.
    """
    errors: list[tuple[int, int, Text]] = []
    out = pd.DataFrame(index=df.index)
    for ci, col in enumerate(df.columns):
        cache: dict = {}
        values = []
        for row, raw in zip(df.index, df[col], strict=True):
            try:
                value, problem = cache[raw]
            except (KeyError, TypeError):
                value, problem = _check_cell(col, raw, required, numeric)
                try:
                    cache[raw] = (value, problem)
                except TypeError:
                    pass
            if problem:
                errors.append((row, ci, Text("net_row_problem", row=row, column=quoted(_heading(df, col)),
                                             problem=problem)))
            values.append(value)
        out[col] = values
    errors.sort(key=lambda e: e[:2])
    _raise_errors([e[2] for e in errors], where)
    return out


def _sectors(clean: pd.DataFrame) -> pd.DataFrame:
    """Sectors as the workbench's codes ("житель", "Органы власти", "NGO" -> citizen, authority,
    ngo), so that the page's filter and tables name them in its words; a word it does not know is
    kept as it was written (`unknown_sectors` counts those)."""
    from workbench.session.model import sector_code

    if "sector" in clean.columns:
        clean["sector"] = [sector_code(v) or v for v in clean["sector"]]
    return clean


def unknown_sectors(table: pd.DataFrame) -> dict[str, int]:
    """The sectors of a loaded list that are none of the workbench's, with their rows, most
    rows first: the page warns about them, since its sector filter and mix show them apart.

    >>> t = load_attendance(pd.DataFrame({"ФИО": ["А", "Б", "В"], "Мероприятие": "E",
    ...                                   "Сфера": ["житель", "школа", "школа"]}))
    >>> t["sector"].tolist(), unknown_sectors(t)
    (['citizen', 'школа', 'школа'], {'школа': 2})
    """
    from workbench.session.model import SECTORS

    if "sector" not in table.columns:
        return {}
    counts = table.loc[~table["sector"].isin(("", *SECTORS)), "sector"].value_counts()
    return {str(k): int(v) for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))}


def unknown_sectors_text(unknown: dict[str, int], lang: str, shown: int = 5) -> str:
    """The sectors of :func:`unknown_sectors` as the page and the CLI list them: the first
    `shown`, each with its rows, then "…".

    >>> unknown_sectors_text({"школа": 2, "власть2": 1}, "ru")
    '«школа» (2), «власть2» (1)'
    """
    values = [Text("na_value_rows", value=quoted(v), n=n) for v, n in list(unknown.items())[:shown]]
    return Lines(values, ", ").message(lang) + ("…" if len(unknown) > shown else "")


def load_attendance(source, where: str | Text | None = None) -> pd.DataFrame:
    """Validate an attendance list (file path or DataFrame) -> clean DataFrame.

    Required columns: person, event. Optional: date, territory, organisation, sector,
    email, phone, project, event_territory (missing ones are added empty). Adds `row`
    (spreadsheet row) and `list` (file name) columns.

    >>> df = pd.DataFrame({"ФИО": ["Иванова  Анна"], "Мероприятие": ["Сессия"],
    ...                    "Дата": ["01.02.2024"]})
    >>> load_attendance(df).loc[0, ["person", "event", "date"]].tolist()
    ['Иванова Анна', 'Сессия', '2024-02-01']
    >>> load_attendance(df.assign(Дата="abc"))
    Traceback (most recent call last):
    ...
    workbench.network.tables.NetworkInputError: table: row 2, column 'Дата': 'abc' is not a date (write e.g. 2024-03-05)
    """
    df, where = _as_frame(source, where)
    df = canonical_columns(df, where)
    _require(df, ["person", "event"], where)
    clean = _sectors(_validate(df, ["person", "event"], where))
    for col in ATTENDANCE_COLUMNS:
        if col not in clean.columns:
            clean[col] = ""
    clean["row"] = clean.index
    clean["list"] = where.message("en") if isinstance(where, Text) else where  # as before: "list 1", "table"
    return clean.reset_index(drop=True)


def load_attendance_lists(sources) -> pd.DataFrame:
    """Validate several attendance lists and concatenate them (all validated first).

    >>> a = pd.DataFrame({"person": ["Иванова Анна"], "event": ["E1"]})
    >>> load_attendance_lists([a, a])["list"].tolist()
    ['list 1', 'list 2']
    """
    frames = []
    for i, src in enumerate(sources, 1):
        where = Text("net_where_list", n=i) if isinstance(src, pd.DataFrame) else None
        frames.append(load_attendance(src, where))
    if not frames:
        raise NetworkInputError("net_no_lists")
    return pd.concat(frames, ignore_index=True)


def load_two_mode(source, where: str | None = None) -> pd.DataFrame:
    """Validate a two-mode list: person, group (+ optional kind, date, territory, organisation,
    sector, email, phone; missing ones are added empty). Email and phone are kept for matching
    people (`workbench.network.matching`), not for the graph.

    >>> load_two_mode(pd.DataFrame({"person": ["A"], "group": ["G"]})).columns.tolist()
    ['person', 'group', 'kind', 'date', 'territory', 'organisation', 'sector', 'email', 'phone', 'row']
    """
    df, where = _as_frame(source, where)
    df = canonical_columns(df, where)
    _require(df, ["person", "group"], where)
    clean = _sectors(_validate(df, ["person", "group"], where))
    out = clean[["person", "group"]].copy()
    for col in TWO_MODE_OPTIONAL:
        out[col] = clean[col] if col in clean.columns else ""
    out["kind"] = [k.lower() if k else "group" for k in out["kind"]]
    out["row"] = out.index
    return out.reset_index(drop=True)


def load_edge_list(source, where: str | None = None) -> pd.DataFrame:
    """Validate a one-mode edge list: source, target (+ optional positive weight and the tie's
    kind, e.g. "совместный проект"; missing: weight 1, kind '').

    >>> load_edge_list(pd.DataFrame({"source": ["a"], "target": ["b"]}))[["weight", "kind"]].values.tolist()
    [[1.0, '']]
    """
    df, where = _as_frame(source, where)
    df = canonical_columns(df, where)
    _require(df, ["source", "target"], where)
    clean = _validate(df, ["source", "target"], where, numeric=("weight",))
    out = clean[["source", "target"]].copy()
    out["weight"] = clean["weight"] if "weight" in clean.columns else 1.0
    out["kind"] = clean["kind"] if "kind" in clean.columns else ""
    out["row"] = out.index
    return out.reset_index(drop=True)
