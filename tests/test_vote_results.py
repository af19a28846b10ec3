"""What the room sees of a decision round's result, on every screen and in every file: every
method's results on phones once shown; ties share a place («1, 1, 3») and a matrix idea nobody
rated has none; a cut of the best N that falls inside a tie says so; figures are written one way
per language (a decimal comma in Russian), and the XLSX keeps them numbers; the public page has
the statements' answers as the protocol has them."""

from __future__ import annotations

import re

import pytest

from workbench.drafts import draft_candidates
from workbench.exports import protocol_docx, protocol_markdown, protocol_xlsx
from workbench.i18n import t
from workbench.session import display, facilitator, public, stages, statements
from workbench.session.phone import phone_state
from workbench.session.voting import compare, method, rank, rate, vote
from workbench.testing import ideas_session
from workbench.web.public import public_html

VOTING_SHEET = t("protocol_voting", "ru")
IDEAS = ("Ремонт дороги Няндома — Шалакуша", "Дом ремёсел для подростков", "Фестиваль «Каргопольская глина»",
         "Гостевой дом при ферме", "Прокат лодок", "Освещение улиц", "Автобус до Лепши")


@pytest.fixture
def room(wb):
    """A session with seven ideas, nine people and its voting stage on phones (closed)."""
    store = wb.store
    made = ideas_session(wb, "Будущее Няндомского округа", IDEAS)
    code, sid, st, cards = made["code"], made["sid"], made["stages"], made["cards"]
    people = [store.join(sid, name=f"Участник {i}") for i in range(9)]
    facilitator.show_stage(store, sid, st["voting"]["id"])
    return {"wb": wb, "store": store, "code": code, "sid": sid, "vote": st["voting"]["id"], "cards": cards,
            "people": people, "stages": st}


def _dots(room, counts: dict[int, int], stage_id=None):
    """Dots on the ideas (index → dots), spread over the people, three each at most."""
    store, sid = room["store"], stage_id or room["vote"]
    if not store.stage(sid)["voting_open"]:
        facilitator.toggle_voting(store, sid)
    budget = [3] * len(room["people"])
    for k, n in counts.items():
        for _ in range(n):
            who = next(i for i, b in enumerate(budget) if b)
            budget[who] -= 1
            vote(store, sid, room["people"][who]["id"], room["cards"][k])
    facilitator.toggle_voting(store, sid)


def _md_places(md: str, titles) -> dict[str, str]:
    return {t: re.search(rf"^\| ([^|]*) \| {re.escape(t)} \|", md, re.M).group(1) for t in titles}


def _public(room, lang="ru"):
    token = public.set_public(room["store"], room["code"], True)["token"]
    return public_html(public.public_results(room["store"], token, lang), lang)[1]


def test_tied_dots_share_a_place_on_the_wall_in_the_protocol_and_on_the_public_page(room):
    """«Ремонт дороги» and «Дом ремёсел» both had 8 dots: the wall said «1.» and «2.», the
    protocol and the public page «Место» 1 and 2."""
    _dots(room, {0: 8, 1: 8, 2: 5, 3: 5, 4: 1})
    store = room["store"]
    chart = display.chart(store, store.stage(room["vote"]), store.cards(room["sid"], room["stages"]["ideas"]["id"]), "ru")
    assert [(b["n"], b["value"]) for b in chart["bars"][:6]] == [(1, 8), (1, 8), (3, 5), (3, 5), (5, 1), (6, 0)]
    md = protocol_markdown(store, room["code"])
    assert _md_places(md, IDEAS[:5]) == {IDEAS[0]: "1", IDEAS[1]: "1", IDEAS[2]: "3", IDEAS[3]: "3", IDEAS[4]: "5"}
    doc = protocol_docx(store, room["code"])
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Место")
    assert [r.cells[0].text for r in table.rows[1:6]] == ["1", "1", "3", "3", "5"]
    sheet = protocol_xlsx(store, room["code"])[VOTING_SHEET]
    assert [sheet.cell(row=r, column=4).value for r in range(2, 7)] == [1, 1, 3, 3, 5]
    page = _public(room)
    places = re.findall(r"<tr><td>(\d+)</td><td class='card'>", page)
    assert places[:5] == ["1", "1", "3", "3", "5"]
    ideas = draft_candidates(store, room["code"])["ideas"]  # the drafts page's «Место»
    assert [(i["text"], i["place"]) for i in ideas[:3]] == [(IDEAS[0], 1), (IDEAS[1], 1), (IDEAS[2], 3)]


def test_a_ranking_where_everyone_disagrees_is_a_three_way_tie_with_percent_numbers(room):
    """Three people, three orders, 3 points each: places 1/2/3 before; the share of first places
    was text «33 %» in the XLSX."""
    store, sid = room["store"], room["vote"]
    facilitator.set_method(store, sid, "ranking")
    facilitator.toggle_voting(store, sid)
    a, b, c = room["cards"][:3]
    for p, order in zip(room["people"], ([a, b, c], [b, c, a], [c, a, b]), strict=False):
        rank(store, sid, p["id"], order)
    facilitator.toggle_voting(store, sid)
    md = protocol_markdown(store, room["code"])
    assert f"| 1 | {IDEAS[0]} | 3 | 33 % |" in md and f"| 1 | {IDEAS[2]} | 3 | 33 % |" in md
    sheet = protocol_xlsx(store, room["code"])[VOTING_SHEET]
    head = [c.value for c in sheet[1]]
    share = sheet.cell(row=2, column=head.index("Первых мест") + 1)
    assert share.value == pytest.approx(0.33) and share.number_format == "0%"
    assert [sheet.cell(row=r, column=4).value for r in (2, 3, 4)] == [1, 1, 1]
    assert "| 1 | " in protocol_markdown(store, room["code"], lang="en") and "33%" in protocol_markdown(
        store, room["code"], lang="en")


def test_a_matrix_idea_nobody_rated_gets_no_place(room):
    store, sid = room["store"], room["vote"]
    facilitator.set_method(store, sid, "matrix")
    facilitator.toggle_voting(store, sid)
    items = method(store.stage(sid)).items(store, store.stage(sid), store.cards(room["sid"], room["stages"]["ideas"]["id"]))
    for p in room["people"][:2]:
        rate(store, sid, p["id"], items[0]["id"], 5, 4)
        rate(store, sid, p["id"], items[1]["id"], 2, 4)
    md = protocol_markdown(store, room["code"])
    places = _md_places(md, [c["text"] for c in items])
    assert places[items[0]["text"]] == "1" and places[items[1]["text"]] == "2"
    assert {places[c["text"]] for c in items[2:]} == {"—"}
    sheet = protocol_xlsx(store, room["code"])[VOTING_SHEET]
    assert [sheet.cell(row=r, column=4).value or None for r in range(2, 2 + len(items))] == \
        [1, 2] + [None] * (len(items) - 2)  # an empty cell
    assert "<tr><td>—</td>" in _public(room)


def test_a_cut_of_the_best_n_inside_a_tie_says_the_earlier_ideas_went_through(room):
    """Three ideas tied at the top-6 cut, one left out silently: the control view's line and the
    protocol's now say a tie at the cut went to the earlier ones."""
    from workbench.ui.projector import ProjectorView

    store = room["store"]
    _dots(room, {0: 6, 1: 5, 2: 4, 3: 3, 4: 2, 5: 1, 6: 1})  # sixth and seventh: one dot each
    second = stages.add(store, room["sid"], "voting", "Матрица", after_stage_id=room["vote"])
    facilitator.set_method(store, second["id"], "matrix")
    facilitator.show_stage(store, room["sid"], second["id"])
    note = "при равенстве на границе прошли поданные раньше"
    md = protocol_markdown(store, room["code"])
    assert f"кандидаты: лучшие 6 из «Голосование» — Голоса (точки); {note}" in md
    view = ProjectorView(room["wb"], room["code"])
    view.stage_picker.value = second["id"]
    view.refresh()
    assert note in view.voting_status.value
    # No tie at the cut, no note: the last idea gets a second dot.
    facilitator.toggle_voting(store, room["vote"])
    vote(store, room["vote"], room["people"][-1]["id"], room["cards"][5])
    facilitator.toggle_voting(store, room["vote"])
    assert note not in protocol_markdown(store, room["code"])


def test_a_matrix_after_dots_on_the_same_stage_says_a_tie_at_its_short_list(room):
    store = room["store"]
    _dots(room, {0: 6, 1: 5, 2: 4, 3: 3, 4: 2, 5: 1, 6: 1})
    facilitator.set_method(store, room["vote"], "matrix")
    facilitator.toggle_voting(store, room["vote"])
    rate(store, room["vote"], room["people"][0]["id"], room["cards"][0], 4, 4)
    md = protocol_markdown(store, room["code"])
    assert "кандидаты: лучшие по голосам; при равенстве на границе прошли поданные раньше" in md


@pytest.mark.parametrize("how", ["matrix", "ranking", "pairwise", "dots"])
def test_every_method_shows_its_results_on_phones(room, how):
    """«Показать результаты на телефонах» did nothing for the matrix, ranking or pairwise: the
    phones' `results` stayed null."""
    store, sid = room["store"], room["vote"]
    facilitator.set_method(store, sid, how)
    facilitator.toggle_voting(store, sid)
    stage = store.stage(sid)
    items = method(stage).items(store, stage, store.cards(room["sid"], room["stages"]["ideas"]["id"]))
    a, b, c = (x["id"] for x in items[:3])
    for p in room["people"][:3]:
        if how == "matrix":
            rate(store, sid, p["id"], a, 5, 4)
            rate(store, sid, p["id"], b, 2, 2)
        elif how == "ranking":
            rank(store, sid, p["id"], [b, a, c])
        elif how == "pairwise":
            compare(store, sid, p["id"], a, b, b)
        else:
            vote(store, sid, p["id"], b)
    facilitator.toggle_voting(store, sid)
    session = store.session(room["code"])
    me = room["people"][0]
    assert phone_state(store, session, me)["results"] is None  # not shown yet
    facilitator.toggle_results(store, sid)
    results = phone_state(store, session, me)["results"]
    top = results[0]
    expected = {"matrix": (a, "Важность 5,00 · Выполнимость 4,00 · Быстрые победы"),
                "ranking": (b, "6 баллов · Первых мест: 100 %"),
                "pairwise": (b, "Оценка 80"),
                "dots": (b, "3 голоса")}[how]
    assert (top["id"], top["shown"], top["place"]) == (*expected, 1)
    assert top["text"] == next(x["text"] for x in items if x["id"] == top["id"])
    if how == "matrix":  # ideas nobody rated are not listed
        assert [r["id"] for r in results] == [a, b]
    en = phone_state(store, session, me, lang="en")["results"][0]["shown"]
    assert en == {"matrix": "Impact 5.00 · Feasibility 4.00 · Quick wins", "ranking": "6 points · First places: 100%",
                  "pairwise": "Score 80", "dots": "3 dots"}[how]


def test_matrix_and_pairwise_figures_are_written_one_way_per_language(room):
    """The protocol wrote «4,50», the control view and the public page «4.5», in Russian."""
    from workbench.ui.voting_views import results_view

    store, sid = room["store"], room["vote"]
    facilitator.set_method(store, sid, "matrix")
    facilitator.toggle_voting(store, sid)
    stage = store.stage(sid)
    items = method(stage).items(store, stage, store.cards(room["sid"], room["stages"]["ideas"]["id"]))
    rate(store, sid, room["people"][0]["id"], items[0]["id"], 5, 2)
    rate(store, sid, room["people"][1]["id"], items[0]["id"], 4, 3)
    rows = method(stage).results(store, stage, items)
    ru, en = (results_view("matrix", rows, items, lang, downloads=False) for lang in ("ru", "en"))
    assert "<td>4,50</td><td>2,50</td>" in ru and "<td>4.50</td><td>2.50</td>" in en
    assert "| 4,50 | 2,50 |" in protocol_markdown(store, room["code"])
    assert "<td>4,50</td><td>2,50</td>" in _public(room) and "<td>4.50</td><td>2.50</td>" in _public(room, "en")
    facilitator.set_method(store, sid, "pairwise")
    stage = store.stage(sid)
    compare(store, sid, room["people"][0]["id"], items[0]["id"], items[1]["id"], items[0]["id"])
    rows = method(stage).results(store, stage, items)
    view = results_view("pairwise", rows, items, "ru", downloads=False)
    assert re.search(r"<td>0,\d{3} \[0,\d{3}–0,\d{3}\]</td>", view), view
    assert "." not in re.search(r"<td>(0,\d{3} [^<]*)</td>", view).group(1)
    facilitator.toggle_voting(store, sid)
    md = protocol_markdown(store, room["code"])
    assert re.search(rf"\| 1 \| {re.escape(items[0]['text'])} \| 67 \| 0,\d{{3}} \| 0,\d{{3}}–0,\d{{3}} \| 1 \| 0 \|", md), md  # wins, losses
    sheet = protocol_xlsx(store, room["code"])[VOTING_SHEET]
    head = [c.value for c in sheet[1]]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(row=r, column=2).value == "Попарное сравнение")
    strength = sheet.cell(row=row, column=head.index("Сила идеи") + 1)
    assert isinstance(strength.value, float) and strength.number_format == "0.000"  # a number, to sort
    assert re.fullmatch(r"0,\d{3}–0,\d{3}", sheet.cell(row=row, column=head.index("Интервал 90 %") + 1).value)
    # English writes a percent sign close up, as its figures do («50%»): it had «90 % interval»
    english = protocol_xlsx(store, room["code"], "en")["Voting results"]
    assert "90% interval" in [c.value for c in english[1]]
    assert "Strength (90%)" in results_view("pairwise", rows, items, "en", downloads=False)


def test_the_public_page_shows_the_statements_answers_and_opinion_groups(room):
    """The public page listed the statements only; the protocol had each one's agree / disagree
    / pass counts and the opinion groups."""
    store = room["store"]
    people = room["people"] + [store.join(room["sid"]) for _ in range(3)]
    made = stages.add(store, room["sid"], "statements", "Утверждения")
    texts = ["Дороги важнее праздников", "Туристы нужны округу", "Молодёжь уезжает из-за работы",
             "Нужен дом ремёсел", "Автобус нужен каждый день", "Фестиваль важнее ремонта"]
    ids = [facilitator.add_card(store, room["sid"], made["id"], x)["id"] for x in texts]
    facilitator.show_stage(store, room["sid"], made["id"])
    facilitator.toggle_voting(store, made["id"])
    for i, p in enumerate(people):  # two camps of six, who all agree on the third statement
        side = 1 if i < 6 else -1
        for k, cid in enumerate(ids):
            answer = 1 if k == 2 else side if k < 3 else -side
            statements.vote(store, made["id"], p["id"], cid, 0 if (i + k) % 7 == 0 else answer)
    page = _public(room)
    section = page[page.index("<h2>Утверждения</h2>"):page.index("<h2>Итоги голосования</h2>")]
    assert ("<tr><td class='card'>Молодёжь уезжает из-за работы</td><td>11</td><td>0</td><td>1</td><td>12</td><td>92</td></tr>"
            in section)
    md = protocol_markdown(store, room["code"])
    verdict = re.search(r"^Ответили на утверждения: 12 · (.*)$", md, re.M).group(1)
    assert f"Ответили на утверждения: 12 · {verdict}" in section  # the protocol's words
    assert "<li>Молодёжь уезжает из-за работы (за)</li>" in section  # everyone agrees
    assert "**Группа 1** (человек: 6)" in md and "<b>Группа 1</b> (человек: 6)" in section
    assert "<b>Группа 2</b> (человек: 6)" in section and "<li>Туристы нужны округу (за)</li>" in section
