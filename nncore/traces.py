"""The named traces behind the scenes: one function per scene, plain JSON-able dicts.

Scenes and `render.py trace NAME` call the same functions, so what a video
shows is exactly what the trace prints. Defaults are the article's inputs
(or, where the article gives none, stated example values).
"""
from __future__ import annotations

import dataclasses
import math

import numpy as np

from . import approximation as _approx
from . import backprop as _backprop
from . import data, descent, neuron, regression, shapes
from .activations import ACTIVATIONS
from .network import MLP, count_parameters
from .training import snapshot_epochs, train


def _plain(obj):
    """Dataclasses, tuples and numpy values to dicts, lists and Python numbers."""
    if dataclasses.is_dataclass(obj):
        return _plain(dataclasses.asdict(obj))
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    if isinstance(obj, np.generic):
        return obj.item()
    return obj


def _positive(name, value):
    if not (isinstance(value, (int, float)) and math.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be a positive number, got {value!r}")
    return float(value)


def _layers(layers):
    layers = [int(v) for v in layers]
    if len(layers) < 2 or any(v < 1 for v in layers):
        raise ValueError(f"layers must be two or more sizes of at least 1, got {','.join(map(str, layers))}")
    return layers


# -- chapter 1: the neuron ------------------------------------------------------
def neuron_firing(inputs=None, threshold=40.0) -> shapes.NeuronFiringTrace:
    """The threshold neuron; without `inputs`, the article's two cases (sums 30 and 50)."""
    cases = [inputs] if inputs is not None else [(10.0, 20.0), (20.0, 30.0)]
    for c in cases:
        if len(c) != 2:
            raise ValueError(f"the neuron has two inputs, got {len(c)}")
    return {"threshold": float(threshold),
            "cases": [_plain(neuron.threshold_neuron(c, threshold)) for c in cases]}


def perceptron(inputs=(1.0, 0.5, 0.8), weights=(0.6, -0.4, 0.9), bias=-0.5) -> shapes.PerceptronTrace:
    """The same perceptron with a step and with a sigmoid activation."""
    if len(inputs) != len(weights):
        raise ValueError(f"{len(inputs)} inputs but {len(weights)} weights; give one weight per input")
    return {act: _plain(neuron.perceptron(inputs, weights, bias, act)) for act in ("step", "sigmoid")}


def activations(z_min=-5.0, z_max=5.0, samples=101, stops=(-3.0, -1.0, 0.0, 1.0, 3.0)) -> shapes.ActivationsTrace:
    """Each activation and its derivative sampled over z, plus a few stops for a moving dot."""
    z = np.linspace(z_min, z_max, samples)
    out = {}
    for name in ("sigmoid", "tanh", "relu", "step"):
        a = ACTIVATIONS[name]
        out[name] = {"range": a.range, "z": z.tolist(), "a": a.fn(z).tolist(), "da": a.prime(z).tolist(),
                     "stops": [{"z": s, "a": float(a.fn(s)), "da": float(a.prime(s))} for s in stops]}
    return out


def bias(w=1.0, weights=(0.5, 1.0, 2.0), biases=(-2.0, 0.0, 2.0), x_min=-6.0, x_max=6.0, samples=61,
         threshold=40.0) -> shapes.BiasTrace:
    """y = w x through the origin for several w; y = w x + b and sigma(w x + b) for several b.

    `threshold` is the firing neuron's (chapter 1): x1 + x2 > threshold is x1 + x2 + b > 0 with b = -threshold."""
    if w == 0:
        raise ValueError("w must not be 0 (the sigmoid's midpoint -b/w would not exist)")
    sig = ACTIVATIONS["sigmoid"].fn
    xs = np.linspace(x_min, x_max, samples)
    return {
        "w": float(w),
        "lines": [{"w": float(v), "points": [[x_min, v * x_min], [x_max, v * x_max]]} for v in weights],
        "shifted": [{"b": float(b), "points": [[x_min, w * x_min + b], [x_max, w * x_max + b]],
                     "crosses_zero_at": -float(b) / w} for b in biases],
        "sigmoids": [{"b": float(b), "midpoint": -float(b) / w, "x": xs.tolist(), "a": sig(w * xs + b).tolist()}
                     for b in biases],
        "threshold": {"threshold": float(threshold), "bias": -float(threshold)},
    }


# -- chapter 2: the network -----------------------------------------------------
GROWTH_EXAMPLES = ([2, 4, 1], [2, 8, 1], [2, 16, 1], [2, 16, 16, 1], [2, 16, 16, 16, 1], [784, 100, 10])


def parameter_count(layers=(2, 4, 1)) -> shapes.ParameterCountTrace:
    layers = _layers(layers)
    net = MLP(layers)
    breakdown = [{"n_in": a, "n_out": b, "weights": w, "biases": bb, "total": w + bb}
                 for (a, b), (w, bb) in zip(zip(layers, layers[1:]), net.parameter_breakdown())]
    widths = [1, 2, 4, 8, 16, 32]
    ws = np.linspace(widths[0], widths[-1], 125)
    return {
        "layers": layers,
        "breakdown": breakdown,
        "total": net.parameter_count(),
        "examples": [{"layers": l, "count": count_parameters(l)} for l in GROWTH_EXAMPLES],
        # 2-w-w-1 grows like w^2 in width; 2-8-...-8-1 grows linearly in depth.
        "by_width": [{"width": w, "count": count_parameters([2, w, w, 1]),
                      # the w x w weights between the two hidden layers: where w^2 comes from
                      "hidden_to_hidden": w * w} for w in widths],
        # count(2w) / count(w) between neighbouring widths: tends to 4 as w^2 takes over
        "width_ratios": [count_parameters([2, 2 * w, 2 * w, 1]) / count_parameters([2, w, w, 1]) for w in widths[:-1]],
        # the count as a smooth function of w (the same formula between the integers), and 2^w beside it
        "width_curve": {"w": ws.tolist(), "count": (3 * ws + (ws * ws + ws) + (ws + 1)).tolist(),  # 2-w-w-1
                        "exponential": (2.0 ** ws).tolist()},
        "by_depth": [{"hidden_layers": d, "count": count_parameters([2] + [8] * d + [1])}
                     for d in range(1, 7)],
        # what one more 8-wide hidden layer adds: 8 * 8 weights + 8 biases, the same every time
        "depth_step": {"width": 8, "added": count_parameters([8, 8])},
    }


def forward_pass(layers=(2, 4, 1), seed=0, inputs=(1.0, 0.5)) -> shapes.ForwardPassTrace:
    layers = _layers(layers)
    if len(inputs) != layers[0]:
        raise ValueError(f"the network has {layers[0]} inputs, got {len(inputs)} values")
    net = MLP(layers, activation="sigmoid", seed=seed)
    tr = net.forward(np.asarray(inputs, dtype=float)[None, :])
    return {"layers": layers, "seed": seed, "activation": net.activation,
            "weights": [W.tolist() for W in net.weights], "biases": [b.tolist() for b in net.biases],
            "zs": [z[0].tolist() for z in tr.zs], "activations": [a[0].tolist() for a in tr.activations],
            # products[l][j][i] = w_ij * a_i: the terms of z_j in layer l, before the bias
            "products": [(W * a[0][:, None]).T.tolist() for W, a in zip(net.weights, tr.activations)],
            "output": tr.output[0].tolist()}


TRAINING_MAX_WIDTH = 32


def training(layers=(2, 4, 1), epochs=300, lr=2.0, momentum=0.9, seed=0, snapshots=12, map_cells=32) -> shapes.TrainingTrace:
    """XOR-like points learned by full-batch descent; costs every epoch, a few snapshots.

    Each snapshot also holds the network's output on a map_cells x map_cells grid over the
    input square (a decision map, row by row from the bottom) and how many training
    points it classifies right (output above 0.5 where the label is 1, below where it is 0)."""
    layers = _layers(layers)
    if layers[0] != 2 or layers[-1] != 1:
        raise ValueError("the training data has 2 inputs and 1 output: layers must start with 2 and end with 1")
    if max(layers) > TRAINING_MAX_WIDTH:  # 16 points need no more; wider only makes training slow
        raise ValueError(f"hidden layers of the training scene have at most {TRAINING_MAX_WIDTH} neurons")
    lr = _positive("lr", lr)
    cells = int(map_cells)
    if cells < 1:
        raise ValueError(f"map_cells must be at least 1, got {map_cells}")
    X, y = data.xor_points(seed=seed)
    net = MLP(layers, activation="sigmoid", seed=seed)
    tr = train(net, X, y, epochs=int(epochs), lr=lr, momentum=momentum,
               snapshots=snapshot_epochs(int(epochs), snapshots))
    out = {"X": X.tolist(), "y": y.tolist(), **_plain(tr)}
    half = float(np.abs(X - 0.5).max()) + 0.1  # a square around the four corners, with a margin
    lo, hi = 0.5 - half, 0.5 + half
    centres = lo + (np.arange(cells) + 0.5) * (hi - lo) / cells
    grid = np.array([[u, v] for v in centres for u in centres])
    probe = MLP(layers, activation="sigmoid")
    for shot in out["snapshots"]:
        probe.set_parameters(shot["weights"], shot["biases"])
        shot["map"] = probe.predict(grid)[:, 0].tolist()
        shot["correct"] = int(np.sum((np.asarray(shot["predictions"])[:, 0] > 0.5) == (y > 0.5)))
    out["map"] = {"lo": lo, "hi": hi, "cells": cells, "centres": centres.tolist()}
    start = np.asarray(out["snapshots"][0]["predictions"])[:, 0]
    out["start_outputs"] = {"lo": float(start.min()), "hi": float(start.max())}  # the untrained guesses
    out["rises"] = int(np.sum(np.diff(out["costs"]) > 0))  # epochs after which the cost went up (momentum)
    return out


def approximation(widths=(1, 2, 4, 8, 16), target="wave", seed=0) -> shapes.ApproximationTrace:
    return _plain(_approx.fit_widths(widths=widths, target=target, seed=seed))


# -- chapter 3: learning -----------------------------------------------------------
def cost(seed=0, points=12, slice_span=1.0, slice_samples=61) -> shapes.CostTrace:
    """Candidate lines through a scatter, each with its residuals and cost; the best line last.

    `slice`: C as a function of theta1 alone, theta0 held at its best value, over the best theta1
    +- slice_span (the one-parameter curve that gradient descent walks down)."""
    x, y = data.linear_points(n=points, seed=seed)
    best = regression.best_fit(x, y)
    candidates = [(y.mean(), 0.0), (best[0] + 1.5, best[1] - 0.35), (best[0] - 1.0, best[1] + 0.3), best]
    lines = []
    for t0, t1 in candidates:
        yhat = regression.predict(t0, t1, x)
        r = yhat - y
        # C = sum_squares / (2n): the scene shows both numbers
        lines.append({"theta0": float(t0), "theta1": float(t1), "predictions": yhat.tolist(),
                      "residuals": r.tolist(), "squares": (r ** 2).tolist(), "sum_squares": float(np.sum(r ** 2)),
                      "cost": regression.cost(t0, t1, x, y)})
    t1s = np.linspace(best[1] - slice_span, best[1] + slice_span, int(slice_samples))
    cut = {"theta0": best[0], "minimum": best[1], "theta": t1s.tolist(),
           "cost": [regression.cost(best[0], t1, x, y) for t1 in t1s]}
    return {"x": x.tolist(), "y": y.tolist(), "n": len(x), "lines": lines,
            "best": {"theta0": best[0], "theta1": best[1], "cost": regression.cost(best[0], best[1], x, y)},
            "slice": cut}


def _curve_samples(name, samples=121, domain=None):
    c = descent.curve(name)
    domain = domain or c.domain
    ts = np.linspace(*domain, samples)
    return {"name": c.name, "domain": [float(d) for d in domain], "minimum": c.minimum,
            "theta": ts.tolist(), "cost": [c.cost(t) for t in ts]}


def gradient_descent(lr=0.3, starts=(0.0, 6.0), steps=30) -> shapes.GradientDescentTrace:
    """The ball on the parabola from P1 (left of the minimum) and P2 (right).

    Each run stops early once the slope is below 0.001 (converged), so `steps` is an upper bound."""
    lr = _positive("lr", lr)
    c = descent.curve("parabola")
    m = c.minimum
    # the toy cost written out, C = a (theta - m)^2 + floor, so its slope 2a (theta - m) can be checked
    toy = {"a": c.cost(m + 1.0) - c.cost(m), "centre": m, "floor": c.cost(m)}
    return {"curve": _curve_samples("parabola"), "lr": lr, "toy": toy,
            "runs": [_plain(descent.descend("parabola", s, lr, steps)) for s in starts]}


def classify_run(run: dict) -> str:
    """In words: how a descent run went (for the learning-rate comparison)."""
    if run["diverged"] or run["costs"][-1] > run["costs"][0]:
        return "diverges"
    slopes = run["slopes"]
    crossings = sum(1 for a, b in zip(slopes, slopes[1:]) if a * b < 0)
    if run["converged"]:
        return "oscillates" if crossings > 2 else "converges"
    return "oscillates" if crossings > 2 else "crawls"


# the three regimes of a rate too large, as eta * C'': each step multiplies the distance to the minimum by
# 1 - eta C'' = -0.5 (flips side, shrinks: oscillates and converges), -1 (bounces forever), -1.2 (grows)
TOO_LARGE = (1.5, 2.0, 2.2)


def lr_verdict(run: dict, factor: float) -> str:
    """How a run on the parabola goes, from the factor 1 - eta C'' its distance to the minimum is
    multiplied by each step (a rate too small or right is told by the run itself)."""
    if abs(abs(factor) - 1.0) < 1e-9:
        return "bounces"
    if abs(factor) > 1.0:
        return "diverges"
    if factor < 0:
        return "oscillates"
    return classify_run(run)


def learning_rates(lr=0.5, start=0.0, steps=15) -> shapes.LearningRatesTrace:
    """A rate ten times too small, the given rate, and the three regimes of a rate too large (TOO_LARGE,
    set by the curvature): oscillates and converges, bounces forever, diverges. Every panel shares one
    curve (one scale), wide enough for the diverging run's first three points."""
    lr = _positive("lr", lr)
    runs = []
    c = descent.curve("parabola")
    curvature = c.slope(c.minimum + 1.0) - c.slope(c.minimum)   # C'' (constant on a parabola)
    rates = [lr / 10, lr] + [k / curvature for k in TOO_LARGE]
    for eta in rates:
        run = _plain(descent.descend("parabola", start, eta, steps))
        run["lr"] = eta
        # each step multiplies the distance to the minimum by this (|factor| > 1: every jump lands further out)
        run["factor"] = 1.0 - eta * curvature
        run["verdict"] = lr_verdict(run, run["factor"])
        runs.append(run)
    reach = max(abs(t - c.minimum) for t in runs[-1]["thetas"][:3])
    half = max(math.ceil(1.1 * reach), (c.domain[1] - c.domain[0]) / 2)
    return {"curve": _curve_samples("parabola", domain=(c.minimum - half, c.minimum + half)),
            "curvature": curvature, "start": float(start), "steps": int(steps), "runs": runs}


def momentum(lr=0.15, beta=0.8, start=-1.6, steps=40, eta_max=1.8, eta_min=0.05, schedule_steps=12,
             beta_low=0.5) -> shapes.MomentumTrace:
    """Plain descent stops in the bumpy curve's shallow dip; momentum may carry past it: with beta it
    escapes, with the smaller beta_low ("momentum_low", the same start) it stays in the dip.

    Then a cosine schedule on the parabola: big steps first, small at the end. eta_max is
    large enough to jump across the minimum; the same rate held constant ("constant") is
    still bouncing after schedule_steps, while the decaying rate settles."""
    lr = _positive("lr", lr)
    eta_max, eta_min = _positive("eta_max", eta_max), _positive("eta_min", eta_min)
    sched = descent.cosine_schedule(eta_max, eta_min, schedule_steps)
    T = max(int(schedule_steps) - 1, 1)
    bowl = descent.curve("parabola")
    curvature = bowl.slope(bowl.minimum + 1.0) - bowl.slope(bowl.minimum)
    return {
        "curve": _curve_samples("bumpy"),
        "lr": lr, "beta": beta, "beta_low": beta_low,
        "plain": _plain(descent.descend("bumpy", start, lr, steps)),
        "momentum": _plain(descent.descend("bumpy", start, lr, steps, momentum=beta)),
        "momentum_low": _plain(descent.descend("bumpy", start, lr, steps, momentum=beta_low)),
        "schedule": {"eta_max": eta_max, "eta_min": eta_min, "lrs": sched,
                     # the same rate between the steps too: eta_t drawn as the smooth curve it is
                     "smooth": {"t": np.linspace(0, T, 121).tolist(),
                                "eta": [descent.cosine_rate(eta_max, eta_min, T, t) for t in np.linspace(0, T, 121)]},
                     "curve": _curve_samples("parabola"),
                     # C'' of the parabola, and what one constant step at eta_max multiplies the distance to
                     # the minimum by: 1 - eta_max C'' (near -1: near-unstable; a rate of 1 / C'' lands at once)
                     "curvature": curvature, "factor": 1.0 - eta_max * curvature,
                     "run": _plain(descent.descend("parabola", 0.0, sched, schedule_steps)),
                     "constant": _plain(descent.descend("parabola", 0.0, eta_max, schedule_steps))},
    }


def cost_surface(seed=0, points=12, lr=0.05, steps=300, start=(-1.0, 2.0)) -> shapes.CostSurfaceTrace:
    """The regression cost over (theta0, theta1) on a grid, and the 2-D descent path across it.

    The grid spans the best fit +-3.5 in theta0 and +-1.2 in theta1 and the start, widened to
    round numbers (steps of 1 and 0.5); rows of `grid` follow theta1s, columns theta0s."""
    lr = _positive("lr", lr)

    def _nice_span(lo, hi, step):  # [lo, hi] widened to multiples of step: round axis ticks
        return math.floor(lo / step + 1e-9) * step, math.ceil(hi / step - 1e-9) * step

    x, y = data.linear_points(n=points, seed=seed)
    best = regression.best_fit(x, y)
    t0s = np.linspace(*_nice_span(min(best[0] - 3.5, start[0]), max(best[0] + 3.5, start[0]), 1.0), 41)
    t1s = np.linspace(*_nice_span(min(best[1] - 1.2, start[1]), max(best[1] + 1.2, start[1]), 0.5), 41)
    return {"x": x.tolist(), "y": y.tolist(), "best": list(best),
            "theta0s": t0s.tolist(), "theta1s": t1s.tolist(),
            "grid": regression.cost_grid(x, y, t0s, t1s).tolist(),
            "path": _plain(descent.descend_regression(x, y, start, lr, steps))}


# -- chapter 4: backpropagation -----------------------------------------------------
def backprop(x=1.5, y=0.2, w_i=0.6, b_i=-0.3, w_o=1.2, b_o=0.4, lr=0.5, nudge=0.01) -> shapes.BackpropTrace:
    """The chain's forward and backward pass; `nudge` is the step of the check that w_o + nudge
    moves E by about nudge * dE/dw_o (a real forward pass with the nudged weight)."""
    lr = _positive("lr", lr)
    return _plain(_backprop.backprop_chain(x, y, w_i, b_i, w_o, b_o, lr, nudge))


def weight_update(x=1.5, y=0.2, w_i=0.6, b_i=-0.3, w_o=1.2, b_o=0.4, lr=0.5, epochs=30) -> shapes.WeightUpdateTrace:
    """One hand-worked update (`step`), then `epochs` epochs by the same rule on the same chain:
    `errors[k]` is E after k epochs, so `errors[1]` is `step["error_after"]`; `outputs[k]` is O after
    k epochs, from the chain's own forward pass replayed step by step (O moving toward y)."""
    if int(epochs) != epochs or epochs < 1:
        raise ValueError(f"epochs must be a whole number of at least 1, got {epochs!r}")
    first = backprop(x, y, w_i, b_i, w_o, b_o, lr)
    net = MLP([1, 1, 1], activation="sigmoid").set_parameters([[[w_i]], [[w_o]]], [[b_i], [b_o]])
    tr = train(net, [[x]], [y], epochs=int(epochs), lr=lr, snapshots=[])
    outputs, params, p = [], [], dict(w_i=w_i, b_i=b_i, w_o=w_o, b_o=b_o)
    for _ in range(int(epochs) + 1):
        b = _backprop.backprop_chain(x, y, **p, lr=lr)
        outputs.append(b.nodes["O"])
        params.append({k: float(v) for k, v in p.items()})   # params[k]: the parameters after k epochs
        p = b.updated
    return {"step": first, "errors": tr.costs, "outputs": outputs, "params": params, "y": float(y),
            "final": {"w_i": net.weights[0].item(), "b_i": net.biases[0].item(),
                      "w_o": net.weights[1].item(), "b_o": net.biases[1].item()}}


TRACES = {
    "neuron-firing": neuron_firing,
    "perceptron": perceptron,
    "activations": activations,
    "bias": bias,
    "parameter-count": parameter_count,
    "forward-pass": forward_pass,
    "training": training,
    "approximation": approximation,
    "cost": cost,
    "gradient-descent": gradient_descent,
    "learning-rates": learning_rates,
    "momentum": momentum,
    "cost-surface": cost_surface,
    "backprop": backprop,
    "weight-update": weight_update,
}


def get_trace(name: str, **params) -> dict:
    try:
        fn = TRACES[name]
    except KeyError:
        raise ValueError(f"unknown trace {name!r}; choose one of: {', '.join(TRACES)}") from None
    return fn(**params)
