"""The kit's frame rules over every scene of the series: the safe area at the end of every beat,
unique beat names, what each beat says (filled in a sketch pass), cues that fit, burned-in captions,
the light theme and the voice's timing."""
import pytest
from manim import Square, Text, tempconfig

from scenehelp import TINY, skim
from scenes import catalog
from scenes.kit import cues, frame
from scenes.kit.base import MAX_STRETCH, VOICE_PAUSE, ExplainerScene, LayoutError
from scenes.kit.theme import light_rgb
import manimcompat as compat

pytestmark = pytest.mark.slow  # every test here builds or renders a scene


@pytest.mark.parametrize("spec", catalog.SCENES, ids=lambda s: s.id)
def test_every_beat_ends_inside_the_safe_area(spec, tmp_path):
    scene = skim(spec.load(), tmp_path)
    assert scene.spoken and not scene.layout_problems


@pytest.mark.parametrize("spec", catalog.SCENES, ids=lambda s: s.id)
def test_beats_have_unique_names_and_captions_known_before_the_render(spec, tmp_path):
    # The sketch pass of studio/latex.py: play() does nothing at all, yet every beat's text is known.
    with tempconfig({**TINY, "media_dir": str(tmp_path), "write_to_movie": False}):
        scene = spec.load()()
        compat.skip_animations(scene)
        scene.render()
    names = [n for n, _ in scene.spoken]
    assert names and len(names) == len(set(names)) and "title" not in names
    assert all(text for _, text in scene.spoken)


class TwoBeats(ExplainerScene):
    trace_name, title_key, chapter = "bias", "bias.title", 1

    def construct(self):
        with self.beat("one", "momentum.cap.sgd"):
            self.play(self.square().animate.shift(0.1 * 1), run_time=1.0)
        with self.beat("two", "bias.cap.summary"):
            self.wait(0.5)

    def square(self):
        sq = Square(0.5)
        self.add(sq)
        return sq


def test_a_beat_ending_in_the_caption_band_fails_naming_the_mobject_and_the_beat(tmp_path):
    class Low(TwoBeats):
        def construct(self):
            with self.beat("low", "bias.cap.summary"):
                self.add(Text("under the captions").to_edge(DOWN_EDGE, buff=0.1))

    with pytest.raises(LayoutError, match=r"beat 'low': Text\('under the captions'\).*caption band"):
        skim(Low, tmp_path)


DOWN_EDGE = (0, -1, 0)


def test_a_repeated_beat_name_is_refused(tmp_path):
    class Twice(TwoBeats):
        def construct(self):
            for _ in range(2):
                with self.beat("same", "bias.cap.summary"):
                    self.wait(0.1)

    with pytest.raises(ValueError, match="used twice"):
        skim(Twice, tmp_path)


def _cue_spans(scene):
    return [(c.start.total_seconds(), c.end.total_seconds(), c.content) for c in scene.renderer.file_writer.subcaptions]


def test_a_long_caption_becomes_cues_that_fit_timed_by_length_within_its_beat(tmp_path):
    scene = skim(TwoBeats, tmp_path)
    spans = _cue_spans(scene)
    text = scene.words("momentum.cap.sgd")
    first = [s for s in spans if s[0] < spans[-1][0]]   # beat two is the last cue
    assert len(first) >= 3 and " ".join(c for *_, c in first).replace("\n", " ") == text
    for start, end, content in spans:
        lines = content.split("\n")
        assert len(lines) <= 2 and all(len(line) <= 42 for line in lines)
    # back to back, each its share of the reading time (15 characters a second) by its length
    assert first[-1][1] == pytest.approx(len(text) / 15, abs=0.01)
    for (s0, e0, c0), (s1, e1, c1) in zip(first, first[1:]):
        assert e0 == pytest.approx(s1, abs=1e-3)
        assert (e0 - s0) / len(c0.replace("\n", "")) == pytest.approx((e1 - s1) / len(c1.replace("\n", "")), rel=0.01)


def test_a_voiced_beat_holds_until_the_voice_and_a_pause_are_over(tmp_path):
    with tempconfig({**TINY, "media_dir": str(tmp_path), "save_last_frame": True}):
        scene = TwoBeats(voice={"one": 12.0, "two": 0.2})
        scene.render()
    spans = _cue_spans(scene)
    two = spans[-1:]
    assert two[0][0] == pytest.approx(12.0 + VOICE_PAUSE, abs=1e-3)                    # beat one: voice + pause
    assert two[0][1] - two[0][0] == pytest.approx(1.0, abs=1e-3) or two[0][1] > two[0][0]
    one = [s for s in spans if s[0] < two[0][0]]
    total = sum(len(c.replace("\n", "")) for *_, c in one)
    for start, end, content in one[:-1]:   # spread over the 12 s of voice by length; the last holds on
        assert end - start == pytest.approx(12.0 * len(content.replace("\n", "")) / total, abs=0.02)


def test_burned_captions_draw_the_same_cues_in_the_band(tmp_path):
    seen = []

    class Burning(TwoBeats):
        def construct(self):
            with self.beat("one", "momentum.cap.sgd"):
                for _ in range(18):
                    self.wait(0.5)
                    seen.append((self.time, self._burned.submobjects[0][1].original_text))

    with tempconfig({**TINY, "media_dir": str(tmp_path), "write_to_movie": False}):
        scene = Burning(burn_captions=True)
        scene.render()
    spans = _cue_spans(scene)
    frame_time = 1 / TINY["frame_rate"]
    for t, shown in seen:
        if any(abs(t - s) <= frame_time + 1e-6 for s, _, _ in spans[1:]):
            continue   # within a frame of a cue change: either cue may be the one drawn
        want = next((c for s, e, c in spans if s <= t < e), spans[-1][2])
        assert shown.replace("\n", "") == want.replace("\n", "")
    assert len({s for _, s in seen}) == len(spans) >= 2
    left, right, bottom, top = frame.band_box()
    assert scene._burned is None   # taken away when its beat ends


def test_cues_split_at_clause_boundaries_and_never_lose_a_word():
    text = ("The theorem: with enough hidden neurons, a network can be as close as we like to any continuous "
            "function on a bounded range.")
    parts = cues.split_cues(text)
    assert [p.replace("\n", " ") for p in parts][0] == "The theorem: with enough hidden neurons,"
    assert " ".join(p.replace("\n", " ") for p in parts) == text
    zh = "定理说：只要隐藏神经元足够多，网络就能在有界区间上以任意精度逼近任何连续函数。再多一句话，用来测试中文的分割是否正确。"
    zparts = cues.split_cues(zh, "zh")
    assert "".join(p.replace("\n", "") for p in zparts) == zh
    assert all(len(line) <= 22 for p in zparts for line in p.split("\n"))


def test_light_theme_swaps_the_palette_and_keeps_blends_readable():
    from scenes.kit import palette
    from manim import ManimColor

    for dark, light in palette.LIGHT.items():
        assert light_rgb(ManimColor(dark).to_rgb()) == pytest.approx(ManimColor(light).to_rgb())
    grey = light_rgb((0.9, 0.9, 0.9))   # a near-white that is no palette colour turns near-black
    assert max(grey) < 0.2


def test_light_theme_renders_dark_on_white(tmp_path):
    with tempconfig({**TINY, "media_dir": str(tmp_path), "save_last_frame": True}):
        scene = TwoBeats(theme="light")
        scene.render()
        frame_px = scene.renderer.get_frame()
    assert frame_px[2, 2, :3].tolist() == [255, 255, 255]
    with pytest.raises(ValueError, match="theme"):
        TwoBeats(theme="sepia")


@pytest.mark.parametrize("lo, hi", [(-1.0, 7.0), (-9.0, 15.0), (0.5, 4.5), (-4.0, 4.0)])
def test_every_tick_number_sits_on_a_tick_mark_and_names_it(tmp_path, lo, hi):
    # The oracle is Manim's own tick marks: each number must stand on one, and the axis must map
    # that mark back to the number written (a range that does not start on the step once put
    # "1, 3, 5" between marks at 2, 4, 6).
    import numpy as np

    from scenes.kit.plots import CostCurve

    with tempconfig({**TINY, "media_dir": str(tmp_path)}):
        ts = np.linspace(lo, hi, 41)
        plot = CostCurve({"theta": ts, "cost": 0.5 * (ts - 3) ** 2 + 0.5})
    ax = plot.axes
    marks = {"x": [m.get_center()[0] for m in ax.x_axis.ticks], "y": [m.get_center()[1] for m in ax.y_axis.ticks]}
    below_x_axis = ax.x_axis.get_center()[1]
    seen, zero = {"x": 0, "y": 0}, {"x": False, "y": False}
    for label in plot.ticks:
        value = float(label.tex_string.replace("\u2212", "-"))
        c = label.get_center()
        if c[1] < below_x_axis:      # under the x axis: an x number
            at = min(marks["x"], key=lambda m: abs(m - c[0]))
            assert abs(at - c[0]) < 0.02 and abs(plot.coords([at, 0, 0])[0] - value) < 1e-6, label.tex_string
            seen["x"] += 1
            zero["x"] |= value == 0
        else:
            at = min(marks["y"], key=lambda m: abs(m - c[1]))
            assert abs(at - c[1]) < 0.02 and abs(plot.coords([0, at, 0])[1] - value) < 1e-6, label.tex_string
            seen["y"] += 1
            zero["y"] |= value == 0
    assert seen["x"] >= 2 and seen["y"] >= 2
    assert zero == {"x": lo <= 0 <= hi, "y": True}   # costs start at 0, and so does any axis spanning it


def test_a_voiced_beat_runs_its_animations_slower_to_fill_the_voice_up_to_a_limit(tmp_path):
    """Beat one animates for 1 s at its own pace; narrated for 1.2 s it runs 1.6 s (1.2 + pause),
    moving all the while. Narrated for 12 s it runs at most MAX_STRETCH slower, then holds."""
    with tempconfig({**TINY, "media_dir": str(tmp_path), "write_to_movie": False}):
        sketch = TwoBeats()
        compat.skip_animations(sketch)
        sketch.render()
    assert sketch.natural["one"] == pytest.approx(1.0) and sketch.natural["two"] >= 0.5
    for voice, moving in ((1.2, 1.2 + VOICE_PAUSE), (12.0, MAX_STRETCH)):
        with tempconfig({**TINY, "media_dir": str(tmp_path), "write_to_movie": False}):
            scene = TwoBeats(voice={"one": voice}, pace=sketch.natural)
            scene.render()
        assert scene.natural["one"] == pytest.approx(moving, abs=0.21)     # the animation itself, to a frame
        assert _cue_spans(scene)[-1][0] == pytest.approx(voice + VOICE_PAUSE, abs=0.21)   # beat two starts
