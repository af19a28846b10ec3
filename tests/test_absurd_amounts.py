"""A budget amount nobody means (31 digits held down, 1e300, NaN) is said by the logic check like
any amount it cannot read, and never breaks the team page's API, the drafts page or an export."""

from __future__ import annotations

import docx
import pytest

from workbench.cli import main
from workbench.drafts import create_draft, logic_check
from workbench.exports import export_protocol
from workbench.grant import amount_issue, budget_totals
from workbench.session import team_links
from workbench.ui.draft_editor import DraftEditor

HUGE = "1000000000000000000000000000000"  # the reviewer's 31 digits


@pytest.mark.parametrize("typed, issue", [
    (HUGE, "too_large"), ("9" * 400, "too_large"), ("1 000 001 млн", "too_large"), (1e300, "too_large"),
    (float("nan"), "unreadable"), (float("inf"), "unreadable"), ("1 000 000 млн", None),
])
def test_an_absurd_amount_is_not_counted_and_nothing_breaks(typed, issue):
    assert amount_issue(typed) == issue
    totals = budget_totals([{"item": "Аренда", "amount": typed, "cofinancing": "5 тыс."}])
    counted = 10 ** 12 if issue is None else 0
    assert totals["requested"] == counted and totals["cofinancing"] == 5000


def test_the_logic_check_says_the_amount_is_too_large():
    found = [f for f in logic_check({"budget": [{"item": "Аренда", "amount": HUGE, "cofinancing": ""}]})
             if f["field"] == "budget"]
    assert [f["code"] for f in found] == ["budget_amount_too_large"]
    assert found[0]["message"] == (f"Сумма «{HUGE}» у статьи «Аренда» больше триллиона рублей: "
                                   "проверьте, нет ли лишних цифр")


def test_a_huge_amount_typed_by_a_team_leaves_its_page_the_drafts_page_and_the_exports_whole(wb, demo, tmp_path):
    store = wb.store
    did = create_draft(store, store.session(demo)["id"], {"title": "Школа ремёсел"})
    token = team_links.team_link(store, did)["token"]
    team_links.save_field(store, token, "budget", [{"item": "Аренда", "amount": HUGE, "cofinancing": ""}], 0)
    page = team_links.team_draft(store, token)  # what GET /api/t/TOKEN answers
    assert page["fields"]["budget"][0]["amount"] == HUGE
    assert "budget_amount_too_large" in [f["code"] for f in page["findings"]]
    editor = DraftEditor(wb, did)  # the staff's drafts page
    assert "budget_amount_too_large" in editor.logic.value
    assert "0\xa0₽" in editor.logic.value.split("wb-budget-totals")[1]  # the totals leave it out
    paths = export_protocol(wb, demo, tmp_path, formats=("docx", "xlsx", "md"))
    draft_doc = next(p for p in paths if p.suffix == ".docx" and p.name.startswith("Школа"))
    cells = [c.text for t in docx.Document(str(draft_doc)).tables for r in t.rows for c in r.cells]
    assert HUGE in cells  # printed as typed, never as a figure it does not mean
    assert main(["export", "--data", str(wb.data_dir), "--session", demo, "--what", "drafts",
                 "--format", "docx", "--output-dir", str(tmp_path / "cli")]) == 0
