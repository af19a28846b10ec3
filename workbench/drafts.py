"""Project drafts: the fields of a social project, their validation and a logic check.

The fields follow a Russian presidential-grant application and the logic of a social project:
problem → causes → target groups → one goal → tasks → activities → results → after the project.
A draft is a plain dict `{field name: value}`; text fields hold a string, list fields a list of
strings (`tasks`) or a list of small dicts (rows with the columns named in `FIELDS`).

>>> d = empty_draft()
>>> d["title"], d["tasks"], d["target_groups"]
('', [], [])
>>> [f.name for f in FIELDS][:4]
['title', 'territory', 'grant_direction', 'summary']
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from workbench.errors import Conflict, WorkbenchError
from workbench.grant import NOT_COUNTED, amount_issue
from workbench.i18n import Label, t
from workbench.session.model import typed_text

MAX_LINE = 300     # one-line fields and row cells
MAX_LONG = 10_000  # a paragraph field
MAX_ROWS = 100


@dataclass(frozen=True)
class Field:
    """One field of a draft. `kind`: "line" (one line), "text" (paragraphs), "list" (list of
    strings), "rows" (list of dicts with `columns`)."""

    name: str
    kind: str
    columns: tuple[str, ...] = ()

    def label(self, lang: str = "ru") -> str:
        return t(f"draft_f_{self.name}", lang)


# In the order of the grant application form (general information first, the budget last).
FIELDS: tuple[Field, ...] = (
    Field("title", "line"),
    Field("territory", "line"),
    Field("grant_direction", "line"),
    Field("summary", "text"),
    Field("timeline", "line"),
    Field("problem", "text"),
    Field("relevance", "text"),
    Field("causes", "text"),
    Field("consequences", "text"),
    Field("target_groups", "rows", ("group", "size")),
    Field("goal", "text"),
    Field("tasks", "list"),
    Field("activities", "rows", ("activity", "task", "dates", "responsible", "result")),
    Field("team", "rows", ("person", "role")),
    Field("partners", "rows", ("organisation", "contribution")),
    Field("quantitative_results", "rows", ("indicator", "target")),
    Field("qualitative_results", "text"),
    Field("media", "text"),
    Field("sustainability", "text"),
    Field("budget", "rows", ("item", "amount", "cofinancing")),
    Field("cofinancing", "text"),
)
FIELD_BY_NAME = {f.name: f for f in FIELDS}


def empty_draft() -> dict:
    """A draft with every field empty, in the order of the application."""
    return {f.name: ([] if f.kind in ("list", "rows") else "") for f in FIELDS}


def draft_fields(draft: dict, lang: str | None = None) -> dict:
    """A stored draft's fields with every field of today's form (a draft saved before a field
    existed has it empty). With `lang` (a document's language), the team's roles the workbench
    wrote are in that language (`role_label`); without it, everything as stored.

    >>> draft_fields({"fields": {"title": "Школа"}})["summary"]
    ''
    >>> draft_fields({"team": [{"person": "Анна", "role": "руководитель проекта"}]}, "en")["team"]
    [{'person': 'Анна', 'role': 'project leader'}]
    """
    fields = draft.get("fields", draft) if isinstance(draft.get("fields"), dict) else draft
    fields = {**empty_draft(), **fields}
    if lang is not None and isinstance(fields["team"], list):
        fields["team"] = [{**r, "role": role_label(r.get("role", ""), lang)} if isinstance(r, dict) else r
                          for r in fields["team"]]
    return fields


ROLES = ("leader", "member")  # the roles a pre-filled draft's team gets: `draft_role_<code>`


def role_label(role: str, lang: str = "ru") -> str:
    """A team member's role in `lang`: a role the workbench wrote when it pre-filled the draft
    (in either language, or its code) is translated; a role the team typed stays as typed.

    >>> role_label("руководитель проекта", "en"), role_label("team member", "ru"), role_label("member", "en")
    ('project leader', 'член команды', 'team member')
    >>> role_label("бухгалтер", "en"), role_label("Руководитель проекта", "ru")
    ('бухгалтер', 'Руководитель проекта')
    """
    text = " ".join(str(role or "").split()).casefold()
    for code in ROLES:
        key = f"draft_role_{code}"
        if text in (code, t(key, "ru").casefold(), t(key, "en").casefold()):
            wanted = t(key, lang)
            return role if wanted.casefold() == text else wanted  # already in `lang`: as typed
    return role


def column_label(column: str, lang: str = "ru") -> str:
    """The label of a column of a list field.

    >>> column_label("size", "en")
    'Size (people)'
    """
    return t(f"draft_c_{column}", lang)


def field_words(spec: Field, value, lang: str = "ru", empty_cells: bool = True) -> str:
    """A field's value as a reader sees it in one cell or box: a text as typed, a list as numbered
    lines, a table row by row with its columns named and "—" for an empty cell (left out with
    `empty_cells=False`, as the data export does); "" for nothing. The data export's cells and the
    staff editor's conflict box both read a field so.

    >>> print(field_words(FIELD_BY_NAME["partners"], [{"organisation": "Библиотека"}, {"contribution": "зал"}]))
    1. Организация: Библиотека; Вклад партнёра: —
    2. Организация: —; Вклад партнёра: зал
    >>> print(field_words(FIELD_BY_NAME["tasks"], ["Найти мастеров", "Провести занятия"], "en"))
    1. Найти мастеров
    2. Провести занятия
    >>> field_words(FIELD_BY_NAME["goal"], None)
    ''
    """
    if spec.kind not in ("list", "rows"):
        return str(value or "")
    lines = []
    for i, item in enumerate(value or [], 1):
        if isinstance(item, dict):
            item = "; ".join(f"{column_label(c, lang)}: {item.get(c) or '—'}" for c in spec.columns
                             if empty_cells or str(item.get(c) or "").strip())
        lines.append(f"{i}. {item}")
    return "\n".join(lines)


def max_chars(spec: Field) -> int:
    """The most characters a field takes: in its line or paragraph, in each item of a list, in
    each cell of a table (the team page sets its inputs' `maxlength` from it).

    >>> max_chars(FIELD_BY_NAME["title"]), max_chars(FIELD_BY_NAME["goal"]), max_chars(FIELD_BY_NAME["partners"])
    (300, 10000, 600)
    """
    return {"line": MAX_LINE, "text": MAX_LONG}.get(spec.kind, MAX_LINE * 2)


def _clean_str(name: str, value, max_len: int, multiline: bool, column: str | None = None) -> str:
    field = Label(f"draft_f_{name}")  # named as the form labels it, in the reader's language
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise WorkbenchError("draft_field_invalid", field=field)
    value = typed_text(str(value), multiline)
    if len(value) > max_len:
        if column:
            raise WorkbenchError("draft_cell_too_long", field=field, column=Label(f"draft_c_{column}"), max=max_len)
        if FIELD_BY_NAME[name].kind == "list":
            raise WorkbenchError("draft_item_too_long", field=field, max=max_len)
        raise WorkbenchError("draft_field_too_long", field=field, max=max_len)
    return value


def clean_field(name: str, value):
    """Validate one field's value and return it cleaned (stripped, cells as strings).

    >>> clean_field("tasks", [" Открыть мастерскую ", ""])
    ['Открыть мастерскую']
    >>> clean_field("target_groups", [{"group": "Подростки", "size": 40}])
    [{'group': 'Подростки', 'size': '40'}]
    >>> clean_field("colour", "red")
    Traceback (most recent call last):
    workbench.errors.WorkbenchError: draft_field_unknown
    >>> clean_field("team", [{"person": "Анна", "boss": "yes"}])
    Traceback (most recent call last):
    workbench.errors.WorkbenchError: draft_field_invalid
    """
    spec = FIELD_BY_NAME.get(name)
    if spec is None:
        raise WorkbenchError("draft_field_unknown", field=str(name)[:40])
    if spec.kind == "line":
        return _clean_str(name, value, max_chars(spec), multiline=False)
    if spec.kind == "text":
        return _clean_str(name, value, max_chars(spec), multiline=True)
    if value is None:
        return []
    if not isinstance(value, (list, tuple)) or len(value) > MAX_ROWS:
        raise WorkbenchError("draft_field_invalid", field=Label(f"draft_f_{name}"))
    if spec.kind == "list":
        items = [_clean_str(name, v, max_chars(spec), multiline=False) for v in value]
        return [v for v in items if v]
    rows = []
    for row in value:
        if not isinstance(row, dict) or set(row) - set(spec.columns):
            raise WorkbenchError("draft_field_invalid", field=Label(f"draft_f_{name}"))
        cleaned = {c: _clean_str(name, row.get(c), max_chars(spec), multiline=False, column=c)
                   for c in spec.columns}
        if any(cleaned.values()):  # a row left wholly empty is dropped
            rows.append(cleaned)
    return rows


def validate(fields: dict, partial: bool = False) -> dict:
    """Clean every field; with `partial`, only those given (an edit of some fields).

    A whole draft needs a title.

    >>> validate({"title": "  Школа ремёсел "})["title"]
    'Школа ремёсел'
    >>> validate({"title": ""})
    Traceback (most recent call last):
    workbench.errors.WorkbenchError: draft_title_empty
    """
    if not isinstance(fields, dict):
        raise WorkbenchError("draft_field_invalid", field="*")
    out = {} if partial else empty_draft()
    for name, value in fields.items():
        out[name] = clean_field(name, value)
    if "title" in out and not out["title"]:
        raise WorkbenchError("draft_title_empty")
    return out


# --- creating and editing a draft: the rules run here, the store stores --------------------------

def change_status(store, draft_id: int, status: str, date: str | None = None, note: str = "") -> dict:
    """Move a draft along the pipeline, logged with its date (`Store.set_status`). The status it
    has, again with no date and no note, is refused: a click on «Изменить статус» with nothing
    changed wrote a second «Черновик» line in the history and said «Сохранено».

    >>> from workbench.store import Store
    >>> store = Store.open_url("sqlite://")
    >>> did = create_draft(store, None, {"title": "Школа ремёсел"})
    >>> change_status(store, did, "consultation")["status"]
    'consultation'
    >>> change_status(store, did, "consultation")
    Traceback (most recent call last):
    workbench.errors.WorkbenchError: draft_status_same
    >>> change_status(store, did, "consultation", note="Вторая встреча")["status"]
    'consultation'
    >>> len(change_status(store, did, "consultation", date="2025-03-17") and store.status_log(did))
    4
    """
    if status == store.draft(draft_id)["status"] and date is None and not typed_text(str(note or "")).strip():
        raise WorkbenchError("draft_status_same", name=Label(f"draft_status_{status}"))
    return store.set_status(draft_id, status, date=date, note=note)


def create_draft(store, session_id: int | None, fields: dict | None = None,
                 card_id: int | None = None, status: str = "draft") -> int:
    """Create a draft and log its first status; return its id.

    The fields are validated as a whole draft (a title at least); the territory, when not
    given, is the session's; the idea it comes from (`card_id`) must be the session's, and an
    idea has one draft: a second is refused with `Conflict("draft_exists")` (its params name the
    existing draft; `idea_draft` opens that one instead). Drafts without an idea are not limited.

    >>> from workbench.store import Store
    >>> store = Store.open_url("sqlite://")
    >>> sid = store.session(store.create_session("Демо", territory="Каргополь"))["id"]
    >>> d = store.draft(create_draft(store, sid, {"title": " Школа ремёсел "}))
    >>> d["title"], d["fields"]["territory"], d["fields"]["tasks"]
    ('Школа ремёсел', 'Каргополь', [])
    """
    fields = dict(fields or {})
    if session_id is not None and not fields.get("territory"):
        fields["territory"] = (store.session_by_id(session_id) or {}).get("territory", "")
    fields = validate(fields)
    if card_id is not None:
        store.card(card_id, session_id)
    return store.add_draft(session_id, fields, card_id=card_id, status=status)


def save_fields(store, draft_id: int, changes: dict,
                expected_updated_at: float | None = None) -> dict:
    """Validate and save some fields of a draft (see `Store.put_draft_fields`); return the draft."""
    return store.put_draft_fields(draft_id, validate(changes, partial=True), expected_updated_at)


# --- the logic check ---------------------------------------------------------------------------

_NUMBER_RE = re.compile(r"\d")
_YEAR_RE = re.compile(r"\b(19|20)\d\d\b")
_TIME_RE = re.compile(
    r"\b(19|20)\d\d\b|январ|феврал|март|апрел|ма[йя]\b|июн|июл|август|сентябр|октябр|ноябр|декабр"
    r"|месяц|недел|\bгод|\bлет\b|квартал|\bсрок|\bдо\s+конца|\bк\s+концу|лет[оам]\b|осен|зим|весн"
    r"|january|february|march|april|\bmay\b|june|july|august|september|october|november|december"
    r"|month|week|year|quarter|\bby\s+(the\s+)?end|within|summer|autumn|winter|spring|\d{1,2}[./]\d{1,2}",
    re.IGNORECASE)
# A list item's marker as Word pastes it in front of the text: a bullet (•, ·, –, -, *, …) or a
# number ("1.", "1)"), then a tab or spaces.
_BULLET_MARK = re.compile(r"^\s*[•·●▪▫◦‣∙○■□➢►–—\-*+]\s+")
_NUMBER_MARK = re.compile(r"^\s*(\d{1,3})[.)]\s+")


def list_marker(line: str) -> tuple[str | None, str]:
    """A line's list marker as Word pastes it: ("bullet" | "number" | None, the text after it).

    >>> list_marker("•\tСоздать сайт"), list_marker("2.\tОбучить"), list_marker("3) Провести ярмарку")
    (('bullet', 'Создать сайт'), ('number', 'Обучить'), ('number', 'Провести ярмарку'))
    >>> list_marker("– тропа"), list_marker("1.5 млн рублей"), list_marker("-5 °C")
    (('bullet', 'тропа'), (None, '1.5 млн рублей'), (None, '-5 °C'))
    """
    line = line or ""
    for kind, mark in (("bullet", _BULLET_MARK), ("number", _NUMBER_MARK)):
        m = mark.match(line)
        if m and line[m.end():].strip():
            return kind, line[m.end():]
    return None, line


# A bullet that a flattened list repeats between its items; dashes are left out, as a Russian
# text uses " – " inside a sentence.
_PASTED_BULLETS = "•·●▪▫◦‣∙○■□➢►*"


def split_pasted_list(item: str) -> list[str]:
    """The items of a list pasted from Word into a one-line box, where the browser put a space
    for each line break: "• a • b" or "1. a 2. b" (numbers in sequence) is ["a", "b"]; any
    other text is itself.

    >>> split_pasted_list("• Найти мастеров • Провести занятия •\tУстроить выставку")
    ['Найти мастеров', 'Провести занятия', 'Устроить выставку']
    >>> split_pasted_list("1. Найти 2 мастеров 2) Провести 3 занятия 4. Итоги")
    ['Найти 2 мастеров', 'Провести 3 занятия 4. Итоги']
    >>> split_pasted_list("– Провести встречу – круглый стол"), split_pasted_list("• одна задача")
    (['– Провести встречу – круглый стол'], ['• одна задача'])
    """
    item = item or ""
    head = item.lstrip()
    if head[:1] in _PASTED_BULLETS and _BULLET_MARK.match(head):
        parts = re.split(r"\s+" + re.escape(head[0]) + r"\s+", head[1:])
    else:
        m = _NUMBER_MARK.match(head)
        if m is None:
            return [item]
        parts, start, want = [], m.end(), int(m[1]) + 1
        for n in re.finditer(r"\s(\d{1,3})[.)]\s+", head):
            if n.start() >= start and int(n[1]) == want:
                parts.append(head[start:n.start()])
                start, want = n.end(), want + 1
        parts.append(head[start:])
    parts = [p.strip() for p in parts if p.strip()]
    return parts if len(parts) > 1 else [item]


def list_items(value):
    """A list's items (the tasks) as a person pasted them: an item holding line breaks (a plain
    list pasted into the box in one go) is an item per line, and a list Word flattened into one
    line ("• a • b", "1. a 2. b": `split_pasted_list`) an item per entry. Every page that saves a
    list goes through it (`team_links.save_draft_field`); an item with neither is itself, as typed.

    >>> list_items(["Найти мастеров\\r\\nПровести занятия\\n\\nИтоги", "• Выставка • Ярмарка", "Сайт "])
    ['Найти мастеров', 'Провести занятия', '', 'Итоги', 'Выставка', 'Ярмарка', 'Сайт ']
    """
    if not isinstance(value, (list, tuple)):
        return value  # not a list: `clean_field` says so
    return [part for item in value
            for line in (item.splitlines() or [item] if isinstance(item, str) else [item])
            for part in (split_pasted_list(line) if isinstance(line, str) else [line])]


def pasted_cells(text: str, labels=()) -> list[list[str]] | None:
    """A table copied from Word or Excel (a tab between cells, a line break between rows, a cell
    holding either in quotes, as Excel copies it) as its rows of cells, each cell's spaces
    collapsed, blank rows and a heading row copied with it (its cells are `labels`) left out;
    None for one cell's text (no tab nor line break but at its end). The team page's paste
    (`pastedCells` in team.html) and the staff's editor follow this rule.

    >>> pasted_cells("Организация\\tВклад\\r\\nШкола\\t\\"зал,\\nпроектор\\"\\r\\n\\r\\n", ["организация", "вклад"])
    [['Школа', 'зал, проектор']]
    >>> pasted_cells("Школа\\n") is None
    True
    """
    if not re.search(r"[\t\r\n]", text.rstrip("\r\n")):
        return None
    rows = csv.reader(io.StringIO(text, newline=""), dialect="excel-tab")  # Excel's own copy format
    rows = [r for r in ([" ".join(v.split()) for v in r] for r in rows) if any(r)]
    wanted = [str(x).casefold() for x in labels]
    if len(rows) > 1 and all(not v or (n < len(wanted) and v.casefold() == wanted[n]) for n, v in enumerate(rows[0])):
        rows.pop(0)
    return rows


def unmarked(item: str) -> str:
    """A list item (a task) without the bullet or number pasted in front of it: the export
    numbers the tasks itself.

    >>> unmarked("•\tСоздать сайт"), unmarked("1. Обучить"), unmarked("Создать сайт")
    ('Создать сайт', 'Обучить', 'Создать сайт')
    """
    return list_marker(item)[1].strip()


# How an activity names its tasks: "2", "1, 2", "Задачи 1 и 2", "задача №2", "2 задача",
# "2-я задача", "1.1" (the first activity of task 1), "1–3"; a text after ":" or a dash
# ("Задача 3: продвижение") is the task's name repeated.
_REF_SUB = re.compile(r"(\d{1,3})(?:\.\d{1,3})+\.?")  # 1.1, 2.3.1: the task's own number
_REF_ORDINAL = re.compile(r"(\d{1,3})\s*-?\s*(?:ая|я|й|ой|st|nd|rd|th)\b")
_REF_WORDS = re.compile(r"\b(?:задач[аиуеы]?|задачам|tasks?|no|nos|п|пп)\b\.?|№|#|n°")
_REF_RANGE = re.compile(r"(\d)\s*[-–—]\s*(?=\d)")
_REF_SPLIT = re.compile(r"\s*(?:[,;/+&]|\bи\b|\band\b|\s)\s*")
_REF_NAME = re.compile(r"\s*(?::|\s[-–—]\s)\s*")


def _ref_numbers(ref: str) -> list[int] | None:
    """The task numbers (1-based) a reference names, or None when it is no list of numbers."""
    s = _REF_RANGE.sub(r"\1-", _REF_WORDS.sub(" ", _REF_ORDINAL.sub(r"\1", _REF_SUB.sub(r"\1", ref.casefold()))))
    numbers: list[int] = []
    for token in _REF_SPLIT.split(s.strip(" .)")):
        token = token.strip(" .)")
        if not token:
            continue
        m = re.fullmatch(r"(\d{1,3})(?:-(\d{1,3}))?", token)
        if m is None:
            return None
        first, last = int(m[1]), int(m[2] or m[1])
        if not first <= last <= first + 20:
            return None
        numbers += [n for n in range(first, last + 1) if n not in numbers]
    return numbers or None


def _task_key(text: str) -> str:
    return " ".join(unmarked(text).casefold().replace("ё", "е").split()).rstrip(".;")


def task_refs(ref: str) -> list[int] | None:
    """The task numbers (1-based) an activity's "task" cell names, or None when it names none by
    number (it may name one by its text).

    >>> task_refs("1, 2"), task_refs("Задачи 1 и 2"), task_refs("задача №2"), task_refs("2 задача")
    ([1, 2], [1, 2], [2], [2])
    >>> task_refs("1.1"), task_refs("Задача 3: продвижение"), task_refs("1–3"), task_refs("Обучить")
    ([1], [3], [1, 2, 3], None)
    """
    ref = " ".join((ref or "").split())
    if not ref:
        return None
    kind, rest = list_marker(ref)
    if kind == "number":  # "1. Создать сайт": its number
        return [int(_NUMBER_MARK.match(ref)[1])]
    found = _ref_numbers(rest)
    if found is None:
        head = _REF_NAME.split(rest, maxsplit=1)
        if len(head) == 2 and head[0]:
            found = _ref_numbers(head[0])
    return found


def task_indices(ref: str, tasks: list[str]) -> list[int]:
    """Which tasks (0-based) an activity's "task" cell names: their numbers ("1, 2", "Задачи 1
    и 2", "задача №2", "1.1") or one task's text (a bullet pasted from Word set aside on both
    sides). A number with no such task is left out.

    >>> tasks = ["• Обучить подростков", "Провести ярмарку"]
    >>> task_indices("1, 2", tasks), task_indices("Обучить подростков", tasks), task_indices("7", tasks)
    ([0, 1], [0], [])
    """
    numbers = task_refs(ref)
    if numbers is not None:
        return [n - 1 for n in numbers if 0 < n <= len(tasks)]
    head = _REF_NAME.split(unmarked(ref), maxsplit=1)[0]  # "Обучить подростков: 2 группы"
    for low in dict.fromkeys([_task_key(ref), _task_key(head)]):
        for i, task in enumerate(tasks):
            tl = _task_key(task)
            if low and tl and (low == tl or (len(low) >= 8 and tl.startswith(low))):
                return [i]
    return []


def has_number(text: str) -> bool:
    """A figure other than a year.

    >>> has_number("на 30% больше"), has_number("к 2026 году"), has_number("много")
    (True, False, False)
    """
    return bool(_NUMBER_RE.search(_YEAR_RE.sub(" ", text or "")))


def has_time_bound(text: str) -> bool:
    """A date, a year, a month or a duration.

    >>> has_time_bound("до декабря 2026 года"), has_time_bound("за 6 месяцев"), has_time_bound("открыть")
    (True, True, False)
    """
    return bool(_TIME_RE.search(text or ""))


def task_index(ref: str, tasks: list[str]) -> int | None:
    """Which task (0-based) an activity's "task" cell names: its number or its text (the first
    one when it names several: `task_indices`).

    >>> tasks = ["Обучить подростков", "Провести ярмарку"]
    >>> task_index("2", tasks), task_index("Задача 1", tasks), task_index("провести ярмарку", tasks)
    (1, 0, 1)
    >>> task_index("", tasks) is None, task_index("7", tasks) is None
    (True, True)
    """
    found = task_indices(ref, tasks)
    return found[0] if found else None


def _short(text: str, n: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def logic_check(draft: dict, lang: str = "ru", store=None) -> list[dict]:
    """Plain-words findings about the logic of a draft: `[{"code", "field", "message"}, ...]`.

    `draft` is a fields dict or a stored draft (whose `fields` are then checked). With the
    `store`, a stored draft made from a session's idea also has its team checked against the
    team on the session now (`team_findings`: who joined or is no longer in it, who leads).
    An empty list means nothing to flag.

    >>> found = logic_check({"title": "Школа ремёсел", "goal": "Сделать жизнь лучше"})
    >>> [f["code"] for f in found][:4]
    ['problem_empty', 'relevance_no_figures', 'causes_missing', 'consequences_missing']
    >>> next(f["message"] for f in found if f["code"] == "goal_not_measurable")
    'Цель неизмерима: в ней нет числа и срока'
    >>> next(f["message"] for f in logic_check({"goal": "Make life better"}, "en") if f["field"] == "goal")
    'The goal is not measurable: it has no number and no deadline'
    """
    stored = draft
    if "fields" in draft and isinstance(draft["fields"], dict):
        draft = draft["fields"]
    d = {**empty_draft(), **{k: v for k, v in draft.items() if k in FIELD_BY_NAME}}
    found: list[dict] = []

    def flag(code: str, field: str, **params) -> None:
        found.append({"code": code, "field": field, "message": t(f"logic_{code}", lang, **params)})

    if not d["problem"].strip():
        flag("problem_empty", "problem")
    if not d["relevance"].strip() or not has_number(d["relevance"]):
        flag("relevance_no_figures", "relevance")
    if not d["causes"].strip():
        flag("causes_missing", "causes")
    if not d["consequences"].strip():
        flag("consequences_missing", "consequences")
    if not d["target_groups"]:
        flag("target_groups_missing", "target_groups")
    for g in d["target_groups"]:
        if not has_number(g.get("size", "")):
            flag("target_group_no_size", "target_groups", group=_short(g.get("group") or "?"))
    goal = d["goal"].strip()
    if not goal:
        flag("goal_missing", "goal")
    else:
        number, when = has_number(goal), has_time_bound(goal)
        if not number and not when:
            flag("goal_not_measurable", "goal")
        elif not number:
            flag("goal_no_number", "goal")
        elif not when:
            flag("goal_no_deadline", "goal")
        if len([line for line in goal.splitlines() if line.strip()]) > 1:
            flag("goal_several", "goal")
    tasks = d["tasks"]
    if not tasks:
        flag("tasks_missing", "tasks")
    served = set()
    if not d["activities"]:
        flag("activities_missing", "activities")
    for a in d["activities"]:
        name = _short(a.get("activity") or "?")
        ref = a.get("task", "")
        hits = task_indices(ref, tasks)
        numbers = task_refs(ref) or []
        missing = [n for n in numbers if not 0 < n <= len(tasks)]
        if missing and tasks:  # "Задача 7" of a draft with three tasks
            flag("activity_task_no_such", "activities", activity=name, n=", ".join(map(str, missing)),
                 count=len(tasks))
        elif not hits:
            flag("activity_without_task", "activities", activity=name)
        served.update(hits)
        if not a.get("dates", "").strip():
            flag("activity_no_dates", "activities", activity=name)
        if not a.get("responsible", "").strip():
            flag("activity_no_responsible", "activities", activity=name)
    for i, task in enumerate(tasks):
        if i not in served:
            flag("task_without_activity", "tasks", n=i + 1, task=_short(unmarked(task)))
    if not d["team"]:
        flag("team_missing", "team")
    if store is not None and stored is not draft:
        found += team_findings(store, stored, lang)
    if not d["partners"]:
        flag("partners_missing", "partners")
    if not d["quantitative_results"]:
        flag("results_missing", "quantitative_results")
    for r in d["quantitative_results"]:
        if not has_number(r.get("target", "")):
            flag("result_no_number", "quantitative_results", indicator=_short(r.get("indicator") or "?"))
    if not d["qualitative_results"].strip():
        flag("qualitative_missing", "qualitative_results")
    for b in d["budget"]:
        item = _short(b.get("item") or "?")
        for column in ("amount", "cofinancing"):
            issue = amount_issue(b.get(column, ""))
            if issue == "empty" and column == "amount":
                flag("budget_no_amount", "budget", item=item)
            elif issue in NOT_COUNTED:
                flag(f"budget_amount_{issue}", "budget", item=item, text=_short(b.get(column)))
    if not d["sustainability"].strip():
        flag("sustainability_missing", "sustainability")
    return found


# --- from the session to a draft -------------------------------------------------------------

def _lemmas(text: str) -> set[str]:
    from workbench.clustering import tokenize

    return set(tokenize(text))


# Which problems a draft's "Описание проблемы" starts with. One shared word is weak evidence: the
# reviewer's «Карта мест для туристов» was given «Мало мест досуга для подростков» for «место».
# With the `meaning` extra a problem must be near the idea in meaning (USE cosine): near enough
# alone, or less near with a shared word. Measured on the demo session's 14 ideas × 12 problems:
# related pairs sharing a word score 0.19–0.55 («Карта мест для туристов» / «Туристы приезжают на
# один день»: 0.19), the «место» pair under 0.08. Without a shared word related and unrelated pairs
# overlap (related 0.32–0.47, e.g. «Летний лагерь краеведения» / «Мало мест досуга для подростков»
# 0.47; unrelated up to 0.42, «Клуб молодых предпринимателей» / the same problem): 0.45 keeps the
# clear ones, since a wrong problem pre-filled misleads a team more than a missing one.
MEANING_ALONE = 0.45  # cosine: related without a shared word
MEANING_WITH_WORD = 0.15  # cosine: related with a shared (rare, topical) word
# Words too general to say what a problem is about, in any session.
GENERIC_LEMMAS = frozenset(
    "место проблема вопрос дело условие возможность уровень часть день мало много новый большой "
    "хороший плохой нехватка отсутствие place problem issue lack day new good bad".split())
RARE_SHARE = 0.1  # a lemma in more of the session's cards than this share is not rare


def related_texts(text: str, candidates: list[dict], limit: int = 5, corpus: list[str] | None = None,
                  similarity=None) -> list[dict]:
    """The candidate cards related to `text`, best first. `similarity` (one cosine a candidate,
    from sentence vectors) when there is meaning: a candidate at `MEANING_ALONE` or more, or at
    `MEANING_WITH_WORD` or more sharing a topical lemma. Without it, by lemmas: two shared lemmas,
    or one rare in `corpus` (the session's card texts; default the candidates and `text`) and not
    a generic word («место», «проблема»).

    >>> cards = [{"id": 1, "text": "Плохие дороги"}, {"id": 2, "text": "Закрываются библиотеки"}]
    >>> [c["id"] for c in related_texts("Молодёжное пространство в библиотеке", cards)]
    [2]
    >>> cards = [{"id": 1, "text": "Мало мест досуга для подростков"},
    ...          {"id": 2, "text": "Туристы приезжают на один день"}]
    >>> [c["id"] for c in related_texts("Карта мест для туристов", cards)]
    [2]
    >>> [c["id"] for c in related_texts("Карта мест для туристов", cards, similarity=[0.07, 0.19])]
    [2]
    """
    import math

    mine = _lemmas(text) - GENERIC_LEMMAS
    texts = corpus if corpus is not None else [text] + [c["text"] for c in candidates]
    lemma_sets = [_lemmas(x) for x in texts]
    rare_at = max(2, int(RARE_SHARE * len(texts)))

    def df(lemma):
        return sum(lemma in x for x in lemma_sets) or 1

    scored = []
    for i, c in enumerate(candidates):
        shared = mine & _lemmas(c["text"])
        topical = [x for x in shared if df(x) <= rare_at]
        if similarity is not None:
            cos = float(similarity[i])
            if cos >= MEANING_ALONE or (shared and cos >= MEANING_WITH_WORD):
                scored.append((-cos, c["id"], c))
        elif len(shared) >= 2 or topical:
            weight = sum(math.log(1 + len(texts) / df(x)) for x in shared)
            scored.append((-weight, c["id"], c))
    return [c for _, _, c in sorted(scored, key=lambda x: (x[0], x[1]))[:limit]]


def _meaning(store, ideas: list[dict], candidates: list[dict]):
    """Each candidate's cosine to the nearest of `ideas` (the idea, or a group's cards) by the
    sentence encoder (vectors kept in the store); None without the `meaning` extra."""
    from workbench import embeddings

    if not candidates or not embeddings.available():
        return None
    import numpy as np

    from workbench.session.embedding import card_vectors

    a, b = card_vectors(store, ideas), card_vectors(store, candidates)
    if a is None or b is None:
        return None
    a = a / np.maximum(np.linalg.norm(a, axis=1, keepdims=True), 1e-9)
    b = b / np.maximum(np.linalg.norm(b, axis=1, keepdims=True), 1e-9)
    return (a @ b.T).max(axis=0)


def prefill_draft(store, session_code: str, card_id: int, lang: str = "ru") -> dict:
    """A draft's fields pre-filled from a session: the idea (or group) as title, the problems
    it answers, its dots, its team and the session's territory. Returns a fields dict.
    """
    from workbench.dates import long_date

    session = store.session(session_code)
    idea = store.card(card_id, session["id"])
    cards = store.cards(session["id"])
    members = [c for c in cards if c.get("group_id") == idea["id"]] if idea.get("is_group") else []
    text = " ".join([idea["text"]] + [m["text"] for m in members])
    stages = store.stages(session["id"])
    problem_ids = {s["id"] for s in stages if s["kind"] == "problems"}
    candidates = [c for c in cards if c["stage_id"] in problem_ids and not c.get("is_group")]
    problems = related_texts(text, candidates, corpus=[c["text"] for c in cards if not c.get("is_group")],
                             similarity=_meaning(store, [idea, *members], candidates))
    counted = {idea["id"]} | {m["id"] for m in members}
    votes = 0
    for s in stages:
        if s["kind"] == "voting":
            totals = store.vote_totals(s["id"])
            votes += sum(totals.get(cid, 0) for cid in counted)
    team = [_team_row(m, lang) for m in session_team(store, session["id"], idea["id"])]
    fields = empty_draft()
    fields["title"] = _short(idea["text"], MAX_LINE)
    fields["territory"] = session["territory"]
    fields["problem"] = "\n".join(f"- {p['text']}" for p in problems)
    date = long_date(session["date"], lang)  # «12 октября 2019 г.», not the stored 2019-10-12
    fields["relevance"] = t("draft_prefill_relevance" if date else "draft_prefill_relevance_undated", lang,
                            title=session["title"], date=date, n=votes)
    fields["tasks"] = [m["text"] for m in members]
    fields["team"] = team
    return validate(fields)


# --- the draft's team and the session's ----------------------------------------------------------
# A draft pre-filled from a team copies its members once; people join, leave and change leader on
# the teams stage afterwards. The logic check says how the draft's team differs, and staff take the
# session's team into it with one click (`take_session_team`), which never changes a role the team
# typed itself.

def session_team(store, session_id: int, card_id: int) -> list[dict]:
    """The team the session formed on an idea (a group: on it or its cards), on every teams
    stage: `[{"participant_id", "name", "organisation", "leader"}, ...]`, the leader first, each
    person once."""
    cards = store.cards(session_id)
    card = next((c for c in cards if c["id"] == card_id), None)
    counted = {card_id} | ({c["id"] for c in cards if c.get("group_id") == card_id}
                           if card is not None and card.get("is_group") else set())
    found: dict[int, dict] = {}
    for st in store.stages(session_id):
        if st["kind"] != "teams":
            continue
        for tm in store.teams(st["id"]):
            if tm["card"]["id"] not in counted:
                continue
            for m in tm["members"]:
                had = found.get(m["participant_id"])
                found[m["participant_id"]] = {**m, "leader": m["leader"] or bool(had and had["leader"])}
    return sorted(found.values(), key=lambda m: not m["leader"])


def _team_row(member: dict, lang: str) -> dict:
    from workbench.session.model import member_label

    return {"person": member_label(member, lang),
            "role": t("draft_role_leader" if member["leader"] else "draft_role_member", lang)}


_QUOTES = re.compile("[«»\"“”„'’]")


def _person_key(text: str) -> str:
    return " ".join(_QUOTES.sub("", str(text or "")).casefold().replace("ё", "е").split())


def _keys_of(person: dict) -> set[str]:
    """What a draft's "person" cell may say for a session's participant: the label the
    pre-fill wrote (with the organisation, in either language) or the name alone."""
    from workbench.session.model import member_label

    keys = {_person_key(member_label(person, lang)) for lang in ("ru", "en")}
    if (person.get("name") or "").strip():
        keys.add(_person_key(person["name"]))
    return keys


# What a role says when it makes someone the leader: the workbench's words, or the usual typed ones.
_LEADER_WORDS = {"руководитель проекта", "руководитель", "руководитель команды", "лидер", "лидер команды",
                 "project leader", "leader", "team leader", "project lead", "project manager"}


def _is_leader_role(role: str) -> bool:
    return any(" ".join(part.split()).casefold() in _LEADER_WORDS for part in re.split(r"[,;/]", role or ""))


def _is_workbench_role(role: str) -> bool:
    """A role the workbench wrote (or none): it may follow the session; a typed one stays."""
    text = " ".join(str(role or "").split()).casefold()
    return not text or any(text in (code, t(f"draft_role_{code}", "ru").casefold(),
                                    t(f"draft_role_{code}", "en").casefold()) for code in ROLES)


def team_changes(draft_team: list[dict], members: list[dict], participants: list[dict] = ()) -> dict:
    """How a draft's team differs from the session's (`session_team`): `joined` (members the
    draft lacks), `left` (draft rows naming one of the session's `participants` who is not in
    the team now), `leader` (the session's leader when the draft does not name them leader,
    else None), `old_leaders` (draft rows naming someone else leader), `typed` (rows of people
    still in the team whose role the team typed), `match` (row index → member). Rows naming
    nobody of the session (a partner's accountant) are the team's business.

    >>> anna = {"participant_id": 1, "name": "Анна", "organisation": "", "leader": False}
    >>> nadia = {"participant_id": 2, "name": "Надежда Орлова", "organisation": "ТОС", "leader": True}
    >>> ivan = {"participant_id": 3, "name": "Иван", "organisation": "", "leader": False}
    >>> rows = [{"person": "Иван", "role": "руководитель проекта"}, {"person": "Анна", "role": "член команды"}]
    >>> c = team_changes(rows, [nadia, anna], [anna, nadia, ivan])
    >>> [m["name"] for m in c["joined"]], [r["person"] for r in c["left"]], c["leader"]["name"]
    (['Надежда Орлова'], ['Иван'], 'Надежда Орлова')
    """
    rows = [r for r in draft_team or [] if isinstance(r, dict)]
    match: dict[int, dict] = {}
    free = list(members)
    for i, row in enumerate(rows):
        key = _person_key(row.get("person", ""))
        m = next((m for m in free if key and key in _keys_of(m)), None)
        if m is not None:
            match[i] = m
            free.remove(m)
    in_team = {m["participant_id"] for m in members}
    others = [p for p in participants if p.get("id", p.get("participant_id")) not in in_team]
    left = [row for i, row in enumerate(rows) if i not in match
            and any(_person_key(row.get("person", "")) in _keys_of(p) for p in others)]
    leader = next((m for m in members if m["leader"]), None)
    if leader is not None and any(m is leader and _is_leader_role(rows[i].get("role", "")) for i, m in match.items()):
        leader = None
    old_leaders = [row for i, row in enumerate(rows) if _is_leader_role(row.get("role", ""))
                   and (i not in match or not match[i]["leader"])]
    typed = [rows[i] for i, m in match.items() if not _is_workbench_role(rows[i].get("role", ""))
             and _is_leader_role(rows[i].get("role", "")) != m["leader"]]
    return {"joined": free, "left": left, "leader": leader, "old_leaders": old_leaders if leader else [],
            "typed": typed, "match": match}


def _names(people, lang: str) -> str:
    from workbench.session.model import member_label

    return ", ".join(_short(p["person"] if "person" in p else member_label(p, lang), 80) for p in people)


def team_findings(store, draft: dict, lang: str = "ru") -> list[dict]:
    """The logic check's findings about a draft's team against the session's now (`team_changes`):
    who joined, who is listed but not in the team, who leads. Nothing for a draft without an
    idea or session, or when nobody ever joined its team on the session."""
    if draft.get("session_id") is None or draft.get("card_id") is None:
        return []
    members = session_team(store, draft["session_id"], draft["card_id"])
    if not members:
        return []
    team = draft_fields(draft)["team"]
    c = team_changes(team, members, store.participants(draft["session_id"]))
    out = []
    if c["joined"]:
        out.append(("team_joined", {"names": _names(c["joined"], lang)}))
    if c["left"]:
        out.append(("team_left", {"names": _names(c["left"], lang)}))
    if c["leader"] is not None:
        from workbench.session.model import member_label

        name = member_label(c["leader"], lang)
        if c["old_leaders"]:
            out.append(("team_leader_changed", {"name": name, "old": _names(c["old_leaders"], lang)}))
        else:
            out.append(("team_leader_missing", {"name": name}))
    return [{"code": code, "field": "team", "message": t(f"logic_{code}", lang, **params)} for code, params in out]


def take_session_team(store, draft_id: int, lang: str = "ru") -> dict:
    """Staff's one click: the draft's team follows the session's. Members who joined are added
    (the leader first), rows of people no longer in the team whose role the workbench wrote are
    removed, and the roles it wrote follow who leads now. A role the team typed is never
    changed, nor is a row naming nobody of the session: `kept` lists the typed roles left as
    they were that disagree with the session (the check goes on naming them). Refused with
    `Conflict("draft_changed")` when the draft is saved meanwhile. Returns `{"draft", "added",
    "removed", "kept"}` (person texts).
    """
    d = store.draft(draft_id)
    members = [] if d["session_id"] is None or d["card_id"] is None else \
        session_team(store, d["session_id"], d["card_id"])
    if not members:  # nothing to follow: a row is never removed because nobody is on the team
        raise WorkbenchError("draft_no_session_team")
    team = [r for r in draft_fields(d)["team"] if isinstance(r, dict)]
    c = team_changes(team, members, store.participants(d["session_id"]))
    # the roles are written in the language the draft's own workbench roles are in
    written = [r.get("role", "") for r in team if r.get("role") and _is_workbench_role(r["role"])]
    lang = "en" if written and all(role_label(r, "en") == r for r in written) else ("ru" if written else lang)
    left = [id(r) for r in c["left"]]
    rows, removed, kept = [], [], []
    for i, row in enumerate(team):
        m = c["match"].get(i)
        workbench_role = _is_workbench_role(row.get("role", ""))
        if m is not None:
            if workbench_role:
                row = {**row, "role": _team_row(m, lang)["role"]}
            elif _is_leader_role(row.get("role", "")) != m["leader"]:
                kept.append(row)
        elif id(row) in left:
            if workbench_role:
                removed.append(row)
                continue
            kept.append(row)
        rows.append(row)
    added = [_team_row(m, lang) for m in c["joined"]]
    leaders = [r for r, m in zip(added, c["joined"], strict=True) if m["leader"]]
    rows = leaders + rows + [r for r in added if r not in leaders]
    saved = save_fields(store, draft_id, {"team": rows}, expected_updated_at=d["updated_at"])
    return {"draft": saved, "added": [r["person"] for r in added], "removed": [r["person"] for r in removed],
            "kept": [f"{r['person']}: {r.get('role', '')}" for r in kept]}


def take_team_message(result: dict, lang: str = "ru") -> str:
    """What staff are told after `take_session_team`, in plain words.

    >>> take_team_message({"added": ["Надежда Орлова"], "removed": ["Иван"], "kept": []})
    'Состав команды взят из сессии: добавлены — Надежда Орлова; убраны — Иван.'
    """
    parts = []
    if result["added"]:
        parts.append(t("team_taken_added", lang, names=", ".join(result["added"])))
    if result["removed"]:
        parts.append(t("team_taken_removed", lang, names=", ".join(result["removed"])))
    if not result["added"] and not result["removed"]:
        parts.append(t("team_taken_roles", lang))
    if result["kept"]:
        parts.append(t("team_taken_kept", lang, names="; ".join(result["kept"])))
    return f"{t('team_taken', lang)}: {'; '.join(parts)}."


def idea_draft(store, session_code: str, card_id: int, lang: str = "ru") -> dict:
    """The draft of an idea or a group of the session: the one it already has, else a new one
    pre-filled from the session. Returns `{"id", "title", "created"}`; `created` is False when
    the idea had a draft (the widgets then say so instead of making a second one).

    >>> from workbench.store import Store
    >>> from workbench.demo import load_demo
    >>> store = Store.open_url("sqlite://")
    >>> code = load_demo(store, teams=False)
    >>> idea = top_ideas(store, code)[0]["id"]
    >>> first, again = idea_draft(store, code, idea), idea_draft(store, code, idea)
    >>> first["created"], again["created"], again["id"] == first["id"], len(store.drafts())
    (True, False, True, 1)
    """
    session = store.session(session_code)
    existing = store.draft_of_card(store.card(card_id, session["id"])["id"])
    if existing is None:
        fields = prefill_draft(store, session_code, card_id, lang)
        try:
            did = create_draft(store, session["id"], fields, card_id=card_id)
            return {"id": did, "title": fields["title"], "created": True}
        except Conflict as exc:  # made meanwhile (another click, another screen): that one
            if exc.key != "draft_exists":
                raise
            existing = store.draft(exc.params["draft_id"])
    return {"id": existing["id"], "title": existing["title"], "created": False}


def draft_from_idea(store, session_code: str, card_id: int, lang: str = "ru") -> int:
    """The id of the idea's (or group's) draft, created pre-filled when it has none (`idea_draft`)."""
    return idea_draft(store, session_code, card_id, lang)["id"]


def top_ideas(store, session_code: str, limit: int = 10) -> list[dict]:
    """The session's ideas and groups by dots, most first: `[{"id", "text", "votes", "is_group"}]`."""
    session = store.session(session_code)
    stages = store.stages(session["id"])
    totals: dict[int, int] = {}
    for s in stages:
        if s["kind"] == "voting":
            for cid, n in store.vote_totals(s["id"]).items():
                totals[cid] = totals.get(cid, 0) + n
    ideas_ids = {s["id"] for s in stages if s["kind"] == "ideas"}
    cards = [c for c in store.cards(session["id"]) if c["stage_id"] in ideas_ids]
    # A group counts its own dots and its cards' (voting may have been on ideas or on groups).
    votes = {c["id"]: totals.get(c["id"], 0) for c in cards}
    for c in cards:
        if c.get("group_id") in votes:
            votes[c["group_id"]] += totals.get(c["id"], 0)
    rows = [{"id": c["id"], "text": c["text"], "votes": votes[c["id"]], "is_group": bool(c.get("is_group"))}
            for c in cards if c.get("is_group") or c.get("group_id") not in votes]
    rows.sort(key=lambda r: (-r["votes"], r["id"]))
    return rows[:limit]


def latest_round(store, session_id: int) -> dict | None:
    """The session's latest decision round that is over (`voting.latest_closed_round`: by its
    first ballot, so a matrix on the dots' top 6 comes after the dots; a round still open on
    phones is not decided yet), as `workbench.session.voting.rounds` gives it, with its `stage`; None
    before any round is over. The teams stage takes its candidates from the same round."""
    from workbench.session import voting

    found = voting.latest_closed_round(store, session_id)
    if found is None:
        return None
    stage, name = found
    return next({**r, "stage": stage} for r in voting.rounds(store, stage) if r["method"] == name)


def draft_candidates(store, session_code: str, limit: int = 10, lang: str = "ru") -> dict:
    """What the drafts page offers to start a project from, in this order:

    - `teams`: the teams formed on the session's teams stages, largest first: `{"id", "text",
      "is_group", "members" (names), "leader" (a name, "" without one), "draft_id" (its draft,
      or None), "team_findings" (how that draft's team differs from this one: `team_findings`)}`;
      a draft made from one has the team (members and leader) pre-filled (`prefill_draft`);
    - `ideas`: the other ideas and groups, by the latest decision round's result (`round`: its
      stage's title and method; each row's `place` in it and its `figures`, the protocol's
      columns as (heading, shown value) pairs), then by dots (`votes`), at most `limit`.

    >>> from workbench.store import Store
    >>> from workbench.demo import load_demo
    >>> store = Store.open_url("sqlite://")
    >>> c = draft_candidates(store, load_demo(store))  # the demo: two teams, after a dot vote
    >>> [len(tm["members"]) for tm in c["teams"]], c["round"]["method"], c["ideas"][0]["place"]
    ([5, 5], 'голоса точками', 3)
    """
    from workbench.i18n import Translator, number
    from workbench.session import voting
    from workbench.session.model import person_name
    from workbench.session.teams import formed

    session = store.session(session_code)
    cards = {c["id"]: c for c in store.cards(session["id"])}
    teams, seen = [], set()
    for st in store.stages(session["id"]):
        if st["kind"] != "teams":
            continue
        # the teams the room sees (`teams.formed`: none on a group replaced since), largest first
        for tm in sorted(formed(store, st), key=lambda tm: (-len(tm["members"]), tm["card"]["id"])):
            cid = tm["card"]["id"]
            if cid in seen:
                continue
            seen.add(cid)
            draft = store.draft_of_card(cid)
            teams.append({"id": cid, "text": tm["card"]["text"], "is_group": bool(cards.get(cid, {}).get("is_group")),
                          "members": [person_name(m, lang) for m in tm["members"]],
                          "leader": person_name(tm["leader"], lang) if tm["leader"] else "",
                          "draft_id": draft["id"] if draft else None,
                          "team_findings": team_findings(store, draft, lang) if draft else []})
    ideas, rnd = [], latest_round(store, session["id"])
    dots = {r["id"]: r["votes"] for r in top_ideas(store, session_code, limit=len(cards))}
    if rnd is not None:
        L = Translator(lang)
        columns, cells = voting.METHODS[rnd["method"]].protocol(rnd["rows"], L)
        by_id = {c["id"]: c for c in rnd["items"]}
        places = voting.places(voting.METHODS[rnd["method"]], rnd["rows"])  # a tie shares its place
        for place, row, values in zip(places, rnd["rows"], cells, strict=True):
            if row["id"] in seen or row["id"] not in by_id:
                continue
            seen.add(row["id"])
            card = by_id[row["id"]]
            ideas.append({"id": card["id"], "text": card["text"], "is_group": bool(card.get("is_group")),
                          "place": place, "votes": dots.get(card["id"], 0),
                          "figures": [(h, v if isinstance(v, str) else number(v, lang))
                                      for h, v in zip(columns, values, strict=True) if v not in ("", None)]})
    for r in top_ideas(store, session_code, limit=len(cards)):
        if r["id"] not in seen:
            ideas.append({**r, "place": None, "figures": []})
    round_info = None if rnd is None else {"stage": rnd["stage"]["title"], "method": _round_method(rnd["method"], lang)}
    return {"teams": teams, "round": round_info, "ideas": ideas[:limit]}


def _round_method(method: str, lang: str) -> str:
    """How a round voted, as a phrase the drafts page puts after the stage's name ("голоса
    точками", not "Голоса (точки)": a bracket inside the heading's brackets read badly); a
    method without such a phrase goes by its name."""
    from workbench.i18n import MESSAGES

    key = f"draft_by_{method}"
    return t(key if key in MESSAGES else f"method_{method}", lang)


def funnel_table(store, by: str = "session", lang: str = "ru"):
    """Drafts per session (or per territory) and status, as a pandas DataFrame (a column per
    status, in pipeline order, and a total)."""
    import pandas as pd

    from workbench.session.model import DRAFT_STATUSES, count_territories, territory_key

    key = "territory" if by == "territory" else "session"
    rows = store.draft_funnel(by=key)
    index_name = t("draft_funnel_territory" if key == "territory" else "draft_funnel_session", lang)
    cols = [t(f"draft_status_{s}", lang) for s in DRAFT_STATUSES]
    table: dict[str, dict[str, int]] = {}
    # «п. Плесецк» and «Плесецк» are one territory, under its most common spelling
    spelled = {territory_key(place): place for place in count_territories(
        r["key"] for r in rows for _ in range(r["n"]))} if key == "territory" else {}
    for r in rows:
        label = (spelled.get(territory_key(r["key"]), r["key"]) if spelled else r["key"]) or t("territory_not_given", lang)
        table.setdefault(label, dict.fromkeys(cols, 0))[t(f"draft_status_{r['status']}", lang)] += r["n"]
    df = pd.DataFrame.from_dict(table, orient="index", columns=cols).fillna(0).astype(int)
    df.index.name = index_name
    df[t("draft_total", lang)] = df.sum(axis=1)
    return df
