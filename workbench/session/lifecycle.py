"""A session's life after the room: brought back from a file, compared, archived, deleted.

Rehearsals, the demo and last year's sessions pile up in one store. The facilitator can put one in
the archive (it leaves `workbench sessions`, `serve`'s choice and the network's «Всё из хранилища»;
its phones are told it is over, and nothing of it is lost), or delete it (a file of it is written
first, so `workbench import-session` undoes the mistake). An import that would replace a session
says first what the store has and the file lacks, and does not drop it unless told to.

>>> from workbench.store import Store
>>> store = Store.open_url("sqlite://")
>>> code = store.create_session("Репетиция")
>>> archive(store, code)["changed"], [s["code"] for s in store.list_sessions(archived=False)]
(True, [])
>>> open_session(store, code)
Traceback (most recent call last):
workbench.session.lifecycle.SessionArchived: session_archived_link
>>> unarchive(store, code)["changed"], open_session(store, code)["code"] == code
(True, True)
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

from workbench.errors import Lines, Text, WorkbenchError
from workbench.store import transfer

DELETED_DIR = "deleted"  # in the data folder: the file of each deleted session


# --- the archive ---------------------------------------------------------------------------------

class SessionArchived(WorkbenchError):
    """A request to a session put in the archive: 410 and «Сессия … завершена и убрана в архив»
    (not an unknown code). `lang`: the session's language where it is known, so a page that
    says so speaks the room's language."""

    status = 410

    def __init__(self, session: dict, key: str = "session_archived", lang: str | None = None):
        super().__init__(key, code=session["code"], title=session["title"])
        self.lang = lang


def check_open(session: dict, store=None) -> dict:
    """The session, unless it is archived: then every link a room was given (a phone, the
    registration form and its answer, the check-in QR code, the peer review, the public results
    page, a team's draft, the printed poster and ballot, the display) refuses with
    `SessionArchived`, reading and writing nothing. A phone is told its cards and votes are no
    longer taken; given the `store`, the refusal is a page's, in the session's language: its
    pages no longer open or take anything."""
    if session.get("archived_at") is None:
        return session
    if store is None:
        raise SessionArchived(session)
    raise SessionArchived(session, "session_archived_link", store.display_lang(session["id"]))


def open_session(store, code: str) -> dict:
    """The session of a link that names its code (`/reg/CODE`, `/s/CODE/review`, `/print/CODE/…`):
    NotFound for an unknown code, `SessionArchived` for one in the archive."""
    return check_open(store.session(code), store)


def check_open_id(store, session_id: int | None) -> None:
    """`check_open` for a row that belongs to a session (a draft, a public page, a
    registration); None: a draft of no session, never archived."""
    if session_id is None:
        return
    session = store.session_by_id(session_id)
    if session is not None:
        check_open(session, store)


def archive(store, code: str, now: float | None = None) -> dict:
    """Put the session in the archive; `{"session", "changed"}` (False: it was there already)."""
    session = store.session(code)
    changed = session.get("archived_at") is None
    if changed:
        store.set_archived(session["id"], time.time() if now is None else now)
    return {"session": store.session(session["code"]), "changed": changed}


def unarchive(store, code: str) -> dict:
    """Take the session out of the archive; `{"session", "changed"}` (False: it was not there)."""
    session = store.session(code)
    changed = session.get("archived_at") is not None
    if changed:
        store.set_archived(session["id"], None)
    return {"session": store.session(session["code"]), "changed": changed}


# --- importing a file ------------------------------------------------------------------------------

CODE_FORM = re.compile(r"[A-Z0-9]{3,16}")  # what a phone's link accepts (`web.api.CODE_RE`)


def check_code(text: str) -> str:
    """A session code typed for `--as-code`, as the store keeps it (upper case).

    >>> check_code(" kargo2 ")
    'KARGO2'
    >>> check_code("ab")
    Traceback (most recent call last):
    workbench.errors.WorkbenchError: session_code_form
    """
    code = str(text or "").strip().upper()
    if not CODE_FORM.fullmatch(code):
        raise WorkbenchError("session_code_form", code=str(text)[:40])
    return code


# The kinds a summary of a session names, in this order (`transfer.KINDS`).
SUMMARY = ("cards", "participants", "votes", "drafts")
LOST = ("cards", "card_edits", "groups", "participants", "paper_ballots", "votes", "team_members", "drafts",
        "draft_fields", "draft_comments", "consultations", "reviews", "registrations")


def summary(counts: dict) -> Lines:
    """A session's size in words: «карточки: 12, участники (вошедшие с телефонов): 30, …»."""
    return Lines([Text(f"kind_{kind}", n=counts.get(kind, 0)) for kind in SUMMARY], ", ")


def losses(found: dict) -> Lines | None:
    """What a replace would drop (`transfer.compare_session`), in words; None: nothing."""
    lost = found["lost"]
    items = []
    for kind in LOST:
        n = lost.get(kind, 0)
        if not n:
            continue
        if kind == "cards" and found.get("rejected_lost"):
            items.append(Text("kind_cards_rejected", n=n, rejected=found["rejected_lost"]))
        else:
            items.append(Text(f"kind_{kind}", n=n))
    return Lines(items, ", ") if items else None


class _DryRun(Exception):
    def __init__(self, report: dict):
        super().__init__("dry run")
        self.report = report


def import_file(store, data: dict, replace: bool = False, as_code: str | None = None, yes: bool = False,
                dry_run: bool = False) -> dict:
    """Import an export file (`transfer.import_session_report`) under the rules a facilitator
    relies on, in one transaction:

    - a session of the same code is refused without `replace`; with it, when this store holds
      anything the file lacks (cards typed here since, rejected cards the export left out,
      votes, joined phones, drafts' fields edited here…), the replace is refused unless `yes`,
      and the refusal counts what would go (`import_would_lose`);
    - `as_code`: the file arrives under that code, beside the session of its own code;
    - `dry_run`: everything is done and checked, then rolled back: nothing is written.

    Returns `{"code", "tokens", "found", "action"}`: `found` is `transfer.compare_session`'s
    (what the file holds, what this store holds, what is lost); `action` is "add", "replace",
    or, for a dry run of a session already here without `replace` or `as_code`, "refused".

    >>> from workbench.store import Store
    >>> a, b = Store.open_url("sqlite://"), Store.open_url("sqlite://")
    >>> code = a.create_session("Демо"); data = transfer.export_session(a, code)
    >>> import_file(b, data)["action"]
    'add'
    >>> s = b.session(code); _ = b.add_card(s["id"], s["current_stage_id"], "набрано здесь")
    >>> import_file(b, data, replace=True)
    Traceback (most recent call last):
    workbench.errors.WorkbenchError: import_would_lose
    >>> import_file(b, data, as_code="DEMO2")["code"], len(b.cards(s["id"]))
    ('DEMO2', 1)
    >>> import_file(b, data, replace=True, yes=True)["found"]["lost"]["cards"], len(b.cards(b.session(code)["id"]))
    (1, 0)
    """
    if as_code is not None:
        if replace:
            raise WorkbenchError("import_as_code_or_replace")
        as_code = check_code(as_code)
    try:
        with store.transaction():
            found = transfer.compare_session(store, data, as_code)
            if found["exists"] and as_code is not None:
                raise WorkbenchError("import_code_taken", code=as_code)
            if found["exists"] and not replace:
                if dry_run:
                    raise _DryRun({"code": found["code"], "tokens": {}, "action": "refused"})
                raise transfer.TransferError("transfer_exists", code=found["code"])
            lost = losses(found) if found["exists"] else None
            if lost is not None and not (yes or dry_run):
                raise WorkbenchError("import_would_lose", code=found["code"], what=lost)
            report = transfer.import_session_report(store, data, replace=replace, as_code=as_code)
            report["action"] = "replace" if found["exists"] else "add"
            if dry_run:
                raise _DryRun(report)  # the transaction rolls back: nothing was written
    except _DryRun as done:
        report = done.report
    report["found"] = found
    return report


# --- deleting ---------------------------------------------------------------------------------------

def delete(store, code: str, folder: str | Path, now: float | None = None) -> dict:
    """Delete a session, after writing all of it (device tokens and rejected cards too: an import
    of the file brings it back as it was, its links working) to `folder/CODE-YYYYMMDD-HHMM.json`.
    One transaction: a file that cannot be written deletes nothing. `{"session", "path", "counts"}`.

    >>> import tempfile
    >>> from workbench.store import Store
    >>> store = Store.open_url("sqlite://"); code = store.create_session("Репетиция")
    >>> done = delete(store, code, tempfile.mkdtemp(), now=0)
    >>> done["path"].name.startswith(code + "-19700101-"), [s["code"] for s in store.list_sessions()]
    (True, [])
    >>> transfer.import_session(store, json.loads(done["path"].read_text(encoding="utf-8"))) == code
    True
    """
    from workbench.util import write_atomic

    session = store.session(code)
    code = session["code"]
    folder = Path(folder)
    stamp = time.strftime("%Y%m%d-%H%M", time.localtime(time.time() if now is None else now))
    path = folder / f"{code}-{stamp}.json"
    n = 2
    while path.exists():  # deleted twice in a minute (imported back, deleted again)
        path, n = folder / f"{code}-{stamp}-{n}.json", n + 1
    with store.transaction():
        data = transfer.export_session(store, code, include_secrets=True, include_rejected=True)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            write_atomic(path, json.dumps(data, ensure_ascii=False))
        except OSError as exc:  # nothing deleted: the transaction has not written yet
            raise WorkbenchError("delete_cannot_save", path=str(path), why=exc.strerror or str(exc)) from None
        transfer.delete_session(store, code)
    return {"session": session, "path": path, "counts": transfer.kind_counts(data["tables"])}


def counts(store, code: str) -> dict:
    """How much a session holds, by kind (`SUMMARY`): what a deletion would take away."""
    with store.read() as c:
        return transfer.kind_counts(transfer.session_tables(c, store.session(code)["code"]))
