"""Real Chromium on the phone page with the phone's text enlarged (150 % and 200 % on a 360 px
phone, emulated with CSS zoom as a reviewer did): ideas, headings and the session's title keep
their words whole (no «достопри/мечатель/ностей»), the + and − buttons go under an idea rather
than squeeze it into a column of letters, the matrix's 1–5 scale stays one row, and a statement's
Да/Нет/Пропустить are on the first screen; on a 320 px phone at 200 % every stage fits."""

from __future__ import annotations

import pytest

from workbench.session import facilitator
from workbench.testing import act as _act
from workbench.testing import wait_for

pytestmark = pytest.mark.browser
TITLE = "Будущее Няндомского округа"
IDEAS = ("Сайт с картой достопримечательностей округа", "Экскурсии с местными жителями",
         "Ярмарка ремёсел в Шалакуше")
STATEMENT = "Дом ремёсел в каждом посёлке"

# Every word of an element's text split over two lines though it fits on one line of its row (an
# idea's row: the whole card, its buttons aside). A longer word breaks (hyphenated where the phone
# knows the language's hyphenation): «достопримечательностей» is wider than a line at 150 %.
BROKEN_WORDS = """el => {
  const row = el.closest('li') || el, room = row.clientWidth - (row === el ? 0 : 20);
  const out = [], walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    for (const m of n.data.matchAll(/\\S+/g)) {
      const r = document.createRange(); r.setStart(n, m.index); r.setEnd(n, m.index + m[0].length);
      const rects = [...r.getClientRects()].filter(x => x.width > 0);
      const lines = new Set(rects.map(x => Math.round(x.top)));
      if (lines.size > 1 && rects.reduce((s, x) => s + x.width, 0) < room) out.push(m[0]);
    }
  }
  return out;
}"""


@pytest.fixture(scope="module")
def room(serve):
    """A session titled with two long Russian words: three ideas under an open dot vote on phones,
    a statement on its own stage, and one joined participant."""
    def prepare(wb):
        code = wb.store.create_session(TITLE)
        sid = wb.store.session(code)["id"]
        stages = {s["kind"]: s for s in wb.store.stages(sid)}
        cards = [facilitator.add_card(wb.store, sid, stages["ideas"]["id"], text) for text in IDEAS]
        vote = stages["voting"]["id"]
        facilitator.toggle_voting(wb.store, vote)
        facilitator.show_stage(wb.store, sid, vote)
        extra = facilitator.add_card(wb.store, sid, stages["ideas"]["id"], STATEMENT)
        facilitator.to_statements(wb.store, sid, [extra["id"]])
        person = wb.store.join(sid, name="Вера Петрова")
        return {"code": code, "sid": sid, "vote": vote, "cards": cards, "person": person,
                "statements": next(s["id"] for s in wb.store.stages(sid) if s["kind"] == "statements")}

    return serve(prepare)


def _phone(browser, server, room, zoom, joined=True, height=640, width=360):
    ctx = browser.new_context(viewport={"width": width, "height": height}, is_mobile=True, has_touch=True)
    if joined:
        ctx.add_init_script(f"localStorage.setItem('wb:{room['code']}', '{room['person']['token']}')")
    ctx.add_init_script("document.addEventListener('DOMContentLoaded', () => "
                        f"{{ document.documentElement.style.zoom = '{zoom}'; }})")
    page = ctx.new_page()
    page.goto(f"{server.base}/s/{room['code']}")
    return ctx, page


def _show(server, room, stage, method=None):
    def go(wb):
        if method:
            facilitator.set_method(wb.store, stage, method)
        facilitator.show_stage(wb.store, room["sid"], stage)
    _act(server, go)


def _broken(page, selector):
    return [w for el in page.locator(selector).all() for w in el.evaluate(BROKEN_WORDS)]


@pytest.mark.parametrize("zoom", [1.5, 2])
def test_ideas_on_the_dot_ballot_keep_their_words_and_put_the_buttons_under_them(room, browser, zoom):
    server, made = room
    _show(server, made, made["vote"], "dots")
    ctx, page = _phone(browser, server, made, zoom)
    try:
        page.wait_for_selector("button[data-action=vote]")
        wait_for(lambda: page.locator("#title").inner_text() == TITLE, message="the session's title")
        assert _broken(page, "#cards li .t") == []
        assert _broken(page, "#title") == [] and _broken(page, "#stage") == []
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        # Each idea takes its row's width; its + goes under it once the row is narrow.
        for li in page.locator("#cards li").all():
            row, text = li.bounding_box(), li.locator(".t").bounding_box()
            plus = li.locator("button[data-action=vote]").bounding_box()
            assert text["width"] >= 0.6 * row["width"], (zoom, row, text)
            if zoom == 2:
                assert plus["y"] >= text["y"] + text["height"] - 1, (text, plus)
        # A row is no taller than its text and one line of buttons.
        tall = page.locator("#cards li").first.bounding_box()["height"]
        assert tall < 640 / 2, tall
    finally:
        ctx.close()


def test_the_matrix_scale_stays_one_row_at_double_text(room, browser):
    server, made = room
    _show(server, made, made["vote"], "matrix")
    ctx, page = _phone(browser, server, made, 2)
    try:
        page.wait_for_selector("button[data-rate]")
        assert _broken(page, "#decide li .t") == []
        # (read at once: a poll redraws the ballot)
        rows = page.evaluate("[...document.querySelectorAll('#decide .scale')].map(row =>"
                             " [...row.querySelectorAll('button')].map(b => b.getBoundingClientRect().toJSON()))")
        assert len(rows) == 2 * len(IDEAS) + 2  # two scales an idea (the statement's idea too)
        for row in rows:
            assert len({round(b["y"]) for b in row}) == 1, row  # 1–5 read as one scale, not 2 + 2 + 1
            assert all(b["width"] >= 40 for b in row), row  # a thumb each
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        ctx.close()


def test_a_statement_s_buttons_are_on_the_first_screen_at_double_text(room, browser):
    server, made = room
    _show(server, made, made["statements"])
    _act(server, lambda wb: facilitator.toggle_voting(wb.store, made["statements"]))
    ctx, page = _phone(browser, server, made, 2)
    try:
        page.wait_for_selector("#agree:not(.hidden)")
        assert page.locator("#stmt-text").inner_text() == STATEMENT
        for b in ("#agree", "#disagree", "#pass"):
            box = page.locator(b).bounding_box()
            assert box["y"] + box["height"] <= 640, (b, box)
        assert _broken(page, "#stmt-text") == []
    finally:
        ctx.close()
        _act(server, lambda wb: facilitator.toggle_voting(wb.store, made["statements"]))


@pytest.mark.parametrize("zoom", [1.5, 2])
def test_the_join_form_keeps_its_heading_s_words(room, browser, zoom):
    server, made = room
    ctx, page = _phone(browser, server, made, zoom, joined=False)
    try:
        page.wait_for_selector("#join:not(.hidden)")
        wait_for(lambda: page.locator("#title").inner_text() == TITLE, message="the session's title")
        assert _broken(page, "#join h2") == [] and _broken(page, "#join label") == []
        assert _broken(page, "#join .hint") == []
    finally:
        ctx.close()


@pytest.mark.parametrize("zoom", [1, 1.5])
def test_send_stays_above_the_keyboard_while_typing(room, browser, zoom):
    """A 360 × 330 screen: what a 640 px phone shows above its keyboard."""
    server, made = room
    ideas = _act(server, lambda wb: next(s["id"] for s in wb.store.stages(made["sid"]) if s["kind"] == "ideas"))
    _act(server, lambda wb: facilitator.show_stage(wb.store, made["sid"], ideas))
    ctx, page = _phone(browser, server, made, zoom, height=330)
    try:
        page.wait_for_selector("#add:not(.hidden)")
        page.locator("#text").click()
        page.keyboard.type("Экскурсии")
        visible = "() => { const b = document.getElementById('send').getBoundingClientRect();" \
                  " return b.top >= 0 && b.bottom <= innerHeight; }"
        wait_for(lambda: page.evaluate(visible), message="«Отправить» in view while typing")
        box = page.locator("#text").bounding_box()
        assert box["y"] < 330 and box["y"] + box["height"] > 0  # the box typed in is in view too
        font = page.evaluate("[getComputedStyle(document.getElementById('text')).fontFamily,"
                             " getComputedStyle(document.body).fontFamily]")
        assert font[0] == font[1]  # the page's font, not monospace
    finally:
        ctx.close()


# What sticks out of the screen, and a control or heading whose text is cut (one not meant to end
# in «…»), on the page as it is drawn now
CLIPPED = """() => { const W = document.documentElement.clientWidth, out = [];
  for (const e of document.querySelectorAll('header *, main *')) {
    if (!e.offsetParent) continue;
    const r = e.getBoundingClientRect();
    if (r.width && (r.right > W + 1 || r.left < -1)) out.push('outside: ' + e.outerHTML.slice(0, 60));
    if (/^(BUTTON|H1|H2|H3|LABEL|P)$/.test(e.tagName) && e.scrollWidth > e.clientWidth + 1
        && getComputedStyle(e).textOverflow !== 'ellipsis') out.push('cut: ' + e.outerHTML.slice(0, 60));
  }
  return out; }"""


def test_every_stage_fits_a_320_px_phone_at_double_text(room, browser):
    """The narrowest phone in the room with its text at 200 %: the join form and every stage (each
    voting method, ideas, statements, teams, results) with nothing off the screen or cut, and the
    join form's one-word heading on one line (it broke into «Присоединитьс» and «я»)."""
    server, made = room
    ctx, page = _phone(browser, server, made, 2, joined=False, width=320)
    try:
        page.wait_for_selector("#join:not(.hidden)")
        heading = page.locator("#join h2")
        assert heading.inner_text() == "Присоединиться"
        assert heading.evaluate(BROKEN_WORDS.replace("< room", "< Infinity")) == []  # one line
        assert page.evaluate(CLIPPED) == []
        page.fill("#f-name", "Глеб Новиков")
        page.click("#join-btn")
        page.wait_for_selector("#live:not(.hidden)")
        stages = {s["kind"]: s["id"] for s in _act(server, lambda wb: wb.store.stages(made["sid"]))}
        steps = [(made["vote"], "dots", "button[data-action=vote]"), (made["vote"], "matrix", "button[data-rate]"),
                 (made["vote"], "ranking", "button[data-rank]"), (made["vote"], "pairwise", "button[data-pick]"),
                 (stages["ideas"], None, "#add:not(.hidden)"), (made["statements"], None, "#stmt:not(.hidden)"),
                 (stages["teams"], None, "button[data-team]")]
        for stage, method, ballot in steps:
            _show(server, made, stage, method)
            page.wait_for_selector(ballot)
            assert page.evaluate(CLIPPED) == [], (method or stage)
            assert page.evaluate("document.documentElement.scrollWidth") <= 320
        def results(wb):
            facilitator.set_method(wb.store, made["vote"], "dots")
            if wb.store.stage(made["vote"])["voting_open"]:
                facilitator.toggle_voting(wb.store, made["vote"])
            if not wb.store.stage(made["vote"])["results_visible"]:
                facilitator.toggle_results(wb.store, made["vote"])
            facilitator.show_stage(wb.store, made["sid"], made["vote"])
        _act(server, results)
        page.wait_for_selector("#res-h:not(.hidden)")
        assert page.evaluate(CLIPPED) == []
    finally:
        ctx.close()
        _act(server, lambda wb: facilitator.toggle_results(wb.store, made["vote"]))
