"""Token buckets kept in the database (a part of the Store class), so a limit holds across every
server process on the store: joins per client address and session, cards per phone, unknown
session codes per address. Persistence only: which key and which rates is the caller's business
(`workbench.session.limits`)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from workbench.store.schema import limits


class LimitQueries:
    """Mixed into `Store`."""

    def take_token(self, key: str, burst: float, per_second: float, now: float) -> float:
        """Take one token from the bucket `key` (created full with `burst` tokens), refilled at
        `per_second`; return 0.0 when taken, else the seconds until one is there (nothing taken).
        Inside `transaction()` it is part of that transaction; the row is locked until commit
        (PostgreSQL: FOR UPDATE; SQLite's immediate transaction serialises every write)."""
        insert = (postgresql.insert if self.postgres else sqlite.insert)(limits)
        with self.write() as c:
            c.execute(insert.values(key=key, tokens=float(burst), updated_at=now)
                      .on_conflict_do_nothing(index_elements=["key"]))
            tokens, last = c.execute(sa.select(limits.c.tokens, limits.c.updated_at)
                                     .where(limits.c.key == key).with_for_update()).one()
            tokens = min(float(burst), tokens + max(0.0, now - last) * per_second)
            if tokens < 1.0:
                return (1.0 - tokens) / per_second if per_second > 0 else float("inf")
            c.execute(sa.update(limits).where(limits.c.key == key).values(tokens=tokens - 1.0, updated_at=now))
            return 0.0

    def tokens_left(self, key: str, burst: float, per_second: float, now: float) -> float:
        """The tokens in bucket `key` now (a full bucket when it was never used); takes none."""
        with self.read() as c:
            row = c.execute(sa.select(limits.c.tokens, limits.c.updated_at).where(limits.c.key == key)).first()
        if row is None:
            return float(burst)
        return min(float(burst), row[0] + max(0.0, now - row[1]) * per_second)

    def prune_limits(self, before: float) -> int:
        """Delete the buckets last touched before `before` (a bucket left alone long enough is
        full again, the same as no row); return how many went."""
        with self.write() as c:
            return c.execute(sa.delete(limits).where(limits.c.updated_at < before)).rowcount
