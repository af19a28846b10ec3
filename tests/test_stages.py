"""Stage templates, editing the stage list during a session, and rounds on a shortlist
(dots -> matrix on the top 6 -> teams), through the application layer and the projector's widgets."""

from __future__ import annotations

import json

import pytest

from workbench.cli import main as cli
from workbench.errors import WorkbenchError
from workbench.exports import protocol_markdown
from workbench.session import stages, templates, voting
from workbench.session.phone import phone_state
from workbench.session.teams import options as team_options
from workbench.ui.projector import ProjectorView


def _stage(wb, sid, kind, n=0):
    return [s for s in wb.store.stages(sid) if s["kind"] == kind][n]


def test_every_builtin_template_makes_a_session(wb):
    assert templates.names() == ["strategic_session", "educational_module", "online_meeting", "empty"]
    made = {}
    for name in templates.names():
        code = templates.create_session(wb.store, "Модуль", name, data_dir=wb.data_dir)
        s = wb.store.session(code)
        made[name] = [(st["kind"], st["title"]) for st in wb.store.stages(s["id"])]
        assert s["current_stage_id"] == wb.store.stages(s["id"])[0]["id"]
    assert [k for k, _ in made["strategic_session"]] == ["problems", "growth", "vision", "ideas", "voting", "teams"]
    assert [t for _, t in made["educational_module"]] == [
        "Лекция: вопросы", "Темы для малых групп", "Работа в малых группах", "Взаимная оценка презентаций", "Рефлексия"]
    assert made["empty"] == [("cards", "Карточки")]
    edu = wb.store.session(templates.create_session(wb.store, "Module", "educational_module", lang="en"))
    listing = wb.store.stages(edu["id"])
    assert edu["kind"] == "educational_module" and listing[4]["prompt"] == "What do you take away? What was hard?"
    assert listing[3]["method"] == "ranking" and listing[2]["target_stage_id"] == listing[1]["id"]


def test_a_data_folder_template_adds_to_and_overrides_the_builtins(wb):
    folder = templates.data_folder(wb.data_dir)
    folder.mkdir(parents=True)
    (folder / "retro.json").write_text(json.dumps({"stages": [
        {"kind": "cards", "title": "Что было хорошо"}, {"kind": "ideas"},
        {"kind": "voting", "method": "dots"}, {"kind": "voting", "method": "matrix", "source": {"stage": 3, "top": 2}}]}))
    (folder / "empty.json").write_text(json.dumps({"stages": [{"kind": "ideas", "title": "Своё"}]}))
    (folder / "broken.json").write_text('{"stages": [{"kind": "speech"}]}')
    assert templates.names(wb.data_dir)[-2:] == ["broken", "retro"]
    s = wb.store.session(templates.create_session(wb.store, "Ретро", "retro", data_dir=wb.data_dir))
    dots, matrix = [x for x in wb.store.stages(s["id"]) if x["kind"] == "voting"]
    assert (matrix["method"], matrix["source_stage_id"], matrix["source_top"]) == ("matrix", dots["id"], 2)
    mine = wb.store.session(templates.create_session(wb.store, "E", "empty", data_dir=wb.data_dir))
    assert [x["title"] for x in wb.store.stages(mine["id"])] == ["Своё"]
    with pytest.raises(WorkbenchError) as err:
        templates.create_session(wb.store, "X", "broken", data_dir=wb.data_dir)
    assert "stage 1: 'kind' must be one of" in err.value.message("en")
    with pytest.raises(WorkbenchError) as err:
        templates.load("nope", wb.data_dir)
    assert err.value.message("en").startswith("No template 'nope'; there are: strategic_session, educational_module")


def test_cli_new_session_with_a_template_and_save_template(wb, capsys):
    wb.close()
    data = str(wb.data_dir)
    assert cli(["new-session", "--data", data, "--title", "Урок", "--template", "online_meeting"]) == 0
    code = capsys.readouterr().out.strip()
    assert cli(["new-session", "--data", data, "--title", "X", "--template", "nope"]) == 2
    err = capsys.readouterr().err
    assert "Нет шаблона «nope»; есть: strategic_session, educational_module, online_meeting, empty" in err
    assert cli(["save-template", "--data", data, "--session", code, "my-meeting"]) == 0
    path = capsys.readouterr().out.strip()
    assert path.endswith("templates/stages/my-meeting.json")
    saved = json.loads(open(path, encoding="utf-8").read())
    assert [s["title"]["ru"] for s in saved["stages"]] == ["Знакомство", "Предложения", "Голосование", "Договорённости"]
    assert saved["stages"][0]["title"]["en"] == "Check-in"  # a template's titles keep their translations
    assert cli(["save-template", "--data", data, "--session", code, "my-meeting"]) == 2
    assert "Шаблон «my-meeting» уже есть в папке данных" in capsys.readouterr().err
    assert cli(["new-session", "--data", data, "--title", "Снова", "--template", "my-meeting"]) == 0
    assert cli(["save-template", "--data", data, "--session", code, "../evil"]) == 2
    assert "Имя шаблона: буквы (русские или латинские), цифры" in capsys.readouterr().err
    # a Russian name is the file's name and the name new-session takes
    assert cli(["save-template", "--data", data, "--session", code, "Плесецк 2026"]) == 0
    assert capsys.readouterr().out.strip().endswith("templates/stages/Плесецк_2026.json")
    assert cli(["new-session", "--data", data, "--title", "Плесецк", "--template", "Плесецк_2026"]) == 0
    made = wb.store.session(capsys.readouterr().out.strip())
    assert [s["title"] for s in wb.store.stages(made["id"])][0] == "Знакомство"
    assert "Плесецк_2026" in templates.names(data)


def test_new_session_help_lists_the_templates(capsys):
    with pytest.raises(SystemExit):
        cli(["new-session", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "strategic_session, educational_module, online_meeting, empty" in out


def test_add_rename_reprompt_reorder_and_phones_see_it(wb, demo):
    s = wb.store.session(demo)
    ideas = _stage(wb, s["id"], "ideas")
    phone = wb.store.participants(s["id"])[0]
    wb.store.set_current_stage(s["id"], ideas["id"])
    stages.rename(wb.store, ideas["id"], "  Идеи проектов  ")
    stages.set_prompt(wb.store, ideas["id"], "Что сделаем за год?")
    state = phone_state(wb.store, wb.store.session(demo), phone)
    assert (state["stage"]["title"], state["stage"]["prompt"]) == ("Идеи проектов", "Что сделаем за год?")
    with pytest.raises(WorkbenchError, match="text_empty"):
        stages.rename(wb.store, ideas["id"], "   ")
    assert wb.store.stage(ideas["id"])["title"] == "Идеи проектов"  # nothing lost on bad input
    new = stages.add(wb.store, s["id"], "cards", title="Рефлексия", after_stage_id=ideas["id"])
    titles = [x["title"] for x in wb.store.stages(s["id"])]
    assert titles[titles.index("Идеи проектов") + 1] == "Рефлексия"
    stages.move(wb.store, new["id"], -1)
    titles = [x["title"] for x in wb.store.stages(s["id"])]
    assert titles[titles.index("Рефлексия") + 1] == "Идеи проектов"
    stages.move(wb.store, new["id"], -100)
    assert wb.store.stages(s["id"])[0]["title"] == "Рефлексия"
    with pytest.raises(WorkbenchError, match="stage_kind_unknown"):
        stages.add(wb.store, s["id"], "speech")


def test_a_template_stage_speaks_the_page_language_until_the_facilitator_types_its_text(wb):
    """Phones and the display show a template's title and question in their own language; what the
    facilitator typed stays as typed in every language."""
    from workbench.session import display
    from workbench.session.facilitator import set_method

    code = templates.create_session(wb.store, "Модуль", "educational_module", data_dir=wb.data_dir)
    s = wb.store.session(code)
    talk = wb.store.stages(s["id"])[0]
    person = wb.store.join(s["id"], name="Ольга")

    def on_phone(lang):
        st = phone_state(wb.store, wb.store.session(code), person, lang=lang)["stage"]
        return st["title"], st["prompt"]

    assert on_phone("ru") == ("Лекция: вопросы", "Что вы хотите спросить у лектора?")
    assert on_phone("en") == ("Talk: questions", "What would you like to ask the speaker?")
    assert display.state(wb.store, code, lang="en")["stage"]["title"] == "Talk: questions"
    stages.rename(wb.store, talk["id"], "Вопросы к Ирине Сергеевне")
    assert on_phone("en") == ("Вопросы к Ирине Сергеевне", "What would you like to ask the speaker?")
    stages.set_prompt(wb.store, talk["id"], "О чём спросить?")
    assert on_phone("en") == on_phone("ru") == ("Вопросы к Ирине Сергеевне", "О чём спросить?")
    assert display.state(wb.store, code, lang="en")["stage"]["prompt"] == "О чём спросить?"
    # a stage added with the workbench's default title, and a voting stage whose method changes
    added = stages.add(wb.store, s["id"], "problems", after_stage_id=talk["id"])
    wb.store.set_current_stage(s["id"], added["id"])
    assert on_phone("en") == ("Problems", "What holds our area back?")
    strategic = wb.store.session(templates.create_session(wb.store, "Сессия", data_dir=wb.data_dir))
    dots = _stage(wb, strategic["id"], "voting")
    set_method(wb.store, dots["id"], "matrix")
    wb.store.set_current_stage(strategic["id"], dots["id"])
    st = phone_state(wb.store, wb.store.session(strategic["code"]), wb.store.join(strategic["id"]), lang="en")
    assert (st["stage"]["title"], st["stage"]["prompt"]) == ("Voting", voting_prompt("matrix", "en"))
    # a session made in English shows Russian on a Russian phone
    english = wb.store.session(templates.create_session(wb.store, "Meeting", "online_meeting",
                                                        data_dir=wb.data_dir, lang="en"))
    st = phone_state(wb.store, english, wb.store.join(english["id"]), lang="ru")["stage"]
    assert (st["title"], st["prompt"]) == ("Знакомство", "Одной фразой: с чем вы пришли?")


def voting_prompt(method, lang):
    from workbench.i18n import t

    return t(f"method_{method}_prompt", lang)


def test_a_store_from_before_keeps_typed_titles_and_translates_the_default_ones(tmp_path, monkeypatch):
    """Schema 13: stages made before it show their default title and question in the phone's
    language; a title typed then stays as typed. What it takes for a default is its own copy of
    the texts: rewording the catalogue later changes nothing in the migration."""
    import json

    import sqlalchemy as sa

    from workbench.i18n import MESSAGES
    from workbench.store import SCHEMA_VERSION, Store

    store = Store.open(tmp_path)
    code = store.create_session("Старая")
    sid = store.session(code)["id"]
    problems, growth = store.stages(sid)[:2]
    with store.write() as c:  # back to schema 12: no texts in other languages, one title typed
        c.execute(sa.text("ALTER TABLE stages DROP COLUMN title_texts"))
        c.execute(sa.text("ALTER TABLE stages DROP COLUMN prompt_texts"))
        c.execute(sa.text("DROP INDEX ux_cards_request"))  # and schema 14's column
        c.execute(sa.text("ALTER TABLE cards DROP COLUMN request_id"))
        c.execute(sa.text("DROP TABLE draft_field_history"))  # and schema 15's table
        c.execute(sa.text("UPDATE stages SET title = 'Наши беды' WHERE id = :i"), {"i": problems["id"]})
        # the default question as the workbench worded it then ("нашего района")
        c.execute(sa.text("UPDATE stages SET prompt = 'Что мешает развитию нашего района?' WHERE id = :i"),
                  {"i": problems["id"]})
        c.execute(sa.text("UPDATE meta SET value = '12' WHERE key = 'schema_version'"))
    with monkeypatch.context() as later:  # a later release rewords the catalogue
        later.setitem(MESSAGES, "stage_growth", ("Сильные стороны", "Strengths"))
        later.setitem(MESSAGES, "stage_problems_prompt", ("Что нам мешает?", "What is in our way?"))
        store.migrate()  # what opening the folder with this release does
    assert store.schema_version() == SCHEMA_VERSION
    with store.read() as c:
        texts = dict(c.execute(sa.text("SELECT id, title_texts FROM stages WHERE session_id = :s"), {"s": sid}).all())
        prompt = c.execute(sa.text("SELECT prompt, prompt_texts FROM stages WHERE id = :i"),
                           {"i": problems["id"]}).one()
    assert json.loads(texts[growth["id"]]) == {"ru": "Точки роста и преимущества", "en": "Growth points and advantages"}
    assert texts[problems["id"]] == ""  # the typed title is no default
    assert prompt[0] == "Что мешает развитию нашей территории?"
    assert json.loads(prompt[1]) == {"ru": "Что мешает развитию нашей территории?", "en": "What holds our area back?"}
    person = store.join(sid)
    for stage, expected in ((problems, ("Наши беды", "What holds our area back?")),
                            (growth, ("Growth points and advantages", "What do we have that others don't?"))):
        store.set_current_stage(sid, stage["id"])
        st = phone_state(store, store.session(code), person, lang="en")["stage"]
        assert (st["title"], st["prompt"]) == expected
    store.set_current_stage(sid, problems["id"])  # the old default reads as today's in Russian too
    assert phone_state(store, store.session(code), person, lang="ru")["stage"]["prompt"] == \
        "Что мешает развитию нашей территории?"
    store.close()


def test_removing_a_stage_with_cards_needs_force_and_loses_nothing(wb, demo):
    s = wb.store.session(demo)
    problems = _stage(wb, s["id"], "problems")
    n_cards = len(wb.store.cards(s["id"], problems["id"]))
    wb.store.set_current_stage(s["id"], problems["id"])
    with pytest.raises(WorkbenchError) as err:
        stages.remove(wb.store, problems["id"])
    assert err.value.status == 409 and "with its data" in err.value.message("en")
    assert problems["id"] in [x["id"] for x in wb.store.stages(s["id"])]
    gone = stages.remove(wb.store, problems["id"], force=True)
    assert gone["kept"]["cards"] == n_cards
    assert problems["id"] not in [x["id"] for x in wb.store.stages(s["id"])]
    assert len(wb.store.cards(s["id"], problems["id"])) == n_cards  # still in the store
    assert wb.store.session(demo)["current_stage_id"] == wb.store.stages(s["id"])[0]["id"]
    empty = stages.add(wb.store, s["id"], "cards")
    stages.remove(wb.store, empty["id"])  # nothing in it: gone for good
    with pytest.raises(WorkbenchError):
        wb.store.stage(empty["id"])
    only = wb.store.session(templates.create_session(wb.store, "E", "empty"))
    with pytest.raises(WorkbenchError, match="stage_last"):
        stages.remove(wb.store, wb.store.stages(only["id"])[0]["id"], force=True)


def test_dots_then_matrix_on_the_top_6_then_teams(wb, demo):
    s = wb.store.session(demo)
    dots = _stage(wb, s["id"], "voting")
    totals = wb.store.vote_totals(dots["id"])
    assert sum(totals.values()) > 0
    teams = _stage(wb, s["id"], "teams")
    matrix = stages.add(wb.store, s["id"], "voting", title="Матрица", after_stage_id=dots["id"])
    stages.set_method_of(wb.store, matrix["id"], "matrix")
    matrix = wb.store.stage(matrix["id"])
    cards = wb.store.cards(s["id"], dots["target_stage_id"])
    items = voting.method(matrix).items(wb.store, matrix, cards)
    expected = [r["id"] for r in voting.METHODS["dots"].results(wb.store, dots, voting.votable(dots, cards))][:6]
    assert [c["id"] for c in items] == expected
    people = wb.store.participants(s["id"])
    wb.store.update_stage(matrix["id"], voting_open=True)
    outside = next(c for c in voting.votable(dots, cards) if c["id"] not in expected)
    with pytest.raises(WorkbenchError, match="vote_target_invalid"):
        voting.rate(wb.store, matrix["id"], people[0]["id"], outside["id"], 5, 5)
    for i, p in enumerate(people[:4]):  # the last of the six is the quick win
        for c in items:
            good = c["id"] == expected[-1]
            voting.rate(wb.store, matrix["id"], p["id"], c["id"], 5 if good else 2, 5 if good else 1 + i % 2)
    stages.set_source(wb.store, teams["id"], matrix["id"], top=3)
    options = team_options(wb.store, wb.store.stage(teams["id"]))
    assert [o["id"] for o in options][0] == expected[-1] and len(options) == 3
    md = protocol_markdown(wb.store, demo, lang="en")
    assert "Матрица" in md and "Dots" in md and "Impact" in md
    # the stage made by the workbench has its English title there; "Матрица" was typed
    assert "candidates: the best 6 of “Voting” — Dots" in md and "### Голосование" not in md
    with pytest.raises(WorkbenchError, match="source_loop"):
        stages.set_source(wb.store, dots["id"], matrix["id"])
    with pytest.raises(WorkbenchError, match="source_top_invalid"):
        stages.set_source(wb.store, matrix["id"], dots["id"], top=0)
    with pytest.raises(WorkbenchError, match="source_only_voting"):
        stages.set_source(wb.store, _stage(wb, s["id"], "ideas")["id"], dots["id"])


def _ratings(total: int, n: int) -> list[int]:
    """`n` ratings of 1–5 summing to `total` (so their mean is total / n)."""
    base, extra = divmod(total, n)
    return [base + 1] * extra + [base] * (n - extra)


# The reviewer's matrix (session SUAC8Y): (impact sum, feasibility sum, raters) per idea, in the
# dot vote's order. Берег реки (3,70 / 2,90: a big bet, sum 6,60) had ranked above Ямочный ремонт
# дорог (3,55 / 3,00: a quick win, sum 6,55).
REVIEWER_MATRIX = [("Библиотека", 69, 56, 20), ("Берег реки", 74, 58, 20), ("Ямочный ремонт дорог", 71, 60, 20),
                   ("Фестиваль", 71, 61, 20), ("Гостевой дом при ферме", 46, 53, 14), ("Освещение", 55, 48, 14)]


def test_the_matrix_ranks_every_quick_win_above_every_big_bet(wb, demo, tmp_path):
    from workbench.exports import export_protocol
    from workbench.session import display
    from workbench.ui.voting_views import matrix_view

    s = wb.store.session(demo)
    dots, teams = _stage(wb, s["id"], "voting"), _stage(wb, s["id"], "teams")
    matrix = stages.add(wb.store, s["id"], "voting", title="Матрица", after_stage_id=dots["id"])
    stages.set_method_of(wb.store, matrix["id"], "matrix")
    matrix = wb.store.stage(matrix["id"])
    cards = wb.store.cards(s["id"], dots["target_stage_id"])
    items = voting.method(matrix).items(wb.store, matrix, cards)
    for c, (name, _, _, _) in zip(items, REVIEWER_MATRIX, strict=True):
        wb.store.edit_card(c["id"], name)
    people = wb.store.participants(s["id"])
    wb.store.update_stage(matrix["id"], voting_open=True)
    for c, (_, imp, fea, n) in zip(items, REVIEWER_MATRIX, strict=True):
        for p, i, f in zip(people[:n], _ratings(imp, n), _ratings(fea, n), strict=True):
            voting.rate(wb.store, matrix["id"], p["id"], c["id"], i, f)
    expected = ["Освещение", "Гостевой дом при ферме", "Фестиваль", "Ямочный ремонт дорог", "Берег реки",
                "Библиотека"]
    quadrants = ["Быстрые победы"] * 4 + ["Большие ставки"] * 2

    # The teams round on "the best 4 of the matrix" offers the four quick wins.
    stages.set_source(wb.store, teams["id"], matrix["id"], top=4)
    assert [o["text"] for o in team_options(wb.store, wb.store.stage(teams["id"]))] == expected[:4]
    # The protocol in its three formats.
    export_protocol(wb, demo, tmp_path, formats=("md", "docx", "xlsx"), drafts=False)
    md = (tmp_path / f"protocol-{demo}.md").read_text(encoding="utf-8")
    assert "| 4 | Ямочный ремонт дорог | 3,55 | 3,00 | 20 | Быстрые победы |" in md
    assert "| 5 | Берег реки | 3,70 | 2,90 | 20 | Большие ставки |" in md
    import docx
    import openpyxl

    table = next(tb for tb in docx.Document(tmp_path / f"protocol-{demo}.docx").tables
                 if [c.text for c in tb.rows[0].cells][2:3] == ["Важность"])
    assert [[r.cells[1].text, r.cells[5].text] for r in table.rows[1:]] == [list(x) for x in zip(expected, quadrants, strict=True)]
    rows = list(openpyxl.load_workbook(tmp_path / f"protocol-{demo}.xlsx")["Итоги голосования"].iter_rows(values_only=True))
    assert [(r[3], r[4]) for r in rows if r[0] == "Матрица"] == list(enumerate(expected, 1))
    # The display's numbered list and the projector's table.
    cards = wb.store.cards(s["id"], dots["target_stage_id"])
    chart = display.chart(wb.store, matrix, cards, "ru")
    assert [pt["label"] for pt in chart["points"]] == expected
    html = matrix_view(voting.method(matrix).results(wb.store, matrix, items), {c["id"]: c["text"] for c in cards},
                       "ru", downloads=False)
    assert "<th>Оценили</th><th>Квадрант</th>" in html and "оценили" not in html  # headings capitalised
    assert [html.index(f"<td>{name}</td>") for name in expected] == sorted(html.index(f"<td>{name}</td>")
                                                                           for name in expected)


def test_a_round_on_the_ideas_of_chosen_groups(wb, demo):
    s = wb.store.session(demo)
    dots = _stage(wb, s["id"], "voting")
    ideas = [c for c in wb.store.cards(s["id"], dots["target_stage_id"]) if not c["is_group"]]
    wb.store.add_group(dots["target_stage_id"], "Дороги", [c["id"] for c in ideas[:3]])
    wb.store.add_group(dots["target_stage_id"], "Туризм", [c["id"] for c in ideas[3:5]])
    cards = wb.store.cards(s["id"], dots["target_stage_id"])
    gs = sorted((c for c in cards if c["is_group"]), key=lambda c: c["id"])
    rank = stages.add(wb.store, s["id"], "voting", after_stage_id=dots["id"])
    stages.set_group_source(wb.store, rank["id"], [gs[0]["id"]])
    st = wb.store.stage(rank["id"])
    items = voting.method(st).items(wb.store, st, cards)
    assert items and {c["group_id"] for c in items} == {gs[0]["id"]}
    with pytest.raises(WorkbenchError, match="source_groups_invalid"):
        stages.set_group_source(wb.store, rank["id"], [cards[-1]["id"] if not cards[-1]["is_group"] else 10**6])
    stages.set_group_source(wb.store, rank["id"], [])
    assert wb.store.stage(rank["id"])["source_method"] == ""


def test_the_stage_editor_on_the_projector(wb, demo):
    view = ProjectorView(wb, demo)
    ed = view.stage_editor
    ed.toggle.value = True  # ✎ Этапы: the editor opens
    s = wb.store.session(demo)
    ideas = _stage(wb, s["id"], "ideas")
    view.stage_picker.value = ideas["id"]
    assert ed.title.value == ideas["title"]
    ed.title.value, ed.prompt.value = "Проекты", "Что сделаем?"
    ed.save.click()
    assert wb.store.stage(ideas["id"])[("title")] == "Проекты" and "Проекты" in view.prompt.value
    assert "Проекты" in [label for label, _ in view.stage_picker.options]
    ed.up.click()
    assert [x["id"] for x in wb.store.stages(s["id"])].index(ideas["id"]) == 2
    ed.remove.click()  # holds cards: refused, said so
    assert "вместе с данными" in view.message.value and ideas["id"] in [x["id"] for x in wb.store.stages(s["id"])]
    dots = _stage(wb, s["id"], "voting")
    view.stage_picker.value = dots["id"]
    ed.kind.value = "voting"
    ed.add.click()
    new = wb.store.stage(view.viewed_stage_id)
    assert new["kind"] == "voting" and new["source_stage_id"] == dots["id"] and "Добавлен этап" in view.message.value
    assert ed.source.value == f"stage:{dots['id']}"
    ed.top.value = 4
    ed.apply.click()
    assert wb.store.stage(new["id"])["source_top"] == 4
    assert "Кандидаты: лучшие 4 из «Голосование»" in view.message.value  # said once, not "Кандидаты: кандидаты:"
    assert "кандидаты:" not in view.message.value
    ed.template_name.value = "kargopol"
    ed.save_template.click()
    assert "kargopol" in templates.names(wb.data_dir) and "сохранены" in view.message.value
    ed.save_template.click()
    assert "уже есть" in view.message.value and ed.replace_template.layout.display == ""
    ed.template_name.value = "другое"  # another name: «Заменить» no longer stands for «kargopol»
    assert ed.replace_template.layout.display == "none"
    ed.template_name.value = "kargopol"
    ed.save_template.click()
    stages.rename(wb.store, ideas["id"], "Проекты района")  # the session moves on; the template follows it
    ed.replace_template.click()
    assert "Шаблон «kargopol» заменён" in view.message.value and ed.replace_template.layout.display == "none"
    assert "Проекты района" in [st["title"] for st in templates.load("kargopol", wb.data_dir)["stages"]]
    ed.template_name.value = "плесецк"  # a Cyrillic name is taken as typed
    ed.save_template.click()
    assert "Этапы сохранены как шаблон «плесецк»" in view.message.value
    assert (templates.data_folder(wb.data_dir) / "плесецк.json").exists()
    ed.force.value = True
    ed.remove.click()
    assert new["id"] not in [x["id"] for x in wb.store.stages(s["id"])]


def test_every_template_field_is_documented():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for key in ("title", "kind", "stages"):
        assert f"| `{key}` |" in readme
    for key in sorted(templates.STAGE_KEYS):
        assert f"`stages[].{key}`" in readme, f"README does not document the template field {key}"
    for name in templates.BUILTIN:
        assert f"`{name}`" in readme


def test_a_dot_round_on_the_best_n_puts_only_its_candidates_on_phones(wb, demo):
    """The reviewer's second dot round on «the best 2» of the first: the control view and the
    display showed the two, phones listed every idea and refused taps on the others («За эту
    карточку голосовать нельзя»)."""
    from workbench.session import facilitator
    from workbench.session.phone import ballot

    s = wb.store.session(demo)
    dots = _stage(wb, s["id"], "voting")
    cards = wb.store.cards(s["id"], dots["target_stage_id"])
    best = [r["id"] for r in voting.METHODS["dots"].results(wb.store, dots, voting.votable(dots, cards))][:2]
    final = stages.add(wb.store, s["id"], "voting", title="Финал", after_stage_id=dots["id"])
    stages.set_source(wb.store, final["id"], dots["id"], top=2)
    facilitator.show_stage(wb.store, s["id"], final["id"])
    facilitator.toggle_voting(wb.store, final["id"])
    person = wb.store.participants(s["id"])[0]
    state = phone_state(wb.store, wb.store.session(demo), person)
    assert [c["id"] for c in state["cards"]] == best
    polled = phone_state(wb.store, wb.store.session(demo), person, board="")  # a phone's poll
    assert [c["id"] for c in polled["cards"]] == best
    ballot(wb.store, demo, person["token"], "vote", {"card": best[1]})
    assert wb.store.dots_of(final["id"], person["id"]) == {best[1]: 1}


def test_removing_the_ideas_stage_turns_the_vote_and_teams_to_the_card_stage_before(wb):
    """The reviewer deleted «Проектные идеи» (no cards yet): the vote said «Голосуем за: —» and
    the teams «Идей для команд пока нет», with nothing to choose another stage. Now both turn to
    the card stage before them, and the message says so."""
    code = wb.store.create_session("Будущее округа")
    s = wb.store.session(code)
    ideas, vote, team = _stage(wb, s["id"], "ideas"), _stage(wb, s["id"], "voting"), _stage(wb, s["id"], "teams")
    vision = _stage(wb, s["id"], "vision")
    wb.store.add_card(s["id"], vision["id"], "Чистая река")
    view = ProjectorView(wb, code)
    ed = view.stage_editor
    ed.toggle.value = True
    view.stage_picker.value = ideas["id"]
    ed.remove.click()
    assert ideas["id"] not in [x["id"] for x in wb.store.stages(s["id"])]
    assert wb.store.stage(vote["id"])["target_stage_id"] == vision["id"]
    assert wb.store.stage(team["id"])["target_stage_id"] == vision["id"]
    said = view.message.value
    assert "Этап «Проектные идеи» удалён" in said
    assert f"«{vote['title']}» теперь работает с карточками этапа «{vision['title']}»" in said
    assert f"«{team['title']}» теперь работает с карточками этапа «{vision['title']}»" in said
    view.stage_picker.value = vote["id"]
    assert f"Голосуем за: {vision['title']}" in view.voting_status.value
    assert "Чистая река" in view.chart.value  # its candidates: the cards of that stage


def test_a_vote_with_no_card_stage_left_says_where_to_choose_one(wb):
    code = wb.store.create_session("Голосование без идей", template=("ideas", "voting"))
    s = wb.store.session(code)
    ideas, vote = _stage(wb, s["id"], "ideas"), _stage(wb, s["id"], "voting")
    view = ProjectorView(wb, code)
    ed = view.stage_editor
    ed.toggle.value = True
    view.stage_picker.value = ideas["id"]
    ed.remove.click()
    assert "не осталось этапа с карточками" in view.message.value
    view.stage_picker.value = vote["id"]
    assert "выберите этап с карточками в «✎ Этапы и сессия»" in view.voting_status.value
    assert ed.target.value is None and ed.target.options[0][0] == "— не выбран —"


def test_the_facilitator_chooses_the_card_stage_a_vote_is_on(wb, demo):
    s = wb.store.session(demo)
    problems, vote = _stage(wb, s["id"], "problems"), _stage(wb, s["id"], "voting")
    fresh = stages.add(wb.store, s["id"], "voting", after_stage_id=vote["id"])
    view = ProjectorView(wb, demo)
    ed = view.stage_editor
    ed.toggle.value = True
    view.stage_picker.value = fresh["id"]
    titles = [label for label, _ in ed.target.options]
    assert titles == [x["title"] for x in wb.store.stages(s["id"]) if x["kind"] in
                      ("problems", "growth", "vision", "ideas", "cards")]
    ed.target.value = problems["id"]
    st = wb.store.stage(fresh["id"])
    assert st["target_stage_id"] == problems["id"]
    assert st["source_stage_id"] is None  # the top 6 of a round on other cards no longer fits
    assert f"работает с карточками этапа «{problems['title']}»" in view.message.value
    assert f"Голосуем за: {problems['title']}" in view.voting_status.value
    # a vote with ballots keeps its cards: said why, the list back on its own stage
    view.stage_picker.value = vote["id"]
    assert wb.store.stage_holdings(vote["id"])
    ed.target.value = problems["id"]
    assert "уже есть голоса" in view.message.value
    assert wb.store.stage(vote["id"])["target_stage_id"] == vote["target_stage_id"]
    assert ed.target.value == vote["target_stage_id"]
    with pytest.raises(WorkbenchError, match="target_invalid"):
        stages.set_target(wb.store, fresh["id"], vote["id"])  # a vote is not a stage of cards
    with pytest.raises(WorkbenchError, match="target_only_voting"):
        stages.set_target(wb.store, problems["id"], problems["id"])
