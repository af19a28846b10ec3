"""A session's title, territory and date after `new-session`: which session `serve` opens when it is
not told, what it says about it, a second session of the same title, and correcting the details
(`workbench session-edit`, the «Сессия» row of the control view's «✎ Этапы и сессия») so the phones, the display and the
registration form show them."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from workbench.cli import main
from workbench.testing import Http, free_port, wait_for
from workbench.ui.projector import ProjectorView


def cli(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def day(offset: int) -> str:
    return (dt.date.today() + dt.timedelta(days=offset)).isoformat()


@pytest.fixture
def no_server(monkeypatch):
    """`serve` prints what it prints, then returns instead of serving."""
    from workbench.session import embedding
    from workbench.web import server

    monkeypatch.setattr(server, "serve", lambda *a, **k: None)
    monkeypatch.setattr(embedding, "start_embedder", lambda *a, **k: None)


def new_session(capsys, data, title, date, *more):
    code, out, err = cli(capsys, "new-session", "--data", data, "--title", title, "--date", date, *more)
    assert code == 0, err
    return out.strip().splitlines()[-1], err


def test_serve_opens_todays_session_not_next_months_and_names_it(tmp_path, capsys, no_server):
    data = tmp_path / "sessions_data"
    today, _ = new_session(capsys, data, "Будущее Плесецкого округа", day(0), "--territory", "Плесецкий округ")
    new_session(capsys, data, "Прошлый модуль", day(-20))
    later, _ = new_session(capsys, data, "Будущее Плесецкого округа: модуль 2", day(30))  # made last, dated last
    code, out, _ = cli(capsys, "serve", "--data", data, "--no-browser", "--port", free_port())
    assert code == 0
    shown = dt.date.today().strftime("%d.%m.%Y")
    assert f"Код сессии: {today} — «Будущее Плесецкого округа», Плесецкий округ, {shown}" in out
    assert later not in out
    assert ("В папке данных ещё 2 сессии; открыта сессия с датой, ближайшей к сегодняшней. "
            f"Другую: `workbench serve --data {data} --session КОД`") in out
    # told which, it serves that one and says nothing of the others
    code, out, _ = cli(capsys, "serve", "--data", data, "--no-browser", "--port", free_port(), "--session", later)
    assert f"Код сессии: {later} — «Будущее Плесецкого округа: модуль 2»" in out and "ещё 2" not in out


def test_with_no_session_today_serve_opens_the_nearest_and_of_two_as_near_the_one_made_last(
        tmp_path, capsys, no_server):
    data = tmp_path / "sessions_data"
    new_session(capsys, data, "Месяц назад", day(-30))
    new_session(capsys, data, "Через три дня", day(3))
    newest, _ = new_session(capsys, data, "Три дня назад", day(-3))
    code, out, _ = cli(capsys, "serve", "--data", data, "--no-browser", "--port", free_port())
    assert code == 0 and f"Код сессии: {newest} — «Три дня назад»" in out


def test_a_second_session_of_the_same_title_is_made_and_said(tmp_path, capsys):
    data = tmp_path / "sessions_data"
    first, err = new_session(capsys, data, "Будущее Плесецкого округа", "14.03.2026")
    assert err == ""
    second, err = new_session(capsys, data, "будущее  Плесецкого округа", "11.04.2026")
    assert second != first
    assert err == (f"внимание: сессия «Будущее Плесецкого округа» уже есть (код {first} 14.03.2026); новая "
                   f"создана со своим кодом {second}, участники входят по коду\n")
    code, out, _ = cli(capsys, "sessions", "--data", data)
    assert [line.split()[0] for line in out.splitlines()] == [first, second]


def test_session_edit_changes_the_title_territory_and_date(tmp_path, capsys):
    data = tmp_path / "sessions_data"
    code, _ = new_session(capsys, data, "Будущее Плисецкого округа", "2026-03-14")
    rc, out, err = cli(capsys, "session-edit", "--data", data, "--session", code.lower(),
                       "--title", "Будущее Плесецкого округа", "--territory", "Плесецкий округ", "--date", "21.03.2026")
    assert rc == 0 and out == f"{code}: «Будущее Плесецкого округа», Плесецкий округ, 21.03.2026\n"
    rc, out, _ = cli(capsys, "sessions", "--data", data)
    assert out.split()[:2] == [code, "21.03.2026"] and "Будущее Плесецкого округа" in out
    # a mistake changes nothing, and is one line
    for argv, says in ((["--date", "21/03/2026"], "Дата сессии «21/03/2026» не распознана"),
                       (["--title", " "], "Пустой текст"),
                       ([], "нечего менять: укажите --title, --territory или --date")):
        rc, out, err = cli(capsys, "session-edit", "--data", data, "--session", code, *argv)
        assert rc == 2 and out == "" and err.startswith("workbench session-edit: ошибка: ") and says in err
    rc, _, err = cli(capsys, "session-edit", "--data", data, "--session", "NOPE99", "--title", "X")
    assert rc == 2 and "NOPE99" in err
    rc, out, _ = cli(capsys, "sessions", "--data", data)
    assert out.split()[:2] == [code, "21.03.2026"] and "Плесецкий округ  Будущее Плесецкого округа" in out


def test_the_control_view_corrects_the_session(wb, demo):
    view = ProjectorView(wb, demo)
    assert view.stage_editor.panel is None  # folded away until asked for, and not built
    view.stage_editor.toggle.value = True  # ✎ Этапы и сессия
    box = view.stage_editor.session_box
    assert box.title.value == wb.store.session(demo)["title"]
    box.title.value, box.territory.value, box.date.value = "Будущее Каргополя", "Каргопольский округ", "21.03.2026"
    box.save.click()
    s = wb.store.session(demo)
    assert (s["title"], s["territory"], s["date"]) == ("Будущее Каргополя", "Каргопольский округ", "2026-03-21")
    assert "Будущее Каргополя" in view.title.value and "21.03.2026" in view.title.value
    assert "Сессия сохранена: «Будущее Каргополя»" in view.message.value
    box.date.value = "31.02.2026"
    box.save.click()
    assert "Дата сессии «31.02.2026» не распознана" in view.message.value
    assert wb.store.session(demo)["date"] == "2026-03-21"  # nothing changed
    # changed elsewhere (`session-edit`): the view and the box follow at the next refresh
    from workbench.session import details

    details.edit(wb.store, s["id"], title="Будущее Каргопольского округа")
    view.refresh()
    assert "Будущее Каргопольского округа" in view.title.value and box.title.value == "Будущее Каргопольского округа"


def test_phones_the_display_and_the_registration_form_show_the_new_title_within_a_second(fresh):
    wb, start = fresh
    code = wb.store.create_session("Будущее Плисецкого округа", territory="Плесецкий округ")
    server = start()
    http = Http()
    cookie = server.login_cookie(code)
    pages = {"join": lambda: http.get(f"{server.base}/api/s/{code}/join").json()["title"],
             "display": lambda: http.get(f"{server.base}/api/d/{code}/state", headers={"Cookie": cookie}).json()["title"],
             "registration": lambda: http.get(f"{server.base}/reg/{code}").text}
    for read in pages.values():
        assert "Будущее Плисецкого округа" in read()
    from workbench.session import details

    details.edit(wb.store, wb.store.session(code)["id"], title="Будущее Плесецкого округа")
    edited = time.monotonic()
    for name, read in pages.items():
        left = max(0.0, 1.0 - (time.monotonic() - edited))  # one second for all three
        wait_for(lambda read=read: "Будущее Плесецкого округа" in read(), timeout=left, message=f"the {name} page's new title")


def test_the_join_pages_question_is_a_304_until_the_session_changes(fresh):
    """The join page asks which session it is every poll: nothing is read or sent while the store
    has not changed; a new title comes with the next answer."""
    wb, start = fresh
    code = wb.store.create_session("Будущее Плисецкого округа")
    server = start()
    http = Http()
    url = f"{server.base}/api/s/{code}/join"
    first = http.get(url)
    assert first.status_code == 200 and first.json()["title"] == "Будущее Плисецкого округа"
    same = http.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert same.status_code == 304 and same.content == b""
    from workbench.session import details

    details.edit(wb.store, wb.store.session(code)["id"], title="Будущее Плесецкого округа")
    changed = wait_for(lambda: (r := http.get(url, headers={"If-None-Match": first.headers["ETag"]})).status_code == 200
                       and r, timeout=2, message="a 200 after the title changed")
    assert changed.json()["title"] == "Будущее Плесецкого округа"
