"""Registration with consent (152-ФЗ), check-in, attendance for the network analysis, and a
person's data on request."""

from __future__ import annotations

import json

import pytest

from workbench.cli import main
from workbench.errors import WorkbenchError
from workbench.network.store_import import store_attendance
from workbench.session import registration


def test_no_consent_no_registration(wb):
    code = wb.store.create_session("Модуль 1")
    for consent in (False, "yes", None):
        with pytest.raises(WorkbenchError) as e:
            registration.register(wb.store, code, {"name": "Анна Белова", "consent": consent})
        assert e.value.message() == "Без согласия на обработку персональных данных регистрация невозможна"
    with pytest.raises(WorkbenchError, match="reg_name_required"):
        registration.register(wb.store, code, {"name": "  ", "consent": True})
    assert wb.store.registrations() == []


def test_checked_in_people_are_attendance_for_the_network_analysis(wb):
    code = wb.store.create_session("Модуль 1", territory="Няндомский округ", date="2026-03-16")
    sid = wb.store.session(code)["id"]
    anna = registration.register(wb.store, code, {"name": "Анна Белова", "organisation": "ТОС «Лесной»",
                                                  "sector": "tos", "email": "anna@example.org", "consent": True})
    registration.register(wb.store, code, {"name": "Олег Смирнов", "consent": True})  # registered, never came
    wb.store.join(sid, name="Мария Кузнецова")  # joined on a phone
    wb.store.join(sid, name="анна белова")  # registered and joined: once
    stored = wb.store.registrations(sid)[0]
    assert "152-ФЗ" in stored["consent_text"] and "Модуль 1" in stored["consent_text"] and stored["consent_at"]
    assert store_attendance(wb.store)["person"].tolist() == ["Мария Кузнецова", "анна белова"]
    first = registration.check_in(wb.store, anna["token"])["checked_in_at"]
    assert registration.check_in(wb.store, anna["token"])["checked_in_at"] == first  # again: unchanged
    wb.store.blank_participants([p["id"] for p in wb.store.participants(sid) if p["name"] == "анна белова"])
    table = store_attendance(wb.store)
    assert table["person"].tolist() == ["Мария Кузнецова", "Анна Белова"]
    assert table.iloc[1]["organisation"] == "ТОС «Лесной»" and table.iloc[1]["sector"] == "tos"


def test_a_persons_data_is_exported_and_deleted_on_request(wb, tmp_path, capsys):
    code = wb.store.create_session("Модуль 1")
    sid = wb.store.session(code)["id"]
    registration.register(wb.store, code, {"name": "Анна Белова", "phone": "+7 900 000-00-00", "consent": True})
    p = wb.store.join(sid, name="Анна Белова", organisation="ТОС «Лесной»")
    wb.store.add_card(sid, wb.store.stages(sid)[0]["id"], "Плохие дороги", participant_id=p["id"])
    data_dir = str(wb.data_dir)
    out = tmp_path / "anna.json"
    assert main(["person", "--data", data_dir, "+7 900 000-00-00", "--export", str(out)]) == 0
    found = json.loads(out.read_text(encoding="utf-8"))
    assert [r["name"] for r in found["registrations"]] == ["Анна Белова"]
    assert "152-ФЗ" in found["registrations"][0]["consent_text"]
    assert main(["person", "--data", data_dir, "анна белова", "--export", str(out)]) == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))["participants"]) == 1
    assert main(["person", "--data", data_dir, "Анна Белова", "--forget"]) == 0
    assert "удалено регистраций: 1, стёрто участий: 1\n" in capsys.readouterr().out
    assert wb.store.registrations() == [] and wb.store.participant(p["id"])["name"] == ""
    assert [c["text"] for c in wb.store.cards(sid)] == ["Плохие дороги"]  # the anonymous card stays
    assert main(["person", "--data", data_dir, " ", "--forget"]) == 2


def test_forgetting_someone_not_in_the_store_says_so_and_changes_nothing(wb, capsys):
    code = wb.store.create_session("Модуль 1")
    sid = wb.store.session(code)["id"]
    registration.register(wb.store, code, {"name": "Анна Белова", "consent": True})
    wb.store.join(sid, name="Олег Смирнов")
    data_dir = str(wb.data_dir)
    capsys.readouterr()
    assert main(["person", "--data", data_dir, "Нет Такого", "--forget"]) == 2
    out = capsys.readouterr()
    assert "«Нет Такого» не найден" in out.err and "Ничего не удалено." in out.err
    assert "удалено регистраций" not in out.out + out.err
    assert main(["person", "--data", data_dir, "Анна Белва", "--forget"]) == 2  # a typo: the close name
    assert "Похожие имена: Анна Белова." in capsys.readouterr().err
    assert main(["--lang", "en", "person", "--data", data_dir, "Анна Белва", "--forget"]) == 2
    assert "not found" in (err := capsys.readouterr().err) and "Close names: Анна Белова." in err
    assert [r["name"] for r in wb.store.registrations()] == ["Анна Белова"]
    assert [p["name"] for p in wb.store.participants(sid)] == ["Олег Смирнов"]


def test_the_facilitator_sees_the_registration_link_and_counts(wb):
    from workbench.ui.draft_editor import draft_view

    code = wb.store.create_session("Модуль 1")
    reg = registration.register(wb.store, code, {"name": "Анна Белова", "consent": True})
    registration.register(wb.store, code, {"name": "Олег Смирнов", "consent": True})
    registration.check_in(wb.store, reg["token"])
    panel = draft_view(wb, session=code).view.sharing
    assert f"/reg/{code}" in panel.registration.value
    assert "зарегистрировались: 2, пришли: 1" in panel.registration.value


def _event(wb):
    """An event with three registrations: Анна came, Олег did not, a name that is a formula and markup."""
    code = wb.store.create_session("Модуль 2: логика проекта", territory="Няндомский округ")
    anna = registration.register(wb.store, code, {
        "name": "Анна Белова", "territory": "Шалакуша", "organisation": "ТОС «Лесной»", "sector": "tos",
        "email": "anna@example.org", "phone": "+7 900 000-00-00", "consent": True})
    registration.register(wb.store, code, {"name": "Олег Смирнов", "sector": "business", "consent": True})
    registration.register(wb.store, code, {"name": '=HYPERLINK("http://x","<b>Борис</b>")', "consent": True})
    registration.check_in(wb.store, anna["token"])
    return code


def test_staff_list_who_registered_and_came_contacts_only_when_allowed(wb, tmp_path):
    from workbench.tableio import read_table

    code = _event(wb)
    rows = registration.registration_list(wb.store, code)
    assert [r["name"] for r in rows][:2] == ["Анна Белова", "Олег Смирнов"]
    assert rows[0]["checked_in_at"] and rows[1]["checked_in_at"] is None and rows[0]["registered_at"]
    assert not {"email", "phone"} & set(rows[0])  # staff may not see contacts: not even read out
    assert registration.registration_list(wb.store, code, contacts=True)[0]["phone"] == "+7 900 000-00-00"

    csv = registration.export_registrations(wb.store, code, tmp_path / "list.csv")
    table = read_table(csv)
    assert list(table.columns) == ["Имя", "Населённый пункт", "Организация", "Сфера", "Зарегистрирован(а)",
                                   "Отмечен(а) на входе"]
    assert table.iloc[0]["Сфера"] == "ТОС" and table.iloc[1]["Отмечен(а) на входе"] == "нет"
    assert table.iloc[0]["Отмечен(а) на входе"][:2] == "20"  # the time they came
    assert table.iloc[2]["Имя"].startswith("'=HYPERLINK")  # a spreadsheet shows it as text
    assert "anna@example.org" not in csv.read_text(encoding="utf-8-sig")
    # Excel with Russian settings splits a double-clicked CSV on ";": one column per field
    assert csv.read_text(encoding="utf-8-sig").splitlines()[0] == (
        "Имя;Населённый пункт;Организация;Сфера;Зарегистрирован(а);Отмечен(а) на входе")
    english = registration.export_registrations(wb.store, code, tmp_path / "list-en.csv", lang="en")
    assert english.read_text(encoding="utf-8-sig").splitlines()[0].startswith("Name,")

    xlsx = registration.export_registrations(wb.store, code, tmp_path / "list.xlsx", lang="en", contacts=True)
    table = read_table(xlsx)
    assert table.iloc[0][["Name", "E-mail", "Phone", "Sector"]].tolist() == [
        "Анна Белова", "anna@example.org", "+7 900 000-00-00", "Neighbourhood council (TOS)"]
    assert table.iloc[1]["Checked in"] == "no"

    with pytest.raises(WorkbenchError) as bad:
        registration.export_registrations(wb.store, code, tmp_path / "list.txt")
    assert "list.txt: a .csv or .xlsx file" in bad.value.message()
    with pytest.raises(WorkbenchError) as unknown:
        registration.registration_list(wb.store, "NOSUCH")
    assert "NOSUCH" in unknown.value.message()
    assert not (tmp_path / "list.txt").exists()


def test_workbench_registrations_prints_or_writes_the_list(wb, tmp_path, capsys):
    code = _event(wb)
    data_dir = str(wb.data_dir)
    assert main(["registrations", "--data", data_dir, "--session", code]) == 0
    out = capsys.readouterr().out
    assert "Анна Белова" in out and "Отмечен(а) на входе" in out and "нет" in out
    assert "+7 900" not in out  # contacts only where the settings allow
    (wb.data_dir / "settings.json").write_text('{"staff_see_contacts": true}', encoding="utf-8")
    assert main(["registrations", "--data", data_dir, "--session", code, "--output", str(tmp_path / "r.xlsx")]) == 0
    assert capsys.readouterr().out == f"3 регистрации -> {tmp_path / 'r.xlsx'}\n"  # the CLI speaks Russian
    assert main(["--lang", "en", "registrations", "--data", data_dir, "--session", code,
                 "--output", str(tmp_path / "r.xlsx")]) == 0
    assert capsys.readouterr().out == f"3 registrations -> {tmp_path / 'r.xlsx'}\n"
    from workbench.tableio import read_table

    # a session made before sessions kept a language: the English command's file is English
    assert read_table(tmp_path / "r.xlsx").iloc[0]["Phone"] == "+7 900 000-00-00"
    assert main(["registrations", "--data", data_dir, "--session", code, "--output",
                 str(tmp_path / "none" / "r.csv")]) == 2
    assert "workbench registrations: ошибка: не удаётся записать" in capsys.readouterr().err
    assert main(["registrations", "--data", data_dir, "--session", "NOSUCH"]) == 2
    assert capsys.readouterr().err == "workbench registrations: ошибка: Сессия с кодом «NOSUCH» не найдена\n"
    (wb.data_dir / "settings.json").write_text('{"staff_see_contacts": "yes"}', encoding="utf-8")
    assert main(["registrations", "--data", data_dir, "--session", code]) == 2
    assert "settings.json: staff_see_contacts может быть `true` или `false`, а не «yes»" in capsys.readouterr().err


def test_the_printed_list_shows_dates_as_the_rest_of_the_cli(wb, capsys):
    """`workbench registrations` on a terminal wrote "2026-12-06 14:30"; the rest of the CLI shows
    «06.12.2026» ("6 December 2026" in English). The table now does too, with the time after."""
    import datetime

    code = _event(wb)
    anna = registration.registration_list(wb.store, code)[0]
    came, signed = (datetime.datetime.fromtimestamp(anna[k]) for k in ("checked_in_at", "registered_at"))
    assert main(["registrations", "--data", str(wb.data_dir), "--session", code]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if "Анна Белова" in x)
    assert f"{signed:%d.%m.%Y %H:%M}" in line and f"{came:%d.%m.%Y %H:%M}" in line
    assert f"{came:%Y-%m-%d}" not in line
    assert main(["--lang", "en", "registrations", "--data", str(wb.data_dir), "--session", code]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if "Анна Белова" in x)
    assert f"{came.day} {came:%B} {came.year} {came:%H:%M}" in line, line
    assert "Neighbourhood council (TOS)" in line


def test_staff_see_the_list_download_it_and_delete_a_person_after_confirming(wb):
    from workbench.ui.draft_editor import draft_view

    code = _event(wb)
    sid = wb.store.session(code)["id"]
    joined = wb.store.join(sid, name="Олег Смирнов", organisation="ООО «Лес»")
    panel = draft_view(wb, session=code).view.registrations
    assert "Анна Белова" in panel.table.value and "Олег Смирнов" in panel.table.value
    assert "ТОС" in panel.table.value and "нет" in panel.table.value
    assert "&lt;b&gt;Борис" in panel.table.value and "<b>Борис" not in panel.table.value  # text, not markup
    assert "anna@example.org" not in panel.table.value and "Почта и телефон не показываются" in panel.table.value

    # the list as files: one link each, named by the file, ready with the table (one click)
    assert f"download='registrations-{code}.xlsx'" in panel.files.value
    assert f"download='registrations-{code}.csv'" in panel.files.value
    assert not (wb.data_dir / "exports").exists()  # the server keeps no copy of people's data

    # Deleting asks first, with what will go; "Отмена" deletes nothing.
    panel.person.value = "Олег Смирнов"
    panel.forget.click()
    assert panel.confirm.layout.display != "none"
    assert "«Олег Смирнов»" in panel.question.value and "регистраций — 1, участий в сессиях — 1" in panel.question.value
    panel.no.click()
    assert panel.confirm.layout.display == "none" and len(wb.store.registrations(sid)) == 3
    panel.forget.click()
    panel.yes.click()
    assert "Данные удалены: регистраций — 1, стёрто участий — 1" in panel.message.value
    assert [r["name"] for r in wb.store.registrations(sid)][0] == "Анна Белова" and len(wb.store.registrations(sid)) == 2
    assert wb.store.participant(joined["id"])["name"] == "" and "Олег Смирнов" not in panel.table.value
    assert "Олег Смирнов" not in panel.person.options

    wb.settings["staff_see_contacts"] = True  # a data folder whose staff may see contacts
    assert "anna@example.org" in draft_view(wb, session=code).view.registrations.table.value


def test_staff_check_in_by_name_at_the_door_and_undo_a_wrong_row(wb):
    """Someone at the door without their QR code: staff find them by name in «Кто
    зарегистрировался», tick «Отметить на входе», and take back a wrong row."""
    from workbench.ui.registration_view import RegistrationPanel

    code = wb.store.create_session("Модуль 1")
    for name, place in (("Лидия Зуева", "Емца"), ("Сергей Попов", "Савинский"), ("Пётр Попов", "Плесецк")):
        registration.register(wb.store, code, {"name": name, "territory": place, "consent": True})
    panel = RegistrationPanel(wb, code)
    assert len(panel.door.children) == 3
    panel.search.value = "попов"
    names = [row.children[1].value for row in panel.door.children]
    assert len(names) == 2 and all("Попов" in n for n in names)
    petr = next(r["id"] for r in wb.store.registrations() if r["name"] == "Пётр Попов")
    panel.door_buttons[petr].click()
    at = registration.clock(next(r for r in wb.store.registrations() if r["id"] == petr)["checked_in_at"])
    assert f"Отмечен(а) на входе: Пётр Попов, {at}" in panel.message.value
    assert panel.door_buttons[petr].description == "Отменить отметку"
    assert f"Отмечен(а) на входе {at}" in next(r.children[1].value for r in panel.door.children
                                                if "Пётр" in r.children[1].value)
    assert registration.attendance(wb.store, code)["door"] == 1
    panel.door_buttons[petr].click()  # the wrong Попов: undone
    assert "Отметка снята: Пётр Попов" in panel.message.value
    assert panel.door_buttons[petr].description == "Отметить на входе"
    assert registration.attendance(wb.store, code)["door"] == 0
    # checked in by QR meanwhile, then by name on a list not yet refreshed: says when they came
    panel.search.value = "зуев"
    lidia = next(r for r in wb.store.registrations() if r["name"] == "Лидия Зуева")
    came = registration.check_in(wb.store, lidia["checkin_token"])
    assert registration.check_in(wb.store, lidia["checkin_token"])["already"]
    panel.door_buttons[lidia["id"]].click()
    assert f"Уже отмечен(а) в {registration.clock(came['checked_in_at'])}: Лидия Зуева" in panel.message.value
    panel.search.value = "Иванов"
    assert panel.door.children == () and "Никого не нашлось по «Иванов»" in panel.door_note.value


def test_english_contact_errors_give_english_examples_that_the_form_accepts():
    """The English form's errors showed Russian samples (anna@mail.ru, +7 900 …); the examples are
    English now, and the form takes what they show (any country's number of 5 to 15 digits)."""
    import re

    said = {}
    for email, phone, key in (("not an address", "", "reg_email_invalid"), ("", "call me", "reg_phone_invalid")):
        with pytest.raises(WorkbenchError) as err:
            registration.check_contacts(email, phone)
        assert err.value.key == key
        said[key] = err.value.message("en")
        assert not re.search("[а-яё]|mail\\.ru|\\+7 ", said[key], re.I), said[key]
    assert "anna@example.org" in said["reg_email_invalid"] and "+44 20 7946 0958" in said["reg_phone_invalid"]
    registration.check_contacts("anna@example.org", "+44 20 7946 0958")  # the examples themselves pass
    with pytest.raises(WorkbenchError) as err:
        registration.check_contacts("", "звоните")
    assert "+7 900 123-45-67" in err.value.message("ru")  # the Russian form keeps its Russian sample
