"""Served: a session made from a template, its stages edited on the laptop while phones poll the
real server; phones see each change within their poll interval."""

from __future__ import annotations

from workbench.app import Workbench
from workbench.cli import main as cli
from workbench.session import stages
from workbench.testing import Phone, Server, wait_for
from workbench.ui.projector import ProjectorView


def test_a_template_session_edited_from_the_laptop_while_phones_poll(tmp_path, capsys):
    data = tmp_path / "data"
    assert cli(["new-session", "--data", str(data), "--title", "Модуль «Проектное управление»",
                "--template", "educational_module"]) == 0
    code = capsys.readouterr().out.strip()
    server = Server(data).start()
    wb = Workbench(data)
    try:
        poll = float(wb.settings["phone_poll_interval"])
        phone = Phone(server.base, code, lang="ru")
        phone.join(name="Ольга")
        first = phone.state()["stage"]
        assert (first["title"], first["prompt"]) == ("Лекция: вопросы", "Что вы хотите спросить у лектора?")
        assert phone.call("POST", "/cards", {"text": "Как считать бюджет проекта?"}).status_code == 201

        view = ProjectorView(wb, code)  # the facilitator's laptop
        ed = view.stage_editor
        ed.toggle.value = True  # ✎ Этапы: the editor opens
        ed.title.value, ed.prompt.value = "Вопросы к лектору", "О чём спросить Ирину Сергеевну?"
        ed.save.click()
        wait_for(lambda: phone.state()["stage"]["prompt"] == "О чём спросить Ирину Сергеевну?", timeout=poll,
                 message="the phone to show the new question")
        assert phone.state()["stage"]["title"] == "Вопросы к лектору"

        ed.remove.click()  # the stage holds a phone's card: refused, the card stays
        assert "вместе с данными" in view.message.value
        assert [c["text"] for c in phone.state()["cards"]] == ["Как считать бюджет проекта?"]

        ed.kind.value = "cards"
        ed.add.click()  # a warm-up question after the talk, shown on phones at once
        warm_up = view.viewed_stage_id
        ed.title.value, ed.prompt.value = "Разминка", "Одно слово о сегодняшнем дне"
        ed.save.click()
        ed.up.click()  # before the talk
        view.make_current.click()
        wait_for(lambda: phone.state()["stage"]["id"] == warm_up, timeout=poll, message="the new stage on the phone")
        assert phone.state()["stage"]["prompt"] == "Одно слово о сегодняшнем дне"
        sid = wb.store.session(code)["id"]
        assert [s["title"] for s in wb.store.stages(sid)][:2] == ["Разминка", "Вопросы к лектору"]
        assert phone.call("POST", "/cards", {"text": "Интересно"}).status_code == 201

        stages.remove(wb.store, warm_up, force=True)  # the current stage goes: phones move on
        wait_for(lambda: phone.state()["stage"]["title"] == "Вопросы к лектору", timeout=poll,
                 message="the phone to move to the remaining stage")
        assert any(c["text"] == "Интересно" for c in wb.store.cards(sid, warm_up))  # kept in the store
    finally:
        wb.close()
        server.stop()
