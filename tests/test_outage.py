"""A database that cannot be reached, with real parts: a PostgreSQL server of this module's own,
stopped and started again under a running `workbench serve` (as `systemctl restart postgresql`
does), and Chromium on the phone and team pages; a proxy with no server behind it (nginx's 502)
is a route of Playwright's.

What a user sees: the API answers 503 «Сервер временно недоступен…» in the request's language
(never an English «internal error»), the pages between sessions answer a page in theirs, a phone
keeps its dot or its card and sends it again by itself once a poll gets through (counted once),
a team page saves its field again, the projector's display keeps its picture with a small
«reconnecting» label, the peer-review page loads and sends its scores by itself, and the control
view says the database is not answering, then takes it back once it is. An answer lost on its way
back (nginx's 504 after the server did the work, a route that lets the request through) costs
nothing twice: one participant per join, one comment, one new paper ballot."""

from __future__ import annotations

import asyncio
import concurrent.futures

import pytest

from workbench.app import Workbench
from workbench.demo import load_demo
from workbench.drafts import create_draft
from workbench.pgtest import PgCluster
from workbench.session import display, facilitator, public, review, team_links
from workbench.testing import PHONE, Http, Phone, Server, open_phone, wait_for

IDEAS = ("Прокат лодок на озере", "Автобус до Лядин", "Ярмарка в Ошевенске")


@pytest.fixture(scope="module")
def cluster(pg_binaries):
    """A PostgreSQL server that the module's tests stop and start again (not the shared one)."""
    pg = PgCluster().start()
    yield pg
    pg.stop()


@pytest.fixture
def room(cluster, tmp_path, monkeypatch):
    """A session on the cluster with three ideas, its vote open and on phones, one participant,
    its public page on and a team's draft link; `start()` serves it (stopped at the end)."""
    url = cluster.create_database()
    monkeypatch.setenv("WORKBENCH_DATABASE_URL", url)
    wb = Workbench(tmp_path / "data")
    code = wb.store.create_session("Сессия при перебоях")
    sid = wb.store.session(code)["id"]
    stages = {s["kind"]: s for s in wb.store.stages(sid)}
    cards = [facilitator.add_card(wb.store, sid, stages["ideas"]["id"], text) for text in IDEAS]
    vote = stages["voting"]["id"]
    facilitator.toggle_voting(wb.store, vote)
    facilitator.show_stage(wb.store, sid, vote)
    person = wb.store.join(sid, name="Вера Петрова")
    draft = create_draft(wb.store, sid, {"title": "Школа ремёсел"})
    made = {"wb": wb, "code": code, "sid": sid, "vote": vote, "cards": cards, "person": person,
            "stages": stages, "draft": draft, "team": team_links.team_link(wb.store, draft)["token"],
            "public": public.set_public(wb.store, code, True)["token"]}
    servers = []

    def start():
        servers.append(Server(tmp_path / "data").start())
        return servers[-1]

    made["start"] = start
    yield made
    if not cluster._ready():
        cluster.resume()  # a failed test leaves the server running for the next
    for server in servers:
        server.stop()
    wb.close()


def _down(cluster):
    cluster.halt()
    assert not cluster._ready()


def test_the_api_and_the_pages_say_the_server_is_unavailable_in_the_readers_language(room, cluster):
    """The reviewer's PostgreSQL restart: every phone call answered `500 internal error` in English
    and `/r/`, `/t/`, `/reg/` a bare «500: Internal Server Error». Now a 503 in the reader's
    language, one line in the server's log (no traceback per phone), and the dot sent again with
    its request id counts once when the database is back."""
    server = room["start"]()
    phone = Phone(server.base, room["code"], lang="ru")
    phone.token = room["person"]["token"]
    phone.state()
    dot = {"card": room["cards"][0]["id"], "stage": room["vote"], "request_id": "dot-while-down"}
    _down(cluster)

    r = phone.call("POST", "/vote", dot)
    assert r.status_code == 503 and r.headers["Retry-After"] == "5"
    assert r.json() == {"error": "server_unavailable", "message": "Сервер временно недоступен: база данных не "
                                                                  "отвечает. Попробуйте через минуту"}
    r = phone.call("GET", "/state", headers={"X-Lang": "en"})
    assert r.status_code == 503 and r.json()["message"].startswith("The server is temporarily unavailable")
    r = Phone(server.base, room["code"], lang="ru").call("POST", "/join", {"name": "Глеб"})
    assert r.status_code == 503 and r.json()["message"].startswith("Сервер временно недоступен")
    r = Http().post(f"{server.base}/api/t/{room['team']}/field", json={"field": "goal", "value": "x", "base": 0},
                    headers={"X-Lang": "ru"})
    assert r.status_code == 503 and r.json()["error"] == "server_unavailable"

    http = Http()
    for path in (f"/r/{room['public']}", f"/t/{room['team']}", f"/reg/{room['code']}"):
        page = http.get(server.base + path)
        assert page.status_code == 503, (path, page.text[:300])
        assert '<html lang="ru">' in page.text and "<title>Сервер временно недоступен</title>" in page.text
        assert "Попробуйте через минуту" in page.text and "Internal Server Error" not in page.text
    page = http.get(f"{server.base}/r/{room['public']}?lang=en")
    assert page.status_code == 503 and "<title>Server temporarily unavailable</title>" in page.text
    # a registration sent while the database restarts: the form is a link away, what was typed kept
    form = http.post(f"{server.base}/reg/{room['code']}", data="name=Анна&consent=yes&lang=ru",
                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert form.status_code == 503 and f"href='/reg/{room['code']}'>Попробовать снова</a>" in form.text

    cluster.resume()
    wait_for(lambda: phone.call("GET", "/state").status_code == 200, timeout=30, message="the API to answer again")
    for _ in range(2):  # sent again (the same request id): counted once
        r = phone.call("POST", "/vote", dot)
        assert r.status_code == 200, r.text
    assert room["wb"].store.dots_of(room["vote"], room["person"]["id"]) == {room["cards"][0]["id"]: 1}
    assert http.get(f"{server.base}/r/{room['public']}").status_code == 200
    log = server.log_path.read_text()
    assert "the database cannot be reached (answered 503)" in log
    assert "Traceback" not in log


def _phone(browser, server, room):
    return open_phone(browser, server, room['code'], room['person']['token'])


def _text(page, selector):
    return page.locator(selector).inner_text()


def test_a_dot_tapped_while_postgresql_restarts_counts_once_it_is_back(room, cluster, browser):
    """The phone said red «internal error» and «Осталось голосов: 3» after PostgreSQL was back:
    the dot was lost. Now it waits, the phone says so in Russian, and it goes by itself."""
    server = room["start"]()
    ctx, page = _phone(browser, server, room)
    try:
        page.wait_for_selector("button[data-action=vote]:not([disabled])")
        assert _text(page, "#dots") == "Осталось голосов: 3"
        first = int(page.locator("button[data-action=vote]").first.get_attribute("data-card"))
        _down(cluster)
        page.locator("button[data-action=vote]").first.click()
        wait_for(lambda: _text(page, "#msg") == "Нет связи: голос ещё не засчитан. Он уйдёт сам, как только "
                                                "связь вернётся.", message="the phone saying the dot waits")
        wait_for(lambda: _text(page, "#net") == "Нет связи, пробуем снова…", message="the offline line")
        assert page.locator("button[data-action=vote]").first.is_disabled()  # no second dot meanwhile
        cluster.resume()
        wait_for(lambda: _text(page, "#msg") == "Связь вернулась: голос засчитан", timeout=30,
                 message="the phone saying the dot counted")
        wait_for(lambda: _text(page, "#dots") == "Осталось голосов: 2", message="one dot on the phone")
        assert not page.locator("#net").is_visible()
        assert room["wb"].store.dots_of(room["vote"], room["person"]["id"]) == {first: 1}
    finally:
        ctx.close()


def test_a_card_sent_while_the_proxy_finds_no_server_goes_by_itself(room, browser):
    """`systemctl restart workbench@*` behind nginx: the phone showed «HTTP 502» and the card
    stayed in the box, never sent. Now the phone says it waits and sends it once the server is back."""
    server = room["start"]()
    wb = room["wb"]
    ideas = room["stages"]["ideas"]["id"]
    facilitator.show_stage(wb.store, room["sid"], ideas)
    ctx, page = _phone(browser, server, room)
    bad_gateway = {"on": False}

    def proxy(route):
        if bad_gateway["on"]:  # nginx's own page: HTML, not the API's JSON
            route.fulfill(status=502, content_type="text/html",
                          body="<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>")
        else:
            route.continue_()

    try:
        page.wait_for_selector("#add:not(.hidden)")
        page.route("**/api/s/**", proxy)
        bad_gateway["on"] = True
        page.fill("#text", "Музей под открытым небом")
        page.click("#send")
        wait_for(lambda: _text(page, "#msg") == "Нет связи: карточка ещё не отправлена. Она уйдёт сама, как "
                                                "только связь вернётся.", message="the card waiting")
        wait_for(lambda: _text(page, "#net") == "Нет связи, пробуем снова…", message="the offline line")
        assert "502" not in page.locator("body").inner_text()
        assert page.input_value("#text") == "Музей под открытым небом"
        bad_gateway["on"] = False
        wait_for(lambda: _text(page, "#msg") == "Отправлено", timeout=30, message="the card sent by itself")
        assert page.input_value("#text") == "" and not page.locator("#net").is_visible()
        texts = [c["text"] for c in wb.store.cards(room["sid"], ideas)]
        assert texts.count("Музей под открытым небом") == 1
    finally:
        ctx.close()


def test_a_team_page_saves_again_by_itself_once_the_database_is_back(room, cluster, browser):
    """A team page's save during the outage showed «internal error» and stayed «Не сохранено» after
    PostgreSQL was back. Now the text stays in the field, the page says it saves once the server
    answers, and it does."""
    server = room["start"]()
    ctx = browser.new_context(**PHONE)
    page = ctx.new_page()
    try:
        page.goto(f"{server.base}/t/{room['team']}")
        page.wait_for_selector("#f-goal")
        wait_for(lambda: _text(page, "#saved") == "Все правки сохранены", message="the page loaded")
        _down(cluster)
        page.fill("#f-goal", "Обучить 40 подростков к маю")
        page.locator("#f-summary").focus()  # leaving the field saves it at once
        wait_for(lambda: _text(page, "#offline").startswith("Нет связи с сервером: ваши правки остались в полях"),
                 message="the page saying the edit waits")
        assert _text(page, "#saved") == "Не сохранено"
        assert "error" not in _text(page, "[data-field=goal] .status").lower()
        assert page.input_value("#f-goal") == "Обучить 40 подростков к маю"
        cluster.resume()
        wait_for(lambda: _text(page, "#saved") == "Все правки сохранены", timeout=30, message="saved by itself")
        assert _text(page, "#offline") == ""
        assert room["wb"].store.draft(room["draft"])["fields"]["goal"] == "Обучить 40 подростков к маю"
    finally:
        ctx.close()


def test_the_control_view_says_the_database_is_unreachable_and_takes_it_back(room, cluster):
    """The control view showed «OperationalError: (psycopg.OperationalError) connection is bad:
    … /tmp/….s.PGSQL.5432 …» and kept it 30 s after PostgreSQL was back. Now it says so in the
    view's language (a click meanwhile too), and the line goes once the database answers."""
    from workbench.ui.projector import ProjectorView

    wb = room["wb"]
    view = ProjectorView(wb, room["code"], join_url="http://10.0.0.1:8866/s/" + room["code"])
    view.lang_toggle.value = "en"
    down = "The database is not answering: answers from phones are not saved"

    async def main():
        loop = asyncio.get_running_loop()

        async def until(what, seconds=30):
            deadline = loop.time() + seconds
            while not what():
                assert loop.time() < deadline, f"the view never showed it: {view.message.value!r}"
                await asyncio.sleep(0.05)

        view.watch()
        await loop.run_in_executor(None, _down, cluster)
        await until(lambda: down in view.message.value)
        assert "OperationalError" not in view.message.value and "PGSQL" not in view.message.value
        view.new_text.value = "Нет остановки у школы"
        await loop.run_in_executor(None, view.add_button.click)  # a click while it is down
        assert down in view.message.value and view.new_text.value == "Нет остановки у школы"
        await loop.run_in_executor(None, cluster.resume)
        await until(lambda: view.message.value == "")
        view._task.cancel()

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, main()).result()


def _logged_in(browser, server, code, viewport=None):
    """A browser context with the facilitator's login cookie (as the control view's link gives it)."""
    login = Http().get(server.projector_url(code))
    cookies = [v.split(";")[0].split("=", 1) for k, v in login.headers.items() if k.lower() == "set-cookie"]
    ctx = browser.new_context(viewport=viewport or {"width": 1280, "height": 720})
    ctx.add_cookies([{"name": n, "value": v, "url": server.base} for n, v in cookies])
    return ctx


DISPLAY_OFFLINE = "Нет связи с сервером, подключаемся снова…"


def test_the_display_keeps_its_picture_while_the_server_or_the_database_restarts(room, cluster, browser):
    """The projector's display behind nginx while the workbench restarts (502) and while
    PostgreSQL does: the wall stays, a small label in a corner says it reconnects (not a bar over
    the wall's foot), the server logs one line per poll (no traceback), a display opened meanwhile
    is the page, not an error; and both catch up by themselves with what changed."""
    wb = room["wb"]
    ideas = room["stages"]["ideas"]["id"]
    display.set_display(wb.store, room["sid"], "wall", ideas)
    server = room["start"]()
    ctx = _logged_in(browser, server, room["code"])
    screen = ctx.new_page()
    bad_gateway = {"on": False}

    def proxy(route):
        if bad_gateway["on"]:
            route.fulfill(status=502, content_type="text/html",
                          body="<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>")
        else:
            route.continue_()

    def notes(page):
        return sorted(page.locator("#board .note").all_inner_texts())

    try:
        screen.route("**/api/d/**", proxy)
        screen.goto(f"{server.base}/d/{room['code']}")
        wait_for(lambda: notes(screen) == sorted(IDEAS), message="the wall on the display")
        bad_gateway["on"] = True
        wait_for(lambda: screen.locator("#offline").is_visible(), message="the display saying it reconnects")
        assert _text(screen, "#offline") == DISPLAY_OFFLINE and notes(screen) == sorted(IDEAS)
        label = screen.locator("#offline").bounding_box()
        assert label["height"] < 720 * 0.06 and label["width"] < 1280 * 0.5  # a label, not a bar
        bad_gateway["on"] = False
        wait_for(lambda: not screen.locator("#offline").is_visible(), message="the label gone")

        _down(cluster)
        wait_for(lambda: screen.locator("#offline").is_visible(), message="the display saying it reconnects")
        assert notes(screen) == sorted(IDEAS)
        again = ctx.new_page()  # the display opened (or reloaded) while the database is down
        opened = again.goto(f"{server.base}/d/{room['code']}")
        assert opened.status == 200
        wait_for(lambda: _text(again, "#offline") == DISPLAY_OFFLINE and again.locator("#offline").is_visible(),
                 message="the new display saying it reconnects")
        assert "Traceback" not in again.content() and "Error" not in _text(again, "body")
        cluster.resume()
        facilitator.add_card(wb.store, room["sid"], ideas, "Причал для байдарок")
        for page in (screen, again):
            wait_for(lambda page=page: notes(page) == sorted([*IDEAS, "Причал для байдарок"]), timeout=30,
                     message="the display catching up by itself")
            assert not page.locator("#offline").is_visible()
        log = server.log_path.read_text()
        assert "the database cannot be reached (answered 503)" in log and "Traceback" not in log
    finally:
        ctx.close()


def test_the_review_page_waits_for_the_database_and_sends_the_scores_once_it_is_back(room, cluster, browser):
    """The peer-review page opened while PostgreSQL restarted said «Сервер временно недоступен…
    Попробуйте через минуту» and stayed empty; scores sent then were lost («сохраните их позже»).
    Now the page says it loads by itself and does; scores sent meanwhile wait, are said to, and go
    by themselves once the database answers."""
    wb = room["wb"]
    code = load_demo(wb.store)
    review.add_criterion(wb.store, code, "Ясность цели", "Цель измерима и понятна")
    review.open_review(wb.store, code)  # the facilitator opens the scoring
    me = wb.store.participants(wb.store.session(code)["id"])[0]  # the first team's leader
    server = room["start"]()
    ctx = browser.new_context(**PHONE)
    ctx.add_init_script(f"localStorage.setItem('wb:{code}', '{me['token']}')")
    page = ctx.new_page()
    try:
        _down(cluster)
        page.goto(f"{server.base}/s/{code}/review")
        wait_for(lambda: _text(page, "#msg") == "Нет связи с сервером: страница загрузится сама, как только он "
                                                "ответит.", message="the page saying it waits")
        assert page.locator(".team").count() == 0
        cluster.resume()
        page.locator(".team").nth(1).wait_for(timeout=30_000)
        assert _text(page, "#msg") == ""
        other = page.locator(".team").nth(1)
        other.locator(".scale button", has_text="4").click()
        other.locator("textarea").fill("Понятная цель, нужен бюджет")
        _down(cluster)
        other.locator(".send").click()
        wait_for(lambda: _text(other, ".msg") == "Нет связи: оценка ещё не сохранена. Она уйдёт сама, как только "
                                                 "связь вернётся.", message="the scores waiting")
        assert other.locator(".send").is_disabled()
        cluster.resume()
        wait_for(lambda: _text(other, ".msg") == "Связь вернулась: оценка сохранена", timeout=30,
                 message="the scores saved by themselves")
        mine = review.phone_view(wb.store, code, me["token"])
        scored = [tm for tm in mine["teams"] if not tm["own"] and tm["scores"]]
        assert len(scored) == 1 and list(scored[0]["scores"].values()) == [4]
        assert scored[0]["comment"] == "Понятная цель, нужен бюджет"
    finally:
        ctx.close()


# --- answers lost on the way back (nginx's 504 after the server did the work), on SQLite ----------

GATEWAY_TIMEOUT = "<html><head><title>504 Gateway Time-out</title></head><body>nginx</body></html>"


def _lose_first_answer(page, pattern):
    """Route `pattern` so that the first POST reaches the server, which does it, and the page gets
    nginx's 504 instead of the answer; what follows goes through. Returns the list of copies sent."""
    sent = []

    def handle(route):
        if route.request.method != "POST":
            route.continue_()
            return
        sent.append(route.request.post_data_json)
        if len(sent) == 1:
            done = route.fetch()  # the server does it...
            assert done.status in (200, 201), done.text()
            route.fulfill(status=504, content_type="text/html", body=GATEWAY_TIMEOUT)  # ...the answer is lost
        else:
            route.continue_()

    page.route(pattern, handle)
    return sent


@pytest.fixture
def sqlite_room(fresh):
    """A SQLite session with three ideas and its dot vote open on phones, served."""
    wb, start = fresh
    code = wb.store.create_session("Сессия на ноутбуке")
    sid = wb.store.session(code)["id"]
    stages = {s["kind"]: s for s in wb.store.stages(sid)}
    cards = [facilitator.add_card(wb.store, sid, stages["ideas"]["id"], text) for text in IDEAS]
    facilitator.toggle_voting(wb.store, stages["voting"]["id"])
    facilitator.show_stage(wb.store, sid, stages["voting"]["id"])
    return {"wb": wb, "code": code, "sid": sid, "stages": stages, "cards": cards, "server": start()}


def test_a_join_sent_again_after_a_lost_answer_is_one_participant(sqlite_room):
    """A phone's join without a token, its answer lost (504) after the server made the participant,
    sent again: it comes back as that participant (one budget), never a second one."""
    room = sqlite_room
    phone = Phone(room["server"].base, room["code"], lang="ru")
    body = {"name": "Глеб Орлов", "request_id": "7f3a9c1e5b2d4f6a8c0e"}
    first, again = phone.call("POST", "/join", body), phone.call("POST", "/join", body)
    assert first.status_code == again.status_code == 200, (first.text, again.text)
    assert first.json()["token"] == again.json()["token"]
    assert [p["name"] for p in room["wb"].store.participants(room["sid"])] == ["Глеб Орлов"]
    other = phone.call("POST", "/join", {"name": "Глеб Орлов", "request_id": "0b1c2d3e4f5a6b7c8d9e"})
    assert other.json()["token"] != first.json()["token"]  # another join (another id): another person
    short = phone.call("POST", "/join", {"name": "Ира", "request_id": "abc"})
    assert short.status_code == 400 and "request_id" in short.json()["message"]
    assert len(room["wb"].store.participants(room["sid"])) == 2  # the refused join made nobody


def test_a_phone_joining_through_a_lost_answer_is_one_participant(sqlite_room, browser):
    room = sqlite_room
    ctx = browser.new_context(**PHONE)
    page = ctx.new_page()
    try:
        sent = _lose_first_answer(page, "**/api/s/*/join")
        page.goto(f"{room['server'].base}/s/{room['code']}")
        page.fill("#f-name", "Вера Петрова")
        page.click("#join-btn")
        wait_for(lambda: _text(page, "#msg") == "Нет связи, пробуем снова…", message="the phone saying it retries")
        page.wait_for_selector("button[data-action=vote]:not([disabled])", timeout=15_000)
        assert _text(page, "#dots") == "Осталось голосов: 3"
        assert len(sent) == 2 and sent[0]["request_id"] == sent[1]["request_id"]
        people = room["wb"].store.participants(room["sid"])
        assert [p["name"] for p in people] == ["Вера Петрова"]
        assert page.evaluate(f"localStorage.getItem('wb:{room['code']}')") == people[0]["token"]
    finally:
        ctx.close()


def test_a_team_comment_sent_again_after_a_lost_answer_is_added_once(fresh, browser):
    """A comment on a team page while nginx answered 504: it stayed in its box with nothing said
    but a line at the top, and was never sent again. Now the page says it waits, sends it by
    itself and says so, and it is stored once although the first copy did arrive."""
    wb, start = fresh
    sid = wb.store.session(wb.store.create_session("Между сессиями"))["id"]
    draft = create_draft(wb.store, sid, {"title": "Школа ремёсел"})
    token = team_links.team_link(wb.store, draft)["token"]
    server = start()
    ctx = browser.new_context(**PHONE)
    page = ctx.new_page()
    try:
        sent = _lose_first_answer(page, "**/api/t/*/comment")
        page.goto(f"{server.base}/t/{token}")
        goal = page.locator("[data-field=goal]")
        goal.locator(".ctext").wait_for()
        goal.locator(".author").fill("Анна")
        goal.locator(".ctext").fill("Сколько подростков — 40 или 50?")
        goal.locator(".csend").click()
        wait_for(lambda: goal.locator(".cmsg").inner_text() == "Нет связи: комментарий ещё не отправлен. Он уйдёт "
                                                               "сам, как только связь вернётся.",
                 message="the comment waiting")
        wait_for(lambda: goal.locator(".cmsg").inner_text() == "Связь вернулась: комментарий добавлен",
                 timeout=15, message="the comment sent by itself")
        wait_for(lambda: goal.locator(".comments li").all_inner_texts() == ["Анна: Сколько подростков — 40 или 50?"],
                 message="the comment shown once")
        assert goal.locator(".ctext").input_value() == "" and goal.locator(".csend").is_enabled()
        assert len(sent) == 2
        assert [c["text"] for c in wb.store.draft_comments(draft)] == ["Сколько подростков — 40 или 50?"]
    finally:
        ctx.close()


def test_the_next_paper_ballot_after_a_lost_answer_opens_one_ballot(sqlite_room, browser):
    """«Готово — следующий бюллетень» while nginx answered 504 (the server had opened the ballot):
    the page said «HTTP 504» and a second tap opened yet another ballot. Now it says the next
    ballot waits, opens it by itself, and the session has one new ballot, not two."""
    room = sqlite_room
    wb = room["wb"]
    first = facilitator.paper_ballot(wb.store, room["sid"])
    ctx = browser.new_context(viewport={"width": 1280, "height": 720})
    page = ctx.new_page()
    try:
        page.goto(f"{room['server'].base}/s/{room['code']}?paper={first['token']}")
        page.click("button[data-action=vote]:not([disabled])")
        wait_for(lambda: _text(page, "#dots") == "Осталось голосов: 2", message="the dot on the ballot")
        sent = _lose_first_answer(page, "**/api/s/*/next-ballot")
        page.get_by_role("button", name="Готово — следующий бюллетень").click()
        wait_for(lambda: _text(page, "#msg") == "Нет связи: следующий бюллетень ещё не открыт. Он откроется сам, "
                                                "как только связь вернётся.", message="the next ballot waiting")
        page.wait_for_function("() => document.querySelector('#paper').textContent.startsWith('Бюллетень 2 ')",
                               timeout=15_000)
        assert len(sent) == 2 and sent[0]["request_id"] == sent[1]["request_id"]
        paper = [p["name"] for p in wb.store.participants(room["sid"]) if p["on_paper"]]
        assert paper == ["Бюллетень 1", "Бюллетень 2"]
    finally:
        ctx.close()
