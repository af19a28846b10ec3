"""The README's pictures of the projector's display, taken in real Chromium at 1280×720.

    .venv/bin/python docs/display_screenshots.py [--out docs]

Builds a session of its own in a temporary folder (80 ideas from 16 people of the district, the
groups the workbench proposes, dots from 24 people, six teams formed on the eight best groups),
serves it on a loopback port (the join address as a laptop in the hall gives it, `PUBLIC_URL`) and
saves `display-join.png`, `display-wall.png` (80 cards in groups), `display-dots.png`,
`display-cloud.png`, `display-teams.png`, `display-matrix.png`, `display-review.png` (peer
review scores: four criteria, each team scored by about a dozen people) and `display-opinion.png` (the
opinion map: 30 people answer 10 statements in two camps). Needs /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import random
import tempfile
from pathlib import Path

CODE = "NYAND1"
PUBLIC_URL = "http://192.168.1.20:8866"  # `workbench serve` on the hall's Wi-Fi: what phones open

# the 16 who write the ideas, as they sign in (name, organisation), and the team each joins (its
# first member leads it): six of the eight groups on offer get a team, two none
PEOPLE = [("Ольга Смирнова", "ТОС «Лесное»"), ("Андрей Кузнецов", "ИП Кузнецов, пекарня"),
          ("Марина Попова", "Школа № 2"), ("Сергей Васильев", "Администрация округа"),
          ("Елена Морозова", "Дом культуры"), ("Дмитрий Новиков", "Фермерское хозяйство «Заречье»"),
          ("Татьяна Волкова", "Совет ветеранов"), ("Алексей Фёдоров", ""),
          ("Наталья Михайлова", "Библиотека"), ("Иван Соколов", "ТОС «Лесное»"),
          ("Анна Лебедева", "Молодёжный совет"), ("Павел Козлов", ""), ("Светлана Егорова", "Школа № 2"),
          ("Николай Павлов", "ИП Павлов, турбаза"), ("Юлия Степанова", "Дом культуры"),
          ("Виктор Орлов", "Совет ветеранов")]
TEAM_OF = [0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 0, 1, 2, 5, 3]


def build(data: Path) -> None:
    from workbench.app import Workbench
    from workbench.session import display, facilitator, phone, teams
    from workbench.wall_samples import ideas

    wb = Workbench(data)
    store = wb.store
    store.create_session("Будущее Няндомского округа", territory="Няндомский округ", code=CODE)
    sid = store.session(CODE)["id"]
    stages = {s["kind"]: s for s in store.stages(sid)}
    facilitator.show_stage(store, sid, stages["ideas"]["id"])
    rng = random.Random(16)
    people = []
    texts = ideas(80)
    for i in range(0, 80, 5):
        name, organisation = PEOPLE[i // 5]
        token = phone.join(store, CODE, {"name": name, "organisation": organisation})["token"]
        people.append(token)
        for text in texts[i:i + 5]:
            phone.add_card(store, CODE, token, {"text": text})
    ideas_id = stages["ideas"]["id"]
    facilitator.accept_groups(store, ideas_id, facilitator.suggest_groups(store, sid, ideas_id))
    cards = [c for c in store.cards(sid, ideas_id) if not c["is_group"]]
    facilitator.show_stage(store, sid, stages["voting"]["id"])
    facilitator.toggle_voting(store, stages["voting"]["id"])
    for token in people + [phone.join(store, CODE, {})["token"] for _ in range(8)]:
        for card in rng.sample(cards[:20], 3):
            phone.ballot(store, CODE, token, "vote", {"card": card["id"]})
    facilitator.show_stage(store, sid, stages["teams"]["id"])
    top = teams.options(store, store.stage(stages["teams"]["id"]))
    for i, token in enumerate(people):
        phone.join_team(store, CODE, token, {"card": top[TEAM_OF[i]]["id"], "leader": TEAM_OF.index(TEAM_OF[i]) == i})
    display.set_display(store, sid, "join", ideas_id)
    wb.close()


def rate_on_matrix(store, sid: int, stage_id: int) -> None:
    """The voting stage's second round: 12 people rate the short list on impact × feasibility."""
    from workbench.session import facilitator, phone, voting

    facilitator.show_stage(store, sid, stage_id)
    facilitator.set_method(store, stage_id, "matrix")
    if not store.stage(stage_id)["voting_open"]:
        facilitator.toggle_voting(store, stage_id)
    stage = store.stage(stage_id)
    items = voting.method(stage).items(store, stage, store.cards(sid, stage["target_stage_id"]))
    rng = random.Random(7)
    for _ in range(12):
        token = phone.join(store, CODE, {})["token"]
        for i, card in enumerate(items):
            impact = max(1, min(5, 5 - i // 2 + rng.choice([-1, 0, 0, 1])))
            feasible = max(1, min(5, 1 + (i * 2) % 5 + rng.choice([-1, 0, 1])))
            phone.ballot(store, CODE, token, "rate", {"card": card["id"], "impact": impact, "feasibility": feasible})


def score_teams(store, sid: int) -> None:
    """Peer review: four criteria; every team scored by 9 to 13 people from the other teams."""
    from workbench.session import review

    crit = [review.add_criterion(store, CODE, name) for name in
            ("Ясность цели", "Реалистичный бюджет", "Польза для округа", "Команда и партнёры")]
    review.open_review(store, CODE)  # after the presentations: only then are scores taken
    rng = random.Random(17)
    for team in review.teams(store, sid):
        others = [p for p in store.participants(sid) if p["name"] and p["id"] not in team["members"]]
        for person in others[:rng.randint(9, 13)]:  # not everyone scores every team
            review.submit(store, CODE, person["token"],
                          {"team": team["id"], "scores": {str(c): rng.choice([3, 4, 4, 5, 5]) for c in crit}})


STATEMENTS = ("Дорога до райцентра важнее всего", "Туризм спасёт округ", "Нужен молодёжный центр",
              "Администрация слышит жителей", "Ярмарка нужна каждую неделю", "Школу закрывать нельзя",
              "Интернет важнее дорог", "Нужно больше фестивалей", "Лесозаготовки вредят округу",
              "Молодёжь уезжает из-за работы")


def answer_statements(store, sid: int) -> int:
    """A statements stage: 30 people answer 10 statements, in two camps (one answer in eight the
    other way, some passes); everyone wants the school kept and the young to find work."""
    from workbench.session import facilitator, phone

    stage_id = store.add_stage(sid, "statements", "Утверждения")
    ids = [facilitator.add_card(store, sid, stage_id, text)["id"] for text in STATEMENTS]
    facilitator.show_stage(store, sid, stage_id)
    facilitator.toggle_voting(store, stage_id)
    rng = random.Random(18)
    for i in range(30):
        token = phone.join(store, CODE, {})["token"]
        camp = i % 3 == 0  # a third of the room in the other camp
        for j, card in enumerate(ids):
            vote = 1 if (j % 2 == 0) == camp else -1
            if STATEMENTS[j] in ("Школу закрывать нельзя", "Молодёжь уезжает из-за работы"):
                vote = 1
            elif rng.random() < 0.12:
                vote = rng.choice([0, -vote])
            phone.statement_vote(store, CODE, token, {"card": card, "vote": vote})
    return stage_id


def settled(page) -> None:
    """The fonts loaded and no note still growing in (nothing caught mid-animation)."""
    page.wait_for_function("() => document.fonts.status === 'loaded' && document.getAnimations().length === 0")


def shoot(out: Path) -> None:
    from playwright.sync_api import sync_playwright

    from workbench.app import Workbench
    from workbench.session import display
    from workbench.testing import Server

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        build(data)
        server = Server(data, public_url=PUBLIC_URL).start()
        wb = Workbench(data)
        sid = wb.store.session(CODE)["id"]
        stages = {s["kind"]: s for s in wb.store.stages(sid)}
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
                page = browser.new_page(viewport={"width": 1280, "height": 720})
                page.goto(server.projector_url(CODE))  # logs in: the cookie the display needs
                page.goto(f"{server.base}/d/{CODE}")
                page.click("#head")  # full screen: the hint to click goes away
                for name, mode, stage, ready in (
                        ("join", "join", "ideas", ".join img"),
                        ("wall", "wall", "ideas", "#board .note"),
                        ("dots", "chart", "voting", ".bars .lab"),
                        ("cloud", "cloud", "ideas", ".cloud span"),
                        ("teams", "teams", "teams", ".team")):
                    # two cards the facilitator highlights stand out on the wall
                    picked = [c["id"] for c in wb.store.cards(sid, stages["ideas"]["id"]) if not c["is_group"]][5:7]
                    display.set_display(wb.store, sid, mode, stages[stage]["id"], picked if mode == "wall" else ())
                    page.wait_for_selector(f"#main[data-mode='{mode}'] {ready}")
                    settled(page)
                    page.screenshot(path=str(out / f"display-{name}.png"))
                    print("wrote", out / f"display-{name}.png")
                rate_on_matrix(wb.store, sid, stages["voting"]["id"])
                display.set_display(wb.store, sid, "chart", stages["voting"]["id"])
                # the display follows the stage put on phones: it drew the first raters' dots already
                page.wait_for_function("() => document.querySelector('.matrix circle') && "
                                       "document.querySelector('.chart h2').textContent.endsWith(' 12')")
                settled(page)
                page.screenshot(path=str(out / "display-matrix.png"))
                print("wrote", out / "display-matrix.png")
                score_teams(wb.store, sid)
                display.set_display(wb.store, sid, "review")
                page.wait_for_selector("#main[data-mode='review'] .rteam .val")
                settled(page)
                page.screenshot(path=str(out / "display-review.png"))
                print("wrote", out / "display-review.png")
                stage_id = answer_statements(wb.store, sid)
                display.set_display(wb.store, sid, "chart", stage_id)
                # the map of all 30, not of the first answers the display drew while they came in
                page.wait_for_function("() => document.querySelector('.omap .gnum') && "
                                       "document.querySelector('.chart h2').textContent.endsWith(' 30')", timeout=60_000)
                settled(page)
                page.screenshot(path=str(out / "display-opinion.png"))
                print("wrote", out / "display-opinion.png")
                browser.close()
        finally:
            wb.close()
            server.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(Path(__file__).parent))
    shoot(Path(parser.parse_args().out))
