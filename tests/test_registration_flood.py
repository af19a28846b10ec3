"""Registration cannot be flooded and takes only contacts that are contacts (the flood review: 300
POSTs in 2.3 s, all listed, deletable one by one; e-mail «не почта», phone «звоните»): a
device's address registers a few times, then is told to wait with the form kept; an e-mail or
phone that is none is refused with what was typed kept; staff delete several registrations at once."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest

from workbench.session import registration
from workbench.testing import Http, act

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def _event(settings=None):
    def prepare(wb):
        if settings:
            (wb.data_dir / "settings.json").write_text(json.dumps(settings))
        return wb.store.create_session("Модуль 1: логика проекта", code="MOD001")
    return prepare


@pytest.fixture(scope="module")
def laptop(serve):
    """Phones reach the laptop directly: each request's address is one device."""
    return serve(_event({"trusted_proxies": "192.0.2.1"}))


@pytest.fixture(scope="module")
def behind_nginx(serve):
    return serve(_event())


def _send(server, code, headers=None, **fields):
    body = {"name": "Анна Белова", "consent": "yes", **fields}
    return Http().post(f"{server.base}/reg/{code}", data=urlencode(body), headers={**FORM, **(headers or {})})


def _count(server, code):
    return act(server, lambda wb: len(wb.store.registrations(wb.store.session(code)["id"])))


def test_a_form_sent_in_a_loop_from_one_device_stops_after_five_with_the_form_kept(laptop):
    server, code = laptop
    answers = [_send(server, code, name=f"Бот {i}") for i in range(20)]
    assert [r.status_code for r in answers] == [303] * 5 + [429] * 15
    last = answers[-1].text
    assert "С этого адреса регистрируются слишком часто: подождите" in last and "value='Бот 19'" in last
    assert "name='consent' value='yes' checked" in last  # what was typed and ticked comes back
    assert _count(server, code) == 5


def test_an_office_behind_one_proxy_address_registers_its_people(behind_nginx):
    server, code = behind_nginx
    office = {"X-Forwarded-For": "203.0.113.7"}
    assert [_send(server, code, office, name=f"Сотрудник {i}").status_code for i in range(12)] == [303] * 12


def test_an_email_or_phone_that_is_none_is_refused_and_the_form_keeps_what_was_typed(behind_nginx):
    server, code = behind_nginx
    before = _count(server, code)
    r = _send(server, code, organisation="ТОС «Лесной»", email="не почта", phone="+7 900 123-45-67")
    assert r.status_code == 400 and "Проверьте адрес электронной почты: в нём нужны @ и домен с точкой" in r.text
    assert "value='не почта'" in r.text and "value='ТОС «Лесной»'" in r.text and "value='+7 900 123-45-67'" in r.text
    r = _send(server, code, email="anna@mail.ru", phone="звоните", lang="en")
    assert r.status_code == 400 and "Check the phone: 5 to 15 digits" in r.text and "value='звоните'" in r.text
    assert _count(server, code) == before
    assert _send(server, code, email="anna@mail.ru", phone="+7 (900) 123-45-67").status_code == 303  # the answer: its own page


def test_staff_delete_several_registrations_at_once_after_confirming(wb):
    from workbench.ui.registration_view import RegistrationPanel

    code = wb.store.create_session("Модуль 2", code="MOD002")
    for name in ["Анна Белова", "Олег Смирнов"] + [f"Бот {i}" for i in range(10)]:
        registration.register(wb.store, code, {"name": name, "consent": True})
    panel = RegistrationPanel(wb, code, "ru")
    assert len(panel.picks.options) == 12 and panel.picks.options[0][0].startswith("Бот 9 · Зарегистрирован(а)")
    panel.delete_picked.click()  # nothing chosen: said, nothing deleted
    assert "Выберите регистрации в списке" in panel.message.value
    panel.picks.value = tuple(i for label, i in panel.picks.options if label.startswith("Бот"))
    panel.delete_picked.click()
    assert "Удалить регистраций: 10? Отменить это нельзя." in panel.picked_question.value
    assert len(wb.store.registrations()) == 12  # not before the confirmation
    panel.picked_yes.click()
    assert "Удалено регистраций: 10" in panel.message.value
    assert [r["name"] for r in wb.store.registrations()] == ["Анна Белова", "Олег Смирнов"]
    assert "Бот" not in panel.table.value and len(panel.picks.options) == 2


@pytest.mark.browser
def test_the_form_in_a_phone_browser_says_what_to_fix_and_keeps_everything(behind_nginx, browser):
    from workbench.testing import PHONE

    server, code = behind_nginx
    ctx = browser.new_context(**PHONE)
    try:
        page = ctx.new_page()
        page.goto(f"{server.base}/reg/{code}")
        page.fill("input[name=name]", "Мария Кузнецова")
        page.fill("input[name=email]", "maria@mail")  # the browser lets it through; the server does not
        page.fill("input[name=phone]", "звоните")
        page.check("input[name=consent]")
        page.click("button")
        page.locator(".err").wait_for(timeout=10_000)
        assert page.locator(".err").inner_text().startswith("Проверьте адрес электронной почты")
        assert page.locator("input[name=email]").input_value() == "maria@mail"
        assert page.locator("input[name=name]").input_value() == "Мария Кузнецова"
        assert page.locator("input[name=consent]").is_checked()
        page.fill("input[name=email]", "maria@mail.ru")
        page.click("button")
        page.wait_for_function("document.querySelector('.err') && document.querySelector('.err').innerText.indexOf('телефон') >= 0")
        assert page.locator("input[name=phone]").input_value() == "звоните"
        page.fill("input[name=phone]", "8 921 000-00-00")
        page.click("button")
        page.locator("img.qr").wait_for(timeout=10_000)
    finally:
        ctx.close()
