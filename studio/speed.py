"""Render-speed levers measured in bench/render_bench.py (see the README's table).

1. Repeated frames (a static `wait`) are converted from RGBA to YUV once, not once per copy.
   Manim 0.22 converts every repeat again; at 1080p that conversion is ~5 ms a frame.
2. The LaTeX and text SVG caches are shared between workers and runs without sharing the
   folders Manim writes into: each worker starts from a copy and publishes new files back by
   atomic rename (names are content hashes, so two writers can only agree).
"""
from __future__ import annotations

import os
import shutil
from fractions import Fraction
from pathlib import Path

CACHES = ("Tex", "texts")


def install_frame_reuse() -> None:
    """Patch Manim's segment encoder (pinned to manim 0.22.x in pyproject) to reuse converted frames."""
    import av
    from manim.scene import video_segment_encoder as vse

    cls = vse.VideoSegmentEncoder
    if getattr(cls, "_converts_repeats_once", False):
        return
    original = cls.write_frame

    def write_frame(self, pixels, *, repeat: int = 1) -> None:
        if repeat == 1:
            return original(self, pixels, repeat=1)
        self._validate_frame(pixels, repeat)
        time_base = Fraction(self.spec.frame_rate.denominator, self.spec.frame_rate.numerator)
        try:
            frame = av.VideoFrame.from_ndarray(pixels, format="rgba").reformat(format=self._stream.pix_fmt)
            for _ in range(repeat):
                # The encoder takes its own reference of each frame it is sent, so the
                # same converted picture can be sent again with the next timestamp.
                frame.pts = self._next_pts
                frame.time_base = time_base
                self._next_pts += 1
                for packet in self._stream.encode(frame):
                    self._container.mux(packet)
        except BaseException as error:
            raise self._operation_error("encode", error) from error

    cls.write_frame = write_frame
    cls._converts_repeats_once = True


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
