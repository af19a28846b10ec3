"""The vote's two switches on the control view do what they said when clicked: a second tab of
the control view (or a second laptop) that has not redrawn yet, or a double click, no longer
undoes what the first click did."""

from __future__ import annotations

import pytest

from workbench.session import facilitator
from workbench.testing import open_projector, voting_session
from workbench.ui.projector import ProjectorView


def _vote_view(wb, room):
    view = ProjectorView(wb, room["code"])
    view.stage_picker.value = room["vote"]
    return view


def test_closing_the_vote_in_two_tabs_leaves_it_closed(wb):
    """Both facilitators saw «Закрыть голосование» and clicked it: the vote closed, then opened
    again for the room, and both tabs read «Открыть голосование» over an open vote."""
    room = voting_session(wb, "Две вкладки", "dots")
    first, second = _vote_view(wb, room), _vote_view(wb, room)
    assert first.voting_toggle.description == second.voting_toggle.description == "Закрыть голосование"
    first.voting_toggle.click()
    second.voting_toggle.click()  # drawn before the first click: it still says «Закрыть голосование»
    assert not wb.store.stage(room["vote"])["voting_open"]
    assert second.voting_toggle.description == "Открыть голосование"
    first.results_toggle.click()
    second.results_toggle.click()
    assert wb.store.stage(room["vote"])["results_visible"]
    assert second.results_toggle.description == first.results_toggle.description == "Скрыть результаты"


def test_the_switch_from_the_terminal_still_toggles(wb):
    room = voting_session(wb, "Терминал", "dots")
    assert not facilitator.toggle_voting(wb.store, room["vote"])["voting_open"]
    assert facilitator.toggle_voting(wb.store, room["vote"])["voting_open"]


@pytest.mark.browser
def test_a_double_click_on_close_voting_closes_it(browser, fresh):
    """The double click's second click opened the vote again: the button still read «Закрыть
    голосование» and the phones saw the vote blink shut."""
    wb, start = fresh
    room = voting_session(wb, "Двойной щелчок", "dots")
    server = start()
    screen, frame = open_projector(browser, server, room["code"])
    try:
        frame.get_by_role("button", name="Закрыть голосование").dblclick()
        # the kernel takes clicks in order: once this one is drawn, both of the double click's are done
        frame.get_by_role("button", name="Показать результаты на телефонах").click()
        frame.get_by_role("button", name="Скрыть результаты").wait_for()
        assert not wb.store.stage(room["vote"])["voting_open"]
        assert frame.get_by_role("button", name="Открыть голосование").is_visible()
        frame.get_by_role("button", name="Открыть голосование").click()  # one click still switches
        frame.get_by_role("button", name="Закрыть голосование").wait_for()
        assert wb.store.stage(room["vote"])["voting_open"]
    finally:
        screen.close()


@pytest.mark.browser
def test_a_double_click_in_the_control_view_opened_without_its_frame_closes_the_vote(browser, fresh):
    """The control view opened at its own address (/voila/render/…, as a bookmark or a second
    laptop may have it), without the projector page's frame that drops a double click's second
    click: the double click still closes the vote once, and shows results once."""
    wb, start = fresh
    room = voting_session(wb, "Без рамки", "dots")
    server = start()
    ctx = browser.new_context(viewport={"width": 1280, "height": 720})
    view = ctx.new_page()
    try:
        view.goto(server.projector_url(room["code"]))  # the facilitator's login, as the link gives it
        view.goto(f"{server.base}/voila/render/facilitator.ipynb?session={room['code']}")
        view.wait_for_selector(".wb-projector", timeout=60_000)
        view.get_by_role("button", name="Закрыть голосование").dblclick()
        view.get_by_role("button", name="Показать результаты на телефонах").dblclick()
        # the kernel takes clicks in order: once this one is drawn, the double clicks are done
        view.get_by_role("button", name="Скрыть результаты").wait_for()
        view.get_by_role("button", name="Открыть голосование").wait_for()
        assert not wb.store.stage(room["vote"])["voting_open"]
        assert wb.store.stage(room["vote"])["results_visible"]
        view.get_by_role("button", name="Открыть голосование").click()  # one click still switches
        view.get_by_role("button", name="Закрыть голосование").wait_for()
        assert wb.store.stage(room["vote"])["voting_open"]
    finally:
        ctx.close()
