"""Gradient descent, plain or with momentum, on a 1-D cost curve or the regression cost.

Each run returns its whole trajectory so a scene can replay it step by step.
A run that blows up stops at once and says so: no inf or NaN ever enters a trace.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from . import regression


# -- 1-D cost curves ------------------------------------------------------
@dataclass(frozen=True)
class Curve:
    name: str
    cost: Callable[[float], float]
    slope: Callable[[float], float]
    domain: tuple[float, float]   # the range worth drawing
    minimum: float                # where the (global) minimum is


def _parabola(a=0.5, centre=3.0, floor=0.5):
    return Curve(
        "parabola",
        cost=lambda t: a * (t - centre) ** 2 + floor,
        slope=lambda t: 2 * a * (t - centre),
        domain=(-1.0, 7.0),
        minimum=centre,
    )


def _bumpy():
    # A wide bowl with a narrow dip on its left wall: descending from the left,
    # plain descent is caught in the dip (a shallow local minimum) before the
    # bowl's global minimum at 4.
    a, c, depth, at, width = 0.08, 4.0, 0.55, 1.0, 0.25

    def cost(t):
        return a * (t - c) ** 2 - depth * math.exp(-((t - at) ** 2) / width)

    def slope(t):
        return 2 * a * (t - c) + depth * 2 * (t - at) / width * math.exp(-((t - at) ** 2) / width)

    return Curve("bumpy", cost, slope, domain=(-2.0, 6.5), minimum=c)


CURVES = {"parabola": _parabola, "bumpy": _bumpy}


def curve(name: str) -> Curve:
    try:
        return CURVES[name]()
    except KeyError:
        raise ValueError(f"unknown curve {name!r}; choose one of: {', '.join(CURVES)}") from None


# -- learning-rate schedules ---------------------------------------------
def constant_schedule(eta: float, steps: int) -> list[float]:
    return [float(eta)] * steps


def cosine_rate(eta_max: float, eta_min: float, T: float, t: float) -> float:
    """eta_t = eta_min + 1/2 (eta_max - eta_min)(1 + cos(pi t / T)) at any t in [0, T] (a smooth curve)."""
    return eta_min + 0.5 * (eta_max - eta_min) * (1 + math.cos(math.pi * t / T))


def cosine_schedule(eta_max: float, eta_min: float, steps: int) -> list[float]:
    """The cosine rate at t = 0..T, T = steps - 1: one global rate that shrinks over time (not a
    per-parameter rate)."""
    T = max(steps - 1, 1)
    return [cosine_rate(eta_max, eta_min, T, t) for t in range(steps)]


# -- runs -------------------------------------------------------------------
@dataclass
class DescentTrace:
    curve: str
    thetas: list[float]          # theta_0 .. theta_k (k steps taken)
    costs: list[float]
    slopes: list[float]          # slope at each theta
    lrs: list[float]             # rate used for step t (len k)
    velocities: list[float]      # v_t after step t (len k); equals the slope without momentum
    momentum: float
    converged: bool
    diverged: bool
    diverged_at: int | None = None   # the step whose result blew up (not recorded)
    steps: int = field(init=False)

    def __post_init__(self):
        self.steps = len(self.thetas) - 1


# A run whose cost passes this multiple of its starting cost is called diverged:
# far beyond anything a plot can show, long before floats overflow.
BLOW_UP = 1e3


def _blew_up(cost: float, theta: float, start_cost: float) -> bool:
    return not (math.isfinite(cost) and math.isfinite(theta)) or abs(cost) > BLOW_UP * max(abs(start_cost), 1.0)


def clean(v: float, digits: int = 12) -> float:
    """v rounded once to `digits` significant digits: floating-point noise gone, so two values that are
    equal in exact arithmetic (mirror images about a minimum: 2.705 and 2.7050000000000001) are one
    double, and every later rounding of them for display agrees."""
    return float(f"{v:.{digits}g}") if math.isfinite(v) else v


def descend(curve_name: str, start: float, lr: float | list[float], steps: int,
            momentum: float = 0.0, tol: float = 1e-3) -> DescentTrace:
    """theta <- theta - eta * v,  v <- momentum * v + slope (v = slope when momentum = 0).

    `lr` is a constant rate or one rate per step (a schedule). Stops early when
    the slope and velocity are both below `tol` (converged) or the cost blows up."""
    c = curve(curve_name)
    lrs = constant_schedule(lr, steps) if np.isscalar(lr) else [float(v) for v in lr][:steps]
    theta = float(start)
    thetas, costs, slopes = [theta], [clean(c.cost(theta))], [clean(c.slope(theta))]
    used, vels = [], []
    v = 0.0
    diverged_at = None
    for t, eta in enumerate(lrs):
        if abs(slopes[-1]) < tol and abs(v) < tol:
            break
        v = momentum * v + slopes[-1]
        new = theta - eta * v
        new_cost = c.cost(new) if math.isfinite(new) and abs(new) < 1e150 else math.inf
        if _blew_up(new_cost, new, costs[0]):
            diverged_at = t + 1
            break
        theta = clean(new)
        thetas.append(theta)
        costs.append(clean(c.cost(theta)))
        slopes.append(clean(c.slope(theta)))
        used.append(float(eta))
        vels.append(float(v))
    converged = diverged_at is None and abs(slopes[-1]) < tol and abs(v) < tol
    return DescentTrace(c.name, thetas, costs, slopes, used, vels, float(momentum),
                        converged, diverged_at is not None, diverged_at)


@dataclass
class RegressionDescentTrace:
    theta0s: list[float]
    theta1s: list[float]
    costs: list[float]
    gradients: list[list[float]]   # [dC/dtheta0, dC/dtheta1] at each point
    lr: float
    converged: bool
    diverged: bool
    diverged_at: int | None = None


def descend_regression(x, y, start=(0.0, 0.0), lr: float = 0.05, steps: int = 200,
                       tol: float = 1e-4) -> RegressionDescentTrace:
    """Both parameters updated at once: theta_j <- theta_j - eta dC/dtheta_j."""
    t0, t1 = map(float, start)
    c0 = regression.cost(t0, t1, x, y)
    tr = RegressionDescentTrace([t0], [t1], [c0], [list(regression.gradient(t0, t1, x, y))],
                                float(lr), False, False)
    for t in range(steps):
        g0, g1 = tr.gradients[-1]
        if math.hypot(g0, g1) < tol:
            break
        n0, n1 = t0 - lr * g0, t1 - lr * g1
        new_cost = regression.cost(n0, n1, x, y)
        if _blew_up(new_cost, n0 + n1, c0):
            tr.diverged, tr.diverged_at = True, t + 1
            break
        t0, t1 = n0, n1
        tr.theta0s.append(t0)
        tr.theta1s.append(t1)
        tr.costs.append(new_cost)
        tr.gradients.append(list(regression.gradient(t0, t1, x, y)))
    tr.converged = not tr.diverged and math.hypot(*tr.gradients[-1]) < tol
    return tr
