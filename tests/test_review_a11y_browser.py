"""Real Chromium, read as a screen reader reads it: the review page's 1–5 buttons say which team
and criterion they score and which score is chosen (they were five bare «1»…«5» per criterion),
and the page comes in its language from the server (`<html lang>` and title), so a screen reader
reads it in the right voice before any script runs."""

from __future__ import annotations

import pytest

from workbench.testing import Http

pytestmark = pytest.mark.browser


def test_each_score_button_names_its_team_and_criterion_and_the_chosen_one_is_pressed(review_server, browser):
    server, code, people = review_server
    me = people[0]
    ctx = browser.new_context(viewport={"width": 390, "height": 800})
    try:
        ctx.add_init_script(f"localStorage.setItem('wb:{code}', '{me['token']}')")
        page = ctx.new_page()
        page.goto(f"{server.base}/s/{code}/review")
        page.locator(".team .send").first.wait_for(timeout=10_000)
        other = page.locator(".team").nth(1)
        team = other.locator("h2").inner_text()
        four = page.get_by_role("button", name=f"«{team}»: Ясность цели — 4 из 5")
        assert four.count() == 1 and four.get_attribute("aria-pressed") == "false"
        four.focus()
        page.keyboard.press("Enter")
        snap = other.aria_snapshot()
        assert f'button "«{team}»: Ясность цели — 4 из 5" [pressed]' in snap
        assert snap.count("[pressed]") == 1
        assert f'textbox "Комментарий для команды «{team}»"' in snap
        # the language switch redraws the teams: the focus stays on the same score, named in English
        page.evaluate("() => document.getElementById('lang').click()")
        assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == f"“{team}”: Ясность цели, 4 of 5"
        assert page.evaluate("() => document.activeElement.getAttribute('aria-pressed')") == "true"
        assert page.evaluate("() => document.documentElement.lang + ' ' + document.getElementById('lang').lang") == "en ru"
        page.emulate_media(forced_colors="active")
        assert page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") == "solid"
    finally:
        ctx.close()


def test_the_review_page_is_served_in_its_language(review_server):
    server, code, _ = review_server
    ru = Http().get(f"{server.base}/s/{code}/review").text
    en = Http().get(f"{server.base}/s/{code}/review?lang=en").text
    assert '<html lang="ru">' in ru and "<title>Оценка презентаций</title>" in ru
    assert '<html lang="en">' in en and "<title>Presentation review</title>" in en
