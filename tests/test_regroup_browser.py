"""Real Chromium: grouping again in the control view says what becomes of a project draft made
from a group that goes and of a stage's candidates chosen among such groups, before anything
changes; «Принять и обнулить» keeps the draft's text."""

from __future__ import annotations

import pytest

from workbench.drafts import draft_fields, idea_draft, save_fields
from workbench.session import facilitator, stages
from workbench.session.wall import groups
from workbench.testing import ideas_session, open_projector

pytestmark = pytest.mark.browser

IDEAS = [
    "Плохие дороги между деревнями", "Открыть молодёжный клуб", "Ярмарка местных продуктов",
    "Дороги в ужасном состоянии", "Молодёжи негде проводить досуг", "Рынок выходного дня для фермеров",
    "Отремонтировать дорогу до Ошевенска", "Клуб для подростков и молодёжи", "Продавать местные продукты на ярмарке",
]
SUMMARY = "Ярмарка каждую субботу у клуба, с местными продуктами"


def test_grouping_again_says_what_becomes_of_drafts_and_chosen_groups(browser, fresh):
    wb, start = fresh
    store = wb.store
    made = ideas_session(wb, "Перегруппировка", IDEAS, by_facilitator=False)
    code, sid, by_kind, ids = made["code"], made["sid"], made["stages"], made["cards"]
    # three groups, each of a road, a youth and a market idea: no proposal puts them together again
    mixed = facilitator.accept_groups(store, by_kind["ideas"]["id"],
                                      [(f"Смесь {k + 1}", ids[3 * k:3 * k + 3]) for k in range(3)])
    draft = idea_draft(store, code, mixed[0])["id"]
    save_fields(store, draft, {"summary": SUMMARY})
    stages.set_group_source(store, by_kind["teams"]["id"], mixed[:2])
    server = start()
    screen, frame = open_projector(browser, server, code)
    frame.get_by_role("button", name="Проектные идеи").click()
    frame.get_by_role("button", name="Предложить группы").click()
    frame.wait_for_selector("text=Предложение", timeout=60_000)
    frame.get_by_role("button", name="Принять группы").click()
    alert = frame.locator("[role=alert]:has-text('Принять новые группы всё равно?')")
    alert.wait_for()
    said = alert.inner_text()
    assert said.startswith("Новые группы заменят прежние")
    assert "У уходящих групп есть проекты (1): они останутся в списке «Проекты» со всем текстом." in said
    assert ("Уходящие группы выбраны кандидатами на 1 этапе («идеи выбранных групп»): они уйдут из этого "
            "выбора, а этап, где групп не останется, вернётся к кандидатам по умолчанию.") in said
    box = alert.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1280  # whole on the laptop's screen
    assert [g["text"] for g in groups(store.cards(sid, by_kind["ideas"]["id"]))] == [
        "Смесь 1", "Смесь 2", "Смесь 3"]  # nothing changed while it asks
    frame.get_by_role("button", name="Принять и обнулить").click()
    alert.wait_for(state="detached")
    assert "Смесь 1" not in [g["text"] for g in groups(store.cards(sid, by_kind["ideas"]["id"]))]
    assert draft_fields(store.draft(draft))["summary"] == SUMMARY  # the draft, text and all
    assert store.stage(by_kind["teams"]["id"])["source_method"] == ""  # default candidates, not none
