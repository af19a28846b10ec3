"""A group's name as a facilitator would write it: a short phrase from the group's own words.

The key lemmas of a group (``workbench.clustering``) are found in its most central cards; the
shortest run of words that covers most of them, inside one clause of one card, becomes the name:
"Клуб для молодёжи", "Дорога до Ошевенска", "Repair the roads". In Russian the head noun and the
adjectives before it are put in the nominative ("дорогу до Ошевенска" -> "Дорога до Ошевенска")
by pymorphy3; the words come from the participants' text, so ``ё`` stays, and proper names keep
their capital letter. Never a comma list of lemmas. A name that covers less than half of a
group's cards gives way to a session theme that covers more ("Дети и подростки") or says the
group is mixed ("Праздник деревни и другое"). English names follow the same rules; there a
name covers a card by its head noun and the words after it ("Mobile clinic visits" is not about
"Mobile phone coverage"), and a word never stands bare ("Summer camp", "Support for local
craftsmen", "Tourism" for "Tourists"). The facilitator can rename any group.
"""

from __future__ import annotations

import re
from functools import lru_cache

_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_CLAUSE_RE = re.compile(r"[,;:.!?()\[\]«»\"—–…\n]+")
_CYR_RE = re.compile(r"[а-яё]", re.IGNORECASE)
MAX_WORDS = 5
_NOUNISH = {"NOUN"}
_AGREEING = {"ADJF", "PRTF", "NUMR"}
# Words of quantity that govern the genitive, not adjectives: "Мало рабочих мест" is about
# "Рабочие места", never "Мало рабочее место".
_QUANTITY = frozenset("мало много немного немало несколько сколько столько".split())
_VERBAL = {"INFN", "VERB", "GRND", "PRTS", "ADVB", "PRED", "CONJ", "PRCL", "PREP", "INTJ"}
_VERB_ONLY = {"INFN", "VERB", "GRND", "PRTS", "ADJS"}  # "фап закрыт" -> "ФАП"
# Abbreviations of rural life, written in capitals however a card types them ("фап" -> "ФАП").
_ABBREVIATIONS = frozenset("фап дк сдк тос мфц фок жкх црб мчс снт тсж нко ип лэп".split())
_ABBR_ENDINGS = ("", "а", "у", "е", "ом", "ы", "ов", "ах", "ам", "ами")
# Words of time and frequency: "раз в неделю" says how often, never what a group is about.
_TIME_WORDS = frozenset("""неделя день месяц год раз время сутки час минута неделька
    week day month year time hour weekend daili weekli monthli twice onc
    one two three four five six seven eight nine ten""".split())


def _lemma(word: str) -> str:
    from workbench.words import lemmatize

    return lemmatize(word)


def _parse(word: str):
    from workbench.words import _morph

    return _morph().parse(word.lower())[0]


def _morph_all(word: str):
    from workbench.words import _morph

    return _morph().parse(word.lower())


def _known(word: str) -> bool:
    """Whether the dictionary knows a Cyrillic word (any other word counts as known)."""
    from workbench.words import _known as known

    return not _CYR_RE.search(word) or known(word.lower().replace("ё", "е")) or known(word.lower())


def _abbreviation(word: str) -> str:
    """`word` in capitals when it is an abbreviation, with its case ending after it.

    >>> _abbreviation("фап"), _abbreviation("фапе"), _abbreviation("Мфц"), _abbreviation("фары")
    ('ФАП', 'ФАПе', 'МФЦ', 'фары')
    """
    low = word.lower()
    for abbr in _ABBREVIATIONS:
        rest = low[len(abbr):]
        if low.startswith(abbr) and rest in _ABBR_ENDINGS and (not rest or not _known(low)):
            return abbr.upper() + rest
    return word


# Letters a hurried hand confuses (unstressed vowels, voiced and voiceless consonants).
_CONFUSED_PAIRS = "ао еи иы ея ёе ёо бп вф гк дт жш зс".split()
_CONFUSED_ALL = {ch: "".join(p.replace(ch, "") for p in _CONFUSED_PAIRS if ch in p)
                 for ch in "".join(_CONFUSED_PAIRS)}
_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"


@lru_cache(maxsize=4096)
def _respellings(word: str) -> tuple[str, ...]:
    """Words the dictionary knows one slip away from an unknown lower-case `word`: a confused
    letter ("дароге" -> "дороге", "клуп" -> "клуб"), a missing soft sign ("молодеж"), and in a
    word of six letters or more one letter missing or extra ("фельшер" -> "фельдшер")."""
    out = []  # likeliest slips first: a letter late in the word ("клуп" -> "клуб", not "глуп")
    for i in range(len(word) - 1, 0, -1):
        out += [word[:i] + c + word[i + 1:] for c in _CONFUSED_ALL.get(word[i], "")]
    out += [word[:i] + c + word[i:] for i in range(len(word), 0, -1) for c in "ьъ"]
    if len(word) >= 6:
        out += [word[:i] + c + word[i:] for i in range(len(word), 0, -1) for c in _LETTERS]
        out += [word[:i] + word[i + 1:] for i in range(len(word))]
    proper = {"Name", "Surn", "Patr", "Geox"}
    return tuple(dict.fromkeys(w for w in out if _known(w) and not proper & set(_parse(w).tag.grammemes)))


def _best_spelling(word: str, texts: list[str]) -> str:
    """`word` as the group's cards spell it best: a word the dictionary knows as it is; a
    misspelt one as the dictionary knows it, choosing the spelling the cards use most
    ("дароге" -> "дороге" beside "дорога ужасная"); else as typed.

    >>> _best_spelling("дароге", ["дорога ужасная"]), _best_spelling("Малодежный", []), _best_spelling("Лядин", [])
    ('дороге', 'Молодежный', 'Лядин')
    """
    if _known(word) or not _CYR_RE.search(word) or _abbreviation(word) != word:
        return word
    options = _respellings(word.lower())
    if not options:
        return word
    from collections import Counter

    used = Counter(_lemma(w) for t in texts for w in _WORD_RE.findall(t))
    best = max(options, key=lambda w: used[_lemma(w)])  # ties: the first slip found
    return _keep_case(word, best)


def _with_cards_spelling(name: str, texts: list[str]) -> str:
    """`name` with abbreviations in capitals and the ё a card writes in a word of it
    ("Пожарный водоем" -> "Пожарный водоём" when one card has "водоём!!").

    >>> _with_cards_spelling("Фап в селе", []), _with_cards_spelling("Пожарный водоем", ["водоем", "пожарный водоём!!"])
    ('ФАП в селе', 'Пожарный водоём')
    """
    yo: dict[str, str] = {}
    for t in texts:
        for w in _WORD_RE.findall(t):
            if "ё" in w.lower():
                yo.setdefault(_lemma(w), w)

    def fix(m: re.Match) -> str:
        w = m.group(0)
        other = yo.get(_lemma(w), "")
        at = other.lower().find("ё")
        if at >= 0 and w.lower()[:at + 1] == other.lower()[:at + 1].replace("ё", "е"):
            w = _restore_yo([w], [other])[0]
        return _abbreviation(w)

    return _WORD_RE.sub(fix, name)


_ADJ_END = re.compile(r"(ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ым|им|ых|их|ыми|ими|ую|юю)$")


def _pos(word: str) -> str:
    """Part of speech; an adjective-looking word that pymorphy3 also reads as an adjective
    counts as one ("гостевыми" is a noun to it first)."""
    if not _CYR_RE.search(word):
        return ""
    if _abbreviation(word.lower()) != word.lower():
        return "NOUN"  # "фап", "в ФАПе": an abbreviation however it is typed
    parses = _morph_all(word)
    if word.isupper() and len(word) > 1 and "UNKN" in parses[0].tag:
        return "NOUN"  # an abbreviation it does not know: "ФАП", "ТОС", "МФЦ"
    if (parses[0].tag.POS == "NOUN" and _ADJ_END.search(word.lower())
            and any(p.tag.POS == "ADJF" for p in parses)):
        return "ADJF"
    return str(parses[0].tag.POS or "")


def _keep_case(original: str, word: str) -> str:
    return word[:1].upper() + word[1:] if original[:1].isupper() else word


def _window(text: str, keys: list[str]) -> tuple[int, list[str]] | None:
    """(how many key lemmas, words) of the shortest run of words in one clause of `text` that
    covers the most key lemmas, at most MAX_WORDS long."""
    best = None
    for clause in _CLAUSE_RE.split(text):
        words = _WORD_RE.findall(clause)
        lemmas = [_lemma(w) for w in words]
        for a in range(len(words)):
            if lemmas[a] not in keys:
                continue
            first = a  # the adjectives before it always come along: "гостевые дома", never
            while first > 0 and _pos(words[first - 1]) in _AGREEING:  # a bare "дом"
                first -= 1
            for b in range(a, min(len(words), first + MAX_WORDS)):
                if lemmas[b] not in keys:
                    continue
                found = len({lem for lem in lemmas[a:b + 1] if lem in keys})
                cand = (found, -(b - a), words[first:b + 1])
                if best is None or cand[:2] > best[:2]:
                    best = cand
    return (best[0], best[2]) if best else None


def _russian_phrase(words: list[str], texts: tuple[str, ...] | list[str] = ()) -> list[str]:
    """Drop leading verbs and function words, put the head noun (and the adjectives before it)
    in the nominative; the words after the head keep their case ("ремонт дорог"). A word the
    dictionary does not know is never inflected: it takes the nominative a card of `texts`
    writes ("Ошевенск"), else stays as typed.

    >>> _russian_phrase(["Ошевенска"], ["к Ошевенску", "Ошевенск далеко"]), _russian_phrase(["Ошевенска"])
    (['Ошевенск'], ['Ошевенска'])
    """
    pos = [_pos(w) for w in words]
    start = 0
    while start < len(words) and (pos[start] in _VERBAL or pos[start] == ""
                                  or words[start].lower() in _QUANTITY):
        start += 1
    words, pos = words[start:], pos[start:]
    if not words:
        return []
    head = next((i for i, p in enumerate(pos) if p in _NOUNISH), None)
    if head is None:
        return []
    if head > 0 and pos[head - 1] in _AGREEING and _noun_before_genitive(words[head - 1], words[head]):
        head -= 1  # "Мастерские ремёсел": a noun that looks like an adjective, then its genitive
    end = next((i for i in range(head + 1, len(words)) if pos[i] in _VERB_ONLY), len(words))
    words, pos = words[:end], pos[:end]  # "фап закрыли" -> "ФАП": a name, not a sentence
    hp = next((q for q in _morph_all(words[head]) if q.tag.POS == "NOUN"), _parse(words[head]))
    adjs = [i for i in range(head) if pos[i] in _AGREEING]
    # the number: from an adjective when there is one ("деревянные дома"), else the likeliest
    # reading of the noun ("нет работы" -> "работа")
    lead = next((q for q in _morph_all(words[adjs[0]]) if q.tag.POS in _AGREEING), hp) if adjs else hp
    number = "plur" if "plur" in lead.tag else "sing"
    out = list(words)
    for i in [*adjs, head]:
        if not _known(words[i]):  # never a guess of the dictionary: "Дарог" from "дарогу"
            out[i] = _keep_case(words[i], _card_nominative(words[i], texts))
            continue
        if _place_name(words[i], texts):  # "в Бору" -> "Бор", never "Боры" (a plural of "бора")
            out[i] = _place_nominative(words[i], texts)
            continue
        if any(p.tag.case == "nomn" and number in p.tag and (i != head or p.tag.POS == "NOUN")
               for p in _morph_all(words[i])):
            continue  # already nominative: keep the participant's spelling
        p = hp if i == head else next(
            (q for q in _morph_all(words[i]) if q.tag.POS in _AGREEING), _parse(words[i]))
        grams = {"nomn", number}
        if i != head and number == "sing" and hp.tag.gender:
            grams.add(hp.tag.gender)
        form = p.inflect(grams) or p.inflect({"nomn"})
        if form is not None:
            out[i] = _keep_case(words[i], form.word)
    return _restore_yo(out, words)


_PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})
_SENTENCE_END_RE = re.compile(r"[.!?…]\s*$")


def _place_name(word: str, texts) -> bool:
    """Whether `word` is a name the dictionary reads as a common word: a card writes it with a
    capital in mid-sentence («в Бору», «деревня Бор»), and its likeliest reading as a noun is not
    a name pymorphy knows ("Москвы" it inflects right). Such a word is never inflected: "Бор" read as
    a form of "бора" would become "Боры"."""
    if not word[:1].isupper() or not texts:
        return False
    read = next((q for q in _morph_all(word) if q.tag.POS == "NOUN"), _parse(word))
    if _PROPER & set(read.tag.grammemes):  # the reading a name is inflected by is a name
        return False
    low = word.lower()
    for text in texts:
        for m in _WORD_RE.finditer(text):
            w = m.group()
            if (w[:1].isupper() and not w.isupper() and _lemma(w) == _lemma(low) and m.start() > 0
                    and not _SENTENCE_END_RE.search(text[:m.start()])):
                return True
    return False


def _place_nominative(word: str, texts) -> str:
    """The form of a place name (`_place_name`) that a card writes and that can be a nominative
    («деревня Бор» beside «в Бору»: "Бор"), else `word` as the card writes it."""
    lemma = _lemma(word)
    for text in texts:
        for w in _WORD_RE.findall(text):
            if w[:1].isupper() and _lemma(w) == lemma and any(q.tag.case == "nomn" for q in _morph_all(w)):
                return w
    return word


def _card_nominative(word: str, texts) -> str:
    """A nominative form of an unknown `word` that one of `texts` writes, else `word`."""
    lemma = _lemma(word)
    for text in texts:
        for w in _WORD_RE.findall(text):
            if w.lower() != word.lower() and _lemma(w) == lemma and _parse(w).tag.case == "nomn":
                return w
    return word


def _noun_before_genitive(word: str, noun: str) -> bool:
    """Whether `word`, read as an adjective before `noun`, agrees with it in no case, while it
    can be a noun itself and `noun` can be its genitive dependent ("мастерские ремёсел").

    >>> _russian_phrase(["Мастерские", "ремёсел"]), _russian_phrase(["гостевыми", "домами"])
    (['Мастерские', 'ремёсел'], ['гостевые', 'дома'])
    """
    adj_cases = {q.tag.case for q in _morph_all(word) if q.tag.POS in _AGREEING}
    noun_cases = {q.tag.case for q in _morph_all(noun) if q.tag.POS == "NOUN"}
    return (not adj_cases & noun_cases and "gent" in noun_cases
            and any(q.tag.POS == "NOUN" for q in _morph_all(word)))


def _restore_yo(new: list[str], old: list[str]) -> list[str]:
    """Keep a participant's ё where an inflected form came back with е."""
    out = []
    for n, o in zip(new, old, strict=True):
        if "ё" in o.lower() and "ё" not in n.lower():
            fixed = list(n)
            for i, ch in enumerate(o[: len(n)]):
                if ch.lower() == "ё" and n[i].lower() == "е":
                    fixed[i] = ch
            n = "".join(fixed)
        out.append(n)
    return out


# Prepositions (and "every") that are not grouping stop words but never start or end a name.
_EN_EDGE = frozenset("""along across around among amongst within without toward towards upon onto
    near beside besides behind beyond since per via throughout inside outside despite except unlike
    every
    """.split())


@lru_cache(maxsize=1)
def _en_edge() -> frozenset[str]:
    """Words that never start or end an English name: stop words, the prepositions above and
    every form of the session words ("villages")."""
    from workbench.words import EN_STOP, session_word_forms

    return EN_STOP | _EN_EDGE | session_word_forms()


@lru_cache(maxsize=1)
def _session_keys() -> frozenset[str]:
    """The key lemmas of the English session words ("villag"): never a group's name."""
    from workbench.words import EN_SESSION_WORDS, lemmatize

    return frozenset(lemmatize(w) for w in EN_SESSION_WORDS)


# Prepositions that end a card's first English noun phrase ("Summer camp | for local children");
# not "of", which keeps its noun ("Lack of jobs").
_EN_CUT = frozenset("""to for in on at with from by into onto near along across around between
    among within without through during after before about over under beside behind beyond since
    until via per toward towards upon inside outside despite except like than""".split())


def _english_phrase(words: list[str]) -> list[str]:
    """The words without stop words or prepositions at either end.

    >>> _english_phrase("Collect the rubbish along".split())
    ['Collect', 'the', 'rubbish']
    """
    edge = _en_edge()
    while words and words[0].lower() in edge:
        words = words[1:]
    while words and words[-1].lower() in edge:
        words = words[:-1]
    return words


# Verbs a card starts with ("Fix the bridge", "Repair roads"): never the first word of a
# noun phrase; and words of time that end one ("Doctor visits twice a month").
_EN_VERBS = frozenset("""repair fix build open restore clean create make organise organize install
    improve renovate start hold buy provide bring add set put plant paint""".split())
_EN_NOT_NOUN = frozenset("twice once thrice weekly daily monthly yearly annually".split())


def _en_noun_phrase(text: str, word: str, limit: int = 3) -> list[str]:
    """The noun phrase of `text` around `word`, at most `limit` words: the words next to it up to
    a stop word, a preposition or a clause mark, without a leading verb; an English noun that
    names the kind of thing before its noun ("summer camp", "river banks") is not a theme alone.

    >>> _en_noun_phrase("Clean up the river banks", "river"), _en_noun_phrase("Fix the bridge over the Moshka river", "river")
    (['river', 'banks'], ['Moshka', 'river'])
    >>> _en_noun_phrase("Village festival every summer", "summer"), _en_noun_phrase("Repair roads", "roads")
    (['summer'], ['roads'])
    """
    edge = _en_edge() | _EN_CUT
    for clause in _CLAUSE_RE.split(text):
        words = _WORD_RE.findall(clause)
        at = next((i for i, w in enumerate(words) if w.lower() == word.lower()), None)
        if at is None:
            continue
        inside = [w.lower() not in edge and w.lower() not in _EN_NOT_NOUN
                  and not w.lower().endswith("ly") for w in words]
        first, last = at, at
        while first > 0 and inside[first - 1] and last - first + 1 < limit:
            first -= 1
        while last + 1 < len(words) and inside[last + 1] and last - first + 1 < limit:
            last += 1
        while first < at and words[first].lower() in _EN_VERBS:
            first += 1
        return words[first:last + 1]
    return [word]


def _en_with_noun(text: str, phrase: list[str]) -> list[str]:
    """`phrase` (words of `text`) and, when it ends on an adjective, the noun after it in `text`:
    never a bare adjective at the end of a name.

    >>> _en_with_noun("Open a youth club in the old school", ["club", "in", "the", "old"])
    ['club', 'in', 'the', 'old', 'school']
    """
    edge = _en_edge() | _EN_CUT
    for clause in _CLAUSE_RE.split(text):
        words = _WORD_RE.findall(clause)
        n = len(phrase)
        at = next((i for i in range(len(words) - n + 1) if words[i:i + n] == phrase), None)
        if at is None:
            continue
        end = at + n
        while (end < len(words) and end - at < MAX_WORDS + 2 and _en_adjective(words[end - 1])
               and words[end].lower() not in edge):
            end += 1
        return words[at:end]
    return phrase


def _speaks_for(name: str, texts: list[str]) -> int:
    """How many of `texts` a name speaks for: `coverage`, but in English only by its head noun
    and the words after it. An English noun before its noun says what kind of thing it is
    ("Youth club", "Mobile clinic"): a card that shares only that word ("Youth volunteer
    centre", "Mobile phone coverage") is about another thing.

    >>> cards = ["Mobile clinic visits", "Doctor visits twice a month", "Mobile phone coverage"]
    >>> coverage("Mobile clinic visits", cards), _speaks_for("Mobile clinic visits", cards)
    (3, 2)
    """
    words = _WORD_RE.findall(name)
    if _CYR_RE.search(name):  # the same in Russian: "Мобильная связь" is not "мобильный медпункт"
        head = next((i for i, w in enumerate(words) if _pos(w) in _NOUNISH), 0)
        return coverage(" ".join(words[head:]), texts)
    cut = next((i for i, w in enumerate(words) if i and w.lower() in _EN_CUT | {"of"}), len(words))
    head = cut - 1
    while head > 0 and words[head].lower() in _en_edge():
        head -= 1
    return coverage(" ".join(words[max(head, 0):]), texts)


def _noun_lemma(keys: list[str], texts: list[str]) -> str | None:
    """The first key lemma that is a noun, in the nominative singular as a participant spelt
    it (with ё when a card has it)."""
    for key in keys:
        for text in texts:
            for w in _WORD_RE.findall(text):
                if _lemma(w) != key:
                    continue
                if not _CYR_RE.search(w):
                    if w.lower() in _en_edge():  # "every": a word, not a theme
                        continue
                    return w
                w = _best_spelling(w, texts)
                if not _known(w):
                    return w  # never a form the dictionary guesses: "Мусары" from "мусар"
                if _place_name(w, texts):  # "Бор", not the lemma "бора" of a common word
                    return _place_nominative(w, texts)
                p = _parse(w)
                if p.tag.POS == "NOUN":
                    return _keep_case(w, _restore_yo([p.normal_form], [w])[0])
    return None


def theme(texts: list[str], keys: list[str], themes: bool = True) -> str:
    """A short name for a group: `texts` are its cards, most central first, `keys` its key
    lemmas (clustering's), most distinctive first; `themes`: whether a session theme may name
    a group its own words do not cover (`_honest`).

    >>> theme(["Открыть клуб для молодёжи", "Молодёжный клуб"], ["клуб", "молодежь"])
    'Клуб для молодёжи'
    >>> theme(["Отремонтировать дорогу до Ошевенска", "Ямы на дороге"], ["дорога", "ошевенск"])
    'Дорога до Ошевенска'
    >>> theme(["We need to repair the roads", "Roads are bad"], ["road", "repair"])
    'Repair the roads'
    """
    # "village": in ideas of every topic; "неделя", "week": how often, never what about
    keys = [k for k in keys if k and k not in _session_keys() and not _time_word(k)]
    candidates = []
    for rank, text in enumerate(texts[:8]):
        found = _window(text, keys) if keys else None
        if found is None:
            continue
        count, words = found
        english = not any(_CYR_RE.search(w) for w in words)
        if not english:  # "дарогу" beside "дорога ужасная" -> "дорогу"
            words = [_best_spelling(w, texts) for w in words]
        phrase = _english_phrase(words) if english else _russian_phrase(words, texts)
        vague = bool(phrase) and _lemma(phrase[-1]) in _NEEDS_OBJECT
        if english and len(phrase) == 1:  # "Summer" -> "Summer camp", "river" -> "river banks"
            phrase = _en_noun_phrase(text, phrase[0])
            vague = len(phrase) == 1  # "every summer": a bare word only when no card gives more
        elif english and phrase:
            phrase = _en_with_noun(text, phrase)  # "Club in the old" -> "Club in the old school"
        if english:  # the keys the name holds, not those of the stop words cut off ("every")
            count = len({_lemma(w) for w in phrase} & set(keys))
        if vague:
            longer = _with_object(text, phrase)  # "Раздельный сбор" -> "Раздельный сбор мусора"
            vague, phrase = len(longer) == len(phrase), longer
        if phrase:  # a phrase ending on such a noun only when no other card gives better
            covered = _speaks_for(" ".join(phrase), texts)
            # an English bare word only when no card gives a phrase: "Summer camp", not "Summer"
            bare = english and vague and len(phrase) == 1
            candidates.append((bare, -covered, -count, vague, len(phrase), rank, phrase))
    if candidates:
        name = " ".join(min(candidates)[-1])
    else:  # no word the cards share: the most central card, cut to its first noun phrase
        name = (_noun_lemma(keys, texts) or (_card_phrase(texts[0], texts) if texts else "")
                or _shorten(texts[0] if texts else ""))
    name = _honest(_with_cards_spelling(name, texts), texts, themes)
    return name[:1].upper() + name[1:]


def distinct_names(groups: list[tuple[list[str], list[str]]]) -> list[str]:
    """`theme` of every group (its cards, most central first, and its keys), biggest group
    first: a session theme names one group only, the first that gets it; another group it
    would name too gets its own words ("Рабочие места" beside "Работа").

    >>> distinct_names([(["Нет работы", "Нет работы для молодых", "Низкие зарплаты"], ["работа"]),
    ...                 (["Мало рабочих мест", "Низкие зарплаты", "Фермерам трудно"], [])])
    ['Работа', 'Рабочие места']
    """
    out: list[str] = []
    for texts, keys in groups:
        name = theme(texts, keys)
        if name in out:
            name = theme(texts, keys, themes=False)
        if name in out and texts:  # two groups named alike: the smaller one by its central card
            short = _respelt_card(texts)
            name = short if short not in out else name
        out.append(name)
    return out


def _respelt_card(texts: list[str]) -> str:
    """The first words of a group's central card, its misspellings set right.

    >>> _respelt_card(["дорогу отремантировать"])
    'Дорогу отремонтировать'
    """
    card = _WORD_RE.sub(lambda m: _best_spelling(m.group(0), texts), texts[0])
    short = _with_cards_spelling(_shorten(card), texts)
    return short[:1].upper() + short[1:]


MIN_SHARE = 0.5  # a name speaks for a group when it covers at least half of its cards
MIXED_MIN = 5  # "… и другое" from five cards on: the demo's small stages are three-card groups


def coverage(name: str, texts: list[str]) -> int:
    """How many of `texts` share a content word with `name` (the same lemma or root:
    "туристы" covers "Рыболовный туризм").

    >>> coverage("Туристы", ["Гостиница для туристов", "Рыболовный туризм", "Баня"])
    2
    """
    from workbench.words import same_root, tokenize

    own = {w for w in tokenize(name) if not _time_word(w)} - _session_keys()
    return sum(any(a == b or same_root(a, b) for a in own for b in _card_lemmas(t)) for t in texts)


@lru_cache(maxsize=4096)
def _card_lemmas(text: str) -> frozenset[str]:
    """A card's content lemmas, and those of its misspelt words as the dictionary spells them
    ("ямы на дароге" speaks of "дорога")."""
    from workbench.words import tokenize, tokenize_words

    out = set(tokenize(text))
    for word, _lem in tokenize_words(text):
        if _CYR_RE.search(word) and not _known(word):
            out.add(_lemma(_best_spelling(word, [text])))
    return frozenset(out)


def _time_word(lemma: str) -> bool:
    """Whether a key lemma says when or how often ("неделя", "week", "три"), not what about."""
    if lemma in _TIME_WORDS or lemma.isdigit():
        return True
    return bool(_CYR_RE.search(lemma)) and _parse(lemma).tag.POS == "NUMR"


# Themes that recur at these sessions, named as a facilitator would: a group whose cards say
# "подростков", "детский сад", "детей" is about children even when no one word is on most cards.
# Lemmas as `workbench.words.lemmatize` gives them (Snowball stems for English).
_THEMES = (
    ("Дети и подростки", "Children and teenagers", """ребенок детский подросток школьник
        школьный малыш детсад child children kid teenag teen pupil"""),
    ("Молодёжь", "Young people", "молодежь молодежный молодой youth young"),
    ("Пожилые люди", "Older people", """пожилой пенсионер ветеран бабушка дедушка старик
        elder elderli pension pensioner senior"""),
    ("Туризм", "Tourism", """турист туризм туристический турмаршрут экскурсия гостевой
        гостиница tourist tourism tour guest hotel excurs"""),
    ("Дороги и транспорт", "Roads and transport", """дорога автобус мост транспорт такси
        велодорожка road bus bridg transport taxi"""),
    ("Медицина", "Health care", """врач фап аптека аптечный больница поликлиника амбулатория медпункт
        медицинский медсестра фельдшер doctor clinic pharmaci health nurs"""),
    ("Работа", "Jobs", "работа рабочий зарплата занятость вакансия job wage employ"),
    ("Спорт", "Sports", """спорт спортивный стадион каток хоккей хоккейный футбол лыжный лыжня
        тренажерный sport hockey rink stadium footbal gym ski"""),
)


def _theme_of(texts: list[str], russian: bool) -> tuple[int, str] | None:
    """(how many cards, name) of the theme that covers the most of `texts`."""
    from workbench.words import tokenize

    lemmas = [set(tokenize(t)) for t in texts]
    best = None
    for ru, en, words in _THEMES:
        own = set(words.split())
        hits = sum(bool(own & card) for card in lemmas)
        if hits and (best is None or hits > best[0]):
            best = (hits, ru if russian else en)
    return best


def _root_theme(name: str, texts: list[str]) -> tuple[int, str] | None:
    """(how many cards, name) of the one-word English theme that shares its root with a
    one-word English `name` ("Tourists" and "Tourism").

    >>> _root_theme("Tourists", ["Guest houses for tourists", "Wooden architecture tour route"])
    (2, 'Tourism')
    """
    from workbench.words import same_root, tokenize

    own = tokenize(name)
    if len(own) != 1 or len(name.split()) != 1:
        return None
    for _ru, label, words in _THEMES:
        theirs = tokenize(label)
        if len(label.split()) == 1 and len(theirs) == 1 and same_root(own[0], theirs[0]):
            cards = set(words.split())
            return sum(bool(cards & set(tokenize(t))) for t in texts), label
    return None


def _honest(name: str, texts: list[str], themes: bool = True) -> str:
    """`name` when it covers at least half of a group's cards; else a theme of the session that
    covers more of them (a summer camp for teenagers, a kindergarten group, a robotics club for
    children: "Дети и подростки"), else the name saying the group holds other things too
    ("Праздник деревни и другое"), so that the room does not vote on one card's idea for ten.

    >>> _honest("Кружок", ["Кружок резьбы для подростков", "Летний лагерь для подростков",
    ...     "Детский сад — группа выходного дня", "Фестиваль игрушки", "Кружок робототехники для детей"])
    'Дети и подростки'
    >>> _honest("Праздник деревни", ["Праздник деревни раз в год", "Автобус до Лядин", "Фермерский рынок",
    ...     "Уличное освещение", "Прокат лодок"])
    'Праздник деревни и другое'
    >>> _honest("Http", ["Наш сайт http://ya.ru", "Автобус до Лядин", "Фермерский рынок", "Прокат лодок",
    ...     "Уличное освещение"])  # a Latin word over Russian cards: the room's language
    'Http и другое'
    """
    if len(texts) < 3:
        return name
    # a Latin word naming Russian cards ("Http" from links) still reads "… и другое"
    russian = bool(_CYR_RE.search(name)) or 2 * sum(bool(_CYR_RE.search(x)) for x in texts) > len(texts)
    covered = _speaks_for(name, texts)
    # English only: one English word ("Tourists", "Summer") reads as a bare heading, where the
    # theme of its root says what the group is about ("Tourism"); «Туристы» stays
    kind = None if russian or not themes else _root_theme(name, texts)
    if kind and kind[0] >= max(covered, MIN_SHARE * len(texts)):
        return kind[1]
    if covered >= MIN_SHARE * len(texts):
        return name  # the participants' own words, when they speak for the group
    found = _theme_of(texts, russian) if themes else None
    if found and found[0] >= MIN_SHARE * len(texts) and found[0] > covered:
        return found[1]
    if len(texts) < MIXED_MIN:
        return name  # three or four cards: the central one's words read better than "… и другое"
    more, limit = (" и другое", MAX_WORDS) if russian else (" and more", MAX_WORDS + 2)  # articles
    for short in (name, _card_phrase(name)):  # "Ремонт дороги до Ошевенска" -> "Ремонт дороги"
        if short and len((short + more).split()) <= limit:
            return short + more
    return "Разное" if russian else "Miscellaneous"  # never a noun phrase cut before its noun


# Nouns that name an action or a container and say little without their object: a group is
# not named "Сбор" or "Центр" when its card says "Сбор мусора", "Центр поддержки ТОС".
_NEEDS_OBJECT = frozenset("""сбор ремонт строительство создание развитие поддержка организация
    проведение открытие помощь центр программа проект установка благоустройство восстановление
    сохранение реставрация обучение переработка вывоз продажа производство отсутствие нехватка
    недостаток замена покупка закупка уборка очистка вырубка""".split())


def _genitive_end(words: list[str], end: int, limit: int) -> int:
    """Where the genitive words from `end` on stop ("ремонт | дорог"), at most at `limit`."""
    while end < min(len(words), limit) and _pos(words[end]) in _AGREEING | _NOUNISH \
            and "gent" in _parse(words[end]).tag and words[end].lower() != "раз":  # "раз в год"
        end += 1
    return end


def _with_object(text: str, phrase: list[str]) -> list[str]:
    """`phrase` (ending on such a noun, in the nominative) with the genitive words after that
    noun in `text`, at most two more; `phrase` itself when it has none.

    >>> _with_object("Раздельный сбор мусора", ["Раздельный", "сбор"]), _with_object("Центр в селе", ["Центр"])
    (['Раздельный', 'сбор', 'мусора'], ['Центр'])
    """
    key = _lemma(phrase[-1])
    for clause in _CLAUSE_RE.split(text):
        words = _WORD_RE.findall(clause)
        at = next((i for i, w in enumerate(words) if _lemma(w) == key), None)
        if at is None:
            continue
        end = _genitive_end(words, at + 1, at + 3)
        if end - at > 1:
            return [*phrase, *words[at + 1:end]]
    return phrase


def _card_phrase(text: str, texts: tuple[str, ...] | list[str] = ()) -> str:
    """The first noun phrase of a card's first clause, in the nominative, at most 4 words:
    "Пожилым людям трудно добраться до врача" -> "Пожилые люди". In English (no tagger) the
    words before the first preposition: all of them when at most 5 besides articles, else 4 and
    the adjectives after them, never ending on "to", "the"...

    >>> _card_phrase("Repair the road to the village"), _card_phrase("A tourist trail to the old monastery")
    ('Repair the road', 'tourist trail')
    >>> _card_phrase("Build a new modern sports hall"), _card_phrase("Create a modern open digital space in a library")
    ('Build a new modern sports hall', 'Create a modern open digital space')
    >>> _card_phrase("Support for local craftsmen"), _card_phrase("Jobs for young people at the sawmill")
    ('Support for local craftsmen', 'Jobs for young people')
    """
    clause = _CLAUSE_RE.split(text.strip())[0]
    words = _WORD_RE.findall(clause)
    if not words:
        return ""
    if not any(_CYR_RE.search(w) for w in words):
        words = _english_phrase(words)
        cut = next((i for i, w in enumerate(words) if i and w.lower() in _EN_CUT), len(words))
        if cut == 1:  # one word says little without its object: "Support | for local craftsmen"
            cut = next((i for i, w in enumerate(words) if i > 2 and w.lower() in _EN_CUT), len(words))
        content = [i for i in range(cut) if words[i].lower() not in ("a", "an", "the")]
        if len(content) <= 5:  # "Build a new modern sports hall": the phrase whole
            return " ".join(_english_phrase(words[:cut]))
        end = content[3] + 1  # four words, and the noun an adjective there needs
        while end <= content[5] and _en_adjective(words[end - 1]):
            end += 1
        return " ".join(_english_phrase(words[:end]))
    words = [_best_spelling(w, [text]) for w in words]
    pos = [_pos(w) for w in words]
    start = next((i for i, p in enumerate(pos) if p in _NOUNISH or p in _AGREEING), None)
    if start is None:
        return ""
    head = next((i for i in range(start, len(words)) if pos[i] in _NOUNISH), None)
    if head is None:
        return ""
    # a dependent in the genitive after the head: "ремонт дорог", "центр досуга для молодёжи"
    end = _genitive_end(words, head + 1, start + 4)
    return " ".join(_russian_phrase(words[start:end], texts))


_EN_ADJECTIVES = frozenset("""new old big small large little young local public free modern
    good better best bad poor safe clean green open rural urban main own more many several
    historic""".split())
_EN_ADJECTIVE_END = re.compile(r"(al|ive|ous|ful|ic|able|ible|ary|less|ish|ern|ing)$")


def _en_adjective(word: str) -> bool:
    """Whether an English word may be an adjective that needs its noun after it (no tagger:
    common adjectives and adjective endings; "festival" ends in -al, so a word is only cut
    short by this, never lost).

    >>> [_en_adjective(w) for w in ("modern", "cultural", "new", "hall", "club")]
    [True, True, True, False, False]
    """
    w = word.lower()
    return w in _EN_ADJECTIVES or bool(_EN_ADJECTIVE_END.search(w))


def _shorten(text: str, words: int = 5) -> str:
    parts = str(text).split()
    short = " ".join(parts[:words]).rstrip(",;:.")
    return (short + "…") if len(parts) > words else short
