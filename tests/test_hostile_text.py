"""Participant text is data, never maths or markup (issue 13): a card or a name such as `$\\foo$`
is drawn as those very characters, a failing panel leaves the projector usable, and the stage
can be changed from the terminal."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.session import facilitator
from workbench.ui.projector import ProjectorView
from workbench.ui.voting_views import results_view

ROOT = Path(__file__).resolve().parents[1]
MATHS = r"$\foo$ и $x^2$ за 100%"


def _items(*texts):
    return [{"id": i, "text": text} for i, text in enumerate(texts, 1)]


def _downloads(html: str) -> dict[str, int]:
    """The size of each figure the view offers for download, by file name."""
    return {name: len(data) for name, data in
            re.findall(r"download='([^']+)' href='data:[^;]+;base64,([^']+)'", html)}


def test_maths_in_a_card_is_drawn_as_text_in_every_chart():
    items = _items(MATHS, "Дорога до Ошевенска")
    matrix = results_view("matrix", [
        {"id": 1, "raters": 3, "impact": 4.3, "feasibility": 2.0, "impact_sd": 0.5, "feasibility_sd": 1.0,
         "quadrant": "big_bets"},
        {"id": 2, "raters": 0, "impact": None, "feasibility": None, "impact_sd": 0, "feasibility_sd": 0,
         "quadrant": None}], items, "ru")
    pairwise = results_view("pairwise", [
        {"id": 1, "score": 0.7, "strength": 1.2, "low": 0.4, "high": 2.0, "wins": 5, "losses": 1},
        {"id": 2, "score": 0.3, "strength": -1.2, "low": None, "high": None, "wins": 1, "losses": 5}],
        items, "ru")
    ranking = results_view("ranking", [{"id": 1, "points": 9, "first_share": 0.75},
                                       {"id": 2, "points": 3, "first_share": 0.25}], items, "ru")
    for html, name in ((matrix, "matrix"), (pairwise, "pairwise"), (ranking, "ranking")):
        assert r"$\foo$ и $x^2$ за 100%" in html  # the table shows the text as typed
        sizes = _downloads(html)
        assert sizes[f"{name}.png"] > 5000 and sizes[f"{name}.svg"] > 5000, name
    assert "src='data:image/png;base64," in matrix  # the matrix picture on the projector


def test_network_command_with_a_dollar_name(tmp_path, capsys):
    inp = tmp_path / "attendance.csv"
    inp.write_text("person,group\n$\\foo$ Иванов,Сессия 1\nОлег Петров,Сессия 1\n"
                   "$\\foo$ Иванов,Сессия 2\nВера $x^2$ Зуева,Сессия 2\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["network", str(inp), "--output-dir", str(out), "--seed", "1"]) == 0
    assert capsys.readouterr().out.startswith("узлов: 3, ")
    assert (out / "network.png").stat().st_size > 10_000
    svg = (out / "network.svg").read_text(encoding="utf-8")
    assert ">$\\foo$ Иванов</text>" in svg and ">Вера $x^2$ Зуева</text>" in svg  # text as typed
    assert "$\\foo$ Иванов" in (out / "nodes.csv").read_text(encoding="utf-8-sig")


def test_every_figure_is_made_and_saved_through_workbench_figures():
    """The one place that turns maths off: no other module builds or saves a matplotlib figure."""
    for path in (ROOT / "workbench").rglob("*.py"):
        if path.name == "figures.py":
            continue
        source = path.read_text(encoding="utf-8")
        found = re.search(r"matplotlib\.(figure|pyplot)|\.savefig\(|nx\.draw", source)
        assert not found, f"{path.relative_to(ROOT)} uses {found.group()}: use workbench.figures"


def _voting_current(wb, code):
    s = wb.store.session(code)
    stages = wb.store.stages(s["id"])
    voting = next(st for st in stages if st["kind"] == "voting")
    ideas = next(st for st in stages if st["kind"] == "ideas")
    return s, voting, ideas


def matrix_session(store) -> tuple[str, dict]:
    """A session whose current stage is an open matrix vote on two ideas, one of them `MATHS`,
    rated by one phone; returns its code and the stage ids by kind."""
    from workbench.session import phone

    code = store.create_session("Будущее $\\foo$ округа", territory="$x$")
    s = store.session(code)
    ids = {st["kind"]: st["id"] for st in store.stages(s["id"])}
    bad = facilitator.add_card(store, s["id"], ids["ideas"], MATHS)
    facilitator.add_card(store, s["id"], ids["ideas"], "Дорога до Ошевенска")
    facilitator.set_method(store, ids["voting"], "matrix")
    facilitator.toggle_voting(store, ids["voting"])
    facilitator.show_stage(store, s["id"], ids["voting"])
    token = phone.join(store, code, {"name": "$\\foo$"})["token"]
    phone.ballot(store, code, token, "rate", {"card": bad["id"], "impact": 5, "feasibility": 4})
    return code, dict(ids, bad=bad["id"])


def test_maths_on_the_current_matrix_stage_leaves_the_projector_whole(wb):
    code, ids = matrix_session(wb.store)
    view = ProjectorView(wb, code)
    assert "img alt='matrix'" in view.chart.value and "data-panel-error" not in view.chart.value
    assert MATHS in view.chart.value and "Проголосовали: 1" in view.voting_status.value


def test_a_panel_that_fails_shows_a_message_and_the_controls_still_work(wb, demo, monkeypatch):
    import workbench.ui.voting_views as views

    def broken(*args, **kwargs):
        raise ValueError("\n$\\foo$\n^\nParseFatalException: Unknown symbol")

    monkeypatch.setitem(views.VIEWS, "matrix", broken)
    s, voting, ideas = _voting_current(wb, demo)
    facilitator.set_method(wb.store, voting["id"], "matrix")
    facilitator.show_stage(wb.store, s["id"], voting["id"])
    view = ProjectorView(wb, demo)  # the page loads (it used to show a traceback instead)
    assert "data-panel-error" in view.chart.value and "ValueError: $\\foo$" in view.chart.value
    assert "Эту панель не удалось показать" in view.chart.value
    view.stage_picker.value = ideas["id"]
    view.make_current.click()
    assert wb.store.session(demo)["current_stage_id"] == ideas["id"]
    assert view.wall_items  # the ideas' wall is on screen


def test_stage_command_sets_the_stage_on_phones(wb, demo, capsys):
    data = str(wb.data_dir)
    s = wb.store.session(demo)
    stages = wb.store.stages(s["id"])

    def current():
        return wb.store.session(demo)["current_stage_id"]

    assert main(["stage", "--data", data, "--session", demo.lower(), "voting"]) == 0
    assert current() == next(st["id"] for st in stages if st["kind"] == "voting")
    assert "Голосование" in capsys.readouterr().out
    assert main(["stage", "--data", data, "--session", demo, "1"]) == 0
    assert current() == stages[0]["id"]
    assert main(["stage", "--data", data, "--session", demo, stages[3]["title"].upper()]) == 0
    assert current() == stages[3]["id"]
    capsys.readouterr()
    assert main(["stage", "--data", data, "--session", demo, "9"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("workbench stage: ошибка: нет этапа с номером 9; этапы: 1 problems «Проблемы», 2 growth")
    assert "Traceback" not in err
    assert main(["stage", "--data", data, "--session", "NOPE99", "1"]) == 2
    assert capsys.readouterr().err == "workbench stage: ошибка: Сессия с кодом «NOPE99» не найдена\n"
    assert current() == stages[3]["id"]


@pytest.mark.parametrize("text", ["[x](javascript:alert(1))", "![x](javascript:alert(1))",
                                  "\\[x\\](javascript:alert(1))"])
def test_a_link_in_a_card_is_not_a_link_in_the_markdown_protocol(wb, demo, text):
    from workbench.exports import protocol_markdown

    s, _, ideas = _voting_current(wb, demo)
    facilitator.add_card(wb.store, s["id"], ideas["id"], text)
    md = protocol_markdown(wb.store, demo)
    # Every `[` and `]` a participant typed is escaped: no link or image can be formed.
    assert "javascript" in md
    assert not re.search(r"(?<!\\)(?:\\\\)*\[[^\]]*(?<!\\)\]\(javascript", md)
