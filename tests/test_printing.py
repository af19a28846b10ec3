"""What the printed pages for the room say (`workbench.session.printing`): the vote a paper
ballot is for, each method's way to mark it, the control view's links to print; and the XLSX
files' page setup (A4 landscape, as wide as the page)."""

from __future__ import annotations

import openpyxl
import pytest

from workbench.errors import WorkbenchError
from workbench.session import facilitator, printing, stages
from workbench.session.registration import export_registrations
from workbench.ui.projector import ProjectorView
from workbench.web.printing import ballot_html, poster_html


def _stage(wb, sid, kind, n=0):
    return [s for s in wb.store.stages(sid) if s["kind"] == kind][n]


def test_the_ballot_is_for_the_vote_on_phones_or_the_next_one(wb):
    code = wb.store.create_session("Будущее округа", territory="Каргополь", date="2026-12-12")
    s = wb.store.session(code)
    ideas, first = _stage(wb, s["id"], "ideas"), _stage(wb, s["id"], "voting")
    for text in ("Школа ремёсел", "Тропа вдоль Онеги", "Ремонт причала"):
        facilitator.add_card(wb.store, s["id"], ideas["id"], text)
    second = stages.add(wb.store, s["id"], "voting", title="Матрица", after_stage_id=first["id"])
    stages.set_method_of(wb.store, second["id"], "matrix")
    b = printing.ballot(wb.store, code)  # the session opens on its first stage: the next vote is the first
    assert b["stage_id"] == first["id"] and b["mark"] == "Отметьте ✓ не больше 3 идей"
    assert [i["n"] for i in b["items"]] == [1, 2, 3] and {i["text"] for i in b["items"]} == {
        "Школа ремёсел", "Тропа вдоль Онеги", "Ремонт причала"}
    facilitator.show_stage(wb.store, s["id"], second["id"])
    b = printing.ballot(wb.store, code, lang="en")
    assert b["stage"] == "Матрица" and b["method"] == "matrix"
    assert b["mark"] == "For each idea circle a mark from 1 to 5: impact and feasibility"
    html = ballot_html(b, [first], "en")
    assert html.count("class='scale'") + html.count('class="scale"') == 6  # two scales for each of three
    assert "@page{size:A4" in html and "http" not in html.split("<body>")[0]  # nothing fetched
    facilitator.set_budget(wb.store, first["id"], 1)
    assert printing.ballot(wb.store, code, first["id"])["mark"] == "Отметьте ✓ не больше 1 идеи"
    with pytest.raises(WorkbenchError, match="print_no_vote"):
        printing.ballot(wb.store, code, ideas["id"])  # not a vote


def test_a_ballot_on_groups_lists_each_groups_ideas_under_its_name(wb):
    """The phone shows the ideas inside each group; the paper ballot listed only the groups'
    names. Now each group has its ideas under its name (the first five, oldest first, a long one
    cut with «…», then «и ещё N идей»), as text, in both languages."""
    code = wb.store.create_session("Будущее округа", territory="Каргополь", date="2026-12-12")
    s = wb.store.session(code)
    ideas, vote = _stage(wb, s["id"], "ideas"), _stage(wb, s["id"], "voting")
    add = lambda text: facilitator.add_card(wb.store, s["id"], ideas["id"], text)["id"]  # noqa: E731
    long = "Ремонт причала " + "и набережной " * 20
    culture = [add(x) for x in ("Школа ремёсел", "<b>Фестиваль</b> «Северная глина»", long)]
    many = [add(f"Тропа {i}") for i in range(1, 9)]
    facilitator.new_group(wb.store, ideas["id"], "Культура", culture)
    facilitator.new_group(wb.store, ideas["id"], "Туризм", many)
    facilitator.set_vote_on(wb.store, vote["id"], "groups")
    for lang, more in (("ru", "и ещё 3 идеи"), ("en", "and 3 more ideas")):
        b = printing.ballot(wb.store, code, lang=lang)
        by_name = {i["text"]: i for i in b["items"]}
        assert by_name["Культура"]["ideas"][:2] == ["Школа ремёсел", "<b>Фестиваль</b> «Северная глина»"]
        cut = by_name["Культура"]["ideas"][2]
        assert cut.endswith("…") and long.startswith(cut[:-1]) and len(cut) <= printing.IDEA_CHARS
        assert by_name["Туризм"]["ideas"] == [f"Тропа {i}" for i in range(1, 6)] and by_name["Туризм"]["more"] == 3
        html = ballot_html(b, [], lang)
        assert "&lt;b&gt;Фестиваль&lt;/b&gt;" in html and "<b>Фестиваль" not in html  # as text, never HTML
        assert html.count('class="idea"') == 8 and html.count(more) == 1
        # each group's ideas inside its own numbered entry, under its name
        tourism = html[html.index("Туризм"):]
        assert "Тропа 5" in tourism and "Тропа 6" not in tourism and "Школа ремёсел" not in tourism
    facilitator.set_vote_on(wb.store, vote["id"], "ideas")  # a vote on ideas: no lists inside
    assert "ideas" not in printing.ballot(wb.store, code)["items"][0]


def test_the_educational_modules_ballot_says_what_it_ranks(wb):
    """«Взаимная оценка презентаций» asked on paper «Поставьте каждой идее место»: it ranks the
    small groups' topics, so the mark names the stage they come from, in both languages."""
    from workbench.session import templates

    for lang, mark in (("ru", "Поставьте каждому пункту этапа «Темы для малых групп» место от 1 (лучший) до 2"),
                       ("en", "Give each entry of the stage “Topics for small groups” a place from 1 (the best) to 2")):
        code = templates.create_session(wb.store, "Модуль", "educational_module", lang=lang)
        s = wb.store.session(code)
        for text in ("Бюджет проекта", "Поиск партнёров"):
            facilitator.add_card(wb.store, s["id"], _stage(wb, s["id"], "ideas")["id"], text)
        b = printing.ballot(wb.store, code, lang=lang)
        assert b["stage"] in ("Взаимная оценка презентаций", "Peer review of the presentations")
        assert b["mark"] == mark
        assert mark in ballot_html(b, [], lang) and "идее" not in b["mark"] and "idea" not in b["mark"]


def test_a_session_without_a_vote_has_no_ballot_but_a_poster(wb):
    code = wb.store.create_session("Лекция", template=("cards",), date="2026-03-01")
    with pytest.raises(WorkbenchError, match="print_no_vote") as refused:
        printing.ballot(wb.store, code)
    assert refused.value.message("ru") == "В сессии нет голосования: бюллетень печатать не для чего"
    p = printing.poster(wb.store, code)
    html = poster_html(p, f"http://192.168.0.2:8866/s/{code}", "ru")
    assert "1 марта 2026 г." in html and code in html and "Сканируйте камерой телефона" in html
    assert "Участников" not in html and "Нажмите" not in html


def test_the_control_view_links_the_pages_to_print(wb, demo):
    view = ProjectorView(wb, demo)
    assert "Печать: " in view.display_link.value
    assert f"href='/print/{demo}/poster?lang=ru'" in view.display_link.value
    assert f"href='/print/{demo}/ballot?lang=ru'" in view.display_link.value
    assert "плакат со ссылкой</a>, <a" in view.display_link.value and "бумажный бюллетень</a>" in view.display_link.value


def test_the_registration_list_prints_on_a4_landscape_as_wide_as_the_page(wb, demo, tmp_path):
    path = export_registrations(wb.store, demo, tmp_path / "list.xlsx")
    ws = openpyxl.load_workbook(path).active
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4 and ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0 and ws.print_title_rows == "$1:$1"  # the header on every page


def test_the_control_views_ballot_link_prints_the_vote_on_the_laptop(wb):
    """A matrix picked on the laptop while phones were still on the ideas: «paper ballot» printed
    the dot vote before it («Tick ✓ at most 3 ideas»), not the matrix on the screen."""
    from workbench.session import templates

    code = templates.create_session(wb.store, "Future of the district", data_dir=wb.data_dir, lang="en")
    sid = wb.store.session(code)["id"]
    ideas, dots = _stage(wb, sid, "ideas"), _stage(wb, sid, "voting")
    facilitator.add_card(wb.store, sid, ideas["id"], "Boat rental on the lake")
    matrix = stages.add(wb.store, sid, "voting", after_stage_id=dots["id"], lang="en")
    stages.set_method_of(wb.store, matrix["id"], "matrix")
    view = ProjectorView(wb, code, lang="en")
    view.stage_picker.value = ideas["id"]
    assert f"href='/print/{code}/ballot?lang=en'" in view.display_link.value  # not a vote: the page chooses
    view.stage_picker.value = matrix["id"]
    assert f"href='/print/{code}/ballot?lang=en&amp;stage={matrix['id']}'" in view.display_link.value
    ballot = printing.ballot(wb.store, code, matrix["id"], "en")  # what that link prints
    assert (ballot["stage"], ballot["mark"]) == ("Voting 2", "For each idea circle a mark from 1 to 5: impact and feasibility")
