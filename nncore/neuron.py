"""Single neurons: the article's threshold neuron and the perceptron."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activations import get_activation


@dataclass
class ThresholdTrace:
    inputs: list[float]
    total: float
    threshold: float
    fired: bool


def threshold_neuron(inputs, threshold: float) -> ThresholdTrace:
    """Sum the inputs; the neuron fires when the sum passes the threshold."""
    inputs = [float(v) for v in inputs]
    total = float(sum(inputs))
    return ThresholdTrace(inputs, total, float(threshold), total > threshold)


@dataclass
class PerceptronTrace:
    inputs: list[float]
    weights: list[float]
    products: list[float]
    weighted_sum: float
    bias: float
    z: float
    activation: str
    output: float


def perceptron(inputs, weights, bias: float, activation: str = "step") -> PerceptronTrace:
    """a = phi(sum_j w_j x_j + b), with every intermediate value kept."""
    x = np.asarray(inputs, dtype=float)
    w = np.asarray(weights, dtype=float)
    if x.shape != w.shape:
        raise ValueError(f"{len(x)} inputs but {len(w)} weights; give one weight per input")
    phi = get_activation(activation)
    products = x * w
    weighted_sum = float(products.sum())
    z = weighted_sum + float(bias)
    return PerceptronTrace(
        inputs=x.tolist(),
        weights=w.tolist(),
        products=products.tolist(),
        weighted_sum=weighted_sum,
        bias=float(bias),
        z=z,
        activation=phi.name,
        output=float(phi.fn(z)),
    )
