"""Real Chromium on the facilitator's control view, where the layout is the point: what a
first-time facilitator sees in the stage editor, a ticked card on a long wall, the actions in
reach, a long proposal inside the window; and what survives a restart of the server."""

from __future__ import annotations

import signal

import pytest

from workbench.demo import load_demo
from workbench.session import facilitator
from workbench.testing import open_projector, wait_for

pytestmark = pytest.mark.browser

LONG_CARD = "Очень длинная проблема про то, что в округе всё плохо и никто ничего не делает. " * 6
LONG_WORD = "ААААА " + "Б" * 180


def _row(frame, card_id):
    return frame.locator(f".wb-card[data-card='{card_id}']").locator(
        "xpath=ancestor::div[contains(@class,'wb-card-row')][1]")


def _in_window(box, height=720, width=1280) -> bool:
    return box is not None and box["y"] >= -1 and box["y"] + box["height"] <= height and box["x"] + box["width"] <= width


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
    last = frame.locator(".wb-card-row").last
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
    box = frame.get_by_placeholder("Запишите, что сказал участник")
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
    box = frame.get_by_placeholder("Запишите, что сказал участник")
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
    assert frame.get_by_placeholder("Type what someone said aloud").input_value() == ""
    server.stop(signal.SIGKILL)
    down.wait_for(state="visible", timeout=10_000)
    assert down.inner_text() == "Server unreachable, waiting…"
