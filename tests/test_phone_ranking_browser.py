"""Real Chromium on a ranking ballot: a partial order is never sent, and the phone says how many
ideas are left to place (it said nothing, its «Отправить порядок» grey); results of a round
nobody ranked say so instead of every idea tied for first with 0 points."""

from __future__ import annotations

import pytest

from workbench.session import facilitator
from workbench.testing import act as _act
from workbench.testing import open_phone, voting_session, wait_for

pytestmark = pytest.mark.browser
IDEAS = ("Прокат лодок на озере", "Автобус до Лядин", "Ярмарка в Ошевенске")


@pytest.fixture(scope="module")
def room(serve):
    return serve(lambda wb: voting_session(wb, "Порядок идей", "ranking", IDEAS))


def test_the_phone_counts_the_ideas_left_to_place_and_sends_only_a_whole_order(room, browser):
    server, made = room
    ctx, page = open_phone(browser, server, made["code"], made["person"]["token"])
    try:
        page.wait_for_selector("button[data-rank]")
        send = page.locator("#rank-send")
        assert send.inner_text() == "Осталось расставить: 3" and send.is_disabled()
        page.locator("button[data-rank]").nth(1).click()
        page.locator("button[data-rank]").nth(0).click()
        wait_for(lambda: send.inner_text() == "Осталось расставить: 1", message="one idea left to place")
        assert send.is_disabled()
        page.locator("button[data-rank]").nth(2).click()
        wait_for(lambda: send.inner_text() == "Отправить порядок", message="the whole order ready")
        assert send.is_enabled()
        page.locator("#rank-send").click()
        wait_for(lambda: page.locator("#decide .hint").inner_text() == "Ваш порядок принят", message="the order saved")
        assert _act(server, lambda wb: len(wb.store.rankings(made["vote"]))) == 3
    finally:
        ctx.close()
        _act(server, lambda wb: wb.store.put_ranking(made["vote"], made["person"]["id"], []))


def test_results_of_a_round_nobody_ranked_say_so(room, browser):
    server, made = room

    def close_and_show(wb):
        facilitator.toggle_voting(wb.store, made["vote"])
        facilitator.toggle_results(wb.store, made["vote"])
    _act(server, close_and_show)
    ctx, page = open_phone(browser, server, made["code"], made["person"]["token"])
    try:
        page.wait_for_selector("#res-h:not(.hidden)")
        wait_for(lambda: page.locator("#results").inner_text() == "Никто не проголосовал — результатов нет",
                 message="the phone saying nobody ranked")
        assert page.locator("#results li[data-place]").count() == 0  # no six-way tie for first
    finally:
        ctx.close()


@pytest.fixture(scope="module")
def module_room(serve):
    """An educational module on its peer review (a ranking of the small groups' topics), open and
    on phones, with one participant joined."""
    def prepare(wb):
        from workbench.session import templates

        code = templates.create_session(wb.store, "Модуль «Проекты»", "educational_module", data_dir=wb.data_dir)
        sid = wb.store.session(code)["id"]
        listing = wb.store.stages(sid)
        topics, review = listing[1]["id"], listing[3]["id"]
        for text in ("Бюджет проекта", "Поиск партнёров", "Работа с волонтёрами"):
            facilitator.add_card(wb.store, sid, topics, text)
        facilitator.toggle_voting(wb.store, review)
        facilitator.show_stage(wb.store, sid, review)
        return {"code": code, "person": wb.store.join(sid, name="Вера Петрова")}

    return serve(prepare)


def test_the_peer_review_of_presentations_does_not_call_them_ideas(module_room, browser):
    """«Взаимная оценка презентаций» asked to order the presentations, then «Нажимайте идеи по
    порядку важности» right under it: the hint now leaves naming what is ranked to the question."""
    server, made = module_room
    ctx, page = open_phone(browser, server, made["code"], made["person"]["token"])
    try:
        page.wait_for_selector("button[data-rank]")
        assert page.locator("#prompt").inner_text() == "Расставьте презентации групп: первая — самая сильная"
        assert page.locator("#decide .hint").inner_text() == "Нажимайте по порядку: первое нажатое займёт первое место"
        assert "иде" not in page.locator("#decide").inner_text().lower()
    finally:
        ctx.close()
