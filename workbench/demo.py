"""The demo session (Kargopol district) and a seeded generator of sessions for tests.

The texts were written for this project: they are not quotes from real people.
"""

from __future__ import annotations

import random

from workbench.session.teams import join as join_team
from workbench.session.voting import vote
from workbench.store import Store

DEMO_CODE = "KARGO1"

PEOPLE = [
    ("Анна Петрова", "Каргополь", "Районная библиотека", "authority"),
    ("Игорь Смирнов", "Ошевенск", "ТОС «Ошевенский»", "tos"),
    ("Мария Кузнецова", "Каргополь", "АНО «Северный край»", "ngo"),
    ("Сергей Попов", "Печникова", "Крестьянское хозяйство", "business"),
    ("Елена Васильева", "Каргополь", "Администрация округа", "authority"),
    ("Ольга Новикова", "Лядины", "", "citizen"),
    ("Николай Морозов", "Ошевенск", "ТОС «Ошевенский»", "tos"),
    ("Татьяна Волкова", "Каргополь", "Музей-заповедник", "authority"),
    ("Дмитрий Соколов", "Каргополь", "Гостевой дом «Онега»", "business"),
    ("Наталья Лебедева", "Архангело", "", "citizen"),
    ("Алексей Козлов", "Каргополь", "Молодёжный центр", "ngo"),
    ("Светлана Егорова", "Печникова", "Дом ремёсел", "ngo"),
    ("Виктор Павлов", "Лядины", "Глава поселения", "authority"),
    ("Ирина Семёнова", "Каргополь", "Школа № 2", "authority"),
    ("Андрей Голубев", "Ошевенск", "", "citizen"),
    ("Юлия Виноградова", "Каргополь", "Фонд местного сообщества", "ngo"),
    ("Павел Богданов", "Каргополь", "Пекарня", "business"),
    ("Людмила Фёдорова", "Архангело", "Совет ветеранов", "ngo"),
    ("", "", "", ""),
    ("Роман Михайлов", "Каргополь", "", "other"),
]

CARDS = {
    "problems": [
        "Плохие дороги между деревнями, весной не проехать",
        "Молодёжь уезжает в Архангельск и не возвращается",
        "Нет работы для молодых специалистов",
        "Автобус в Ошевенск ходит два раза в неделю",
        "Закрываются сельские клубы и библиотеки",
        "Мало мест досуга для подростков",
        "Туристы приезжают на один день и не остаются",
        "Нет площадки для продажи местных продуктов",
        "Старые деревянные дома разрушаются",
        "Плохая мобильная связь и интернет в деревнях",
        "Мусор на берегу Онеги",
        "Пожилым людям трудно добраться до врача",
    ],
    "growth": [
        "Каргопольская игрушка и живые ремёсла",
        "Деревянное зодчество: церкви и часовни XVII–XVIII веков",
        "Кенозерский национальный парк рядом",
        "Чистая природа, река Онега и озёра",
        "Активные ТОСы, которые уже выиграли гранты",
        "Сильная районная библиотека с краеведческим фондом",
        "Местные продукты: рыба, ягоды, грибы, молоко",
        "Гостеприимные жители, готовые принимать гостей",
        "Фестивали, которые знают в области",
        "Опыт волонтёров в благоустройстве",
    ],
    "vision": [
        "Район, куда возвращаются молодые семьи",
        "Круглогодичный туризм с ночёвками в деревнях",
        "Отремонтированные дороги и регулярный автобус",
        "Мастерские ремёсел, где учатся дети",
        "Рынок выходного дня с местными продуктами",
        "Интернет в каждой деревне",
        "Живые клубы и библиотеки как центры деревни",
        "Сохранённые деревянные храмы",
    ],
    "ideas": [
        "Туристический маршрут «Деревянное зодчество» с ночёвкой в гостевых домах",
        "Школа ремёсел для подростков на базе Дома ремёсел",
        "Ярмарка местных продуктов по субботам на площади",
        "Молодёжное пространство в библиотеке",
        "Волонтёрские субботники на берегу Онеги",
        "Социальное такси для пожилых жителей",
        "Реставрация часовни силами жителей и волонтёров",
        "Фестиваль каргопольской игрушки для семей",
        "Карта мест для туристов с QR-кодами",
        "Клуб молодых предпринимателей района",
        "Летний лагерь краеведения для школьников",
        "Точка доступа Wi-Fi в сельском клубе Ошевенска",
        "Сайт с гостевыми домами и экскурсиями района",
        "Курсы цифровой грамотности для старшего поколения",
    ],
}


def load_demo(store: Store, code: str = DEMO_CODE, seed: int = 42, teams: bool = True) -> str:
    """Create the Kargopol demo session, with its people, cards and dots, and (with `teams`) two
    teams around the two most voted ideas, each with its pre-filled project draft; return its code.

    Loading it again into the same store does nothing and returns the same code.
    """
    existing = {s["code"] for s in store.list_sessions()}
    if code in existing:
        return code
    rng = random.Random(seed)
    code = store.create_session("Стратегическая сессия: будущее Каргопольского округа",
                                territory="Каргопольский округ", date="2019-10-12", code=code)
    session = store.session(code)
    stages = {s["kind"]: s for s in store.stages(session["id"])}
    people = [store.join(session["id"], name=n, territory=t, organisation=o, sector=s)
              for n, t, o, s in PEOPLE]
    t0 = 1570870800.0  # 2019-10-12 10:00 in Kargopol
    for i, kind in enumerate(("problems", "growth", "vision", "ideas")):
        for j, text in enumerate(CARDS[kind]):
            author = rng.choice(people + [None, None])
            store.add_card(session["id"], stages[kind]["id"], text,
                                   participant_id=author["id"] if author else None,
                                   by_facilitator=author is None,
                                   created_at=t0 + i * 1800 + j * 60)
    voting = stages["voting"]
    ideas = store.cards(session["id"], stages["ideas"]["id"])
    weights = [len(ideas) - k for k in range(len(ideas))]
    store.update_stage(voting["id"], voting_open=True, voting_opened_at=t0 + 4 * 1800)
    for p in people:
        for _ in range(rng.randint(2, 3)):
            card = rng.choices(ideas, weights=weights)[0]
            vote(store, voting["id"], p["id"], card["id"])
    store.update_stage(voting["id"], voting_open=False, results_visible=False)
    # Two teams formed around the two most voted ideas, each with a pre-filled project draft.
    from workbench.drafts import draft_from_idea, top_ideas

    for k, idea in enumerate(top_ideas(store, code, limit=2) if teams else []):
        members = people[k * 5:(k + 1) * 5]
        for m, person in enumerate(members):
            join_team(store, stages["teams"]["id"], person["id"], idea["id"], leader=(m == 0))
        draft_from_idea(store, code, idea["id"])
    store.set_current_stage(session["id"], stages["problems"]["id"])
    return code


def random_session(store: Store, people: int = 20, cards_per_stage: int = 10, seed: int = 42) -> str:
    """A seeded session with random people and cards, for tests and benchmarks."""
    rng = random.Random(seed)
    code = store.create_session(f"Тестовая сессия {seed}", territory="Тестовый район")
    session = store.session(code)
    stages = {s["kind"]: s for s in store.stages(session["id"])}
    ids = [store.join(session["id"], name=f"Участник {i}")["id"] for i in range(people)]
    for kind in ("problems", "growth", "vision", "ideas"):
        pool = CARDS[kind]
        for _ in range(cards_per_stage):
            store.add_card(session["id"], stages[kind]["id"],
                                   f"{rng.choice(pool)} ({rng.randint(1, 999)})",
                                   participant_id=rng.choice(ids))
    return code
