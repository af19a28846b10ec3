"""Statements: agree / disagree / pass on phones, one at a time, and the opinion map."""

from __future__ import annotations

import random

import pytest

from workbench.errors import WorkbenchError
from workbench.session.phone import phone_state
from workbench.session.statements import vote as vote_on_statement
from workbench.ui.projector import ProjectorView

STATEMENTS = ["Дороги важнее всего", "Туризм спасёт район", "Нужен молодёжный центр",
              "Администрация слышит жителей", "Ярмарка нужна каждую неделю", "Школу закрывать нельзя",
              "Интернет важнее дорог", "Нужно больше фестивалей"]


@pytest.fixture
def room(wb, demo):
    view = ProjectorView(wb, demo)
    problems = [c.card_id for c in view.wall_items[:2]]
    view.select(*problems)
    view.to_statements.click()
    assert "Скопировано в утверждения: 2" in view.message.value
    stage = next(s for s in wb.store.stages(view.session["id"]) if s["kind"] == "statements")
    view.stage_picker.value = stage["id"]
    for text in STATEMENTS:
        view.new_text.value = text
        view.add_button.click()
    view.make_current.click()
    view.statements_toggle.click()
    return view, stage


def test_phones_get_one_statement_at_a_time_fewest_votes_first(room):
    view, stage = room
    store, s = view.store, view.session
    a, b = store.join(s["id"]), store.join(s["id"])
    first = phone_state(store, store.session(s["code"]), a)["statements"]
    assert first["open"] and first["total"] == 10 and first["voted"] == 0
    vote_on_statement(store, stage["id"], a["id"], first["next"]["id"], 1)
    # b is offered a statement nobody has voted on yet
    nxt_b = phone_state(store, store.session(s["code"]), b)["statements"]["next"]
    assert nxt_b["id"] != first["next"]["id"]
    # a re-vote replaces the vote
    vote_on_statement(store, stage["id"], a["id"], first["next"]["id"], -1)
    assert store.statement_counts(stage["id"])[first["next"]["id"]] == {1: 0, -1: 1, 0: 0}
    with pytest.raises(WorkbenchError, match="bad_request"):
        vote_on_statement(store, stage["id"], a["id"], first["next"]["id"], 2)
    view.refresh()
    assert "✘ 1" in view.cards[first["next"]["id"]].body.value


def test_opinion_map_shows_two_camps_and_the_consensus(room):
    view, stage = room
    store, s = view.store, view.session
    cards = {c["text"]: c["id"] for c in store.cards(s["id"], stage["id"])}
    rng = random.Random(1)
    camp_a = {"Дороги важнее всего", "Администрация слышит жителей", "Ярмарка нужна каждую неделю"}
    camp_b = {"Туризм спасёт район", "Интернет важнее дорог", "Нужно больше фестивалей"}
    for i in range(24):
        p = store.join(s["id"])
        camp = camp_a if i % 2 else camp_b
        for text, cid in cards.items():
            if text == "Школу закрывать нельзя":
                vote = 1  # everyone agrees
            elif text in camp_a | camp_b:
                vote = 1 if text in camp else -1
                if rng.random() < 0.1:
                    vote = 0
            else:
                vote = rng.choice([1, -1, 0])
            vote_on_statement(store, stage["id"], p["id"], cid, vote)
    view.refresh()
    view.map_button.click()
    html = view.map_html.value
    assert "data:image/png;base64," in html
    assert html.count("data-opinion-group=") == 2
    assert "Школу закрывать нельзя" in html.split("data-opinion-group")[0]  # in the consensus list
    assert "Группы мнений устойчивы" in html


def test_a_room_without_structure_is_told_so(room):
    view, stage = room
    store, s = view.store, view.session
    cards = [c["id"] for c in store.cards(s["id"], stage["id"])]
    rng = random.Random(11)  # random answers: by design ~5 % of such rooms still look split
    for _ in range(16):
        p = store.join(s["id"])
        for cid in cards:
            vote_on_statement(store, stage["id"], p["id"], cid, rng.choice([1, -1, 0]))
    view.map_button.click()
    assert "Явных групп мнений нет" in view.map_html.value
    assert "No clear" not in view.map_html.value  # the reason in Russian too (issue 16)


def _answer_in_two_camps(store, session, stage, people: int, rng) -> int:
    """`people` new participants answer every statement, half in each camp; the number of answers."""
    cards = {c["text"]: c["id"] for c in store.cards(session["id"], stage["id"])}
    camp_a = {"Дороги важнее всего", "Администрация слышит жителей", "Ярмарка нужна каждую неделю"}
    camp_b = {"Туризм спасёт район", "Интернет важнее дорог", "Нужно больше фестивалей"}
    for i in range(people):
        p = store.join(session["id"])
        camp = camp_a if i % 2 else camp_b
        for text, cid in cards.items():
            vote = (1 if text in camp else -1) if text in camp_a | camp_b else rng.choice([1, -1, 0])
            vote_on_statement(store, stage["id"], p["id"], cid, vote)
    return people * len(cards)


def test_the_live_map_redraws_itself_while_phones_answer(room):
    """Nobody clicks: the control view's watch() shows the map, then redraws it with later answers."""
    import asyncio
    import concurrent.futures

    view, stage = room
    store, s = view.store, view.session
    rng = random.Random(3)

    async def main():
        loop = asyncio.get_running_loop()
        view.watch()  # as the Voila page does: the map is drawn off the event loop from now on

        async def until(what, seconds=30):
            deadline = loop.time() + seconds
            while not what():
                assert loop.time() < deadline, f"the map never showed it: {view.map_html.value[:300]}"
                await asyncio.sleep(0.02)
        n = _answer_in_two_camps(store, s, stage, 20, rng)
        await until(lambda: f"data-map-answers='{n}'" in view.map_html.value)
        assert view.map_html.value.count("data-opinion-group=") >= 2  # the two camps (random answers may split one)
        assert "data:image/png;base64," in view.map_html.value
        assert _verdict(view.map_html.value).startswith("Группы мнений устойчивы")
        n += _answer_in_two_camps(store, s, stage, 6, rng)  # late arrivals are counted without a click
        await until(lambda: f"data-map-answers='{n}'" in view.map_html.value)
        assert f"Учтено ответов: {n}" in view.map_html.value
        view._task.cancel()

    # A loop of its own in a thread of its own (the browser tests' Playwright may run one here).
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, main()).result()


def _verdict(html: str) -> str:
    import re

    return re.search(r"data-verdict='[a-z_]*'>([^<]*)<", html).group(1)


def test_no_clear_groups_reads_in_one_language(room):
    import re

    view, stage = room
    store, s = view.store, view.session
    cards = [c["id"] for c in store.cards(s["id"], stage["id"])]
    rng = random.Random(11)
    for _ in range(16):  # random answers: no camps
        p = store.join(s["id"])
        for cid in cards:
            vote_on_statement(store, stage["id"], p["id"], cid, rng.choice([1, -1, 0]))
    view.map_button.click()
    ru = _verdict(view.map_html.value)
    assert ru.startswith("Явных групп мнений нет")
    assert not re.search(r"[A-Za-z]{2,}", ru), ru  # not a word of English (issue 16: "…: No clear groups…")
    view.lang_toggle.value = "en"
    view.map_button.click()
    en = _verdict(view.map_html.value)
    assert en.startswith("No clear opinion groups")
    assert not re.search("[А-Яа-яЁё]", en), en


@pytest.mark.served
def test_phones_answering_through_the_api_redraw_the_facilitators_map_served(tmp_path):
    """Phones answer over the documented API of a real server; the control view watching the same
    store (as the Voila kernel does) shows the map counting every answer, without a click."""
    import asyncio
    import concurrent.futures

    from workbench.app import Workbench
    from workbench.testing import Phone, Server

    wb = Workbench(tmp_path / "data")
    code = wb.store.create_session("Карта мнений")
    s = wb.store.session(code)
    stage = wb.store.add_stage(s["id"], "statements", title="Утверждения")
    for text in STATEMENTS:
        wb.store.add_card(s["id"], stage, text)
    wb.store.update_stage(stage, voting_open=True)
    wb.store.set_current_stage(s["id"], stage)
    view = ProjectorView(wb, code)
    view.viewed_stage_id = stage
    view.refresh()
    server = Server(wb.data_dir).start()
    camp_a = set(STATEMENTS[0::2][:3])

    def answer(i: int) -> int:
        """Phone i joins and answers whatever it is shown next until nothing is left."""
        phone = Phone(server.base, code, lang="ru")
        phone.join()
        n = 0
        while (nxt := phone.state()["statements"]["next"]) is not None:
            k = STATEMENTS.index(nxt["text"])
            vote = (1 if (nxt["text"] in camp_a) == (i % 2 == 0) else -1) if k < 6 else (i + k) % 3 - 1
            r = phone.call("POST", "/statement", {"card": nxt["id"], "vote": vote})
            assert r.status_code == 200, r.text
            n += 1
        return n

    async def main():
        loop = asyncio.get_running_loop()
        view.watch()
        with concurrent.futures.ThreadPoolExecutor(4) as phones:
            answers = sum(await asyncio.gather(*(loop.run_in_executor(phones, answer, i) for i in range(16))))
        assert answers == 16 * len(STATEMENTS)
        deadline = loop.time() + 30
        while f"data-map-answers='{answers}'" not in view.map_html.value:
            assert loop.time() < deadline, f"the map never counted every answer: {view.map_html.value[-300:]}"
            await asyncio.sleep(0.05)
        assert "data:image/png;base64," in view.map_html.value
        assert "data-opinion-group=" in view.map_html.value
        view._task.cancel()

    try:
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, main()).result()
    finally:
        server.stop()
        wb.close()


def test_a_split_room_with_nothing_in_common_says_so_in_words(room):
    """Two camps that disagree on everything: "what everyone agrees on" says there is nothing
    yet, not a lone dash."""
    view, stage = room
    store, s = view.store, view.session
    cards = [c["id"] for c in store.cards(s["id"], stage["id"])]
    for i in range(16):
        p = store.join(s["id"])
        for j, cid in enumerate(cards):
            vote_on_statement(store, stage["id"], p["id"], cid, 1 if (i + j) % 2 else -1)
    view.map_button.click()
    html = view.map_html.value
    assert "data:image/png;base64," in html
    assert "Пока нет утверждения, с которым согласны все" in html and "<li>—</li>" not in html


def test_problems_copied_into_statements_keep_their_author(wb, demo):
    """A participant's problem copied into statements is not marked "записал ведущий"."""
    view = ProjectorView(wb, demo)
    store, s = view.store, view.session
    problems = next(st for st in store.stages(s["id"]) if st["kind"] == "problems")
    p = store.join(s["id"])
    mine = store.add_card(s["id"], problems["id"], "Нет бани в деревне", participant_id=p["id"])
    typed = store.add_card(s["id"], problems["id"], "Нет аптеки", by_facilitator=True)
    view.stage_picker.value = problems["id"]
    view.refresh()
    view.select(mine["id"], typed["id"])
    view.to_statements.click()
    stage = next(st for st in store.stages(s["id"]) if st["kind"] == "statements")
    copies = {c["text"]: c for c in store.cards(s["id"], stage["id"])}
    assert not copies["Нет бани в деревне"]["by_facilitator"]
    assert copies["Нет бани в деревне"]["participant_id"] == p["id"]
    assert copies["Нет аптеки"]["by_facilitator"]
    view.stage_picker.value = stage["id"]
    marked = [c.body.value for c in view.wall_items if "записал ведущий" in c.body.value]
    assert len(marked) == 1 and "Нет аптеки" in marked[0]
