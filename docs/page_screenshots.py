"""The README's pictures of the pages around the display, taken in real Chromium on the demo
session (Kargopol, `workbench demo`), offline.

    .venv/bin/python docs/page_screenshots.py [--out docs]

Loads the demo session (20 people, their ideas and dots, two teams with their drafts) into a
temporary folder, serves it on a loopback port (the join address as a laptop in the hall gives it,
`PUBLIC_URL`) and saves:

- `projector-show.png`: the control view at 1280×720 in show mode, the problems' frequent words,
  taken once the demo's joins are more than a minute old (the control view counts the joins of
  the last minute: at once it said «+20 за минуту», a flood in mid-session);
- `phone-matrix.png` and `phone-dark.png`: a 360 px phone rating ideas on impact × feasibility
  (a second voting round, «Матрица»), in light and in dark mode;
- `phone-registration.png`: the registration form on a phone, a name typed;
- `team-link.png`: the top of a team's page for its draft, a field written and a member's comment;
- `public-results.png`: the top of the session's public results page.

Needs /usr/bin/chromium. The display's own pictures: `docs/display_screenshots.py`.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

CODE = "KARGO1"
PUBLIC_URL = "http://192.168.1.20:8866"  # `workbench serve` on the hall's Wi-Fi: what phones open
SUMMARY = ("Карта с 40 местами округа: храмы, мастерские, гостевые дома. У каждого места табличка с "
           "QR-кодом, по нему открывается рассказ о месте и как до него добраться.")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 1}


def build(data: Path) -> dict:
    """The demo session, a matrix round on phones, a comment on a team's draft and the public
    page turned on; returns what the pictures open."""
    from workbench.app import Workbench
    from workbench.demo import load_demo
    from workbench.session import facilitator, public, team_links

    wb = Workbench(data)
    try:
        store = wb.store
        load_demo(store, CODE)
        sid = store.session(CODE)["id"]
        stages = {s["kind"]: s for s in store.stages(sid)}
        matrix = store.add_stage(sid, "voting", "Матрица", after_position=stages["voting"]["position"])
        facilitator.set_method(store, matrix, "matrix")
        draft = store.drafts(sid)[0]
        team = team_links.team_link(store, draft["id"])["token"]
        team_links.add_comment(store, team, "summary", "Анна", "Добавим, кто печатает таблички с кодами?")
        person = next(p for p in store.participants(sid) if p["name"] == "Роман Михайлов")
        return {"sid": sid, "problems": stages["problems"]["id"], "matrix": matrix, "team": team,
                "public": public.set_public(store, CODE, True)["path"], "token": person["token"]}
    finally:
        wb.close()


def settled(page) -> None:
    """The fonts loaded and nothing caught mid-animation."""
    page.wait_for_function("() => document.fonts.status === 'loaded' && document.getAnimations().length === 0")


def shot(page, path: Path) -> None:
    settled(page)
    page.screenshot(path=str(path))
    print("wrote", path)


def joins_settled(server) -> None:
    """Wait until nobody joined in the last minute, by the control view's own rule
    (`joins_per_minute`): the demo's 20 people join as it loads."""
    from workbench.app import Workbench
    from workbench.session.phone import joins_per_minute
    from workbench.testing import wait_for

    wb = Workbench(server.data_dir)
    try:
        sid = wb.store.session(CODE)["id"]
        print("waiting for the demo's joins to be a minute old (the control view's «+N за минуту»)")
        wait_for(lambda: joins_per_minute(wb.store.participants(sid)) == 0, timeout=90, interval=1,
                 message="no joins in the last minute")
    finally:
        wb.close()


def projector_show(browser, server, out: Path) -> None:
    """The control view in show mode: the controls hidden, the problems' frequent words; the
    room joined a while ago (no «+N за минуту»)."""
    from workbench.testing import open_projector

    joins_settled(server)
    screen, frame = open_projector(browser, server, CODE)
    assert frame.locator("[data-joins-per-minute]").get_attribute("data-joins-per-minute") == "0"
    frame.get_by_role("button", name="Частые слова", exact=True).click()
    frame.wait_for_selector(".wb-cloud span")
    frame.get_by_role("button", name="Режим показа").click()
    frame.wait_for_selector(".wb-show")
    frame.evaluate("() => document.activeElement.blur()")  # no focus ring left by the click
    screen.mouse.move(1275, 715)  # the pointer off in a corner, over nothing
    frame.wait_for_function("() => document.fonts.status === 'loaded'")
    shot(screen, out / "projector-show.png")
    screen.close()


def phone_matrix(browser, server, made: dict, out: Path) -> None:
    """A phone in the matrix round, its first idea rated, in light and in dark mode."""
    from workbench.app import Workbench
    from workbench.session import facilitator

    wb = Workbench(server.data_dir)
    try:
        facilitator.show_stage(wb.store, made["sid"], made["matrix"])
        facilitator.toggle_voting(wb.store, made["matrix"])
    finally:
        wb.close()
    for scheme, name in (("light", "phone-matrix.png"), ("dark", "phone-dark.png")):
        ctx = browser.new_context(color_scheme=scheme, **PHONE)
        ctx.add_init_script(f"localStorage.setItem('wb:{CODE}', '{made['token']}')")
        page = ctx.new_page()
        page.goto(f"{server.base}/s/{CODE}")
        page.wait_for_selector("button[data-rate]")
        first = page.locator("#decide li").first
        if not first.locator(".scale button.on").count():  # rated once, in the light picture
            first.locator(".scale").nth(0).locator("button").nth(3).click()
            first.locator(".scale").nth(1).locator("button").nth(2).click()
        first.locator(".members").wait_for()  # «Оценено ✓»
        page.wait_for_function("() => !document.querySelector('#decide button[aria-disabled=true]')")
        shot(page, out / name)
        ctx.close()


def registration(browser, server, out: Path) -> None:
    ctx = browser.new_context(viewport={"width": 390, "height": 780}, is_mobile=True, has_touch=True)
    page = ctx.new_page()
    page.goto(f"{server.base}/reg/{CODE}")
    page.fill("input[name=name]", "Анна Белова")
    page.fill("input[name=territory]", "Каргополь")
    page.evaluate("() => document.activeElement.blur()")
    shot(page, out / "phone-registration.png")
    ctx.close()


def team_and_public(browser, server, made: dict, out: Path) -> None:
    ctx = browser.new_context(viewport={"width": 900, "height": 1100})
    page = ctx.new_page()
    page.goto(f"{server.base}/t/{made['team']}")
    page.wait_for_selector(".comments b")  # the draft loaded, the comment under its field
    page.fill("#f-summary", SUMMARY)  # a member writes; the field saves by itself
    page.locator("#f-summary").blur()
    page.wait_for_function("() => document.querySelector('#f-summary').closest('.field').querySelector('.status')"
                           ".dataset.state === 'saved' && document.querySelector('#saved').dataset.state === 'saved'")
    shot(page, out / "team-link.png")
    page.goto(f"{server.base}/{made['public'].lstrip('/')}")
    page.wait_for_selector("table.votes")
    shot(page, out / "public-results.png")
    ctx.close()


def shoot(out: Path) -> None:
    from playwright.sync_api import sync_playwright

    from workbench.testing import Server

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        made = build(data)
        server = Server(data, public_url=PUBLIC_URL).start()
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                registration(browser, server, out)
                team_and_public(browser, server, made, out)
                projector_show(browser, server, out)  # after the others: the joins a minute old
                phone_matrix(browser, server, made, out)
                browser.close()
        finally:
            server.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(Path(__file__).parent))
    shoot(Path(parser.parse_args().out))
