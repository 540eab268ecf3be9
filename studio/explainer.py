"""The full series as one video, built from the per-scene renders without re-rendering them."""
from __future__ import annotations

from pathlib import Path

from scenes import catalog
from studio import atomic, captions, manifest
from studio.joining import concat, video_end, youtube_stamp
from studio.layout import quality_dir
from studio.manifest import Entry


def build(out: Path, quality: str, lang: str, entries: list[Entry]) -> dict:
    """`entries`: the manifest entries (mp4) of the scenes to join, in series order."""
    out = Path(out)
    qdir = quality_dir(out, quality, lang)
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
           duration=total)
    return {"video": dest, "duration": total, "chapters": marks}


def record(out: Path, quality: str, lang: str, kind: str, files: dict, **fields) -> None:
    """List a built product (the explainer, the lecture page) in the manifest with its files."""
    entry = Entry(kind=kind, quality=quality, lang=lang, **fields,
                  files=[manifest.file_record(out, p, kind) for p, kind in files.items()])
    with manifest.locked(out) as data:
        data.entries[f"{quality}/{lang}/{kind}"] = entry
