"""A session's public results page: what the room decided, for authorities and activists who were
not there, with nothing personal in it.

The facilitator turns it on per session (it is off until then) and gets a link with an
unguessable token (`/r/TOKEN`); turning it off makes the link answer 404. The content is the
protocol's (`workbench.exports.protocol_context`: the same cards, the same tally of every voting
round), minus every personal detail: no names, organisations or device tokens; a team is its
idea and how many people joined it; a draft is its title, status, direction, summary and goal.

>>> from workbench.store import Store
>>> store = Store.open_url("sqlite://")
>>> code = store.create_session("Будущее округа", territory="Каргополь")
>>> link = set_public(store, code, True)
>>> page = public_results(store, link["token"])
>>> page["session"]["title"], [st["kind"] for st in page["stages"]][:2]
('Будущее округа', ['problems', 'growth'])
>>> set_public(store, code, False)["enabled"]
False
"""

from __future__ import annotations

from workbench.drafts import draft_fields
from workbench.session.lifecycle import check_open

PUBLIC_PATH = "r/"  # the page's address below the server's base URL: /r/TOKEN


def public_link(store, code: str) -> dict:
    """The session's public page as the facilitator sees it: `enabled`, `token`, `path`
    (empty token and path while it was never turned on)."""
    session = store.session(code)
    page = store.public_page(session["id"])
    if page is None:
        return {"enabled": False, "token": "", "path": ""}
    return {"enabled": bool(page["enabled"]), "token": page["token"], "path": PUBLIC_PATH + page["token"]}


def set_public(store, code: str, enabled: bool) -> dict:
    """Turn a session's public results page on or off; the link stays the same across both."""
    store.set_public_page(store.session(code)["id"], bool(enabled))
    return public_link(store, code)


def public_results(store, token: str, lang: str = "ru") -> dict:
    """Everything the public page shows, as plain values without personal data; NotFound when
    the token is unknown or the page is off, `SessionArchived` when its session is archived."""
    from workbench.exports import cell_text, protocol_context

    page = store.public_page_by_token(token)
    session = check_open(store.session_by_id(page["session_id"]), store)
    ctx = protocol_context(store, session["code"], lang, names=False)
    stages = [{"title": st["title"], "kind": st["kind"],
               "groups": [{"text": g["text"], "cards": [c["text"] for c in g["cards"]]} for g in st["groups"]],
               "cards": [c["text"] for c in st["cards"]],
               # a statements stage: each statement's answers and the opinion groups, as the
               # protocol has them (`exports.statement_results`); no voter is named there
               "statements": st["statements"] if st["statements"] and st["statements"]["rows"] else None}
              for st in ctx["card_stages"]]
    # the protocol's places (a tie shares one; "—": nobody judged the card) and its figures in
    # the page's language
    voting = [{"title": v["title"], "method": v["method"], "voters": v["voters"], "columns": v["columns"],
               "source": v["source"],
               "rows": [{"rank": "—" if r["rank"] is None else r["rank"], "text": r["text"],
                         "cells": [cell_text(c, lang) for c in r["cells"]]} for r in v["rows"]]}
              for v in ctx["voting"]]
    teams = [{"text": tm["card"]["text"], "members": len(tm["members"])} for tm in ctx["teams"]]
    drafts = []
    for d in store.drafts(session["id"]):
        f = draft_fields(d)
        drafts.append({"title": f["title"], "status": next(x["status"] for x in ctx["drafts"] if x["id"] == d["id"]),
                       "direction": f["grant_direction"], "summary": f["summary"], "goal": f["goal"]})
    # who was in the room as the control view counts it (`registration.attendance`): phones and
    # the door; with registrations, the door's numbers too (counts only, no names)
    came = ctx["participants"]
    door = {k: came[k] for k in ("registered", "checked_in", "door")} if came["registered"] else None
    # the date as the protocol and the poster write it («12 октября 2019 г.», "12 October 2019")
    return {"session": {"title": session["title"], "territory": session["territory"],
                        "date": ctx["session"]["date_text"]},
            "participants": came["total"], "door": door, "stages": stages, "voting": voting,
            "teams": teams, "drafts": drafts, "lang": lang}
