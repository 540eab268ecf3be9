"""Pictures out of a video: the frames at given times, decoded from the keyframe before each."""
from __future__ import annotations

from pathlib import Path


def grab(video: Path, times: list[float], shown: bool = False) -> list[tuple[float, object]]:
    """For each wanted time (in order), (its frame's time, the frame as a PIL image): the frame
    nearest to it, or with `shown` the frame on screen at that time (the last one starting by then).

    Seeks to the keyframe before each time and decodes forward from there, so only a few frames
    are ever held (decoding a whole one-minute 720p video into memory takes ~3 GB)."""
    import av

    out = []
    with av.open(str(video)) as c:
        stream = c.streams.video[0]
        stream.thread_type = "AUTO"  # frame threads: decoding from the keyframe is most of the time
        for t in sorted(times):
            c.seek(max(0, int(t / stream.time_base)), stream=stream, backward=True)
            before = best = None
            for frame in c.decode(stream):
                if frame.time > t + 1e-6 and before is not None and shown:
                    best = before
                    break
                if frame.time >= t and not shown:
                    best = frame if before is None or frame.time - t < t - before.time else before
                    break
                before = frame
            best = best or before   # past the last frame: the last one
            out.append((float(best.time), best.to_image()))
    return out


def frame_at(video: Path, t: float):
    """The frame on screen at `t` seconds (a PIL image)."""
    return grab(video, [t], shown=True)[0][1]
