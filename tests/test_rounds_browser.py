"""Real Chromium: two rounds on one stage list, as the README walks through it. Dots on the
ideas, then a matrix on the top 6 of the dot vote (a stage added from the projector), then teams
on the best of the matrix; the protocol keeps both rounds."""

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
    # The stage switcher, not the display's choice (which has a "Команды" button too).
    projector.locator(".wb-stage-picker").get_by_role("button", name=stage_title, exact=True).click()
    projector.wait_for_function(  # the stage's heading above its question: the view follows
        f"() => [...document.querySelectorAll('.wb-title + .wb-prompt')]"
        f".some(p => p.previousElementSibling.textContent === {stage_title!r})", timeout=10_000)
    projector.get_by_role("button", name="Показать участникам").click()


def _pick(frame, selector, label):
    """Choose an option of a widget's drop-down by its text (the widget writes spaces as NBSP)."""
    index = frame.locator(selector).evaluate(
        "(s, label) => [...s.options].findIndex(o => o.text.replace(/\\u00a0/g, ' ') === label)", label)
    assert index >= 0, label
    frame.locator(selector).select_option(index=index)


def test_dots_then_matrix_on_the_top_6_then_teams(fresh, browser):
    from workbench.exports import protocol_markdown
    from workbench.session import templates

    wb, start = fresh
    code = templates.create_session(wb.store, "Будущее Ошевенска", "strategic_session")
    sid = wb.store.session(code)["id"]
    ideas_stage = next(s for s in wb.store.stages(sid) if s["kind"] == "ideas")
    card = {text: wb.store.add_card(sid, ideas_stage["id"], text)["id"] for text in IDEAS}
    server = start()
    screen, projector = open_projector(browser, server, code)
    vera, gleb = _join(browser, server.base, code, "Вера"), _join(browser, server.base, code, "Глеб")

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

    # Teams on the best 3 of the matrix.
    _show(projector, "Команды")
    _pick(projector, ".wb-source select", "лучшие из «Матрица» — Важность × выполнимость")
    projector.locator(".wb-source-top input").fill("3")
    projector.locator(".wb-source-top input").press("Enter")
    projector.get_by_role("button", name="Взять кандидатов").click()
    projector.wait_for_selector("text=Кандидаты: лучшие 3 из «Матрица»")
    gleb.wait_for_function("() => document.querySelectorAll('button[data-team]').length === 3", timeout=10_000)
    assert int(gleb.locator("button[data-team]").first.get_attribute("data-team")) == trail
    gleb.locator("button[data-team]").first.click()
    gleb.wait_for_selector("text=Вы в этой команде")
    projector.wait_for_function("() => document.body.textContent.includes('Глеб')", timeout=10_000)

    md = protocol_markdown(wb.store, code)
    dots_at, matrix_at = md.index("Голосование"), md.index("Матрица")
    assert dots_at < matrix_at and "Тропа вдоль Онеги" in md[matrix_at:]
    assert "Быстрые победы" in md[matrix_at:]
