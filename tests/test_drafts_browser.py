"""Real Chromium on a real server: a team edits its draft on the drafts page; the store has the
new value and the logic check changes."""

from __future__ import annotations

import pytest

from workbench.app import Workbench
from workbench.demo import load_demo
from workbench.drafts import draft_from_idea, top_ideas
from workbench.testing import act, wait_for

pytestmark = pytest.mark.browser


# A matrix on the dots' top 6 after the demo's two teams formed: (impact, feasibility) of each
# candidate in the dots' order. The third idea is a big bet with a higher sum than the quick wins
# after it (the reviewer's "Берег реки" above "Ямочный ремонт дорог").
MATRIX = [(5, 5), (5, 4), (5, 2), (3, 3), (2, 2), (3, 4)]


def _add_matrix(store, code):
    from workbench.session import stages, voting

    s = store.session(code)
    dots = next(x for x in store.stages(s["id"]) if x["kind"] == "voting")
    matrix = stages.add(store, s["id"], "voting", title="Матрица", after_stage_id=dots["id"])
    stages.set_method_of(store, matrix["id"], "matrix")
    matrix = store.stage(matrix["id"])
    items = voting.method(matrix).items(store, matrix, store.cards(s["id"], dots["target_stage_id"]))
    store.update_stage(matrix["id"], voting_open=True)
    for p in store.participants(s["id"])[:4]:
        for c, (imp, fea) in zip(items, MATRIX, strict=True):
            voting.rate(store, matrix["id"], p["id"], c["id"], imp, fea)
    return [c["text"] for c in items]


@pytest.fixture(scope="module")
def server_with_draft(serve):
    def prepare(wb):
        code = load_demo(wb.store)
        did = draft_from_idea(wb.store, code, top_ideas(wb.store, code)[0]["id"])
        return did, _add_matrix(wb.store, code)

    server, (did, matrix) = serve(prepare)
    server.matrix = matrix
    return server, did


def test_the_drafts_page_lists_the_teams_then_the_matrix(server_with_draft, browser):
    """The reviewer's drafts page began with the first round's dots; it now begins with the teams
    formed, then the other ideas by the latest round (the matrix), quick wins before big bets."""
    server, _ = server_with_draft
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(server.projector_url("KARGO1"))
        page.goto(f"{server.base}/voila/render/draft.ipynb?session=KARGO1")
        heading = page.locator(".wb-draft-picker h3[data-teams]")
        heading.wait_for(timeout=60_000)
        assert heading.inner_text().startswith("Команды: ")
        page.get_by_text("Другие идеи по итогам «Матрица», важность × выполнимость").wait_for(timeout=15_000)
        rows = page.locator(".wb-draft-picker [data-candidate]").all_inner_texts()
        assert all("в команде: 5, лидер: " in r for r in rows[:2]), rows[:2]
        assert {r.split(" · ")[0] for r in rows[:2]} == set(server.matrix[:2])  # the demo's two teams
        m = server.matrix
        assert [r.split(" · ")[0] for r in rows[2:6]] == [m[5], m[3], m[2], m[4]]
        assert "Квадрант: Быстрые победы" in rows[2] and "Квадрант: Большие ставки" in rows[4]
    finally:
        page.close()


def test_a_team_edits_its_draft_in_the_browser(server_with_draft, browser):
    server, did = server_with_draft
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server.projector_url("KARGO1"))  # logs in with the token (a cookie)
    assert "token" not in page.url
    page.goto(f"{server.base}/voila/render/draft.ipynb?draft={did}")
    page.wait_for_selector(".wb-draft-editor", timeout=60_000)
    logic = page.locator(".wb-logic")
    assert "Нет цели проекта" in logic.inner_text()

    goal = page.locator(".wb-f-goal textarea")
    goal.fill("Сделать жизнь подростков интереснее")
    goal.press("Tab")  # leaving the field saves it
    wb = Workbench(server.data_dir)
    try:
        wait_for(lambda: wb.store.draft(did)["fields"]["goal"] == "Сделать жизнь подростков интереснее",
                 timeout=15, message="the goal in the store")
        page.wait_for_function(
            "() => document.querySelector('.wb-logic').textContent.includes('Цель неизмерима')",
            timeout=15_000)
        assert "Нет цели проекта" not in logic.inner_text()

        goal.fill("Обучить 40 подростков ремёслам к маю 2026 года")
        goal.press("Tab")
        page.wait_for_function(
            "() => !document.querySelector('.wb-logic').textContent.includes('Цель неизмерима')",
            timeout=15_000)
        assert wb.store.draft(did)["fields"]["goal"] == "Обучить 40 подростков ремёслам к маю 2026 года"
        assert "Сохранено" in page.locator(".wb-message").inner_text()
        page.reload()  # the team comes back later: the edit is there
        page.wait_for_selector(".wb-draft-editor", timeout=60_000)
        assert page.locator(".wb-f-goal textarea").input_value() == "Обучить 40 подростков ремёслам к маю 2026 года"
    finally:
        wb.close()


def test_the_drafts_list_opens_in_english_and_the_editor_keeps_it(server_with_draft, browser):
    """`?lang=en` on the editor, its "← all drafts" link to the list in English, "Open the
    project" on the teams that have a draft (the reviewer saw "+ Create a draft" there), and the
    RU/EN switch back to Russian."""
    server, did = server_with_draft
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(server.projector_url("KARGO1"))  # staff log in with the token
        page.goto(f"{server.base}/voila/render/draft.ipynb?draft={did}&lang=en")
        back = page.locator(".wb-draft-back")
        back.wait_for(timeout=60_000)
        assert back.inner_text() == "← all drafts"
        back.click()
        picker = page.locator(".wb-draft-picker")
        picker.wait_for(timeout=60_000)
        assert "session=KARGO1" in page.url and "lang=en" in page.url
        picker.locator("h3[data-teams]").get_by_text("Teams: ").wait_for(timeout=15_000)
        text = picker.inner_text()
        assert "Project drafts" in text and "Создать проект" not in text and "Воронка" not in text
        sharing = page.locator(".wb-sharing")
        assert sharing.get_by_role("button", name="Make a link").count() == 2  # the demo's two drafts
        opens = picker.locator("a.wb-open-draft")
        assert opens.all_inner_texts() == ["Open the draft"] * 2  # the two teams, before the other ideas
        created = picker.get_by_role("button", name="Create a draft").count()
        assert created >= 4 and picker.locator("[data-candidate]").count() == created + 2
        page.locator(".wb-lang-toggle").get_by_role("button", name="RU").click()
        picker.locator("h3[data-teams]").get_by_text("Команды: ").wait_for(timeout=15_000)
        assert opens.all_inner_texts() == ["Открыть проект"] * 2
        target = int(opens.first.get_attribute("data-draft"))
        title = act(server, lambda wb: wb.store.draft(target)["title"])
        opens.first.click()
        page.locator(".wb-draft-editor .wb-d-title").get_by_text(title).wait_for(timeout=60_000)
        assert f"draft={target}" in page.url and "lang=ru" in page.url
        assert act(server, lambda wb: len(wb.store.drafts())) == 2  # opened, not a third made
    finally:
        page.close()


def _boxes(page, selector):
    return page.eval_on_selector_all(selector, """els => els.map(e => {
        const r = e.getBoundingClientRect();
        return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width};
    })""")


def test_the_editor_fits_a_1366_screen(server_with_draft, browser):
    """At 1366×768 no field of the form runs under the logic-check panel or past the window's
    right edge, and the staff labels ("Комментарий") are not cut to "Коммент…"."""
    server, did = server_with_draft
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    try:
        page.goto(server.projector_url("KARGO1"))
        page.goto(f"{server.base}/voila/render/draft.ipynb?draft={did}")
        page.wait_for_selector(".wb-draft-editor .wb-logic", timeout=60_000)
        panel = _boxes(page, ".wb-draft-side")[0]
        width = page.evaluate("document.documentElement.clientWidth")
        fields = _boxes(page, ".wb-draft-form input, .wb-draft-form textarea")
        assert len(fields) >= 10
        for box in fields:
            assert box["width"] > 100, box
            assert box["right"] <= panel["left"] + 0.5, (box, panel)
            assert box["right"] <= width, (box, width)
        side = _boxes(page, ".wb-draft-side input, .wb-draft-side textarea, .wb-draft-side select")
        assert side and all(b["right"] <= width for b in side), side
        cut = page.eval_on_selector_all(
            ".wb-draft-side label, .wb-d-side-label", "els => els.filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent)")
        assert cut == []
        assert "Комментарий" in page.locator(".wb-draft-side").inner_text()
        date = page.locator(".wb-draft-side input[placeholder]").first
        assert date.get_attribute("placeholder") == "ДД.ММ.ГГГГ"
    finally:
        page.close()


def test_a_wrong_staff_date_is_said_under_its_field_in_view(server_with_draft, browser):
    """The reviewer, at 1366×768, typed a date and clicked «Изменить статус»: nothing seemed to
    happen, the error being at the top of the page, out of view. Now an impossible date is said
    right under the date field, in view, and a date typed ДД.ММ.ГГГГ is taken."""
    server, did = server_with_draft
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    wb = Workbench(server.data_dir)
    try:
        page.goto(server.projector_url("KARGO1"))
        page.goto(f"{server.base}/voila/render/draft.ipynb?draft={did}")
        page.wait_for_selector(".wb-draft-editor .wb-logic", timeout=60_000)
        logged = len(wb.store.status_log(did))
        page.locator(".wb-draft-side select").select_option(label="Подана на конкурс")
        date = page.locator(".wb-status-date input")
        date.fill("30.02.2025")
        button = page.get_by_role("button", name="Изменить статус")
        button.scroll_into_view_if_needed()
        button.click()
        said = page.locator(".wb-msg-status-date .wb-err")
        said.wait_for(timeout=15_000)
        assert said.inner_text().startswith("Такой даты нет: «30.02.2025»")
        field, msg = date.bounding_box(), said.bounding_box()
        assert 0 <= msg["y"] and msg["y"] + msg["height"] <= 768, msg  # in view where the staff looks
        assert 0 <= msg["y"] - (field["y"] + field["height"]) < 30, (field, msg)  # right under the field
        assert page.locator(".wb-message").inner_text().strip() == ""  # nothing only at the top
        assert len(wb.store.status_log(did)) == logged

        date.fill("15.03.2025")
        button.click()
        page.locator(".wb-msg-status").get_by_text("Сохранено").wait_for(timeout=15_000)
        assert said.count() == 0
        wait_for(lambda: wb.store.status_log(did)[-1]["date"] == "2025-03-15", timeout=15,
                 message="the status with its date in the store")
        assert wb.store.draft(did)["status"] == "submitted"
        side = page.locator(".wb-draft-side")
        wait_for(lambda: "15.03.2025 — Подана на конкурс" in side.inner_text(), timeout=15,
                 message="the status's date in the side panel's history")
    finally:
        wb.close()
        page.close()
