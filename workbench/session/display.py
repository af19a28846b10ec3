"""What the projector's display page shows: the facilitator chooses it on the laptop, the
display (a kernel-free page, `workbench/web/display.py`) reads it as JSON.

The choice lives in the store (the session's `display_mode`, `display_stage_id`,
`display_selected`: the cards spotlit, `spotlight`), so the laptop's control view and the display page, two browser windows,
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
from workbench.i18n import LANGS, MESSAGES, number, t
from workbench.session import registration, review, teams, voting
from workbench.session.lifecycle import check_open
from workbench.session.model import card_stage_id, in_language, member_label
from workbench.session.wall import groups, ideas
from workbench.util import isolate

MODES = ("join", "wall", "chart", "timer", "cloud", "teams", "review")
# Colour-blind-safe: Okabe & Ito's eight colours, lightened for sticky notes (dark text on them);
# `GROUP_EDGES` are the full colours, for the note's edge and the group's heading.
GROUP_NOTES = ("#ffe0a3", "#cde8f8", "#b8ecdc", "#fff6b0", "#bcd6ec", "#f8d0b0", "#ecd0e0", "#e4e4e4")
GROUP_EDGES = ("#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7", "#999999")
# The opinion map's groups: Okabe & Ito's colours (as `GROUP_EDGES`, without the yellow and the
# grey that read poorly as dots on a light wall), each with a shape of its own, so that a group
# is told apart without its colour too (`wall_charts.MARKERS` draws the same shapes).
OPINION_COLOURS = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#d55e00")
OPINION_INKS = ("#ffffff", "#1a1a1a", "#1a1a1a", "#1a1a1a", "#1a1a1a")  # a number on the colour: the higher contrast
OPINION_SHAPES = ("circle", "square", "triangle", "diamond", "down")
OPINION_REPS = 3  # representative statements per group at most (the wall drops the last ones first)
BADGE = 0.06  # a group's number on the map: a disc of this radius (the map is 1 × 1)
MATRIX_DOT = 0.045  # an idea's dot on the matrix: its radius, the square 1 × 1 (the page draws 0.04)
MATRIX_MARGIN = 0.06  # a rating of 1 or 5 sits this far inside the square's edge
CLOUD_WORDS = 40
CHART_ROWS = 12  # bars on the wall at most; the rest is counted under the chart


def set_display(store, session_id: int, mode: str, stage_id: int | None = None,
                selected: list[int] | tuple | None = None) -> None:
    """Choose what the display shows: `mode` (one of `MODES`), of which stage (None: the current
    one), and the cards shown to the room with a frame on the wall (`spotlight`; None: those of
    the stage already shown stay, another stage has none)."""
    if mode not in MODES:
        raise WorkbenchError("bad_request", detail=f"display mode {mode!r}")
    with store.transaction():
        if stage_id is not None:
            store.stage(stage_id, session_id)  # NotFound for another session's stage
        if selected is None:
            now = store.display(session_id)
            ids = now["selected"] if stage_id is None or stage_id == now["stage_id"] else ""
        else:
            ids = ",".join(str(int(i)) for i in dict.fromkeys(selected))
        store.set_display(session_id, mode, stage_id, ids)


# The mode the display takes when it moves to another stage (`follow_stage`): what the stage is
# for. A voting stage's results, a teams stage's teams, every other stage's cards on the wall.
STAGE_MODES = {"voting": "chart", "teams": "teams"}
# Modes a move to another stage keeps: the QR code is up while people arrive, whatever the stage,
# until the facilitator takes it down.
KEPT_MODES = ("join",)


def stage_mode(stage: dict) -> str:
    """The display mode a stage shows by itself.

    >>> stage_mode({"kind": "voting"}), stage_mode({"kind": "teams"}), stage_mode({"kind": "ideas"})
    ('chart', 'teams', 'wall')
    """
    return STAGE_MODES.get(stage["kind"], "wall")


def follow_stage(store, session_id: int, stage_id: int, selected: list[int] | tuple | None = None) -> str:
    """The display moves to `stage_id`: the stage the laptop now shows (picked, or just added) or
    the one just put on phones. Moving to another stage than the one shown switches to that
    stage's own mode (`stage_mode`: a teams view on an ideas stage said only "teams are shown on
    a teams stage"), except the QR code (`KEPT_MODES`); the facilitator may pick another mode
    after. The stage already shown keeps its mode and takes `selected` (None: keeps the
    selection; on another stage, none). Returns the mode.

    >>> from workbench.store import Store
    >>> store = Store.open_url("sqlite://")
    >>> sid = store.session(store.create_session("Демо"))["id"]
    >>> ideas, vote = [s["id"] for s in store.stages(sid) if s["kind"] in ("ideas", "voting")][:2]
    >>> set_display(store, sid, "teams", ideas)
    >>> follow_stage(store, sid, ideas), follow_stage(store, sid, vote)
    ('teams', 'chart')
    """
    with store.transaction():
        stage = store.stage(stage_id, session_id)  # NotFound for another session's stage
        now = store.display(session_id)
        live = {s["id"] for s in store.stages(session_id)}
        shown = now["stage_id"] if now["stage_id"] in live else store.current_stage_id(session_id)
        mode = now["mode"]
        if shown != stage_id and mode not in KEPT_MODES:
            mode = stage_mode(stage)
        if selected is None:
            ids = now["selected"] if shown == stage_id else ""
        else:
            ids = ",".join(str(int(i)) for i in dict.fromkeys(selected))
        if (mode, stage_id, ids) != (now["mode"], now["stage_id"], now["selected"]):
            store.set_display(session_id, mode, stage_id, ids)
        return mode


def set_language(store, session_id: int, lang: str) -> None:
    """The language of the control view, which a display opened without `?lang=` follows, and
    the session's language from now on (the control view opens in it; phones without a choice of
    their own follow it)."""
    if lang not in LANGS:
        raise WorkbenchError("bad_request", detail=f"language {lang!r}")
    store.set_display_lang(session_id, lang)


def display_language(store, session_id: int, default: str) -> str:
    """The session's language, which the control view opens in and the display speaks: the control
    view's last choice, else the one the session was created in (`new-session --lang`), else
    `default` (the `lang` setting: a session from before either was kept)."""
    lang = store.display_lang(session_id)
    return lang if lang in LANGS else default


def spotlight(store, code: str, card_ids: list[int] | tuple) -> None:
    """Show these cards to the room: the wall draws them with a thick frame, keeping what it
    shows; [] takes the frames off. Only the facilitator's «Выделить на экране» does this: the ✓
    that picks a joke to hide or duplicates to merge never shows on the projector."""
    ids = ",".join(str(int(i)) for i in dict.fromkeys(card_ids))
    with store.transaction():
        session = store.session(code)
        if ids != session["display_selected"]:
            store.set_display(session["id"], session["display_mode"], session["display_stage_id"], ids)


def group_colours(n: int) -> list[tuple[str, str]]:
    """(note colour, edge colour) for each of `n` groups, the palette repeating after eight (the
    wall tells a repeated colour apart by a double edge and the group's number).

    >>> group_colours(9)[8] == group_colours(9)[0]
    True
    """
    return [(GROUP_NOTES[i % len(GROUP_NOTES)], GROUP_EDGES[i % len(GROUP_EDGES)]) for i in range(n)]


def ink(colour: str) -> str:
    """The text colour on a background `colour` ("#rrggbb"): white or black, whichever has the
    higher contrast (WCAG's relative luminance). A group's heading on the wall: black, not a
    near-black, so Okabe & Ito's vermilion keeps 5.4:1 (#1a1a1a had 4.5:1, the first heading a
    washed-out projector loses).

    >>> ink("#0072b2"), ink("#56b4e9"), ink("#f0e442"), ink("#d55e00")
    ('#ffffff', '#000000', '#000000', '#000000')
    """
    def channel(c: int) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(colour[i:i + 2], 16)) for i in (1, 3, 5))
    lum = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#ffffff" if (1.05 / (lum + 0.05)) >= (lum + 0.05) / 0.05 else "#000000"


def word_counts(texts: list[str], top: int = CLOUD_WORDS) -> list[list]:
    """The most frequent words of the cards ([word, count], alphabetical; ``words.cloud_words``:
    dictionary forms, names with their capital, no stop words or numerals), with the ё the cards
    wrote (the lemmatiser spells every ё as е). The display's and the control view's cloud.

    >>> word_counts(["Молодёжный клуб", "Клуб для молодёжи на Онеге"])
    [['клуб', 2], ['молодёжный', 1], ['молодёжь', 1], ['Онега', 1]]
    """
    from workbench.words import cloud_words

    yo = yo_stems(texts)
    return sorted([[with_yo(w, yo), n] for w, n in cloud_words(texts, top)], key=lambda wn: wn[0].lower())


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


def _shown(store, code: str) -> tuple[dict, dict[int, dict], dict | None]:
    """The session, its stages by id, and the stage the display shows (else the current one).
    An archived session is refused: its wall says so, as its phones do (410), instead of
    inviting the room in."""
    session = check_open(store.session(code))
    stages = {s["id"]: s for s in store.stages(session["id"])}
    return session, stages, stages.get(session["display_stage_id"]) or stages.get(session["current_stage_id"])


def state(store, code: str, join_url: str = "", lang: str = "ru") -> dict:
    """Everything the display page draws now (one consistent read)."""
    with store.snapshot():
        session, stages, stage = _shown(store, code)
        out = {"mode": session["display_mode"], "lang": lang, "title": session["title"], "territory": session["territory"],
               "code": session["code"], "join_url": join_url, "stage": None, "cards": [], "groups": [],
               "selected": [int(i) for i in session["display_selected"].split(",") if i],
               "chart": None, "cloud": None, "teams": None, "teams_note": "", "review": None,
               "labels": {k: t(k, lang) for k in ("join_at", "ungrouped", "no_cards", "display_offline",
                                                  "display_fullscreen", "display_no_chart", "display_no_teams",
                                                  "display_no_timer", "no_team_options", "display_wall_more",
                                                  "display_and_more")}}
        # who was in the room, as the control view and the protocol count them: phones (not the
        # ballots collected on paper) and people checked in at the door without one
        out["joined"] = t("joined_n", lang, n=registration.people_count(store, code))
        if out["mode"] == "review":  # the teams' scores belong to the session, not to a stage
            out["review"] = review_board(store, session["id"], lang)
        if stage is None:
            return out
        stage = in_language(stage, lang)
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
                                          "label": isolate(member_label(m, lang)), "leader": m["leader"]}
                                         for m in o["members"]],
                             "count": t("members_n", lang, n=len(o["members"]))}
                            for o in teams.options(store, stage, cards=cards)]
            # a cut inside a tie (places 5 and 5, five teams to form) is said under the teams,
            # with the round it cut, as the control view says it (`teams.source_line`)
            if teams.cut_splits_tie(store, stage, cards):
                by_id = {s["id"]: in_language(s, lang) for s in stages.values()}
                out["teams_note"] = teams.source_line(store, stage, by_id, lang, cards, len(out["teams"]))
        return out


def score_text(value: float | None, lang: str) -> str:
    """A mean score as the wall shows it: one decimal, a comma in Russian, a dash for none.

    >>> score_text(4.25, "ru"), score_text(4.0, "en"), score_text(None, "ru")
    ('4,3', '4.0', '—')
    """
    return number(None if value is None else value + 1e-9, lang, 1)  # 4.25 shows as 4,3 (half up), as people round


def review_board(store, session_id: int, lang: str) -> dict:
    """Peer review for the wall: per team, the mean score per criterion (of 5) and how many
    reviewed it; the tally is `workbench.session.review`'s, as the drafts and the protocol have it.
    No comment and no reviewer leaves here."""
    criteria = store.criteria(session_id)
    rows = review.summarise(criteria, review.teams(store, session_id), store.reviews(session_id))
    out = {"title": t("review_results", lang), "max": review.SCALE[1], "teams": [],
           "mean_label": t("review_mean", lang), "empty": "",
           # the table's head, when the teams are too many for a cell each: the protocol's words
           "team_label": t("protocol_team", lang), "reviewers_label": t("review_reviewers", lang)}
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
    # n: the group's number (a badge on its heading once the colours repeat); mark: how many times
    # the palette went round before it (the wall draws a repeated colour with a double edge)
    out["groups"] = [{"id": g["id"], "name": g["text"], "note": note, "edge": edge, "ink": ink(edge), "n": i + 1,
                      "mark": i // len(GROUP_NOTES)}
                     for i, (g, (note, edge)) in enumerate(zip(gs, colours, strict=True))]
    out["palette"] = len(GROUP_NOTES)
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
    # a round on groups says "group" where a round on ideas says "idea"
    of = "_groups" if stage["vote_on"] == "groups" else ""
    note = f"display_note_{m.name}{of}" if f"display_note_{m.name}{of}" in MESSAGES else f"display_note_{m.name}"
    out = {"method": m.name, "title": t(f"method_{m.name}", lang), "note": t(note, lang),
           "voters": t("voters_n", lang, n=len(store.voters(m.ballots, stage["id"])))}
    place = voting.places(m, rows)  # a tie shares its place («1, 1, 3»)
    if m.name == "matrix":
        # a dot's number is its place, as the bars and the protocol give it; ideas sharing a place
        # carry a letter too («1а», «1б»), so the legend still tells the room which dot is which
        ranked = [(r, p) for r, p in zip(rows, place, strict=True) if p is not None]
        labels = tie_labels([p for _, p in ranked], lang)[:CHART_ROWS]
        out["points"] = matrix_points([{"n": n, "place": p, "label": text.get(r["id"], ""), "impact": r["impact"],
                                        "feasibility": r["feasibility"]}
                                       for (r, p), n in zip(ranked[:CHART_ROWS], labels, strict=True)])
        tied = [p["n"] for p in out["points"] if p["n"] != str(p["place"])]
        if tied:  # the footnote says what the letters mean, with the first tie on the wall
            out["note"] += "; " + t("display_note_tie_letters", lang, which=", ".join(tied[:2]))
        out["axes"] = {"x": t("feasibility", lang), "y": t("impact", lang)}
        out["quadrants"] = [t(q, lang) for q in ("big_bets", "quick_wins", "not_now", "fill_ins")]
        out["more"] = max(0, len([r for r in rows if r["raters"]]) - CHART_ROWS)
        out["legend_more"] = t(f"display_matrix_more{of}", lang)  # when the list beside does not fit
        return out
    if m.name == "dots":
        bars = [(r["id"], r["votes"], t("dots_n", lang, n=r["votes"])) for r in rows]
    elif m.name == "pairwise":
        bars = [(r["id"], round(100 * r["score"]), f"{round(100 * r['score'])}") for r in rows]
    else:  # ranking (Borda points) and any method whose rows carry `points`
        bars = [(r["id"], r.get("points", 0), t("points_n", lang, n=r.get("points", 0))) for r in rows]
    out["bars"] = [{"n": n, "label": text.get(cid, ""), "value": v, "shown": s}
                   for n, (cid, v, s) in zip(place[:CHART_ROWS], bars[:CHART_ROWS], strict=True)]
    out["more"] = t(f"display_more{of}", lang, n=len(bars) - CHART_ROWS) if len(bars) > CHART_ROWS else ""
    return out


LETTERS = {"ru": "абвгдежзиклмнопрстуфхцчшщэюя", "en": "abcdefghijklmnopqrstuvwxyz"}


def tie_labels(places: list[int], lang: str = "ru") -> list[str]:
    """The numbers on the matrix's dots: each idea's place (`voting.places`), and when ideas
    share a place, a letter after it in the order they are listed, so the legend tells tied
    dots apart.

    >>> tie_labels([1, 1, 3, 4, 4, 4])
    ['1а', '1б', '3', '4а', '4б', '4в']
    >>> tie_labels([1, 2, 2], "en")
    ['1', '2a', '2b']
    """
    letters = LETTERS.get(lang, LETTERS["en"])
    shared, seen = Counter(places), Counter()
    out = []
    for p in places:
        k = seen[p]
        seen[p] += 1
        out.append(str(p) if shared[p] == 1 else f"{p}{letters[k]}" if k < len(letters) else f"{p}.{k + 1}")
    return out


def matrix_place(impact: float, feasibility: float) -> tuple[float, float]:
    """Where a mean rating (1 to 5 each) lies in the matrix's 1 × 1 square: feasibility to the
    right, impact up.

    >>> matrix_place(1, 5), matrix_place(3, 3)
    ((0.94, 0.06), (0.5, 0.5))
    """
    span = 1 - 2 * MATRIX_MARGIN
    return (round(MATRIX_MARGIN + span * (feasibility - 1) / 4, 4), round(MATRIX_MARGIN + span * (impact - 1) / 4, 4))


def matrix_points(points: list[dict]) -> list[dict]:
    """The matrix's numbered dots, placed so that none hides another: each at its mean rating
    (`at`, in the 1 × 1 square) unless a better-ranked dot is there, then nudged to the nearest
    free place (`spread`), `x`, `y`; the wall draws a thin line back to `at` from a nudged dot.
    The same ratings always give the same places.

    >>> a, b, c = matrix_points([{"n": n, "impact": 4.0, "feasibility": 3.5} for n in (1, 2, 3)])
    >>> (a["x"], a["y"]) == tuple(a["at"]), (b["x"], b["y"]) != (c["x"], c["y"])
    (True, True)
    """
    at = [matrix_place(p["impact"], p["feasibility"]) for p in points]
    return [{**p, "at": list(a), "x": round(x, 4), "y": round(y, 4)}
            for p, a, (x, y) in zip(points, at, spread(at, MATRIX_DOT), strict=True)]


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


def opinion_chart(frame, texts: dict, title: str, lang: str = "ru", seed: int = 0) -> dict:
    """The opinion map for the wall from a statements stage's votes (`statements.votes_frame`)
    and the statements' texts: participants as `dots` [x, y, group] in a 1 × 1 square (y up;
    group -1: none shown), each group's number placed by its dots (never over another number),
    its representative statements, what everyone agrees on, and the verdict in words. Groups
    are shown only when they are clear (`workbench.opinion`): otherwise every dot is alike and
    the verdict says why. No dots when there are too few answers for a map.

    Slow (up to a second for 300 people): the display draws it in a worker thread.

    >>> import pandas as pd, random
    >>> rng = random.Random(1)  # two camps of 15, one answer in ten the other way
    >>> rows = [(p, s, (1 if (p < 15) == (s < 5) else -1) * (1 if rng.random() > .1 else -1))
    ...         for p in range(30) for s in range(10)]
    >>> frame = pd.DataFrame(rows, columns=["voter-id", "comment-id", "vote"])
    >>> c = opinion_chart(frame, {s: f"Утверждение {s}" for s in range(10)}, "Утверждения")
    >>> c["verdict"].startswith("Группы мнений устойчивы"), [g["size"] for g in c["groups"]], len(c["dots"])
    (True, ['15 человек', '15 человек'], 30)
    >>> opinion_chart(frame[:5], {}, "Утверждения")["dots"]
    []
    """
    from workbench.opinion import opinion_groups

    voters = int(frame["voter-id"].nunique()) if len(frame) else 0
    out = {"method": "opinion", "title": title, "voters": t("voters_n", lang, n=voters),
           "note": t("display_note_opinion", lang), "dots": [], "groups": [], "consensus": [],
           "consensus_title": t("consensus", lang), "verdict": t("too_few_votes", lang),
           "legend_more": t("display_legend_more", lang)}
    if voters < 4 or frame["comment-id"].nunique() < 2:  # as the control view's map
        return out
    res = opinion_groups(frame, seed=seed)
    out["verdict"] = res.verdict_text(lang)
    mark = {"agree": "✔", "disagree": "✘"}  # in every font, unlike emoji
    out["consensus"] = [{"mark": mark[c["direction"]], "text": texts.get(c["statement"], str(c["statement"]))}
                        for c in res.consensus[:OPINION_REPS]]
    if not len(res.coords):
        return out
    xs, ys = res.coords["x"].to_numpy(float), res.coords["y"].to_numpy(float)
    shown = res.clear_groups and res.k > 0
    gs = [int(g) if shown else -1 for g in res.coords["group"]]
    # one scale for both axes (distances stay true), the room centred, a margin for the dots
    span = max(xs.max() - xs.min(), ys.max() - ys.min()) or 1.0
    cx, cy = (xs.max() + xs.min()) / 2, (ys.max() + ys.min()) / 2
    dots = [[round(float(0.5 + 0.88 * (x - cx) / span), 4), round(float(0.5 + 0.88 * (y - cy) / span), 4), g]
            for x, y, g in zip(xs, ys, gs, strict=True)]
    out["dots"] = dots
    if not shown:
        return out
    ids = sorted(set(gs))
    for g, (x, y) in zip(ids, spread([_badge_place([d for d in dots if d[2] == g]) for g in ids], BADGE),
                         strict=True):
        out["groups"].append({
            "n": g + 1, "name": t("group_n", lang, n=g + 1), "size": t("display_people_n", lang, n=gs.count(g)),
            "colour": OPINION_COLOURS[g % len(OPINION_COLOURS)], "ink": OPINION_INKS[g % len(OPINION_INKS)],
            "shape": OPINION_SHAPES[g % len(OPINION_SHAPES)],
            "x": round(float(x), 4), "y": round(float(y), 4),
            "reps": [{"mark": mark[r["repful_for"]], "text": texts.get(r["statement"], str(r["statement"]))}
                     for r in res.repness.get(g, [])[:OPINION_REPS]]})
    return out


def _badge_place(dots: list) -> tuple[float, float]:
    """Where a group's number goes: above its dots (below them when there is no room above),
    so that it names the group without covering it."""
    x = sum(d[0] for d in dots) / len(dots)
    top, bottom = max(d[1] for d in dots), min(d[1] for d in dots)
    if top + 2 * BADGE + 0.03 <= 1:
        return x, top + BADGE + 0.03
    if bottom - 2 * BADGE - 0.03 >= 0:
        return x, bottom - BADGE - 0.03
    return x, sum(d[1] for d in dots) / len(dots)


def spread(points: list[tuple[float, float]], r: float) -> list[tuple[float, float]]:
    """Discs of radius `r` at `points` (in a 1 × 1 square), each kept where it is unless it would
    overlap one placed before it or leave the square: then the nearest free place around it (a
    spiral outwards). The map's group numbers, readable wherever the groups lie.

    >>> [(round(x, 2), round(y, 2)) for x, y in spread([(0.5, 0.5), (0.52, 0.5), (0.99, 0.0)], 0.06)]
    [(0.5, 0.5), (0.62, 0.5), (0.94, 0.06)]
    """
    import math

    placed: list[tuple[float, float]] = []

    def free(x, y):
        return r <= x <= 1 - r and r <= y <= 1 - r and all(math.hypot(x - a, y - b) >= 2 * r for a, b in placed)

    for x0, y0 in points:
        x0, y0 = min(max(x0, r), 1 - r), min(max(y0, r), 1 - r)
        spot = (x0, y0)
        if not free(x0, y0):
            rings = ((step * r / 4, k) for step in range(1, 200) for k in range(48))
            spot = next(((x0 + d * math.cos(2 * math.pi * k / 48), y0 + d * math.sin(2 * math.pi * k / 48))
                         for d, k in rings if free(x0 + d * math.cos(2 * math.pi * k / 48),
                                                   y0 + d * math.sin(2 * math.pi * k / 48))), spot)
        placed.append(spot)
    return placed


def with_opinion_map(chart: dict, opinion: dict | None, lang: str = "ru") -> dict:
    """A statements stage's results on the wall: the opinion map once there is one to draw,
    else the agreement bars (`statements_chart`) with the map's verdict (too few answers yet,
    or `opinion` None: being drawn) above them."""
    if opinion is not None and opinion["dots"]:
        return opinion
    return {**chart, "verdict": opinion["verdict"] if opinion is not None else t("opinion_updating", lang)}


def chart_of(store, code: str, lang: str = "ru") -> dict:
    """The results chart of the stage the display shows (or the current stage), for a file."""
    with store.snapshot():
        session, _, stage = _shown(store, code)
        if stage is None or stage["kind"] not in ("voting", "statements"):
            raise WorkbenchError("bad_request", detail="the display shows no voting stage")
        stage = in_language(stage, lang)
        cards = store.cards(session["id"], card_stage_id(stage))
        out = chart(store, stage, cards, lang)
        if stage["kind"] != "statements":
            return out
        from workbench.session.statements import votes_frame

        frame = votes_frame(store, stage["id"])
    texts = {c["id"]: c["text"] for c in ideas(cards)}
    return with_opinion_map(out, opinion_chart(frame, texts, stage["title"], lang), lang)
