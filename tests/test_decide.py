"""More ways to decide: hand-checked scores, ballot guarantees, the projector's controls."""

from __future__ import annotations

import threading

import pytest

from workbench.errors import WorkbenchError
from workbench.session.phone import phone_state
from workbench.session.tally import (
    ballots_from_rows,
    borda,
    matrix_summary,
    next_pair,
    pairwise_scores,
)
from workbench.session.voting import compare, method, rank, rate, vote
from workbench.testing import run_together
from workbench.ui.projector import ProjectorView


def test_matrix_by_hand():
    ratings = [(1, 5, 5), (1, 4, 4), (1, 3, 5), (2, 5, 1), (2, 4, 2), (3, 1, 5), (4, 2, 2)]
    rows = [{"card_id": c, "impact": i, "feasibility": f} for c, i, f in ratings]
    by = {s["id"]: s for s in matrix_summary(rows, [1, 2, 3, 4])}
    assert (by[1]["impact"], by[1]["feasibility"], by[1]["raters"], by[1]["quadrant"]) == (4.0, 4.67, 3, "quick_wins")
    assert by[1]["impact_sd"] == 1.0  # sd of 5, 4, 3
    assert (by[2]["impact"], by[2]["feasibility"], by[2]["quadrant"]) == (4.5, 1.5, "big_bets")
    assert by[3]["quadrant"] == "fill_ins" and by[4]["quadrant"] == "not_now"


def test_pairwise_by_hand():
    # A beats B 3 times, B beats C 3 times, A beats C once, C beats A once, one "can't decide".
    c = ([{"left_id": 1, "right_id": 2, "winner_id": 1}] * 3 + [{"left_id": 2, "right_id": 3, "winner_id": 2}] * 3
         + [{"left_id": 1, "right_id": 3, "winner_id": 1}, {"left_id": 3, "right_id": 1, "winner_id": 3},
            {"left_id": 1, "right_id": 2, "winner_id": None}])
    s = {r["id"]: r for r in pairwise_scores(c, [1, 2, 3], n_boot=100)}
    assert (s[1]["wins"], s[1]["losses"], s[1]["score"]) == (4, 1, round(5 / 7, 2))
    assert (s[2]["wins"], s[2]["losses"], s[2]["score"]) == (3, 3, 0.5)
    assert (s[3]["wins"], s[3]["losses"], s[3]["score"]) == (1, 4, round(2 / 7, 2))
    assert s[1]["strength"] > s[2]["strength"] > s[3]["strength"]
    assert abs(sum(r["strength"] for r in s.values()) - 1) < 0.01
    for r in s.values():
        assert r["low"] <= r["strength"] + 1e-9 and r["strength"] <= r["high"] + 0.05


def test_next_pair_prefers_ideas_with_few_comparisons():
    comps = [{"participant_id": 9, "left_id": 1, "right_id": 2, "winner_id": 1}] * 5
    pair = next_pair(comps, [1, 2, 3, 4], participant_id=7)
    assert set(pair) == {3, 4}


def test_borda_by_hand():
    ballots = ballots_from_rows([
        {"participant_id": 1, "card_id": 10, "position": 1}, {"participant_id": 1, "card_id": 20, "position": 2},
        {"participant_id": 1, "card_id": 30, "position": 3}, {"participant_id": 2, "card_id": 30, "position": 1},
        {"participant_id": 2, "card_id": 10, "position": 2}, {"participant_id": 2, "card_id": 20, "position": 3},
        {"participant_id": 3, "card_id": 30, "position": 1}, {"participant_id": 3, "card_id": 20, "position": 2},
        {"participant_id": 3, "card_id": 10, "position": 3}])
    assert ballots == [[10, 20, 30], [30, 10, 20], [30, 20, 10]]
    r = {x["id"]: x for x in borda(ballots, [10, 20, 30])}
    assert (r[30]["points"], r[10]["points"], r[20]["points"]) == (4, 3, 2)
    assert (r[30]["first_share"], r[10]["first_share"]) == (0.67, 0.33)


@pytest.fixture
def voting(wb, demo):
    s = wb.store.session(demo)
    st = next(x for x in wb.store.stages(s["id"]) if x["kind"] == "voting")
    second = wb.store.add_stage(s["id"], "voting", title="Матрица")
    wb.store.update_stage(second, method="matrix", voting_open=True)
    wb.store.set_current_stage(s["id"], second)
    return wb, s, wb.store.stage(second), st


def test_matrix_shortlist_comes_from_the_dots_and_ratings_replace(voting):
    wb, s, stage, dots_stage = voting
    totals = wb.store.vote_totals(dots_stage["id"])
    items = method(stage).items(wb.store, stage, wb.store.cards(s["id"], stage["target_stage_id"]))
    assert len(items) == 6 and totals.get(items[0]["id"], 0) == max(totals.values())
    p = wb.store.join(s["id"])
    rate(wb.store, stage["id"], p["id"], items[0]["id"], 5, 2)
    rate(wb.store, stage["id"], p["id"], items[0]["id"], 4, 4)  # changed their mind
    assert [(r["impact"], r["feasibility"]) for r in wb.store.ratings(stage["id"])] == [(4, 4)]
    with pytest.raises(WorkbenchError, match="rating_invalid"):
        rate(wb.store, stage["id"], p["id"], items[0]["id"], 6, 1)
    with pytest.raises(WorkbenchError, match="voting_not_open"):  # dots are not this stage's method
        vote(wb.store, stage["id"], p["id"], items[0]["id"])
    state = phone_state(wb.store, wb.store.session(s["code"]), p)
    assert state["decide"]["method"] == "matrix" and state["decide"]["mine"] == {str(items[0]["id"]): [4, 4]}
    wb.store.update_stage(stage["id"], voting_open=False)
    with pytest.raises(WorkbenchError, match="voting_not_open"):
        rate(wb.store, stage["id"], p["id"], items[1]["id"], 3, 3)


def test_concurrent_ratings_keep_one_ballot_per_person(voting):
    wb, s, stage, _ = voting
    items = method(stage).items(wb.store, stage, wb.store.cards(s["id"], stage["target_stage_id"]))
    people = [wb.store.join(s["id"]) for _ in range(6)]

    def rater(p):
        for k in range(10):
            rate(wb.store, stage["id"], p["id"], items[k % 3]["id"], 1 + k % 5, 5 - k % 5)
    run_together([threading.Thread(target=rater, args=(p,)) for p in people for _ in range(2)])
    assert len(wb.store.ratings(stage["id"])) == 6 * 3


def test_pairwise_and_ranking_ballots(voting):
    wb, s, stage, _ = voting
    wb.store.update_stage(stage["id"], method="pairwise")
    p = wb.store.join(s["id"])
    pair = phone_state(wb.store, wb.store.session(s["code"]), p)["decide"]["pair"]
    a, b = pair[0]["id"], pair[1]["id"]
    assert compare(wb.store, stage["id"], p["id"], a, b, a, request_id="x")["judged"] == 1
    assert compare(wb.store, stage["id"], p["id"], a, b, a, request_id="x")["judged"] == 1  # double tap
    # The same pair again, in either order, with any answer: not counted (one device once per pair).
    again = compare(wb.store, stage["id"], p["id"], b, a, None)
    assert again == {"judged": 1, "counted": False}
    assert [(c["left_id"], c["winner_id"]) for c in wb.store.comparisons(stage["id"])] == [(a, a)]
    nxt = phone_state(wb.store, wb.store.session(s["code"]), p)["decide"]["pair"]
    assert {nxt[0]["id"], nxt[1]["id"]} != {a, b}
    assert compare(wb.store, stage["id"], p["id"], nxt[0]["id"], nxt[1]["id"], None)["judged"] == 2  # can't decide
    with pytest.raises(WorkbenchError, match="bad_request"):
        compare(wb.store, stage["id"], p["id"], a, b, 999999)
    wb.store.update_stage(stage["id"], method="ranking")
    items = [i["id"] for i in phone_state(wb.store, wb.store.session(s["code"]), p)["decide"]["items"]]
    rank(wb.store, stage["id"], p["id"], items[::-1])
    rank(wb.store, stage["id"], p["id"], items)  # again: replaces
    assert ballots_from_rows(wb.store.rankings(stage["id"])) == [items]
    with pytest.raises(WorkbenchError, match="ranking_invalid"):
        rank(wb.store, stage["id"], p["id"], [items[0], items[0]])


def test_projector_picks_the_method_and_shows_results(voting):
    wb, s, stage, _ = voting
    view = ProjectorView(wb, s["code"], join_url="http://10.0.0.1:8866/s/" + s["code"])
    view.stage_picker.value = stage["id"]
    assert view.method.value == "matrix"
    items = method(stage).items(wb.store, stage, wb.store.cards(s["id"], stage["target_stage_id"]))
    for k, p in enumerate(wb.store.participants(s["id"])[:4]):
        rate(wb.store, stage["id"], p["id"], items[0]["id"], 5, 4 + k % 2)
    view.refresh()
    assert "data:image/png;base64," in view.chart.value and "download='matrix.svg'" in view.chart.value
    assert "Быстрые победы" in view.chart.value
    view.method.value = "pairwise"
    assert wb.store.stage(stage["id"])["method"] == "pairwise"
    assert wb.store.stage(stage["id"])["prompt"] == "Что важнее для территории? Выбирайте из двух"
    assert "Сила идеи (90 %)" in view.chart.value and "Брэдли" in view.chart.value  # the method in the tooltip
    view.method.value = "ranking"
    assert "Первых мест" in view.chart.value
    view.paper_button.click()
    paper = [p for p in wb.store.participants(s["id"]) if p["on_paper"]]
    assert len(paper) == 1 and paper[0]["name"] == "Бюллетень 1"
    assert f"?paper={paper[0]['token']}" in view.paper_link.value


def test_every_method_and_paper_ballots_reach_the_protocol(voting, tmp_path):
    from workbench.exports import export_protocol

    wb, s, stage, _ = voting
    items = method(stage).items(wb.store, stage, wb.store.cards(s["id"], stage["target_stage_id"]))
    paper = wb.store.join(s["id"], on_paper=True, name="Бюллетень 1")
    phone = wb.store.join(s["id"])
    for p in (paper, phone):
        rate(wb.store, stage["id"], p["id"], items[0]["id"], 5, 5)
    pairwise = wb.store.add_stage(s["id"], "voting", title="Пары")
    wb.store.update_stage(pairwise, method="pairwise", voting_open=True)
    compare(wb.store, pairwise, phone["id"], items[0]["id"], items[1]["id"], items[1]["id"])
    ranking = wb.store.add_stage(s["id"], "voting", title="Порядок")
    wb.store.update_stage(ranking, method="ranking", voting_open=True)
    rank(wb.store, ranking, phone["id"], [items[2]["id"], items[0]["id"]])
    md = export_protocol(wb, s["code"], tmp_path, formats=("md",), drafts=False)[0].read_text(encoding="utf-8")
    assert "### Матрица: Важность × выполнимость · проголосовали 2" in md
    assert "Из них бумажных бюллетеней: 1" in md
    assert f"| 1 | {items[0]['text']} | 5,00 | 5,00 | 2 | Быстрые победы |" in md
    assert "### Пары: Попарное сравнение" in md and f"| 1 | {items[1]['text']} | 67 |" in md
    assert "### Порядок: Ранжирование" in md and f"| 1 | {items[2]['text']} | 1 | 100 % |" in md


def test_a_paper_ballot_counts_in_the_vote_only(wb, demo, tmp_path, capsys):
    """The reviewer's "Бюллетень 1" had raised Участников to 21 (here) and appeared as a person
    with no territory on the control view and as a person tied to everyone in the network."""
    from workbench.cli import main as cli
    from workbench.exports import export_protocol
    from workbench.network.store_import import store_attendance
    from workbench.session import display

    s = wb.store.session(demo)
    dots = next(x for x in wb.store.stages(s["id"]) if x["kind"] == "voting")
    view = ProjectorView(wb, s["code"], join_url="http://10.0.0.1:8866/s/" + s["code"])
    view.stage_picker.value = dots["id"]
    view.paper_button.click()
    paper = next(p for p in wb.store.participants(s["id"]) if p["on_paper"])
    wb.store.update_stage(dots["id"], voting_open=True)
    card = next(iter(wb.store.vote_totals(dots["id"])))
    before = wb.store.vote_totals(dots["id"])[card]
    vote(wb.store, dots["id"], paper["id"], card, on_paper=True)
    assert wb.store.vote_totals(dots["id"])[card] == before + 1  # the vote counts
    view.refresh()
    assert "Участников: 20" in view.joined.value and "Сфера не указана: 1" in view.joined.value  # the one demo person
    assert display.state(wb.store, s["code"])["joined"] == "Участников: 20"
    md = export_protocol(wb, s["code"], tmp_path, formats=("md",), drafts=False)[0].read_text(encoding="utf-8")
    assert "Всего участников: 20" in md and "Из них бумажных бюллетеней: 1" in md
    assert "· проголосовали 21" in md  # twenty phones and the paper ballot
    people = store_attendance(wb.store)["person"]
    assert "Бюллетень 1" not in set(people) and len(set(people)) == 19  # one of the demo's twenty has no name
    assert cli(["sessions", "--data", str(wb.data_dir)]) == 0
    assert "(20 участников)" in capsys.readouterr().out


def test_only_a_paper_ballot_holding_votes_opens_the_next(wb, demo):
    """«Готово — следующий бюллетень»: a phone cannot make paper ballots; an empty paper ballot is
    told so; a filled one gets a fresh ballot (a new id and token), its page says it is filled."""
    from workbench.session import facilitator
    from workbench.session.phone import next_paper_ballot

    s = wb.store.session(demo)
    dots = next(x for x in wb.store.stages(s["id"]) if x["kind"] == "voting")
    wb.store.update_stage(dots["id"], voting_open=True)
    wb.store.set_current_stage(s["id"], dots["id"])
    s = wb.store.session(demo)  # its current stage: the dot vote
    phone = next(p for p in wb.store.participants(s["id"]) if not p["on_paper"])
    with pytest.raises(WorkbenchError) as refused:
        next_paper_ballot(wb.store, s["code"], phone["token"])
    assert refused.value.status == 403
    assert refused.value.message("ru") == "Следующий бюллетень открывается только со страницы бумажного бюллетеня"
    first = facilitator.paper_ballot(wb.store, s["id"])
    with pytest.raises(WorkbenchError) as empty:
        next_paper_ballot(wb.store, s["code"], first["token"])
    assert empty.value.key == "paper_ballot_empty" and empty.value.status == 409
    assert phone_state(wb.store, s, first)["paper"] == {"name": "Бюллетень 1", "filled": False}
    vote(wb.store, dots["id"], first["id"], next(iter(wb.store.vote_totals(dots["id"]))))
    assert phone_state(wb.store, s, first)["paper"]["filled"] is True
    fresh = next_paper_ballot(wb.store, s["code"], first["token"])
    assert fresh["name"] == "Бюллетень 2" and fresh["token"] != first["token"]
    assert "paper" not in phone_state(wb.store, s, phone)  # a phone's page has none of it
