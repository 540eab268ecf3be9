"""The linear model yhat = theta0 + theta1 * x and its cost C = 1/(2n) sum (yhat - y)^2."""
from __future__ import annotations

import numpy as np


def predict(theta0: float, theta1: float, x):
    return theta0 + theta1 * np.asarray(x, dtype=float)


def cost(theta0: float, theta1: float, x, y) -> float:
    r = predict(theta0, theta1, x) - np.asarray(y, dtype=float)
    return float(np.mean(r ** 2) / 2)


def gradient(theta0: float, theta1: float, x, y) -> tuple[float, float]:
    """(dC/dtheta0, dC/dtheta1) = (mean(r), mean(r * x)) with r = yhat - y."""
    x = np.asarray(x, dtype=float)
    r = predict(theta0, theta1, x) - np.asarray(y, dtype=float)
    return float(np.mean(r)), float(np.mean(r * x))


def best_fit(x, y) -> tuple[float, float]:
    """Closed-form least squares: the (theta0, theta1) where the gradient is zero."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    theta1 = float(np.sum((x - x.mean()) * (y - y.mean())) / np.sum((x - x.mean()) ** 2))
    return float(y.mean() - theta1 * x.mean()), theta1


def cost_grid(x, y, theta0s, theta1s) -> np.ndarray:
    """C at every (theta0, theta1); rows follow theta1s, columns theta0s."""
    t0, t1 = np.meshgrid(np.asarray(theta0s, float), np.asarray(theta1s, float))
    x = np.asarray(x, dtype=float)
    r = t0[..., None] + t1[..., None] * x - np.asarray(y, dtype=float)
    return np.mean(r ** 2, axis=-1) / 2
