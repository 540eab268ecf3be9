"""Contact sheet of a rendered video, for checking every beat by eye.

    python scripts/frames.py VIDEO.mp4 [OUT.png] [--times 1.0,2.5,...] [--every N] [--cols 2]

Without --times it takes the middle and the last frame of each caption cue in the .srt
beside the video, else N evenly spaced frames.
"""
from __future__ import annotations

import argparse
from pathlib import Path

import av
from PIL import Image, ImageDraw

from studio.captions import read_srt
from studio.stills import grab  # noqa: F401 - tests/test_frames.py checks it through this script


def cue_times(srt: Path) -> list[float]:
    """The middle and the end (a frame before it) of every caption cue: where a reviewer looks."""
    return [t for c in read_srt(srt) for t in ((c.start + c.end) / 2, c.end - 0.05)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("video")
    ap.add_argument("out", nargs="?")
    ap.add_argument("--times")
    ap.add_argument("--every", type=int, default=8)
    ap.add_argument("--cols", type=int, default=2)
    a = ap.parse_args()
    video = Path(a.video)
    if a.times:
        times = [float(v) for v in a.times.split(",")]
    elif video.with_suffix(".srt").exists():
        times = cue_times(video.with_suffix(".srt"))
    else:
        with av.open(str(video)) as c:
            dur = float(c.duration / 1e6)
        times = [dur * (i + 1) / a.every - 0.05 for i in range(a.every)]
    shots = grab(video, times)
    w, h = shots[0][1].size
    rows = (len(shots) + a.cols - 1) // a.cols
    sheet = Image.new("RGB", (w * a.cols, h * rows), "white")
    for i, (t, img) in enumerate(shots):
        x, y = (i % a.cols) * w, (i // a.cols) * h
        sheet.paste(img, (x, y))
        ImageDraw.Draw(sheet).text((x + 6, y + 4), f"{t:.2f}s", fill="white")
    out = Path(a.out or video.with_suffix(".sheet.png"))
    sheet.save(out)
    print(out, len(shots), "frames")


if __name__ == "__main__":
    main()
