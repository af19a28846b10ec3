"""Real Chromium: the control view's list of teams keeps «В команде: 2» on one line after an idea
of any length, on a 1280×720 and a 1024×768 laptop (it broke into «В команде:» and «2»)."""

from __future__ import annotations

import pytest

from workbench.session import facilitator, teams
from workbench.testing import ideas_session, open_projector

pytestmark = pytest.mark.browser

IDEAS = ["Тропа", "Молодёжный клуб в Лядинах с кружками для подростков",
         "Ремонт дороги до Ошевенска и мостика через ручей у старой мельницы, чтобы ездил автобус",
         "Ярмарка местных продуктов каждую субботу у клуба"]

# For each length of the idea's name from 1 to 160 letters, in the card as drawn: whether the count
# after it is on one line (one box, one line high). Returns the lengths where it was not.
BROKEN = """card => {
  const name = card.querySelector('b'), count = card.querySelector('.wb-team-count'), was = name.textContent;
  const line = parseFloat(getComputedStyle(count).lineHeight) || count.getBoundingClientRect().height;
  const broken = [];
  for (let n = 1; n <= 160; n++) {
    name.textContent = 'Идея про клуб '.repeat(12).slice(0, n);
    const boxes = count.getClientRects();
    if (boxes.length !== 1 || boxes[0].height > line * 1.5) broken.push(n);
  }
  name.textContent = was;
  return broken;
}"""


def test_the_teams_list_keeps_the_count_on_one_line(browser, fresh):
    wb, start = fresh
    store = wb.store
    made = ideas_session(wb, "Команды", IDEAS, by_facilitator=False)
    code, sid, by_kind, ids = made["code"], made["sid"], made["stages"], made["cards"]
    team_stage = by_kind["teams"]["id"]
    for k, name in enumerate(("Вера Петрова", "Олег Смирнов")):
        teams.join(store, team_stage, store.join(sid, name=name)["id"], ids[2], leader=k == 0)
    facilitator.show_stage(store, sid, team_stage)
    server = start()
    screen, frame = open_projector(browser, server, code)
    frame.get_by_role("button", name="Команды", exact=True).click()
    card = frame.locator(f"[data-team='{ids[2]}']")
    card.wait_for()
    assert card.locator(".wb-team-count").inner_text() == "В команде: 2"
    for width, height in ((1280, 720), (1024, 768)):
        screen.set_viewport_size({"width": width, "height": height})
        counts = frame.locator(".wb-team-count")
        assert counts.count() == len(IDEAS)
        for i in range(counts.count()):  # the ideas as they are
            assert len(counts.nth(i).evaluate("e => Array.from(e.getClientRects())")) == 1, (width, IDEAS[i])
        assert card.evaluate(BROKEN) == [], (width, height)  # an idea of any length
