"""Real Chromium: a day's volumes on the projector (the scenario's 20–300 cards a stage, ~120
people) at 1920×1080 and 1024×768, every view whole on the screen or saying what it leaves out."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from workbench.wall_samples import ideas as sample_ideas

SIZES = [(1920, 1080), (1024, 768)]
SHOTS = os.environ.get("WORKBENCH_SHOTS")  # a folder: each view's screenshot goes there to look at


def _room(wb):
    """One session per view, each on its display mode: {view: code}."""
    from workbench.session import display, facilitator, voting
    from workbench.session.teams import join as join_team

    store = wb.store
    codes = {}

    def session(code, title="Будущее Няндомского округа"):
        store.create_session(title, territory="Няндомский округ", code=code)
        sid = store.session(code)["id"]
        return sid, {s["kind"]: s for s in reversed(store.stages(sid))}  # the first of each kind

    # 215 ideas in 11 groups (the first of 34), as «Предложить группы» left them
    sid, stages = session("WALL11")
    ideas = stages["ideas"]["id"]
    ids = [facilitator.add_card(store, sid, ideas, text)["id"] for text in sample_ideas(215)]
    sizes = [34, 28, 24, 22, 20, 18, 17, 16, 14, 12, 10]
    at = 0
    for g, n in enumerate(sizes):
        facilitator.new_group(store, ideas, f"Группа {g + 1}: дети и подростки", ids[at:at + n])
        at += n
    display.set_display(store, sid, "wall", ideas)
    codes["groups"] = "WALL11"

    # «Проблемы»: 160 cards, no groups
    sid, stages = session("PROB16")
    problems = stages["problems"]["id"]
    texts = sample_ideas(160)
    for i in range(0, 160, 7):  # some long ones, as phones write them
        texts[i] += ". В прошлом году пытались, но не хватило людей; сейчас молодые семьи вернулись"
    for text in texts:
        facilitator.add_card(store, sid, problems, text)
    display.set_display(store, sid, "wall", problems)
    codes["problems"] = "PROB16"

    # the join screen
    sid, stages = session("EEP8N8")
    display.set_display(store, sid, "join")
    codes["join"] = "EEP8N8"

    # three teams of 30, each with a leader, organisations in brackets
    sid, stages = session("TEAM30")
    ideas = stages["ideas"]["id"]
    options = [facilitator.add_card(store, sid, ideas, text)["id"] for text in
               ("Сыроварня при ферме и другое", "Детский досуг и ремёсла", "Волонтёрский отряд по уборке берегов")]
    for k, card in enumerate(options):
        for m in range(30):
            person = store.join(sid, name=f"Татьяна Петрова {k + 1}-{m + 1}",
                                organisation="АНО «Развитие Поморья»" if m % 3 == 0 else "")
            join_team(store, stages["teams"]["id"], person["id"], card, leader=(m == 0))
    display.set_display(store, sid, "teams", stages["teams"]["id"])
    codes["teams"] = "TEAM30"

    # eight teams, four of them still empty (the first row), four of 12
    sid, stages = session("TEAM8E")
    ideas = stages["ideas"]["id"]
    options = [facilitator.add_card(store, sid, ideas, f"Проект {k + 1}: сыроварня при ферме")["id"] for k in range(8)]
    for k, card in enumerate(options[4:]):
        for m in range(12):
            person = store.join(sid, name=f"Ольга Смирнова {k + 5}-{m + 1}")
            join_team(store, stages["teams"]["id"], person["id"], card, leader=(m == 0))
    display.set_display(store, sid, "teams", stages["teams"]["id"])
    codes["teams8"] = "TEAM8E"

    # the matrix: six ideas, one long
    sid, stages = session("MATRX6")
    ideas = stages["ideas"]["id"]
    labels = ["Сыроварня при ферме, давно пора", "Летний лагерь для детей из города",
              "Пекарня на местной муке, это очень важно", "Кооператив по сбору ягод в Бурачихе",
              "Волонтёрский отряд по уборке берегов. В прошлом году пытались, но не хватило людей; "
              "сейчас молодые семьи вернулись и готовы участвовать.", "Гостевой дом в старой избе!"]
    cards = [facilitator.add_card(store, sid, ideas, text)["id"] for text in labels]
    vote = stages["voting"]["id"]
    facilitator.set_method(store, vote, "matrix")
    facilitator.toggle_voting(store, vote)
    for p in range(100):
        pid = store.join(sid, name=f"Участник {p}")["id"]
        for i, card in enumerate(cards):
            voting.rate(store, vote, pid, card, 1 + (p + i) % 5, 1 + (p * i) % 5)
    display.set_display(store, sid, "chart", vote)
    codes["matrix"] = "MATRX6"

    # the word cloud of 110 visions
    sid, stages = session("CLOUD1")
    vision = stages["vision"]["id"]
    for text in VISIONS:
        facilitator.add_card(store, sid, vision, text)
    display.set_display(store, sid, "cloud", vision)
    codes["cloud"] = "CLOUD1"
    return codes


# «Образ будущего» as the reviewer's room wrote it: forty words, each three to six times, so that
# every word of the cloud is large
WORDS = ("дорога школа храм озеро пекарня сыроварня культура интернет центр экотуризм набережная площадка "
         "грант фонд бюджет глава среда ремесло софинансирование туризм деревня молодёжь клуб музей "
         "библиотека больница парк лес река мост автобус ярмарка фестиваль мастерская стадион каток сквер "
         "причал гостиница кооператив").split()
VISIONS = [w.capitalize() for i, w in enumerate(WORDS) for _ in range(3 + i * 7 % 4)]


@pytest.fixture(scope="module")
def room(serve):
    return serve(_room)


@pytest.fixture(scope="module")
def page(browser, room):
    server, _ = room
    ctx = browser.new_context(viewport={"width": 1920, "height": 1080})
    p = ctx.new_page()
    p.goto(server.projector_url("WALL11"))  # the facilitator's login
    yield p
    ctx.close()


def _open(page, room, view, size, ready):
    server, codes = room
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{server.base}/d/{codes[view]}")
    page.wait_for_selector(ready)
    page.wait_for_function("() => document.fonts.status === 'loaded' && document.getAnimations().length === 0")
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{view}-{size[0]}.png"))


def _inside(box, w, h):
    return box["l"] >= -0.5 and box["t"] >= -0.5 and box["r"] <= w + 0.5 and box["b"] <= h + 0.5


BOXES = """sel => [...document.querySelectorAll(sel)].map(e => { const r = e.getBoundingClientRect();
  return {l: r.left, t: r.top, r: r.right, b: r.bottom, text: e.textContent.replace(/\\u00ad/g, ''),
          data: Object.assign({}, e.dataset)}; })"""


def _overlap(a, b):
    return a["l"] < b["r"] - 0.5 and b["l"] < a["r"] - 0.5 and a["t"] < b["b"] - 0.5 and b["t"] < a["b"] - 0.5


@pytest.mark.browser
@pytest.mark.parametrize("size", SIZES)
def test_a_wall_of_215_ideas_in_11_groups_shows_every_group(page, room, size):
    """The reviewer's wall showed group 1 over five columns and group 2, groups 3–11 nowhere, and
    «Не поместилось на экран карточек: 133». Every group is on screen now, its heading with its
    count, the cards shared fairly between groups, and under each what it leaves out."""
    w, h = size
    _open(page, room, "groups", size, "#board .ghead")
    heads = page.evaluate(BOXES, "#board .ghead:not(.cont)")
    sizes = [34, 28, 24, 22, 20, 18, 17, 16, 14, 12, 10]
    assert [x["text"] for x in heads] == [f"{g + 1}Группа {g + 1}: дети и подростки · {n}"
                                          for g, n in enumerate(sizes)]
    shown = page.evaluate("""() => [...document.querySelectorAll('#board .col')].flatMap(c => [...c.children])
        .reduce((acc, e) => { if (e.matches('.ghead:not(.cont)')) acc.push({notes: 0, more: null});
          else if (e.matches('.note')) acc[acc.length - 1].notes++;
          else if (e.matches('.gmore')) acc[acc.length - 1].more = e.textContent;
          return acc; }, [])""")
    for n, got in zip(sizes, shown, strict=True):
        assert got["notes"] >= 1  # every group shows cards
        assert got["notes"] + int(got["more"].split()[-1] if got["more"] else 0) == n, (n, got)
        assert got["more"] is None or got["more"] == f"и ещё {n - got['notes']}"
    # fair: a group shows fewer cards than another only when it has no more to show
    most = max(g["notes"] for g in shown)
    for n, got in zip(sizes, shown, strict=True):
        assert got["notes"] >= min(n, most - 1), shown
    assert page.locator("#board .lost").count() == 0
    things = page.evaluate(BOXES, "#board .note, #board .ghead, #board .gmore")
    for i, a in enumerate(things):
        assert _inside(a, w, h), a
        for b in things[i + 1:]:
            assert not _overlap(a, b), (a, b)
    size_px = page.eval_on_selector("#board", "e => parseFloat(getComputedStyle(e).fontSize)")
    assert size_px >= h / 45 - 0.01


@pytest.mark.browser
@pytest.mark.parametrize("size", SIZES)
def test_the_line_saying_how_many_cards_did_not_fit_covers_no_card(page, room, size):
    """«Проблемы», 160 cards: at 1920 the last card of column 1 ran under «Не поместилось…» and
    was cut. The newest cards that fit stand above the line now, and the line counts the rest."""
    w, h = size
    _open(page, room, "problems", size, "#board .lost")
    notes = page.evaluate(BOXES, "#board .note")
    lost = page.evaluate(BOXES, "#board .lost")[0]
    assert lost["text"] == f"Не поместилось на экран карточек: {160 - len(notes)}"
    assert _inside(lost, w, h)
    for n in notes:
        assert _inside(n, w, h), n
        assert not _overlap(n, lost), (n, lost)


@pytest.mark.browser
@pytest.mark.parametrize("size", SIZES)
def test_three_teams_of_30_are_all_on_the_screen_with_their_leaders(page, room, size):
    """«Команды» with 3 teams of 30 was 3171 px wide in a 1920 window, the third team off screen,
    team 1 going on in a second column without its name; at 1024×768 a list cut at the foot with
    nothing saying so. Every team has its cell now: name, count, leader, members as far as they
    fit, then «и ещё N»."""
    w, h = size
    _open(page, room, "teams", size, "#teams .team")
    assert page.evaluate("document.documentElement.scrollWidth") <= w
    teams = page.evaluate("""() => [...document.querySelectorAll('#teams .team')].map(d => {
        const box = e => { const r = e.getBoundingClientRect(); return {l: r.left, t: r.top, r: r.right, b: r.bottom}; };
        const name = d.querySelector('b');
        return {box: box(d), name: name.textContent, nameWhole: name.scrollHeight <= name.clientHeight + 1,
                count: d.querySelector('.c').textContent,
                members: [...d.querySelectorAll('li:not(.more)')].map(li => ({...box(li), text: li.textContent})),
                more: (d.querySelector('li.more') || {}).textContent || null,
                ul: box(d.querySelector('ul'))}; })""")
    assert [t["name"] for t in teams] == ["Сыроварня при ферме и другое", "Детский досуг и ремёсла",
                                          "Волонтёрский отряд по уборке берегов"]
    for k, team in enumerate(teams):
        assert _inside(team["box"], w, h), team["box"]
        assert team["nameWhole"] and team["count"] == "В команде: 30"
        assert team["members"][0]["text"].startswith(f"★ Татьяна Петрова {k + 1}-1")  # the leader first
        for m in team["members"]:
            assert _inside(m, w, h) and m["b"] <= team["ul"]["b"] + 0.5, (m, team["ul"])
        hidden = 30 - len(team["members"])
        assert team["more"] == (f"и ещё {hidden}" if hidden else None), team["more"]
    assert all(not _overlap(a["box"], b["box"]) for i, a in enumerate(teams) for b in teams[i + 1:])
    if w == 1920:
        assert min(len(t["members"]) for t in teams) >= 15  # the cells use the screen's height


@pytest.mark.browser
@pytest.mark.parametrize("size", [(1024, 768), (800, 600)])
def test_a_row_of_empty_teams_leaves_its_height_to_the_teams_with_members(page, room, size):
    """Four new teams in the first row and four of 12 under them: rows of equal height cut the
    members to «и ещё 2» under a row of empty cells on a 4:3 projector; each row now takes what
    its longest list needs."""
    w, h = size
    _open(page, room, "teams8", size, "#teams .team")
    teams = page.evaluate("""() => [...document.querySelectorAll('#teams .team')].map(d => {
        const r = d.getBoundingClientRect();
        return {l: r.left, t: r.top, r: r.right, b: r.bottom, members: d.querySelectorAll('li:not(.more)').length,
                more: (d.querySelector('li.more') || {}).textContent || null}; })""")
    assert len(teams) == 8
    assert [t["members"] for t in teams[4:]] == [12] * 4 and not any(t["more"] for t in teams), teams
    assert all(_inside(t, w, h) for t in teams)
    assert teams[0]["b"] - teams[0]["t"] < teams[4]["b"] - teams[4]["t"]  # the empty row is the lower one


@pytest.mark.browser
@pytest.mark.parametrize("size", [(1024, 768), (1280, 720), (1280, 800), (1920, 1080)])
def test_the_join_screen_shows_the_whole_qr_code_and_code_at_every_projector_size(page, room, size):
    """At 1024×768 the QR code's left edge and the code («EEP8N» and half an 8) ran off the screen."""
    w, h = size
    _open(page, room, "join", size, ".join img")
    page.wait_for_function("() => document.querySelector('.join img').complete")
    qr = page.evaluate(BOXES, ".join img")[0]
    code = page.evaluate(BOXES, ".join .code")[0]
    assert code["text"] == "EEP8N8"
    assert page.eval_on_selector(".join .code", "e => e.scrollWidth <= e.clientWidth + 1")  # no letter cut
    for box in (qr, code, page.evaluate(BOXES, ".join .url")[0], page.evaluate(BOXES, ".join .count")[0]):
        assert _inside(box, w, h), (box, size)
    head = page.evaluate(BOXES, "#head")[0]
    assert qr["t"] >= head["b"] and not _overlap(qr, code)
    assert qr["r"] - qr["l"] >= 0.5 * h  # still large enough to scan from the hall
    assert page.eval_on_selector(".join .code", "e => parseFloat(getComputedStyle(e).fontSize)") >= 0.08 * h


@pytest.mark.browser
@pytest.mark.parametrize("size", SIZES)
def test_the_matrix_lists_every_idea_beside_the_square_or_says_how_many_are_not(page, room, size):
    """At 1024×768 the list beside the matrix ran off the bottom: idea 5 cut mid-sentence, idea 6
    gone, nothing said. Each idea listed is whole on the screen now (a long one on two lines with
    «…»), and any left out are counted."""
    w, h = size
    _open(page, room, "matrix", size, ".matrix .legend")
    items = page.evaluate(BOXES, ".matrix .legend > div:not(.lmore)")
    legend = page.evaluate(BOXES, ".matrix .legend")[0]
    more = page.evaluate(BOXES, ".matrix .legend .lmore")
    for it in items:
        assert _inside(it, w, h) and it["b"] <= legend["b"] + 0.5, (it, legend)
    labels = [it["text"].split(".")[0] for it in items]  # places; tied ideas 1а, 1б (`display.tie_labels`)
    assert len(set(labels)) == len(labels)
    places = [int(x.rstrip("абвгдежзийклмнопрстуфхцчшщэюяabcdefghijklmnopqrstuvwxyz")) for x in labels]
    assert places == sorted(places) and places[0] == 1
    if len(items) < 6:
        assert more and more[0]["text"] == f"Не поместилось на экран идей: {6 - len(items)}"
        assert _inside(more[0], w, h) and more[0]["b"] <= legend["b"] + 0.5
    else:
        assert not more
    clipped = page.evaluate("""() => [...document.querySelectorAll('.matrix .legend > div:not(.lmore)')]
        .filter(d => d.scrollHeight > d.clientHeight + 1).map(d => [d.title, d.textContent])""")
    for title, text in clipped:  # a shortened idea keeps its whole text in its tooltip
        assert title.startswith(text[:20]) and len(title) > 20
    px = page.eval_on_selector(".matrix .legend", "e => parseFloat(getComputedStyle(e).fontSize)")
    assert px >= h / 45 - 0.01
    assert len(items) == 6  # six ideas fit at both sizes, the long one shortened


@pytest.mark.browser
@pytest.mark.parametrize("size", SIZES)
def test_the_word_cloud_keeps_every_word_it_shows_on_the_screen(page, room, size):
    """At 1024×768 the cloud's bottom row was clipped at the lower edge."""
    w, h = size
    _open(page, room, "cloud", size, ".cloud span")
    words = page.evaluate(BOXES, ".cloud span")
    main = page.evaluate(BOXES, "#main")[0]
    assert len(words) >= 15
    for word in words:
        assert _inside(word, w, h) and word["t"] >= main["t"] - 0.5, word
    assert page.eval_on_selector(".cloud", "e => e.scrollHeight <= e.clientHeight + 1")


# Peer review on the projector: as many teams as a day forms (two to sixteen), three to five criteria
TEAM_NAMES = ["Сыроварня при ферме", "Детский досуг и ремёсла",
              "Волонтёрский отряд по уборке берегов Онежского озера и его притоков, с лодками и палатками "
              "для всех желающих", "Гостевой дом", "Пекарня на местной муке", "Кооператив по сбору ягод в Бурачихе",
              "Летний лагерь для детей из города", "Музей деревянного зодчества", "Экотропа", "Ярмарка мастеров",
              "Молодёжный клуб «Север»", "Причал и лодочная станция", "Фестиваль «Белые ночи на Онеге»", "Каток",
              "Библиотека-коворкинг", "Сквер у школы с площадкой для самых маленьких"]
CRITERIA = ["Ясность цели", "Реалистичный бюджет", "Польза для жителей округа", "Команда и партнёры",
            "Устойчивость после гранта"]
REVIEW_ROOMS = {"RV02K3": (2, 3), "RV06K4": (6, 4), "RV12K5": (12, 5), "RV16K3": (16, 3), "RV16K5": (16, 5)}


def _review_room(wb):
    """One session per {code: (teams, criteria)}, on the display's «Оценки», everyone scoring every
    team but their own; returns {code: what the display's JSON says of each team (`review_board`)}."""
    import random

    from workbench.session import display, facilitator, review

    store = wb.store
    boards = {}
    for code, (n, k) in REVIEW_ROOMS.items():
        store.create_session("Будущее Няндомского округа", territory="Няндомский округ", code=code)
        sid = store.session(code)["id"]
        stages = {s["kind"]: s for s in reversed(store.stages(sid))}
        cards = [facilitator.add_card(store, sid, stages["ideas"]["id"], name)["id"] for name in TEAM_NAMES[:n]]
        people = [store.join(sid, name=f"Участник {i + 1}")["id"] for i in range(2 * n)]
        for i, person in enumerate(people):  # straight into the store: a teams stage offers eight ideas
            store.put_team_member(stages["teams"]["id"], person, cards[i % n], i < n)
        criteria = [review.add_criterion(store, code, name) for name in CRITERIA[:k]]
        rnd = random.Random(n * 10 + k)
        for i, person in enumerate(people):
            for j, card in enumerate(cards):
                if j != i % n:
                    store.put_review(sid, person, card, {c: rnd.randint(1, 5) for c in criteria}, "")
        display.set_display(store, sid, "review")
        boards[code] = display.review_board(store, sid, "ru")
    return boards


@pytest.fixture(scope="module")
def review_room(serve):
    return serve(_review_room)


@pytest.fixture(scope="module")
def review_page(browser, review_room):
    server, _ = review_room
    ctx = browser.new_context(viewport={"width": 1920, "height": 1080})
    p = ctx.new_page()
    p.goto(server.projector_url("RV02K3"))  # the facilitator's login
    yield p
    ctx.close()


TEAM_BOXES = """() => [...document.querySelectorAll('#review .rteam')].map(d => {
  const box = e => { const r = e.getBoundingClientRect(); return {l: r.left, t: r.top, r: r.right, b: r.bottom}; };
  const name = d.querySelector('b');
  return {id: +d.dataset.team, box: box(d), name: name.textContent, title: name.title,
          whole: name.scrollHeight <= name.clientHeight + 1 && name.scrollWidth <= name.clientWidth + 1,
          parts: [...d.querySelectorAll('b, .avg, .c, .lab, .val')].map(e => ({...box(e), text: e.textContent})),
          values: [...d.querySelectorAll('.val')].map(e => e.textContent),
          mean: d.querySelector('.avg').textContent, count: d.querySelector('.c').textContent}; })"""


@pytest.mark.browser
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("code", list(REVIEW_ROOMS))
def test_every_team_and_its_scores_are_on_the_screen(review_page, review_room, code, size):
    """«Оценки» laid the teams out in three columns that ran off the screen: at 1024×768 seven of
    twelve teams were outside it, and «Реалистичны|й» broke mid-word. Every team is on the screen now
    with its name (cut with «…» where it is long, its whole text in its tooltip), its mean, how many
    scored it and each criterion's mean: a cell each while they fit, else a row each in a table,
    nothing over anything else, no text below the wall's smallest."""
    server, boards = review_room
    w, h = size
    n, k = REVIEW_ROOMS[code]
    review_page.set_viewport_size({"width": w, "height": h})
    review_page.goto(f"{server.base}/d/{code}")
    review_page.wait_for_selector("#review .rteam")
    review_page.wait_for_function("() => document.fonts.status === 'loaded'")
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        review_page.screenshot(path=str(Path(SHOTS) / f"review-{code}-{w}.png"))
    layout = review_page.eval_on_selector("#review", "e => e.dataset.layout")
    teams = review_page.evaluate(TEAM_BOXES)
    board = boards[code]
    assert [t["id"] for t in teams] == [t["id"] for t in board["teams"]]  # every team, in order
    for i, a in enumerate(teams):
        assert _inside(a["box"], w, h), (a["name"], a["box"], size)
        for b in teams[i + 1:]:
            assert not _overlap(a["box"], b["box"]), (a["name"], b["name"], size)
    for team, want in zip(teams, board["teams"], strict=True):
        assert team["title"] == want["text"]  # the whole name, also where the screen cuts it
        assert team["whole"] or len(want["text"]) > 20, (team["name"], size)  # only a long name is cut
        assert team["values"] == [c["shown"] for c in want["criteria"]]
        assert team["mean"].endswith(want["mean_shown"])
        assert team["count"] in (want["count"], str(want["reviewers"]))
        for i, a in enumerate(team["parts"]):  # a name wrapped or cut, never over its scores
            assert _inside(a, w, h), (a, size)
            for b in team["parts"][i + 1:]:
                assert not _overlap(a, b), (a, b, size)
    if layout == "table":  # the criteria named once, above their columns
        heads = review_page.eval_on_selector_all(".rtable:first-child .rhead .lab", "els => els.map(e => e.textContent)")
        assert heads == CRITERIA[:k]
    else:
        assert layout == "cards"
    assert layout == ("cards" if n == 2 else "table" if n >= 12 else layout)
    sizes = review_page.eval_on_selector_all("#review *", "els => els.filter(e => e.textContent.trim())"
                                                   ".map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert min(sizes) >= h / 45 - 0.01
    assert review_page.evaluate("document.documentElement.scrollWidth") <= w
