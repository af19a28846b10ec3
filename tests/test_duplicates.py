"""«Найти повторы» on labelled pairs: the same idea in other words is found; two projects that
differ in the place, the people they are for or the thing they are about are not repeats,
however alike their words (a review marked «автобус до райцентра» = «автобус до больницы»);
a set holds only cards that all repeat each other (no chain)."""

from __future__ import annotations

import pytest

from workbench import embeddings
from workbench.clustering import near_duplicate_groups, near_duplicates
from workbench.words import idea_specifics, name_different_things

needs_model = pytest.mark.skipif(not embeddings.available(), reason="the `meaning` extra is not installed")

REPEATS = [
    ("нет работы", "работы нет вообще"),  # «вообще» only stresses it
    ("молодёжь уезжает", "молодые уезжают в город"),
    ("починить дорогу в Ошевенск", "отремонтировать дорогу до Ошевенска"),
    ("открыть фап", "ФАП открыть снова"),
    ("убрать свалку", "ликвидировать свалку"),
    ("нет связи", "связи нет"),
    ("интернет медленный", "инет плохой"),  # slang for the same thing
    ("Тротуар вдлоь трассы", "тротуар вдоль трассы"),  # a typo is not another thing
    ("стоматолог в рацйентре", "стоматолог в райцентре"),
]
NOT_REPEATS = [
    ("клуб для молодёжи в старой школе", "клуб для пожилых «Серебряный возраст»"),  # other people
    ("летний лагерь для подростков", "летний лагерь для пенсионеров"),
    ("детская площадка в Лядинах", "детская площадка в Печникове"),  # another place
    ("гостевой дом в Ошевенске", "гостевой дом в Лядинах"),
    ("ремонт дороги до Лядин", "ремонт дороги до Ошевенска"),
    ("автобус до райцентра", "автобус до больницы"),  # another destination
    ("отремонтировать ДК", "отремонтировать ФАП"),  # another thing
    ("кружок резьбы по дереву", "кружок робототехники"),
    ("фестиваль народной песни", "фестиваль каргопольской игрушки"),
    ("спортплощадка у школы", "детская площадка у школы"),
    ("детская площадка", "Воркаут площадка"),
]


@needs_model
def test_labelled_pairs_by_meaning():
    texts = [t for pair in REPEATS + NOT_REPEATS for t in pair]
    found = {(texts[i], texts[j]) for i, j, _ in near_duplicates(texts, vectors=embeddings.embed(texts))}
    missed = [p for p in REPEATS if p not in found]
    wrong = [p for p in NOT_REPEATS if p in found]
    assert missed == [] and wrong == []
    sets = near_duplicate_groups(texts, vectors=embeddings.embed(texts))
    assert all(len(s) == 2 or "Ошевенск" in texts[s[0]] for s in sets)  # no set mixes two projects


def test_different_places_people_and_things_are_told_apart_without_the_model():
    for a, b in NOT_REPEATS:
        assert name_different_things(idea_specifics(a), idea_specifics(b)), (a, b)
    for a, b in REPEATS:
        assert not name_different_things(idea_specifics(a), idea_specifics(b)), (a, b)


def test_a_known_territory_is_a_place_in_lower_case():
    """Villages named like adjectives («Красное», «Новое»), typed without a capital: the
    territories people gave when they joined tell the two places apart."""
    a, b = "отремонтировать клуб в красном", "отремонтировать клуб в новом"
    assert not name_different_things(idea_specifics(a), idea_specifics(b))  # two adjectives
    places = ["Красное", "Новое", "Каргопольский район"]
    assert name_different_things(idea_specifics(a, places), idea_specifics(b, places))
    assert near_duplicates([a, b], threshold=0.5) != []
    assert near_duplicates([a, b], threshold=0.5, places=places) == []


def test_sets_do_not_chain():
    """«гостевой дом» repeats both of the others, which are two places: never one set of three."""
    texts = ["Гостевой дом", "гостевой дом в Ошевенске", "гостевой дом в Лядинах", "Прокат лодок", "прокат лодок!"]
    pairs = {(i, j) for i, j, _ in near_duplicates(texts, threshold=0.5)}
    assert (0, 1) in pairs and (0, 2) in pairs and (1, 2) not in pairs
    sets = near_duplicate_groups(texts, threshold=0.5)
    assert [3, 4] in sets and all(not {1, 2} <= set(s) for s in sets)
    assert [0, 1] in sets or [0, 2] in sets
