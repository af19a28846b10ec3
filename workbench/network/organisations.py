"""One organisation written differently: НКО «Родник», Родник (НКО), АНО "Родник", нко родник.

`organisation_key` folds what does not tell two organisations apart: case, ё, quotes of every
kind, punctuation, spaces and a legal form written before the name, in brackets after it or
after a comma (НКО, АНО, МБУ, ООО, ТОС…; words such as «фонд», «клуб», «центр» are kept:
«Фонд Родник» may be another organisation than «Родник»). `merge_organisations` gives every row
of an attendance table its organisation's one name, the most frequent spelling, and says which
spellings it merged. A name that is only a legal form or generic words («Администрация»,
«Школа № 1», «ДК») is merged only within one territory: one village's administration is not
another's. A one-letter slip in a long name (8 letters or more) is merged only when the two
names have no other such neighbour. The staff's own list (`read_aliases`, `orgs.csv`: spelling,
organisation) wins over all of this.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import pandas as pd

from workbench.session.model import territory_key

from .model import WORD, is_first_name, names_a_person, organisation_groups

# Legal forms, folded as `fold` makes them; the longest is tried first, so «АНО ДО» goes whole.
LEGAL_FORMS = (
    "нко", "ано", "ано до", "ано дпо", "нп", "оо", "роо", "моо", "мро", "оод", "тос", "ооо", "оао",
    "зао", "пао", "ао", "ип", "кфх", "чу", "мбу", "мку", "мау", "мбоу", "мкоу", "маоу", "мбдоу",
    "мкдоу", "мадоу", "мбудо", "мбу до", "мку до", "мбук", "мкук", "мук", "гбу", "гку", "гау",
    "гбоу", "гбуз", "гауз", "фгбу", "фгбоу",
    "некоммерческая организация", "автономная некоммерческая организация",
    "общественная организация", "региональная общественная организация",
    "местная общественная организация", "территориальное общественное самоуправление",
    "общество с ограниченной ответственностью", "индивидуальный предприниматель",
    "муниципальное бюджетное учреждение", "муниципальное казенное учреждение",
    "муниципальное автономное учреждение",
    "муниципальное бюджетное общеобразовательное учреждение",
)
_FORMS = sorted((tuple(f.split()) for f in LEGAL_FORMS), key=len, reverse=True)
_FORMS_BY_FIRST: dict[str, list[tuple[str, ...]]] = defaultdict(list)  # only forms that can match are tried
for _form in _FORMS:
    _FORMS_BY_FIRST[_form[0]].append(_form)
_FORM_SET = set(LEGAL_FORMS)

# Words that name a kind of body, not one body: a name made only of these (and numbers) is an
# administration, a school, a house of culture of some place, merged only within its territory.
GENERIC_WORDS = frozenset("""
администрация администрации глава сельсовет поселения поселение округа района муниципального
образования городского сельского городская городской сельская сельский районная районный
центральная центральный управление отдел комитет совет правление школа сош оош нош средняя
основная начальная общеобразовательная гимназия лицей колледж техникум детский детская сад ясли
дк сдк рдк цдк кдц мфц кцсон дши дюсш ддт цдт дом культуры культурно досуговый центр клуб
библиотека музей краеведческий больница црб фап поликлиника амбулатория почта отделение
молодежный молодежи искусств творчества спортивная ветеранов женсовет фонд храм приход церковь
магазин
""".split())

# Words that say a name is an organisation's, whatever names follow («Музей Ломоносова», «Ферма
# Кузнецова»): the generic words and a few more kinds of bodies and businesses.
ORGANISATION_WORDS = GENERIC_WORDS | frozenset("""
кафе пекарня ферма хозяйство компания предприятие фабрика завод магазин артель кооператив
ансамбль хор театр студия мастерская общество союз ассоциация движение объединение
редакция газета издательство университет институт академия лагерь база турбаза гостиница
партнеры партнер сыновья братья компаньоны
""".split())
# Words no person's name has, between the words of a body's name: «Иванов и партнёры», «Центр для всех»
RUSSIAN_LINKS = frozenset({"и", "для", "при", "по"})
# The same in Latin script («Green Valley LLC», "City Council"): legal forms and kinds of bodies.
# Words that are common surnames too (Hall, Park, House, Hill, West…) are left out: "Emily Hall" is
# a person; an organisation misread as a person is only kept as written, not merged with its spellings.
LATIN_ORGANISATION_WORDS = frozenset("""
llc ltd inc corp corporation co company plc gmbh ag srl bv nv ngo npo jsc llp lp
foundation fund trust association society club council committee commission ministry department
dept office agency authority administration government city town village county district region
regional municipality municipal state national federal international global community
school college university institute academy centre center museum library gallery theatre theater
church parish mosque temple hospital clinic bank group partners partnership network union league
alliance federation cooperative coop initiative project programme program studio cafe café
restaurant bakery hotel farm farms shop store market lab labs laboratory services solutions
systems technologies consulting media press news radio tv magazine journal enterprises holdings
industries industry team organization organisation service board bureau chamber forum movement
platform fellowship garden gardens valley river forest mountain youth children kids women
veterans volunteers sports arts culture heritage care health education development research
science energy food housing support aid relief rescue charity
crescent doctors nurses friends sisters brothers sons hands hearts neighbours neighbors vision
""".split())
# Words that begin a body's name, never a person's ("Red Cross", "United Way", "World Vision",
# "Golden Gate"): colours, places and qualities. Words that are first names too (Grace, Hope, Young,
# Gray) and common surnames are left out: "Mary White" and "Neil Young" stay people.
LATIN_ORGANISATION_FIRST = frozenset("""
red blue green golden silver united british american russian european asian african world helping
little open free new big great royal northern southern eastern western happy bright
""".split())
# Words between Latin names that make them an organisation's name ("Ministry of Culture")
LATIN_LINKS = frozenset({"of", "and", "for", "the", "&", "at", "in", "on", "without", "with", "by", "from",
                         "to", "against", "under"})
# Particles inside a person's Latin name ("Charles de Gaulle", "Vincent van Gogh")
LATIN_PARTICLES = frozenset({"de", "van", "von", "der", "den", "da", "di", "du", "del", "la", "le", "bin", "ibn"})
# Surnames of Korean and Chinese names written in Cyrillic, beside short given names: «Ли Мин»,
# «Пак Со Ён», «Ким Ен Су» (each word capitalised: abbreviations such as ДК, МФЦ are all capitals)
EAST_ASIAN_SURNAMES = frozenset("""
ким ли пак цой чой хан тен тян югай хегай ан нам шин кан ю хо ни пя ем мин со чо чон чен ван чжан
лю ян лим хван пэ сон юн ко
""".split())

# Signs of an organisation's name: quotes, №, figures, «им.»/«имени» («Школа им. Пушкина»).
_ORGANISATION_SIGNS = re.compile(r"[«»\"„“”№\d]|(?<!\w)(?:им\.|имени(?!\w))", re.IGNORECASE)


_SURNAME_ENDING = re.compile(r"(?:[оеё]в|[оеё]ва|[иы]н|[иы]на|[сц]кий|[сц]кая|их|ых)$")


def names_someone(text) -> bool:
    """Is an edge list's end a person («Петров А.А.», «Анна Петрова», «Иванов Иван», «Иван») rather
    than an organisation? An organisation has a legal form first («ИП Петров А.А.», «ООО Ромашка»),
    quotes, «№» or figures, «им.», or a word of a kind of body («Администрация», «Музей
    Ломоносова», «Дом культуры»; "LLC", "Council", "Ministry of…": `LATIN_ORGANISATION_WORDS`,
    `LATIN_LINKS`); a person has a name (`names_a_person`), is one first name, a Korean or Chinese
    name in Cyrillic («Пак Со Ён», `_east_asian_name`) or two or three capitalised Latin words
    ("John Smith", `_latin_name`). People's names are kept as written; organisations' spellings are
    merged (`merge_tie_ends`).

    >>> [names_someone(t) for t in ("Петров А.А.", "Анна Петрова", "Иванов Иван", "Иван", "Лапин Пётр", "Лапина Вера", "ПЕТРОВ ИВАН")]
    [True, True, True, True, True, True, True]
    >>> [names_someone(t) for t in ("ИП Петров А.А.", "ООО «Ромашка»", "МБОУ СОШ №1", "Школа им. Пушкина",
    ...  "Музей Ломоносова", "Администрация Каргопольского района", "ТОС «Лядины»", "Дом культуры", "Заря")]
    [False, False, False, False, False, False, False, False, False]
    >>> [names_someone(t) for t in ("Evelyn Jefferson", "Smith J.", "Пак Со Ён", "Green Valley LLC", "City Council", "ДК")]
    [True, True, True, False, False, False]
    >>> [names_someone(t) for t in ("Red Cross", "Красный Крест", "Acme Ltd.", "Müller GmbH", "Петров ООО", "Иванов и партнёры")]
    [False, False, False, False, False, False]
    >>> [names_someone(t) for t in ("Amanda Cross", "Neil Young", "Андрей Белый", "Белых Олег")]
    [True, True, True, True]
    """
    text = str(text or "").strip()
    words = fold(text).split()
    if not words or _ORGANISATION_SIGNS.search(text):
        return False
    if any(tuple(words[:len(form)]) == form for form in _FORMS_BY_FIRST.get(words[0], ())):
        return False
    if any(w in ORGANISATION_WORDS or w in LATIN_ORGANISATION_WORDS or w in LATIN_LINKS or w in RUSSIAN_LINKS
           for w in words) or (words[0] in LATIN_ORGANISATION_FIRST and len(words) > 1):
        return False
    # a legal form after the name, in capitals: «Петров ООО», «Смирнова ИП», "Smith LTD"
    if any(fold(w) in _FORM_SET and w.isupper() and len(w) > 1 for w in text.replace(",", " ").split()[1:]):
        return False
    if _east_asian_name(text):
        return True
    if text.isupper() or text.islower():  # «ПЕТРОВ ИВАН», «петрова анна»: read as names are written
        text = text.title()
    parts = text.split()
    if names_a_person(text):
        return True
    if _latin_name(text):
        return True
    if len(parts) > 3 or not all(WORD.fullmatch(w) for w in parts):
        return False
    # «Орехова Светлана», «Лапин Пётр»: a surname pymorphy3 reads first as a word, beside a first
    # name; «Лапина Вера»: a surname's ending beside a word that may be a first name
    return any(is_first_name(w) for w in parts) or (
        len(parts) > 1 and any(_SURNAME_ENDING.search(w) for w in parts)
        and any(is_first_name(w, likeliest=False) for w in parts))


_LATIN_INITIAL = re.compile(r"[A-Z]\.")
_EAST_ASIAN_PART = re.compile(r"[А-ЯЁ][а-яё]{0,3}")


def _latin_word(word: str) -> bool:
    """A capitalised word in Latin script, not an abbreviation: "Smith", "O'Brien", "Mary-Ann", "García"."""
    core = word.replace("-", "").replace("'", "").replace("’", "")
    return (len(core) > 1 and core.isalpha() and all(c < "\u0250" for c in core) and word[0].isupper()
            and not core.isupper())


def _latin_name(text: str) -> bool:
    """Is a text (with no word of an organisation, `LATIN_ORGANISATION_WORDS`) a person's name in
    Latin script: two or three capitalised words, initials and particles between them ("John
    Smith", "Evelyn Jefferson", "Smith, John", "John F. Kennedy", "Charles de Gaulle")? One word
    ("Greenpeace"), abbreviations ("WWF Russia") and linking words ("Friends of the Earth") are not.

    >>> [_latin_name(t) for t in ("John Smith", "Smith, John", "John F. Kennedy", "Charles de Gaulle")]
    [True, True, True, True]
    >>> [_latin_name(t) for t in ("Greenpeace", "WWF Russia", "Friends of the Earth", "Анна Петрова")]
    [False, False, False, False]
    """
    parts = text.replace(",", " ").split()
    names = [w for w in parts if _latin_word(w)]
    rest = [w for w in parts if not _latin_word(w)]
    return (2 <= len(names) <= 3 and len(parts) <= 4 and _latin_word(parts[0])
            and all(_LATIN_INITIAL.fullmatch(w) or w in LATIN_PARTICLES for w in rest))


def _east_asian_name(text: str) -> bool:
    """«Ли Мин», «Пак Со Ён», «Ким Ен Су»: two or three short capitalised Cyrillic words, one of them a
    Korean or Chinese surname (`EAST_ASIAN_SURNAMES`). Abbreviations (ДК, ТОС, МФЦ, СОШ) are
    written in capitals and are no such words.

    >>> [_east_asian_name(t) for t in ("Ли Мин", "Пак Со Ён", "Ким Ен Су", "ДК Ли", "МФЦ", "Юг Руси", "ЛИ МИН")]
    [True, True, True, False, False, False, False]
    """
    parts = text.split()
    return (2 <= len(parts) <= 3 and all(_EAST_ASIAN_PART.fullmatch(w) for w in parts)
            and any(fold(w) in EAST_ASIAN_SURNAMES for w in parts))


MIN_SLIP_LETTERS = 8  # a one-letter difference merges only names at least this long

_NOT_WORD = re.compile(r"[^\w]|_")


def fold(text) -> str:
    """Lower case, ё as е, every sign (quotes «» "" „“ '', brackets, №, dashes) as a space.

    >>> fold(' НКО «Родник»  '), fold('АНО "Родник-Плюс"'), fold("Школа №1")
    ('нко родник', 'ано родник плюс', 'школа 1')
    """
    return " ".join(_NOT_WORD.sub(" ", str(text or "").casefold().replace("ё", "е")).split())


# A legal form at the end, in brackets or after a comma: «Родник (НКО)», «Родник», АНО.
_TRAILING = re.compile(r"(?:\(([^()]*)\)|,([^(),]*))\s*$")


def organisation_key(name) -> str:
    """What makes two spellings one organisation; '' when nothing is left but a legal form.

    >>> spellings = ["НКО «Родник»", "НКО Родник", "Родник", 'АНО "Родник"', "нко родник",
    ...              "Родник (НКО)", "«Родник», АНО", "АНО ДО „Родник“", "'Родник'"]
    >>> {organisation_key(s) for s in spellings}
    {'родник'}
    >>> organisation_key("Фонд Родник"), organisation_key("ТОС «Заречье» (Няндома)")
    ('фонд родник', 'заречье няндома')
    >>> organisation_key("Региональный центр поддержки НКО"), organisation_key("НКО")
    ('региональный центр поддержки нко', '')
    """
    text = str(name or "")
    m = _TRAILING.search(text)
    if m and fold(m.group(1) or m.group(2)) in _FORM_SET:
        text = text[:m.start()]
    words = fold(text).split()
    stripped = True
    while stripped and words:
        stripped = False
        for form in _FORMS_BY_FIRST.get(words[0], ()):
            if tuple(words[:len(form)]) == form:
                words = words[len(form):]
                stripped = True
                break
    return " ".join(words)


def is_generic(key: str) -> bool:
    """Is a key only generic words and numbers (or nothing)? Such names are merged only within
    one territory.

    >>> is_generic("администрация"), is_generic("средняя школа 1"), is_generic("дом культуры")
    (True, True, True)
    >>> is_generic("администрация каргопольского округа"), is_generic("родник")
    (False, False)
    """
    return all(w.isdigit() or w in GENERIC_WORDS for w in key.split())


def one_slip(a: str, b: str) -> bool:
    """Do two keys differ by one letter (one changed, missing, extra, or two swapped side by side),
    both long enough (`MIN_SLIP_LETTERS` letters) and with the same numbers?

    >>> one_slip("родничок плесецк", "родничек плесецк"), one_slip("фонд поморье", "фонд помроье")
    (True, True)
    >>> one_slip("школа 1 няндома", "школа 2 няндома"), one_slip("родник", "родни")
    (False, False)
    """
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if min(sum(c.isalpha() for c in a), sum(c.isalpha() for c in b)) < MIN_SLIP_LETTERS:
        return False
    if re.findall(r"\d+", a) != re.findall(r"\d+", b):
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        if a[i + 1:] == b[i + 1:]:
            return True
        return i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:]
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[i + 1:] == shorter[i:]


def _slip_pairs(keys) -> list[tuple[str, str]]:
    """Pairs of keys one slip apart, each key with exactly one such neighbour (the only candidate)."""
    by_variant: dict[str, set[str]] = defaultdict(set)
    for k in keys:
        by_variant[k].add(k)
        for i in range(len(k)):
            by_variant[k[:i] + k[i + 1:]].add(k)
    neighbours: dict[str, set[str]] = defaultdict(set)
    for group in by_variant.values():
        for a in group:
            for b in group:
                if a < b and one_slip(a, b):
                    neighbours[a].add(b)
                    neighbours[b].add(a)
    return sorted((a, next(iter(ns))) for a, ns in neighbours.items()
                  if len(ns) == 1 and a < next(iter(ns)) and len(neighbours[next(iter(ns))]) == 1)


def _spelling_key(text) -> str:
    """How a spelling in the staff's list is matched: case, ё and spaces aside."""
    return " ".join(str(text or "").casefold().replace("ё", "е").split())


def preferred_spelling(counts: Counter) -> str:
    """The most frequent spelling; of equally frequent ones, one with quotes (Russian «ёлочки»
    first), then the longest.

    >>> preferred_spelling(Counter({"Родник": 2, "НКО Родник": 2, 'АНО "Родник"': 2, "НКО «Родник»": 2}))
    'НКО «Родник»'
    """
    return min(counts, key=lambda s: (-counts[s], "«" not in s, not re.search("[«»\"„“”'‘’]", s), -len(s), s))


REASON_KEY = "key"      # the same name apart from case, quotes, signs and the legal form
REASON_SLIP = "slip"    # and a one-letter slip in a long name
REASON_ALIAS = "alias"  # the staff's list (orgs.csv)
MERGE_COLUMNS = ["organisation", "spellings", "rows", "reason"]
SPELLING_COLUMNS = ["spelling", "organisation"]


@dataclass
class OrganisationNames:
    """The result of `merge_organisations`: the table with one name per organisation, the names
    given to each (spelling, territory key) and the merges staff should see."""

    table: pd.DataFrame
    names: dict[tuple[str, str], str]
    merges: pd.DataFrame  # MERGE_COLUMNS, one row per organisation written more than one way
    by_key: dict[str, str] = field(default_factory=dict)  # non-generic key -> name
    # SPELLING_COLUMNS: every spelling of those organisations and the name it was given
    spellings: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=SPELLING_COLUMNS))
    # (name, rows): generic names («Администрация») of rows with no territory, one organisation
    # made of several rows that may be several places' bodies; staff are told (`workbench network`)
    unplaced: list[tuple[str, int]] = field(default_factory=list)

    def name_of(self, spelling: str, territory: str = "") -> str:
        """The name given to a spelling (one of another list, such as partnerships.csv, by its
        key), or the spelling itself."""
        name = self.names.get((spelling, territory_key(territory)))
        if name is None:
            name = self.by_key.get(organisation_key(spelling), spelling)
        return name


def merge_organisations(table: pd.DataFrame, aliases: dict[str, str] | None = None,
                        merge: bool = True) -> OrganisationNames:
    """Give every row's `organisation` its organisation's one name, and every group of a
    two-mode list that is an organisation (`organisation_groups`) the same name: a person of
    «АНО "Берег"» and one of «Берег» are members of one organisation whichever column says it.

    `aliases` ({spelling: organisation}, see `read_aliases`) win: a listed spelling belongs to the
    organisation given, and unlisted spellings of the same key join it when one organisation of
    the list has that key (two organisations of one key in the list keep the unlisted spelling
    apart); a spelling listed with no organisation ('') stays as written, on its own. With
    `merge=False` only the aliases apply; other spellings stay as written.

    >>> t = pd.DataFrame({"organisation": ["НКО «Родник»", "Родник", "Родник (НКО)", "Фонд Родник",
    ...                                    "Администрация", "администрация", ""],
    ...                   "territory": ["Плесецк"] * 4 + ["Плесецк", "Няндома", ""]})
    >>> r = merge_organisations(t)
    >>> r.table["organisation"].tolist()
    ['НКО «Родник»', 'НКО «Родник»', 'НКО «Родник»', 'Фонд Родник', 'Администрация (Плесецк)', 'администрация (Няндома)', '']
    >>> r.merges.values.tolist()
    [['НКО «Родник»', '«НКО «Родник»» (1), «Родник» (1), «Родник (НКО)» (1)', 3, 'key']]
    >>> merge_organisations(t, merge=False).table["organisation"].tolist()[:6]
    ['НКО «Родник»', 'Родник', 'Родник (НКО)', 'Фонд Родник', 'Администрация (Плесецк)', 'администрация (Няндома)']
    >>> merge_organisations(t.assign(organisation=["Администрация"] * 7), merge=False).table["organisation"].tolist()[3:]
    ['Администрация (Плесецк)', 'Администрация (Плесецк)', 'Администрация (Няндома)', 'Администрация']
    >>> members = pd.DataFrame({"person": ["Анна", "Олег"], "group": ['АНО "Берег"', "Берег"],
    ...                         "kind": ["организация", "organisation"]})
    >>> merge_organisations(members).table["group"].tolist()
    ['АНО "Берег"', 'АНО "Берег"']

    Without a territory a generic name's rows are one organisation, listed in `unplaced`:

    >>> merge_organisations(pd.DataFrame({"organisation": ["Администрация", "администрация", "Школа"]})).unplaced
    [('Администрация', 2)]
    >>> merge_organisations(pd.DataFrame({"organisation": ["Школа", "Школа", "школа"]}), merge=False).unplaced
    [('Школа', 2)]
    """
    aliases = {_spelling_key(k): str(v or "").strip() for k, v in (aliases or {}).items() if _spelling_key(k)}
    n_rows = len(table)
    orgs = table["organisation"].fillna("").astype(str).tolist() if "organisation" in table.columns \
        else [""] * n_rows
    terr = table["territory"].fillna("").astype(str).tolist() if "territory" in table.columns \
        else [""] * n_rows
    # a two-mode list's organisations (person, group of kind «организация»): the same names, once
    group_col, org_rows = organisation_groups(table)
    if org_rows:
        groups = table[group_col].fillna("").astype(str).tolist()
        orgs = orgs + [groups[i] for i in org_rows]
        terr = terr + [terr[i] for i in org_rows]
    tkeys = {t: territory_key(t) for t in set(terr)}  # once per place: a list has 50,000 rows
    seen: Counter = Counter((o, tkeys[t]) for o, t in zip(orgs, terr, strict=True) if o)
    shown_territory: dict[str, Counter] = defaultdict(Counter)
    for t in terr:
        if t:
            shown_territory[tkeys[t]][t] += 1

    # A group per organisation: ("alias", target) for listed spellings, else the key (with the
    # territory for generic names, the spelling itself when merging is off).
    group_of: dict[tuple[str, str], tuple] = {}
    alias_targets: dict[str, set[str]] = defaultdict(set)  # key -> listed organisations
    for target in set(aliases.values()):
        if target:
            alias_targets[organisation_key(target) or fold(target)].add(_spelling_key(target))
    reasons: dict[tuple, set[str]] = defaultdict(set)
    keys = {sp: organisation_key(sp) for sp in {sp for sp, _ in seen}}  # once per spelling
    generic = {sp: not k or is_generic(k) for sp, k in keys.items()}
    for spelling, tk in seen:
        target = aliases.get(_spelling_key(spelling))
        if target:
            group_of[(spelling, tk)] = ("alias", _spelling_key(target))
            continue
        if target is not None or not merge:  # listed with no organisation: kept apart, as written
            # a generic name still one body per territory: two villages' «Администрация» stay two
            group_of[(spelling, tk)] = ("as written", spelling, tk) if generic[spelling] else ("as written", spelling)
            continue
        key = keys[spelling]
        listed = alias_targets.get(key or fold(spelling), set())
        if not generic[spelling] and len(listed) == 1:
            group_of[(spelling, tk)] = ("alias", next(iter(listed)))
        elif generic[spelling]:
            group_of[(spelling, tk)] = ("local", key or fold(spelling), tk)
        else:
            group_of[(spelling, tk)] = ("key", key)
    if merge:
        # each key is in at most one pair (the only candidate), so one renaming pass is enough
        renamed = {("key", b): ("key", a) for a, b in _slip_pairs({g[1] for g in group_of.values() if g[0] == "key"})}
        for g in renamed.values():
            reasons[g].add(REASON_SLIP)
        group_of = {sp: renamed.get(g, g) for sp, g in group_of.items()}

    members: dict[tuple, Counter] = defaultdict(Counter)
    for sp, g in group_of.items():
        members[g][sp[0]] += seen[sp]
    targets_written = {_spelling_key(v): v for v in aliases.values() if v}
    label: dict[tuple, str] = {}
    for g, counts in members.items():
        label[g] = targets_written[g[1]] if g[0] == "alias" else preferred_spelling(counts)
    # Two organisations that would show the same name (one village's «Администрация» and
    # another's) get their territory after it, then a number.
    by_label: dict[str, list[tuple]] = defaultdict(list)
    for g in sorted(label, key=str):
        by_label[fold(label[g])].append(g)
    for same in by_label.values():
        if len(same) < 2:
            continue
        for g in same:
            tk = g[2] if g[0] in ("local", "as written") and len(g) > 2 else ""
            seen_places = shown_territory[tk] if tk else Counter()
            # the place as `count_territories` names it: the most common spelling, then the shortest
            place = min(seen_places, key=lambda p: (-seen_places[p], len(p), p)) if seen_places else ""
            if place and place.casefold() not in label[g].casefold():
                label[g] = f"{label[g]} ({place})"
    used: Counter = Counter()
    for g in sorted(label, key=lambda g: (label[g], str(g))):
        used[label[g]] += 1
        if used[label[g]] > 1:
            label[g] = f"{label[g]} ({used[label[g]]})"

    names = {sp: label[g] for sp, g in group_of.items()}
    rows, spelled = [], {}
    for g, counts in members.items():
        if len(counts) < 2 and not (g[0] == "alias" and next(iter(counts)) != label[g]):
            continue
        if g[0] != "local":  # a generic name's spellings: the list has no territory to tell them
            for sp in sorted(counts):
                spelled.setdefault(sp, label[g])
        why = REASON_ALIAS if g[0] == "alias" else (REASON_SLIP if reasons[g] else REASON_KEY)
        spellings = ", ".join(f"«{s}» ({n})" for s, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        rows.append({"organisation": label[g], "spellings": spellings, "rows": sum(counts.values()),
                     "reason": why})
    merges = pd.DataFrame(rows, columns=MERGE_COLUMNS)
    if len(merges):
        merges = merges.sort_values(["rows", "organisation"], ascending=[False, True],
                                    kind="stable").reset_index(drop=True)
    out = table.copy()
    named = [names[(o, tkeys[t])] if o else o for o, t in zip(orgs, terr, strict=True)]
    if "organisation" in out.columns:
        out["organisation"] = named[:n_rows]
    if org_rows:
        column = out[group_col].astype(object).tolist()
        for i, name in zip(org_rows, named[n_rows:], strict=True):
            column[i] = name
        out[group_col] = column
    # another list's spelling (partnerships.csv) is found by its key; generic names have no place there
    by_key = {keys[sp]: label[g] for (sp, _), g in group_of.items() if g[0] in ("key", "alias") and keys[sp]}
    spellings = pd.DataFrame(sorted(spelled.items(), key=lambda kv: (kv[1], kv[0])), columns=SPELLING_COLUMNS)
    # with merging off («as written») too: the same generic name written in several rows is one node
    placeless = Counter(names[(o, "")] for o, t in zip(orgs, terr, strict=True)
                        if o and not tkeys[t] and generic[o] and group_of[(o, "")][0] in ("local", "as written"))
    unplaced = sorted(((n, c) for n, c in placeless.items() if c > 1), key=lambda nc: (-nc[1], nc[0]))
    return OrganisationNames(table=out, names=names, merges=merges, by_key=by_key, spellings=spellings,
                             unplaced=unplaced)


def merges_to_share(merges: pd.DataFrame, pseudonymise: bool = False) -> pd.DataFrame:
    """The organisations written more than one way (`merge_organisations`' `merges`) as the
    exports hold them (`organisations_merged.csv` of `workbench network` and of the analysis
    page); with `pseudonymise`, none named after a person, in its name or a spelling (their
    names are codes in every other file).

    >>> m = pd.DataFrame([["ИП Смирнов О.В.", "«ИП Смирнов О.В.» (2), «Смирнов ИП» (1)", 3, "key"],
    ...                   ["НКО «Родник»", "«НКО «Родник»» (2), «Родник» (1)", 3, "key"]], columns=MERGE_COLUMNS)
    >>> merges_to_share(m, pseudonymise=True)["organisation"].tolist()
    ['НКО «Родник»']
    """
    if pseudonymise and len(merges):
        personal = [names_a_person(o) or names_a_person(s)
                    for o, s in zip(merges["organisation"], merges["spellings"], strict=True)]
        merges = merges[[not p for p in personal]].reset_index(drop=True)
    return merges


ALIAS_HEADINGS = {"spelling": "spelling", "написание": "spelling", "как_написано": "spelling",
                  "organisation": "organisation", "organization": "organisation",
                  "организация": "organisation"}


def _alias_columns(df: pd.DataFrame) -> dict[str, str]:
    from .tables import clean_cell

    names = {c: ALIAS_HEADINGS.get("_".join(clean_cell(c).lower().replace("ё", "е").split()), "")
             for c in df.columns}
    return {v: c for c, v in names.items() if v}


def is_alias_list(df: pd.DataFrame) -> bool:
    """Is a table the staff's list of spellings (spelling and organisation, and no person)?

    >>> is_alias_list(pd.DataFrame(columns=["Написание", "Организация"]))
    True
    >>> is_alias_list(pd.DataFrame(columns=["ФИО", "Мероприятие", "Организация"]))
    False
    """
    return set(_alias_columns(df)) == {"spelling", "organisation"}


def read_aliases(path) -> dict[str, str]:
    """The staff's list of spellings (`orgs.csv`: columns spelling/написание and
    organisation/организация; CSV in any delimiter and encoding, or XLSX). A spelling with the
    organisation left empty ('') stays as written, on its own.

    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "orgs.csv")
    >>> _ = open(p, "w", encoding="utf-8").write("Написание;Организация\\nРодничок;НКО «Родник»\\nАНО Родник;\\n")
    >>> read_aliases(p)
    {'Родничок': 'НКО «Родник»', 'АНО Родник': ''}
    """
    from pathlib import Path

    from .tables import NetworkInputError, read_table

    try:
        df = read_table(path)
    except NetworkInputError as exc:
        if exc.key == "table_no_rows":  # the headings alone: an empty list
            return {}
        raise
    return aliases_from(df, Path(path).name)


def aliases_from(df: pd.DataFrame, where: str) -> dict[str, str]:
    """{spelling: organisation} of a table with the list's two columns; `where` names it in the
    error about other columns."""
    from .tables import NetworkInputError, clean_cell, quoted_list

    cols = _alias_columns(df)
    if set(cols) != {"spelling", "organisation"}:
        raise NetworkInputError("net_orgs_columns", where=where, found=quoted_list(df.columns))
    out = {}
    for spelling, org in zip(df[cols["spelling"]], df[cols["organisation"]], strict=True):
        spelling, org = clean_cell(spelling), clean_cell(org)
        if spelling:
            out[spelling] = org
    return out


def alias_table(aliases: dict[str, str], spellings: pd.DataFrame, lang: str = "ru") -> pd.DataFrame:
    """The list for staff to edit: their list's rows, then every merged spelling not in it with
    the name it was given; headed «Написание», «Организация» (spelling, organisation in English).

    >>> alias_table({"Родничок": "НКО «Родник»"}, pd.DataFrame({"spelling": ["Родник", "Родничок"],
    ...             "organisation": ["НКО «Родник»"] * 2})).values.tolist()
    [['Родничок', 'НКО «Родник»'], ['Родник', 'НКО «Родник»']]
    """
    rows = dict(aliases)
    listed = {_spelling_key(k) for k in rows}
    for sp, org in zip(spellings["spelling"], spellings["organisation"], strict=True):
        if _spelling_key(sp) not in listed:
            rows[sp] = org
    heads = ["Написание", "Организация"] if lang == "ru" else SPELLING_COLUMNS
    return pd.DataFrame(list(rows.items()), columns=heads)
