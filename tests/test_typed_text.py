"""What people type is cleaned by one rule (`session.model.typed_text`) on every page: a control
character a phone or a pasted text brings (a vertical tab from Word, a bell, U+FFFE) never stops
the protocol, a card that shows nothing is refused, and a bidi override does not mirror the wall.
Texts stored before the rule (an old store) still export."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import docx
import openpyxl
import pytest
import sqlalchemy as sa

from workbench.cli import main
from workbench.drafts import create_draft
from workbench.errors import WorkbenchError
from workbench.exports import export_protocol
from workbench.session import display, facilitator, phone, stages, team_links
from workbench.store.schema import cards as cards_table
from workbench.wall_charts import render

NASTY = ["Дорога\u000bмост", "Звонок\u0007школы", "Лист\u000cдва", "Цвет\u001b[31mкрасный", "A\ufffeB\uffffC"]


def _docx_texts(path) -> str:
    doc = docx.Document(str(path))
    return "\n".join([p.text for p in doc.paragraphs]
                     + [c.text for t in doc.tables for r in t.rows for c in r.cells])


def _xlsx_values(path) -> list:
    book = openpyxl.load_workbook(path)
    return [c for ws in book for row in ws.iter_rows(values_only=True) for c in row]


def _on_ideas(store, code):
    sid = store.session(code)["id"]
    ideas = next(st for st in store.stages(sid) if st["kind"] == "ideas")
    facilitator.show_stage(store, sid, ideas["id"])
    return sid, ideas


def test_control_characters_typed_on_phones_leave_every_export_whole(wb, demo, tmp_path, capsys):
    store = wb.store
    _on_ideas(store, demo)
    me = phone.join(store, demo, {"name": "Вера\u0007", "territory": "Ошевенск\u0007",
                                  "organisation": "ТОС\u000b«Лядины»\ufffe"})
    person = store.participant_by_token(store.session(demo)["id"], me["token"])
    assert (person["territory"], person["organisation"]) == ("Ошевенск", "ТОС «Лядины»")
    stored = [phone.add_card(store, demo, me["token"], {"text": text})["text"] for text in NASTY]
    # a vertical tab or a form feed was a line break; the rest shows nothing and is left out
    assert stored == ["Дорога\nмост", "Звонокшколы", "Лист\nдва", "Цвет[31mкрасный", "ABC"]
    did = create_draft(store, store.session(demo)["id"], {"title": "Школа"})
    token = team_links.team_link(store, did)["token"]
    saved = team_links.save_field(store, token, "title", "Карта\u0007мест", 0)
    assert saved["value"] == "Картамест"
    team_links.save_field(store, token, "goal", "Цель\r\nвторая\u2028третья\u000b", 0)
    assert store.draft(did)["fields"]["goal"] == "Цель\nвторая\nтретья"

    out, data = tmp_path / "out", str(wb.data_dir)
    for what, fmt in (("protocol", "docx"), ("protocol", "xlsx"), ("protocol", "md"), ("drafts", "docx")):
        assert main(["export", "--data", data, "--session", demo, "--what", what, "--format", fmt,
                     "--output-dir", str(out)]) == 0, (what, fmt, capsys.readouterr().err)
    words = _docx_texts(out / f"protocol-{demo}.docx")
    assert "Дорога\nмост" in words and "Звонокшколы" in words and "ABC" in words
    assert "Дорога\nмост" in _xlsx_values(out / f"protocol-{demo}.xlsx")
    assert any("Картамест" in _docx_texts(p) for p in out.glob("Картамест*.docx"))


def _plant(store, code, text):
    """A card as a store written before the workbench cleaned texts may hold it."""
    sid = store.session(code)["id"]
    card = store.cards(sid, next(st["id"] for st in store.stages(sid) if st["kind"] == "ideas"))[0]
    with store.write() as c:
        c.execute(sa.update(cards_table).where(cards_table.c.id == card["id"]).values(text=text))
    return card


def test_an_old_store_holding_control_characters_still_exports(wb, demo, tmp_path):
    store = wb.store
    card = _plant(store, demo, "Старая\u000bкарточка\u0007\ufffe")
    sid = store.session(demo)["id"]
    did = create_draft(store, sid, {"title": "Черновик"})
    with store.write() as c:  # a draft field saved before the rule
        from workbench.store.schema import drafts
        row = c.execute(sa.select(drafts.c.fields).where(drafts.c.id == did)).scalar_one()
        c.execute(sa.update(drafts).where(drafts.c.id == did)
                  .values(fields=row.replace("Черновик", "Черно\\u0007вик")))
    assert "\u0007" in store.draft(did)["fields"]["title"]
    paths = export_protocol(wb, demo, tmp_path, formats=("docx", "xlsx", "md"))
    assert "Старая\nкарточка" in _docx_texts(tmp_path / f"protocol-{demo}.docx")
    assert "Старая\nкарточка" in _xlsx_values(tmp_path / f"protocol-{demo}.xlsx")
    assert any(p.suffix == ".docx" and "Черновик" in _docx_texts(p) for p in paths)
    # the projector's chart as an SVG file: valid XML with the card's words
    voting = next(st for st in store.stages(sid) if st["kind"] == "voting")
    facilitator.show_stage(store, sid, voting["id"])
    wanted = store.cards(sid, card["stage_id"])
    assert any("\u0007" in c["text"] for c in wanted)
    svg = render(display.chart_of(store, demo), "svg")
    ET.fromstring(svg)  # parses: no character XML forbids


@pytest.mark.parametrize("text", ["\u200b\u200b\u200b", " \u200b\ufeff\u2060 ", "\u202e", "\u0007\u000b"])
def test_a_card_that_shows_nothing_is_refused_as_empty(wb, demo, text):
    store = wb.store
    sid, ideas = _on_ideas(store, demo)
    me = phone.join(store, demo, {"name": "Вера"})
    before = len(store.cards(sid, ideas["id"]))
    with pytest.raises(WorkbenchError) as exc:
        phone.add_card(store, demo, me["token"], {"text": text})
    assert exc.value.message("ru") == "Пустой текст: напишите хотя бы несколько слов"
    assert len(store.cards(sid, ideas["id"])) == before


def test_a_bidi_override_is_dropped_and_visible_text_kept(wb, demo):
    store = wb.store
    _on_ideas(store, demo)
    me = phone.join(store, demo, {"name": "Вера\u2067\u2069"})
    card = phone.add_card(store, demo, me["token"], {"text": "Дорога \u202eобратно\u202c и \u2066мост\u2069"})
    assert card["text"] == "Дорога обратно и мост"
    # a zero-width joiner inside an emoji, or a word with a soft hyphen, stays as typed
    emoji = phone.add_card(store, demo, me["token"], {"text": "👨\u200d👩\u200d👧 семьи"})
    assert emoji["text"] == "👨\u200d👩\u200d👧 семьи"


def test_a_stage_title_and_a_group_name_are_cleaned_too(wb, demo):
    store = wb.store
    sid, ideas = _on_ideas(store, demo)
    stage = stages.add(store, sid, "cards", "Вопросы\u0007 \u202eгостям")
    assert stage["title"] == "Вопросы гостям"
    blank = stages.add(store, sid, "cards", "\u200b\u0007")  # no title given: named after its kind
    assert blank["title"] == stages.distinct_title("Карточки", [s["title"] for s in store.stages(sid)[:-1]])
