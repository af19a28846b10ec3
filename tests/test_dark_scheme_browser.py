"""Real Chromium with the phone in light mode (the default, a phone in daylight or sunlight) and in
dark mode (`color_scheme="dark"`, as a phone set to dark at an evening session): the phone page,
the registration form, the review page, the team's page and the public results are light or dark as
the phone asks, and stay readable. Measured from the computed styles, the same states in both
schemes: every text seen is at least 4.5:1 on what is behind it (3:1 when large), every control's
edge (its border or its fill) 3:1 on what is around it (WCAG 1.4.11: a participant with low vision
sees where a field or a button is), and a chosen mark (a rating, a score, an idea of one's own)
stands out from the others at least as much in dark mode as in light. High contrast (forced
colours) still outlines the chosen mark in both."""

from __future__ import annotations

import pytest

from workbench.demo import load_demo
from workbench.drafts import create_draft
from workbench.session import facilitator, public, review, team_links
from workbench.testing import PHONE, VOTE_IDEAS, act, voting_session, wait_for

pytestmark = pytest.mark.browser
IDEAS = VOTE_IDEAS

# What the eye gets from the computed styles: the text seen and what is behind it, the edge of
# each control, and the luminance of the page's background. WCAG's formulas; large text is 24 px,
# or 18.66 px bold. A button off (disabled) needs no edge (WCAG), its text is still measured.
# An element drawn see-through (`opacity` below 1, on it or on a box around it) is measured as it
# shows: its colours mixed with what is behind that box.
AUDIT = """() => {
  const rgb = (c) => { const m = c.match(/[\\d.]+/g); if (!m || !/^rgba?\\(/.test(c)) return null;
    return {v: m.slice(0, 3).map(Number), a: m.length > 3 ? Number(m[3]) : 1}; };
  const lum = (c) => { const v = c.v.map(x => x / 255).map(x => x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4));
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const WHITE = {v: [255, 255, 255], a: 1};
  const behind = (e) => { for (let n = e; n; n = n.parentElement) {
      const c = rgb(getComputedStyle(n).backgroundColor); if (c && c.a > 0) return c; }
    return WHITE; };  // the canvas of a page that sets no background
  const faded = (e, c) => { for (let n = e; n; n = n.parentElement) {
      const o = Number(getComputedStyle(n).opacity), d = o < 1 && behind(n.parentElement);
      if (d) c = {v: c.v.map((x, i) => o * x + (1 - o) * d.v[i]), a: 1}; }
    return c; };
  const seen = (e) => { const r = e.getBoundingClientRect(); return r.width > 2 && r.height > 2 && e.checkVisibility({opacityProperty: true, visibilityProperty: true}); };
  const bad = [];
  const need = (cs) => { const px = parseFloat(cs.fontSize), bold = Number(cs.fontWeight) >= 700;
    return px >= 24 || (bold && px >= 18.66) ? 3 : 4.5; };
  for (const e of document.body.querySelectorAll('*')) {
    if (['SCRIPT', 'STYLE', 'OPTION', 'NOSCRIPT'].includes(e.tagName) || !seen(e)) continue;
    const cs = getComputedStyle(e);
    const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    const typed = (e.tagName === 'INPUT' && !['checkbox', 'radio', 'hidden'].includes(e.type)) || e.tagName === 'TEXTAREA' || e.tagName === 'SELECT';
    const what = (e.id ? '#' + e.id : e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : ''))
      + ' «' + (e.textContent || e.value || e.placeholder || '').trim().slice(0, 30) + '»';
    if (own || (typed && e.value)) {
      const r = ratio(faded(e, rgb(cs.color)), faded(e, behind(e)));
      if (r < need(cs)) bad.push(`text ${what}: ${r.toFixed(2)}:1`);
    }
    if (typed && !e.value && e.placeholder) {
      const r = ratio(faded(e, rgb(getComputedStyle(e, '::placeholder').color)), faded(e, behind(e)));
      if (r < 4.5) bad.push(`placeholder ${what}: ${r.toFixed(2)}:1`);
    }
    // a control's edge; a ranking's idea is the whole row's text, no edge of its own to find
    const control = e.matches('button:not(.rank), a#lang, a.join, a#review-link') || typed;
    if (control && !e.disabled) {
      const around = faded(e, behind(e.parentElement)), fill = rgb(cs.backgroundColor);
      let edge = fill && fill.a > 0 ? ratio(faded(e, fill), around) : 1;
      if (parseFloat(cs.borderTopWidth) >= 1 && cs.borderTopStyle !== 'none') edge = Math.max(edge, ratio(faded(e, rgb(cs.borderTopColor)), around));
      if (edge < 3) bad.push(`edge ${what}: ${edge.toFixed(2)}:1`);
    }
  }
  return {bad, page: lum(behind(document.body))};
}"""

# How much a chosen mark stands out from one not chosen beside it: its fill against theirs, or
# (an idea of one's own) its left stripe against the row
APART = """([on, off, part]) => {
  const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = (v) => { v = v.map(x => x / 255).map(x => x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4));
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const a = getComputedStyle(document.querySelector(on)), b = getComputedStyle(document.querySelector(off));
  const x = lum(rgb(part === 'stripe' ? a.borderLeftColor : a.backgroundColor)), y = lum(rgb(b.backgroundColor));
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}"""


def _readable(page, where, scheme):
    """The page's background as the scheme asks (dark, or light) and nothing in it under its contrast."""
    got = page.evaluate(AUDIT)
    if scheme == "dark":
        assert got["page"] < 0.05, f"{where}: the page's background is light ({got['page']:.2f}), not dark"
    else:
        assert got["page"] > 0.8, f"{where}: the page's background is dark ({got['page']:.2f}), not light"
    assert not got["bad"], f"{where} ({scheme}): " + "; ".join(got["bad"])


_session = voting_session


def _room(wb):
    made = {m: _session(wb, f"Вечер: {m}", m) for m in ("dots", "matrix", "ranking")}
    code = load_demo(wb.store)  # two teams with their drafts
    sid = wb.store.session(code)["id"]
    for name in ("Ясность цели", "Польза для округа"):
        review.add_criterion(wb.store, code, name)
    review.open_review(wb.store, code)
    did = create_draft(wb.store, sid, {"title": "Школа ремёсел", "goal": "Обучить 40 подростков к маю"})
    team = team_links.team_link(wb.store, did)["token"]
    team_links.add_comment(wb.store, team, "goal", "Анна", "Откуда 40? Сверим со школой.")
    outsider = next(p for p in wb.store.participants(sid) if p["name"] == "Роман Михайлов")
    made["demo"] = {"code": code, "team": team, "public": public.set_public(wb.store, code, True)["path"],
                    "outsider": outsider["token"]}
    return made


@pytest.fixture(scope="module", params=["light", "dark"])
def scheme(request):
    """Each test runs on a phone in light mode, then on one in dark mode (a room of its own each)."""
    return request.param


@pytest.fixture(scope="module")
def room(serve, scheme):
    return serve(_room)


def _context(browser, scheme):
    return browser.new_context(color_scheme=scheme, **PHONE)


def _phone(browser, server, r, scheme):
    ctx = browser.new_context(color_scheme=scheme, **PHONE)
    ctx.add_init_script(f"localStorage.setItem('wb:{r['code']}', '{r['person']['token']}')")
    page = ctx.new_page()
    page.goto(f"{server.base}/s/{r['code']}")
    return ctx, page


def _as_clear_in_the_dark(pages, pair):
    """A chosen mark stands out from the others in dark mode at least as much as in light mode."""
    assert pages["dark"].evaluate(APART, pair) >= pages["light"].evaluate(APART, pair)


def test_joining_and_writing_ideas(room, browser, scheme):
    server, made = room
    r = made["dots"]
    page = _context(browser, scheme).new_page()
    page.goto(f"{server.base}/s/{r['code']}")
    page.wait_for_selector("#join:not(.hidden)")
    page.fill("#f-name", "Глеб")
    _readable(page, "the join form", scheme)
    page.click("#join-btn")
    page.wait_for_selector("#live:not(.hidden)")
    act(server, lambda wb: facilitator.show_stage(wb.store, r["sid"], r["stages"]["ideas"]["id"]))
    try:
        page.wait_for_selector("#add:not(.hidden)")
        page.fill("#text", "Лодочная станция на Онеге")
        page.click("#send")
        page.wait_for_selector("#cards li.mine")
        page.fill("#text", "Ещё не отправлено")  # what is typed, on its field
        _readable(page, "the cards stage", scheme)
        token = page.evaluate(f"() => localStorage.getItem('wb:{r['code']}')")
        other = "light" if scheme == "dark" else "dark"
        _, also = _phone(browser, server, {"code": r["code"], "person": {"token": token}}, other)
        also.wait_for_selector("#cards li.mine")
        # one's own idea keeps its stripe, in the dark as clear as in daylight
        _as_clear_in_the_dark({scheme: page, other: also}, ["#cards li.mine", "#cards li:not(.mine)", "stripe"])
        # with the approval queue on, a card sent waits for the facilitator: shown apart, readable
        act(server, lambda wb: facilitator.set_moderation(wb.store, r["sid"], "off", True))
        page.fill("#text", "Причал для байдарок")
        page.click("#send")
        page.wait_for_selector("#cards li.pending")
        assert "на модерации" in page.locator("#cards li.pending").inner_text()
        look = "e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).borderTopStyle]"
        assert page.locator("#cards li.pending").evaluate(look) != page.locator(
            "#cards li:not(.pending)").first.evaluate(look)  # it looks unlike a card on the wall
        _readable(page, "the cards stage, a card awaiting moderation", scheme)
    finally:
        act(server, lambda wb: facilitator.set_moderation(wb.store, r["sid"], "off", False))
        act(server, lambda wb: facilitator.show_stage(wb.store, r["sid"], r["vote"]))


def test_dots(room, browser, scheme):
    server, made = room
    r = made["dots"]
    ctx, page = _phone(browser, server, r, scheme)
    first = r["cards"][0]
    page.locator(f"button[data-key='vote:{first}']").click()
    wait_for(lambda: page.locator("#dots").inner_text() == "Осталось голосов: 2", message="the dot counted")
    page.wait_for_selector(f"button[data-key='unvote:{first}']")
    _readable(page, "a dot given, «+» and «−»", scheme)
    assert page.locator(f"li[data-row='card:{first}'] .dots").inner_text().startswith("●")
    for left in (1, 0):  # the dots spent: the «+» go grey, still readable
        page.locator(f"button[data-key='vote:{first}']").click()
        wait_for(lambda left=left: page.locator("#dots").inner_text() == f"Осталось голосов: {left}", message="a dot counted")
    page.wait_for_selector("button[data-action=vote][disabled]")
    _readable(page, "the dots spent", scheme)
    ctx.close()


def test_a_matrix_rating_is_as_clear_in_the_dark_and_keeps_its_high_contrast_outline(room, browser, scheme):
    server, made = room
    r = made["matrix"]
    second = r["cards"][1]
    pages = {}
    for each in ("light", "dark"):
        ctx, page = _phone(browser, server, r, each)
        page.wait_for_selector("button[data-rate]")
        page.locator(f"button[data-key='rate:{second}:impact:4']").click()
        page.wait_for_selector(f"button[data-key='rate:{second}:impact:4'].on")
        pages[each] = page
    page = pages[scheme]
    _readable(page, "a matrix idea half rated", scheme)
    pair = [f"button[data-key='rate:{second}:impact:4']", f"button[data-key='rate:{second}:impact:3']", "fill"]
    _as_clear_in_the_dark(pages, pair)
    # in daylight the chosen rating stands out from the others at least as much as before the
    # others had their edge (dark blue on grey #ccc, 5.4:1)
    assert pages["light"].evaluate(APART, pair) >= 5.3
    # the 1–5 scale stays one row with its edges
    tops = page.locator(f"li[data-row='rate:{second}'] .scale").first.locator("button").evaluate_all(
        "bs => bs.map(b => Math.round(b.getBoundingClientRect().top))")
    assert len(set(tops)) == 1
    page.locator(f"button[data-key='rate:{second}:feasibility:2']").click()
    wait_for(lambda: "Оценено" in page.locator(f"li[data-row='rate:{second}']").inner_text(), message="the idea rated")
    _readable(page, "a matrix idea rated", scheme)
    # high contrast over either scheme: the chosen mark keeps its outline
    page.emulate_media(forced_colors="active")
    outline = lambda v: page.evaluate(  # noqa: E731
        "(k) => getComputedStyle(document.querySelector(`[data-key='${k}']`)).outlineStyle", f"rate:{second}:impact:{v}")
    assert outline(4) == "solid" and outline(3) == "none"


def test_a_ranking(room, browser, scheme):
    server, made = room
    r = made["ranking"]
    ctx, page = _phone(browser, server, r, scheme)
    page.wait_for_selector("button[data-rank]")
    page.locator(f"button[data-key='rank:{r['cards'][2]}']").click()
    page.locator(f"button[data-key='rank:{r['cards'][0]}']").click()
    wait_for(lambda: page.locator(f"button[data-key='rank:{r['cards'][0]}'] .rk").inner_text() == "2", message="two placed")
    _readable(page, "a ranking half placed", scheme)
    ctx.close()


def test_the_registration_form(room, browser, scheme):
    server, made = room
    page = _context(browser, scheme).new_page()
    page.goto(f"{server.base}/reg/{made['demo']['code']}")
    page.fill("input[name=name]", "Анна Белова")
    _readable(page, "the registration form", scheme)
    page.evaluate("() => document.querySelector('form').noValidate = true")
    page.locator("form button").click()  # no consent: refused, the form again with the error
    page.wait_for_selector("#reg-error")
    _readable(page, "the registration form refused", scheme)
    page.check("input[name=consent]")
    page.locator("form button").click()
    page.wait_for_selector("img.qr")
    _readable(page, "the registration's answer", scheme)
    if scheme == "dark":  # the QR code keeps its light ground: a camera reads dark modules on light
        assert page.evaluate("() => getComputedStyle(document.querySelector('img.qr')).backgroundColor") == "rgb(255, 255, 255)"


def test_review_team_and_public_pages(room, browser, scheme):
    server, made = room
    d = made["demo"]
    ctx = _context(browser, scheme)
    ctx.add_init_script(f"localStorage.setItem('wb:{d['code']}', '{d['outsider']}')")
    page = ctx.new_page()
    page.goto(f"{server.base}/s/{d['code']}/review")
    page.wait_for_selector(".scale button")
    page.locator(".scale button").nth(3).click()
    page.wait_for_selector(".scale button.on")
    _readable(page, "the review page, a score chosen", scheme)
    team = ctx.new_page()
    team.goto(f"{server.base}/t/{d['team']}")
    wait_for(lambda: team.locator("#title").inner_text() == "Школа ремёсел", message="the team page drawn")
    team.wait_for_selector(".comments b")
    _readable(team, "the team's page", scheme)
    results = ctx.new_page()
    results.goto(f"{server.base}/{d['public'].lstrip('/')}")
    results.wait_for_selector("table.votes")
    _readable(results, "the public results", scheme)
    # printed, the results stay black on white
    results.emulate_media(media="print")
    assert results.evaluate("() => getComputedStyle(document.body).color") == "rgb(34, 34, 34)"
