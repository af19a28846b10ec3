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


def client_address(peer: str, forwarded_for: str | None, trusted: list[str] | tuple[str, ...]) -> str:
    """The address of the client a request comes from: the connection's peer, unless the peer is
    a trusted proxy (nginx on the same host: `trusted_proxies`), in which case the last address
    of `X-Forwarded-For` that is not a trusted proxy (nginx appends the address it saw; what a
    client wrote into the header itself comes before it and is ignored).

    >>> client_address("192.168.0.7", "1.2.3.4", ["127.0.0.1"])  # a phone: its header is not believed
    '192.168.0.7'
    >>> client_address("127.0.0.1", "6.6.6.6, 203.0.113.5", ["127.0.0.1"])  # nginx appended 203.0.113.5
    '203.0.113.5'
    >>> client_address("127.0.0.1", None, ["127.0.0.1"])
    '127.0.0.1'
    """
    if peer not in trusted or not forwarded_for:
        return peer
    for hop in reversed([h.strip() for h in forwarded_for.split(",")]):
        if hop and hop not in trusted:
            return hop[:64]
    return peer


def one_device(peer: str, trusted: list[str] | tuple[str, ...], setting: bool = True) -> bool:
    """Whether the client address of a request is one device: a phone that reaches the server
    directly (on the laptop's Wi-Fi each phone has its own address). An address a trusted proxy
    forwards is not (nginx: perhaps a whole room behind one NAT), nor a trusted proxy's own
    (loopback by default: the laptop itself, a tunnel); neither is any address when
    `addresses_are_devices` is off (the phones come through a router that gives them all one
    address).

    >>> one_device("192.168.0.7", ["127.0.0.1"]), one_device("127.0.0.1", ["127.0.0.1"])
    (True, False)
    >>> one_device("192.168.0.7", ["127.0.0.1"], setting=False)
    False
    """
    return bool(setting) and peer not in trusted
