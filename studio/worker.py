"""Render one scene inside this process and publish its outputs as a set.

A worker process renders many scenes in turn (no Manim start-up per scene). Each worker has
its own Manim media folder (in the user's cache, not in --out), so Tex files and partial
movies are never shared between processes. Outputs are built in a staging folder inside
--out and published together (`manifest.publish`): an interrupted render never leaves a
half-written file, nor a mix of old and new files, where finished ones belong.
"""
from __future__ import annotations

import os
import re
import shutil
import time
import traceback
import uuid
from pathlib import Path

import manimcompat
from scenes import catalog
from studio import captions, errors, latex, manifest, narration, reuse, split, stopping
from studio.jobs import RenderJob, RenderResult
from studio.joining import mux, remux, to_gif
from studio.layout import QUALITIES, VIDEO_FORMATS, cache_root, quality_dir, work_root
from studio.manifest import Entry, FileRecord, Section, VoiceRecord

# Encoder settings for final renders (measured in bench/render_bench.py). One x264 thread: a run
# keeps every core busy with workers already, and x264's own threads cost 13-22 % more CPU a frame
# (1080p60 and 480p15, 60 frames) and twice the start of a segment; its output also depends on its
# thread count, which "auto" takes from the machine: one thread gives the same bytes everywhere.
ENCODER_OPTIONS = {"preset": "ultrafast", "crf": "23", "threads": "1"}  # fastest; 1080p PSNR 55 dB vs lossless
# A GIF is made from a lossless mp4 (lossy input would add noise for the palette to keep).
GIF_SOURCE_OPTIONS = {"preset": "ultrafast", "crf": "0", "threads": "1"}


def _config(job: RenderJob, media_dir: Path) -> dict:
    fmt = job.format
    video = fmt in VIDEO_FORMATS
    return {
        # first: later keys may log. Quiet: a failure is one line in the summary (a LaTeX error
        # alone is hundreds of lines of log; its file is kept, see failure).
        "verbosity": "INFO" if job.verbose else "CRITICAL",
        "quality": QUALITIES[job.quality].manim,
        "media_dir": str(media_dir),
        "output_file": job.scene,
        "format": fmt if fmt in ("webm", "mov") else "mp4",  # gif: made by to_gif from the mp4
        "transparent": bool(job.transparent),
        "write_to_movie": video,
        "save_last_frame": not video,
        "save_sections": fmt == "mp4",  # Manim writes section clips as mp4 whatever the format
        # Our own whole-scene "up to date" check replaces Manim's per-animation cache,
        # which costs time and is not safe against interrupted or parallel renders.
        "disable_caching": True,
        "progress_bar": "none",
        "video_encoder_options": dict(GIF_SOURCE_OPTIONS if fmt == "gif" else ENCODER_OPTIONS),
    }


LATEX_LOG = re.compile(r"the log file: (\S+\.log)")


def failure(exc: BaseException, scene: str) -> str:
    """Why a render failed, in one line. A LaTeX failure keeps its log outside this worker's
    folder (removed when the run ends), at the path the line names."""
    text = errors.describe(exc)
    if isinstance(exc, FileNotFoundError) and ("latex" in text or "dvisvgm" in text):
        return "LaTeX is missing: run `make setup` (apt-get install texlive-latex-base texlive-latex-extra dvisvgm)"
    found = LATEX_LOG.search(str(exc))
    if found and Path(found.group(1)).is_file():
        kept = cache_root() / "logs" / f"{scene}.latex.log"
        kept.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(found.group(1), kept)
        return f"LaTeX failed ({latex.first_error(kept)}); its log is kept at {kept}"
    return text


def probe(path: Path) -> dict:
    """Duration, frame size and rate of a video (PyAV; no ffmpeg binary needed)."""
    import av

    with av.open(str(path)) as c:
        s = c.streams.video[0]
        duration = float(c.duration / 1e6) if c.duration else float(s.duration * s.time_base)
        return {"duration": round(duration, 6), "width": s.codec_context.width, "height": s.codec_context.height,
                "fps": float(s.average_rate) if s.average_rate else None}


def render(job: RenderJob) -> RenderResult:
    """Render job.scene; returns a result (never raises for a scene error; a stop signal passes)."""
    if isinstance(job, split.PartJob):   # one part of a scene rendered in parallel
        return split.render_part(job)
    started = time.perf_counter()
    try:
        result = RenderResult(job.scene, ok=True, entry=_render(job))
    except (KeyboardInterrupt, stopping.Stopped):
        raise
    except BaseException as exc:  # noqa: BLE001 - reported, not hidden
        result = RenderResult(job.scene, ok=False, error=failure(exc, job.scene), traceback=traceback.format_exc())
    result.seconds = round(time.perf_counter() - started, 3)
    if result.ok:
        result.entry.render_seconds = result.seconds
    return result


def _render(job: RenderJob) -> Entry:
    from manim import tempconfig  # imported here: listing and validating never pay for manim

    spec = catalog.find(job.scene)
    out = Path(job.out)
    media, shared = folders(job)
    stage = work_root(out) / f"stage-{spec.id}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    stage.mkdir(parents=True)
    reuse.install_levers()
    try:
        scene_class, kwargs, settings, spoken, pace = sketched(job, spec, media, shared)
        voices, notes = voiced(job, scene_class, kwargs, settings, spoken, pace)
        with tempconfig(settings):
            scene = scene_class(**kwargs)
            marks = section_clock(scene)
            scene.render()
            frame = manimcompat.last_frame(scene)
            movie = manimcompat.movie_path(scene) if job.format in VIDEO_FORMATS else None
            spans = section_spans(marks, scene.time)
        reuse.publish_caches(media, shared)
        track = None
        if job.voice.on and movie is not None and job.format != "gif":
            rate = job.voice.rate
            track = narration.normalise(narration.lay(spans, voices, probe(movie)["duration"], rate), rate)
        return _collect(job, spec, out, stage, movie, frame, track, notes)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
        # The partial movies are scratch; keep the Tex cache (texts/, Tex/) for the next scene.
        shutil.rmtree(media / "videos", ignore_errors=True)


def voiced(job: RenderJob, scene_class, kwargs: dict, settings: dict, spoken: list, pace: dict):
    """The beats' voices and the summary's notes; the voice lengths and the sketch's pace go into
    `kwargs` (the scene stretches its beats to them). Nothing without a voice."""
    if not job.voice.on:
        return {}, []
    # A teacher's recordings get a timing pass (to say which beats they stretch); espeak
    # needs only the texts, which the LaTeX sketch already met (unless it tripped).
    plan = storyboard(scene_class, kwargs, settings) if job.voice.engine == "recorded" or not spoken \
        else [(b, text, 0.0) for b, text in spoken]
    voices = narration.voices([(b, text) for b, text, _ in plan], job.lang, job.voice, job.recordings)
    kwargs["voice"] = {b: v.size / job.voice.rate for b, v in voices.items()}
    kwargs["pace"] = pace
    return voices, voice_notes(job, plan, voices)


def section_clock(scene) -> list:
    """Note (name, scene time) at each next_section: where each beat starts (the voice goes there)."""
    marks = []
    manimcompat.on_section(scene, lambda name, t: marks.append((name, t)))
    return marks


def section_spans(marks: list, end: float) -> list[tuple[str, float]]:
    """(name, seconds) of each section from its start marks and the scene's end."""
    return [(name, (marks[i + 1][1] if i + 1 < len(marks) else end) - t) for i, (name, t) in enumerate(marks)]


def storyboard(scene_class, kwargs: dict, settings: dict) -> list[tuple[str, str, float]]:
    """(beat, caption as displayed, seconds its picture needs) for each captioned beat, from a
    pass that runs the scene without drawing (Manim skips every animation of a still render)."""
    from manim import tempconfig

    # Same media folder as the render: its Tex cache holds the formulas (the still image it
    # writes there is scratch, removed with the folder).
    with tempconfig({**settings, "write_to_movie": False, "save_last_frame": True, "save_sections": False}):
        scene = scene_class(**kwargs)
        marks = section_clock(scene)
        scene.render()
        spans = dict(section_spans(marks, scene.time))
    return [(beat, text, spans.get(beat, 0.0)) for beat, text in scene.spoken]


def folders(job: RenderJob) -> tuple[Path, Path]:
    """This worker's Manim media folder and the shared SVG cache it starts from."""
    return cache_root() / f"worker-{os.getpid()}", Path(job.cache) if job.cache else cache_root() / "svg"


def sketched(job: RenderJob, spec, media: Path, shared: Path):
    """The scene class, its keywords and settings, after the sketch pass: formulas typeset in one
    batch, the beats' captions and their animations' seconds as the sketch met them (empty if it
    tripped)."""
    reuse.warm_caches(shared, media)
    scene_class, kwargs, settings = spec.load(), job.scene_kwargs(), _config(job, media)
    spoken: list = []
    pace: dict = {}
    latex.prefetch(scene_class, kwargs, settings, spoken, pace)
    return scene_class, kwargs, settings, spoken, pace


def plan_beats(job: RenderJob) -> list[tuple[str, str, float]]:
    """The narration script of one scene: storyboard() with the formulas typeset first."""
    media, shared = folders(job)
    scene_class, kwargs, settings, _, _ = sketched(job, catalog.find(job.scene), media, shared)
    plan = storyboard(scene_class, kwargs, settings)
    reuse.publish_caches(media, shared)
    return plan


def voice_notes(job: RenderJob, plan, voices: dict) -> list[str]:
    """Lines for the summary: beats without a recording, beats a recording stretches."""
    notes = []
    if job.voice.engine == "recorded":
        missing = [b for b, _, _ in plan if b not in voices]
        if missing:
            notes.append(f"{job.scene}: no recording for {', '.join(missing)} (silent, held for reading)")
    for beat, _, needed in plan:
        voice = voices.get(beat)
        if job.voice.engine == "recorded" and voice is not None and voice.size / job.voice.rate > needed + 5:
            notes.append(f"{job.scene}: beat {beat} stretched from {needed:.1f} s to "
                         f"{voice.size / job.voice.rate:.1f} s by its recording")
    return notes


def _collect(job: RenderJob, spec, out: Path, stage: Path, movie: Path | None, frame, track=None,
             notes=()) -> Entry:
    """Build every output in `stage` (final names, relative to the quality folder), then publish."""
    from PIL import Image

    sid, fmt = spec.id, job.format
    poster = Image.fromarray(frame)
    if not job.transparent:
        poster = poster.convert("RGB")
    poster.save(stage / f"{sid}.png")
    files = {f"{sid}.png": "poster"}
    sections = []
    if movie is not None:
        video = stage / f"{sid}.{fmt}"
        if track is not None:
            mux(movie, track, video, fmt, job.voice.rate)  # mp4: index in front as below
        elif fmt == "mp4":
            remux(movie, video)  # index in front: streams from a page
        elif fmt == "gif":
            to_gif(movie, video)
        else:
            shutil.move(movie, video)
        files[video.name] = "video"
        cues = captions.read_srt(manimcompat.captions_path(movie))
        (stage / f"{sid}.srt").write_text(captions.to_srt(cues), encoding="utf-8")
        (stage / f"{sid}.vtt").write_text(captions.to_vtt(cues), encoding="utf-8")
        files[f"{sid}.srt"] = files[f"{sid}.vtt"] = "captions"
        if fmt == "mp4":
            sections = _collect_sections(movie, stage / sid, track, job.voice.rate)
            for s in sections:
                files[f"{sid}/{s.file}"] = "section"
    return publish(job, spec, out, stage, files, sections, list(notes))


def _collect_sections(movie: Path, dest: Path, track=None, rate: int = 0) -> list[Section]:
    """One clip per beat; with a voice, each clip carries its own slice of the track."""
    index = manimcompat.sections_index(movie)
    if not index:
        return []
    dest.mkdir()
    sections, start = [], 0.0
    for i, s in enumerate(index):
        name, duration = f"{i:02d}-{s['name']}.mp4", float(s["duration"])
        if track is not None:
            a, b = int(round(start * rate)), int(round((start + duration) * rate))
            mux(s["video"], track[a:b], dest / name, rate=rate)
        else:
            remux(s["video"], dest / name)
        sections.append(Section(index=i, name=s["name"], file=name, duration=duration, start=round(start, 6)))
        start += duration
    return sections


def publish(job: RenderJob, spec, out: Path, stage: Path, files: dict, sections: list, notes=()) -> Entry:
    """Describe the staged files, then put them in place as one set (see manifest.publish)."""
    qdir = quality_dir(out, job.quality, job.lang)
    records, moves = [], []
    for rel, kind in files.items():
        staged, final = stage / rel, qdir / rel
        st = staged.stat()
        extra = {}
        if kind in ("video", "section"):
            extra = probe(staged)
        if kind == "section":
            extra["section"] = next(s.name for s in sections if f"{spec.id}/{s.file}" == rel)
        records.append(FileRecord(path=str(final.relative_to(out)), kind=kind, bytes=st.st_size,
                                  mtime_ns=st.st_mtime_ns, sha256=manifest.sha256(staged), **extra))
        moves.append((staged, final))
    video = next((r for r in records if r.kind == "video"), None)
    entry = Entry(
        kind="scene", quality=job.quality, lang=job.lang, files=records, scene=spec.id, scene_class=spec.name,
        chapter=spec.chapter, title=spec.title(job.lang), params=job.params, format=job.format,
        transparent=bool(job.transparent), key=job.key, duration=video.duration if video else 0.0,
        width=video.width if video else None, height=video.height if video else None, sections=sections,
        voice=_voice_record(job), notes=list(notes))
    clips = qdir / spec.id
    new_clips = {final for _, final in moves if final.parent == clips}
    stale = [p for p in clips.glob(f"*.{job.format}") if p not in new_clips] if clips.exists() else []
    qdir.mkdir(parents=True, exist_ok=True)
    if new_clips:
        clips.mkdir(exist_ok=True)
    with stopping.deferred():  # a stop waits until the set is in place
        manifest.publish(out, manifest.entry_id(spec.id, job.quality, job.lang, job.format), entry, moves, stale)
    return entry


def _voice_record(job: RenderJob) -> VoiceRecord:
    v = job.voice
    if not v.on:
        return VoiceRecord()
    if v.engine == "espeak":
        return VoiceRecord(v.engine, v.name, v.speed, narration.espeak_name(v, job.lang), narration.espeak_version())
    if v.engine == "piper":
        d = v.describe()
        return VoiceRecord(v.engine, v.name, v.speed, piper=d["piper"], model=d["model"], sha256=d["sha256"])
    return VoiceRecord(v.engine, v.name, v.speed)


# -- rendering on another machine (a Dask worker) --------------------------------------------------
def render_shipped(job: RenderJob) -> RenderResult:
    """Render into a private folder on this (possibly remote) machine and return the files' bytes
    with the result, for `receive` to put in place on the machine that asked."""
    import dataclasses
    import tempfile

    cache = Path(tempfile.gettempdir()) / "nn-explainer-cache"  # warm across jobs on this worker
    with tempfile.TemporaryDirectory(prefix="nn-explainer-") as tmp:
        r = render(dataclasses.replace(job, out=tmp, cache=str(cache)))
        if isinstance(r, split.PartResult):
            split.pack(r)
        elif r.ok:
            r.payload = {f.path: (Path(tmp) / f.path).read_bytes() for f in r.entry.files}
    return r


def receive(result: RenderResult, job: RenderJob) -> RenderResult:
    """Put a shipped result's files into job.out exactly as a local render would."""
    if isinstance(result, split.PartResult):
        return split.unpack(result, job)
    spec = catalog.find(job.scene)
    out = Path(job.out)
    entry, payload = result.entry, result.payload
    result.payload = {}
    qdir_rel = quality_dir(Path(""), job.quality, job.lang)
    stage = work_root(out) / f"stage-{spec.id}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    files = {}
    try:
        for rec in entry.files:
            rel = str(Path(rec.path).relative_to(qdir_rel))
            (stage / rel).parent.mkdir(parents=True, exist_ok=True)
            (stage / rel).write_bytes(payload[rec.path])
            files[rel] = rec.kind
        placed = publish(job, spec, out, stage, files, entry.sections, entry.notes)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    placed.render_seconds = entry.render_seconds
    result.entry = placed
    return result


