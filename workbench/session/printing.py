"""What the printed pages for the room say: the join poster (the session, its code, where to
join) and the paper ballot of a vote (its candidates, numbered, marked in the method's way).

Pure reads; `workbench.web.printing` lays them out on A4.

>>> from workbench.store import Store
>>> s = Store.open_url("sqlite://")
>>> code = s.create_session("Будущее округа", territory="Каргополь", date="2026-12-12")
>>> poster(s, code)["date"]
'12 декабря 2026 г.'
>>> sid = s.session(code)["id"]
>>> ideas = [st for st in s.stages(sid) if st["kind"] == "ideas"][0]
>>> _ = s.add_card(sid, ideas["id"], "Школа ремёсел")
>>> b = ballot(s, code)
>>> b["method"], b["items"], b["mark"]
('dots', [{'n': 1, 'text': 'Школа ремёсел'}], 'Отметьте ✓ не больше 3 идей')
"""

from __future__ import annotations

from workbench.dates import long_date
from workbench.errors import WorkbenchError
from workbench.i18n import t
from workbench.session import voting
from workbench.session.lifecycle import open_session
from workbench.session.model import in_language
from workbench.session.wall import members

SCALE = (1, 2, 3, 4, 5)  # a matrix ballot's marks on each scale (`voting.rate` takes 1 to 5)
GROUP_IDEAS = 5  # a group's ideas listed under its name on a paper ballot; the rest as «и ещё N»
IDEA_CHARS = 90  # an idea longer than this is cut there with «…» (the phone lists them all)


def shortened(text: str, limit: int = IDEA_CHARS) -> str:
    r"""An idea on one line of a paper ballot: its spaces and line breaks as single spaces, cut
    with «…» past `limit` characters.

    >>> shortened("Школа\n  ремёсел")
    'Школа ремёсел'
    >>> shortened("Тропа вдоль Онеги к причалу", 12)
    'Тропа вдоль…'
    """
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def poster(store, code: str, lang: str = "ru") -> dict:
    """The join poster's words: the session's title, territory and date (in words), its code."""
    session = open_session(store, code)  # no poster nor ballot for a session in the archive
    return {"title": session["title"], "territory": session["territory"],
            "date": long_date(session["date"], lang), "code": session["code"]}


def ballot_stage(store, session: dict, stage_id: int | None = None) -> dict | None:
    """The vote a paper ballot is printed for: the one asked for, else the vote on phones now,
    else the next vote after it (ballots are printed before the vote opens), else the last one;
    None when the session has no vote."""
    listing = store.stages(session["id"])
    votes = [s for s in listing if s["kind"] == "voting"]
    if stage_id is not None:
        chosen = next((s for s in votes if s["id"] == stage_id), None)
        if chosen is None:
            raise WorkbenchError("print_no_vote", status=404)
        return chosen
    ids = [s["id"] for s in listing]
    here = ids.index(session["current_stage_id"]) if session["current_stage_id"] in ids else 0
    later = [s for s in votes if ids.index(s["id"]) >= here]
    return later[0] if later else (votes[-1] if votes else None)


def ballot(store, code: str, stage_id: int | None = None, lang: str = "ru") -> dict:
    """A paper ballot's words: the session, the vote, how to mark (`mark`), the candidates
    numbered as phones list them (`items`), and the method (`dots`: a box to tick, `budget` at
    most; `matrix`: two 1–5 scales; `ranking` and `pairwise`: a box for the place, so a pairwise
    vote's question, when the workbench wrote it, is the ranking's: paper has no pairs). A vote on
    groups lists each group's ideas under its name (`ideas`, and `more` not listed)."""
    session = open_session(store, code)  # no poster nor ballot for a session in the archive
    stage = ballot_stage(store, session, stage_id)
    if stage is None:
        raise WorkbenchError("print_no_vote", status=404)
    stage = in_language(stage, lang)
    cards = store.cards(session["id"], stage["target_stage_id"]) if stage["target_stage_id"] else []
    items = voting.method(stage).items(store, stage, cards)
    method, groups = stage["method"], "_groups" if stage["vote_on"] == "groups" else ""
    if method == "dots":
        mark = t(f"print_mark_dots{groups}", lang, n=stage["vote_budget"])
    elif method == "matrix":
        mark = t(f"print_mark_matrix{groups}", lang)
    else:
        mark = t(f"print_mark_place{groups}", lang, n=len(items))
    inside = members(cards) if groups else None  # a group's ideas, listed under its name
    prompt = stage["prompt"]
    if method == "pairwise" and voting.follow_prompt(stage):  # the workbench's «choose from each pair»:
        prompt = t(voting.prompt_key("ranking", stage["vote_on"]), lang)  # on paper, places are asked
    if (method in ("ranking", "pairwise") and not groups and stage["target_stage_id"]
            and voting.asks_its_own(dict(stage, prompt=prompt))):
        # A question of a template's or the facilitator's own (the educational module's «Расставьте
        # презентации групп») ranks what it names, not necessarily ideas: the mark names the stage
        # the candidates come from («каждому пункту этапа «Темы для малых групп»»).
        source = in_language(store.stage(stage["target_stage_id"]), lang)
        mark = t("print_mark_place_from", lang, n=len(items), stage=source["title"])
    return {"title": session["title"], "territory": session["territory"], "date": long_date(session["date"], lang),
            "code": session["code"], "stage_id": stage["id"], "stage": stage["title"], "prompt": prompt,
            "method": method, "method_name": t(f"method_{method}", lang), "budget": stage["vote_budget"],
            "mark": mark, "items": [_item(i, c, inside) for i, c in enumerate(items, 1)]}


def _item(n: int, card: dict, inside: dict | None) -> dict:
    """A candidate numbered; a group with what it holds, as the phone shows under its name: the
    first `GROUP_IDEAS` of its ideas, oldest first and shortened (`ideas`), and how many more."""
    item = {"n": n, "text": card["text"]}
    if inside is not None:
        texts = inside.get(card["id"], [])
        item["ideas"] = [shortened(x) for x in texts[:GROUP_IDEAS]]
        item["more"] = max(0, len(texts) - GROUP_IDEAS)
    return item
