"""A crowd of held polls (a district's vote of 1,000 phones). A new stage or question answers
every poll still showing the old one at the next check, all of them, a chunk at a time with the
event loop turning in between: the server never sits idle while phones show an old question (at
most 150 a check, it waited 0.2 s after every 150 states, and a renamed question reached 1,000
phones later than with 2 s polls). Polls due for anything else (the room's dots) stay at most
`hold.BURST` a check, the longest held first. The server and its store are left out: a store
whose versions the test moves by hand."""

from __future__ import annotations

import asyncio
import time

from workbench.web import hold


class _Store:
    def __init__(self):
        self.v, self.shared = "1", "1"

    def version(self):
        return self.v

    def shared_version(self):
        return self.shared


class _Api:
    def __init__(self):
        self.store = _Store()


async def _answered_after(polls: int, floor: float, tick: float = 0.01, shared: bool = True) -> list[float]:
    """Hold `polls` polls, move the store's version (`shared`: a new stage; else other phones'
    dots, which leave the shared version) and return how long each took."""
    api = _Api()
    held = hold.HeldPolls(api, floor=floor, hold=30, tick=tick)
    start = time.monotonic()

    async def one():
        assert await held.wait("ROOM01", None, "1", stale=False)
        return time.monotonic() - start

    tasks = [asyncio.ensure_future(one()) for _ in range(polls)]
    await asyncio.sleep(0.05)
    api.store.v = "2"
    if shared:
        api.store.shared = "2"  # the facilitator showed another stage
    return await asyncio.wait_for(asyncio.gather(*tasks), timeout=10)


def test_a_room_sees_a_new_stage_at_the_next_check():
    took = asyncio.run(_answered_after(3, floor=1.0))
    assert max(took) < 0.5  # not the floor's 0.75–1.25 s


def test_a_crowd_sees_a_new_stage_at_one_check(monkeypatch):
    monkeypatch.setattr(hold, "BURST", 3)
    took = sorted(asyncio.run(_answered_after(1000, floor=5.0, tick=0.2)))
    # all 1,000 at the first check after the change (0.2–0.4 s), not 3 a check (67 s)
    assert took[-1] - took[0] < 0.15 and took[-1] < 0.6


def test_the_rooms_dots_are_answered_a_burst_per_check(monkeypatch):
    monkeypatch.setattr(hold, "BURST", 3)
    took = sorted(asyncio.run(_answered_after(8, floor=0.001, tick=0.2, shared=False)))
    assert took[3] - took[2] > 0.1 and took[6] - took[5] > 0.1  # three checks: 3, 3 and 2
    assert took[-1] < 1.5
