"""Real Chromium at phone sizes on the kernel-free pages: every page fits the phone's width (no
sideways scrolling, even with a card of one very long word), the team's draft form is usable at
360 px, the phone's results list each idea once, and team counts read cleanly."""

from __future__ import annotations

import pytest

from workbench.demo import load_demo
from workbench.drafts import create_draft
from workbench.session import facilitator, public, review, team_links
from workbench.testing import act as _act
from workbench.testing import wait_for

pytestmark = pytest.mark.browser
LONG = "Длинноесловобезпробелов" * 5  # one word of 115 letters, ~1,000 px


@pytest.fixture(scope="module")
def pages(serve):
    """The demo session with a one-word card on its ideas, the public page on, a team link to a
    draft titled with one long word, a review criterion named so, and a session titled so."""
    def prepare(wb):
        code = load_demo(wb.store)
        sid = wb.store.session(code)["id"]
        stages = {s["kind"]: s for s in wb.store.stages(sid)}
        facilitator.add_card(wb.store, sid, stages["ideas"]["id"], LONG)
        token = public.set_public(wb.store, code, True)["token"]
        did = create_draft(wb.store, sid, {"title": LONG})
        team = team_links.team_link(wb.store, did)["token"]
        review.add_criterion(wb.store, code, LONG, LONG)
        review.open_review(wb.store, code)
        other = wb.store.create_session(LONG)
        return {"code": code, "public": token, "team": team, "other": other, "stages": stages,
                "people": wb.store.participants(sid)}

    server, made = serve(prepare)
    return server, made



def _phone(browser, width, code=None, token=None):
    ctx = browser.new_context(viewport={"width": width, "height": 740}, is_mobile=True)
    if token:  # the device token the phone page keeps, as after joining
        ctx.add_init_script(f"localStorage.setItem('wb:{code}', '{token}')")
    return ctx, ctx.new_page()


def _page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_the_team_draft_form_fits_a_360_px_phone(pages, browser):
    server, made = pages
    ctx, page = _phone(browser, 360)
    try:
        page.goto(f"{server.base}/t/{made['team']}")
        page.locator("[data-field=goal] .ctext").wait_for()
        wait_for(lambda: page.locator("#title").inner_text() != "", message="the team page drawn")
        assert _page_width(page) <= 360  # no sideways scrolling of the page
        # The comment box is wide enough to type in (it was squeezed to 25 px by the name box).
        for field in ("goal", "activities"):
            box = page.locator(f"[data-field={field}] .ctext").bounding_box()
            assert box["width"] >= 200 and box["x"] + box["width"] <= 360, (field, box)
        # The five-column calendar ("Календарный план") scrolls inside its own box, its inputs usable.
        table = page.locator("#f-activities")
        assert table.locator("th").count() == 5
        wrap = table.evaluate("t => { const b = t.parentElement.getBoundingClientRect();"
                              " return [b.right, getComputedStyle(t.parentElement).overflowX]; }")
        assert wrap[0] <= 360 and wrap[1] == "auto", wrap
        first = table.locator("input").first
        first.fill("Набор подростков")
        assert first.input_value() == "Набор подростков"
    finally:
        ctx.close()


def test_a_card_of_one_long_word_never_widens_a_phone_page(pages, browser):
    server, made = pages
    code, stages = made["code"], made["stages"]
    _act(server, lambda wb: facilitator.show_stage(wb.store, wb.store.session(code)["id"], stages["ideas"]["id"]))
    me = made["people"][0]
    urls = {"public results": (f"/r/{made['public']}", "li"),
            "phone": (f"/s/{code}", "#cards li"),
            "team": (f"/t/{made['team']}", "#title"),
            "review": (f"/s/{code}/review", ".crit"),
            "registration": (f"/reg/{made['other']}", "h1")}
    for name, (path, drawn) in urls.items():
        ctx, page = _phone(browser, 390, code, me["token"])
        try:
            page.goto(server.base + path)
            wait_for(lambda page=page, drawn=drawn: LONG[:40] in " ".join(page.locator(drawn).all_inner_texts()),
                     message=f"the long word on the {name} page")
            assert _page_width(page) <= 390, (name, _page_width(page))
        finally:
            ctx.close()


def test_the_phone_lists_each_idea_once_when_the_results_are_shown(pages, browser):
    """After "Показать результаты на телефонах" on a closed vote: the results, each idea once, with
    this phone's own dots in them (the whole voting list followed again, without buttons)."""
    from workbench.session.voting import my_dots

    server, made = pages
    code, voting = made["code"], made["stages"]["voting"]
    me = made["people"][0]

    def show_results(wb):
        sid = wb.store.session(code)["id"]
        facilitator.show_stage(wb.store, sid, voting["id"])
        if not wb.store.stage(voting["id"])["results_visible"]:
            facilitator.toggle_results(wb.store, voting["id"])
        return my_dots(wb.store, wb.store.stage(voting["id"]), me["id"])["mine"]

    mine = _act(server, show_results)
    assert mine  # the demo's first person put dots
    ctx, page = _phone(browser, 360, code, me["token"])
    try:
        page.goto(f"{server.base}/s/{code}")
        page.locator("#results li").first.wait_for()
        rows = page.locator("#results li")
        texts = [page.locator("#results li .t").nth(i).inner_text() for i in range(rows.count())]
        assert rows.count() >= 10 and page.locator("#cards li").count() == 0
        live = page.locator("#live").inner_text()
        for text in texts:
            idea = text.rsplit(" — ", 1)[0]
            assert live.count(idea) == 1, idea  # once, in the results
        for card, n in mine.items():
            assert page.locator(f"#results li[data-card='{card}'] .dots [aria-hidden=true]").inner_text() == "●" * n
        assert page.locator("button[data-action]").count() == 0  # voting is closed
        assert _page_width(page) <= 360
    finally:
        ctx.close()


def test_a_team_on_the_phone_reads_its_count_then_its_names(pages, browser):
    server, made = pages
    code, teams = made["code"], made["stages"]["teams"]
    _act(server, lambda wb: facilitator.show_stage(wb.store, wb.store.session(code)["id"], teams["id"]))
    me = made["people"][0]  # the first team's leader in the demo
    ctx, page = _phone(browser, 360, code, me["token"])
    try:
        page.goto(f"{server.base}/s/{code}")
        page.locator("#cards li.mine .members").first.wait_for()
        count = page.locator("#cards li.mine .members").first.inner_text()
        assert count.startswith(f"В команде: 5 — ★ {me['name']}"), count  # not "В команде: 5: ★ …"
        assert "::" not in count and ": ★" not in count
    finally:
        ctx.close()


def test_no_page_logs_an_error_for_its_icon(pages, browser):
    """Every browser asks each page's server for /favicon.ico: a 404 was an error in the console
    of every page. The server answers with a small icon of its own."""
    from workbench.testing import Http

    server, made = pages
    code = made["code"]
    icon = Http().get(f"{server.base}/favicon.ico")
    assert icon.status_code == 200 and icon.headers["Content-Type"] == "image/x-icon"
    assert icon.content[:4] == b"\x00\x00\x01\x00" and icon.content[22:26] == b"\x89PNG"
    for path in (f"/s/{code}", f"/t/{made['team']}", f"/r/{made['public']}", f"/s/{code}/review",
                 f"/reg/{made['other']}", "/s/"):
        ctx, page = _phone(browser, 390, code, made["people"][0]["token"])
        errors, bad = [], []
        page.on("console", lambda m, errors=errors: m.type == "error" and errors.append(m.text))
        page.on("response", lambda r, bad=bad: r.status >= 400 and bad.append((r.status, r.url)))
        try:
            page.goto(server.base + path)
            page.wait_for_load_state("load")
            # (headless Chromium does not ask for the icon by itself: the page asks, as a tab would)
            size = page.evaluate("""() => new Promise((ok, no) => { const i = new Image();
                i.onload = () => ok([i.naturalWidth, i.naturalHeight]); i.onerror = () => no('no icon');
                i.src = '/favicon.ico'; })""")
            assert size == [16, 16], (path, size)
            assert bad == [] and errors == [], (path, bad, errors)
        finally:
            ctx.close()


# The tappable things of the phone page: buttons (the ranking's rows too), links, form fields.
CONTROLS_JS = """() => Array.from(document.querySelectorAll(
    'button, a[href], input, select, textarea')).map(e => {
  const b = e.getBoundingClientRect();
  return {what: e.id || e.getAttribute('data-action') || e.getAttribute('data-rate')
                || e.getAttribute('data-vote') || e.tagName + ':' + (e.textContent || '').slice(0, 20),
          w: b.width, h: b.height, seen: b.width > 0 && b.height > 0};
}).filter(c => c.seen)"""


@pytest.fixture(scope="module")
def every_stage(serve):
    """The demo session with a review criterion (the review link on the phone), its first ideas
    copied to a statements stage, and voting open."""
    def prepare(wb):
        code = load_demo(wb.store)
        sid = wb.store.session(code)["id"]
        review.add_criterion(wb.store, code, "Польза", "5 — очень полезно")
        review.open_review(wb.store, code)
        ideas = wb.store.cards(sid, {s["kind"]: s for s in wb.store.stages(sid)}["ideas"]["id"])
        facilitator.to_statements(wb.store, sid, [c["id"] for c in ideas[:3]])
        stages = {s["kind"]: s for s in wb.store.stages(sid)}
        for kind in ("voting", "statements"):
            wb.store.update_stage(stages[kind]["id"], voting_open=True)
        return {"code": code, "sid": sid, "stages": stages, "people": wb.store.participants(sid)}

    return serve(prepare)


def test_every_control_on_the_phone_is_a_44_px_touch_target(every_stage, browser):
    """The vote "+"/"−" were 30 px (a thumb misses them): at 360×740 every button, link and field
    of each stage is 44×44 px at least, and the page still does not scroll sideways."""
    server, made = every_stage
    code, sid, stages = made["code"], made["sid"], made["stages"]
    me = made["people"][0]  # has dots in the demo: both "+" and "−" are shown

    def show(kind, method=None):
        def act(wb):
            if method:
                facilitator.set_method(wb.store, stages["voting"]["id"], method)
            facilitator.show_stage(wb.store, sid, stages[kind]["id"])
        _act(server, act)

    def check(page, name, drawn, must):
        page.locator(drawn).first.wait_for()
        controls = page.evaluate(CONTROLS_JS)
        seen = {c["what"] for c in controls}
        assert set(must) <= seen, (name, must, seen)
        small = [c for c in controls if c["w"] < 44 or c["h"] < 44]
        assert small == [], (name, small)
        assert _page_width(page) <= 360, (name, _page_width(page))

    # Before joining: the form's fields, its button and the language switch.
    ctx, page = _phone(browser, 360)
    try:
        page.goto(f"{server.base}/s/{code}")
        check(page, "join", "#join-btn", ["lang", "f-name", "f-sector", "join-btn"])
    finally:
        ctx.close()
    steps = [("ideas", None, "#send", ["lang", "send", "text", "review-link"]),
             ("voting", "dots", "button[data-action=unvote]", ["vote", "unvote"]),
             ("statements", None, "#agree:visible", ["agree", "disagree", "pass"]),
             ("teams", None, "button[data-team]", ["lang"]),
             ("voting", "matrix", "button[data-rate]", ["lang"]),
             ("voting", "pairwise", "button[data-pick]", ["cant"]),
             ("voting", "ranking", "button[data-rank]", ["rank-send"])]
    for kind, method, drawn, must in steps:
        show(kind, method)
        ctx, page = _phone(browser, 360, code, me["token"])
        try:
            page.goto(f"{server.base}/s/{code}")
            check(page, f"{kind} {method or ''}", drawn, must)
        finally:
            ctx.close()


def test_sent_goes_away_when_the_next_card_is_typed(every_stage, browser):
    """"Отправлено" stayed on screen while the next card was typed, as if that one were sent too."""
    server, made = every_stage
    code, sid, stages = made["code"], made["sid"], made["stages"]
    _act(server, lambda wb: facilitator.show_stage(wb.store, sid, stages["ideas"]["id"]))
    ctx, page = _phone(browser, 360, code, made["people"][1]["token"])
    try:
        page.goto(f"{server.base}/s/{code}")
        page.locator("#send").wait_for()
        page.fill("#text", "Прокат лодок на озере Лача")
        page.click("#send")
        msg = page.locator("#msg")
        wait_for(lambda: msg.is_visible() and msg.inner_text() == "Отправлено", message="Отправлено shown")
        assert page.locator("#text").input_value() == ""
        page.locator("#text").press_sequentially("Ещё")
        wait_for(lambda: not msg.is_visible(), message="Отправлено gone while typing the next card")
        assert msg.inner_text() == ""
    finally:
        ctx.close()


def test_the_statement_answers_suit_everyone(every_stage, browser):
    """"Согласен / Не согласен" spoke to men only: the answers to "Согласны ли вы…?" are "Да" and
    "Нет" (English keeps "Agree" / "Disagree")."""
    server, made = every_stage
    code, sid, stages = made["code"], made["sid"], made["stages"]
    _act(server, lambda wb: facilitator.show_stage(wb.store, sid, stages["statements"]["id"]))
    ctx, page = _phone(browser, 360, code, made["people"][2]["token"])
    try:
        page.goto(f"{server.base}/s/{code}")
        page.locator("#agree:visible").wait_for()
        answers = lambda: [page.locator(f"#{b}").inner_text() for b in ("agree", "disagree", "pass")]  # noqa: E731
        assert answers() == ["Да", "Нет", "Пропустить"]
        assert "Согласен" not in page.locator("body").inner_text()
        page.click("#lang")
        wait_for(lambda: answers() == ["Agree", "Disagree", "Pass"], message="the answers in English")
    finally:
        ctx.close()


# --- what a phone shows on each stage, and a card through a lost connection ---------------------

HOSTILE_TITLE = "Будущее <b>округа</b> & $& «вместе»"
HOSTILE_TERRITORY = "Няндома <i>район</i>"
GROUP_NAMES = ["Туризм «для всех» & <b>$</b>", "Ремёсла", "Продукты и ярмарки"]


@pytest.fixture(scope="module")
def grouped(serve):
    """The demo session (no teams yet) with its ideas in three groups on the wall and the phones,
    its voting stage a matrix, open; and a session whose title and territory look like HTML."""
    def prepare(wb):
        code = load_demo(wb.store, teams=False)
        sid = wb.store.session(code)["id"]
        stages = {s["kind"]: s for s in wb.store.stages(sid)}
        ideas = [c["id"] for c in wb.store.cards(sid, stages["ideas"]["id"])]
        thirds = [ideas[i::3] for i in range(3)]
        facilitator.accept_groups(wb.store, stages["ideas"]["id"], list(zip(GROUP_NAMES, thirds, strict=True)))
        facilitator.set_method(wb.store, stages["voting"]["id"], "matrix")
        wb.store.update_stage(stages["voting"]["id"], voting_open=True)
        other = wb.store.create_session(HOSTILE_TITLE, territory=HOSTILE_TERRITORY)
        bare = wb.store.create_session("Сессия без территории")
        return {"code": code, "sid": sid, "stages": stages, "people": wb.store.participants(sid),
                "other": other, "bare": bare}

    return serve(prepare)


def test_a_phone_shows_only_the_ballot_or_the_teams_not_every_group_name(grouped, browser):
    """On «Матрица» and «Команды» the phone listed the 12 group names as empty blue bars (no card
    under them, no action), pushing "В команду" below the first screen. Now the matrix shows the
    ideas to rate and the teams stage its teams, the first "В команду" on the first screen."""
    server, made = grouped
    code, sid, stages = made["code"], made["sid"], made["stages"]
    me = made["people"][3]

    def shown(kind):
        _act(server, lambda wb: facilitator.show_stage(wb.store, sid, stages[kind]["id"]))

    # On the ideas stage the groups are headings, each over its ideas: they belong there.
    shown("ideas")
    ctx, page = _phone(browser, 360, code, me["token"])
    try:
        page.goto(f"{server.base}/s/{code}")
        page.locator("#cards li.grp").first.wait_for()
        assert page.locator("#cards li.grp").all_inner_texts() == GROUP_NAMES  # as text, never HTML
        assert page.locator("#cards li.grp b").count() == 0
        shown("voting")
        page.locator("button[data-rate]").first.wait_for()
        wait_for(lambda: page.locator("#cards li").count() == 0, message="the ideas' list gone on the matrix")
        body = page.locator("body").inner_text()
        assert page.locator("li.grp").count() == 0
        assert not [n for n in GROUP_NAMES if n in body], body
        shown("teams")
        page.locator("button[data-team]").first.wait_for()
        assert page.locator("li.grp").count() == 0
        teams = page.locator("#cards li").all_inner_texts()
        for name in GROUP_NAMES:  # each group once: as a team to join, with its count
            assert sum(t.startswith(name) for t in teams) == 1, (name, teams)
        first = page.locator("button[data-team]").first.bounding_box()
        assert first["y"] + first["height"] <= 740, first  # on the first screen, no scrolling
        assert _page_width(page) <= 360
    finally:
        ctx.close()


def test_sent_belongs_to_the_stage_it_was_sent_on(grouped, browser):
    """"Отправлено" stayed under the next question after the facilitator moved on."""
    server, made = grouped
    code, sid, stages = made["code"], made["sid"], made["stages"]
    _act(server, lambda wb: facilitator.show_stage(wb.store, sid, stages["problems"]["id"]))
    ctx, page = _phone(browser, 360, code, made["people"][4]["token"])
    try:
        page.goto(f"{server.base}/s/{code}")
        page.locator("#send").wait_for()
        page.fill("#text", "Нет автобуса до райцентра по выходным")
        page.click("#send")
        msg = page.locator("#msg")
        wait_for(lambda: msg.is_visible() and msg.inner_text() == "Отправлено", message="Отправлено shown")
        _act(server, lambda wb: facilitator.show_stage(wb.store, sid, stages["growth"]["id"]))
        wait_for(lambda: page.locator("#stage").inner_text() == stages["growth"]["title"],
                 message="the next stage on the phone")
        assert not msg.is_visible() and "Отправлено" not in page.locator("body").inner_text()
    finally:
        ctx.close()


def test_the_join_page_says_which_session_it_joins(grouped, browser):
    """The header was empty until "Войти": now it names the session and its territory, as text."""
    from workbench.testing import Http

    server, made = grouped
    ctx, page = _phone(browser, 360)
    try:
        page.goto(f"{server.base}/s/{made['other'].lower()}")
        page.locator("#join-btn").wait_for()
        wait_for(lambda: page.locator("#title").inner_text() == HOSTILE_TITLE, message="the session's title")
        assert page.locator("#where").inner_text() == HOSTILE_TERRITORY
        assert page.locator("header b, header i").count() == 0  # the markup is text, never HTML
        assert page.title() == HOSTILE_TITLE
        title = page.locator("#title").bounding_box()
        assert title["y"] + title["height"] <= 200 and _page_width(page) <= 360
        page.fill("#f-name", "Анна")
        page.click("#join-btn")
        wait_for(lambda: page.locator("#join").is_hidden(), message="joined")
        assert page.locator("#title").inner_text() == HOSTILE_TITLE
        page.goto(f"{server.base}/s/{made['bare']}")  # no territory: no empty line for it
        wait_for(lambda: page.locator("#title").inner_text() == "Сессия без территории", message="the title")
        assert page.locator("#where").is_hidden()
    finally:
        ctx.close()
    # An unknown code tells nothing but that it is unknown (and costs the address a guess).
    missing = Http().get(f"{server.base}/api/s/NOSUCH1/join")
    assert missing.status_code == 404 and missing.json()["error"] == "session_unknown"


def test_the_code_typed_on_the_bare_join_page_opens_the_session(grouped, browser):
    """A printed address ending in `/s/` (or `/s`): the code typed there, as on the projector
    and in lower case, opens the session's join page (from `/s/` it went to `/s/s/…`: 404)."""
    server, made = grouped
    ctx, page = _phone(browser, 360)
    try:
        for bare in ("/s/", "/s"):
            page.goto(f"{server.base}{bare}")
            page.fill("input[name=c]", f" {made['bare'].lower()} ")
            page.click("button")
            wait_for(lambda: page.locator("#title").inner_text() == "Сессия без территории",
                     message=f"the session's join page from {bare}")
            assert page.locator("#join-btn").is_visible()
    finally:
        ctx.close()


def test_a_card_sent_while_the_server_is_down_goes_once_when_it_is_back(browser, fresh):
    """The reviewer's phone kept "Нет связи, пробуем снова…" a minute after the server came back,
    and its card was never sent. Now the card waits in its box and goes by itself; a card whose
    first copy did arrive (only the answer was lost) is stored once."""
    import signal

    wb, start = fresh
    code = load_demo(wb.store, teams=False)
    sid = wb.store.session(code)["id"]
    ideas = {s["kind"]: s for s in wb.store.stages(sid)}["ideas"]
    facilitator.show_stage(wb.store, sid, ideas["id"])
    me = wb.store.participants(sid)[0]
    server = start()
    ctx, page = _phone(browser, 360, code, me["token"])

    def stored(text):
        return [c for c in wb.store.cards(sid, ideas["id"]) if c["text"] == text]

    try:
        page.goto(f"{server.base}/s/{code}")
        page.locator("#send").wait_for()
        msg, box = page.locator("#msg"), page.locator("#text")
        wait_for(lambda: page.locator("#stage").inner_text() == ideas["title"], message="the ideas stage")

        # 1. The server is down when Отправить is pressed.
        server.stop(signal.SIGKILL)
        page.fill("#text", "Прокат велосипедов у вокзала")
        page.click("#send")
        wait_for(lambda: "Нет связи" in msg.inner_text() and "уйдёт сама" in msg.inner_text(),
                 message="the phone says the card waits for the connection")
        assert box.input_value() == "Прокат велосипедов у вокзала"
        server = start(port=server.port)
        wait_for(lambda: msg.inner_text() == "Отправлено", timeout=30, message="the card sent once the server is back")
        assert msg.get_attribute("class") == "ok" and page.locator("#net").is_hidden()
        assert box.input_value() == ""
        assert len(stored("Прокат велосипедов у вокзала")) == 1

        # 2. The card reaches the server, then the server dies before its answer: the phone sends
        # it again when the server is back, and it is stored once.
        def arrive_then_die(route):
            route.fetch()  # the server stores the card...
            server.stop(signal.SIGKILL)  # ...and dies before the phone hears back
            route.abort("connectionrefused")

        page.route("**/api/s/*/cards", arrive_then_die)
        page.fill("#text", "Лодочная станция на озере")
        page.click("#send")
        wait_for(lambda: "уйдёт сама" in msg.inner_text(), message="the card waits for the connection")
        page.unroute("**/api/s/*/cards")
        assert len(stored("Лодочная станция на озере")) == 1
        server = start(port=server.port)
        wait_for(lambda: msg.inner_text() == "Отправлено", timeout=30, message="the retried card acknowledged")
        assert page.locator("#net").is_hidden() and box.input_value() == ""
        assert len(stored("Лодочная станция на озере")) == 1  # the retry did not add a second card
        wait_for(lambda: "Лодочная станция на озере" in page.locator("#cards").inner_text(),
                 message="the card on the phone's list")
    finally:
        ctx.close()
