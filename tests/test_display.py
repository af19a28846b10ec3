"""The projector's display page, without a browser: what it shows (workbench/session/display.py),
the catalogue's Russian and its plurals, and the page's routes behind the facilitator's login."""

from __future__ import annotations

import re

import pytest

from workbench.errors import WorkbenchError
from workbench.i18n import MESSAGES, plural_form, t
from workbench.session import display, facilitator, voting  # noqa: F401 (voting: the methods' messages)

# Latin words a Russian page may show: names of file formats and of the language switch.
# "Projector": the label `workbench serve` prints in the terminal, quoted as it is. "UTF": what staff
# see in Excel itself (its "CSV UTF-8" file type), named in the analysis page's advice.
LATIN_ALLOWED = {"English", "CSV", "TSV", "XLSX", "DOCX", "Markdown", "Excel", "PDF", "PNG", "SVG", "QR", "JSON",
                 "workbench", "new-session", "Projector", "UTF",
                 # what the phone says with JavaScript off: the setting and the browsers as a phone names them
                 "JavaScript", "Chrome", "Safari", "Firefox",
                 # the database a server's store is in, named by the command line's help and errors
                 "PostgreSQL"}
# What is not words: placeholders ({n}, and argparse's %(name)s, %s, %r), markup (<i>, &amp;),
# addresses' parts (/s/, ?token=), and what the command line's messages quote for typing:
# `commands`, --options, file names (x.csv).
NOT_WORDS = re.compile(r"\{[^{}]*\}|%(?:\(\w+\))?[sr]|<[^>]*>|&\w+;|/\w+/|[?&]?\w+=|`[^`]*`|--[\w-]+|"
                       r"[\w.]*\.(?:csv|xlsx|sqlite)\b")


def latin_words(text: str) -> set[str]:
    """Latin words of a text, placeholders (`{n}`), markup and addresses' parts left out.

    >>> sorted(latin_words("Скачать {name} PNG и No clear groups, QR-код, new-session, <i>?token=</i> /s/"))
    ['No', 'PNG', 'QR', 'clear', 'groups', 'new-session']
    """
    return set(re.findall(r"[A-Za-z][A-Za-z']*(?:-[A-Za-z]+)*", NOT_WORDS.sub(" ", text)))


def test_the_russian_catalogue_has_no_english_words_but_the_allowed_ones():
    leaks = {key: sorted(latin_words(ru) - LATIN_ALLOWED) for key, (ru, _) in MESSAGES.items()}
    assert {k: v for k, v in leaks.items() if v} == {}


def test_russian_plurals_follow_the_number():
    assert [t("dots_n", n=n) for n in (1, 2, 5, 11, 21, 104, 112)] == [
        "1 голос", "2 голоса", "5 голосов", "11 голосов", "21 голос", "104 голоса", "112 голосов"]
    assert [t("dots_n", "en", n=n) for n in (1, 3)] == ["1 dot", "3 dots"]
    assert t("vote_budget_exceeded", budget=3) == "Голоса закончились: у вас 3 голоса"
    assert t("vote_budget_exceeded", budget=5) == "Голоса закончились: у вас 5 голосов"
    assert plural_form(-1) == 0  # a difference shown with its sign
    assert t("proposal", n=3).startswith("Предложение: 3 группы")
    assert t("proposal", n=5).startswith("Предложение: 5 групп ")
    assert t("pairwise_enough", n=2) == "Спасибо: вы уже ответили 2 раза, этого достаточно"


def test_no_catalogue_string_says_голоса_ов_or_uses_method_jargon_as_a_heading():
    ru = " ".join(pair[0] for pair in MESSAGES.values())
    assert "(ов)" not in ru
    for jargon in ("Промежуточность", "Взвеш.", "Сила (Брэдли"):
        assert jargon not in ru


def _ideas(wb, code):
    session = wb.store.session(code)
    return session, next(s for s in wb.store.stages(session["id"]) if s["kind"] == "ideas")


def test_the_display_shows_what_the_facilitator_chose(wb):
    code = wb.store.create_session("Будущее Няндомского округа")
    session, ideas = _ideas(wb, code)
    assert display.state(wb.store, code)["mode"] == "join"  # a new session shows how to join
    ids = [facilitator.add_card(wb.store, session["id"], ideas["id"], f"Идея {i}")["id"] for i in range(3)]
    facilitator.new_group(wb.store, ideas["id"], "Туризм", ids[:2])
    display.set_display(wb.store, session["id"], "wall", ideas["id"], [ids[1]])
    d = display.state(wb.store, code, "http://10.0.0.5:8866/s/" + code)
    assert d["mode"] == "wall" and d["stage"]["title"] == "Проектные идеи"
    assert [c["text"] for c in d["cards"]] == ["Идея 0", "Идея 1", "Идея 2"]
    assert [g["name"] for g in d["groups"]] == ["Туризм"]
    assert d["groups"][0]["note"] in display.GROUP_NOTES
    assert [c["group"] for c in d["cards"]] == [d["groups"][0]["id"]] * 2 + [None]
    assert d["selected"] == [ids[1]]
    display.spotlight(wb.store, code, [])
    assert display.state(wb.store, code)["selected"] == []
    assert display.state(wb.store, code)["mode"] == "wall"  # the spotlight changes nothing else


def test_a_mode_with_nothing_to_show_on_the_stage_says_why_in_both_languages(wb):
    """Results on a card stage, teams off a teams stage, a timer never started: the display gets a
    true sentence for each (it said "no cards yet" over a wall of them, or showed nothing)."""
    code = wb.store.create_session("Сессия")
    session, ideas = _ideas(wb, code)
    for i in range(3):
        facilitator.add_card(wb.store, session["id"], ideas["id"], f"Идея {i}")
    for mode in ("chart", "teams", "timer"):
        display.set_display(wb.store, session["id"], mode, ideas["id"])
        d = display.state(wb.store, code)
        assert len(d["cards"]) == 3 and d["chart"] is None and d["teams"] is None
        assert d["stage"]["timer_ends_at"] is None
    ru, en = display.state(wb.store, code)["labels"], display.state(wb.store, code, lang="en")["labels"]
    assert ru["display_no_chart"] == "Итоги показываются на этапах голосования и утверждений"
    assert en["display_no_chart"] == "Results are shown on voting and statements stages"
    assert (ru["display_no_teams"], en["display_no_teams"]) == ("Команды показываются на этапе «Команды»",
                                                                "Teams are shown on a teams stage")
    assert (ru["display_no_timer"], en["display_no_timer"]) == ("Таймер не запущен", "No timer running")
    assert en["no_team_options"] == "No ideas to form teams around yet"


def test_a_bad_choice_is_refused_and_changes_nothing(wb):
    code = wb.store.create_session("Сессия")
    session, ideas = _ideas(wb, code)
    other = wb.store.create_session("Другая")
    _, other_ideas = _ideas(wb, other)
    with pytest.raises(WorkbenchError):
        display.set_display(wb.store, session["id"], "fireworks")
    with pytest.raises(WorkbenchError):
        display.set_display(wb.store, session["id"], "wall", other_ideas["id"])
    assert display.state(wb.store, code)["mode"] == "join"


def test_the_results_chart_is_worded_in_russian_with_plurals(wb):
    from workbench.session.phone import ballot, join

    code = wb.store.create_session("Сессия")
    session, ideas = _ideas(wb, code)
    voting_stage = next(s for s in wb.store.stages(session["id"]) if s["kind"] == "voting")
    for i in range(14):
        facilitator.add_card(wb.store, session["id"], ideas["id"], f"Идея номер {i}")
    facilitator.show_stage(wb.store, session["id"], voting_stage["id"])
    facilitator.toggle_voting(wb.store, voting_stage["id"])
    first = wb.store.cards(session["id"], ideas["id"])[-1]["id"]
    token = join(wb.store, code, {})["token"]
    ballot(wb.store, code, token, "vote", {"card": first})
    display.set_display(wb.store, session["id"], "chart", voting_stage["id"])
    chart = display.state(wb.store, code)["chart"]
    assert chart["bars"][0]["shown"] == "1 голос" and chart["bars"][1]["shown"] == "0 голосов"
    assert len(chart["bars"]) == display.CHART_ROWS and chart["more"] == "и ещё 2 идеи"
    assert chart["voters"] == "Проголосовали: 1"
    assert "Брэдли" not in chart["title"]


def test_the_control_view_chooses_and_highlights_only_on_request(wb):
    """The reviewer ticked a joke to hide it, and for a second or two the projector drew it in a
    thick frame and bold. A ✓ stays on the laptop; «Выделить на экране» shows cards to the room."""
    from workbench.ui.projector import ProjectorView

    code = wb.store.create_session("Сессия")
    session, ideas = _ideas(wb, code)
    card, joke = (facilitator.add_card(wb.store, session["id"], ideas["id"], text)["id"]
                  for text in ("Музей под открытым небом", "глава района на пенсии 🤣"))
    view = ProjectorView(wb, code)
    assert f"/d/{code}" in view.display_link.value and "Открыть экран" in view.display_link.value
    view.stage_picker.value = ideas["id"]
    view.display_choice.value = "wall"
    view.select(joke, card)  # to hide one, merge two…
    d = display.state(wb.store, code)
    assert (d["mode"], d["stage"]["id"], d["selected"]) == ("wall", ideas["id"], [])
    view._on_clear()
    view.spotlight_button.click()  # nothing ticked: says what to do
    assert "Отметьте ✓ карточки" in view.message.value and display.state(wb.store, code)["selected"] == []
    view.select(card)
    view.spotlight_button.click()
    assert display.state(wb.store, code)["selected"] == [card]
    assert "На экране выделено карточек: 1" in view.message.value and view.selected == []
    assert view.unspotlight_button.layout.display == "" and view.unspotlight_button.description.endswith("(1)")
    view.select(joke)
    view.hide_button.click()  # moderating another card leaves the highlight as it is
    assert display.state(wb.store, code)["selected"] == [card]
    view.display_choice.value = "cloud"
    view.display_choice.value = "wall"  # another mode of the same stage keeps it
    assert display.state(wb.store, code)["selected"] == [card]
    view.unspotlight_button.click()
    assert display.state(wb.store, code)["selected"] == [] and view.unspotlight_button.layout.display == "none"
    other = ProjectorView(wb, code)  # a second control window follows the first one's choice
    assert other.display_choice.value == "wall"
    view.display_choice.value = "cloud"
    other.refresh()
    assert other.display_choice.value == "cloud" and display.state(wb.store, code)["mode"] == "cloud"


def _text_boxes(fig):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    drawn = set(fig.texts) | {fig._suptitle}  # what is drawn: the figure's texts and its axes'
    for ax in fig.axes:
        if ax.axison:
            drawn |= {ax.xaxis.label, ax.yaxis.label, *ax.get_xticklabels(), *ax.get_yticklabels()}
        drawn |= set(ax.texts)
    texts = [x for x in fig.findobj(Text) if x.get_visible() and x.get_text().strip() and x in drawn]
    return [(x, x.get_window_extent(renderer)) for x in texts]


@pytest.mark.parametrize("method", ["dots", "matrix", "dots of 8, one of 215 letters"])
def test_the_wall_charts_files_have_large_labels_that_do_not_overlap(method):
    from workbench.wall_charts import figure, render
    from workbench.wall_samples import ideas

    texts = ideas(12)
    texts[3] = "Очень длинная идея: " + "отремонтировать дорогу до дальних деревень и пустить автобус " * 2
    if method.startswith("dots of 8"):  # a reviewer's real idea ran over the rows above and below
        texts = texts[:8]
        texts[3] = ("Создать в Ошевенске туристический информационный центр при библиотеке, где туристы "
                    "смогут узнать о маршрутах по Кенозерью, купить изделия местных мастеров, записаться "
                    "на экскурсию в монастырь и найти ночлег в гостевых домах жителей села")
    if method.startswith("dots"):
        chart = {"title": "Голоса (точки)", "voters": "Проголосовали: 30", "note": "Сколько голосов",
                 "more": "и ещё 2 идеи",
                 "bars": [{"n": i + 1, "label": x, "value": 20 - i, "shown": t("dots_n", n=20 - i)}
                          for i, x in enumerate(texts)]}
    else:
        chart = {"title": "Важность × выполнимость", "voters": "Проголосовали: 9", "note": "Средние оценки",
                 "more": 0, "axes": {"x": "Выполнимость", "y": "Важность"},
                 "quadrants": ["Большие ставки", "Быстрые победы", "Не сейчас", "Мелкие дела"],
                 "points": [{"n": i + 1, "label": x, "impact": 1 + (i * 7 % 40) / 10, "feasibility": 1 + (i * 3 % 40) / 10}
                            for i, x in enumerate(texts[:8])]}
    fig = figure(chart)
    boxes = _text_boxes(fig)
    labels = [(x, b) for x, b in boxes if x.get_text() not in {str(n) for n in range(1, 13)} or method != "matrix"]
    for x, b in labels:
        assert x.get_fontsize() * fig.dpi / 72 >= 24 * 0.8 - 0.01, x.get_text()  # footnotes 0.8 of 24 px
        assert b.x0 >= -1 and b.y0 >= -1 and b.x1 <= 1921 and b.y1 <= 1081, (x.get_text(), b, x.get_position())
    big = [(x, b) for x, b in labels if x.get_fontsize() * fig.dpi / 72 >= 24 - 0.01]
    assert len(big) >= {"dots": 12, "matrix": 4}.get(method, 8)  # the matrix: axes, title, legend
    for i, (x, a) in enumerate(labels):
        for y, b in labels[i + 1:]:
            assert not a.overlaps(b), (x.get_text()[:30], y.get_text()[:30])
    if method != "matrix":  # each idea's label stays within its own bar's row, a gap to the next
        ax = fig.axes[0]
        pitch = abs(ax.transData.transform((0, 1))[1] - ax.transData.transform((0, 0))[1])
        for x, b in boxes:
            if x in ax.get_yticklabels():
                assert b.height <= pitch * 0.95, (x.get_text()[:40], b.height, pitch)
    assert render(chart, "png")[:8] == b"\x89PNG\r\n\x1a\n"


def test_network_charts_speak_russian(tmp_path):
    import networkx as nx
    import pandas as pd

    from workbench.network.export import plot_growth, plot_network

    growth = pd.DataFrame({"date": ["2024-01-01", "2024-02-01"], "new_people": [3, 2],
                           "cumulative_people": [3, 5], "largest_component_share": [1.0, 0.6]})
    svg = plot_growth(growth, tmp_path / "g.svg").read_text(encoding="utf-8")
    G = nx.karate_club_graph()
    net = plot_network(G, [tmp_path / "n.svg", tmp_path / "n.png"],
                       community={n: n % 3 for n in G})
    text = net[0].read_text(encoding="utf-8")
    for english in ("community 0", "people so far", "events in date order", "Growth of the network"):
        assert english not in svg + text
    assert "Сообщество 1" in text and "всего людей" in svg  # matplotlib keeps each text as a comment
    from PIL import Image

    assert Image.open(net[1]).size[0] >= 1500  # sharp enough for a wall


def test_the_display_charts_agreement_on_statements(wb):
    from workbench.session.statements import vote

    code = wb.store.create_session("Сессия")
    session = wb.store.session(code)
    stage_id = wb.store.add_stage(session["id"], "statements", "Утверждения")
    a = facilitator.add_card(wb.store, session["id"], stage_id, "Нужен автобус")["id"]
    b = facilitator.add_card(wb.store, session["id"], stage_id, "Музей важнее дорог")["id"]
    facilitator.toggle_voting(wb.store, stage_id)
    for va, vb in [(1, -1), (1, -1), (1, 1), (-1, 0)]:
        p = wb.store.join(session["id"])
        vote(wb.store, stage_id, p["id"], a, va)
        vote(wb.store, stage_id, p["id"], b, vb)
    display.set_display(wb.store, session["id"], "chart", stage_id)
    chart = display.state(wb.store, code)["chart"]
    assert [(x["label"], x["value"]) for x in chart["bars"]] == [("Нужен автобус", 75), ("Музей важнее дорог", 33)]
    assert chart["bars"][1]["shown"] == "за 1 · против 2 · пропуск 1"
    assert chart["voters"] == "Проголосовали: 4"
    assert display.chart_of(wb.store, code)["bars"] == chart["bars"]


def _camps(people: int, statements: int, seed: int, camps: bool = True):
    """Votes of a room in two camps (one answer in ten the other way), or answered at random."""
    import random

    import pandas as pd

    rng = random.Random(seed)
    rows = [(p, s, ((1 if (p < people // 2) == (s < statements // 2) else -1) if camps else rng.choice([1, -1]))
             * (1 if rng.random() > .1 else -1)) for p in range(people) for s in range(statements)]
    return pd.DataFrame(rows, columns=["voter-id", "comment-id", "vote"])


def test_the_opinion_map_for_the_wall_shows_groups_only_when_they_are_clear():
    texts = {s: f"Утверждение {s}" for s in range(10)}
    camps = display.opinion_chart(_camps(30, 10, 1), texts, "Утверждения")
    assert [g["name"] for g in camps["groups"]] == ["Группа 1", "Группа 2"]
    assert len(camps["dots"]) == 30 and {d[2] for d in camps["dots"]} == {0, 1}
    assert all(0 <= d[0] <= 1 and 0 <= d[1] <= 1 for d in camps["dots"])
    a, b = camps["groups"]
    assert ((a["x"] - b["x"]) ** 2 + (a["y"] - b["y"]) ** 2) ** 0.5 >= 2 * display.BADGE  # numbers apart
    assert a["reps"] and all(r["text"] in texts.values() and r["mark"] in "✔✘" for r in a["reps"])
    assert len({g["colour"] for g in camps["groups"]}) == 2 and len({g["shape"] for g in camps["groups"]}) == 2
    # Answers at random: no groups drawn, every dot alike, and the verdict says so in words.
    chance = display.opinion_chart(_camps(12, 8, 2, camps=False), texts, "Утверждения")
    assert chance["groups"] == [] and {d[2] for d in chance["dots"]} == {-1}
    assert chance["verdict"].startswith("Явных групп мнений нет")
    # Too few answers for a map: the agreement bars stay, with the reason above them.
    few = display.opinion_chart(_camps(3, 8, 3), texts, "Утверждения")
    bars = {"method": "statements", "bars": [], "title": "Утверждения"}
    assert display.with_opinion_map(bars, few)["verdict"] == "Пока мало голосов для карты мнений"
    assert display.with_opinion_map(bars, None)["verdict"] == "Карта обновляется…"
    assert display.with_opinion_map(bars, camps) is camps


def test_group_numbers_on_the_map_never_overlap():
    import random

    rng = random.Random(5)
    for _ in range(50):
        pts = display.spread([(rng.random(), rng.random()) for _ in range(5)], display.BADGE)
        assert all(display.BADGE - 1e-9 <= c <= 1 - display.BADGE + 1e-9 for p in pts for c in p)
        for i, p in enumerate(pts):
            for q in pts[i + 1:]:
                assert ((p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2) ** 0.5 >= 2 * display.BADGE - 1e-6


def test_the_opinion_map_downloads_as_png_and_svg_for_the_wall():
    from PIL import Image

    from workbench.wall_charts import render

    chart = display.opinion_chart(_camps(30, 10, 1), {s: "Нужен автобус до райцентра " * 3 for s in range(10)},
                                  "Утверждения")
    svg = render(chart, "svg").decode()
    assert "Группа 1" in svg and "Группа 2" in svg and "Проголосовали: 30" in svg
    png = render(chart, "png")
    import io

    assert Image.open(io.BytesIO(png)).size == (1920, 1080)


def test_the_display_follows_the_control_views_language(wb):
    """A display already open kept the language of its link: now the link has none, and the
    display follows the language the control view last chose (a link with ?lang= keeps its own)."""
    from workbench.ui.projector import ProjectorView

    code = wb.store.create_session("Сессия")
    sid = wb.store.session(code)["id"]
    assert display.display_language(wb.store, sid, "ru") == "ru"  # nothing chosen yet: the server's
    view = ProjectorView(wb, code)
    assert f"href='/d/{code}'" in view.display_link.value  # no ?lang= fixing the display's language
    assert display.display_language(wb.store, sid, "en") == "ru"  # the view opened in Russian
    view.lang_toggle.value = "en"
    assert display.display_language(wb.store, sid, "ru") == "en"
    assert t("display_open", "en") in view.display_link.value
    with pytest.raises(WorkbenchError):
        display.set_language(wb.store, sid, "de")


def _voting(wb, code):
    session = wb.store.session(code)
    return next(s for s in wb.store.stages(session["id"]) if s["kind"] == "voting")


def test_a_stage_added_on_the_laptop_is_the_one_the_display_shows(wb):
    """The reviewer's second round: ✎ Этапы → Голосование → Добавить этап, renamed «Матрица», the
    matrix chosen, shown to phones, voting opened, the first round's results already on the
    display. The display showed the first round's bars and its state named «Голосование»: the
    added stage became the laptop's without the display being told, and a click on «Матрица» in
    the switcher changed nothing (it was already picked)."""
    from workbench.ui.projector import ProjectorView

    code = wb.store.create_session("Сессия")
    session, ideas = _ideas(wb, code)
    for i in range(4):
        facilitator.add_card(wb.store, session["id"], ideas["id"], f"Идея {i}")
    first = _voting(wb, code)
    view = ProjectorView(wb, code)
    view.stage_picker.value = first["id"]
    view.display_choice.value = "chart"
    assert display.state(wb.store, code)["stage"]["title"] == "Голосование"
    ed = view.stage_editor
    ed.toggle.value = True
    ed.kind.value = "voting"
    ed.add.click()
    new = view.viewed_stage_id
    assert new != first["id"]
    ed.title.value = "Матрица"
    ed.save.click()
    view.method.value = "matrix"
    view.make_current.click()
    view.voting_toggle.click()
    d = display.state(wb.store, code)
    assert d["stage"]["title"] == "Матрица" and d["mode"] == "chart" and d["chart"]["method"] == "matrix"
    assert wb.store.session(code)["current_stage_id"] == new
    view.stage_picker.value = first["id"]  # back and forth in the switcher: each click is followed
    assert display.state(wb.store, code)["stage"]["title"] == "Голосование"
    view.stage_picker.value = new
    assert display.state(wb.store, code)["stage"]["title"] == "Матрица"


def test_putting_a_stage_on_phones_moves_the_display_there(wb):
    """`show_stage` (the control view's «Показать участникам», the CLI) moves the display too:
    the room never sees another stage than the phones after it."""
    code = wb.store.create_session("Сессия")
    session, ideas = _ideas(wb, code)
    vote = _voting(wb, code)
    display.set_display(wb.store, session["id"], "wall", ideas["id"])
    facilitator.show_stage(wb.store, session["id"], vote["id"])
    d = display.state(wb.store, code)
    assert (d["stage"]["title"], d["mode"]) == ("Голосование", "chart")


def test_a_new_stage_puts_the_display_in_the_stages_own_mode_unless_it_shows_the_qr(wb):
    """«Команды» on the display, then the facilitator picks «Проектные идеи»: the projector said
    only "Команды показываются на этапе «Команды»". Now a move to another stage shows what that
    stage is for (its wall, its results, its teams); the same stage keeps the facilitator's pick;
    the QR code stays up while people arrive."""
    code = wb.store.create_session("Сессия")
    session, ideas = _ideas(wb, code)
    card = facilitator.add_card(wb.store, session["id"], ideas["id"], "Тропа")["id"]
    by_kind = {s["kind"]: s["id"] for s in wb.store.stages(session["id"])}
    display.set_display(wb.store, session["id"], "teams", by_kind["teams"])
    assert display.follow_stage(wb.store, session["id"], ideas["id"]) == "wall"
    d = display.state(wb.store, code)
    assert d["mode"] == "wall" and [c["text"] for c in d["cards"]] == ["Тропа"]
    display.set_display(wb.store, session["id"], "cloud", ideas["id"], [card])
    assert display.follow_stage(wb.store, session["id"], ideas["id"]) == "cloud"  # the same stage: kept
    assert display.state(wb.store, code)["selected"] == [card]
    assert [display.follow_stage(wb.store, session["id"], by_kind[k]) for k in ("voting", "teams", "problems")] == [
        "chart", "teams", "wall"]
    assert display.state(wb.store, code)["selected"] == []  # the selection belonged to the ideas
    display.set_display(wb.store, session["id"], "join", by_kind["problems"])
    assert display.follow_stage(wb.store, session["id"], by_kind["voting"]) == "join"
    with pytest.raises(WorkbenchError):  # another session's stage: refused, nothing changes
        display.follow_stage(wb.store, session["id"], _voting(wb, wb.store.create_session("Другая"))["id"])
    assert display.state(wb.store, code)["stage"]["title"] == "Голосование"


def test_a_vote_on_groups_is_footnoted_as_groups(wb):
    """The bars of a vote on groups said «Сколько голосов получила каждая идея» under them."""
    code = wb.store.create_session("Сессия")
    session, ideas = _ideas(wb, code)
    ids = [facilitator.add_card(wb.store, session["id"], ideas["id"], f"Идея {i}")["id"] for i in range(28)]
    for g in range(14):
        facilitator.new_group(wb.store, ideas["id"], f"Группа {g}", ids[2 * g:2 * g + 2])
    vote = _voting(wb, code)
    display.set_display(wb.store, session["id"], "chart", vote["id"])
    assert display.state(wb.store, code)["chart"]["note"] == "Сколько голосов получила каждая идея"
    facilitator.set_vote_on(wb.store, vote["id"], "groups")
    chart = display.state(wb.store, code)["chart"]
    assert chart["note"] == "Сколько голосов получила каждая группа" and chart["more"] == "и ещё 2 группы"
    assert display.state(wb.store, code, lang="en")["chart"]["note"] == "Dots each group received"
    facilitator.set_method(wb.store, vote["id"], "matrix")
    assert "номера — группы" in display.state(wb.store, code)["chart"]["note"]


def test_matrix_dots_with_the_same_means_stay_apart_on_the_wall_and_in_the_file(wb):
    """Ordinary ratings put dot 3 under dot 5 on the matrix: now coinciding means are nudged apart
    (the better-ranked dot keeps its place) in the display's data and the PNG alike."""
    import math

    from workbench.session.phone import ballot, join
    from workbench.wall_charts import figure

    code = wb.store.create_session("Сессия")
    session, ideas = _ideas(wb, code)
    ids = [facilitator.add_card(wb.store, session["id"], ideas["id"], f"Идея {i}")["id"] for i in range(6)]
    vote = _voting(wb, code)
    facilitator.set_method(wb.store, vote["id"], "matrix")
    display.set_display(wb.store, session["id"], "wall", ideas["id"])
    facilitator.show_stage(wb.store, session["id"], vote["id"])
    facilitator.toggle_voting(wb.store, vote["id"])
    for _ in range(3):
        token = join(wb.store, code, {})["token"]
        for i, card in enumerate(ids):  # four ideas on one spot (4, 3), two on another (5, 5)
            impact, feas = (4, 3) if i < 4 else (5, 5)
            ballot(wb.store, code, token, "rate", {"card": card, "impact": impact, "feasibility": feas})
    chart = display.state(wb.store, code)["chart"]
    assert display.state(wb.store, code)["mode"] == "chart"  # show_stage moved the display to the round
    points = chart["points"]
    assert len(points) == 6 and len({(p["impact"], p["feasibility"]) for p in points}) == 2
    for i, p in enumerate(points):
        for q in points[i + 1:]:
            assert math.dist((p["x"], p["y"]), (q["x"], q["y"])) >= 2 * display.MATRIX_DOT - 0.001, (p, q)  # rounded to 4 places
    assert sum((p["x"], p["y"]) == tuple(p["at"]) for p in points) == 2  # the best of each spot stays put
    fig = figure(chart)
    ax = fig.axes[0]
    fig.canvas.draw()
    centres = [ax.transData.transform(off) for coll in ax.collections if coll.get_sizes()[0] > 100
               for off in coll.get_offsets()]
    radius = math.sqrt(max(c.get_sizes()[0] for c in ax.collections) / math.pi) * fig.dpi / 72
    assert len(centres) == 6
    for i, a in enumerate(centres):
        for b in centres[i + 1:]:
            assert math.dist(a, b) >= 2 * radius, (a, b, radius)


def test_matrix_dots_of_tied_ideas_share_their_place_with_a_letter_on_the_wall_and_in_the_file(wb):
    """The matrix numbered its dots 1, 2, 3 where the bars and the protocol say 1, 1, 3: now a dot's
    number is its place, and ideas sharing a place carry a letter (1а, 1б), in the legend too,
    with the footnote saying what the letters mean; the PNG writes the same numbers."""
    from workbench.session.phone import ballot, join
    from workbench.wall_charts import figure

    code = wb.store.create_session("Сессия")
    session, ideas = _ideas(wb, code)
    ids = [facilitator.add_card(wb.store, session["id"], ideas["id"], f"Идея {i}")["id"] for i in range(3)]
    vote = _voting(wb, code)
    facilitator.set_method(wb.store, vote["id"], "matrix")
    facilitator.show_stage(wb.store, session["id"], vote["id"])
    facilitator.toggle_voting(wb.store, vote["id"])
    for _ in range(2):
        token = join(wb.store, code, {})["token"]
        for card, (impact, feas) in zip(ids, [(5, 4), (4, 5), (2, 2)], strict=True):  # 0 and 1: a sum of 9 each
            ballot(wb.store, code, token, "rate", {"card": card, "impact": impact, "feasibility": feas})
    display.set_display(wb.store, session["id"], "chart", vote["id"])
    chart = display.state(wb.store, code)["chart"]
    assert [(p["n"], p["label"]) for p in chart["points"]] == [("1а", "Идея 0"), ("1б", "Идея 1"), ("3", "Идея 2")]
    assert chart["note"].endswith("; одно место на несколько — номер с буквой: 1а, 1б")
    en = display.state(wb.store, code, lang="en")["chart"]
    assert [p["n"] for p in en["points"]] == ["1a", "1b", "3"] and en["note"].endswith("1a, 1b")
    # the protocol gives the same places
    from workbench.exports import protocol_markdown
    md = protocol_markdown(wb.store, code)
    assert "| 1 | Идея 0 |" in md and "| 1 | Идея 1 |" in md and "| 3 | Идея 2 |" in md
    fig = figure(chart)
    shown = [x.get_text() for ax in fig.axes for x in ax.texts]
    assert {"1а", "1б", "3"} <= set(shown)
    assert any(s.startswith("1а. Идея 0") and "\n1б. Идея 1" in s for s in shown)
