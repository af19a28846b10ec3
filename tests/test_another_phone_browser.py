"""Real Chromium: Вера's phone dies after two of her three dots; the facilitator's «Телефон сел»
link opens her page on Олег's phone, where she has one dot left, not three, and Олег's own page
on that phone is still his. The QR code on the control view (it carries the person's token, and
may be on the projector) comes down by itself once the borrowed phone opened the page."""

from __future__ import annotations

import pytest

from workbench.session import facilitator, registration, voting
from workbench.testing import PHONE, act, ideas_session, open_projector

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def room(serve):
    def prepare(wb):
        made = ideas_session(wb, "Сессия с севшим телефоном", ("Прокат лодок на озере", "Дом ремёсел", "Остановка у школы"))
        code, sid, stages = made["code"], made["sid"], made["stages"]
        cards = [wb.store.card(i) for i in made["cards"]]
        vera, oleg = (wb.store.join(sid, name=n) for n in ("Вера Петрова", "Олег Смирнов"))
        vote = stages["voting"]
        wb.store.update_stage(vote["id"], voting_open=True, vote_budget=3)
        facilitator.show_stage(wb.store, sid, vote["id"])
        for card in cards[:2]:  # on her own phone, before its battery died
            voting.vote(wb.store, vote["id"], vera["id"], card["id"])
        return {"code": code, "sid": sid, "vote": vote, "cards": cards, "vera": vera, "oleg": oleg}

    return serve(prepare)


def _dots(page, left: int) -> None:
    page.wait_for_function(f"() => document.querySelector('#dots').textContent === 'Осталось голосов: {left}'")


def test_a_borrowed_phone_goes_on_as_the_person_whose_phone_died(room, browser):
    server, r = room
    code = r["code"]
    moved = act(server, lambda wb: facilitator.another_phone(wb.store, r["sid"], r["vera"]["id"]))
    ctx = browser.new_context(**PHONE)  # Олег's phone, in the session as Олег
    try:
        own = ctx.new_page()
        own.goto(f"{server.base}/s/{code}")
        own.evaluate(f"localStorage.setItem('wb:{code}', '{r['oleg']['token']}')")
        own.reload()
        _dots(own, 3)
        own.close()

        page = ctx.new_page()  # the QR code from the laptop's «Телефон сел»
        page.goto(f"{server.base}/s/{code}{moved['fragment']}")
        _dots(page, 1)  # her two dots are hers here too: one left, not a new budget of three
        assert page.locator("#moved").inner_text().startswith("Страница участника: Вера Петрова.")
        page.click(f"button[data-action=vote][data-card='{r['cards'][2]['id']}']:not([disabled])")
        _dots(page, 0)
        # the next person's link pasted into the same tab (only the fragment changes): that person's page
        oleg = act(server, lambda wb: facilitator.another_phone(wb.store, r["sid"], r["oleg"]["id"]))
        page.evaluate(f"location.hash = '{oleg['fragment']}'")
        page.wait_for_function("() => document.querySelector('#moved').textContent.startsWith('Страница участника: Олег')")
        _dots(page, 3)
        page.close()

        own = ctx.new_page()  # Олег opens the session's usual link: his own page, his three dots
        own.goto(f"{server.base}/s/{code}")
        _dots(own, 3)
        assert own.locator("#moved").is_hidden()
        assert own.evaluate(f"localStorage.getItem('wb:{code}')") == r["oleg"]["token"]
    finally:
        ctx.close()

    def counts(wb):
        stage = wb.store.stage(r["vote"]["id"])
        return registration.people_count(wb.store, code), dict(voting.dot_totals(wb.store, stage))

    people, dots = act(server, counts)  # «Осталось голосов: 0» came with the stored dot
    assert people == 2  # nobody joined again: two people in the room, as before
    assert dots == {r["cards"][0]["id"]: 1, r["cards"][1]["id"]: 1, r["cards"][2]["id"]: 1}


def test_the_qr_code_leaves_the_control_view_once_the_borrowed_phone_opened_the_page(room, browser):
    server, r = room
    screen, frame = open_projector(browser, server, r["code"])
    ctx = browser.new_context(**PHONE)
    try:
        frame.get_by_role("button", name="Сел телефон или его нет…").click()
        person = frame.locator(".wb-another-person select")
        person.locator("option", has_text="Олег Смирнов").wait_for(state="attached")
        label = person.locator("option", has_text="Олег Смирнов").inner_text()
        person.select_option(label=label)
        frame.get_by_role("button", name="Страница участника").click()
        qr = frame.locator(".wb-another-link [data-another-qr] svg")
        qr.wait_for()
        url = frame.locator(".wb-another-link a[data-another]").get_attribute("href")
        assert url.endswith("#as=" + r["oleg"]["token"])

        page = ctx.new_page()  # the QR code scanned by the phone Олег borrowed
        page.goto(url)
        page.wait_for_function("() => document.querySelector('#moved').textContent.startsWith('Страница участника: Олег')")
        # within the control view's refresh: no code on the screen, a note of what happened
        frame.wait_for_function("() => !document.querySelector('.wb-another-link svg')", timeout=15_000)
        note = frame.locator(".wb-another-link [data-another-note]")
        assert note.inner_text() == "Телефон подключён: Олег Смирнов. QR-код убран"
        assert r["oleg"]["token"] not in frame.locator(".wb-another-link").inner_html()
    finally:
        ctx.close()
        screen.close()


def test_people_who_gave_no_name_are_in_the_list_and_told_apart(room, browser):
    server, r = room

    def two_nameless(wb):  # two phones whose owners skipped the name, joined in the same minute
        return [wb.store.join(r["sid"], name="")["token"] for _ in range(2)]

    tokens = act(server, two_nameless)
    everyone = act(server, lambda wb: registration.people_count(wb.store, r["code"]))
    screen, frame = open_projector(browser, server, r["code"])
    try:
        frame.get_by_role("button", name="Сел телефон или его нет…").click()
        person = frame.locator(".wb-another-person select")
        second = person.locator("option", has_text="Участник без имени № 2")
        second.wait_for(state="attached")
        labels = [label.replace("\xa0", " ") for label in person.locator("option").all_inner_texts()]
        assert len(labels) == everyone + 1  # everyone who came, and «чья страница?»
        assert len(set(labels)) == len(labels)  # no two read alike
        assert any(label.startswith("Участник без имени № 1 · вход в ") for label in labels)
        person.select_option(label=second.inner_text())
        frame.get_by_role("button", name="Страница участника").click()
        link = frame.locator(".wb-another-link a[data-another]")
        link.wait_for()
        assert link.get_attribute("href").endswith("#as=" + tokens[1])  # the second one's page, not the first's
    finally:
        screen.close()


def test_no_label_of_the_control_view_shows_null_on_hover(room, browser):
    server, r = room  # on a voting stage: «Голосуем за» is on the control view
    screen, frame = open_projector(browser, server, r["code"])
    try:
        frame.get_by_role("button", name="Сел телефон или его нет…").click()
        frame.locator(".wb-another-person select").wait_for()
        frame.get_by_text("Голосуем за", exact=True).first.wait_for()
        nulls = frame.evaluate("""() => [...document.querySelectorAll('[title]')]
            .filter(e => ['null', 'undefined'].includes(e.getAttribute('title')))
            .map(e => e.tagName + ':' + e.textContent.trim().slice(0, 40) + ':' + (e.parentElement.className || '').slice(0, 60))""")
        assert nulls == []  # hovering a label shows its text, or nothing, never «null»
    finally:
        screen.close()
