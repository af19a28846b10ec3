"""The timers' clock: a running stage timer survives a jump of the laptop's wall clock.

A facilitator's laptop may set its clock when it joins the room's Wi-Fi (NTP), often by
minutes. A timer's deadline is stored as wall time (`stages.timer_ends_at`, so a restarted
server goes on with it), but the time it is compared with is the wall time of the last
settling plus the system's steady clock since: a jump does not move it. When the wall clock
and that time part by more than `TOLERANCE` seconds, `settle` moves every running deadline by
the jump and takes the new wall time: the remaining minutes stay what they were, and the store
stays right for a restart. The settled offset (wall minus steady time) is kept in the store's
`meta`, with the boot it belongs to, so the server and the control view's kernels (processes
of their own, with one steady clock) move the deadlines once, not once each.

Pages count down from the server's time of their answer with their own `performance.now()`:
a phone's wrong clock does not matter.
"""

from __future__ import annotations

import json
import logging
import time

TOLERANCE = 5.0  # seconds: wall and steady time part by more than this: the wall clock jumped
META_KEY = "timer_clock"
log = logging.getLogger(__name__)


def _steady() -> float:
    """The system's steady clock: one for every process, counting a suspended laptop's sleep."""
    for name in ("CLOCK_BOOTTIME", "CLOCK_MONOTONIC"):
        if hasattr(time, name):
            return time.clock_gettime(getattr(time, name))
    return time.monotonic()


def _boot() -> str:
    """This boot's id (a steady clock starts again at a reboot); "" where unknown."""
    try:
        with open("/proc/sys/kernel/random/boot_id") as f:
            return f.read().strip()
    except OSError:
        return ""


class Clock:
    """The seams: `wall()` (may jump) and `steady()` (never does). `offset`: the settled wall
    minus steady time (None until first settled: the wall clock is trusted then)."""

    def __init__(self, wall=time.time, steady=_steady, boot=_boot):
        self.wall, self.steady, self.boot = wall, steady, boot
        self.offset: float | None = None

    def now(self) -> float:
        """The timers' time (seconds since the epoch), unmoved by a wall clock's jump."""
        return self.wall() if self.offset is None else self.steady() + self.offset

    def parted(self) -> bool:
        """Whether this process must settle: never settled, or its wall clock jumped."""
        return self.offset is None or abs(self.wall() - self.now()) > TOLERANCE


CLOCK = Clock()


def now(clock: Clock | None = None) -> float:
    return (clock or CLOCK).now()


def settle(store, clock: Clock | None = None) -> float:
    """Settle the clock with the store when needed (see the module) and give the timers' time.
    Cheap when nothing jumped: the store is read only when this process's clock parted."""
    clock = clock or CLOCK
    if not clock.parted():
        return clock.now()
    wall, steady, boot = clock.wall(), clock.steady(), clock.boot()
    offset = wall - steady
    try:
        kept = store.timer_clock(META_KEY)
        old = json.loads(kept) if kept else None
        # a steady clock that went back: a reboot (where the boot has no id)
        same_boot = bool(old) and old.get("boot") == boot and steady >= old.get("steady", 0)
        if same_boot and abs(old["offset"] - offset) <= TOLERANCE:
            clock.offset = old["offset"]  # another process settled it already (or nothing jumped)
            return clock.now()
        # the same boot: the wall clock jumped by the change of offset; another boot: trust the wall
        shift = offset - old["offset"] if same_boot else 0.0
        new = json.dumps({"boot": boot, "offset": offset, "steady": steady})
        if store.settle_timers(META_KEY, kept, new, shift):
            if shift:
                log.warning("The wall clock jumped by %+.0f s: running timers keep their remaining time", shift)
            clock.offset = offset
        else:  # another process settled meanwhile: take its offset
            clock.offset = json.loads(store.timer_clock(META_KEY))["offset"]
    except Exception:  # noqa: BLE001 - a store that cannot be read or written (a full disk): try next time
        log.debug("timer clock not settled", exc_info=True)
        if clock.offset is None:
            return wall
    return clock.now()
