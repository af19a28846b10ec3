"""A year of a programme for staff: the demo attendance lists and partnerships, seeded.

Three strategic sessions (Kargopol, Nyandoma, Plesetsk districts), three educational modules and
twelve online meetings in 2024; about two hundred people with territory, organisation and sector.
Most people stay in their district; a few cross district lines (regional staff, travelling
activists, module teams), so there are brokers to find. Some lists spell a name differently
(initials, a typo, the other word order) so that person matching has something to do.

Every name is invented for this project from lists of common Russian first names and surnames;
any likeness to a real person is chance. `write_demo` writes the files committed in
`sessions_data/demo/`; the generator is the source of truth, a test keeps the two equal.

>>> files = programme()
>>> sorted(files)
['attendance.csv', 'partnerships.csv']
>>> files["attendance.csv"]["event"].nunique()
18
"""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd

from workbench import resources
from workbench.tableio import write_csv

SEED = 42
# The committed copy (the repository's data folder); `demo_dir` falls back to generating it.
DEMO_DIR = resources.path("demo")

DISTRICTS = {
    "Каргопольский округ": "Каргополь",
    "Няндомский округ": "Няндома",
    "Плесецкий округ": "Плесецк",
}
REGION = "Архангельск"

MALE = ["Александр", "Алексей", "Андрей", "Антон", "Артём", "Борис", "Вадим", "Валерий",
        "Василий", "Виктор", "Владимир", "Геннадий", "Григорий", "Денис", "Дмитрий", "Евгений",
        "Егор", "Иван", "Игорь", "Илья", "Кирилл", "Константин", "Леонид", "Максим", "Михаил",
        "Никита", "Николай", "Олег", "Павел", "Пётр", "Роман", "Семён", "Сергей", "Степан",
        "Юрий", "Ярослав"]
FEMALE = ["Алёна", "Алла", "Анастасия", "Анна", "Валентина", "Вера", "Галина", "Дарья",
          "Евгения", "Екатерина", "Елена", "Жанна", "Зинаида", "Ирина", "Кристина", "Лариса",
          "Любовь", "Людмила", "Марина", "Мария", "Надежда", "Наталья", "Нина", "Оксана", "Ольга",
          "Полина", "Светлана", "Софья", "Тамара", "Татьяна", "Ульяна", "Юлия"]
# Surnames with their feminine form.
SURNAMES = [("Абрамов", "Абрамова"), ("Белов", "Белова"), ("Быков", "Быкова"),
            ("Воронин", "Воронина"), ("Гаврилов", "Гаврилова"), ("Горбунов", "Горбунова"),
            ("Дьячков", "Дьячкова"), ("Ершов", "Ершова"), ("Жуков", "Жукова"),
            ("Зайцев", "Зайцева"), ("Ильин", "Ильина"), ("Калинин", "Калинина"),
            ("Клюев", "Клюева"), ("Коновалов", "Коновалова"), ("Крылов", "Крылова"),
            ("Лапин", "Лапина"), ("Лукин", "Лукина"), ("Макаров", "Макарова"),
            ("Мартынов", "Мартынова"), ("Медведев", "Медведева"), ("Мельников", "Мельникова"),
            ("Никитин", "Никитина"), ("Носков", "Носкова"), ("Орехов", "Орехова"),
            ("Панов", "Панова"), ("Поляков", "Полякова"), ("Прохоров", "Прохорова"),
            ("Рожков", "Рожкова"), ("Рябов", "Рябова"), ("Савин", "Савина"),
            ("Сидоров", "Сидорова"), ("Соловьёв", "Соловьёва"), ("Субботин", "Субботина"),
            ("Тарасов", "Тарасова"), ("Титов", "Титова"), ("Третьяков", "Третьякова"),
            ("Уваров", "Уварова"), ("Филиппов", "Филиппова"), ("Фомин", "Фомина"),
            ("Харитонов", "Харитонова"), ("Чернов", "Чернова"), ("Шаров", "Шарова"),
            ("Широков", "Широкова"), ("Щукин", "Щукина"), ("Юдин", "Юдина"),
            ("Яковлев", "Яковлева")]

# Organisations of a district (the town's name is put in), with their sector (store codes).
ORG_TEMPLATES = [
    ("Администрация округа ({town})", "authority"),
    ("Центральная библиотека ({town})", "authority"),
    ("Средняя школа № 1 ({town})", "authority"),
    ("Дом культуры ({town})", "authority"),
    ("Молодёжный центр ({town})", "ngo"),
    ("АНО «Развитие территории» ({town})", "ngo"),
    ("Совет ветеранов ({town})", "ngo"),
    ("ТОС «Заречье» ({town})", "tos"),
    ("ТОС «Лесной» ({town})", "tos"),
    ("ТОС «Центральный» ({town})", "tos"),
    ("Гостевой дом «Северная изба» ({town})", "business"),
    ("Пекарня «Каравай» ({town})", "business"),
    ("Лесозаготовительная компания ({town})", "business"),
]
REGIONAL_ORGS = [("Региональный центр поддержки НКО", "ngo"),
                 ("Министерство развития территорий", "authority"),
                 ("Фонд местных сообществ «Поморье»", "ngo")]

PROJECTS = ["Маршрут «Деревянное зодчество»", "Школа ремёсел", "Ярмарка местных продуктов",
            "Молодёжное пространство"]


def _events() -> list[dict]:
    """The programme's 18 events in date order."""
    out = []
    sessions = [("2024-02-17", "Каргопольский округ"), ("2024-03-16", "Няндомский округ"),
                ("2024-04-20", "Плесецкий округ")]
    for date, district in sessions:
        out.append({"event": f"Стратегическая сессия: {DISTRICTS[district]}", "date": date,
                    "kind": "strategic_session", "event_territory": district, "project": ""})
    modules = [("2024-05-24", "Модуль 1: проектирование"), ("2024-07-12", "Модуль 2: сообщество"),
               ("2024-09-20", "Модуль 3: ресурсы и гранты")]
    for date, title in modules:
        out.append({"event": title, "date": date, "kind": "educational_module",
                    "event_territory": REGION, "project": ""})
    days = ["2024-03-05", "2024-04-02", "2024-04-30", "2024-05-14", "2024-06-04", "2024-06-25",
            "2024-07-30", "2024-08-20", "2024-09-10", "2024-10-08", "2024-11-12", "2024-12-10"]
    for i, date in enumerate(days, 1):
        out.append({"event": f"Онлайн-встреча {i:02d}", "date": date, "kind": "online_meeting",
                    "event_territory": "", "project": PROJECTS[(i - 1) % len(PROJECTS)]
                    if i > 3 else ""})
    return sorted(out, key=lambda e: (e["date"], e["event"]))


def _people(rng: random.Random) -> list[dict]:
    names: set[str] = set()
    people = []

    def new_name() -> str:
        while True:
            female = rng.random() < 0.6  # more women than men, as in most such programmes
            sur = rng.choice(SURNAMES)[1 if female else 0]
            first = rng.choice(FEMALE if female else MALE)
            name = f"{sur} {first}"
            if name not in names:
                names.add(name)
                return name

    for district, town in DISTRICTS.items():
        orgs = [(tpl.format(town=town), sector) for tpl, sector in ORG_TEMPLATES]
        for _ in range(62):
            if rng.random() < 0.12:
                org, sector = "", "citizen"
            else:
                org, sector = rng.choice(orgs)
            people.append({"person": new_name(), "territory": district, "organisation": org,
                           "sector": sector, "activity": rng.paretovariate(1.6)})
    for i in range(8):
        org, sector = REGIONAL_ORGS[i % len(REGIONAL_ORGS)]
        people.append({"person": new_name(), "territory": REGION, "organisation": org,
                       "sector": sector, "activity": 6.0})
    for n, p in enumerate(people, 1):
        p["email"] = f"uchastnik{n:03d}@example.org" if rng.random() < 0.3 else ""
    return people


def _variant(name: str, rng: random.Random, how: str) -> str:
    """Another spelling of a name, as hand-written lists have them."""
    sur, first = name.split(" ", 1)
    if how == "order":
        return f"{first} {sur}"
    if how == "initial":
        return f"{sur} {first[0]}."
    # A typo in the first name: a doubled or dropped letter.
    i = rng.randrange(1, len(first) - 1)
    return f"{sur} {first[:i]}{first[i]}{first[i:]}" if rng.random() < 0.5 else \
        f"{sur} {first[:i]}{first[i + 1:]}"


def programme(seed: int = SEED) -> dict[str, pd.DataFrame]:
    """{'attendance.csv': one row per person and event, 'partnerships.csv': organisation ties}."""
    rng = random.Random(seed)
    events = _events()
    people = _people(rng)
    by_district = {d: [p for p in people if p["territory"] == d] for d in DISTRICTS}
    regional = [p for p in people if p["territory"] == REGION]
    weights = {id(p): p["activity"] for p in people}

    def pick(pool, k):
        """k distinct people from a pool, the active ones more likely (heavy tail)."""
        pool = list(pool)
        chosen = []
        for _ in range(min(k, len(pool))):
            w = [weights[id(p)] for p in pool]
            j = rng.choices(range(len(pool)), weights=w)[0]
            chosen.append(pool.pop(j))
        return chosen

    attend: dict[str, list[dict]] = {}
    # Strategic sessions: locals, two regional staff and a few visitors from a neighbour district.
    teams = {}
    for ev in events:
        if ev["kind"] == "strategic_session":
            d = ev["event_territory"]
            # Visitors come from districts that have had their session already.
            others = [p for e in events if e["kind"] == "strategic_session"
                      and e["date"] < ev["date"] for p in by_district[e["event_territory"]]]
            attend[ev["event"]] = (pick(by_district[d], rng.randint(44, 52))
                                   + regional[:2] + pick(others, 3))
            # Each session sends a team of its most active locals to the modules.
            locals_ = [p for p in attend[ev["event"]] if p["territory"] == d]
            teams[d] = sorted(locals_, key=lambda p: -weights[id(p)])[:9]
    module_no = 0
    for ev in events:
        if ev["kind"] == "educational_module":
            module_no += 1
            group = []
            for d in DISTRICTS:
                group += [p for p in teams[d] if rng.random() < 0.85]
                group += pick([p for p in by_district[d] if p not in teams[d]], 2)
            attend[ev["event"]] = group + regional[2 + module_no % 3: 5 + module_no % 3]
        elif ev["kind"] == "online_meeting":
            # Only districts whose strategic session has already taken place take part.
            started = [e["event_territory"] for e in events
                       if e["kind"] == "strategic_session" and e["date"] <= ev["date"]]
            group = pick([p for d in started for p in teams[d]], rng.randint(6, 12))
            group += pick([p for d in started for p in by_district[d]], rng.randint(3, 8))
            attend[ev["event"]] = list({id(p): p for p in group + regional[:1]}.values())

    variants = {}
    online = {id(p): p for ev in events if ev["kind"] == "online_meeting"
              for p in attend[ev["event"]] if p["territory"] != REGION}
    movers = rng.sample(sorted(online.values(), key=lambda p: p["person"]), 10)
    for p, how in zip(movers, ["order"] * 4 + ["initial"] * 3 + ["typo"] * 3, strict=True):
        variants[id(p)] = _variant(p["person"], rng, how)

    rows = []
    for ev in events:
        for p in sorted(attend[ev["event"]], key=lambda p: p["person"]):
            name = p["person"]
            # Online meeting lists are typed by hand: that is where other spellings come in.
            if id(p) in variants and ev["kind"] == "online_meeting":
                name = variants[id(p)]
            rows.append({"person": name, "event": ev["event"], "date": ev["date"],
                         "kind": ev["kind"], "event_territory": ev["event_territory"],
                         "project": ev["project"], "territory": p["territory"],
                         "organisation": p["organisation"], "sector": p["sector"],
                         "email": p["email"] if ev["kind"] != "online_meeting" else ""})
    attendance = pd.DataFrame(rows)

    orgs = sorted({(p["organisation"], p["territory"]) for p in people if p["organisation"]})
    part_rows = set()
    for d in list(DISTRICTS) + [REGION]:
        local = [o for o, t in orgs if t == d]
        for _ in range(10 if d != REGION else 0):
            a, b = rng.sample(local, 2)
            part_rows.add((min(a, b), max(a, b)))
    cross = [o for o, t in orgs]
    for _ in range(12):
        a, b = rng.sample(cross, 2)
        part_rows.add((min(a, b), max(a, b)))
    kinds = ["соглашение", "совместный проект", "обмен опытом"]
    partnerships = pd.DataFrame(
        [{"source": a, "target": b, "weight": rng.randint(1, 3), "kind": rng.choice(kinds)}
         for a, b in sorted(part_rows)])
    return {"attendance.csv": attendance, "partnerships.csv": partnerships}


README = """# Demo data: a year of a programme (invented)

Files for trying the staff's network analysis (`notebooks/analysis.ipynb`,
`notebooks/staff-analysis-demo.ipynb`):

- `attendance.csv`: one row per person and event in 2024: three strategic sessions (Kargopol,
  Nyandoma and Plesetsk districts), three educational modules and twelve online meetings.
  Columns: person, event, date, kind, event_territory, project, territory, organisation,
  sector (the store's codes: ngo, tos, authority, business, citizen), email.
- `partnerships.csv`: ties between organisations (source, target, weight, kind).

**Every name, organisation and e-mail address here is invented for this project** by the seeded
generator `workbench/network/demo.py` (`random.Random(42)`); any likeness to a real person is
chance. The e-mail addresses use the reserved domain example.org. Some online meeting lists spell
a name differently (word order, initials, a typo) on purpose, to exercise person matching.

Regenerate with `.venv/bin/python -m workbench.network.demo`; a test checks these files equal
the generator's output.
"""


def write_demo(folder=DEMO_DIR, seed: int = SEED) -> list[Path]:
    """Write the demo files (CSV by `workbench.tableio.write_csv`) and the folder's README."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, df in programme(seed).items():
        written.append(write_csv(df, folder / name))
    (folder / "README.md").write_text(README, encoding="utf-8")
    return written + [folder / "README.md"]


def demo_dir(data_dir=None) -> Path:
    """The folder with the demo files: `DATA/demo` if it has them, else the repository's copy,
    else a fresh copy generated into `DATA/demo` (an installed package has no repository)."""
    candidates = ([Path(data_dir) / "demo"] if data_dir else []) + [DEMO_DIR]
    for folder in candidates:
        if (folder / "attendance.csv").exists():
            return folder
    target = Path(data_dir) / "demo" if data_dir else DEMO_DIR
    write_demo(target)
    return target


if __name__ == "__main__":
    for p in write_demo():
        print(p)
