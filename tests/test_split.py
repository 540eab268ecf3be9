"""One scene on every core (issue 29): a scene rendered in parts joined by stream copy shows the same
pictures as a one-process render, frame for frame, with the same captions, sections, voice and poster.

The oracle is a one-process render of the same scene (`--jobs 1` never splits): a part draws only its
own beats after running the ones before without drawing, so any state the skipped beats failed to
rebuild, or any clock the join got wrong, shows up as a frame, a cue or a sample that differs."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
# 12 sections (title and 11 beats), formulas and a plot; long enough that `--jobs 2` cuts it (the
# plan leaves a scene as short as `bias` whole: its second part would cost more than it saves)
SCENE = "cost-function"
SECTIONS = 12
needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="`make setup` installs espeak-ng")
pytestmark = [pytest.mark.slow, needs_espeak]


def render(out: Path, jobs: int) -> subprocess.CompletedProcess:
    r = subprocess.run([sys.executable, "render.py", "render", SCENE, "-q", "low", "--voice", "espeak",
                        "--out", str(out), "-j", str(jobs)], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr
    return r


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("whole")
    render(out, 1)
    return out


def frames(path: Path) -> list[np.ndarray]:
    with av.open(str(path)) as c:
        return [f.to_ndarray(format="rgb24") for f in c.decode(video=0)]


def audio(path: Path) -> np.ndarray:
    with av.open(str(path)) as c:
        return np.concatenate([f.to_ndarray().reshape(-1) for f in c.decode(audio=0)])


def entry(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text())["entries"][f"low/en/{SCENE}.mp4"]


def assert_same_render(got: Path, want: Path) -> None:
    """Pictures frame for frame, captions, sections (clips too), poster and voice as the reference."""
    a, b = frames(got / "low" / f"{SCENE}.mp4"), frames(want / "low" / f"{SCENE}.mp4")
    assert len(a) == len(b)
    differ = [i for i, (x, y) in enumerate(zip(a, b)) if not np.array_equal(x, y)]
    assert not differ, f"{len(differ)} frames differ, the first at {differ[0]}"
    for ext in ("srt", "vtt"):
        assert (got / "low" / f"{SCENE}.{ext}").read_text() == (want / "low" / f"{SCENE}.{ext}").read_text()
    assert np.array_equal(np.asarray(Image.open(got / "low" / f"{SCENE}.png")),
                          np.asarray(Image.open(want / "low" / f"{SCENE}.png")))
    e, w = entry(got), entry(want)
    assert e["duration"] == w["duration"]
    assert e["sections"] == w["sections"] and len(w["sections"]) == SECTIONS
    for s in w["sections"]:   # each clip: the same pictures and its own slice of the voice
        clip_a, clip_b = got / "low" / SCENE / s["file"], want / "low" / SCENE / s["file"]
        assert all(np.array_equal(x, y) for x, y in zip(frames(clip_a), frames(clip_b)))
        assert len(frames(clip_a)) == len(frames(clip_b))
        assert np.abs(audio(clip_a) - audio(clip_b)).max() < 1e-4
    va, vb = audio(got / "low" / f"{SCENE}.mp4"), audio(want / "low" / f"{SCENE}.mp4")
    assert va.size == vb.size and np.abs(vb).max() > 0.1   # a voice, not silence
    assert np.abs(va - vb).max() < 1e-4


def test_jobs_2_splits_one_scene_and_joins_what_one_process_renders(reference, tmp_path):
    assert f"ok {SCENE}" in (r := render(tmp_path, 2)).stderr and "in 2 parts" in r.stderr, r.stderr
    assert_same_render(tmp_path, reference)
    assert not (tmp_path / ".work").exists()   # every part's folder is gone
    assert f"{SCENE}: up to date" in render(tmp_path, 2).stdout   # published under the scene's own key


def test_parts_draw_only_their_own_beats(reference, tmp_path):
    """Three parts rendered one after another in this process, then joined: each part's picture is
    a third-ish of the scene, together exactly the whole."""
    from studio import narration, runner, split, worker
    from studio.jobs import RenderJob

    job = RenderJob(SCENE, {}, "low", out=str(tmp_path), voice=narration.parse("espeak"))
    job.key = runner.job_key(job)
    parts = [worker.render(split.PartJob.of(job, p, 3, os.getpid())) for p in range(3)]
    assert all(p.ok for p in parts), [p.error for p in parts if not p.ok]
    counts = [len(frames(Path(p.folder) / "video.mp4")) for p in parts]
    whole = len(frames(reference / "low" / f"{SCENE}.mp4"))
    assert sum(counts) == whole and max(counts) < 0.6 * whole
    result = split.join(job, parts)
    assert result.ok, result.error
    assert_same_render(tmp_path, reference)
    assert not any(Path(p.folder).exists() for p in parts)


def test_draw_only_between_draws_one_section_and_subcaptions_keep_their_times(tmp_path):
    """The adapter's two functions on a tiny scene of three sections: only the middle one is drawn
    (the scene ends where the third begins), the clock still counts the first, and the subcaptions
    come back in seconds, unrounded."""
    import manimcompat as compat
    from manim import Scene, Square, tempconfig

    class Three(Scene):
        def construct(self):
            self.next_section("first")
            sq = Square()
            self.add(sq)
            self.play(sq.animate.shift([1, 0, 0]), run_time=1.0)
            self.next_section("second")
            self.add_subcaption("hello", duration=0.3333, offset=0.0)
            self.play(sq.animate.shift([0, 1, 0]), run_time=0.5)
            self.next_section("third")
            self.wait(1.0)

    with tempconfig({"pixel_width": 64, "pixel_height": 36, "frame_rate": 10, "media_dir": str(tmp_path),
                     "save_sections": True, "disable_caching": True, "progress_bar": "none", "verbosity": "ERROR"}):
        scene = Three()
        compat.draw_only_between(scene, "second", "third")
        scene.render()
        movie, subs, end = compat.movie_path(scene), compat.subcaptions(scene), scene.time
    assert len(frames(movie)) == 5                      # 0.5 s at 10 fps: the second section only
    assert [s["name"] for s in compat.sections_index(movie)] == ["second"]
    assert end == pytest.approx(1.5)                    # the skipped first second still counted
    assert subs == [(pytest.approx(1.0), pytest.approx(1.3333), "hello")]
