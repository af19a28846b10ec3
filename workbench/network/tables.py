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
    # a tie's two ends and its weight (an edge list): «Кто;С кем», «Источник;Получатель», «from;to»;
    # «Организация 1;Организация 2» and the like are read by `_TIE_END`
    "source": "source", "target": "target", "from": "source", "to": "target",
    "источник": "source", "получатель": "target", "кто": "source", "с_кем": "target",
    "от_кого": "source", "кому": "target", "откуда": "source", "куда": "target",
    "партнер": "target", "партнеры": "target", "partner": "target", "с_кем_связь": "target",
    "weight": "weight", "вес": "weight", "вес_связи": "weight", "число": "weight",
    "количество": "weight", "кол-во": "weight", "count": "weight",
}

KNOWN_COLUMNS = set(COLUMN_ALIASES.values())

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
    """Read a CSV/TSV/XLSX list (via `workbench.tableio.read_sheets`) into a DataFrame of strings,
    as staff make lists: the heading row is found below a title and blank rows (the first of the
    first 20 rows with a column for the person, or for a tie's two ends), a second heading row
    under merged heading cells («Участник» over «ФИО» and «Организация») names the columns, blank
    rows and columns are left out, and a last «Итого»/«Всего» row is no person. Every sheet of a
    workbook with such a heading is read, one after another; a sheet with data but no such heading
    is refused by name, so no sheet is left out unsaid.

    utf-8, utf-8 with BOM and cp1251 are detected, and the delimiter is sniffed. The index holds
    the spreadsheet's own row numbers (a list of several sheets numbers the later sheets on, and
    `attrs["row_names"]` names each row «лист «Модуль 2», строка 5» for the messages).

    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "a.csv")
    >>> _ = open(p, "w", encoding="cp1251").write("Список\\n\\nperson;event\\nИванова Анна;Сессия 1\\n")
    >>> read_table(p).loc[4, "person"]
    'Иванова Анна'
    """
    from workbench.tableio import TableError, read_sheets

    try:
        sheets = read_sheets(path, max_mb)
    except TableError as exc:
        raise NetworkInputError(exc.key, **exc.params) from exc
    where = Path(path).name
    found, other = [], []
    for name, raw in sheets:
        raw = raw.loc[raw.ne("").any(axis=1), raw.ne("").any(axis=0)]
        if len(raw) == 0:
            continue
        header = _header_row(raw)
        (found if header is not None else other).append((name, raw, header))
    if not found and not other:
        raise NetworkInputError("table_empty", path=where)
    if not found:  # no list's heading anywhere: the first row is the heading, as any table's
        name, raw, _ = other[0]
        found = [(name, raw, raw.index[0])]
    elif other:
        name, raw, _ = other[0]
        raise NetworkInputError("net_sheet_no_heading", where=where, sheet=quoted(name),
                                found=quoted_list(clean_cell(v) for v in raw.iloc[0] if clean_cell(v)))
    frames = [(name, _frame(raw, header)) for name, raw, header in found]
    frames = [(name, df) for name, df in frames if len(df)]
    if not frames:
        raise NetworkInputError("table_no_rows", path=where)
    if len(frames) == 1:
        return frames[0][1]
    return _join_sheets(frames)


_HEADING_SCAN = 20  # rows looked at for the heading row
_TOTALS = re.compile(r"^(итого|всего|total)\b", re.IGNORECASE)


def _is_list_heading(cells) -> bool:
    filled = [c for c in cells if clean_cell(c)]
    names = {_canonical_header(c) for c in filled}
    other_end = _other_end(names)
    if other_end:
        names = (names - {other_end[0]}) | {other_end[1]}
    # a title above the list («Список ФИО участников») fills one cell, a heading row two or more
    return len(filled) >= 2 and ("person" in names or {"source", "target"} <= names)


def _header_row(raw: pd.DataFrame):
    """The row number of a list's heading row among the first rows, or None."""
    for row in raw.index[:_HEADING_SCAN]:
        if _is_list_heading(raw.loc[row]):
            return row
    return None


def _frame(raw: pd.DataFrame, header) -> pd.DataFrame:
    """The rows under `header` with its cells as headings (a second heading row under merged
    cells joined in), the index the spreadsheet rows, a last totals row left out."""
    top = [clean_cell(v) for v in raw.loc[header]]
    body = raw.loc[raw.index > header]
    if len(body) and "" in top:
        sub = [clean_cell(v) for v in body.iloc[0]]
        known = sum(1 for v in sub if v and _canonical_header(v, words=False) in KNOWN_COLUMNS)
        if known >= 2:  # a second heading row: merged cells above it span its columns
            spanned, last = [], ""
            for v in top:
                last = v or last
                spanned.append(last)
            top = [s if s and (_canonical_header(s) in KNOWN_COLUMNS or not t) else t or s
                   for t, s in zip(spanned, sub, strict=True)]
            body = body.iloc[1:]
    keep = [i for i, name in enumerate(top) if name or body.iloc[:, i].ne("").any()]
    from openpyxl.utils import get_column_letter

    names = [top[i] or get_column_letter(int(raw.columns[i]) + 1) for i in keep]  # as Excel names it
    df = body.iloc[:, keep].copy()
    df.columns = names
    while len(df) and _TOTALS.match(clean_cell(next((v for v in df.iloc[-1] if clean_cell(v)), ""))):
        df = df.iloc[:-1]
    return df


def _join_sheets(frames: list[tuple[str, pd.DataFrame]]) -> pd.DataFrame:
    """The sheets' rows one after another, columns matched by meaning (a sheet's «Участник» is
    another's «ФИО»), each row named by its sheet and row."""
    headings: dict[str, str] = {}
    parts, row_names, offset = [], {}, 0
    for name, df in frames:
        renamed = []
        for col in df.columns:
            key = _canonical_header(col)
            headings.setdefault(key, col)
            renamed.append(headings[key])
        part = df.copy()
        part.columns = renamed
        rows = list(part.index)
        part.index = [offset + r for r in rows]
        row_names.update({offset + r: Text("net_sheet_row", sheet=quoted(name), row=r) for r in rows})
        offset += max(rows) + 1
        parts.append(part)
    out = pd.concat(parts).fillna("")
    out.attrs["row_names"] = row_names
    return out


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


_MONTHS = ("янв", "фев", "мар", "апр", "ма", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")
_WORD_DATE = re.compile(r"^(\d{1,2})\s+([а-яё]+)\.?\s+(\d{4})(\s*г\.?)?$", re.IGNORECASE)
# Excel's day numbers (a date cell saved as a number, as LibreOffice and some exports write it)
# from 1954 to 2119: a "date" column holds no other numbers of five digits
_EXCEL_DAYS = (20000, 80000)


def parse_date(value) -> str | None:
    """Parse a date cell into 'YYYY-MM-DD'; '' for empty; None if it is not a date. Words
    («5 марта 2024 г.») and Excel's day numbers (45356) are dates too.

    >>> parse_date("05.03.2024"), parse_date("2024-03-05 10:00"), parse_date("abc")
    ('2024-03-05', '2024-03-05', None)
    >>> parse_date("5 марта 2024"), parse_date("05 мая 2024 г."), parse_date("45356")
    ('2024-03-05', '2024-05-05', '2024-03-05')
    """
    if isinstance(value, (_dt.datetime, _dt.date)) and value is not pd.NaT:
        return value.strftime("%Y-%m-%d")
    text = clean_cell(value)
    if not text:
        return ""
    if text.isdigit() and _EXCEL_DAYS[0] <= int(text) <= _EXCEL_DAYS[1]:
        return (_dt.date(1899, 12, 30) + _dt.timedelta(days=int(text))).isoformat()
    words = _WORD_DATE.match(text)
    if words:
        month = next((i for i, m in enumerate(_MONTHS, 1) if words[2].lower().startswith(m)), None)
        try:
            return _dt.date(int(words[3]), month, int(words[1])).isoformat() if month else None
        except ValueError:
            return None
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


# A heading that is no alias is read by its words, as Google Forms writes the question ("Ваши
# фамилия и имя", "Какое мероприятие вы посетили?"): the first rule whose word starts a word of
# the heading names it. Forms' own timestamp is no date of the event.
_HEADING_WORDS = (
    ("timestamp", ("отметка времени", "timestamp")),
    (None, ("рожден", "birth", "возраст")),  # a birthday is no event's date: the heading stays
    ("date", ("дата", "date")),
    ("email", ("электронн", "e-mail", "email")),
    ("phone", ("телефон", "phone")),
    ("organisation", ("организац", "место работы", "organisation", "organization")),
    ("sector", ("сфер", "сектор", "sector")),
    ("territory", ("территор", "район", "населенн", "муниципал", "district", "territory")),
    ("event", ("мероприят", "событи", "сесси", "event")),
    ("person", ("фио", "фамили", "имя", "name")),
)
_NAME_PARTS = {"фамилия": "surname", "surname": "surname", "last_name": "surname",
               "имя": "first_name", "first_name": "first_name", "отчество": "patronymic",
               "patronymic": "patronymic"}


# A tie's end written as a numbered thing: «Организация 1», «Участник №2», «Partner 1», «node2».
_TIE_END = re.compile(r"^(организация|орг|участник|сторона|партнер|узел|вершина|субъект|organisation|"
                      r"organization|org|participant|partner|person|node|actor|party|name|ego|alter)"
                      r"_?(?:№_?|#_?|no\._?)?([12])$")


def _canonical_header(name, words: bool = True) -> str:
    """The column a heading means: an alias, else by its words (`_HEADING_WORDS`). A tie's ends
    may be numbered («Организация 1», «Организация 2»: source, target).

    >>> [_canonical_header(h) for h in ("ФИО", "Ваши фамилия и имя", "Какое мероприятие вы посетили?",
    ...                                 "Дата мероприятия", "Отметка времени", "Комментарий")]
    ['person', 'person', 'event', 'date', 'timestamp', 'комментарий']
    >>> [_canonical_header(h) for h in ("Организация 1", "Организация №2", "Кто", "С кем", "Партнёр", "Число")]
    ['source', 'target', 'source', 'target', 'target', 'weight']
    """
    text = clean_cell(name).lower().replace("ё", "е")
    key = _SPACES.sub("_", text)
    if key in COLUMN_ALIASES:
        return COLUMN_ALIASES[key]
    end = _TIE_END.match(key)
    if end:
        return "source" if end[2] == "1" else "target"
    if not words:
        return key
    found = re.findall(r"[\w@.-]+", text)
    for column, starts in _HEADING_WORDS:
        for start in starts:
            if (" " in start and start in text) or any(w.startswith(start) for w in found):
                return column or key
    return key


def _join_name_parts(df: pd.DataFrame) -> pd.DataFrame:
    """A list with the surname, the first name (and the patronymic) in columns of their own gets
    one `person` column «Фамилия Имя Отчество»: the first name alone («Имя») made every Анна one
    person."""
    parts: dict[str, object] = {}
    for col in df.columns:
        key = _SPACES.sub("_", clean_cell(col).lower().replace("ё", "е"))
        if key in _NAME_PARTS:
            parts.setdefault(_NAME_PARTS[key], col)
    if "surname" not in parts or "first_name" not in parts:
        return df
    cols = [parts[p] for p in ("surname", "first_name", "patronymic") if p in parts]
    joined = [" ".join(v for v in (clean_cell(c) for c in row) if v) for row in df[cols].itertuples(index=False)]
    heading = " ".join(str(c).strip() for c in cols)
    out = df.drop(columns=cols)
    out.insert(0, heading, joined)
    return out


def canonical_columns(df: pd.DataFrame, where: str | Text = TABLE) -> pd.DataFrame:
    """Rename headers to canonical names (case, spaces, ё and Russian aliases handled).

    >>> canonical_columns(pd.DataFrame(columns=[" ФИО ", "Мероприятие", "Дата", "Сфера"])).columns.tolist()
    ['person', 'event', 'date', 'sector']
    """
    df = _join_name_parts(df)
    exact = [_canonical_header(c, words=False) for c in df.columns]
    taken = set(exact)
    names = []
    for col, name in zip(df.columns, exact, strict=True):
        by_words = _canonical_header(col)
        # a question read by its words gives way to a column named so («Адрес электронной почты»
        # of Google Forms and a question «Ваша электронная почта»: the second stays as it is)
        if by_words != name and by_words not in taken:
            taken.add(by_words)
            name = by_words
        names.append(name)
    seen: dict[str, str] = {}
    for original, name in zip(df.columns, names, strict=True):
        if name in seen:
            raise NetworkInputError("net_same_meaning", where=where, a=quoted(seen[name]), b=quoted(original),
                                    name=quoted(name))
        seen[name] = str(original)
    other_end = _other_end(set(names))
    if other_end:
        old, new = other_end
        names = [new if n == old else n for n in names]
        seen[new] = seen.pop(old)
    out = df.copy()
    out.columns = names
    # what the user called each column: a table read twice (`as_two_mode`, then its loader) keeps
    # the file's «Дата», not the name the first reading gave it
    prior = df.attrs.get("headings", {})
    out.attrs["headings"] = {**prior, **{name: prior.get(o, o) for name, o in seen.items()}}
    return out


def _other_end(names: set[str]) -> tuple[str, str] | None:
    """(column, what it means) when a column stands for a tie's end or a person by its pairing:
    «Организация;Партнёр» and «Участник;С кем» are a tie's two ends, «Кто;Мероприятие» a person
    at an event.

    >>> _other_end({"organisation", "target", "weight"}), _other_end({"source", "event"})
    (('organisation', 'source'), ('source', 'person'))
    >>> _other_end({"person", "event", "organisation"}) is None
    True
    """
    groups = names & {"group", "event"}
    if "target" in names and "source" not in names and not groups:
        end = next((c for c in ("organisation", "person") if c in names), None)
        return (end, "source") if end else None
    if "source" in names and "target" not in names and "person" not in names and groups:
        return "source", "person"
    return None


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
SUGGESTED_HEADINGS = {"person": "ФИО", "event": "Мероприятие", "group": "Группа",
                      "source": "Организация 1", "target": "Организация 2"}


def _both(items: list) -> Text:
    return items[0] if len(items) == 1 else Text("net_both", a=items[0], b=items[1])


def require_columns(df: pd.DataFrame, columns: list[str], where) -> None:
    """Refuse a table without the columns: the message says what each missing column holds, the
    headings the file has (as the user wrote them) and the headings to use.

    >>> require_columns(canonical_columns(pd.DataFrame(columns=["ФИО", "email"])), ["person", "event"], "x.csv")
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
    row_names = df.attrs.get("row_names", {})
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
                errors.append((row, ci, Text("net_row_problem", row=row_names.get(row, row),
                                             column=quoted(_heading(df, col)),
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
    require_columns(df, ["person", "event"], where)
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
    require_columns(df, ["person", "group"], where)
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
    require_columns(df, ["source", "target"], where)
    clean = _validate(df, ["source", "target"], where, numeric=("weight",))
    out = clean[["source", "target"]].copy()
    out["weight"] = clean["weight"] if "weight" in clean.columns else 1.0
    out["kind"] = clean["kind"] if "kind" in clean.columns else ""
    if "territory" in clean.columns:  # the row's place: one «Администрация» is not another's
        out["territory"] = clean["territory"]
    out["row"] = out.index
    return out.reset_index(drop=True)
