"""Real Chromium, the display's «Оценки» opened on a phone (400 px) by a facilitator checking the
wall from the back of the hall: it fell back to three tables side by side, which ran off the
screen's right edge (each team's mean and how many scored it were not on it). Now as many tables
as the screen's height asks, every team's scores on the screen."""

from __future__ import annotations

import contextlib

import pytest
from test_display_fit_browser import TEAM_BOXES, _inside, review_room  # noqa: F401 (a fixture)

from workbench.testing import open_display

PHONE = (400, 800)


@contextlib.contextmanager
def _wall_on_a_phone(browser, server, code, size, ready):
    """The session's display on a phone's screen of `size`, logged in, once `ready` (a selector)
    is shown and its fonts are loaded; the browser is closed at the end."""
    ctx, page = open_display(browser, server, code, size)
    try:
        page.wait_for_selector(ready)
        page.wait_for_function("() => document.fonts.status === 'loaded'")
        yield page
    finally:
        ctx.close()


@pytest.mark.browser
@pytest.mark.parametrize("code", ["RV02K3", "RV06K4", "RV16K5"])
def test_every_team_and_its_scores_are_on_a_phones_screen(browser, review_room, code):  # noqa: F811
    server, boards = review_room
    w, h = PHONE
    with _wall_on_a_phone(browser, server, code, PHONE, "#review .rteam") as page:
        teams = page.evaluate(TEAM_BOXES)
        board = boards[code]
        assert [t["id"] for t in teams] == [t["id"] for t in board["teams"]]
        for team, want in zip(teams, board["teams"], strict=True):
            assert _inside(team["box"], w, h), (team["name"], team["box"])
            assert team["values"] == [c["shown"] for c in want["criteria"]]
            assert team["mean"].endswith(want["mean_shown"])
            for part in team["parts"]:  # the name, the scores, the mean, the count: all on the screen
                assert _inside(part, w, h), part
        assert page.evaluate("document.documentElement.scrollWidth") <= w


LONG_IDEAS = [f"{i + 1}-я идея: туристический маршрут «Деревянное зодчество» с ночёвкой в гостевых домах"
              for i in range(20)]


@pytest.fixture(scope="module")
def dots_room(serve):
    """A session whose dots vote over twenty long ideas is on the display's results."""
    from workbench.session import display, facilitator, voting
    from workbench.testing import ideas_session

    def prepare(bench):
        made = ideas_session(bench, "Будущее Каргопольского округа", LONG_IDEAS)
        vote = made["stages"]["voting"]["id"]
        facilitator.set_method(bench.store, vote, "dots")
        facilitator.toggle_voting(bench.store, vote)
        for p in range(30):
            pid = bench.store.join(made["sid"], name=f"Участник {p}")["id"]
            for k in range(3):
                voting.vote(bench.store, vote, pid, made["cards"][(p + k * 7) % 20])
        display.set_display(bench.store, made["sid"], "chart", vote)
        return made["code"]

    return serve(prepare)


@pytest.mark.browser
@pytest.mark.parametrize("size", [(400, 800), (360, 640)])
def test_the_results_bars_stay_on_a_phones_screen(browser, dots_room, size):
    """Twelve bars of long ideas at 400 px ran off the screen's foot (the last bars, their counts
    and the footnote not on it): now each name takes two lines at most, ending with «…», and bars
    that still do not fit go, with a line saying how many."""
    server, code = dots_room
    w, h = size
    with _wall_on_a_phone(browser, server, code, size, ".chart .bars .val") as page:
        shown = page.eval_on_selector_all(".chart .bars .val, .chart .bars .lab, .chart .more, .chart .note-m",
                                          "els => els.map(e => [e.className, e.getBoundingClientRect().bottom,"
                                          " e.getBoundingClientRect().right])")
        for cls, bottom, right in shown:
            assert bottom <= h + 2 and right <= w + 2, (cls, bottom, right)  # a pixel's rounding
        bars = page.locator(".chart .bars .val").count()
        assert bars >= 6  # the first half of the results at least
        labels = page.eval_on_selector_all(".chart .bars .lab", "els => els.map(e => e.title)")
        assert all(label.split(". ", 1)[1] in LONG_IDEAS for label in labels)  # the whole name in its tooltip
        if bars < 12:
            assert page.locator(".chart .more[data-dropped]").inner_text() == \
                f"Не поместилось на экран карточек: {12 - bars}"


@pytest.fixture(scope="module")
def teams_room(serve):
    """The demo session (eight ideas to form teams around, two formed) on the display's teams."""
    from workbench.demo import load_demo
    from workbench.session import display

    def prepare(bench):
        code = load_demo(bench.store)
        sid = bench.store.session(code)["id"]
        stage = next(s for s in bench.store.stages(sid) if s["kind"] == "teams")
        display.set_display(bench.store, sid, "teams", stage["id"])
        return code

    return serve(prepare)


@pytest.mark.browser
def test_the_teams_on_a_phones_screen_keep_their_counts_inside_their_cells(browser, teams_room):
    """Eight teams in four columns on a 400 px screen: names broke letter by letter and «В команде: 5»
    ran out of its cell and off the screen. A narrow screen takes fewer columns."""
    server, code = teams_room
    with _wall_on_a_phone(browser, server, code, PHONE, "#teams .team") as page:
        cells = page.eval_on_selector_all("#teams .team", """els => els.map(d => {
            const r = d.getBoundingClientRect(), c = d.querySelector('.c'), k = c.getBoundingClientRect();
            return {right: r.right, count: c.textContent, countRight: k.left + c.scrollWidth,
                    lines: k.height / (1.4 * parseFloat(getComputedStyle(c).fontSize))}; })""")
        assert len(cells) == 8
        for cell in cells:
            assert cell["right"] <= 400 and cell["countRight"] <= cell["right"], cell
            assert cell["lines"] < 1.5, cell  # «В команде: 5» on one line
        assert page.evaluate("document.documentElement.scrollWidth") <= 400


@pytest.mark.browser
def test_the_offline_label_is_not_under_the_full_screen_hint(browser, fresh):
    """The server dies in the first 8 s a wall is open, while «Нажмите, чтобы развернуть…» still
    sits in the bottom right corner: «Нет связи» (the same corner) is what shows there, readable;
    once the server answers again the label goes."""
    import signal

    wb, start = fresh
    wb.store.create_session("Будущее Няндомского округа", code="OFFL16")
    server = start()
    ctx, wall = open_display(browser, server, "OFFL16")
    try:
        wall.wait_for_selector(".join img")
        wall.wait_for_selector("#hint:not(.gone)")
        server.stop(signal.SIGKILL)
        wall.wait_for_selector("#offline", state="visible", timeout=7_000)
        assert wall.locator("#hint.gone").count() == 0  # still within the hint's 8 s
        label = wall.locator("#offline")
        assert label.inner_text() == "Нет связи с сервером, подключаемся снова…"
        on_top = wall.evaluate("""() => { const r = document.getElementById('offline').getBoundingClientRect();
            const e = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            return e && (e.id === 'offline' || e.closest('#offline') !== null); }""")
        assert on_top, "the full-screen hint covers «Нет связи»"
        start(port=server.port)
        wall.wait_for_selector("#offline", state="hidden", timeout=5_000)
    finally:
        ctx.close()
