"""Real Chromium on the pages printed for the room, opened from the control view's «Печать:
плакат со ссылкой, бумажный бюллетень»: the A4 join poster and the A4 paper ballot of a vote
(each method's boxes), as `page.pdf()` prints them and as print media lays them out."""

from __future__ import annotations

import re

import pytest

from workbench.session import facilitator
from workbench.testing import open_projector

pytestmark = pytest.mark.browser

A4_PX = 794  # 210 mm at 96 px per inch
IDEAS = ["Школа ремёсел в Каргополе", "Тропа вдоль Онеги", "Фестиваль «Северная глина»",
         "Коворкинг в библиотеке", "Ремонт причала", "Летний лагерь для подростков"]


def pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    """The pages of a PDF Chromium printed: each page's size in points."""
    count = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    sizes = [(float(w), float(h)) for w, h in re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)]
    assert count == len(sizes), (count, sizes)
    return sizes


def is_a4(size: tuple[float, float]) -> bool:
    return abs(size[0] - 595.3) < 2 and abs(size[1] - 841.9) < 2


def outside_a4(page) -> list[str]:
    """At print media, 210 mm wide: what reaches past the sheet's width (nothing should)."""
    page.set_viewport_size({"width": A4_PX, "height": 1123})
    page.emulate_media(media="print")
    return page.evaluate(f"""() => [...document.querySelectorAll('body *')]
        .filter(e => getComputedStyle(e).display !== 'none')
        .filter(e => {{ const r = e.getBoundingClientRect(); return r.left < -1 || r.right > {A4_PX} + 1; }})
        .map(e => e.className + ': ' + (e.textContent || '').slice(0, 40))""")


def _open(screen, frame, what):
    with screen.context.expect_page() as opened:
        frame.locator(f"[data-print={what}]").click()
    page = opened.value
    page.wait_for_selector(f"[data-{what}]")
    return page


def test_the_join_poster_and_the_paper_ballot_print_on_a4(browser, fresh):
    wb, start = fresh
    code = wb.store.create_session("Будущее Плесецкого округа", territory="Плесецкий муниципальный округ",
                                   date="2026-12-12")
    s = wb.store.session(code)
    ideas = next(st for st in wb.store.stages(s["id"]) if st["kind"] == "ideas")
    vote = next(st for st in wb.store.stages(s["id"]) if st["kind"] == "voting")
    for text in IDEAS:
        facilitator.add_card(wb.store, s["id"], ideas["id"], text)
    facilitator.set_method(wb.store, vote["id"], "matrix")
    wb.store.set_current_stage(s["id"], ideas["id"])
    server = start()
    screen, frame = open_projector(browser, server, code)
    try:
        links = frame.locator(".wb-print")
        links.wait_for()
        assert links.inner_text().strip() == "Печать: плакат со ссылкой, бумажный бюллетень"

        # the poster: the session, big QR code, the address and the code; nothing live
        poster = _open(screen, frame, "poster")
        text = poster.inner_text("body")
        for said in ("Будущее Плесецкого округа", "Плесецкий муниципальный округ", "12 декабря 2026 г.",
                     f"/s/{code}", code, "Сканируйте камерой телефона"):
            assert said in text, said
        for live in ("Участников", "Нажмите", "за минуту"):
            assert live not in text
        qr = poster.locator("img.qr")
        assert qr.evaluate("e => e.complete && e.naturalWidth > 0")
        # `@page { size: A4 }`: page.pdf() without a format prints US Letter unless the page says A4
        assert not poster.evaluate("() => [...document.querySelectorAll('link,script[src],img')]"
                                   ".some(e => /^https?:/.test(e.src || e.href || ''))")  # no CDN
        assert poster.evaluate("() => document.fonts.check('16px \"DejaVu Sans\"', 'Будущее')")
        sizes = pdf_pages(poster.pdf(prefer_css_page_size=True))
        assert len(sizes) == 1 and is_a4(sizes[0]), sizes
        assert outside_a4(poster) == []
        assert qr.bounding_box()["width"] > 350  # big: more than 9 cm on the sheet
        poster.close()

        # the ballot of the coming vote (a matrix): the six ideas numbered, two 1–5 scales each
        ballot = _open(screen, frame, "ballot")
        text = ballot.inner_text("body")
        assert f"Бюллетень: {vote['title']}" in text
        assert "Обведите по каждой идее оценку от 1 до 5" in text
        rows = ballot.locator("li[data-item]")
        assert rows.count() == 6
        assert [r.split("\n")[0] for r in rows.all_inner_texts()][:1] == ["1."]
        for text_ in IDEAS:
            assert text_ in text
        assert ballot.locator("li[data-item] .scale").count() == 12
        assert ballot.locator("li[data-item]").first.locator(".scale .v").all_inner_texts()[:5] == \
            ["1", "2", "3", "4", "5"]
        sizes = pdf_pages(ballot.pdf(prefer_css_page_size=True))
        assert len(sizes) == 1 and is_a4(sizes[0]), sizes
        assert outside_a4(ballot) == []

        # dots, 40 ideas: a box to tick each, «не больше 3», on as many A4 pages as they need
        facilitator.set_method(wb.store, vote["id"], "dots")
        for i in range(34):
            facilitator.add_card(wb.store, s["id"], ideas["id"], f"Идея номер {i + 7}: сделать что-то для округа")
        ballot.reload()  # still at print media: page.pdf() prints the media emulated
        assert "Отметьте ✓ не больше 3 идей" in ballot.inner_text("body")
        assert ballot.locator("li[data-item] .box").count() == 40
        assert "40." in ballot.locator("li[data-item]").last.inner_text()
        sizes = pdf_pages(ballot.pdf(prefer_css_page_size=True))
        assert len(sizes) >= 2 and all(is_a4(x) for x in sizes), sizes
        assert outside_a4(ballot) == []

        # ranking: a box for the place
        facilitator.set_method(wb.store, vote["id"], "ranking")
        ballot.reload()  # still at print media: page.pdf() prints the media emulated
        assert "Поставьте каждой идее место от 1 (лучшая)" in ballot.inner_text("body")
        places = ballot.locator("li[data-item] .place")
        assert places.count() == ballot.locator("li[data-item]").count() > 0
        assert places.first.inner_text().strip() == "Место"
        sizes = pdf_pages(ballot.pdf(prefer_css_page_size=True))
        assert len(sizes) == 1 and is_a4(sizes[0]), sizes

        # on groups: each group's ideas under its name, as the phone shows them (the first five)
        cards = {c["text"]: c["id"] for c in wb.store.cards(s["id"], ideas["id"]) if not c["is_group"]}
        facilitator.new_group(wb.store, ideas["id"], "Культура и туризм", [cards[x] for x in IDEAS])
        facilitator.new_group(wb.store, ideas["id"], "Разное", [i for x, i in cards.items() if x not in IDEAS])
        facilitator.set_vote_on(wb.store, vote["id"], "groups")
        ballot.reload()
        assert "Поставьте каждой группе место" in ballot.inner_text("body")
        rows = ballot.locator("li[data-item]").all_inner_texts()
        assert len(rows) == 2
        culture = next(r for r in rows if "Культура и туризм" in r)
        assert all(x in culture for x in IDEAS[:5]) and "и ещё 1 идея" in culture and IDEAS[5] not in culture
        assert "и ещё 29 идей" in next(r for r in rows if "Разное" in r)
        assert ballot.locator("li[data-item] .idea").first.is_visible()
        sizes = pdf_pages(ballot.pdf(prefer_css_page_size=True))
        assert len(sizes) == 1 and is_a4(sizes[0]), sizes
        assert outside_a4(ballot) == []
        ballot.close()
    finally:
        screen.close()


def test_the_pages_to_print_need_the_facilitators_login(fresh):
    from workbench.testing import Http

    wb, start = fresh
    code = wb.store.create_session("Будущее Плесецкого округа")
    server = start()
    http = Http()
    for what in ("poster", "ballot"):
        page = http.get(f"{server.base}/print/{code}/{what}")
        assert page.status_code in (302, 403) and "Плесецкого" not in page.text
    cookie = server.login_cookie(code)
    page = http.get(f"{server.base}/print/{code}/poster", headers={"Cookie": cookie})
    assert page.status_code == 200 and "Будущее Плесецкого округа" in page.text
    unknown = http.get(f"{server.base}/print/ZZZZZ9/ballot", headers={"Cookie": cookie})
    assert unknown.status_code == 404 and "ZZZZZ9" in unknown.text
