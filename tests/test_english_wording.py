"""English as a room reads it: names in running text are quoted “…” (never the Russian «…» next to
“…” on one line), and a count says "1 participant", "2 participants" (never "1 participants")."""

from __future__ import annotations

import re

import pytest

from workbench.i18n import MESSAGES, t
from workbench.session.stages import describe_target

# English texts that quote Russian words (column headings, organisations' names) as Russian sets them
QUOTING_RUSSIAN = {"na_org_merges_note", "net_orgs_columns", "cli_help_network_orgs", "cli_help_network_no_merge_orgs",
                   "net_shape"}


def test_english_messages_quote_names_the_english_way():
    guillemets = [k for k, (_, en) in MESSAGES.items() if ("«" in en or "»" in en) and k not in QUOTING_RUSSIAN]
    assert guillemets == []


def test_the_control_views_vote_line_quotes_both_stages_alike():
    """The reviewer's line: «Voting on: the groups of “Project ideas” · candidates: the best 6 of
    «Voting» — Dots»."""
    line = describe_target({"target_stage_id": 2, "vote_on": "groups"}, {2: {"title": "Project ideas"}}, "en")
    source = t("protocol_source", "en", n=6, stage="Voting", method="Dots")
    assert (line, source) == ("Voting on: the groups of “Project ideas”", "candidates: the best 6 of “Voting” — Dots")
    assert t("stage_added", "en", title="Voting 2") == "Added the stage “Voting 2”"
    assert t("draft_ideas_by_round", "en", stage="Voting 2", method="impact × feasibility") == (
        "Ideas by the result of “Voting 2”, impact × feasibility")
    assert t("named", "ru", value="Голосование") == "«Голосование»"  # Russian keeps its own


@pytest.mark.parametrize(("key", "params", "said"), [
    ("cleanup_ask_authors", {"n": 1, "cards": 3}, "Remove 1 participant (cards ticked: 3)"),
    ("reg_delete_confirm", {"n": 1}, "Delete 1 registration?"),
    ("reg_forget_confirm", {"name": "Anna", "regs": 1, "joined": 2}, "1 registration, 2 sessions joined"),
    ("pairwise_enough", {"n": 1}, "you have answered 1 time,"),
    ("proposal", {"n": 2}, "Proposal: 2 groups"),
    ("cli_restore_done", {"file": "b.sqlite", "sessions": 1, "cards": 1}, "1 session, 1 card."),
    ("cli_network_done", {"nodes": 1, "edges": 1, "communities": 1, "files": 4, "output": "out"},
     "1 node, 1 edge, 1 community; wrote 4 files"),
    ("cli_person_forgotten", {"registrations": 1, "participants": 1}, "deleted 1 registration, blanked 1 participant"),
])
def test_one_of_a_thing_is_one_not_ones(key, params, said):
    assert said in t(key, "en", **params)


COUNTED = ("participants", "registrations", "sessions", "cards", "groups", "times", "problems", "files",
           "pairs", "spellings", "nodes", "edges", "communities", "ideas", "votes", "dots", "people", "teams")


def test_no_english_count_is_plural_whatever_the_number():
    """A count of things the room may have one of takes the catalogue's plural ({n|dot|dots});
    limits ({max} characters) and counts of many are left as they are."""
    bare = [(k, m.group(0)) for k, (_, en) in MESSAGES.items()
            for m in re.finditer(r"\{(\w+)\} (\w+)", en)
            if m.group(2) in COUNTED and m.group(1) not in ("max", "need", "min", "graphs")]
    assert bare == []


def test_the_logic_check_quotes_a_teams_words_as_english_does():
    """The drafts page said «Ideas by the result of “Voting 2”» above «Task 1 'Sports ground for
    kids' has no activity»: one way of quoting on one page."""
    from workbench.drafts import empty_draft, logic_check

    draft = {**empty_draft(), "title": "Youth club", "tasks": ["Sports ground for kids"]}
    said = [f["message"] for f in logic_check({"fields": draft, "title": "Youth club"}, "en")]
    assert "Task 1 “Sports ground for kids” has no activity" in said


def test_a_templates_vote_switched_to_another_method_asks_that_methods_question(wb):
    """An online meeting's dot vote («Give your dots to the best proposals», the template's words)
    switched to the matrix kept asking for dots, on phones and on its paper ballot."""
    from workbench.session import facilitator, printing, stages, templates

    code = templates.create_session(wb.store, "Team meeting", "online_meeting", data_dir=wb.data_dir, lang="en")
    vote = next(s for s in wb.store.stages(wb.store.session(code)["id"]) if s["kind"] == "voting")
    assert vote["prompt"] == "Give your dots to the best proposals"
    facilitator.set_method(wb.store, vote["id"], "matrix")
    ballot = printing.ballot(wb.store, code, lang="en")
    assert (ballot["prompt"], ballot["mark"]) == ("Rate each idea: how important, how feasible",
                                                  "For each idea circle a mark from 1 to 5: impact and feasibility")
    assert printing.ballot(wb.store, code, lang="ru")["prompt"] == "Оцените каждую идею: насколько важна и насколько выполнима"
    stages.set_prompt(wb.store, vote["id"], "Which proposal first?")
    facilitator.set_method(wb.store, vote["id"], "ranking")
    assert printing.ballot(wb.store, code, lang="en")["prompt"] == "Which proposal first?"  # typed: it stays


@pytest.mark.parametrize(("method", "mark"), [
    ("dots", "Tick ✓ at most 3 groups"),
    ("matrix", "For each group circle a mark from 1 to 5: impact and feasibility"),
    ("ranking", "Give each group a place from 1 (the best) to 2"),
    ("pairwise", "Give each group a place from 1 (the best) to 2"),
])
def test_a_paper_ballot_on_groups_says_groups(wb, method, mark):
    """A matrix on groups printed «For each idea circle a mark» above the groups' names."""
    from workbench.session import facilitator, printing, templates

    code = templates.create_session(wb.store, "Future of the district", data_dir=wb.data_dir, lang="en")
    sid = wb.store.session(code)["id"]
    stages = {s["kind"]: s for s in wb.store.stages(sid)}
    cards = [facilitator.add_card(wb.store, sid, stages["ideas"]["id"], text)["id"]
             for text in ("Boat rental", "Bus to Lyadiny", "Fair", "Trail")]
    facilitator.new_group(wb.store, stages["ideas"]["id"], "Tourism", cards[:2])
    facilitator.new_group(wb.store, stages["ideas"]["id"], "Transport", cards[2:])
    facilitator.set_vote_on(wb.store, stages["voting"]["id"], "groups")
    facilitator.set_method(wb.store, stages["voting"]["id"], method)
    ballot = printing.ballot(wb.store, code, lang="en")
    assert ballot["mark"] == mark and [i["text"] for i in ballot["items"]] == ["Tourism", "Transport"]
    if method == "pairwise":  # paper asks for places: the ranking's question, not «Pick one of each pair»
        assert ballot["prompt"] == "Put the groups in order of importance"


def test_the_drafts_pages_review_panel_says_since_when_in_english(wb):
    """«The review is open since 10:11» under «Close the review»: a Russian tense in English."""
    from workbench.session import review, templates
    from workbench.ui.review_view import ReviewPanel

    code = templates.create_session(wb.store, "Future of the district", data_dir=wb.data_dir, lang="en")
    review.add_criterion(wb.store, code, "Clear goal")
    review.open_review(wb.store, code)
    status = ReviewPanel(wb, code, "en").status.value
    assert re.search(r">The review has been open since \d\d:\d\d: those already in the session, and the teams, "
                     r"give scores<", status), status
