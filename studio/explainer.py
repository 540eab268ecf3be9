"""The full series as one video, built from the per-scene renders without re-rendering them."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from scenes import catalog
from studio import atomic, captions, joining, manifest
from studio.joining import concat, video_end, youtube_stamp
from studio.layout import quality_dir
from studio.manifest import Entry


def build(out: Path, quality: str, lang: str, entries: list[Entry]) -> dict:
    """`entries`: the manifest entries (mp4) of the scenes to join, in series order. Nothing is joined
    again when the last join was of the same renders and its files are intact."""
    out = Path(out)
    qdir = quality_dir(out, quality, lang)
    key = _key(entries, lang)
    done = manifest.read(out).entries.get(f"{quality}/{lang}/explainer")
    if done and done.key == key and manifest.files_intact(out, done):  # a second `make video`: nothing to join
        return {"video": qdir / "explainer.mp4", "duration": done.duration, "chapters": len(entries)}
    parts, marks, cues = [], [], []
    t = 0.0
    for e in entries:
        spec = catalog.find(e.scene)
        video = out / e.file("video").path
        length = video_end(video)
        parts.append(video)
        number = [x.id for x in catalog.SCENES if x.chapter == spec.chapter].index(spec.id) + 1
        title = f"{spec.chapter}.{number} {spec.title(lang)}"
        marks.append((t, t + length, title))
        cues += captions.shifted(captions.read_srt(video.with_suffix(".srt")), t)
        t += length
    dest = qdir / "explainer.mp4"
    total = concat(parts, dest, marks)
    texts = {"explainer.srt": (captions.to_srt(cues), "captions"), "explainer.vtt": (captions.to_vtt(cues), "captions"),
             "explainer.chapters.txt": ("".join(f"{youtube_stamp(a)} {title}\n" for a, _, title in marks), "chapters")}
    for name, (text, _) in texts.items():
        atomic.write_text(qdir / name, text)
    record(out, quality, lang, "explainer", {dest: "video", **{qdir / n: kind for n, (_, kind) in texts.items()}},
           duration=total, key=key)
    return {"video": dest, "duration": total, "chapters": len(marks)}


def _key(entries: list[Entry], lang: str) -> str:
    """What the joined files depend on: each scene's render key, video bytes and chapter title, in
    order, and the code that joins them."""
    code = [hashlib.sha256(Path(m.__file__).read_bytes()).hexdigest() for m in (captions, joining)]
    code.append(hashlib.sha256(Path(__file__).read_bytes()).hexdigest())
    parts = [[e.scene, e.key, e.file("video").sha256, catalog.find(e.scene).title(lang)] for e in entries]
    return hashlib.sha256(json.dumps([parts, code]).encode()).hexdigest()


def record(out: Path, quality: str, lang: str, kind: str, files: dict, **fields) -> None:
    """List a built product (the explainer, the lecture page) in the manifest with its files."""
    entry = Entry(kind=kind, quality=quality, lang=lang, **fields,
                  files=[manifest.file_record(out, p, kind) for p, kind in files.items()])
    with manifest.locked(out) as data:
        data.entries[f"{quality}/{lang}/{kind}"] = entry
