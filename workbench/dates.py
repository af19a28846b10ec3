"""Dates as staff type them, read one way on every page (the analysis filters, the draft
editor's status and consultation dates) and by the store: ДД.ММ.ГГГГ as in Russia, or ISO
ГГГГ-ММ-ДД, whatever the page's language. A date that is no date at all (30.02.2025) is said to
be so, not called a wrong format.
"""

from __future__ import annotations

import datetime as _dt
import re

from workbench.errors import WorkbenchError

_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def parse_date(text: str | None) -> _dt.date | None:
    """A typed date: ДД.ММ.ГГГГ or ГГГГ-ММ-ДД; None when empty. Anything else is a
    `WorkbenchError`: "date_unreadable" for another format, "date_impossible" for a day the
    calendar does not have.

    >>> parse_date("1.7.2024"), parse_date(" 2024-07-01 "), parse_date("")
    (datetime.date(2024, 7, 1), datetime.date(2024, 7, 1), None)
    >>> parse_date("07/01/2024")
    Traceback (most recent call last):
    workbench.errors.WorkbenchError: date_unreadable
    >>> parse_date("30.02.2025")
    Traceback (most recent call last):
    workbench.errors.WorkbenchError: date_impossible
    """
    text = str(text or "").strip()
    if not text:
        return None
    shown = text[:20]  # echoed in the message: a pasted paragraph is not
    dotted, iso = _DOTTED.fullmatch(text), _ISO.fullmatch(text)
    if dotted:
        year, month, day = int(dotted[3]), int(dotted[2]), int(dotted[1])
    elif iso:
        year, month, day = int(iso[1]), int(iso[2]), int(iso[3])
    else:
        raise WorkbenchError("date_unreadable", text=shown)
    try:
        return _dt.date(year, month, day)
    except ValueError:
        raise WorkbenchError("date_impossible", text=shown) from None


def date_text(day: _dt.date | None, lang: str) -> str:
    """A date as the page writes it: 01.07.2024 in Russian, 2024-07-01 in English.

    >>> date_text(_dt.date(2024, 7, 1), "ru"), date_text(_dt.date(2024, 7, 1), "en"), date_text(None, "ru")
    ('01.07.2024', '2024-07-01', '')
    """
    if day is None:
        return ""
    return day.strftime("%d.%m.%Y") if lang == "ru" else day.isoformat()


def iso_text(text: str, lang: str) -> str:
    """A stored ГГГГ-ММ-ДД date as a box to type in shows it (`date_text`); other text as it is.
    A date read, not typed, is `shown_date`'s.

    >>> iso_text("2025-03-15", "ru"), iso_text("2025-03-15", "en"), iso_text("", "ru")
    ('15.03.2025', '2025-03-15', '')
    """
    try:
        return date_text(_dt.date.fromisoformat(text), lang)
    except (TypeError, ValueError):
        return text or ""


def shown_date(text: str, lang: str) -> str:
    """A stored ГГГГ-ММ-ДД date as a page shows it to be read (a title's line, a list of
    consultations): ДД.ММ.ГГГГ in Russian, in words in English, as the English exports write it
    (`long_date`), since 2026-12-06 reads as a code and 06/12 means June to some; other text as it is.

    >>> shown_date("2026-12-06", "ru"), shown_date("2026-12-06", "en"), shown_date("осень", "en")
    ('06.12.2026', '6 December 2026', 'осень')
    """
    if lang == "en":
        try:
            return long_date(_dt.date.fromisoformat(text), "en")
        except (TypeError, ValueError):
            return text or ""
    return iso_text(text, lang)



def shown_moment(moment: _dt.datetime, lang: str) -> str:
    """A date and time as a page or the CLI shows them to be read: the date as `shown_date`
    writes it, then HH:MM.

    >>> at = _dt.datetime(2026, 12, 6, 14, 30, 59)
    >>> shown_moment(at, "ru"), shown_moment(at, "en")
    ('06.12.2026 14:30', '6 December 2026 14:30')
    """
    return f"{shown_date(moment.date().isoformat(), lang)} {moment:%H:%M}"


_MONTHS = {
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
           "октября", "ноября", "декабря"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
}


def long_date(value, lang: str = "ru") -> str:
    """A date in words, as a text in `lang` writes it (a document's heading, a sentence): «12
    октября 2019 г.» in Russian, "12 October 2019" in English; a stored ГГГГ-ММ-ДД or a date.
    Other text is returned as it is, nothing as "".

    >>> long_date("2019-10-12", "ru"), long_date("2019-10-12", "en"), long_date(_dt.date(2025, 3, 1))
    ('12 октября 2019 г.', '12 October 2019', '1 марта 2025 г.')
    >>> long_date("", "ru"), long_date(None, "en"), long_date("осень 2019", "ru")
    ('', '', 'осень 2019')
    """
    if isinstance(value, _dt.date):
        day = value
    else:
        try:
            day = _dt.date.fromisoformat(str(value or "").strip()[:10])
        except ValueError:
            return str(value or "")
    if lang == "en":
        return f"{day.day} {_MONTHS['en'][day.month - 1]} {day.year}"
    return f"{day.day} {_MONTHS['ru'][day.month - 1]} {day.year} г."
