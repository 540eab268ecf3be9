"""Chapter 3 scenes: they render, the ball stops exactly at the trace's thetas, and what they show
follows their parameters (learning rate, seed, momentum, schedule). One render per test, small inputs."""
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from manim import DecimalNumber, config

from nncore import get_trace
from scenehelp import on_screen, render_small, shown_texts
from scenes.ch3.cost_function import CostFunction
from scenes.ch3.cost_surface import CostSurface
from scenes.ch3.gradient_descent import GradientDescent
from scenes.ch3.learning_rates import LearningRates
from scenes.ch3.momentum_and_schedules import MomentumAndSchedules
from scenes.kit.fmt import num, tex_num

pytestmark = pytest.mark.slow  # every test here builds or renders a scene

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def media(tmp_path_factory):
    """One media folder for the module, so each formula's LaTeX is compiled once."""
    return tmp_path_factory.mktemp("ch3")


def numbers_shown(scene):
    """Every DecimalNumber value on screen at the end."""
    return [f.get_value() for m in scene.mobjects for f in m.get_family() if isinstance(f, DecimalNumber)]


def drawn(scene, group) -> bool:
    """Every part of `group` is on screen at the end (non-empty)."""
    family = {id(f) for m in scene.mobjects for f in m.get_family()}
    return len(group) > 0 and all(id(m) in family for m in group)


def inside_frame(scene, margin=0.5):
    """Every point of every mobject on screen lies within the frame (plus a margin)."""
    w, h = config.frame_width / 2 + margin, config.frame_height / 2 + margin
    pts = [f.points for m in scene.mobjects for f in m.get_family() if len(f.points)]
    return all(np.abs(p[:, 0]).max() <= w and np.abs(p[:, 1]).max() <= h for p in pts)


def cli_trace(name, *args):
    out = subprocess.run([sys.executable, "render.py", "trace", name, "--json", *args], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_cost_function_shows_each_line_and_its_cost_and_follows_the_seed(media):
    scene = render_small(CostFunction, media, seed=3, points=8)
    tr, default = get_trace("cost", seed=3, points=8), get_trace("cost", points=8)
    costs = [l["cost"] for l in tr["lines"]]
    assert min(costs) == costs[-1]   # the closed-form best line, shown last, costs least
    said = " ".join(t for _, t in scene.spoken)
    for c in costs:   # each line's cost is said in its beat; the best line's row stays to the end
        assert num(c) in said
    assert on_screen(scene, f"C = {tex_num(costs[-1])}")
    assert not on_screen(scene, f"C = {tex_num(default['lines'][-1]['cost'])}")
    # backprop's E is not previewed here: O does not exist yet
    assert not any("O - y" in t for t in shown_texts(scene))
    assert inside_frame(scene)
    # by hand from the data: the first line's first gap, its square, the sum of squares (the bar's area)
    x, y = np.array(tr["x"]), np.array(tr["y"])
    first = tr["lines"][0]
    r = first["theta0"] + first["theta1"] * x - y
    # the labelled residual is the point farthest in x from both neighbours (by hand: sorted gaps)
    order = np.argsort(x)
    gaps = np.minimum(np.diff(x[order])[:-1], np.diff(x[order])[1:])
    i = int(order[1 + np.argmax(gaps)])
    assert scene.marked == i
    assert scene.residual_text == rf"\hat y_{{{i + 1}}} - y_{{{i + 1}}} = {tex_num(r[i])}"
    assert scene.square_text == rf"(\hat y_{{{i + 1}}} - y_{{{i + 1}}})^2 = {tex_num(r[i] ** 2)}"
    unit = scene.plot.unit
    area = sum(polygon_area(slab.points) for slab in scene.stacked) / unit ** 2
    assert area == pytest.approx(np.sum(r ** 2), rel=1e-3)
    assert scene.bar_text == tex_num(np.sum(r ** 2))
    # the ending: C over theta1 alone with theta0 at the least-squares value, lowest at the best slope
    b1, b0 = np.polyfit(x, y, 1)
    assert on_screen(scene, rf"\theta_0 = {tex_num(b0)}")
    cut = scene.slice
    low = cut.coords(scene.slice_low.get_center())
    assert low == pytest.approx((b1, np.mean((b0 + b1 * x - y) ** 2) / 2), abs=1e-6)
    ts = np.linspace(b1 - 1, b1 + 1, 7)   # the curve drawn is C(b0, theta1) for theta1 around b1
    for t in ts:
        assert np.interp(t, cut.ts, cut.cs) == pytest.approx(np.mean((b0 + t * x - y) ** 2) / 2, rel=2e-3)
    assert drawn(scene, cut.ticks) and drawn(scene, scene.plot.ticks)   # tick numbers on both plots


def polygon_area(pts):
    """The shoelace area of a closed polygon given by its corner points (in order)."""
    xs, ys = pts[:, 0], pts[:, 1]
    return abs(np.dot(xs, np.roll(ys, -1)) - np.dot(ys, np.roll(xs, -1))) / 2


def test_cost_function_division_reproduces_from_the_sum_shown(media):
    """46.9 / 24 = 1.95, and 1.505 / 24 = 0.0627 where 1.51 / 24 would be 0.0629: the sum is shown
    with the digits the division needs."""
    tr = get_trace("cost")
    x, y = np.array(tr["x"]), np.array(tr["y"])
    scene = CostFunction()
    n = len(x)
    for line in tr["lines"]:
        total = float(np.sum((line["theta0"] + line["theta1"] * x - y) ** 2))
        parts = [p.tex_string for p in scene.calculation(line, n).submobjects]
        shown = float(parts[1])
        assert shown == pytest.approx(total, rel=5e-3)
        assert num(shown / (2 * n)) == num(total / (2 * n))
    best = tr["lines"][-1]
    assert scene.calculation(best, n).submobjects[1].tex_string == "1.505"


def test_gradient_descent_ball_stops_exactly_at_the_trace_thetas(media):
    # lr 0.6 converges in a few steps (a quick render); the CLI prints the very same trace.
    scene = render_small(GradientDescent, media, lr=0.6)
    tr = get_trace("gradient-descent", lr=0.6)
    assert tr == cli_trace("gradient-descent", "--lr", "0.6")
    assert len(scene.keyframes) == len(tr["runs"]) == 2
    for seen, run in zip(scene.keyframes, tr["runs"]):
        assert seen == pytest.approx(run["thetas"][1:], abs=1e-6)
    # another rate, other step counts, and the scene shows them
    default = [r["steps"] for r in get_trace("gradient-descent")["runs"]]
    for i, run in enumerate(tr["runs"]):
        assert run["steps"] != default[i]
        shown = num(run["thetas"][-1])
        sign = "=" if float(shown.replace("−", "-")) == run["thetas"][-1] else "≈"   # ≈ where rounded
        assert on_screen(scene, f"P{i + 1}: θ {sign} {shown} after {run['steps']} steps")
        assert not on_screen(scene, f"after {default[i]} steps")
    # P2 is a second ball beside P1: its first step with numbers (to the left), then both run together
    names = [n for n, _ in scene.spoken]
    assert {"p2-start", "p2-slope", "p2-update", "together"} <= set(names) and "p2-step2" not in names
    said = dict(scene.spoken)
    assert num(6.0 - 0.6 * (6.0 - 3.0)) in said["p2-update"]             # 6 - eta * (6 - 3), by hand
    p1 = tr["runs"][0]
    assert num(p1["thetas"][min(3, p1["steps"])]) in said["p2-start"]    # where P1 waits
    assert drawn(scene, scene.plot.ticks)                               # the axes carry tick numbers
    # the toy cost and its slope are written out, so the slopes on screen can be checked by hand
    assert on_screen(scene, r"C(\theta) = \tfrac12(\theta - 3)^2 + \tfrac12")
    assert on_screen(scene, r"\frac{dC}{d\theta} = \theta - 3")


def test_gradient_descent_with_a_diverging_rate_renders_inside_the_frame(media):
    scene = render_small(GradientDescent, media, lr=2.5)
    assert all(r["diverged"] for r in get_trace("gradient-descent", lr=2.5)["runs"])
    assert scene.keyframes == [[], []]   # the ball left the chart at its first step
    assert inside_frame(scene)


def test_learning_rates_show_the_verdicts_and_the_ball_stops_at_the_trace_thetas(media):
    scene = render_small(LearningRates, media)
    tr = get_trace("learning-rates")
    texts = shown_texts(scene)
    assert [r["verdict"] for r in tr["runs"]] == ["crawls", "converges", "oscillates", "bounces", "diverges"]
    for run, seen in zip(tr["runs"], scene.keyframes):
        assert seen == pytest.approx(run["thetas"][1:1 + len(seen)], abs=1e-6)
    # the too-large side stays to the end: oscillates and converges, bounces forever, diverges
    for words in ("oscillates, converges", "bounces forever", "diverges"):
        assert words in texts
    assert len(scene.keyframes[-1]) < tr["runs"][-1]["steps"] and "off the chart" in texts
    said = dict(scene.spoken)
    assert all(f"{r['steps']} steps" in said[f"eta{i + 1}"] for i, r in enumerate(tr["runs"]) if i != 4
               or not r["diverged"])
    # each step multiplies the distance to the minimum by 1 - eta C'' (C'' = 1): -0.5, -1, -1.2 for 1.5, 2, 2.2
    for factor in (-0.5, -1.0, -1.2):
        assert on_screen(scene, rf"1 - \eta\,C'' = {tex_num(factor)}")
    assert inside_frame(scene)


def test_learning_rate_regimes_by_hand():
    """C = (theta - 3)^2 / 2 + 1/2, so C'' = 1 and theta_k - 3 = (1 - eta)^k (theta_0 - 3): the regimes
    read off the distances themselves, and every panel shares one curve."""
    tr = get_trace("learning-rates")
    for run in tr["runs"]:
        d = [t - 3.0 for t in run["thetas"]]
        assert run["factor"] == pytest.approx(1 - run["lr"])
        assert d[1] == pytest.approx(run["factor"] * d[0]) and d[2] == pytest.approx(run["factor"] * d[1])
    small, right, osc, edge, big = tr["runs"]
    dist = lambda r: [abs(t - 3.0) for t in r["thetas"]]
    sides = lambda r: [np.sign(t - 3.0) for t in r["thetas"]]
    assert all(a * b < 0 for a, b in zip(sides(osc), sides(osc)[1:]))             # flips side every step
    assert all(b < a for a, b in zip(dist(osc), dist(osc)[1:]))                   # ... and shrinks
    assert dist(edge) == pytest.approx([3.0] * len(dist(edge)))                  # the same distance forever
    assert edge["thetas"][:3] == pytest.approx([0.0, 6.0, 0.0])
    assert all(b > a for a, b in zip(dist(big), dist(big)[1:]))                   # grows every step
    assert not osc["diverged"] and not edge["converged"]
    lo, hi = tr["curve"]["domain"]
    assert all(lo <= t <= hi for t in big["thetas"][:3]) and not lo <= big["thetas"][3] <= hi
    for t, c in zip(tr["curve"]["theta"], tr["curve"]["cost"]):
        assert c == pytest.approx(0.5 * (t - 3) ** 2 + 0.5)


def test_learning_rates_follow_lr_and_a_huge_rate_renders(media):
    scene = render_small(LearningRates, media, lr=4.0)   # the given rate itself diverges: gone at once
    tr, default = get_trace("learning-rates", lr=4.0), get_trace("learning-rates")
    counts = [r["steps"] for r in tr["runs"]]
    assert counts != [r["steps"] for r in default["runs"]]
    said = dict(scene.spoken)
    assert all(f"{c} steps" in said[f"eta{i + 1}"] for i, c in enumerate(counts))
    assert tr["runs"][1]["verdict"] == "diverges" and "diverges" in shown_texts(scene)
    assert inside_frame(scene)


def test_momentum_and_schedule_follow_their_parameters(media):
    params = dict(beta=0.7, steps=30, eta_min=0.2, schedule_steps=10)
    scene = render_small(MomentumAndSchedules, media, **params)
    tr = get_trace("momentum", **params)
    # the last beat corrects the article: one global rate over time, not one per parameter
    assert on_screen(scene, "one global rate, changing over time") and on_screen(scene, "Adagrad, RMSProp, Adam")
    shown = numbers_shown(scene)
    assert tr["schedule"]["lrs"][-1] == pytest.approx(0.2) and 0.2 in shown      # eta_t at the last step
    assert len(tr["schedule"]["lrs"]) - 1 in shown and 11 not in shown          # T follows schedule_steps
    assert inside_frame(scene)
    # the little-momentum ball (beta_low = 0.5) ends where a hand-rolled momentum loop ends: in the dip
    from test_traces import _hand_momentum
    hand = _hand_momentum(-1.6, 0.15, 0.5, 30)
    assert scene.plot.coords(scene.balls[2].get_center())[0] == pytest.approx(hand[-1], abs=1e-6)
    assert 0.9 < hand[-1] < 1.3
    said = dict(scene.spoken)
    assert num(hand[-1]) in said["little"] and "beta = 0.5," in said["little"]   # beta as given
    # eta_max = 1.8 held constant on C = (t - 3)^2 / 2 + 1/2: each step multiplies the distance by 1 - 1.8
    assert num(1 - 1.8) in said["constant"]
    assert "random sample" in said["sgd"] and "batch" in said["sgd"]   # what SGD is, said in its own beat


def test_cosine_rate_is_drawn_smooth_and_meets_every_step():
    """eta_t = eta_min + (eta_max - eta_min)(1 + cos(pi t / T)) / 2 by hand: the smooth samples between
    the steps and the rates the steps use are the same function (T = schedule_steps - 1)."""
    sc = get_trace("momentum", eta_max=1.8, eta_min=0.05, schedule_steps=12)["schedule"]
    hand = lambda t: 0.05 + 0.5 * (1.8 - 0.05) * (1 + np.cos(np.pi * t / 11))
    assert sc["smooth"]["eta"] == pytest.approx([hand(t) for t in sc["smooth"]["t"]])
    assert len(sc["smooth"]["t"]) > 10 * len(sc["lrs"])
    assert np.interp(range(12), sc["smooth"]["t"], sc["smooth"]["eta"]) == pytest.approx(sc["lrs"], abs=2e-3)
    assert sc["lrs"] == pytest.approx([hand(t) for t in range(12)])


def test_cost_surface_samples_keyframes_and_ends_on_the_trace(media):
    scene = render_small(CostSurface, media, lr=0.04)
    path = get_trace("cost-surface", lr=0.04)["path"]
    last = len(path["theta0s"]) - 1
    assert last == 300 and scene.keyframes[0] == 0 and scene.keyframes[-1] == last
    assert len(scene.keyframes) <= CostSurface.frames + 1   # the video does not grow with the steps
    shown = numbers_shown(scene)
    for v in (path["theta0s"][-1], path["theta1s"][-1], path["costs"][-1]):
        assert v in shown
    default = get_trace("cost-surface")["path"]
    assert default["theta0s"][-1] not in shown
    assert inside_frame(scene)
    # the first step in numbers: the gradient of C = 1/(2n) sum (θ0 + θ1 x - y)² at the start, by hand
    tr = get_trace("cost-surface", lr=0.04)
    x, y = np.array(tr["x"]), np.array(tr["y"])
    r = -1.0 + 2.0 * x - y   # the start (-1, 2)
    said = dict(scene.spoken)["first-numbers"]
    assert f"({num(r.mean())}, {num((r * x).mean())})" in said and "0.04" in said
    # each ring label sits on its ring: the cost there, by hand from the data, is the number it shows
    tags = scene.ring_tags
    assert len(tags) == 3 and drawn(scene, tags)
    for tag in tags:
        t0, t1 = scene.cmap.coords(tag.get_center())
        by_hand = np.mean((t0 + t1 * x - y) ** 2) / 2
        assert by_hand == pytest.approx(float(tag.tex_string), rel=0.03)
    assert drawn(scene, scene.cmap.ticks)
    assert [n for n, _ in scene.spoken][:3] == ["bowl", "tilt", "map"]
    # the first step on the map stands perpendicular to the ring through the start, on screen: the
    # ring's direction there by hand (the level set of C, from central differences of C itself)
    cost = lambda a, b: np.mean((a + b * x - y) ** 2) / 2
    h = 1e-6
    g = np.array([(cost(-1 + h, 2) - cost(-1 - h, 2)) / (2 * h), (cost(-1, 2 + h) - cost(-1, 2 - h)) / (2 * h)])
    along = np.array([-g[1], g[0]]) * 1e-3        # a short way along the ring (C does not change)
    cm = scene.cmap
    ring_dir = cm.p(-1 + along[0], 2 + along[1]) - cm.p(-1, 2)
    arrow = scene.first_arrow.get_end() - scene.first_arrow.get_start()
    cosine = np.dot(ring_dir, arrow) / np.linalg.norm(ring_dir) / np.linalg.norm(arrow)
    assert abs(cosine) < 0.02
    unit_x = np.linalg.norm(cm.p(1, 0) - cm.p(0, 0))
    assert np.linalg.norm(cm.p(0, 1) - cm.p(0, 0)) == pytest.approx(unit_x, rel=1e-6)   # equal units


def test_gradient_descent_trace_writes_its_toy_cost_out():
    tr = get_trace("gradient-descent")
    toy = tr["toy"]
    assert (toy["a"], toy["centre"], toy["floor"]) == pytest.approx((0.5, 3.0, 0.5))   # C = (θ - 3)²/2 + 1/2
    ts, cs = np.array(tr["curve"]["theta"]), np.array(tr["curve"]["cost"])
    assert cs == pytest.approx(toy["a"] * (ts - toy["centre"]) ** 2 + toy["floor"])
    run = tr["runs"][0]   # the slopes the run used are the finite-difference slopes of that cost: θ - 3
    h = 1e-6
    for t, s in zip(run["thetas"][:3], run["slopes"][:3]):
        fd = ((toy["a"] * (t + h - 3) ** 2) - (toy["a"] * (t - h - 3) ** 2)) / (2 * h)
        assert s == pytest.approx(fd, abs=1e-6) and s == pytest.approx(t - 3, abs=1e-6)


@pytest.mark.parametrize("lo, hi, ticks", [(-1.0, 7.0, (8, 5)), (-2.0, 8.0, (5, 3)), (0.0, 300.0, (3, 3))])
def test_axis_marks_are_the_labelled_values_and_the_arrowheads_small(tmp_path, lo, hi, ticks):
    """Every tick mark carries a number (none unlabelled under an arrow tip: the padding past the last
    number once held one), and an arrowhead is a pointer, far smaller than a tick step."""
    from manim import tempconfig

    from scenehelp import TINY
    from scenes.kit.plots import CostCurve

    with tempconfig({**TINY, "media_dir": str(tmp_path)}):
        ts = np.linspace(lo, hi, 41)
        plot = CostCurve({"theta": ts, "cost": 0.5 * (ts - 3) ** 2 + 0.5}, ticks=ticks)
    ax = plot.axes
    numbers = [float(t.tex_string.replace("\u2212", "-")) for t in plot.ticks]
    for axis, coord in ((ax.x_axis, 0), (ax.y_axis, 1)):
        for mark in axis.ticks:
            value = plot.coords(mark.get_center())[coord]
            assert any(abs(value - v) < 1e-6 for v in numbers), value
            assert mark.get_center()[coord] < axis.tip.get_center()[coord] - 0.1   # nothing under the tip
        assert max(axis.tip.width, axis.tip.height) <= 0.2
