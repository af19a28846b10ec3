"""Real Chromium, read as a screen reader reads it: the team page's fields are headings a reader
jumps between, each text labelled by its field's name, each table named by it (a `label for` that
pointed at a table named nothing), and each field's comment boxes say which field they are for
(twelve «Комментарий к полю» told nothing apart)."""

from __future__ import annotations

import pytest

from workbench.demo import load_demo
from workbench.drafts import create_draft
from workbench.session import team_links
from workbench.testing import wait_for

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def team_server(serve):
    def prepare(wb):
        sid = wb.store.session(load_demo(wb.store, teams=False))["id"]
        did = create_draft(wb.store, sid, {"title": "Школа ремёсел", "goal": "Обучить 40 подростков к маю"})
        return team_links.team_link(wb.store, did)["token"]

    return serve(prepare)


def test_fields_are_headings_and_their_boxes_are_named_by_the_field(team_server, browser):
    server, token = team_server
    ctx = browser.new_context()
    page = ctx.new_page()
    try:
        page.goto(f"{server.base}/t/{token}")
        wait_for(lambda: page.locator("#title").inner_text() == "Школа ремёсел", message="the page drawn")
        goal = page.locator("[data-field=goal] h2").inner_text()
        headings = page.get_by_role("heading", level=2)
        assert headings.count() == page.locator(".field").count() and goal in headings.all_inner_texts()
        # the field's text is named by its heading's label
        assert page.get_by_role("textbox", name=goal, exact=True).input_value() == "Обучить 40 подростков к маю"
        # the table is named by its field's heading, its cells by their columns
        plan = page.locator("[data-field=activities] h2").inner_text()
        table = page.get_by_role("table", name=plan, exact=True)
        assert table.count() == 1
        first = page.locator("[data-field=activities] thead th, [data-field=activities] tr th").first.inner_text()
        assert table.get_by_role("textbox", name=first, exact=True).count() >= 1
        # each field's comment boxes and button say the field
        snap = page.locator("[data-field=goal] .cform").aria_snapshot()
        assert f'textbox "Комментарий к полю «{goal}»"' in snap
        assert f'button "Комментировать поле «{goal}»"' in snap
        assert page.get_by_role("textbox", name=f"Комментарий к полю «{goal}»", exact=True).count() == 1
    finally:
        ctx.close()
