"""Where outputs live inside --out, and the quality presets."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Quality:
    name: str        # the --quality word, and the folder
    manim: str       # Manim's quality preset
    label: str       # e.g. 480p15


QUALITIES = {q.name: q for q in (
    Quality("low", "low_quality", "480p15"),
    Quality("medium", "medium_quality", "720p30"),
    Quality("high", "high_quality", "1080p60"),
    Quality("4k", "fourk_quality", "2160p60"),
)}

FORMATS = ("mp4", "webm", "gif", "mov", "png")
VIDEO_FORMATS = ("mp4", "webm", "gif", "mov")


def quality_dir(out: Path, quality: str, lang: str = "en") -> Path:
    """media/<quality>/ for English, media/<quality>/<lang>/ for other languages."""
    base = Path(out) / quality
    return base if lang == "en" else base / lang


def work_root(out: Path) -> Path:
    """Scratch space: per-worker Manim media folders and staging areas (never final paths)."""
    return Path(out) / ".work"
