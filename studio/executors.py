"""Where scene renders run: local worker processes, or an existing Dask cluster.

Both give the runner the same interface: `results(jobs)` yields each finished job's result
as it completes, and `stop()` ends whatever is still running.
"""
from __future__ import annotations

import multiprocessing
import os
import re
import time
from concurrent.futures import ProcessPoolExecutor, as_completed

import manimcompat
from studio import stopping, worker
from studio.errors import BadInput

STOP_GRACE = 10.0  # seconds a worker gets to unwind after SIGTERM before it is killed


def start_worker(parent_pid: int) -> None:
    """A pool worker's set-up: die with the parent, stop on SIGTERM. tqdm (Manim's progress bars)
    would make a multiprocessing lock on first use, which a stopped worker cannot release
    ("leaked semaphore" at exit): give it a thread lock, all a one-thread worker needs."""
    stopping.become_worker(parent_pid)
    manimcompat.progress_bars_thread_lock()


def render_in_worker(job):
    """A pool worker's entry: a stop signal unwinds the render (staging removed), then the process exits."""
    try:
        with stopping.busy():
            return worker.render(job)
    except stopping.Stopped as e:
        os._exit(e.exit_code)


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
        self.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=start_worker, initargs=(os.getpid(),))
        futures = [self.pool.submit(render_in_worker, job) for job in jobs]
        for f in as_completed(futures):
            yield f.result()
        self.pool.shutdown()

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


SCHEDULER = re.compile(r"^(tcp|tls|inproc|ucx|ws|wss)://[^\s/:]+(:\d{1,5})?$")


class DaskCluster:
    """Renders on the workers of an existing dask.distributed scheduler (`--scheduler tcp://HOST:PORT`).

    Workers need this project installed; they render in private folders and ship the files back,
    which are put into --out here, so workers need no shared file system."""

    def __init__(self, address: str):
        if not SCHEDULER.match(address):
            raise BadInput(f"--scheduler {address!r} is not an address like tcp://HOST:8786")
        try:
            from distributed import Client
        except ImportError:
            raise BadInput("--scheduler needs Dask: pip install -e '.[cluster]'") from None
        try:
            self.client = Client(address, timeout="10s")
        except (OSError, ValueError, TypeError) as e:
            raise BadInput(f"cannot reach the Dask scheduler at {address}: {e}") from None
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
