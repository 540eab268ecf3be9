"""Plan and run renders: skip what is up to date, render the rest in parallel, report progress."""
from __future__ import annotations

import ast
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from scenes import catalog
from scenes.kit.fonts import FONTS
from studio import atomic, manifest, split, stopping
from studio import filecache
from studio.filecache import FileFacts
from studio.jobs import RenderJob, RenderResult
from studio.layout import QUALITIES, cache_root, work_root

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("nncore", "scenes", "studio", "manimcompat")   # the project's own code
RENDERER = "studio.worker"   # what renders a scene, whatever the scene


def facts() -> FileFacts:
    """This run's remembered file facts (hashes, imports), read once (see studio/filecache.py)."""
    return filecache.shared()


@lru_cache(maxsize=None)
def _file_hash(path: Path) -> str:
    return facts().get("sha256", path, manifest.sha256)


# The system packages a frame is made with (TeX, its SVG converter, the fonts of every language);
# their versions enter the key, so an upgrade re-renders. Read once per run from dpkg, if any.
SYSTEM_PACKAGES = ("texlive-base", "texlive-latex-base", "dvisvgm", "espeak-ng",
                   *sorted({package for _, package in FONTS.values()}))


@lru_cache(maxsize=None)
def _versions() -> dict:
    out = {"python": sys.version.split()[0]}
    for dist in ("manim", "numpy", "av", "manimpango", "piper-tts"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = None
    try:
        # dpkg rewrites its status file whenever a package changes: the answer is remembered by it
        listed = facts().get(f"dpkg:{','.join(SYSTEM_PACKAGES)}", DPKG_STATUS, _dpkg_versions)
        out.update(line.split(" ", 1) for line in listed.splitlines() if " " in line)
    except (OSError, subprocess.SubprocessError):   # not Debian: the Python versions above must do
        pass
    return out


DPKG_STATUS = Path("/var/lib/dpkg/status")


def _dpkg_versions(_status: Path) -> str:
    return subprocess.run(["dpkg-query", "-W", "-f", "${Package} ${Version}\\n", *SYSTEM_PACKAGES],
                          capture_output=True, text=True, timeout=10).stdout


@lru_cache(maxsize=None)   # asked ~1000 times a scene; the answer cannot change during a run
def _module_file(name: str, root: Path) -> Path | None:
    """The source file of a project module (package __init__ or module), or None if not ours."""
    if name.split(".")[0] not in PACKAGES:
        return None
    base = root.joinpath(*name.split("."))
    for candidate in (base / "__init__.py", base.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


@lru_cache(maxsize=None)
def _imports(path: Path, root: Path) -> frozenset[str]:
    """Project modules that a file imports anywhere in it (lazy imports inside functions too);
    parsed again only when the file changed (remembered by its identity on disk)."""
    return frozenset(facts().get(f"imports@{root}", path, lambda p: sorted(_parse_imports(p, root))))


def _parse_imports(path: Path, root: Path) -> set[str]:
    package = ".".join(path.relative_to(root).parent.parts)
    found = set()
    for node in ast.walk(ast.parse(path.read_bytes())):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[:len(parts) - node.level + 1] + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)  # `from pkg import module`
    return found


def import_closure(modules, root: Path = ROOT) -> set[Path]:
    """The project's source files that importing `modules` loads, directly or through others."""
    seen: dict[str, Path] = {}
    todo = list(modules)
    while todo:
        name = todo.pop()
        parts = name.split(".")
        for k in range(1, len(parts) + 1):   # importing a.b.c runs a/__init__ and a/b/__init__ too
            sub = ".".join(parts[:k])
            path = _module_file(sub, root)
            if path is not None and sub not in seen:
                seen[sub] = path
                todo.extend(_imports(path, root))
    return set(seen.values())


@lru_cache(maxsize=None)
def loaded_sources(module: str, root: Path = ROOT) -> tuple[Path, ...]:
    """Every project source file that rendering the scene in `module` loads: its imports' closure
    and the worker's (derived, so a new file is covered without anyone listing it)."""
    return tuple(sorted(_closure_of(module, root) | _closure_of(RENDERER, root)))


@lru_cache(maxsize=None)
def _closure_of(module: str, root: Path) -> frozenset[Path]:
    """import_closure of one module, once a run (the worker's is shared by every scene)."""
    return frozenset(import_closure((module,), root))


def source_files(spec, root: Path = ROOT) -> list[Path]:
    return list(loaded_sources(spec.module, root))


def job_key(job: RenderJob, root: Path = ROOT) -> str:
    spec = catalog.find(job.scene)
    blob = {
        "sources": {str(p.relative_to(root)): _file_hash(p) for p in source_files(spec, root)},
        "versions": _versions(),
        "scene": job.scene, "params": job.params, "quality": job.quality, "format": job.format,
        "transparent": job.transparent, "lang": job.lang, "burn_captions": job.burn_captions, "theme": job.theme,
        "voice": job.voice.describe(),
        "recordings": {beat: hashlib.sha256(data).hexdigest() for beat, data in sorted(job.recordings.items())},
    }
    return hashlib.sha256(json.dumps(blob, sort_keys=True, default=str).encode()).hexdigest()


@dataclass
class Report:
    results: list[RenderResult] = field(default_factory=list)
    stopped: stopping.Stopped | None = None  # the signal that ended the run early

    @property
    def failed(self) -> list[RenderResult]:
        return [r for r in self.results if not r.ok]


def up_to_date(out: Path, job: RenderJob, data: manifest.Manifest | None = None) -> manifest.Entry | None:
    """The entry of `job` in the manifest (`data`: read once for many jobs) if it is current."""
    data = manifest.read(out) if data is None else data
    entry = data.entries.get(manifest.entry_id(job.scene, job.quality, job.lang, job.format))
    if entry and entry.key == job.key and files_intact(out, entry):
        return entry
    return None


def files_intact(out: Path, entry: manifest.Entry) -> bool:
    """manifest.files_intact, with each file's sha256 remembered by its identity on disk: a file
    not written since it was last hashed is not read again (a rewrite changes its ctime)."""
    for f in entry.files:
        p = Path(out) / f.path
        try:
            if p.stat().st_size != f.bytes or facts().get("sha256", p, manifest.sha256) != f.sha256:
                return False
        except FileNotFoundError:
            return False
    return True


def tidy(out: Path, finished: bool = False, echo=print) -> None:
    """Finish or undo what runs that died left behind: a damaged manifest (moved aside), half-done
    publishes, staging folders, temporary files, worker folders. Only what the project made, and
    only what belongs to processes no longer running (and, when this run has `finished`, its own)."""
    out = Path(out)
    said = manifest.salvage(out)
    if said:
        echo(said)
    manifest.recover(out)  # before the staging folders go: a journal may still need them
    me = os.getpid()
    root = work_root(out)
    for d in root.glob("stage-*") if root.exists() else []:
        pid = d.name.split("-")[-2]  # stage-SCENE-PID-RANDOM
        # this run's own too once it has finished: a part that came in after a stop is not joined
        if not pid.isdigit() or not atomic.alive(int(pid)) or (finished and int(pid) == me):
            shutil.rmtree(d, ignore_errors=True)
    for d in cache_root().glob("worker-*") if cache_root().exists() else []:
        pid = d.name.split("-")[-1]
        if not pid.isdigit() or not atomic.alive(int(pid)) or (finished and int(pid) == me):
            shutil.rmtree(d, ignore_errors=True)
    atomic.sweep(own=finished)
    for d in (root / "journal", root):  # a finished run leaves outputs only
        try:
            d.rmdir()
        except OSError:  # not empty: another run is using it, or not there
            pass


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
        line = f"[{bar}] {self.done}/{self.total}  {clock(elapsed)} elapsed, ~{clock(left)} left  {message}"
        if self.tty:
            self.stream.write("\r\033[K" + line + ("\n" if self.done == self.total else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def clock(seconds: float) -> str:
    m, s = divmod(int(round(seconds)), 60)
    return f"{m}:{s:02d}"


def plan(jobs: list[RenderJob], out: Path, force: bool = False) -> tuple[list[RenderResult], list[RenderJob]]:
    """Split jobs into results that are up to date and jobs to render (longest first)."""
    done, todo = [], []
    data = manifest.read(out)
    for job in jobs:
        job.key = job_key(job)
        entry = None if force else up_to_date(out, job, data)
        if entry:
            done.append(RenderResult(job.scene, ok=True, up_to_date=True, entry=entry))
        else:
            todo.append(job)
    # Longest first so no worker is left with a long scene at the end.
    known = durations(data)
    todo.sort(key=lambda j: -expected_seconds(j, known))
    facts().save()
    return done, todo


def durations(data: manifest.Manifest) -> dict:
    return {e.scene: e.duration for e in data.entries.values() if e.kind == "scene"}


def expected_seconds(job: RenderJob, known: dict) -> float:
    """A scene's video seconds: as last rendered into this folder, else the least its captions take
    to read (a cold run still orders and splits long scenes first: 0.67-0.71 correlation with
    the render seconds of the series, where one guess for all had none)."""
    return known[job.scene] if job.scene in known else catalog.find(job.scene).reading_seconds(job.lang)


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def announce(todo: list[RenderJob], out: Path, workers: int | None) -> str:
    """What is about to happen, before it starts: how many scenes, at what quality, for how long."""
    quality = QUALITIES[todo[0].quality]
    known = durations(manifest.read(out))
    video = sum(expected_seconds(j, known) for j in todo)
    line = f"rendering {plural(len(todo), 'scene')} at {quality.name} ({quality.label})"
    if workers:
        cores = min(workers, len(todo), os.cpu_count() or 1)
        line += f" with {plural(min(workers, len(todo)), 'worker')}: about {clock(video * quality.core_seconds / cores)}"
    return line + " (Ctrl-C stops; finished scenes are kept)"


def run(jobs: list[RenderJob], out: Path, workers: int, force: bool = False, echo=print, executor=None) -> Report:
    """Render `jobs` (skipping those up to date) on `executor` (default: local worker processes).

    A stop signal (SIGINT, SIGTERM) ends the workers, removes their staging folders and returns
    with `report.stopped` set; every published file and manifest entry stays intact."""
    out = Path(out)
    report = Report()
    finished = False
    try:
        tidy(out, echo=echo)
        done, todo = plan(jobs, out, force)
        for r in done:
            echo(f"{r.scene}: up to date")
        report.results += done
        if todo:
            progress = Progress(len(todo))
            known = durations(manifest.read(out))
            # Long scenes split into parts rendered in parallel (one scene on every core), joined here.
            cost = {j.scene: expected_seconds(j, known) * QUALITIES[j.quality].core_seconds for j in todo}
            runs = split.plan(todo, workers, cost, os.getpid())
            from studio.executors import LocalProcesses   # here: a run with nothing to do never loads a worker

            if executor is None:
                executor = LocalProcesses(max(1, min(workers, len(runs))))
            if len(todo) > 1:
                echo(announce(todo, out, workers if isinstance(executor, LocalProcesses) else None))
            cut = {j.scene: j.parts for j in runs if isinstance(j, split.PartJob)}
            for r in split.gathered(executor.results(runs), {j.scene: j for j in todo}):
                report.results.append(r)
                progress.update(f"{'ok' if r.ok else 'FAILED'} {r.scene} ({r.seconds:.1f}s)"
                                + (f" in {cut[r.scene]} parts" if r.scene in cut else ""))
        finished = True
    except (stopping.Stopped, KeyboardInterrupt) as e:
        report.stopped = e if isinstance(e, stopping.Stopped) else stopping.Stopped(2)
    finally:
        # One deferred block for stopping and tidying: a second Ctrl-C (within milliseconds of the
        # first) waits until both are done, so it cannot leave staging or an empty .work behind.
        with stopping.deferred():
            if not finished and executor is not None:  # stopped, or a second signal came first
                executor.stop()
            tidy(out, finished=True, echo=echo)
    return report
