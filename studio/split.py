"""One scene on every core: a scene's beats rendered in parallel parts, joined by stream copy.

A part is a contiguous run of beats. Its worker runs the scene from the start, but draws only its
own beats: the beats before run without drawing a frame (Manim's `skip_animations` of a section),
which leaves every mobject as the drawn render would, and the scene ends where the next part
begins. Each section (beat) is encoded into a video segment of its own (manimcompat's section
segments) and the segments are joined by stream copy, so parts joined by stream copy hold the very
packets a one-process render writes.

Every worker of a scene splits it the same way without being told where: the sketch pass
(studio/latex.py) runs the scene's clock and measures each beat, so part k of K is the same run
of beats in every process. Times inside a part are its own (a skipped beat advances the clock by
its exact length, a drawn one by whole frames): each part reports its captions and sections from
its own start, and the join lays them at the part's offset in the joined picture.

The plan (which scenes to split, into how many parts, in which order) is list scheduling over
estimated costs, longest first (`plan`, `makespan`): bench/render_bench.py prints the makespan it
gives on 1 to 64 workers from a render's measured per-beat costs.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import heapq
import json
import math
import os
import shutil
import time
import traceback
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from studio.jobs import RenderJob, RenderResult
from studio.layout import work_root
from studio.manifest import Section

MAX_PARTS = 16          # parts of one scene: a scene has 6-20 beats; each part re-runs the beats before it
SPLIT_FORMATS = ("mp4",)  # joined by stream copy into mp4 (a GIF or webm is made whole)
# What a part after a scene's first adds to the run, in render seconds: its own sketch pass and
# cold LaTeX batch, the beats before it run without drawing, its encoder. `make bench` measured
# 0.0-8.6 CPU-s beyond a worker's start (momentum cut in two, whole and parts one after another,
# sixteen times at 480p15 and 1080p60; the median 4.1: the drawing, which alone grows with the
# quality, is not repeated, and one whole render's CPU varies by as much as a part costs).
PART_OVERHEAD = 4.0
VOICE_PAUSE = 0.4       # scenes/kit/base.py's pause after a beat's voice (only weighs the split)


@dataclass
class PartJob(RenderJob):
    part: int = 0        # which part, 0-based
    parts: int = 1       # how many parts the scene is split into
    owner: int = 0       # pid of the run that joins the parts (its staging folders are named so)

    @classmethod
    def of(cls, job: RenderJob, part: int, parts: int, owner: int) -> "PartJob":
        """Part `part` of `parts` of `job` (a whole scene's job, key and all)."""
        return cls(**{f.name: getattr(job, f.name) for f in dataclasses.fields(RenderJob)},
                   part=part, parts=parts, owner=owner)


@dataclass
class PartResult(RenderResult):
    part: int = 0
    parts: int = 1
    folder: str = ""     # where the part's files are (empty: the part has no beats)
    files: dict = field(default_factory=dict)   # shipped from a Dask worker: name -> bytes


# -- the plan ----------------------------------------------------------------------------------------
def lpt(costs: dict, workers: int) -> tuple[float, list[list]]:
    """List scheduling, longest first: each job, longest first, to the worker free soonest.
    Returns the makespan and each worker's jobs. (Graham: at most 4/3 - 1/(3N) of the optimum.)"""
    loads = [(0.0, w) for w in range(max(1, workers))]
    assigned = [[] for _ in loads]
    for job, cost in sorted(costs.items(), key=lambda kv: (-kv[1], str(kv[0]))):
        load, w = heapq.heappop(loads)
        assigned[w].append(job)
        heapq.heappush(loads, (load + cost, w))
    return max(load for load, _ in loads), assigned


def parts_of(seconds: float, total: float, workers: int, beats: int = MAX_PARTS, finer: int = 1) -> int:
    """How many parts a scene of `seconds` gets when `total` seconds of work share `workers`: none
    longer than a fair share (total / workers) / `finer`, so no scene is left running alone at the end."""
    if workers <= 1 or total <= 0:
        return 1
    return max(1, min(MAX_PARTS, beats, math.ceil(finer * seconds / (total / workers) - 1e-9)))


# Parts no longer than a fair share, half of one, ...; 0: every scene whole (a short scene alone
# on 2 cores gains less than its second part costs). The plan takes the best.
FINER = (0, 1, 2, 3, 4)


def contiguous(weights: list[float], parts: int) -> list[int]:
    """Where each of `parts` contiguous runs of `weights` starts, each about total / parts long:
    run k starts at the first item whose start is nearest k * total / parts. Fewer runs than asked
    when there are fewer items; never an empty run."""
    parts = max(1, min(parts, len(weights)))
    starts, acc = [0.0], 0.0
    for w in weights:
        acc += w
        starts.append(acc)
    total = starts[-1]
    cuts = [0]
    for k in range(1, parts):
        goal = k * total / parts
        i = min(range(cuts[-1] + 1, len(weights)), key=lambda j: (abs(starts[j] - goal), j), default=None)
        if i is None or i <= cuts[-1]:
            break
        cuts.append(i)
    return cuts


def plan(todo: list[RenderJob], workers: int, seconds: dict, owner: int,
         overhead: float = PART_OVERHEAD) -> list[RenderJob]:
    """The jobs to run for `todo` on `workers`: long scenes split into parts (PartJob) where that
    shortens the whole, everything in list-scheduling order, longest first (by `seconds`, a scene's
    estimated render seconds; a part after a scene's first costs `overhead` more)."""
    splittable = {j.scene: [(i, seconds[j.scene] / MAX_PARTS) for i in range(MAX_PARTS)]
                  if j.format in SPLIT_FORMATS else [(0, seconds[j.scene])] for j in todo}
    counts = best_split(splittable, workers, overhead)[1]
    costed = []
    for j in todo:
        k = counts[j.scene]
        if k == 1:
            costed.append((seconds[j.scene], j))
            continue
        costed += [(seconds[j.scene] / k, PartJob.of(j, p, k, owner)) for p in range(k)]
    return [j for _, j in sorted(costed, key=lambda cj: (-cj[0], cj[1].scene, getattr(cj[1], "part", 0)))]


def makespan(costs: dict, workers: int) -> float:
    return lpt(costs, workers)[0]


def split_costs(beats: dict, workers: int, overhead: float = 0.0) -> dict:
    """A series' per-beat costs ({scene: [(beat, cost), ...]}) as the plan cuts them for `workers`:
    {(scene, part): cost}, each part a contiguous run of its scene's beats; every part after a
    scene's first costs `overhead` more (its worker re-runs the beats before it without drawing)."""
    return best_split(beats, workers, overhead)[0]


def best_split(beats: dict, workers: int, overhead: float = 0.0) -> tuple[dict, dict]:
    """The cut of every scene whose list-scheduled makespan is least, the fewest parts on a tie:
    ({(scene, part): cost}, {scene: parts}). Two searches, the better kept: every scene cut alike
    (parts no longer than a fair share, or half of one, ...: FINER), and one scene at a time (`refined`)."""
    total = sum(c for bs in beats.values() for _, c in bs)
    cut = _cutter(beats, overhead)
    alike = [{s: parts_of(sum(c for _, c in bs), total, workers, len(bs), finer) for s, bs in beats.items()}
             for finer in FINER]
    ranked = [(_rank(cut(counts), workers), counts) for counts in alike + [refined(beats, workers, overhead)]]
    costs = cut(min(ranked, key=lambda rc: rc[0])[1])
    return costs, {s: sum(1 for sc, _ in costs if sc == s) for s in beats}


def refined(beats: dict, workers: int, overhead: float = 0.0) -> dict:
    """{scene: parts} found one scene at a time: from every scene whole, each step gives one more
    part to the scene that lowers the makespan most or, when none does, to the scene holding the
    longest part (to walk off a plateau, e.g. two scenes as long as each other); up to two parts a
    worker. Returns the best cut met. (Cutting alike is blind to a series where a few long scenes
    need many parts and the rest none: on the measured series at 480p15, a part costing 3.6 s, it
    left 1.70x of a fair share at 32 workers where this finds 1.48x.)"""
    cut = _cutter(beats, overhead)
    most = {s: max(1, min(MAX_PARTS, len(bs))) for s, bs in beats.items()}
    counts = {s: 1 for s in beats}
    now = _rank(cut(counts), workers)
    best = (now, dict(counts))
    while sum(counts.values()) < 2 * workers + len(beats):
        growable = [s for s in sorted(beats) if counts[s] < most[s]]
        if not growable:
            break
        tries = [(_rank(cut({**counts, s: counts[s] + 1}), workers), s) for s in growable]
        rank, scene = min(tries)
        if rank[0] >= now[0]:   # no single scene helps: cut the one holding the longest part
            costs = cut(counts)
            longest = {}
            for (s, _), c in costs.items():
                longest[s] = max(c, longest.get(s, 0.0))
            scene = max(growable, key=lambda s: (longest[s], s))
            rank = next(r for r, s in tries if s == scene)
        counts[scene] += 1
        now = rank
        best = min(best, (now, dict(counts)), key=lambda rc: rc[0])
    return best[1]


def _cutter(beats: dict, overhead: float):
    """counts ({scene: parts}) -> {(scene, part): cost}, each part a contiguous run of beats, every
    part after a scene's first costing `overhead` more; a scene's cuts are computed once."""
    memo: dict = {}

    def parts(scene: str, k: int) -> list[float]:
        if (scene, k) not in memo:
            weights = [c for _, c in beats[scene]]
            cuts = contiguous(weights, k) + [len(weights)]
            memo[scene, k] = [sum(weights[cuts[p]:cuts[p + 1]]) + (overhead if p else 0.0) for p in range(len(cuts) - 1)]
        return memo[scene, k]

    return lambda counts: {(s, p): c for s in beats for p, c in enumerate(parts(s, counts[s]))}


def _rank(costs: dict, workers: int) -> tuple:
    return round(makespan(costs, workers), 9), len(costs)


# -- a part, in a worker -----------------------------------------------------------------------------
def render_part(job: PartJob) -> PartResult:
    """Render part job.part of job.parts of a scene into a folder of its own (never raises for a
    scene error; a stop signal passes)."""
    from studio import stopping, worker

    started = time.perf_counter()
    try:
        result = _render_part(job)
    except (KeyboardInterrupt, stopping.Stopped):
        raise
    except BaseException as exc:  # noqa: BLE001 - reported, not hidden
        result = PartResult(job.scene, ok=False, error=worker.failure(exc, job.scene), traceback=traceback.format_exc(),
                            part=job.part, parts=job.parts)
    result.seconds = round(time.perf_counter() - started, 3)
    return result


def _render_part(job: PartJob) -> PartResult:
    from manim import tempconfig

    import manimcompat
    import numpy as np
    from PIL import Image

    from scenes import catalog
    from studio import reuse, worker

    spec = catalog.find(job.scene)
    media, shared = worker.folders(job)
    reuse.install_levers()
    scene_class, kwargs, settings, spoken, pace = worker.sketched(job, spec, media, shared)
    voices, notes = worker.voiced(job, scene_class, kwargs, settings, spoken, pace)
    beats = [b for b, _ in spoken]
    lengths = kwargs.get("voice", {})
    weights = [max(pace.get(b, 0.0), lengths[b] + VOICE_PAUSE if b in lengths else 0.0) for b in beats]
    cuts = contiguous(weights, job.parts) if beats else [0]
    result = PartResult(job.scene, ok=True, part=job.part, parts=job.parts)
    if job.part >= len(cuts):   # fewer beats than parts: nothing left for this one
        return result
    first = beats[cuts[job.part]] if job.part else None
    stop = beats[cuts[job.part + 1]] if job.part + 1 < len(cuts) else None
    folder = work_root(Path(job.out)) / f"stage-{spec.id}-{job.owner or os.getpid()}-{uuid.uuid4().hex[:8]}"
    folder.mkdir(parents=True)
    try:
        with tempconfig(settings):
            scene = scene_class(**kwargs)
            manimcompat.draw_only_between(scene, first, stop)
            marks = worker.section_clock(scene)
            scene.render()
            movie = manimcompat.movie_path(scene)
            frame = manimcompat.last_frame(scene) if stop is None else None
            end = scene.time
            cues = manimcompat.subcaptions(scene)
        # this part's sections, and where its picture starts and ends, on its own clock
        names = [n for n, _ in marks]
        lo = names.index(first) if first is not None else 0
        hi = names.index(stop) if stop is not None else len(marks)
        own, end = marks[lo:hi], (marks[hi][1] if stop is not None else end)
        t0 = own[0][1] if first is not None else 0.0
        spans = worker.section_spans(own, end)
        cues = [(a - t0, b - t0, text) for a, b, text in cues
                if t0 - 2e-6 <= a < end - 2e-6]   # the skipped beats' cues are not this part's
        shutil.move(movie, folder / "video.mp4")
        clips = []
        for i, s in enumerate(manimcompat.sections_index(movie)):
            shutil.move(s["video"], folder / f"section-{i:02d}.mp4")
            clips.append({"name": s["name"], "file": f"section-{i:02d}.mp4", "duration": float(s["duration"])})
        if frame is not None:
            poster = Image.fromarray(frame)
            (poster if job.transparent else poster.convert("RGB")).save(folder / "poster.png")
        own_voices = {b: v for b, v in voices.items() if b in {n for n, _ in spans}}
        if own_voices:
            np.savez(folder / "voice.npz", **own_voices)
        (folder / "part.json").write_text(json.dumps({
            "spans": spans, "sections": clips, "notes": notes if job.part == 0 else [],
            "cues": cues}), encoding="utf-8")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    finally:
        reuse.publish_caches(media, shared)
        shutil.rmtree(media / "videos", ignore_errors=True)
    result.folder = str(folder)
    return result


# -- a part on another machine (Dask) ----------------------------------------------------------------
def pack(result: PartResult) -> None:
    """A part's files into the result, to travel back (the folder is a worker's temporary one)."""
    if result.ok and result.folder:
        folder = Path(result.folder)
        result.files = {p.name: p.read_bytes() for p in sorted(folder.iterdir())}
        shutil.rmtree(folder, ignore_errors=True)


def unpack(result: PartResult, job: PartJob) -> PartResult:
    """A shipped part's files into a staging folder of this run, as a local part would leave them."""
    if result.ok and result.files:
        folder = work_root(Path(job.out)) / f"stage-{job.scene}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        folder.mkdir(parents=True)
        for name, data in result.files.items():
            (folder / Path(name).name).write_bytes(data)
        result.folder, result.files = str(folder), {}
    return result


# -- joining, in the run that asked ------------------------------------------------------------------
def gathered(results, jobs: dict):
    """Pass whole-scene results through; hold a split scene's parts until all are in, then yield
    the joined scene's result (or its first failure). `jobs`: scene -> its RenderJob."""
    waiting: dict[str, list] = {}
    failed: set[str] = set()
    try:
        yield from _gather(results, jobs, waiting, failed)
    finally:   # a stop before every part came in: their folders go
        for parts in waiting.values():
            discard(parts)


def _gather(results, jobs, waiting, failed):
    for r in results:
        if not isinstance(r, PartResult):
            yield r
            continue
        parts = waiting.setdefault(r.scene, [])
        parts.append(r)
        if r.scene in failed:
            discard([r])
        elif not r.ok:
            failed.add(r.scene)
            discard(parts)
            yield RenderResult(r.scene, ok=False, error=f"part {r.part + 1} of {r.parts}: {r.error}",
                               traceback=r.traceback, seconds=r.seconds)
        elif len(parts) == r.parts:
            yield join(jobs[r.scene], sorted(parts, key=lambda p: p.part))


def discard(parts) -> None:
    for p in parts:
        if p.folder:
            shutil.rmtree(p.folder, ignore_errors=True)


def join(job: RenderJob, parts: list[PartResult]) -> RenderResult:
    """The parts' pictures joined by stream copy, with the whole scene's captions, section clips,
    voice and poster, published as one render of the scene would be."""
    from studio import stopping, worker

    started = time.perf_counter()
    try:
        result = RenderResult(job.scene, ok=True, entry=_join(job, parts))
    except (KeyboardInterrupt, stopping.Stopped):
        raise
    except BaseException as exc:  # noqa: BLE001 - reported, not hidden
        result = RenderResult(job.scene, ok=False, error=worker.failure(exc, job.scene), traceback=traceback.format_exc())
    finally:
        discard(parts)
    # The work the scene took: every part's own time, and the join's.
    result.seconds = round(sum(p.seconds for p in parts) + time.perf_counter() - started, 3)
    if result.ok:
        result.entry.render_seconds = result.seconds
    return result


def _as_manim(seconds: float) -> float:
    """A cue time as a one-process render's .srt has it: Manim keeps a timedelta (microseconds) and
    the .srt cuts it to milliseconds."""
    ms = dt.timedelta(seconds=seconds) // dt.timedelta(milliseconds=1)
    return ms / 1000


def _join(job: RenderJob, parts: list[PartResult]) -> "Entry":  # noqa: F821
    import numpy as np

    from scenes import catalog
    from studio import captions, narration, worker
    from studio.joining import concat, mux, remux, video_end

    spec = catalog.find(job.scene)
    sid, out = spec.id, Path(job.out)
    folders = [Path(p.folder) for p in parts if p.folder]
    metas = [json.loads((f / "part.json").read_text(encoding="utf-8")) for f in folders]
    stage = work_root(out) / f"stage-{sid}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    stage.mkdir(parents=True)
    try:
        offsets, at = [], 0.0
        for f in folders:
            offsets.append(at)
            at += video_end(f / "video.mp4")
        picture = stage / "picture.mp4"
        concat([f / "video.mp4" for f in folders], picture)
        cues = [captions.Cue(_as_manim(a + off), _as_manim(b + off), text)
                for m, off in zip(metas, offsets) for a, b, text in m["cues"]]
        spans = [(name, seconds) for m in metas for name, seconds in m["spans"]]
        track, rate = None, job.voice.rate
        if job.voice.on:
            voices = {}
            for f in folders:
                if (f / "voice.npz").exists():
                    with np.load(f / "voice.npz") as z:
                        voices.update({b: z[b] for b in z.files})
            track = narration.normalise(narration.lay(spans, voices, worker.probe(picture)["duration"], rate), rate)
        video = stage / f"{sid}.mp4"
        if track is not None:
            mux(picture, track, video, "mp4", rate)
        else:
            os.replace(picture, video)   # concat wrote it with the index in front
        files = {video.name: "video"}
        (stage / f"{sid}.srt").write_text(captions.to_srt(cues), encoding="utf-8")
        (stage / f"{sid}.vtt").write_text(captions.to_vtt(cues), encoding="utf-8")
        files[f"{sid}.srt"] = files[f"{sid}.vtt"] = "captions"
        shutil.copyfile(folders[-1] / "poster.png", stage / f"{sid}.png")
        files[f"{sid}.png"] = "poster"
        sections, start = [], 0.0
        clips = [(f, s) for f, m in zip(folders, metas) for s in m["sections"]]
        if clips:
            (stage / sid).mkdir()
        for i, (f, s) in enumerate(clips):
            name, duration = f"{i:02d}-{s['name']}.mp4", float(s["duration"])
            if track is not None:
                a, b = int(round(start * rate)), int(round((start + duration) * rate))
                mux(f / s["file"], track[a:b], stage / sid / name, rate=rate)
            else:
                remux(f / s["file"], stage / sid / name)
            sections.append(Section(index=i, name=s["name"], file=name, duration=duration, start=round(start, 6)))
            files[f"{sid}/{name}"] = "section"
            start += duration
        notes = [n for m in metas for n in m["notes"]]
        return worker.publish(job, spec, out, stage, files, sections, notes)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
