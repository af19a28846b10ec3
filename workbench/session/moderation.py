"""Moderation of participants' cards: an obscenity filter for Russian and English, and the rule
that says whether a card from a phone goes to the wall, is masked, or waits for the facilitator.

The filter looks at each word. Russian obscenities inflect and compound heavily (хуй → нахуя,
охуенный; ебать → заебал, долбоёб; пизда → спиздить, распиздяй), so two checks run:

1. **roots**: patterns for the obscene roots, anchored where the root may start (after a verbal
   prefix, in a compound), so that ordinary words holding the same letters (учёба, хлеб, себе,
   страхуй, употреблять, гребля, бляха, мудрый, мандарин, Scunthorpe) pass;
2. **lemmas**: pymorphy3 gives each word form's dictionary forms (суками → сука, мудаков → мудак),
   checked against a list of words that do not compound, so their inflected forms are caught
   without guessing endings.

The lists are curated here by hand from the standard description of Russian мат (the roots хуй,
пизд-, еб-/ёб-, бляд-, муд- and their common derivatives) and the usual English swear words.
The word-list packages on PyPI were checked and not taken: the Russian ones carry no licence, and
the English ones flag too many ordinary words for a district hall ("gay", "hell"). Words are
compared after folding ё to е, Latin look-alike letters inside a Cyrillic word to Cyrillic
(xуй), and letters repeated for emphasis (бляяяядь).

>>> is_obscene("Глава района — мудак… блядь")
True
>>> mask("Глава района — мудак… блядь")
'Глава района — *****… *****'
>>> is_obscene("Нужно употреблять меньше сахара, а корабль стоит рубль")
False
"""

from __future__ import annotations

import re
from functools import lru_cache

MODES = ("off", "mask", "hold")  # what the filter does with a card from a phone
SHOWN, PENDING, REJECTED = "shown", "pending", "rejected"  # a card's status
STATUSES = (SHOWN, PENDING, REJECTED)

# Verbal prefixes that take the root еб-/ёб- (заебал, наебнулся, съебаться, подъёбка…). The
# hard sign is required where the prefix ends in a consonant: "себе", "веб" and "обед" pass.
_EB_PREFIX = r"(?:за|на|вы|у|по|про|до|при|пере|недо|о|съ|сь|въ|вь|отъ|оть|подъ|подь|разъ|разь|" \
             r"объ|обь|изъ|изь|уъ)?"
_ROOTS = [
    # хуй and its family: хуйня, нахуй, нихуя, охуеть, похуист, хуёвый, дохуя, схуяли.
    # Anchored to the start or a prefix: "страхуй", "застрахуйте" (insure) pass.
    r"^(?:на|ни|по|о|а|до|с|от|за|вы|под|рас|раз|)ху[йеяюи]",
    r"^(?:на|по|)хуе",
    # пизд- anywhere: пиздец, спиздить, распиздяй, пиздёж, спизжу.
    r"пизд", r"^(?:с|)пизж",
    # еб-/ёб- after a prefix or at the start: ебать, заебал, съебался, ёбнутый, еблан, поебень.
    rf"^{_EB_PREFIX}еб(?:а|у|л|н|и|ё|е|ш|ы|т|ч|к|ок|ищ)",
    r"(?:долбо|мозго|дуро|ебо)еб",
    # бляд- anywhere (выблядок), бля/блять as words; "бляха", "бляшка" pass.
    r"бляд", r"^бля(?:ть|)$",
    # муд-: мудак, мудила, мудозвон; "мудрый", "мудрость" pass.
    r"^муда[кчц]", r"^мудил", r"^мудоз",
    r"^пид[оа]р", r"^пидр(?:ил|ы|а|у|ом|$)",
    r"^(?:на|по|)хер(?:а|у|ом|ня|ни|не|ню|ней|овый|ово|ов[аоые]|)$",
    # English: the family of fuck and shit, and a few words that do not compound.
    r"fuck", r"^(?:bull|horse|dip|chicken|)shit(?:s|ty|tier|head|heads|hole|holes|ting|ted|ter|)$",
    r"^cunts?$", r"^bitch", r"^(?:ass|arse)holes?$", r"^motherf", r"^cocksuck", r"^bastards?$",
    r"^wank(?:er|ers|ing|ed|)$", r"^twats?$", r"^nigg(?:er|a)s?$", r"^fag(?:got|)s?$",
    r"^sluts?$", r"^whores?$", r"^bollocks$", r"^piss(?:ed|ing|er|)$", r"^dickheads?$",
]
_ROOT_RE = re.compile("|".join(f"(?:{r})" for r in _ROOTS))

# Dictionary forms that do not compound: every inflected form is caught through pymorphy3.
OBSCENE_LEMMAS = frozenset({
    "сука", "сучара", "сукин", "мудак", "мудила", "мразь", "манда", "жопа", "шлюха", "шалава",
    "курва", "гандон", "гондон", "пидор", "пидорас", "пидар", "ублюдок", "говно", "говнюк",
    "дерьмо", "залупа", "хер", "херня", "блядь", "блять", "пиздец", "дрочить", "уёбок", "уебок",
})
# Word forms whose most likely reading is an ordinary word: "сук" (a bough).
_ORDINARY_FORMS = frozenset({"сук"})

_WORD_RE = re.compile(r"[^\W\d_]+(?:[-'’*][^\W\d_]+)*", re.UNICODE)
_CYR = re.compile(r"[а-яё]")
# Latin letters that look like Cyrillic ones, as people type them to slip past a filter
# (also u for и, n for п, r for г, as handwriting-like fonts show them).
_LOOKALIKE = str.maketrans("aeopcxyktmbhunr", "аеорсхуктмвнипг")
# Letters typed one by one to slip past a filter: "б л я д ь", "x.у.й", "х_у_й" (three letters
# or more, each alone, with one to three spaces or punctuation marks between them).
_LETTER = r"[^\W\d_]"
_SPACED_RE = re.compile(rf"(?<!{_LETTER}){_LETTER}(?:[\s.,_*/\\|+:;~'`\"-]{{1,3}}{_LETTER}){{2,}}(?!{_LETTER})")


def _fold(word: str) -> str:
    """The form the checks compare: lower case, ё as е, look-alike Latin letters in a Cyrillic
    word as Cyrillic, hyphens and apostrophes out, a letter repeated three times or more once.

    >>> _fold("БЛЯЯЯДЬ"), _fold("xуй"), _fold("ёб-нутый")
    ('блядь', 'хуй', 'ебнутый')
    """
    w = word.lower().replace("ё", "е")
    if _CYR.search(w):
        w = w.translate(_LOOKALIKE)
    w = re.sub(r"[-'’]", "", w)
    return re.sub(r"(.)\1{2,}", r"\1", w)


@lru_cache(maxsize=1)
def _morph():
    # One analyzer per process, shared with the clustering (its dictionaries take memory).
    from workbench.words import _morph as clustering_morph

    return clustering_morph()


@lru_cache(maxsize=50_000)
def is_obscene_word(word: str) -> bool:
    """One word, in any inflected form.

    >>> [is_obscene_word(w) for w in ("Нахуя", "заебали", "суками", "мудаков", "Fucking")]
    [True, True, True, True, True]
    >>> [is_obscene_word(w) for w in ("учёба", "страхуйте", "гребля", "бляха", "Hubble", "Scunthorpe")]
    [False, False, False, False, False, False]
    """
    w = _fold(word)
    if not w or "*" in w:  # already masked by its writer
        return False
    if _ROOT_RE.search(w):
        return True
    if w in _ORDINARY_FORMS or not _CYR.search(w):
        return False
    return any(p.normal_form.replace("ё", "е") in OBSCENE_LEMMAS or p.normal_form in OBSCENE_LEMMAS
               for p in _morph().parse(w))


def _spaced_spans(text: str) -> list[tuple[int, int]]:
    """Obscene words spelt with their letters apart ("б л я д ь", "x.у.й"): within each run of
    lone letters set apart the same way, the longest stretches (three letters or more) that
    read as one word.

    >>> t = "Итак, б л я д ь, и т. д."
    >>> [t[a:b] for a, b in _spaced_spans(t)]
    ['б л я д ь']
    """
    spans = []
    for run in _SPACED_RE.finditer(text or ""):
        letters = list(re.finditer(_LETTER, run.group()))[:40]
        # One word's letters are set apart alike: a new separator (", " after " ") starts another.
        groups, seps = [[letters[0]]], None
        for a, b in zip(letters, letters[1:], strict=False):
            sep = run.group()[a.end():b.start()]
            if seps is not None and sep != seps:
                groups.append([])
            seps = sep if len(groups[-1]) else None
            groups[-1].append(b)
        for group in groups:
            spans += _obscene_stretches(group, run.start())
    return spans


def _obscene_stretches(letters: list, offset: int) -> list[tuple[int, int]]:
    found, i = [], 0
    while i <= len(letters) - 3:
        for j in range(len(letters), i + 2, -1):
            if is_obscene_word("".join(m.group() for m in letters[i:j])):
                found.append((offset + letters[i].start(), offset + letters[j - 1].end()))
                i = j
                break
        else:
            i += 1
    return found


def obscene_spans(text: str) -> list[tuple[int, int]]:
    """Where the obscene words of a text are: (start, end) of each, in order.

    >>> obscene_spans("ну и хуйня")
    [(5, 10)]
    """
    words = [(m.start(), m.end()) for m in _WORD_RE.finditer(text or "") if is_obscene_word(m.group())]
    spaced = _spaced_spans(text)
    if not spaced:
        return words
    return sorted(spaced + [w for w in words if not any(a <= w[0] < b for a, b in spaced)])


def is_obscene(text: str) -> bool:
    """Whether a text holds an obscene word.

    >>> is_obscene("Дороги — полное говно"), is_obscene("Hubble and the new road")
    (True, False)
    """
    return bool(obscene_spans(text))


def mask(text: str) -> str:
    """The text with every obscene word replaced by as many asterisks.

    >>> mask("What the fuck, Hubble")
    'What the ****, Hubble'
    """
    out, last = [], 0
    for start, end in obscene_spans(text):
        out += [text[last:start], "*" * (end - start)]
        last = end
    return "".join(out + [text[last:]])


def check_settings(moderation, approval) -> tuple[str, bool]:
    """A session's moderation settings, checked: (mode, approval queue on).

    >>> check_settings("hold", False)
    ('hold', False)
    """
    from workbench.errors import WorkbenchError

    if moderation not in MODES:
        raise WorkbenchError("bad_request", detail=f"moderation must be one of {', '.join(MODES)}")
    if not isinstance(approval, bool):
        raise WorkbenchError("bad_request", detail="approval must be true or false")
    return moderation, approval


def incoming(session: dict, text: str) -> dict:
    """What becomes of a card a phone sends: its `text` (masked or not), its `status` (shown, or
    pending: waits for the facilitator) and `flagged` (the filter caught a word).

    The filter's mode is the session's `moderation` (off, mask, hold); with the session's
    `approval` queue on, every card waits, flagged or not. Cards the facilitator types need no
    moderation and never come here.

    >>> s = {"moderation": "mask", "approval": False}
    >>> incoming(s, "мудак") == {"text": "*****", "status": "shown", "flagged": True}
    True
    >>> incoming({**s, "moderation": "hold"}, "мудак")["status"], incoming({**s, "approval": True}, "дороги")["status"]
    ('pending', 'pending')
    >>> incoming({"moderation": "off", "approval": False}, "мудак")["status"]
    'shown'
    """
    mode = session.get("moderation") or "off"
    flagged = mode != "off" and is_obscene(text)
    status = PENDING if session.get("approval") or (flagged and mode == "hold") else SHOWN
    if flagged and mode == "mask":
        text = mask(text)
    return {"text": text, "status": status, "flagged": flagged}
