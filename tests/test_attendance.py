"""Who was in the room: people who joined on a phone and people checked in at the door without
one, counted once each in the control view and the protocol; spellings of one territory
(«п. Плесецк», «Плесецк») counted as one place."""

from __future__ import annotations

from workbench.exports import protocol_markdown, protocol_xlsx
from workbench.session import registration
from workbench.ui.projector import ProjectorView


def _room(wb):
    """The reviewer's door: 10 registered, 8 checked in (3 of them without a phone), 7 phones."""
    code = wb.store.create_session("Будущее Плесецкого округа", territory="Плесецкий округ")
    sid = wb.store.session(code)["id"]
    registered = [("Ирина Васильевна Кузнецова", "Плесецк"), ("Попов Сергей", "п. Савинский"),
                  ("Ольга Мехреньгина", "Ярнема"), ("Мария Коновалова", "пос. Плесецк"),
                  ("Галина Тарасова", "Кенозеро"), ("Наталья Шестакова", "д. Федово"),
                  ("Валентина Петровна Конева", "с. Конёво"), ("Дмитрий Ершов", "плесецк"),
                  ("Андрей Никитин", "Оксовский"), ("Лидия Зуева", "Емца")]
    for k, (name, place) in enumerate(registered):
        reg = registration.register(wb.store, code, {"name": name, "territory": place, "consent": True})
        if k < 8:
            registration.check_in(wb.store, reg["token"])
    phones = [("Ирина Кузнецова", "Плесецк"), ("Сергей Попов", "Савинский"), ("ольга мехреньгина", "Ярнема"),
              ("Мария Коновалова", "п. Плесецк"), ("Галина Тарасова", "Кенозеро"), ("Тимофей Рябов", "Самодед"),
              ("", "")]
    for name, place in phones:
        wb.store.join(sid, name=name, territory=place)
    return code


def test_the_control_view_counts_the_phones_and_the_door(wb):
    code = _room(wb)
    view = ProjectorView(wb, code, join_url=f"http://10.0.0.1:8866/s/{code}")
    html = view.joined.value
    assert "Участников: 10" in html  # 7 phones and 3 checked in at the door without one
    assert "Зарегистрировались: 10, отмечены на входе: 8, из них без телефона: 3" in html
    # «Плесецк», «п. Плесецк» (two phones) and «плесецк» (the door): one place, as most wrote it
    assert "Плесецк 3, " in html and "п. Плесецк" not in html and "плесецк" not in html
    assert "Савинский 1" in html and "Федово 1" in html and "с. Конёво" in html  # the door's places too
    # one more person checked in at the door: the count follows
    last = next(r for r in wb.store.registrations(view.session["id"]) if r["name"] == "Лидия Зуева")
    registration.check_in(wb.store, last["checkin_token"])
    view.refresh()
    assert "Участников: 11" in view.joined.value


def test_the_protocol_counts_who_was_in_the_room(wb):
    code = _room(wb)
    md = protocol_markdown(wb.store, code)
    assert "Всего участников: 10" in md
    assert ("Из них вошли с телефона: 7, отмечены на входе без телефона: 3 "
            "(зарегистрировались: 10, отмечены на входе: 8)") in md
    assert "| Плесецк | 3 |" in md and "| п. Плесецк |" not in md
    assert "| д. Федово | 1 |" in md  # checked in at the door, without a phone: in the table too
    assert "Участники по территориям" in protocol_xlsx(wb.store, code).sheetnames
    rows = {r[0]: r[1] for r in protocol_xlsx(wb.store, code).worksheets[0].iter_rows(values_only=True)}
    assert rows["Участники"] == 10 and rows["Отмечены на входе без телефона"] == 3


def test_the_same_person_twice_at_the_door_counts_once(wb):
    code = wb.store.create_session("Модуль 1")
    for name, phone in (("Лидия Зуева", ""), ("лидия  зуёва", "+7 911 000-00-01"), ("Зуева Лидия", "89110000002")):
        reg = registration.register(wb.store, code, {"name": name, "phone": phone, "consent": True})
        registration.check_in(wb.store, reg["token"])
    came = registration.attendance(wb.store, code)
    assert (came["total"], came["door"], came["checked_in"]) == (1, 1, 3)
