"""Slow drawings (the opinion map) off the event loop: one at a time, in a low-priority worker
thread, the newest asked for next.

The control view's live map (`workbench.ui.opinion_live`) and the projector's display
(`workbench.web.display`) both redraw while phones answer. A drawing takes up to a second for
300 phones, far too long for a tornado or kernel loop that also serves clicks and polls; and
redrawing on every vote would keep a core busy. `Newest` runs one job at a time; jobs asked for
meanwhile wait, only the newest (an older waiting one is dropped); after each job it rests as
long as the job took (0.25-1 s), so it takes at most half a core from the laptop that serves
the phones.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import threading

NICE = 5  # the worker thread: a lower CPU priority than the server's (0)


def running_loop(wanted: bool = True):
    """The event loop running in this thread (a kernel's, a server's), or None when none runs (a
    test, a script) or it is not `wanted`: a drawing is then made at once, where it is asked for.

    >>> from concurrent.futures import ThreadPoolExecutor
    >>> async def seen():
    ...     return running_loop() is not None, running_loop(wanted=False)
    >>> with ThreadPoolExecutor(1) as pool:  # a thread of its own: no loop runs there
    ...     pool.submit(lambda: (running_loop(), asyncio.run(seen()))).result()
    (None, (True, None))
    """
    if not wanted:
        return None
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def be_nice() -> None:
    """Lower the calling thread's CPU priority (Linux schedules threads one by one): the phones'
    server on the same laptop goes first, the drawing uses the time left."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICE)
    except (AttributeError, OSError):  # not Linux, or not allowed: full priority then
        pass


class Newest:
    """Runs `fn()` of `submit(key, fn, loop)` in a worker thread and hands `done(key, result)`
    back on `loop`. A job submitted while one runs waits (the newest only); a waiting job whose
    key is the one just run is dropped.

    >>> import asyncio, threading
    >>> got = []
    >>> async def main():
    ...     worker = Newest("doc", lambda key, result: got.append((key, result)))
    ...     worker.submit("a", lambda: 1, asyncio.get_running_loop())
    ...     worker.submit("b", lambda: 2, asyncio.get_running_loop())  # waits
    ...     worker.submit("c", lambda: 3, asyncio.get_running_loop())  # replaces "b"
    ...     while len(got) < 2:
    ...         await asyncio.sleep(0.05)
    >>> run = threading.Thread(target=asyncio.run, args=(main(),))  # a loop of its own
    >>> run.start(); run.join(); got
    [('a', 1), ('c', 3)]
    """

    REST = (0.25, 1.0)  # seconds of rest after a job: as long as it took, within these bounds

    def __init__(self, name: str, done, rest: tuple[float, float] | None = None):
        self.name = name
        self.done = done
        self.rest = self.REST if rest is None else rest
        self.busy = False
        self.pending = None  # (key, fn, loop): run once the worker is free
        self.last = None  # key of the last job run
        self.pool = None

    def submit(self, key, fn, loop) -> None:
        if self.busy:
            self.pending = (key, fn, loop)
            return
        if self.pool is None:
            self.pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix=self.name, initializer=be_nice)
        self.busy = True
        self.last = key
        started = loop.time()
        future = loop.run_in_executor(self.pool, fn)
        future.add_done_callback(lambda f: self._finished(key, f, loop, loop.time() - started))

    def _finished(self, key, future, loop, seconds: float) -> None:
        try:
            self.done(key, future.result())
        finally:
            loop.call_later(min(max(seconds, self.rest[0]), self.rest[1]), self._rested)

    def _rested(self) -> None:
        self.busy = False
        job, self.pending = self.pending, None
        if job is not None and job[0] != self.last:
            self.submit(*job)
