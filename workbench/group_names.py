"""A group's name as a facilitator would write it: a short phrase from the group's own words.

The key lemmas of a group (``workbench.clustering``) are found in its most central cards; the
shortest run of words that covers most of them, inside one clause of one card, becomes the name:
"Клуб для молодёжи", "Дорога до Ошевенска", "Repair the roads". In Russian the head noun and the
adjectives before it are put in the nominative ("дорогу до Ошевенска" -> "Дорога до Ошевенска")
by pymorphy3; the words come from the participants' text, so ``ё`` stays, and proper names keep
their capital letter. Never a comma list of lemmas. The facilitator can rename any group.
"""

from __future__ import annotations

import re

_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_CLAUSE_RE = re.compile(r"[,;:.!?()\[\]«»\"—–…\n]+")
_CYR_RE = re.compile(r"[а-яё]", re.IGNORECASE)
MAX_WORDS = 5
_NOUNISH = {"NOUN"}
_AGREEING = {"ADJF", "PRTF", "NUMR"}
_VERBAL = {"INFN", "VERB", "GRND", "PRTS", "ADVB", "PRED", "CONJ", "PRCL", "PREP", "INTJ"}


def _lemma(word: str) -> str:
    from workbench.clustering import lemmatize

    return lemmatize(word)


def _parse(word: str):
    from workbench.clustering import _morph

    return _morph().parse(word.lower())[0]


def _pos(word: str) -> str:
    return str(_parse(word).tag.POS or "") if _CYR_RE.search(word) else ""


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
            for b in range(a, min(len(words), a + MAX_WORDS)):
                if lemmas[b] not in keys:
                    continue
                found = len({lem for lem in lemmas[a:b + 1] if lem in keys})
                cand = (found, -(b - a), words[a:b + 1])
                if best is None or cand[:2] > best[:2]:
                    best = cand
    return (best[0], best[2]) if best else None


def _russian_phrase(words: list[str]) -> list[str]:
    """Drop leading verbs and function words, put the head noun (and the adjectives before it)
    in the nominative; the words after the head keep their case ("ремонт дорог")."""
    pos = [_pos(w) for w in words]
    start = 0
    while start < len(words) and (pos[start] in _VERBAL or pos[start] == ""):
        start += 1
    words, pos = words[start:], pos[start:]
    if not words:
        return []
    head = next((i for i, p in enumerate(pos) if p in _NOUNISH), None)
    if head is None:
        return []
    hp = _parse(words[head])
    number = "plur" if "plur" in hp.tag else "sing"
    out = list(words)
    nom = hp.inflect({"nomn", number}) or hp.inflect({"nomn"})
    if nom is not None:
        out[head] = _keep_case(words[head], nom.word)
    for i in range(head):
        if pos[i] in _AGREEING:
            p = _parse(words[i])
            grams = {"nomn", number}
            if number == "sing" and hp.tag.gender:
                grams.add(hp.tag.gender)
            form = p.inflect(grams)
            if form is not None:
                out[i] = _keep_case(words[i], form.word)
    return _restore_yo(out, words)


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


def _english_phrase(words: list[str]) -> list[str]:
    from workbench.clustering import EN_STOP

    while words and words[0].lower() in EN_STOP:
        words = words[1:]
    while words and words[-1].lower() in EN_STOP:
        words = words[:-1]
    return words


def _noun_lemma(keys: list[str], texts: list[str]) -> str | None:
    """The first key lemma that is a noun, in the nominative singular as a participant spelt
    it (with ё when a card has it)."""
    for key in keys:
        for text in texts:
            for w in _WORD_RE.findall(text):
                if _lemma(w) != key:
                    continue
                if not _CYR_RE.search(w):
                    return w
                p = _parse(w)
                if p.tag.POS == "NOUN":
                    return _keep_case(w, _restore_yo([p.normal_form], [w])[0])
    return None


def theme(texts: list[str], keys: list[str]) -> str:
    """A short name for a group: `texts` are its cards, most central first, `keys` its key
    lemmas (clustering's), most distinctive first.

    >>> theme(["Открыть клуб для молодёжи", "Молодёжный клуб"], ["клуб", "молодежь"])
    'Клуб для молодёжи'
    >>> theme(["Отремонтировать дорогу до Ошевенска", "Ямы на дороге"], ["дорога", "ошевенск"])
    'Дорога до Ошевенска'
    >>> theme(["We need to repair the roads", "Roads are bad"], ["road", "repair"])
    'Repair the roads'
    """
    keys = [k for k in keys if k]
    candidates = []
    for rank, text in enumerate(texts[:8]):
        found = _window(text, keys) if keys else None
        if found is None:
            continue
        count, words = found
        phrase = (_russian_phrase(words) if any(_CYR_RE.search(w) for w in words)
                  else _english_phrase(words))
        if phrase:
            candidates.append((-count, len(phrase), rank, phrase))
    if candidates:
        name = " ".join(min(candidates)[3])
    else:
        name = _noun_lemma(keys, texts) or _shorten(texts[0] if texts else "")
    return name[:1].upper() + name[1:]


def _shorten(text: str, words: int = 5) -> str:
    parts = str(text).split()
    short = " ".join(parts[:words]).rstrip(",;:.")
    return (short + "…") if len(parts) > words else short
