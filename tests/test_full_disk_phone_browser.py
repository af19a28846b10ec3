"""Real Chromium on the phone page while the facilitator's disk is full: a dot tapped then is not
lost. The phone says it is not saved and why, and once the facilitator has made room it goes by
itself, counted once. The disk is filled for real: the server may not grow any file past its size
now (RLIMIT_FSIZE, as `test_api_errors` does)."""

from __future__ import annotations

import resource

import pytest

from workbench.demo import load_demo
from workbench.drafts import create_draft
from workbench.session import facilitator, review, team_links
from workbench.testing import PHONE, Phone, ideas_session, open_phone, voting_session, wait_for

pytestmark = pytest.mark.browser


def _fill_the_disk(server, data_dir, code):
    """Joins write rows until the store cannot grow: the server's next write gets a full disk."""
    soft, hard = resource.prlimit(server.proc.pid, resource.RLIMIT_FSIZE)
    files = [p for p in data_dir.iterdir() if p.name.startswith("workbench.sqlite")]
    resource.prlimit(server.proc.pid, resource.RLIMIT_FSIZE, (max(p.stat().st_size for p in files), hard))
    for _ in range(400):
        if Phone(server.base, code).call("POST", "/join", {"name": "Гость"}).status_code == 507:
            return lambda: resource.prlimit(server.proc.pid, resource.RLIMIT_FSIZE, (soft, hard))
    raise AssertionError("the store never filled the disk")


def test_a_dot_tapped_on_a_full_disk_goes_by_itself_once_there_is_room(browser, fresh):
    """It was refused with «Ответ не сохранён… Скажите ведущему», a message that stayed after the
    facilitator freed the disk: the dot was gone and nothing said to tap again."""
    wb, start = fresh
    room = voting_session(wb, "Полный диск", "dots")
    server = start()
    ctx, page = open_phone(browser, server, room["code"], room["person"]["token"])
    try:
        page.wait_for_selector("button[data-action=vote]:not([disabled])")
        assert page.locator("#dots").inner_text() == "Осталось голосов: 3"
        first = int(page.locator("button[data-action=vote]").first.get_attribute("data-card"))
        make_room = _fill_the_disk(server, wb.data_dir, room["code"])
        page.locator("button[data-action=vote]").first.click()
        wait_for(lambda: "кончилось место" in page.locator("#msg").inner_text(), message="the phone saying why")
        assert "уйдёт сам, как только место появится" in page.locator("#msg").inner_text()
        assert page.locator("button[data-action=vote]").first.is_disabled()  # it waits: no second dot yet
        assert wb.store.dots_of(room["vote"], room["person"]["id"]) == {}
        make_room()
        wait_for(lambda: page.locator("#msg").inner_text() == "Место на диске появилось: голос засчитан",
                 timeout=20, message="the dot sent again once there is room")
        wait_for(lambda: page.locator("#dots").inner_text() == "Осталось голосов: 2", message="one dot on the phone")
        assert wb.store.dots_of(room["vote"], room["person"]["id"]) == {first: 1}
        assert page.locator("button[data-action=vote]").first.is_enabled()
    finally:
        ctx.close()


def test_a_card_sent_on_a_full_disk_goes_by_itself_once_there_is_room(browser, fresh):
    """The card's text stayed in its box with the refusal, and nothing sent it once the disk had room."""
    wb, start = fresh
    room = ideas_session(wb, "Полный диск", ["Прокат лодок на озере"])
    facilitator.show_stage(wb.store, room["sid"], room["stages"]["ideas"]["id"])
    person = wb.store.join(room["sid"], name="Вера Петрова")
    server = start()
    ctx, page = open_phone(browser, server, room["code"], person["token"])
    try:
        page.wait_for_selector("#text")
        make_room = _fill_the_disk(server, wb.data_dir, room["code"])
        page.locator("#text").fill("Мост через реку к причалу")
        page.locator("#send").click()
        wait_for(lambda: "уйдёт сам, как только место появится" in page.locator("#msg").inner_text(),
                 message="the phone saying the card waits for room")
        assert page.locator("#text").input_value() == "Мост через реку к причалу"
        make_room()
        wait_for(lambda: page.locator("#msg").inner_text() == "Отправлено", timeout=20, message="the card sent by itself")
        assert page.locator("#text").input_value() == ""
        texts = [c["text"] for c in wb.store.cards(room["sid"], room["stages"]["ideas"]["id"])]
        assert texts.count("Мост через реку к причалу") == 1
    finally:
        ctx.close()


def test_a_team_page_saves_by_itself_once_the_disk_has_room(browser, fresh):
    """The field said «Ответ не сохранён… Скажите ведущему» and stayed unsaved after the disk was
    freed, until the member typed again. Now the page says the edits wait for room, and saves them."""
    wb, start = fresh
    room = voting_session(wb, "Полный диск", "dots")
    draft = create_draft(wb.store, room["sid"], {"title": "Школа ремёсел"})
    link = team_links.team_link(wb.store, draft)["token"]
    server = start()
    ctx = browser.new_context(**PHONE)
    page = ctx.new_page()
    try:
        page.goto(f"{server.base}/t/{link}")
        page.wait_for_selector("#f-goal")
        wait_for(lambda: page.locator("#saved").inner_text() == "Все правки сохранены", message="the page loaded")
        make_room = _fill_the_disk(server, wb.data_dir, room["code"])
        page.fill("#f-goal", "Обучить 40 подростков к маю")
        page.locator("#f-summary").focus()  # leaving the field saves it at once
        wait_for(lambda: page.locator("#offline").inner_text().startswith("Не сохранено: на компьютере ведущего "
                                                                          "кончилось место"),
                 message="the page saying the edit waits for room")
        assert page.locator("#saved").inner_text() == "Не сохранено"
        make_room()
        wait_for(lambda: page.locator("#saved").inner_text() == "Все правки сохранены", timeout=30,
                 message="saved by itself")
        assert page.locator("#offline").inner_text() == ""
        assert wb.store.draft(draft)["fields"]["goal"] == "Обучить 40 подростков к маю"
    finally:
        ctx.close()


def test_review_scores_sent_on_a_full_disk_go_by_themselves_once_there_is_room(browser, fresh):
    """The scores were refused with «Ответ не сохранён… Скажите ведущему» and never sent again."""
    wb, start = fresh
    code = load_demo(wb.store)
    review.add_criterion(wb.store, code, "Ясность цели", "Цель измерима и понятна")
    review.open_review(wb.store, code)
    me = wb.store.participants(wb.store.session(code)["id"])[0]  # the first team's leader
    server = start()
    ctx = browser.new_context(viewport={"width": 390, "height": 800})
    try:
        ctx.add_init_script(f"localStorage.setItem('wb:{code}', '{me['token']}')")
        page = ctx.new_page()
        page.goto(f"{server.base}/s/{code}/review")
        other = page.locator(".team").nth(1)
        other.wait_for()
        make_room = _fill_the_disk(server, wb.data_dir, code)
        other.locator(".scale button", has_text="4").first.click()
        other.locator(".send").click()
        wait_for(lambda: other.locator(".msg").inner_text().startswith("Не сохранено: на компьютере ведущего "
                                                                       "кончилось место"),
                 message="the phone saying the scores wait for room")
        make_room()
        wait_for(lambda: other.locator(".msg").inner_text() == "Оценка сохранена", timeout=20,
                 message="the scores sent by themselves")
        scored = [t["scores"] for t in review.phone_view(wb.store, code, me["token"])["teams"] if t["scores"]]
        assert scored and "4" in map(str, scored[0].values())
    finally:
        ctx.close()
