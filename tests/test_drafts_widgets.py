"""The draft editor and the drafts page driven without a browser: set `.value`, `.click()`,
then check the store."""

from __future__ import annotations

from workbench.drafts import create_draft, top_ideas
from workbench.exports import draft_file_name
from workbench.ui.draft_editor import DraftEditor, DraftPicker, draft_view


def _draft(wb, demo, **fields):
    sid = wb.store.session(demo)["id"]
    return create_draft(wb.store, sid, {"title": "Школа ремёсел", **fields})


def _codes(editor):
    return [f for f in ("goal_missing", "goal_not_measurable", "goal_no_deadline", "partners_missing",
                        "task_without_activity") if f"data-code='{f}'" in editor.logic.value]


def test_fields_are_saved_as_you_go_and_the_logic_check_follows(wb, demo):
    did = _draft(wb, demo)
    editor = DraftEditor(wb, did)
    assert "goal_missing" in _codes(editor)
    editor.inputs["goal"].value = "Сделать жизнь лучше"
    assert wb.store.draft(did)["fields"]["goal"] == "Сделать жизнь лучше"
    assert _codes(editor)[0] == "goal_not_measurable" and "Сохранено" in editor.message.value
    editor.inputs["goal"].value = "Обучить 40 подростков к маю 2026 года"
    assert "goal_not_measurable" not in _codes(editor)
    editor.inputs["title"].value = "Школа ремёсел «Берегиня»"
    assert wb.store.draft(did)["title"] == "Школа ремёсел «Берегиня»"
    assert "Берегиня" in editor.title.value


def test_list_rows_add_edit_remove(wb, demo):
    did = _draft(wb, demo)
    editor = DraftEditor(wb, did)
    tasks = editor.inputs["tasks"]
    tasks.add.click()
    tasks.add.click()
    tasks.rows[0][0][0].value = "Найти мастеров"
    tasks.rows[1][0][0].value = "Провести занятия"
    assert wb.store.draft(did)["fields"]["tasks"] == ["Найти мастеров", "Провести занятия"]
    assert "task_without_activity" in _codes(editor)
    partners = editor.inputs["partners"]
    partners.add.click()
    organisation, contribution = partners.rows[0][0]
    organisation.value = "Районная библиотека"
    contribution.value = "помещение"
    assert wb.store.draft(did)["fields"]["partners"] == [
        {"organisation": "Районная библиотека", "contribution": "помещение"}]
    assert "partners_missing" not in _codes(editor)
    tasks.rows[0][1].children[-1].click()  # the remove button of the first task
    assert wb.store.draft(did)["fields"]["tasks"] == ["Провести занятия"]
    # a reopened editor shows what the store has
    again = DraftEditor(wb, did)
    assert [x[0][0].value for x in again.inputs["tasks"].rows] == ["Провести занятия"]
    assert again.inputs["partners"].rows[0][0][0].value == "Районная библиотека"


def test_two_editors_on_one_draft_keep_each_others_fields(wb, demo):
    did = _draft(wb, demo)
    a, b = DraftEditor(wb, did), DraftEditor(wb, did)
    a.inputs["problem"].value = "Подросткам некуда пойти"
    b.inputs["causes"].value = "Нет помещения"
    fields = wb.store.draft(did)["fields"]
    assert fields["problem"] == "Подросткам некуда пойти" and fields["causes"] == "Нет помещения"


def test_errors_are_shown(wb, demo):
    did = _draft(wb, demo)
    editor = DraftEditor(wb, did)
    editor.inputs["title"].value = "  "
    assert "Укажите название проекта" in editor.message.value
    assert wb.store.draft(did)["title"] == "Школа ремёсел"


def test_a_staff_date_is_typed_as_on_the_analysis_page_and_a_wrong_one_is_said_under_its_field(wb, demo):
    """The reviewer typed 15.03.2025 and clicked «Изменить статус»: nothing seemed to happen (the
    error was at the top of the page, out of view, and wanted ГГГГ-ММ-ДД); 2025-02-30 was called a
    wrong format. Dates are typed ДД.ММ.ГГГГ (ISO too), and what went wrong is said under the
    field that caused it."""
    store = wb.store
    did = _draft(wb, demo)
    editor = DraftEditor(wb, did)
    assert editor.status_date.placeholder == "ДД.ММ.ГГГГ"
    editor.status.value = "submitted"
    editor.status_date.value = "15.03.2025"
    editor.status_button.click()
    assert store.draft(did)["status"] == "submitted" and store.status_log(did)[-1]["date"] == "2025-03-15"
    assert "15.03.2025 — Подана на конкурс" in editor.status_log.value
    assert "Сохранено" in editor.side_msgs["status"].value and editor.message.value == ""

    logged = len(store.status_log(did))
    editor.status.value = "funded"
    for typed, said in (("30.02.2025", "Такой даты нет: «30.02.2025»"), ("2025-02-30", "Такой даты нет: «2025-02-30»"),
                        ("03/15/2025", "«03/15/2025» не распознана: введите её как ДД.ММ.ГГГГ")):
        editor.status_date.value = typed
        editor.status_button.click()
        assert said in editor.side_msgs["status_date"].value and "wb-err" in editor.side_msgs["status_date"].value
        assert "wb-bad" in editor.status_date._dom_classes  # the field itself turns red
        assert editor.side_msgs["status"].value == "" and editor.message.value == ""  # not "Сохранено", not at the top
        assert store.draft(did)["status"] == "submitted" and len(store.status_log(did)) == logged
        assert editor.status_date.value == typed  # kept, to be corrected
    editor.status_date.value = "2025-03-16"  # ISO is understood too, and shown the Russian way
    editor.status_button.click()
    assert store.draft(did)["status"] == "funded" and editor.status_date.value == "16.03.2025"
    assert editor.side_msgs["status_date"].value == "" and "wb-bad" not in editor.status_date._dom_classes

    editor.cons_who.value = "Фонд местного сообщества"
    editor.cons_date.value = "2025-02-30"
    editor.cons_button.click()
    assert "Такой даты нет" in editor.side_msgs["cons_date"].value and store.consultations(did) == []
    assert editor.cons_who.value == "Фонд местного сообщества"  # nothing typed is lost
    editor.cons_date.value = "1.3.2025"
    editor.cons_button.click()
    assert store.consultations(did)[0]["date"] == "2025-03-01"
    assert "01.03.2025 — Фонд местного сообщества" in editor.cons_log.value
    assert editor.side_msgs["cons_date"].value == "" and "Сохранено" in editor.side_msgs["cons"].value
    editor.cons_button.click()  # nobody and nothing: said under the button
    assert "Укажите, кто консультировал" in editor.side_msgs["cons"].value

    editor.lang_toggle.value = "en"  # the messages and the dates follow the switch
    assert "Say who consulted" in editor.side_msgs["cons"].value
    assert editor.status_date.value == "2025-03-16" and editor.status_date.placeholder == "YYYY-MM-DD"
    assert "1 March 2025 — Фонд местного сообщества" in editor.cons_log.value  # read: in words
    editor.status_date.value = "30.02.2025"
    editor.status_button.click()
    assert "There is no such date: &#x27;30.02.2025&#x27;" in editor.side_msgs["status_date"].value
    editor.status_date.value = "31/12/2025"
    editor.status_button.click()
    assert "not understood: type it as YYYY-MM-DD or DD.MM.YYYY" in editor.side_msgs["status_date"].value
    editor.status_date.value = "17.03.2025"  # DD.MM.YYYY is understood on the English page too
    editor.status_button.click()
    assert store.status_log(did)[-1]["date"] == "2025-03-17" and editor.status_date.value == "2025-03-17"
    assert "Saved" in editor.side_msgs["status"].value


def test_status_consultations_export_and_language(wb, demo):
    did = _draft(wb, demo)
    editor = DraftEditor(wb, did)
    editor.status.value = "submitted"
    editor.status_date.value = "2026-02-01"
    editor.status_note.value = "Президентские гранты, 1-й конкурс"
    editor.status_button.click()
    assert wb.store.draft(did)["status"] == "submitted"
    assert wb.store.status_log(did)[-1]["note"] == "Президентские гранты, 1-й конкурс"
    assert "01.02.2026 — Подана на конкурс" in editor.status_log.value
    editor.cons_who.value = "Фонд местного сообщества"
    editor.cons_notes.value = "<b>Цель</b> без числа"
    editor.cons_button.click()
    assert wb.store.consultations(did)[0]["notes"] == "<b>Цель</b> без числа"
    assert "&lt;b&gt;Цель&lt;/b&gt;" in editor.cons_log.value
    editor.export_docx.click()
    name = draft_file_name(wb.store.draft(did), "docx")  # the project's title and id
    assert name.endswith(f"-{did}.docx") and f"download='{name}'" in editor.download.value
    # the link carries the document itself: the team opens it in Word; the server keeps no copy
    import base64
    import io

    import docx

    data = base64.b64decode(editor.download.value.split("base64,")[1].split("'")[0])
    assert any("Цель" in p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert not (wb.data_dir / "exports").exists()
    assert f"Файл готов: {name}<" in editor.message.value  # the name, not the server's path
    editor.lang_toggle.value = "en"
    assert editor.labels["goal"].value.endswith("Goal of the project</div>")
    assert "The project has no goal" in editor.logic.value


def test_picker_creates_drafts_from_top_ideas_and_shows_the_funnel(wb, demo):
    top = top_ideas(wb.store, demo)
    widget = draft_view(wb, None, demo)
    picker = widget.view
    assert isinstance(picker, DraftPicker) and list(picker.create_buttons)[0] == top[0]["id"]
    assert "Проектов пока нет" in picker.list.value
    picker.create_buttons[top[0]["id"]].click()
    d = wb.store.draft(picker.last_created)
    assert d["title"] == top[0]["text"] and d["card_id"] == top[0]["id"]
    assert f"?draft={d['id']}" in picker.list.value and "Черновик" in picker.funnel.value
    assert "Каргопольский округ" in picker.funnel.value
    assert isinstance(draft_view(wb, str(d["id"])).view, DraftEditor)
    missing = draft_view(wb, "999").view
    assert "Проект не найден" in missing.message.value
    assert "Сессия с кодом" in draft_view(wb, None, "NOPE").view.message.value


def test_create_on_an_idea_with_a_draft_opens_it(wb, demo):
    """An idea with a draft offers «Открыть проект», a link to it, in place of «Создать проект»
    (the reviewer saw «+ Создать проект» on teams that had theirs); a second screen drawn before
    the draft was made still opens that draft, not a second one."""
    top = top_ideas(wb.store, demo)[0]
    picker = draft_view(wb, None, demo).view
    other = draft_view(wb, None, demo).view  # another screen, drawn before the draft existed
    picker.create_buttons[top["id"]].click()
    first = picker.last_created
    assert "Проект создан" in picker.message.value
    link = f"<a class='wb-open-draft' data-draft='{first}' href='?draft={first}&amp;lang=ru'>Открыть проект</a>"
    row = next(c for c in picker.ideas.children if f"data-candidate='{top['id']}'" in _ui_text(c))
    assert link in _ui_text(row) and "Создать проект" not in _ui_text(row)
    assert top["id"] not in picker.create_buttons and len(picker.create_buttons) >= 3  # the others' stay
    other.create_buttons[top["id"]].click()  # the reviewer's second click, on the other screen
    assert other.last_created == first
    assert f"У этой идеи уже есть проект: «{top['text']}»" in other.message.value
    assert f"?draft={first}&amp;lang=ru" in other.message.value
    assert link in _ui_text(other.ideas)  # that screen now links to it too
    picker = other
    assert len(wb.store.drafts(wb.store.session(demo)["id"])) == 1
    assert picker.sharing.teams.children[1:] and len(picker.sharing.make_buttons) == 1  # one team row


def _bracket_depth(text: str) -> int:
    """How deep brackets and «» quotes nest in `text`: «a» (b) is 1, «a «b»» or (a (b)) is 2."""
    depth = deepest = 0
    for ch in text:
        if ch in "«(":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "»)":
            depth -= 1
    return deepest


def _ui_text(widget) -> str:
    """What a widget tree shows: HTML values, button, checkbox and field labels, options."""
    import ipywidgets as w

    out = []
    for attr in ("value", "description", "tooltip", "placeholder"):
        value = getattr(widget, attr, None)
        if isinstance(value, str):
            out.append(value)
    if isinstance(widget, (w.Dropdown, w.ToggleButtons)):
        out += [str(label) for label in widget._options_labels]
    for child in getattr(widget, "children", ()):
        out.append(_ui_text(child))
    return "\n".join(out)


def test_drafts_list_in_english_and_back(wb, demo):
    import html
    import re

    store = wb.store
    sid = store.session(demo)["id"]
    top = top_ideas(store, demo)
    picker = draft_view(wb, None, demo, lang="en").view  # the notebook passes `?lang=en`
    create = picker.create_buttons[top[0]["id"]]
    create.click()
    create.click()  # a second click (a button drawn before the draft existed) opens it
    did = picker.last_created
    text = html.unescape(_ui_text(picker.widget))
    for label in ("Ideas by the result of “Голосование”, dot votes", "place 1", "Dots: ", "Create a draft", "Project drafts", "Draft funnel",
                  "Between sessions: links", "Who registered", "Presentation review",
                  "This idea already has a draft", "Open the draft"):
        assert label in text, label
    assert f"?draft={did}&lang=en" in text
    session = store.session(demo)
    data = [c["text"] for c in store.cards(sid)] + [d["title"] for d in store.drafts(sid)] + [
        session["title"], session["territory"]] + [st["title"] for st in store.stages(sid)]  # a round's stage

    def russian_ui(text):  # the Russian words left once the session's own data is taken out
        for item in sorted(data, key=len, reverse=True):
            text = text.replace(item, "")
        return re.findall(r"[А-Яа-яЁё][А-Яа-яЁё ]*", re.sub("<[^>]+>", " ", text))

    assert russian_ui(text) == []

    picker.lang_toggle.value = "ru"  # the switch redraws the page, its panels and the message
    text = html.unescape(_ui_text(picker.widget))
    for label in ("Идеи по итогам «Голосование», голоса точками", "место 1", "Создать проект", "Воронка проектов",
                  "У этой идеи уже есть проект", "Открыть проект"):
        assert label in text, label
    assert "Ideas by the result" not in text and "Presentation review" not in text
    assert f"?draft={did}&lang=ru" in text and russian_ui(text)
    picker.lang_toggle.value = "en"
    assert russian_ui(html.unescape(_ui_text(picker.widget))) == []
    # a language the catalogue does not have is the setting's
    assert draft_view(wb, None, demo, lang="fr").view.lang == wb.settings["lang"]


def test_the_editor_link_back_keeps_the_language(wb, demo):
    did = _draft(wb, demo)
    editor = draft_view(wb, str(did), lang="en").view
    assert editor.lang_toggle.value == "en"
    assert editor.back.value == f"<a class='wb-draft-back' href='?session={demo}&amp;lang=en'>← all drafts</a>"
    editor.lang_toggle.value = "ru"
    assert f"?session={demo}&amp;lang=ru'>← все проекты</a>" in editor.back.value
    missing = draft_view(wb, "999", lang="en").view
    assert "Draft not found" in missing.message.value
    missing.lang_toggle.value = "ru"
    assert "Проект не найден" in missing.message.value


def test_staff_fields_have_whole_labels_and_a_date_format_hint(wb, demo):
    """The staff's labels stand above their fields, whole ("Комментарий", not "Коммент…"), and the
    date fields show the format to type, not a fixed date."""
    editor = DraftEditor(wb, _draft(wb, demo))
    labels = " ".join(x.value for x in editor.side_labels.values())
    for label in ("Статус", "Дата", "Комментарий", "Кто консультировал", "Что обсуждали"):
        assert f">{label}<" in labels, label
    assert editor.status_date.placeholder == editor.cons_date.placeholder == "ДД.ММ.ГГГГ"
    assert "2026-01-31" not in _ui_text(editor.widget)
    editor.lang_toggle.value = "en"
    assert editor.status_date.placeholder == "YYYY-MM-DD" and ">Note<" in editor.side_labels["status_note"].value
    # no field is set to its column's full width plus margins (that ran under the logic check)
    assert all(x.layout.width != "100%" for x in editor.inputs.values() if hasattr(x, "layout"))


def test_drafts_list_says_what_the_logic_number_is_and_the_funnel_has_one_header_row(wb, demo):
    import re

    from workbench.drafts import logic_check

    did = _draft(wb, demo)
    picker = draft_view(wb, None, demo).view
    n = len(logic_check(wb.store.draft(did), "ru"))
    assert n >= 5 and f"<td class='wb-d-issues'>{n} замечаний</td>" in picker.list.value
    tables = re.findall(r"<table class='wb-drafts wb-funnel'>(.*?)</table>", picker.funnel.value)
    assert len(tables) == 2
    for table, name in zip(tables, ("Сессия", "Территория"), strict=True):
        rows = re.findall(r"<tr>(.*?)</tr>", table)
        assert rows[0].startswith(f"<th>{name}</th><th>Идея</th>")  # the index's name in the header row
        assert len(rows) == 2 and rows[1].startswith("<th>") and "<th></th>" not in table  # no empty row
    assert "Каргопольский округ" in tables[1] and "<td>1</td>" in tables[1]
    picker.lang_toggle.value = "en"
    assert f"{n} issues" in picker.list.value and "<th>Session</th>" in picker.funnel.value


def test_registration_files_are_one_link_each_and_an_empty_list_says_so(wb, demo):
    """The drafts page's "Кто зарегистрировался": the CSV and XLSX are links named by the file
    (no "Файл готов: /tmp/…" path, no button then link); nobody registered: it says so, with no
    empty file and no empty dropdown beside the disabled "Удалить данные"."""
    import base64
    import re

    from workbench.session import registration

    panel = draft_view(wb, None, demo).view.registrations
    assert "Список файлом: <i>список пуст, выгружать нечего</i>" == panel.files.value
    assert "href" not in panel.files.value and "/tmp" not in _ui_text(panel.widget)
    assert panel.person.layout.display == "none" and panel.forget.disabled

    registration.register(wb.store, demo, {"name": "Анна Белова", "territory": "Каргополь", "consent": True})
    panel.refresh_button.click()
    links = re.findall(r"<a download='([^']+)' href='data:[^;]+;base64,([^']+)'>([^<]+)</a>", panel.files.value)
    assert [(name, text) for name, _, text in links] == [
        (f"registrations-{demo}.csv", f"registrations-{demo}.csv"), (f"registrations-{demo}.xlsx", f"registrations-{demo}.xlsx")]
    assert base64.b64decode(links[1][1])[:2] == b"PK"  # an XLSX (a zip)
    assert "Анна Белова" in base64.b64decode(links[0][1]).decode("utf-8-sig")
    assert panel.message.value == ""
    assert panel.person.layout.display is None and not panel.forget.disabled


def test_the_drafts_page_starts_from_the_teams_then_the_latest_round(wb, demo):
    """The reviewer's drafts page listed the first round's dots ("Библиотека · голосов: 12") and
    not the three teams formed on the matrix's best 3."""
    import re

    from workbench.session import stages, voting
    from workbench.session.teams import join

    store = wb.store
    s = store.session(demo)
    dots = next(x for x in store.stages(s["id"]) if x["kind"] == "voting")
    teams = next(x for x in store.stages(s["id"]) if x["kind"] == "teams")
    matrix = stages.add(store, s["id"], "voting", title="Матрица", after_stage_id=dots["id"])
    stages.set_method_of(store, matrix["id"], "matrix")
    matrix = store.stage(matrix["id"])
    items = voting.method(matrix).items(store, matrix, store.cards(s["id"], dots["target_stage_id"]))
    people = store.participants(s["id"])
    store.update_stage(matrix["id"], voting_open=True)
    # The most dotted idea is "not now", the sixth a quick win: the matrix reverses the dots.
    scores = [(1, 1), (2, 2), (3, 3), (5, 2), (4, 4), (5, 5)]
    for p in people[:4]:
        for c, (imp, fea) in zip(items, scores, strict=True):
            voting.rate(store, matrix["id"], p["id"], c["id"], imp, fea)
    stages.set_source(store, teams["id"], matrix["id"], top=3)
    for k, p in enumerate(people[:3]):
        join(store, teams["id"], p["id"], items[5]["id"], leader=k == 0)
    for p in people[3:5]:
        join(store, teams["id"], p["id"], items[4]["id"], leader=False)
    picker = draft_view(wb, None, demo).view
    ids = [c["id"] for c in items]
    # The two teams, largest first; then the matrix's order (quick wins, the big bet, not now).
    assert list(picker.create_buttons)[:6] == [ids[5], ids[4], ids[2], ids[3], ids[1], ids[0]]
    shown = _ui_text(picker.ideas)
    assert f"Команды: {s['title']}" in shown and "Идеи с наибольшим числом голосов" not in shown
    assert "Другие идеи по итогам «Матрица», важность × выполнимость" in shown
    for heading in re.findall(r"<h[34][^>]*>(.*?)</h[34]>", shown):  # no bracket inside a bracket
        assert _bracket_depth(heading) <= 1, heading
    assert f"в команде: 3, лидер: {people[0]['name']}" in shown and "в команде: 2</b>" in shown
    assert shown.index("Квадрант: <b>Быстрые победы") < shown.index("Квадрант: <b>Большие ставки")
    picker.create_buttons[ids[5]].click()  # a team's draft comes with its members and leader
    team = store.draft(picker.last_created)["fields"]["team"]
    assert [r["role"] for r in team] == ["руководитель проекта", "член команды", "член команды"]
    assert team[0]["person"].startswith(people[0]["name"])


def test_the_english_editor_writes_the_budget_line_with_english_figures(wb, demo):
    """The reviewer's English editor read «135 000,50 ₽ … (11.1 %)»."""
    nb = "\u00a0"
    did = _draft(wb, demo, budget=[{"item": "Rent", "amount": "135 000,50", "cofinancing": "16 900"}])
    editor = DraftEditor(wb, did, "en")
    assert (f"asked of the fund: 135,000.50{nb}₽; co-financing: 16,900{nb}₽ (11.1%)</div>"
            in editor.logic.value)
    editor.lang_toggle.value = "ru"
    assert f"запрашиваемая сумма: 135{nb}000,50{nb}₽; софинансирование: 16{nb}900{nb}₽ (11,1 %)" in editor.logic.value


def test_an_english_sessions_drafts_page_opens_in_english(wb):
    """The drafts link `serve` prints has no ?lang=: an English session's drafts page opened in
    Russian and pre-filled a new draft in Russian («Идею поддержали на сессии…», «лидер проекта»)."""
    from workbench.session import facilitator, templates

    code = templates.create_session(wb.store, "Future of the district", data_dir=wb.data_dir, lang="en",
                                    date="2026-12-06")
    sid = wb.store.session(code)["id"]
    ideas = next(st for st in wb.store.stages(sid) if st["kind"] == "ideas")
    facilitator.add_card(wb.store, sid, ideas["id"], "Youth club in the old school")
    picker = draft_view(wb, None, code).view
    assert picker.lang == "en" and picker.lang_toggle.value == "en"
    text = _ui_text(picker.widget)
    assert "Create a draft" in text and "Project drafts" in text and "Создать проект" not in text
    picker.create_buttons[top_ideas(wb.store, code)[0]["id"]].click()
    draft = wb.store.draft(picker.last_created)
    assert draft["fields"]["relevance"].startswith("At the session")
    editor = draft_view(wb, str(draft["id"])).view  # the draft's own link: its session's language
    assert editor.lang == "en"
    assert draft_view(wb, None, code, lang="ru").view.lang == "ru"  # ?lang= still chooses
    assert draft_view(wb, None, "NOPE").view.lang == wb.settings["lang"]
