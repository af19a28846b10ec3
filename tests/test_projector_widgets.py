"""The projector view driven without a browser: set `.value`, call `.click()`, check the store."""

from __future__ import annotations

from workbench.store import Store
from workbench.ui.projector import ProjectorView, projector_view


def _view(wb, code):
    return ProjectorView(wb, code, join_url="http://10.0.0.1:8866/s/" + code)


def _stage_id(view, kind):
    return next(s["id"] for s in view.store.stages(view.session["id"]) if s["kind"] == kind)


def _wall_texts(view):
    return [view.store.card(c.card_id)["text"] for c in view.wall.children]


def test_join_box_shows_code_url_and_qr(wb, demo):
    view = _view(wb, demo)
    assert demo in view.join_box.value and "<svg" in view.join_box.value
    assert "Участников: 20" in view.joined.value


def test_typing_for_someone_adds_a_card_on_top(wb, demo):
    view = _view(wb, demo)
    view.new_text.value = "Нет остановки у школы"
    view.add_button.click()
    assert _wall_texts(view)[0] == "Нет остановки у школы"
    card = view.store.card(view.wall.children[0].card_id)
    assert card["by_facilitator"] and view.new_text.value == ""


def test_empty_text_shows_an_error_and_adds_nothing(wb, demo):
    view = _view(wb, demo)
    before = len(view.wall.children)
    view.new_text.value = "   "
    view.add_button.click()
    assert "Пустой текст" in view.message.value and len(view.wall.children) == before


def test_hide_edit_merge_from_the_projector(wb, demo):
    view = _view(wb, demo)
    first, second, third = [c.card_id for c in view.wall.children[:3]]
    view.select(third)
    view.hide_button.click()
    assert third not in [c.card_id for c in view.wall.children]
    view.select(first)
    view.edit_button.click()
    view.edit_text.value = "Исправленный текст"
    view.save_button.click()
    assert view.store.card(first)["text"] == "Исправленный текст"
    view.select(first, second)
    view.merge_button.click()
    ids = [c.card_id for c in view.wall.children]
    assert first in ids and second not in ids
    assert view.selected == []


def test_merge_needs_two_cards(wb, demo):
    view = _view(wb, demo)
    view.select(view.wall.children[0].card_id)
    view.merge_button.click()
    assert "хотя бы две" in view.message.value


def test_stage_switch_and_voting_controls(wb, demo):
    view = _view(wb, demo)
    voting = _stage_id(view, "voting")
    view.stage_picker.value = voting
    view.make_current.click()
    assert view.store.session(demo)["current_stage_id"] == voting
    assert view.voting_box.layout.display == ""
    view.budget.value = 5
    assert view.store.stage(voting)["vote_budget"] == 5
    view.voting_toggle.click()
    assert view.store.stage(voting)["voting_open"]
    assert "data-card" in view.chart.value  # the bars of the demo votes


def test_phone_changes_reach_the_view_through_the_store(wb, demo):
    view = _view(wb, demo)
    assert view.check() is True  # first look
    assert view.check() is False  # nothing changed
    phone_side = Store.open_url(wb.store.url)  # another process's connection
    s = phone_side.session(demo)
    p = phone_side.join(s["id"])
    phone_side.add_card(s["id"], s["current_stage_id"], "<img src=x onerror=alert(1)>",
                                participant_id=p["id"])
    assert view.check() is True
    top = view.wall.children[0].body.value
    assert "&lt;img src=x onerror=alert(1)&gt;" in top and "<img" not in top
    assert "Участников: 21" in view.joined.value
    phone_side.close()


def test_switching_to_english_relabels_the_view(wb, demo):
    view = _view(wb, demo)
    assert view.wall.children[0].select.tooltip == "Выбрать карточку"
    view.lang_toggle.value = "en"
    assert view.add_button.description == "Add"
    assert view.wall.children[0].select.tooltip == "Select this card"
    assert "Participants: 20" in view.joined.value


def test_unknown_code_shows_an_error_and_the_session_list(wb, demo):
    widget = projector_view(wb, "ZZZZZZ", watch=False)
    assert "не найдена" in widget.children[0].value and demo in widget.children[1].value


def test_opening_shows_who_joined_from_where(wb, demo):
    view = _view(wb, demo)
    assert "Каргополь 10" in view.joined.value and "НКО 5" in view.joined.value


def _breakdown_lines(html: str) -> list[str]:
    import re

    detail = html.split("<div class='wb-meta'", 1)[1].split(">", 1)[1].rsplit("</div>", 1)[0]
    return [re.sub(r"<[^>]+>", "", line) for line in detail.split("<br>")]


def test_the_breakdown_by_territory_and_sector_adds_up(wb, demo):
    """The reviewer's control view listed 6 of 7 sectors and 19 of 22 people by territory without
    saying so: every line now adds up to Участников, naming every category or saying "и ещё N"."""
    import re

    view = _view(wb, demo)
    where, sectors = _breakdown_lines(view.joined.value)
    # Seven sectors (six and "not given"): all of them, none left out.
    assert sectors == "Органы власти / МСУ 5, НКО 5, Бизнес 3, Житель 3, ТОС 2, Другое 1, Не указано 1"
    sid = view.session["id"]
    for k, place in enumerate(["Няндома", "Шалакуша", "Лепша", "Мошинское", "Бурачиха", "Шалакуша"]):
        wb.store.join(sid, name=f"Гость {k}", territory=place, sector="citizen")
    view.refresh()
    assert "Участников: 26" in view.joined.value
    where, sectors = _breakdown_lines(view.joined.value)
    # Ten places and "not given": the first six and the other five people in one number.
    assert where.startswith("Каргополь 10, Ошевенск 3, ") and where.endswith(", Шалакуша 2, и ещё 5")
    for line in (where, sectors):
        assert sum(int(n) for n in re.findall(r" (\d+)(?:,|$)", line)) == 26, line
    assert "data-more='5'" in view.joined.value  # the hidden places named in its tooltip
    view.lang_toggle.value = "en"
    assert _breakdown_lines(view.joined.value)[0].endswith(", and 5 more")


def test_word_cloud_and_duplicates(wb, demo):
    view = _view(wb, demo)
    s = view.session
    for text in ("Плохие дороги в деревнях", "плохие дороги в деревнях!", "Дороги плохие в деревнях"):
        view.store.add_card(s["id"], view.viewed_stage_id, text)
    view.refresh()
    view.cloud_button.click()
    assert "data-word='дорога'" in view.tool_html.value
    view.dups_button.click()
    assert "data-duplicates='1'" in view.tool_html.value
    before = len(view.wall.children)
    view.merge_dups_button.click()
    assert len(view.wall.children) == before - 2
    texts = [c["text"] for c in view.store.cards(s["id"], view.viewed_stage_id)]
    assert "Плохие дороги в деревнях" in texts  # the oldest keeps its text
    assert "плохие дороги в деревнях!" not in texts and "Дороги плохие в деревнях" not in texts
    assert "Плохие дороги между деревнями, весной не проехать" in texts  # similar, not the same


def test_show_mode_hides_the_controls(wb, demo):
    view = _view(wb, demo)
    assert "wb-control" in view.add_row._dom_classes and "wb-control" in view.wall.children[0].select._dom_classes
    view.show_mode.value = True
    assert "wb-show" in view.widget._dom_classes
    view.show_mode.value = False
    assert "wb-show" not in view.widget._dom_classes


def test_switching_stage_drops_the_other_stages_proposal_and_tools(wb, demo):
    """A grouping proposal, repeats and a word cloud belong to the stage they were made on:
    after switching to another stage they are gone, and accepting an old proposal there
    changes nothing (it used to hide that stage's groups and add empty ones)."""
    view = _view(wb, demo)
    s = view.session
    ideas = _stage_id(view, "ideas")
    view.stage_picker.value = ideas
    view.suggest_button.click()
    view.cloud_button.click()
    assert view.proposal_box.layout.display == "" and view.tool_html.value
    proposal = list(view.proposal)
    problems = _stage_id(view, "problems")
    before = view.store.cards(s["id"], problems)
    view.stage_picker.value = problems
    assert view.proposal_box.layout.display == "none" and view.tool_html.value == ""
    assert view.merge_dups_button.layout.display == "none"
    view.proposal = proposal  # an old proposal, as if its Accept button were still there
    view.proposal_stage_id = problems
    view.accept_button.click()
    assert "ещё раз" in view.message.value
    assert view.store.cards(s["id"], problems) == before


def test_changing_the_method_on_the_english_page_keeps_the_phones_prompt_russian(wb, demo):
    view = _view(wb, demo)
    voting = _stage_id(view, "voting")
    view.stage_picker.value = voting
    view.lang_toggle.value = "en"
    prompt = view.store.stage(voting)["prompt"]
    view.method.value = "matrix"
    matrix_prompt = view.store.stage(voting)["prompt"]
    assert matrix_prompt != prompt and not any("a" <= ch <= "z" for ch in matrix_prompt.lower()), matrix_prompt
    view.method.value = "dots"
    assert view.store.stage(voting)["prompt"] == prompt


def test_the_word_cloud_shows_words_not_stems(wb, demo):
    """The control view's cloud is the display's: place names with their capital, English
    words as written, no numerals, no surname reading of "гостевыми"."""
    view = _view(wb, demo)
    s = view.session
    for text in ("Два гида по Онеге", "Guides for tourists", "Сайт с гостевыми домами", "Экскурсии с QR-кодами"):
        view.store.add_card(s["id"], view.viewed_stage_id, text)
    view.refresh()
    view.cloud_button.click()
    cloud = view.tool_html.value
    for word in ("Онега", "guides", "гостевой", "QR-кодами"):
        assert f"data-word='{word}'" in cloud, word
    for stub in ("онега", "guid'", "Гостев", "два"):
        assert f"data-word='{stub}" not in cloud, stub


def test_moderation_settings_show_on_stages_that_take_cards_only(wb, demo):
    view = _view(wb, demo)
    view.stage_picker.value = _stage_id(view, "ideas")
    assert view.approvals.settings.layout.display == ""
    view.stage_picker.value = _stage_id(view, "voting")
    assert view.approvals.settings.layout.display == "none"
