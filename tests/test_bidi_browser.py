"""Real Chromium: a participant's text in Hebrew or Arabic stays in its place in the line. Each
check reads where the letters stand on the screen: the number after a Hebrew card on a phone's
results, the dots after it in the control view, the team's members on the public page, the
author before a comment on the team page, the mark before an Arabic statement; and a note on
the projector puts its «!» where a Hebrew reader expects it."""

from __future__ import annotations

import pytest

from workbench.session import facilitator, team_links
from workbench.session.teams import join as join_team
from workbench.testing import PHONE, Phone, open_phone, wait_for

pytestmark = pytest.mark.browser

CODE = "BIDI01"
HEBREW = "מרכז נוער"  # "a youth centre"
ARABIC_NAME = "سارة"  # Sarah

# Where a piece of text stands on the screen: the left and right of the first occurrence of `s`
# in the text under `sel` (of the nth such element).
WHERE = """([sel, s, nth]) => {
  const root = document.querySelectorAll(sel)[nth || 0];
  if (!root) return null;
  const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const i = n.data.indexOf(s);
    if (i < 0) continue;
    const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + s.length);
    const b = r.getBoundingClientRect();
    return [b.left, b.right, b.top];
  }
  return null;
}"""


def _where(page, sel: str, s: str, nth: int = 0):
    found = page.evaluate(WHERE, [sel, s, nth])
    assert found is not None, (sel, s, page.locator(sel).all_inner_texts())
    return found


def _left_of(page, sel: str, a: str, b: str, nth: int = 0) -> bool:
    """`a` stands wholly to the left of `b` on one line of `sel`."""
    pa, pb = _where(page, sel, a, nth), _where(page, sel, b, nth)
    assert abs(pa[2] - pb[2]) < 2, (a, b, pa, pb)  # one line
    return pa[1] <= pb[0] + 0.5


def _room(wb):
    code = wb.store.create_session("Будущее округа", code=CODE)
    sid = wb.store.session(code)["id"]
    kinds = {}
    for st in wb.store.stages(sid):
        kinds.setdefault(st["kind"], st)
    ideas = kinds["ideas"]["id"]
    cards = [facilitator.add_card(wb.store, sid, ideas, text)["id"] for text in (HEBREW + "!", "Тропа здоровья")]
    return code, sid, kinds, cards


def test_a_hebrew_card_keeps_its_place_and_its_figures_on_a_phone(browser, fresh):
    """The results on a phone: «1. מרכז נוער! — 3 голоса» showed the 3 before the Hebrew text."""
    wb, start = fresh
    code, sid, kinds, cards = _room(wb)
    vote = kinds["voting"]["id"]
    facilitator.show_stage(wb.store, sid, vote)
    facilitator.toggle_voting(wb.store, vote)
    server = start()
    phones = []
    for _ in range(3):
        phone = Phone(server.base, code, lang="ru")
        phone.join()
        assert phone.call("POST", "/vote", {"card": cards[0]}).status_code == 200
        phones.append(phone)
    facilitator.toggle_voting(wb.store, vote)
    facilitator.toggle_results(wb.store, vote)
    ctx, page = open_phone(browser, server, code, phones[0].token)
    try:
        row = f"#results li[data-card='{cards[0]}']"
        page.wait_for_selector(row)
        assert _left_of(page, row, "1.", HEBREW)
        assert _left_of(page, row, HEBREW, "3 голоса")  # the figures after the card, as for any card
        assert _left_of(page, row, "!", "3 голоса")  # the card's «!» stays with the card
    finally:
        ctx.close()


def test_the_control_views_bars_keep_the_count_after_a_hebrew_idea(browser, wb):
    """The control view's dot bars: the count after a Hebrew idea stood before it."""
    from workbench.session import voting
    from workbench.ui.voting_views import results_view

    code, sid, kinds, cards = _room(wb)
    stage = wb.store.stage(kinds["voting"]["id"])
    facilitator.toggle_voting(wb.store, stage["id"])
    for _ in range(2):
        voting.vote(wb.store, stage["id"], wb.store.join(sid)["id"], cards[0])
    m = voting.method(stage)
    items = m.items(wb.store, stage, wb.store.cards(sid, stage["target_stage_id"]))
    html = results_view("dots", m.results(wb.store, stage, items), items, "ru", downloads=False)
    page = browser.new_page()
    try:
        page.set_content(f"<html lang='ru'><body style='font-size:20px'>{html}</body></html>")
        row = f".wb-bar[data-card='{cards[0]}']"
        assert _left_of(page, row, HEBREW, "2")
    finally:
        page.close()


def test_the_public_page_and_the_projector_keep_hebrew_teams_and_notes_in_place(browser, fresh):
    """The public results and the projector's wall: a Hebrew team or note reads right to left, its
    «!» at its left end, with the count after it; on the projector's «Команды» the leader's star
    stands before an Arabic name."""
    from workbench.session import display, public

    wb, start = fresh
    code, sid, kinds, cards = _room(wb)
    teams = kinds["teams"]["id"]
    facilitator.show_stage(wb.store, sid, teams)
    for name in ("Вера", ARABIC_NAME):
        person = wb.store.join(sid, name=name)
        join_team(wb.store, teams, person["id"], cards[0], leader=name == ARABIC_NAME)
    link = public.set_public(wb.store, code, True)
    display.set_display(wb.store, sid, "wall", kinds["ideas"]["id"])
    server = start()
    page = browser.new_page()
    try:
        page.goto(f"{server.base}/{link['path'].lstrip('/')}")
        row = "ul.teams li"
        page.wait_for_selector(row)
        assert _left_of(page, row, "!", "מרכז")  # a Hebrew sentence ends at its left
        assert _left_of(page, row, HEBREW, "в команде: 2")
    finally:
        page.close()
    from workbench.testing import open_projector

    screen, frame = open_projector(browser, server, code)
    try:
        with screen.context.expect_page() as opened:
            frame.locator("[data-display-link]").click()
        wall = opened.value
        wall.set_viewport_size({"width": 1280, "height": 720})
        note = f"#board .note[data-card='{cards[0]}'] .t"
        wall.wait_for_selector(note)
        assert _left_of(wall, note, "!", "מרכז")  # a Hebrew sentence ends at its left
        # the projector's «Команды»: the leader's star before the Hebrew name
        facilitator.show_stage(wb.store, sid, teams)
        display.set_display(wb.store, sid, "teams", teams)
        wall.wait_for_selector("#teams .team li")
        leader = "#teams .team li"
        assert ARABIC_NAME in wall.locator(leader).first.inner_text()
        assert _left_of(wall, leader, "★", ARABIC_NAME)
    finally:
        screen.close()


def test_a_comment_keeps_its_author_before_it_on_the_team_page(browser, fresh):
    """A team page comment by «דוד» in Hebrew: the author and the text swapped sides."""
    from workbench.drafts import create_draft

    wb, start = fresh
    code, sid, kinds, cards = _room(wb)
    did = create_draft(wb.store, sid, {"title": HEBREW + " 2026"})
    token = team_links.team_link(wb.store, did)["token"]
    team_links.add_comment(wb.store, token, "goal", "דוד", "שלום לכולם 40")
    server = start()
    ctx = browser.new_context(**PHONE)
    page = ctx.new_page()
    try:
        page.goto(f"{server.base}/t/{token}")
        wait_for(lambda: page.locator(".comments li").count() == 1, message="the comment drawn")
        assert _left_of(page, ".comments li", "דוד", "שלום")  # the author first, then what they wrote
        assert _left_of(page, ".comments li", ":", "שלום")
    finally:
        ctx.close()
