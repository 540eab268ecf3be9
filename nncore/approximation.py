"""Universal approximation, shown: wider hidden layers fit a 1-D target better."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .data import target_function
from .network import MLP
from .training import train


@dataclass
class Fit:
    hidden: int
    parameters: int
    error: float            # final cost 1/(2n) sum (yhat - y)^2 on the sample points
    ys: list[float]         # the fitted curve at `xs`
    mse: float = 0.0        # mean squared error on the samples, 1/n sum (yhat - y)^2 (twice the cost)
    max_error: float = 0.0  # largest |yhat - f| on the dense grid: what the theorem's epsilon bounds
    dense_ys: list[float] | None = None   # the fitted curve at `dense_xs`, to draw it between samples
    epochs: int = 0
    layers: list[int] | None = None       # the net's layer sizes, 1-h-1 or 1-h-h-1


@dataclass
class SeedRun:
    seed: int
    max_error: float        # largest |yhat - f| on the dense grid after the training
    stalled: bool           # ended more than `stall_factor` times the best run's error away
    dense_ys: list[float]


@dataclass
class ApproximationTrace:
    target: str
    xs: list[float]
    target_ys: list[float]
    fits: list[Fit]
    dense_xs: list[float] | None = None
    dense_target: list[float] | None = None
    # the same 1-`seed_width`-1 net, the same long training, from random starts `seeds`: some runs
    # stall far from the target although a good net of that width exists (training need not find it)
    seed_runs: list[SeedRun] | None = None
    seed_width: int = 0
    seed_epochs: int = 0
    # depth instead of width: a 1-h-h-1 net trained from a random start
    deep: Fit | None = None


def fit_widths(widths=(1, 2, 4, 8, 16), target: str = "wave", points: int = 40,
               epochs: int = 150, lr: float = 0.3, momentum: float = 0.9,
               seed: int = 0, slope: float = 1.5, dense: int = 401, seed_width: int = 4,
               seeds=(0, 1, 2, 3), seed_epochs: int = 3000, stall_factor: float = 2.0,
               deep_width: int = 4, deep_epochs: int = 1500) -> ApproximationTrace:
    """Train a 1-h-1 tanh network for each width h on `points` samples of the target; then the
    1-`seed_width`-1 net from random starts `seeds` (which runs stall), and a 1-d-d-1 net (depth)."""
    f = target_function(target)
    x = np.linspace(-2.5, 2.5, points)
    y = f(x)
    xd = np.linspace(x.min(), x.max(), dense)

    def trained(net, n_epochs):
        tr = train(net, x[:, None], y, epochs=n_epochs, lr=lr, momentum=momentum, snapshots=[])
        yd = net.predict(xd[:, None])[:, 0]
        return Fit(int(net.sizes[1]), net.parameter_count(), tr.costs[-1], net.predict(x[:, None])[:, 0].tolist(),
                   mse=2 * tr.costs[-1], max_error=float(np.abs(yd - f(xd)).max()), dense_ys=yd.tolist(),
                   epochs=int(n_epochs), layers=list(net.sizes))

    def tanh_net(sizes, s):
        return MLP(list(sizes), activation="tanh", output_activation="identity", seed=s)

    fits = [trained(spread_steps(tanh_net([1, int(h), 1], seed), x.min(), x.max(), slope), epochs) for h in widths]
    runs = [trained(tanh_net([1, int(seed_width), 1], int(s)), seed_epochs) for s in seeds]
    best = min((r.max_error for r in runs), default=0.0)
    seed_runs = [SeedRun(int(s), r.max_error, r.max_error > stall_factor * best, r.dense_ys)
                 for s, r in zip(seeds, runs)]
    deep = trained(tanh_net([1, int(deep_width), int(deep_width), 1], seed), deep_epochs) if deep_width else None
    return ApproximationTrace(target, x.tolist(), y.tolist(), fits, xd.tolist(), f(xd).tolist(), seed_runs,
                              int(seed_width), int(seed_epochs), deep)


def spread_steps(net: MLP, lo: float, hi: float, slope: float) -> MLP:
    """Start hidden neuron k's smooth step tanh(w (x - c_k)) at its own place c_k, evenly inside
    [lo, hi], rising and falling in turn: the picture behind the theorem (a sum of steps), and a
    start from which training needs a tenth of the epochs a random start needs."""
    h = net.sizes[1]
    centres = np.linspace(lo, hi, h + 2)[1:-1]
    w = slope * (-1.0) ** np.arange(h)
    return net.set_parameters([w[None, :], net.weights[1]], [-w * centres, net.biases[1]])
