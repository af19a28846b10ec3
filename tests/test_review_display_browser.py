"""Peer review in real Chromium: the phone page shows the way to the review once the facilitator
set criteria; phones score the other team on the review page and the projector's display, in its
review mode, shows that team's mean per criterion within its poll, large enough for the wall."""

from __future__ import annotations

import os

import pytest

from workbench.demo import load_demo
from workbench.session import display, review
from workbench.testing import Http, wait_for

pytestmark = pytest.mark.browser

MIN_PX_720 = 16  # the smallest text on the wall at 720p: 24 px at 1080p (README, "The display")


@pytest.fixture
def demo_server(fresh):
    """The demo session (two teams) served; the store stays open for the facilitator's actions."""
    wb, start = fresh
    code = load_demo(wb.store)
    return wb, start(), code


def _phone(browser, code, token):
    ctx = browser.new_context(viewport={"width": 390, "height": 800}, is_mobile=True)
    ctx.add_init_script(f"localStorage.setItem('wb:{code}', '{token}')")  # a phone that joined before
    return ctx


def test_the_phone_page_links_to_the_review_once_there_are_criteria(browser, demo_server):
    wb, server, code = demo_server
    me = wb.store.participants(wb.store.session(code)["id"])[0]
    ctx = _phone(browser, code, me["token"])
    try:
        page = ctx.new_page()
        page.goto(f"{server.base}/s/{code}")
        page.wait_for_selector("#live:not(.hidden)")
        link = page.locator("#review-link")
        assert not link.is_visible()  # no criteria yet: nothing to score
        review.add_criterion(wb.store, code, "Ясность цели", "Цель измерима и понятна")
        review.open_review(wb.store, code)
        link.wait_for(state="visible", timeout=5_000)  # within the phone's poll
        assert link.inner_text() == "Оценить презентации команд"
        link.click()
        page.wait_for_url(f"**/s/{code}/review?lang=ru")  # in the phone's language
        page.locator(".team").first.wait_for(timeout=10_000)
        assert "ваша команда" in page.locator(".team").nth(0).inner_text()  # the same person here
    finally:
        ctx.close()


def test_phones_score_a_team_and_the_display_shows_its_means(browser, demo_server):
    wb, server, code = demo_server
    session = wb.store.session(code)
    goal = review.add_criterion(wb.store, code, "Ясность цели", "Цель измерима и понятна")
    money = review.add_criterion(wb.store, code, "Реалистичный бюджет")
    review.open_review(wb.store, code)
    first, second = review.teams(wb.store, session["id"])
    outside = [p for p in wb.store.participants(session["id"]) if p["id"] not in second["members"]]
    display.set_display(wb.store, session["id"], "review")

    screen = browser.new_page(viewport={"width": 1280, "height": 720})
    screen.goto(server.projector_url(code))  # the facilitator's login, as the control view has it
    screen.goto(f"{server.base}/d/{code}")
    screen.wait_for_selector("#main[data-mode='review'] .rteam")
    assert screen.locator("#stage").inner_text() == "Оценки команд"
    team = screen.locator(f".rteam[data-team='{second['id']}']")
    assert "Оценили: 0 человек" in team.inner_text()

    # One phone scores on the review page, two more through its API: 4, 5, 5 and 3, 3, 4.
    ctx = _phone(browser, code, outside[0]["token"])
    try:
        page = ctx.new_page()
        page.goto(f"{server.base}/s/{code}/review")
        card = page.locator(f".team[data-team='{second['id']}']")
        card.wait_for(timeout=10_000)
        card.locator(f".scale[data-criterion='{goal}'] button", has_text="4").click()
        card.locator(f".scale[data-criterion='{money}'] button", has_text="3").click()
        card.locator(".send").click()
        wait_for(lambda: card.locator(".msg").inner_text() == "Оценка сохранена", message="the phone's answer")
        if os.environ.get("WORKBENCH_SCREENSHOTS"):  # WORKBENCH_SCREENSHOTS=docs: the README's picture
            card.scroll_into_view_if_needed()
            page.screenshot(path=os.path.join(os.environ["WORKBENCH_SCREENSHOTS"], "phone-review.png"))
    finally:
        ctx.close()
    http = Http()
    for person, (g, m) in zip(outside[1:3], [(5, 3), (5, 4)], strict=True):
        r = http.post(f"{server.base}/api/s/{code}/review",
                      json={"team": second["id"], "scores": {str(goal): g, str(money): m}},
                      headers={"X-Device-Token": person["token"]})
        assert r.status_code == 200, r.text

    def shown():
        return team.locator(".val").all_inner_texts()

    wait_for(lambda: shown() == ["4,7", "3,3"], timeout=5, message=f"the means on the display: {shown()}")
    assert "Оценили: 3 человека" in team.inner_text() and "Средняя 4,0" in team.inner_text()
    assert team.locator(".lab").all_inner_texts() == ["Ясность цели", "Реалистичный бюджет"]
    other = screen.locator(f".rteam[data-team='{first['id']}']")
    assert other.locator(".val").all_inner_texts() == ["—", "—"]
    # Drawn for the wall: no text smaller than 16 px at 720p (24 px at 1080p), nothing cut off
    sizes = screen.eval_on_selector_all("#review *", "els => els.filter(e => e.textContent.trim())"
                                                     ".map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert min(sizes) >= MIN_PX_720 - 0.5, sizes
    box = screen.eval_on_selector("#review", "e => [e.scrollHeight, e.clientHeight, e.scrollWidth, e.clientWidth]")
    assert box[0] <= box[1] + 1 and box[2] <= box[3] + 1, box
    # A criterion's name is text on the wall, never markup
    review.add_criterion(wb.store, code, "<img src=x onerror=alert(1)>Польза")
    wait_for(lambda: len(team.locator(".lab").all_inner_texts()) == 3, timeout=5, message="the new criterion")
    assert team.locator(".lab").nth(2).inner_text() == "<img src=x onerror=alert(1)>Польза"
    assert screen.locator("#review img").count() == 0
    screen.close()
