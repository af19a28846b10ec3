"""A session's own details: its title, territory and date, set by `new-session` and changed later
(`workbench session-edit`, the control view's «Сессия» box); and which session `serve` opens when
it is not told which.

>>> from workbench.store import Store
>>> store = Store.open_url("sqlite://")
>>> sid = store.session(store.create_session("Будущее округа", date="2026-03-14"))["id"]
>>> s = edit(store, sid, title="Будущее Плесецкого округа", date="21.03.2026")
>>> s["title"], s["date"], s["territory"]
('Будущее Плесецкого округа', '2026-03-21', '')
"""

from __future__ import annotations

import datetime as _dt

from workbench.session.model import MAX_FIELD, clean_field, clean_text, typed_text


def check(title: str | None = None, territory: str | None = None, date: str | None = None) -> dict:
    """The details as the store keeps them, or the `WorkbenchError` the store would raise: a
    command checks what was typed before it opens (or creates) the store. None: not given.

    >>> check(title=" Сессия ", date="12.12.2026")
    {'title': 'Сессия', 'date': '2026-12-12'}
    >>> check(date="12/12/2026")
    Traceback (most recent call last):
    workbench.errors.WorkbenchError: session_date_invalid
    """
    from workbench.store import check_date

    out = {}
    if title is not None:
        out["title"] = clean_text(title, MAX_FIELD)
    if territory is not None:
        out["territory"] = clean_field("territory", territory)
    if date is not None:
        out["date"] = check_date(date)
    return out


def edit(store, session_id: int, title: str | None = None, territory: str | None = None,
         date: str | None = None) -> dict:
    """Change what is given of a session's title, territory and date (a date typed ДД.ММ.ГГГГ or
    ГГГГ-ММ-ДД; an empty one is today); the session as it is now. The phones' join page, the
    display and the registration form read the store, so they show it at their next poll."""
    given = {"title": title, "territory": territory, "date": date}
    return store.update_session(session_id, **{k: v for k, v in given.items() if v is not None})


def namesakes(sessions: list[dict], title: str) -> list[dict]:
    """The sessions already called `title` (case and spaces aside): a second session of the same
    name is allowed, and said, since the room joins by a code the title does not tell apart.

    >>> [s["code"] for s in namesakes([{"code": "A1", "title": "Будущее  округа"}], "будущее округа")]
    ['A1']
    """
    def key(text: str) -> str:
        return " ".join(typed_text(text or "").split()).casefold()

    return [s for s in sessions if key(s["title"]) == key(title)]


def to_serve(sessions: list[dict], today: _dt.date | None = None) -> dict | None:
    """The session `serve` opens when not told which: today's; else the one whose date is
    nearest to today, before or after; of several as near, the one made last. None: no session.

    >>> rows = [{"id": 1, "date": "2026-03-01", "created_at": 1}, {"id": 2, "date": "2026-04-20", "created_at": 2},
    ...         {"id": 3, "date": "2026-03-14", "created_at": 3}, {"id": 4, "date": "2026-03-14", "created_at": 4}]
    >>> [to_serve(rows, _dt.date(2026, d, 14))["id"] for d in (3, 2, 5)]
    [4, 1, 2]
    """
    if not sessions:
        return None
    today = today or _dt.date.today()

    def distance(s: dict) -> int:
        try:
            return abs((_dt.date.fromisoformat(str(s["date"])[:10]) - today).days)
        except ValueError:  # a date from before dates were checked: last
            return 10 ** 9

    return min(sessions, key=lambda s: (distance(s), -(s.get("created_at") or 0), -s["id"]))
