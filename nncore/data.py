"""Small seeded data sets the scenes teach with."""
from __future__ import annotations

import numpy as np


def linear_points(n: int = 12, intercept: float = 1.0, slope: float = 0.8,
                  noise: float = 0.5, seed: int = 0):
    """n points scattered around y = intercept + slope * x, x in [0, 6]."""
    rng = np.random.default_rng(seed)
    x = np.sort(rng.uniform(0.0, 6.0, n))
    y = intercept + slope * x + rng.normal(0.0, noise, n)
    return x, y


def xor_points(per_corner: int = 4, spread: float = 0.12, seed: int = 0):
    """Noisy copies of the four XOR corners; label 1 where exactly one input is high."""
    rng = np.random.default_rng(seed)
    corners = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    X = np.repeat(corners, per_corner, axis=0) + rng.normal(0.0, spread, (4 * per_corner, 2))
    y = np.repeat([0.0, 1.0, 1.0, 0.0], per_corner)
    return np.clip(X, -0.2, 1.2), y


TARGETS = {
    # A smooth curve with two bumps: one hidden neuron cannot follow it, a few can.
    "wave": lambda x: np.sin(1.5 * x) + 0.5 * np.cos(3.0 * x),
    "sine": lambda x: np.sin(x),
    "step": lambda x: (x > 0).astype(float),
}


def target_function(name: str):
    try:
        return TARGETS[name]
    except KeyError:
        raise ValueError(f"unknown target {name!r}; choose one of: {', '.join(TARGETS)}") from None
