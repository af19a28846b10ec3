"""Slowing down a phone that sends too much: a token bucket per key, per server process."""

from __future__ import annotations

import time

from workbench.errors import TooMany


class RateLimiter:
    """A token bucket per key: `burst` actions at once, then `per_minute` a minute.

    >>> rl = RateLimiter(burst=2, per_minute=60, clock=lambda: 0.0)
    >>> rl.check("a"); rl.check("a")
    >>> rl.check("a")
    Traceback (most recent call last):
    workbench.errors.TooMany: too_many
    """

    def __init__(self, burst: int, per_minute: float, clock=time.monotonic):
        self.burst = burst
        self.rate = per_minute / 60.0
        self.clock = clock
        self._buckets: dict[object, tuple[float, float]] = {}

    def check(self, key) -> None:
        now = self.clock()
        tokens, last = self._buckets.get(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - last) * self.rate)
        if tokens < 1.0:
            wait = max(1, int((1.0 - tokens) / self.rate + 0.999))
            self._buckets[key] = (tokens, now)
            raise TooMany("too_many", seconds=wait)
        self._buckets[key] = (tokens - 1.0, now)
