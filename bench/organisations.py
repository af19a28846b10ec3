"""Benchmark: merging organisations written differently in attendance lists of 1,000, 10,000 and
50,000 rows (`workbench.network.organisations.merge_organisations`, as the analysis page and
`workbench network` run it before anything is counted).

The rows are generated (seeded) with the spellings staff type, the ones the tests label
(tests/test_network_organisations.py): a legal form before the name with «ёлочки», "straight" or
„low“ quotes or none, after it in brackets or after a comma, the whole name in lower case, ё
written as е, doubled spaces, now and then a slip of one letter in a long name; and generic
names («Администрация», «Школа № 1», «ДК», «Дом культуры») in every territory, which are one
organisation only within a place. About one organisation per 25 rows, 20 territories; a person
is mostly from the organisation's own territory.

Run: .venv/bin/python bench/organisations.py [--rows 1000 10000 50000] [--repeat 3] [--seed N]
Prints a markdown table: the rows, the spellings, the organisations meant and the names found
for them, the organisations split under two names and the names given to two organisations (both
0 when every row is named right), the merges listed for staff, and the merge's time in seconds
(the median of --repeat runs).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PLACES = ["Каргополь", "Няндома", "Плесецк", "Емца", "Савинский", "Ошевенск", "Шалакуша", "Мошинское",
          "Ярнема", "Обозерский", "Самодед", "Североонежск", "Конево", "Лекшмозеро", "Печниково",
          "Приозерный", "Моша", "Ловзанга", "Кенозеро", "Ваймуша"]
FIRST = ["Родник", "Берег", "Заречье", "Поморье", "Надежда", "Исток", "Северянка", "Лесозаготовитель",
         "Рассвет", "Содружество", "Перспектива", "Онега", "Мечта", "Радуга", "Забота", "Открытие",
         "Традиция", "Северное сияние", "Лесные дали", "Истоки Поморья", "Добрые соседи", "Юность",
         "Рябинушка", "Берегиня", "Ремесло", "Наследие", "Горизонт", "Светлица", "Семья", "Ладья"]
KINDS = ["", "Совет ветеранов", "Молодёжный центр", "Клуб", "Фонд", "Центр развития", "Общество охотников",
         "Творческая мастерская", "Краеведческий кружок", "Спортивный клуб"]
FORMS = ["НКО", "АНО", "ТОС", "МБУ", "ООО", "РОО", "АНО ДО", "ИП"]
GENERIC = [("Администрация", ["Администрация", "администрация", "АДМИНИСТРАЦИЯ"]),
           ("Школа № 1", ["Школа № 1", "Школа №1", "школа 1", "МБОУ «Школа № 1»"]),
           ("ДК", ["ДК", "дк", "«ДК»"]),
           ("Дом культуры", ["Дом культуры", "дом культуры", "МБУК «Дом культуры»"])]


def slip(name: str, rng: random.Random) -> str:
    """Two letters side by side swapped, as a hurried hand types them; only in a long name."""
    letters = [i for i in range(len(name) - 1) if name[i].isalpha() and name[i + 1].isalpha()
               and name[i] != name[i + 1]]
    if sum(c.isalpha() for c in name) < 10 or not letters:
        return name
    i = rng.choice(letters[1:] or letters)
    return name[:i] + name[i + 1] + name[i] + name[i + 2:]


def spellings_of(name: str, form: str, rng: random.Random) -> list[tuple[str, float]]:
    """The ways staff write one organisation, each with how often (weights)."""
    low = form.lower()
    out = [(f"{form} «{name}»", 6), (f"{form} {name}", 3), (name, 3), (f'{form} "{name}"', 2),
           (f"{low} {name.lower()}", 1), (f"{name} ({form})", 1), (f"«{name}», {form}", 1),
           (f"{form} „{name}“", 0.5), (f"{form}  «{name}» ", 0.5)]
    if "ё" in name:
        out.append((f"{form} «{name.replace('ё', 'е')}»", 1))
    slipped = slip(name, rng)
    if slipped != name:
        out.append((f"{form} «{slipped}»", 0.3))
    return out


def generate(rows: int, seed: int = 0):
    """An attendance-like table (person, event, organisation, territory) of `rows` rows, and
    the organisation each row means (a generated name; a generic name with its place)."""
    import pandas as pd

    rng = random.Random(seed)
    names = [" ".join(p for p in (kind, first) if p) for kind in KINDS for first in FIRST]
    names += [f"{name} {place}" for name in names for place in PLACES]  # «Клуб Родник Емца»
    orgs = []
    for name in rng.sample(names, min(len(names), max(20, rows // 25))):
        variants = spellings_of(name, rng.choice(FORMS), rng)
        orgs.append((rng.choice(PLACES), [v for v, _ in variants], [w for _, w in variants]))
    data = {"person": [], "event": [], "organisation": [], "territory": []}
    meant = []
    for i in range(rows):
        if rng.random() < 0.15:  # a generic body of the person's own place
            place = rng.choice(PLACES)
            key, written = rng.choice(GENERIC)
            org = rng.choice(written)
            meant.append((key, place))
        else:
            n = rng.randrange(len(orgs))
            place, variants, weights = orgs[n]
            org = rng.choices(variants, weights)[0]
            meant.append(n)
            if rng.random() < 0.1:
                place = rng.choice(PLACES)  # a member living elsewhere
        data["person"].append(f"Участник {i // 3:05d}")
        data["event"].append(f"Встреча {rng.randrange(max(1, rows // 50)):04d}")
        data["organisation"].append(org)
        data["territory"].append(place)
    return pd.DataFrame(data), meant


def mistakes(meant: list, named: list) -> tuple[int, int]:
    """(organisations split under two names or more, names given to two organisations or more)."""
    names_of, orgs_of = {}, {}
    for m, n in zip(meant, named, strict=True):
        names_of.setdefault(m, set()).add(n)
        orgs_of.setdefault(n, set()).add(m)
    return sum(len(v) > 1 for v in names_of.values()), sum(len(v) > 1 for v in orgs_of.values())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, nargs="+", default=[1_000, 10_000, 50_000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)

    from workbench.network.organisations import merge_organisations

    print("| rows | spellings | organisations | found | split | joined | merges listed | merge s |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for rows in args.rows:
        table, meant = generate(rows, args.seed)
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            result = merge_organisations(table)
            times.append(time.perf_counter() - t0)
        named = result.table["organisation"].tolist()
        split, joined = mistakes(meant, named)
        print(f"| {rows:,} | {table['organisation'].nunique():,} | {len(set(meant)):,} | {len(set(named)):,} "
              f"| {split} | {joined} | {len(result.merges):,} | {statistics.median(times):.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
