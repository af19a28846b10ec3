"""The door as the reviewer played it, on a real server: the answer to a registration is a page
of its own (a reload sends nothing again; the same form sent twice is one registration), it
says when and where the event is and links to joining the session; a second scan of a QR code
says when the person came; an assistant logged in on one staff phone registers walk-ins
without being slowed down."""

from __future__ import annotations

import json
import re
from urllib.parse import urlencode

import pytest

from workbench.app import Workbench
from workbench.testing import Http, wait_for

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture(scope="module")
def door(serve):
    def prepare(wb):
        # phones reach the laptop directly: each address is one device, limited after five
        (wb.data_dir / "settings.json").write_text(json.dumps({"trusted_proxies": "192.0.2.1"}))
        return wb.store.create_session("Будущее Плесецкого округа", territory="Плесецкий округ",
                                       date="2026-12-12")
    return serve(prepare)


def _registrations(server):
    wb = Workbench(server.data_dir)
    try:
        return wb.store.registrations()
    finally:
        wb.close()


def _send(server, code, headers=None, **fields):
    body = {"name": "Тимофей Рябов", "territory": "Самодед", "consent": "yes", **fields}
    return Http().post(f"{server.base}/reg/{code}", data=urlencode(body), headers={**FORM, **(headers or {})})


def test_the_answer_is_a_page_of_its_own_and_the_same_form_twice_is_one_registration(door):
    server, code = door
    form = Http().get(f"{server.base}/reg/{code}")
    assert "12 декабря 2026 г. · Плесецкий округ" in form.text  # when and where, on the form
    request = re.search(r"name='request' value='([^']+)'", form.text).group(1)
    before = len(_registrations(server))
    first = _send(server, code, request=request)
    assert first.status_code == 303
    answer = first.headers["Location"]
    again = _send(server, code, request=request)  # the browser sent the form again
    assert again.status_code == 303 and again.headers["Location"] == answer
    page = Http().get(server.base + answer)  # the answer: reloading it is a GET, nothing is sent
    assert page.status_code == 200 and "Тимофей Рябов" in page.text and "<img class='qr'" in page.text
    assert "12 декабря 2026 г. · Плесецкий округ" in page.text
    join = re.search(r"<a class='join' href='([^']+)' data-join>Войти в сессию</a>", page.text).group(1)
    assert f"/s/{code}#name=" in join and "territory=" in join
    assert Http().get(server.base + answer).status_code == 200
    # the same form typed again a minute later (another tab, a new request id): still one registration
    assert _send(server, code, name="тимофей  рябов", territory="п. Самодед").headers["Location"] == answer
    assert len(_registrations(server)) == before + 1
    assert "Регистрация не найдена" in Http().get(f"{server.base}/reg/{code}/{'x' * 22}").text
    # the answer's address holds the check-in token: the log masks it, as it masks /checkin/
    wait_for(lambda: f"/reg/{code}/[secret]" in server.log_path.read_text(), message="the 404's log line")
    assert "x" * 22 not in server.log_path.read_text()


def test_a_second_scan_says_when_the_person_came(door):
    server, code = door
    token = _send(server, code, name="Лидия Зуева").headers["Location"].split("?")[0].rsplit("/", 1)[1]
    first = Http().get(f"{server.base}/checkin/{token}?token={server.token}")
    assert first.status_code == 200 and "Отмечен(а) на входе: Лидия Зуева" in first.text
    came = next(r for r in _registrations(server) if r["name"] == "Лидия Зуева")["checked_in_at"]
    import time

    at = time.localtime(came)
    second = Http().get(f"{server.base}/checkin/{token}?token={server.token}")
    assert f"Уже отмечен(а) в {at.tm_hour}:{at.tm_min:02d}: Лидия Зуева" in second.text


def test_an_assistant_logged_in_on_one_phone_registers_walk_ins_without_waiting(door):
    server, code = door
    # logged in as the facilitator: the login cookie of the projector URL
    login = Http().get(server.projector_url(code))
    cookie = "; ".join(c.split(";", 1)[0] for c in login.headers.get_all("Set-Cookie") or [])
    assert cookie, login.status_code
    staff = {"Cookie": cookie}
    answers = [_send(server, code, staff, name=f"Гость {i}") for i in range(12)]
    assert [r.status_code for r in answers] == [303] * 12
    # the same address without the login (a phone of the room's) is still slowed down
    walk = [_send(server, code, name=f"Бот {i}") for i in range(8)]
    assert walk[-1].status_code == 429 and "С этого адреса регистрируются слишком часто" in walk[-1].text
    assert "Зарегистрировать ещё одного человека" in Http().get(
        server.base + answers[-1].headers["Location"], headers=staff).text
