"""Real Chromium on the facilitator's control view, where the layout is the point: what a
first-time facilitator sees in the stage editor, a ticked card on a long wall, the actions in
reach, a long proposal inside the window; and what survives a restart of the server."""

from __future__ import annotations

import signal

import pytest

from workbench.demo import load_demo
from workbench.session import display, facilitator
from workbench.testing import open_projector, wait_for

pytestmark = pytest.mark.browser

LONG_CARD = "Очень длинная проблема про то, что в округе всё плохо и никто ничего не делает. " * 6
LONG_WORD = "ААААА " + "Б" * 180


def _row(frame, card_id):
    return frame.locator(f".wb-card[data-card='{card_id}']").locator(
        "xpath=ancestor::div[contains(@class,'wb-card-row')][1]")


def _in_window(box, height=720, width=1280) -> bool:
    return box is not None and box["y"] >= -1 and box["y"] + box["height"] <= height and box["x"] + box["width"] <= width


def _open_display(screen, frame):
    """The display, opened from the control view's link in a window of its own."""
    with screen.context.expect_page() as opened:
        frame.locator("[data-display-link]").click()
    page = opened.value
    page.wait_for_selector("#main[data-mode]")
    return page


def test_a_long_wall_the_editor_and_a_proposal_as_the_facilitator_sees_them(browser, fresh):
    wb, start = fresh
    code = load_demo(wb.store, teams=False)
    s = wb.store.session(code)
    ideas = next(st for st in wb.store.stages(s["id"]) if st["kind"] == "ideas")
    wb.store.set_current_stage(s["id"], ideas["id"])
    for i in range(40):
        facilitator.add_card(wb.store, s["id"], ideas["id"], f"Идея {i + 1}: сделать что-то для округа")
    long_card = wb.store.add_card(s["id"], ideas["id"], LONG_CARD)["id"]
    wb.store.add_card(s["id"], ideas["id"], LONG_WORD)
    server = start()
    screen, frame = open_projector(browser, server, code)
    frame.wait_for_selector(f".wb-card[data-card='{long_card}']")

    # a ticked long card: its ✓ keeps 44 px and the card itself is framed in orange
    row = _row(frame, long_card)
    tick = row.locator("button.wb-select")
    assert tick.bounding_box()["width"] == pytest.approx(44, abs=1)
    card = frame.locator(f".wb-card[data-card='{long_card}']")
    plain = card.evaluate("e => getComputedStyle(e).backgroundColor")
    tick.click()
    frame.wait_for_selector(".wb-card-row.wb-selected")
    style = card.evaluate("e => [getComputedStyle(e).outlineStyle, parseFloat(getComputedStyle(e).outlineWidth),"
                          " getComputedStyle(e).backgroundColor]")
    assert style[0] == "solid" and style[1] >= 3 and style[2] != plain
    assert tick.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(224, 123, 0)"

    # at the bottom of the wall the actions are still in the window, and they work from there
    last = frame.locator(".wb-card-row").first  # the wall is drawn in reverse: the first is at the bottom
    last.scroll_into_view_if_needed()
    assert frame.evaluate("document.querySelector('.lm-BoxPanel-child').scrollTop") > 3000  # three screens down
    hide = frame.get_by_role("button", name="Скрыть", exact=True)
    assert _in_window(hide.bounding_box()), hide.bounding_box()
    hide.click()
    wait_for(lambda: wb.store.card(long_card)["hidden"], message="the ticked card to be hidden")
    frame.get_by_role("button", name="Исправить", exact=True).click()
    message = frame.get_by_text("Отметьте ✓ карточку")
    message.wait_for()
    assert _in_window(message.bounding_box())  # said where the facilitator is looking

    # a proposal with a long unbroken word stays inside the window
    frame.get_by_role("button", name="Предложить группы").click()
    frame.wait_for_selector(".wb-proposal", timeout=60_000)
    frame.get_by_role("button", name="Принять группы").click()
    frame.wait_for_selector(".wb-card.grp")
    wb.store.add_card(s["id"], ideas["id"], LONG_WORD + " ещё раз")
    frame.get_by_role("button", name="Предложить группы").click()
    frame.wait_for_selector(".wb-proposal", timeout=60_000)
    proposal = frame.locator(".wb-proposal")
    qr = frame.locator(".wb-code").bounding_box()
    assert proposal.bounding_box()["x"] + proposal.bounding_box()["width"] <= qr["x"]
    assert frame.evaluate("document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth")

    # the stage editor: a labelled kind with a value, a whole save button, a new stage named apart
    frame.get_by_role("button", name="Голосование", exact=True).first.click()
    frame.wait_for_selector("text=Способ")
    frame.get_by_role("button", name="✎ Этапы").click()
    kind = frame.locator(".wb-stage-kind select")
    kind.wait_for()
    assert kind.evaluate("e => e.options[e.selectedIndex] && e.options[e.selectedIndex].text") == "Карточки"
    assert frame.locator(".wb-stage-kind label").inner_text().strip() == "Новый этап после этого:"
    save = frame.get_by_role("button", name="Сохранить название и вопрос")
    assert save.evaluate("e => e.scrollWidth <= e.clientWidth")
    kind.select_option(label="Голосование")
    frame.get_by_role("button", name="Добавить этап").click()
    frame.wait_for_selector(".wb-stage-picker button:text-is('Голосование 2')")
    picker = frame.locator(".wb-stage-picker button").all_inner_texts()
    assert len(picker) == len(set(picker))
    frame.wait_for_selector("text=Голосование ещё не открыто")
    assert frame.locator("text=Откройте и заполните бюллетень").count() == 0


def test_the_assistants_unsent_text_and_the_offline_banner_across_a_restart(browser, fresh):
    wb, start = fresh
    code = load_demo(wb.store, teams=False)
    server = start()
    screen, frame = open_projector(browser, server, code)
    box = frame.get_by_placeholder("Запишите, что сказал участник").filter(visible=True)
    box.fill("Нужна остановка у школы — говорит Мария Петровна")
    kernel = frame.evaluate("document.getElementById('jupyter-config-data').textContent")
    server.stop(signal.SIGKILL)  # the laptop's server dies while the assistant types
    down = screen.locator("#down")
    down.wait_for(state="visible", timeout=10_000)
    assert down.inner_text() == "Нет связи с сервером, ждём…"  # one language: the page's
    box.press("End")
    box.type(" и у клуба")  # typed while the server is down
    server = start(port=server.port)
    # the frame reloads the view on a new kernel by itself; the text is back in the box
    screen.wait_for_function(
        "old => { const f = document.getElementById('projector').contentDocument;"
        " const c = f && f.getElementById('jupyter-config-data');"
        " return c && c.textContent !== old && f.querySelector('.wb-keep-draft textarea'); }",
        arg=kernel, timeout=60_000)
    frame = screen.frame(name="projector")
    box = frame.get_by_placeholder("Запишите, что сказал участник").filter(visible=True)
    wanted = "Нужна остановка у школы — говорит Мария Петровна и у клуба"
    wait_for(lambda: box.input_value() == wanted, timeout=30, message="the unsent text back in the box")
    frame.get_by_role("button", name="Добавить", exact=True).click()  # the new kernel has it too
    sid = wb.store.session(code)["id"]
    wait_for(lambda: any(c["text"] == wanted for c in wb.store.cards(sid)), message="the card to be added")
    wait_for(lambda: box.input_value() == "", message="the box to empty")
    screen.reload()  # sent text is not put back
    frame = screen.frame(name="projector")
    frame.wait_for_selector(".wb-keep-draft textarea", timeout=60_000)
    frame.get_by_role("button", name="EN").click()
    frame.wait_for_selector(".wb-projector.wb-lang-en")
    assert frame.get_by_placeholder("Type what someone said aloud").filter(visible=True).input_value() == ""
    server.stop(signal.SIGKILL)
    down.wait_for(state="visible", timeout=10_000)
    assert down.inner_text() == "Server unreachable, waiting…"


def test_after_a_restart_the_laptop_and_the_projector_agree_and_clicks_lost_are_named(browser, fresh):
    """The reviewer's second outage: the laptop on «Точки роста», the phones on «Образ будущего»,
    the assistant typing; the server killed; «Показать участникам» and «Добавить» clicked while it
    is down; the server back. The control view comes back on the stage the display shows, the text
    in that stage's box; the clicks made while it was down are named, to click again; a click on
    the stage or display mode already chosen puts the display back in line."""
    wb, start = fresh
    code = load_demo(wb.store, teams=False)
    sid = wb.store.session(code)["id"]
    by_title = {st["title"]: st["id"] for st in wb.store.stages(sid)}
    vision, growth = by_title["Образ будущего"], by_title["Точки роста и преимущества"]
    facilitator.show_stage(wb.store, sid, vision)  # on phones and on the display
    display.set_display(wb.store, sid, "wall", vision)  # the QR code taken down: the display names the stage
    server = start()
    screen, frame = open_projector(browser, server, code)
    page = _open_display(screen, frame)
    picker = frame.locator(".wb-stage-picker")
    picker.get_by_role("button", name="Точки роста и преимущества", exact=True).click()
    page.wait_for_function("() => document.getElementById('stage').textContent === 'Точки роста и преимущества'")
    said = "Туристов много летом — говорит Иван"
    box = frame.get_by_placeholder("Запишите, что сказал участник").filter(visible=True)
    box.fill(said)
    kernel = frame.evaluate("document.getElementById('jupyter-config-data').textContent")

    server.stop(signal.SIGKILL)
    down = screen.locator("#down")
    down.wait_for(state="visible", timeout=10_000)
    frame.get_by_role("button", name="Показать участникам").click()
    frame.get_by_role("button", name="Добавить", exact=True).click()
    wait_for(lambda: "Не выполнено: Показать участникам, Добавить" in down.inner_text(),
             message="the banner to name the clicks that did not reach the server")
    server = start(port=server.port)
    screen.wait_for_function(
        "old => { const f = document.getElementById('projector').contentDocument;"
        " const c = f && f.getElementById('jupyter-config-data');"
        " return c && c.textContent !== old && f.querySelector('.wb-stage-picker button.mod-active'); }",
        arg=kernel, timeout=60_000)
    frame = screen.frame(name="projector")
    missed = screen.locator("#missed")
    missed.wait_for(state="visible", timeout=10_000)
    assert missed.locator("span").inner_text() == ("Не выполнено, пока не было связи: Показать участникам, "
                                                   "Добавить — нажмите ещё раз")
    assert wb.store.session(code)["current_stage_id"] == vision  # indeed not done
    assert not any(c["text"] == said for c in wb.store.cards(sid))
    # back on the stage the display shows, the text in its box
    active = frame.locator(".wb-stage-picker button.mod-active")
    assert active.inner_text() == "Точки роста и преимущества"
    assert page.locator("#stage").inner_text() == "Точки роста и преимущества"
    box = frame.get_by_placeholder("Запишите, что сказал участник").filter(visible=True)
    wait_for(lambda: box.input_value() == said, timeout=30, message="the unsent text back in its stage's box")
    frame.get_by_role("button", name="Добавить", exact=True).click()
    wait_for(lambda: [c["stage_id"] for c in wb.store.cards(sid) if c["text"] == said] == [growth],
             message="the card added under «Точки роста»")
    missed.get_by_role("button", name="Закрыть").click()
    assert missed.is_hidden()

    # the display moved elsewhere (another window): one click on what is already chosen brings it back
    display.set_display(wb.store, sid, "wall", vision)
    page.wait_for_function("() => document.getElementById('stage').textContent === 'Образ будущего'")
    frame.locator(".wb-display-choice").get_by_role("button", name="Стена", exact=True).click()
    page.wait_for_function("() => document.getElementById('stage').textContent === 'Точки роста и преимущества'")
    display.set_display(wb.store, sid, "wall", vision)
    page.wait_for_function("() => document.getElementById('stage').textContent === 'Образ будущего'")
    active.click()
    page.wait_for_function("() => document.getElementById('stage').textContent === 'Точки роста и преимущества'")

    # the stage editor folds away when the facilitator moves on; the two word buttons are told apart
    frame.get_by_role("button", name="✎ Этапы").click()
    editor = frame.locator(".wb-stage-editor")
    editor.wait_for()
    picker.get_by_role("button", name="Проектные идеи", exact=True).click()
    editor.wait_for(state="hidden")
    page.wait_for_function("() => document.getElementById('stage').textContent === 'Проектные идеи'")
    assert frame.get_by_role("button", name="Облако слов", exact=True).count() == 1  # the display's
    assert frame.get_by_role("button", name="Частые слова", exact=True).count() == 1  # the laptop's own


def test_a_card_from_a_phone_goes_on_top_of_a_full_wall_without_redrawing_it(browser, fresh):
    """180 cards on the stage, as at a real session: a card sent from a phone appears at the top
    of the laptop's wall, and the cards already there stay the same elements on the page (the
    whole wall was redrawn for each new card, and the laptop fell tens of seconds behind)."""
    wb, start = fresh
    code = load_demo(wb.store, teams=False)
    s = wb.store.session(code)
    ideas = next(st for st in wb.store.stages(s["id"]) if st["kind"] == "ideas")
    wb.store.set_current_stage(s["id"], ideas["id"])
    for i in range(180):
        wb.store.add_card(s["id"], ideas["id"], f"Идея {i + 1}: сделать что-то для округа")
    person = wb.store.join(s["id"], name="Анна")
    server = start()
    screen, frame = open_projector(browser, server, code)
    frame.wait_for_selector(".wb-card:text('Идея 180:')")
    frame.evaluate("() => document.querySelectorAll('.wb-card[data-card]').forEach(e => e.dataset.seen = '1')")
    before = frame.locator(".wb-card[data-card]").count()

    new = wb.store.add_card(s["id"], ideas["id"], "Пустить автобус до Лядин", participant_id=person["id"])["id"]
    card = frame.locator(f".wb-card[data-card='{new}']")
    card.wait_for(timeout=20_000)
    tops = frame.evaluate("""() => [...document.querySelectorAll('.wb-card[data-card]')]
        .map(e => [e.dataset.card, e.getBoundingClientRect().top, e.dataset.seen || ''])""")
    assert len(tops) == before + 1
    order = [c for c, _, _ in sorted(tops, key=lambda x: x[1])]
    assert order[0] == str(new)  # the newest on top, where the facilitator looks
    assert order[1] == str(next(c["id"] for c in wb.store.cards(s["id"], ideas["id"])
                                if c["text"].startswith("Идея 180:")))
    assert all(seen == "1" for c, _, seen in tops if c != str(new))  # not one card redrawn
