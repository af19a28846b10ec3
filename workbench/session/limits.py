"""Limits that hold across server processes: a token bucket per key, kept in the store.

On a server several `workbench serve` processes share one database; a limit kept in one
process's memory would give a phone (or a flood of fresh joins) one budget per process. These
buckets live in the store's `limits` table and are taken inside the action's own transaction:
a refused action writes nothing.

>>> from workbench.store import Store
>>> store = Store.open_url("sqlite://")
>>> cards = SharedLimit(store, "cards", burst=2, per_minute=60, clock=lambda: 100.0)
>>> cards.check(7); cards.check(7)
>>> cards.check(7)
Traceback (most recent call last):
workbench.errors.TooMany: too_many
>>> cards.check(8)  # another phone has its own bucket
"""

from __future__ import annotations

import math
import time

from workbench.errors import TooMany

PRUNE_EVERY = 3600.0  # seconds between two clean-ups of the limits table, per process and limit
PRUNE_AGE = 86400.0  # a bucket untouched for a day is dropped (any bucket refills far sooner)


class SharedLimit:
    """`burst` actions at once per key, then `per_minute` a minute, counted in the store. Once an
    hour it drops the buckets nobody touched for a day, so the table does not grow for ever."""

    def __init__(self, store, name: str, burst: float, per_minute: float, clock=time.time):
        self.store = store
        self.name = name
        self.burst = burst
        self.rate = per_minute / 60.0
        self.clock = clock
        self.pruned_at = clock()

    def _key(self, key) -> str:
        return f"{self.name}:{key}"[:200]

    def check(self, key) -> None:
        """Take one action's token for `key`; raise `TooMany` (with the seconds to wait) when
        there is none."""
        now = self.clock()
        if now - self.pruned_at >= PRUNE_EVERY:
            self.pruned_at = now
            self.store.prune_limits(now - PRUNE_AGE)
        wait = self.store.take_token(self._key(key), self.burst, self.rate, now)
        if wait > 0:
            raise TooMany("too_many", seconds=max(1, math.ceil(wait)) if math.isfinite(wait) else 60)

    def exhausted(self, key) -> bool:
        """Whether `key` has no token left now (nothing is taken)."""
        return self.store.tokens_left(self._key(key), self.burst, self.rate, self.clock()) < 1.0
