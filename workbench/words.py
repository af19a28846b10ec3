"""Words of short ideas, Russian and English: normalising, language, lemmas and stop words.

Shared by grouping (``workbench.clustering``), group names (``workbench.group_names``), the
profanity filter and the word clouds. pymorphy3 and the Snowball stemmer are imported inside
functions, so importing this module is cheap.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

# ---------------------------------------------------------------------------------------------
# Stop words. Short on purpose: they are applied to lemmas (dictionary forms), so one entry
# covers every inflected form. Besides grammar words they hold words that appear in almost
# every idea at a strategic session ("нужно", "сделать", "район") and carry no topic.
# ---------------------------------------------------------------------------------------------

# Words in almost every idea at a session about a rural territory ("в деревне", "local
# people"): they say nothing of an idea's topic. Left out of grouping's word vectors
# (``session_word_forms``), where "местный" would pull a camp for local children and a festival
# of local food into one group, and never the edge of a group's name; Russian stop words too.
RU_SESSION_WORDS = frozenset("год время человек район село деревня поселок посёлок житель местный".split())
EN_SESSION_WORDS = frozenset("year time district village settlement resident local".split())

RU_STOP = frozenset(
    """
    а без более бы быть в весь вот все всё где да даже для до его ее её если есть еще ещё же за
    здесь и из или им их к как какой который кто ли либо между меня мне много может можно мой
    мы на над надо наш не него нее неё нет ни них но ну о об один он она они оно от очень по под
    после при про раз с свой себя сам со так также такой там тем то тогда того тоже только том
    тот тут у уже хотеть хотя чем через что чтобы это этот я бывать стать становиться являться
    самый каждый другой свое своё весьма около иметь мочь должный нужно нужный необходимо
    необходимый сделать делать надо давать дать пусть чтоб ли бы вы ты он сей оный
    наш ваш которые очень всего всегда никогда сейчас теперь ещё поэтому потому чтобы
    """.split()
) | RU_SESSION_WORDS

EN_STOP = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself
    yourselves need needs needed make made get got let us should must may might one also
    many much like would could shall
    """.split()
)  # not EN_SESSION_WORDS: on SIB-200 train they cost the lemma grouping 0.02 (mostly noise)
# Snowball stems of the English stop words, so they also match stemmed tokens.
_EN_STOP_STEMS: frozenset[str] | None = None

_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_CYR_RE = re.compile(r"[а-яё]", re.IGNORECASE)
_LAT_RE = re.compile(r"[a-z]", re.IGNORECASE)

# Proper-name tags of pymorphy3: such lemmas are capitalised in cluster names.
_PROPER_TAGS = ("Geox", "Name", "Surn", "Patr", "Orgn", "Trad")
_MIN_LEN = 3  # shorter lemmas are dropped ("в", "по", "ул")


def normalize_text(text: str) -> str:
    """Lower-case, ``ё``->``е``, drop punctuation and digits, collapse spaces.

    >>> normalize_text("  Ёлки-палки!!! Дороги — 2024, ужас ")
    'елки-палки дороги ужас'
    """
    text = unicodedata.normalize("NFC", str(text)).lower().replace("ё", "е")
    return " ".join(_WORD_RE.findall(text))


def detect_language(text: str) -> str:
    """Guess ``"ru"`` or ``"en"`` from the share of Cyrillic letters (ties and empty -> ``"ru"``).

    >>> detect_language("Отремонтировать дорогу"), detect_language("Fix the road to the village")
    ('ru', 'en')
    """
    cyr = len(_CYR_RE.findall(str(text)))
    lat = len(_LAT_RE.findall(str(text)))
    return "en" if lat > cyr else "ru"


# --- lemmatisation ----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=1)
def _en_stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)
def _ru_parse(word: str) -> tuple[str, str, bool]:
    """(lemma, POS, is_proper_name) of a Russian word form, cached."""
    p = _morph().parse(word)[0]
    tag = p.tag
    lemma = p.normal_form.replace("ё", "е")
    proper = any(t in tag for t in _PROPER_TAGS)
    return lemma, str(tag.POS or ""), proper


@lru_cache(maxsize=200_000)
def _en_stem(word: str) -> str:
    return _en_stemmer().stemWord(word)


def _en_stop_stems() -> frozenset[str]:
    global _EN_STOP_STEMS
    if _EN_STOP_STEMS is None:
        _EN_STOP_STEMS = frozenset(_en_stem(w) for w in EN_STOP) | EN_STOP
    return _EN_STOP_STEMS


@lru_cache(maxsize=1)
def session_word_forms() -> frozenset[str]:
    """Every written form of the session words, lower case, ё as е ("деревнях", "villages").

    >>> {"деревнях", "жителей", "люди", "villages", "local"} <= session_word_forms()
    True
    """
    forms = {w + s for w in EN_SESSION_WORDS for s in ("", "s")}
    for word in RU_SESSION_WORDS:
        for form in _morph().parse(word)[0].lexeme:
            forms.add(form.word.replace("ё", "е"))
    return frozenset(forms)


def lemmatize(word: str) -> str:
    """Dictionary form of a Russian word (pymorphy3), Snowball stem of a Latin-script word.

    >>> lemmatize("дорогами"), lemmatize("Молодёжи"), lemmatize("roads")
    ('дорога', 'молодежь', 'road')
    """
    word = normalize_text(word)
    if not word:
        return ""
    if _CYR_RE.search(word):
        return _ru_parse(word)[0]
    return _en_stem(word)


def tokenize(text: str, lang: str = "auto") -> list[str]:
    """Content lemmas of a text: normalized, lemmatised/stemmed, stop words removed.

    ``lang`` is ``"auto"``, ``"ru"`` or ``"en"``; words are analysed by their script either
    way (a Latin brand name in a Russian idea is stemmed as English).

    >>> tokenize("Нужно отремонтировать дороги до Ошевенска!")
    ['отремонтировать', 'дорога', 'ошевенск']
    >>> tokenize("We need better roads to the villages")
    ['better', 'road', 'villag']
    """
    return [lemma for _, lemma in tokenize_words(text, lang)]


def tokenize_words(text: str, lang: str = "auto") -> list[tuple[str, str]]:
    """(word as normalized, its lemma) of each content word of a text (:func:`tokenize`)."""
    _check_lang(lang)
    out = []
    en_stop = None
    for word in normalize_text(text).split():
        for part in word.split("-") if word.count("-") > 1 else (word,):
            if _CYR_RE.search(part):
                lemma = _ru_parse(part)[0]
                if lemma in RU_STOP or part in RU_STOP:
                    continue
            else:
                if en_stop is None:
                    en_stop = _en_stop_stems()
                if part in en_stop:
                    continue
                lemma = _en_stem(part)
                if lemma in en_stop:
                    continue
            if len(lemma) >= _MIN_LEN:
                out.append((part, lemma))
    return out


def cloud_words(texts: list[str], top: int) -> list[tuple[str, int]]:
    """The `top` most frequent content words of the texts as a word cloud shows them, each with
    the number of texts that use it: a Russian word the dictionary knows in its dictionary form
    (a place with its capital letter: "Онега"), any other (an English stem, a name the dictionary
    does not know) as the texts wrote it most often ("guides", not "guid"; "Ошевенска"), with a
    capital when the texts write it so inside a sentence; numerals left out.

    >>> cloud_words(["Гиды по Онеге", "Онега чистая", "Two guides", "guides needed", "два гида"], 3)
    [('гид', 2), ('Онега', 2), ('guides', 2)]
    >>> cloud_words(["Сайт с гостевыми домами", "Ночлег в Ошевенске"], 5)
    [('сайт', 1), ('гостевой', 1), ('дом', 1), ('ночлег', 1), ('Ошевенске', 1)]
    >>> cloud_words(["Ребенок в Заозерье", "ребёнок и мама"], 2)
    [('ребёнок', 2), ('Заозерье', 1)]
    """
    from collections import Counter

    counts: Counter = Counter()
    forms: dict[str, Counter] = {}
    capital: dict[str, str] = {}  # as written with a capital inside a sentence: "Wi-Fi", "Ошевенска"
    for text in texts:
        for sentence in re.split(r"[.!?…]+", str(text or "")):
            capital.update((w.lower().replace("ё", "е"), w) for w in _WORD_RE.findall(sentence)[1:] if w[:1].isupper())
        seen = {}  # in the order the words come: ties keep it
        for word, lemma in tokenize_words(text):
            forms.setdefault(lemma, Counter())[word] += 1
            seen[lemma] = 1
        counts.update(seen)
    out = []
    for lemma, n in counts.most_common():
        word = forms[lemma].most_common(1)[0][0]
        if _CYR_RE.search(word):
            parses = _morph().parse(word)
            # "гостевыми" is a surname to pymorphy first; a person's name never heads a cloud word
            p = next((q for q in parses if not {"Surn", "Name", "Patr"} & set(q.tag.grammemes)), parses[0])
            if {"NUMR", "Anum"} & set(p.tag.grammemes):
                continue
            if p.is_known:
                # a place the dictionary knows as a common noun ("заозерье") keeps the capital
                # the texts give it inside a sentence ("в Заозерье"); ё as the dictionary has it
                proper = bool({"Geox", "Orgn", "Trad"} & set(p.tag.grammemes)) or word in capital
                word = p.normal_form
                word = word.capitalize() if proper else word
            elif word in capital:
                word = capital[word]
        elif word.isdigit():
            continue
        elif word in capital:
            word = capital[word]
        out.append((word, n))
        if len(out) == top:
            break
    return out


def misspellings(text: str) -> int:
    """How many of a text's Russian words the dictionary does not know: of two cards that say
    the same, the one to keep is the one with fewer («Клуб молодых семей», not «Клуб малодых семей»).

    >>> misspellings("Клуб малодых семей"), misspellings("Клуб молодых семей"), misspellings("Wi-Fi в клубе")
    (1, 0, 0)
    """
    return sum(1 for w in _WORD_RE.findall(str(text or "")) if _CYR_RE.search(w) and not _known(w.lower()))


@lru_cache(maxsize=50_000)
def _known(word: str) -> bool:
    return _morph().word_is_known(word)


def _check_lang(lang: str) -> None:
    if lang not in ("auto", "ru", "en"):
        raise ValueError(f"lang must be 'auto', 'ru' or 'en', not {lang!r}")


def same_root(a: str, b: str) -> bool:
    """Crude same-root test for names: a long common prefix ("молодежь", "молодежный").

    >>> same_root("молодежь", "молодежный"), same_root("дом", "дорога")
    (True, False)
    """
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= max(4, round(0.6 * min(len(a), len(b))))


# --- what an idea is about: places, people it is for, things ------------------------------------

# Who an idea is for: two cards for different people are different projects (a club for the
# young, a club for the elderly), however alike their words. Lemmas -> one name per group of people.
_AUDIENCES = {
    "children": "ребенок дети детский детвора малыш дошкольник школьник школьный ученик child children kid kids "
                "pupil pupils schoolchildren",
    "teens": "подросток подростковый teen teens teenager teenagers adolescent adolescents",
    "youth": "молодежь молодежный молодой юноша студент youth young student students",
    "elderly": "пожилой пенсионер пенсионерка старик старушка бабушка дедушка ветеран старожил пенсионный "
               "elderly senior seniors pensioner pensioners veteran veterans",
    "women": "женщина мама мать женский woman women mother mothers mum mums",
    "men": "мужчина мужской man men",
    "families": "семья семейный многодетный family families",
    "tourists": "турист туристка приезжий tourist tourists visitor visitors",
    "disabled": "инвалид инвалидность колясочник disabled wheelchair",
}
AUDIENCE_OF = {word: f"@{group}" for group, words in _AUDIENCES.items() for word in words.split()}
# Words that only stress what a card says ("работы нет вообще"): a repeat may add them.
FILLER_WORDS = frozenset(
    "вообще совсем совершенно вовсе абсолютно снова опять просто крайне сильно слишком давно "
    "никак пожалуйста срочно really very totally completely again just so quite at all please".split())
_ABBREVIATION_RE = re.compile(r"^[A-ZА-ЯЁ]{2,5}$")


class Specifics(NamedTuple):
    """What an idea names (`idea_specifics`), and every word it is written with (a word another
    card misspells is forgiven against these)."""
    named: frozenset
    words: frozenset


def idea_specifics(text: str, places=()) -> Specifics:
    """What an idea names that tells it from another idea with the same words around it: the
    places (a word written with a capital inside a sentence, a name the dictionary knows, an
    abbreviation such as «ДК», a word of one of the known `places`), the people it is for (a name
    for each group of people: «для пожилых», «для пенсионеров» are both "@elderly") and the
    things (nouns, but not slang nor the session words «деревня», «житель»; a word the
    dictionary does not know, «воркаут», as written), each lower case, ё as е.

    >>> sorted(idea_specifics("Клуб для пожилых в Лядинах").named)
    ['@elderly', 'клуб', 'лядинах']
    >>> sorted(idea_specifics("инет плохой в саунино", places=["Саунино"]).named)
    ['саунино']
    """
    out, seen = set(), set()
    place_words = {w for place in places for w in normalize_text(place).split()
                   if len(w) >= _MIN_LEN and lemmatize(w) not in RU_STOP}  # not «район» of «Каргопольский район»
    raw = unicodedata.normalize("NFC", str(text or ""))
    shouting = raw.upper() == raw
    for sentence in re.split(r"[.!?…]+", raw):
        for pos, written in enumerate(_WORD_RE.findall(sentence)):
            word = written.lower().replace("ё", "е")
            seen.add(word)
            if _CYR_RE.search(word):
                p = _morph().parse(word)[0]
                lemma, grammemes = p.normal_form.replace("ё", "е"), set(p.tag.grammemes)
            else:
                p, lemma, grammemes = None, word, set()
            if lemma in AUDIENCE_OF or word in AUDIENCE_OF:
                out.add(AUDIENCE_OF.get(lemma) or AUDIENCE_OF[word])
                continue
            if lemma in RU_STOP or word in RU_STOP or word in EN_STOP or lemma in FILLER_WORDS:
                continue
            capital = written[:1].isupper() and not shouting
            if (any(same_root(word, w) for w in place_words) or (capital and pos > 0)
                    or (_ABBREVIATION_RE.match(written) and not shouting)
                    or (p is not None and {"Geox", "Name", "Surn", "Orgn", "Trad"} & grammemes)):
                out.add(word)  # a place or a name, as written: "Лядинах", "Лядин" are one by `same_root`
            elif p is None or {"Infr", "Slng", "Abbr"} & grammemes or lemma in RU_SESSION_WORDS:
                continue  # slang («инет») names nothing else than its word; English: no nouns to tell
            elif not p.is_known and len(word) > _MIN_LEN:
                out.add(word)  # «воркаут», or a typo: `name_different_things` forgives a typo
            elif "NOUN" in grammemes and len(lemma) >= _MIN_LEN:
                out.add(lemma)
    return Specifics(frozenset(out), frozenset(seen))


def _typo_of(a: str, b: str) -> bool:
    """One word written with a slip of the other: one letter (two in a long word) added,
    dropped, changed or swapped with the next («доорга» / «дорога», «лумбы» / «клумба»).

    >>> _typo_of("доорга", "дорога"), _typo_of("райцентр", "больница")
    (True, False)
    """
    limit = 1 if min(len(a), len(b)) <= 5 else 2
    if abs(len(a) - len(b)) > limit:
        return False
    prev2, prev = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], prev2[j - 2] + 1)
        prev2, prev = prev, row
    return prev[-1] <= limit


def name_different_things(a: Specifics, b: Specifics) -> bool:
    """Whether two ideas' `idea_specifics` each hold something the other has not: another
    place, other people, another thing (a card that only adds to the other is not told apart
    here: whether it says more is the caller's question).

    >>> name_different_things(idea_specifics("автобус до райцентра"), idea_specifics("автобус до больницы"))
    True
    >>> name_different_things(idea_specifics("молодёжь уезжает"), idea_specifics("молодые уезжают в город"))
    False
    """
    def alike(w: str, v: str) -> bool:
        return w == v or same_root(w, v) or _typo_of(w, v)

    def lacks(x: Specifics, y: Specifics) -> bool:
        return any(not any(alike(w, v) for v in y.named) and not any(alike(w, v) for v in y.words)
                   for w in x.named)

    return lacks(a, b) and lacks(b, a)
