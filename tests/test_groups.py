"""Grouping ideas: suggest, accept, correct by hand; groups on phones; voting on groups."""

from __future__ import annotations

import pytest

from workbench.errors import WorkbenchError
from workbench.session.phone import phone_state
from workbench.session.voting import vote
from workbench.ui.projector import ProjectorView

IDEAS = [
    "Плохие дороги между деревнями", "Дороги в ужасном состоянии", "Отремонтировать дорогу до Ошевенска",
    "Открыть молодёжный клуб", "Молодёжи негде проводить досуг", "Клуб для подростков и молодёжи",
    "Ярмарка местных продуктов", "Рынок выходного дня для фермеров", "Продавать местные продукты на ярмарке",
]


@pytest.fixture
def ideas_view(wb):
    code = wb.store.create_session("Группы")
    s = wb.store.session(code)
    ideas = next(st for st in wb.store.stages(s["id"]) if st["kind"] == "ideas")
    for text in IDEAS:
        wb.store.add_card(s["id"], ideas["id"], text)
    view = ProjectorView(wb, code)
    view.stage_picker.value = ideas["id"]
    return view


def _groups_of(view):
    cards = view.store.cards(view.session["id"], view.viewed_stage_id)
    groups = {g["id"]: g["text"] for g in cards if g["is_group"]}
    return {name: sorted(c["text"] for c in cards if c["group_id"] == gid) for gid, name in groups.items()}


def test_suggest_and_accept_groups_in_one_click_each(ideas_view):
    view = ideas_view
    view.suggest_button.click()
    assert view.proposal_box.layout.display == "" and len(view.proposal) == 3
    assert "Дорог" in view.proposal_html.value
    view.accept_button.click()
    groups = {frozenset(v) for v in _groups_of(view).values()}
    assert frozenset(IDEAS[:3]) in groups  # the three road ideas, whatever their wording
    assert any(set(IDEAS[3:6]) <= g for g in groups)
    assert any({IDEAS[6], IDEAS[8]} <= g for g in groups)
    headers = [c for c in view.wall_items if getattr(c, "card_id", None) and "grp" in c.body.value]
    assert len(headers) == 3


def test_move_split_rename_merge_and_place_new(ideas_view):
    view = ideas_view
    view.suggest_button.click()
    view.accept_button.click()
    cards = view.store.cards(view.session["id"], view.viewed_stage_id)
    by_text = {c["text"]: c for c in cards}
    group_of = {c["id"]: c["group_id"] for c in cards}
    market = group_of[by_text["Ярмарка местных продуктов"]["id"]]
    roads = group_of[by_text["Плохие дороги между деревнями"]["id"]]
    # the one card the suggestion got wrong goes to its group by hand
    view.select(by_text["Рынок выходного дня для фермеров"]["id"])
    view.move_target.value = market
    view.move_button.click()
    assert view.store.card(by_text["Рынок выходного дня для фермеров"]["id"])["group_id"] == market
    # split: a new group from selected cards
    view.select(by_text["Дороги в ужасном состоянии"]["id"])
    view.new_group_name.value = "Ремонт дорог"
    view.new_group_button.click()
    assert "Ремонт дорог" in _groups_of(view)
    # rename a group
    view.select(market)
    view.edit_button.click()
    view.edit_text.value = "Ярмарки"
    view.save_button.click()
    assert "Ярмарки" in _groups_of(view)
    # merge two groups: the cards follow
    view.select(roads, market)
    view.merge_button.click()
    merged = _groups_of(view)
    assert "Ярмарки" not in merged and "Ярмарка местных продуктов" in merged[view.store.card(roads)["text"]]
    # ideas added later go into the existing groups with one action
    s = view.session
    late = view.store.add_card(s["id"], view.viewed_stage_id, "Клуб по интересам для молодёжи")
    view.refresh()
    view.place_button.click()
    youth = group_of[by_text["Открыть молодёжный клуб"]["id"]]
    assert view.store.card(late["id"])["group_id"] == youth
    assert "Разложено карточек: 1" in view.message.value


def test_phones_see_groups_and_can_vote_on_them(ideas_view):
    view = ideas_view
    view.suggest_button.click()
    view.accept_button.click()
    store, s = view.store, view.session
    p = store.join(s["id"])
    store.set_current_stage(s["id"], view.viewed_stage_id)
    state = phone_state(store, store.session(s["code"]), p)
    assert len(state["groups"]) == 3 and all(c["group"] for c in state["cards"])
    voting = next(st for st in store.stages(s["id"]) if st["kind"] == "voting")
    store.update_stage(voting["id"], vote_on="groups", voting_open=True)
    store.set_current_stage(s["id"], voting["id"])
    state = phone_state(store, store.session(s["code"]), p)
    sizes = [len(c["members"]) for c in state["cards"]]
    assert len(sizes) == 3 and sum(sizes) == 9  # 9 ideas in 3 groups
    group = state["cards"][0]["id"]
    assert vote(store, voting["id"], p["id"], group)["used"] == 1
    idea = next(c for c in store.cards(s["id"], view.viewed_stage_id) if not c["is_group"])
    with pytest.raises(WorkbenchError, match="vote_target_invalid"):
        vote(store, voting["id"], p["id"], idea["id"])


def test_a_proposal_for_other_cards_is_refused_and_changes_nothing(ideas_view):
    """accept_groups (the CLI and the widgets call it) checks the proposal's cards are that
    stage's ideas: a proposal for the ideas stage accepted on the problems stage, or one whose
    card was merged away since, leaves both stages as they were."""
    from workbench.session import facilitator

    view = ideas_view
    store, sid = view.store, view.session["id"]
    proposal = facilitator.suggest_groups(store, sid, view.viewed_stage_id)
    problems = next(st for st in store.stages(sid) if st["kind"] == "problems")
    store.add_card(sid, problems["id"], "Нет работы")
    facilitator.accept_groups(store, problems["id"], [("Работа", [c["id"] for c in store.cards(sid, problems["id"])])])
    before = store.cards(sid, problems["id"])
    with pytest.raises(WorkbenchError) as err:
        facilitator.accept_groups(store, problems["id"], proposal)
    assert err.value.key == "proposal_stale" and "ещё раз" in err.value.message()
    assert store.cards(sid, problems["id"]) == before
    first, second = proposal[0][1][:2]
    facilitator.merge(store, [first, second])
    with pytest.raises(WorkbenchError):
        facilitator.accept_groups(store, view.viewed_stage_id, proposal)
    assert not any(c["is_group"] for c in store.cards(sid, view.viewed_stage_id))
