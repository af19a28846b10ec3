"""What the projector's display page shows: the facilitator chooses it on the laptop, the
display (a kernel-free page, `workbench/web/display.py`) reads it as JSON.

The choice lives in the store (the session's `display_mode`, `display_stage_id`,
`display_selected`), so the laptop's control view and the display page, two browser windows,
share nothing but the store. Everything a participant wrote leaves here as plain strings: the
page puts them in with `textContent`.

>>> from workbench.store import Store
>>> store = Store.open_url("sqlite://")
>>> code = store.create_session("Демо")
>>> sid = store.session(code)["id"]
>>> ideas = store.stages(sid)[3]["id"]
>>> a, b = (store.add_card(sid, ideas, text)["id"] for text in ("Тропа", "<b>Музей</b>"))
>>> set_display(store, sid, "wall", ideas, selected=[b, b, 999])
>>> d = state(store, code)
>>> d["mode"], d["stage"]["title"], [c["text"] for c in d["cards"]], d["selected"] == [b]
('wall', 'Проектные идеи', ['Тропа', '<b>Музей</b>'], True)
"""

from __future__ import annotations

from collections import Counter

from workbench.errors import WorkbenchError
from workbench.i18n import t
from workbench.session import review, teams, voting
from workbench.session.model import card_stage_id
from workbench.session.wall import groups, ideas

MODES = ("join", "wall", "chart", "timer", "cloud", "teams", "review")
# Colour-blind-safe: Okabe & Ito's eight colours, lightened for sticky notes (dark text on them);
# `GROUP_EDGES` are the full colours, for the note's edge and the group's heading.
GROUP_NOTES = ("#ffe0a3", "#cde8f8", "#b8ecdc", "#fff6b0", "#bcd6ec", "#f8d0b0", "#ecd0e0", "#e4e4e4")
GROUP_EDGES = ("#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7", "#999999")
CLOUD_WORDS = 40
CHART_ROWS = 12  # bars on the wall at most; the rest is counted under the chart


def set_display(store, session_id: int, mode: str, stage_id: int | None = None,
                selected: list[int] | tuple = ()) -> None:
    """Choose what the display shows: `mode` (one of `MODES`), of which stage (None: the current
    one), and the cards selected on the laptop (highlighted on the wall)."""
    if mode not in MODES:
        raise WorkbenchError("bad_request", detail=f"display mode {mode!r}")
    ids = [int(i) for i in dict.fromkeys(selected)]
    with store.transaction():
        if stage_id is not None:
            store.stage(stage_id, session_id)  # NotFound for another session's stage
        store.set_display(session_id, mode, stage_id, ",".join(map(str, ids)))


def set_selection(store, code: str, selected: list[int] | tuple) -> None:
    """Mirror the laptop's selection on the display, keeping what it shows."""
    ids = ",".join(str(int(i)) for i in dict.fromkeys(selected))
    with store.transaction():
        session = store.session(code)
        if ids != session["display_selected"]:
            store.set_display(session["id"], session["display_mode"], session["display_stage_id"], ids)


def group_colours(n: int) -> list[tuple[str, str]]:
    """(note colour, edge colour) for each of `n` groups, the palette repeating after eight.

    >>> group_colours(9)[8] == group_colours(9)[0]
    True
    """
    return [(GROUP_NOTES[i % len(GROUP_NOTES)], GROUP_EDGES[i % len(GROUP_EDGES)]) for i in range(n)]


def word_counts(texts: list[str], top: int = CLOUD_WORDS) -> list[list]:
    """The most frequent lemmas of the cards ([word, count], alphabetical), no stop words, with
    the ё the cards wrote (the lemmatiser spells every ё as е).

    >>> word_counts(["Молодёжный клуб", "Клуб для молодёжи"])
    [['клуб', 2], ['молодёжный', 1], ['молодёжь', 1]]
    """
    from workbench.clustering import tokenize

    counts = Counter(lemma for text in texts for lemma in set(tokenize(text)) if len(lemma) > 2)
    yo = yo_stems(texts)
    return sorted([[with_yo(w, yo), n] for w, n in counts.most_common(top)], key=lambda wn: wn[0])


def yo_stems(texts: list[str]) -> dict[str, str]:
    """{the start of a word up to its ё, spelt with е: the same with ё}, from the cards' words."""
    import re

    out = {}
    for word in re.findall(r"\w*ё\w*", " ".join(texts).lower()):
        cut = word.rindex("ё") + 1
        out[word[:cut].replace("ё", "е")] = word[:cut]
    return out


def with_yo(lemma: str, stems: dict[str, str]) -> str:
    """`lemma` with the ё back when a card wrote its stem with ё (the longest stem that fits).

    >>> stems = yo_stems(["Молодёжи нужен клуб", "всё"])
    >>> with_yo("молодежный", stems), with_yo("дорога", stems), with_yo("всеобщий", stems)
    ('молодёжный', 'дорога', 'всеобщий')
    """
    for cut in range(len(lemma), 3, -1):  # short stems ("всё", "ещё") would misplace a ё
        if lemma[:cut] in stems:
            return stems[lemma[:cut]] + lemma[cut:]
    return lemma


def state(store, code: str, join_url: str = "", lang: str = "ru") -> dict:
    """Everything the display page draws now (one consistent read)."""
    with store.snapshot():
        session = store.session(code)
        stages = {s["id"]: s for s in store.stages(session["id"])}
        stage = stages.get(session["display_stage_id"]) or stages.get(session["current_stage_id"])
        out = {"mode": session["display_mode"], "title": session["title"], "territory": session["territory"],
               "code": session["code"], "join_url": join_url, "stage": None, "cards": [], "groups": [],
               "selected": [int(i) for i in session["display_selected"].split(",") if i],
               "chart": None, "cloud": None, "teams": None, "review": None,
               "labels": {k: t(k, lang) for k in ("join_at", "ungrouped", "no_cards", "display_offline",
                                                  "display_fullscreen")}}
        out["joined"] = t("joined_n", lang, n=store.count_participants(session["id"]))
        if out["mode"] == "review":  # the teams' scores belong to the session, not to a stage
            out["review"] = review_board(store, session["id"], lang)
        if stage is None:
            return out
        out["stage"] = {"id": stage["id"], "kind": stage["kind"], "title": stage["title"],
                        "prompt": stage["prompt"], "timer_ends_at": stage["timer_ends_at"]}
        source = card_stage_id(stage)
        cards = store.cards(session["id"], source) if source is not None else []
        _wall(out, stage, cards)
        mode = out["mode"]
        if mode == "chart" and stage["kind"] in ("voting", "statements"):
            out["chart"] = chart(store, stage, cards, lang)
        elif mode == "cloud":
            out["cloud"] = word_counts([c["text"] for c in ideas(cards)])
        elif mode == "teams" and stage["kind"] == "teams":
            out["teams"] = [{"id": o["id"], "text": o["text"],
                             "members": [{"name": m["name"], "organisation": m["organisation"],
                                          "leader": m["leader"]} for m in o["members"]],
                             "count": t("members_n", lang, n=len(o["members"]))}
                            for o in teams.options(store, stage, cards=cards)]
        return out


def score_text(value: float | None, lang: str) -> str:
    """A mean score as the wall shows it: one decimal, a comma in Russian, a dash for none.

    >>> score_text(4.25, "ru"), score_text(4.0, "en"), score_text(None, "ru")
    ('4,3', '4.0', '—')
    """
    if value is None:
        return "—"
    shown = f"{value + 1e-9:.1f}"  # 4.25 shows as 4,3 (half up), as people round
    return shown.replace(".", ",") if lang == "ru" else shown


def review_board(store, session_id: int, lang: str) -> dict:
    """Peer review for the wall: per team, the mean score per criterion (of 5) and how many
    reviewed it; the tally is `workbench.session.review`'s, as the drafts and the protocol have it.
    No comment and no reviewer leaves here."""
    criteria = store.criteria(session_id)
    rows = review.summarise(criteria, review.teams(store, session_id), store.reviews(session_id))
    out = {"title": t("review_results", lang), "max": review.SCALE[1], "teams": [],
           "mean_label": t("review_mean", lang), "empty": ""}
    if not criteria:
        out["empty"] = t("review_no_criteria", lang)
    elif not rows:
        out["empty"] = t("review_no_teams", lang)
    for r in rows:
        out["teams"].append({
            "id": r["id"], "text": r["text"], "reviewers": r["reviewers"],
            "count": t("display_reviewers_n", lang, n=r["reviewers"]),
            "mean": r["mean"], "mean_shown": score_text(r["mean"], lang),
            "criteria": [{"id": c["id"], "name": c["name"], "mean": c["mean"], "n": c["n"],
                          "shown": score_text(c["mean"], lang)} for c in r["criteria"]]})
    return out


def _wall(out: dict, stage: dict, cards: list[dict]) -> None:
    """The stage's cards, each with its group (None: in no group), and the groups with colours."""
    gs = groups(cards)
    colours = group_colours(len(gs))
    out["groups"] = [{"id": g["id"], "name": g["text"], "note": note, "edge": edge}
                     for g, (note, edge) in zip(gs, colours, strict=True)]
    known = {g["id"] for g in gs}
    rows = sorted(ideas(cards), key=lambda c: (c["created_at"], c["id"]))
    out["cards"] = [{"id": c["id"], "text": c["text"], "group": c["group_id"] if c["group_id"] in known else None,
                     "by_facilitator": bool(c["by_facilitator"])} for c in rows]
    shown = {c["id"] for c in cards}
    out["selected"] = [i for i in out["selected"] if i in shown]


def chart(store, stage: dict, cards: list[dict], lang: str) -> dict:
    """A voting stage's results for the wall: `bars` (label, value, shown value) best first, or
    for the matrix `points` (number, label, impact, feasibility); with a footnote on the method."""
    if stage["kind"] == "statements":
        return statements_chart(store, stage, cards, lang)
    m = voting.method(stage)
    items = m.items(store, stage, cards)
    rows = m.results(store, stage, items)
    text = {c["id"]: c["text"] for c in items}
    out = {"method": m.name, "title": t(f"method_{m.name}", lang), "note": t(f"display_note_{m.name}", lang),
           "voters": t("voters_n", lang, n=len(store.voters(m.ballots, stage["id"])))}
    if m.name == "matrix":
        rated = [r for r in rows if r["raters"]][:CHART_ROWS]
        out["points"] = [{"n": i + 1, "label": text.get(r["id"], ""), "impact": r["impact"],
                          "feasibility": r["feasibility"]} for i, r in enumerate(rated)]
        out["axes"] = {"x": t("feasibility", lang), "y": t("impact", lang)}
        out["quadrants"] = [t(q, lang) for q in ("big_bets", "quick_wins", "not_now", "fill_ins")]
        out["more"] = max(0, len([r for r in rows if r["raters"]]) - CHART_ROWS)
        return out
    if m.name == "dots":
        bars = [(r["id"], r["votes"], t("dots_n", lang, n=r["votes"])) for r in rows]
    elif m.name == "pairwise":
        bars = [(r["id"], round(100 * r["score"]), f"{round(100 * r['score'])}") for r in rows]
    else:  # ranking (Borda points) and any method whose rows carry `points`
        bars = [(r["id"], r.get("points", 0), t("points_n", lang, n=r.get("points", 0))) for r in rows]
    out["bars"] = [{"n": i + 1, "label": text.get(cid, ""), "value": v, "shown": s}
                   for i, (cid, v, s) in enumerate(bars[:CHART_ROWS])]
    out["more"] = t("display_more", lang, n=len(bars) - CHART_ROWS) if len(bars) > CHART_ROWS else ""
    return out


def statements_chart(store, stage: dict, cards: list[dict], lang: str) -> dict:
    """Agree / disagree on each statement: bars of the share who agree, most agreed first."""
    tally = store.statement_counts(stage["id"])
    rows = []
    for c in ideas(cards):
        n = tally.get(c["id"], {})
        agree, disagree, passed = (n.get(v, 0) for v in (1, -1, 0))
        share = round(100 * agree / (agree + disagree)) if agree + disagree else 0
        rows.append((c["text"], share, f"{t('agree_short', lang)} {agree} · {t('disagree_short', lang)} "
                                       f"{disagree} · {t('pass_short', lang)} {passed}"))
    rows.sort(key=lambda r: -r[1])
    voters = len({v["participant_id"] for v in store.statement_votes(stage["id"])})
    out = {"method": "statements", "title": stage["title"], "note": t("display_note_statements", lang),
           "voters": t("voters_n", lang, n=voters),
           "bars": [{"n": i + 1, "label": text, "value": share, "shown": shown}
                    for i, (text, share, shown) in enumerate(rows[:CHART_ROWS])]}
    out["more"] = t("display_more_statements", lang, n=len(rows) - CHART_ROWS) if len(rows) > CHART_ROWS else ""
    return out


def chart_of(store, code: str, lang: str = "ru") -> dict:
    """The results chart of the stage the display shows (or the current stage), for a file."""
    with store.snapshot():
        session = store.session(code)
        stages = {s["id"]: s for s in store.stages(session["id"])}
        stage = stages.get(session["display_stage_id"]) or stages.get(session["current_stage_id"])
        if stage is None or stage["kind"] not in ("voting", "statements"):
            raise WorkbenchError("bad_request", detail="the display shows no voting stage")
        cards = store.cards(session["id"], card_stage_id(stage))
        return chart(store, stage, cards, lang)
