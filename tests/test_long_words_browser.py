"""Real Chromium: a 500-letter "word" on a card and a 120-character stage title, as the
facilitator's laptop and the projector's display show them. The word is cut with «…» in the
laptop's «Частые слова» and on the display's word cloud, never running over the join code or off
the screen; «Показать участникам» keeps its whole label beside the long title."""

from __future__ import annotations

import pytest

from workbench.demo import load_demo
from workbench.session import display, facilitator, stages
from workbench.testing import open_projector

pytestmark = pytest.mark.browser

LONG_WORD = "Дорога" * 83  # 498 letters, no space
LONG_TITLE = ("Проблемы транспортной доступности малых населённых пунктов округа и пути их решения "
              "силами местных сообществ и бизнеса!!")[:120]
SPANS = """sel => [...document.querySelectorAll(sel)].map(s => { const r = s.getBoundingClientRect();
  return {word: s.dataset.word, left: r.left, right: r.right, cut: s.scrollWidth > s.clientWidth + 1,
          title: s.title}; })"""


def test_a_long_word_and_a_long_stage_title_stay_inside_the_laptop_and_the_display(browser, fresh):
    wb, start = fresh
    code = load_demo(wb.store, teams=False)
    s = wb.store.session(code)
    ideas = next(st for st in wb.store.stages(s["id"]) if st["kind"] == "ideas")
    for text in ("Дорога к причалу", "Мост через реку", "Дорога в школу", LONG_WORD):
        facilitator.add_card(wb.store, s["id"], ideas["id"], text)
    stages.rename(wb.store, ideas["id"], LONG_TITLE)
    facilitator.show_stage(wb.store, s["id"], ideas["id"])
    assert len(LONG_TITLE) == 120
    server = start()
    screen, frame = open_projector(browser, server, code)

    # the stage row: the button keeps its label whole, the title wraps beside it
    button = frame.get_by_role("button", name="Показать участникам")
    button.wait_for()
    assert button.evaluate("b => b.scrollWidth <= b.clientWidth + 1 && b.textContent.trim()") == "Показать участникам"
    join_left = frame.locator(".wb-join-box").bounding_box()["x"]
    label = frame.locator(".wb-current-label")
    assert LONG_TITLE in label.inner_text()
    box = label.bounding_box()
    assert box["x"] >= button.bounding_box()["x"] + button.bounding_box()["width"] - 1
    assert box["x"] + box["width"] <= join_left + 1  # not over the join code's column
    # its button in the stage switcher: cut with «…» inside the column, the whole title in its tooltip
    pick = frame.locator(f".wb-stage-picker button[title='{LONG_TITLE}']")
    assert pick.evaluate("b => b.scrollWidth > b.clientWidth") is True
    assert pick.bounding_box()["x"] + pick.bounding_box()["width"] <= join_left + 1

    # «Частые слова»: every word inside the wall's column; the long one cut, whole in its tooltip
    frame.get_by_role("button", name="Частые слова").click()
    frame.wait_for_selector(f".wb-cloud span[data-word='{LONG_WORD.lower()}'], .wb-cloud span[data-word='{LONG_WORD}']")
    words = frame.evaluate(SPANS, ".wb-cloud span")
    assert len(words) >= 3 and all(w["left"] >= 0 and w["right"] <= join_left + 1 for w in words), (
        join_left, frame.locator(".wb-cloud").bounding_box(), [w for w in words if w["right"] > join_left + 1])
    long = next(w for w in words if len(w["word"]) > 100)
    assert long["cut"] and long["title"] == long["word"]
    assert not any(w["cut"] for w in words if len(w["word"]) < 20)  # a word that fits is whole

    # the display's word cloud at 1280×720: nothing off either edge, the long word cut
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(server.projector_url(code))
    page.goto(f"{server.base}/d/{code}")
    display.set_display(wb.store, s["id"], "cloud", ideas["id"])
    page.wait_for_selector("#main[data-mode='cloud'] .cloud span")
    words = page.evaluate(SPANS, ".cloud span")
    assert len(words) >= 3 and all(w["left"] >= 0 and w["right"] <= 1280 for w in words), words
    assert next(w for w in words if len(w["word"]) > 100)["cut"]
    assert not any(w["cut"] for w in words if len(w["word"]) < 20)
    size = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.cloud')).fontSize)")
    assert size > 720 * 0.03  # the cloud was not shrunk to its smallest for the long word


def test_a_long_name_in_a_team_wraps_inside_its_card_on_the_display(browser, fresh):
    """A participant's name of 120 letters with no space (the name field's limit) in a team: the
    display's «Команды» wraps it inside the team's card (it ran off the right edge of the screen)."""
    from workbench.session.teams import join as join_team
    from workbench.session.teams import options as team_options

    wb, start = fresh
    code = load_demo(wb.store)
    s = wb.store.session(code)
    team_stage = next(st for st in wb.store.stages(s["id"]) if st["kind"] == "teams")
    idea = next(o for o in team_options(wb.store, team_stage) if o["members"])  # a team the demo formed
    person = wb.store.join(s["id"], name="Б" * 120)
    join_team(wb.store, team_stage["id"], person["id"], idea["id"])
    display.set_display(wb.store, s["id"], "teams", team_stage["id"])
    server = start()
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(server.projector_url(code))
    page.goto(f"{server.base}/d/{code}")
    page.wait_for_selector("#main[data-mode='teams'] .team li")
    boxes = page.evaluate("""() => [...document.querySelectorAll('.team')].map(t => {
        const r = t.getBoundingClientRect();
        return {right: r.right, wide: [...t.querySelectorAll('li')].some(li => li.scrollWidth > t.clientWidth),
                text: t.innerText}; })""")
    assert all(b["right"] <= 1280 and not b["wide"] for b in boxes), boxes
    # the name is there, wrapped, or counted in «и ещё N» when the list is too long for the screen
    assert any("Б" * 20 in b["text"] for b in boxes) or any("и ещё" in b["text"] for b in boxes), boxes
