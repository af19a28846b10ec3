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
"""

from __future__ import annotations

from statistics import mean

from workbench.errors import NotFound, WorkbenchError
from workbench.i18n import Label
from workbench.session.model import typed_text

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
    "members": participant ids}`, in the order of the stages and of the teams."""
    out: dict[int, dict] = {}
    for st in store.stages(session_id):
        if st["kind"] != "teams":
            continue
        for tm in store.teams(st["id"]):
            team = out.setdefault(tm["card"]["id"], {"id": tm["card"]["id"], "text": tm["card"]["text"],
                                                    "members": set()})
            team["members"] |= {m["participant_id"] for m in tm["members"]}
    return list(out.values())


def phone_view(store, code: str, token: str | None) -> dict:
    """What the review page shows a participant: the criteria, the teams (their own marked, not
    to be scored) and their own reviews so far."""
    session = store.session(code)
    me = store.participant_by_token(session["id"], token)
    mine = {r["card_id"]: r for r in store.reviews(session["id"], me["id"])}
    ts = teams(store, session["id"])
    return {"title": session["title"],
            "criteria": [{"id": c["id"], "name": c["name"], "description": c["description"]}
                         for c in store.criteria(session["id"])],
            "teams": [{"id": t["id"], "text": t["text"], "own": me["id"] in t["members"],
                       "scores": {str(k): v for k, v in mine.get(t["id"], {}).get("scores", {}).items()},
                       "comment": mine.get(t["id"], {}).get("comment", "")} for t in ts],
            "own": [t["id"] for t in ts if me["id"] in t["members"]]}


def submit(store, code: str, token: str | None, data: dict) -> dict:
    """A participant's review of one team: `{"team": card id, "scores": {criterion id: 1..5},
    "comment": "…"}`; scoring again replaces it. Not one's own team."""
    session = store.session(code)
    me = store.participant_by_token(session["id"], token)
    team_id = data.get("team")
    ts = {t["id"]: t for t in teams(store, session["id"])}
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
