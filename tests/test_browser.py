"""Real Chromium: one projector page and two phones, as in the room."""

from __future__ import annotations

import os
import re
import urllib.parse

import pytest

from workbench.session import facilitator
from workbench.session.statements import vote as vote_on_statement
from workbench.testing import open_projector, wait_for

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
PAYLOAD = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'


def _projector(server, browser, method=None, code="KARGO1"):
    """The projector page logged in with the token, its Voila frame ready."""
    screen, frame = open_projector(browser, server, code)
    if method:  # the facilitator picks the method of the stage on screen and opens it
        frame.locator(".wb-method select").select_option(label=METHOD_LABELS[method])
        frame.get_by_role("button", name="Открыть голосование").click()
        frame.wait_for_selector("text=Голосование открыто")
    return screen, frame


def _bar_count(projector, card_id: int) -> int:
    sel = f".wb-bar[data-card='{card_id}'] b"
    return int(projector.locator(sel).inner_text()) if projector.locator(sel).count() else 0


def _readme_picture(screen, frame, name: str, first, height: int, last=None) -> None:
    """WORKBENCH_SCREENSHOTS=docs keeps the pictures the README shows: the control view from the
    top of `first` (a locator in its Voila frame), `height` pixels of it or down to the foot of
    `last`, whole: the window is made
    as tall as the view for the picture (at 1280×720 a picture was a slice of the view, cut at both
    edges), then as it was."""
    shots = os.environ.get("WORKBENCH_SCREENSHOTS")
    if not shots:
        return
    # the view scrolls inside Voila's page: as tall as its tallest scrolling box, and at its top
    tall = frame.evaluate("Math.max(...[...document.querySelectorAll('*')].map(e => e.scrollHeight))")
    screen.set_viewport_size({"width": 1280, "height": max(720, min(tall + 100, 6000))})
    frame.evaluate("[...document.querySelectorAll('*')].forEach(e => { if (e.scrollTop) e.scrollTop = 0; })")
    top = max(0, first.bounding_box()["y"] - 2)  # (the row above ends 4 px higher)
    if last is not None:  # the lowest of what it matches (the wall of cards is drawn in reverse)
        foot = max(box["y"] + box["height"] for box in (e.bounding_box() for e in last.all()))
        height = round(foot + 3 - top)  # the next row starts 6 px below
    screen.screenshot(path=os.path.join(shots, name), clip={"x": 0, "y": top, "width": 1280, "height": height})
    screen.set_viewport_size({"width": 1280, "height": 720})


def test_a_session_from_phones_and_projector(served, browser):
    screen, projector = _projector(served, browser)
    assert "token" not in screen.url

    phones = []
    for name in ("Вера", "Глеб"):
        ctx = browser.new_context(**PHONE)
        page = ctx.new_page()
        page.goto(served.base + "/s/KARGO1")
        page.fill("#f-name", name)
        page.select_option("#f-sector", "tos")
        page.click("#join-btn")
        page.wait_for_selector("#add:not(.hidden)")
        phones.append(page)
    vera, gleb = phones
    assert vera.locator("#stage").inner_text() == "Проблемы"

    # An idea typed on a phone appears on the projector, as text, not markup.
    vera.fill("#text", "Нет автобуса до Лядин " + PAYLOAD)
    vera.click("#send")
    projector.wait_for_function(
        "() => [...document.querySelectorAll('.wb-card')].some(e => e.textContent.includes('Нет автобуса до Лядин'))",
        timeout=5_000)
    card_text = projector.locator(".wb-card", has_text="Нет автобуса до Лядин").first.inner_text()
    assert "<img src=x" in card_text and "<script>" in card_text
    assert vera.locator("#cards li.mine").first.inner_text().endswith("</script>")
    for page in (screen, projector, vera, gleb):
        assert page.evaluate("window.__pwned") is None
    gleb.wait_for_function("() => document.querySelector('#cards').textContent.includes('Нет автобуса до Лядин')",
                           timeout=10_000)

    # The facilitator opens voting from the projector; phones follow.
    projector.get_by_role("button", name="Голосование", exact=True).click()
    projector.get_by_role("button", name="Показать участникам").click()
    projector.get_by_role("button", name="Открыть голосование").click()
    projector.wait_for_selector("text=Голосование открыто")
    for page in phones:
        page.wait_for_selector("button[data-action=vote]:not([disabled])", timeout=10_000)
    first_card = int(vera.locator("button[data-action=vote]").first.get_attribute("data-card"))
    before = _bar_count(projector, first_card)
    # A second tab of Vera's phone whose state refreshes fail from now on (weak Wi-Fi): it will
    # still offer a dot after the first tab has spent them all.
    stale = vera.context.new_page()
    stale.goto(served.base + "/s/KARGO1")
    stale.wait_for_selector("button[data-action=vote]:not([disabled])")
    stale.route(re.compile(r".*/state(\?.*)?$"), lambda route: route.abort())

    for i in range(3):
        vera.locator(f"button[data-action=vote][data-card='{first_card}']").click()
        vera.wait_for_function(f"() => document.querySelector('#dots').textContent.includes('{2 - i}')")
    assert "Осталось голосов: 0" in vera.locator("#dots").inner_text()
    assert vera.locator("button[data-action=vote]:not([disabled])").count() == 0
    gleb.locator(f"button[data-action=vote][data-card='{first_card}']").click()
    projector.wait_for_function(
        f"() => {{ const b = document.querySelector(\".wb-bar[data-card='{first_card}'] b\");"
        f" return b && Number(b.textContent) === {before + 4}; }}", timeout=5_000)

    stale.locator(f"button[data-action=vote][data-card='{first_card}']").click()
    stale.wait_for_selector("#msg.err")
    assert "Голоса закончились" in stale.locator("#msg").inner_text()
    assert _bar_count(projector, first_card) == before + 4

    # WORKBENCH_SCREENSHOTS=docs keeps the pictures the README shows.
    _readme_picture(screen, projector, "projector-voting.png", projector.locator(".wb-projector"), 0,
                    last=projector.locator(".wb-bar").nth(5))
    shots = os.environ.get("WORKBENCH_SCREENSHOTS")
    if shots:  # the phone's screen down to the last idea it shows whole
        foot = vera.evaluate("""() => Math.min(innerHeight, ...[...document.querySelectorAll('li')]
            .map(e => e.getBoundingClientRect()).filter(r => r.top < innerHeight && r.bottom > innerHeight)
            .map(r => r.top - 2))""")
        vera.screenshot(path=os.path.join(shots, "phone-voting.png"), clip={"x": 0, "y": 0, "width": 360, "height": foot})


def _phone(browser, server, code="KARGO1"):
    ctx = browser.new_context(**PHONE)
    page = ctx.new_page()
    page.goto(f"{server.base}/s/{code}")
    page.click("#join-btn")
    page.wait_for_selector("#live:not(.hidden)")
    return page


@pytest.fixture
def voting_open(served):
    """The served demo's voting stage current on phones and open, 3 dots each; a Workbench on
    its store for the test's checks."""
    from workbench.app import Workbench

    wb = Workbench(served.data_dir)
    s = wb.store.session("KARGO1")
    voting = next(x for x in wb.store.stages(s["id"]) if x["kind"] == "voting")
    wb.store.update_stage(voting["id"], voting_open=True, vote_budget=3)
    facilitator.show_stage(wb.store, s["id"], voting["id"])
    yield wb, s, voting
    wb.close()


def test_a_double_tap_sends_one_dot(served, voting_open, browser):
    wb, s, voting = voting_open
    page = _phone(browser, served)
    sent = []
    page.on("request", lambda r: sent.append(r.url) if r.url.endswith("/vote") else None)
    button = page.locator("button[data-action=vote]:not([disabled])").first
    button.wait_for()
    card = button.get_attribute("data-card")
    plus = f"button[data-action=vote][data-card='{card}']"

    # Both taps before the server answers.
    button.dblclick()
    page.wait_for_function("() => document.querySelector('#dots').textContent.includes('2')")
    participant = page.evaluate("localStorage.getItem('wb:KARGO1')")
    p = wb.store.participant_by_token(s["id"], participant)
    assert wb.store.dots_of(voting["id"], p["id"]) == {int(card): 1}

    # The server answered the first tap and the button was drawn anew before the second tap of
    # the same double tap landed (a quick server, a slow thumb): still one dot.
    box = page.locator(plus).bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down(click_count=1)
    page.mouse.up(click_count=1)
    page.wait_for_function("() => document.querySelector('#dots').textContent.includes('1')")
    page.mouse.down(click_count=2)
    page.mouse.up(click_count=2)
    page.locator(plus + ":not([disabled])").click()  # then a tap of its own: a dot of its own
    page.wait_for_function("() => document.querySelector('#dots').textContent.includes('0')")
    assert len(sent) == 3, sent
    assert wb.store.dots_of(voting["id"], p["id"]) == {int(card): 3}
    assert "Осталось голосов: 0" in page.locator("#dots").inner_text()


def test_a_phone_that_loses_wifi_keeps_its_identity_and_dots(served, voting_open, browser):
    wb, s, voting = voting_open
    page = _phone(browser, served)
    page.locator("button[data-action=vote]:not([disabled])").first.click()
    page.wait_for_function("() => document.querySelector('#dots').textContent.includes('2')")
    token = page.evaluate("localStorage.getItem('wb:KARGO1')")
    page.context.set_offline(True)
    page.wait_for_selector("#net:not(.hidden)", timeout=10_000)
    assert "Нет связи" in page.locator("#net").inner_text()
    page.context.set_offline(False)
    page.wait_for_selector("#net.hidden", state="attached", timeout=10_000)
    page.reload()  # even a reload after the outage keeps the same participant
    page.wait_for_function("() => document.querySelector('#dots').textContent.includes('2')", timeout=10_000)
    assert page.evaluate("localStorage.getItem('wb:KARGO1')") == token
    assert len(wb.store.participants(s["id"])) == len({p["token"] for p in wb.store.participants(s["id"])})


def test_the_projector_recovers_after_a_server_restart(browser, fresh):
    import signal

    from workbench.demo import load_demo
    from workbench.testing import Phone

    wb, start = fresh
    load_demo(wb.store)
    server = start()
    screen, _ = _projector(server, browser)
    server.stop(signal.SIGKILL)  # the laptop's server dies mid-session
    screen.wait_for_selector("#down", state="visible", timeout=10_000)
    server = start(port=server.port)
    phone = Phone(server.base, "KARGO1")
    phone.join()
    assert phone.call("POST", "/cards", {"text": "Карточка после перезапуска"}).status_code == 201
    # No click, no token typed: the frame reloads itself on the new server and shows the card.
    screen.wait_for_function(
        "() => { const f = document.getElementById('projector').contentDocument;"
        " return f && [...f.querySelectorAll('.wb-card')].some(e => e.textContent.includes('Карточка после перезапуска')); }",
        timeout=60_000)
    assert screen.locator("#down").is_hidden()


def test_grouping_a_wall_of_ideas_in_one_click_plus_corrections(browser, fresh):
    from test_groups import IDEAS

    wb, start = fresh
    code = wb.store.create_session("Группировка идей", code="GROUPS")
    s = wb.store.session(code)
    ideas = next(st for st in wb.store.stages(s["id"]) if st["kind"] == "ideas")
    facilitator.show_stage(wb.store, s["id"], ideas["id"])
    cards = {text: wb.store.add_card(s["id"], ideas["id"], text)["id"] for text in IDEAS}
    server = start()
    screen, frame = _projector(server, browser, code=code)
    frame.get_by_role("button", name="Предложить группы").click()
    frame.wait_for_selector("text=Предложение: 3 групп")
    frame.get_by_role("button", name="Принять группы").click()
    frame.wait_for_selector(".wb-card.grp >> nth=2")
    groups = {c["id"]: c["text"] for c in wb.store.cards(s["id"], ideas["id"]) if c["is_group"]}
    market = wb.store.card(cards["Ярмарка местных продуктов"])["group_id"]
    # the correction: one card to the market group
    wrong = cards["Рынок выходного дня для фермеров"]
    card = frame.locator(f".wb-card[data-card='{wrong}']")
    card.locator("xpath=ancestor::div[contains(@class,'widget-hbox')][1]").locator("button").click()
    frame.locator(".wb-move-target select").select_option(label=groups[market])
    frame.get_by_role("button", name="В группу").click()
    wait_for(lambda: wb.store.card(wrong)["group_id"] == market, message="the card to move")
    # phones see the groups
    phone = browser.new_context(**PHONE).new_page()
    phone.goto(f"{server.base}/s/{code}")
    phone.click("#join-btn")
    phone.wait_for_selector("li.grp >> nth=2")
    headings = phone.locator("li.grp").all_inner_texts()
    assert sorted(headings) == sorted(groups.values())
    _readme_picture(screen, frame, "projector-groups.png", frame.get_by_role("button", name="Предложить группы"), 0,
                    last=frame.locator(".wb-card"))


def test_statements_on_phones_and_the_opinion_map(browser, fresh):
    import random

    from test_statements import STATEMENTS

    wb, start = fresh
    code = wb.store.create_session("Утверждения", code="OPINIO")
    s = wb.store.session(code)
    stage_id = wb.store.add_stage(s["id"], "statements")
    ids = [wb.store.add_card(s["id"], stage_id, text, by_facilitator=True)["id"] for text in STATEMENTS]
    wb.store.update_stage(stage_id, voting_open=True)
    facilitator.show_stage(wb.store, s["id"], stage_id)
    rng = random.Random(3)
    for i in range(20):  # two camps in the room, plus one statement everyone agrees with
        p = wb.store.join(s["id"])
        for j, cid in enumerate(ids):
            vote = 1 if (j % 2) == (i % 2) else -1
            if rng.random() < 0.1:
                vote = 0
            vote_on_statement(wb.store, stage_id, p["id"], cid, 1 if j == 5 else vote)
    server = start()
    phone = browser.new_context(**PHONE).new_page()
    phone.goto(f"{server.base}/s/{code}")
    phone.click("#join-btn")
    for i in range(len(STATEMENTS)):
        phone.wait_for_function(f"() => document.querySelector('#stmt-progress').textContent.includes('{i + 1} из')")
        assert phone.locator("#stmt-text").inner_text() in STATEMENTS
        phone.click("#agree" if i % 2 else "#disagree")
    phone.wait_for_selector("text=Вы ответили на все утверждения")
    screen, frame = _projector(server, browser, code=code)
    frame.wait_for_selector(".wb-badge >> nth=7")
    frame.get_by_role("button", name="Карта мнений").click()
    frame.wait_for_selector("[data-opinion-group] >> nth=1", timeout=60_000)
    assert "Школу закрывать нельзя" in frame.locator("[data-consensus]").all_inner_texts()[0]
    _readme_picture(screen, frame, "opinion-map.png", frame.locator("[data-verdict]"), 0,
                    last=frame.locator("text=Учтено ответов"))


def test_teams_form_on_phones_and_on_the_projector(served, browser):
    from workbench.app import Workbench

    wb = Workbench(served.data_dir)
    s = wb.store.session("KARGO1")
    teams = next(x for x in wb.store.stages(s["id"]) if x["kind"] == "teams")
    facilitator.show_stage(wb.store, s["id"], teams["id"])
    screen, projector = _projector(served, browser)
    phone = browser.new_context(**PHONE).new_page()
    phone.goto(served.base + "/s/KARGO1")
    phone.fill("#f-name", "Ксения")
    phone.fill("#f-organisation", "Молодёжный совет")
    phone.click("#join-btn")
    phone.locator("button[data-team]").nth(1).click()
    phone.wait_for_selector("text=Вы в этой команде")
    phone.get_by_role("button", name="Я буду лидером").click()
    projector.wait_for_function(
        "() => document.body.textContent.includes('★ Ксения (Молодёжный совет)')", timeout=5_000)  # as the protocol
    assert "★ Ксения" in phone.locator("li.mine").inner_text()
    if os.environ.get("WORKBENCH_SCREENSHOTS"):  # the README's picture: four teams forming, not one person
        from workbench.session import teams as team_rules

        offered = team_rules.options(wb.store, teams)
        named = [p for p in wb.store.participants(s["id"]) if p["name"] and p["name"] != "Ксения"][:10]
        for i, person in enumerate(named):
            team_rules.join(wb.store, teams["id"], person["id"], offered[i % 4]["id"], leader=i in (0, 2, 3))
        projector.wait_for_function(f"() => document.body.textContent.includes({named[-1]['name']!r})", timeout=5_000)
        _readme_picture(screen, projector, "projector-teams.png", projector.locator("text=Кандидаты:"), 0,
                        last=projector.locator(".wb-card[data-team]").nth(3))
    wb.close()


METHOD_LABELS = {"matrix": "Важность × выполнимость", "pairwise": "Попарное сравнение", "ranking": "Ранжирование"}


def _method_stage(served, method):
    """A new voting stage, current on phones; the projector will pick its method and open it."""
    from workbench.app import Workbench

    wb = Workbench(served.data_dir)
    s = wb.store.session("KARGO1")
    titles = {"matrix": "Матрица", "pairwise": "Попарное сравнение", "ranking": "Ранжирование"}
    stage_id = wb.store.add_stage(s["id"], "voting", title=titles[method])  # as the README's pictures show it
    facilitator.show_stage(wb.store, s["id"], stage_id)
    return wb, stage_id




def test_impact_feasibility_matrix_from_a_phone(served, browser):
    wb, stage_id = _method_stage(served, "matrix")
    screen, projector = _projector(served, browser, "matrix")
    phone = _phone(browser, served)
    first = phone.locator("[data-rate]").first.get_attribute("data-rate").split(":")[0]
    phone.click(f"[data-rate='{first}:impact:5']")
    phone.click(f"[data-rate='{first}:feasibility:4']")
    phone.wait_for_selector("text=Оценено ✓")
    projector.wait_for_function(
        f"() => {{ const r = document.querySelector(\"tr[data-card='{first}']\"); return r && r.textContent.includes('Быстрые победы'); }}",
        timeout=5_000)
    assert wb.store.ratings(stage_id)[-1]["impact"] == 5
    if os.environ.get("WORKBENCH_SCREENSHOTS"):
        projector.locator("img[alt=matrix]").screenshot(path=os.path.join(os.environ["WORKBENCH_SCREENSHOTS"], "matrix.png"))
    wb.close()


def test_pairwise_comparison_from_a_phone(served, browser):
    wb, stage_id = _method_stage(served, "pairwise")
    screen, projector = _projector(served, browser, "pairwise")
    phone = _phone(browser, served)
    for i in range(4):
        phone.wait_for_function(f"() => document.querySelector('#decide').textContent.includes('Сравнений: {i}')")
        if i == 3:
            phone.click("#cant")
        else:
            phone.locator("button[data-pick]").first.click()
    phone.wait_for_function("() => document.querySelector('#decide').textContent.includes('Сравнений: 4')")
    comps = wb.store.comparisons(stage_id)
    assert len(comps) == 4 and comps[-1]["winner_id"] is None
    winner = comps[0]["winner_id"]
    projector.wait_for_function(
        f"() => {{ const r = document.querySelector(\"tr[data-card='{winner}']\"); return r && /[1-9]:/.test(r.textContent); }}",
        timeout=5_000)
    if os.environ.get("WORKBENCH_SCREENSHOTS"):  # the README's picture: a room's judgements, not one phone's
        import random

        from workbench.session import voting

        stage = wb.store.stage(stage_id)
        items = [c["id"] for c in voting.method(stage).items(wb.store, stage, wb.store.cards(stage["session_id"],
                                                                                               stage["target_stage_id"]))]
        rng = random.Random(5)
        people = wb.store.participants(stage["session_id"])[:15]
        for person in people:
            for _ in range(8):
                left, right = rng.sample(items, 2)
                better = left if items.index(left) + rng.gauss(0, 3) < items.index(right) else right
                voting.compare(wb.store, stage_id, person["id"], left, right, better)
        voters = len({c["participant_id"] for c in wb.store.comparisons(stage_id)})
        projector.wait_for_function(f"() => document.body.textContent.includes('Проголосовали: {voters}')", timeout=5_000)
        _readme_picture(screen, projector, "pairwise.png", projector.locator("text=Голосование открыто"), 0,
                        last=projector.locator("tr[data-card]").nth(7))
    wb.close()


def test_ranking_from_a_phone_and_a_paper_ballot(served, browser):
    wb, stage_id = _method_stage(served, "ranking")
    screen, projector = _projector(served, browser, "ranking")
    phone = _phone(browser, served)
    items = phone.locator("[data-rank]")
    n = items.count()
    assert n == 6
    order = [items.nth(i).get_attribute("data-rank") for i in range(n)][::-1]
    for cid in order:
        phone.click(f"[data-rank='{cid}']")
    phone.click("#rank-send")
    phone.wait_for_selector("text=Ваш порядок принят")
    projector.wait_for_function(
        f"() => {{ const r = document.querySelector(\".wb-bar[data-card='{order[0]}'] b\"); return r && Number(r.textContent) === {n - 1}; }}",
        timeout=5_000)
    # A paper ballot: the assistant opens it from the projector and fills it in on the laptop.
    projector.get_by_role("button", name="Бумажный бюллетень").click()
    link = projector.locator("a[data-paper]").get_attribute("href")
    paper = browser.new_page()
    paper.goto(link)
    paper.wait_for_selector("#paper:not(.hidden)")
    for cid in order:
        paper.click(f"[data-rank='{cid}']")
    paper.click("#rank-send")
    paper.wait_for_selector("text=Ваш порядок принят")
    ballots = {r["participant_id"] for r in wb.store.rankings(stage_id)}
    on_paper = {p["id"] for p in wb.store.participants(wb.store.session("KARGO1")["id"]) if p["on_paper"]}
    assert len(ballots) == 2 and len(ballots & on_paper) == 1
    wb.close()


def test_the_stage_timer_counts_down_on_phones(served, browser):
    from workbench.app import Workbench

    wb = Workbench(served.data_dir)
    s = wb.store.session("KARGO1")
    problems = next(x for x in wb.store.stages(s["id"]) if x["kind"] == "problems")
    facilitator.show_stage(wb.store, s["id"], problems["id"])
    screen, projector = _projector(served, browser)  # opens on the stage the phones are on
    projector.locator(".widget-inline-hbox", has_text="Минут").locator("input").fill("5")
    projector.get_by_role("button", name="Старт").click()
    phone = _phone(browser, served)
    phone.wait_for_function("() => /^[45]:[0-5][0-9]$/.test(document.querySelector('#timer').textContent)")
    first = phone.locator("#timer").inner_text()
    phone.wait_for_function(f"() => document.querySelector('#timer').textContent !== '{first}'", timeout=5_000)
    projector.get_by_role("button", name="Стоп").click()
    phone.wait_for_function("() => document.querySelector('#timer').textContent === ''", timeout=10_000)
    assert wb.store.stage(problems["id"])["timer_ends_at"] is None
    wb.close()


def test_no_page_asks_anything_of_the_internet(served, browser):
    """The projector (Voila, widgets, icons), the drafts page and a phone: every request stays on
    this server, and the widgets' icons are drawn from the workbench's own Font Awesome."""
    base = urllib.parse.urlsplit(served.base).netloc
    outside = []

    def watch(page):
        page.on("request", lambda r: outside.append(r.url)
                if urllib.parse.urlsplit(r.url).scheme in ("http", "https", "ws", "wss")
                and urllib.parse.urlsplit(r.url).netloc != base else None)
        return page

    screen = watch(browser.new_page(viewport={"width": 1280, "height": 720}))  # watched from the start
    screen.goto(served.projector_url("KARGO1"))
    frame = screen.frame(name="projector")
    frame.wait_for_selector(".wb-projector", timeout=60_000)
    family = frame.eval_on_selector(".wb-projector .fa, .wb-projector [class*='fa-']",
                                    "e => getComputedStyle(e, '::before').fontFamily")
    assert "Font Awesome" in family  # the ✓ buttons' icon font loaded from this server
    phone = watch(browser.new_page())
    phone.goto(f"{served.base}/s/KARGO1")
    phone.wait_for_load_state("networkidle")
    assert outside == []
    screen.close()
    phone.close()
