"""Where scene renders run: local worker processes, or an existing Dask cluster.

Both give the runner the same interface: `results(jobs)` yields each finished job's result
as it completes, and `stop()` ends whatever is still running.
"""
from __future__ import annotations

import multiprocessing
import os
import re
import signal
import socket
import threading
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import manimcompat
from studio import stopping, worker
from studio.jobs import RenderResult
from studio.layout import cache_root

STOP_GRACE = 10.0  # seconds a worker gets to unwind after SIGTERM before it is killed
# A scene whose worker was ended because another worker died is rendered again; one that was in
# flight this many times without its own worker being the one that died fails (a pool that
# breaks at every start must not loop).
MAX_TRIES = 2


def start_worker(parent_pid: int) -> None:
    """A pool worker's set-up: die with the parent, stop on SIGTERM. tqdm (Manim's progress bars)
    would make a multiprocessing lock on first use, which a stopped worker cannot release
    ("leaked semaphore" at exit): give it a thread lock, all a one-thread worker needs."""
    stopping.become_worker(parent_pid)
    manimcompat.progress_bars_thread_lock()


def _current_job_file(pid: int) -> Path:
    """Which scene worker `pid` is rendering: read by the parent when the worker dies."""
    return cache_root() / f"worker-{pid}" / "current-job"


def render_in_worker(job):
    """A pool worker's entry: a stop signal unwinds the render (staging removed), then the process exits."""
    note = _current_job_file(os.getpid())
    note.parent.mkdir(parents=True, exist_ok=True)
    note.write_text(job.scene, encoding="utf-8")  # a few bytes: whole, or empty if killed right here
    try:
        with stopping.busy():
            return worker.render(job)
    except stopping.Stopped as e:
        os._exit(e.exit_code)
    finally:
        note.unlink(missing_ok=True)


def _death(exitcode: int) -> str:
    if exitcode < 0:
        return f"worker died: signal {-exitcode} ({signal.Signals(-exitcode).name})" \
            if -exitcode in signal.valid_signals() else f"worker died: signal {-exitcode}"
    return f"worker died: exit code {exitcode}"


# How a pool ends the workers it did not lose: SIGTERM, which ours turn into exit 143.
COLLATERAL = {0, 128 + signal.SIGTERM, -signal.SIGTERM}


class LocalProcesses:
    """N worker processes on this machine; each renders many scenes in turn (one Manim start-up).

    Workers die with this process whatever ends it: stop() terminates them, and a parent-death
    signal reaches them if this process is killed outright."""

    def __init__(self, workers: int):
        self.workers = workers
        self.pool = None

    def results(self, jobs):
        if self.workers == 1:  # no process start-up for a single worker; a stop unwinds it here
            for job in jobs:
                yield worker.render(job)
            return
        todo, tries = list(jobs), {}
        while todo:
            self.pool = ProcessPoolExecutor(max_workers=min(self.workers, len(todo)),
                                            mp_context=multiprocessing.get_context("spawn"),
                                            initializer=start_worker, initargs=(os.getpid(),))
            # submit starts the workers: a stop landing while one is handed its start-up data would
            # leave it reading a closed pipe (a traceback from multiprocessing); it lands just after
            with stopping.deferred():
                futures = {self.pool.submit(render_in_worker, job): job for job in todo}
            lost = []
            for f in as_completed(futures):
                try:
                    yield f.result()
                except BrokenProcessPool:  # a worker died: every unfinished job of this pool lands here
                    lost.append(futures[f])
            todo = (yield from self._after_death(lost, tries)) if lost else []
            self.pool.shutdown()

    def _after_death(self, lost: list, tries: dict):
        """A worker died (SIGKILL, out of memory, a crash): its scene fails with the reason, the
        pool (which ended its other workers) is replaced, and the other lost scenes go again."""
        procs = manimcompat.pool_processes(self.pool)
        self.pool.shutdown(wait=True)  # the other workers have exited: their exit codes are final
        dead = {p.pid: p.exitcode for p in procs if p.exitcode not in COLLATERAL and p.exitcode is not None}
        culprits = {}
        for pid, code in dead.items():
            note = _current_job_file(pid)
            try:
                with open(note, "rb") as f:
                    culprits[f.read(200).decode("utf-8", "replace")] = _death(code)
                note.unlink()
            except OSError:  # it died between jobs
                pass
        again, failed = [], set()
        for job in lost:
            if job.scene in failed:   # another part of a split scene that already failed: not run again
                continue
            if job.scene in culprits:
                failed.add(job.scene)
                yield RenderResult(job.scene, ok=False, error=culprits[job.scene])
                continue
            if not culprits:  # nobody to blame: count the loss, so a pool that always breaks ends
                key = (job.scene, getattr(job, "part", 0))
                tries[key] = tries.get(key, 0) + 1
                if tries[key] >= MAX_TRIES:
                    reason = _death(next(iter(dead.values()))) if dead else "worker died"
                    failed.add(job.scene)
                    yield RenderResult(job.scene, ok=False, error=f"{reason} (lost {MAX_TRIES} times)")
                    continue
            again.append(job)
        return [job for job in again if job.scene not in failed]

    def stop(self):
        if self.pool is None:
            return
        procs = manimcompat.pool_processes(self.pool)
        for p in procs:
            if p.is_alive():
                p.terminate()  # SIGTERM: the worker unwinds and removes its staging folder
        deadline = time.monotonic() + STOP_GRACE
        for p in procs:
            p.join(max(0.0, deadline - time.monotonic()))
            if p.is_alive():
                p.kill()
                p.join()
        self.pool.shutdown(wait=True, cancel_futures=True)


SCHEDULER = re.compile(r"^(tcp|tls|inproc|ucx|ws|wss)://([^\s/:]+)(?::(\d{1,5}))?$")
HANDSHAKE_SECONDS = 5.0  # connect and greeting together; a Dask scheduler greets at once
GREETING_MOST = 1 << 16  # bytes: a scheduler's greeting is ~100


class SchedulerError(Exception):
    """No usable Dask scheduler at the address (the CLI reports it as a usage error)."""


def _receive(sock: socket.socket, n: int, deadline: float) -> bytes:
    data = b""
    while len(data) < n:
        sock.settimeout(max(0.01, deadline - time.monotonic()))
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise ConnectionError("closed the connection")
        data += chunk
    return data


def _resolve(host: str, port: int, seconds: float) -> tuple:
    """The host's first address, looked up within `seconds` (the resolver has no timeout of its
    own: a daemon thread does the lookup, and a slow one is left to finish on its own)."""
    found: list = []
    t = threading.Thread(target=lambda: found.append(_lookup(host, port)), daemon=True)
    t.start()
    t.join(seconds)
    if not found:
        raise socket.timeout(f"{host} was not found within {seconds:g} s")
    if isinstance(found[0], OSError):
        raise found[0]
    return found[0]


def _lookup(host: str, port: int):
    try:
        return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][4]
    except OSError as e:
        return e


def greet(address: str, seconds: float | None = None) -> None:
    """Check that a Dask scheduler answers at tcp://HOST:PORT, within `seconds` in all.

    A Dask scheduler speaks first: its greeting is one message, an 8-byte length then a msgpack
    map naming its compression and Python. Anything else (an HTTP server waiting for a request, a
    peer sending other bytes) is refused here, bounded in time and in bytes read; Dask's own client
    would wait past its connect timeout, or read a length of exabytes as one."""
    seconds = HANDSHAKE_SECONDS if seconds is None else seconds
    _, host, port = SCHEDULER.match(address).groups()
    deadline = time.monotonic() + seconds
    try:
        where = _resolve(host, int(port or 8786), seconds)
        with socket.create_connection(where[:2], timeout=max(0.01, deadline - time.monotonic())) as sock:
            size = int.from_bytes(_receive(sock, 8, deadline), "little")
            if not 0 < size <= GREETING_MOST:
                raise SchedulerError(f"no Dask scheduler at {address}: it answered with something else")
            body = _receive(sock, size, deadline)
    except socket.timeout as e:
        why = str(e) if "not found" in str(e) else f"no greeting within {seconds:g} s"
        raise SchedulerError(f"no Dask scheduler at {address}: {why}") from None
    except OSError as e:
        raise SchedulerError(f"no Dask scheduler at {address}: {e.strerror or e}") from None
    if b"compression" not in body or b"python" not in body:
        raise SchedulerError(f"no Dask scheduler at {address}: it answered with something else")


class DaskCluster:
    """Renders on the workers of an existing dask.distributed scheduler (`--scheduler tcp://HOST:PORT`).

    Workers need this project installed; they render in private folders and ship the files back,
    which are put into --out here, so workers need no shared file system."""

    def __init__(self, address: str):
        if not SCHEDULER.match(address):
            raise SchedulerError(f"{address!r} is not an address like tcp://HOST:8786")
        try:
            from distributed import Client
        except ImportError:
            raise SchedulerError("--scheduler needs Dask: pip install -e '.[cluster]'") from None
        if address.startswith("tcp://"):
            greet(address)
        try:
            self.client = Client(address, timeout=f"{HANDSHAKE_SECONDS * 2:g}s")
        except (OSError, ValueError, TypeError) as e:
            raise SchedulerError(f"no Dask scheduler at {address}: {e}") from None
        self.futures = []

    def results(self, jobs):
        from distributed import as_completed as dask_completed

        by_key = {}
        for job in jobs:
            f = self.client.submit(worker.render_shipped, job, pure=False, key=f"render-{job.scene}-{id(job)}")
            by_key[f.key] = job
            self.futures.append(f)
        for f in dask_completed(self.futures):
            r = f.result()
            yield worker.receive(r, by_key[f.key]) if r.ok else r
        self.client.close()

    def stop(self):
        for f in self.futures:
            f.cancel()
        self.client.close()
