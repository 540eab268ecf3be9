"""Plan and run renders: skip what is up to date, render the rest in parallel, report progress."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from scenes import catalog
from studio import manifest
from studio.executors import LocalProcesses
from studio.layout import work_root

ROOT = Path(__file__).resolve().parents[1]


@lru_cache(maxsize=None)
def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@lru_cache(maxsize=None)
def _versions() -> dict:
    out = {"python": sys.version.split()[0]}
    for dist in ("manim", "numpy", "av", "manimpango"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = None
    return out


def source_files(spec) -> list[Path]:
    """What a scene's pixels depend on: its module, the toolkit, the strings, nncore, the encoder settings."""
    files = [ROOT / (spec.module.replace(".", "/") + ".py"), ROOT / "studio" / "worker.py"]
    for folder in ("scenes/kit", "scenes/strings", "nncore"):
        files += sorted((ROOT / folder).glob("*.py"))
    return files


def job_key(job: dict) -> str:
    spec = catalog.find(job["scene"])
    blob = {
        "sources": {str(p.relative_to(ROOT)): _file_hash(p) for p in source_files(spec)},
        "versions": _versions(),
        **{k: job[k] for k in ("scene", "params", "quality", "format", "transparent", "lang")},
    }
    return hashlib.sha256(json.dumps(blob, sort_keys=True, default=str).encode()).hexdigest()


@dataclass
class Report:
    results: list = field(default_factory=list)
    interrupted: bool = False

    @property
    def failed(self):
        return [r for r in self.results if not r["ok"]]


def up_to_date(out: Path, job: dict) -> dict | None:
    data = manifest.read(out)
    entry = data["entries"].get(manifest.entry_id(job["scene"], job["quality"], job["lang"], job["format"]))
    if entry and entry.get("key") == job["key"] and manifest.files_intact(out, entry):
        return entry
    return None


def clean_stale_work(out: Path) -> None:
    """Remove staging folders of renders whose process is gone (an earlier interrupt)."""
    root = work_root(out)
    if not root.exists():
        return
    for d in [*root.glob("stage-*"), *root.glob("worker-*")]:
        # stage-SCENE-PID-RANDOM and worker-PID: PID is the second-last or last part.
        parts = d.name.split("-")
        pid = parts[-2] if d.name.startswith("stage-") else parts[-1]
        if not pid.isdigit() or not _alive(int(pid)):
            shutil.rmtree(d, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Progress:
    """One line for the whole run: scenes done / total, elapsed, estimate left."""

    def __init__(self, total: int, stream=sys.stderr):
        self.total, self.done, self.start, self.stream = total, 0, time.perf_counter(), stream
        self.tty = stream.isatty()

    def update(self, message: str) -> None:
        self.done += 1
        elapsed = time.perf_counter() - self.start
        left = elapsed / self.done * (self.total - self.done) if self.done else 0
        width = 24
        filled = int(width * self.done / max(self.total, 1))
        bar = "#" * filled + "-" * (width - filled)
        line = f"[{bar}] {self.done}/{self.total}  {_clock(elapsed)} elapsed, ~{_clock(left)} left  {message}"
        if self.tty:
            self.stream.write("\r\033[K" + line + ("\n" if self.done == self.total else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def _clock(seconds: float) -> str:
    m, s = divmod(int(round(seconds)), 60)
    return f"{m}:{s:02d}"


def run(jobs: list[dict], out: Path, workers: int, force: bool = False, echo=print, executor=None) -> Report:
    """Render `jobs` (skipping those up to date) on `executor` (default: local worker processes)."""
    out = Path(out)
    clean_stale_work(out)
    report = Report()
    todo = []
    for job in jobs:
        job["key"] = job_key(job)
        entry = None if force else up_to_date(out, job)
        if entry:
            echo(f"{job['scene']}: up to date")
            report.results.append({"ok": True, "scene": job["scene"], "up_to_date": True, "entry": entry})
        else:
            todo.append(job)
    if not todo:
        return report
    # Longest first (by the last known duration) so no worker is left with a long scene at the end.
    known = {e["scene"]: e.get("duration", 0) for e in manifest.read(out)["entries"].values()}
    todo.sort(key=lambda j: -known.get(j["scene"], 60))
    progress = Progress(len(todo))
    if executor is None:
        executor = LocalProcesses(max(1, min(workers, len(todo))))
    try:
        for r in executor.results(todo):
            report.results.append(r)
            progress.update(_status(r))
    except KeyboardInterrupt:
        report.interrupted = True
        executor.stop()
        clean_stale_work(out)
    return report


def _status(r: dict) -> str:
    return f"{'ok' if r['ok'] else 'FAILED'} {r['scene']} ({r['seconds']:.1f}s)"
