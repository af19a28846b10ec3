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


def test_the_review_panel_and_the_sessions_list_count_the_door_too(wb, capsys):
    """The review panel's «участников в сессии» and `workbench sessions` say the control view's
    number (phones plus the door), not the phones alone."""
    from workbench.cli import main
    from workbench.ui.review_view import ReviewPanel

    code = _room(wb)
    panel = ReviewPanel(wb, code, "ru")
    assert "Оценили: 0 человек (участников в сессии: 10)" in panel.reviewers_head.value  # 7 phones, 3 at the door
    assert main(["sessions", "--data", str(wb.data_dir)]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith(code + " ") and line.endswith("(10 участников)"), line


def test_a_phone_from_the_registration_answer_stays_one_person_under_another_name(wb):
    """A person registered (and checked in) at the door, who joins from the registration's answer
    («Войти в сессию» carries its token) and gives the phone another name, is one person; a phone
    that typed another name without the link cannot be told apart and counts as its own."""
    from workbench.session import phone

    code = wb.store.create_session("Модуль 2")
    sid = wb.store.session(code)["id"]
    regs = {}
    for name in ("Ираида Соколова", "Пётр Попов"):
        reg = registration.register(wb.store, code, {"name": name, "consent": True})
        registration.check_in(wb.store, reg["token"])
        regs[name] = reg["token"]
    ira = phone.join(wb.store, code, {"name": "Ира", "registration": regs["Ираида Соколова"]})
    phone.join(wb.store, code, {"name": "Петя"})  # Пётр, without the link: another name, another person
    came = registration.attendance(wb.store, code)
    assert (came["total"], came["phones"], came["door"]) == (3, 2, 1)
    assert [p["name"] for p in came["people"] if p.get("at_door")] == ["Пётр Попов"]
    # the phone changes its name again (a rejoin with its token): still one person
    phone.join(wb.store, code, {"token": ira["token"], "name": "Ираида Викторовна"})
    assert registration.people_count(wb.store, code) == 3
    # a link of another event, or none at all, changes nothing and the join goes on
    other = wb.store.create_session("Другое событие")
    stranger = registration.register(wb.store, other, {"name": "Анна Белова", "consent": True})
    assert phone.join(wb.store, code, {"name": "Анна", "registration": stranger["token"]})["token"]
    assert phone.join(wb.store, code, {"name": "Олег", "registration": "нет такого"})["token"]
    assert registration.people_count(wb.store, code) == 5
    # the phone taken out (a flood's cleanup): the registration stays, at the door again
    wb.store.remove_participants(sid, [ira["participant"]])
    assert [p["name"] for p in registration.attendance(wb.store, code)["people"] if p.get("at_door")] == [
        "Ираида Соколова", "Пётр Попов"]


def test_a_store_of_schema_16_gets_the_phone_link_and_keeps_its_registrations(wb):
    import sqlalchemy as sa

    from workbench.store import SCHEMA_VERSION, Store

    code = wb.store.create_session("Прошлогодняя")
    registration.register(wb.store, code, {"name": "Лидия Зуева", "consent": True})
    url = str(wb.store.engine.url.render_as_string(hide_password=False))
    columns = [c for c in sa.inspect(wb.store.engine).get_columns("registrations") if c["name"] != "joined_as"]
    kept = ", ".join(c["name"] for c in columns)
    with wb.store.engine.begin() as c:  # the table as schema 16 made it (SQLite drops no column with a key)
        c.execute(sa.text("ALTER TABLE registrations RENAME TO registrations_16"))
        c.execute(sa.text(f"CREATE TABLE registrations AS SELECT {kept} FROM registrations_16"))
        c.execute(sa.text("DROP TABLE registrations_16"))
        c.execute(sa.text("UPDATE meta SET value = '16' WHERE key = 'schema_version'"))
    store = Store.open_url(url)
    try:
        assert store.schema_version() == SCHEMA_VERSION >= 17
        assert [(r["name"], r["joined_as"]) for r in store.registrations()] == [("Лидия Зуева", None)]
    finally:
        store.close()
