"""Stopping on a signal: SIGINT (Ctrl-C) and SIGTERM (timeout, CI, process managers) alike.

In render.py's process both raise `Stopped` in the main thread; the CLI turns it into one line
and exit 128 + signal (130, 143). Worker processes stop on SIGTERM the same way, ignore SIGINT
(the terminal sends Ctrl-C to the whole group; the parent decides) and get SIGTERM when their
parent dies, whatever killed it (Linux's parent-death signal). `deferred()` holds a signal
back while a set of files is being published, so a stop never lands between two renames.
"""
from __future__ import annotations

import ctypes
import os
import signal
from contextlib import contextmanager

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Stopped(BaseException):
    """A stop signal arrived. BaseException: no `except Exception` in a render swallows it."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


def within(exc: BaseException | None) -> Stopped | None:
    """The Stopped that `exc` is or was raised from: Python wraps an exception raised in some places
    (a dataclass field's `__set_name__` while a module is imported) in a RuntimeError of its own."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, Stopped):
            return exc
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return None


_deferring = 0
_pending: int | None = None
_idle_exits = False  # a worker between jobs has nothing to unwind: it just exits
_busy = 0


def _handler(signum, frame):
    global _pending
    if _deferring:
        _pending = _pending or signum
        return
    if _idle_exits and not _busy:
        os._exit(128 + signum)
    raise Stopped(signum)


def install(signals=SIGNALS) -> None:
    """Make `signals` raise Stopped in the main thread (Python runs handlers there only)."""
    for s in signals:
        signal.signal(s, _handler)


@contextmanager
def deferred():
    """A stop signal that arrives inside the block takes effect when the block ends."""
    global _deferring, _pending
    _deferring += 1
    try:
        yield
    finally:
        _deferring -= 1
    if not _deferring and _pending is not None:
        signum, _pending = _pending, None
        raise Stopped(signum)


@contextmanager
def busy():
    """In a worker: a job is running, so a stop unwinds it (its `finally` blocks clean up)."""
    global _busy
    _busy += 1
    try:
        yield
    finally:
        _busy -= 1


def before_worker() -> None:
    """In a worker process that is still starting (importing, before `become_worker`): a stop ends
    it at once and silently, as nothing of it exists yet; its parent says the one line."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def become_worker(parent_pid: int) -> None:
    """In a worker process: stop on SIGTERM, ignore SIGINT, and get SIGTERM if the parent dies."""
    global _idle_exits
    _idle_exits = True
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    install((signal.SIGTERM,))
    try:
        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the parent's own stop() still ends us
        pass
    if os.getppid() != parent_pid:  # the parent died before the line above took effect
        os._exit(128 + signal.SIGTERM)
