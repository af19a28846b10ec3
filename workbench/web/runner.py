"""Where a phone's store call runs: on the event loop (SQLite), or in a thread pool (PostgreSQL).

SQLite answers from a local file in microseconds and serialises writers anyway: a call runs
inline, which is the fastest. PostgreSQL costs network round trips; run on the event loop they
would stall every other phone while one waits, so a call runs in a worker thread and the loop
serves others meanwhile. Calls of one phone (one device token) still run one after another, in
the order they came: a dot and the poll that follows it are never reordered. The answer is sent
only after the call returned, so an acknowledged dot is committed.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor


class StoreRunner:
    """`await runner.run(key, fn)`: `fn()` inline, or in the pool with one queue per `key`."""

    def __init__(self, threads: int = 0):
        self.pool = ThreadPoolExecutor(threads, thread_name_prefix="store") if threads else None
        self._queues: dict[object, list] = {}  # key -> [lock, users]

    async def run(self, key, fn):
        if self.pool is None:
            return fn()
        if key is None:
            return await asyncio.get_running_loop().run_in_executor(self.pool, fn)
        entry = self._queues.setdefault(key, [asyncio.Lock(), 0])
        entry[1] += 1
        try:
            async with entry[0]:
                return await asyncio.get_running_loop().run_in_executor(self.pool, fn)
        finally:
            entry[1] -= 1
            if not entry[1]:
                del self._queues[key]

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False)


class PhoneApi:
    """What every phone handler of one server process shares: the workbench, the runner, the
    shared state reads, and the limits (kept in the store: they hold across processes)."""

    def __init__(self, wb):
        from workbench.session.limits import SharedLimit
        from workbench.session.snapshot import SharedReads

        s = wb.settings
        self.wb = wb
        self.store = wb.store
        self.runner = StoreRunner(threads=8 if wb.store.postgres else 0)
        # While the room votes, what phones read alike is kept for up to the projector's watch
        # interval: the room's counts on a phone lag by at most that; anything else is at once.
        self.shared = SharedReads(max_age=float(s["watch_interval"]))
        # `/state?wait=1`: polls held until there is something to show (`web/hold.py`)
        from workbench.web.hold import HeldPolls
        self.held = HeldPolls(self, floor=float(s["phone_poll_interval"]), hold=float(s["phone_poll_hold"]))
        self.cards = SharedLimit(wb.store, "cards", s["contribution_burst"], s["contribution_per_minute"])
        self.joins = SharedLimit(wb.store, "join", s["join_burst_per_address"], s["join_per_minute_per_address"])
        self.misses = SharedLimit(wb.store, "unknown-code", s["unknown_code_burst"], s["unknown_code_per_minute"])

        def limit(name, burst, per_minute):  # a burst of 0: no such limit
            return SharedLimit(wb.store, name, burst, per_minute) if burst else None
        # Per device (an address that is one phone, `ApiHandler.client`): a fresh token costs it
        # what it costs a phone, not what a room behind one NAT needs.
        self.device_joins = limit("join-device", s["device_join_burst"], s["device_join_per_minute"])
        self.device_cards = limit("cards-device", s["device_card_burst"], s["device_card_per_minute"])
        self.reviews = limit("review", s["review_burst"], s["review_per_minute"])  # per phone and per device

    def per_device(self, limit, device: bool):
        """`limit.check` for a device's address, else None (no such limit for a room's address)."""
        return limit.check if device and limit is not None else None
