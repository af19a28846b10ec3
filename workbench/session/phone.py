"""A participant's phone: what it shows, and every action it can take.

The web handlers parse a request and call one function here; each action runs in one store
transaction (the session, the participant, the card, the checks and the write together).
Only what a participant may see leaves this module: no hidden card, no other participant's
identity.
"""

from __future__ import annotations

import hashlib
import json
import time

from workbench.errors import Conflict, NotFound, TooMany, WorkbenchError
from workbench.i18n import LANGS
from workbench.session import clock, facilitator, moderation, statements, teams, voting
from workbench.session.lifecycle import check_open
from workbench.session.model import accepts_cards, card_stage_id, stage_text
from workbench.session.wall import groups, members, votable


def join(store, code: str, data: dict, address: str | None = None, limit=None,
         max_participants: int | None = None, misses=None, device_limit=None) -> dict:
    """Join a session (or come back with the device's token).

    A phone that comes back with its token is never limited, nor is a join sent again with its
    `request_id` (its answer was lost: a 504, the connection dropped): it gets the participant the
    first copy made, never a second one with a second budget. A fresh join (a new participant,
    with a new budget of dots and cards) is refused when the session already has
    `max_participants`, and `limit(key)` raises when this client address joins this session too
    often (`key`: "SESSION_ID/ADDRESS"; a token bucket in the store, shared by every server
    process: a room behind one Wi-Fi NAT shares one address).

    `device_limit(key)` (same key) raises when the address is one phone (the laptop's Wi-Fi) and
    joins afresh more than a phone ever does (a second browser, a cleared one): a new token then
    costs it a wait («С этого устройства…»), not nothing.

    `data["borrowed"]` true with a known token: the page was opened from the control view's «Сел
    телефон» link (`facilitator.another_phone`); it is noted, and the control view takes the QR
    code down (`facilitator.borrowed_phone_came`).

    `misses` (a `SharedLimit`) throttles guessing session codes: each unknown code costs the
    address a token, and an address with none left gets 429 for every join that does not bring
    back a known participant, so the answer tells a guesser nothing about which codes exist.
    """
    token = data.get("token") if isinstance(data.get("token"), str) else None
    data = dict(data, request_id=join_request_id(data))
    guessing = misses is not None and address and misses.exhausted(address)
    try:
        with store.transaction():
            return _join(store, code, token, data, address, limit, max_participants, guessing, device_limit)
    except NotFound as exc:
        if exc.key != "session_unknown" or misses is None or not address:
            raise
        misses.check(address)  # its own transaction: the miss is counted though the join failed
        raise


def _join(store, code, token, data, address, limit, max_participants, guessing, device_limit=None) -> dict:
    """A join inside the caller's transaction (`guessing`: this address guessed too many codes)."""
    try:
        session = store.session(code)
    except NotFound:
        if guessing:
            raise TooMany("too_many", seconds=60) from None
        raise
    check_open(session)  # an archived session takes no one: the phone says it is over
    rid = data.get("request_id")
    back = bool(token) and store.has_participant(session["id"], token)
    if not back and rid:
        store.lock_session(session["id"])  # two copies of one join arriving at once: one participant
        back = store.participant_by_request(session["id"], rid) is not None
    if not back:
        if guessing:
            raise TooMany("too_many", seconds=60)
        if max_participants:
            store.lock_session(session["id"])
        if max_participants and store.count_participants(session["id"]) >= max_participants:
            raise Conflict("session_full", n=max_participants)
        if limit is not None and address:
            try:
                limit(f"{session['id']}/{address}")
            except TooMany as exc:
                raise TooMany("join_too_many", **exc.params) from None
        if device_limit is not None and address:
            try:
                device_limit(f"{session['id']}/{address}")
            except TooMany as exc:
                raise TooMany("join_too_many_device", **exc.params) from None
    p = store.join(session["id"], token=token, request_id=rid,
                   **{k: data.get(k) for k in ("name", "territory", "organisation", "sector")})
    if data.get("borrowed") is True and token and p["token"] == token:
        # the page opened from the control view's QR code («Сел телефон»): that code comes down
        store.note_borrowed_phone(p["id"])
    if data.get("registration"):  # from the registration's answer: the door's person is this phone
        from workbench.session.registration import joined_from

        joined_from(store, session["id"], data["registration"], p["id"])
    return {"token": p["token"], "participant": p["id"], "session": session["code"]}


def join_request_id(data: dict) -> str | None:
    """A join's `request_id` (optional): 16 to 64 characters, since the participant a fresh join
    makes gets a device token derived from it (`Store.participant_by_request`).

    >>> join_request_id({}), join_request_id({"request_id": "k3v9x0q2m7w5b8n1"})
    (None, 'k3v9x0q2m7w5b8n1')
    >>> join_request_id({"request_id": "abc"})
    Traceback (most recent call last):
    workbench.errors.WorkbenchError: bad_request
    """
    rid = voting.request_id(data)
    if rid is not None and len(rid) < 16:
        raise WorkbenchError("bad_request", detail="'request_id' of a join must be 16 to 64 characters")
    return rid


def about(store, code: str, address: str | None = None, misses=None, default_lang: str | None = None) -> dict:
    """What the join page says before anyone joins: which session this is (its code, title,
    territory and language: `lang`, see `session_language`; `default_lang`: the `lang` setting;
    `head`: its headline, as a state's). Guessing codes here is throttled as on join: an unknown code costs the address one
    of `misses`' tokens, and an address with none left gets 429 for every code."""
    if misses is not None and address and misses.exhausted(address):
        raise TooMany("too_many", seconds=60)
    try:
        session = store.session(code)
    except NotFound as exc:
        if exc.key == "session_unknown" and misses is not None and address:
            misses.check(address)
        raise
    check_open(session)
    # `head`: the session's headline, sent back with the join page's held poll (`GET …/join?wait=1`)
    return {"code": session["code"], "title": session["title"], "territory": session["territory"],
            "lang": session_language(store, session["id"], default_lang), "head": headline(store, session)}


def session_language(store, session_id: int, default: str | None = None) -> str | None:
    """The session's language as phones take it: the one it was created in, or the one the control
    view last chose, else `default` (the `lang` setting: the one the control view opens in, see
    `display.display_language`). None only without either: the phone goes by its browser's."""
    lang = store.display_lang(session_id)
    return lang if lang in LANGS else (default if default in LANGS else None)


def joins_per_minute(participants: list[dict], now: float | None = None) -> int:
    """How many joined in the last minute (the projector shows it: a sudden flood stands out).

    >>> joins_per_minute([{"created_at": 100.0}, {"created_at": 30.0}], now=120.0)
    1
    """
    now = time.time() if now is None else now
    return sum(1 for p in participants if p["created_at"] >= now - 60)


def _session(store, code: str) -> dict:
    """The session of a phone's request. An unknown code is answered as an unknown device token
    (401): a phone's calls do not tell a guesser which codes exist (joins are throttled instead)."""
    try:
        return store.session(code)
    except NotFound:
        raise WorkbenchError("participant_unknown", status=401) from None


def state(store, code: str, token: str | None, settings: dict | None = None, reads=None,
          board: str | None = None, lang: str = "ru") -> dict:
    """What a participant's phone shows now (one consistent read). `reads`: the store as
    `SharedReads.reads()` gives it, so what every phone reads alike is read once per version.
    `board`: the board tag the phone holds (see `phone_state`); `lang`: the page's language."""
    reads = store if reads is None else reads
    with store.snapshot():
        session = _session(reads, code)
        participant = store.participant_by_token(session["id"], token)  # 401 first: a guesser learns nothing
        check_open(session)
        return phone_state(reads, session, participant, settings, board=board, lang=lang)


def headline(store, session: dict) -> str:
    """A tag of what a phone must show within a second of its change: the session (its title,
    its current stage, its language) and the current stage's own row (title, question, whether
    voting is open, results shown, the timer). A held poll (`/state?wait=1`) answers at once
    when it moves; cards, ballots and the room's counts reach phones at their usual pace.
    `store`: the store or `SharedReads.reads()` (read once per version for every phone).

    >>> from workbench.store import Store
    >>> s = Store.open_url("sqlite://"); code = s.create_session("Демо")
    >>> before = headline(s, s.session(code))
    >>> _ = s.update_session(s.session(code)["id"], title="Другое"); headline(s, s.session(code)) != before
    True
    """
    stage = store.stage(session["current_stage_id"]) if session["current_stage_id"] else None
    # (not what the display shows: the facilitator picking cards on the projector is no news for phones)
    own = {k: v for k, v in session.items() if not k.startswith("display_")}
    blob = json.dumps([own, stage, store.display_lang(session["id"])], sort_keys=True, default=str)
    return hashlib.sha1(blob.encode()).hexdigest()[:12]


def _board(store, session_id: int, stage: dict) -> tuple[list[dict], list[dict], list[dict], list[dict], dict, str]:
    """What every phone of a stage shows alike: the target stage's cards as read (kept for every
    phone: read, never changed), the cards a voting stage's method asks about (its candidates:
    the best N of an earlier round, the ideas of chosen groups; [] on other stages), the cards
    shown (without whose they are), the groups (on a card stage only), the shown cards' ids by
    author, and a tag of the shown cards and groups (a digest of their JSON)."""
    source = card_stage_id(stage)
    cards = store.cards(session_id, source) if source is not None else []
    # a vote shows its candidates, as the control view and the display do, never every card
    items = voting.method(stage).items(store, stage, cards) if stage["kind"] == "voting" else []
    shown = items if stage["kind"] == "voting" else votable(stage, cards)
    rows = [{"id": c["id"], "text": c["text"], "group": c["group_id"]} for c in shown]
    if stage["kind"] == "voting" and stage["vote_on"] == "groups":
        texts = members(cards)
        for row in rows:
            row["members"] = texts.get(row["id"], [])
    # Group headings only where the phone lists the stage's own cards under them: a voting, teams or
    # statements stage shows its ballot, its teams or one statement, never the groups of its ideas.
    grouped = [{"id": g["id"], "name": g["text"]} for g in groups(cards)] if accepts_cards(stage) else []
    blob = json.dumps([rows, grouped], ensure_ascii=False, sort_keys=True).encode()
    by_author: dict = {}
    for c in shown:
        by_author.setdefault(c["participant_id"], []).append(c["id"])
    return cards, items, rows, grouped, by_author, hashlib.sha1(blob).hexdigest()[:16]


def _name_groups_ideas(decide: dict | None, rows: list[dict]) -> None:
    """A ballot on groups names each group's ideas under its name (`members`, oldest first), as
    the dots' list does: a phone asked to rate, rank or compare «Лето» sees what is in it."""
    if not decide:
        return
    inside = {r["id"]: r.get("members", []) for r in rows}
    for item in (decide.get("items") or []) + (decide.get("pair") or []):
        item["members"] = inside.get(item["id"], [])


def phone_state(store, session: dict, participant: dict, settings: dict | None = None,
                board: str | None = None, lang: str = "ru") -> dict:
    """What a participant's phone shows now: the current stage, its cards, their dots.

    A district vote may have a thousand ideas, and polls come every 2 s: with `board` (the tag of
    the board the phone already has; "" for none) the cards and groups are sent only when they
    changed (`cards` and `groups` null otherwise), without "mine" flags: `board` is their tag,
    `mine_cards` the ids of this phone's cards and `pending_cards` its cards awaiting moderation.
    Without `board`: every card, each with its "mine" flag, pending ones first. The stage's title
    and prompt are in `lang` while they are a stage template's (`stage_text`)."""
    stage = store.stage(session["current_stage_id"]) if session["current_stage_id"] else None
    out = {
        "session": {"code": session["code"], "title": session["title"],
                    "territory": session["territory"], "lang": session_language(store, session["id"], (settings or {}).get("lang"))},
        "participant": {k: participant[k] for k in ("id", "name", "territory", "organisation", "sector")},
        "stage": None, "cards": [], "groups": [], "voting": None, "results": None, "statements": None,
        "teams": None, "decide": None,
        "voting_status": None,  # a voting or statements stage: `voting.status` ("not_opened"…)
        # the page links to /s/CODE/review while the facilitator has the review open
        "review": bool(store.criteria(session["id"])) and store.review_opened_at(session["id"]) is not None,
        "server_time": clock.now(),  # the timers' time: pages count down from it (`session/clock.py`)
        "head": None,  # sent back with a held poll (`/state?wait=1&head=`)
    }
    kept = getattr(store, "kept", None)  # `SharedReads`: built once per version for every phone
    out["head"] = kept(("headline", session["id"]), lambda: headline(store, session)) if kept else headline(store, session)
    if stage is None:
        return out
    if participant.get("on_paper"):  # a paper ballot's page: which ballot, and whether it holds votes
        out["paper"] = {"name": participant["name"], "filled": voting.holds_ballot(store, stage, participant["id"])}
    out["stage"] = {"id": stage["id"], "kind": stage["kind"], "title": stage_text(stage, "title", lang),
                    "prompt": stage_text(stage, "prompt", lang), "accepts_cards": accepts_cards(stage),
                    "timer_ends_at": stage["timer_ends_at"]}
    key = ("phone-board", session["id"], stage["id"])
    cards, items, rows, grouped, by_author, tag = (kept(key, lambda: _board(store, session["id"], stage)) if kept
                                                 else _board(store, session["id"], stage))
    pending = []
    if accepts_cards(stage):  # this phone's own cards waiting for the facilitator, marked so
        pending = [{"id": c["id"], "text": c["text"], "group": None, "mine": True, "pending": True}
                   for c in store.cards(session["id"], stage["id"], status=moderation.PENDING)
                   if c["participant_id"] == participant["id"]]
    emptied = stage["kind"] in ("teams", "statements")
    if stage["kind"] == "teams":
        # a team on a group: the group's ideas under its name, as on a ballot (read once for every phone)
        inside = kept(("phone-ideas", session["id"], stage["id"]), lambda: members(cards)) if kept else members(cards)
        out["teams"] = [dict(o, line=teams.members_line(o["members"], lang),  # «В команде: 9 — … и ещё 8»
                             ideas=inside.get(o["id"], []))
                        for o in teams.options(store, stage, participant["id"], cards=cards)]
    elif stage["kind"] == "statements":
        out["statements"] = statements.next_statement(store, stage, rows, participant["id"])
    elif stage["kind"] == "voting":
        m = voting.method(stage)
        out.update(m.phone(store, stage, items, participant["id"], **m.settings_of(settings)))
        if stage["vote_on"] == "groups":
            _name_groups_ideas(out.get("decide"), rows)
        if stage["results_visible"]:  # every method's, in its own figures (`voting.phone_results`)
            out["results"] = kept(("phone-results", stage["id"], lang), lambda: voting.phone_results(
                store, stage, items, lang)) if kept else voting.phone_results(store, stage, items, lang)
        emptied = "decide" in out and out["decide"] is not None  # the method's widget shows its own cards
    if stage["kind"] in ("voting", "statements"):
        out["voting_status"] = voting.round_status(store, stage)
    if board is None:
        out["groups"] = [dict(g) for g in grouped]
        mine = set(by_author.get(participant["id"], ()))
        out["cards"] = [] if emptied else pending + [dict(r, mine=r["id"] in mine) for r in rows]
        return out
    if emptied:  # no board to keep: the stage's own widget shows what it asks about
        tag, rows = "", []
    out["board"] = tag
    same = bool(tag) and board == tag
    out["groups"] = None if same else grouped
    out["cards"] = None if same else rows
    out["mine_cards"] = [] if emptied else by_author.get(participant["id"], [])
    out["pending_cards"] = [] if emptied else pending
    return out


# --- actions ---------------------------------------------------------------------------------------

def _current(store, code: str, token: str | None) -> tuple[dict, dict, dict | None]:
    """The session, the participant and the current stage of a phone's action (one read)."""
    try:
        session, participant, stage = store.phone_context(code, token)
    except NotFound:
        participant = None
    if participant is None:  # an unknown code is answered as an unknown token (see `_session`)
        raise WorkbenchError("participant_unknown", status=401)
    check_open(session)
    return session, participant, stage


def add_card(store, code: str, token: str | None, data: dict, limit=None, device_limit=None) -> dict:
    """A participant's card on the current stage (the stage named in `data`, when given, must be
    the current one: a phone that missed a stage change is told so). `limit(participant_id)`
    raises when this phone sends too many cards (the server's rate limiter); `device_limit()`
    when its address, one device, does (whatever tokens it joined with).

    A repeated `request_id` from the same phone (the card sent again because its answer was lost)
    is answered with the card already stored, never a second one, even if the stage moved on since.
    """
    rid = voting.request_id(data)
    with store.transaction():
        session, p, stage = _current(store, code, token)
        if rid:
            store.lock_participant(p["id"])  # two copies of one request arriving at once: one card
            card = store.card_with_request(p["id"], rid)
            if card is not None:
                return _card_answer(card)
        if stage is None or data.get("stage", stage["id"]) != stage["id"]:
            raise Conflict("stage_not_open")
        if not isinstance(data.get("text"), str):
            raise WorkbenchError("bad_request", detail="'text' must be a string")
        if not accepts_cards(stage):
            raise WorkbenchError("stage_not_open")
        if limit is not None:
            limit(p["id"])
        if device_limit is not None:
            try:
                device_limit()
            except TooMany as exc:
                raise TooMany("cards_too_many_device", **exc.params) from None
        card = store.add_card(session["id"], stage["id"], participant_id=p["id"], request_id=rid,
                              **moderation.incoming(session, data["text"]))
    return _card_answer(card)


def _card_answer(card: dict) -> dict:
    return {"id": card["id"], "text": card["text"], "pending": card["status"] == moderation.PENDING}


def _check_stage(stage: dict | None, data: dict, closed: str) -> dict:
    """The current stage of a phone's ballot. A ballot naming the stage it was cast on (`stage`:
    one sent again after the connection came back) is refused once the facilitator moved on, so
    it never counts on another stage that asks about the same cards."""
    if stage is None:
        raise Conflict(closed)
    if data.get("stage", stage["id"]) != stage["id"]:
        raise Conflict("ballot_stage_moved")
    return stage


def ballot(store, code: str, token: str | None, action: str, data: dict,
           settings: dict | None = None) -> dict:
    """A ballot of the current voting stage's method (`vote`, `unvote`, `rate`, `compare`, `rank`…);
    `settings`: the workbench's, for the method's limits (pairwise answers per phone). Sent again
    with the same `request_id` (its answer was lost), it counts once: a dot and a pair by their
    request id, a rating or a ranking because it replaces the phone's own; a dot or a pair that
    did count is answered `{"counted": true}` even once the facilitator moved on."""
    rid = voting.request_id(data)
    with store.transaction(shared=False):  # a ballot: nothing every phone reads alike is written
        _, p, stage = _current(store, code, token)
        moved = stage is None or data.get("stage", stage["id"]) != stage["id"]
        if moved and rid and voting.request_counted(store, p["id"], rid):
            # it did count, on the stage it was cast on; only its answer was lost before the
            # facilitator moved on: the phone is told so, not that it was refused
            return {"counted": True}
        stage = _check_stage(stage, data, "voting_not_open")
        return voting.act(store, stage, p["id"], action, data, settings)


def next_paper_ballot(store, code: str, token: str | None, lang: str = "ru", data: dict | None = None) -> dict:
    """«Готово — следующий бюллетень» on a paper ballot's page: a fresh paper ballot of the same
    session (`facilitator.paper_ballot`: a new ballot id, counted in the vote only), its token and
    name, so the assistant typing in a pile of paper ballots never goes back to the control view.
    Only a paper ballot may ask (a phone's token is refused), and only once it holds a ballot on
    the current stage: an empty one is the ballot still to fill in, not a reason for a new one.
    The request sent again with its `request_id` (its answer was lost) gets the same fresh ballot.
    """
    rid = join_request_id(data or {})
    with store.transaction():
        session, p, stage = _current(store, code, token)
        if not p.get("on_paper"):
            raise WorkbenchError("paper_only", status=403)
        made = store.participant_by_request(session["id"], rid) if rid else None
        if made is not None:
            return {"token": made["token"], "name": made["name"]}
        if stage is None or not voting.holds_ballot(store, stage, p["id"]):
            raise Conflict("paper_ballot_empty")
        fresh = facilitator.paper_ballot(store, session["id"], lang, request_id=rid)
    return {"token": fresh["token"], "name": fresh["name"]}


def statement_vote(store, code: str, token: str | None, data: dict) -> dict:
    """Agree (1), disagree (-1) or pass (0) on a statement of the current stage."""
    with store.transaction(shared=False):
        session, p, stage = _current(store, code, token)
        card = voting.int_field(data, "card")
        store.card(card, session["id"])
        vote = voting.int_field(data, "vote")
        stage = _check_stage(stage, data, "voting_not_open")
        return statements.vote(store, stage["id"], p["id"], card, vote)


def join_team(store, code: str, token: str | None, data: dict) -> dict:
    """Sign up for the team of one of the current teams stage's options (optionally as its leader);
    with `"leave": true`, leave one's team (`teams.leave`)."""
    with store.transaction():
        session, p, stage = _current(store, code, token)
        leave = data.get("leave", False)
        if not isinstance(leave, bool):
            raise WorkbenchError("bad_request", detail="'leave' must be true or false")
        if leave:
            stage = _check_stage(stage, data, "stage_not_open")
            if stage["kind"] != "teams":
                raise Conflict("stage_not_open")
            teams.leave(store, stage["id"], p["id"])
            return {"team": None, "members": 0, "leader": False}
        card = voting.int_field(data, "card")
        store.card(card, session["id"])
        leader = data.get("leader", False)
        if not isinstance(leader, bool):
            raise WorkbenchError("bad_request", detail="'leader' must be true or false")
        stage = _check_stage(stage, data, "stage_not_open")
        if stage["kind"] != "teams":
            raise Conflict("stage_not_open")
        tm = teams.join(store, stage["id"], p["id"], card, leader=leader)
    return {"team": card, "members": len(tm["members"]), "leader": leader}
