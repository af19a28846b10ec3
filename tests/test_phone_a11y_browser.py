"""Real Chromium, played by keyboard and read as a screen reader reads it: the phone page keeps the
focus where it was when anyone in the room votes (it was thrown back to the page's top on every
redraw), a ranking ballot is filled by keyboard alone (its ideas took a mouse's click only), and
every button says what it acts on and what was chosen («Голос за «…»», not eight «Голос»)."""

from __future__ import annotations

import pytest

from workbench.session import facilitator
from workbench.testing import PHONE, VOTE_IDEAS, Phone, open_phone, voting_session, wait_for
from workbench.testing import act as _act

pytestmark = pytest.mark.browser
IDEAS = VOTE_IDEAS
FOCUSED = "() => { const a = document.activeElement; return a ? a.getAttribute('data-key') : null; }"


_session = voting_session


@pytest.fixture(scope="module")
def room(serve):
    return serve(lambda wb: {m: _session(wb, f"Доступность: {m}", m) for m in ("dots", "ranking", "matrix")})


def _tab_to(page, key, limit=60):
    """Tab (the keyboard only) until the control with this data-key has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED) == key:
            return
    raise AssertionError(f"Tab never reached {key}")


def test_the_focus_stays_on_the_idea_s_dot_while_the_room_votes(room, browser):
    server, made = room
    r = made["dots"]
    fourth = r["cards"][3]
    ctx, page = open_phone(browser, server, r["code"], r["person"]["token"])
    try:
        page.wait_for_selector("button[data-action=vote]:not([disabled])")
        _tab_to(page, f"vote:{fourth}")
        page.keyboard.press("Enter")
        wait_for(lambda: page.locator("#dots").inner_text() == "Осталось голосов: 2", message="the dot counted")
        # the redraw after the answer kept the focus on the same «+»
        assert page.evaluate(FOCUSED) == f"vote:{fourth}"
        # other phones vote and join: every poll redraws the list under the keyboard's focus. The
        # «+» focused now is marked first: a poll that lands between their votes and the mark (a
        # loaded machine) redrew the list before it, and the test waited 30 s for one more redraw
        # that no change in the store would bring.
        page.evaluate("() => { window.__old = document.activeElement; }")
        for n, card in enumerate(r["cards"][:3]):
            other = Phone(server.base, r["code"], lang="ru")
            other.join(name=f"Сосед {n}")
            answer = other.call("POST", "/vote", {"card": card, "stage": r["vote"], "request_id": f"a11y-dot-{n}"})
            assert answer.status_code == 200, answer.text
        page.wait_for_function("() => !document.contains(window.__old)")  # the list was drawn again
        assert page.evaluate(FOCUSED) == f"vote:{fourth}"
        # Enter again: the second dot goes to the same idea, as a keyboard user expects
        page.keyboard.press("Enter")
        wait_for(lambda: page.locator("#dots").inner_text() == "Осталось голосов: 1", message="the second dot")
        assert page.evaluate(FOCUSED) == f"vote:{fourth}"
        assert _act(server, lambda wb: wb.store.dots_of(r["vote"], r["person"]["id"])) == {fourth: 2}
        # what a screen reader hears of that idea: its name on each button, the dots as words
        row = page.locator(f"#cards li[data-row='card:{fourth}']")
        snap = row.aria_snapshot()
        assert "2 голоса" in snap and "●" not in snap
        assert f'button "Голос за «{IDEAS[3]}»"' in snap
        assert f'button "Забрать голос у «{IDEAS[3]}»"' in snap
        # the dots left are a polite live region
        assert page.locator("#dots").get_attribute("role") == "status"
    finally:
        ctx.close()


def test_a_button_being_sent_keeps_the_focus(room, browser):
    """While a tap is sent the buttons say they are off (aria-disabled) but keep the focus: a
    disabled button dropped it to the page's top."""
    server, made = room
    r = made["dots"]
    person = _act(server, lambda wb: wb.store.join(r["sid"], name="Анна Кузнецова"))
    ctx = browser.new_context(**PHONE)
    ctx.add_init_script(f"localStorage.setItem('wb:{r['code']}', '{person['token']}')")
    page = ctx.new_page()
    release = []
    try:
        page.route("**/vote", lambda route: release.append(route))  # held: the tap stays «being sent»
        page.goto(f"{server.base}/s/{r['code']}")
        page.wait_for_selector("button[data-action=vote]:not([disabled])")
        first = r["cards"][0]
        page.locator(f"button[data-key='vote:{first}']").focus()
        page.keyboard.press("Enter")
        button = page.locator(f"button[data-key='vote:{first}']")
        page.wait_for_function(f"() => document.querySelector(\"[data-key='vote:{first}']\").ariaDisabled === 'true'")
        # the dot on its way, held (the route's handler runs when Playwright next hears from the
        # page: it may come after the button went grey)
        wait_for(lambda: page.evaluate("() => true") and release, message="the dot held on its way")
        assert button.is_disabled()
        assert page.evaluate(FOCUSED) == f"vote:{first}"
        release[0].continue_()
        page.wait_for_function(f"() => !document.querySelector(\"[data-key='vote:{first}']\").ariaDisabled")
        assert page.locator("#dots").inner_text() == "Осталось голосов: 2"
        assert page.evaluate(FOCUSED) == f"vote:{first}"
    finally:
        ctx.close()


def _rank_by_keyboard(page, ids):
    for card in ids:
        _tab_to(page, f"rank:{card}")
        page.keyboard.press("Space" if card % 2 else "Enter")
        wait_for(lambda card=card: page.evaluate(FOCUSED) == f"rank:{card}", message="the focus on the idea just placed")


def _order(server, r, person):
    rows = _act(server, lambda wb: wb.store.rankings(r["vote"]))
    return [x["card_id"] for x in sorted(rows, key=lambda x: x["position"]) if x["participant_id"] == person]


def test_a_ranking_ballot_is_filled_by_keyboard_alone(room, browser):
    server, made = room
    r = made["ranking"]
    ctx, page = open_phone(browser, server, r["code"], r["person"]["token"])
    try:
        page.wait_for_selector("button[data-rank]")
        # each idea is a button named by its text; once placed, by its place too
        first = page.get_by_role("button", name=f"«{IDEAS[2]}»: ещё без места")
        assert first.count() == 1
        order = [r["cards"][2], r["cards"][0], r["cards"][4], r["cards"][1], r["cards"][3]]
        _rank_by_keyboard(page, order)
        assert page.get_by_role("button", name=f"Место 1: «{IDEAS[2]}»").count() == 1
        assert page.get_by_role("button", name=f"Место 5: «{IDEAS[3]}»").count() == 1
        assert page.locator("#say").inner_text().startswith(f"Место 5: «{IDEAS[3]}»")
        _tab_to(page, "rank-send")
        page.keyboard.press("Enter")
        wait_for(lambda: page.locator("#decide .hint").inner_text() == "Ваш порядок принят", message="the order saved")
        assert _order(server, r, r["person"]["id"]) == order
    finally:
        ctx.close()


def test_a_paper_ranking_ballot_is_filled_by_keyboard_and_the_next_one_opened(room, browser):
    server, made = room
    r = made["ranking"]
    paper = _act(server, lambda wb: facilitator.paper_ballot(wb.store, r["sid"]))
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    page = ctx.new_page()
    try:
        page.goto(f"{server.base}/s/{r['code']}?paper={paper['token']}")
        page.wait_for_selector("button[data-rank]")
        order = list(reversed(r["cards"]))
        _rank_by_keyboard(page, order)
        _tab_to(page, "rank-send")
        page.keyboard.press("Enter")
        wait_for(lambda: page.locator("#decide .hint").inner_text() == "Ваш порядок принят", message="the order saved")
        for _ in range(10):  # «Готово — следующий бюллетень» is the next stop of the keyboard
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.id") == "paper-next":
                break
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.querySelector('#paper').textContent.startsWith('Бюллетень 2 ')")
        assert _order(server, r, paper["id"]) == order
    finally:
        ctx.close()


def test_the_matrix_scale_says_the_idea_and_the_mark_chosen(room, browser):
    server, made = room
    r = made["matrix"]
    ctx, page = open_phone(browser, server, r["code"], r["person"]["token"])
    try:
        page.wait_for_selector("button[data-rate]")
        three = page.get_by_role("button", name=f"«{IDEAS[1]}»: Важность 3 из 5")
        assert three.count() == 1 and three.get_attribute("aria-pressed") == "false"
        three.focus()
        page.keyboard.press("Enter")
        wait_for(lambda: three.get_attribute("aria-pressed") == "true", message="the mark pressed")
        assert page.evaluate(FOCUSED) == f"rate:{r['cards'][1]}:impact:3"
        snap = page.locator(f"li[data-row='rate:{r['cards'][1]}']").aria_snapshot()
        assert f'button "«{IDEAS[1]}»: Важность 3 из 5" [pressed]' in snap
        # high contrast: the chosen mark keeps an outline the system colours cannot take away
        page.emulate_media(forced_colors="active")
        outline = page.evaluate("(k) => getComputedStyle(document.querySelector(`[data-key='${k}']`)).outlineStyle",
                                f"rate:{r['cards'][1]}:impact:3")
        other = page.evaluate("(k) => getComputedStyle(document.querySelector(`[data-key='${k}']`)).outlineStyle",
                              f"rate:{r['cards'][1]}:impact:4")
        assert outline == "solid" and other == "none"
    finally:
        ctx.close()


def _contrast(page, selector):
    """The contrast ratio of a control's text on its background (WCAG's formula)."""
    return page.evaluate("""(sel) => {
      const e = document.querySelector(sel), cs = getComputedStyle(e);
      const lum = (c) => { const v = c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number).map(x => x / 255)
        .map(x => x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4));
        return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
      const a = lum(cs.color), b = lum(cs.backgroundColor);
      return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); }""", selector)


def test_the_stage_and_the_next_statement_are_said_and_pale_buttons_are_readable(room, browser):
    """A screen reader heard nothing when the facilitator moved on or the next statement came; the
    grey buttons («Пропустить», «Сначала», a count on a button that is off) were under 4.5:1."""
    server, made = room
    r = made["ranking"]

    def statements(wb):
        sid = r["sid"]
        facilitator.to_statements(wb.store, sid, r["cards"][:3])
        stage = next(s for s in wb.store.stages(sid) if s["kind"] == "statements")
        facilitator.toggle_voting(wb.store, stage["id"])
        return stage
    stage = _act(server, statements)
    person = _act(server, lambda wb: wb.store.join(r["sid"], name="Олег Смирнов"))
    ctx, page = open_phone(browser, server, r["code"], person["token"])
    try:
        page.wait_for_selector("button[data-rank]")
        assert page.get_by_role("heading", level=2).first.inner_text() == "Голосование"
        assert page.locator("#net").get_attribute("role") == "status"
        assert page.locator("#lang").get_attribute("lang") == "en"  # «English» is read in English
        assert _contrast(page, "#rank-send") >= 4.5  # «Осталось расставить: 5» on a button that is off
        assert _contrast(page, "#decide button.minus") >= 4.5  # «Сначала»
        _act(server, lambda wb: facilitator.show_stage(wb.store, r["sid"], stage["id"]))
        said = page.locator("#say")
        first = page.wait_for_function("() => document.querySelector('#say').textContent").json_value()
        assert first.startswith("Утверждения")  # the new stage's title, said
        assert page.get_by_role("heading", level=2).first.inner_text() == "Утверждения"
        assert _contrast(page, "#pass") >= 4.5
        page.locator("#agree").focus()
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.querySelector('#say').textContent.startsWith('Утверждение 2 из 3: ')")
        assert said.get_attribute("aria-live") == "polite"
        assert page.evaluate("() => document.activeElement.id") == "agree"  # the next statement's «Да»
    finally:
        ctx.close()
        _act(server, lambda wb: facilitator.show_stage(wb.store, r["sid"], r["vote"]))
