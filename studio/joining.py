"""Join finished scene videos into one, by stream copy (no re-encoding), with chapter marks."""
from __future__ import annotations

import os
from fractions import Fraction
from pathlib import Path

import av


def video_end(path: Path) -> float:
    """Seconds from 0 to the end of the last frame (what joining lays end to end)."""
    with av.open(str(path)) as c:
        s = c.streams.video[0]
        end = 0
        for pkt in c.demux(s):
            if pkt.pts is not None:
                end = max(end, pkt.pts + (pkt.duration or 0))
        return float(end * s.time_base)


def concat(paths: list[Path], dest: Path, chapters: list[tuple[float, float, str]] = ()) -> float:
    """Write `paths` one after another into `dest` (via a temporary file); returns the total seconds.

    All inputs must share codec, size and frame rate (renders of one quality do)."""
    dest = Path(dest)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    offset = Fraction(0)
    try:
        with av.open(str(tmp), "w", format="mp4") as out:
            ostream = None
            for path in paths:
                with av.open(str(path)) as inp:
                    s = inp.streams.video[0]
                    if ostream is None:
                        ostream = out.add_stream_from_template(s)
                    shift = int(round(offset / s.time_base))
                    end = 0
                    for pkt in inp.demux(s):
                        if pkt.dts is None:  # the demuxer's final flush packet
                            continue
                        end = max(end, pkt.pts + (pkt.duration or 0))
                        pkt.pts += shift
                        pkt.dts += shift
                        pkt.stream = ostream
                        out.mux(pkt)
                    offset += end * s.time_base
            if chapters:
                ms = Fraction(1, 1000)
                out.set_chapters([{"id": i, "start": int(a * 1000), "end": int(b * 1000), "time_base": ms,
                                   "metadata": {"title": title}} for i, (a, b, title) in enumerate(chapters, 1)])
        os.replace(tmp, dest)
    finally:
        if tmp.exists():
            tmp.unlink()
    return float(offset)


def youtube_stamp(seconds: float) -> str:
    s = int(seconds)
    h, rem = divmod(s, 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"
