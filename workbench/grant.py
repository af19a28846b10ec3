"""The budget of a grant application: amounts as people type them, totals with co-financing, and
amounts printed the Russian way ("120 000 ₽", a no-break space between thousands and before ₽).

Pure functions on a draft's `budget` rows (`item`, `amount` asked of the fund, `cofinancing`
brought by the team and its partners).

>>> rows = [{"item": "Материалы", "amount": "120 тыс. руб.", "cofinancing": "30 000"},
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

# Typed between groups of thousands: spaces of every kind (no-break U+00A0, thin U+2009, narrow
# no-break U+202F, figure U+2007) and the Swiss apostrophe.
_GROUP_SPACES = re.compile(r"[\s\u00a0\u2007\u2009\u202f'’]+")
_THOUSAND = r"тыс(?:\.|яч[аи]?)?|к|k|thousands?"
_MILLION = r"млн\.?|миллион(?:а|ов)?|millions?|mln|mio|m"
_CURRENCY = r"руб(?:\.|л(?:ей|я|ь))?|р\.?|₽|rub\.?|rur|r(?:o)?ubles?"
_AMOUNT = re.compile(
    rf"(?P<num>\d[\d\s.,']*?)\s*"
    rf"(?:(?P<tr>т\.?\s*р\.?)|(?:(?P<k>{_THOUSAND})|(?P<m>{_MILLION}))(?:\s*(?:{_CURRENCY}))?|(?:{_CURRENCY}))?",
    re.IGNORECASE)
_NEGATIVE = re.compile(r"[-−–]\s*\d")
_EMPTY = re.compile(r"[\s\-−–—.,_?]*")  # "", "—", "-": no amount written
# No line of a grant budget costs a trillion roubles: more is a slip (digits held down, a phone
# number in the wrong cell), and past 28 digits it would not even be added up exactly.
MAX_AMOUNT = Decimal(10) ** 12


NOT_COUNTED = ("negative", "unreadable", "too_large")  # typed, yet left out of the totals


class AmountError(ValueError):
    """An amount that cannot be read for certain: `reason` is "negative", "unreadable" or
    "too_large" (over `MAX_AMOUNT`)."""

    def __init__(self, text: str, reason: str):
        super().__init__(f"{reason}: {text!r}")
        self.text, self.reason = text, reason


def _number(num: str, multiplied: bool) -> Decimal | None:
    """The figure of an amount's digits ("1 200 000,50", "1.200.000", "1,5"); None when the
    separators do not say for certain which is the decimal one."""
    num = _GROUP_SPACES.sub(" ", num).strip()
    dots, commas = num.count("."), num.count(",")
    thousands, frac = "", ""
    if dots and commas:  # "1.200.000,50", "1,200,000.50": the last one is the decimal separator
        dec = "." if num.rfind(".") > num.rfind(",") else ","
        thousands = "," if dec == "." else "."
        if num.count(dec) > 1:
            return None
        num, frac = num.rsplit(dec, 1)
    elif dots + commas > 1:  # "1.200.000", "1,200,000": groups of thousands
        thousands = "." if dots else ","
        if dots and commas:
            return None
    elif dots + commas == 1:
        sep = "." if dots else ","
        whole, after = num.split(sep)
        # "1,5", "15 500,50": decimals (kopecks have two digits); "120.000", "1,200": thousands —
        # three decimals make no sense for roubles; but "1,255 млн" is a fraction of a million.
        if not after.strip():  # "120 000." at the end of a sentence
            num = whole
        elif multiplied or len(after.strip()) in (1, 2):
            num, frac = whole, after
        elif len(after.strip()) == 3:
            thousands = sep
        else:
            return None
    groups = [g for g in re.split(r" |" + re.escape(thousands) if thousands else " ", num)]
    if not all(g.isdigit() for g in groups) or (frac and not frac.isdigit()):
        return None
    if len(groups) > 1 and not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
        return None  # "12 0000", "1.20.000": not groups of thousands
    if frac and not multiplied and len(frac) > 2:
        return None
    return Decimal("".join(groups) + ("." + frac if frac else ""))


def read_amount(text) -> Decimal | None:
    """An amount as typed in a budget cell, the usual Russian (and English) ways: groups of
    thousands split by spaces, dots or commas, a decimal comma or point, «тыс.»/«к»/«млн» and
    «руб.»/«₽»/«р.» after it. None when the cell holds no amount ("", "—"); `AmountError` for a
    negative amount or text that is not clearly one amount ("около 100 000", "100-200", "abc").

    >>> read_amount("120 тыс."), read_amount("1,5 млн"), read_amount("1.200.000"), read_amount("15к")
    (Decimal('120000'), Decimal('1500000'), Decimal('1200000'), Decimal('15000'))
    >>> read_amount("—") is None
    True
    >>> read_amount("-500")
    Traceback (most recent call last):
    workbench.grant.AmountError: negative: '-500'
    """
    if text is None or isinstance(text, bool):
        return None
    if isinstance(text, (int, float, Decimal)):
        value = Decimal(str(text))
        if not value.is_finite():  # NaN, infinity: a number only in name
            raise AmountError(str(text), "unreadable")
        if value < 0:
            raise AmountError(str(text), "negative")
        return _checked(value, str(text))
    s = str(text).strip()
    if _EMPTY.fullmatch(s):
        return None
    if _NEGATIVE.match(s):
        raise AmountError(s, "negative")
    m = _AMOUNT.fullmatch(s.rstrip())
    if m is None:
        raise AmountError(s, "unreadable")
    multiplier = 1_000_000 if m.group("m") else 1000 if (m.group("k") or m.group("tr")) else 1
    try:
        value = _number(m.group("num"), multiplier > 1)
    except InvalidOperation:  # pragma: no cover - _number passes digits only
        value = None
    if value is None:
        raise AmountError(s, "unreadable")
    value = _checked(value * multiplier, s)
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def _checked(value: Decimal, text: str) -> Decimal:
    if value > MAX_AMOUNT:
        raise AmountError(text, "too_large")
    return value


def parse_amount(text) -> Decimal | None:
    """An amount as typed in a budget cell ("120 000", "120 тыс. руб.", "15 500,50 ₽", 120000);
    None when the cell holds no amount or one that cannot be read for certain (`read_amount`
    says which: the logic check flags those, the totals leave them out).

    >>> parse_amount("120 000 ₽"), parse_amount("15\\u00a0500,5"), parse_amount("—"), parse_amount("-500")
    (Decimal('120000'), Decimal('15500.5'), None, None)
    """
    try:
        return read_amount(text)
    except AmountError:
        return None


def amount_issue(text) -> str | None:
    """Why a budget cell's amount is not counted: "empty", "negative", "unreadable", "too_large";
    None when it is read.

    >>> amount_issue("120 тыс."), amount_issue(""), amount_issue("-5"), amount_issue("около 100")
    (None, 'empty', 'negative', 'unreadable')
    >>> amount_issue("1" + "0" * 30), amount_issue(float("nan")), amount_issue(1e300)
    ('too_large', 'unreadable', 'too_large')
    """
    try:
        return "empty" if read_amount(text) is None else None
    except AmountError as exc:
        return exc.reason


def format_rub(amount, lang: str = "ru") -> str:
    """An amount in roubles: groups of three digits, kopecks only when there are any, the sign
    after a no-break space. Figures as the language writes them (`workbench.i18n.number`): in
    Russian the groups apart by no-break spaces and a decimal comma, in English by commas and
    a decimal point, so a line of amounts and a share reads one way.

    >>> format_rub(Decimal("120000")), format_rub(1234567.5), format_rub(0)
    ('120\\xa0000\\xa0₽', '1\\xa0234\\xa0567,50\\xa0₽', '0\\xa0₽')
    >>> format_rub(Decimal("135000.5"), "en")
    '135,000.50\\xa0₽'
    """
    from workbench.i18n import number

    value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    whole, cents = divmod(abs(value), 1)
    # kopecks only when there are any; the Russian groups apart by a no-break space (U+00A0),
    # as Word and Excel write roubles
    digits = number(float(abs(value)) if cents else int(whole), lang, 2, grouped=True).replace("\u202f", NBSP)
    return ("-" if value < 0 else "") + digits + NBSP + "₽"


def budget_totals(rows) -> dict:
    """What the fund is asked for, what the team brings, the project's cost and the share of
    co-financing (per cent, one decimal); each row's amounts as numbers (None when empty or
    unreadable: those are left out of the totals, and `unreadable` keeps their text by column).

    >>> line = budget_totals([{"item": "Аренда", "amount": "около 100 000", "cofinancing": "5 тыс."}])["lines"][0]
    >>> line["amount"], line["cofinancing"], line["unreadable"]
    (None, Decimal('5000'), {'amount': 'около 100 000'})
    """
    requested = cofinancing = Decimal(0)
    lines = []
    for row in rows or []:
        a, c = parse_amount(row.get("amount")), parse_amount(row.get("cofinancing"))
        requested += a or 0
        cofinancing += c or 0
        unreadable = {col: str(row.get(col)) for col in ("amount", "cofinancing")
                      if amount_issue(row.get(col)) in NOT_COUNTED}
        lines.append({"item": row.get("item", ""), "amount": a, "cofinancing": c,
                      "total": (a or 0) + (c or 0), "unreadable": unreadable})
    total = requested + cofinancing
    share = float((cofinancing * 100 / total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)) if total else 0.0
    return {"lines": lines, "requested": requested, "cofinancing": cofinancing, "total": total,
            "cofinancing_share": share}


def budget_table(rows, labels: dict, lang: str = "ru") -> tuple[list[str], list[list[str]]]:
    """The budget as a table to print: a row per line with its amounts formatted, then the
    totals row. `labels`: the headings `item`, `amount`, `cofinancing`, `total`, `totals`.
    An amount that cannot be read is printed as typed (the totals leave it out, the logic
    check says why), never as a figure it does not mean."""
    totals = budget_totals(rows)

    def money(value, typed: str | None = None) -> str:
        if typed is not None:
            return typed
        return format_rub(value, lang) if value is not None else "—"

    header = [labels["item"], labels["amount"], labels["cofinancing"], labels["total"]]
    body = [[line["item"], money(line["amount"], line["unreadable"].get("amount")),
             money(line["cofinancing"], line["unreadable"].get("cofinancing")), money(line["total"])]
            for line in totals["lines"]]
    body.append([labels["totals"], money(totals["requested"]), money(totals["cofinancing"]),
                 money(totals["total"])])
    return header, body
