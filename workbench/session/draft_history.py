"""Earlier versions of a draft's fields: what a field held before a save replaced it, and putting
the previous text back (a field emptied by Ctrl+A, Delete on a team page, a table overwritten).

Restoring is itself a save: the text it replaces goes into the history too, so a restore is undone
the same way.

>>> from workbench.store import Store
>>> from workbench.drafts import create_draft
>>> store = Store.open_url("sqlite://")
>>> sid = store.session(store.create_session("Демо"))["id"]
>>> d = create_draft(store, sid, {"title": "Школа", "goal": "Обучить 40 подростков"})
>>> _ = store.put_draft_field(d, "goal", "", base=store.draft(d)["versions"].get("goal", 0))
>>> restore_previous(store, d, "goal")["value"]
'Обучить 40 подростков'
>>> [h["value"] for h in field_history(store, d, "goal")][:2]
['', 'Обучить 40 подростков']
"""

from __future__ import annotations

from workbench.drafts import FIELD_BY_NAME, clean_field, draft_fields
from workbench.errors import WorkbenchError
from workbench.i18n import Label


def field_history(store, draft_id: int, name: str) -> list[dict]:
    """A field's earlier values, the latest first (`version`, `value`, `replaced_at`)."""
    if name not in FIELD_BY_NAME:
        raise WorkbenchError("draft_field_unknown", field=str(name)[:40])
    return store.field_history(draft_id, name)


def previous_value(store, draft_id: int, name: str):
    """The latest earlier value of a field that differs from what it holds now, or None."""
    current = draft_fields(store.draft(draft_id))[name]
    for entry in field_history(store, draft_id, name):
        try:
            value = clean_field(name, entry["value"])
        except WorkbenchError:  # kept under an older rule: not offered
            continue
        if value != current and (value or name != "title"):  # a draft keeps a title
            return value
    return None


def restore_previous(store, draft_id: int, name: str, base: int | None = None) -> dict:
    """Put a field's previous text back: `{"field", "value", "version"}`. With `base` (the
    version the page shows), a field saved meanwhile is refused (`FieldConflict`), not
    overwritten; `draft_no_history` when there is nothing earlier to go back to."""
    value = previous_value(store, draft_id, name)
    if value is None:
        raise WorkbenchError("draft_no_history", field=Label(f"draft_f_{name}"))
    if base is None:
        base = int(store.draft(draft_id)["versions"].get(name, 0))
    saved = store.put_draft_field(draft_id, name, value, base)
    return {"field": name, "value": saved["fields"][name], "version": saved["versions"][name]}
