"""Real Chromium: an English session as its room sees it. A pairwise vote asks its question once,
in English that reads as English; its paper ballot asks for places, as paper can; a borrowed phone
says whose page it is; and the control view's «Vote on» sits on one line with its choices, as
«Method» does."""

from __future__ import annotations

import json

import pytest

from workbench.session import facilitator, stages, templates
from workbench.testing import open_phone, open_projector, wait_for

pytestmark = pytest.mark.browser
IDEAS = ("Boat rental on the lake", "Bus to Lyadiny", "Fair in Oshevensk")
OLD_PROMPT = "Which matters more for the territory? Choose one of two"  # the English wording before 7f9c61b


@pytest.fixture(scope="module")
def room(serve):
    """An English strategic session whose pairwise vote over three ideas is open and on phones
    (a second vote after it), and one participant joined; and another whose phones rank two
    groups of those ideas (`made["groups"]`)."""
    def prepare(wb):
        code = templates.create_session(wb.store, "Future of the district", data_dir=wb.data_dir, lang="en",
                                        territory="Nyandoma")
        sid = wb.store.session(code)["id"]
        kinds = {s["kind"]: s for s in wb.store.stages(sid)}
        for text in IDEAS:
            facilitator.add_card(wb.store, sid, kinds["ideas"]["id"], text)
        vote = kinds["voting"]["id"]
        facilitator.set_method(wb.store, vote, "pairwise")
        facilitator.toggle_voting(wb.store, vote)
        facilitator.show_stage(wb.store, sid, vote)
        stages.add(wb.store, sid, "voting", after_stage_id=vote, lang="en")  # «Voting 2», on the top 6
        made = {"code": code, "vote": vote, "person": wb.store.join(sid, name="Anna Peters")}
        # another room ranks two groups of those ideas
        other = templates.create_session(wb.store, "Future of the lake", data_dir=wb.data_dir, lang="en")
        osid = wb.store.session(other)["id"]
        kinds = {s["kind"]: s for s in wb.store.stages(osid)}
        cards = [facilitator.add_card(wb.store, osid, kinds["ideas"]["id"], text)["id"] for text in IDEAS]
        facilitator.new_group(wb.store, kinds["ideas"]["id"], "Tourism", [cards[0], cards[2]])
        facilitator.new_group(wb.store, kinds["ideas"]["id"], "Transport", [cards[1]])
        facilitator.set_vote_on(wb.store, kinds["voting"]["id"], "groups")
        facilitator.set_method(wb.store, kinds["voting"]["id"], "ranking")
        facilitator.toggle_voting(wb.store, kinds["voting"]["id"])
        facilitator.show_stage(wb.store, osid, kinds["voting"]["id"])
        made["groups"] = {"code": other, "person": wb.store.join(osid, name="Boris Ivanov")}
        # a session made before the English wording changed: its stored question is the old one
        old = templates.create_session(wb.store, "Last year's session", data_dir=wb.data_dir, lang="en")
        old_sid = wb.store.session(old)["id"]
        kinds = {s["kind"]: s for s in wb.store.stages(old_sid)}
        for text in IDEAS:
            facilitator.add_card(wb.store, old_sid, kinds["ideas"]["id"], text)
        facilitator.set_method(wb.store, kinds["voting"]["id"], "pairwise")
        wb.store.update_stage(kinds["voting"]["id"], prompt=OLD_PROMPT, prompt_texts=json.dumps(
            {"ru": "Что важнее для территории? Выбирайте из двух", "en": OLD_PROMPT}, ensure_ascii=False))
        facilitator.toggle_voting(wb.store, kinds["voting"]["id"])
        facilitator.show_stage(wb.store, old_sid, kinds["voting"]["id"])
        made["old"] = {"code": old, "person": wb.store.join(old_sid, name="Oleg Ivanov")}
        return made

    return serve(prepare)


def test_an_english_pairwise_vote_asks_once_in_english(room, browser):
    """The phone read «Which matters more for the territory? Choose one of two», then the same
    question again above the pair."""
    server, made = room
    ctx, phone = open_phone(browser, server, made["code"], made["person"]["token"])
    try:
        phone.wait_for_selector("button.pair")
        assert phone.locator("#prompt").inner_text() == "Which matters more for our area? Pick one of each pair"
        assert phone.locator("#decide").inner_text().count("Which matters") == 0
        pair = [b.inner_text() for b in phone.locator("button.pair").all()]
        assert len(pair) == 2 and set(pair) <= set(IDEAS)
        assert phone.locator("#cant").inner_text() == "Can't decide"
        for n in range(1, 4):  # three ideas, three pairs; then the phone says so as English does
            phone.locator("button.pair").first.click()
            phone.wait_for_function("n => document.querySelector('#decide').textContent.includes('Comparisons: ' + n)", arg=n)
        assert phone.locator("#decide").inner_text().split("\n")[-1] == "Thank you! You have compared every pair"
    finally:
        ctx.close()


def test_a_borrowed_phone_says_whose_page_it_is_in_english(room, browser):
    """It read «The page of: Anna Peters. Yours: the session's usual link»."""
    server, made = room
    ctx = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        phone = ctx.new_page()
        phone.goto(f"{server.base}/s/{made['code']}#as={made['person']['token']}")
        phone.wait_for_selector("#moved:not(.hidden)")
        assert phone.locator("#moved").inner_text() == (
            "Participant's page: Anna Peters. Yours opens from the session's usual link")
    finally:
        ctx.close()


def test_a_session_made_before_the_new_wording_asks_its_pairwise_question_once(room, browser):
    """Sessions made before the wording changed keep «Which matters more for the territory? Choose
    one of two»: their phones showed it and «Which matters more for our area?» above the pair."""
    server, made = room
    ctx, phone = open_phone(browser, server, made["old"]["code"], made["old"]["person"]["token"])
    try:
        phone.wait_for_selector("button.pair")
        assert phone.locator("#prompt").inner_text() == OLD_PROMPT
        assert phone.locator("#decide").inner_text().count("Which matters") == 0
        assert len(phone.locator("button.pair").all()) == 2
    finally:
        ctx.close()


def test_an_english_pairwise_paper_ballot_asks_for_places(room, browser):
    """Paper has no pairs: the ballot asked to «Pick one of each pair» above boxes for a place."""
    server, made = room
    screen = browser.new_context(extra_http_headers={"Cookie": server.login_cookie(made["code"])})
    try:
        page = screen.new_page()
        page.goto(f"{server.base}/print/{made['code']}/ballot?lang=en")
        assert page.locator("h1").inner_text() == "Ballot: Voting"
        assert page.locator(".prompt").inner_text() == "Put the ideas in order of importance"
        assert page.locator(".mark").inner_text() == "Give each idea a place from 1 (the best) to 3"
        assert page.locator(".place").first.inner_text().strip() == "Place"
        # the other vote's ballot is offered as such, not as a bare «Voting 2» beside «Print»
        assert page.locator(".tools .others").inner_text() == "Ballots of the other votes:"
        assert page.locator(".tools a[data-vote]").all_inner_texts() == ["Voting 2"]
    finally:
        screen.close()


def test_the_control_views_vote_on_choice_is_one_line(room, browser):
    """«Vote on» stood above its «ideas» and «groups» buttons, beside «Method»; on a 1024 px
    laptop it read «Vote …» over the two buttons stacked, beside «Paper bal…»."""
    server, made = room
    screen, frame = open_projector(browser, server, made["code"])
    try:
        choice = frame.locator(".wb-vote-on")
        choice.get_by_role("button", name="groups", exact=True).wait_for()
        label = choice.locator(".widget-label")
        paper = frame.get_by_role("button", name="Paper ballot", exact=True)

        def laid_out_on_one_line():
            # one snapshot of the three boxes: the page above may still move between separate reads
            ideas, groups, box = choice.evaluate("""e => {
                const r = x => { const b = x.getBoundingClientRect(); return {x: b.x, y: b.y, width: b.width, height: b.height}; };
                const button = name => [...e.querySelectorAll('button')].find(b => b.innerText.trim() === name);
                return [r(button('ideas')), r(button('groups')), r(e.querySelector('.widget-label'))];
            }""")
            return (label.inner_text() == "Vote on" and label.evaluate("e => e.scrollWidth <= e.clientWidth")
                    and box["x"] + box["width"] <= ideas["x"] < groups["x"]  # the label, then its buttons
                    and ideas["y"] == groups["y"] <= box["y"] + box["height"] / 2 <= ideas["y"] + ideas["height"]
                    and paper.evaluate("e => e.scrollWidth <= e.clientWidth"))  # not «Paper bal…»

        for width in (1280, 1024):
            # the widgets lay themselves out again after a resize (in an animation frame): wait for it
            screen.set_viewport_size({"width": width, "height": 720})
            wait_for(laid_out_on_one_line, message=f"«Vote on» and its buttons on one line at {width} px")
    finally:
        screen.close()


def test_an_english_ranking_of_groups_asks_to_tap_the_groups(room, browser):
    """The phone said «Tap the ideas in order of importance» above two groups."""
    server, made = room
    ctx, phone = open_phone(browser, server, made["groups"]["code"], made["groups"]["person"]["token"])
    try:
        phone.wait_for_selector("[data-rank]")
        assert phone.locator("#prompt").inner_text() == "Put the groups in order of importance"
        assert phone.locator("#decide .hint").inner_text() == (
            "Tap the groups in order of importance: the first is the most important")
        listed = " ".join(phone.locator("[data-rank]").all_inner_texts())
        assert "Tourism" in listed and "Transport" in listed
    finally:
        ctx.close()
