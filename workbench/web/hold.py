"""Held polls: a phone's `/state?wait=1` waits on the server until it has something to show.

A phone polling every 2 s showed a new stage 1.2–2.2 s late. Now the page asks with `wait=1`
and the tag of what it shows (`head`, `phone.headline`), and the server holds the request:

- a change of the session or its current stage (a new stage shown, a question renamed, a round
  closed: the headline) answers it at the next check, every `TICK` (0.2 s), and the page asks
  again at once, so such a change reaches a phone within about a quarter of a second;
- anything else that changed (cards, the room's dots, another phone joining) answers it once it
  has been held about `floor` seconds (`phone_poll_interval`, ± `SPREAD`): in a busy vote or a
  flood of ideas a phone asks no more often than it did when it polled (one request per
  `floor` on average), and the room's counts lag as they did. The spread matters: a new stage
  answers every phone at once, they all ask again at once, and with one fixed floor they would
  stay in step, the whole room's states built in one burst every `floor` seconds while the
  dots wait (a 300-phone vote's dots were acknowledged in 1–2 s instead of 0.2 s);
- with nothing changed, it answers 304 after `hold` seconds (`phone_poll_hold`), well before a
  proxy (nginx's 60 s) or a phone's network gives up on it; the page asks again at once.

Polls due are answered `CHUNK` at a time, the event loop taking the other requests (dots) in
between (`TURNS` turns of it): every poll whose phone shows an old headline at once, at one check (a new stage reaches
a room as fast as the server builds its states, with nothing idle in between), and at most `BURST`
of the others at one check (the rest at the next checks). One check per process serves every held poll: the store's version (a cheap query), and the
headline of each session that has held polls, read again only when the shared version moved
(`Store.shared_version()`: this process's own ballots do not move it). A client that sends
`wait=1` without `head` is answered on any shared change. A request without `wait` is answered
at once, as before.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time

TICK = 0.2  # seconds between the checks of the store for held polls
CHUNK = 8  # held polls answered in one go before the phones' other requests get their turn
TURNS = 4  # turns of the event loop the other requests get between two chunks
SPREAD = 0.25  # each poll's floor is `floor` ± this share of it, drawn at random
BURST = 150  # polls due for anything but a new headline answered at one check at most


def answer_now(held: float, urgent: bool, changed: bool, floor: float, hold: float) -> bool:
    """Whether a poll held for `held` seconds is answered now: at once when what a phone must show
    within a second changed (`urgent`), after `floor` seconds when anything else did (`changed`),
    after `hold` seconds anyway (a 304 when nothing changed).

    >>> answer_now(0.1, urgent=True, changed=True, floor=2, hold=15)
    True
    >>> answer_now(0.1, urgent=False, changed=True, floor=2, hold=15), answer_now(2.0, False, True, 2, 15)
    (False, True)
    >>> answer_now(14.9, False, False, 2, 15), answer_now(15.0, False, False, 2, 15)
    (False, True)
    """
    return urgent or (changed and held >= floor) or held >= hold


class _Poll:
    """One held poll: what it saw when it came, and the future its handler awaits."""

    __slots__ = ("code", "head", "version", "shared", "stale", "since", "floor", "future")

    def __init__(self, code, head, version, shared, stale, floor, future):
        self.code, self.head, self.version, self.shared, self.stale = code, head, version, shared, stale
        self.since = time.monotonic()
        self.floor = floor * random.uniform(1 - SPREAD, 1 + SPREAD)
        self.future = future


class HeldPolls:
    """The held polls of one server process and the one periodic check that answers them."""

    def __init__(self, api, floor: float, hold: float, tick: float = TICK):
        self.api = api
        self.floor, self.hold, self.tick = floor, hold, tick
        self.polls: set[_Poll] = set()
        self._task: asyncio.Task | None = None
        self._heads: dict[str, object] = {}  # session code -> its headline at `_heads_at`
        self._heads_at: str | None = None

    @property
    def enabled(self) -> bool:
        return self.hold > 0

    async def wait(self, code: str, head: str | None, version: str, stale: bool, on_hold=None) -> bool:
        """Hold a poll until it is to be answered (True), or its client went away (False).
        `version`: the store's version when it came; `stale`: the page's ETag was already older;
        `on_hold(future)`: given the future, for `drop` when the connection closes."""
        store = self.api.store
        poll = _Poll(code, head, version, store.shared_version(), stale, self.floor,
                     asyncio.get_running_loop().create_future())
        if on_hold is not None:
            on_hold(poll.future)
        self.polls.add(poll)
        if self._task is None or self._task.done():
            self._task = asyncio.ensure_future(self._run())
        try:
            return await poll.future
        finally:
            self.polls.discard(poll)

    def drop(self, future) -> None:
        """The client of a held poll closed its connection: stop holding it."""
        if future is not None and not future.done():
            future.set_result(False)

    async def _run(self) -> None:
        while self.polls:
            await asyncio.sleep(self.tick)
            try:
                await self._check()
            except Exception:  # noqa: BLE001 (whatever failed, the polls are answered: the answer says)
                logging.getLogger("workbench").warning("checking held polls failed; answering them", exc_info=True)
                self._heads_at = None
                for poll in list(self.polls):
                    if not poll.future.done():
                        poll.future.set_result(True)

    async def _check(self) -> None:
        store = self.api.store
        version, shared = store.version(), store.shared_version()
        if shared != self._heads_at:
            self._heads, self._heads_at = {}, shared
        codes = {p.code for p in self.polls if p.head is not None and p.code not in self._heads}
        if codes:
            self._heads.update(await self.api.runner.run(None, lambda: self._read_heads(codes, version, shared)))
        now = time.monotonic()
        urgent, due = [], []
        for poll in self.polls:
            news = shared != poll.shared if poll.head is None else self._heads.get(poll.code) != poll.head
            if news:
                urgent.append(poll)
            elif answer_now(now - poll.since, False, poll.stale or version != poll.version, poll.floor, self.hold):
                due.append(poll)
        # A new stage or question: every phone still showing the old one, CHUNK at a time with the
        # event loop turning between chunks (the dots and the answered phones' next polls go in
        # between), without waiting for the next check. Held to BURST a check (a district's vote
        # of 1,000 phones), the server sat idle 0.2 s after every 150 states: the renamed
        # question reached the room later than with 2 s polls (2.3 s p50 against 1.2 s).
        urgent.sort(key=lambda p: p.since)
        # Anything else that changed is no hurry: at most BURST a check, the longest held first.
        due.sort(key=lambda p: p.since)
        await self._answer(urgent + due[:BURST])

    async def _answer(self, polls) -> None:
        for k, poll in enumerate(polls):
            if k and not k % CHUNK:
                # The woken ones answer at the next turn of the loop, and requests that came
                # meanwhile go a step further at each turn: a dot takes several (reading, the
                # handler, writing), and with one turn a chunk it waited several chunks of
                # states (0.2 s p50 while a new question reached 1,000 phones, 20 ms without).
                for _ in range(TURNS):
                    await asyncio.sleep(0)
            if not poll.future.done():
                poll.future.set_result(True)

    def _read_heads(self, codes, version: str, shared: str) -> dict:
        from workbench.session import phone

        reads, _ = self.api.shared.reads(self.api.store, version, shared)
        heads: dict[str, object] = {}
        for code in codes:
            try:
                heads[code] = phone.headline(reads, reads.session(code))
            except Exception:  # noqa: BLE001 (an unknown or removed session: its polls answer, and say so)
                heads[code] = None
        return heads
