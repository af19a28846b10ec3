"""Budget amounts as teams type them (workbench/grant.py): the usual Russian and English ways
are read as the figure they mean, anything else is flagged by the logic check, never misread."""

from __future__ import annotations

from decimal import Decimal

import docx
import pytest

from workbench.drafts import create_draft, logic_check
from workbench.exports import budget_rows, budget_summary, draft_file
from workbench.grant import AmountError, amount_issue, budget_totals, parse_amount, read_amount

NB = "\u00a0"

READ = [
    # the reviewer's examples
    ("120 тыс.", "120000"),
    ("1,5 млн", "1500000"),
    ("1.200.000", "1200000"),
    ("15к", "15000"),
    # thousands separators of every kind, decimal comma or point
    ("120000", "120000"),
    ("120 000", "120000"),
    ("120\u00a0000", "120000"),
    ("1\u2009200\u202f000", "1200000"),
    ("1 200 000,50", "1200000.50"),
    ("1 200 000.50", "1200000.50"),
    ("1.200.000,50", "1200000.50"),
    ("1,200,000", "1200000"),
    ("1,200,000.50", "1200000.50"),
    ("120,000", "120000"),
    ("1.200", "1200"),
    ("15 500,5", "15500.5"),
    ("1,5", "1.5"),
    ("0", "0"),
    ("120 000.", "120000"),
    # multipliers and the currency after them
    ("120 тыс", "120000"),
    ("120тыс.", "120000"),
    ("120 тыс. руб.", "120000"),
    ("120 тыс. рублей", "120000"),
    ("3 тысячи", "3000"),
    ("120 т.р.", "120000"),
    ("120т. р.", "120000"),
    ("15K", "15000"),
    ("15 k", "15000"),
    ("20 thousand", "20000"),
    ("2,5 млн руб", "2500000"),
    ("2 млн. руб.", "2000000"),
    ("1,2345 млн", "1234500"),
    ("1.5 million", "1500000"),
    ("1.5m", "1500000"),
    ("12 000 руб.", "12000"),
    ("12 000 р.", "12000"),
    ("12 000 ₽", "12000"),
    ("12000₽", "12000"),
    ("12 000 rub", "12000"),
    (120000, "120000"),
    (1234.5, "1234.5"),
]


@pytest.mark.parametrize(("text", "expected"), READ)
def test_amounts_are_read_as_typed(text, expected):
    assert read_amount(text) == Decimal(expected)
    assert parse_amount(text) == Decimal(expected)
    assert amount_issue(text) is None


@pytest.mark.parametrize("text", ["", "   ", "—", "-", None])
def test_an_empty_cell_has_no_amount(text):
    assert read_amount(text) is None and parse_amount(text) is None
    assert amount_issue(text) == "empty"


@pytest.mark.parametrize(("text", "reason"), [
    ("-500", "negative"),
    ("−1 000 ₽", "negative"),
    (-500, "negative"),
    ("abc", "unreadable"),
    ("руб.", "unreadable"),
    ("около 100 000", "unreadable"),
    ("100-200", "unreadable"),
    ("120 кг", "unreadable"),
    ("$100", "unreadable"),
    ("12 0000", "unreadable"),   # not groups of thousands
    ("1,5000", "unreadable"),    # four decimals of a rouble
    ("1,234.567", "unreadable"),
    ("1.200,000.5", "unreadable"),
    ("120 000 руб. 50 коп.", "unreadable"),
    ("5 млрд", "unreadable"),
])
def test_a_negative_or_unclear_amount_is_refused_not_misread(text, reason):
    with pytest.raises(AmountError) as exc:
        read_amount(text)
    assert exc.value.reason == reason
    assert parse_amount(text) is None
    assert amount_issue(text) == reason


def test_the_logic_check_flags_an_amount_it_cannot_read():
    budget = [{"item": "Аренда", "amount": "около 100 000", "cofinancing": "-500"},
              {"item": "Материалы", "amount": "120 тыс.", "cofinancing": ""},
              {"item": "Печать", "amount": "", "cofinancing": "5 тыс."}]
    found = [f for f in logic_check({"budget": budget}) if f["field"] == "budget"]
    assert [f["code"] for f in found] == ["budget_amount_unreadable", "budget_amount_negative", "budget_no_amount"]
    assert found[0]["message"] == ("Сумма «около 100 000» у статьи «Аренда» не распознана: напишите числом, "
                                   "например 120 000 или 120 тыс.")
    assert "«-500»" in found[1]["message"] and "отрицательная" in found[1]["message"]
    en = [f["message"] for f in logic_check({"budget": budget}, "en") if f["field"] == "budget"]
    assert en[0].startswith("The amount “около 100 000” of the budget line “Аренда” cannot be read")


BUDGET = [{"item": "Материалы", "amount": "120 тыс.", "cofinancing": "30 тыс. руб."},
          {"item": "Оборудование", "amount": "1,5 млн", "cofinancing": "1.200.000"},
          {"item": "Транспорт", "amount": "15к", "cofinancing": ""}]


def test_totals_and_percentages_of_a_budget_typed_the_russian_way():
    b = budget_totals(BUDGET)
    assert (b["requested"], b["cofinancing"], b["total"]) == (Decimal(1_635_000), Decimal(1_230_000),
                                                              Decimal(2_865_000))
    assert b["cofinancing_share"] == 42.9
    header, rows = budget_rows(BUDGET, "ru")  # what the DOCX and the Markdown print
    assert rows[0] == ["Материалы", f"120{NB}000{NB}₽", f"30{NB}000{NB}₽", f"150{NB}000{NB}₽"]
    assert rows[1] == ["Оборудование", f"1{NB}500{NB}000{NB}₽", f"1{NB}200{NB}000{NB}₽", f"2{NB}700{NB}000{NB}₽"]
    assert rows[2] == ["Транспорт", f"15{NB}000{NB}₽", "—", f"15{NB}000{NB}₽"]
    assert rows[-1] == ["Итого", f"1{NB}635{NB}000{NB}₽", f"1{NB}230{NB}000{NB}₽", f"2{NB}865{NB}000{NB}₽"]
    assert budget_summary(BUDGET, "ru") == (
        f"Стоимость проекта: 2{NB}865{NB}000{NB}₽; запрашиваемая сумма: 1{NB}635{NB}000{NB}₽; "
        f"софинансирование: 1{NB}230{NB}000{NB}₽ (42,9 %)")


def test_an_english_budget_writes_every_figure_the_english_way():
    """The English editor showed «135 000,50 ₽ … (11.1 %)»: a decimal comma and a decimal point
    in one line. Each language now writes every figure of the line its own way."""
    import re

    rows = [{"item": "Rent", "amount": "135 000,50", "cofinancing": "16 900"}]
    en, ru = budget_summary(rows, "en"), budget_summary(rows, "ru")
    assert en == (f"Cost of the project: 151,900.50{NB}₽; asked of the fund: 135,000.50{NB}₽; "
                  f"co-financing: 16,900{NB}₽ (11.1%)")
    assert ru == (f"Стоимость проекта: 151{NB}900,50{NB}₽; запрашиваемая сумма: 135{NB}000,50{NB}₽; "
                  f"софинансирование: 16{NB}900{NB}₽ (11,1 %)")
    assert not re.search(r"\d,\d{1,2}(?!\d)", en) and not re.search(r"\d\.\d", ru)  # no stray decimal mark
    _, table = budget_rows(rows, "en")  # the DOCX and Markdown tables too
    assert table[-1] == ["Totals", f"135,000.50{NB}₽", f"16,900{NB}₽", f"151,900.50{NB}₽"]


def test_an_unreadable_amount_is_printed_as_typed_and_left_out_of_the_totals():
    rows = [{"item": "Аренда", "amount": "-500", "cofinancing": ""},
            {"item": "Материалы", "amount": "1 000", "cofinancing": "около 100"}]
    _, table = budget_rows(rows, "ru")
    assert table[0] == ["Аренда", "-500", "—", f"0{NB}₽"]
    assert table[1] == ["Материалы", f"1{NB}000{NB}₽", "около 100", f"1{NB}000{NB}₽"]
    assert table[-1] == ["Итого", f"1{NB}000{NB}₽", f"0{NB}₽", f"1{NB}000{NB}₽"]


def test_the_exported_draft_prints_the_totals_of_a_budget_typed_the_russian_way(wb, tmp_path):
    sid = wb.store.session(wb.store.create_session("Демо"))["id"]
    did = create_draft(wb.store, sid, {"title": "Школа ремёсел", "budget": BUDGET})
    md = draft_file(wb.store, did, "md")[1].decode()
    assert f"| **Итого** | **1{NB}635{NB}000{NB}₽** | **1{NB}230{NB}000{NB}₽** | **2{NB}865{NB}000{NB}₽** |" in md
    assert f"софинансирование: 1{NB}230{NB}000{NB}₽ (42,9 %)" in md
    name, data = draft_file(wb.store, did, "docx")
    (tmp_path / name).write_bytes(data)
    document = docx.Document(str(tmp_path / name))
    cells = [[c.text for c in row.cells] for row in document.tables[-1].rows]
    assert cells[-1] == ["Итого", f"1{NB}635{NB}000{NB}₽", f"1{NB}230{NB}000{NB}₽", f"2{NB}865{NB}000{NB}₽"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"Стоимость проекта: 2{NB}865{NB}000{NB}₽" in text and "(42,9 %)" in text
