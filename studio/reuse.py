"""What renders reuse instead of redoing (measured in bench/render_bench.py, see the README):

1. Frames go to the encoder wrapped, not copied, and a repeated frame (a static `wait`) is
   converted from RGBA to YUV once, not once per copy (at 1080p ~6-12 ms and ~5 ms a frame).
2. The LaTeX and text SVG caches are shared between workers and runs without sharing the
   folders Manim writes into: each worker starts from a copy and publishes new files back by
   atomic rename (names are content hashes, so two writers can only agree).
3. A play Manim skips (the beats before a part of a split scene) draws nothing.
4. A drawn frame goes to the encoder in the array it was drawn in: one 8 MB copy a 1080p frame
   (background into a new array) instead of two (into the camera's array, out to the encoder).
5. A beat's plays are one video segment, not one each.
6. A frame's walks over the mobjects on screen (their updaters, the camera's list of what to
   draw) are loops, not a Python call or a nested generator per mobject.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from manimcompat import (install_flat_family_walks, install_frame_handover, install_frame_reuse,
                         install_section_segments, install_undrawn_skipped_plays)

CACHES = ("Tex", "texts")


def install_levers() -> None:
    """The encoding and drawing levers (they live with Manim's other internals, in manimcompat)."""
    install_frame_reuse()
    install_undrawn_skipped_plays()
    install_frame_handover()
    install_section_segments()
    install_flat_family_walks()


def _copy_new_svgs(src_root: Path, dst_root: Path) -> None:
    """Copy SVGs that dst lacks; each lands by atomic rename, so a reader never sees half a file."""
    for name in CACHES:
        src, dst = src_root / name, dst_root / name
        if not src.exists():
            continue
        dst.mkdir(parents=True, exist_ok=True)
        have = set(os.listdir(dst))
        for f in os.listdir(src):
            if f.endswith(".svg") and f not in have:
                tmp = dst / f".{f}.{os.getpid()}.tmp"
                shutil.copyfile(src / f, tmp)
                os.replace(tmp, dst / f)


def warm_caches(shared: Path, media: Path) -> None:
    """Start this worker's Manim media folder from the shared SVG caches."""
    _copy_new_svgs(shared, media)


def publish_caches(media: Path, shared: Path) -> None:
    """Offer this worker's new SVGs to the shared cache."""
    _copy_new_svgs(media, shared)
