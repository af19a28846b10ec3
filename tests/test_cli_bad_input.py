"""Bad input that printed a Python traceback, or a line naming the wrong file or in the wrong words:
each is one line in the command's language, exit code 2, and no file (or half of one) written."""

from __future__ import annotations

import errno
import os

import pytest

from workbench.cli import main


def cli(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str, command: str, lang: str = "ru") -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    said = {"ru": "ошибка", "en": "error"}[lang]
    assert lines[0].startswith(f"workbench {command}: {said}: "), err
    return lines[0].removeprefix(f"workbench {command}: {said}: ")


@pytest.fixture
def data(tmp_path, capsys):
    assert main(["demo", "--data", str(tmp_path / "data")]) == 0
    capsys.readouterr()
    return tmp_path / "data"


def export_protocol(capsys, data, templates, out, *lang):
    return cli(capsys, *lang, "export", "--data", data, "--session", "KARGO1", "--what", "protocol",
               "--format", "md", "--output-dir", out, "--templates", templates)


def test_a_template_not_in_utf8_is_named_not_a_traceback(data, tmp_path, capsys):
    """A protocol template saved by Notepad as «ANSI» (Windows-1251) raised UnicodeDecodeError."""
    templates, out = tmp_path / "templates", tmp_path / "out"
    templates.mkdir()
    (templates / "protocol.md.j2").write_bytes("# Протокол {{ session.title }}\n".encode("cp1251"))
    code, _, err = export_protocol(capsys, data, templates, out)
    assert code == 2
    assert one_line(err, "export") == ("protocol.md.j2: шаблон не в кодировке UTF-8 (байт 0xcf на позиции 2); "
                                       "сохраните его как UTF-8. Файлы не записаны")
    code, _, err = export_protocol(capsys, data, templates, out, "--lang", "en")
    assert code == 2
    assert one_line(err, "export", "en") == ("protocol.md.j2: the template is not UTF-8 (byte 0xcf at position 2); "
                                             "save it as UTF-8. No file was written")
    assert not out.exists() or list(out.iterdir()) == []


def test_a_template_expression_that_fails_names_its_line(data, tmp_path, capsys):
    """{{ 1 / 0 }} in a template raised ZeroDivisionError with a traceback."""
    templates, out = tmp_path / "templates", tmp_path / "out"
    templates.mkdir()
    (templates / "protocol.md.j2").write_text("# Протокол\n\nГолосов на участника: {{ 10 / 0 }}\n", encoding="utf-8")
    code, _, err = export_protocol(capsys, data, templates, out)
    assert code == 2
    assert one_line(err, "export") == ("protocol.md.j2, строка 3: шаблон не выполнился: ZeroDivisionError: "
                                       "division by zero. Файлы не записаны")
    assert not out.exists() or list(out.iterdir()) == []


def test_person_export_names_the_file_typed_when_it_cannot_be_written(data, tmp_path, capsys, monkeypatch):
    """The line named the temporary file beside it (/x/.p.json.k3v9.tmp), through the store's
    «не удаётся открыть»; a full disk leaves neither the file nor the temporary one."""
    missing = tmp_path / "nope" / "person.json"
    code, out, err = cli(capsys, "person", "--data", data, "Иванова", "--export", missing)
    assert code == 2 and out == ""
    assert one_line(err, "person") == f"не удаётся записать {missing}: No such file or directory"

    def full_disk(_fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full_disk)
    target = tmp_path / "person.json"
    code, _, err = cli(capsys, "--lang", "en", "person", "--data", data, "Иванова", "--export", target)
    assert code == 2
    assert one_line(err, "person", "en") == f"cannot write {target}: No space left on device"
    assert [p.name for p in tmp_path.iterdir() if "person" in p.name] == []


def test_registrations_output_of_another_kind_is_said_in_the_commands_words(data, tmp_path, capsys):
    """«Неверный запрос: x.txt: a .csv or .xlsx file», half English, became the line every table
    command says."""
    code, _, err = cli(capsys, "registrations", "--data", data, "--session", "KARGO1", "--output", tmp_path / "reg.txt")
    assert code == 2
    assert one_line(err, "registrations") == f"--output {tmp_path / 'reg.txt'}: укажите файл с расширением .csv или .xlsx"
    assert not (tmp_path / "reg.txt").exists()


def test_a_table_in_no_encoding_it_reads_is_named(tmp_path, capsys, monkeypatch):
    """`network --orgs` with a cut UTF-16 list said «текст не в кодировке…» without saying which
    of its two files; each reader names the file."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "people.csv").write_text("person,event\nАнна,Сессия 1\nОлег,Сессия 1\n", encoding="utf-8")
    (tmp_path / "orgs.csv").write_bytes("Написание,Организация\nРодничок,".encode("utf-16")[:-1])
    code, _, err = cli(capsys, "network", "people.csv", "--output-dir", "out", "--orgs", "orgs.csv")
    assert code == 2
    assert one_line(err, "network") == "orgs.csv: текст не в кодировке `UTF-8` и не в `cp1251`: сохраните файл в `UTF-8`"
    code, _, err = cli(capsys, "--lang", "en", "cluster", "orgs.csv", "--text-column", "Написание",
                       "--output", "groups.csv")
    assert code == 2
    assert one_line(err, "cluster", "en") == "orgs.csv: the text is neither UTF-8 nor cp1251: save the file as UTF-8"
    assert not (tmp_path / "out").exists() and not (tmp_path / "groups.csv").exists()


def _disk_full_after(monkeypatch, n: int):
    """Files written through `os.fsync` (every atomic writer's) fill the disk after `n` of them."""
    calls = []
    real = os.fsync

    def fsync(fd):
        calls.append(fd)
        if len(calls) > n:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(fd)

    monkeypatch.setattr(os, "fsync", fsync)


def test_a_full_disk_during_the_data_export_leaves_no_files(data, tmp_path, capsys, monkeypatch):
    """The data export wrote its CSV files one by one: a full disk at the third left two."""
    out = tmp_path / "out"
    _disk_full_after(monkeypatch, 2)
    code, _, err = cli(capsys, "export", "--data", data, "--session", "KARGO1", "--what", "data", "--format", "csv",
                       "--output-dir", out)
    assert code == 2
    assert one_line(err, "export") == f"не удаётся записать в {out}: No space left on device"
    assert not out.exists()


def test_a_full_disk_during_the_network_files_leaves_no_files(tmp_path, capsys, monkeypatch):
    from workbench.network import export

    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.chdir(tmp_path)
    (tmp_path / "people.csv").write_text("person,event\nАнна,Сессия 1\nОлег,Сессия 1\n", encoding="utf-8")
    monkeypatch.setattr(export, "write_graphml", full)
    code, _, err = cli(capsys, "network", "people.csv", "--output-dir", "out")
    assert code == 2 and one_line(err, "network") == "не удаётся записать в out: No space left on device"
    assert not (tmp_path / "out").exists()


def test_a_full_disk_where_the_backup_goes_is_named_not_the_store(data, tmp_path, capsys, monkeypatch):
    """SQLite's «database or disk is full» while writing the copy was said as the store's own
    full disk («не удаётся записать в хранилище в DATA»)."""
    import sqlite3

    from workbench.store import copies

    def full(_source, _target):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(copies, "copy_store", full)
    target = tmp_path / "usb" / "copy.sqlite"
    code, _, err = cli(capsys, "backup", "--data", data, "--output", target)
    assert code == 2
    assert one_line(err, "backup") == f"не удаётся записать {target}: No space left on device"
