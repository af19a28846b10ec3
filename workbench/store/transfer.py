"""Every row of one session, out of a store and into another (SQLite or PostgreSQL).

The export is plain JSON: for each table, its rows as they are in the store. The import gives
every row a new id in the target store (other sessions may already use those ids) and rewrites
every reference to it, all in one transaction: either the whole session arrives or nothing
(with `replace=True`, the old session's removal is in that transaction too: a bad file, a full
disk or an interrupted import leaves the session as it was).

Participants' device tokens are their secret: an export leaves them out unless asked
(`include_secrets=True`); an import without them gives every participant a new token, so
their phones join again as new participants.

>>> from workbench.store import Store
>>> a, b = Store.open_url("sqlite://"), Store.open_url("sqlite://")
>>> code = a.create_session("Демо")
>>> data = export_session(a, code)
>>> import_session(b, data) == code and len(b.stages(b.session(code)["id"])) == 6
True
"""

from __future__ import annotations

import secrets
import time

import sqlalchemy as sa

from workbench.errors import InputError, Text
from workbench.store.schema import meta, metadata

FORMAT = "workbench-session"
FORMAT_VERSION = 1

# Which tables belong to a session, in an order where each row's parent comes first:
# (table, column that ties it to its parent, parent table). A new table must be added here;
# a test fails while one is missing.
PLAN = [
    ("sessions", None, None),
    ("stages", "session_id", "sessions"),
    ("participants", "session_id", "sessions"),
    ("cards", "session_id", "sessions"),
    ("votes", "stage_id", "stages"),
    ("unvotes", "stage_id", "stages"),
    ("ratings", "stage_id", "stages"),
    ("comparisons", "stage_id", "stages"),
    ("rankings", "stage_id", "stages"),
    ("statement_votes", "stage_id", "stages"),
    ("team_members", "stage_id", "stages"),
    ("shortlist_groups", "stage_id", "stages"),
    ("drafts", "session_id", "sessions"),
    ("draft_status_log", "draft_id", "drafts"),
    ("consultations", "draft_id", "drafts"),
    ("public_pages", "session_id", "sessions"),
    ("team_links", "draft_id", "drafts"),
    ("draft_comments", "draft_id", "drafts"),
    ("draft_field_history", "draft_id", "drafts"),
    ("review_criteria", "session_id", "sessions"),
    ("reviews", "session_id", "sessions"),
    ("review_scores", "review_id", "reviews"),
    ("registrations", "session_id", "sessions"),
]
NOT_PER_SESSION = {"meta", "card_vectors", "limits"}  # card_vectors: a cache; limits: counters
# Left out of an export unless `include_secrets`; an import without them makes new ones.
SECRETS = {("participants", "token"), ("public_pages", "token"), ("team_links", "token"),
           ("registrations", "checkin_token")}


class TransferError(InputError):
    """A file that is not a session export, or a session already in the store: a catalogue key
    and its parameters, worded by `message(lang)`."""
# References the schema does not declare as foreign keys: (table, column) -> table.
EXTRA_REFS = {
    ("sessions", "current_stage_id"): "stages",
    ("sessions", "display_stage_id"): "stages",
    ("stages", "target_stage_id"): "stages",
    ("stages", "source_stage_id"): "stages",
    ("cards", "merged_into"): "cards",
    ("cards", "group_id"): "cards",
}


def references() -> dict[tuple[str, str], str]:
    """(table, column) -> the table whose id it holds, declared or not."""
    refs = dict(EXTRA_REFS)
    for table in metadata.sorted_tables:
        for col in table.columns:
            for fk in col.foreign_keys:
                refs[(table.name, col.name)] = fk.column.table.name
    return refs


def _session_rows(c, code: str) -> dict[str, list[dict]]:
    tables = metadata.tables
    out: dict[str, list[dict]] = {}
    ids: dict[str, list[int]] = {}
    for name, column, parent in PLAN:
        t = tables[name]
        q = sa.select(t).order_by(t.c.id)
        if parent is None:
            q = q.where(t.c.code == code)
        else:
            if not ids[parent]:
                out[name], ids[name] = [], []
                continue
            q = q.where(t.c[column].in_(ids[parent]))
        rows = [dict(r._mapping) for r in c.execute(q).all()]
        out[name] = rows
        ids[name] = [r["id"] for r in rows]
    return out


def export_session(store, code: str, include_secrets: bool = False, include_rejected: bool = False) -> dict:
    """The session with this code, every row of every table, as a JSON-ready dict; without the
    participants' device tokens unless `include_secrets`, and without the cards the facilitator
    rejected in moderation (and anything that points to them) unless `include_rejected`."""
    from workbench.session.moderation import REJECTED
    from workbench.store import SCHEMA_VERSION

    code = store.session(code)["code"]  # NotFound for an unknown code
    with store.read() as c:
        tables = _session_rows(c, code)
    if not include_rejected:
        _drop(tables, "cards", {r["id"] for r in tables["cards"] if r.get("status") == REJECTED})
    if not include_secrets:
        for name, col in SECRETS:
            for row in tables[name]:
                row.pop(col, None)
    data = {"format": FORMAT, "format_version": FORMAT_VERSION, "schema_version": SCHEMA_VERSION,
            "exported_at": time.time(), "session": code, "tables": tables}
    settings = {}
    lang = store.display_lang(tables["sessions"][0]["id"])
    if lang is not None:  # the room's screen opens in the language it had (a `meta` row, not a table)
        settings["display_lang"] = lang
    opened = store.review_opened_at(tables["sessions"][0]["id"])
    if opened is not None:  # a peer review open on the laptop stays open where it is imported
        settings["review_opened_at"] = opened
    if settings:
        data["settings"] = settings
    return data


def _drop(tables: dict[str, list[dict]], name: str, ids: set) -> None:
    """Leave rows `ids` of table `name` out, and every row that points to a row left out (a
    reference the schema does not declare, such as a card's group, becomes empty instead)."""
    gone = {name: set(ids)}
    refs = references()
    while True:
        changed = False
        for (table, col), target in refs.items():
            if table not in tables or not gone.get(target):
                continue
            keep = []
            for row in tables[table]:
                if row.get(col) in gone[target]:
                    if (table, col) in EXTRA_REFS:
                        row[col] = None
                    else:
                        gone.setdefault(table, set()).add(row["id"])
                        changed = True
                        continue
                keep.append(row)
            tables[table] = keep
        tables[name] = [r for r in tables[name] if r["id"] not in gone[name]]
        if not changed:
            return


def delete_session(store, code: str) -> None:
    """Remove a session and everything that belongs to it (children first), its display's
    language too."""
    from workbench.store import display_lang_key
    from workbench.store.reviews import review_open_key

    tables = metadata.tables
    with store.write() as c:
        rows = _session_rows(c, code)
        for name, _, _ in reversed(PLAN):
            ids = [r["id"] for r in rows[name]]
            if name == "sessions":  # stages point back at the session's current stage
                c.execute(sa.update(tables[name]).where(tables[name].c.id.in_(ids))
                          .values(current_stage_id=None, display_stage_id=None))
                # A later session may get the same id: it must not inherit the display's language.
                c.execute(sa.delete(meta).where(meta.c.key.in_([display_lang_key(i) for i in ids]
                                                                + [review_open_key(i) for i in ids])))
            if ids:
                c.execute(sa.delete(tables[name]).where(tables[name].c.id.in_(ids)))


def _upgrade(data: dict) -> dict:
    """The tables of an export, with the names of today's schema: files written before schema 5
    call cards `contributions` and their references `contribution_id`.

    >>> _upgrade({"schema_version": 4, "tables": {"contributions": [{"id": 1}],
    ...                                           "votes": [{"contribution_id": 1}]}})
    {'cards': [{'id': 1}], 'votes': [{'card_id': 1}]}
    """
    tables = data["tables"]
    if int(data.get("schema_version", 0)) >= 5:
        return tables
    renamed = {("cards" if name == "contributions" else name): rows for name, rows in tables.items()}
    return {name: [{("card_id" if k == "contribution_id" else k): v for k, v in row.items()} for row in rows]
            for name, rows in renamed.items()}


MAX_ROWS = 5_000_000  # rows in one file: far above any session, below a memory bomb


def _checked(data) -> dict[str, list[dict]]:
    """The tables of an export, checked before the store is touched: the format, the schema
    version, one session row with its code, every table a list of rows, every reference to a
    row of the file. Raises TransferError with one line saying what is wrong."""
    from workbench.store import SCHEMA_VERSION

    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise TransferError("transfer_not_export")
    version = data.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise TransferError("transfer_bad_version", max=SCHEMA_VERSION, value=Text("quoted", value=str(version)[:40]))
    if version > SCHEMA_VERSION:
        raise TransferError("transfer_newer", version=version)
    # The layout of the file itself: a later workbench may write it so that this one would misread
    # it without a word. (A file without one is from before the field: the first layout.)
    layout = data.get("format_version", 1)
    if isinstance(layout, bool) or not isinstance(layout, int) or layout < 1:
        raise TransferError("transfer_bad_format_version", max=FORMAT_VERSION,
                            value=Text("quoted", value=str(layout)[:40]))
    if layout > FORMAT_VERSION:
        raise TransferError("transfer_newer_format", version=layout, max=FORMAT_VERSION)
    if not isinstance(data.get("tables"), dict) or not data["tables"]:
        raise TransferError("transfer_no_tables")
    src = _upgrade(data)
    known = {name for name, _, _ in PLAN}
    total = 0
    for name, rows in src.items():
        if name not in known:
            raise TransferError("transfer_unknown_table", name=Text("quoted", value=str(name)[:40]))
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise TransferError("transfer_not_rows", name=name)
        total += len(rows)
        if len({r.get("id") for r in rows}) != len(rows):
            raise TransferError("transfer_same_id", name=name)
        for i, row in enumerate(rows, start=1):
            if isinstance(row.get("id"), bool) or not isinstance(row.get("id"), int):
                raise TransferError("transfer_bad_id", name=name, row=i)
    if total > MAX_ROWS:
        raise TransferError("transfer_too_many", n=total, max=MAX_ROWS)
    sessions = src.get("sessions", [])
    if len(sessions) != 1 or not isinstance(sessions[0].get("code"), str) or not sessions[0]["code"]:
        raise TransferError("transfer_one_session")
    ids = {name: {r["id"] for r in rows} for name, rows in src.items()}
    for (name, col), target in references().items():
        for i, row in enumerate(src.get(name, []), start=1):
            ref = row.get(col)
            if ref is not None and ref not in ids.get(target, ()):
                raise TransferError("transfer_bad_ref", name=name, row=i, column=col, ref=str(ref)[:20],
                                    target=target)
    return src


def import_session(store, data: dict, replace: bool = False, as_code: str | None = None) -> str:
    """Add an exported session to this store under new ids; return its code.

    A session with the same code already there is refused, or replaced with `replace=True`.
    Everything (the checks, the removal of the old session, the new rows) is one transaction:
    a file that fails anywhere changes nothing. Participants without a token (an export without
    secrets) get new ones, unless the session being replaced has them (see `import_session_report`).
    """
    return import_session_report(store, data, replace, as_code)["code"]


def import_session_report(store, data: dict, replace: bool = False, as_code: str | None = None) -> dict:
    """`import_session`, saying what happened to the session's links: `{"code", "tokens": {table:
    {"kept": n, "new": n}}}` for the tables of `SECRETS` whose rows came without their token.

    A row without its token (an export without secrets) keeps the token the replaced session's
    same row had in this store (the same row: its `created_at`, copied by every move, matches one
    row of the old session and one of the file), so moving a session back and forth does not lock
    out the teams, the public page's readers, the registered people's QR codes or the phones
    holding links this store gave out. Any other such row gets a new token: its old link, made
    by another store, does not open here.

    `as_code`: the file's session arrives under this code instead, beside the one of its own code
    (to compare them); the copy gets links of its own (every token new), so the links handed out
    keep opening the session they were made for.

    >>> from workbench.store import Store
    >>> from workbench.drafts import create_draft
    >>> from workbench.session import team_links
    >>> a, b = Store.open_url("sqlite://"), Store.open_url("sqlite://")
    >>> code = a.create_session("Демо")
    >>> _ = team_links.team_link(a, create_draft(a, a.session(code)["id"], {"title": "Школа"}))
    >>> import_session_report(b, export_session(a, code))["tokens"]["team_links"]
    {'kept': 0, 'new': 1}
    >>> link = team_links.team_link(b, b.drafts(b.session(code)["id"])[0]["id"])["token"]
    >>> import_session_report(b, export_session(a, code), replace=True)["tokens"]["team_links"]
    {'kept': 1, 'new': 0}
    >>> b.draft_by_team_token(link)["title"]
    'Школа'
    """
    src = _checked(data)
    settings = _settings(data)
    if as_code is not None:
        src = dict(src, sessions=[dict(src["sessions"][0], code=as_code)])
    code = src["sessions"][0]["code"]
    tokens: dict[str, dict[str, int]] = {}
    try:
        with store.transaction():
            session_id = _import(store, src, code, replace, tokens, fresh=as_code is not None)
            if settings.get("display_lang"):
                store.set_display_lang(session_id, settings["display_lang"])
            if settings.get("review_opened_at") is not None:
                store.set_review_open(session_id, settings["review_opened_at"])
    except TransferError:
        raise  # already worded (e.g. the session is there): not "a value does not fit"
    except sa.exc.SQLAlchemyError as exc:
        first = str(getattr(exc, "orig", None) or exc).strip().splitlines()
        raise TransferError("transfer_does_not_fit", detail=first[0][:200] if first else type(exc).__name__) from None
    except (TypeError, ValueError, OverflowError, RecursionError) as exc:
        raise TransferError("transfer_value_does_not_fit", detail=str(exc)[:200]) from None
    return {"code": code, "tokens": tokens}


def _settings(data: dict) -> dict:
    """The session's settings kept outside its tables (the display's language, when the peer
    review was opened), checked.

    >>> _settings({"settings": {"display_lang": "en", "review_opened_at": 1700000000.5}}), _settings({})
    ({'display_lang': 'en', 'review_opened_at': 1700000000.5}, {})
    """
    from workbench.i18n import LANGS

    settings = data.get("settings", {})
    if not isinstance(settings, dict):
        raise TransferError("transfer_settings_object")
    lang = settings.get("display_lang")
    if lang is not None and lang not in LANGS:
        raise TransferError("transfer_display_lang", choices=", ".join(LANGS), value=Text("quoted", value=str(lang)[:20]))
    out = {"display_lang": lang} if lang else {}
    opened = settings.get("review_opened_at")
    if opened is not None:
        if isinstance(opened, bool) or not isinstance(opened, (int, float)) or not 0 <= opened < 1e11:
            raise TransferError("transfer_review_opened_at", value=Text("quoted", value=str(opened)[:20]))
        out["review_opened_at"] = float(opened)
    return out


def _by_created_at(rows: list[dict]) -> dict:
    """Rows by their `created_at`, for the times that only one row has."""
    seen: dict = {}
    for row in rows:
        seen.setdefault(row.get("created_at"), []).append(row)
    return {at: found[0] for at, found in seen.items() if at is not None and len(found) == 1}


def _import(store, src: dict, code: str, replace: bool, tokens: dict, fresh: bool = False) -> int:
    """Write the file's rows under new ids; the new session's id. `tokens` gets, per table of
    `SECRETS`, how many rows without a token kept the replaced session's and how many got new ones
    (`fresh`: every row gets a new token, the file's own too)."""
    tables = metadata.tables
    refs = references()
    with store.read() as c:
        exists = c.execute(sa.select(tables["sessions"].c.id).where(
            tables["sessions"].c.code == code)).first() is not None
        old = _session_rows(c, code) if exists else {}
    if exists:
        if not replace:
            raise TransferError("transfer_exists", code=code)
        delete_session(store, code)
    # The tokens this store gave out for the replaced session's rows, by the row's created_at.
    known = {(name, col): {at: row[col] for at, row in _by_created_at(old.get(name, [])).items()}
             for name, col in SECRETS}
    new_ids: dict[str, dict[int, int]] = {name: {} for name, _, _ in PLAN}
    later: list[tuple[str, int, str, int]] = []  # (table, new id, column, old referenced id)
    done = set()
    with store.write() as c:
        for name, _, _ in PLAN:
            t = tables[name]
            rows = []
            unique = _by_created_at(src.get(name, []))
            for row in src.get(name, []):
                values = {k: v for k, v in row.items() if k in t.c and k != "id"}
                for table, column in SECRETS:
                    if table == name and fresh:
                        values.pop(column, None)
                    if table == name and not values.get(column):  # exported without secrets
                        kept = known[(table, column)].get(values.get("created_at"))
                        if kept and unique.get(values.get("created_at")) is row:
                            values[column] = kept
                        else:
                            values[column] = secrets.token_urlsafe(24)
                        count = tokens.setdefault(table, {"kept": 0, "new": 0})
                        if not (name == "participants" and values.get("on_paper")):  # a paper ballot has no phone
                            count["kept" if values[column] == kept else "new"] += 1
                for col in list(values):
                    target = refs.get((name, col))
                    if target is None or values[col] is None:
                        continue
                    if target in done:
                        values[col] = new_ids[target].get(values[col])
                    else:  # a row of this table or of a later one: filled in at the end
                        later.append((name, row["id"], col, values[col]))
                        values[col] = None
                rows.append(values)
            if rows:
                got = c.execute(sa.insert(t).returning(t.c.id, sort_by_parameter_order=True),
                                rows).scalars().all()
                new_ids[name] = {row["id"]: new for row, new in zip(src[name], got, strict=True)}
            done.add(name)
        for name, old_id, col, old_ref in later:
            t = tables[name]
            c.execute(sa.update(t).where(t.c.id == new_ids[name][old_id])
                      .values({col: new_ids[refs[(name, col)]].get(old_ref)}))
    return new_ids["sessions"][src["sessions"][0]["id"]]


# What a replace would drop: the rows of the session in this store that the file does not hold,
# by what a facilitator calls them. Rows are matched by `created_at`, which every move copies
# (ids differ from store to store); a kind is (table, which of its rows).
KINDS = {
    "cards": ("cards", lambda r: not r.get("is_group")),
    "groups": ("cards", lambda r: bool(r.get("is_group"))),
    "participants": ("participants", lambda r: not r.get("on_paper")),
    "paper_ballots": ("participants", lambda r: bool(r.get("on_paper"))),
    "votes": (("votes", "ratings", "comparisons", "rankings", "statement_votes"), None),
    "team_members": ("team_members", None),
    "drafts": ("drafts", None),
    "draft_comments": ("draft_comments", None),
    "consultations": ("consultations", None),
    "reviews": ("reviews", None),
    "registrations": ("registrations", None),
}
CARD_FIELDS = ("text", "category", "hidden", "status")  # a card edited, hidden or moderated here


def _kind_rows(tables: dict, kind: str) -> list[dict]:
    names, keep = KINDS[kind]
    names = (names,) if isinstance(names, str) else names
    return [r for name in names for r in tables.get(name, []) if keep is None or keep(r)]


def _missing(here: list[dict], there: list[dict]) -> list[dict]:
    """The rows of `here` that `there` lacks, matched by `created_at` (as often as it occurs)."""
    from collections import Counter

    left = Counter(r.get("created_at") for r in there)
    out = []
    for row in here:
        at = row.get("created_at")
        if left[at] > 0:
            left[at] -= 1
        else:
            out.append(row)
    return out


def _draft_fields_changed_here(here: dict, there: dict) -> int:
    """Fields of the drafts of both sides whose value in this store the file never had (neither
    as its value nor among the earlier values it kept): edited here after the export."""
    import json

    theirs = _by_created_at(there.get("drafts", []))
    n = 0
    for draft in here.get("drafts", []):
        other = theirs.get(draft.get("created_at"))
        if other is None:
            continue  # a draft made here: counted as a draft
        mine, their = json.loads(draft.get("fields") or "{}"), json.loads(other.get("fields") or "{}")
        seen = {(h["field"], h["value"]) for h in there.get("draft_field_history", [])
                if h.get("draft_id") == other["id"]}
        for field, value in mine.items():
            if value in (None, "", [], {}) or their.get(field) == value:
                continue
            if (field, json.dumps(value, ensure_ascii=False)) not in seen:
                n += 1
    return n


def _cards_changed_here(here: dict, there: dict) -> int:
    """Cards of both sides changed here since (text, category, hidden, moderation)."""
    theirs = _by_created_at(there.get("cards", []))
    n = 0
    for card in here.get("cards", []):
        other = theirs.get(card.get("created_at"))
        if other is None or card.get("updated_at", 0) <= other.get("updated_at", 0):
            continue
        if any(card.get(k) != other.get(k) for k in CARD_FIELDS):
            n += 1
    return n


def compare_session(store, data: dict, code: str | None = None) -> dict:
    """What importing `data` would do to the session of its code (or `code`) in this store, read
    in one transaction, nothing written: `{"code", "exists", "file": {kind: n}, "here": {kind: n},
    "lost": {kind: n}, "rejected_lost": n}`. `lost` counts what this store has and the file lacks
    (cards typed here after the export, rejected cards an export leaves out, votes, joined phones,
    drafts…), plus `card_edits` and `draft_fields`: cards and drafts' fields changed here since.

    >>> from workbench.store import Store
    >>> a, b = Store.open_url("sqlite://"), Store.open_url("sqlite://")
    >>> code = a.create_session("Демо"); s = a.session(code)
    >>> data = export_session(a, code)
    >>> _ = import_session(b, data)
    >>> _ = b.add_card(b.session(code)["id"], b.session(code)["current_stage_id"], "новая здесь")
    >>> found = compare_session(b, data)
    >>> found["exists"], found["lost"]["cards"], found["file"]["cards"], found["here"]["cards"]
    (True, 1, 0, 1)
    """
    from workbench.session.moderation import REJECTED

    src = _checked(data)
    code = (code or src["sessions"][0]["code"]).strip().upper()
    with store.read() as c:
        exists = c.execute(sa.select(metadata.tables["sessions"].c.id).where(
            metadata.tables["sessions"].c.code == code)).first() is not None
        here = _session_rows(c, code) if exists else {name: [] for name, _, _ in PLAN}
    lost = {kind: len(_missing(_kind_rows(here, kind), _kind_rows(src, kind))) for kind in KINDS}
    lost["card_edits"] = _cards_changed_here(here, src)
    lost["draft_fields"] = _draft_fields_changed_here(here, src)
    rejected = sum(1 for r in _missing(_kind_rows(here, "cards"), _kind_rows(src, "cards"))
                   if r.get("status") == REJECTED)
    return {"code": code, "exists": exists,
            "file": kind_counts(src), "here": kind_counts(here),
            "lost": lost, "rejected_lost": rejected}


def kind_counts(tables: dict) -> dict:
    """How many rows of each kind (`KINDS`) a session's tables hold."""
    return {kind: len(_kind_rows(tables, kind)) for kind in KINDS}


def session_tables(c, code: str) -> dict[str, list[dict]]:
    """Every row of the session `code`, by table (inside the caller's transaction `c`)."""
    return _session_rows(c, code)
