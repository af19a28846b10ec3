"""A new stage answers held polls at the next check, but at most `hold.BURST` at one check (a
district's vote of 1,000 phones: the rest at the next checks, so the dots and the phones' next
polls do not wait behind 1,000 states built in a row). The server and its store are left out: a
store whose versions the test moves by hand."""

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


async def _answered_after(polls: int, floor: float, tick: float = 0.01) -> list[float]:
    """Hold `polls` polls, move the shared version (a new stage) and return how long each took."""
    api = _Api()
    held = hold.HeldPolls(api, floor=floor, hold=30, tick=tick)
    start = time.monotonic()

    async def one():
        assert await held.wait("ROOM01", None, "1", stale=False)
        return time.monotonic() - start

    tasks = [asyncio.ensure_future(one()) for _ in range(polls)]
    await asyncio.sleep(0.05)
    api.store.v = api.store.shared = "2"  # the facilitator showed another stage
    return await asyncio.wait_for(asyncio.gather(*tasks), timeout=10)


def test_a_room_sees_a_new_stage_at_the_next_check():
    took = asyncio.run(_answered_after(3, floor=1.0))
    assert max(took) < 0.5  # not the floor's 0.75–1.25 s


def test_a_crowd_is_answered_a_burst_per_check(monkeypatch):
    monkeypatch.setattr(hold, "BURST", 3)
    took = sorted(asyncio.run(_answered_after(8, floor=5.0, tick=0.2)))
    assert took[3] - took[2] > 0.1 and took[6] - took[5] > 0.1  # three checks: 3, 3 and 2
    assert took[-1] < 1.5  # all of them well before the floor
