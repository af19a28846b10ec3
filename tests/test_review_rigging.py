"""Peer review cannot be rigged with fresh tokens (the flood review: thirty fresh joins of one
team member gave it 5/5 and a rival 1/1, «Оценили: 35» in a room of 12): scores are taken only
while the facilitator has the review open, only from those who were there when it opened (or
stand in a team), a few at a time per phone; the facilitator sees who scored and discards the
scores that look rigged; the review page says when it is closed and shows the teams by itself
once it opens."""

from __future__ import annotations

import json

import pytest

from workbench.demo import load_demo
from workbench.session import review
from workbench.testing import Phone, act


@pytest.fixture(scope="module")
def reviewing(serve):
    def prepare(wb):
        code = load_demo(wb.store)  # two teams
        crit = review.add_criterion(wb.store, code, "Ясность цели", "Цель измерима и понятна")
        (wb.data_dir / "settings.json").write_text(json.dumps({"review_burst": 4, "review_per_minute": 1}))
        return code, crit

    server, (code, crit) = serve(prepare)
    return server, code, crit


def _teams(server, code):
    return act(server, lambda wb: review.teams(wb.store, wb.store.session(code)["id"]))


def _means(server, code):
    return act(server, lambda wb: {r["id"]: (r["mean"], r["reviewers"]) for r in review.results(wb.store, code)})


def test_fresh_tokens_cannot_rig_the_review_and_the_facilitator_discards_what_got_through(reviewing):
    server, code, crit = reviewing
    first, second = _teams(server, code)
    early = [Phone(server.base, code, lang="ru") for _ in range(3)]  # a team member's extra phones, made early
    for p in early:
        p.join()
    vote = {"team": first["id"], "scores": {str(crit): 5}}
    closed = early[0].call("POST", "/review", vote)
    assert closed.status_code == 409 and closed.json()["message"].startswith("Оценка ещё не открыта")
    act(server, lambda wb: review.open_review(wb.store, code))
    late = Phone(server.base, code, lang="ru")
    late.join()
    refused = late.call("POST", "/review", vote)
    assert refused.status_code == 403
    assert refused.json()["message"] == "Оценивают те, кто был в зале, когда ведущий открыл оценку, и участники команд"
    assert late.call("GET", "/review").json()["refused"] == "review_joined_late"
    # one phone sending scores again and again is slowed down
    answers = [early[0].call("POST", "/review", vote) for _ in range(6)]
    assert [r.status_code for r in answers] == [200] * 4 + [429] * 2
    assert answers[-1].json()["error"] == "review_too_many"
    for p in early[1:]:
        assert p.call("POST", "/review", vote).status_code == 200
    assert _means(server, code)[first["id"]] == (5, 3)

    def facilitator(wb):
        from workbench.ui.review_view import ReviewPanel

        panel = ReviewPanel(wb, code, "ru")
        assert "Оценка открыта с" in panel.status.value and panel.toggle.description == "Закрыть оценку"
        assert "Оценили: 3 человека (участников в сессии: 24)" in panel.reviewers_head.value
        rows = [r.children[1].value for r in panel.reviewer_rows.children]
        assert all("без имени" in r and "не в команде · карточек: 0" in r for r in rows), rows
        for check in panel.checks.values():
            check.value = True
        panel.discard_button.click()
        assert "Оценок убрано: 3" in panel.message.value and "Оценили: 0 человек" in panel.reviewers_head.value
        panel.toggle.click()
        assert panel.toggle.description == "Открыть оценку" and "Оценка закрыта" in panel.status.value
    act(server, facilitator)
    assert _means(server, code)[first["id"]] == (None, 0)
    assert early[1].call("POST", "/review", vote).status_code == 409  # closed again


@pytest.mark.browser
def test_the_review_page_waits_while_closed_and_shows_the_teams_once_open(reviewing, browser):
    server, code, crit = reviewing
    act(server, lambda wb: review.close_review(wb.store, code))
    token = act(server, lambda wb: wb.store.participants(wb.store.session(code)["id"])[0]["token"])
    ctx = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    try:
        ctx.add_init_script(f"localStorage.setItem('wb:{code}', '{token}')")
        page = ctx.new_page()
        page.goto(f"{server.base}/s/{code}/review")
        msg = page.locator("#msg[data-refused='review_closed']")
        msg.wait_for(timeout=10_000)
        assert msg.inner_text().startswith("Оценка ещё не открыта") and page.locator(".team").count() == 0
        act(server, lambda wb: review.open_review(wb.store, code))
        page.locator(".team .send").first.wait_for(timeout=10_000)  # the page asks again by itself
        assert page.locator("#msg").inner_text() == "" and page.locator(".team").count() == 2
    finally:
        ctx.close()
