"""Real Chromium on a 360 px phone reading the public results page (`/r/TOKEN`), as the
administration's people and activists open the link after a session. The rehearsal found the
matrix's table broken mid-word («Выпол/нимость», «Мест/о») and its figures split («2,9/6»), and a
problem pasted as a list run into one line («Проблемы: 1. дороги 2. нет врачей…»)."""

from __future__ import annotations

import pytest

from workbench.demo import load_demo
from workbench.session import facilitator, public, stages, voting
from workbench.testing import PHONE, wait_for

pytestmark = pytest.mark.browser
PASTED = "Проблемы:\n1. дороги\n2. нет врачей\n3. клуб закрыт"

# every word of a table's headers and figures on one line of its own cell (a card's text may break)
WORDS_WHOLE = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll('table th, table td:not(.card)')) {
    const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walk.nextNode(); node; node = walk.nextNode()) {
      const re = /\\S+/g; let m;
      while ((m = re.exec(node.data))) {
        const r = document.createRange(); r.setStart(node, m.index); r.setEnd(node, m.index + m[0].length);
        const tops = new Set([...r.getClientRects()].map(b => Math.round(b.top)));
        if (tops.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""


@pytest.fixture(scope="module")
def page_link(serve):
    """The demo session with a matrix round after its dots, a problem pasted as a list, the public page on."""
    def prepare(wb):
        store = wb.store
        code = load_demo(store)
        sid = store.session(code)["id"]
        by_kind = {s["kind"]: s for s in store.stages(sid)}
        facilitator.add_card(store, sid, by_kind["problems"]["id"], PASTED)
        matrix = stages.add(store, sid, "voting", title="Матрица", after_stage_id=by_kind["voting"]["id"])
        stages.set_method_of(store, matrix["id"], "matrix")
        matrix = store.stage(matrix["id"])
        items = voting.method(matrix).items(store, matrix, store.cards(sid, by_kind["voting"]["target_stage_id"]))
        store.update_stage(matrix["id"], voting_open=True)
        for n, person in enumerate(store.participants(sid)[:3]):
            for k, card in enumerate(items):
                voting.rate(store, matrix["id"], person["id"], card["id"], 1 + (n + k) % 5, 1 + (n * k) % 5)
        return public.set_public(wb.store, code, True)["path"]

    return serve(prepare)


def test_the_results_tables_keep_words_and_figures_whole_on_a_phone(browser, page_link):
    server, path = page_link
    ctx = browser.new_context(**PHONE)
    page = ctx.new_page()
    page.goto(f"{server.base}/{path}")
    page.locator("table.votes").first.wait_for()
    headers = " ".join(page.locator("table.votes th").all_inner_texts())
    assert "Выполнимость" in headers  # the demo's matrix round is on the page
    assert page.evaluate(WORDS_WHOLE) == []
    # the page itself never scrolls sideways: a table wider than the phone scrolls in its own box
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    widest = page.locator("table.votes").evaluate_all(
        "ts => Math.max(...ts.map(t => t.parentElement.getBoundingClientRect().right))")
    assert widest <= 360


def test_a_problem_pasted_as_a_list_keeps_its_lines(browser, page_link):
    server, path = page_link
    ctx = browser.new_context(**PHONE)
    page = ctx.new_page()
    page.goto(f"{server.base}/{path}")
    card = page.locator("ul[data-stage] li", has_text="нет врачей")
    wait_for(lambda: card.count() == 1, message="the pasted list on the public page")
    assert card.inner_text() == PASTED
