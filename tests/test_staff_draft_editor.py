"""Staff and a team on one draft at once, without a browser: the staff's draft editor follows
what the team saves, saves only what the staff changed, with the version it started from, and
shows both texts (in words) when both changed one field; nothing is overwritten silently.

The reviewer's case: a team page changed «Цель проекта» and «Качественные результаты»; the staff
form still showed the old texts, and «Сохранить всё» put the old goal back and emptied the
results; a staff remark on «Причины проблемы» replaced the team's new text; a cell fixed in
«Партнёры» deleted the row the team had just added."""

from __future__ import annotations

import asyncio
import time

from workbench.drafts import create_draft
from workbench.session import team_links
from workbench.testing import wait_for
from workbench.ui.draft_editor import DraftEditor

OLD = {"title": "Школа ремёсел", "goal": "Обучить подростков", "qualitative_results": "Подростки заняты делом",
       "causes": "Нет помещения", "partners": [{"organisation": "Библиотека", "contribution": "зал"}]}


def _draft(wb, demo):
    did = create_draft(wb.store, wb.store.session(demo)["id"], OLD)
    return did, team_links.team_link(wb.store, did)["token"]


def _team_saves(wb, token, name, value):
    """What the team page sends: the field, from the version it shows."""
    base = team_links.team_draft(wb.store, token)["versions"][name]
    return team_links.save_field(wb.store, token, name, value, base)


def _shown(box) -> bool:
    return box.layout.display != "none"


def test_the_staff_form_follows_the_team_and_save_all_keeps_the_teams_work(wb, demo):
    did, token = _draft(wb, demo)
    editor = DraftEditor(wb, did)
    _team_saves(wb, token, "goal", "Обучить 40 подростков к маю 2026 года")
    _team_saves(wb, token, "qualitative_results", "Подростки умеют работать руками")
    # the watch loop's look at the store: the staff form shows the team's texts
    wait_for(lambda: editor.check() or editor.inputs["goal"].value.startswith("Обучить 40"),
             message="the team's goal on the staff form")
    assert editor.inputs["qualitative_results"].value == "Подростки умеют работать руками"
    assert "goal_not_measurable" not in editor.logic.value
    editor.save_button.click()  # nothing changed by the staff: nothing written
    assert "Все правки сохранены" in editor.message.value
    fields = wb.store.draft(did)["fields"]
    assert fields["goal"] == "Обучить 40 подростков к маю 2026 года"
    assert fields["qualitative_results"] == "Подростки умеют работать руками"


def test_save_all_on_an_old_copy_does_not_put_the_old_texts_back(wb, demo):
    """The staff page had not looked at the store yet (the reviewer's 8 s with the old copy):
    «Сохранить всё» sends only what the staff changed."""
    did, token = _draft(wb, demo)
    editor = DraftEditor(wb, did)
    _team_saves(wb, token, "goal", "Обучить 40 подростков к маю 2026 года")
    _team_saves(wb, token, "qualitative_results", "")
    editor.inputs["summary"].value = "Мастерская для подростков"
    editor.save_button.click()
    fields = wb.store.draft(did)["fields"]
    assert fields["goal"] == "Обучить 40 подростков к маю 2026 года" and fields["qualitative_results"] == ""
    assert fields["summary"] == "Мастерская для подростков"
    assert "Сохранено" in editor.message.value or "Все правки сохранены" in editor.message.value


def test_a_staff_remark_on_a_text_the_team_rewrote_shows_both_and_staff_choose(wb, demo):
    did, token = _draft(wb, demo)
    editor = DraftEditor(wb, did)
    _team_saves(wb, token, "causes", "В селе закрыли клуб")
    editor.inputs["causes"].value = "Нет помещения. Замечание: уточните, почему"  # typed on the old copy
    assert wb.store.draft(did)["fields"]["causes"] == "В селе закрыли клуб"  # the team's text stays
    box, text, keep, mine = editor.conflicts["causes"]
    assert _shown(box)
    assert "Кто-то только что сохранил поле «Причины проблемы»" in text.value
    assert "Сейчас сохранено:</div><div class='wb-c-text wb-c-theirs'>В селе закрыли клуб<" in text.value
    assert "Ваш текст:</div><div class='wb-c-text wb-c-mine'>Нет помещения. Замечание: уточните, почему<" in text.value
    assert editor.inputs["causes"].value == "Нет помещения. Замечание: уточните, почему"  # kept in the field
    assert "Не сохранено: «Причины проблемы» изменили" in editor.message.value
    assert (keep.description, mine.description) == ("Оставить сохранённый текст", "Сохранить мой текст")

    editor.follow()  # the watch loop does not replace the staff's text
    editor.save_button.click()  # nor does «Сохранить всё»: the choice is the staff's
    assert editor.inputs["causes"].value.startswith("Нет помещения. Замечание")
    assert wb.store.draft(did)["fields"]["causes"] == "В селе закрыли клуб"

    editor.inputs["causes"].value = "В селе закрыли клуб. Замечание: уточните, почему"  # merged by hand
    assert "Ваш текст:</div><div class='wb-c-text wb-c-mine'>В селе закрыли клуб. Замечание" in text.value
    mine.click()
    assert wb.store.draft(did)["fields"]["causes"] == "В селе закрыли клуб. Замечание: уточните, почему"
    assert not _shown(box) and "Сохранено" in editor.message.value
    team = team_links.team_draft(wb.store, token)
    assert team["fields"]["causes"].endswith("уточните, почему")  # the team page shows it

    # again, and this time the staff keep the team's text
    _team_saves(wb, token, "causes", "Клуб закрыли в 2023 году")
    editor.inputs["causes"].value = "Моя правка"
    assert _shown(box)
    keep.click()
    assert not _shown(box) and editor.inputs["causes"].value == "Клуб закрыли в 2023 году"
    assert wb.store.draft(did)["fields"]["causes"] == "Клуб закрыли в 2023 году"
    _team_saves(wb, token, "causes", "Клуб закрыли в 2023 году, другого нет")
    editor.follow()  # the field follows the team again
    assert editor.inputs["causes"].value == "Клуб закрыли в 2023 году, другого нет"

    editor.lang_toggle.value = "en"  # a conflict shown is redrawn in the page's language
    _team_saves(wb, token, "causes", "Закрыли клуб")
    editor.inputs["causes"].value = "Staff's text"
    assert "Someone else has just saved “Causes of the problem”" in text.value and mine.description == "Save my text"


def test_a_cell_fixed_by_staff_keeps_the_row_the_team_added(wb, demo):
    did, token = _draft(wb, demo)
    editor = DraftEditor(wb, did)
    stale = DraftEditor(wb, did)  # another staff page that has not looked at the store since
    added = {"organisation": "Школа", "contribution": "учителя"}
    _team_saves(wb, token, "partners", OLD["partners"] + [added])
    editor.follow()
    partners = editor.inputs["partners"]
    assert [[x.value for x in texts] for texts, _ in partners.rows] == [["Библиотека", "зал"], ["Школа", "учителя"]]
    partners.rows[0][0][1].value = "зал и проектор"
    assert wb.store.draft(did)["fields"]["partners"] == [
        {"organisation": "Библиотека", "contribution": "зал и проектор"}, added]

    stale.inputs["partners"].rows[0][0][1].value = "зал по субботам"  # on the old copy: refused
    assert len(wb.store.draft(did)["fields"]["partners"]) == 2
    box, text, _keep, mine = stale.conflicts["partners"]
    assert _shown(box)
    # both tables in words, row by row with the columns named (not JSON)
    assert ("1. Организация: Библиотека; Вклад партнёра: зал и проектор\n"
            "2. Организация: Школа; Вклад партнёра: учителя") in text.value
    assert "1. Организация: Библиотека; Вклад партнёра: зал по субботам<" in text.value
    assert "{" not in text.value and "organisation" not in text.value


def test_the_staff_tables_have_column_headings(wb, demo):
    did, _ = _draft(wb, demo)
    editor = DraftEditor(wb, did)
    partners = editor.inputs["partners"]
    heads = [h.value for h in partners.heads.values()]
    assert ["Организация" in heads[0], "Вклад партнёра" in heads[1]] == [True, True]
    assert partners.widget.children[0] is partners.head  # over the rows
    partners.rows[0][0][0].value = "Районная библиотека"  # a filled cell keeps its heading
    assert "Организация" in partners.heads["organisation"].value
    assert "Статья расходов" in editor.inputs["budget"].heads["item"].value
    editor.lang_toggle.value = "en"
    assert "Contribution" in partners.heads["contribution"].value


def test_in_the_kernels_loop_a_field_saves_after_a_pause_and_the_team_shows_up(wb, demo):
    """Under an event loop (the Voila kernel's): a field saves itself `PAUSE` after the last
    keystroke; the watch loop shows the team's saves in the fields the staff are not typing in,
    and a field the staff are typing in is not replaced: its save shows both texts."""
    did, token = _draft(wb, demo)

    async def until(condition, what, timeout=10.0):
        deadline = time.monotonic() + timeout
        while not condition():
            assert time.monotonic() < deadline, f"timed out waiting for {what}"
            await asyncio.sleep(0.02)

    async def scenario():
        editor = DraftEditor(wb, did)
        editor.watch()
        try:
            editor.inputs["summary"].value = "Мастерская"  # typing: not saved at once
            editor.inputs["causes"].value = "Нет помещения, замечание"
            assert wb.store.draft(did)["fields"].get("summary", "") == ""
            _team_saves(wb, token, "goal", "Обучить 40 подростков к маю 2026 года")
            _team_saves(wb, token, "causes", "В селе закрыли клуб")  # while the staff type in it
            await until(lambda: editor.inputs["goal"].value.startswith("Обучить 40"), "the team's goal")
            await until(lambda: wb.store.draft(did)["fields"].get("summary") == "Мастерская", "the pause's save")
            await until(lambda: _shown(editor.conflicts["causes"][0]), "the conflict")
            assert editor.inputs["causes"].value == "Нет помещения, замечание"
            assert wb.store.draft(did)["fields"]["causes"] == "В селе закрыли клуб"
        finally:
            editor._task.cancel()

    asyncio.run(scenario())


def test_a_staff_save_does_not_hide_what_the_team_saved_just_before(wb, demo):
    """The staff's own save reads the draft back with the team's newer fields in it: those still
    reach the form at the next look."""
    did, token = _draft(wb, demo)
    editor = DraftEditor(wb, did)
    _team_saves(wb, token, "goal", "Обучить 40 подростков к маю 2026 года")
    editor.inputs["summary"].value = "Мастерская"  # saved before the editor looked at the store
    editor.follow()
    assert editor.inputs["goal"].value == "Обучить 40 подростков к маю 2026 года"
    assert editor.inputs["summary"].value == "Мастерская"


def _cells(editor, name):
    return [[x.value for x in texts] for texts, _ in editor.inputs[name].rows]


def test_staff_and_team_changing_different_rows_of_a_table_keep_both(wb, demo):
    """Staff fix row 1's contribution on the copy they loaded while a member adds row 2: the
    save merges the two, no conflict, and the staff's table shows the member's row."""
    did, token = _draft(wb, demo)
    editor = DraftEditor(wb, did)
    added = {"organisation": "Школа", "contribution": "учителя"}
    _team_saves(wb, token, "partners", OLD["partners"] + [added])  # the staff form has not looked yet
    cell = editor.inputs["partners"].rows[0][0][1]
    cell.value = "зал и проектор"
    fixed = {"organisation": "Библиотека", "contribution": "зал и проектор"}
    assert wb.store.draft(did)["fields"]["partners"] == [fixed, added]
    assert team_links.team_draft(wb.store, token)["fields"]["partners"] == [fixed, added]
    assert not _shown(editor.conflicts["partners"][0])
    assert _cells(editor, "partners") == [["Библиотека", "зал и проектор"], ["Школа", "учителя"]]
    assert editor.inputs["partners"].rows[0][0][1] is cell  # the cell being typed in stays, cursor and all
    assert "Сохранено" in editor.message.value
    assert "Правки команды в «Партнёры проекта» тоже сохранены" in editor.message.value
    assert "wb-err" not in editor.message.value

    cell.value = "зал и проектор по субботам"  # the next save starts from the merged table
    assert wb.store.draft(did)["fields"]["partners"][1] == added
    assert "Правки команды" not in editor.message.value  # nothing of theirs this time

    editor.lang_toggle.value = "en"
    editor.inputs["partners"].add.click()  # a row the staff are about to fill stays where it is
    _team_saves(wb, token, "partners", wb.store.draft(did)["fields"]["partners"] + [{"organisation": "Клуб"}])
    editor.inputs["partners"].rows[1][0][1].value = "два учителя"
    assert "changes to “Partners” were kept too" in editor.message.value
    assert _cells(editor, "partners")[1:] == [["Школа", "два учителя"], ["Клуб", ""], ["", ""]]
    editor.inputs["partners"].rows[3][0][0].value = "Дом культуры"
    assert [r["organisation"] for r in wb.store.draft(did)["fields"]["partners"]] == [
        "Библиотека", "Школа", "Клуб", "Дом культуры"]


def test_a_row_both_changed_is_a_conflict_and_each_choice_keeps_the_other_rows(wb, demo):
    did, token = _draft(wb, demo)
    editor = DraftEditor(wb, did)
    school = {"organisation": "Школа", "contribution": "учителя"}
    _team_saves(wb, token, "partners", [{"organisation": "Библиотека", "contribution": "зал и сцена"}, school])
    partners = editor.inputs["partners"]
    partners.rows[0][0][1].value = "зал по субботам"  # the row the team changed too
    box, text, keep, mine = editor.conflicts["partners"]
    assert _shown(box)
    assert "Кто-то только что сохранил поле «Партнёры проекта»" in text.value
    assert "1. Организация: Библиотека; Вклад партнёра: зал и сцена\n2. Организация: Школа" in text.value
    assert "1. Организация: Библиотека; Вклад партнёра: зал по субботам<" in text.value
    assert "Не сохранено: «Партнёры проекта» изменили" in editor.message.value
    assert wb.store.draft(did)["fields"]["partners"][0]["contribution"] == "зал и сцена"  # nothing overwritten

    mine.click()  # the staff's row 1, and the team's row 2 stays
    assert wb.store.draft(did)["fields"]["partners"] == [
        {"organisation": "Библиотека", "contribution": "зал по субботам"}, school]
    assert not _shown(box)
    assert _cells(editor, "partners") == [["Библиотека", "зал по субботам"], ["Школа", "учителя"]]
    assert "Сохранено" in editor.message.value and "Правки команды" in editor.message.value

    # again; this time the staff add a row of their own while the conflict is shown, and keep
    # the team's row 1: their new row stays
    _team_saves(wb, token, "partners", [{"organisation": "Библиотека", "contribution": "малый зал"}, school])
    partners.rows[0][0][1].value = "большой зал"  # the row the team changed: held
    assert _shown(box)
    partners.add.click()
    partners.rows[2][0][0].value = "Дом культуры"
    assert "3. Организация: Дом культуры" in text.value  # the box shows the staff's newest table
    keep.click()
    assert wb.store.draft(did)["fields"]["partners"] == [
        {"organisation": "Библиотека", "contribution": "малый зал"}, school,
        {"organisation": "Дом культуры", "contribution": ""}]
    assert _cells(editor, "partners")[0] == ["Библиотека", "малый зал"] and not _shown(box)


def test_a_field_typed_without_a_pause_is_saved_while_typing_with_one_history_row(wb, demo):
    """Under the kernel's loop: typing on without a pause of `PAUSE` saved nothing until the staff
    stopped (each keystroke put the save off), so a kernel killed mid-paragraph lost all of it.
    The field now saves within `PAUSE` of a keystroke while typing goes on; its history still
    gets one row per pause in typing (the text before it), not one per save."""
    from workbench.session.draft_history import field_history

    did, _ = _draft(wb, demo)
    typed = "Нет помещения: клуб закрыт с 2019 года, а школа занята до вечера"

    async def until(condition, what, timeout=10.0):
        deadline = time.monotonic() + timeout
        while not condition():
            assert time.monotonic() < deadline, f"timed out waiting for {what}"
            await asyncio.sleep(0.02)

    def stored():
        return wb.store.draft(did)["fields"]["causes"]

    async def scenario():
        editor = DraftEditor(wb, did)
        box = editor.inputs["causes"]

        async def type_on(start: str, text: str):
            for n in range(1, len(text) + 1):  # a keystroke every 0.05 s: never a pause
                box.value = start + text[:n]
                await asyncio.sleep(0.05)

        typing = asyncio.ensure_future(type_on("", typed))
        await until(lambda: stored() != OLD["causes"], "a save while typing")
        assert not typing.done() and typed.startswith(stored())  # saved mid-paragraph
        await typing
        await until(lambda: stored() == typed, "the last keystroke's save")
        assert [h["value"] for h in field_history(wb.store, did, "causes")] == [OLD["causes"]]
        await asyncio.sleep(editor.PAUSE)  # the staff pause, then add a sentence
        await type_on(typed, ". Ищем зал")
        await until(lambda: stored() == typed + ". Ищем зал", "the second run's save")
        assert [h["value"] for h in field_history(wb.store, did, "causes")] == [typed, OLD["causes"]]

    asyncio.run(scenario())
