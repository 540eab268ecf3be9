"""Chapter 1 scenes: they render, and what they show follows their parameters."""
import pytest
from manim import DecimalNumber, Dot

from nncore import get_trace
from scenehelp import on_screen, render_small, shown_rows, shown_texts
from scenes.ch1.neuron_firing import NeuronFiring
from scenes.ch1.perceptron import Perceptron
from scenes.ch1.activation_functions import ActivationFunctions
from scenes.ch1.bias import Bias
from scenes.kit import palette
from scenes.kit.fmt import num, tex_num

pytestmark = pytest.mark.slow  # every test here builds or renders a scene


def test_neuron_firing_default_shows_both_article_cases(tmp_path):
    scene = render_small(NeuronFiring, tmp_path)
    assert on_screen(scene, "10 + 20 = 30") and on_screen(scene, "20 + 30 = 50 > 40")
    assert on_screen(scene, "does not fire") and on_screen(scene, "fires")


@pytest.mark.parametrize("threshold, fired", [(40, True), (60, False)])
def test_neuron_firing_follows_inputs_and_threshold(tmp_path, threshold, fired):
    scene = render_small(NeuronFiring, tmp_path, inputs=(25, 25), threshold=threshold)
    texts = shown_texts(scene)
    assert any("25 + 25 = 50" in t for t in texts)
    assert ("does not fire" in texts) is (not fired)
    assert ("fires" in texts) is fired


def test_perceptron_shows_the_trace_numbers_and_other_inputs_change_them(tmp_path):
    tr = get_trace("perceptron")
    scene = render_small(Perceptron, tmp_path)
    # "=" or "\approx" before each result: kit/equation decides from the numbers shown
    assert on_screen(scene, f" {tex_num(tr['sigmoid']['output'])}") and on_screen(scene, r"a = \sigma")
    assert on_screen(scene, f" {tex_num(tr['step']['z'])}")
    # the weights and the bias are the user's: shown as given (the article's 0.6, 0.9, not 0.600)
    assert on_screen(scene, "w_1=0.6") and on_screen(scene, "w_3=0.9") and not on_screen(scene, "0.600")
    other = render_small(Perceptron, tmp_path, inputs=(2.0, -1.0, 0.5), weights=(0.3, 0.8, -1.2), bias=0.1)
    z = get_trace("perceptron", inputs=(2.0, -1.0, 0.5), weights=(0.3, 0.8, -1.2), bias=0.1)["step"]["z"]
    assert on_screen(other, f" {tex_num(z)}") and not on_screen(other, f" {tex_num(tr['step']['z'])}")


def test_activation_functions_end_on_the_three_ranges(tmp_path):
    scene = render_small(ActivationFunctions, tmp_path)
    for r in (r"(0,\,1)", r"(-1,\,1)", r"[0,\,\infty)"):
        assert on_screen(scene, r)


def test_activation_scene_follows_the_sweep_stops(tmp_path):
    # The dot's last stop is a parameter: a different sweep ends elsewhere (z = 2, not the article's 3).
    seen = []

    class Watching(ActivationFunctions):
        def correct_the_article(self, left):   # right after the sigmoid's sweep
            z = [f for m in self.mobjects for f in m.get_family()   # the z readout: a number in the sum's colour
                 if isinstance(f, DecimalNumber) and f.get_color().to_hex().upper() == palette.SUM.upper()]
            dots = [m for m in self.mobjects if isinstance(m, Dot)]
            seen.append((z[0].get_value(), [left.axes.p2c(d.get_center())[0] for d in dots]))
            super().correct_the_article(left)

    render_small(Watching, tmp_path, stops=(-2.0, 2.0))
    (z, xs), = seen
    assert z == pytest.approx(2.0) and xs == [pytest.approx(2.0)]


@pytest.mark.parametrize("w", [1.0, 2.0])
def test_bias_midpoint_follows_w(tmp_path, w):
    seen = set()

    class Watching(Bias):
        def play(self, *args, **kwargs):
            super().play(*args, **kwargs)
            seen.update(shown_texts(self))

    render_small(Watching, tmp_path, w=w)
    last_b = get_trace("bias", w=w)["sigmoids"][-1]
    assert f"midpoint at x = {num(last_b['midpoint'])}" in seen


@pytest.mark.parametrize("threshold", [40, 25])
def test_bias_ends_on_the_firing_threshold_as_a_bias(tmp_path, threshold):
    scene = render_small(Bias, tmp_path, threshold=threshold)
    rows = shown_rows(scene)   # written row by row: each row is a part of its own
    assert any(f"x_1 + x_2 - {threshold} > 0" in r for r in rows) and any(f"b = -{threshold}" in r for r in rows)


def test_neuron_firing_ends_on_the_rule_with_the_threshold_moved_over(tmp_path):
    scene = render_small(NeuronFiring, tmp_path, threshold=35)
    rows = shown_rows(scene)
    assert "x_1 + x_2 > 35" in rows and "x_1 + x_2 - 35 > 0" in " ".join(rows)   # "- 35" its own part (bias)


def test_neuron_firing_renders_in_chinese(tmp_path):
    scene = render_small(NeuronFiring, tmp_path, lang="zh")
    assert on_screen(scene, "不激发") and on_screen(scene, "激发") and not on_screen(scene, "fires")


# -- captions: Chinese cues break at punctuation or between words ---------------------------------
# Words a reader of Chinese sees as one unit (written here by hand, not taken from cues.py).
ZH_WORDS = ("起来", "神经元", "阈值", "总和", "信号", "权重", "偏置", "激活", "区间", "参数", "逼近", "误差",
            "网络", "输入", "输出", "函数", "比较", "传到")


def test_chinese_cues_never_break_inside_a_word():
    from scenes.kit import cues
    from scenes.strings import TABLES

    first = cues.split_cues(TABLES["zh"]["firing.cap.intro"], "zh")
    assert first == ["神经元把传到它这里的信号加起来，\n再把总和与阈值比较。"]   # the review's "信号加 / 起来"
    for key, text in TABLES["zh"].items():
        if ".cap." not in key:
            continue
        for cue in cues.split_cues(text.format_map(FILLER), "zh"):
            lines = cue.split("\n")
            assert all(len(l) <= cues.LINE_CHARS["zh"] for l in lines), (key, cue)
            for a, b in zip(lines, lines[1:]):
                assert not any(w[:k] == a[-k:] and w[k:] == b[:len(w) - k]
                               for w in ZH_WORDS for k in range(1, len(w))), (key, a, b)


OPERATORS = ("=", "+", "−", "×", ">", "<", "≈")
MINE = ("firing.", "perceptron.", "act.", "bias.", "params.", "forward.", "approx.")


def test_chinese_cues_keep_a_formula_on_one_line():
    """A formula written in Latin among Chinese ("z = 1.5", "1 − tanh²") is not cut where it fits a line
    (review: "得到 z = / -0.150"). Only the two formulas wider than a line may break, at an operator."""
    from scenes.kit import cues
    from scenes.strings import TABLES

    assert cues.split_cues("加上偏置 −0.5，得到 z = 0.150。偏置就是移到左边的阈值；偏置那一节会说明原因。", "zh")[0] \
        == "加上偏置 −0.5，得到\nz = 0.150。偏置就是移到左边的阈值；"
    # chapters 1, 2 and 5 (other chapters' formulas with the filler's "12.5" may not fit a line);
    # wider than a line with the filler's "12.5" for the layer: z(l) = W(l) a(l−1) + b(l); z(12.5) = ...
    too_wide = ("forward.cap.summary", "forward.cap.matrix")
    matrix = TABLES["zh"]["forward.cap.matrix"].format_map(_Filler(l="1"))
    assert "z(1) = W(1) x + b(1)。" in [line for cue in cues.split_cues(matrix, "zh") for line in cue.split("\n")]
    for key, text in TABLES["zh"].items():
        if ".cap." not in key or key in too_wide or not key.startswith(MINE):
            continue
        for cue in cues.split_cues(text.format_map(FILLER), "zh"):
            lines = cue.split("\n")
            for a, b in zip(lines, lines[1:]):
                assert not a.endswith(OPERATORS) and not b.startswith(OPERATORS), (key, a, b)


class _Filler(dict):
    def __missing__(self, key):
        return "12.5"


FILLER = _Filler()


def test_english_cues_keep_breaking_between_words_as_before():
    from scenes.kit import cues

    text = "A neuron adds up the signals that reach it and compares the sum with a threshold."
    assert cues.split_cues(text) == ["A neuron adds up the signals that reach\nit and compares the sum with a threshold."]
    assert cues.wrap("one two three", "en") == ["one two three"]
