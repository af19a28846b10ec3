"""The command line's own messages follow the workbench's language: Russian by default, English with
`workbench --lang en COMMAND …` or WORKBENCH_LANG=en; a refused action (WorkbenchError) is said in
the same language as the rest of the line."""

from __future__ import annotations

import datetime as dt

import pytest

from workbench.cli import main


@pytest.fixture
def data(tmp_path, capsys):
    assert main(["demo", "--data", str(tmp_path / "data")]) == 0
    assert capsys.readouterr().out == f"демо-сессия KARGO1 загружена в {tmp_path / 'data'}\n"
    return str(tmp_path / "data")


def test_russian_by_default(data, tmp_path, capsys):
    assert main(["sessions", "--data", data]) == 0
    assert "(20 участников)" in capsys.readouterr().out
    assert main(["stage", "--data", data, "--session", "KARGO1", "ideas"]) == 0
    assert capsys.readouterr().out == "KARGO1: текущий этап теперь «Проектные идеи» (ideas)\n"
    assert main(["stage", "--data", data, "--session", "NOPE99", "ideas"]) == 2
    assert capsys.readouterr().err == "workbench stage: ошибка: Сессия с кодом «NOPE99» не найдена\n"
    assert main(["frobnicate"]) == 2
    assert capsys.readouterr().err.startswith("workbench: ошибка: неизвестная команда «frobnicate»; команды: init,")
    assert main(["sessions", "--data", str(tmp_path / "nope")]) == 2
    assert "папки данных" in capsys.readouterr().err
    out = tmp_path / "out"
    assert main(["export", "--data", data, "--session", "KARGO1", "--what", "drafts", "--format", "xlsx",
                 "--output-dir", str(out)]) == 2
    assert capsys.readouterr().err == ("workbench export: ошибка: --what drafts нельзя записать как xlsx: "
                                       "используйте docx или md\n")
    assert not out.exists()


@pytest.mark.parametrize("how", ["option", "environment"])
def test_english_with_the_lang_option_or_the_environment(data, capsys, monkeypatch, how):
    argv = ["stage", "--data", data, "--session", "NOPE99", "ideas"]
    if how == "option":
        argv = ["--lang", "en", *argv]
    else:
        monkeypatch.setenv("WORKBENCH_LANG", "en")
    assert main(argv) == 2
    assert capsys.readouterr().err == "workbench stage: error: No session with code 'NOPE99'\n"
    assert main([*argv[:-2], "KARGO1", "ideas"]) == 0
    assert capsys.readouterr().out == "KARGO1: the current stage is now “Проектные идеи” (ideas)\n"
    assert main([*argv[:-2], "KARGO1", "99"]) == 2  # the stages named the English way too
    assert "the stages are: 1 problems “Проблемы”, 2 growth" in capsys.readouterr().err


def test_the_option_before_the_command_wins_and_the_commands_own_lang_is_the_documents(data, tmp_path, capsys,
                                                                                      monkeypatch):
    monkeypatch.setenv("WORKBENCH_LANG", "en")
    out = tmp_path / "out"
    # --lang after the command is the protocol's language; before it, the messages'
    assert main(["--lang", "ru", "export", "--data", data, "--session", "KARGO1", "--what", "protocol",
                 "--format", "md", "--lang", "en", "--output-dir", str(out)]) == 0
    assert capsys.readouterr().out.strip().endswith("protocol-KARGO1.md")
    assert (out / "protocol-KARGO1.md").read_text(encoding="utf-8").startswith("# Session protocol")
    assert main(["--lang", "ru", "stage", "--data", data, "--session", "KARGO1", "99"]) == 2
    assert capsys.readouterr().err.startswith("workbench stage: ошибка: нет этапа с номером 99; этапы: 1 problems")


def test_a_session_made_in_an_english_terminal_is_english(data, capsys, monkeypatch):
    """`WORKBENCH_LANG=en workbench new-session …` made a Russian session (stages «Проблемы»…,
    the control view in Russian) unless `--lang en` was typed after the command as well."""
    from workbench.app import Workbench
    from workbench.session.display import display_language

    monkeypatch.setenv("WORKBENCH_LANG", "en")
    assert main(["new-session", "--data", data, "--title", "Future of Nyandoma"]) == 0
    english = capsys.readouterr().out.strip()
    assert main(["new-session", "--data", data, "--title", "Будущее", "--lang", "ru"]) == 0  # the option wins
    russian = capsys.readouterr().out.strip()
    wb = Workbench(data)
    try:
        first = {code: wb.store.stages(wb.store.session(code)["id"])[0]["title"] for code in (english, russian)}
        langs = {code: display_language(wb.store, wb.store.session(code)["id"], "ru") for code in (english, russian)}
    finally:
        wb.close()
    assert first == {english: "Problems", russian: "Проблемы"}
    assert langs == {english: "en", russian: "ru"}


def test_sessions_names_each_sessions_kind_and_date_in_words(data, capsys):
    """`workbench sessions` printed the kind's code ("strategic_session") and the date as stored
    (2019-10-12); it says both as every page does (`dates.shown_date`): in Russian by default
    (12.10.2019), in English with --lang en (12 October 2019)."""
    assert main(["new-session", "--data", data, "--title", "Встреча онлайн", "--kind", "online_meeting"]) == 0
    capsys.readouterr()
    assert main(["sessions", "--data", data]) == 0
    ru = capsys.readouterr().out.splitlines()
    assert ru[0].startswith("KARGO1  12.10.2019  Стратегическая сессия  Каргопольский округ  ")
    today = dt.date.today()  # a session made without --date is today's
    assert ru[1].split("  ")[1:] == [today.strftime("%d.%m.%Y"), "Онлайн-встреча", "-", "Встреча онлайн",
                                     "(0 участников)"]
    assert main(["--lang", "en", "sessions", "--data", data]) == 0
    en = capsys.readouterr().out
    assert en.startswith("KARGO1  12 October 2019  Strategic session  Каргопольский округ  ")
    assert f"  {today.day} {today:%B} {today.year}  Online meeting  -  Встреча онлайн  (0 participants)" in en
    assert "  Strategic session  " in en and "  Online meeting  " in en
    assert "strategic_session" not in en + "\n".join(ru) and "online_meeting" not in en + "\n".join(ru)


def test_help_and_usage_mistakes_in_russian_and_english(capsys):
    """argparse's own words ("usage:", "options", "required") and every command's help follow the
    CLI's language too, and argparse is left as it was for the rest of the process."""
    import argparse

    with pytest.raises(SystemExit):
        main(["cluster", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("использование: workbench cluster [-h] --text-column COLUMN")
    assert "\nпозиционные аргументы:\n" in out and "\nпараметры:\n" in out
    assert "показать эту справку и выйти" in out and "столбец с текстами" in out
    assert "usage" not in out and "options" not in out
    assert main(["cluster"]) == 2
    assert capsys.readouterr().err == ("workbench cluster: ошибка: не хватает обязательных аргументов: INPUT, "
                                       "--text-column, --output (см. `workbench cluster --help`)\n")
    with pytest.raises(SystemExit):
        main(["--lang", "en", "network", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage: workbench network [-h] --output-dir DIR")
    assert "\noptions:\n" in out and "folder for the results" in out
    assert main(["--lang", "en", "cluster", "x.csv", "--text-column", "a", "--output", "o.csv",
                 "--clusters", "0"]) == 2
    assert capsys.readouterr().err == ("workbench cluster: error: argument --clusters: '0' is not a positive whole "
                                       "number (see `workbench cluster --help`)\n")
    assert argparse.ArgumentParser(prog="x").format_usage() == "usage: x [-h]\n"


def test_every_help_text_is_in_the_catalogue_in_both_languages():
    """No command or option keeps a help text written in the code: each one differs between the
    two languages (a text only in English would read the same in both)."""
    from workbench.cli import _RUNNING_LANG, build_parser

    def helps(lang):
        token = _RUNNING_LANG.set(lang)
        try:
            parser = build_parser()
        finally:
            _RUNNING_LANG.reset(token)
        sub = parser._subparsers._group_actions[0]
        out = {("workbench", a.dest): a.help for a in parser._actions if a.dest != "help"}
        for name, p in sub.choices.items():
            out[(name, "")] = next(c.help for c in sub._choices_actions if c.dest == name)
            out.update({(name, a.dest): a.help for a in p._actions if a.dest != "help"})
        return out

    ru, en = helps("ru"), helps("en")
    assert ru.keys() == en.keys() and len(ru) > 80
    same = [k for k in ru if ru[k] == en[k]]
    assert same == [], same


def test_a_running_command_leaves_argparse_as_it_found_it(data, capsys, monkeypatch):
    """argparse speaks Russian only while the command line is read: the command itself (a server
    that runs on, with libraries that parse their own options) sees argparse's own words."""
    import argparse

    from workbench.cli import core

    seen = []
    monkeypatch.setattr(core, "cmd_sessions", lambda args: seen.append(
        argparse.ArgumentParser(prog="x").format_usage()) or 0)
    assert main(["sessions", "--data", data]) == 0
    assert seen == ["usage: x [-h]\n"]


@pytest.mark.parametrize("command, name, content, said", [
    # an English reader gets the ISO date the English pages use, not 05.03.2024
    ("network", "bad2.csv", b"person,event,date\nAnn,E1,32.13.2024\n",
     "bad2.csv: row 2, column 'date': '32.13.2024' is not a date (write e.g. 2024-03-05)"),
    # a cut-off PNG renamed to .csv (no NUL in it): a picture, not columns named '‰PNG'
    ("network", "pic.csv", b"\x89PNG\r\n\x1a\n....",
     "{path}: not a table (it looks like a picture, an archive or a document); expected a CSV, TSV or XLSX table"),
    ("opinion-groups", "votes.csv", b"voter-id,comment-id,vote\n1,1,yes\n",
     "{path}: 1 row with a bad vote ('yes'); a vote is 1 (agree), -1 (disagree) or 0 (pass)"),
    ("opinion-groups", "votes.csv", b"voter-id,comment-id,vote\n1,1,yes\n2,1,maybe\n3,1,yes\n",
     "{path}: 3 rows with a bad vote ('yes', 'maybe'); a vote is 1 (agree), -1 (disagree) or 0 (pass)"),
    ("opinion-groups", "votes.csv", b"voter,comment-id\n1,1\n",
     "{path}: missing columns 'voter-id', 'vote' (expected voter-id, comment-id, vote)"),
])
def test_english_file_mistakes_read_as_english(tmp_path, capsys, monkeypatch, command, name, content, said):
    """The reviewer's English commands: a Russian-style date example, "found: '‰PNG'" for a picture,
    "value(s) … row(s)" instead of the catalogue's plurals."""
    monkeypatch.setenv("WORKBENCH_LANG", "en")
    path = tmp_path / name
    path.write_bytes(content)
    out = ["--output-dir", str(tmp_path / "out")] if command == "network" else ["--output", str(tmp_path / "o.csv")]
    assert main([command, str(path), *out]) == 2
    assert capsys.readouterr().err == f"workbench {command}: error: {said.format(path=path)}\n"
    assert not (tmp_path / "out").exists() and not (tmp_path / "o.csv").exists()


def test_an_english_sessions_documents_are_english_without_lang(data, tmp_path, capsys, monkeypatch):
    """`workbench export` of a session run in English wrote «Протокол сессии», «Участники»,
    «Черновик» unless `--lang en` followed the command; `registrations` printed «Пока никто не
    зарегистрировался» to an English terminal."""
    assert main(["new-session", "--data", data, "--title", "Future of Nyandoma", "--lang", "en"]) == 0
    code = capsys.readouterr().out.strip()
    out = tmp_path / "out"
    assert main(["export", "--data", data, "--session", code, "--what", "protocol", "--format", "md",
                 "--output-dir", str(out)]) == 0
    assert (out / f"protocol-{code}.md").read_text(encoding="utf-8").startswith("# Session protocol: Future of Nyandoma")
    assert main(["export", "--data", data, "--session", code, "--what", "data", "--format", "csv",
                 "--output-dir", str(out / "data")]) == 0
    assert (out / "data" / f"{code}-stages.csv").read_text(encoding="utf-8-sig").startswith("ID,Session ID,")
    # the command's own --lang still chooses; a Russian session stays Russian in any terminal
    assert main(["export", "--data", data, "--session", code, "--what", "protocol", "--format", "md",
                 "--lang", "ru", "--output-dir", str(out / "ru")]) == 0
    assert (out / "ru" / f"protocol-{code}.md").read_text(encoding="utf-8").startswith("# Протокол сессии")
    capsys.readouterr()
    assert main(["--lang", "en", "registrations", "--data", data, "--session", code]) == 0
    assert capsys.readouterr().out == "Nobody has registered yet\n"
    assert main(["registrations", "--data", data, "--session", "KARGO1"]) == 0
    assert capsys.readouterr().out == "Пока никто не зарегистрировался\n"
