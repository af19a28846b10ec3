"""Registration for an event with consent to the processing of personal data (152-ФЗ), check-in
at the door, and a person's data on request (export, deletion).

A person registers on a phone-sized page (name, territory, organisation, sector; e-mail and
phone optional) and must tick the consent: its exact text and the time are stored with the
registration. The confirmation shows a QR code; staff, logged in, open its link at the door
and the person is checked in. Checked-in registrations are attendance for the network analysis
(`workbench.network.store_import`), next to the participants who joined the session on a phone;
the analysis's name matching (confirmed by staff) makes one registry of people across events.

>>> from workbench.store import Store
>>> store = Store.open_url("sqlite://")
>>> code = store.create_session("Модуль 1", code="MOD001")
>>> reg = register(store, code, {"name": " Анна  Белова ", "sector": "ngo", "consent": True})
>>> check_in(store, reg["token"])["name"]
'Анна Белова'
>>> [r["name"] for r in person_data(store, "анна белова")["registrations"]]
['Анна Белова']
>>> [(r["name"], r["checked_in_at"] is not None) for r in registration_list(store, code)]
[('Анна Белова', True)]
>>> forget_person(store, "Анна Белова")["registrations"]
1
"""

from __future__ import annotations

import datetime
import re
import time
from pathlib import Path

from workbench.errors import NotFound, TooMany, WorkbenchError
from workbench.i18n import t
from workbench.session.lifecycle import check_open_id, open_session
from workbench.session.model import SECTORS, clean_field

CHECKIN_PATH = "checkin/"  # staff open BASE/checkin/TOKEN (the QR code) to check a person in
REGISTER_PATH = "reg/"  # people open BASE/reg/CODE to register
LIST_FIELDS = ("name", "territory", "organisation", "sector")
CONTACTS = ("email", "phone")  # shown to staff only where the `staff_see_contacts` setting allows
LIST_FORMATS = (".csv", ".xlsx")


def register_url(base: str, code: str) -> str:
    """The registration page of the event `code` on a server at `base` (the join link's base).

    >>> register_url("http://10.0.0.1:8866/", "KARGO1")
    'http://10.0.0.1:8866/reg/KARGO1'
    """
    return f"{base.rstrip('/')}/{REGISTER_PATH}{code}"


def consent_text(session: dict, lang: str = "ru") -> str:
    """The consent a person gives, with the event named: stored verbatim with the registration."""
    return t("reg_consent_text", lang, event=session["title"])


EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
PHONE = re.compile(r"\+?[0-9 ()\-.]+")


def check_contacts(email: str, phone: str) -> None:
    """An e-mail, when given, looks like one (a name, @, a domain with a dot); a phone number, when
    given, is digits (5 to 15) with spaces, brackets, dashes and a leading +.

    >>> check_contacts("anna@mail.ru", "+7 (900) 123-45-67")
    >>> for email, phone in (("не почта", ""), ("", "звоните")):
    ...     try:
    ...         check_contacts(email, phone)
    ...     except WorkbenchError as exc:
    ...         print(exc.key)
    reg_email_invalid
    reg_phone_invalid
    """
    if email and not EMAIL.fullmatch(email):
        raise WorkbenchError("reg_email_invalid")
    digits = sum(ch.isdigit() for ch in phone)
    if phone and not (PHONE.fullmatch(phone) and 5 <= digits <= 15):
        raise WorkbenchError("reg_phone_invalid")


DUPLICATE_WINDOW = 10 * 60  # seconds: the same form sent again within it is the same registration
REQUEST_ID = re.compile(r"[A-Za-z0-9_-]{16,64}")


def request_token(session_id: int, request_id: str) -> str:
    """The check-in token of the registration a form with `request_id` makes: derived from the
    request, so the same form sent again (a reload, a retry) finds it, as a phone's join does
    (`workbench.store.request_token`). The request id is as secret as the token.

    >>> a = request_token(1, "k3v9x0q2m7w5b8n1")
    >>> len(a), a == request_token(1, "k3v9x0q2m7w5b8n1"), a == request_token(2, "k3v9x0q2m7w5b8n1")
    (32, True, False)
    """
    import base64
    import hashlib

    digest = hashlib.sha256(f"workbench-registration/{session_id}/{request_id}".encode()).digest()
    return base64.urlsafe_b64encode(digest[:24]).decode()


def _digits(phone: str) -> str:
    return "".join(ch for ch in phone or "" if ch.isdigit())[-10:]  # +7 900… and 8 900… alike


def same_form(a: dict, b: dict) -> bool:
    """Two registrations are the same form sent twice: the same name (`name_words`) and the same
    e-mail and phone, and where given the same territory and organisation (any case, ё as е).

    >>> same_form({"name": "Лидия Зуева", "phone": "+7 911 000-00-00", "email": ""},
    ...           {"name": "лидия  зуева", "phone": "8 (911) 000 00 00", "email": ""})
    True
    >>> same_form({"name": "Лидия Зуева", "territory": "Емца"}, {"name": "Лидия Зуева", "territory": "Самодед"})
    False
    """
    from workbench.session.model import territory_key

    return (name_words(a["name"]) == name_words(b["name"]) and _fold(a.get("email")) == _fold(b.get("email"))
            and _digits(a.get("phone")) == _digits(b.get("phone"))
            and territory_key(a.get("territory")) == territory_key(b.get("territory"))
            and _fold(a.get("organisation")) == _fold(b.get("organisation")))


def register(store, code: str, data: dict, lang: str = "ru", limit=None, request_id: str | None = None) -> dict:
    """Register a person for the session (event) `code`; refused without explicit consent, or
    with an e-mail or phone that is none (`check_contacts`). `limit()` raises when the client's
    address registers too often (a form sent in a loop: `reg_too_many`); a form refused for
    what it holds costs nothing. The same form sent again, with its `request_id` (a reload of
    the answer) or identical within `DUPLICATE_WINDOW` (`same_form`), is the registration it
    made: nothing new is stored and it costs nothing. Returns `{"token": the check-in token,
    "name", "again": True for a form sent again}`.

    >>> from workbench.store import Store
    >>> store = Store.open_url("sqlite://")
    >>> code = store.create_session("Модуль 1", code="MOD003")
    >>> first = register(store, code, {"name": "Тимофей Рябов", "consent": True}, request_id="r" * 16)
    >>> again = register(store, code, {"name": "Тимофей Рябов", "consent": True}, request_id="r" * 16)
    >>> same = register(store, code, {"name": "тимофей рябов", "consent": True})
    >>> first["token"] == again["token"] == same["token"], again["again"], len(store.registrations())
    (True, True, 1)
    """
    session = open_session(store, code)  # an archived session's form takes no one
    if data.get("consent") is not True:
        raise WorkbenchError("reg_consent_required")
    person = {k: clean_field(k, data.get(k)) for k in ("name", "territory", "organisation", "email", "phone")}
    if not person["name"]:
        raise WorkbenchError("reg_name_required")
    sector = data.get("sector") or ""
    if sector not in ("", *SECTORS):
        raise WorkbenchError("bad_request", detail="sector")
    check_contacts(person["email"], person["phone"])
    if request_id is not None and not REQUEST_ID.fullmatch(request_id):
        raise WorkbenchError("bad_request", detail="request")
    token = request_token(session["id"], request_id) if request_id else None
    with store.transaction():
        made = store.registration_by_token(token) if token else None
        if made is None:
            since = time.time() - DUPLICATE_WINDOW
            made = next((r for r in reversed(store.registrations(session["id"]))
                         if r["created_at"] >= since and same_form(r, person)), None)
        if made is not None and made["session_id"] == session["id"]:
            return {"token": made["checkin_token"], "name": made["name"], "again": True}
        if limit is not None:
            try:
                limit()
            except TooMany as exc:
                raise TooMany("reg_too_many", **exc.params) from None
        row = store.add_registration(session["id"], {**person, "sector": sector}, consent_text(session, lang), token)
    return {"token": row["checkin_token"], "name": row["name"], "again": False}


def delete_registrations(store, code: str, registration_ids: list[int]) -> int:
    """Delete several registrations of the event `code` at once (a form sent in a loop); how many
    went. Ids of another event's registrations are left alone."""
    if not registration_ids:
        raise WorkbenchError("reg_pick_none")
    session = store.session(code)
    wanted = set(registration_ids)
    with store.transaction():
        mine = [r["id"] for r in store.registrations(session["id"]) if r["id"] in wanted]
        return store.forget_registrations(mine)


def registration_choices(store, code: str, lang: str = "ru") -> list[tuple[str, int]]:
    """This event's registrations as a staff list picks them: («name · registered HH:MM», id),
    newest first (a burst of junk is at the top)."""
    rows = store.registrations(store.session(code)["id"])
    return [(f"{r['name']} · {t('reg_col_registered', lang)} {_when(r['created_at'])}", r["id"])
            for r in sorted(rows, key=lambda r: (-r["created_at"], -r["id"]))]


def registered(store, code: str, token: str) -> tuple[dict, dict]:
    """(the session, the registration) the answer page of a registration shows (`/reg/CODE/TOKEN`):
    NotFound for a token not of this session, `SessionArchived` once the session is archived."""
    session = open_session(store, code)
    reg = store.registration_by_token(token)
    if reg is None or reg["session_id"] != session["id"]:
        raise NotFound("registration_unknown")
    return session, reg


def check_in(store, token: str) -> dict:
    """Check a registered person in (again: nothing changes, `already` says so); their
    registration. The QR code of an archived session's registration checks no one in."""
    reg = store.registration_by_token(token)
    if reg is not None:
        check_open_id(store, reg["session_id"])
    return store.check_in(token)


def _registration(store, code: str, registration_id: int) -> dict:
    session = store.session(code)
    row = next((r for r in store.registrations(session["id"]) if r["id"] == registration_id), None)
    if row is None:
        raise NotFound("registration_unknown")
    return row


def check_in_by_id(store, code: str, registration_id: int) -> dict:
    """Staff check a person in by name from the list (no QR at hand); again: nothing changes
    (`already`). Their registration."""
    return check_in(store, _registration(store, code, registration_id)["checkin_token"])


def undo_check_in(store, code: str, registration_id: int) -> dict:
    """Take back a check-in made by mistake (the wrong row); the registration, not checked in."""
    row = _registration(store, code, registration_id)
    store.set_checked_in(row["id"], None)
    return {**row, "checked_in_at": None}


def find_registrations(store, code: str, query: str = "") -> list[dict]:
    """The event's registrations whose name holds what staff typed (any case, ё as е, each word
    the start of a word of the name, in any order), by name: the door's list, where a person
    without their QR code is checked in by name.

    >>> from workbench.store import Store
    >>> store = Store.open_url("sqlite://")
    >>> code = store.create_session("Модуль 1", code="MOD004")
    >>> for name in ("Сергей Попов", "Лидия Зуева", "Пётр Попов"):
    ...     _ = register(store, code, {"name": name, "consent": True})
    >>> [r["name"] for r in find_registrations(store, code, "поп")], len(find_registrations(store, code))
    (['Пётр Попов', 'Сергей Попов'], 3)
    >>> [r["name"] for r in find_registrations(store, code, "петр п")]
    ['Пётр Попов']
    """
    wanted = sorted(name_words(query))
    rows = store.registrations(store.session(code)["id"])
    found = [r for r in rows if all(any(w.startswith(q) for w in name_words(r["name"])) for q in wanted)]
    return sorted(found, key=lambda r: (" ".join(sorted(name_words(r["name"]))), r["id"]))


def clock(at: float) -> str:
    """A time of day as the door says it: «9:41» (local time, no leading zero)."""
    tm = time.localtime(at)
    return f"{tm.tm_hour}:{tm.tm_min:02d}"


def name_words(name: str) -> frozenset:
    """A name's words as the door and the phones are matched by: any case, ё as е, any order.

    >>> name_words("Попов  Сергей") == name_words("сергей ПОПОВ"), sorted(name_words("Пётр"))
    (True, ['петр'])
    """
    return frozenset("".join(c if c.isalnum() else " " for c in (name or "").casefold().replace("ё", "е")).split())


def _one_person(a: frozenset, b: frozenset) -> bool:
    """The same person: the same words, or a full name and a shorter one of two words or more
    in it («Ирина Кузнецова» and «Ирина Васильевна Кузнецова»)."""
    return bool(a) and bool(b) and (a == b or (min(len(a), len(b)) >= 2 and (a <= b or b <= a)))


def at_the_door(participants: list[dict], registrations: list[dict]) -> list[dict]:
    """The registrations checked in at the door whose person did not join on a phone: one each.
    A registration a phone joined from («Войти в сессию» on its answer: `joined_as`) is that
    phone's person, whatever name the phone gave; the others are matched by name (`name_words`:
    any case, ё as е, any order; a two-word name in a longer one). A phone participant stands for
    one registration at most; several checked-in registrations of one name are one person.
    A phone that typed another name without coming from its registration cannot be told apart
    from someone else: it counts as its own person.

    >>> phones = [{"id": 1, "name": "Ирина Кузнецова"}, {"id": 2, "name": "Сергей Попов"}, {"id": 3, "name": "Ира"}]
    >>> regs = [{"name": n, "checked_in_at": at, "joined_as": ja} for n, at, ja in (
    ...         ("Ирина Васильевна Кузнецова", 1.0, None), ("Попов Сергей", 2.0, None), ("Лидия Зуева", 3.0, None),
    ...         ("лидия зуева", 4.0, None), ("Дмитрий Ершов", None, None), ("Ираида Соколова", 5.0, 3))]
    >>> [r["name"] for r in at_the_door(phones, regs)]
    ['Лидия Зуева']
    """
    position = {p.get("id"): i for i, p in enumerate(participants)}
    free = [name_words(p.get("name")) for p in participants]
    checked = [(r, name_words(r["name"])) for r in registrations if r.get("checked_in_at") is not None]
    matched: set[int] = set()
    for i, (r, _words) in enumerate(checked):  # joined from the registration's answer: one person
        if r.get("joined_as") is not None and r["joined_as"] in position:
            free[position[r["joined_as"]]] = frozenset()
            matched.add(i)
    # exact names first, so «Анна Белова» on a phone takes «Анна Белова» at the door, not a longer one
    for same in (lambda a, b: bool(a) and a == b, _one_person):
        for i, (_r, words) in enumerate(checked):
            hit = None if i in matched else next((j for j, f in enumerate(free) if same(words, f)), None)
            if hit is not None:
                free[hit] = frozenset()  # a phone stands for one registration
                matched.add(i)
    # a person registered twice (another phone number) and on a phone is counted with the phone
    out, seen = [], [words for i, (_r, words) in enumerate(checked) if i in matched]
    for i, (r, words) in enumerate(checked):
        if i not in matched and not any(_one_person(words, s) or words == s for s in seen):
            out.append(r)
            seen.append(words)
    return out


def attendance(store, code: str) -> dict:
    """Who was in the room at the event `code`: the people who joined on a phone (paper ballots
    are votes, not people) and those checked in at the door who did not (`at_the_door`).
    `people`: their rows (name, territory, organisation, sector; a row from the door has
    `at_door`), for counts by territory and sector; and the counts: `total`, `phones`, `door`
    (checked in without a phone), `registered`, `checked_in`.

    >>> from workbench.store import Store
    >>> store = Store.open_url("sqlite://")
    >>> code = store.create_session("Модуль 1", code="MOD002")
    >>> _ = store.join(store.session(code)["id"], name="Анна Белова")
    >>> for name in ("Анна Белова", "Олег Смирнов", "Вера Петрова"):
    ...     reg = register(store, code, {"name": name, "consent": True})
    ...     _ = check_in(store, reg["token"]) if name != "Вера Петрова" else None
    >>> came = attendance(store, code)
    >>> {k: came[k] for k in ("total", "phones", "door", "registered", "checked_in")}
    {'total': 2, 'phones': 1, 'door': 1, 'registered': 3, 'checked_in': 2}
    """
    from workbench.session.model import people

    session = store.session(code)
    phones = people(store.participants(session["id"]))
    regs = store.registrations(session["id"])
    door = [{**{k: r[k] for k in LIST_FIELDS}, "at_door": True, "created_at": r["checked_in_at"]}
            for r in at_the_door(phones, regs)]
    return {"people": phones + door, "phones": len(phones), "door": len(door), "total": len(phones) + len(door),
            "registered": len(regs), "checked_in": sum(r["checked_in_at"] is not None for r in regs)}


def joined_from(store, session_id: int, token, participant_id: int) -> bool:
    """A phone joined from a registration's answer («Войти в сессию»: the link carries its check-in
    `token`): that registration's person is this participant in the counts from now on, whatever
    name the phone gives (`at_the_door`). A token of no registration of this session changes
    nothing (an old link, another event's): the join goes on. Whether it was linked."""
    if not isinstance(token, str) or not token or len(token) > 64:
        return False
    reg = store.registration_by_token(token)
    if reg is None or reg["session_id"] != session_id:
        return False
    store.set_joined_as(reg["id"], participant_id)
    return True


def people_count(store, code: str) -> int:
    """How many people were in the room at the event `code`: phones plus the door
    (`attendance`'s `total`). The one number every screen says: the control view's headline,
    the review panel, the display, the protocol and `workbench sessions`."""
    return attendance(store, code)["total"]


def _fold(text) -> str:
    """A text as staff compare it: any case, ё as е, spaces collapsed."""
    return " ".join((text or "").casefold().replace("ё", "е").split())


def _same(a: str, b: str) -> bool:
    return _fold(a) == _fold(b)


def _matches(row: dict, query: str) -> bool:
    q = (query or "").strip()
    return bool(q) and (_same(row.get("name", ""), q) or _same(row.get("email", ""), q)
                        or _same(row.get("phone", ""), q))


def person_data(store, query: str) -> dict:
    """Everything the store holds about a person (by name, e-mail or phone, any case): their
    registrations (with the consent given) and the sessions they joined with that name."""
    if not (query or "").strip():
        raise WorkbenchError("reg_query_empty")
    sessions = {s["id"]: s for s in store.list_sessions()}
    regs = [{**{k: r[k] for k in ("name", "territory", "organisation", "sector", "email", "phone",
                                  "consent_text", "consent_at", "checked_in_at")},
             "session": sessions[r["session_id"]]["code"]}
            for r in store.registrations() if _matches(r, query)]
    joined = [{**{k: p[k] for k in ("name", "territory", "organisation", "sector", "created_at")},
               "session": s["code"]}
              for s in sessions.values() for p in store.participants(s["id"]) if _matches(p, query)]
    return {"query": query, "registrations": regs, "participants": joined}


def near_names(query: str, names: list[str], n: int = 3) -> list[str]:
    """Up to `n` names close to a mistyped one (any case, ё as е), closest first.

    >>> near_names("Анна Белва", ["Анна Белова", "Олег Смирнов", "анна белова", ""])
    ['Анна Белова']
    """
    from difflib import get_close_matches

    by_key: dict[str, str] = {}
    for name in names:
        if _fold(name):
            by_key.setdefault(_fold(name), name)
    return [by_key[k] for k in get_close_matches(_fold(query), list(by_key), n=n, cutoff=0.75)]


def forget_person(store, query: str) -> dict:
    """Delete a person's registrations and blank their name, territory and organisation where
    they joined a session (their anonymous cards and votes stay). Returns the counts; NotFound
    (with the names close to it, if any) when no one matches: nothing is changed."""
    if not (query or "").strip():
        raise WorkbenchError("reg_query_empty")
    registrations = store.registrations()
    everyone = [p for s in store.list_sessions() for p in store.participants(s["id"])]
    regs = [r["id"] for r in registrations if _matches(r, query)]
    people = [p["id"] for p in everyone if _matches(p, query)]
    if not regs and not people:  # a mistyped name deletes nothing and says so
        near = near_names(query, [r["name"] for r in registrations] + [p["name"] for p in everyone])
        if near:
            raise NotFound("person_unknown_near", query=query.strip(), near=", ".join(near))
        raise NotFound("person_unknown", query=query.strip())
    with store.transaction():
        n_regs = store.forget_registrations(regs)
        n_people = store.blank_participants(people)
    return {"registrations": n_regs, "participants": n_people}


def registration_list(store, code: str, contacts: bool = False) -> list[dict]:
    """Who registered for the event `code`, oldest first: name, territory, organisation, sector,
    `registered_at` and `checked_in_at` (seconds since the epoch; None: not checked in). E-mail
    and phone only with `contacts` (staff may see them: the `staff_see_contacts` setting);
    without it the rows do not hold them at all."""
    session = store.session(code)
    keys = LIST_FIELDS + (CONTACTS if contacts else ())
    return [{**{k: r[k] for k in keys}, "registered_at": r["created_at"], "checked_in_at": r["checked_in_at"]}
            for r in store.registrations(session["id"])]


def _when(at) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(at))


def registration_table(store, code: str, lang: str = "ru", contacts: bool = False, shown: bool = False):
    """`registration_list` for people to read, as a pandas DataFrame: headings in `lang`, the
    sector named, local times "YYYY-MM-DD HH:MM" (a file's cells sort by them) or, `shown`, as the
    rest of the CLI writes dates (`dates.shown_moment`: «06.12.2026 14:30», "6 December 2026 14:30"),
    "нет" for someone not checked in yet.

    >>> from workbench.store import Store
    >>> store = Store.open_url("sqlite://")
    >>> code = store.create_session("Модуль 2")
    >>> _ = register(store, code, {"name": "Олег", "sector": "tos", "phone": "+7 900 123-45-67", "consent": True})
    >>> table = registration_table(store, code)
    >>> list(table.columns)
    ['Имя', 'Населённый пункт', 'Организация', 'Сфера', 'Зарегистрирован(а)', 'Отмечен(а) на входе']
    >>> table.iloc[0, [0, 3, 5]].tolist()
    ['Олег', 'ТОС', 'нет']
    >>> "Телефон" in registration_table(store, code, contacts=True).columns
    True
    """
    import pandas as pd

    heading = {"name": "field_name", "territory": "field_territory", "organisation": "field_organisation",
               "sector": "field_sector", "email": "reg_col_email", "phone": "reg_phone",
               "registered_at": "reg_col_registered", "checked_in_at": "reg_col_checked_in"}
    from workbench.dates import shown_moment

    def when(at):
        return shown_moment(datetime.datetime.fromtimestamp(at), lang) if shown else _when(at)

    cell = {"sector": lambda v: t(f"sector_{v}", lang) if v else "",
            "registered_at": when,
            "checked_in_at": lambda v: t("reg_not_checked_in", lang) if v is None else when(v)}
    keys = (*LIST_FIELDS, *(CONTACTS if contacts else ()), "registered_at", "checked_in_at")
    rows = [[cell.get(k, lambda v: v)(r[k]) for k in keys] for r in registration_list(store, code, contacts)]
    return pd.DataFrame(rows, columns=[t(heading[k], lang) for k in keys])


def export_registrations(store, code: str, path, lang: str = "ru", contacts: bool = False) -> Path:
    """Write `registration_table` to `path`, CSV or XLSX by its suffix, through
    `workbench.tableio` (a name that looks like a formula stays text; the file is whole or absent)."""
    from workbench.tableio import write_csv, write_xlsx

    path = Path(path)
    if path.suffix.lower() not in LIST_FORMATS:
        raise WorkbenchError("bad_request", detail=f"{path.name}: a .csv or .xlsx file")
    table = registration_table(store, code, lang, contacts)
    if path.suffix.lower() == ".csv":
        return write_csv(table, path, lang)
    return write_xlsx(table, path, t("reg_list_title", lang))
