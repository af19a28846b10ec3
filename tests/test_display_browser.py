"""Real Chromium: the laptop's control view and the projector's display page, two windows."""

from __future__ import annotations

import signal
import time

import pytest
from test_display import LATIN_ALLOWED, latin_words

from workbench.i18n import t
from workbench.testing import Http, Phone, open_projector, wait_for
from workbench.wall_samples import ideas as sample_ideas

CODE = "DISP16"
MIN_PX_720 = 16  # the smallest text on the wall at 720p (README, "The display")


@pytest.fixture
def fresh(fresh):
    """conftest's `fresh`, with a session of its own on the ideas stage."""
    fresh[0].store.create_session("Будущее Няндомского округа", territory="Няндомский округ", code=CODE)
    return fresh


def _stage(wb, kind):
    session = wb.store.session(CODE)
    return next(s for s in wb.store.stages(session["id"]) if s["kind"] == kind)


def _fill_wall(wb, base, n=80):
    """`n` ideas from phones (5 each: the card limit per phone), on the ideas stage."""
    from workbench.session import facilitator

    session = wb.store.session(CODE)
    facilitator.show_stage(wb.store, session["id"], _stage(wb, "ideas")["id"])
    texts = sample_ideas(n)
    for i in range(0, n, 5):
        phone = Phone(base, CODE, lang="ru")
        phone.join(name=f"Участник {i // 5 + 1}")
        for text in texts[i:i + 5]:
            r = phone.call("POST", "/cards", {"text": text})
            assert r.status_code == 201, r.text
    return texts


def _open_display(screen, frame):
    """The display, opened from the control view's link in a window of its own."""
    with screen.context.expect_page() as opened:
        frame.locator("[data-display-link]").click()
    page = opened.value
    page.set_viewport_size({"width": 1280, "height": 720})
    page.wait_for_selector("#main[data-mode]")
    return page


def _tick(frame, card_id):
    """The ✓ of a card in the control view, as the facilitator clicks it."""
    card = frame.locator(f".wb-card[data-card='{card_id}']")
    card.locator("xpath=ancestor::div[contains(@class,'widget-hbox')][1]").locator("button").click()


def _choose(frame, label):
    frame.locator(".wb-display-choice").get_by_role("button", name=label, exact=True).click()


def _boxes(page, selector):
    return page.eval_on_selector_all(selector, "els => els.map(e => { const r = e.getBoundingClientRect();"
                                               " return [r.left, r.top, r.right, r.bottom]; })")


def _overlap(a, b) -> bool:
    return a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5


def _russian_only(text: str, allowed=()) -> set[str]:
    return latin_words(text) - LATIN_ALLOWED - set(allowed)


@pytest.mark.browser
def test_the_display_shows_80_cards_in_groups_a_chart_and_survives_a_restart(browser, fresh):
    wb, start = fresh
    server = start()
    texts = _fill_wall(wb, server.base)
    screen, frame = open_projector(browser, server, CODE)
    display = _open_display(screen, frame)
    # At first the room sees how to join: the QR code and the code, in Russian.
    display.wait_for_selector(".join img")
    assert display.locator(".join .code").inner_text() == CODE
    head = display.locator("#head").inner_text() + display.locator(".join .say").inner_text()
    assert _russian_only(head) == set()

    # The facilitator groups the ideas on the laptop and puts the wall on the display.
    frame.get_by_role("button", name="Проектные идеи").click()
    frame.get_by_role("button", name="Предложить группы").click()
    frame.wait_for_selector("text=Предложение")
    frame.get_by_role("button", name="Принять группы").click()
    _choose(frame, "Стена")
    display.wait_for_function("n => document.querySelectorAll('#board .note').length === n", arg=80)
    shown = [x.replace("\u00ad", "") for x in display.locator("#board .note").all_inner_texts()]  # soft hyphens
    assert sorted(shown) == sorted(texts)
    heads = display.locator("#board .ghead")
    assert heads.count() >= 2
    colours = {heads.nth(i).evaluate("e => getComputedStyle(e).backgroundColor") for i in range(heads.count())}
    assert len(colours) == heads.count() or len(colours) >= 8  # a colour per group (eight, then again)
    for left, top, right, bottom in _boxes(display, "#board .note, #board .ghead"):
        assert 0 <= left and right <= 1280 and 0 <= top and bottom <= 720, (left, top, right, bottom)
    size = display.eval_on_selector("#board", "e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= MIN_PX_720 - 0.01
    assert _russian_only(display.locator("#stage").inner_text()) == set()

    # A card ticked on the laptop (to hide a joke, merge duplicates) is no business of the room's:
    # the display draws it as every other. The reviewer's projector framed it in bold.
    # (a card the wall shows after the next one arrives: 81 cards no longer fit 1280×720, and a
    # full wall shows each group's first cards, «и ещё N» under it)
    on_wall = set(display.eval_on_selector_all(
        "#board .ghead:not(.cont) + .note", "els => els.map(e => e.dataset.card)"))  # each group's first
    first = next(c for c in frame.locator(".wb-card:not(.grp)[data-card]").evaluate_all(
        "els => els.map(e => e.dataset.card)") if c in on_wall)
    _tick(frame, first)
    frame.get_by_placeholder("Запишите, что сказал участник").fill("Записано после ✓")
    frame.get_by_role("button", name="Добавить", exact=True).click()  # the kernel took the ✓ before it
    display.wait_for_selector("#board .note:has-text('Записано после ✓')")  # polled past the ✓
    assert display.locator("#board .note.sel").count() == 0
    looks = "e => [getComputedStyle(e).outlineStyle, getComputedStyle(e).fontWeight]"
    other = display.locator(f"#board .note:not([data-card='{first}'])").first
    assert display.locator(f"#board .note[data-card='{first}']").evaluate(looks) == other.evaluate(looks)
    # «Выделить на экране» shows it to the room: a thick frame; «Снять выделение» takes it off.
    frame.get_by_role("button", name="Выделить на экране").click()
    display.wait_for_selector(f"#board .note.sel[data-card='{first}']")
    assert display.locator(f"#board .note[data-card='{first}']").evaluate(looks)[0] == "solid"
    frame.get_by_role("button", name="Снять выделение на экране (1)").click()
    display.wait_for_selector("#board .note.sel", state="detached")
    # a new card arrives animated
    late = Phone(server.base, CODE, lang="ru")
    late.join()
    assert late.call("POST", "/cards", {"text": "Карточка с <b>разметкой</b>"}).status_code == 201
    note = display.wait_for_selector("#board .note.new:has-text('Карточка с <b>разметкой</b>')")
    assert note.evaluate("e => e.querySelector('b') === null")  # participant text stays text

    # Dots from phones, then the results full screen on the display, at 1080p.
    from workbench.session import facilitator

    vote_stage = _stage(wb, "voting")
    facilitator.show_stage(wb.store, wb.store.session(CODE)["id"], vote_stage["id"])
    facilitator.toggle_voting(wb.store, vote_stage["id"])
    cards = [c for c in wb.store.cards(wb.store.session(CODE)["id"], _stage(wb, "ideas")["id"]) if not c["is_group"]]
    for i in range(6):
        voter = Phone(server.base, CODE, lang="ru")
        voter.join()
        for card in cards[i:i + 3]:
            assert voter.call("POST", "/vote", {"card": card["id"]}).status_code == 200
    frame.get_by_role("button", name="Голосование").click()
    _choose(frame, "Итоги")
    display.set_viewport_size({"width": 1920, "height": 1080})
    display.wait_for_selector(".bars .lab")
    display.wait_for_function("() => /Проголосовали: 6/.test(document.querySelector('.chart h2').textContent)")
    labels = _boxes(display, ".bars .lab, .bars .val, .chart h2, .chart .note-m, .chart .more")
    for i, a in enumerate(labels):
        assert 0 <= a[0] and a[2] <= 1920 and 0 <= a[1] and a[3] <= 1080, a
        for b in labels[i + 1:]:
            assert not _overlap(a, b), (a, b)
    px = display.eval_on_selector(".bars .lab", "e => parseFloat(getComputedStyle(e).fontSize)")
    assert px >= 24
    assert _russian_only(display.locator("#main").inner_text(), {"b"}) == set()  # "b": the card's own <b>
    assert "голоса(ов)" not in display.locator("#main").inner_text()

    # The laptop's server dies; the display keeps its picture, says so, and is back by itself
    # within 2 s of the server answering again.
    _choose(frame, "Стена")
    display.wait_for_selector("#main[data-mode='wall']")
    server.stop(signal.SIGKILL)
    display.wait_for_selector("#offline", state="visible", timeout=10_000)
    assert display.locator("#board .note").count() > 0  # the wall stays on screen meanwhile
    server = start(port=server.port)
    back = time.monotonic()
    display.wait_for_selector("#offline", state="hidden", timeout=2_000)
    assert time.monotonic() - back <= 2.0


def test_the_display_needs_the_facilitators_login(fresh):
    wb, start = fresh
    server = start()
    http = Http()
    page = http.get(f"{server.base}/d/{CODE}")
    assert page.status_code in (302, 403) and "__CONFIG__" not in page.text
    api = http.get(f"{server.base}/api/d/{CODE}/state")
    assert api.status_code == 403 and CODE not in api.text
    # Logged in (the token's cookie, as the control view's link carries it): JSON with an ETag.
    cookie = server.login_cookie(CODE)
    assert cookie
    first = http.get(f"{server.base}/api/d/{CODE}/state", headers={"Cookie": cookie})
    assert first.status_code == 200 and first.json()["code"] == CODE and first.json()["mode"] == "join"
    again = http.get(f"{server.base}/api/d/{CODE}/state",
                     headers={"Cookie": cookie, "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    # The facilitator puts the wall on screen (a commit of another process): the next poll has it.
    from workbench.session import display

    display.set_display(wb.store, wb.store.session(CODE)["id"], "wall", _stage(wb, "ideas")["id"])
    moved = http.get(f"{server.base}/api/d/{CODE}/state",
                     headers={"Cookie": cookie, "If-None-Match": first.headers["ETag"]})
    assert moved.status_code == 200 and moved.json()["mode"] == "wall"
    assert http.get(f"{server.base}/api/d/{CODE}/state",
                    headers={"Cookie": cookie, "If-None-Match": moved.headers["ETag"]}).status_code == 304
    wait_for(lambda: http.get(f"{server.base}/d/{CODE}", headers={"Cookie": cookie}).status_code == 200,
             timeout=5, message="the display page for a logged-in facilitator")
    unknown = http.get(f"{server.base}/api/d/NOSUCH/state", headers={"Cookie": cookie})
    assert unknown.status_code == 404 and "NOSUCH" in unknown.json()["message"]
    body = http.get(f"{server.base}/d/{CODE}", headers={"Cookie": cookie}).text
    assert "Экран для проектора" in body
    assert "<script src" not in body and "<link" not in body  # nothing fetched from elsewhere


def _luminance(rgb: str) -> float:
    r, g, b = (int(x) / 255 for x in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3])
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


@pytest.mark.browser
def test_a_russian_phone_shows_no_english_and_a_readable_language_button(browser, fresh):
    wb, start = fresh
    server = start()
    from workbench.session import facilitator

    facilitator.show_stage(wb.store, wb.store.session(CODE)["id"], _stage(wb, "ideas")["id"])
    page = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, locale="ru-RU").new_page()
    page.goto(f"{server.base}/s/{CODE}")
    page.wait_for_selector("#join-btn")
    button = page.locator("#lang")
    assert button.inner_text() == "English"  # the one English word: the way to English
    fg, bg = button.evaluate("e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]")
    light, dark = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    assert (light + 0.05) / (dark + 0.05) >= 4.5, (fg, bg)  # WCAG AA for its small text
    assert _russian_only(page.locator("body").inner_text(), {CODE}) == set()
    page.click("#join-btn")
    page.wait_for_selector("#add:not(.hidden)")
    assert _russian_only(page.locator("body").inner_text(), {CODE}) == set()


def test_the_results_on_the_display_download_as_png_and_svg(fresh):
    from workbench.session import display, facilitator
    from workbench.testing import Http

    wb, start = fresh
    session = wb.store.session(CODE)
    ideas, vote_stage = _stage(wb, "ideas"), _stage(wb, "voting")
    for text in sample_ideas(5):
        facilitator.add_card(wb.store, session["id"], ideas["id"], text)
    server = start()
    http = Http()
    cookie = server.login_cookie(CODE)
    refused = http.get(f"{server.base}/api/d/{CODE}/chart.png", headers={"Cookie": cookie})
    assert refused.status_code == 400  # the display shows no voting stage yet: said, not drawn
    display.set_display(wb.store, session["id"], "chart", vote_stage["id"])
    png = http.get(f"{server.base}/api/d/{CODE}/chart.png", headers={"Cookie": cookie})
    assert png.status_code == 200 and png.content[:4] == b"\x89PNG"
    svg = http.get(f"{server.base}/api/d/{CODE}/chart.svg", headers={"Cookie": cookie})
    assert svg.status_code == 200 and "Голоса" in svg.text and "<svg" in svg.text
    assert http.get(f"{server.base}/api/d/{CODE}/chart.svg").status_code == 403


@pytest.mark.browser
def test_every_display_mode_reads_in_russian(browser, fresh):
    """A crawl of the display: each mode the control view offers, in Russian, with its content."""
    from workbench.session import display, facilitator

    wb, start = fresh
    session = wb.store.session(CODE)
    ideas = _stage(wb, "ideas")
    for text in ("Молодёжный клуб в доме культуры", "Клуб для молодёжи", "Ярмарка местных продуктов"):
        facilitator.add_card(wb.store, session["id"], ideas["id"], text)
    server = start()
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(server.projector_url(CODE))  # the facilitator's login, as the control view has it
    page.goto(f"{server.base}/d/{CODE}")
    page.wait_for_selector("#main[data-mode='join'] .join img")
    assert _russian_only(page.locator("#head").inner_text() + page.locator(".join .say").inner_text()) == set()

    facilitator.start_timer(wb.store, ideas["id"], 5)
    display.set_display(wb.store, session["id"], "timer", ideas["id"])
    page.wait_for_selector("#main[data-mode='timer']")
    first = page.locator(".timer").inner_text()
    assert first == "05:00" or first.startswith("04:"), first  # five minutes, counting down
    page.wait_for_function("t => document.querySelector('.timer').textContent !== t", arg=first, timeout=5_000)

    display.set_display(wb.store, session["id"], "cloud", ideas["id"])
    page.wait_for_selector("#main[data-mode='cloud'] .cloud span")
    words = page.locator(".cloud span").all_inner_texts()
    assert "клуб" in words and any("ё" in w for w in words), words  # ё kept in the lemmas

    display.set_display(wb.store, session["id"], "wall", ideas["id"])
    page.wait_for_selector("#main[data-mode='wall'] #board .note")
    for mode in ("timer", "cloud", "wall"):
        display.set_display(wb.store, session["id"], mode, ideas["id"])
        page.wait_for_selector(f"#main[data-mode='{mode}']")
        assert _russian_only(page.locator("#main").inner_text() + page.locator("#stage").inner_text()) == set()


@pytest.mark.browser
def test_a_display_mode_with_nothing_to_show_here_says_why(browser, fresh):
    """"Итоги" on an ideas stage of 19 cards, "Команды" off the teams stage, "Таймер" with no
    timer: a sentence that is true, never "Пока нет карточек" over a full wall, a blank screen or
    a lone dash; and the clock as soon as the timer starts."""
    from workbench.session import display, facilitator

    wb, start = fresh
    session = wb.store.session(CODE)
    ideas, teams = _stage(wb, "ideas"), _stage(wb, "teams")
    for text in sample_ideas(19):
        facilitator.add_card(wb.store, session["id"], ideas["id"], text)
    server = start()
    login = Http().get(server.projector_url(CODE))  # the facilitator's login cookie, no projector opened
    cookies = [v.split(";")[0].split("=", 1) for k, v in login.headers.items() if k.lower() == "set-cookie"]
    ctx = browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        ctx.add_cookies([{"name": n, "value": v, "url": server.base} for n, v in cookies])
        page = ctx.new_page()
        page.goto(f"{server.base}/d/{CODE}")
        page.wait_for_selector("#main[data-mode='join']")

        def shows(mode, stage):
            display.set_display(wb.store, session["id"], mode, stage["id"])
            page.wait_for_selector(f"#main[data-mode='{mode}']")
            return page.locator("#main").inner_text().strip()

        assert shows("chart", ideas) == "Итоги показываются на этапах голосования и утверждений"
        assert shows("teams", ideas) == "Команды показываются на этапе «Команды»"
        assert shows("timer", ideas) == "Таймер не запущен"
        assert "В команде: 0" in shows("teams", teams)  # on the teams stage: its teams, still empty
        facilitator.start_timer(wb.store, ideas["id"], 5)
        display.set_display(wb.store, session["id"], "timer", ideas["id"])
        page.wait_for_function("() => /^0[45]:\\d\\d$/.test(document.querySelector('#main').innerText.trim())",
                               timeout=10_000)
    finally:
        ctx.close()


def _opinion_room(wb, base, people=20, statements=None):
    """A statements stage on the display's results: `people` phones answer every statement, in
    two camps, and everyone agrees the school must stay."""
    from test_statements import STATEMENTS

    from workbench.session import display, facilitator

    STATEMENTS = statements or STATEMENTS  # noqa: N806

    session = wb.store.session(CODE)
    stage_id = wb.store.add_stage(session["id"], "statements", "Утверждения")
    ids = [facilitator.add_card(wb.store, session["id"], stage_id, text)["id"] for text in STATEMENTS]
    facilitator.show_stage(wb.store, session["id"], stage_id)
    facilitator.toggle_voting(wb.store, stage_id)
    display.set_display(wb.store, session["id"], "chart", stage_id)
    for i in range(people):
        phone = Phone(base, CODE, lang="ru")
        phone.join()
        for j, card in enumerate(ids):
            vote = 1 if STATEMENTS[j] == "Школу закрывать нельзя" or (j % 2) == (i % 2) else -1
            if (i + j) % 9 == 0 and STATEMENTS[j] != "Школу закрывать нельзя":
                vote = 0
            r = phone.call("POST", "/statement", {"card": card, "vote": vote})
            assert r.status_code == 200, r.text
    return stage_id


@pytest.mark.browser
def test_the_opinion_map_fills_the_display_with_labels_apart(browser, fresh):
    wb, start = fresh
    server = start()
    _opinion_room(wb, server.base)
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(server.projector_url(CODE))  # the facilitator's login
    page.goto(f"{server.base}/d/{CODE}")
    # The map is drawn off the request path; the page shows it at a poll soon after.
    page.wait_for_selector("#main[data-mode='chart'] .omap .gnum >> nth=1", timeout=30_000)
    # every participant on the map: people who answered alike share one dot, its area by how many
    spots = {tuple(d) for d in page.request.get(f"{server.base}/api/d/{CODE}/state").json()["chart"]["dots"]}
    assert page.locator(".omap .dot").count() == len(spots)
    people = page.eval_on_selector_all(".omap .dot", "els => els.map(e => +e.getAttribute('data-people'))")
    assert sum(people) == 20
    assert page.locator(".omap .gnum").all_text_contents() == ["1", "2"]
    legend = page.locator(".olegend").inner_text()
    assert "Группа 1 · 10 человек" in legend and "Группа 2 · 10 человек" in legend
    assert "Школу закрывать нельзя" in page.locator(".olegend .cons").inner_text()  # what all agree on
    assert page.locator(".chart h2").inner_text() == "Утверждения · Проголосовали: 20"
    for width, height, least in ((1280, 720, MIN_PX_720), (1920, 1080, 24)):
        page.set_viewport_size({"width": width, "height": height})
        # the page redraws on "resize"; until then the old map is laid out in the new window
        page.wait_for_selector(f"#main[data-size='{width}x{height}'] .omap")
        labels = _boxes(page, ".chart h2, .chart .note-m, .olegend .verdict, .olegend .gh, .olegend li, .omap .gnum")
        for i, a in enumerate(labels):
            assert 0 <= a[0] and a[2] <= width and 0 <= a[1] and a[3] <= height, (width, a)
            for b in labels[i + 1:]:
                assert not _overlap(a, b), (width, a, b)
        square = _boxes(page, ".omap > svg")[0]
        dots = _boxes(page, ".omap .dot")
        assert not any(_overlap(d, n) for d in dots for n in _boxes(page, ".omap .gnum"))  # numbers beside the dots
        assert square[3] - square[1] >= 0.6 * height  # the map fills the screen's height
        for box in _boxes(page, ".olegend .verdict, .olegend .gh, .olegend li"):
            assert not _overlap(square, box)
        px = page.eval_on_selector_all(".olegend li, .olegend .gh, .omap .gnum",
                                       "els => els.map(e => e.getBoundingClientRect().height)")
        size = page.eval_on_selector(".olegend li", "e => parseFloat(getComputedStyle(e).fontSize)")
        assert size >= least - 0.01 and min(px) >= least - 0.01, (size, px)
    assert _russian_only(page.locator("#main").inner_text() + page.locator("#stage").inner_text()) == set()
    # Polls without a new answer are answered from the cache: the map is not drawn again.
    first = page.request.get(f"{server.base}/api/d/{CODE}/state")
    assert first.json()["chart"]["method"] == "opinion"
    again = page.request.get(f"{server.base}/api/d/{CODE}/state", headers={"If-None-Match": first.headers["etag"]})
    assert again.status == 304
    # The same map downloads as a file for the wall.
    svg = page.request.get(f"{server.base}/api/d/{CODE}/chart.svg")
    assert svg.status == 200 and "Группа 2" in svg.text()


LONG_STATEMENTS = [f"{head}: это утверждение нарочно длинное, чтобы легенда карты мнений не поместилась "
                   "на экран целиком и часть утверждений пришлось убрать; так бывает, когда участники пишут "
                   "развёрнуто, с подробностями, примерами из жизни деревни и объяснением, почему это важно "
                   "именно сейчас, а не через год или два" for head in
                   ("Дороги важнее всего", "Туризм спасёт район", "Нужен молодёжный центр",
                    "Администрация слышит жителей", "Ярмарка нужна каждую неделю", "Интернет важнее дорог",
                    "Нужно больше фестивалей", "Клубы должны работать по выходным",
                    "Автобус должен ходить каждый день", "Школу закрывать нельзя")]
LONG_STATEMENTS[-1] = "Школу закрывать нельзя"


@pytest.mark.browser
def test_the_opinion_legend_says_how_many_statements_did_not_fit(browser, fresh):
    wb, start = fresh
    server = start()
    _opinion_room(wb, server.base, statements=LONG_STATEMENTS)
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(server.projector_url(CODE))
    page.goto(f"{server.base}/d/{CODE}")
    page.wait_for_selector("#main[data-mode='chart'] .omap .gnum >> nth=1", timeout=30_000)
    chart = page.request.get(f"{server.base}/api/d/{CODE}/state").json()["chart"]
    sent = sum(len(g["reps"]) for g in chart["groups"]) + len(chart["consensus"])
    shown = page.locator(".olegend li").count()
    assert shown < sent  # the long statements do not all fit at 720p
    assert page.locator(".olegend .lmore").inner_text() == f"Не поместилось на экран утверждений: {sent - shown}"
    more = _boxes(page, ".olegend .lmore")[0]
    assert more[3] <= 720 and not any(_overlap(more, b) for b in _boxes(page, ".olegend li, .olegend .gh"))
    # The same for the wall: the picture ends with the same kind of line.
    svg = page.request.get(f"{server.base}/api/d/{CODE}/chart.svg").text()
    assert "Не поместилось на экран утверждений:" in svg


@pytest.mark.browser
def test_the_vote_chart_uses_the_walls_height_and_the_more_line_stands_apart(browser, serve):
    """The dot results filled about 60 % of the wall, "и ещё N идей" right under bar 12: the text is
    as large as fits and the bars take the height, and the more line keeps a gap from the last bar."""
    from workbench.demo import load_demo
    from workbench.session import display

    def prepare(wb):
        code = load_demo(wb.store)  # 14 ideas with dots: 12 bars and "и ещё 2 идеи"
        sid = wb.store.session(code)["id"]
        voting = next(s for s in wb.store.stages(sid) if s["kind"] == "voting")
        display.set_display(wb.store, sid, "chart", voting["id"])
        return code

    server, code = serve(prepare)
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        page.goto(server.projector_url(code))  # the facilitator's login
        page.goto(f"{server.base}/d/{code}")
        page.wait_for_selector(".chart .more")
        assert page.locator(".bars .bar").count() == 12
        for w, h in ((1280, 720), (1920, 1080)):
            page.set_viewport_size({"width": w, "height": h})
            page.wait_for_function(f"document.getElementById('main').dataset.size === '{w}x{h}'")
            m = page.evaluate("""() => {
              const box = s => document.querySelector(s).getBoundingClientRect();
              const last = Array.from(document.querySelectorAll('.bars > *')).slice(-3)
                .map(e => e.getBoundingClientRect().bottom);
              return {head: box('#head').bottom, top: box('.bars').top, more: box('.chart .more'),
                      note: box('.chart .note-m'), last: Math.max(...last),
                      em: parseFloat(getComputedStyle(document.querySelector('.chart .more')).fontSize),
                      noteSize: parseFloat(getComputedStyle(document.querySelector('.chart .note-m')).fontSize)};
            }""")
            used = (m["more"]["bottom"] - m["top"]) / (h - m["head"])
            assert used >= 0.8, (w, h, used, m)
            gap = m["more"]["top"] - m["last"]
            assert gap >= max(4, 0.3 * m["em"]), (w, h, gap, m)  # the more line does not touch bar 12
            assert m["more"]["bottom"] <= m["note"]["top"] and m["note"]["bottom"] <= h, (w, h, m)
            assert m["noteSize"] >= h / 45 - 0.05, m  # «Сколько голосов…» no smaller than the wall's smallest text
            labels = _boxes(page, ".bars .lab, .bars .val, .chart h2, .chart .note-m, .chart .more")
            for i, a in enumerate(labels):
                assert 0 <= a[0] and a[2] <= w and 0 <= a[1] and a[3] <= h, a
                for b in labels[i + 1:]:
                    assert not _overlap(a, b), (a, b)
    finally:
        page.close()


@pytest.mark.browser
def test_an_open_display_follows_the_control_views_language_unless_its_link_has_one(browser, fresh):
    """The display opened in Russian stayed Russian when the laptop switched to EN: a display opened
    without ?lang= follows the control view's language; one opened with ?lang=ru keeps Russian."""
    from workbench.session import display

    wb, start = fresh
    server = start()
    session = wb.store.session(CODE)
    display.set_language(wb.store, session["id"], "ru")  # the control view, opened in Russian
    ctx = browser.new_context(viewport={"width": 1280, "height": 720})
    follows = ctx.new_page()
    follows.goto(server.projector_url(CODE))  # the facilitator's login
    follows.goto(f"{server.base}/d/{CODE}")
    fixed = ctx.new_page()
    fixed.goto(f"{server.base}/d/{CODE}?lang=ru")
    try:
        for page in (follows, fixed):
            page.wait_for_selector("#main[data-mode='join'] .say")
            assert page.locator(".join .say").inner_text() == t("join_at", "ru")
        display.set_language(wb.store, session["id"], "en")  # RU/EN switched to EN on the laptop
        follows.wait_for_function("t => document.querySelector('.join .say').textContent === t",
                                  arg=t("join_at", "en"))
        assert follows.evaluate("document.documentElement.lang") == "en"
        assert follows.locator("#hint").inner_text() == t("display_fullscreen", "en")
        assert fixed.locator(".join .say").inner_text() == t("join_at", "ru")  # its link said ru
        display.set_language(wb.store, session["id"], "ru")
        follows.wait_for_function("t => document.querySelector('.join .say').textContent === t",
                                  arg=t("join_at", "ru"))
    finally:
        ctx.close()


def _picker(frame, title):
    """The control view's stage switcher (not the display's choice, which has «Команды» too)."""
    frame.locator(".wb-stage-picker").get_by_role("button", name=title, exact=True).click()


def _shown(display):
    """What the display's own poll answers now: (mode, the stage's title)."""
    return tuple(display.evaluate(
        "u => fetch(u).then(r => r.json()).then(j => [j.mode, j.stage && j.stage.title])",
        f"/api/d/{CODE}/state"))


def _dot_boxes(display):
    return display.eval_on_selector_all(".matrix svg circle.dot", "els => els.map(e => {"
                                        " const r = e.getBoundingClientRect();"
                                        " return [r.left + r.width / 2, r.top + r.height / 2, r.width / 2]; })")


@pytest.mark.browser
def test_the_display_follows_an_added_matrix_round_and_a_stage_brings_its_own_mode(browser, fresh):
    """The reviewer's session: the first round's bars on the display, then ✎ Этапы → Голосование →
    Добавить этап, renamed «Матрица», the matrix chosen, shown to phones, voting opened. The
    display kept the first round's bars (its state said «Голосование»). Now it shows the matrix,
    its dots apart though the room rated every idea alike; and «Команды» on the display, then the
    stage «Проектные идеи» picked: the wall, not "Команды показываются на этапе «Команды»"."""
    import math

    from workbench.session import facilitator

    wb, start = fresh
    session = wb.store.session(CODE)
    ideas = _stage(wb, "ideas")
    cards = [facilitator.add_card(wb.store, session["id"], ideas["id"], text)["id"] for text in sample_ideas(8)]
    server = start()
    screen, frame = open_projector(browser, server, CODE)
    display = _open_display(screen, frame)
    display.set_viewport_size({"width": 1920, "height": 1080})
    _picker(frame, "Голосование")
    frame.get_by_role("button", name="Показать участникам").click()
    frame.get_by_role("button", name="Открыть голосование").click()
    frame.wait_for_selector("text=Голосование открыто")
    phones = []
    for i in range(3):
        phone = Phone(server.base, CODE, lang="ru")
        phone.join()
        phones.append(phone)
        for card in cards[i:i + 3]:
            assert phone.call("POST", "/vote", {"card": card}).status_code == 200
    _choose(frame, "Итоги")
    display.wait_for_selector(".bars .lab")
    frame.get_by_role("button", name="Закрыть голосование").click()

    frame.get_by_role("button", name="✎ Этапы").click()
    frame.locator(".wb-stage-kind select").select_option(label="Голосование")
    frame.get_by_role("button", name="Добавить этап").click()
    frame.wait_for_selector("text=Добавлен этап «Голосование 2»")
    frame.locator(".wb-stage-title input").fill("Матрица")
    frame.get_by_role("button", name="Сохранить название и вопрос").click()
    frame.locator(".wb-stage-picker").get_by_role("button", name="Матрица", exact=True).wait_for(timeout=10_000)
    frame.locator(".wb-method select").select_option(label="Важность × выполнимость")
    frame.wait_for_selector("text=Оцените каждую идею")
    frame.get_by_role("button", name="Показать участникам").click()
    frame.get_by_role("button", name="Открыть голосование").click()
    frame.wait_for_selector("text=Голосование открыто")
    items = [c["id"] for c in phones[0].state()["decide"]["items"]]
    assert len(items) == 6
    for phone in phones:  # every idea rated 4 × 4 by everyone: six dots on one spot
        for card in items:
            r = phone.call("POST", "/rate", {"card": card, "impact": 4, "feasibility": 4})
            assert r.status_code == 200, r.text
    # every rating in (an earlier poll may have drawn six dots before the last phone's ratings)
    display.wait_for_function("() => document.querySelector('#stage').textContent === 'Матрица'"
                              " && document.querySelectorAll('.matrix svg circle.dot').length === 6"
                              " && [...document.querySelectorAll('.matrix svg text.num')]"
                              ".every(e => e.textContent.startsWith('1'))", timeout=10_000)
    assert _shown(display) == ("chart", "Матрица")
    assert display.locator(".bars").count() == 0  # the first round's bars are gone
    dots = _dot_boxes(display)
    for i, a in enumerate(dots):
        for b in dots[i + 1:]:
            assert math.dist(a[:2], b[:2]) >= a[2] + b[2] - 0.5, (a, b)  # no dot covers another
    # six ideas rated alike share the first place, as the bars and the protocol say: each dot
    # numbered 1 with a letter, the same key in the legend beside the square
    numbers = display.eval_on_selector_all(".matrix svg text.num", "els => els.map(e => e.textContent)")
    assert sorted(numbers) == ["1а", "1б", "1в", "1г", "1д", "1е"]
    keys = display.eval_on_selector_all(".matrix .legend b", "els => els.map(e => e.textContent)")
    assert keys == ["1а.", "1б.", "1в.", "1г.", "1д.", "1е."]
    assert "номер с буквой: 1а, 1б" in display.locator(".note-m").inner_text()
    for box in _boxes(display, ".matrix svg text.num"):  # the number with its letter stays inside its dot
        assert any(math.dist(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2), d[:2]) < d[2] and box[2] - box[0] < 2 * d[2]
                   for d in dots), box

    _choose(frame, "Составы команд")
    display.wait_for_selector("#main[data-mode='teams']")
    _picker(frame, "Проектные идеи")
    display.wait_for_selector("#main[data-mode='wall'] #board .note")
    assert "Команды показываются" not in display.locator("#main").inner_text()
    assert _shown(display) == ("wall", "Проектные идеи")
    frame.wait_for_selector(".wb-display-choice button.mod-active:text-is('Стена')")  # the laptop says so too


def _wall_room(wb, groups: int):
    """An ideas stage as the reviewer filled it: long words, a card of 500 letters, a row of
    letters with no space, and `groups` groups (more than the eight colours)."""
    from workbench.session import facilitator

    session = wb.store.session(CODE)
    ideas = _stage(wb, "ideas")
    texts = sample_ideas(56)
    texts[1] = "Отремонтировать дорогу до Шалакуши, Телемедицина в библиотеке"
    texts[2] = ("Очень длинная проблема про то, что у нас в округе всё плохо и никто ничего не делает "
                "уже много лет, ") * 5
    texts[3] = "А" * 30 + "Б" * 30
    ids = [facilitator.add_card(wb.store, session["id"], ideas["id"], text)["id"] for text in texts]
    per = len(ids) // groups
    for g in range(groups):
        mine = ids[g * per:(g + 1) * per] if g < groups - 1 else ids[g * per:]
        facilitator.new_group(wb.store, ideas["id"], f"Группа {g + 1}: дороги и транспорт", mine)
    from workbench.session import display as display_rules

    display_rules.set_display(wb.store, session["id"], "wall", ideas["id"])
    return texts


WALL_GEOMETRY = """() => {
  const box = e => { const r = e.getBoundingClientRect(); return {l: r.left, t: r.top, r: r.right, b: r.bottom}; };
  const cols = [...document.querySelectorAll('#board .col')].map(box);
  const colOf = b => cols.findIndex(c => b.l >= c.l - 0.5 && b.r <= c.r + 0.5);
  const notes = [...document.querySelectorAll('#board .note')].map(n => {
    const t = n.querySelector('.t') || n;
    return {...box(n), col: colOf(box(n)), id: n.dataset.card, cut: t.scrollHeight > t.clientHeight + 1,
            title: n.title, text: n.textContent.replace(/\u00ad/g, '')};
  });
  const heads = [...document.querySelectorAll('#board .ghead:not(.cont)')].map(h => {
    let next = h.nextElementSibling;
    return {...box(h), col: colOf(box(h)), text: h.textContent, bg: getComputedStyle(h).backgroundColor,
            badge: (h.querySelector('.gn') || {}).textContent || '',
            first: next && next.classList.contains('note') ? {...box(next), col: colOf(box(next))} : null};
  });
  const starts = [...document.querySelectorAll('#board .col')].map(c => c.firstElementChild.className);
  return {cols: cols.length, notes, heads, starts, size: parseFloat(getComputedStyle(document.querySelector('#board')).fontSize),
          lost: +document.querySelector('#board').dataset.lost,
          h: innerHeight, w: innerWidth};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)])
def test_the_wall_keeps_headings_with_their_cards_whole_cards_and_whole_words(browser, fresh, size):
    """Thirteen groups, long words, a card of 500 letters: each group's heading sits atop its
    first card in one column (it stood at a column's foot, its cards in the next); no card is
    split between columns or runs off the screen (the long one ends with "…", its whole text in
    its tooltip); every word is whole on its line; groups past the eight colours have numbers."""
    wb, start = fresh
    texts = _wall_room(wb, groups=13)
    server = start()
    width, height = size
    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        page.goto(server.projector_url(CODE))
        page.goto(f"{server.base}/d/{CODE}")
        page.wait_for_function(f"() => document.querySelectorAll('#board .note').length === {len(texts)}")
        g = page.evaluate(WALL_GEOMETRY)
        assert g["lost"] == 0 and g["size"] >= height / 45 - 0.01  # all there, at least 1/45 of the height
        assert len(g["heads"]) == 13
        assert all(c.startswith("ghead") for c in g["starts"]), g["starts"]  # a group going on: its heading again
        for h in g["heads"]:
            assert h["first"] is not None and h["col"] == h["first"]["col"] >= 0, h
            assert 0 <= h["first"]["t"] - h["b"] < g["size"], h  # right above its first card
        for n in g["notes"]:
            assert n["col"] >= 0, n  # inside one column: never across two
            assert n["b"] <= height + 0.5 and n["r"] <= width + 0.5, n  # never off the screen
            assert not n["cut"] or n["title"] == n["text"], n  # a clamped card keeps its text in its tooltip
        long = next(n for n in g["notes"] if n["text"].startswith("Очень длинная"))
        assert long["cut"] and long["b"] - long["t"] < height / 2
        badges = [h["badge"] for h in g["heads"]]
        assert badges == [str(i) for i in range(1, 14)]  # more groups than colours: numbered
        # Every heading's letters stand out on a washed-out projector: black or white, whichever
        # has more contrast (#1a1a1a on vermilion had 4.5:1), and a striped heading's stripes
        # darken under white letters (white stripes under white letters had 3.0:1).
        inks = page.evaluate("""() => [...document.querySelectorAll('#board .ghead:not(.cont)')].map(h => {
          const s = getComputedStyle(h);
          return [s.color, s.backgroundColor, h.classList.contains('alt'), s.backgroundImage]; })""")
        assert {c for c, *_ in inks} <= {"rgb(0, 0, 0)", "rgb(255, 255, 255)"}
        assert ("rgb(0, 0, 0)", "rgb(213, 94, 0)") in {(c, b) for c, b, *_ in inks}
        for colour, _, alt, stripes in inks:
            if alt:
                assert ("rgba(0, 0, 0, 0.22)" in stripes) == (colour == "rgb(255, 255, 255)"), (colour, stripes)
        # Whole words: a word of the cards breaks across lines only at a hyphen (a soft hyphen the
        # page put at a syllable of a long word, drawn as "-"): never "Отремонтиро|вать", never a
        # line that starts with the word's comma.
        broken = page.evaluate("""() => {
          const out = [];
          for (const t of document.querySelectorAll('#board .note .t')) {
            const node = t.firstChild, bottom = t.getBoundingClientRect().bottom;
            const re = /[^\\s]+/g; let m;
            while ((m = re.exec(node.data))) {
              if (m[0].replace(/\\u00ad/g, '').length > 24) continue;  // not a word: may break anywhere
              let top = null;
              for (let i = 0; i < m[0].length; i++) {
                const r = document.createRange(); r.setStart(node, m.index + i); r.setEnd(node, m.index + i + 1);
                const rs = r.getClientRects(), b = rs[rs.length - 1];  // (at a break, the last is the line it is on)
                if (!b || b.width === 0 || m[0][i] === '\\u00ad') continue;
                if (b.bottom > bottom + 1) break;  // below a clamped note's last line
                if (top !== null && b.top > top + 2 && m[0][i - 1] !== '\\u00ad') out.push(m[0]);
                top = b.top;
              }
            }
          }
          return out; }""")
        assert broken == []
        page.screenshot(path=str(wb.data_dir.parent / f"wall-{width}.png"))
    finally:
        page.close()


@pytest.mark.browser
def test_the_stage_name_has_the_header_first(browser, fresh):
    """«Точки роста и преимущества» was cut to «Точки роста и преимущест…» at 1920 and 1280 wide
    beside "Нажмите, чтобы развернуть на весь экран": the name is whole now, the code beside it,
    the hint in a corner for the first seconds only."""
    from workbench.session import display as display_rules
    from workbench.session import facilitator

    wb, start = fresh
    session = wb.store.session(CODE)
    growth = _stage(wb, "growth")
    facilitator.add_card(wb.store, session["id"], growth["id"], "Кенозерский национальный парк рядом")
    display_rules.set_display(wb.store, session["id"], "wall", growth["id"])
    server = start()
    seen = []
    for width, height in ((1920, 1080), (1280, 720)):
        page = browser.new_page(viewport={"width": width, "height": height})
        try:
            page.goto(server.projector_url(CODE))
            page.goto(f"{server.base}/d/{CODE}")
            page.wait_for_selector("#board .note")
            stage = page.locator("#stage")
            seen.append((width, stage.inner_text(), stage.evaluate("e => e.scrollWidth <= e.clientWidth + 1"),
                         page.locator("#head").inner_text().strip().endswith(CODE)))
            assert page.locator("#hint").inner_text() == "Нажмите, чтобы развернуть на весь экран"
            assert not _overlap(_boxes(page, "#hint")[0], _boxes(page, "#head")[0])  # never in the header
            page.wait_for_function("() => getComputedStyle(document.querySelector('#hint')).opacity === '0'",
                                   timeout=15_000)  # gone after a few seconds
            if width == 1280:  # without a mouse: the F key goes full screen, as a click does
                page.keyboard.press("f")
                page.wait_for_function("() => document.fullscreenElement !== null", timeout=5_000)
        finally:
            page.close()
    # the whole name, no ellipsis, and the code still in sight
    assert seen == [(1920, "Точки роста и преимущества", True, True), (1280, "Точки роста и преимущества", True, True)]


WALL_PLACES = """() => {
  // where each card stands (offsets: a card still growing in is scaled, its box is not)
  const cols = [...document.querySelectorAll('#board .col')];
  const out = {};
  cols.forEach((c, i) => c.querySelectorAll('.note').forEach(n => {
    out[n.dataset.card] = [i, n.offsetTop, n.offsetHeight, n.classList.contains('cut')];
  }));
  return {cols: cols.length, size: getComputedStyle(document.querySelector('#board')).fontSize, notes: out};
}"""


@pytest.mark.browser
def test_a_burst_of_50_cards_reaches_a_full_wall_whole_and_laid_out_as_a_fresh_page_would(browser, fresh):
    """300 phones during the ideas stage send several cards a second: the wall measures each card
    once and keeps it, so a burst of 50 onto a wall of 30 cards in 6 groups all shows within the
    deadline, under the same rules (each heading atop its first card, no card split or off the
    screen), exactly where a freshly opened display puts them; a participant joining (the state
    changes, the wall does not) leaves the wall as it is, not drawn again."""
    from workbench.session import display as display_rules
    from workbench.session import facilitator

    wb, start = fresh
    session = wb.store.session(CODE)
    ideas = _stage(wb, "ideas")
    texts, burst = sample_ideas(80)[:30], sample_ideas(80)[30:]
    texts[2] = "Очень длинная проблема про то, что у нас в округе всё плохо и никто ничего не делает " * 5
    ids = [facilitator.add_card(wb.store, session["id"], ideas["id"], text)["id"] for text in texts]
    for g in range(6):
        facilitator.new_group(wb.store, ideas["id"], f"Группа {g + 1}: дороги и транспорт", ids[g * 5:(g + 1) * 5])
    display_rules.set_display(wb.store, session["id"], "wall", ideas["id"])
    server = start()
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        page.goto(server.projector_url(CODE))
        page.goto(f"{server.base}/d/{CODE}")
        page.wait_for_function(f"() => document.querySelectorAll('#board .note').length === {len(texts)}")
        with wb.store.transaction():  # one commit: the next poll brings all 50
            for text in burst:
                facilitator.add_card(wb.store, session["id"], ideas["id"], text)
        total = len(texts) + len(burst)
        page.wait_for_function(f"() => document.querySelectorAll('#board .note').length === {total}",
                               timeout=10_000)
        assert page.locator("#board .note.new").count() == len(burst)  # the new ones grow in
        page.wait_for_function("() => document.getAnimations().length === 0")  # (grown: their boxes whole)
        g = page.evaluate(WALL_GEOMETRY)
        assert g["lost"] == 0 and g["size"] >= 720 / 45 - 0.01
        shown = {n["text"] for n in g["notes"]}
        assert set(burst) <= shown
        long = next(n for n in g["notes"] if n["text"].startswith("Очень длинная"))
        assert long["cut"] and long["title"] == long["text"]  # eight lines, "…", the rest in its tooltip
        assert len(g["heads"]) == 7  # the 6 groups and the new cards' "ungrouped" heading
        for h in g["heads"]:
            assert h["first"] is not None and h["col"] == h["first"]["col"] >= 0, h
            assert 0 <= h["first"]["t"] - h["b"] < g["size"], h  # right above its first card
        for n in g["notes"]:
            assert n["col"] >= 0, n
            assert n["b"] <= 720 + 0.5 and n["r"] <= 1280 + 0.5, n
            assert not n["cut"] or n["title"] == n["text"], n
        incremental = page.evaluate(WALL_PLACES)

        # Someone joins: the display's state changes (the count), its wall does not.
        page.evaluate("() => { document.getElementById('board').dataset.kept = 'yes'; }")
        joined = page.evaluate("() => last.joined")
        Phone(server.base, CODE, lang="ru").join()
        page.wait_for_function("j => last.joined !== j", arg=joined, timeout=10_000)
        assert page.locator("#board[data-kept='yes']").count() == 1

        # A display opened afresh (nothing measured yet) puts every card in the same place.
        page.reload()
        page.wait_for_function(f"() => document.querySelectorAll('#board .note').length === {total}")
        assert page.evaluate(WALL_PLACES) == incremental
    finally:
        page.close()


@pytest.mark.browser
def test_a_group_going_on_in_the_next_column_keeps_its_short_name_whole(browser, fresh):
    """The reviewer's English wall: «Support» continued into the next column read «… Sup…», the
    heading on one line with "… " before the name. Now a size smaller, on up to two lines: whole."""
    from workbench.session import display as display_rules
    from workbench.session import facilitator

    wb, start = fresh
    session = wb.store.session(CODE)
    ideas = _stage(wb, "ideas")
    groups = {  # the reviewer's wall, card for card
        "Youth club": ["Open a youth club in the old school", "Robotics club for children",
                       "Jobs for young people at the sawmill", "Coworking space in the library",
                       "Youth volunteer centre"],
        "Mobile clinic visits": ["Mobile clinic visits to villages", "Pharmacy in every village",
                                 "Doctor visits twice a month", "Fast internet in remote villages",
                                 "Mobile phone coverage on the highway"],
        "Tourists": ["Guest houses for tourists", "Wooden architecture tour route", "Tourist information centre"],
        "Road from Nyandoma to Shalakusha": ["Repair the road from Nyandoma to Shalakusha",
                                             "Street lighting in Shalakusha", "Better road to Moshinskoye"],
        "Support": ["Support for local craftsmen", "Recycling point for plastic", "Grants for small business"],
        "Hockey rink": ["Eco trail along the lake", "Sports ground for kids", "Hockey rink in winter"],
        "River": ["Fix the bridge over the Moshka river", "Clean up the river banks", "Restore the old church"],
        "Summer": ["Summer camp for teenagers", "Farmers market on Saturdays", "Village festival every summer"],
        "Bus": ["Regular bus to the district centre", "Bus schedule that matches the train"],
    }
    for name, texts in groups.items():
        ids = [facilitator.add_card(wb.store, session["id"], ideas["id"], text)["id"] for text in texts]
        facilitator.new_group(wb.store, ideas["id"], name, ids)
    display_rules.set_display(wb.store, session["id"], "wall", ideas["id"])
    server = start()
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        page.goto(server.projector_url(CODE))
        page.goto(f"{server.base}/d/{CODE}?lang=en")
        page.wait_for_function("() => document.querySelectorAll('#board .note').length === 30")
        conts = page.evaluate("""() => [...document.querySelectorAll('#board .ghead.cont')].map(h => ({
            name: h.querySelector('.gt').textContent, mark: getComputedStyle(h.querySelector('.gt'), '::before').content,
            clipped: h.scrollWidth > h.clientWidth + 1 || h.scrollHeight > h.clientHeight + 1}))""")
        names = {c["name"] for c in conts}
        assert {"Support", "Summer"} <= names, conts  # both go on in another column
        for c in conts:
            assert not c["clipped"], c  # the whole name, never «… Sup…»
            assert c["mark"] == '"…\u00a0"', c  # marked as going on
    finally:
        page.close()


@pytest.mark.browser
def test_the_teams_on_the_display_say_when_their_cut_fell_inside_a_tie(browser, fresh):
    """Five teams to form, the 5th and the 6th idea with two dots each: under the teams the wall
    says which went through, whole and inside the screen."""
    from test_teams import _tie_at_five

    wb, start = fresh
    _tie_at_five(wb, CODE)
    server = start()
    screen, frame = open_projector(browser, server, CODE)
    display = _open_display(screen, frame)
    _choose(frame, "Составы команд")  # the QR code stays up until taken down
    display.wait_for_selector("#main[data-mode='teams'] .team")
    assert display.locator(".team").count() == 5
    note = display.locator("[data-teams-note]")
    assert note.inner_text() == ("Кандидаты: лучшие 5 из «Голосование» — Голоса (точки); "
                                 "при равенстве на границе прошли поданные раньше")
    box = note.bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= 1280 and box["y"] + box["height"] <= 720
    assert "при равенстве на границе" in frame.locator("[data-teams-source]").inner_text()  # the laptop too
