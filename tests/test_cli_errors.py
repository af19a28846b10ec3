"""Every command's mistakes as a user makes them (issues 13 and 18): one line on stderr in one
style, exit code 2, nothing printed before it and nothing created or lost. The lines are checked
in Russian, the CLI's default; `--lang en` is checked at the end."""

from __future__ import annotations

import shutil
import socket
import sqlite3
import subprocess
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa

from workbench.cli import REGISTRARS, main

DEMO = Path(__file__).resolve().parent.parent / "sessions_data" / "demo"


def cli(capsys, *argv):
    """Run `workbench ARGV` as a user would; (exit code, stdout, stderr)."""
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:  # argparse's usage errors
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err: str, command: str = "") -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    prefix = f"workbench {command}: ошибка: " if command else "workbench: ошибка: "
    assert lines[0].startswith(prefix), err
    return lines[0]


@pytest.fixture
def data(tmp_path, capsys):
    folder = tmp_path / "sessions_data"
    assert main(["demo", "--data", str(folder)]) == 0
    capsys.readouterr()
    return folder


def test_an_unknown_command_lists_every_command(capsys):
    code, _, err = cli(capsys, "foo")
    line = one_line_error(err)
    assert code == 2 and "неизвестная команда «foo»" in line
    names = ["init", "demo", "sessions", "new-session"] + [e.split("=")[0] for e in REGISTRARS if "=" in e]
    assert all(f" {name}" in line for name in names)


def test_usage_mistakes_are_one_line_in_the_same_style(capsys):
    code, _, err = cli(capsys, "cluster")
    assert one_line_error(err, "cluster") == ("workbench cluster: ошибка: не хватает обязательных аргументов: "
                                              "INPUT, --text-column, --output (см. `workbench cluster --help`)")
    assert code == 2
    code, _, err = cli(capsys, "serve", "--port", "99999")
    assert code == 2 and "аргумент --port: «99999» — не порт (нужно число от 1 до 65535)" in one_line_error(err, "serve")
    code, _, err = cli(capsys, "export", "--what", "everything")
    # quoted «…» as every Russian message quotes, not with Python's '…' (argparse's repr)
    assert code == 2 and "недопустимое значение «everything» (можно: «data», «drafts», «protocol»)" in \
        one_line_error(err, "export")
    code, _, err = cli(capsys, "cluster", "in.csv", "--text-column", "t", "--output", "o.csv", "--seed", "пять")
    assert code == 2 and "аргумент --seed: недопустимое значение (int): «пять»" in one_line_error(err, "cluster")
    code, _, err = cli(capsys, "--lang", "en", "export", "--what", "everything")
    assert code == 2 and "invalid choice: 'everything' (choose from 'data', 'drafts', 'protocol')" in err


def test_a_typo_in_data_creates_no_empty_store(data, capsys):
    typo = data.parent / "sesions_data"
    for argv in (["sessions"], ["serve", "--no-browser"], ["stage", "--session", "KARGO1", "1"],
                 ["export", "--session", "KARGO1", "--what", "data", "--format", "csv", "--output-dir", data.parent / "o"],
                 ["export-session", "--session", "KARGO1", "--output", data.parent / "s.json"]):
        code, out, err = cli(capsys, argv[0], "--data", typo, *argv[1:])
        assert code == 2 and out == "" and f"папки данных {typo} нет" in one_line_error(err, argv[0])
    assert not typo.exists()
    empty = data.parent / "empty"
    empty.mkdir()
    code, _, err = cli(capsys, "sessions", "--data", empty)
    assert code == 2 and "нет хранилища workbench" in one_line_error(err, "sessions")
    assert list(empty.iterdir()) == []


def test_session_dates_must_be_real_dates(data, capsys):
    for bad in ("2024-13-45", "tomorrow", "03/14/2026", "31.02.2026"):
        code, _, err = cli(capsys, "new-session", "--data", data, "--title", "Сессия", "--date", bad)
        assert (f"Дата сессии «{bad}» не распознана: укажите её как ДД.ММ.ГГГГ или ГГГГ-ММ-ДД"
                in one_line_error(err, "new-session"))
        assert code == 2
    code, out, _ = cli(capsys, "sessions", "--data", data)
    assert [line.split()[0] for line in out.splitlines()] == ["KARGO1"]  # nothing was created


def test_a_mistake_in_new_session_creates_no_data_folder(tmp_path, capsys):
    """The reviewer's first command on an empty machine: the error, and no workbench.sqlite."""
    folder = tmp_path / "sessions_data"
    for argv in (["--date", "12/12/2026"], ["--template", "nope"], ["--territory", "Я" * 130]):
        code, out, err = cli(capsys, "new-session", "--data", folder, "--title", "Плесецк", *argv)
        assert code == 2 and out == "" and one_line_error(err, "new-session")
        assert not folder.exists()


def test_a_russian_date_is_a_date(tmp_path, capsys):
    folder = tmp_path / "sessions_data"
    code, out, _ = cli(capsys, "new-session", "--data", folder, "--title", "Плесецк", "--date", "12.12.2026")
    assert code == 0
    code, lines, _ = cli(capsys, "sessions", "--data", folder)
    assert lines.split()[:2] == [out.strip(), "12.12.2026"]


def test_serve_refuses_an_unknown_session_before_printing_anything(data, capsys):
    code, out, err = cli(capsys, "serve", "--data", data, "--session", "NOPE99", "--no-browser")
    assert code == 2 and out == ""
    assert "нет сессии «NOPE99» (сессии: KARGO1)" in one_line_error(err, "serve")


def test_serve_refuses_a_busy_port_before_printing_urls(data, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, out, err = cli(capsys, "serve", "--data", data, "--host", "127.0.0.1", "--port", port, "--no-browser")
    assert code == 2 and out == ""  # no URL, no QR code
    assert f"порт {port} уже занят" in one_line_error(err, "serve")


@pytest.mark.parametrize("text, says", [
    ('{"lang": "fr"}', "lang может быть ru, en, а не «fr»"),
    ('{"watch_interval": "fast"}', "watch_interval должно быть числом больше 0, а не «fast»"),
    ('{"watch_interval": 0}', "watch_interval должно быть числом больше 0, а не 0"),
    ('{"default_vote_budget": 2.5}', "default_vote_budget должно быть целым числом больше 0, а не 2.5"),
    ('{"staff_see_contacts": "yes"}', "staff_see_contacts может быть `true` или `false`, а не «yes»"),
    ('{"vote_budgt": 5}', "неизвестные настройки: vote_budgt (настройки: default_vote_budget,"),
    ('{"lang": ', "это не JSON (Expecting value, строка 1, позиция 10); проверьте кавычки и запятые"),
    ('["lang"]', 'в файле должен быть объект JSON, например {"lang": "en"}'),
])
def test_settings_are_checked_and_the_file_named(data, capsys, text, says):
    (data / "settings.json").write_text(text)
    code, _, err = cli(capsys, "sessions", "--data", data)
    line = one_line_error(err, "sessions")
    assert code == 2 and says in line and str(data / "settings.json") in line


def test_a_damaged_store_is_one_line_for_every_command(tmp_path, capsys):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "workbench.sqlite").write_bytes(b"not a database at all " * 400)
    for argv in (["sessions"], ["new-session", "--title", "x"], ["serve", "--no-browser"]):
        code, out, err = cli(capsys, argv[0], "--data", folder, *argv[1:])
        assert code == 2 and out == "" and "workbench.sqlite повреждён" in one_line_error(err, argv[0])


def test_export_template_and_folder_mistakes_are_one_line(data, capsys):
    base = ["export", "--data", data, "--session", "KARGO1", "--what", "protocol", "--format", "md"]
    code, _, err = cli(capsys, *base, "--output-dir", data.parent / "out", "--templates", data.parent / "tmpl")
    assert code == 2 and f"папки шаблонов {data.parent / 'tmpl'} нет" in one_line_error(err, "export")
    templates = data.parent / "my-templates"
    shutil.copytree(Path(__file__).resolve().parent.parent / "templates", templates)
    with open(templates / "protocol.md.j2", "a", encoding="utf-8") as fh:
        fh.write("{% if x %}\n")  # an unclosed block: a typo when editing the template
    code, _, err = cli(capsys, *base, "--output-dir", data.parent / "out", "--templates", templates)
    assert code == 2 and "protocol.md.j2, строка" in one_line_error(err, "export")
    a_file = data.parent / "notes.txt"
    a_file.write_text("keep me")
    code, _, err = cli(capsys, *base, "--output-dir", a_file)
    assert code == 2 and "— это файл, а не папка" in one_line_error(err, "export")
    assert a_file.read_text() == "keep me"


def test_export_data_writes_a_header_row_for_empty_tables(data, capsys):
    out = data.parent / "out"
    assert cli(capsys, "export", "--data", data, "--session", "KARGO1", "--what", "data", "--format", "csv",
               "--output-dir", out)[0] == 0
    ratings = (out / "KARGO1-ratings.csv").read_text(encoding="utf-8-sig").splitlines()
    assert ratings == ["№;№ этапа;№ участника;№ карточки;Важность;Выполнимость;Создано"]
    participants = (out / "KARGO1-participants.csv").read_text(encoding="utf-8-sig")
    assert "Токен" not in participants.splitlines()[0]


def test_network_reads_the_attendance_list_the_analysis_page_reads(tmp_path, capsys):
    code, out, err = cli(capsys, "network", DEMO / "attendance.csv", "--output-dir", tmp_path / "net")
    assert code == 0, err
    assert out.startswith("узлов: ") and (tmp_path / "net" / "nodes.csv").exists()
    names = (tmp_path / "net" / "nodes.csv").read_text(encoding="utf-8-sig")
    assert "Быкова Татьяна" in names


def test_network_names_the_sectors_it_does_not_know(tmp_path, capsys):
    people = tmp_path / "people.csv"
    people.write_text("ФИО;Мероприятие;Сфера\nАнна;Сессия;школа\nОлег;Сессия;школа\nВера;Сессия;житель\n",
                      encoding="utf-8")
    code, out, err = cli(capsys, "network", people, "--output-dir", tmp_path / "net")
    assert code == 0, err
    assert "примечание: 2 строки с незнакомой сферой: «школа» (2); в файлах сфера записана как во входной " \
           "таблице. Известные сферы: НКО, ТОС, Органы власти / МСУ, Бизнес, Житель, Другое" in out
    nodes = (tmp_path / "net" / "nodes.csv").read_text(encoding="utf-8-sig")
    assert "школа" in nodes


def test_opinion_groups_reads_what_cluster_reads_and_says_one_thing(tmp_path, capsys):
    votes = tmp_path / "votes.csv"
    votes.write_bytes("voter-id;comment-id;vote\nАнна;1;1\nАнна;2;-1\nОлег;1;-1\nОлег;2;1\n".encode("cp1251"))
    code, out, err = cli(capsys, "opinion-groups", votes, "--output", tmp_path / "groups.csv")
    assert code == 0, err
    assert out.startswith("в группах 0 из 2 участников.") and "нужно не меньше 6" in out
    assert (tmp_path / "groups.csv").read_text(encoding="utf-8-sig").splitlines() == ["participant,group", "Анна,", "Олег,"]
    for content in (b"", b"\xde\xe0\xff"):
        bad = tmp_path / "bad.csv"
        bad.write_bytes(content)
        _, _, from_opinion = cli(capsys, "opinion-groups", bad, "--output", tmp_path / "o.csv")
        _, _, from_cluster = cli(capsys, "cluster", bad, "--text-column", "x", "--output", tmp_path / "o.csv")
        assert one_line_error(from_opinion, "opinion-groups").split("ошибка: ")[1] == \
            one_line_error(from_cluster, "cluster").split("ошибка: ")[1]
    votes.write_text("voter-id,comment-id,vote\nАнна,1,5\nОлег,1,yes\n", encoding="utf-8")
    code, _, err = cli(capsys, "opinion-groups", votes, "--output", tmp_path / "groups.csv")
    assert code == 2 and one_line_error(err, "opinion-groups").endswith(
        f"{votes}: неверные голоса «5», «yes» в 2 строках; голос — это 1 (за), -1 (против) или 0 (пропуск)")


def test_cluster_refuses_more_groups_than_texts_and_writes_excel_ready_csv(tmp_path, capsys):
    ideas = tmp_path / "ideas.csv"
    ideas.write_text("idea\nДороги\nКлуб для молодёжи\nРемонт дорог\nМолодёжный клуб\n", encoding="utf-8")
    code, _, err = cli(capsys, "cluster", ideas, "--text-column", "idea", "--output", tmp_path / "o.csv",
                       "--clusters", 50)
    assert code == 2 and "в столбце «idea» всего 4 разных текстов" in one_line_error(err, "cluster")
    code, out, _ = cli(capsys, "cluster", ideas, "--text-column", "idea", "--output", tmp_path / "o.csv",
                       "--clusters", 2)
    assert code == 0 and "групп: 2" in out
    assert (tmp_path / "o.csv").read_bytes().startswith("\ufeff".encode())  # a BOM, like the data export
    missing = tmp_path / "no-such-folder" / "o.csv"
    code, _, err = cli(capsys, "cluster", ideas, "--text-column", "idea", "--output", missing)
    line = one_line_error(err, "cluster")
    assert code == 2 and line.count(str(missing)) == 1 and f"папки {missing.parent} нет" in line


def test_huge_table_files_are_refused_before_they_are_read(tmp_path, capsys):
    big = tmp_path / "big.csv"
    big.write_text("person,group\n" + "Иванова Анна,Сессия 1\n" * 60_000, encoding="utf-8")  # 2.3 MB
    code, out, err = cli(capsys, "network", big, "--output-dir", tmp_path / "net", "--max-mb", 1)
    line = one_line_error(err, "network")
    assert code == 2 and out == "" and f"{big}: файл занимает 2,3 МБ, больше предела для таблицы (1 МБ)" in line
    assert "укажите предел больше через --max-mb (или WORKBENCH_MAX_TABLE_MB)" in line
    assert not (tmp_path / "net").exists()
    # An XLSX that is small on disk and unpacks to much more (a "zip bomb" sheet).
    book = tmp_path / "ideas.xlsx"
    sheet = "<row><c t='inlineStr'><is><t>Дороги</t></is></c></row>" * 40_000
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", f"<worksheet><sheetData>{sheet}</sheetData></worksheet>")
    assert book.stat().st_size < 100_000
    code, _, err = cli(capsys, "cluster", book, "--text-column", "idea", "--output", tmp_path / "o.csv",
                       "--max-mb", 1)
    assert code == 2 and "книга Excel в распакованном виде занимает" in one_line_error(err, "cluster")


def _make_read_only(paths):
    """chmod the paths read-only; under root (who writes anyway) also mark them immutable."""
    import os

    for p in paths:
        p.chmod(0o555 if p.is_dir() else 0o444)
    if os.geteuid() == 0:
        if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", *map(str, paths)]).returncode:
            pytest.skip("running as root without chattr: a chmod alone does not stop root writing")
    return lambda: (os.geteuid() == 0 and subprocess.run(["chattr", "-i", *map(str, paths)]),
                    [p.chmod(0o755) for p in paths])


def test_new_session_in_a_read_only_data_folder_is_one_line(data, capsys):
    restore = _make_read_only([data / "workbench.sqlite", data])
    try:
        code, out, err = cli(capsys, "new-session", "--data", data, "--title", "Сессия")
    finally:
        restore()
    assert code == 2 and out == "" and "только для чтения" in one_line_error(err, "new-session")


def test_new_session_on_a_full_disk_is_one_line_and_saves_nothing(data, capsys, monkeypatch):
    import workbench.store as store

    real_engine = store._sqlite_engine

    def full_disk(url):  # the disk fills up as the session's rows are written
        engine = real_engine(url)

        @sa.event.listens_for(engine, "before_cursor_execute")
        def disk_full(conn, cursor, statement, *args):
            if statement.lstrip().upper().startswith("INSERT INTO STAGES"):
                raise sqlite3.OperationalError("database or disk is full")
        return engine

    monkeypatch.setattr(store, "_sqlite_engine", full_disk)
    code, out, err = cli(capsys, "new-session", "--data", data, "--title", "Будущее Няндомского округа")
    assert code == 2 and out == "" and "диск заполнен" in one_line_error(err, "new-session")
    monkeypatch.undo()
    code, out, _ = cli(capsys, "sessions", "--data", data)
    assert code == 0 and [line.split()[0] for line in out.splitlines()] == ["KARGO1"]


def test_an_enospc_while_writing_an_export_is_one_line(data, capsys, monkeypatch):
    import errno
    import os

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)  # the disk fills while the file is flushed
    code, _, err = cli(capsys, "export-session", "--data", data, "--session", "KARGO1", "--output",
                       data.parent / "s.json")
    assert code == 2 and "No space left on device" in one_line_error(err, "export-session")
    assert not (data.parent / "s.json").exists()



def test_cluster_refuses_more_texts_than_it_can_compare(tmp_path, capsys, monkeypatch):
    from workbench.cli import cluster

    monkeypatch.setattr(cluster, "MAX_TEXTS", 3)  # 5,000 in real life; 60,000 would need 27 GB
    ideas = tmp_path / "ideas.csv"
    ideas.write_text("idea\nДороги\nКлуб\nМусор\nШкола\n", encoding="utf-8")
    code, _, err = cli(capsys, "cluster", ideas, "--text-column", "idea", "--output", tmp_path / "o.csv")
    assert code == 2 and "текстов: 4" in one_line_error(err, "cluster") and "разделите файл" in err
    assert not (tmp_path / "o.csv").exists()


def test_with_lang_en_the_same_mistakes_are_said_in_english(data, tmp_path, capsys):
    """`workbench --lang en`: a file reader's, a settings file's and argparse's own words in English."""
    code, _, err = cli(capsys, "--lang", "en", "cluster")
    assert code == 2 and err == ("workbench cluster: error: the following arguments are required: INPUT, "
                                 "--text-column, --output (see `workbench cluster --help`)\n")
    code, _, err = cli(capsys, "--lang", "en", "cluster", tmp_path / "nope.csv", "--text-column", "x",
                       "--output", tmp_path / "o.csv")
    assert code == 2 and err == f"workbench cluster: error: {tmp_path / 'nope.csv'}: file not found; check its name and folder\n"
    (data / "settings.json").write_text('{"lang": "fr"}')
    code, _, err = cli(capsys, "--lang", "en", "sessions", "--data", data)
    assert code == 2 and err == f"workbench sessions: error: {data / 'settings.json'}: lang must be one of ru, en, not 'fr'\n"


def test_a_cut_short_session_file_is_said_in_plain_words(tmp_path, capsys):
    """A session export cut short in copying: no JSON parser's English, the place and what to do."""
    bad = tmp_path / "s.json"
    bad.write_text('{"tables":\n', encoding="utf-8")
    assert main(["import-session", "--data", str(tmp_path / "d"), str(bad)]) == 2
    err = capsys.readouterr().err
    assert err == (f"workbench import-session: ошибка: {bad} — не выгрузка сессии: файл обрывается или испорчен "
                   "(строка 2, позиция 1); выгрузите сессию заново (`workbench export-session`)\n")


def test_ctrl_c_in_a_command_on_the_store_is_one_line_and_the_session_stays(data, capsys, monkeypatch):
    """Ctrl+C while a session is archived, deleted (at its question) or exported says «прервано»
    in one line, not a traceback, and leaves the session as it was."""
    from workbench.store import Store

    store = Store.open(data)
    code = store.list_sessions()[0]["code"]
    store.close()

    def interrupt(*_a, **_k):
        raise KeyboardInterrupt
    monkeypatch.setattr("workbench.session.lifecycle.archive", interrupt)
    monkeypatch.setattr("builtins.input", interrupt)
    monkeypatch.setattr("workbench.exports.export_protocol", interrupt)
    for argv in (["archive-session", "--session", code], ["delete-session", "--session", code],
                 ["export", "--session", code, "--what", "protocol", "--format", "md",
                  "--output-dir", str(data.parent / "out")]):
        assert main([*argv, "--data", str(data)]) == 2
        said = one_line_error(capsys.readouterr().err, argv[0])
        assert said.endswith("прервано: ничего не изменено"), said
    store = Store.open(data)
    assert store.session(code)["archived_at"] is None
    store.close()
