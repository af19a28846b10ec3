"""Real Chromium: a phone open on one voting round when the facilitator moves on to the next. It
shows the next round's ballot by its next poll, never says «закрыто» while that round is open (a
dot refused as the old round closed left «Голосование сейчас закрыто» on the open ranking), and
starts the next round empty (a matrix's ratings and a half-placed ranking of the last round were
drawn pressed on the next one, on the same ideas, though not counted there)."""

from __future__ import annotations

import pytest

from workbench.session import facilitator, stages
from workbench.testing import act as _act
from workbench.testing import open_phone, voting_session, wait_for

pytestmark = pytest.mark.browser

PAIRS = [("dots", "ranking"), ("dots", "matrix"), ("ranking", "pairwise"), ("matrix", "teams"),
         ("matrix", "matrix"), ("ranking", "ranking")]
BALLOT = {"dots": "button[data-action=vote]", "ranking": "button[data-rank]", "matrix": "[data-rate]",
          "pairwise": "button[data-pick]", "teams": "button[data-team]"}
NEXT_POLL_MS = 5_000  # the phone polls every 2 s (`phone_poll_interval`); a loaded CI machine is slower
# Every redraw of the phone: the stage's title and all the page says (its message, its ballot)
WATCH = """() => { window.__seen = [];
  const note = () => window.__seen.push({stage: document.getElementById('stage').textContent,
    text: document.getElementById('msg').textContent + ' ' + document.getElementById('live').innerText});
  new MutationObserver(note).observe(document.body, {subtree: true, childList: true, characterData: true}); }"""


def _two_rounds(wb, first: str, then: str) -> dict:
    """A session on a `first` vote (open, on phones, one participant) with a stage after it: a
    vote by `then` on the first one's best, or teams."""
    made = voting_session(wb, f"{first} → {then}", first)
    kind = "teams" if then == "teams" else "voting"
    nxt = stages.add(wb.store, made["sid"], kind, after_stage_id=made["vote"])
    if kind == "voting":
        nxt = stages.set_method_of(wb.store, nxt["id"], then)
    return dict(made, next=nxt)


@pytest.fixture(scope="module")
def room(serve):
    def prepare(wb):
        return dict({pair: _two_rounds(wb, *pair) for pair in PAIRS}, race=_two_rounds(wb, "dots", "ranking"))
    return serve(prepare)


def _half_a_ballot(page, method: str) -> None:
    """Taps on the first round, as a participant in the middle of it."""
    ballot = page.locator(BALLOT[method])
    if method == "dots":
        ballot.first.click()
        wait_for(lambda: page.locator("#dots").inner_text() == "Осталось голосов: 2", message="the dot counted")
    elif method == "ranking":
        ballot.nth(1).click()
        ballot.nth(0).click()
        page.wait_for_selector("#rank-send:text('Осталось расставить: 3')")
    elif method == "matrix":
        first, second = (r.split(":")[0] for r in (ballot.nth(0).get_attribute("data-rate"),
                                                    ballot.nth(10).get_attribute("data-rate")))
        page.click(f"[data-rate='{first}:impact:5']")
        page.click(f"[data-rate='{first}:feasibility:4']")
        page.wait_for_selector("text=Оценено ✓")
        page.click(f"[data-rate='{second}:impact:2']")  # half rated: not sent
        page.wait_for_selector(f"[data-rate='{second}:impact:2'][aria-pressed=true]")


def _move_on(made: dict):
    """The facilitator closes the round on phones, opens the next one and shows it."""
    def move(wb):
        facilitator.toggle_voting(wb.store, made["vote"])
        if made["next"]["kind"] == "voting":
            facilitator.toggle_voting(wb.store, made["next"]["id"])
        facilitator.show_stage(wb.store, made["sid"], made["next"]["id"])
    return move


def _claims_closed_on(page, title: str) -> list[str]:
    return [s["text"] for s in page.evaluate("() => window.__seen")
            if s["stage"] == title and "закрыт" in s["text"].lower()]


@pytest.mark.parametrize(("first", "then"), PAIRS, ids=[f"{a}-{b}" for a, b in PAIRS])
def test_a_phone_on_a_round_shows_the_next_one_open_and_empty(room, browser, first, then):
    server, rounds = room
    made = rounds[(first, then)]
    ctx, page = open_phone(browser, server, made["code"], made["person"]["token"])
    try:
        page.wait_for_selector(BALLOT[first])
        _half_a_ballot(page, first)
        page.evaluate(WATCH)
        _act(server, _move_on(made))
        page.wait_for_selector(BALLOT[then], timeout=NEXT_POLL_MS)
        title = made["next"]["title"]
        wait_for(lambda: page.locator("#stage").inner_text() == title, message="the next stage's title")
        assert _claims_closed_on(page, title) == []
        assert page.locator("#msg").inner_text() == ""
        # nothing of the last round's taps on the next one
        assert page.locator("[aria-pressed=true]").count() == 0
        assert page.locator("text=Оценено ✓").count() == 0
        assert set(page.locator(".rk").all_inner_texts()) <= {"·"}
        if then == "ranking":
            assert page.locator("#rank-send").inner_text() == f"Осталось расставить: {len(made['cards'])}"
    finally:
        ctx.close()


def test_a_dot_refused_as_the_round_closed_is_not_said_on_the_next_open_round(room, browser):
    server, rounds = room
    made = rounds["race"]
    ctx, page = open_phone(browser, server, made["code"], made["person"]["token"])
    try:
        page.wait_for_selector(BALLOT["dots"])

        def closed_under_the_tap(route):  # the facilitator closes the round as the dot travels
            _act(server, lambda wb: facilitator.toggle_voting(wb.store, made["vote"]))
            route.continue_()
        page.route("**/vote", closed_under_the_tap)
        page.locator(BALLOT["dots"]).first.click()
        wait_for(lambda: page.locator("#msg").inner_text() == "Голосование сейчас закрыто",
                 message="the phone saying the dot came too late")
        page.evaluate(WATCH)

        def show_the_ranking(wb):
            facilitator.toggle_voting(wb.store, made["next"]["id"])
            facilitator.show_stage(wb.store, made["sid"], made["next"]["id"])
        _act(server, show_the_ranking)
        page.wait_for_selector(BALLOT["ranking"], timeout=NEXT_POLL_MS)
        assert page.locator("#msg").inner_text() == ""
        assert _claims_closed_on(page, made["next"]["title"]) == []
    finally:
        ctx.close()
