"""Where outputs live inside --out, and the quality presets."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Quality:
    name: str        # the --quality word, and the folder
    manim: str       # Manim's quality preset
    label: str       # e.g. 480p15
    # Render seconds per second of video on one core, measured with `make bench` on 2 cores
    # (README table: 878 s of video in 62.7 s at low, 873 s in 391 s at high; medium and 4k
    # scaled by pixels x frames). For the estimate printed before a long run, and the split's plan.
    core_seconds: float


QUALITIES = {q.name: q for q in (
    Quality("low", "low_quality", "480p15", 0.14),
    Quality("medium", "medium_quality", "720p30", 0.34),
    Quality("high", "high_quality", "1080p60", 0.9),
    Quality("4k", "fourk_quality", "2160p60", 3.6),
)}

FORMATS = ("mp4", "webm", "gif", "mov", "png")
VIDEO_FORMATS = ("mp4", "webm", "gif", "mov")


def quality_dir(out: Path, quality: str, lang: str = "en") -> Path:
    """media/<quality>/ for English, media/<quality>/<lang>/ for other languages."""
    base = Path(out) / quality
    return base if lang == "en" else base / lang


def work_root(out: Path) -> Path:
    """Staging areas and publish journals, on the same file system as the outputs (renames are atomic).
    Removed when a run leaves it empty."""
    return Path(out) / ".work"


def cache_root() -> Path:
    """Scratch that outlives a run but is no output: per-worker Manim folders, the shared SVG cache.

    Outside --out, so a finished output folder holds outputs only. NN_EXPLAINER_CACHE overrides
    (the benchmark points it at an empty folder for cold runs)."""
    import os

    explicit = os.environ.get("NN_EXPLAINER_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "nn-explainer"
