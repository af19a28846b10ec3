"""Peer review on the projector's display and on the phone page, without a browser: the display's
review mode shows per team the mean per criterion and how many reviewed it (the same tally as the
protocol's), the control view offers it, and a phone's state says when the session has criteria."""

from __future__ import annotations

from workbench.demo import load_demo
from workbench.session import display, review
from workbench.session.phone import state as phone_state


def _scored(wb):
    """The demo with two criteria; three people outside the second team score it."""
    code = load_demo(wb.store)
    goal = review.add_criterion(wb.store, code, "Ясность цели", "Цель измерима и понятна")
    money = review.add_criterion(wb.store, code, "Реалистичный бюджет")
    review.open_review(wb.store, code)
    session = wb.store.session(code)
    first, second = review.teams(wb.store, session["id"])
    outside = [p for p in wb.store.participants(session["id"]) if p["id"] not in second["members"]][:3]
    for person, (g, m) in zip(outside, [(4, 3), (5, 3), (5, 4)], strict=True):
        review.submit(wb.store, code, person["token"],
                      {"team": second["id"], "scores": {str(goal): g, str(money): m}, "comment": "Тайный отзыв"})
    return code, session, first, second


def test_the_display_shows_each_teams_mean_per_criterion_in_russian(wb):
    code, session, first, second = _scored(wb)
    display.set_display(wb.store, session["id"], "review")
    d = display.state(wb.store, code)
    board = d["review"]
    assert d["mode"] == "review" and board["title"] == "Оценки команд" and board["empty"] == ""
    by_id = {tm["id"]: tm for tm in board["teams"]}
    assert set(by_id) == {first["id"], second["id"]}
    scored = by_id[second["id"]]
    assert scored["count"] == "Оценили: 3 человека"
    assert [(c["name"], c["shown"]) for c in scored["criteria"]] == [("Ясность цели", "4,7"),
                                                                     ("Реалистичный бюджет", "3,3")]
    assert scored["mean_shown"] == "4,0"
    unscored = by_id[first["id"]]
    assert unscored["count"] == "Оценили: 0 человек" and {c["shown"] for c in unscored["criteria"]} == {"—"}
    # The same tally as the protocol's and the drafts' (workbench.session.review)
    tally = {r["id"]: r for r in review.results(wb.store, code)}[second["id"]]
    assert [c["mean"] for c in scored["criteria"]] == [c["mean"] for c in tally["criteria"]]
    # Nothing private on the wall: no comment, no reviewer
    assert "Тайный отзыв" not in str(d["review"])
    assert display.state(wb.store, code, lang="en")["review"]["teams"][1]["count"] == "Reviewed by 3 people"


def test_the_review_mode_says_what_is_missing(wb):
    code = wb.store.create_session("Сессия без критериев")
    session = wb.store.session(code)
    display.set_display(wb.store, session["id"], "review")
    assert display.state(wb.store, code)["review"]["empty"] == "Ведущий ещё не задал критерии"
    review.add_criterion(wb.store, code, "Ясность цели")
    assert display.state(wb.store, code)["review"]["empty"] == "Команд пока нет"


def test_one_reviewer_and_five_are_worded_with_plurals():
    from workbench.i18n import t

    assert [t("display_reviewers_n", n=n) for n in (1, 2, 5, 21)] == [
        "Оценили: 1 человек", "Оценили: 2 человека", "Оценили: 5 человек", "Оценили: 21 человек"]


def test_the_control_view_offers_the_scores(wb):
    from workbench.ui.projector import ProjectorView

    code, session, _, _ = _scored(wb)
    view = ProjectorView(wb, code)
    assert ("Оценки", "review") in list(view.display_choice.options)
    view.display_choice.value = "review"
    assert display.state(wb.store, code)["mode"] == "review"


def test_a_phone_learns_that_the_session_has_review_criteria(wb):
    code = load_demo(wb.store)
    token = wb.store.participants(wb.store.session(code)["id"])[0]["token"]
    assert phone_state(wb.store, code, token)["review"] is False
    review.add_criterion(wb.store, code, "Ясность цели")
    assert phone_state(wb.store, code, token)["review"] is False  # set, but not open yet
    review.open_review(wb.store, code)
    assert phone_state(wb.store, code, token)["review"] is True
    review.close_review(wb.store, code)
    assert phone_state(wb.store, code, token)["review"] is False
