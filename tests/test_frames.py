"""scripts/frames.py picks by seeking the frames that decoding every frame and taking the nearest picks."""
import importlib.util
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

spec = importlib.util.spec_from_file_location("frames", Path(__file__).resolve().parents[1] / "scripts" / "frames.py")
frames = importlib.util.module_from_spec(spec)
spec.loader.exec_module(frames)


@pytest.fixture(scope="module")
def video(tmp_path_factory):
    """4 s at 10 fps, a keyframe every 8 frames, each frame a flat grey that tells its index."""
    path = tmp_path_factory.mktemp("frames") / "count.mp4"
    with av.open(str(path), "w") as c:
        s = c.add_stream("libx264", rate=10, options={"g": "8", "crf": "0"})
        s.width, s.height, s.pix_fmt = 32, 32, "yuv420p"
        for i in range(40):
            f = av.VideoFrame.from_ndarray(np.full((32, 32, 3), i * 6, np.uint8), format="rgb24")
            f.pts, f.time_base = i, Fraction(1, 10)
            for p in s.encode(f):
                c.mux(p)
        for p in s.encode():
            c.mux(p)
    return path


def nearest_by_decoding_all(video, times):
    """The old way, the oracle: every frame in memory, the nearest one to each time."""
    with av.open(str(video)) as c:
        every = [(float(f.time), f.to_ndarray(format="rgb24")) for f in c.decode(video=0)]
    return [min(every, key=lambda f: abs(f[0] - t)) for t in sorted(times)]


def test_seeking_picks_the_frames_decoding_everything_picks(video):
    times = [3.95, 0.0, 0.74, 0.76, 1.25, 2.0, 2.04, 3.3, 9.0]   # unsorted, between frames, past the end
    got = frames.grab(video, times)
    want = nearest_by_decoding_all(video, times)
    assert [t for t, _ in got] == pytest.approx([t for t, _ in want])
    for (_, img), (_, pixels) in zip(got, want):
        np.testing.assert_array_equal(np.asarray(img.convert("RGB")), pixels)


def test_a_frame_tells_its_index(video):
    (t, img), = frames.grab(video, [2.3])
    assert t == pytest.approx(2.3) and abs(int(np.asarray(img)[16, 16, 0]) - 23 * 6) <= 2


def test_the_frame_shown_at_a_time_is_the_last_one_started_by_then(video):
    """What a paused player shows (posters, beat pictures): at 2.34 s the frame that began at 2.3 s,
    even though 2.4 s is as near."""
    with av.open(str(video)) as c:
        every = [(float(f.time), f.to_ndarray(format="rgb24")) for f in c.decode(video=0)]
    for t in (0.0, 2.34, 2.39, 3.95, 9.0):
        start, pixels = max((f for f in every if f[0] <= t + 1e-6), key=lambda f: f[0])
        (got_t, img), = frames.grab(video, [t], shown=True)
        assert got_t == pytest.approx(start)
        np.testing.assert_array_equal(np.asarray(img.convert("RGB")), pixels)


def test_a_reviewer_looks_at_the_middle_and_the_end_of_every_cue(tmp_path):
    srt = tmp_path / "a.srt"
    srt.write_text("1\n00:00:01,000 --> 00:00:03,000\nOne\n\n2\n00:00:03,000 --> 00:00:04,500\nTwo\n")
    assert frames.cue_times(srt) == pytest.approx([2.0, 2.95, 3.75, 4.45])
