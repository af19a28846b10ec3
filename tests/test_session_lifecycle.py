"""A programme's data over months: a replace that would drop what only this store has is refused
and counted, a dry run writes nothing, a file can sit beside its session under another code, and
sessions can be archived (out of every list, their phones told it is over) or deleted (a file of
them written first, which brings them back). On SQLite and PostgreSQL alike."""

from __future__ import annotations

import io
import json
import os

import pytest
import sqlalchemy as sa

from workbench.cli import main
from workbench.drafts import create_draft
from workbench.errors import WorkbenchError
from workbench.network.store_import import store_attendance
from workbench.session import lifecycle, phone
from workbench.session.moderation import REJECTED
from workbench.session.voting import vote
from workbench.store import SCHEMA_VERSION, Store
from workbench.store.transfer import export_session
from workbench.testing import Http, Phone, act


def open_store(data) -> Store:
    """The test's store as the CLI opens it (`WORKBENCH_DATABASE_URL` on PostgreSQL, else the folder's)."""
    from workbench.app import Workbench

    return Workbench(data).store


def sizes(store, code) -> dict:
    """What a facilitator would count in the session."""
    s = store.session(code)
    with store.read() as c:
        n = {t: c.execute(sa.text(f"SELECT count(*) FROM {t} WHERE {col} IN ({ids})")).scalar()
             for t, col, ids in (("cards", "session_id", s["id"]), ("participants", "session_id", s["id"]),
                                 ("votes", "stage_id", f"SELECT id FROM stages WHERE session_id = {s['id']}"))}
    return n


@pytest.fixture
def moved(tmp_path, backend):
    """A session on a laptop, exported (no secrets, no rejected cards, as by default) and imported
    into the test's store (`data`); then work done there that the file lacks: a rejected card, a
    card typed there, a phone that joined and voted, a draft's field edited there."""
    laptop = Store.open_url(f"sqlite:///{tmp_path / 'laptop.sqlite'}")
    code = laptop.create_session("Будущее Плесецкого округа", territory="Плесецкий округ")
    s = laptop.session(code)
    ideas = next(st for st in laptop.stages(s["id"]) if st["kind"] == "ideas")["id"]
    voting = next(st for st in laptop.stages(s["id"]) if st["kind"] == "voting")["id"]
    anna = laptop.join(s["id"], name="Анна")
    cards = [laptop.add_card(s["id"], ideas, text, participant_id=anna["id"])["id"]
             for text in ("Дорога до Савинского", "Спортзал в школе", "Мат на стене")]
    laptop.set_card_status(s["id"], [cards[2]], REJECTED)
    draft = create_draft(laptop, s["id"], {"title": "Спортзал", "goal": "открыть к сентябрю"})
    f = tmp_path / "session.json"
    f.write_text(json.dumps(export_session(laptop, code), ensure_ascii=False), encoding="utf-8")
    data = tmp_path / "data"
    assert main(["import-session", "--data", str(data), str(f)]) == 0
    store = open_store(data)
    here = store.session(code)
    ideas_here = next(st for st in store.stages(here["id"]) if st["kind"] == "ideas")["id"]
    voting_here = next(st for st in store.stages(here["id"]) if st["kind"] == "voting")["id"]
    store.add_card(here["id"], ideas_here, "Набрано на этом ноутбуке после выгрузки")
    rejected = store.add_card(here["id"], ideas_here, "Отклонено здесь")["id"]
    store.set_card_status(here["id"], [rejected], REJECTED)
    boris = store.join(here["id"], name="Борис")
    store.update_stage(voting_here, voting_open=True)
    vote(store, voting_here, boris["id"], store.cards(here["id"], ideas_here)[-1]["id"])
    [d] = store.drafts(here["id"])
    store.put_draft_fields(d["id"], {"goal": "открыть к сентябрю, 3 секции"})
    before = sizes(store, code)
    store.close()
    laptop.close()
    del draft, voting
    return data, code, f, before


def test_a_replace_that_would_lose_work_done_here_is_refused_and_says_what(moved, capsys):
    data, code, f, before = moved
    capsys.readouterr()
    assert main(["import-session", "--data", str(data), "--replace", str(f)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"workbench import-session: ошибка: сессия {code}: в этом хранилище есть то, чего нет "
                          "в файле, и замена это удалит — карточки: 2 (из них отклонённые модерацией: 1 — выгрузка "
                          "без --include-rejected их не берёт), участники (вошедшие с телефонов): 1, голоса и "
                          "оценки: 1, поля проектов, изменённые здесь: 1. Ничего не изменено. Заменить всё равно: "
                          "--replace --yes;"), err
    assert len(err.strip().splitlines()) == 1
    store = open_store(data)
    assert sizes(store, code) == before  # nothing was replaced
    store.close()

    assert main(["--lang", "en", "import-session", "--data", str(data), "--replace", str(f)]) == 2
    assert "participants (phones that joined): 1, votes and ratings: 1, draft fields changed here: 1. " \
           "Nothing was changed." in capsys.readouterr().err

    assert main(["import-session", "--data", str(data), "--replace", "--yes", str(f)]) == 0
    out = capsys.readouterr().out
    assert f"сессия {code}: заменена строками файла" in out
    assert (f"сессия {code}: по --yes удалено то, чего не было в файле — карточки: 2 (из них отклонённые "
            "модерацией: 1") in out
    store = open_store(data)
    assert sizes(store, code) == {"cards": 2, "participants": 1, "votes": 0}  # the file's: Anna's two cards
    [d] = store.drafts(store.session(code)["id"])
    assert d["fields"]["goal"] == "открыть к сентябрю"
    store.close()
    # The same file again: nothing of the store is missing from it, so no --yes is needed.
    assert main(["import-session", "--data", str(data), "--replace", str(f)]) == 0


def test_a_dry_run_says_what_would_be_added_replaced_and_lost_and_writes_nothing(moved, capsys, tmp_path):
    data, code, f, before = moved
    store = open_store(data)
    snapshot = export_session(store, code, include_secrets=True, include_rejected=True)["tables"]
    store.close()
    capsys.readouterr()
    assert main(["import-session", "--data", str(data), "--replace", "--dry-run", str(f)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Проверка без записи (--dry-run): ничего не изменено."
    assert out[1] == (f"Импорт заменит сессию {code}. Сейчас в хранилище — карточки: 4, участники (вошедшие с "
                      "телефонов): 2, голоса и оценки: 1, проекты: 1; в файле — карточки: 2, участники (вошедшие "
                      "с телефонов): 1, голоса и оценки: 0, проекты: 1.")
    assert out[2].startswith("Потеряется (есть здесь, нет в файле): карточки: 2 (из них отклонённые модерацией: 1")
    assert out[2].endswith("Без --yes такая замена будет отказана.")
    assert out[3] == "Прежние ссылки этого хранилища останутся — телефоны участников: 1."
    store = open_store(data)
    assert export_session(store, code, include_secrets=True, include_rejected=True)["tables"] == snapshot
    store.close()

    assert main(["import-session", "--data", str(data), "--dry-run", str(f)]) == 0  # no --replace
    out = capsys.readouterr().out.splitlines()
    assert out[1].startswith(f"Сессия {code} уже есть в хранилище: без --replace (или --as-code) импорт будет отказан.")
    assert out[2].startswith("С --replace потеряется (есть здесь, нет в файле): карточки: 2")


def test_a_dry_run_into_a_folder_without_a_store_makes_none(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("WORKBENCH_DATABASE_URL", raising=False)
    laptop = Store.open_url("sqlite://")
    code = laptop.create_session("Репетиция")
    f = tmp_path / "s.json"
    f.write_text(json.dumps(export_session(laptop, code)), encoding="utf-8")
    assert main(["import-session", "--data", str(tmp_path / "new"), "--dry-run", str(f)]) == 0
    assert f"Импорт добавит сессию {code} — карточки: 0" in capsys.readouterr().out
    assert not (tmp_path / "new").exists()


def test_as_code_puts_the_file_beside_the_session_with_links_of_its_own(moved, capsys):
    data, code, f, before = moved
    store = open_store(data)
    boris = next(p for p in store.participants(store.session(code)["id"]) if p["name"] == "Борис")
    store.close()
    capsys.readouterr()
    assert main(["import-session", "--data", str(data), "--as-code", "plesetsk2", str(f)]) == 0
    assert capsys.readouterr().out.startswith(f"сессия PLESETSK2: файл сессии {code} положен рядом, строк: ")
    store = open_store(data)
    assert sizes(store, code) == before  # the session itself is untouched
    assert sizes(store, "PLESETSK2") == {"cards": 2, "participants": 1, "votes": 0}
    assert store.participant_by_token(store.session(code)["id"], boris["token"])["name"] == "Борис"
    store.close()
    assert main(["sessions", "--data", str(data)]) == 0
    assert [line.split()[0] for line in capsys.readouterr().out.splitlines()] == [code, "PLESETSK2"]

    assert main(["import-session", "--data", str(data), "--as-code", "PLESETSK2", str(f)]) == 2
    assert "код PLESETSK2 уже занят сессией этого хранилища" in capsys.readouterr().err
    assert main(["import-session", "--data", str(data), "--as-code", "X", str(f)]) == 2
    assert "код сессии «X» не подходит: нужно от 3 до 16 латинских букв и цифр" in capsys.readouterr().err
    assert main(["import-session", "--data", str(data), "--as-code", "NEW1", "--replace", str(f)]) == 2
    assert "--as-code и --replace вместе нельзя" in capsys.readouterr().err


def test_an_archived_session_leaves_the_lists_and_its_phones_are_told_it_is_over(wb, capsys):
    rehearsal = wb.store.create_session("Репетиция", date="2026-03-01")
    real = wb.store.create_session("Будущее Няндомского округа", date="2026-03-14")
    for code in (rehearsal, real):
        wb.store.join(wb.store.session(code)["id"], name="Анна Белова")
    token = wb.store.join(wb.store.session(rehearsal)["id"], name="Пётр")["token"]
    data = str(wb.data_dir)
    assert main(["archive-session", "--data", data, "--session", rehearsal.lower()]) == 0
    assert capsys.readouterr().out.startswith(f"сессия {rehearsal} убрана в архив: её нет в `workbench sessions`")
    assert main(["sessions", "--data", data]) == 0
    said = capsys.readouterr()
    assert [line.split()[0] for line in said.out.splitlines()] == [real]
    assert said.err == "В архиве ещё 1 сессия; показать все: `workbench sessions --all`\n"
    assert main(["sessions", "--data", data, "--all"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(rehearsal) and lines[0].endswith("[в архиве]") and not lines[1].endswith("]")
    assert set(store_attendance(wb.store)["session_code"]) == {real}  # the network's «Всё из хранилища»

    for action in (lambda: phone.about(wb.store, rehearsal),
                   lambda: phone.join(wb.store, rehearsal, {"name": "Новый"}),
                   lambda: phone.state(wb.store, rehearsal, token)):
        with pytest.raises(WorkbenchError) as refused:
            action()
        assert refused.value.status == 410
        assert refused.value.message("ru") == ("Сессия «Репетиция» (" + rehearsal + ") завершена и убрана в архив: "
                                               "карточки и голоса больше не принимаются. Спасибо за участие!")
    assert len(wb.store.participants(wb.store.session(rehearsal)["id"])) == 2  # nothing deleted

    assert main(["archive-session", "--data", data, "--session", rehearsal, "--unarchive"]) == 0
    assert capsys.readouterr().out.startswith(f"сессия {rehearsal} возвращена из архива")
    assert phone.about(wb.store, rehearsal)["title"] == "Репетиция"
    assert main(["archive-session", "--data", data, "--session", rehearsal, "--unarchive"]) == 0
    assert capsys.readouterr().out == f"сессия {rehearsal} не в архиве\n"


def test_the_control_view_of_an_archived_session_says_so_and_how_to_bring_it_back(wb):
    from workbench.ui.projector import ProjectorView

    code = wb.store.create_session("Репетиция")
    lifecycle.archive(wb.store, code)
    view = ProjectorView(wb, code)
    assert "Сессия в архиве: телефоны, экран, регистрация, ссылки команд и страница итогов её больше не " \
           f"открывают. Вернуть её: `workbench archive-session --session {code} --unarchive`" in view.title.value
    lifecycle.unarchive(wb.store, code)
    view.refresh()
    assert "data-archived" not in view.title.value and "Репетиция" in view.title.value


def test_serve_does_not_pick_an_archived_session():
    from workbench.session.details import to_serve

    store = Store.open_url("sqlite://")
    demo = store.create_session("Демо", date="2026-12-06")  # today's date in the test: the nearest
    store.create_session("Весенняя сессия", date="2026-03-14")
    lifecycle.archive(store, demo)
    import datetime as dt

    assert to_serve(store.list_sessions(archived=False), dt.date(2026, 12, 6))["title"] == "Весенняя сессия"


def test_delete_asks_for_the_code_writes_a_file_first_and_the_file_brings_it_back(wb, capsys, monkeypatch):
    code = wb.store.create_session("Репетиция", territory="Каргополь")
    s = wb.store.session(code)
    anna = wb.store.join(s["id"], name="Анна")
    wb.store.add_card(s["id"], s["current_stage_id"], "Карточка репетиции", participant_id=anna["id"])
    data = str(wb.data_dir)

    monkeypatch.setattr("sys.stdin", io.StringIO("KARG0\n"))
    assert main(["delete-session", "--data", data, "--session", code]) == 2
    said = capsys.readouterr()
    assert said.out.startswith(f"Сессия {code} — «Репетиция», Каргополь, ")
    assert said.out.endswith(": карточки: 1, участники (вошедшие с телефонов): 1, голоса и оценки: 0, проекты: 0.\n"
                             "Чтобы удалить её, введите код сессии ещё раз: ")
    assert said.err == (f"workbench delete-session: ошибка: код не введён или не совпал с {code}: ничего не "
                        "удалено (без вопроса: --yes)\n")
    assert wb.store.session(code)["title"] == "Репетиция"

    monkeypatch.setattr("sys.stdin", io.StringIO(code.lower() + "\n"))
    assert main(["delete-session", "--data", data, "--session", code]) == 0
    out = capsys.readouterr().out
    [copy] = (wb.data_dir / "deleted").glob(f"{code}-*.json")
    assert out.endswith(f"сессия {code} удалена. Её копия: {copy} (вернуть: `workbench import-session --data "
                        f"{data} {copy}`)\n")
    with pytest.raises(WorkbenchError):
        wb.store.session(code)

    assert main(["import-session", "--data", data, str(copy)]) == 0
    back = wb.store.session(code)
    assert [c["text"] for c in wb.store.cards(back["id"])] == ["Карточка репетиции"]
    assert wb.store.participant_by_token(back["id"], anna["token"])["name"] == "Анна"  # its phone carries on

    assert main(["delete-session", "--data", data, "--session", code, "--yes"]) == 0
    assert len(list((wb.data_dir / "deleted").glob(f"{code}-*.json"))) == 2  # the first copy is kept
    assert main(["delete-session", "--data", data, "--session", "NOPE1", "--yes"]) == 2
    assert "Сессия с кодом «NOPE1» не найдена" in capsys.readouterr().err


def test_a_copy_that_cannot_be_written_deletes_nothing(wb, capsys):
    code = wb.store.create_session("Репетиция")
    (wb.data_dir / "deleted").write_text("a file where the folder should be")
    assert main(["delete-session", "--data", str(wb.data_dir), "--session", code, "--yes"]) == 2
    err = capsys.readouterr().err
    assert "не удаётся записать копию сессии" in err and err.strip().endswith("ничего не удалено")
    assert wb.store.session(code)["title"] == "Репетиция"


@pytest.fixture
def store_url(backend, tmp_path):
    if backend == "postgres":
        return os.environ["WORKBENCH_DATABASE_URL"]  # the test's database (`backend`)
    return f"sqlite:///{tmp_path / 'workbench.sqlite'}"


def test_a_store_of_schema_15_gets_the_archive_column_and_keeps_its_sessions(store_url):
    store = Store.open_url(store_url)
    code = store.create_session("Прошлогодняя")
    with store.engine.begin() as c:
        c.execute(sa.text("ALTER TABLE sessions DROP COLUMN archived_at"))
        c.execute(sa.text("UPDATE meta SET value = '15' WHERE key = 'schema_version'"))
    store.close()
    store = Store.open_url(store_url)
    try:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.session(code)["archived_at"] is None
        lifecycle.archive(store, code)
        assert store.list_sessions(archived=False) == []
    finally:
        store.close()
    again = Store.open_url(store_url)  # the step is idempotent: a second open changes nothing
    assert again.session(code)["archived_at"] is not None
    again.close()


@pytest.fixture(scope="module")
def served(serve):
    return serve(lambda wb: wb.store.create_session("Будущее Плесецкого округа"))


def test_a_served_phone_of_an_archived_session_gets_410_with_the_message(served):
    server, code = served
    p = Phone(server.base, code, lang="ru")
    p.join(name="Анна")
    act(server, lambda wb: lifecycle.archive(wb.store, code))
    try:
        for answer in (p.call("GET", "/state"), Http().get(f"{server.base}/api/s/{code}/join", timeout=10)):
            assert answer.status_code == 410
            assert answer.json()["error"] == "session_archived"
            assert "завершена и убрана в архив" in answer.json()["message"]
    finally:
        act(server, lambda wb: lifecycle.unarchive(wb.store, code))
    assert p.state()["session"]["code"] == code


def test_deleting_a_session_while_serve_holds_the_folder_warns_first(served, capsys):
    server, _ = served
    code = act(server, lambda wb: wb.store.create_session("Репетиция"))
    assert main(["delete-session", "--data", str(server.data_dir), "--session", code, "--yes"]) == 0
    err = capsys.readouterr().err
    assert err.startswith(f"внимание: папку {server.data_dir} сейчас использует запущенный `workbench serve`: "
                          "если эта сессия идёт в зале, её телефоны и экран перестанут её открывать.")
    assert f"`workbench archive-session --session {code}`" in err


def test_edits_made_on_the_other_laptop_are_not_losses_but_edits_made_here_are():
    from workbench.store.transfer import compare_session, import_session

    a, b = Store.open_url("sqlite://"), Store.open_url("sqlite://")
    code = a.create_session("Сессия")
    s = a.session(code)
    card = a.add_card(s["id"], s["current_stage_id"], "Дорога")["id"]
    draft = create_draft(a, s["id"], {"title": "Дорога", "goal": "отремонтировать"})
    import_session(b, export_session(a, code))
    a.put_draft_fields(draft, {"goal": "отремонтировать 3 км"})  # the other laptop works on
    a.edit_card(card, text="Дорога до Савинского")
    later = export_session(a, code)
    assert compare_session(b, later)["lost"] == dict.fromkeys(compare_session(b, later)["lost"], 0)

    here = b.session(code)
    [d] = b.drafts(here["id"])
    b.put_draft_fields(d["id"], {"goal": "отремонтировать к лету"})  # and this one too: a conflict
    b.edit_card(b.cards(here["id"])[0]["id"], text="Дорога к школе")
    lost = compare_session(b, later)["lost"]
    assert (lost["draft_fields"], lost["card_edits"], lost["cards"]) == (1, 1, 0)
