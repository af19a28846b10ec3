"""What every phone of a session reads alike, read once per change of the store.

A room of 1,000 phones polls its state every 2 s; the session, the stage, its cards and the
room's counts are the same for all of them until something is written. `SharedReads` keeps
those reads for one `Store.version()` and starts afresh when the version moves; what belongs to
one phone (its participant row, its own dots and ballots) is still read for that phone.

The version is read before the reads it labels, so what is kept under a version is never older
than that version: a phone that polls after its own dot sees the dot.

>>> from workbench.store import Store
>>> store = Store.open_url("sqlite://")
>>> code = store.create_session("Демо")
>>> shared = SharedReads()
>>> reads, label = shared.reads(store, store.version())
>>> a = reads.session(code)
>>> shared.reads(store, store.version())[0].session(code) is not a  # a copy: callers may change it
True
>>> shared.hits
1
>>> shared.reads(store, store.version())[0].kept("answer", lambda: [code]) == [code]
True
"""

from __future__ import annotations

import threading
import time

# Store reads that take no participant: the same answer for every phone at one version.
SHARED = frozenset({
    "session", "stage", "stages", "cards", "vote_totals", "teams", "statement_counts",
    "shown_counts", "ratings", "comparisons", "rankings", "first_ballot_at", "voters",
    "has_ballots", "criteria", "display_lang", "review_opened_at",
})


def _copy(value):
    # Rows are plain dicts and lists of them: a shallow copy of each keeps the kept one intact.
    if isinstance(value, list):
        return [dict(v) if isinstance(v, dict) else v for v in value]
    if isinstance(value, dict):
        return {k: dict(v) if isinstance(v, dict) else v for k, v in value.items()}
    if isinstance(value, set):
        return set(value)
    return value


class _Reads:
    """The store, with the shared reads answered from one version's memo."""

    def __init__(self, store, owner: SharedReads):
        self._store = store
        self._owner = owner
        self._memo: dict = {}

    def __getattr__(self, name):
        attr = getattr(self._store, name)
        if name not in SHARED:
            return attr
        memo, owner = self._memo, self._owner

        def read(*args, **kwargs):
            key = (name, args, tuple(sorted(kwargs.items())))
            try:
                value = memo[key]
                owner.hits += 1
            except KeyError:
                value = memo[key] = attr(*args, **kwargs)
                owner.misses += 1
            return _copy(value)
        return read

    def kept(self, key, build):
        """What `build()` makes from this version's reads, made once for the version (a
        display's JSON answer, the cards every phone shows): not copied, so callers read it and
        never change it."""
        try:
            value = self._memo[("kept", key)]
            self._owner.hits += 1
        except KeyError:
            value = self._memo[("kept", key)] = build()
            self._owner.misses += 1
        return value


class SharedReads:
    """The shared reads of the current store version (one per server process).

    While the room votes (a dot every few milliseconds) the store's version moves faster than
    phones poll, so reads kept for one version alone would serve few polls. The reads are kept
    as long as `store.shared_version()` stays (it ignores this process's own ballots) and they
    are younger than `max_age` seconds; what a phone reads of its own (its dots, its ballots)
    is always read afresh. Reads kept past the version they were made at are labelled with that
    older version, so a phone's next poll never takes them for the newest (no 304 for them).
    """

    def __init__(self, max_age: float = 0.0, clock=time.monotonic):
        self.max_age = max_age
        self.clock = clock
        self._lock = threading.Lock()
        self._current: tuple | None = None  # (store, shared version, version, reads, made at)
        self.hits = 0
        self.misses = 0

    def reads(self, store, version: str, shared_version: str | None = None) -> tuple[_Reads, str]:
        """The store as phones' state reads it at `version` (from `store.version()`), and the
        version the reads are labelled with (an older one while kept reads serve)."""
        now = self.clock()
        with self._lock:
            current = self._current
            if current is not None and current[0] is store and (
                    current[2] == version or (shared_version is not None and current[1] == shared_version
                                              and now - current[4] < self.max_age)):
                return current[3], current[2]
            fresh = _Reads(store, self)
            if current is None or current[0] is not store or _order(version) > _order(current[2]):
                self._current = (store, shared_version, version, fresh, now)
            return fresh, version  # a late reader of an older version keeps its reads to itself


def _order(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))
