"""The vocabulary of a session and the rules of its texts: imported by the store and the views alike.

>>> clean_text("  Плохие дороги  ")
'Плохие дороги'
>>> "ideas" in CARD_KINDS and "voting" not in CARD_KINDS
True
"""

from __future__ import annotations

import functools
import json
import re
import secrets
from collections import Counter

from workbench.errors import WorkbenchError
from workbench.i18n import Label, t

MAX_TEXT = 500  # characters of a card
MAX_FIELD = 120  # characters of a name, a territory, an organisation, a group's name
SECTORS = ("ngo", "tos", "authority", "business", "citizen", "other")
SESSION_KINDS = ("strategic_session", "educational_module", "online_meeting")
# "cards": a card stage with the facilitator's own title and question (a talk's questions, a
# reflection), for templates other than the strategic session.
STAGE_KINDS = ("problems", "growth", "vision", "ideas", "voting", "teams", "statements", "cards")
DEFAULT_TEMPLATE = ("problems", "growth", "vision", "ideas", "voting", "teams")
DRAFT_STATUSES = ("idea", "draft", "consultation", "submitted", "funded", "not_funded")
# Stages whose cards participants write; the others act on the cards of an earlier stage.
CARD_KINDS = ("problems", "growth", "vision", "ideas", "cards")
# Stages that act on the cards of an earlier card stage (their `target_stage_id`).
TARGETING_KINDS = ("voting", "teams")
VOTE_ON = ("ideas", "groups")
BUDGET_RANGE = (1, 20)  # dots per person
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read from 12 m away


def new_code(rng=secrets) -> str:
    """A six-character session code without look-alike characters."""
    return "".join(rng.choice(CODE_ALPHABET) for _ in range(6))


# What a person types, as every page stores it (`typed_text`). Line breaks of every kind become
# "\n"; control characters (C0 but tab and newline, DEL, C1), the noncharacters U+FFFE/U+FFFF and
# U+FDD0–FDEF, and the bidi embeddings, overrides and isolates (U+202A–202E, U+2066–2069: one
# U+202E mirrors everything after it on the wall) are dropped. A Word or Excel file refuses most
# of them outright, so one card holding them would stop the protocol.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_UNTYPABLE = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff"
                        "\u202a-\u202e\u2066-\u2069]")
# Characters that show nothing: a text of these and spaces only looks blank on the wall.
_INVISIBLE = "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u2060-\u2064\u3164\ufeff\uffa0"
_EDGES = re.compile(f"^[\\s{_INVISIBLE}]+|[\\s{_INVISIBLE}]+$")
_BLANK = re.compile(f"[\\s{_INVISIBLE}]*")


def typed_text(text: str, multiline: bool = True) -> str:
    """A text a person typed (a card, a name, a stage's title, a draft's field), cleaned by the one
    rule every page uses: line breaks as "\\n" (a one-line text: runs of spaces as one space),
    control, bidi-override and non-characters dropped, blank and invisible characters trimmed at
    both ends. A text that shows nothing is "" (callers refuse it as empty where one is needed).

    >>> typed_text("Дорога\\x0bмост\\x07\\r\\n"), typed_text("Карта\\u202e мест", multiline=False)
    ('Дорога\\nмост', 'Карта мест')
    >>> typed_text("\\u200b \\u200b\\ufeff"), typed_text(" Шко\\u200bла\\t")
    ('', 'Шко\\u200bла')
    """
    text = _UNTYPABLE.sub("", _LINE_BREAKS.sub("\n", text))
    if not multiline:
        text = " ".join(text.split())
    if _BLANK.fullmatch(text):
        return ""
    return _EDGES.sub("", text)


def clean_text(text, max_len: int = MAX_TEXT) -> str:
    """Validate a card's text: stripped, not empty, at most `max_len` characters.

    >>> clean_text("   ")
    Traceback (most recent call last):
    workbench.errors.WorkbenchError: text_empty
    """
    if not isinstance(text, str):
        raise WorkbenchError("bad_request", detail="text")
    text = typed_text(text)
    if not text:
        raise WorkbenchError("text_empty")
    if len(text) > max_len:
        raise WorkbenchError("text_too_long", max=max_len, n=len(text))
    return text


# How the forms label a one-line field (catalogue keys): an error names the field as people see it.
FIELD_LABELS = {"name": "field_name", "territory": "field_territory", "organisation": "field_organisation",
                "email": "reg_email", "phone": "reg_phone", "category": "data_col_category"}


def clean_field(name: str, value, label: str | None = None) -> str:
    """A one-line profile field (name, territory, organisation): spaces collapsed, at most
    `MAX_FIELD` characters; None is empty. A refusal names the field by its label on the form
    (`label`, a catalogue key; by default the one of `FIELD_LABELS`).

    >>> clean_field("name", "  Анна   Петрова ")
    'Анна Петрова'
    >>> try:
    ...     clean_field("name", "Я" * 130)
    ... except WorkbenchError as exc:
    ...     print(exc.message("ru"), "/", exc.message("en"))
    Поле «Имя» длиннее 120 символов / Field 'Name' is longer than 120 characters
    """
    if value is None:
        return ""
    if not isinstance(value, str):
        raise WorkbenchError("bad_request", detail=name)
    value = typed_text(value, multiline=False)
    if len(value) > MAX_FIELD:
        key = label or FIELD_LABELS.get(name)
        raise WorkbenchError("field_too_long", field=Label(key) if key else name, max=MAX_FIELD)
    return value


# What people write for a sector in a list they keep themselves (an attendance list in Excel),
# beside the codes and the labels of every language, which `sector_code` knows anyway. Written
# as `_sector_key` makes them: lower case, ё as е, other signs as spaces.
SECTOR_WORDS = {
    "ngo": ("нко", "нко ано", "некоммерческая организация", "некоммерческие организации",
            "общественная организация", "общественные организации", "общественник", "ано", "нпо",
            "non profit", "nonprofit", "charity"),
    "tos": ("тос", "территориальное общественное самоуправление", "neighbourhood council"),
    "authority": ("органы власти", "орган власти", "власть", "мсу", "органы мсу", "администрация",
                  "органы местного самоуправления", "местное самоуправление", "муниципалитет",
                  "государство", "госорган", "government", "local government"),
    "business": ("бизнес", "предприниматель", "предприниматели", "предпринимательство",
                 "коммерческая организация", "business"),
    "citizen": ("житель", "жители", "жительница", "местный житель", "местные жители",
                "активный житель", "гражданин", "граждане", "resident", "residents"),
    "other": ("другое", "другая", "прочее", "прочие", "иное"),
}


def _sector_key(text) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in str(text).casefold().replace("ё", "е")).split())


def sector_code(text) -> str | None:
    """The sector a person wrote, as the store's code (`SECTORS`): a code in any case, the page's
    label in either language, or an everyday word for it; None for a word it does not know, and
    for an empty cell.

    >>> [sector_code(v) for v in ("житель", "органы власти", "НКО", "ТОС", "ngo", "Local authority")]
    ['citizen', 'authority', 'ngo', 'tos', 'ngo', 'authority']
    >>> sector_code("Органы власти / МСУ"), sector_code("школа"), sector_code("")
    ('authority', None, None)
    """
    key = _sector_key(text or "")
    if not key:
        return None
    return _sector_lookup().get(key)


@functools.cache
def _sector_lookup() -> dict[str, str]:
    from workbench.i18n import LANGS, t

    return {_sector_key(word): code for code in SECTORS
            for word in (code, *SECTOR_WORDS.get(code, ()), *(t(f"sector_{code}", lang) for lang in LANGS))}


# Words written before a place's name that do not make it another place: «п. Плесецк»,
# «пос. Плесецк» and «Плесецк» are one village (as `territory_key` folds them).
TERRITORY_PREFIXES = ("п", "пос", "поселок", "посёлок", "пгт", "рп", "с", "село", "д", "дер", "деревня",
                      "г", "гор", "город", "ст", "станция", "м", "мкр", "микрорайон", "сп", "х", "хутор")


def territory_key(text) -> str:
    """What makes two spellings of a territory one place: case, ё, spaces, signs and the usual
    prefixes (`TERRITORY_PREFIXES`: п., пос., с., д., дер., г., рп, село, деревня, посёлок…) do
    not count. Every count of people or drafts by territory groups by it.

    >>> {territory_key(v) for v in ("Плесецк", "п. Плесецк", "пос.Плесецк", " плесецк ", "р.п. Плесецк")}
    {'плесецк'}
    >>> territory_key("с. Конёво"), territory_key("Село"), territory_key("Плесецкий округ")
    ('конево', 'село', 'плесецкий округ')
    """
    words = _sector_key(text or "").split()
    prefixes = {_sector_key(p) for p in TERRITORY_PREFIXES}
    if words[:2] == ["р", "п"] and len(words) > 2:  # «р.п.» is «рп»
        words = ["рп", *words[2:]]
    while len(words) > 1 and words[0] in prefixes:
        words = words[1:]
    return " ".join(words)


def count_territories(places) -> dict[str, int]:
    """How many times each territory occurs, spellings of one place (`territory_key`) counted
    together under its most common spelling (of equally common ones the shortest, then the first
    written); '' for
    none given. In the order first seen.

    >>> count_territories(["п. Плесецк", "Плесецк", "плесецк", "Плесецк", "", "  ", "Емца"])
    {'Плесецк': 4, '': 2, 'Емца': 1}
    """
    spellings: dict[str, Counter] = {}
    for place in places:
        shown = " ".join(str(place or "").split())
        spellings.setdefault(territory_key(shown), Counter())[shown] += 1
    out = {}
    for key, seen in spellings.items():
        # the most common; of equals the shortest (no prefix written), then the first written
        label = max(seen, key=lambda s: (seen[s], -len(s))) if key else ""
        out[label] = sum(seen.values())
    return out


def people(participants: list[dict]) -> list[dict]:
    """The participants who are people who came. A ballot collected on paper (`on_paper`: the
    facilitator's "Бумажный бюллетень", typed in by an assistant) counts in its vote only: not
    in the attendance, the breakdown by territory and sector, or the network of people.

    >>> [p["name"] for p in people([{"name": "Анна", "on_paper": False}, {"name": "Бюллетень 1", "on_paper": True}])]
    ['Анна']
    """
    return [p for p in participants if not p.get("on_paper")]


def person_name(person: dict, lang: str = "ru") -> str:
    """A participant's name as every page and the protocol write it: «Участник без имени» for
    someone who gave none.

    >>> person_name({"name": "Вера Петрова"}), person_name({"name": " "}), person_name({"name": None}, "en")
    ('Вера Петрова', 'Участник без имени', 'Unnamed participant')
    """
    return (person.get("name") or "").strip() or t("draft_anonymous", lang)


def member_label(member: dict, lang: str = "ru") -> str:
    """A team member as the projector's «Команды» board and the protocol list them: the name (or
    «Участник без имени») with the organisation in brackets.

    >>> member_label({"name": "", "organisation": "ТОС «Лядины»"})
    'Участник без имени (ТОС «Лядины»)'
    >>> member_label({"name": "Вера Петрова", "organisation": ""})
    'Вера Петрова'
    """
    org = (member.get("organisation") or "").strip()
    return person_name(member, lang) + (f" ({org})" if org else "")


def accepts_cards(stage: dict) -> bool:
    """Participants write cards on this stage."""
    return stage["kind"] in CARD_KINDS


def card_stage_id(stage: dict) -> int | None:
    """The stage whose cards this stage shows: its own (card and statement stages), or the
    card stage a voting or teams stage works on."""
    if stage["kind"] in CARD_KINDS or stage["kind"] == "statements":
        return stage["id"]
    return stage["target_stage_id"]


# A stage's title and prompt as the workbench wrote them, in every language (`title_texts`,
# `prompt_texts`: a JSON object {"ru": …, "en": …}; "" when the facilitator typed the text).
# Phones and the display show the text in their own language while the stage still has it.

def texts_json(texts: dict | None) -> str:
    """The stored form of a text in several languages ("" for none).

    >>> texts_json({"ru": "Проблемы", "en": "Problems", "de": 3})
    '{"ru": "Проблемы", "en": "Problems"}'
    >>> texts_json(None), texts_json({"ru": " "})
    ('', '')
    """
    clean = {lang: v.strip() for lang, v in (texts or {}).items()
             if isinstance(lang, str) and isinstance(v, str) and v.strip()}
    return json.dumps(clean, ensure_ascii=False) if clean else ""


def stage_texts(stage: dict, field: str) -> dict[str, str]:
    """A stage's `field` ("title" or "prompt") in the languages the workbench wrote it in, while
    the stage still shows one of them ({} once the facilitator typed their own)."""
    raw = stage.get(f"{field}_texts") or ""
    try:
        texts = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    if not isinstance(texts, dict) or stage.get(field) not in texts.values():
        return {}
    return {k: v for k, v in texts.items() if isinstance(v, str) and v}


def stage_text(stage: dict, field: str, lang: str) -> str:
    """A stage's title or prompt for a page in `lang`: a stage template's (or the workbench's
    default) text in that language while the facilitator has not changed it; a text they typed
    stays as typed in every language.

    >>> st = {"title": "Проблемы", "title_texts": '{"ru": "Проблемы", "en": "Problems"}'}
    >>> stage_text(st, "title", "en"), stage_text(st, "title", "ru")
    ('Problems', 'Проблемы')
    >>> stage_text(dict(st, title="Наши беды"), "title", "en")
    'Наши беды'
    """
    return stage_texts(stage, field).get(lang) or stage.get(field) or ""


def in_language(stage: dict, lang: str) -> dict:
    """The stage with its title and prompt as a page in `lang` shows them (`stage_text`)."""
    return dict(stage, title=stage_text(stage, "title", lang), prompt=stage_text(stage, "prompt", lang))
