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


@dataclass
class ApproximationTrace:
    target: str
    xs: list[float]
    target_ys: list[float]
    fits: list[Fit]
    dense_xs: list[float] | None = None
    dense_target: list[float] | None = None
    # the width `revisit` trained `revisit_epochs` epochs from the same start: a far better network of
    # that width exists, which the usual run did not reach (None if `revisit` is not among the widths)
    longer: Fit | None = None


def fit_widths(widths=(1, 2, 4, 8, 16), target: str = "wave", points: int = 40,
               epochs: int = 150, lr: float = 0.3, momentum: float = 0.9,
               seed: int = 0, slope: float = 1.5, dense: int = 401, revisit: int = 4,
               revisit_epochs: int = 3000) -> ApproximationTrace:
    """Train a 1-h-1 tanh network for each width h on `points` samples of the target."""
    f = target_function(target)
    x = np.linspace(-2.5, 2.5, points)
    y = f(x)
    xd = np.linspace(x.min(), x.max(), dense)

    def fit(h, n_epochs):
        net = spread_steps(MLP([1, int(h), 1], activation="tanh", output_activation="identity", seed=seed),
                           x.min(), x.max(), slope)
        tr = train(net, x[:, None], y, epochs=n_epochs, lr=lr, momentum=momentum, snapshots=[])
        yd = net.predict(xd[:, None])[:, 0]
        return Fit(int(h), net.parameter_count(), tr.costs[-1], net.predict(x[:, None])[:, 0].tolist(),
                   mse=2 * tr.costs[-1], max_error=float(np.abs(yd - f(xd)).max()), dense_ys=yd.tolist(),
                   epochs=int(n_epochs))

    fits = [fit(h, epochs) for h in widths]
    longer = fit(revisit, revisit_epochs) if revisit in [int(h) for h in widths] else None
    return ApproximationTrace(target, x.tolist(), y.tolist(), fits, xd.tolist(), f(xd).tolist(), longer)


def spread_steps(net: MLP, lo: float, hi: float, slope: float) -> MLP:
    """Start hidden neuron k's smooth step tanh(w (x - c_k)) at its own place c_k, evenly inside
    [lo, hi], rising and falling in turn: the picture behind the theorem (a sum of steps), and a
    start from which training needs a tenth of the epochs a random start needs."""
    h = net.sizes[1]
    centres = np.linspace(lo, hi, h + 2)[1:-1]
    w = slope * (-1.0) ** np.arange(h)
    return net.set_parameters([w[None, :], net.weights[1]], [-w * centres, net.biases[1]])
