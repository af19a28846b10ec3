"""Real Chromium: a stage made from a stage template speaks the page's language on the phone and the
display (its English title and question on an English phone), until the facilitator types their own."""

from __future__ import annotations

import pytest

from workbench.session import display, stages, templates

pytestmark = pytest.mark.browser


def _text_is(page, selector: str, text: str) -> None:
    """Wait (with Playwright's deadline) until `selector` shows exactly `text`."""
    page.wait_for_function("([s, t]) => { const e = document.querySelector(s); return e && e.textContent === t; }",
                           arg=[selector, text], timeout=10_000)


def test_an_english_phone_shows_the_templates_english_stage_until_the_facilitator_types(browser, fresh):
    wb, start = fresh
    code = templates.create_session(wb.store, "Модуль «Проектное управление»", "educational_module",
                                    data_dir=wb.data_dir)
    session = wb.store.session(code)
    talk = wb.store.stages(session["id"])[0]
    token = wb.store.join(session["id"], name="Ольга")["token"]
    server = start()
    ctx = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    ctx.add_init_script(f"localStorage.setItem('wb:lang', 'en'); localStorage.setItem('wb:{code}', '{token}')")
    phone = ctx.new_page()
    wall = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        phone.goto(f"{server.base}/s/{code}")
        _text_is(phone, "#stage", "Talk: questions")
        _text_is(phone, "#prompt", "What would you like to ask the speaker?")
        assert phone.evaluate("document.documentElement.lang") == "en"
        phone.click("#lang")  # to Russian: the template's Russian text, without a reload
        _text_is(phone, "#stage", "Лекция: вопросы")
        _text_is(phone, "#prompt", "Что вы хотите спросить у лектора?")
        phone.click("#lang")
        _text_is(phone, "#stage", "Talk: questions")

        display.set_display(wb.store, session["id"], "wall", talk["id"])
        wall.goto(server.projector_url(code))  # the facilitator's login
        wall.goto(f"{server.base}/d/{code}?lang=en")
        _text_is(wall, "#stage", "Talk: questions")

        stages.rename(wb.store, talk["id"], "Вопросы к Ирине Сергеевне")  # typed on the laptop
        _text_is(phone, "#stage", "Вопросы к Ирине Сергеевне")  # as typed, in English too
        _text_is(wall, "#stage", "Вопросы к Ирине Сергеевне")
        assert phone.locator("#prompt").inner_text() == "What would you like to ask the speaker?"
    finally:
        ctx.close()
        wall.close()
