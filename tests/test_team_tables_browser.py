"""Real Chromium on a real server: the reviewer's team-page cases with tables and long texts.
Two members adding rows to one table both keep them; the same row changed by both is shown as a
table in Russian (no JSON) with «Сохранить мой текст» and «Взять их текст»; a member whose row a
teammate replaced is told so instead of «Сохранено», and «Вернуть прежний вариант» brings it back;
a 9,900-character Russian text saves, a 10,800-character one gets its field's own message; a
field emptied by Ctrl+A, Delete comes back."""

from __future__ import annotations

import json

import pytest

from workbench.demo import load_demo
from workbench.drafts import create_draft
from workbench.session import team_links
from workbench.testing import Http, act, plan_row, wait_for

pytestmark = pytest.mark.browser
FIELD = "**/api/t/*/field"


@pytest.fixture(scope="module")
def team_server(serve):
    def prepare(wb):
        sid = wb.store.session(load_demo(wb.store, teams=False))["id"]
        out = []
        for n in range(5):  # a draft per test: each starts from the same rows
            did = create_draft(wb.store, sid, {"title": f"Школа ремёсел {n}", "activities": [plan_row("Сбор команды")],
                                               "goal": "Обучить 40 подростков к маю"})
            out.append((did, team_links.team_link(wb.store, did)["token"]))
        return out

    server, drafts = serve(prepare)
    return server, drafts


def _fields(server, did):
    return act(server, lambda wb: wb.store.draft(did)["fields"])


def _page(browser, server, token):
    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(f"{server.base}/t/{token}")
    wait_for(lambda: page.locator("#title").inner_text().startswith("Школа ремёсел"), message="the page drawn")
    return ctx, page


def _cell(page, row_no, column, field="activities"):
    return page.locator(f"[data-field={field}] tbody tr:nth-child({row_no}) input[data-col={column}]")


def _column(page, column, field="activities"):
    return [i.input_value() for i in page.locator(f"[data-field={field}] tbody input[data-col={column}]").all()]


def _status(page, field):
    return page.locator(f"[data-field={field}] .status")


def _add_row(page, text):
    """«+ Добавить строку», then type in the new row's first cell (it has the focus)."""
    page.locator("[data-field=activities] button.add").click()
    assert page.evaluate("document.activeElement.getAttribute('data-col')") == "activity"
    page.keyboard.type(text)


def test_two_members_adding_rows_to_one_table_both_keep_them(team_server, browser):
    server, drafts = team_server
    did, token = drafts[0]
    (a_ctx, a), (b_ctx, b) = _page(browser, server, token), _page(browser, server, token)
    try:
        # B's row waits for the server (its connection drops) while A adds and saves hers: B's
        # save arrives second, from the version both pages loaded.
        b.route(FIELD, lambda route: route.abort())
        _add_row(b, "Выставка работ")
        _status(b, "activities").and_(b.locator("[data-state=error]")).wait_for(timeout=10_000)
        _add_row(a, "Мастерская по дереву")
        a.keyboard.press("Tab")
        _status(a, "activities").and_(a.locator("[data-state=saved]")).wait_for(timeout=10_000)
        assert [r["activity"] for r in _fields(server, did)["activities"]] == ["Сбор команды", "Мастерская по дереву"]
        b.unroute(FIELD)

        both = ["Сбор команды", "Мастерская по дереву", "Выставка работ"]
        wait_for(lambda: [r["activity"] for r in _fields(server, did)["activities"]] == both,
                 message="both rows stored")
        # each page shows both rows (and its empty row for the next one); nobody got a conflict
        wait_for(lambda: _column(b, "activity") == both + [""], message="A's row on B's page")
        wait_for(lambda: _column(a, "activity") == both + [""], message="B's row on A's page")
        assert not b.locator("[data-field=activities] .conflict").is_visible()
        b.locator("#saved[data-state=saved]").wait_for(timeout=10_000)
        assert _status(a, "activities").inner_text() == "Сохранено"
        assert a.locator("#saved").inner_text() == "Все правки сохранены"  # and it is true: her row is there
    finally:
        a_ctx.close()
        b_ctx.close()


def test_the_same_row_changed_by_both_is_shown_as_rows_and_either_text_can_be_kept(team_server, browser):
    server, drafts = team_server
    did, token = drafts[1]
    (a_ctx, a), (b_ctx, b) = _page(browser, server, token), _page(browser, server, token)
    try:
        b.route(FIELD, lambda route: route.abort())
        _cell(b, 1, "dates").fill("июнь")
        _add_row(b, "Выставка работ")  # a row only B added: kept whatever B chooses
        _status(b, "activities").and_(b.locator("[data-state=error]")).wait_for(timeout=10_000)
        _cell(a, 1, "dates").fill("май")
        _cell(a, 1, "dates").press("Tab")
        _status(a, "activities").and_(a.locator("[data-state=saved]")).wait_for(timeout=10_000)
        b.unroute(FIELD)

        conflict = b.locator("[data-field=activities] .conflict")
        conflict.wait_for(state="visible", timeout=10_000)
        text = conflict.inner_text()
        assert "изменил в таблице «Календарный план мероприятий» те же строки, что и вы" in text
        assert "{" not in text and "activity" not in text  # rows as a table, not JSON
        tables = conflict.locator("table")
        assert tables.count() == 2
        assert "Сроки" in tables.nth(0).locator("tr").first.inner_text()  # the columns as the form heads them
        assert "май" in tables.nth(0).inner_text() and "июнь" in tables.nth(1).inner_text()
        assert "Их вариант этих строк:" in text and "Ваш вариант:" in text
        assert _fields(server, did)["activities"] == [plan_row("Сбор команды", dates="май")]
        assert _cell(b, 1, "dates").input_value() == "июнь"  # B's text stays until B chooses

        conflict.locator("button.take").click()  # «Взять их текст»
        wait_for(lambda: _fields(server, did)["activities"] == [plan_row("Сбор команды", dates="май"),
                                                                plan_row("Выставка работ")],
                 message="their row and B's own new row stored")
        wait_for(lambda: _column(b, "dates")[:2] == ["май", ""], message="their text in B's table")
        assert _column(b, "activity") == ["Сбор команды", "Выставка работ", ""]
        assert not conflict.is_visible()
        _status(b, "activities").and_(b.locator("[data-state=saved]")).wait_for(timeout=10_000)
        wait_for(lambda: _column(a, "activity") == ["Сбор команды", "Выставка работ", ""], message="on A")
    finally:
        a_ctx.close()
        b_ctx.close()


def test_a_member_whose_row_was_replaced_is_told_and_gets_it_back(team_server, browser):
    server, drafts = team_server
    did, token = drafts[2]
    (a_ctx, a), (b_ctx, b) = _page(browser, server, token), _page(browser, server, token)
    try:
        b.route(FIELD, lambda route: route.abort())
        _cell(b, 1, "responsible").fill("Борис")
        _status(b, "activities").and_(b.locator("[data-state=error]")).wait_for(timeout=10_000)
        _cell(a, 1, "responsible").fill("Анна")
        _cell(a, 1, "responsible").press("Tab")
        _status(a, "activities").and_(a.locator("[data-state=saved]")).wait_for(timeout=10_000)
        b.unroute(FIELD)
        conflict = b.locator("[data-field=activities] .conflict")
        conflict.wait_for(state="visible", timeout=10_000)
        conflict.locator("button.again").click()  # «Сохранить мой текст»
        wait_for(lambda: _fields(server, did)["activities"][0]["responsible"] == "Борис", message="B's row kept")

        # A's page no longer says «Сохранено»: her row is gone, and it says so.
        a.locator("[data-field=activities] .status[data-state=changed]").wait_for(timeout=10_000)
        assert "Другой участник изменил это поле после вас" in _status(a, "activities").inner_text()
        assert a.locator("#saved").inner_text() == "Другой участник заменил ваш текст в поле «Календарный план мероприятий»"
        assert _cell(a, 1, "responsible").input_value() == "Борис"

        a.locator("[data-field=activities] button.restore").click()  # «Вернуть прежний вариант»
        wait_for(lambda: _fields(server, did)["activities"][0]["responsible"] == "Анна", message="A's row back")
        _status(a, "activities").and_(a.locator("[data-state=saved]")).wait_for(timeout=10_000)
        assert _status(a, "activities").inner_text() == "Прежний вариант возвращён"
        assert a.locator("#saved").inner_text() == "Все правки сохранены"
        wait_for(lambda: _cell(b, 1, "responsible").input_value() == "Анна", message="on B's page too")
    finally:
        a_ctx.close()
        b_ctx.close()


def test_a_text_conflict_offers_their_text(team_server, browser):
    server, drafts = team_server
    did, token = drafts[3]
    (a_ctx, a), (b_ctx, b) = _page(browser, server, token), _page(browser, server, token)
    try:
        b.route(FIELD, lambda route: route.abort())
        b.locator("#f-problem").fill("Текст Бориса: подросткам некуда пойти")
        _status(b, "problem").and_(b.locator("[data-state=error]")).wait_for(timeout=10_000)
        a.locator("#f-problem").fill("Текст Анны: в селе закрылся клуб\nи библиотека")
        a.locator("#f-problem").press("Tab")
        _status(a, "problem").and_(a.locator("[data-state=saved]")).wait_for(timeout=10_000)
        b.unroute(FIELD)
        conflict = b.locator("[data-field=problem] .conflict")
        conflict.wait_for(state="visible", timeout=10_000)
        assert conflict.locator("pre").inner_text() == "Текст Анны: в селе закрылся клуб\nи библиотека"
        assert conflict.locator("button.take").inner_text() == "Взять их текст"
        conflict.locator("button.take").click()
        assert b.locator("#f-problem").input_value() == "Текст Анны: в селе закрылся клуб\nи библиотека"
        assert _status(b, "problem").inner_text() == "Сохранено"
        assert b.locator("#saved").inner_text() == "Все правки сохранены"
        assert _fields(server, did)["problem"] == "Текст Анны: в селе закрылся клуб\nи библиотека"
        # and B's page follows A's next edit, as any saved field does
        a.locator("#f-problem").fill("Текст Анны, исправленный")
        a.locator("#f-problem").press("Tab")
        wait_for(lambda: b.locator("#f-problem").input_value() == "Текст Анны, исправленный", message="on B")
    finally:
        a_ctx.close()
        b_ctx.close()


def test_long_russian_texts_within_the_limit_save_and_longer_ones_name_the_field(team_server, browser):
    server, drafts = team_server
    did, token = drafts[4]
    ctx, page = _page(browser, server, token)
    try:
        text = ("Подростков в селе сорок человек, клуб закрыт с 2019 года. " * 200)[:9_900]
        page.locator("#f-relevance").fill(text)
        page.locator("#f-relevance").press("Tab")
        _status(page, "relevance").and_(page.locator("[data-state=saved]")).wait_for(timeout=10_000)
        assert _fields(server, did)["relevance"] == text.strip()

        longer = ("Подростков в селе сорок человек, клуб закрыт с 2019 года. " * 200)[:10_800]
        page.locator("#f-relevance").fill(longer)
        page.locator("#f-relevance").press("Tab")
        _status(page, "relevance").and_(page.locator("[data-state=error]")).wait_for(timeout=10_000)
        assert _status(page, "relevance").inner_text() == \
            "Поле «Актуальность и социальная значимость (с цифрами)» длиннее 10000 символов"
        assert page.locator("#f-relevance").input_value() == longer  # kept, not cut
        assert _fields(server, did)["relevance"] == text.strip()

        # Ctrl+A, Delete: the empty field is saved everywhere; the previous text comes back.
        page.locator("#f-relevance").fill(text)
        _status(page, "relevance").and_(page.locator("[data-state=saved]")).wait_for(timeout=10_000)
        page.locator("#f-goal").click()
        page.keyboard.press("Control+A")
        page.keyboard.press("Delete")
        page.keyboard.press("Tab")
        wait_for(lambda: _fields(server, did)["goal"] == "", message="the emptied goal saved")
        page.locator("[data-field=goal] button.restore").click()
        wait_for(lambda: _fields(server, did)["goal"] == "Обучить 40 подростков к маю", message="the goal back")
        # the page shows it once the server's answer is in (the store has it a moment before)
        wait_for(lambda: page.locator("#f-goal").input_value() == "Обучить 40 подростков к маю",
                 message="the goal back on the page")

        # A 50-row plan of Russian text, with the rows the page started from, is one request.
        plan = [plan_row(f"Мастер-класс по резьбе по дереву для подростков села, занятие {n}",
                    task="1", dates="сентябрь–декабрь 2026 года", responsible="Анна Белова, руководитель",
                    result="Подростки освоили приёмы резьбы и сделали по одной работе") for n in range(50)]
        version = act(server, lambda wb: wb.store.draft(did)["versions"].get("activities", 0))
        body = {"field": "activities", "value": plan, "base": version, "base_value": [plan_row("Сбор команды")]}
        assert len(json.dumps(body, ensure_ascii=False).encode()) > 16_384  # the old cap
        answer = Http().post(f"{server.base}/api/t/{token}/field", json=body)
        assert answer.status_code == 200, answer.text
        assert _fields(server, did)["activities"] == plan
        # then one cell changed: the page sends the 50 rows and the 50 it started from
        edited = [dict(plan[0], dates="октябрь 2026 года")] + plan[1:]
        body = {"field": "activities", "value": edited, "base": answer.json()["version"], "base_value": plan}
        assert len(json.dumps(body, ensure_ascii=False).encode()) > 2 * 16_384
        answer = Http().post(f"{server.base}/api/t/{token}/field", json=body)
        assert answer.status_code == 200, answer.text
        assert _fields(server, did)["activities"] == edited
    finally:
        ctx.close()
