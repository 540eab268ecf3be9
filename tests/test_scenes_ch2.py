"""Chapter 2 scenes: they render, and what they show follows their parameters and their traces.

The tests of this module share one media folder (`media`), so LaTeX that one render compiled
is reused by the next.
"""
import numpy as np
import pytest
from manim import DecimalNumber, tempconfig

from nncore import MLP, get_trace
from scenehelp import TINY, on_screen, render_small, shown_rows, shown_texts
from scenes.ch2.forward_pass import ForwardPass
from scenes.ch2.parameter_count import ParameterCount
from scenes.kit.fmt import tex_num
from scenes.kit.network import NetworkDiagram, shown_indices

pytestmark = pytest.mark.slow  # every test here builds or renders a scene



@pytest.fixture(scope="module")
def media(tmp_path_factory):
    return tmp_path_factory.mktemp("ch2_media")


def tally(scene):
    """The running parameter count on screen (the big DecimalNumber; axis numbers are small), or None."""
    values = [int(round(f.get_value())) for m in scene.mobjects for f in m.get_family()
              if isinstance(f, DecimalNumber) and f.font_size > 50]
    return values[0] if values else None


def render_watching(cls, media, **params):
    """Render like render_small; record the tally after every animation, and every text shown."""
    seen, texts = [], set()

    class Watching(cls):
        def play(self, *args, **kwargs):
            super().play(*args, **kwargs)
            value = tally(self)
            if value is not None and (not seen or seen[-1] != value):
                seen.append(value)
            texts.update(shown_texts(self) + shown_rows(self))

    Watching.__name__ = cls.__name__
    return render_small(Watching, media, **params), seen, texts


def test_parameter_count_tallies_8_12_16_17_for_the_article_network(media):
    scene, tallies, texts = render_watching(ParameterCount, media)
    assert tallies == [0, 8, 12, 16, 17]
    assert any("12 + 5 &= 17" in t for t in texts)
    assert on_screen(scene, r"(L-1)\,(w^2 + w)")  # the growth formula ends the scene: no exponential


def test_parameter_count_follows_the_layers(media):
    # The reference: the sizes of an MLP's own weight and bias arrays, counted layer by layer.
    net = MLP([3, 5, 1])
    running = np.cumsum([0] + [a.size for W, b in zip(net.weights, net.biases) for a in (W, b)]).tolist()
    scene, tallies, texts = render_watching(ParameterCount, media, layers=(3, 5, 1))
    assert tallies == running
    assert any("20 + 6 &= 26" in t for t in texts) and not any("= 17" in t for t in texts)


def test_forward_pass_shows_the_seeded_numbers(media):
    tr = get_trace("forward-pass")
    scene = render_small(ForwardPass, media)
    assert on_screen(scene, rf"\hat y = {tex_num(tr['output'][0])}")
    for j, (z, h) in enumerate(zip(tr["zs"][0], tr["activations"][1]), start=1):  # each hidden neuron's z and h
        assert on_screen(scene, rf"z^{{(1)}}_{{{j}}} = {tex_num(z)},\quad h_{{{j}}} = {tex_num(h)}")
    inside = [f.get_value() for m in scene.mobjects for f in m.get_family() if isinstance(f, DecimalNumber)]
    assert tr["activations"][1][0] in inside and tr["output"][0] in inside  # the numbers in the neurons


def test_forward_pass_with_another_seed_computes_other_numbers(media):
    # Built, not rendered: the first hidden neuron's computation and the output's, for two seeds.
    blocks = {}
    for seed in (0, 1):
        tr = get_trace("forward-pass", seed=seed)
        with tempconfig({**TINY, "media_dir": str(media)}):
            scene = ForwardPass(seed=seed)
            first, out = scene.computation(1, 0).tex_string, scene.computation(2, 0).tex_string
        assert tex_num(tr['zs'][0][0]) in first and tex_num(tr['output'][0]) in out
        assert "w^{(2)}" in out   # the output layer's weights, with its layer index, and each of them shown
        assert all(tex_num(abs(row[0])) in out for row in tr["weights"][1])
        blocks[seed] = (first, out)
    assert blocks[0][0] != blocks[1][0] and blocks[0][1] != blocks[1][1]


def test_network_diagram_draws_a_wide_layer_compact_with_its_real_size():
    assert shown_indices(784, 6) == [0, 1, 2, 782, 783]
    net = NetworkDiagram([784, 100, 10])
    assert [len(layer) for layer in net.layers] == [5, 5, 5]
    assert [c.tex_string for c in net.counts] == ["784", "100", "10"]
    assert len(net.edges[0]) == 25 and net.edge_ends[0][-1] == (783, 99)
    assert net.node(0, 783) is net.layers[0][-1] and net.node(0, 400) is None


def test_network_diagram_colours_edges_by_sign_and_widens_them_by_size():
    weights = [[[0.5, -2.0]], [[1.0], [-0.1]]]
    net = NetworkDiagram([1, 2, 1], weights=weights)
    e_pos, e_neg = net.edges[0]
    assert e_neg.get_stroke_width() > e_pos.get_stroke_width()
    assert e_pos.get_stroke_color().to_hex().upper() != e_neg.get_stroke_color().to_hex().upper()


def test_network_diagram_sizes_bias_markers_by_bias_and_animates_new_weights():
    net = NetworkDiagram([1, 2, 1], weights=[[[1.0, 1.0]], [[1.0], [1.0]]], biases=[[0.0, -3.0], [1.5]])
    small, large = net.bias_markers[0]
    assert large.width > small.width
    anims = [net.update_weights([[[-1.0, 1.0]], [[1.0], [1.0]]]), net.update_biases([[2.0, 0.0], [1.5]])]
    assert [a.group for a in anims] == [net.edges, net.bias_markers]  # playing them re-adds nothing on top


def test_forward_pass_shows_w_indexed_as_in_z_equals_wa_plus_b(media):
    # Oracle: the MLP's own forward pass; W[j][i] is the weight that multiplies input i in neuron j's z.
    tr = get_trace("forward-pass")
    x = np.array(tr["activations"][0])
    scene, _, texts = render_watching(ForwardPass, media)
    matrix = next(t for t in texts if r"\begin{bmatrix}" in t and "&" in t)   # W(1): the only 2-column one
    numbers = matrix.split(r"\begin{bmatrix}")[1].split(r"\end{bmatrix}")[0]
    W = np.array([[float(v) for v in row.split("&")] for row in numbers.split(r"\\")])
    assert W.shape == (tr["layers"][1], tr["layers"][0])
    assert np.allclose(W @ x + np.array(tr["biases"][0]), tr["zs"][0], atol=5e-3 * np.abs(W).sum())
    # every piece of z(1) = W(1) x + b(1) with its shape: 4x1 = 4x2 . 2x1 + 4x1
    for shape in (r"4\times 1", r"4\times 2", r"2\times 1"):
        assert shape in texts
    assert {r"z^{(1)}", r"W^{(1)}", "x", r"b^{(1)}"} <= texts
    brighter = [c for _, c in scene.spoken if "Brighter" in c]
    assert len(brighter) == 1
    said = [c for _, c in scene.spoken]
    assert said.index(dict(scene.spoken)["dense"]) < said.index(dict(scene.spoken)["inputs"])   # built first


def test_parameter_count_names_the_layers_and_the_ratios_that_approach_four(media):
    scene, _, texts = render_watching(ParameterCount, media)
    assert {"input→hidden weights", "hidden biases", "hidden→output weights", "output biases"} <= texts
    width = dict(scene.spoken)["width"]
    # 2-w-w-1 counted by hand: 7, 15, 37, 105, 337, 1185 for w = 1 ... 32
    counts = [7, 15, 37, 105, 337, 1185]
    assert f"{counts[-1] / counts[-2]:.2f}" in width and "4×" in width
    assert r"\times3.52" in texts
    # the 2-w-1 family counted by hand, 4w + 1: 17, 33, 65; 784-100-10 (79,510) is not one of them
    linear = dict(scene.spoken)["linear"]
    assert "17, 33, 65" in linear and "79,510" not in linear and "79,510" in dict(scene.spoken)["examples"]
    assert r"n_{\text{in}}" in " ".join(texts) and "n_{in}" not in " ".join(texts)   # upright, not i times n
    assert any(t.startswith("L:") for t in texts)                                     # L is defined


def test_network_diagram_shows_a_bias_sign_filled_or_hollow():
    net = NetworkDiagram([1, 2, 1], weights=[[[1.0, 1.0]], [[1.0], [1.0]]], biases=[[0.5, -0.5], [1.5]])
    pos, neg = net.bias_markers[0]
    assert pos.circle.get_fill_opacity() > 0.9 and neg.circle.get_fill_opacity() < 0.1   # dot vs ring
    assert abs(pos.width - neg.width) < 1e-6                                              # same |b|, same size
