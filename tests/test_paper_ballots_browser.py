"""Real Chromium: an assistant types in a pile of paper ballots on the laptop, one after another,
never going back to the control view; a ballot link opened again says it is already filled."""

from __future__ import annotations

import pytest

from workbench.session import facilitator
from workbench.session.model import people

pytestmark = pytest.mark.browser

NEXT = "Готово — следующий бюллетень"
FILLED = "Этот бюллетень уже заполнен: изменения заменят его"


@pytest.fixture
def dot_vote(served):
    """The served demo's voting stage current and open (3 dots each), and the first paper ballot
    as the control view's «Бумажный бюллетень» makes it."""
    from workbench.app import Workbench

    wb = Workbench(served.data_dir)
    s = wb.store.session("KARGO1")
    voting = next(x for x in wb.store.stages(s["id"]) if x["kind"] == "voting")
    wb.store.update_stage(voting["id"], voting_open=True, vote_budget=3)
    wb.store.set_current_stage(s["id"], voting["id"])
    yield wb, s, voting, facilitator.paper_ballot(wb.store, s["id"])
    wb.close()


def _dot(page, card: str, left: int) -> None:
    page.click(f"button[data-action=vote][data-card='{card}']:not([disabled])")
    page.wait_for_function(f"() => document.querySelector('#dots').textContent === 'Осталось голосов: {left}'")


def test_two_paper_ballots_in_a_row_and_a_reopened_one_warns(served, browser, dot_vote):
    wb, s, voting, first = dot_vote
    page = browser.new_page(viewport={"width": 1280, "height": 720})  # the laptop
    first_link = f"{served.base}/s/KARGO1?paper={first['token']}"
    page.goto(first_link)
    page.wait_for_selector("button[data-action=vote]:not([disabled])")
    assert page.locator("#paper").inner_text() == f"{first['name']} (бумажный): заполняет ассистент"
    assert page.locator("#paper-filled").is_hidden()  # a fresh ballot: nothing to warn about
    cards = [b.get_attribute("data-card") for b in page.locator("button[data-action=vote]").all()]

    # An empty ballot is not a reason for a new one: said so, and no ballot is made.
    page.get_by_role("button", name=NEXT).click()
    page.wait_for_selector("#msg.err")
    assert page.locator("#msg").inner_text().startswith("Бюллетень пуст")
    assert sum(1 for p in wb.store.participants(s["id"]) if p["on_paper"]) == 1

    # Ballot 1: two dots, then «Готово» opens ballot 2 in the same tab, in one tap.
    _dot(page, cards[0], 2)
    _dot(page, cards[1], 1)
    page.get_by_role("button", name=NEXT).click()
    page.wait_for_function("() => document.querySelector('#paper').textContent.startsWith('Бюллетень 2 ')")
    assert first["token"] not in page.url
    page.wait_for_selector("button[data-action=vote]:not([disabled])")
    assert page.locator("#dots").inner_text() == "Осталось голосов: 3"
    assert page.locator("#paper-filled").is_hidden()
    _dot(page, cards[0], 2)
    page.get_by_role("button", name=NEXT).click()
    page.wait_for_function("() => document.querySelector('#paper').textContent.startsWith('Бюллетень 3 ')")
    page.wait_for_selector("button[data-action=vote]:not([disabled])")

    # Both ballots counted in the vote, under two ballot ids; none of them counted as a person.
    everyone = wb.store.participants(s["id"])
    paper = {p["name"]: p["id"] for p in everyone if p["on_paper"]}
    assert set(paper) == {"Бюллетень 1", "Бюллетень 2", "Бюллетень 3"}
    assert wb.store.dots_of(voting["id"], paper["Бюллетень 1"]) == {int(cards[0]): 1, int(cards[1]): 1}
    assert wb.store.dots_of(voting["id"], paper["Бюллетень 2"]) == {int(cards[0]): 1}
    assert not set(paper.values()) & {p["id"] for p in people(everyone)}

    # The first ballot's link opened again: the warning at the top, before anything is touched.
    again = browser.new_page(viewport={"width": 1280, "height": 720})
    again.goto(first_link)
    again.wait_for_selector("#paper-filled:not(.hidden)")
    assert again.locator("#paper-filled").inner_text() == FILLED
    assert again.locator("#dots").inner_text() == "Осталось голосов: 1"
    box = again.locator("#paper-filled").bounding_box()
    assert box["y"] < 200  # at the top of the page, seen without scrolling
    # …and the warning stays while the assistant changes it (a dot taken back, given again).
    again.click(f"button[data-action=unvote][data-card='{cards[1]}']")
    again.wait_for_function("() => document.querySelector('#dots').textContent === 'Осталось голосов: 2'")
    assert again.locator("#paper-filled").is_visible()
    page.close()
    again.close()
