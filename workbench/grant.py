"""The budget of a grant application: amounts as people type them, totals with co-financing, and
amounts printed the Russian way ("120 000 ₽", a no-break space between thousands and before ₽).

Pure functions on a draft's `budget` rows (`item`, `amount` asked of the fund, `cofinancing`
brought by the team and its partners).

>>> rows = [{"item": "Материалы", "amount": "120000", "cofinancing": "30 000"},
...         {"item": "Аренда", "amount": "15 500,50 руб.", "cofinancing": ""}]
>>> totals = budget_totals(rows)
>>> format_rub(totals["requested"]), format_rub(totals["cofinancing"]), format_rub(totals["total"])
('135\\xa0500,50\\xa0₽', '30\\xa0000\\xa0₽', '165\\xa0500,50\\xa0₽')
>>> totals["cofinancing_share"]
18.1
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

NBSP = "\u00a0"  # between groups of thousands and before the currency sign: never broken apart
_SPACES = re.compile(r"[\s\u00a0\u202f']")
_NUMBER = re.compile(r"\d+(?:[.,]\d{1,2})?")


def parse_amount(text) -> Decimal | None:
    """An amount as typed in a budget cell ("120 000", "120000 руб.", "15 500,50 ₽", 120000);
    None when the cell holds no amount.

    >>> parse_amount("120 000 ₽"), parse_amount("15\\u00a0500,5"), parse_amount("—")
    (Decimal('120000'), Decimal('15500.5'), None)
    """
    if text is None or isinstance(text, bool):
        return None
    if isinstance(text, (int, float)):
        return Decimal(str(text))
    m = _NUMBER.search(_SPACES.sub("", str(text)))
    if m is None:
        return None
    try:
        return Decimal(m.group(0).replace(",", "."))
    except InvalidOperation:
        return None


def format_rub(amount) -> str:
    """An amount in roubles, Russian style: groups of three digits, kopecks only when there are
    any, the sign after a no-break space.

    >>> format_rub(Decimal("120000")), format_rub(1234567.5), format_rub(0)
    ('120\\xa0000\\xa0₽', '1\\xa0234\\xa0567,50\\xa0₽', '0\\xa0₽')
    """
    value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    whole, cents = divmod(abs(value), 1)
    digits = f"{int(whole):,}".replace(",", NBSP)
    text = ("-" if value < 0 else "") + digits
    if cents:
        text += "," + f"{cents:.2f}"[2:]
    return text + NBSP + "₽"


def budget_totals(rows) -> dict:
    """What the fund is asked for, what the team brings, the project's cost and the share of
    co-financing (per cent, one decimal); each row's amounts as numbers (None when unreadable)."""
    requested = cofinancing = Decimal(0)
    lines = []
    for row in rows or []:
        a, c = parse_amount(row.get("amount")), parse_amount(row.get("cofinancing"))
        requested += a or 0
        cofinancing += c or 0
        lines.append({"item": row.get("item", ""), "amount": a, "cofinancing": c,
                      "total": (a or 0) + (c or 0)})
    total = requested + cofinancing
    share = float((cofinancing * 100 / total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)) if total else 0.0
    return {"lines": lines, "requested": requested, "cofinancing": cofinancing, "total": total,
            "cofinancing_share": share}


def budget_table(rows, labels: dict) -> tuple[list[str], list[list[str]]]:
    """The budget as a table to print: a row per line with its amounts formatted, then the
    totals row. `labels`: the headings `item`, `amount`, `cofinancing`, `total`, `totals`."""
    totals = budget_totals(rows)

    def money(value) -> str:
        return format_rub(value) if value is not None else "—"

    header = [labels["item"], labels["amount"], labels["cofinancing"], labels["total"]]
    body = [[line["item"], money(line["amount"]), money(line["cofinancing"]), money(line["total"])]
            for line in totals["lines"]]
    body.append([labels["totals"], money(totals["requested"]), money(totals["cofinancing"]),
                 money(totals["total"])])
    return header, body
