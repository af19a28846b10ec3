"""Real Chromium: two rounds on one stage list, as the README walks through it. Dots on the
ideas, then a matrix on the top 6 of the dot vote (a stage added from the projector), then teams
on the best of the matrix (by itself: the latest vote that is over); the protocol keeps both
rounds."""

from __future__ import annotations

import pytest

from workbench.testing import open_projector

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
IDEAS = ["Автобус до Лядин", "Сельский клуб", "Тропа вдоль Онеги", "Ярмарка ремёсел", "Школьный музей",
         "Пункт проката лодок", "Детская площадка", "Гостевой дом"]


def _join(browser, base, code, name):
    page = browser.new_context(**PHONE).new_page()
    page.goto(f"{base}/s/{code}")
    page.fill("#f-name", name)
    page.click("#join-btn")
    page.wait_for_selector("#live:not(.hidden)")
    return page


def _show(projector, stage_title):
    """Pick a stage on the projector and make it the one on phones."""
    # The stage switcher, not the display's choice (its «Составы команд» was «Команды» too).
    projector.locator(".wb-stage-picker").get_by_role("button", name=stage_title, exact=True).click()
    projector.wait_for_function(  # the stage's heading above its question: the view follows
        f"() => [...document.querySelectorAll('.wb-title + .wb-prompt')]"
        f".some(p => p.previousElementSibling.textContent === {stage_title!r})", timeout=10_000)
    projector.get_by_role("button", name="Показать участникам").click()


def _open_display(screen, frame):
    """The projector's display page, opened from the control view's link in a window of its own."""
    with screen.context.expect_page() as opened:
        frame.locator("[data-display-link]").click()
    page = opened.value
    page.wait_for_selector("#main[data-mode]")
    return page


def test_dots_then_matrix_on_the_top_6_then_teams(fresh, browser):
    from workbench.exports import protocol_markdown
    from workbench.session import templates, voting

    wb, start = fresh
    code = templates.create_session(wb.store, "Будущее Ошевенска", "strategic_session")
    sid = wb.store.session(code)["id"]
    ideas_stage = next(s for s in wb.store.stages(sid) if s["kind"] == "ideas")
    card = {text: wb.store.add_card(sid, ideas_stage["id"], text)["id"] for text in IDEAS}
    server = start()
    screen, projector = open_projector(browser, server, code)
    vera, gleb = _join(browser, server.base, code, "Вера"), _join(browser, server.base, code, "Глеб")

    # Everyone is in: the QR code comes off the projector, which follows the stages from now on.
    projector.locator(".wb-display-choice").get_by_role("button", name="Стена", exact=True).click()

    # Round 1: dots. Vera's three on the club, Gleb's three on the trail.
    _show(projector, "Голосование")
    projector.get_by_role("button", name="Открыть голосование").click()
    projector.wait_for_selector("text=Голосование открыто")
    for page, text in ((vera, "Сельский клуб"), (gleb, "Тропа вдоль Онеги")):
        button = page.locator(f"button[data-action=vote][data-card='{card[text]}']")
        for left in (2, 1, 0):
            button.click()
            page.wait_for_function(
                f"() => document.querySelector('#dots').textContent.includes('{left}')", timeout=10_000)
    projector.get_by_role("button", name="Закрыть голосование").click()

    # Round 2: the facilitator adds a matrix stage after the dot vote; it takes the top 6.
    projector.get_by_role("button", name="✎ Этапы").click()
    projector.locator(".wb-stage-kind select").select_option(label="Голосование")
    projector.get_by_role("button", name="Добавить этап").click()
    projector.wait_for_selector("text=Добавлен этап «Голосование 2»")  # named apart from the first round
    assert "лучшие из «Голосование» — Голоса (точки)" == projector.locator(".wb-source select").evaluate(
        "s => s.options[s.selectedIndex].text.replace(/\\u00a0/g, ' ')")
    projector.locator(".wb-stage-title input").fill("Матрица")
    projector.get_by_role("button", name="Сохранить название и вопрос").click()
    projector.locator(".wb-stage-picker").get_by_role("button", name="Матрица", exact=True).wait_for(
        timeout=10_000)
    projector.locator(".wb-method select").select_option(label="Важность × выполнимость")
    projector.wait_for_selector("text=Оцените каждую идею")
    projector.get_by_role("button", name="Показать участникам").click()
    projector.get_by_role("button", name="Открыть голосование").click()
    projector.wait_for_selector("text=Голосование открыто")
    vera.wait_for_selector("[data-rate]", timeout=10_000)
    rated = {int(b.get_attribute("data-rate").split(":")[0])
             for b in vera.locator("[data-rate$=':impact:5']").all()}
    assert len(rated) == 6 and {card["Сельский клуб"], card["Тропа вдоль Онеги"]} <= rated
    assert card["Гостевой дом"] not in rated  # no dots, the newest: off the shortlist
    trail = card["Тропа вдоль Онеги"]
    vera.click(f"[data-rate='{trail}:impact:5']")
    vera.click(f"[data-rate='{trail}:feasibility:5']")
    vera.wait_for_selector("text=Оценено ✓")
    projector.wait_for_function(
        f"() => {{ const r = document.querySelector(\"tr[data-card='{trail}']\");"
        f" return r && r.textContent.includes('Быстрые победы'); }}", timeout=10_000)
    projector.get_by_role("button", name="Закрыть голосование").click()

    # Teams: the stage takes the matrix's best by itself (the latest vote that is over), on the
    # projector's «Команды» board and on phones alike; the reviewer had to pick the matrix, type
    # a number and press «Взять кандидатов», the board showing the dots' order until then.
    matrix_order = [r["id"] for r in voting.rounds(wb.store, next(
        s for s in wb.store.stages(sid) if s["title"] == "Матрица"))[-1]["rows"]]
    assert matrix_order[0] == trail and len(matrix_order) == 6
    _show(projector, "Команды")
    projector.wait_for_selector("text=Кандидаты: лучшие 6 из «Матрица» — Важность × выполнимость")
    assert "по умолчанию: лучшие из «Матрица» — Важность × выполнимость" in projector.locator(
        ".wb-source select").evaluate("s => s.options[s.selectedIndex].text.replace(/\\u00a0/g, ' ')")
    # ... and the facilitator reads that line whole: the box is as wide as its text (420 px cut it)
    projector.get_by_role("button", name="✎ Этапы").click()
    projector.wait_for_function(  # once the opened editor has drawn the box
        "() => { const s = document.querySelector('.wb-source select');"
        " if (!s || !s.clientWidth || s.selectedIndex < 0) return false;"
        " const c = document.createElement('canvas').getContext('2d');"
        " c.font = getComputedStyle(s).font;"
        " return c.measureText(s.options[s.selectedIndex].text).width < s.clientWidth - 16; }", timeout=10_000)
    wall = _open_display(screen, projector)
    wall.wait_for_function(f"() => document.querySelectorAll('#teams .team').length === {len(matrix_order)}",
                           timeout=10_000)
    assert [int(x) for x in wall.eval_on_selector_all("#teams .team", "els => els.map(e => e.dataset.team)")] \
        == matrix_order
    gleb.wait_for_function("n => document.querySelectorAll('button[data-team]').length === n",
                           arg=len(matrix_order), timeout=10_000)
    assert int(gleb.locator("button[data-team]").first.get_attribute("data-team")) == trail
    gleb.locator("button[data-team]").first.click()
    gleb.wait_for_selector("text=Вы в этой команде")
    projector.wait_for_function("() => document.body.textContent.includes('Глеб')", timeout=10_000)
    wall.wait_for_selector(f"#teams .team[data-team='{trail}']:has-text('Глеб')")

    md = protocol_markdown(wb.store, code)
    dots_at, matrix_at = md.index("Голосование"), md.index("Матрица")
    assert dots_at < matrix_at and "Тропа вдоль Онеги" in md[matrix_at:]
    assert "Быстрые победы" in md[matrix_at:]
