"""A running stage timer survives a jump of the laptop's wall clock (NTP setting it when the
laptop joins the room's Wi-Fi), a restart of the server, and phones whose clocks are wrong
(workbench/session/clock.py; the pages count down with performance.now())."""

from __future__ import annotations

import pytest

from workbench.demo import load_demo
from workbench.session import clock, facilitator
from workbench.session.phone import phone_state
from workbench.testing import PHONE

START = 1_800_000_000.0  # the laptop's wall clock when the timer starts


class Laptop:
    """A wall clock that can jump and a steady clock that cannot: the seams of `clock.Clock`."""

    def __init__(self):
        self.wall, self.steady = START, 5_000.0

    def clock(self) -> clock.Clock:  # a process of its own (the server, a kernel, a restarted server)
        return clock.Clock(wall=lambda: self.wall, steady=lambda: self.steady, boot=lambda: "boot-1")

    def wait(self, seconds: float) -> None:
        self.wall += seconds
        self.steady += seconds


def _phone_shows(store, code: str) -> str:
    """The timer as a phone shows it right after its poll: its deadline less the server's time."""
    session = store.session(code)
    participant = store.participants(session["id"])[0]
    state = phone_state(store, session, participant)
    left = max(0, round(state["stage"]["timer_ends_at"] - state["server_time"]))
    return f"{left // 60}:{left % 60:02d}"


@pytest.mark.parametrize("jump", [+600, -600])
def test_a_wall_clock_jump_leaves_the_running_timer_as_it_was(wb, monkeypatch, jump):
    code = load_demo(wb.store, teams=False)
    session = wb.store.session(code)
    laptop = Laptop()
    server = laptop.clock()
    monkeypatch.setattr(clock, "CLOCK", server)  # the server process's clock
    stage_id = session["current_stage_id"]
    facilitator.start_timer(wb.store, stage_id, 10)
    laptop.wait(60)
    assert _phone_shows(wb.store, code) == "9:00"

    kernel = laptop.clock()  # the control view's kernel, settled before the jump as well
    clock.settle(wb.store, kernel)
    laptop.wall += jump  # NTP sets the laptop's clock ten minutes on (or back)
    laptop.wait(30)
    # before anything settles, and after the server and the kernel both did: 8:30 left
    assert _phone_shows(wb.store, code) == "8:30"
    clock.settle(wb.store)  # what every phone's poll and the display's do first
    clock.settle(wb.store, kernel)  # the control view's tick: the deadline moves once, not twice
    assert _phone_shows(wb.store, code) == "8:30"
    assert wb.store.stage(stage_id)["timer_ends_at"] - laptop.wall == pytest.approx(510)
    assert kernel.now() == pytest.approx(laptop.wall)

    laptop.wait(60)  # the server is killed and started again: it goes on from the store
    monkeypatch.setattr(clock, "CLOCK", laptop.clock())
    clock.settle(wb.store)
    assert _phone_shows(wb.store, code) == "7:30"
    laptop.wait(450)
    assert _phone_shows(wb.store, code) == "0:00"


def test_a_reboot_trusts_the_wall_clock(wb, monkeypatch):
    """After the laptop restarts its steady clock starts again: the stored deadline stays put."""
    code = load_demo(wb.store, teams=False)
    laptop = Laptop()
    monkeypatch.setattr(clock, "CLOCK", laptop.clock())
    stage_id = wb.store.session(code)["current_stage_id"]
    facilitator.start_timer(wb.store, stage_id, 10)
    laptop.wall += 120
    laptop.steady = 30.0  # rebooted two minutes later
    after = clock.Clock(wall=lambda: laptop.wall, steady=lambda: laptop.steady, boot=lambda: "boot-2")
    monkeypatch.setattr(clock, "CLOCK", after)
    clock.settle(wb.store)
    assert _phone_shows(wb.store, code) == "8:00"


# The page's own clock, minutes wrong and then set while the timer runs (what a phone's or the
# projector laptop's browser may do): `window.__skew` ms added to Date.now().
SKEWED = "window.__skew = 600000; Date.now = (n => () => n() + window.__skew)(Date.now);"


def test_phones_and_the_display_count_down_whatever_their_own_clock_says(served, browser):
    from workbench.app import Workbench
    from workbench.session import display

    wb = Workbench(served.data_dir)
    try:
        s = wb.store.session("KARGO1")
        problems = next(x for x in wb.store.stages(s["id"]) if x["kind"] == "problems")
        facilitator.show_stage(wb.store, s["id"], problems["id"])
        facilitator.start_timer(wb.store, problems["id"], 5)
        display.set_display(wb.store, s["id"], "timer", problems["id"])

        phone_ctx = browser.new_context(**PHONE)
        phone_ctx.add_init_script(SKEWED)
        phone = phone_ctx.new_page()
        phone.goto(f"{served.base}/s/KARGO1")
        phone.click("#join-btn")
        wall_ctx = browser.new_context(viewport={"width": 1280, "height": 720},
                                       extra_http_headers={"Cookie": served.login_cookie("KARGO1")})
        wall_ctx.add_init_script(SKEWED.replace("600000", "-600000"))
        wall = wall_ctx.new_page()
        wall.goto(f"{served.base}/d/KARGO1")

        five = "() => /^(5:00|4:[45][0-9])$/.test(document.querySelector('#timer').textContent)"
        phone.wait_for_function(five)  # ten minutes fast: still five minutes, not none
        wall.wait_for_function("() => /^(05:00|04:[45][0-9])$/.test((document.querySelector('.timer') || {}).textContent)")
        phone.evaluate("window.__skew = -1200000")  # the phone's clock set twenty minutes back
        wall.evaluate("window.__skew = 1200000")
        first = phone.locator("#timer").inner_text()
        phone.wait_for_function(f"() => document.querySelector('#timer').textContent !== '{first}'", timeout=5_000)
        assert phone.evaluate(five), phone.locator("#timer").inner_text()
        assert wall.locator(".timer").inner_text()[:3] in ("05:", "04:"), wall.locator(".timer").inner_text()
        facilitator.stop_timer(wb.store, problems["id"])
        phone.wait_for_function("() => document.querySelector('#timer').textContent === ''", timeout=10_000)
        phone_ctx.close()
        wall_ctx.close()
    finally:
        wb.close()
