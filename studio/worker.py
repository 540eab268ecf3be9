"""Render one scene inside this process and move its outputs into place atomically.

A worker process renders many scenes in turn (no Manim start-up per scene).
Each worker has its own Manim media folder, so Tex files and partial movies
are never shared between processes. Outputs are built in a staging folder
and renamed into their final paths only when complete: an interrupted render
never leaves a half-written file where a finished one belongs.
"""
from __future__ import annotations

import json
import os
import shutil
import time
import traceback
import uuid
from pathlib import Path

from scenes import catalog
from studio import captions, latex, manifest, speed
from studio.layout import QUALITIES, VIDEO_FORMATS, quality_dir, work_root

# Encoder settings for final renders (measured in bench/render_bench.py).
ENCODER_OPTIONS = {"preset": "ultrafast", "crf": "23"}  # fastest; 1080p PSNR 55 dB vs lossless


def _config(job: dict, media_dir: Path) -> dict:
    fmt = job["format"]
    video = fmt in VIDEO_FORMATS
    return {
        "verbosity": "INFO" if job.get("verbose") else "ERROR",  # first: later keys may log
        "quality": QUALITIES[job["quality"]].manim,
        "media_dir": str(media_dir),
        "output_file": job["scene"],
        "format": fmt if video else "mp4",
        "transparent": bool(job.get("transparent")),
        "write_to_movie": video,
        "save_last_frame": not video,
        "save_sections": fmt == "mp4",  # Manim writes section clips as mp4 whatever the format
        # Our own whole-scene "up to date" check replaces Manim's per-animation cache,
        # which costs time and is not safe against interrupted or parallel renders.
        "disable_caching": True,
        "progress_bar": "none",
        "video_encoder_options": dict(ENCODER_OPTIONS),
    }


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if isinstance(exc, FileNotFoundError) and ("latex" in text or "dvisvgm" in text):
        return "LaTeX is missing: run `make setup` (apt-get install texlive-latex-base texlive-latex-extra dvisvgm)"
    return f"{type(exc).__name__}: {text}"


def probe(path: Path) -> dict:
    """Duration, frame size and rate of a video (PyAV; no ffmpeg binary needed)."""
    import av

    with av.open(str(path)) as c:
        s = c.streams.video[0]
        duration = float(c.duration / 1e6) if c.duration else float(s.duration * s.time_base)
        return {"duration": round(duration, 6), "width": s.codec_context.width, "height": s.codec_context.height,
                "fps": float(s.average_rate) if s.average_rate else None}


def render(job: dict) -> dict:
    """Render job["scene"]; returns a plain result dict (never raises for a scene error)."""
    started = time.perf_counter()
    try:
        result = _render(job)
        result.update(ok=True)
    except BaseException as exc:  # noqa: BLE001 - reported, not hidden
        if isinstance(exc, KeyboardInterrupt):
            raise
        result = {"ok": False, "error": _one_line(exc), "traceback": traceback.format_exc()}
    result.update(scene=job["scene"], seconds=round(time.perf_counter() - started, 3))
    if result["ok"]:
        result["entry"]["render_seconds"] = result["seconds"]  # in the returned copy, for reports
    return result


def _render(job: dict) -> dict:
    from manim import tempconfig  # imported here: listing and validating never pay for manim
    from PIL import Image

    spec = catalog.find(job["scene"])
    out = Path(job["out"])
    media = work_root(out) / f"worker-{os.getpid()}"
    shared = Path(job["cache"]) if job.get("cache") else work_root(out) / "cache"
    stage = work_root(out) / f"stage-{spec.id}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    stage.mkdir(parents=True)
    speed.install_frame_reuse()
    speed.warm_caches(shared, media)
    try:
        scene_class, kwargs, settings = spec.load(), {"lang": job["lang"], **job["params"]}, _config(job, media)
        latex.prefetch(scene_class, kwargs, settings)
        with tempconfig(settings):
            scene = scene_class(**kwargs)
            scene.render()
            writer = scene.renderer.file_writer
            frame = scene.renderer.get_frame()
            movie = Path(writer.movie_file_path) if job["format"] in VIDEO_FORMATS else None
        speed.publish_caches(media, shared)
        return _collect(job, spec, out, stage, movie, frame, Image)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
        # The partial movies are scratch; keep the Tex cache (texts/, Tex/) for the next scene.
        shutil.rmtree(media / "videos", ignore_errors=True)


def _collect(job, spec, out, stage, movie, frame, Image) -> dict:
    sid, fmt = spec.id, job["format"]
    poster = Image.fromarray(frame)
    if not job.get("transparent"):
        poster = poster.convert("RGB")
    poster.save(stage / f"{sid}.png")
    files = {f"{sid}.png": "poster"}
    sections = []
    if movie is not None:
        shutil.move(movie, stage / f"{sid}.{fmt}")
        files[f"{sid}.{fmt}"] = "video"
        cues = captions.read_srt(movie.with_suffix(".srt"))
        (stage / f"{sid}.srt").write_text(captions.to_srt(cues), encoding="utf-8")
        (stage / f"{sid}.vtt").write_text(captions.to_vtt(cues), encoding="utf-8")
        files[f"{sid}.srt"] = "captions"
        files[f"{sid}.vtt"] = "captions"
        sections = _collect_sections(movie, stage / sid, sid)
        for s in sections:
            files[f"{sid}/{s['file']}"] = "section"
    return _publish(job, spec, out, stage, files, sections)


def _collect_sections(movie: Path, dest: Path, sid: str) -> list[dict]:
    index = movie.parent / "sections" / f"{movie.stem}.json"
    if not index.exists():
        return []
    dest.mkdir()
    sections = []
    for i, s in enumerate(json.loads(index.read_text())):
        name = f"{i:02d}-{s['name']}{Path(s['video']).suffix}"
        shutil.move(index.parent / s["video"], dest / name)
        sections.append({"index": i, "name": s["name"], "file": name, "duration": float(s["duration"])})
    return sections


def _publish(job, spec, out, stage, files, sections) -> dict:
    """Move the staged files into their final paths and record them, under the manifest lock."""
    qdir = quality_dir(out, job["quality"], job["lang"])
    qdir.mkdir(parents=True, exist_ok=True)
    key = manifest.entry_id(spec.id, job["quality"], job["lang"], job["format"])
    with manifest.locked(out) as data:
        data["entries"].pop(key, None)  # no stale entry, even if we die half way
        # Section clips of this format from an earlier render go; other formats' clips stay.
        clips = qdir / spec.id
        clips.mkdir(exist_ok=True)
        for old in clips.glob(f"*.{job['format']}"):
            old.unlink()
        records = []
        for rel, kind in files.items():
            final = qdir / rel
            os.replace(stage / rel, final)
            st = final.stat()
            rec = {"path": str(final.relative_to(out)), "kind": kind, "bytes": st.st_size,
                   "mtime_ns": st.st_mtime_ns, "sha256": manifest.sha256(final)}
            manifest.release(data, rec["path"], rec["sha256"], st, keep=key)
            if kind in ("video", "section"):
                rec.update(probe(final))
            if kind == "section":
                sec = next(s for s in sections if f"{spec.id}/{s['file']}" == rel)
                rec["section"] = sec["name"]
            records.append(rec)
        video = next((r for r in records if r["kind"] == "video"), None)
        entry = {
            "scene": spec.id, "class": spec.name, "chapter": spec.chapter, "title": spec.title(job["lang"]),
            "params": job["params"], "quality": job["quality"], "lang": job["lang"], "format": job["format"],
            "transparent": bool(job.get("transparent")), "key": job["key"],
            "duration": video["duration"] if video else 0.0,
            "width": video["width"] if video else None, "height": video["height"] if video else None,
            "sections": sections, "files": records,
        }
        data["entries"][key] = entry
    return {"entry": entry}


# -- rendering on another machine (a Dask worker) --------------------------------------------------
def render_shipped(job: dict) -> dict:
    """Render into a private folder on this (possibly remote) machine and return the files' bytes
    with the result, for `receive` to put in place on the machine that asked."""
    import tempfile

    cache = Path(tempfile.gettempdir()) / "nn-explainer-cache"  # warm across jobs on this worker
    with tempfile.TemporaryDirectory(prefix="nn-explainer-") as tmp:
        r = render({**job, "out": tmp, "cache": str(cache)})
        if r["ok"]:
            r["payload"] = {f["path"]: (Path(tmp) / f["path"]).read_bytes() for f in r["entry"]["files"]}
    return r


def receive(result: dict, job: dict) -> dict:
    """Put a shipped result's files into job["out"] exactly as a local render would."""
    spec = catalog.find(job["scene"])
    out = Path(job["out"])
    entry, payload = result["entry"], result.pop("payload")
    qdir_rel = quality_dir(Path(""), job["quality"], job["lang"])
    stage = work_root(out) / f"stage-{spec.id}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    files = {}
    try:
        for rec in entry["files"]:
            rel = str(Path(rec["path"]).relative_to(qdir_rel))
            (stage / rel).parent.mkdir(parents=True, exist_ok=True)
            (stage / rel).write_bytes(payload[rec["path"]])
            files[rel] = rec["kind"]
        placed = _publish(job, spec, out, stage, files, entry["sections"])
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    placed["entry"]["render_seconds"] = entry.get("render_seconds")
    result["entry"] = placed["entry"]
    return result
