"""The full series as one video, built from the per-scene renders without re-rendering them."""
from __future__ import annotations

import os
from pathlib import Path

from scenes import catalog
from studio import captions
from studio.joining import concat, video_end, youtube_stamp
from studio.layout import quality_dir


def build(out: Path, quality: str, lang: str, entries: list) -> dict:
    """`entries`: the manifest entries (mp4) of the scenes to join, in series order."""
    out = Path(out)
    qdir = quality_dir(out, quality, lang)
    parts, marks, cues = [], [], []
    t = 0.0
    for e in entries:
        spec = catalog.find(e["scene"])
        video = out / next(f["path"] for f in e["files"] if f["kind"] == "video")
        length = video_end(video)
        parts.append(video)
        number = [x.id for x in catalog.SCENES if x.chapter == spec.chapter].index(spec.id) + 1
        title = f"{spec.chapter}.{number} {spec.title(lang)}"
        marks.append((t, t + length, title))
        cues += captions.shifted(captions.read_srt(video.with_suffix(".srt")), t)
        t += length
    dest = qdir / "explainer.mp4"
    total = concat(parts, dest, marks)
    _write(qdir / "explainer.srt", captions.to_srt(cues))
    _write(qdir / "explainer.vtt", captions.to_vtt(cues))
    _write(qdir / "explainer.chapters.txt", "".join(f"{youtube_stamp(a)} {title}\n" for a, _, title in marks))
    return {"video": dest, "duration": total, "chapters": marks}


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
