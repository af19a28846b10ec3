"""Peer review of presentations: criteria, scores from participants (never their own team), the
results per team and criterion on the facilitator's panel, in the team's draft and the protocol."""

from __future__ import annotations

import docx
import pytest

from workbench.demo import load_demo
from workbench.errors import WorkbenchError
from workbench.exports import draft_docx, protocol_docx, protocol_markdown
from workbench.session import review
from workbench.ui.draft_editor import draft_view


@pytest.fixture
def reviewed(wb):
    """The demo after teams formed (people 0–4 on the first team, 5–9 on the second), two criteria."""
    code = load_demo(wb.store)
    people = wb.store.participants(wb.store.session(code)["id"])
    c1 = review.add_criterion(wb.store, code, "Ясность цели", "Цель измерима и понятна")
    c2 = review.add_criterion(wb.store, code, "Реалистичность")
    review.open_review(wb.store, code)
    return code, people, c1, c2


def test_participants_score_other_teams_not_their_own(wb, reviewed):
    code, people, c1, c2 = reviewed
    first, second = review.phone_view(wb.store, code, people[0]["token"])["teams"]
    assert first["own"] and not second["own"]
    review.submit(wb.store, code, people[0]["token"], {"team": second["id"], "scores": {str(c1): 4, str(c2): 3},
                                                       "comment": "Сильная команда"})
    review.submit(wb.store, code, people[12]["token"], {"team": second["id"], "scores": {str(c1): 5}})
    # scoring again replaces the earlier review
    review.submit(wb.store, code, people[12]["token"], {"team": second["id"], "scores": {str(c1): 2}})
    with pytest.raises(WorkbenchError) as e:
        review.submit(wb.store, code, people[0]["token"], {"team": first["id"], "scores": {str(c1): 5}})
    assert e.value.status == 403 and e.value.message() == "Свою команду оценивают другие"
    for bad in ({str(c1): 6}, {str(c1): True}, {"999": 3}, {"x": 3}):
        with pytest.raises(WorkbenchError, match="review_score_invalid"):
            review.submit(wb.store, code, people[0]["token"], {"team": second["id"], "scores": bad})
    with pytest.raises(WorkbenchError, match="review_empty"):
        review.submit(wb.store, code, people[0]["token"], {"team": second["id"], "scores": {}})
    res = {r["id"]: r for r in review.results(wb.store, code)}
    assert res[second["id"]]["criteria"][0] == {"id": c1, "name": "Ясность цели", "mean": 3.0, "n": 2}
    assert res[second["id"]]["criteria"][1]["mean"] == 3.0 and res[second["id"]]["comments"] == ["Сильная команда"]
    assert res[first["id"]]["reviewers"] == 0
    mine = review.phone_view(wb.store, code, people[0]["token"])["teams"][1]
    assert mine["scores"] == {str(c1): 4, str(c2): 3} and mine["comment"] == "Сильная команда"


def test_scores_reach_the_panel_the_draft_and_the_protocol(wb, reviewed, tmp_path):
    code, people, c1, c2 = reviewed
    second = review.phone_view(wb.store, code, people[0]["token"])["teams"][1]
    review.submit(wb.store, code, people[0]["token"], {"team": second["id"], "scores": {str(c1): 4, str(c2): 5},
                                                       "comment": "<b>Смело</b>"})
    panel = draft_view(wb, session=code).view.review
    assert "Ясность цели" in panel.criteria.value and "4.5" in panel.results.value
    assert "&lt;b&gt;Смело&lt;/b&gt;" in panel.results.value
    panel.name.value = ""
    panel.add.click()
    assert "Укажите название критерия" in panel.message.value
    draft = next(d for d in wb.store.drafts(wb.store.session(code)["id"]) if d["card_id"] == second["id"])
    editor = draft_view(wb, draft["id"]).view
    assert "Оценки команд" in editor.logic.value and "Ясность цели: 4" in editor.logic.value
    doc = draft_docx(wb.store, draft["id"])
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings[-2:] == ["Софинансирование: источники и вклад", "Оценки команд"]
    cells = [c.text for row in doc.tables[-1].rows for c in row.cells]
    assert "Ясность цели" in cells and "4,50" in cells  # the protocol's precision, a decimal comma
    proto = protocol_docx(wb.store, code)
    text = "\n".join(p.text for p in proto.paragraphs)
    assert "Оценки команд" in text and "<b>Смело</b>" in text
    assert people[0]["name"] not in "".join(c.text for tb in proto.tables[-1:] for r in tb.rows for c in r.cells)
    md = protocol_markdown(wb.store, code)
    assert "## Оценки команд" in md and "&lt;b&gt;Смело&lt;/b&gt;" in md
    path = tmp_path / "p.docx"
    proto.save(path)
    assert docx.Document(str(path)).paragraphs


def test_a_text_too_long_is_named_as_the_form_labels_it(wb):
    code = wb.store.create_session("Модуль 3")
    with pytest.raises(WorkbenchError) as e:
        review.add_criterion(wb.store, code, "Ясность цели", "5" * 1001)
    assert e.value.message("ru") == "Поле «Что значит 5» длиннее 1000 символов"
    assert e.value.message("en") == "Field 'What a 5 means' is longer than 1000 characters"
    with pytest.raises(WorkbenchError) as e:
        review.add_criterion(wb.store, code, "К" * 201)
    assert e.value.message("ru") == "Поле «Критерий» длиннее 200 символов"
    assert wb.store.criteria(wb.store.session(code)["id"]) == []
