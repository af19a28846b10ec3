"""One phone on the room's Wi-Fi tries to take over the wall (the flood review): a fresh token
costs a device's address a wait, while a room behind one NAT still joins at once; and the
facilitator removes a flood that got through (the fake participants, their cards, their dots)
in two clicks on the control view."""

from __future__ import annotations

import json
import time

import pytest
import sqlalchemy as sa

from workbench.demo import load_demo
from workbench.session import phone
from workbench.store.schema import participants, votes
from workbench.testing import Phone

ROOM = {"X-Forwarded-For": "203.0.113.7"}  # a room behind one NAT, as nginx reports it


def _on_ideas(bench, settings=None):
    code = load_demo(bench.store, teams=False)
    sid = bench.store.session(code)["id"]
    ideas = next(st for st in bench.store.stages(sid) if st["kind"] == "ideas")
    bench.store.set_current_stage(sid, ideas["id"])
    if settings:
        (bench.data_dir / "settings.json").write_text(json.dumps(settings))
    return code


@pytest.fixture(scope="module")
def laptop(serve):
    """The laptop on the room's Wi-Fi: the test's phones reach it directly, each request from an
    address that is one device (nothing is a trusted proxy here but an address nobody uses)."""
    return serve(lambda bench: _on_ideas(bench, {"trusted_proxies": "192.0.2.1"}))


@pytest.fixture(scope="module")
def behind_nginx(serve):
    """A server behind nginx (loopback is the trusted proxy): the room's NAT address forwarded."""
    return serve(_on_ideas)


def test_one_phone_making_fresh_joins_is_stopped_after_ten_with_a_clear_message(laptop):
    server, code = laptop
    answers = [Phone(server.base, code, lang="ru").call("POST", "/join", {}) for _ in range(30)]
    statuses = [r.status_code for r in answers]
    assert statuses == [200] * 10 + [429] * 20, statuses
    refused = answers[-1].json()
    assert refused["error"] == "join_too_many_device"
    assert refused["message"].startswith("С этого устройства уже входили несколько раз подряд: подождите ")
    # a phone that joined keeps coming back with its token, limit or not
    back = Phone(server.base, code)
    back.token = answers[0].json()["token"]
    assert back.join()["participant"] == answers[0].json()["participant"]
    # its ten tokens give the device ten cards, not fifty: the cards are limited per address too
    sent = []
    for r in answers[:10]:
        p = Phone(server.base, code, lang="ru")
        p.token = r.json()["token"]
        sent += [p.call("POST", "/cards", {"text": f"Спам {len(sent)}"}) for _ in range(5)]
    kinds = [r.status_code for r in sent]
    assert kinds.count(201) == 10 and kinds.count(429) == 40, kinds
    last = sent[-1].json()
    assert last["error"] == "cards_too_many_device" and "С этого устройства приходит слишком много карточек" in last["message"]


def test_a_room_behind_one_nat_joins_and_writes_at_once(behind_nginx):
    server, code = behind_nginx
    answers = [Phone(server.base, code).call("POST", "/join", {}, headers=ROOM) for _ in range(60)]
    assert [r.status_code for r in answers] == [200] * 60
    cards = []
    for i, r in enumerate(answers):
        p = Phone(server.base, code)
        p.token = r.json()["token"]
        cards.append(p.call("POST", "/cards", {"text": f"Идея {i}"}, headers=ROOM).status_code)
    assert cards == [201] * 60  # sixty phones of one room: none is a "device" flooding


def _flooded(wb):
    """The demo's 20 people (joined an hour ago) and, a minute ago, 100 fake participants of one
    phone, each with 5 cards and all their dots on one idea of the vote."""
    store = wb.store
    code = load_demo(store, teams=False)
    sid = store.session(code)["id"]
    with store.write() as c:
        c.execute(sa.update(participants).where(participants.c.session_id == sid)
                  .values(created_at=time.time() - 3600))
    stages = {st["kind"]: st for st in store.stages(sid)}
    store.set_current_stage(sid, stages["ideas"]["id"])
    fakes = [phone.join(store, code, {})["token"] for _ in range(100)]
    for i, token in enumerate(fakes):
        for j in range(5):
            phone.add_card(store, code, token, {"text": f"Спам {i}-{j}"})
    store.set_current_stage(sid, stages["voting"]["id"])
    store.update_stage(stages["voting"]["id"], voting_open=True)
    target = store.cards(sid, stages["ideas"]["id"])[-1]  # an idea few liked
    target["real_dots"] = _dots(store, stages["voting"]["id"], target["id"])
    for token in fakes[:50]:
        phone.ballot(store, code, token, "vote", {"card": target["id"]})
    store.set_current_stage(sid, stages["ideas"]["id"])
    return code, sid, stages, target, fakes


def _dots(store, stage_id: int, card_id: int) -> int:
    with store.read() as c:
        return c.execute(sa.select(sa.func.count()).select_from(votes).where(
            votes.c.stage_id == stage_id, votes.c.card_id == card_id)).scalar()


def test_the_facilitator_removes_a_flood_and_its_dots_in_two_clicks(wb):
    from workbench.ui.projector import ProjectorView

    code, sid, stages, target, fakes = _flooded(wb)
    real_cards = len([c for c in wb.store.cards(sid, stages["ideas"]["id"]) if not c["text"].startswith("Спам")])
    assert _dots(wb.store, stages["voting"]["id"], target["id"]) == target["real_dots"] + 50
    view = ProjectorView(wb, code)
    assert "data-joined='120'" in view.joined.value and len(view.wall.children) == real_cards + 500
    panel = view.cleanup
    assert "wb-control" in panel.widget._dom_classes  # the room never sees it
    panel.open_button.click()
    assert "wb-control" in panel.body._dom_classes and panel.body in view.main.children
    panel.minutes.value = 10
    assert "вошли 100, из них прислали карточки 100 (карточек: 500), ничего не прислали 0" in panel.summary.value
    panel.recent_button.click()  # the first click only says what would go
    assert "Убрать 100 участников, вошедших за 10 мин, и скрыть их карточки (500)" in panel.question.value
    assert wb.store.count_participants(sid) == 120
    panel.yes_button.click()
    assert "Убрано участников: 100, скрыто карточек: 500" in view.message.value
    assert "data-joined='20'" in view.joined.value
    assert len(view.wall.children) == real_cards  # the real cards are back on one screen
    assert _dots(wb.store, stages["voting"]["id"], target["id"]) == target["real_dots"]  # the fakes' dots are gone
    with pytest.raises(Exception) as gone:  # a removed phone's token opens nothing
        phone.state(wb.store, code, fakes[0])
    assert getattr(gone.value, "status", None) == 401


def test_the_authors_of_ticked_cards_go_with_all_their_cards_and_idle_joins_go_too(wb):
    from workbench.ui.projector import ProjectorView

    code, sid, stages, target, fakes = _flooded(wb)
    spammer = phone.join(wb.store, code, {})["token"]
    spam = [phone.add_card(wb.store, code, spammer, {"text": f"Купи слона {i}"})["id"] for i in range(3)]
    for _ in range(7):  # joined to swell the count, sent nothing
        phone.join(wb.store, code, {})
    view = ProjectorView(wb, code)
    panel = view.cleanup
    panel.open_button.click()
    panel.authors_button.click()  # nothing ticked: said, nothing removed
    assert "Отметьте ✓ карточки" in view.message.value
    view.select(spam[0], *[c["id"] for c in wb.store.cards(sid, stages["ideas"]["id"])
                           if c["text"] in ("Спам 0-0", "Спам 1-3")])
    panel.authors_button.click()
    assert "Убрать 3 участника (отмечено карточек: 3)" in panel.question.value
    panel.no_button.click()  # thought better of it: nothing happens
    assert panel.confirm.layout.display == "none" and wb.store.count_participants(sid) == 128
    panel.authors_button.click()
    panel.yes_button.click()
    assert "Убрано участников: 3, скрыто карточек: 13" in view.message.value
    shown = {c["text"] for c in wb.store.cards(sid, stages["ideas"]["id"])}
    assert not shown & {"Купи слона 0", "Купи слона 2", "Спам 0-4", "Спам 1-0"} and "Спам 2-0" in shown
    assert view.selected == []
    panel.idle_button.click()
    assert "Убрать 7 участников, вошедших за 10 мин и ничего не приславших" in panel.question.value
    panel.yes_button.click()
    assert wb.store.count_participants(sid) == 118 and "data-joined='118'" in view.joined.value
    view.lang_toggle.value = "en"
    assert panel.open_button.description == "Close “Remove fake participants”"
    assert "joined: 98" in panel.summary.value


@pytest.mark.browser
def test_the_control_view_in_chromium_clears_a_flooded_wall_in_two_clicks(browser, fresh):
    from workbench.session import display
    from workbench.testing import open_projector, wait_for

    wb, start = fresh
    code = load_demo(wb.store, teams=False)
    sid = wb.store.session(code)["id"]
    with wb.store.write() as c:
        c.execute(sa.update(participants).where(participants.c.session_id == sid)
                  .values(created_at=time.time() - 3600))
    ideas = next(st for st in wb.store.stages(sid) if st["kind"] == "ideas")
    wb.store.set_current_stage(sid, ideas["id"])
    for i in range(30):
        token = phone.join(wb.store, code, {})["token"]
        for j in range(3):
            phone.add_card(wb.store, code, token, {"text": f"Спам {i}-{j}"})
    assert display.state(wb.store, code)["joined"] == "Участников: 50"
    server = start()
    screen, frame = open_projector(browser, server, code)
    frame.locator(".wb-card", has_text="Спам 29-2").wait_for(timeout=30_000)
    frame.locator("button.wb-cleanup-open").click()
    frame.locator(".wb-cleanup-summary", has_text="вошли 30, из них прислали карточки 30 (карточек: 90)").wait_for(timeout=10_000)
    frame.locator("button.wb-cleanup-recent").click()
    frame.locator(".wb-cleanup-question", has_text="Убрать 30 участников").wait_for(timeout=10_000)
    frame.locator("button.wb-cleanup-yes").click()
    frame.locator("[data-joined='20']").wait_for(timeout=10_000)
    wait_for(lambda: frame.locator(".wb-card", has_text="Спам").count() == 0, timeout=10, message="the spam gone")
    assert "Убрано участников: 30, скрыто карточек: 90" in frame.locator(".wb-projector").inner_text()
    assert display.state(wb.store, code)["joined"] == "Участников: 20"
    screen.close()
