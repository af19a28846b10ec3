"""Moderation: the obscenity filter, the filter's modes (mask, hold) and the approval queue, from
the filter's words to a phone, the projector's queue and the wall in real Chromium."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from workbench.cli import main
from workbench.demo import CARDS
from workbench.errors import WorkbenchError
from workbench.exports import protocol_context
from workbench.session import facilitator, phone
from workbench.session.moderation import is_obscene, is_obscene_word, mask
from workbench.testing import wait_for

# Real obscenities in the forms people write them: inflected, with prefixes, compounded, in
# capitals, with a Latin look-alike letter or a stretched vowel.
OBSCENE = [
    "хуй", "нахуя", "нихуя", "похуй", "охуеть", "охуенный", "хуёво", "хуйню", "дохуя", "схуяли",
    "пиздец", "пизды", "спиздили", "распиздяй", "пиздёж",
    "ебать", "ёбаный", "заебали", "заебись", "наебнулся", "съебался", "выёбывается", "уёбок",
    "долбоёбы", "ёбнутый", "еблан", "ебло", "поебень", "проебали", "въебать", "отъебись", "разъебай",
    "подъёбка", "блядь", "бля", "блять", "блядский", "выблядок", "БЛЯЯЯДЬ",
    "мудак", "мудаков", "мудаками", "мудила", "мудозвон", "сука", "суки", "суками",
    "пидорасы", "гандоны", "шлюхи", "мразью", "жопе", "говном", "херня", "нахер", "xуйня",
    "fuck", "fucking", "motherfucker", "Fucked", "shit", "bullshit", "shitty", "cunt", "bitches",
    "asshole", "wankers",
]
# Ordinary words that hold the same letters: none may be flagged.
ORDINARY = [
    "употреблять", "употребление", "потребитель", "корабль", "рубль", "рублей", "оскорблять",
    "оскорбление", "скипидар", "учёба", "учебник", "хлеб", "себе", "тебе", "небо", "требовать",
    "гребля", "стебли", "колеблется", "страхуй", "застрахуйте", "страхуя", "мудрый", "мудрость",
    "премудрый", "бляха", "бляшка", "мандарин", "мандат", "сукно", "сучок", "Херсон", "херувим",
    "херес", "хулиган", "художник", "хула", "похуже", "захудалый", "выхухоль", "ребёнок", "веб",
    "вебинар", "обед", "гребень", "спидран", "Hubble", "Scunthorpe", "shiitake", "assess", "class",
    "passage", "cocktail", "Dickens", "glasshouse", "classic",
]


@pytest.mark.parametrize("word", OBSCENE)
def test_an_obscene_word_is_caught_in_any_form(word):
    assert is_obscene_word(word)
    assert mask(f"Глава района — {word}!") == f"Глава района — {'*' * len(word)}!"


@pytest.mark.parametrize("word", ORDINARY)
def test_an_ordinary_word_is_never_flagged(word):
    assert not is_obscene_word(word)
    assert mask(f"Нужно {word} и дороги") == f"Нужно {word} и дороги"


def test_a_sentence_of_traps_passes_and_the_complaint_is_masked():
    traps = ("На корабле употреблять скипидар запрещено, рубль упал, телескоп Hubble видит небо, "
             "учёба в Херсоне, хлеб себе и тебе, мудрый хулиган застрахуйте гребца")
    assert not is_obscene(traps)
    assert mask("Глава района — мудак… блядь") == "Глава района — *****… *****"
    assert mask("х*й знает") == "х*й знает"  # masked already by its writer: left alone


# Letters typed apart, with Latin look-alikes mixed in, to slip past a filter.
SPACED = ["б л я д ь", "x.у.й", "Х У Й", "х_у_й", "с у к а", "м у д а к", "п u з д а", "f u c k",
          "пuздец", "e.б.а.т.ь"]


@pytest.mark.parametrize("text", SPACED)
def test_letters_typed_apart_are_caught_and_masked(text):
    sentence = f"Глава района — {text}, и всё"
    assert is_obscene(sentence), text
    masked = mask(sentence)
    assert masked.startswith("Глава района — *") and masked.endswith(", и всё"), masked


def test_ordinary_russian_with_lone_letters_and_initials_passes():
    """Russian is full of one-letter words and initials: none of it may be read as spelt-out мат."""
    texts = [
        "А. С. Пушкин и т. д., т. е. В. И. Даль в у. Ошевенск",
        "Я и в школе, и у дома, и в с е л е был",
        "К о р а б л ь и к л у б: буквы по одной",
        "Дорога в п. Х. (Хотеново) — у р. Онега, с. Ухта, д. Лядины",
        "О т е ц, м а т ь, с е с т р а",
        "Телескоп Hubble и СМИ-news, Coca-Cola в у Е. Б. Ахматовой",
        "Нужно: а) дороги; б) врачи; в) х. у. ж. (хлеб, уголь, жильё)",
    ]
    for text in texts:
        assert not is_obscene(text), text
        assert mask(text) == text
    for cards in CARDS.values():  # the demo session's cards
        assert not any(is_obscene(c) for c in cards)


# --- the rule, in process, on both backends -------------------------------------------------------

def _session(wb, moderation="off", approval=False):
    code = wb.store.create_session("Модерация", moderation=moderation, approval=approval)
    s = wb.store.session(code)
    problems = next(st for st in wb.store.stages(s["id"]) if st["kind"] == "problems")
    wb.store.set_current_stage(s["id"], problems["id"])
    return code, s, problems


def _texts(state):
    return [c["text"] for c in state["cards"]]


def test_a_held_card_waits_until_approved_and_the_sender_sees_it_waiting(wb):
    code, s, stage = _session(wb, moderation="hold")
    author = phone.join(wb.store, code, {"name": "Автор"})["token"]
    other = phone.join(wb.store, code, {})["token"]
    sent = phone.add_card(wb.store, code, author, {"text": "Глава района — мудак… блядь"})
    ordinary = phone.add_card(wb.store, code, author, {"text": "Нет автобуса до Лядин"})
    assert sent["pending"] and not ordinary["pending"]
    assert _texts(phone.state(wb.store, code, other)) == ["Нет автобуса до Лядин"]
    mine = phone.state(wb.store, code, author)["cards"]
    assert [(c["text"], c.get("pending", False)) for c in mine] == [
        ("Глава района — мудак… блядь", True), ("Нет автобуса до Лядин", False)]
    assert [c["text"] for c in wb.store.cards(s["id"], stage["id"])] == ["Нет автобуса до Лядин"]  # the wall
    waiting = facilitator.waiting(wb.store, s["id"])
    assert [(c["text"], c["flagged"]) for c in waiting] == [("Глава района — мудак… блядь", True)]

    assert facilitator.approve(wb.store, s["id"], [sent["id"]]) == 1
    assert "Глава района — мудак… блядь" in _texts(phone.state(wb.store, code, other))
    assert facilitator.waiting(wb.store, s["id"]) == []
    assert not any(c.get("pending") for c in phone.state(wb.store, code, author)["cards"])


def test_a_rejected_card_reaches_no_phone_no_wall_and_no_protocol(wb):
    code, s, stage = _session(wb, moderation="hold")
    token = phone.join(wb.store, code, {})["token"]
    card = phone.add_card(wb.store, code, token, {"text": "Все они суки"})
    phone.add_card(wb.store, code, token, {"text": "Дороги"})
    assert facilitator.reject(wb.store, s["id"], [card["id"]]) == 1
    assert _texts(phone.state(wb.store, code, token)) == ["Дороги"]  # the author's phone too
    assert [c["text"] for c in wb.store.cards(s["id"], stage["id"])] == ["Дороги"]
    protocol = protocol_context(wb.store, code)
    listed = [c["text"] for st in protocol["card_stages"] for c in st["cards"]]
    assert listed == ["Дороги"]
    assert facilitator.approve(wb.store, s["id"], [card["id"]]) == 0  # decided: stays rejected


def test_rejected_cards_stay_out_of_the_data_dump_and_the_session_file_unless_asked(tmp_path, capsys):
    data = tmp_path / "data"
    assert main(["new-session", "--data", str(data), "--title", "Отбор", "--moderation", "hold"]) == 0
    from workbench.app import Workbench

    wb = Workbench(data)
    code = wb.store.list_sessions()[0]["code"]
    s = wb.store.session(code)
    token = phone.join(wb.store, code, {})["token"]
    bad = phone.add_card(wb.store, code, token, {"text": "Все они суки"})
    phone.add_card(wb.store, code, token, {"text": "Дороги в Лядины"})
    facilitator.reject(wb.store, s["id"], [bad["id"]])
    wb.close()

    def dump(*extra):
        out = tmp_path / f"csv{len(extra)}"
        assert main(["export", "--data", str(data), "--session", code, "--what", "data", "--format", "csv",
                     "--output-dir", str(out), *extra]) == 0
        session_file = tmp_path / f"s{len(extra)}.json"
        assert main(["export-session", "--data", str(data), "--session", code, "--output", str(session_file),
                     *extra]) == 0
        return (out / f"{code}-cards.csv").read_text(encoding="utf-8-sig"), session_file.read_text(encoding="utf-8")

    cards_csv, session_json = dump()
    assert "Дороги в Лядины" in cards_csv and "Дороги в Лядины" in session_json
    assert "суки" not in cards_csv and "суки" not in session_json
    cards_csv, session_json = dump("--include-rejected")
    assert "Все они суки" in cards_csv and "отклонена" in cards_csv and "Все они суки" in session_json
    # The session file without rejected cards still imports whole.
    other = tmp_path / "other"
    assert main(["import-session", "--data", str(other), str(tmp_path / "s0.json")]) == 0
    moved = Workbench(other)
    texts = [c["text"] for c in moved.store.cards(moved.store.session(code)["id"], status=None)]
    moved.close()
    assert texts == ["Дороги в Лядины"]


def test_the_approval_queue_holds_every_phone_card_but_not_the_facilitators(wb):
    code, s, stage = _session(wb, approval=True)
    token = phone.join(wb.store, code, {})["token"]
    a = phone.add_card(wb.store, code, token, {"text": "Школа ремёсел"})
    b = phone.add_card(wb.store, code, token, {"text": "Причал на Онеге"})
    facilitator.add_card(wb.store, s["id"], stage["id"], "Сказал участник без телефона")
    assert [c["text"] for c in wb.store.cards(s["id"], stage["id"])] == ["Сказал участник без телефона"]
    assert a["pending"] and b["pending"]
    begins = []
    event.listen(wb.store.engine, "begin", lambda conn: begins.append(1))
    assert facilitator.approve(wb.store, s["id"], [a["id"], b["id"]]) == 2
    assert len(begins) == 1  # both at once: one transaction
    assert {c["text"] for c in wb.store.cards(s["id"], stage["id"])} == {
        "Сказал участник без телефона", "Школа ремёсел", "Причал на Онеге"}
    with pytest.raises(WorkbenchError, match="select_one"):
        facilitator.approve(wb.store, s["id"], [])


def test_mask_mode_shows_the_card_with_asterisks_and_marks_it(wb):
    code, s, stage = _session(wb, moderation="mask")
    token = phone.join(wb.store, code, {})["token"]
    sent = phone.add_card(wb.store, code, token, {"text": "Дороги — полное говно, блядь"})
    assert sent == {"id": sent["id"], "text": "Дороги — полное *****, *****", "pending": False}
    card = wb.store.cards(s["id"], stage["id"])[0]
    assert card["text"] == "Дороги — полное *****, *****" and card["flagged"]
    facilitator.set_moderation(wb.store, s["id"], "off", False)
    assert phone.add_card(wb.store, code, token, {"text": "блядь"})["text"] == "блядь"
    with pytest.raises(WorkbenchError, match="bad_request"):
        facilitator.set_moderation(wb.store, s["id"], "censor", False)


def test_new_session_takes_the_moderation_options(tmp_path, capsys):
    assert main(["new-session", "--data", str(tmp_path), "--title", "Сессия", "--moderation", "hold",
                 "--approval"]) == 0
    code = capsys.readouterr().out.strip()
    from workbench.app import Workbench

    wb = Workbench(tmp_path)
    s = wb.store.session(code)
    assert (s["moderation"], s["approval"]) == ("hold", True)
    wb.close()
    # argparse refuses it in the CLI's language, exit code 2
    assert main(["new-session", "--data", str(tmp_path), "--title", "Сессия", "--moderation", "ban"]) == 2
    assert "аргумент --moderation: недопустимое значение «ban» (можно: «off», «mask», «hold»)" in capsys.readouterr().err


def test_a_moved_session_keeps_its_moderation(wb):
    from workbench.store import Store
    from workbench.store.transfer import export_session, import_session

    code, s, stage = _session(wb, moderation="mask", approval=True)
    token = phone.join(wb.store, code, {})["token"]
    waiting = phone.add_card(wb.store, code, token, {"text": "Нужна баня"})
    rejected = phone.add_card(wb.store, code, token, {"text": "мудаки"})
    facilitator.reject(wb.store, s["id"], [rejected["id"]])
    other = Store.open_url("sqlite://")
    assert "мудаки" not in str(export_session(wb.store, code))  # rejected cards stay out by default
    import_session(other, export_session(wb.store, code, include_rejected=True))
    moved = other.session(code)
    assert (moved["moderation"], moved["approval"]) == ("mask", True)
    assert sorted((c["text"], c["status"], c["flagged"]) for c in other.cards(moved["id"], status=None)) == [
        ("******", "rejected", True), ("Нужна баня", "pending", False)]
    assert other.cards(moved["id"]) == [] and waiting["pending"]


# --- the projector's panel, without a browser -----------------------------------------------------

def test_the_projector_panel_sets_the_mode_and_approves_from_the_queue(wb):
    from workbench.ui.projector import ProjectorView

    code, s, stage = _session(wb)
    view = ProjectorView(wb, code)
    panel = view.approvals
    assert "wb-control" in panel.widget._dom_classes  # hidden in show mode
    assert panel.queue.layout.display == "none"
    panel.mode.value = "hold"
    panel.approval.value = True
    assert (wb.store.session(code)["moderation"], wb.store.session(code)["approval"]) == ("hold", True)
    token = phone.join(wb.store, code, {})["token"]
    held = phone.add_card(wb.store, code, token, {"text": "Глава района — мудак"})
    fine = phone.add_card(wb.store, code, token, {"text": "Нужен ФАП"})
    view.refresh()
    assert panel.queue.layout.display == ""
    assert "На модерации (2)" in panel.heading.value
    view.lang_toggle.value = "en"
    assert "Awaiting moderation (2)" in panel.heading.value and "obscene word" in panel.rows.children[0].children[1].value
    view.lang_toggle.value = "ru"
    assert "нецензурное слово" in panel.rows.children[0].children[1].value and len(panel.checks) == 2
    assert [c.card_id for c in view.wall_items] == []
    panel.checks[fine["id"]].value = True
    panel.approve_button.click()
    assert [view.store.card(c.card_id)["text"] for c in view.wall_items] == ["Нужен ФАП"]
    assert "Одобрено: 1" in view.message.value and "На модерации (1)" in panel.heading.value
    panel.checks[held["id"]].value = True
    panel.reject_button.click()
    assert wb.store.card(held["id"])["status"] == "rejected" and panel.queue.layout.display == "none"
    panel.reject_button.click()  # nothing selected: said, nothing changes
    assert "Выберите" in view.message.value
    more = [phone.add_card(wb.store, code, token, {"text": f"Идея {i}"})["id"] for i in range(3)]
    view.refresh()
    panel.approve_all_button.click()
    assert {c["id"] for c in wb.store.cards(s["id"], stage["id"])} == {fine["id"], *more}
    view.show_mode.value = True
    assert "wb-show" in view.widget._dom_classes  # the panel is a wb-control: hidden


# --- served: the documented API against a real server ---------------------------------------------

@pytest.mark.served
def test_a_held_card_is_invisible_to_other_phones_until_approved_served(tmp_path):
    from workbench.app import Workbench
    from workbench.testing import Phone, Server

    wb = Workbench(tmp_path / "data")
    code, s, _ = _session(wb, moderation="hold")
    server = Server(wb.data_dir).start()
    try:
        author, other = Phone(server.base, code), Phone(server.base, code)
        author.join()
        other.join()
        r = author.call("POST", "/cards", {"text": "Глава района — мудак… блядь"})
        assert r.status_code == 201 and r.json()["pending"] is True
        assert other.state()["cards"] == []
        assert [(c["text"], c["pending"]) for c in author.state()["cards"]] == [
            ("Глава района — мудак… блядь", True)]
        facilitator.approve(wb.store, s["id"], [r.json()["id"]])
        assert [c["text"] for c in other.state()["cards"]] == ["Глава района — мудак… блядь"]
    finally:
        server.stop()
        wb.close()


# --- real Chromium: a phone, the projector's queue, the wall --------------------------------------

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
WALL_HAS = ("(text) => [...document.querySelectorAll('.wb-card[data-card]')]"
            ".some(e => e.textContent.includes(text))")


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_a_held_card_in_the_projectors_queue_then_on_the_wall(tmp_path, browser, decision):
    from workbench.app import Workbench
    from workbench.testing import Server, open_projector

    wb = Workbench(tmp_path / "data")
    code, s, _ = _session(wb, moderation="hold")
    server = Server(wb.data_dir).start()
    try:
        screen, wall = open_projector(browser, server, code)
        ph = browser.new_context(**PHONE).new_page()
        ph.goto(f"{server.base}/s/{code}")
        ph.click("#join-btn")
        ph.wait_for_selector("#add:not(.hidden)")
        text = "Глава района — мудак… блядь"
        ph.fill("#text", text)
        ph.click("#send")
        ph.wait_for_selector("#cards li.pending")
        assert "на модерации" in ph.locator("#cards li.pending").inner_text()
        assert "после проверки" in ph.locator("#msg").inner_text()

        row = wall.locator(".wb-pending", has_text=text)
        row.wait_for(timeout=5_000)
        assert "На модерации (1)" in wall.locator(".wb-queue").inner_text()
        assert not wall.evaluate(WALL_HAS, text)
        row.locator("input[type=checkbox]").check()
        wall.get_by_role("button", name="Одобрить" if decision == "approve" else "Отклонить", exact=True).click()
        if decision == "approve":
            wall.wait_for_function(WALL_HAS, arg=text, timeout=1_000)
            ph.wait_for_selector("#cards li:not(.pending)", timeout=10_000)
            assert ph.locator("#cards li").inner_text().startswith(text)
        else:
            wall.wait_for_selector(".wb-queue", state="hidden", timeout=1_000)
            wait_for(lambda: ph.locator("#cards li").count() == 0, timeout=10, message="the card off the phone")
            assert not wall.evaluate(WALL_HAS, text)
        assert wall.locator(".wb-queue").is_hidden()
        # show mode hides the moderation controls
        wall.get_by_role("button", name="Режим показа").click()
        wall.wait_for_selector(".wb-moderation-mode", state="hidden")
    finally:
        server.stop()
        wb.close()
