"""Exports: DOCX and Markdown drafts, the protocol in DOCX/XLSX/Markdown, templates that steer
the output, participant text kept as text, and the `workbench export` command."""

from __future__ import annotations

import io
import json
import re
import shutil

import docx
import openpyxl
import pytest

from workbench.cli import main
from workbench.drafts import create_draft, draft_from_idea, top_ideas
from workbench.exports import (
    TEMPLATES_DIR,
    draft_docx,
    draft_file,
    draft_file_name,
    draft_markdown,
    export_data,
    export_draft,
    export_protocol,
    protocol_files,
    protocol_markdown,
)
from workbench.session.teams import join as join_team

PAYLOAD = "<script>alert(1)</script>"


def _with_team_and_draft(store, code):
    sid = store.session(code)["id"]
    st = {s["kind"]: s for s in store.stages(sid)}
    people = store.participants(sid)
    top = top_ideas(store, code)[0]
    join_team(store, st["teams"]["id"], people[0]["id"], top["id"], leader=True)
    join_team(store, st["teams"]["id"], people[3]["id"], top["id"])
    did = draft_from_idea(store, code, top["id"])
    return did, top, st


def _docx_text(path_or_doc):
    doc = docx.Document(path_or_doc) if not hasattr(path_or_doc, "paragraphs") else path_or_doc
    paras = [(p.style.name, p.text) for p in doc.paragraphs]
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return paras, cells


def test_draft_docx_has_russian_headings_in_order_and_the_team(wb, demo, tmp_path):
    did, top, _ = _with_team_and_draft(wb.store, demo)
    name, data = draft_file(wb.store, did, "docx")
    path = tmp_path / name
    path.write_bytes(data)
    paras, cells = _docx_text(str(path))
    headings = [text for style, text in paras if style == "Heading 1"]
    # the grant application form's order: general information first (issue 17)
    assert headings[:6] == ["Грантовое направление", "Краткое описание проекта", "Территория реализации",
                            "Сроки реализации проекта", "Описание проблемы",
                            "Актуальность и социальная значимость (с цифрами)"]
    # the application ends with the co-financing: the logic check is for the team, not the fund
    assert "Команда проекта" in headings and headings[-1] == "Софинансирование: источники и вклад"
    assert "Проверка логики" not in [text for _, text in paras]
    assert paras[0] == ("Title", top["text"])
    assert "Анна Петрова (Районная библиотека)" in cells and "руководитель проекта" in cells
    en, _ = _docx_text(draft_docx(wb.store, did, lang="en"))
    assert "Project team" in [text for style, text in en if style == "Heading 1"]


def test_editing_the_templates_changes_the_output(wb, demo, tmp_path):
    did, _, _ = _with_team_and_draft(wb.store, demo)
    mine = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR, mine)
    before_md = draft_markdown(wb.store, did, templates=mine)
    assert "## Описание проблемы" in before_md
    spec = json.loads((mine / "draft_docx.json").read_text(encoding="utf-8"))
    spec["sections"] = [{"field": "team", "heading": {"ru": "Кто делает"}}, {"field": "goal"}]
    (mine / "draft_docx.json").write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    (mine / "draft.md.j2").write_text("Проект: {{ f.title }}\nЦель: {{ f.goal or 'нет' }}\n",
                                      encoding="utf-8")
    paras, _ = _docx_text(draft_docx(wb.store, did, templates=mine))
    assert [text for style, text in paras if style == "Heading 1"] == ["Кто делает", "Цель проекта"]
    assert draft_markdown(wb.store, did, templates=mine).endswith("Цель: нет\n")
    (mine / "protocol.md.j2").write_text("{{ session.code }}: {{ participants.total }}", encoding="utf-8")
    assert protocol_markdown(wb.store, demo, templates=mine) == "KARGO1: 20"
    # the shipped templates are untouched
    assert draft_markdown(wb.store, did) == before_md


def test_participant_text_stays_text(wb, demo, tmp_path):
    store = wb.store
    sid = store.session(demo)["id"]
    st = {s["kind"]: s for s in store.stages(sid)}
    card = store.add_card(sid, st["problems"]["id"], f"Нет света {PAYLOAD}")
    store.add_card(sid, st["problems"]["id"], "=HYPERLINK(\"http://x\",\"y\")")
    did = create_draft(store, sid, {"title": f"Свет {PAYLOAD}", "problem": card["text"],
                                    "team": [{"person": "<b>Я</b> | ты", "role": "лидер"}]})
    md = draft_markdown(store, did)
    assert "<script>" not in md and "&lt;script&gt;alert(1)&lt;/script&gt;" in md
    assert "&lt;b&gt;Я&lt;/b&gt; \\| ты" in md  # a pipe cannot break the table either
    paths = export_protocol(wb, demo, tmp_path)
    proto = (tmp_path / "protocol-KARGO1.md").read_text(encoding="utf-8")
    assert "<script>" not in proto and "Нет света &lt;script&gt;" in proto
    paras, _ = _docx_text(str(tmp_path / "protocol-KARGO1.docx"))
    assert any(text == f"Нет света {PAYLOAD}" for _, text in paras)  # literal in Word
    book = openpyxl.load_workbook(tmp_path / "protocol-KARGO1.xlsx")
    values = [c.value for row in book["Карточки этапов"].iter_rows() for c in row]
    assert f"Нет света {PAYLOAD}" in values
    formula = next(c for row in book["Карточки этапов"].iter_rows() for c in row
                   if str(c.value).startswith("=HYPERLINK"))
    assert formula.data_type == "s"
    draft_paras, _ = _docx_text(str(tmp_path / draft_file(store, did, "docx")[0]))
    assert draft_paras[0][1] == f"Свет {PAYLOAD}"
    assert {p.name for p in paths} >= {"protocol-KARGO1.md", draft_file(store, did, "md")[0]}


def test_protocol_in_three_formats(wb, demo, tmp_path):
    did, top, st = _with_team_and_draft(wb.store, demo)
    sid = wb.store.session(demo)["id"]
    fac = wb.store.add_card(sid, st["growth"]["id"], "Северные ремёсла", by_facilitator=True)
    paths = export_protocol(wb, demo, tmp_path, formats=("docx", "xlsx", "md"))
    assert {p.name for p in paths} == {"protocol-KARGO1.docx", "protocol-KARGO1.xlsx", "protocol-KARGO1.md",
                                       f"{top['text'].replace(' ', '_')}-{did}.docx",
                                       f"{top['text'].replace(' ', '_')}-{did}.md"}
    paras, cells = _docx_text(str(tmp_path / "protocol-KARGO1.docx"))
    h1 = [text for style, text in paras if style == "Heading 1"]
    assert h1 == ["Участники", "Карточки этапов", "Итоги голосования", "Команды", "Проекты"]
    texts = [text for _, text in paras]
    assert f"{fac['text']} (записал ведущий)" in texts
    assert "Анна Петрова (Районная библиотека) — лидер" in texts
    assert "Всего участников: 20" in texts
    assert "Анна Петрова" not in cells  # no names unless asked
    assert ["1", top["text"], str(top["votes"])] in [cells[i:i + 3] for i in range(len(cells))]
    book = openpyxl.load_workbook(tmp_path / "protocol-KARGO1.xlsx")
    assert book.sheetnames == ["Сводка", "Участники по территориям", "Участники по сферам", "Карточки этапов",
                               "Итоги голосования", "Команды", "Проекты"]
    voting = list(book["Итоги голосования"].iter_rows(values_only=True))
    assert voting[0] == ("Этап", "Способ", "Проголосовали", "Место", "Карточка", "Голоса")
    assert voting[1][1:] == ("Голоса (точки)", 20, 1, top["text"], top["votes"])
    assert [r[5] for r in voting[1:]] == sorted((r[5] for r in voting[1:]), reverse=True)
    teams = list(book["Команды"].iter_rows(values_only=True))
    assert teams[0][0] == "Команда" and teams[1][0] == top["text"]  # a column of one team per row
    md = (tmp_path / "protocol-KARGO1.md").read_text(encoding="utf-8")
    assert md.startswith("# Протокол сессии: Стратегическая сессия") and "| Каргополь | 10 |" in md
    named = export_protocol(wb, demo, tmp_path / "named", formats=("xlsx",), names=True, drafts=False)
    assert [p.name for p in named] == ["protocol-KARGO1.xlsx"]
    names = openpyxl.load_workbook(named[0])["Имена участников"]
    assert names.cell(2, 1).value == "Анна Петрова"


def test_the_protocol_lists_other_then_not_given_last_and_counts_participants_in_plain_english(wb, demo):
    """The English protocol read "Participants in all: 20" and listed "Not given" before
    "Other" (equal counts went alphabetically); the README says the people who gave none come
    last. Their row says what they did not give («Территория не указана», «Сфера не указана»), as
    the control view's line does: a bare «Не указано» under «Сфера» read like a sector."""
    from workbench.exports import protocol_docx, protocol_xlsx

    def column(md: str, heading: str) -> list[str]:
        part = md.split(f"### {heading}\n", 1)[1].split("\n#", 1)[0]
        return [line.split(" | ")[0].strip("| ") for line in part.splitlines()[3:] if line.startswith("| ")]

    for lang, where, what, other, nowhere, nothing, total in (
            ("ru", "По территориям", "По сферам", "Другое", "Территория не указана", "Сфера не указана",
             "Всего участников: 20"),
            ("en", "By territory", "By sector", "Other", "Territory not given", "Sector not given",
             "Participants: 20")):
        md = protocol_markdown(wb.store, demo, lang=lang)
        assert f"- {total}\n" in md
        assert column(md, where)[-1] == nowhere, lang
        assert column(md, what)[-2:] == [other, nothing], lang
        assert "Не указано" not in md and "| Not given" not in md
        paras, cells = _docx_text(protocol_docx(wb.store, demo, lang=lang))
        assert total in [text for _, text in paras]
        assert nowhere in cells and nothing in cells
        book = protocol_xlsx(wb.store, demo, lang=lang)
        assert list(book.worksheets[1].iter_rows(values_only=True))[-1][0] == nowhere, lang
        rows = list(book.worksheets[2].iter_rows(values_only=True))
        assert [r[0] for r in rows[-2:]] == [other, nothing], lang
    assert "in all" not in protocol_markdown(wb.store, demo, lang="en")
    wb.store.update_session(wb.store.session(demo)["id"], territory="")  # a session without its territory
    for lang, place in (("ru", "Территория: не указана"), ("en", "Territory: not given")):
        assert f"- {place}\n" in protocol_markdown(wb.store, demo, lang=lang)
        assert place in [text for _, text in _docx_text(protocol_docx(wb.store, demo, lang=lang))[0]]


def test_data_dump_shows_formulas_as_text(wb, demo, tmp_path):
    import csv

    store = wb.store
    sid = store.session(demo)["id"]
    problems = next(s for s in store.stages(sid) if s["kind"] == "problems")
    formulas = ['=HYPERLINK("http://x")', "=cmd|' /C calc'!A0"]
    for text in formulas + ["+79111234567", "-5"]:
        store.add_card(sid, problems["id"], text)
    store.join(sid, name=formulas[1])
    paths = export_data(store, demo, tmp_path)
    assert all(p.read_bytes().startswith("\ufeff".encode()) for p in paths)

    def cells(name):
        with open(tmp_path / f"{demo}-{name}.csv", newline="", encoding="utf-8-sig") as fh:
            return list(csv.DictReader(fh, delimiter=";"))  # Russian: as Excel with Russian settings splits

    texts = [r["Текст"] for r in cells("cards")]
    assert {"'" + f for f in formulas} <= set(texts) and not set(formulas) & set(texts)
    # the one rule of every CSV (`tableio.csv_cell`), as `workbench cluster` writes it too: a phone
    # number stays text with its plus, a negative number stays a number
    assert "'+79111234567" in texts and "-5" in texts and "+79111234567" not in texts
    assert "'" + formulas[1] in [r["Имя"] for r in cells("participants")]
    assert all(r["№"].isdigit() for r in cells("cards"))  # numbers stay numbers


@pytest.fixture
def moscow_time(monkeypatch):
    """This computer's clock in Moscow time (a POSIX rule: no time zone files needed)."""
    import time

    monkeypatch.setenv("TZ", "MSK-3")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _read_csv(path, delimiter=";") -> list[list[str]]:
    """A CSV's rows, split as Excel splits it: on ";" with Russian settings, "," with English."""
    import csv

    with open(path, newline="", encoding="utf-8-sig") as fh:
        return list(csv.reader(fh, delimiter=delimiter))


def test_data_dump_is_a_table_staff_can_read(wb, tmp_path, moscow_time):
    """Opened in Excel, the demo's data reads in Russian: headings, local date-times, sectors,
    kinds of stage, statuses and roles in words, "да"/"нет"; ids stay numbers that join."""
    import re

    from workbench.demo import load_demo

    code = load_demo(wb.store)  # with its teams and drafts
    paths = export_data(wb.store, code, tmp_path)
    files = {p.name.removeprefix(f"{code}-").removesuffix(".csv"): _read_csv(p) for p in paths}
    tables = {name: [dict(zip(rows[0], r, strict=True)) for r in rows[1:]] for name, rows in files.items()}
    assert files["cards"][0][:8] == ["№", "№ сессии", "№ этапа", "№ участника", "От ведущего", "Текст",
                                     "Категория", "Создано"]
    first = tables["cards"][0]
    assert first["Текст"].startswith("Плохие дороги") and first["Создано"] == "2019-10-12 12:00:00"
    assert first["От ведущего"] == "да" and first["Скрыта"] == "нет" and first["Статус"] == "показана"
    when = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")
    for name, rows in tables.items():
        assert len(set(files[name][0])) == len(files[name][0]), f"{name}: two columns with one heading"
        for row in rows:
            for heading in ("Создано", "Изменено", "Когда"):
                assert row.get(heading, "") == "" or when.fullmatch(row[heading]), (name, row)
            assert not {"True", "False"} & set(row.values()), name
    assert {p["Сфера"] for p in tables["participants"]} >= {"ТОС", "НКО", "Органы власти / МСУ"}
    assert [s["Вид этапа"] for s in tables["stages"]][:5] == ["Проблемы", "Точки роста и преимущества",
                                                               "Образ будущего", "Проектные идеи", "Голосование"]
    assert tables["sessions"][0]["Вид сессии"] == "Стратегическая сессия"
    assert {m["Роль"] for m in tables["team_members"]} == {"лидер", "участник команды"}
    assert {d["Статус"] for d in tables["drafts"]} == {"Черновик"}
    # the application in columns of its own, as staff read it (one JSON cell held it all, past
    # what an Excel cell holds for a whole application)
    assert "Поля заявки (JSON)" not in files["drafts"][0]
    # nor the fields' save counters ({"goal": 3, …}): they only tell two pages saving at once
    # apart; the session's JSON carries them, the field history says who changed what
    assert not [h for h in files["drafts"][0] if "JSON" in h]
    assert not any("{" in v for d in tables["drafts"] for v in d.values())
    for d in tables["drafts"]:
        assert d["Актуальность и социальная значимость (с цифрами)"].startswith("Идею поддержали")
        assert d["Команда проекта"].splitlines()[0].startswith("1. Участник: ")  # a row a line, not JSON
        assert "; Роль: руководитель проекта" in d["Команда проекта"]
    assert any(d["Описание проблемы"] for d in tables["drafts"])
    # The ids join: every vote is for a card of the file, cast by a participant of the file.
    cards, people = {c["№"] for c in tables["cards"]}, {p["№"] for p in tables["participants"]}
    assert tables["votes"] and all(v["№ карточки"] in cards and v["№ участника"] in people
                                   for v in tables["votes"])


def test_data_dump_in_english(tmp_path, capsys, moscow_time):
    data, out = tmp_path / "data", tmp_path / "out"
    assert main(["demo", "--data", str(data)]) == 0
    assert main(["export", "--data", str(data), "--session", "KARGO1", "--what", "data", "--format", "csv",
                 "--output-dir", str(out), "--lang", "en"]) == 0
    participants = _read_csv(out / "KARGO1-participants.csv", ",")
    assert participants[0] == ["ID", "Session ID", "Name", "Territory", "Organisation", "Sector", "Created",
                               "On paper", "Opened on a borrowed phone"]
    assert {"Neighbourhood council (TOS)", "NGO"} <= {row[5] for row in participants[1:]}
    cards = _read_csv(out / "KARGO1-cards.csv", ",")
    assert cards[1][4] == "yes" and cards[1][7] == "2019-10-12 12:00:00"
    every = "".join(p.read_text(encoding="utf-8-sig").splitlines()[0] for p in out.iterdir())
    assert not re.search("[а-яё]", every, re.IGNORECASE)  # no Russian heading left in English


def test_every_stored_column_has_a_heading_in_both_languages():
    from workbench.data_tables import heading
    from workbench.store.schema import metadata
    from workbench.store.transfer import PLAN

    for name, _, _ in PLAN:
        for lang in ("ru", "en"):
            headings = [heading(name, c.name, lang) for c in metadata.tables[name].columns]
            assert not [h for h, c in zip(headings, metadata.tables[name].columns, strict=True) if h == c.name
                        and h != "ID"], (name, lang)
            assert len(set(headings)) == len(headings), (name, lang)


def test_export_command(tmp_path, capsys):
    from workbench.app import Workbench

    out, data = tmp_path / "out", tmp_path / "data"
    assert main(["demo", "--data", str(data)]) == 0
    capsys.readouterr()
    wb = Workbench(data)
    demo = "KARGO1"

    def export(what, fmt, code="kargo1"):
        return main(["export", "--data", str(data), "--session", code, "--what", what,
                     "--format", fmt, "--output-dir", str(out)])

    # `workbench demo` comes with two teams and their drafts: two DOCX files at once
    assert export("drafts", "docx") == 0
    drafts = wb.store.drafts(wb.store.session(demo)["id"])
    assert len(drafts) == 2
    assert sorted(p.rsplit("/", 1)[1] for p in capsys.readouterr().out.split()) == sorted(
        draft_file_name(d, "docx") for d in drafts)
    assert export("protocol", "xlsx") == 0
    assert capsys.readouterr().out.split()[0].endswith("protocol-KARGO1.xlsx")
    assert export("data", "csv") == 0
    written = {p.rsplit("/", 1)[1] for p in capsys.readouterr().out.split()}
    assert {"KARGO1-cards.csv", "KARGO1-votes.csv", "KARGO1-participants.csv"} <= written
    votes = (out / "KARGO1-votes.csv").read_text(encoding="utf-8-sig").splitlines()
    s = wb.store.session(demo)
    voting = next(x for x in wb.store.stages(s["id"]) if x["kind"] == "voting")
    assert len(votes) - 1 == wb.store.count_votes(voting["id"])
    # formats that make no sense for --what are refused, and nothing is written
    assert export("drafts", "xlsx") == 2
    assert "--what drafts нельзя записать как xlsx: используйте docx или md" in capsys.readouterr().err
    assert export("data", "docx") == 2
    assert export("protocol", "NOPE", "KARGO1") == 2  # argparse refuses an unknown format, in one line
    assert "аргумент --format: недопустимое значение «NOPE» (можно: «docx»" in capsys.readouterr().err
    assert export("protocol", "md", "NOPE99") == 2
    assert "NOPE99" in capsys.readouterr().err
    wb.close()


def _docx_lang(doc) -> set[str]:
    from docx.oxml.ns import qn

    normal = doc.styles["Normal"].element.rPr.find(qn("w:lang")).get(qn("w:val"))
    default = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    return {normal, default.get(qn("w:val"))}


def test_docx_files_are_a4_in_the_text_language_and_titled(wb, demo, tmp_path):
    from docx.shared import Mm

    did, top, _ = _with_team_and_draft(wb.store, demo)
    export_protocol(wb, demo, tmp_path, formats=("docx",))
    for lang in ("ru", "en"):
        export_protocol(wb, demo, tmp_path / lang, formats=("docx",), lang=lang, drafts=False)
        doc = docx.Document(tmp_path / lang / "protocol-KARGO1.docx")
        section = doc.sections[0]
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4, not US Letter
        assert Mm(15).mm <= section.left_margin.mm <= Mm(30).mm and section.right_margin.mm >= 10
        assert _docx_lang(doc) == {"ru-RU" if lang == "ru" else "en-GB"}  # Word's spelling check
        assert "en-US" not in doc.styles.element.xml
        props = doc.core_properties
        title = "Протокол сессии" if lang == "ru" else "Session protocol"
        assert props.title == f"{title}: Стратегическая сессия: будущее Каргопольского округа"
        assert props.author == props.last_modified_by == "Workbench"
    draft = docx.Document(tmp_path / draft_file(wb.store, did, "docx")[0])
    assert round(draft.sections[0].page_height.mm) == 297 and _docx_lang(draft) == {"ru-RU"}
    assert draft.core_properties.title == top["text"] and draft.core_properties.author == "Workbench"


CAMP_A = ["Дороги важнее всего", "Администрация слышит жителей", "Ярмарка нужна каждую неделю"]
CAMP_B = ["Туризм спасёт район", "Интернет важнее дорог", "Нужно больше фестивалей"]
SHARED = "Школу закрывать нельзя"


def _statements_with_two_camps(store, code):
    """A statements stage where 24 people split into two camps and all agree on one statement."""
    from workbench.session.statements import vote

    sid = store.session(code)["id"]
    stage = store.add_stage(sid, "statements", title="Утверждения")
    cards = {text: store.add_card(sid, stage, text, by_facilitator=True)["id"] for text in [*CAMP_A, *CAMP_B, SHARED]}
    store.update_stage(stage, voting_open=True)
    for i in range(24):
        p = store.join(sid)
        camp = CAMP_A if i % 2 else CAMP_B
        for n, (text, cid) in enumerate(cards.items()):
            v = 1 if text == SHARED or text in camp else -1
            if text != SHARED and (i + n) % 11 == 0:
                v = 0  # a pass now and then
            vote(store, stage, p["id"], cid, v)
    return stage


def test_protocol_shows_statement_votes_and_opinion_groups(wb, demo, tmp_path):
    _statements_with_two_camps(wb.store, demo)
    export_protocol(wb, demo, tmp_path, drafts=False)
    md = (tmp_path / "protocol-KARGO1.md").read_text(encoding="utf-8")
    section = md.split("### Утверждения", 1)[1].split("\n## ", 1)[0]
    assert "| Утверждение | За | Против | Пропуск | Ответов | За, % |" in section
    assert f"| {SHARED} | 24 | 0 | 0 | 24 | 100 |" in section  # the most agreed first
    assert "Ответили на утверждения: 24 · Группы мнений устойчивы (групп: 2" in section
    assert f"**С чем согласны все:**\n\n- {SHARED} (за)" in section
    assert "**Группа 1** (человек: 12):" in section and "**Группа 2** (человек: 12):" in section
    assert "- Туризм спасёт район (за)" in section and "- Туризм спасёт район (против)" in section

    paras, cells = _docx_text(str(tmp_path / "protocol-KARGO1.docx"))
    texts = [text for _, text in paras]
    assert [SHARED, "24", "0", "0", "24", "100"] in [cells[i:i + 6] for i in range(len(cells))]
    assert "С чем согласны все" in texts and f"{SHARED} (за)" in texts
    assert "Группа 1 (человек: 12)" in texts and "Группа 2 (человек: 12)" in texts

    book = openpyxl.load_workbook(tmp_path / "protocol-KARGO1.xlsx")
    rows = list(book["Утверждения"].iter_rows(values_only=True))
    assert rows[0] == ("Этап", "Утверждение", "За", "Против", "Пропуск", "Ответов", "За, %")
    assert rows[1] == ("Утверждения", SHARED, 24, 0, 0, 24, 100)
    groups = list(book["Группы мнений"].iter_rows(values_only=True))
    assert groups[0] == ("Этап", "Группа", "Человек", "Утверждение", "Позиция")
    assert ("Утверждения", "С чем согласны все", None, SHARED, "за") in groups
    assert {r[1] for r in groups[1:]} == {"С чем согласны все", "Группа 1", "Группа 2"}
    en = protocol_markdown(wb.store, demo, lang="en")
    assert "| Statement | Agree | Disagree | Pass | Answers | Agree, % |" in en and "**Group 1** (people: 12):" in en


def test_every_protocol_sheet_is_one_table_with_a_heading_for_each_column(wb, demo, tmp_path):
    from workbench.session import facilitator, voting

    did, top, st = _with_team_and_draft(wb.store, demo)
    sid = wb.store.session(demo)["id"]
    ideas = [c["id"] for c in wb.store.cards(sid, st["ideas"]["id"])]
    wb.store.add_group(st["ideas"]["id"], "Туризм", ideas[:2])
    vst = st["voting"]
    facilitator.set_method(wb.store, vst["id"], "matrix")  # a second round with other columns
    facilitator.toggle_voting(wb.store, vst["id"])
    vst = wb.store.stage(vst["id"])
    items = voting.method(vst).items(wb.store, vst, wb.store.cards(sid, vst["target_stage_id"]))
    for i, p in enumerate(wb.store.participants(sid)[:3]):
        voting.rate(wb.store, vst["id"], p["id"], items[0]["id"], 5 - i, 3)
    _statements_with_two_camps(wb.store, demo)
    export_protocol(wb, demo, tmp_path, formats=("xlsx",), drafts=False)
    book = openpyxl.load_workbook(tmp_path / "protocol-KARGO1.xlsx")
    for ws in book.worksheets:
        rows = list(ws.iter_rows(values_only=True))
        header = rows[0]
        assert all(h not in (None, "") for h in header), (ws.title, header)
        assert all(row != header for row in rows[1:]), ws.title  # no heading row repeated as data
        assert not any({"Место", "Карточка"} <= set(row) for row in rows[1:]), ws.title
        assert all(str(h)[:1].isupper() for h in header), (ws.title, header)  # headings, not words
    voting_rows = list(book["Итоги голосования"].iter_rows(values_only=True))
    assert voting_rows[0] == ("Этап", "Способ", "Проголосовали", "Место", "Карточка", "Голоса", "Важность",
                              "Выполнимость", "Оценили", "Квадрант")
    matrix = [r for r in voting_rows if r[1] == "Важность × выполнимость"]
    assert matrix[0][2:7] == (3, 1, items[0]["text"], None, 4)
    imp = book["Итоги голосования"].cell(row=voting_rows.index(matrix[0]) + 1, column=7)
    assert imp.value == 4 and matrix[0][7] == 3
    cards = list(book["Карточки этапов"].iter_rows(values_only=True))
    assert cards[0] == ("Этап", "Группа", "Карточка", "Записал ведущий")
    groups = {c["text"] for c in wb.store.cards(sid, st["ideas"]["id"]) if c["is_group"]}
    assert groups and not {r[2] for r in cards[1:]} & groups  # a group is a column, not a card row
    assert {r[1] for r in cards[1:] if r[0] == "Проектные идеи"} >= groups
    territories = list(book["Участники по территориям"].iter_rows(values_only=True))
    assert territories[0] == ("Территория", "Число") and ("Каргополь", 10) in territories
    assert list(book["Участники по сферам"].iter_rows(values_only=True))[0] == ("Сфера", "Число")
    projects = list(book["Проекты"].iter_rows(values_only=True))
    assert projects[0] == ("Проект", "Статус", "Проверка логики")
    assert projects[1][0] == top["text"] and projects[1][2].endswith(("замечание", "замечания", "замечаний"))


def test_figures_have_one_decimal_separator_and_precision_in_every_format(wb, demo, tmp_path):
    from workbench.session import facilitator, voting

    sid = wb.store.session(demo)["id"]
    vst = next(s for s in wb.store.stages(sid) if s["kind"] == "voting")
    facilitator.set_method(wb.store, vst["id"], "matrix")
    facilitator.toggle_voting(wb.store, vst["id"])
    vst = wb.store.stage(vst["id"])
    item = voting.method(vst).items(wb.store, vst, wb.store.cards(sid, vst["target_stage_id"]))[0]
    for p, impact in zip(wb.store.participants(sid)[:3], (5, 4, 4), strict=True):
        voting.rate(wb.store, vst["id"], p["id"], item["id"], impact, 3)  # impact 4.33, feasibility 3
    export_protocol(wb, demo, tmp_path, drafts=False)
    md = (tmp_path / "protocol-KARGO1.md").read_text(encoding="utf-8")
    assert f"| 1 | {item['text']} | 4,33 | 3,00 | 3 |" in md and "4.33" not in md
    # one separator in the heading too, no parentheses inside parentheses
    assert "### Голосование: Голоса (точки) · проголосовали 20\n" in md
    assert "### Голосование: Важность × выполнимость · проголосовали 3\n" in md
    paras, cells = _docx_text(str(tmp_path / "protocol-KARGO1.docx"))
    assert ["1", item["text"], "4,33", "3,00", "3"] in [cells[i:i + 5] for i in range(len(cells))]
    assert "Голосование: Голоса (точки) · проголосовали 20" in [text for style, text in paras if style == "Heading 2"]
    ws = openpyxl.load_workbook(tmp_path / "protocol-KARGO1.xlsx")["Итоги голосования"]
    [row] = [r for r in ws.iter_rows(min_row=2) if r[1].value == "Важность × выполнимость" and r[3].value == 1]
    assert (row[6].value, row[6].number_format) == (4.33, "0.00")  # a number shown as 4,33 by a Russian Excel
    assert (row[7].value, row[7].number_format) == (3, "0.00")
    en = protocol_markdown(wb.store, demo, lang="en")
    assert f"| 1 | {item['text']} | 4.33 | 3.00 | 3 |" in en and "Voting: Dots · 20 voted" in en


def _list_items(lines: list[str]) -> list[str]:
    """The items of a plain-text Markdown list: a line starting with "- " opens one, a line
    indented under it continues it (its hard break's trailing spaces dropped)."""
    items: list[str] = []
    for line in lines:
        if line.startswith("- "):
            items.append(line[2:].rstrip())
        elif line.startswith("  ") and line.strip():
            assert items, f"an indented line before any item: {line!r}"
            items[-1] += "\n" + line.strip()
        elif line.strip():
            raise AssertionError(f"a line that is neither an item nor inside one: {line!r}")
    return items


def _renderers() -> list:
    """The Markdown renderers installed here, as functions from Markdown to HTML."""
    found = []
    try:
        import mistune  # a CommonMark renderer (a dependency of nbconvert)
        found.append(mistune.html)
    except ImportError:
        pass
    try:
        from markdown_it import MarkdownIt
        found.append(MarkdownIt().render)
    except ImportError:
        pass
    try:
        import markdown
        found.append(markdown.markdown)
    except ImportError:
        pass
    return found


def test_markdown_cards_stay_list_items_whatever_they_start_with(wb, demo, tmp_path):
    store = wb.store
    sid = store.session(demo)["id"]
    problems = next(s for s in store.stages(sid) if s["kind"] == "problems")
    for text in ["# Заголовок", "Строка1\nСтрока2", "- минус", "+ плюс", "1. один", "> цитата", "===",
                 "Первая\r\n# вторая"]:
        store.add_card(sid, problems["id"], text)
    md = protocol_markdown(store, demo)
    assert "<br" not in md  # a plain-text reader sees no tag
    items = _list_items(md.split("### Проблемы", 1)[1].split("\n### ", 1)[0].splitlines())
    for shown in [r"\# Заголовок", "Строка1\nСтрока2", r"\- минус", r"\+ плюс", r"1\. один",
                  "&gt; цитата", r"\===", "Первая\n\\# вторая"]:
        assert shown in items, items  # every card one list item, its lines together
    assert "- Строка1  \n  Строка2\n" in md  # a hard break, the next line indented under the item
    renderers = _renderers()
    if not renderers:
        pytest.skip("no Markdown renderer installed")
    for render in renderers:
        html = render(md)
        assert "<h1>Заголовок" not in html and "<h1>вторая" not in html and "<blockquote>" not in html
        assert re.search(r"<li>Строка1<br ?/?>\s*Строка2</li>", html), html
        assert re.search(r"<li>Первая<br ?/?>\s*# вторая</li>", html)
        assert "<li># Заголовок</li>" in html


def test_a_multi_line_card_stays_in_its_item_in_every_kind_of_line(wb, demo):
    """A card of two lines in the protocol: under its group (a nested item), as a team's
    heading, in the voting table, as a team member's organisation; never an HTML tag."""
    store = wb.store
    sid = store.session(demo)["id"]
    stages = {s["kind"]: s for s in store.stages(sid)}
    top, other = top_ideas(store, demo)[:2]  # the most voted idea: in the voting table too
    _with_team_and_draft(store, demo)  # and a team's heading
    store.edit_card(top["id"], "Тропа к озеру\nс указателями")
    store.set_groups(stages["ideas"]["id"], [("Туризм", [top["id"], other["id"]])])
    md = protocol_markdown(store, demo)
    assert "<br" not in md
    assert "    - Тропа к озеру  \n      с указателями\n" in md  # nested under the group
    # A table row and a heading cannot hold a line break: the lines meet at " / ".
    assert re.search(r"^\| 1 \| Тропа к озеру / с указателями \| \d+ \|$", md, re.MULTILINE)
    assert "\n### Тропа к озеру / с указателями\n" in md
    for render in _renderers():
        html = render(md)
        assert re.search(r"<li>Тропа к озеру<br ?/?>\s*с указателями</li>", html), html
        assert "<h3>Тропа к озеру / с указателями</h3>" in html


def test_draft_markdown_keeps_the_lines_of_a_text_field_as_bullets(wb, demo):
    sid = wb.store.session(demo)["id"]
    did = create_draft(wb.store, sid, {"title": "Тропа", "problem": "Суть:\n- Туристы не едут\n- # Нет дорог"})
    md = draft_markdown(wb.store, did)
    problem = md.split("## Описание проблемы", 1)[1].split("\n## ", 1)[0]
    assert problem.strip() == "Суть:\n\n- Туристы не едут\n- \\# Нет дорог"


def test_draft_docx_bullets_and_a_file_named_after_the_project(wb, demo, tmp_path):
    sid = wb.store.session(demo)["id"]
    did = create_draft(wb.store, sid, {"title": 'Тропа: "к озеру" / 2026?',
                                       "problem": "Суть:\n- Туристы не едут\n- Нет дорог"})
    [docx_path, md_path] = export_draft(wb.store, did, tmp_path)
    assert docx_path.name == f"Тропа_к_озеру_2026-{did}.docx" and md_path.name == f"Тропа_к_озеру_2026-{did}.md"
    assert not set('<>:"/\\|?*') & set(docx_path.name)  # a name Windows accepts
    paras, _ = _docx_text(str(docx_path))
    at = paras.index(("Heading 1", "Описание проблемы"))
    assert paras[at + 1:at + 4] == [("Normal", "Суть:"), ("List Bullet", "Туристы не едут"),
                                    ("List Bullet", "Нет дорог")]  # real bullets, no literal "- "



def test_a_tab_pasted_into_a_draft_is_a_space_in_its_docx_not_a_gap(wb, demo, tmp_path):
    """A paragraph copied from Word with a tab in it, a task with "1.<tab>", a partner's cell: the
    document reads «Обучить 40 подростков», not «Обучить      40 подростков»."""
    from docx import Document

    sid = wb.store.session(demo)["id"]
    did = create_draft(wb.store, sid, {"title": "Школа", "goal": "Обучить\t40 подростков\nк\tмаю",
                                       "tasks": ["Найти\tмастеров"],
                                       "partners": [{"organisation": "Дом\tкультуры", "contribution": "зал"}]})
    [docx_path, _] = export_draft(wb.store, did, tmp_path)
    paras, _ = _docx_text(str(docx_path))
    texts = [text for _, text in paras]
    assert "Обучить 40 подростков" in texts and "к маю" in texts and "Найти мастеров" in texts
    cells = [c.text for tb in Document(str(docx_path)).tables for r in tb.rows for c in r.cells]
    assert "Дом культуры" in cells
    body = Document(str(docx_path)).element.body.xml
    assert "<w:tab/>" not in body


def _mine(tmp_path):
    mine = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR, mine)
    return mine


def test_a_typo_in_an_edited_template_names_the_file_line_and_name_and_writes_nothing(wb, tmp_path, capsys):
    from workbench.demo import load_demo
    from workbench.errors import WorkbenchError

    code = load_demo(wb.store)  # with two teams and their drafts
    mine, out = _mine(tmp_path), tmp_path / "out"
    draft_md = (mine / "draft.md.j2").read_text(encoding="utf-8")
    (mine / "draft.md.j2").write_text("# {{ f.title }}\n\n{{ nosuch.attr }}\n" + draft_md, encoding="utf-8")
    with pytest.raises(WorkbenchError) as e:
        export_protocol(wb, code, out, templates=mine)
    assert e.value.message() == "draft.md.j2, строка 3: неизвестное имя «nosuch». Файлы не записаны"
    assert e.value.message("en") == "draft.md.j2, line 3: unknown name 'nosuch'. No file was written"
    assert not out.exists()  # not even the protocol, built before the drafts
    # a field a value does not have is named too
    (mine / "draft.md.j2").write_text(draft_md, encoding="utf-8")
    proto = (mine / "protocol.md.j2").read_text(encoding="utf-8")
    (mine / "protocol.md.j2").write_text(proto.replace("{{ session.date_text }}", "{{ session.dat }}"), encoding="utf-8")
    line = 1 + proto.split("{{ session.date_text }}")[0].count("\n")
    with pytest.raises(WorkbenchError) as e:
        protocol_markdown(wb.store, code, templates=mine)
    assert e.value.message() == f"protocol.md.j2, строка {line}: неизвестное поле «dat». Файлы не записаны"
    # the command says the same, in one line, and writes nothing
    wb.close()
    assert main(["--lang", "ru", "export", "--data", str(wb.data_dir), "--session", code, "--what", "protocol",
                 "--format", "md", "--templates", str(mine), "--output-dir", str(out)]) == 2
    assert capsys.readouterr().err == (f"workbench export: ошибка: protocol.md.j2, строка {line}: "
                                       "неизвестное поле «dat». Файлы не записаны\n")
    assert not out.exists()
    # a syntax error and a DOCX template's unknown {name} are named as well
    (mine / "protocol.md.j2").write_text("# {{ session.title }\n", encoding="utf-8")
    wb2 = type(wb)(wb.data_dir)
    try:
        with pytest.raises(WorkbenchError) as e:
            protocol_markdown(wb2.store, code, templates=mine)
        assert e.value.message().startswith("protocol.md.j2, строка 1: ошибка в шаблоне")
        spec = json.loads((mine / "draft_docx.json").read_text(encoding="utf-8"))
        spec["title"] = "{titel}"
        (mine / "draft_docx.json").write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
        did = wb2.store.drafts(wb2.store.session(code)["id"])[0]["id"]
        with pytest.raises(WorkbenchError) as e:
            draft_docx(wb2.store, did, templates=mine)
        assert e.value.message() == ("draft_docx.json: неизвестное имя «titel» (есть: {title}, {territory}, "
                                     "{status}). Файлы не записаны")
    finally:
        wb2.close()


def test_values_missing_in_the_data_still_print_empty(wb, tmp_path):
    """Strict about names, not about data: a draft with no session, an empty optional field and
    a table row saved before a column existed print as empty, not as an error."""
    mine = _mine(tmp_path)
    did = create_draft(wb.store, None, {"title": "Без сессии", "partners": [{"organisation": "Библиотека"}]})
    (mine / "draft.md.j2").write_text(
        "{{ f.title }}|{{ session.title }}|{{ session.date.year }}|{{ f.goal }}|"
        "{% for r in f.partners %}{{ r.organisation }}/{{ r.contribution }}{% endfor %}|{{ nothing | default('none') }}"
        "|{{ 'yes' if extra is defined else 'no' }}\n", encoding="utf-8")
    assert draft_markdown(wb.store, did, templates=mine) == "Без сессии||||Библиотека/|none|no\n"


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_shipped_template_renders_on_the_demo(wb, tmp_path, lang):
    """The shipped templates use only names their context has: the protocol (with names, a
    statements stage and peer review) and each draft, in every format, render on the demo."""
    from workbench.demo import load_demo
    from workbench.session import review
    from workbench.session.statements import vote as vote_on_statement

    store = wb.store
    code = load_demo(store)
    sid = store.session(code)["id"]
    people = store.participants(sid)
    stage = store.add_stage(sid, "statements", title="Утверждения")
    cards = [store.add_card(sid, stage, f"Утверждение {i}") for i in range(4)]
    store.update_stage(stage, voting_open=True)
    for i, p in enumerate(people[:8]):
        for j, c in enumerate(cards):
            vote_on_statement(store, stage, p["id"], c["id"], 1 if (i + j) % 2 else -1)
    c1 = review.add_criterion(store, code, "Ясность цели")
    review.open_review(store, code)
    team = review.phone_view(store, code, people[0]["token"])["teams"][1]
    review.submit(store, code, people[0]["token"], {"team": team["id"], "scores": {str(c1): 4}, "comment": "Да"})
    paths = export_protocol(wb, code, tmp_path, formats=("md", "docx", "xlsx"), lang=lang, names=True)
    drafts = store.drafts(sid)
    assert len(paths) == 3 + 2 * len(drafts) and all(p.stat().st_size for p in paths)
    proto = (tmp_path / "protocol-KARGO1.md").read_text(encoding="utf-8")
    words = {"ru": ("Протокол сессии", "Оценки команд", "Утверждение 1"),
             "en": ("Session protocol", "Teams' scores", "Утверждение 1")}[lang]
    assert all(w in proto for w in words), proto[:400]
    assert people[0]["name"] in proto
    lone = create_draft(store, None, {"title": "Без сессии", "partners": [{"organisation": "Библиотека"}]})
    for did in [d["id"] for d in drafts] + [lone]:
        for fmt in ("md", "docx"):
            assert draft_file(store, did, fmt, lang)[1]


def test_the_protocol_lists_teams_in_the_order_the_room_saw_them(tmp_path):
    """The display, the control view and phones list teams in the vote's order; the protocol
    listed the largest team first, so a big team on the sixth idea headed it."""
    from workbench.demo import load_demo
    from workbench.session.teams import options as team_options
    from workbench.store import Store

    store = Store.open_url("sqlite://")
    code = load_demo(store)
    sid = store.session(code)["id"]
    stage = next(s for s in store.stages(sid) if s["kind"] == "teams")
    last = team_options(store, stage)[-1]
    for i in range(8):  # the biggest team, on the idea with the fewest dots
        join_team(store, stage["id"], store.join(sid, name=f"Житель {i}")["id"], last["id"])
    room = [o["text"] for o in team_options(store, stage) if o["members"]]
    assert room[-1] == last["text"] and store.teams(stage["id"])[0]["card"]["text"] == last["text"]
    md = protocol_markdown(store, code)
    teams_part = md[md.index("## Команды"):]
    at = [teams_part.index(text) for text in room]
    assert at == sorted(at), teams_part[:600]
    book = openpyxl.load_workbook(io.BytesIO(protocol_files(store, code, formats=("xlsx",))[0][1]))
    rows = [r[0] for r in book["Команды"].iter_rows(values_only=True)][1:]
    assert list(dict.fromkeys(rows)) == room


def test_pairwise_wins_and_losses_are_numbers_staff_can_sort_and_sum(wb, demo, tmp_path):
    """The XLSX protocol had «4:1» as text in one cell: now a column of wins and one of losses,
    numbers; the Markdown and the DOCX show the same two columns."""
    from workbench.session import facilitator, voting

    sid = wb.store.session(demo)["id"]
    vst = next(s for s in wb.store.stages(sid) if s["kind"] == "voting")
    facilitator.set_method(wb.store, vst["id"], "pairwise")
    facilitator.toggle_voting(wb.store, vst["id"])
    vst = wb.store.stage(vst["id"])
    a, b, c = voting.method(vst).items(wb.store, vst, wb.store.cards(sid, vst["target_stage_id"]))[:3]
    people = wb.store.participants(sid)
    for p in people[:4]:
        voting.compare(wb.store, vst["id"], p["id"], a["id"], b["id"], a["id"])
    voting.compare(wb.store, vst["id"], people[4]["id"], a["id"], b["id"], b["id"])
    voting.compare(wb.store, vst["id"], people[0]["id"], b["id"], c["id"], b["id"])
    export_protocol(wb, demo, tmp_path, formats=("xlsx", "md", "docx"), drafts=False)
    ws = openpyxl.load_workbook(tmp_path / "protocol-KARGO1.xlsx")["Итоги голосования"]
    head = [cell.value for cell in ws[1]]
    assert "Победы:поражения" not in head
    wins, losses = head.index("Победы"), head.index("Поражения")
    got = {r[4].value: (r[wins].value, r[losses].value) for r in ws.iter_rows(min_row=2)
           if r[1].value == "Попарное сравнение"}
    assert got[a["text"]] == (4, 1) and got[b["text"]] == (2, 4) and got[c["text"]] == (0, 1)
    assert all(isinstance(x, int) for pair in got.values() for x in pair)
    md = (tmp_path / "protocol-KARGO1.md").read_text(encoding="utf-8")
    assert "| Победы | Поражения |" in md and "4:1" not in md
    _, cells = _docx_text(str(tmp_path / "protocol-KARGO1.docx"))
    assert "Победы" in cells and "Поражения" in cells


def test_an_unknown_part_in_the_protocols_docx_file_is_named_in_russian_quotes(wb, demo, tmp_path):
    """A typo in protocol_docx.json («итоги» for "summary") read «Неверный запрос:
    protocol_docx.json: part 'итоги'»: Python's quotes and no hint. It names the file, the part in
    «…» and the parts there are, and writes nothing."""
    from workbench.errors import WorkbenchError

    mine, out = _mine(tmp_path), tmp_path / "out"
    spec = json.loads((mine / "protocol_docx.json").read_text(encoding="utf-8"))
    spec["sections"][0] = {"part": "итоги"}
    (mine / "protocol_docx.json").write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(WorkbenchError) as e:
        export_protocol(wb, demo, out, formats=("docx",), templates=mine)
    assert e.value.message() == ("protocol_docx.json: неизвестная часть «итоги» (есть: «summary», «participants», "
                                 "«names», «cards», «voting», «teams», «reviews», «drafts»). Файлы не записаны")
    assert e.value.message("en").startswith("protocol_docx.json: unknown part 'итоги' (there are: 'summary', ")
    assert not out.exists()
