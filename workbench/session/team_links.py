"""Team links: a team edits its own draft from any browser with a link holding a team token,
without the facilitator's master token.

Saves are per field and carry the version of the field the edit started from: two members
editing different fields both keep their work; the second of two saves of the SAME field is
refused with a clear message and the stored text, so nothing is lost (the page keeps the
member's own text in the field). Members comment on fields and see the logic check.

>>> from workbench.store import Store
>>> from workbench.drafts import create_draft
>>> store = Store.open_url("sqlite://")
>>> sid = store.session(store.create_session("Демо"))["id"]
>>> token = team_link(store, create_draft(store, sid, {"title": "Школа ремёсел"}))["token"]
>>> save_field(store, token, "goal", "Обучить 40 подростков к маю", base=0)["version"]
1
>>> save_field(store, token, "problem", "Некуда пойти", base=0)["version"]  # another field: merged
1
>>> try:
...     save_field(store, token, "goal", "Обучить 50 подростков", base=0)
... except FieldConflict as exc:
...     print(exc.status, exc.message("en"), exc.value)
409 Someone else has just saved “Goal of the project”. Your text is still in the field: compare, then save again. Обучить 40 подростков к маю
"""

from __future__ import annotations

from workbench.draft_merge import merge_rows
from workbench.drafts import FIELD_BY_NAME, clean_field, draft_fields, list_items, logic_check
from workbench.errors import Conflict, WorkbenchError
from workbench.session import draft_history
from workbench.session.lifecycle import check_open_id
from workbench.session.model import typed_text
from workbench.store import sharing

TEAM_PATH = "t/"  # a team's page below the server's base URL: /t/TOKEN
MAX_COMMENT = 2000
MAX_AUTHOR = 100



class FieldConflict(Conflict):
    """The field was saved by someone else since the edit started: `name`, the stored `value`
    and its `version`; for a table, `conflicts` lists the runs of rows both people changed
    (`{"base", "theirs", "mine"}`). The message names the field in the reader's language."""

    def __init__(self, name: str, value, version: int, conflicts: list | None = None):
        super().__init__("draft_rows_conflict" if conflicts else "draft_field_conflict")
        self.name, self.value, self.version = name, value, version
        self.conflicts = conflicts or []

    def message(self, lang: str = "ru") -> str:
        from workbench.i18n import t

        return t(self.key, lang, field=FIELD_BY_NAME[self.name].label(lang))


def team_link(store, draft_id: int) -> dict:
    """The team link of a draft (made the first time): `token` and `path`."""
    token = store.team_link(draft_id)
    return {"token": token, "path": TEAM_PATH + token}


def draft_of_link(store, token: str) -> dict:
    """The draft a team link opens: NotFound for an unknown token; `SessionArchived` when its
    session is in the archive (the link neither shows nor takes anything then)."""
    d = store.draft_by_team_token(token)
    check_open_id(store, d.get("session_id"))
    return d


def team_draft(store, token: str, lang: str = "ru") -> dict:
    """What the team page shows and polls: the fields, each field's version, the comments and
    the logic check. NotFound for an unknown token."""
    d = draft_of_link(store, token)
    comments = [{"id": c["id"], "field": c["field"], "author": c["author"], "text": c["text"],
                 "at": c["created_at"]} for c in store.draft_comments(d["id"])]
    return {"id": d["id"], "title": d["title"], "fields": draft_fields(d),
            "versions": {name: int(d["versions"].get(name, 0)) for name in FIELD_BY_NAME},
            "comments": comments, "findings": logic_check(d, lang, store=store),
            "history": store.field_history_counts(d["id"])}


def save_field(store, token: str, name: str, value, base, base_value=None, prefer: str | None = None) -> dict:
    """Save one field of the team's draft if nobody saved it since version `base`.

    A table (a field of rows) saved with `base_value`, the rows the page's edit started from, is
    merged row by row with what was saved meanwhile (`workbench.draft_merge`): rows only one side
    changed are kept, only a row both changed is a conflict, which `prefer` ("mine" or "theirs")
    resolves. Returns `{"field", "value", "version"}` (`value`: what is stored now, merged);
    raises `FieldConflict` (409) with the stored value and version when the field changed
    meanwhile and cannot be merged.

    >>> from workbench.store import Store
    >>> from workbench.drafts import create_draft
    >>> store = Store.open_url("sqlite://")
    >>> token = team_link(store, create_draft(store, None, {"title": "Школа"}))["token"]
    >>> a, b = {"organisation": "Школа № 1"}, {"organisation": "Библиотека"}
    >>> save_field(store, token, "partners", [a], base=0, base_value=[])["version"]
    1
    >>> [r["organisation"] for r in save_field(store, token, "partners", [b], base=0, base_value=[])["value"]]
    ['Школа № 1', 'Библиотека']
    """
    d = draft_of_link(store, token)
    return save_draft_field(store, d["id"], name, value, base, base_value=base_value, prefer=prefer)


def restore_field(store, token: str, name: str, base) -> dict:
    """Put back the previous text of a field of the team's draft (`draft_history`), if nobody
    saved the field since version `base`; `FieldConflict` otherwise."""
    d = draft_of_link(store, token)
    if name not in FIELD_BY_NAME:
        raise WorkbenchError("draft_field_unknown", field=str(name)[:40])
    if isinstance(base, bool) or not isinstance(base, int) or base < 0:
        raise WorkbenchError("bad_request", detail="base must be the field's version (a whole number)")
    try:
        return draft_history.restore_previous(store, d["id"], name, base)
    except sharing.FieldConflict as exc:
        raise FieldConflict(name, exc.value, exc.version) from None


def add_comment(store, token: str, field: str, author, text, request_id=None) -> dict:
    """A member's comment on a field of the team's draft. `request_id`, the page's id for this
    comment: sent again with it (its answer was lost) it is stored once, while the same words
    sent later are a comment of their own; without one, the same field, name and text are
    stored once (`Store.add_draft_comment`)."""
    d = draft_of_link(store, token)
    if request_id is not None and (not isinstance(request_id, str) or not 8 <= len(request_id) <= 64):
        raise WorkbenchError("bad_request", detail="request_id is a string of 8 to 64 characters")
    if field not in FIELD_BY_NAME:
        raise WorkbenchError("draft_field_unknown", field=str(field)[:40])
    if not isinstance(text, str) or not isinstance(author or "", str):
        raise WorkbenchError("bad_request", detail="text and author are strings")
    text = typed_text(text)
    author = typed_text(author or "", multiline=False)
    if not text:
        raise WorkbenchError("comment_empty")
    if len(text) > MAX_COMMENT or len(author) > MAX_AUTHOR:
        raise WorkbenchError("comment_too_long", max=MAX_COMMENT)
    cid = store.add_draft_comment(d["id"], field, author, text, request_id or None)
    return {"id": cid, "field": field, "author": author, "text": text}


def save_draft_field(store, draft_id: int, name: str, value, base, base_value=None,
                     prefer: str | None = None, replaces_own: bool = False) -> dict:
    """`save_field` by the draft's id: how staff save a field from the draft editor, with the
    same check of the version the edit started from, so their copy never overwrites what the
    team saved meanwhile (`FieldConflict`, with the stored value to show beside theirs), and a
    table merged row by row with the team's from `base_value`, as the team page's are; a list
    (the tasks) sent with `base_value` is merged item by item the same way, so two people adding
    a task each keep both. `replaces_own`: the version `base` is the editor's own save made while
    the staff kept typing, replaced without a row of history (`Store.put_draft_field`).

    >>> from workbench.store import Store
    >>> from workbench.drafts import create_draft
    >>> store = Store.open_url("sqlite://")
    >>> did = create_draft(store, None, {"title": "Школа ремёсел"})
    >>> save_draft_field(store, did, "goal", "Обучить 40 подростков к маю", base=0)["version"]
    1
    >>> try:
    ...     save_draft_field(store, did, "goal", "Старая копия", base=0)
    ... except FieldConflict as exc:
    ...     print(exc.value, exc.version)
    Обучить 40 подростков к маю 1
    """
    if isinstance(base, bool) or not isinstance(base, int) or base < 0:
        raise WorkbenchError("bad_request", detail="base must be the field's version (a whole number)")
    if prefer not in (None, "mine", "theirs"):
        raise WorkbenchError("bad_request", detail="prefer is mine or theirs")
    if name in FIELD_BY_NAME and FIELD_BY_NAME[name].kind == "list":
        value = list_items(value)  # a list pasted in one go: an item per line, as every page saves it
    value = clean_field(name, value)
    if name == "title" and not value:
        raise WorkbenchError("draft_title_empty")
    merge, origin, conflicts = None, None, []
    if FIELD_BY_NAME[name].kind in ("rows", "list") and base_value is not None:
        try:
            origin = clean_field(name, base_value)
        except WorkbenchError:  # not rows the page could have loaded: compared by version only
            origin = None
    if origin is not None:

        def merge(stored):
            merged, found = merge_rows(origin, stored or [], value, prefer=prefer)
            if found and prefer is None:
                conflicts.extend(found)
                raise sharing.FieldConflict(name, stored, 0)
            return merged
    try:
        saved = store.put_draft_field(draft_id, name, value, base, merge=merge, replaces_own=replaces_own)
    except sharing.FieldConflict as exc:
        raise FieldConflict(name, exc.value, exc.version, conflicts) from None
    return {"field": name, "value": saved["fields"][name], "version": saved["versions"][name]}
