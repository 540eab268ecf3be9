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


@dataclass
class ApproximationTrace:
    target: str
    xs: list[float]
    target_ys: list[float]
    fits: list[Fit]


def fit_widths(widths=(1, 2, 4, 8, 16), target: str = "wave", points: int = 40,
               epochs: int = 1500, lr: float = 0.05, momentum: float = 0.9,
               seed: int = 0) -> ApproximationTrace:
    """Train a 1-h-1 tanh network for each width h on `points` samples of the target."""
    f = target_function(target)
    x = np.linspace(-2.5, 2.5, points)
    y = f(x)
    fits = []
    for h in widths:
        net = MLP([1, int(h), 1], activation="tanh", output_activation="identity", seed=seed)
        tr = train(net, x[:, None], y, epochs=epochs, lr=lr, momentum=momentum, snapshots=[])
        fits.append(Fit(int(h), net.parameter_count(), tr.costs[-1], net.predict(x[:, None])[:, 0].tolist()))
    return ApproximationTrace(target, x.tolist(), y.tolist(), fits)
