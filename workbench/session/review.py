"""Peer review of the teams' presentations: the facilitator sets criteria (1–5 scales with a
description), participants score every team but their own from their phones, with a comment;
the results per team and criterion go to the facilitator's screen, the team's draft and the
protocol.

>>> from workbench.store import Store
>>> from workbench.demo import load_demo
>>> store = Store.open_url("sqlite://")
>>> code = load_demo(store)
>>> crit = add_criterion(store, code, "Ясность цели", "Цель измерима и понятна")
>>> people = store.participants(store.session(code)["id"])
>>> view = phone_view(store, code, people[0]["token"])
>>> [t["own"] for t in view["teams"]]  # the first team's leader reviews the second team only
[True, False]
>>> view["open"]  # scores are taken only while the facilitator has the review open
False

Who may score (the flood review: thirty fresh joins of one team member gave it 5/5 and a
rival 1/1): only while the review is open (`open_review`), only a participant who joined before
it opened or stands in a team, and at most `review_burst` scores at once per phone and per
device's address. The facilitator sees who scored (`reviewers`) and discards a reviewer's
scores (`discard`).
"""

from __future__ import annotations

import time
from statistics import mean

from workbench.errors import Conflict, NotFound, TooMany, WorkbenchError
from workbench.i18n import Label
from workbench.session.lifecycle import open_session
from workbench.session.model import typed_text
from workbench.session.teams import formed

MAX_CRITERIA = 12
MAX_COMMENT = 1000
SCALE = (1, 5)


# The boxes' labels (catalogue keys): a text too long is named as the page shows it.
LABELS = {"name": "review_criterion_name", "description": "review_criterion_description",
          "comment": "review_comment"}


def _text(value, limit: int, key: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise WorkbenchError("bad_request", detail=f"{key} must be text")
    value = typed_text(value)
    if len(value) > limit:
        raise WorkbenchError("review_text_too_long", field=Label(LABELS[key]), max=limit)
    return value


def add_criterion(store, code: str, name: str, description: str = "") -> int:
    """A criterion of the session's review: a name and what a 5 means."""
    session = store.session(code)
    name = " ".join(_text(name, 200, "name").split())
    if not name:
        raise WorkbenchError("review_criterion_empty")
    if len(store.criteria(session["id"])) >= MAX_CRITERIA:
        raise WorkbenchError("review_criteria_too_many", max=MAX_CRITERIA)
    return store.add_criterion(session["id"], name, _text(description, 1000, "description"))


def teams(store, session_id: int) -> list[dict]:
    """The session's teams (of every teams stage), each `{"id": its idea's card, "text",
    "members": participant ids}`, in the order of the stages and, within one, as the display's
    «Команды» lists them (`teams.formed`)."""
    out: dict[int, dict] = {}
    for st in store.stages(session_id):
        if st["kind"] != "teams":
            continue
        for tm in formed(store, st):  # in the display's order of «Команды»
            team = out.setdefault(tm["card"]["id"], {"id": tm["card"]["id"], "text": tm["card"]["text"],
                                                    "members": set()})
            team["members"] |= {m["participant_id"] for m in tm["members"]}
    return list(out.values())


def open_review(store, code: str) -> None:
    """Open the session's review: from now, participants who were already there score."""
    session = store.session(code)
    if store.review_opened_at(session["id"]) is None:
        store.set_review_open(session["id"], time.time())


def close_review(store, code: str) -> None:
    """Close the review: scores given stay; no new ones are taken."""
    store.set_review_open(store.session(code)["id"], None)


def is_open(store, session_id: int) -> bool:
    return store.review_opened_at(session_id) is not None


def _refusal(store, session_id: int, me: dict, ts: list[dict]) -> WorkbenchError | None:
    """Why this participant may not score now (None: they may)."""
    opened = store.review_opened_at(session_id)
    if opened is None:
        return Conflict("review_closed")
    in_team = any(me["id"] in t["members"] for t in ts)
    # a paper review card is the facilitator's own (made on the control view), whenever it was made
    if me["created_at"] > opened and not in_team and not me.get("on_paper"):
        return WorkbenchError("review_joined_late", status=403)
    return None


def phone_view(store, code: str, token: str | None) -> dict:
    """What the review page shows a participant: the criteria, the teams (their own marked, not
    to be scored), their own reviews so far, whether the review is `open` and, when this
    participant may not score, why (`refused`: the message's key)."""
    session = open_session(store, code)
    me = store.participant_by_token(session["id"], token)
    mine = {r["card_id"]: r for r in store.reviews(session["id"], me["id"])}
    ts = teams(store, session["id"])
    refused = _refusal(store, session["id"], me, ts)
    return {"title": session["title"], "open": is_open(store, session["id"]),
            "refused": refused.key if refused else None,
            "criteria": [{"id": c["id"], "name": c["name"], "description": c["description"]}
                         for c in store.criteria(session["id"])],
            "teams": [{"id": t["id"], "text": t["text"], "own": me["id"] in t["members"],
                       "scores": {str(k): v for k, v in mine.get(t["id"], {}).get("scores", {}).items()},
                       "comment": mine.get(t["id"], {}).get("comment", "")} for t in ts],
            "own": [t["id"] for t in ts if me["id"] in t["members"]]}


def submit(store, code: str, token: str | None, data: dict, limit=None, device_limit=None) -> dict:
    """A participant's review of one team: `{"team": card id, "scores": {criterion id: 1..5},
    "comment": "…"}`; scoring again replaces it. Not one's own team; only while the review is
    open, by a participant who was there when it opened (or stands in a team). `limit(participant
    id)` and `device_limit()` raise when this phone, or its device's address, scores too often."""
    with store.transaction():
        return _submit(store, code, token, data, limit, device_limit)


def _submit(store, code, token, data, limit, device_limit) -> dict:
    session = open_session(store, code)
    me = store.participant_by_token(session["id"], token)
    team_id = data.get("team")
    ts = {t["id"]: t for t in teams(store, session["id"])}
    refused = _refusal(store, session["id"], me, list(ts.values()))
    if refused is not None:
        raise refused
    if isinstance(team_id, bool) or team_id not in ts:
        raise NotFound("review_team_unknown")
    if me["id"] in ts[team_id]["members"]:
        raise WorkbenchError("review_own_team", status=403)
    criteria = {c["id"] for c in store.criteria(session["id"])}
    raw = data.get("scores") or {}
    if not isinstance(raw, dict):
        raise WorkbenchError("review_score_invalid")
    scores = {}
    for key, value in raw.items():
        try:
            cid = int(key)
        except (TypeError, ValueError):
            raise WorkbenchError("review_score_invalid") from None
        if cid not in criteria or isinstance(value, bool) or not isinstance(value, int) \
                or not SCALE[0] <= value <= SCALE[1]:
            raise WorkbenchError("review_score_invalid")
        scores[cid] = value
    comment = _text(data.get("comment"), MAX_COMMENT, "comment")
    if not scores and not comment:
        raise WorkbenchError("review_empty")
    try:
        if limit is not None:
            limit(me["id"])
        if device_limit is not None:
            device_limit()
    except TooMany as exc:
        raise TooMany("review_too_many", **exc.params) from None
    store.put_review(session["id"], me["id"], team_id, scores, comment)
    return {"team": team_id, "scores": {str(k): v for k, v in scores.items()}, "comment": comment}


def summarise(criteria: list[dict], team_list: list[dict], reviews: list[dict]) -> list[dict]:
    """Per team: reviewers, mean and count per criterion, the overall mean, the comments.

    >>> summarise([{"id": 1, "name": "Цель"}], [{"id": 9, "text": "Школа"}],
    ...           [{"card_id": 9, "scores": {1: 4}, "comment": "Хорошо"}, {"card_id": 9, "scores": {1: 5}, "comment": ""}])
    [{'id': 9, 'text': 'Школа', 'reviewers': 2, 'criteria': [{'id': 1, 'name': 'Цель', 'mean': 4.5, 'n': 2}], 'mean': 4.5, 'comments': ['Хорошо']}]
    """
    out = []
    for t in team_list:
        mine = [r for r in reviews if r["card_id"] == t["id"]]
        per = []
        for c in criteria:
            values = [r["scores"][c["id"]] for r in mine if c["id"] in r["scores"]]
            per.append({"id": c["id"], "name": c["name"], "mean": round(mean(values), 2) if values else None,
                        "n": len(values)})
        means = [p["mean"] for p in per if p["mean"] is not None]
        out.append({"id": t["id"], "text": t["text"], "reviewers": len(mine), "criteria": per,
                    "mean": round(mean(means), 2) if means else None,
                    "comments": [r["comment"] for r in mine if r["comment"]]})
    return out


def results(store, code: str) -> list[dict]:
    """The session's review results per team (see `summarise`); no reviewer is named."""
    session = store.session(code)
    return summarise(store.criteria(session["id"]), teams(store, session["id"]), store.reviews(session["id"]))


def team_results(store, session_id: int, card_id: int | None) -> dict | None:
    """The review results of one team (the draft's idea), or None when nobody reviewed it."""
    if card_id is None:
        return None
    ts = [t for t in teams(store, session_id) if t["id"] == card_id]
    if not ts:
        return None
    [r] = summarise(store.criteria(session_id), ts, store.reviews(session_id))
    return r if r["reviewers"] else None


def reviewers(store, code: str) -> list[dict]:
    """Who scored, for the facilitator (never shown to the room): per reviewer their name (or
    none), when they joined, their team (or None), how many cards they sent, and the mean they
    gave each team they scored; those with nothing but scores (no team, no card) first."""
    session = store.session(code)
    sid = session["id"]
    people = {p["id"]: p for p in store.participants(sid)}
    ts = teams(store, sid)
    texts = {t["id"]: t["text"] for t in ts}
    cards_by: dict[int, int] = {}
    for c in store.cards(sid, status=None, include_hidden=True):
        if c["participant_id"] is not None:
            cards_by[c["participant_id"]] = cards_by.get(c["participant_id"], 0) + 1
    out: dict[int, dict] = {}
    for r in store.reviews(sid):
        p = people.get(r["participant_id"], {})
        row = out.setdefault(r["participant_id"], {
            "id": r["participant_id"], "name": p.get("name", ""), "joined_at": p.get("created_at"),
            "team": next((t["text"] for t in ts if r["participant_id"] in t["members"]), None),
            "cards": cards_by.get(r["participant_id"], 0), "scores": []})
        values = list(r["scores"].values())
        row["scores"].append({"team": texts.get(r["card_id"], ""),
                              "mean": round(mean(values), 1) if values else None})
    return sorted(out.values(), key=lambda x: (x["team"] is not None or x["cards"] > 0, x["joined_at"] or 0))


def discard(store, code: str, participant_ids: list[int]) -> int:
    """Take these reviewers' scores and comments out of the results; how many reviews went."""
    if not participant_ids:
        raise WorkbenchError("review_pick_none")
    return store.delete_reviews(store.session(code)["id"], participant_ids)
