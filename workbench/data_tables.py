"""A session's every row as staff read it in Excel: `workbench export --what data`.

The rows are the ones `store.transfer.export_session` moves between stores; here each table
becomes a table for people: headings in the chosen language, times as local date-times
("2019-10-12 12:00:00", which Excel reads as a date), yes/no instead of True/False, sectors,
kinds of stage and session, statuses and team roles in words. Ids stay numbers under headings
that say whose id they are, so the tables still join (a vote's "№ карточки" is a card's "№").

>>> from workbench.store import Store
>>> store = Store.open_url("sqlite://")
>>> code = store.create_session("Демо")
>>> stages = data_tables(store, code, "en")["stages"]
>>> list(stages.columns[:5]), stages.iloc[0, 3], stages.iloc[0, 4]
(['ID', 'Session ID', 'Position', 'Kind of stage', 'Title'], 'Problems', 'Проблемы')
"""

from __future__ import annotations

import time

from workbench.i18n import MESSAGES, t
from workbench.session.model import DRAFT_STATUSES, SECTORS, SESSION_KINDS, STAGE_KINDS, VOTE_ON

# Columns whose codes are shown in words: (table, column) -> (message key prefix, the codes it has).
LABELS = {
    ("sessions", "kind"): ("kind_", SESSION_KINDS),
    ("sessions", "moderation"): ("moderation_", ("off", "mask", "hold")),
    ("sessions", "display_mode"): ("display_mode_", None),
    ("stages", "kind"): ("stage_", STAGE_KINDS),
    ("stages", "vote_on"): ("vote_on_", VOTE_ON),
    ("stages", "method"): ("method_", ("dots", "matrix", "pairwise", "ranking")),
    ("stages", "source_method"): ("method_", ("dots", "matrix", "pairwise", "ranking")),
    ("participants", "sector"): ("sector_", SECTORS),
    ("registrations", "sector"): ("sector_", SECTORS),
    ("cards", "status"): ("data_card_status_", ("shown", "pending", "rejected")),
    ("drafts", "status"): ("draft_status_", DRAFT_STATUSES),
    ("draft_status_log", "status"): ("draft_status_", DRAFT_STATUSES),
    ("draft_comments", "field"): ("draft_f_", None),
    ("draft_field_history", "field"): ("draft_f_", None),
}


def heading(table: str, column: str, lang: str) -> str:
    """A column's heading in `lang` (the column's name if the vocabulary has none).

    >>> heading("votes", "card_id", "ru"), heading("sessions", "kind", "en")
    ('№ карточки', 'Kind of session')
    """
    for key in (f"data_col_{table}_{column}", f"data_col_{column}"):
        if key in MESSAGES:
            return t(key, lang)
    return column


def local_time(at) -> str:
    """Seconds since the epoch as this computer's local date and time, "YYYY-MM-DD HH:MM:SS"."""
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(at))


def is_time(table: str, column: str) -> bool:
    """Whether the store keeps the column as seconds since the epoch (every `*_at`, a status's `at`)."""
    from workbench.store.schema import metadata

    col = metadata.tables[table].c[column]
    return (column == "at" or column.endswith("_at")) and col.type.python_type is float


def cell(table: str, column: str, value, lang: str):
    """One stored value as a person reads it.

    >>> cell("participants", "sector", "tos", "ru"), cell("cards", "hidden", False, "en")
    ('ТОС', 'no')
    >>> cell("team_members", "is_leader", True, "ru"), cell("votes", "card_id", 7, "ru")
    ('лидер', 7)
    >>> cell("participants", "sector", "школа", "ru")  # a code without a label stays as it is
    'школа'
    """
    if value is None:
        return None
    if (table, column) == ("team_members", "is_leader"):
        return t("data_role_leader" if value else "data_role_member", lang)
    if isinstance(value, bool):
        return t("data_yes" if value else "data_no", lang)
    if (table, column) in LABELS:
        prefix, codes = LABELS[(table, column)]
        key = f"{prefix}{value}"
        if (codes is None or value in codes) and key in MESSAGES:
            return t(key, lang)
        return value
    if isinstance(value, (int, float)) and is_time(table, column):
        return local_time(value)
    return value


def data_tables(store, code: str, lang: str = "ru", include_secrets: bool = False,
                include_rejected: bool = False) -> dict:
    """Every table of the session as a pandas DataFrame for people, by the table's name: the
    participants' device tokens only with `include_secrets`, the cards rejected in moderation
    only with `include_rejected`; a table without rows still has its headings."""
    import pandas as pd

    from workbench.store.transfer import export_session

    tables = export_session(store, code, include_secrets=include_secrets,
                            include_rejected=include_rejected)["tables"]
    out = {}
    for name, rows in tables.items():
        columns = list(rows[0]) if rows else stored_columns(name, include_secrets)
        frame = pd.DataFrame([[cell(name, c, row[c], lang) for c in columns] for row in rows],
                             columns=[heading(name, c, lang) for c in columns],
                             dtype=object)  # object: ids stay 7, not 7.0, next to empty cells
        out[name] = _application_columns(frame, rows, lang) if name == "drafts" else frame
    return out


def _application_columns(frame, rows: list[dict], lang: str):
    """The drafts table with the application's fields in columns of their own, in the form's
    order, in place of one JSON cell that held them all (a whole application is more than the
    32,767 characters an Excel cell holds). A table field is one line per row. No JSON is left.

    >>> from workbench.drafts import create_draft
    >>> from workbench.store import Store
    >>> store = Store.open_url("sqlite://")
    >>> code = store.create_session("Демо")
    >>> _ = create_draft(store, store.session(code)["id"], {"title": "Школа", "tasks": ["Найти зал",
    ...     "Набрать группу"], "budget": [{"item": "Аренда зала", "amount": "5 000"}]})
    >>> row = data_tables(store, code)["drafts"].iloc[0]
    >>> [c for c in row.index if "JSON" in c]
    []
    >>> print(row["Задачи проекта"]); print(row["Ресурсы и бюджет"])
    1. Найти зал
    2. Набрать группу
    1. Статья расходов: Аренда зала; Сумма, руб.: 5 000
    """
    import json

    from workbench.drafts import FIELDS, draft_fields, field_words

    # the fields' save counters (`field_versions`) only tell two pages saving at once apart: the
    # session's JSON (`store.transfer`) carries them; the field history table says who changed what
    frame = frame.drop(columns=[heading("drafts", c, lang) for c in ("fields", "field_versions")
                                if heading("drafts", c, lang) in frame.columns])
    rows_columns = set(rows[0]) if rows else {"title", "territory"}
    for spec in FIELDS:
        if spec.name in rows_columns:  # the title and the territory have columns of their own
            continue
        label = spec.label(lang)
        values = []
        for row in rows:
            stored = row.get("fields") or "{}"
            value = draft_fields(json.loads(stored) if isinstance(stored, str) else stored, lang)[spec.name]
            values.append(field_words(spec, value, lang, empty_cells=False))
        frame[label] = values
    return frame


def stored_columns(table: str, include_secrets: bool) -> list[str]:
    """The columns of a table as the store names them, secrets left out unless asked.

    >>> "token" in stored_columns("participants", False), "token" in stored_columns("participants", True)
    (False, True)
    """
    from workbench.store.schema import metadata
    from workbench.store.transfer import SECRETS

    return [c.name for c in metadata.tables[table].columns
            if include_secrets or (table, c.name) not in SECRETS]
