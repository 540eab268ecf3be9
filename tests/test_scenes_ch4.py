"""Chapter 4 scenes: they render, they show the trace's numbers, those numbers are the gradients an
MLP([1, 1, 1]) computes on the same parameters, and other inputs put other numbers on screen."""
import re

import numpy as np
import pytest
from manim import ManimColor

from nncore import MLP, get_trace
from scenehelp import on_screen, render_small, shown_texts
from scenes.ch4.backprop_hidden_layer import BackpropHiddenLayer
from scenes.ch4.backprop_output_layer import BackpropOutputLayer
from scenes.ch4.computation_graph import ComputationGraph
from scenes.ch4.training import Training
from scenes.ch4.weight_update import WeightUpdate
from manim import DecimalNumber, Integer
from scenes.kit.fmt import tex_factor, tex_num, tex_stated
from scenes.kit.graph import EdgeTag

pytestmark = pytest.mark.slow  # every test here builds or renders a scene

DEFAULT = dict(x=1.5, y=0.2, w_i=0.6, b_i=-0.3, w_o=1.2, b_o=0.4)
OTHER = dict(x=-1.0, y=0.9, w_i=-0.8, b_i=0.5, w_o=-1.5, b_o=0.3)   # negative factors, E rising with w_o


def mlp_gradients(x, y, w_i, b_i, w_o, b_o):
    """The reference: the network code's own backward pass on the same chain (one sample)."""
    net = MLP([1, 1, 1], activation="sigmoid").set_parameters([[[w_i]], [[w_o]]], [[b_i], [b_o]])
    dW, db = net.gradients([[x]], [y])
    return {"w_i": dW[0].item(), "w_o": dW[1].item(), "b_i": db[0].item(), "b_o": db[1].item()}


def sig(z):
    return 1.0 / (1.0 + np.exp(-z))


def error(x, y, w_i, b_i, w_o, b_o):
    """E by hand, independently of nncore."""
    return 0.5 * (sig(w_o * sig(w_i * x + b_i) + b_o) - y) ** 2


class Seen:
    """Mixin: what was on screen at the end of each beat (`seen[beat]`)."""

    def check_layout(self, name):
        self.__dict__.setdefault("seen", {})[name] = shown_texts(self)
        super().check_layout(name)


class Case1Probe(Seen, BackpropOutputLayer):
    pass


class Case2Probe(Seen, BackpropHiddenLayer):
    pass


def check_product(text, rel, left, result):
    r"""'a \cdot b ... REL r' as written: = only if the factors shown multiply to the result shown."""
    product = float(np.prod([float(f.strip(" ()")) for f in left.split(r"\cdot")]))
    assert (float(f"{product:.3g}") == float(result)) == (rel == "="), text


def captions(scene) -> str:
    """What the beats said, as one text (cue line breaks read as spaces)."""
    return " ".join(text for _, text in scene.spoken)


def shows_gradient(texts, value) -> bool:
    """A formula on screen ends with '= value' or '\\approx value' (a product's result or a gradient in
    the summary)."""
    return any(t.rstrip().endswith((f"= {tex_num(value)}", rf"\approx {tex_num(value)}")) for t in texts)


def products_reproduce(texts):
    """Every product of numbers on screen ('= a \\cdot b ... = r') multiplies out, from its factors as
    written, to its result as written (to the 3 digits shown); otherwise it says \\approx."""
    numeric = lambda t: not re.search(r"[A-Za-z]", t.replace(r"\cdot", "").replace(r"\approx", ""))
    rows = [t for t in texts if r"\cdot" in t and t.lstrip().startswith("=") and numeric(t)]   # not "(O - y) \cdot 1"
    assert rows
    for t in rows:
        body, rel, result = (t.rpartition(r"\approx") if r"\approx" in t else t.rpartition("="))
        factors = [float(f.strip(" ()")) for f in body.strip(" =").split(r"\cdot")]
        product = 1.0
        for f in factors:
            product *= f
        if rel == "=":
            assert float(f"{product:.3g}") == float(result), t
        else:
            assert float(f"{product:.3g}") != float(result), t   # \approx only where it does not reproduce


def shows_number(counters, v) -> bool:
    """A counter on screen reads v at 3 significant digits (as it draws itself)."""
    return any(f"{f.get_value():.{f.num_decimal_places}f}" == tex_num(v) for f in counters)


def test_computation_graph_shows_every_value_and_local_derivative_of_the_trace(tmp_path):
    tr = get_trace("backprop")
    scene = render_small(ComputationGraph, tmp_path)
    texts = shown_texts(scene)
    for name, v in tr["nodes"].items():   # what the user gave as given (1.5), computed values at >= 3 digits
        shown = [tex_stated(v)] if name in DEFAULT else [tex_num(v, d) for d in (3, 4, 5)]
        assert any(t in texts for t in shown), name
    # the nodes stay on screen all chapter: worked from the numbers they show, each step gives the next
    # (1.2 · 0.646 + 0.4 = 1.1752, so mu2 cannot read 1.17 if O is to read sigma(mu2) = 0.764)
    node = {n: next(float(t) for t in texts if t in [tex_num(v, d) for d in (3, 4, 5)])
            for n, v in tr["nodes"].items() if n not in DEFAULT}
    places = lambda v: len(f"{v}".split(".")[1])
    assert round(1.2 * node["h"] + 0.4, places(node["mu2"])) == node["mu2"]
    assert round(float(sig(node["mu2"])), places(node["O"])) == node["O"]
    assert round(0.5 * (node["O"] - 0.2) ** 2, places(node["E"])) == node["E"]
    for e in tr["edges"]:   # a local derivative that is a given input (x, w_o) or a constant shows as given
        given = e["formula"] == "1" or e["formula"] in DEFAULT
        assert (tex_stated(e["value"]) if given else tex_num(e["value"])) in texts, e["name"]
    assert "1.50" not in texts and "1.20" not in texts and "1.00" not in texts
    for e in tr["edges"]:   # each local derivative's formula as the trace writes it; constants show a number
        assert e["formula"] == "1" or e["formula"] in texts, e["name"]
    said = captions(scene)
    assert f"E = {tex_num(tr['nodes']['E'])}" in said
    assert "one sample" in said and "1/(2n)" in said            # correction 7
    assert "also on the parameters w_i and b_i" in said         # correction 8


def test_case1_gradients_are_the_trace_s_and_the_mlp_s(tmp_path):
    tr = get_trace("backprop")
    ref = mlp_gradients(**DEFAULT)
    scene = render_small(Case1Probe, tmp_path)
    texts = scene.seen["shared"]                     # the products, before the nudge check replaces them
    for p in ("w_o", "b_o"):
        assert tex_num(tr["gradients"][p]["gradient"]) == tex_num(ref[p])
        assert shows_gradient(texts, ref[p]), p
    # the factors, in numbers, as the trace has them
    v = tr["gradients"]["w_o"]["values"]
    assert any(rf"= {tex_num(v[0])} \cdot {tex_num(v[1])} \cdot {tex_num(v[2])}" in t for t in texts)
    assert any(t.endswith(f"= {tex_num(tr['shared']['value'])}") and r"\partial \mu_2" in t for t in texts)
    products_reproduce(texts)
    # 0.564 x 0.180 x 0.646 = 0.0656 by hand, the exact gradient shows 0.0657: so it says "approximately"
    assert any(t.endswith(rf"\approx {tex_num(tr['gradients']['w_o']['gradient'])}") for t in texts)
    # the path is traced from E node by node: one play per edge, so the path is never lit at once
    assert "Follow the path from E back" in captions(scene)


def test_case1_nudge_check_against_a_hand_forward_pass_then_the_graph_as_it_was(tmp_path):
    """w_o + 0.01: E from 0.15905 to 0.15971, a change of about 0.01 x dE/dw_o (finite difference)."""
    scene = render_small(Case1Probe, tmp_path)
    end = scene.seen["nudge-check"]
    e0, e1 = error(**DEFAULT), error(**{**DEFAULT, "w_o": DEFAULT["w_o"] + 0.01})
    fd = (error(**{**DEFAULT, "w_o": 1.2 + 1e-6}) - error(**{**DEFAULT, "w_o": 1.2 - 1e-6})) / 2e-6
    assert (tex_num(e0, 5), tex_num(e1, 5)) == ("0.15905", "0.15971")
    shows = lambda text: any(text in t for t in end)
    nudged = scene.seen["nudge"]
    assert any(rf"E:\ {tex_num(e0, 5)} \to {tex_num(e1, 5)}" in t for t in nudged)
    assert any(rf"w_o:\ {tex_stated(1.2)} \to {tex_num(1.21)}" in t for t in nudged)
    # the rate of change the gradient is: 0.00066 / 0.01 = 0.066 by hand
    assert shows(r"\frac{0.00066}{0.01}") and shows("= 0.066")
    # the change as shown is the difference of the two E's as shown
    assert tex_num(round(e1, 5) - round(e0, 5), 2) == "0.00066"
    assert shows(f"{tex_num(e1, 5)} - {tex_num(e0, 5)} = 0.00066")
    # and about 0.01 times the gradient (the MLP's, and a central difference), to O(0.01^2)
    assert tex_num(fd) == tex_num(mlp_gradients(**DEFAULT)["w_o"]) == "0.0657"
    said = captions(scene)
    assert tex_num(0.01 * fd) == "0.000657" and "about 0.01 times ∂E/∂w_o = 0.0657" in said
    assert abs((e1 - e0) - 0.01 * fd) < 1e-4
    # the graph shows the nudged forward pass: E's node reads 0.160, w_o's 1.21; the edges' local
    # derivatives (worked out at w_o = 1.2) are not on screen meanwhile
    assert tex_num(e1) in end and tex_num(1.21) in end
    o = sig(1.2 * sig(0.6 * 1.5 - 0.3) + 0.4)
    assert tex_num(1.2) not in end and tex_num(o * (1 - o)) not in end      # the w_o and O(1 - O) tags
    assert "E moves from 0.15905 to 0.15971" in said and "rate of change" in said
    # the scene (and its poster) ends on the graph as it was: w_o as given, E as before the nudge
    last = shown_texts(scene)
    assert tex_stated(1.2) in last and tex_num(e0) in last and tex_num(e1) not in last and tex_num(1.21) not in last
    for p in ("w_o", "b_o"):
        assert shows_gradient(last, mlp_gradients(**DEFAULT)[p]), p


def test_case2_reuses_case1_and_its_gradients_are_the_mlp_s(tmp_path):
    tr = get_trace("backprop")
    ref = mlp_gradients(**DEFAULT)
    scene = render_small(Case2Probe, tmp_path)
    products = scene.seen["bias-result"]
    for p in ("w_i", "b_i"):
        assert shows_gradient(products, ref[p]), p
    products_reproduce(products)
    texts = shown_texts(scene)
    for p in ("w_i", "b_i", "w_o", "b_o"):                      # the summary lists all four
        assert tex_num(tr["gradients"][p]["gradient"]) == tex_num(ref[p])
        assert shows_gradient(texts, ref[p]), p
    assert "from Case 1" in scene.seen["numbers"]
    assert f"∂E/∂w_i ≈ {tex_num(ref['w_i'])}" in captions(scene)   # 0.102 x 1.2 x 0.229 x 1.5 = 0.0420 by hand
    # the second level of reuse: dE/dmu1 = dE/dmu2 w_o h(1 - h) = dE/db_i (the MLP's), dE/dw_i = that times x
    rule = scene.seen["deeper"]
    h = sig(DEFAULT["w_i"] * DEFAULT["x"] + DEFAULT["b_i"])
    o = sig(DEFAULT["w_o"] * h + DEFAULT["b_o"])
    d2, d1 = (o - 0.2) * o * (1 - o), ref["b_i"]
    assert d1 == pytest.approx(d2 * 1.2 * h * (1 - h))
    level = next(t for t in rule if r"\partial \mu_1}" in t and r"\partial b_i}" in t)
    left = f"{tex_factor(d2)}\\cdot{tex_stated(1.2)}\\cdot{tex_factor(h * (1 - h))}"   # w_o as given
    assert left in level and f" {tex_num(d1)} = " in level
    check_product(level, r"\approx" if r"\approx" in level else "=", left, tex_num(d1))
    # dE/dw_i = dE/dmu1 x while its caption speaks (the general rule takes its place after)
    times_x = next(t for t in scene.seen["recursion"] if t.startswith(r"\frac{\partial E}{\partial w_i}"))
    left = f"{tex_factor(d1)}\\cdot{tex_stated(1.5)}"   # x as given
    assert left in times_x and times_x.endswith(tex_num(ref["w_i"]))
    check_product(times_x, r"\approx" if r"\approx" in times_x else "=", left, tex_num(ref["w_i"]))
    assert any(r"\sigma'(\mu_l)" in t for t in rule)


def test_edge_tags_are_their_own_style_with_hand_local_derivatives(tmp_path):
    """Every edge carries an EdgeTag (a framed number, not a node) whose number is the local derivative
    worked out by hand from the stated inputs."""
    scene = render_small(ComputationGraph, tmp_path)
    tags = [f for m in scene.mobjects for f in m.get_family() if isinstance(f, EdgeTag)]
    h = sig(0.6 * 1.5 - 0.3)
    o = sig(1.2 * h + 0.4)
    # computed ones at 3 digits; the given w_o and x and the constant 1 as they are (1.2, not 1.20)
    by_hand = sorted([tex_num(v) for v in (o - 0.2, o * (1 - o), h, h * (1 - h))] + ["1", "1.2", "1.5", "1"])
    assert sorted(t.number.tex_string for t in tags) == by_hand
    said = captions(scene)
    assert "σ' = σ(1 − σ) from chapter 1" in said


def test_other_inputs_put_other_gradients_on_screen(tmp_path):
    default = mlp_gradients(**DEFAULT)
    ref = mlp_gradients(**OTHER)
    scene = render_small(Case1Probe, tmp_path, **OTHER)
    texts = scene.seen["shared"]
    for p in ("w_o", "b_o"):
        assert shows_gradient(texts, ref[p]) and not shows_gradient(texts, default[p]), p
    assert tex_stated(OTHER["x"]) in texts and tex_stated(OTHER["w_o"]) in texts
    # a negative factor is written in parentheses
    o_minus_y = get_trace("backprop", **OTHER)["gradients"]["w_o"]["values"][0]
    assert o_minus_y < 0 and any(f"= ({tex_num(o_minus_y)})" in t for t in texts)


class WeightUpdateProbe(WeightUpdate):
    """Reads the screen just before the epochs plot replaces the graph."""

    def stale(self, g):
        strokes = super().stale(g)
        self.stale_values = {n: (g.values[n].tex_string, g.values[n].get_color()) for n in
                             ("mu1", "h", "mu2", "O", "E")}
        return strokes

    def epochs(self, old):
        self.after_one_step = shown_texts(self)
        return super().epochs(old)


def one_step_by_hand(lr, **p):
    """theta - lr * gradient with the MLP's gradients, then the MLP's error: independent of the trace."""
    g = mlp_gradients(**p)
    new = {k: p[k] - lr * g[k] for k in g}
    net = MLP([1, 1, 1], activation="sigmoid").set_parameters([[[new["w_i"]]], [[new["w_o"]]]],
                                                                [[new["b_i"]], [new["b_o"]]])
    return new, net.cost([[p["x"]]], [p["y"]])


@pytest.mark.parametrize("lr, epochs", [(0.5, 30), (2.0, 8)])
def test_weight_update_shows_the_step_and_the_falling_error(tmp_path, lr, epochs):
    tr = get_trace("weight-update", lr=lr, epochs=epochs)
    new, error_after = one_step_by_hand(lr, **DEFAULT)
    scene = render_small(WeightUpdateProbe, tmp_path, lr=lr, epochs=epochs)
    mid = scene.after_one_step
    for p, v in new.items():
        assert any(t.endswith((f"= {tex_num(v)}", rf"\approx {tex_num(v)}")) and t.startswith(p) for t in mid), p
    assert tex_num(error_after) == tex_num(tr["step"]["error_after"]) and tex_num(error_after) in mid
    end = shown_texts(scene)
    errors = tr["errors"]
    assert len(errors) == epochs + 1 and errors[-1] < errors[1] < errors[0]
    counters = [f for m in scene.mobjects for f in m.get_family() if isinstance(f, DecimalNumber)]
    assert epochs in [f.get_value() for f in counters if isinstance(f, Integer)]   # the epoch counter
    assert shows_number(counters, errors[-1])
    # why all four fall: O = σ(1.2 σ(0.6·1.5 − 0.3) + 0.4) ≈ 0.764 lies above y = 0.2
    sig = lambda z: 1 / (1 + np.exp(-z))
    o = sig(1.2 * sig(0.6 * 1.5 - 0.3) + 0.4)
    assert all(v < DEFAULT[p] for p, v in new.items())
    assert f"O = {tex_num(o)} is above y = 0.2" in captions(scene) and "averaged" in captions(scene)
    # the old forward values are greyed (stale) once the new weights are in, until the new pass
    from scenes.kit import palette
    hid = sig(0.6 * 1.5 - 0.3)
    old = {"mu1": 0.6 * 1.5 - 0.3, "h": hid, "mu2": 1.2 * hid + 0.4, "O": o, "E": 0.5 * (o - 0.2) ** 2}
    for n, v in old.items():
        text, color = scene.stale_values[n]
        assert text in [tex_num(v, d) for d in (3, 4, 5)] and color.to_hex().upper() == ManimColor(palette.DIM).to_hex().upper(), n
    # O over the epochs, toward y: replayed by hand with the MLP's gradients
    p, outs = dict(DEFAULT), []
    for _ in range(epochs + 1):
        outs.append(sig(p["w_o"] * sig(p["w_i"] * p["x"] + p["b_i"]) + p["b_o"]))
        g = mlp_gradients(**p)
        p = {**p, **{k: p[k] - lr * g[k] for k in g}}
    assert shows_number(counters, outs[-1]) and "y = 0.2" in end
    assert any(t.startswith("O - y = ") for t in end)     # how far O still is from y
    assert f"O = {tex_num(outs[-1])} is still above y = 0.2" in captions(scene)
    assert abs(outs[-1] - 0.2) < abs(outs[0] - 0.2)


# Training runs with fewer snapshots and a coarser map to stay fast.
FAST_TRAINING = {"snapshots": 5, "map_cells": 5}


def test_training_ends_on_the_trace_cost_which_is_below_the_first(tmp_path):
    tr = get_trace("training", **FAST_TRAINING)
    scene = render_small(Training, tmp_path, **FAST_TRAINING)
    first, last = tr["costs"][0], tr["costs"][-1]
    assert last < first
    counters = [f for m in scene.mobjects for f in m.get_family() if isinstance(f, DecimalNumber)]
    assert shows_number(counters, last)                  # the cost counter ends on the trace's last cost
    assert on_screen(scene, rf"{tex_num(first)} \;\longrightarrow\; {tex_num(last)}")


def test_training_length_does_not_grow_with_epochs(tmp_path):
    short = render_small(Training, tmp_path, epochs=300, **FAST_TRAINING)
    long = render_small(Training, tmp_path, epochs=3000, **FAST_TRAINING)
    # Keyframes are sampled, so only reading time differs: a caption that says "3,000"
    # instead of "300" may hold a fraction of a second longer.
    assert abs(short.renderer.time - long.renderer.time) < 0.5
    counters = [f for m in long.mobjects for f in m.get_family() if isinstance(f, DecimalNumber)]
    assert shows_number(counters, get_trace("training", epochs=3000, **FAST_TRAINING)["costs"][-1])
