"""Where scene renders run: local worker processes, or an existing Dask cluster.

Both give the runner the same interface: `results(jobs)` yields each finished job's result
as it completes, and `stop()` ends whatever is still running.
"""
from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor, as_completed

from studio import worker


class LocalProcesses:
    """N worker processes on this machine; each renders many scenes in turn (one Manim start-up)."""

    def __init__(self, workers: int):
        self.workers = workers
        self.pool = None

    def results(self, jobs):
        if self.workers == 1:  # no process start-up for a single worker
            for job in jobs:
                yield worker.render(job)
            return
        self.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"))
        futures = [self.pool.submit(worker.render, job) for job in jobs]
        for f in as_completed(futures):
            yield f.result()
        self.pool.shutdown()

    def stop(self):
        if self.pool is not None:
            for p in list(getattr(self.pool, "_processes", {}).values()):
                p.terminate()
            self.pool.shutdown(wait=True, cancel_futures=True)


class DaskCluster:
    """Renders on the workers of an existing dask.distributed scheduler (`--scheduler tcp://HOST:PORT`).

    Workers need this project installed; they render in private folders and ship the files back,
    which are put into --out here, so workers need no shared file system."""

    def __init__(self, address: str):
        try:
            from distributed import Client
        except ImportError:
            raise RuntimeError("--scheduler needs Dask: pip install -e '.[cluster]'") from None
        try:
            self.client = Client(address, timeout="10s")
        except OSError as e:
            raise RuntimeError(f"cannot reach the Dask scheduler at {address}: {e}") from None
        self.futures = []

    def results(self, jobs):
        from distributed import as_completed as dask_completed

        by_key = {}
        for job in jobs:
            f = self.client.submit(worker.render_shipped, job, pure=False, key=f"render-{job['scene']}-{id(job)}")
            by_key[f.key] = job
            self.futures.append(f)
        for f in dask_completed(self.futures):
            r = f.result()
            yield worker.receive(r, by_key[f.key]) if r["ok"] else r
        self.client.close()

    def stop(self):
        for f in self.futures:
            f.cancel()
        self.client.close()
