"""Activation functions and their derivatives, looked up by name.

Each function takes and returns numpy arrays (or floats). Derivatives are
with respect to the pre-activation z.
"""
from __future__ import annotations

from typing import Callable, NamedTuple

import numpy as np


def sigmoid(z):
    # Split by sign so exp never overflows: for z >= 0 use 1/(1+e^-z),
    # for z < 0 the equal form e^z/(1+e^z).
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_prime(z):
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh(z):
    return np.tanh(np.asarray(z, dtype=float))


def tanh_prime(z):
    return 1.0 - np.tanh(np.asarray(z, dtype=float)) ** 2


def relu(z):
    return np.maximum(0.0, np.asarray(z, dtype=float))


def relu_prime(z):
    # Undefined at z = 0; we use 0 there, as most libraries do.
    return (np.asarray(z, dtype=float) > 0).astype(float)


def step(z):
    # Fires (1) when z > 0, the perceptron's threshold at zero.
    return (np.asarray(z, dtype=float) > 0).astype(float)


def step_prime(z):
    # Zero almost everywhere: why the step function cannot be trained by gradients.
    return np.zeros_like(np.asarray(z, dtype=float))


def identity(z):
    return np.asarray(z, dtype=float)


def identity_prime(z):
    return np.ones_like(np.asarray(z, dtype=float))


class Activation(NamedTuple):
    name: str
    fn: Callable
    prime: Callable
    range: str  # for display: the set of outputs


ACTIVATIONS = {
    a.name: a
    for a in (
        Activation("sigmoid", sigmoid, sigmoid_prime, "(0, 1)"),
        Activation("tanh", tanh, tanh_prime, "(-1, 1)"),
        Activation("relu", relu, relu_prime, "[0, inf)"),
        Activation("step", step, step_prime, "{0, 1}"),
        Activation("identity", identity, identity_prime, "(-inf, inf)"),
    )
}


def get_activation(name: str) -> Activation:
    """The activation called `name`; a clear error lists the valid names."""
    try:
        return ACTIVATIONS[name]
    except KeyError:
        valid = ", ".join(ACTIVATIONS)
        raise ValueError(f"unknown activation {name!r}; choose one of: {valid}") from None
