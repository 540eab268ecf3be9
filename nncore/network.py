"""A multilayer perceptron of any layer sizes: forward pass and exact gradients.

Convention: a batch X has shape (n, n_in); layer l computes
    z_l = a_{l-1} @ W_l + b_l,   a_l = phi(z_l)
with W_l of shape (n_in, n_out). The cost is C = 1/(2n) * sum((yhat - y)^2).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activations import get_activation


@dataclass
class ForwardTrace:
    inputs: np.ndarray          # (n, n_in)
    zs: list[np.ndarray]        # pre-activations, one (n, n_out) array per layer
    activations: list[np.ndarray]  # a_0 = inputs, then one per layer

    @property
    def output(self) -> np.ndarray:
        return self.activations[-1]

    def to_dict(self) -> dict:
        return {
            "inputs": self.inputs.tolist(),
            "zs": [z.tolist() for z in self.zs],
            "activations": [a.tolist() for a in self.activations],
            "output": self.output.tolist(),
        }


def layer_parameter_count(n_in: int, n_out: int) -> int:
    """n_in * n_out weights plus n_out biases."""
    return n_in * n_out + n_out


def count_parameters(sizes) -> int:
    """Total for a network of these layer sizes, without building it."""
    return sum(layer_parameter_count(a, b) for a, b in zip(sizes, sizes[1:]))


class MLP:
    def __init__(self, sizes, activation="sigmoid", output_activation=None, seed=0):
        sizes = [int(s) for s in sizes]
        if len(sizes) < 2:
            raise ValueError("a network needs at least two layer sizes (inputs and outputs)")
        if any(s < 1 for s in sizes):
            raise ValueError(f"layer sizes must be at least 1, got {sizes}")
        self.sizes = sizes
        self.activation = get_activation(activation).name
        self.output_activation = get_activation(output_activation or activation).name
        rng = np.random.default_rng(seed)
        # Scaled so z stays O(1) whatever the fan-in (Xavier-style).
        self.weights = [rng.normal(0.0, 1.0 / np.sqrt(a), (a, b)) for a, b in zip(sizes, sizes[1:])]
        self.biases = [rng.normal(0.0, 0.5, b) for b in sizes[1:]]

    # -- parameters -------------------------------------------------------
    def parameter_breakdown(self) -> list[tuple[int, int]]:
        """(weights, biases) per layer, e.g. [(8, 4), (4, 1)] for 2-4-1."""
        return [(a * b, b) for a, b in zip(self.sizes, self.sizes[1:])]

    def parameter_count(self) -> int:
        return sum(w + b for w, b in self.parameter_breakdown())

    def set_parameters(self, weights, biases) -> "MLP":
        weights = [np.array(w, dtype=float).reshape(a, b) for w, a, b in zip(weights, self.sizes, self.sizes[1:])]
        biases = [np.array(b, dtype=float).reshape(n) for b, n in zip(biases, self.sizes[1:])]
        self.weights, self.biases = weights, biases
        return self

    def copy(self) -> "MLP":
        other = MLP(self.sizes, self.activation, self.output_activation)
        return other.set_parameters(self.weights, self.biases)

    def _phis(self):
        n = len(self.weights)
        return [get_activation(self.activation if l < n - 1 else self.output_activation) for l in range(n)]

    # -- forward and backward --------------------------------------------
    def forward(self, X) -> ForwardTrace:
        a = np.atleast_2d(np.asarray(X, dtype=float))
        if a.shape[1] != self.sizes[0]:
            raise ValueError(f"input has {a.shape[1]} features, the network expects {self.sizes[0]}")
        zs, acts = [], [a]
        for W, b, phi in zip(self.weights, self.biases, self._phis()):
            z = a @ W + b
            a = phi.fn(z)
            zs.append(z)
            acts.append(a)
        return ForwardTrace(acts[0], zs, acts)

    def predict(self, X) -> np.ndarray:
        return self.forward(X).output

    def _targets(self, y, n):
        return np.asarray(y, dtype=float).reshape(n, self.sizes[-1])

    @staticmethod
    def _cost_of(error) -> float:
        # C = 1/(2n) sum over samples of |yhat - y|^2
        return float(0.5 * np.mean(np.sum(error ** 2, axis=1)))

    def cost(self, X, y) -> float:
        yhat = self.predict(X)
        return self._cost_of(yhat - self._targets(y, len(yhat)))

    def gradients(self, X, y):
        """dC/dW and dC/db for every layer (backpropagation, vectorised)."""
        _, dW, db = self.cost_and_gradients(X, y)
        return dW, db

    def cost_and_gradients(self, X, y):
        """The cost at the current parameters and its gradients, from one forward pass."""
        tr = self.forward(X)
        n = len(tr.inputs)
        error = tr.output - self._targets(y, n)
        cost = self._cost_of(error)
        # dC/da at the output, then walk the layers backwards.
        delta_a = error / n
        phis = self._phis()
        dW, db = [None] * len(self.weights), [None] * len(self.biases)
        for l in reversed(range(len(self.weights))):
            delta_z = delta_a * phis[l].prime(tr.zs[l])
            dW[l] = tr.activations[l].T @ delta_z
            db[l] = delta_z.sum(axis=0)
            delta_a = delta_z @ self.weights[l].T
        return cost, dW, db
