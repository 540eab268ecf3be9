"""Exercises to do by hand, drawn from a seed, each worked through by the functions the scenes use.

An exercise is plain data: the values printed in its question (`given`), its worked `steps` and the
names of the steps that are its answer. A step computes one named value from named values printed
before it (`uses`: given values or earlier steps) by one of the operations in `OPS`; its `value`
comes from nncore (the trace functions behind the scenes), and `OPS` says what a pupil does with
the printed numbers, so a worksheet can show "=" or "≈" honestly and a test can redo every step.

Inputs have at most two significant digits (`INPUT_DIGITS`). A draw is kept only when a pupil who
writes every intermediate to 3 significant figures gets every step's result to the same 3
significant figures as the exact computation (`unambiguous`): the answer key can't differ from
careful hand work in the last digit.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

import numpy as np

from . import descent, neuron, regression
from .activations import sigmoid, sigmoid_prime
from .backprop import backprop_chain
from .network import MLP, count_parameters, layer_parameter_count

DIGITS = 3            # significant figures of every computed value, as the scenes show them
INPUT_DIGITS = 2      # significant figures of a printed input at most
MAX_DRAWS = 500       # draws tried for one unambiguous exercise (a few are rejected at most)


def round_sig(value: float, digits: int = DIGITS) -> float:
    """`value` to `digits` significant figures: what a pupil writes down for an intermediate."""
    if value == 0 or not math.isfinite(value):
        return float(value)
    return round(float(value), digits - 1 - math.floor(math.log10(abs(value))))


# What each operation does with the values named in `uses`, in that order.
OPS = {
    "add": lambda *v: math.fsum(v),
    "sub": lambda a, b: a - b,
    "mul": lambda *v: math.prod(v),
    "div": lambda a, b: a / b,
    "square": lambda r: r * r,
    "dot": lambda *v: math.fsum(v[i] * v[i + 1] for i in range(0, len(v), 2)),          # w1 x1 + w2 x2 ...
    "affine": lambda *v: math.fsum(v[i] * v[i + 1] for i in range(0, len(v) - 1, 2)) + v[-1],  # ... + b
    "line": lambda t0, t1, x: t0 + t1 * x,                                               # theta0 + theta1 x
    "exp_neg": lambda z: math.exp(-z),
    "recip_1p": lambda u: 1.0 / (1.0 + u),                                               # 1 / (1 + e^-z)
    "sigmoid": lambda z: 1.0 / (1.0 + math.exp(-z)),
    "s_1ms": lambda s: s * (1.0 - s),                                                    # sigma (1 - sigma)
    "step": lambda z: 1.0 if z > 0 else 0.0,
    "gt": lambda a, b: 1.0 if a > b else 0.0,
    "layer": lambda n_in, n_out: n_in * n_out + n_out,
    "half_mean": lambda s, n: s / (2 * n),                                               # sum / (2n)
    "update": lambda p, eta, g: p - eta * g,
}
EXACT_OPS = {"step", "gt"}  # yes/no results: shown as words, never rounded


@dataclass
class Step:
    name: str
    op: str
    uses: list[str]
    value: float


@dataclass
class Exercise:
    kind: str
    scene: str                 # the scene whose computation it repeats
    given: dict                # name -> printed value
    steps: list[Step]
    answer: list[str]          # the steps whose values answer the question
    extra: dict = field(default_factory=dict)   # display facts: e.g. a shape's layer count

    def values(self) -> dict:
        return {**self.given, **{s.name: s.value for s in self.steps}}

    def to_dict(self) -> dict:
        return asdict(self)


def evaluate(op: str, operands) -> float:
    return float(OPS[op](*[float(v) for v in operands]))


EXACT_DIGITS = 4      # a computed value with at most this many significant figures is written exactly (12.25)


def short(value: float) -> bool:
    """Whether the value has at most EXACT_DIGITS significant figures (up to float noise: 2.4 - 3)."""
    return math.isclose(round_sig(value, EXACT_DIGITS), value, rel_tol=1e-9, abs_tol=1e-12)


def written(value: float) -> float:
    """A computed value as the worksheet writes it (and a pupil keeps it): exact when it is `short`,
    otherwise to DIGITS significant figures."""
    return round_sig(value, EXACT_DIGITS) if short(value) else round_sig(value)


def _hand(values: dict, ex: Exercise, name: str) -> float:
    """A value as a pupil has it on paper: inputs exact, computed values as `written`."""
    return values[name] if name in ex.given else written(values[name])


def _tie(value: float) -> bool:
    """Half way between two 3-significant-figure numbers (0.2475): rounded half up by one pupil and
    half to even by another (or by binary floating point, which holds 0.2475 as 0.24749999...)."""
    if value == 0 or not math.isfinite(value):
        return False
    q = abs(value) / 10 ** (math.floor(math.log10(abs(value))) - DIGITS + 1)
    return abs(q - math.floor(q) - 0.5) < 1e-6


def unambiguous(ex: Exercise) -> bool:
    """Every step rounds like the exact one, and never from a tie, when redone by hand two ways: from
    the answer key's printed intermediates, and from the pupil's own (each written as `written`)."""
    values = ex.values()
    own = dict(ex.given)
    for s in ex.steps:
        from_key = evaluate(s.op, [_hand(values, ex, u) for u in s.uses])
        from_own = evaluate(s.op, [own[u] for u in s.uses])
        own[s.name] = written(from_own)
        for by_hand in (from_key, from_own):
            if s.op in EXACT_OPS:
                if by_hand != s.value:
                    return False
            elif not short(s.value) and (round_sig(by_hand) != round_sig(s.value) or _tie(by_hand)
                                         or _tie(s.value)):
                return False
    return True


def _check(ex: Exercise) -> Exercise:
    """nncore's values must be what the operations give from the exact operands (the steps say
    what is computed; a wrong `uses` list would print a step that does not hold)."""
    values = ex.values()
    for s in ex.steps:
        want = evaluate(s.op, [values[u] for u in s.uses])
        if not math.isclose(want, s.value, rel_tol=1e-9, abs_tol=1e-12):
            raise AssertionError(f"{ex.kind}: step {s.name} is {s.value}, its operation gives {want}")
    return ex


# -- inputs a pupil can work with --------------------------------------------------------------------
def _tenths(rng, lo: float, hi: float, nonzero=False) -> float:
    """A number with one decimal in [lo, hi]."""
    while True:
        v = int(rng.integers(round(lo * 10), round(hi * 10) + 1)) / 10
        if not (nonzero and v == 0):
            return v


# -- one generator per kind ----------------------------------------------------------------------------
def neuron_fire(rng) -> Exercise:
    x1, x2 = (5 * int(rng.integers(0, 13)) for _ in range(2))
    threshold = 5 * int(rng.integers(4, 17))
    if x1 + x2 == threshold:
        return None  # "passes the threshold" is strict: a tie teaches nothing
    tr = neuron.threshold_neuron([x1, x2], threshold)
    return Exercise("neuron", "neuron-firing", {"x1": x1, "x2": x2, "threshold": threshold},
                    [Step("total", "add", ["x1", "x2"], tr.total),
                     Step("fires", "gt", ["total", "threshold"], float(tr.fired))], ["fires"])


def perceptron(rng) -> Exercise:
    xs = [_tenths(rng, 0, 1) for _ in range(3)]
    ws = [_tenths(rng, -1, 1, nonzero=True) for _ in range(3)]
    b = _tenths(rng, -1, 1)
    tr = neuron.perceptron(xs, ws, b, "step")
    if abs(tr.z) < 0.05:
        return None  # the step's verdict should not hang on a rounding
    given = {**{f"x{i + 1}": x for i, x in enumerate(xs)}, **{f"w{i + 1}": w for i, w in enumerate(ws)}, "b": b}
    return Exercise("perceptron", "perceptron", given,
                    [Step("s", "dot", ["w1", "x1", "w2", "x2", "w3", "x3"], tr.weighted_sum),
                     Step("z", "add", ["s", "b"], tr.z),
                     Step("a", "step", ["z"], tr.output)], ["z", "a"])


def sigmoid_slope(rng) -> Exercise:
    z = _tenths(rng, -3, 3)
    s, d = float(sigmoid(z)), float(sigmoid_prime(z))
    return Exercise("sigmoid", "activation-functions", {"z": z},
                    [Step("u", "exp_neg", ["z"], math.exp(-z)),
                     Step("s", "recip_1p", ["u"], s),
                     Step("d", "s_1ms", ["s"], d)], ["s", "d"])


def forward_221(rng) -> Exercise:
    x = [_tenths(rng, -1, 1, nonzero=True) for _ in range(2)]
    W1 = [[_tenths(rng, -1, 1, nonzero=True) for _ in range(2)] for _ in range(2)]   # W1[i][j]: input i -> j
    b1 = [_tenths(rng, -1, 1) for _ in range(2)]
    W2 = [[_tenths(rng, -2, 2, nonzero=True)] for _ in range(2)]
    b2 = [_tenths(rng, -1, 1)]
    net = MLP([2, 2, 1], activation="sigmoid").set_parameters([W1, W2], [b1, b2])
    tr = net.forward(np.array([x]))
    z1, h, z2, out = tr.zs[0][0], tr.activations[1][0], tr.zs[1][0][0], tr.output[0][0]
    given = {"x1": x[0], "x2": x[1], "w11": W1[0][0], "w21": W1[1][0], "w12": W1[0][1], "w22": W1[1][1],
             "b1": b1[0], "b2": b1[1], "v1": W2[0][0], "v2": W2[1][0], "c": b2[0]}
    return Exercise("forward", "forward-pass", given,
                    [Step("z1", "affine", ["w11", "x1", "w21", "x2", "b1"], z1[0]),
                     Step("h1", "sigmoid", ["z1"], h[0]),
                     Step("z2", "affine", ["w12", "x1", "w22", "x2", "b2"], z1[1]),
                     Step("h2", "sigmoid", ["z2"], h[1]),
                     Step("z3", "affine", ["v1", "h1", "v2", "h2", "c"], z2),
                     Step("o", "sigmoid", ["z3"], out)], ["o"])


def parameter_count(rng) -> Exercise:
    sizes = [int(rng.integers(1, 7))] + [int(rng.integers(2, 10)) for _ in range(int(rng.integers(1, 3)))] \
        + [int(rng.integers(1, 5))]
    given = {f"n{i}": n for i, n in enumerate(sizes)}
    steps = [Step(f"p{l + 1}", "layer", [f"n{l}", f"n{l + 1}"], float(layer_parameter_count(a, b)))
             for l, (a, b) in enumerate(zip(sizes, sizes[1:]))]
    steps.append(Step("total", "add", [s.name for s in steps], float(count_parameters(sizes))))
    return Exercise("count", "parameter-count", given, steps, ["total"], {"layers": len(sizes)})


def residual_cost(rng) -> Exercise:
    xs = sorted(int(v) for v in rng.choice(7, size=4, replace=False))
    ys = [int(rng.integers(0, 10)) for _ in xs]
    t0 = int(rng.integers(-2, 4))
    t1 = float(rng.choice([-0.5, 0.5, 1.0, 1.5, 2.0]))
    yhat = regression.predict(t0, t1, xs)
    r = yhat - np.asarray(ys, float)
    given = {"theta0": t0, "theta1": t1, "n": len(xs),
             **{f"x{i + 1}": x for i, x in enumerate(xs)}, **{f"y{i + 1}": y for i, y in enumerate(ys)}}
    steps = []
    for i in range(len(xs)):
        k = i + 1
        steps += [Step(f"yhat{k}", "line", ["theta0", "theta1", f"x{k}"], float(yhat[i])),
                  Step(f"r{k}", "sub", [f"yhat{k}", f"y{k}"], float(r[i])),
                  Step(f"sq{k}", "square", [f"r{k}"], float(r[i] ** 2))]
    steps += [Step("S", "add", [f"sq{i + 1}" for i in range(len(xs))], float(np.sum(r ** 2))),
              Step("C", "half_mean", ["S", "n"], regression.cost(t0, t1, xs, ys))]
    return Exercise("cost", "cost-function", given, steps, ["C"], {"points": len(xs)})


def descent_steps(rng) -> Exercise:
    curve = descent.curve("parabola")   # the gradient-descent scene's C = 0.5 (theta - 3)^2 + 0.5
    start = _tenths(rng, -1, 7)
    eta = _tenths(rng, 0.1, 0.9)
    if start == curve.minimum:
        return None
    run = descent.descend("parabola", start, eta, 2)
    if run.steps < 2:
        return None
    a = curve.cost(curve.minimum + 1) - curve.cost(curve.minimum)  # C = a (theta - m)^2 + floor
    given = {"theta0": start, "eta": eta, "m": curve.minimum, "a": a, "floor": curve.cost(curve.minimum)}
    if not math.isclose(2 * a, 1.0):  # the printed slope C'(theta) = theta - m assumes 2a = 1
        raise AssertionError("the parabola's slope is no longer theta - m")
    return Exercise("descent", "gradient-descent", given,
                    [Step("g0", "sub", ["theta0", "m"], run.slopes[0]),
                     Step("theta1", "update", ["theta0", "eta", "g0"], run.thetas[1]),
                     Step("g1", "sub", ["theta1", "m"], run.slopes[1]),
                     Step("theta2", "update", ["theta1", "eta", "g1"], run.thetas[2])], ["theta1", "theta2"])


def _chain_inputs(rng) -> dict:
    return {"x": _tenths(rng, 0.5, 2), "y": _tenths(rng, 0, 1), "w_i": _tenths(rng, -1.5, 1.5, nonzero=True),
            "b_i": _tenths(rng, -1, 1), "w_o": _tenths(rng, -1.5, 1.5, nonzero=True), "b_o": _tenths(rng, -1, 1)}


def _chain_forward_steps(tr) -> list[Step]:
    n, e = tr.nodes, {d["name"]: d["value"] for d in tr.edges}
    return [Step("mu1", "affine", ["w_i", "x", "b_i"], n["mu1"]),
            Step("h", "sigmoid", ["mu1"], n["h"]),
            Step("mu2", "affine", ["w_o", "h", "b_o"], n["mu2"]),
            Step("O", "sigmoid", ["mu2"], n["O"]),
            Step("dE_dO", "sub", ["O", "y"], e["dE/dO"]),
            Step("dO_dmu2", "s_1ms", ["O"], e["dO/dmu2"])]


def backprop_output(rng) -> Exercise:
    given = _chain_inputs(rng)
    tr = backprop_chain(**given)
    steps = _chain_forward_steps(tr) + [
        Step("g_w_o", "mul", ["dE_dO", "dO_dmu2", "h"], tr.gradients["w_o"]["gradient"])]
    return Exercise("backprop", "backprop-output-layer", given, steps, ["g_w_o"])


def backprop_hidden(rng) -> Exercise:
    given = _chain_inputs(rng)
    tr = backprop_chain(**given)
    e = {d["name"]: d["value"] for d in tr.edges}
    steps = _chain_forward_steps(tr) + [
        Step("dh_dmu1", "s_1ms", ["h"], e["dh/dmu1"]),
        Step("g_w_i", "mul", ["dE_dO", "dO_dmu2", "w_o", "dh_dmu1", "x"], tr.gradients["w_i"]["gradient"])]
    return Exercise("backprop_hidden", "backprop-hidden-layer", given, steps, ["g_w_i"])


def weight_update(rng) -> Exercise:
    given = {**_chain_inputs(rng), "eta": _tenths(rng, 0.1, 1)}
    chain = {k: v for k, v in given.items() if k != "eta"}
    tr = backprop_chain(**chain, lr=given["eta"])
    steps = _chain_forward_steps(tr) + [
        Step("delta", "mul", ["dE_dO", "dO_dmu2"], tr.shared["value"]),
        Step("g_w_o", "mul", ["delta", "h"], tr.gradients["w_o"]["gradient"]),
        Step("w_o_new", "update", ["w_o", "eta", "g_w_o"], tr.updated["w_o"]),
        Step("b_o_new", "update", ["b_o", "eta", "delta"], tr.updated["b_o"])]
    return Exercise("update", "weight-update", given, steps, ["w_o_new", "b_o_new"])


GENERATORS = {
    "neuron": neuron_fire, "perceptron": perceptron, "sigmoid": sigmoid_slope, "forward": forward_221,
    "count": parameter_count, "cost": residual_cost, "descent": descent_steps, "backprop": backprop_output,
    "backprop_hidden": backprop_hidden, "update": weight_update,
}
# scene id -> the exercise kind that repeats its computation, in series order
SCENE_KINDS = {
    "neuron-firing": "neuron", "perceptron": "perceptron", "activation-functions": "sigmoid",
    "forward-pass": "forward", "parameter-count": "count", "cost-function": "cost",
    "gradient-descent": "descent", "backprop-output-layer": "backprop", "backprop-hidden-layer": "backprop_hidden",
    "weight-update": "update",
}
MAX_COUNT = 20        # exercises per scene on one sheet
MAX_SEED = 10 ** 9


def draw(kind: str, seed: int, k: int) -> Exercise:
    """Exercise number k of this kind for this seed: its own random stream, so adding a scene or
    raising the count never changes the exercises already on a sheet."""
    if kind not in GENERATORS:
        raise ValueError(f"unknown exercise kind {kind!r}; choose one of: {', '.join(GENERATORS)}")
    if not (0 <= int(seed) <= MAX_SEED):
        raise ValueError(f"seed must be 0 to {MAX_SEED}, got {seed}")
    rng = np.random.default_rng([int(seed), list(GENERATORS).index(kind), int(k)])
    for _ in range(MAX_DRAWS):
        ex = GENERATORS[kind](rng)
        if ex is not None and unambiguous(_check(ex)):
            return ex
    raise RuntimeError(f"no unambiguous {kind} exercise in {MAX_DRAWS} draws (seed {seed}, number {k})")


def sheet(scenes, seed: int, count: int) -> list[Exercise]:
    """`count` exercises for each scene that has a kind, in the order given."""
    if not (1 <= int(count) <= MAX_COUNT):
        raise ValueError(f"count must be 1 to {MAX_COUNT}, got {count}")
    return [draw(SCENE_KINDS[s], seed, k) for s in scenes if s in SCENE_KINDS for k in range(int(count))]
