"""The application layer (`workbench/session/`): rules in one place, each action in one transaction,
every round of a vote in the protocol, and a decision method added without touching the rest."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import event

from workbench.errors import WorkbenchError
from workbench.exports import protocol_context, protocol_markdown
from workbench.session import facilitator, phone, statements, voting
from workbench.session.phone import phone_state
from workbench.ui.projector import ProjectorView


def _stage(wb, code, kind):
    s = wb.store.session(code)
    return s, next(st for st in wb.store.stages(s["id"]) if st["kind"] == kind)


def _count_transactions(store):
    """A list that grows by one at every BEGIN on the store's engine."""
    begins = []
    event.listen(store.engine, "begin", lambda conn: begins.append(1))
    return begins


def test_protocol_shows_dots_and_then_a_matrix_on_the_same_stage(wb, demo):
    s, st = _stage(wb, demo, "voting")
    dots_before = wb.store.count_votes(st["id"])
    assert dots_before == 51  # the demo's dot vote
    facilitator.set_method(wb.store, st["id"], "matrix")
    facilitator.toggle_voting(wb.store, st["id"])
    st = wb.store.stage(st["id"])
    items = voting.method(st).items(wb.store, st, wb.store.cards(s["id"], st["target_stage_id"]))
    assert len(items) == 6  # the top 6 of the dot vote held on this very stage
    raters = [wb.store.join(s["id"], name=f"Оценщик {i}") for i in range(2)]
    for p in raters:
        voting.rate(wb.store, st["id"], p["id"], items[0]["id"], 5, 4)
    rounds = [v for v in protocol_context(wb.store, demo)["voting"] if v["id"] == st["id"]]
    assert [r["method"] for r in rounds] == ["Голоса (точки)", "Важность × выполнимость"]
    dots, matrix = rounds
    assert sum(r["cells"][0] for r in dots["rows"]) == dots_before  # no dot vanished
    assert dots["voters"] == len(wb.store.voters("votes", st["id"]))
    assert matrix["voters"] == 2 and matrix["rows"][0]["text"] == items[0]["text"]
    md = protocol_markdown(wb.store, demo)
    assert "Голосование: Голоса (точки)" in md and "Голосование: Важность × выполнимость · " in md


def test_a_dot_from_a_phone_is_one_transaction(wb, demo):
    s, st = _stage(wb, demo, "voting")
    wb.store.update_stage(st["id"], voting_open=True)
    wb.store.set_current_stage(s["id"], st["id"])
    token = phone.join(wb.store, demo, {"name": "Анна"})["token"]
    card = phone.state(wb.store, demo, token)["cards"][0]["id"]
    begins = _count_transactions(wb.store)
    out = phone.ballot(wb.store, demo, token, "vote", {"card": card, "request_id": "tap-1"})
    assert out["used"] == 1 and len(begins) == 1
    phone.ballot(wb.store, demo, token, "vote", {"card": card, "request_id": "tap-1"})  # a double tap
    assert wb.store.dots_of(st["id"], wb.store.participant_by_token(s["id"], token)["id"]) == {card: 1}


def test_a_refused_ballot_writes_nothing(wb, demo):
    s, st = _stage(wb, demo, "voting")
    wb.store.update_stage(st["id"], voting_open=True, vote_budget=1)
    wb.store.set_current_stage(s["id"], st["id"])
    token = phone.join(wb.store, demo, {})["token"]
    cards = [c["id"] for c in phone.state(wb.store, demo, token)["cards"]]
    phone.ballot(wb.store, demo, token, "vote", {"card": cards[0]})
    with pytest.raises(Exception, match="vote_budget_exceeded"):
        phone.ballot(wb.store, demo, token, "vote", {"card": cards[1]})
    with pytest.raises(Exception, match="voting_not_open"):
        phone.ballot(wb.store, demo, token, "rate", {"card": cards[0], "impact": 3, "feasibility": 3})
    assert wb.store.count_votes(st["id"]) == 52 and wb.store.ratings(st["id"]) == []


def test_a_ballot_sent_again_after_the_stage_moved_counts_nowhere(wb, demo):
    """A phone cut off during a dot vote sends its dot again once the server answers; the
    facilitator meanwhile opened a second dot round on the same ideas: the dot is refused
    (the phone says it was not counted), not added to the second round."""
    s, first = _stage(wb, demo, "voting")
    second = wb.store.add_stage(s["id"], "voting", title="Второй тур")
    wb.store.update_stage(second, target_stage_id=first["target_stage_id"], voting_open=True)
    wb.store.set_current_stage(s["id"], second)
    token = phone.join(wb.store, demo, {})["token"]
    card = phone.state(wb.store, demo, token)["cards"][0]["id"]
    for action, data in (("vote", {"card": card}), ("rate", {"card": card, "impact": 3, "feasibility": 3})):
        with pytest.raises(WorkbenchError, match="ballot_stage_moved") as refused:
            phone.ballot(wb.store, demo, token, action, dict(data, stage=first["id"], request_id="r1"))
        assert refused.value.status == 409
    with pytest.raises(WorkbenchError, match="ballot_stage_moved"):
        phone.statement_vote(wb.store, demo, token, {"card": card, "vote": 1, "stage": first["id"]})
    # a dot that did count on the first round, whose answer was lost: counted, not "refused"
    wb.store.set_current_stage(s["id"], first["id"])
    wb.store.update_stage(first["id"], voting_open=True)
    phone.ballot(wb.store, demo, token, "vote", {"card": card, "stage": first["id"], "request_id": "r0"})
    wb.store.set_current_stage(s["id"], second)
    assert phone.ballot(wb.store, demo, token, "vote",
                        {"card": card, "stage": first["id"], "request_id": "r0"}) == {"counted": True}
    pid = wb.store.participant_by_token(s["id"], token)["id"]
    assert wb.store.dots_of(first["id"], pid) == {card: 1}
    assert wb.store.count_votes(second) == 0
    out = phone.ballot(wb.store, demo, token, "vote", {"card": card, "stage": second, "request_id": "r2"})
    assert out["used"] == 1


def test_hiding_several_cards_is_one_transaction_and_all_or_nothing(wb, demo):
    s, ideas = _stage(wb, demo, "ideas")
    cards = [c["id"] for c in wb.store.cards(s["id"], ideas["id"])][:3]
    begins = _count_transactions(wb.store)
    facilitator.hide(wb.store, cards)
    assert len(begins) == 1
    assert not {c["id"] for c in wb.store.cards(s["id"], ideas["id"])} & set(cards)
    left = [c["id"] for c in wb.store.cards(s["id"], ideas["id"])][:2]
    with pytest.raises(WorkbenchError, match="card_unknown"):
        facilitator.hide(wb.store, [*left, 10**9])  # one unknown card: nothing is hidden
    assert set(left) <= {c["id"] for c in wb.store.cards(s["id"], ideas["id"])}


class Approval(voting.Method):
    """Approval voting, as a newcomer would add it: mark every idea you could live with."""

    name = "approval"
    ballots = "votes"  # one dot per approved card
    messages = {"method_approval": ("Одобрение", "Approval"),
                "method_approval_prompt": ("Отметьте все идеи, которые поддерживаете", "Mark every idea you support")}

    @staticmethod
    def approve(store, st, pid, data):
        card = voting.int_field(data, "card")
        with store.transaction():
            voting.open_stage(store, st["id"], "approval")
            voting.METHODS["approval"].check_cards(store, st, [card])
            if card not in store.dots_of(st["id"], pid):
                store.add_dot(st["id"], pid, card)
            return {"approved": sorted(store.dots_of(st["id"], pid))}

    actions = {"approve": approve}

    def phone(self, store, stage, items, participant_id):
        return {"decide": {"method": self.name, "open": bool(stage["voting_open"]),
                           "items": [{"id": c["id"], "text": c["text"]} for c in items],
                           "mine": sorted(store.dots_of(stage["id"], participant_id))}}

    def results(self, store, stage, items):
        totals = store.vote_totals(stage["id"])
        return sorted(({"id": c["id"], "approvals": totals.get(c["id"], 0)} for c in items),
                      key=lambda r: (-r["approvals"], r["id"]))

    def protocol(self, rows, L):
        return ["✓"], [[r["approvals"]] for r in rows]


@pytest.fixture
def approval(monkeypatch):
    from workbench.ui import voting_views

    monkeypatch.setattr(voting, "METHODS", dict(voting.METHODS))
    monkeypatch.setattr(voting, "ACTIONS", dict(voting.ACTIONS))
    monkeypatch.setitem(voting_views.VIEWS, "approval",
                        lambda rows, texts, lang: "".join(f"<p data-card='{r['id']}'>{r['approvals']}</p>" for r in rows))
    return voting.register(Approval())


def test_a_fifth_method_needs_only_its_class_its_view_and_its_widget(wb, demo, approval):
    s, ideas = _stage(wb, demo, "ideas")
    # A stage of its own: approvals are stored as dots, so they don't share a stage with a dot vote.
    st = wb.store.stage(wb.store.add_stage(s["id"], "voting", title="Одобрение идей"))
    wb.store.set_current_stage(s["id"], st["id"])
    view = ProjectorView(wb, demo)
    view.stage_picker.value = st["id"]
    assert "approval" in [value for _, value in view.method.options]  # the projector lists it
    view.method.value = "approval"
    assert wb.store.stage(st["id"])["prompt"] == "Отметьте все идеи, которые поддерживаете"
    facilitator.toggle_voting(wb.store, st["id"])
    token = phone.join(wb.store, demo, {})["token"]
    state = phone.state(wb.store, demo, token)
    assert state["decide"]["method"] == "approval" and state["cards"] == []
    first, second = (i["id"] for i in state["decide"]["items"][:2])
    phone.ballot(wb.store, demo, token, "approve", {"card": first})
    assert phone.ballot(wb.store, demo, token, "approve", {"card": second})["approved"] == sorted([first, second])
    view.refresh()
    assert f"data-card='{first}'" in view.chart.value  # the projector draws its view
    rounds = [v for v in protocol_context(wb.store, demo)["voting"] if v["id"] == st["id"]]
    assert rounds[-1]["method"] == "Одобрение" and rounds[-1]["voters"] == 1
    with pytest.raises(Exception, match="voting_not_open"):
        phone.ballot(wb.store, demo, token, "vote", {"card": first})  # dots are not this stage's method
    facilitator.toggle_voting(wb.store, st["id"])
    facilitator.toggle_results(wb.store, st["id"])  # its results on phones, in its protocol's columns
    shown = phone.state(wb.store, demo, token)["results"]
    assert [(r["place"], r["shown"]) for r in shown[:3]] == [(1, "✓: 1"), (1, "✓: 1"), (3, "✓: 0")]


def test_phone_state_of_a_dots_stage_is_shaped_as_before(wb, demo):
    s, st = _stage(wb, demo, "voting")
    wb.store.set_current_stage(s["id"], st["id"])
    p = wb.store.join(s["id"], name="Пётр")
    state = phone_state(wb.store, wb.store.session(demo), p)
    assert state["voting"] == {"open": False, "budget": 3, "used": 0, "mine": {}}
    ideas = [c for c in wb.store.cards(s["id"], st["target_stage_id"]) if not c["is_group"]]
    assert state["decide"] is None and state["results"] is None
    assert [c["id"] for c in state["cards"]] == [c["id"] for c in ideas]


def test_lower_layers_never_import_higher_ones():
    # A fresh interpreter, so what the other tests imported does not count.
    code = ("import sys, workbench.session.phone, workbench.session.facilitator, workbench.exports, "
            "workbench.clustering, workbench.opinion, workbench.network, workbench.store.transfer, "
            "workbench.drafts, workbench.tableio; "
            "print(sorted(m for m in sys.modules if m.startswith(('workbench.ui', 'workbench.web', "
            "'workbench.cli', 'ipywidgets', 'tornado'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_cards_go_only_where_a_stage_takes_them(wb, demo):
    s, voting_stage = _stage(wb, demo, "voting")
    _, ideas = _stage(wb, demo, "ideas")
    with pytest.raises(WorkbenchError, match="stage_not_open"):
        facilitator.add_card(wb.store, s["id"], voting_stage["id"], "Карточка на голосовании")
    wb.store.set_current_stage(s["id"], voting_stage["id"])
    token = phone.join(wb.store, demo, {})["token"]
    with pytest.raises(WorkbenchError, match="stage_not_open"):
        phone.add_card(wb.store, demo, token, {"text": "С телефона на голосовании"})
    assert facilitator.add_card(wb.store, s["id"], ideas["id"], "Записал ведущий")["by_facilitator"]


def test_a_card_sent_again_with_its_request_id_is_stored_once(wb, demo):
    """A phone whose answer was lost sends its card again, with the same request id, when the
    connection is back: the card is stored once, the retry costs no card of the phone's limit,
    and it is acknowledged even if the facilitator has moved on meanwhile."""
    from workbench.errors import TooMany

    s, ideas = _stage(wb, demo, "ideas")
    _, growth = _stage(wb, demo, "growth")
    wb.store.set_current_stage(s["id"], ideas["id"])
    token = phone.join(wb.store, demo, {})["token"]
    spent = []

    def limit(pid):
        spent.append(pid)
        if len(spent) > 1:
            raise TooMany("too_many", seconds=5)

    body = {"text": "Прокат лодок на озере", "stage": ideas["id"], "request_id": "r-1"}
    first = phone.add_card(wb.store, demo, token, body, limit=limit)
    again = phone.add_card(wb.store, demo, token, body, limit=limit)
    assert again == first and len(spent) == 1
    wb.store.set_current_stage(s["id"], growth["id"])
    assert phone.add_card(wb.store, demo, token, body, limit=limit) == first  # it did arrive
    texts = [c["text"] for c in wb.store.cards(s["id"], ideas["id"])]
    assert texts.count("Прокат лодок на озере") == 1
    # A new request id on the old stage is a new card, refused: the phone missed the stage change.
    with pytest.raises(WorkbenchError, match="stage_not_open"):
        phone.add_card(wb.store, demo, token, dict(body, request_id="r-2"))
    # Another phone's request id is its own.
    other = phone.join(wb.store, demo, {})["token"]
    wb.store.set_current_stage(s["id"], ideas["id"])
    assert phone.add_card(wb.store, demo, other, body)["id"] != first["id"]
    with pytest.raises(WorkbenchError, match="bad_request"):
        phone.add_card(wb.store, demo, token, dict(body, request_id="x" * 65))


def test_phones_get_group_headings_only_where_they_list_the_cards(wb, demo):
    """On a card stage the groups head their cards; a matrix, a dot vote or the teams showed every
    group's name as an empty heading: they get none."""
    s, ideas = _stage(wb, demo, "ideas")
    _, vote = _stage(wb, demo, "voting")
    _, teams = _stage(wb, demo, "teams")
    ids = [c["id"] for c in wb.store.cards(s["id"], ideas["id"])]
    facilitator.accept_groups(wb.store, ideas["id"], [("Туризм", ids[:4]), ("Ремёсла", ids[4:8])])
    p = wb.store.join(s["id"])

    def state(stage_id, board=None):
        wb.store.set_current_stage(s["id"], stage_id)
        return phone_state(wb.store, wb.store.session(demo), p, board=board)

    assert [g["name"] for g in state(ideas["id"])["groups"]] == ["Туризм", "Ремёсла"]
    on_ideas = state(ideas["id"], board="")
    assert len(on_ideas["groups"]) == 2
    for method in ("dots", "matrix"):
        facilitator.set_method(wb.store, vote["id"], method)
        assert state(vote["id"])["groups"] == []
        # The board the phone kept from the ideas stage is not the voting stage's board.
        assert state(vote["id"], board=on_ideas["board"])["groups"] == []
    assert state(teams["id"])["groups"] == [] and state(teams["id"], board="")["groups"] == []
    assert {t["text"] for t in state(teams["id"])["teams"]} == {"Туризм", "Ремёсла"}


def test_the_join_page_learns_which_session_it_is(wb, demo):
    about = phone.about(wb.store, demo.lower())
    # the demo keeps no language of its own: the `lang` setting's, as the control view opens in
    assert about == {"code": demo, "title": wb.store.session(demo)["title"], "territory": "Каргопольский округ",
                     "lang": None, "head": phone.headline(wb.store, wb.store.session(demo))}
    assert phone.about(wb.store, demo, default_lang="ru")["lang"] == "ru"
    with pytest.raises(WorkbenchError, match="session_unknown"):
        phone.about(wb.store, "NOSUCH")
    from workbench.session import display, templates

    code = templates.create_session(wb.store, "Future of the district", data_dir=wb.data_dir, lang="en")
    assert phone.about(wb.store, code)["lang"] == "en"  # the language it was made in
    display.set_language(wb.store, wb.store.session(code)["id"], "ru")  # then the control view's RU
    assert phone.about(wb.store, code)["lang"] == "ru"


def test_a_phone_words_a_round_nobody_opened_as_the_facilitator_does(wb):
    """Before the facilitator ever opened a vote the phone said "Голосование закрыто", as if the
    round were over; it now gets the facilitator's screen's status (`voting.status`): not opened
    until the facilitator opens it, open, then closed (with or without ballots; a round of another
    method is not opened yet). The same for statements."""
    from workbench.session.snapshot import SharedReads

    code = wb.store.create_session("Без голосов")
    s, vote = _stage(wb, code, "voting")
    ideas = next(st for st in wb.store.stages(s["id"]) if st["kind"] == "ideas")
    card = facilitator.add_card(wb.store, s["id"], ideas["id"], "Прокат лодок")
    p = wb.store.join(s["id"], name="Пётр")
    shared = SharedReads()

    def status():
        plain = phone_state(wb.store, wb.store.session(code), p)["voting_status"]
        reads = shared.reads(wb.store, wb.store.version())[0]  # as 300 polling phones read it
        assert phone_state(reads, reads.session(code), p, board="")["voting_status"] == plain
        return plain

    wb.store.set_current_stage(s["id"], ideas["id"])
    assert status() is None  # a card stage has no round
    wb.store.set_current_stage(s["id"], vote["id"])
    assert status() == "not_opened"
    facilitator.toggle_voting(wb.store, vote["id"])
    assert status() == "is_open"
    facilitator.toggle_voting(wb.store, vote["id"])
    # Opened and closed with nobody voting: the round is over, not «ещё не открыто».
    assert status() == "closed"
    facilitator.set_method(wb.store, vote["id"], "matrix")  # a new round: not opened yet
    assert status() == "not_opened"
    facilitator.set_method(wb.store, vote["id"], "dots")
    facilitator.toggle_voting(wb.store, vote["id"])
    voting.vote(wb.store, vote["id"], p["id"], card["id"])
    facilitator.toggle_voting(wb.store, vote["id"])
    assert status() == "closed"

    facilitator.to_statements(wb.store, s["id"], [card["id"]])
    _, stmts = _stage(wb, code, "statements")
    wb.store.set_current_stage(s["id"], stmts["id"])
    assert status() == "not_opened"
    facilitator.toggle_voting(wb.store, stmts["id"])
    assert status() == "is_open"
    statement = phone_state(wb.store, wb.store.session(code), p)["statements"]["next"]
    statements.vote(wb.store, stmts["id"], p["id"], statement["id"], 1)
    facilitator.toggle_voting(wb.store, stmts["id"])
    assert status() == "closed"
