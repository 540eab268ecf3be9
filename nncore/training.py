"""Training runs: full-batch gradient descent (optionally with momentum) on an MLP."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .network import MLP


@dataclass
class TrainingTrace:
    sizes: list[int]
    lr: float
    momentum: float
    epochs: int
    costs: list[float]        # cost before training (index 0) and after each epoch
    snapshots: list[dict]     # {"epoch", "weights", "biases", "cost", "predictions"}


def snapshot_epochs(epochs: int, count: int) -> list[int]:
    """`count` epochs spread from 0 to `epochs`, denser early where learning is fastest."""
    if count <= 1:
        return [epochs]
    t = np.linspace(0.0, 1.0, count) ** 2
    return sorted(set(int(round(v)) for v in t * epochs))


def train(net: MLP, X, y, epochs: int = 300, lr: float = 1.0, momentum: float = 0.0,
          snapshots: list[int] | None = None) -> TrainingTrace:
    """Train `net` in place. One epoch = one forward and one backward pass over all of X."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    keep = set(snapshots if snapshots is not None else snapshot_epochs(epochs, 12))
    vW = [np.zeros_like(W) for W in net.weights]
    vb = [np.zeros_like(b) for b in net.biases]

    def snap(epoch, c):
        return {"epoch": epoch, "weights": [W.tolist() for W in net.weights],
                "biases": [b.tolist() for b in net.biases], "cost": c,
                "predictions": net.predict(X).tolist()}

    costs = []
    shots = []
    for epoch in range(1, epochs + 1):
        # The forward pass behind the gradients also gives the cost before this epoch's step.
        c, dW, db = net.cost_and_gradients(X, y)
        costs.append(c)
        if epoch - 1 in keep:
            shots.append(snap(epoch - 1, c))
        for l in range(len(net.weights)):
            vW[l] = momentum * vW[l] + dW[l]
            vb[l] = momentum * vb[l] + db[l]
            net.weights[l] = net.weights[l] - lr * vW[l]
            net.biases[l] = net.biases[l] - lr * vb[l]
    costs.append(net.cost(X, y))
    if epochs in keep:
        shots.append(snap(epochs, costs[-1]))
    return TrainingTrace(list(net.sizes), float(lr), float(momentum), int(epochs), costs, shots)
