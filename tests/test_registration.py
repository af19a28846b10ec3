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
    assert "deleted 1 registrations, blanked 1 participants" in capsys.readouterr().out
    assert wb.store.registrations() == [] and wb.store.participant(p["id"])["name"] == ""
    assert [c["text"] for c in wb.store.cards(sid)] == ["Плохие дороги"]  # the anonymous card stays
    assert main(["person", "--data", data_dir, " ", "--forget"]) == 2


def test_the_facilitator_sees_the_registration_link_and_counts(wb):
    from workbench.ui.draft_editor import draft_view

    code = wb.store.create_session("Модуль 1")
    reg = registration.register(wb.store, code, {"name": "Анна Белова", "consent": True})
    registration.register(wb.store, code, {"name": "Олег Смирнов", "consent": True})
    registration.check_in(wb.store, reg["token"])
    panel = draft_view(wb, session=code).view.sharing
    assert f"/reg/{code}" in panel.registration.value
    assert "зарегистрировались: 2, пришли: 1" in panel.registration.value
