"""The projector view driven without a browser: set `.value`, call `.click()`, check the store."""

from __future__ import annotations

from workbench.store import Store
from workbench.ui.projector import ProjectorView, projector_view


def _view(wb, code):
    return ProjectorView(wb, code, join_url="http://10.0.0.1:8866/s/" + code)


def _stage_id(view, kind):
    return next(s["id"] for s in view.store.stages(view.session["id"]) if s["kind"] == kind)


def _wall_texts(view):
    return [view.store.card(c.card_id)["text"] for c in view.wall_items]


def test_join_box_shows_code_url_and_qr(wb, demo):
    view = _view(wb, demo)
    assert demo in view.join_box.value and "<svg" in view.join_box.value
    assert "Участников: 20" in view.joined.value


def test_typing_for_someone_adds_a_card_on_top(wb, demo):
    view = _view(wb, demo)
    view.new_text.value = "Нет остановки у школы"
    view.add_button.click()
    assert _wall_texts(view)[0] == "Нет остановки у школы"
    card = view.store.card(view.wall_items[0].card_id)
    assert card["by_facilitator"] and view.new_text.value == ""


def test_empty_text_shows_an_error_and_adds_nothing(wb, demo):
    view = _view(wb, demo)
    before = len(view.wall_items)
    view.new_text.value = "   "
    view.add_button.click()
    assert "Пустой текст" in view.message.value and len(view.wall_items) == before


def test_hide_edit_merge_from_the_projector(wb, demo):
    view = _view(wb, demo)
    first, second, third = [c.card_id for c in view.wall_items[:3]]
    view.select(third)
    view.hide_button.click()
    assert third not in [c.card_id for c in view.wall_items]
    view.select(first)
    view.edit_button.click()
    view.edit_text.value = "Исправленный текст"
    view.save_button.click()
    assert view.store.card(first)["text"] == "Исправленный текст"
    view.select(first, second)
    view.merge_button.click()
    ids = [c.card_id for c in view.wall_items]
    assert first in ids and second not in ids
    assert view.selected == []


def test_merge_needs_two_cards(wb, demo):
    view = _view(wb, demo)
    view.select(view.wall_items[0].card_id)
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
    top = view.wall_items[0].body.value
    assert "&lt;img src=x onerror=alert(1)&gt;" in top and "<img" not in top
    assert "Участников: 21" in view.joined.value
    phone_side.close()


def test_switching_to_english_relabels_the_view(wb, demo):
    view = _view(wb, demo)
    assert view.wall_items[0].select.tooltip == "Выбрать карточку"
    view.lang_toggle.value = "en"
    assert view.add_button.description == "Add"
    assert view.wall_items[0].select.tooltip == "Select this card"
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
    assert sectors == "Органы власти / МСУ 5, НКО 5, Бизнес 3, Житель 3, ТОС 2, Другое 1, Сфера не указана: 1"
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


def test_each_not_given_says_what_it_is_about(wb, demo):
    """The header read «Не указано 1» on the territory line and again on the sector line without
    saying which was which: each now names its field, in both languages."""
    view = _view(wb, demo)
    wb.store.join(view.session["id"], name="Без места")  # neither territory nor sector
    view.refresh()
    where, sectors = _breakdown_lines(view.joined.value)
    assert "Территория не указана: " in where and "Сфера не указана: 2" in sectors
    assert "Не указано" not in view.joined.value
    view.lang_toggle.value = "en"
    where, sectors = _breakdown_lines(view.joined.value)
    assert "Territory not given: " in where and "Sector not given: 2" in sectors
    assert "Not given" not in view.joined.value


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
    # each card's text is isolated: a bidi override inside one never mirrors the «» around it
    assert any("«<bdi>Плохие дороги в деревнях</bdi>»" in label.value for label in _dup_labels(view))
    before = len(view.wall_items)
    view.merge_dups_button.click()
    assert len(view.wall_items) == before - 2
    texts = [c["text"] for c in view.store.cards(s["id"], view.viewed_stage_id)]
    assert "Плохие дороги в деревнях" in texts  # the oldest keeps its text
    assert "плохие дороги в деревнях!" not in texts and "Дороги плохие в деревнях" not in texts
    assert "Плохие дороги между деревнями, весной не проехать" in texts  # similar, not the same
    # a typo sent first gives way to the same idea spelled right, sent later
    for text in ("Пракат лодок и снаряжения", "Прокат лодок и снаряжения"):
        view.store.add_card(s["id"], view.viewed_stage_id, text)
    view.refresh()
    view.dups_button.click()
    view.merge_dups_button.click()
    texts = [c["text"] for c in view.store.cards(s["id"], view.viewed_stage_id)]
    assert "Прокат лодок и снаряжения" in texts and "Пракат лодок и снаряжения" not in texts


def _dup_labels(view):
    return [row.children[1] for box in view.dups_box.children for row in box.children[1:]]


def test_a_set_or_a_card_unticked_is_not_merged(wb, demo):
    """«Найти повторы» lists each set with ticks; what the facilitator unticks stays as it is."""
    view = _view(wb, demo)
    s = view.session
    stage = view.viewed_stage_id
    sets = [("Плохие дороги в деревнях", "плохие дороги в деревнях!", "Дороги плохие в деревнях"),
            ("Прокат лодок и снаряжения", "прокат лодок и снаряжения!")]
    ids = [[view.store.add_card(s["id"], stage, text)["id"] for text in texts] for texts in sets]
    view.refresh()
    view.dups_button.click()
    found = {frozenset(cids) for _, cards in view.dup_ticks for cids in [[cid for cid, _ in cards]]}
    assert {frozenset(ids[0]), frozenset(ids[1])} <= found
    assert "снимите галочку" in view.tool_html.value
    roads = next(i for i, (_, cards) in enumerate(view.dup_ticks) if cards[0][0] in ids[0])
    boats = next(i for i, (_, cards) in enumerate(view.dup_ticks) if cards[0][0] in ids[1])
    dict(view.dup_ticks[roads][1])[ids[0][2]].value = False  # «Дороги плохие…»: not this repeat
    view.dup_ticks[boats][0].value = False  # the whole set: not repeats
    assert not any(tick.value for _, tick in view.dup_ticks[boats][1])
    view.merge_dups_button.click()
    texts = [c["text"] for c in view.store.cards(s["id"], stage)]
    assert "плохие дороги в деревнях!" not in texts  # merged
    assert "Дороги плохие в деревнях" in texts  # unticked: stays
    assert "Прокат лодок и снаряжения" in texts and "прокат лодок и снаряжения!" in texts
    assert view.dups_box.layout.display == "none" and view.merge_dups_button.layout.display == "none"


def test_merging_with_nothing_ticked_says_so(wb, demo):
    view = _view(wb, demo)
    s = view.session
    for text in ("Прокат лодок и снаряжения", "прокат лодок и снаряжения!"):
        view.store.add_card(s["id"], view.viewed_stage_id, text)
    view.refresh()
    view.dups_button.click()
    before = len(view.store.cards(s["id"], view.viewed_stage_id))
    for whole, _ in view.dup_ticks:
        whole.value = False
    view.merge_dups_button.click()
    assert "Не отмечено ни одного повтора" in view.message.value
    assert len(view.store.cards(s["id"], view.viewed_stage_id)) == before


def test_show_mode_hides_the_controls(wb, demo):
    view = _view(wb, demo)
    assert "wb-control" in view.add_row._dom_classes and "wb-control" in view.wall_items[0].select._dom_classes
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


def test_the_facilitator_asks_for_one_group_less_or_more_and_accepts_that(wb, demo):
    """Too many groups for the room (a bilingual room got 11): «− Меньше групп» proposes the same
    cards in one group less, «+ Больше групп» in one more, and «Принять группы» takes what is
    shown; the buttons stop at two groups and at one card a group."""
    view = _view(wb, demo)
    ideas = _stage_id(view, "ideas")
    view.stage_picker.value = ideas
    view.suggest_button.click()
    first = len(view.proposal)
    cards = sorted(i for _, ids in view.proposal for i in ids)
    assert view.fewer_button.description == "− Меньше групп" and not view.fewer_button.disabled
    view.fewer_button.click()
    assert len(view.proposal) == first - 1
    assert f"Предложение: {first - 1} " in view.proposal_html.value
    assert sorted(i for _, ids in view.proposal for i in ids) == cards  # the same cards, none lost
    view.more_button.click()
    view.more_button.click()
    assert len(view.proposal) == first + 1
    while not view.fewer_button.disabled:
        view.fewer_button.click()
    assert len(view.proposal) == 2
    view.accept_button.click()
    groups = [c for c in view.store.cards(view.session["id"], ideas) if c["is_group"] and not c["hidden"]]
    assert len(groups) == 2


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


def _ideas_with_groups(view):
    """The ideas stage on screen, its cards grouped (the proposal accepted)."""
    view.stage_picker.value = _stage_id(view, "ideas")
    view.suggest_button.click()
    view.accept_button.click()
    rows = view.wall_items
    group = next(r for r in rows if getattr(r, "card_id", None) and view.store.card(r.card_id)["is_group"])
    card = next(r for r in rows if getattr(r, "card_id", None) and not view.store.card(r.card_id)["is_group"])
    return group, card


def test_a_ticked_card_is_marked_and_its_tick_keeps_its_size(wb, demo):
    view = _view(wb, demo)
    row = view.wall_items[0]
    assert row.select.layout.flex == "0 0 44px" and row.select.layout.width == "44px"  # not squeezed by a long card
    row.select.value = True
    assert "wb-selected" in row._dom_classes  # the card's frame and tint (CARD_CSS)
    assert view.selected == [row.card_id]
    view.clear_button.click()
    assert "wb-selected" not in row._dom_classes and view.selected == []


def test_the_actions_on_ticked_cards_stay_in_sight(wb, demo):
    view = _view(wb, demo)
    assert "wb-actions" in view.actions._dom_classes  # sticky at the top of the window (CARD_CSS)
    assert view.moderation in view.actions.children and view.message in view.actions.children
    assert view.edit_row in view.actions.children


def test_edit_says_what_to_tick_and_a_group_is_renamed_by_its_own_button(wb, demo):
    view = _view(wb, demo)
    view.edit_button.click()
    assert "Отметьте ✓ карточку" in view.message.value and view.edit_row.layout.display == "none"
    group, card = _ideas_with_groups(view)
    view.select(group.card_id, card.card_id)
    view.edit_button.click()
    assert "Отмечено 2" in view.message.value and "✎" in view.message.value
    view.clear_button.click()
    assert card.rename is None and group.rename.description == "✎"
    group.rename.click()
    assert view.edit_row.layout.display == "" and view.save_button.description == "Переименовать группу"
    view.edit_text.value = "Дороги и транспорт"
    view.save_button.click()
    assert view.store.card(group.card_id)["text"] == "Дороги и транспорт"
    assert "Дороги и транспорт" in [label for label, _ in view.move_target.options]


def test_a_voting_stage_never_opened_says_so(wb, demo):
    from workbench.session import stages

    view = _view(wb, demo)
    new = stages.add(view.store, view.session["id"], "voting", after_stage_id=_stage_id(view, "voting"))
    view.refresh()
    view.stage_picker.value = new["id"]
    assert "Голосование ещё не открыто" in view.voting_status.value
    view.voting_toggle.click()
    assert "Голосование открыто" in view.voting_status.value
    view.voting_toggle.click()  # closed before anyone voted: over, not «ещё не открыто»
    assert "Голосование закрыто · Проголосовали: 0" in view.voting_status.value
    view.stage_picker.value = _stage_id(view, "voting")  # the demo's round: ballots, closed
    assert "Голосование закрыто" in view.voting_status.value


def test_a_paper_ballot_link_stays_on_its_stage(wb, demo):
    view = _view(wb, demo)
    dots = _stage_id(view, "voting")
    view.stage_picker.value = dots
    view.paper_button.click()
    assert "Откройте и заполните бюллетень" in view.paper_link.value
    view.stage_editor.toggle.value = True
    view.stage_editor.kind.value = "voting"
    view.stage_editor.add.click()  # a second round: its panel has no paper ballot yet
    assert view.viewed_stage_id != dots and view.paper_link.value == ""


def test_the_stage_editor_names_a_new_stage_apart_from_the_others(wb, demo):
    view = _view(wb, demo)
    ed = view.stage_editor
    ed.toggle.value = True
    assert ed.kind.value == "cards" and ed.kind.description == "Новый этап после этого:"  # never a blank list
    assert ed.save.layout.flex == "0 0 auto"  # its label is never cut to "Сохранить название и…"
    view.stage_picker.value = _stage_id(view, "voting")
    ed.kind.value = "voting"
    ed.add.click()
    ed.add.click()
    labels = [label for label, _ in view.stage_picker.options]
    assert labels.count("Голосование") == 1 and "Голосование 2" in labels and "Голосование 3" in labels
    from workbench.session.model import stage_text

    assert stage_text(view.store.stage(view.viewed_stage_id), "title", "en") == "Voting 3"  # an English phone's
    ed.title.value = "Голосование"  # the name of another stage
    ed.save.click()
    assert "уже есть" in view.message.value and view.store.stage(view.viewed_stage_id)["title"] == "Голосование 3"
    view.lang_toggle.value = "en"
    assert ed.kind.value == "voting" and ed.kind.description == "New stage after this one:"


def test_a_new_session_asks_about_the_territory_not_a_district(wb):
    code = wb.store.create_session("Будущее Няндомского округа", territory="Няндомский округ")
    prompts = [s["prompt"] for s in wb.store.stages(wb.store.session(code)["id"])]
    assert "Что мешает развитию нашей территории?" in prompts
    assert not any("район" in p for p in prompts)


def test_the_view_is_marked_with_its_language_for_the_offline_banner(wb, demo):
    view = _view(wb, demo)
    assert "wb-lang-ru" in view.widget._dom_classes
    view.lang_toggle.value = "en"
    assert "wb-lang-en" in view.widget._dom_classes and "wb-lang-ru" not in view.widget._dom_classes


def test_a_proposal_with_a_long_card_is_shown_and_accepted(wb):
    """A card of one 180-letter word named its group past the 120 characters a group's name
    holds ("Принять группы" was refused), and a card sent between two refreshes of the view broke
    the proposal with a KeyError."""
    code = wb.store.create_session("Длинные карточки")
    view = _view(wb, code)
    ideas = _stage_id(view, "ideas")
    view.stage_picker.value = ideas
    long_word = "ААААА " + "Б" * 180
    for text in ("Отремонтировать дорогу", "Ямочный ремонт дорог", "Починить мост", long_word):
        view.store.add_card(view.session["id"], ideas, text)
    view.refresh()
    view.store.add_card(view.session["id"], ideas, long_word + " ещё раз")  # from a phone, not refreshed yet
    view.suggest_button.click()
    assert view.message.value == "" and "ещё раз" in view.proposal_html.value
    assert "wb-proposal" in view.proposal_html.value  # wraps a word wider than the window (CARD_CSS)
    view.accept_button.click()
    assert view.message.value == ""
    names = [c["text"] for c in view.store.cards(view.session["id"], ideas) if c["is_group"]]
    assert "Дорога" in names and any(n.startswith("ААААА ББ") and n.endswith("…") and len(n) == 120 for n in names)


def test_the_protocol_as_links_in_the_pages_language(wb, demo):
    """«Протокол (DOCX / XLSX / Markdown)»: three links to download, built as the CLI builds them
    (`exports.protocol_files`), in the control view's language; nothing written on the server."""
    import base64
    import re

    from workbench.exports import protocol_files

    view = _view(wb, demo)
    assert view.protocol.make.description == "Протокол (DOCX / XLSX / Markdown)"
    assert view.protocol.files is None  # built on the first click, under the join code
    view.lang_toggle.value = "en"
    assert view.protocol.make.description == "Protocol (DOCX / XLSX / Markdown)"
    view.protocol.make.click()
    html = view.protocol.files.value
    assert html.startswith("<div>Protocol as of ") and "wb-err" not in html
    assert view.columns.children[1].children == (view.join_box, view.protocol.files)
    links = re.findall(r"download='([^']+)' href='data:[^;]+;base64,([^']+)'", html)
    assert [name for name, _ in links] == [f"protocol-{demo}.md", f"protocol-{demo}.docx", f"protocol-{demo}.xlsx"]
    md = base64.b64decode(links[0][1]).decode("utf-8")
    assert md == dict(protocol_files(wb.store, demo, ("md",), "en"))[f"protocol-{demo}.md"].decode("utf-8")
    assert md.startswith("# Session protocol")
    assert not (wb.data_dir / "exports").exists()


def test_the_view_opens_on_the_stage_the_display_shows(wb, demo):
    from workbench.session import display

    sid = wb.store.session(demo)["id"]
    ideas = _stage_id(_view(wb, demo), "ideas")
    display.set_display(wb.store, sid, "wall", ideas)  # the laptop was on the ideas before a restart
    view = _view(wb, demo)
    assert view.viewed_stage_id == ideas and view.stage_picker.value == ideas
    assert "Проектные идеи" in view.prompt.value
    assert view.session["current_stage_id"] != ideas  # the phones' stage is only named
    assert "Проблемы" in view.current_label.value


def test_what_was_typed_stays_with_its_stage(wb, demo):
    view = _view(wb, demo)
    problems, ideas = _stage_id(view, "problems"), _stage_id(view, "ideas")
    view.new_text.value = "Нет остановки у школы"
    view.stage_picker.value = ideas
    assert view.new_text.value == ""  # the ideas' own box: the problem is not added as an idea
    assert "Записано и не добавлено на других этапах: «Проблемы»" in view.prompt.value  # under the question
    view.add_button.click()
    assert "Пустой текст" in view.message.value
    assert all(c["text"] != "Нет остановки у школы" for c in wb.store.cards(view.session["id"], ideas))
    view.stage_picker.value = problems
    assert view.new_text.value == "Нет остановки у школы" and "Записано" not in view.prompt.value
    view.add_button.click()
    added = [c for c in wb.store.cards(view.session["id"], problems) if c["text"] == "Нет остановки у школы"]
    assert len(added) == 1 and added[0]["by_facilitator"]
    # each box is kept in the browser under its stage's name (the Voila template's script)
    assert f"wb-draft-name-card-{problems}" in view.new_text._dom_classes


def test_clicking_the_chosen_stage_or_mode_again_puts_the_display_back(wb, demo):
    from workbench.session import display

    view = _view(wb, demo)
    sid, code = view.session["id"], demo
    problems, ideas = _stage_id(view, "problems"), _stage_id(view, "ideas")
    view.display_choice.value = "wall"
    display.set_display(wb.store, sid, "wall", ideas)  # moved from another window
    view.refresh()
    assert view.stage_picker.value == problems and display.state(wb.store, code)["stage"]["id"] == ideas
    view.display_again.click()  # «Стена» clicked again
    assert display.state(wb.store, code)["stage"]["id"] == problems
    display.set_display(wb.store, sid, "cloud", ideas)
    view.stage_again.click()  # «Проблемы» clicked again: the stage's own mode there
    state = display.state(wb.store, code)
    assert state["stage"]["id"] == problems and state["mode"] == "wall"


def test_the_stage_editor_folds_away_on_another_stage(wb, demo):
    view = _view(wb, demo)
    view.stage_editor.toggle.value = True
    assert view.stage_editor.panel.layout.display == ""
    view.stage_picker.value = _stage_id(view, "ideas")
    assert view.stage_editor.panel.layout.display == "none" and not view.stage_editor.toggle.value


def test_the_laptops_word_tool_and_the_displays_cloud_are_named_apart(wb, demo):
    view = _view(wb, demo)
    for lang in ("ru", "en"):
        view.lang_toggle.value = lang
        modes = [label for label, _ in view.display_choice.options]
        assert view.cloud_button.description not in modes, (lang, view.cloud_button.description)
    assert view.cloud_button.description == "Frequent words" and "Word cloud" in modes


def test_voting_on_groups_says_groups_in_the_status_line_and_on_phones(wb, demo):
    """«группы» pressed: the status line said «Голосуем за: Проектные идеи» (the stage's title) and
    the phones «…лучшим идеям» while showing groups."""
    from workbench.session.phone import state

    view = _view(wb, demo)
    voting = _stage_id(view, "voting")
    view.stage_picker.value = voting
    ideas_title = view.store.stage(view.store.stage(voting)["target_stage_id"])["title"]
    assert f"Голосуем за: {ideas_title}" in view.voting_status.value
    view.vote_on.value = "groups"
    assert f"Голосуем за: группы этапа «{ideas_title}»" in view.voting_status.value
    view.store.set_current_stage(view.session["id"], voting)
    token = view.store.participants(view.session["id"])[0]["token"]
    phone = state(view.store, demo, token)
    assert phone["stage"]["prompt"] == "Отдайте свои голоса лучшим группам"
    assert state(view.store, demo, token, lang="en")["stage"]["prompt"] == "Give your dots to the best groups"
    view.method.value = "matrix"
    assert state(view.store, demo, token)["stage"]["prompt"].startswith("Оцените каждую группу")
    view.vote_on.value = "ideas"
    assert state(view.store, demo, token)["stage"]["prompt"].startswith("Оцените каждую идею")
    view.lang_toggle.value = "en"
    view.vote_on.value = "groups"
    assert "Voting on: the groups of “" in view.voting_status.value


def test_the_control_view_opens_in_the_sessions_language_and_leaves_the_display_in_it(wb):
    """The reviewer's room went back to Russian on every reload: a session made in English opens
    the control view in English whatever the `lang` setting says, a second laptop (or a reload
    after a restart) opens in the language last chosen, and neither puts the display back."""
    from workbench.session import display, templates

    assert wb.settings["lang"] == "ru"
    code = templates.create_session(wb.store, "Future of the district", data_dir=wb.data_dir, lang="en")
    sid = wb.store.session(code)["id"]
    view = _view(wb, code)
    assert view.lang == "en" and view.lang_toggle.value == "en"
    assert "Open the projector display" in view.display_link.value
    assert display.display_language(wb.store, sid, "ru") == "en"
    view.lang_toggle.value = "ru"  # RU chosen on the laptop
    again = _view(wb, code)  # a reload, a restart, a second laptop
    assert again.lang_toggle.value == "ru" and "wb-lang-ru" in again.widget._dom_classes
    assert display.display_language(wb.store, sid, "en") == "ru"
    again.lang_toggle.value = "en"
    assert _view(wb, code).lang == "en" and display.display_language(wb.store, sid, "ru") == "en"
    # a session from before the session's language was kept: the setting's
    old = wb.store.create_session("Old session")
    assert _view(wb, old).lang == "ru"


def test_the_registration_link_is_beside_the_join_code_with_a_qr_and_a_copy_button(wb, demo):
    view = _view(wb, demo)
    box = view.join_box.value.split("<div class='wb-reg-link'", 1)[1]  # under the join code
    url = f"http://10.0.0.1:8866/reg/{demo}"
    assert "Регистрация на мероприятие" in box and f"value='{url}'" in box and f"href='{url}'" in box
    assert "<svg" in box and ">Копировать</button>" in box and "data-copied='Скопировано'" in box
    view.lang_toggle.value = "en"
    assert "Registration for the event" in view.join_box.value and ">Copy</button>" in view.join_box.value


def test_the_sessions_date_reads_the_pages_way(wb, demo):
    """The title's line wrote the date 2026-12-06 on an English control view: it reads as a
    date in words there, as the English protocol writes it, and ДД.ММ.ГГГГ in Russian."""
    from workbench.session import details

    view = _view(wb, demo)
    details.edit(wb.store, view.session["id"], date="6.12.2026")
    view.refresh()
    assert "06.12.2026" in view.title.value
    view.lang_toggle.value = "en"
    assert "6 December 2026" in view.title.value and "2026-12-06" not in view.title.value
