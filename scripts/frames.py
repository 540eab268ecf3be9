"""Contact sheet of a rendered video, for checking every beat by eye.

    python scripts/frames.py VIDEO.mp4 [OUT.png] [--times 1.0,2.5,...] [--every N] [--cols 2]

Without --times it takes the last frame of each caption in the .srt beside the
video (one per beat), else N evenly spaced frames.
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

import av
from PIL import Image, ImageDraw


def srt_ends(srt: Path) -> list[float]:
    ends = []
    for m in re.finditer(r"--> (\d+):(\d+):(\d+),(\d+)", srt.read_text()):
        h, mi, s, ms = map(int, m.groups())
        ends.append(h * 3600 + mi * 60 + s + ms / 1000 - 0.05)
    return ends


def grab(video: Path, times: list[float]) -> list[tuple[float, Image.Image]]:
    """For each wanted time (in order), the frame nearest to it, as (its time, picture).

    Seeks to the keyframe before each time and decodes forward from there, so only a few frames
    are ever held (decoding a whole one-minute 720p video into memory takes ~3 GB)."""
    out = []
    with av.open(str(video)) as c:
        stream = c.streams.video[0]
        for t in sorted(times):
            c.seek(max(0, int(t / stream.time_base)), stream=stream, backward=True)
            before = None
            for frame in c.decode(stream):
                if frame.time >= t:
                    best = frame if before is None or frame.time - t < t - before.time else before
                    break
                before = frame
            else:   # past the last frame: the last one is the nearest
                best = before
            out.append((float(best.time), best.to_image()))
    return out


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
        times = srt_ends(video.with_suffix(".srt"))
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
