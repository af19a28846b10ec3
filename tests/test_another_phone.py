"""«Телефон сел»: a participant whose phone died goes on on a borrowed phone as themselves, from
the control view, without joining again (a second person, a second budget of dots)."""

from __future__ import annotations

import pytest

from workbench.errors import WorkbenchError
from workbench.session import facilitator, registration
from workbench.ui.projector import ProjectorView


def test_the_control_view_gives_the_link_of_the_person_whose_phone_died(wb, demo):
    view = ProjectorView(wb, demo, join_url="http://10.0.0.1:8866/s/" + demo)
    sid = view.session["id"]
    vera = wb.store.join(sid, name="Вера Петрова", organisation="ТОС «Лядины»")
    facilitator.paper_ballot(wb.store, sid)  # a paper ballot is no one to move
    view.another_phone.open_button.click()  # «Сел телефон или его нет…»
    view.refresh()
    labels = dict(view.another_phone.person.options)
    assert any(label.startswith("Вера Петрова (ТОС «Лядины») · вход в ") for label in labels)
    assert not any("Бюллетень" in label for label in labels)

    view.another_phone.button.click()  # nobody picked yet: it says what to do, no link
    assert "чья страница?" in view.another_phone.link.value and "#as=" not in view.another_phone.link.value

    view.another_phone.person.value = vera["id"]
    view.another_phone.button.click()
    shown = view.another_phone.link.value
    assert f"http://10.0.0.1:8866/s/{demo}#as={vera['token']}" in shown
    assert "«Вера Петрова»" in shown and "Входить заново не нужно" in shown and "<svg" in shown
    assert view.message.value == ""
    view.refresh()  # a poll keeps the choice
    assert view.another_phone.person.value == vera["id"]


def test_a_paper_ballot_or_another_sessions_person_is_refused(wb, demo):
    sid = wb.store.session(demo)["id"]
    paper = facilitator.paper_ballot(wb.store, sid)
    other = wb.store.session(wb.store.create_session("Другая"))["id"]
    stranger = wb.store.join(other, name="Чужой")
    for pid in (paper["id"], stranger["id"]):
        with pytest.raises(WorkbenchError) as err:
            facilitator.another_phone(wb.store, sid, pid)
        assert err.value.key == "another_phone_unknown"
    assert registration.people_count(wb.store, demo) == 20


def test_an_assistant_adds_someone_without_a_phone_and_acts_for_them_under_their_name(wb, demo):
    from workbench.session import phone, teams

    view = ProjectorView(wb, demo, join_url="http://10.0.0.1:8866/s/" + demo)
    panel = view.another_phone
    panel.open_button.click()
    panel.add_button.click()  # no name: said so, nobody added
    assert "Впишите имя участника без телефона" in view.message.value
    assert registration.people_count(wb.store, demo) == 20

    panel.new_name.value, panel.new_organisation.value = "Нина Попова", "Библиотека"
    panel.add_button.click()
    panel.new_name.value, panel.new_organisation.value = "нина попова", "библиотека"  # a second click
    panel.add_button.click()
    assert "Участников: 21" in view.joined.value  # one person, in the count like everyone who came
    nina = wb.store.participant(panel.person.value)
    assert nina["name"] == "Нина Попова" and not nina["on_paper"]
    assert f"#as={nina['token']}" in panel.link.value and "«Нина Попова»" in panel.link.value
    assert panel.new_name.value == ""

    # on her page (the laptop's tab the link opens) her idea is hers, not «записал ведущий»
    sid = view.session["id"]
    stages = {s["kind"]: s for s in wb.store.stages(sid)}
    facilitator.show_stage(wb.store, sid, stages["ideas"]["id"])
    card = phone.add_card(wb.store, demo, nina["token"], {"text": "Кружок для пожилых при библиотеке"})
    stored = wb.store.card(card["id"])
    assert stored["participant_id"] == nina["id"] and not stored["by_facilitator"]

    # and she signs up for a team under her name and organisation, as the display shows teams
    facilitator.show_stage(wb.store, sid, stages["teams"]["id"])
    team = phone.join_team(wb.store, demo, nina["token"], {"card": teams.options(wb.store, stages["teams"])[0]["id"]})
    formed = teams.formed(wb.store, wb.store.stage(stages["teams"]["id"]))
    names = [m["name"] for tm in formed for m in tm["members"] if m["participant_id"] == nina["id"]]
    assert names == ["Нина Попова"] and team["members"] >= 1


def test_the_qr_code_comes_down_once_that_phone_opened_the_page(wb, demo):
    """The QR code carries Вера's token and the control view may be on the projector: it stayed
    until the facilitator's next action. The borrowed phone's join takes it down, with a note;
    another person's phone, or Вера's page opened the usual way, does not."""
    from workbench.session import phone

    view = ProjectorView(wb, demo, join_url="http://10.0.0.1:8866/s/" + demo)
    sid = view.session["id"]
    vera, oleg = (wb.store.join(sid, name=n) for n in ("Вера Петрова", "Олег Смирнов"))
    panel = view.another_phone
    panel.open_button.click()
    view.refresh()
    panel.person.value = vera["id"]
    panel.button.click()
    assert "<svg" in panel.link.value
    phone.join(wb.store, demo, {"token": oleg["token"], "borrowed": True})  # someone else's page
    phone.join(wb.store, demo, {"token": vera["token"]})  # her own phone, not from the code
    view.refresh()
    assert "<svg" in panel.link.value and vera["token"] in panel.link.value
    phone.join(wb.store, demo, {"token": vera["token"], "borrowed": True})  # the page from the QR code
    view.refresh()
    assert "<svg" not in panel.link.value and vera["token"] not in panel.link.value
    assert "Телефон подключён: Вера Петрова" in panel.link.value
    assert registration.people_count(wb.store, demo) == 22  # nobody joined twice

    panel.button.click()  # shown again: her page opened once already is no reason to take it down
    view.refresh()
    assert "<svg" in panel.link.value


def test_a_qr_code_left_on_the_screen_comes_down_after_a_few_minutes(wb, demo, monkeypatch):
    import time

    view = ProjectorView(wb, demo, join_url="http://10.0.0.1:8866/s/" + demo)
    vera = wb.store.join(view.session["id"], name="Вера Петрова")
    panel = view.another_phone
    panel.open_button.click()
    view.refresh()
    panel.person.value = vera["id"]
    panel.button.click()
    panel.tick()
    assert "<svg" in panel.link.value
    assert facilitator.BORROWED_QR_SECONDS <= 300
    later = time.monotonic() + facilitator.BORROWED_QR_SECONDS
    monkeypatch.setattr(time, "monotonic", lambda: later)
    panel.tick()
    assert "<svg" not in panel.link.value and vera["token"] not in panel.link.value
    assert "QR-код для «Вера Петрова» убран через 3 мин." in panel.link.value


def test_people_without_a_name_are_numbered_in_the_order_they_joined(wb, demo):
    view = ProjectorView(wb, demo)
    sid = view.session["id"]
    first, second = (wb.store.join(sid, name="", organisation=org) for org in ("", "Школа"))
    view.another_phone.open_button.click()
    view.refresh()
    labels = {pid: label for label, pid in view.another_phone.person.options}
    assert len(labels) == len(wb.store.participants(sid)) + 1  # everyone, and «чья страница?»
    assert labels[first["id"]].startswith("Участник без имени № ")
    assert labels[second["id"]].startswith("Участник без имени № ") and "(Школа)" in labels[second["id"]]
    assert len(set(labels.values())) == len(labels)  # no two read alike
