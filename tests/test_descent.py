import math

import numpy as np
import pytest
from hypothesis import given, strategies as st

from nncore import data, descent, regression


def test_best_fit_agrees_with_numpy_least_squares():
    x, y = data.linear_points(n=20, seed=4)
    slope, intercept = np.polyfit(x, y, 1)
    assert regression.best_fit(x, y) == pytest.approx((intercept, slope))


@given(t0=st.floats(-5, 5), t1=st.floats(-5, 5), seed=st.integers(0, 100))
def test_regression_gradient_matches_finite_differences(t0, t1, seed):
    x, y = data.linear_points(seed=seed)
    h = 1e-6
    g0 = (regression.cost(t0 + h, t1, x, y) - regression.cost(t0 - h, t1, x, y)) / (2 * h)
    g1 = (regression.cost(t0, t1 + h, x, y) - regression.cost(t0, t1 - h, x, y)) / (2 * h)
    assert regression.gradient(t0, t1, x, y) == pytest.approx((g0, g1), rel=1e-5, abs=1e-6)


def test_cost_grid_matches_pointwise_cost():
    x, y = data.linear_points(seed=1)
    t0s, t1s = [0.0, 1.0, 2.0], [-1.0, 0.5]
    grid = regression.cost_grid(x, y, t0s, t1s)
    assert grid.shape == (2, 3)
    assert grid[1, 2] == pytest.approx(regression.cost(2.0, 0.5, x, y))


def test_regression_descent_converges_to_closed_form():
    x, y = data.linear_points(seed=0)
    tr = descent.descend_regression(x, y, start=(0.0, 0.0), lr=0.05, steps=5000, tol=1e-8)
    slope, intercept = np.polyfit(x, y, 1)
    assert tr.converged and not tr.diverged
    assert (tr.theta0s[-1], tr.theta1s[-1]) == pytest.approx((intercept, slope), abs=1e-5)
    assert all(b <= a + 1e-12 for a, b in zip(tr.costs, tr.costs[1:]))  # a stable rate never goes uphill


def test_regression_descent_with_huge_rate_is_reported_diverged_without_inf():
    x, y = data.linear_points(seed=0)
    tr = descent.descend_regression(x, y, lr=5.0, steps=500)
    assert tr.diverged and not tr.converged and tr.diverged_at is not None
    assert all(math.isfinite(v) for v in tr.costs + tr.theta0s + tr.theta1s)


@given(lr=st.floats(0.01, 1.9), start=st.floats(-1, 7), k=st.integers(1, 15))
def test_parabola_descent_follows_the_closed_form(lr, start, k):
    # C = a(t - m)^2 + c gives t_k - m = (1 - 2 a lr)^k (t_0 - m).
    c = descent.curve("parabola")
    a = (c.cost(c.minimum + 1) - c.cost(c.minimum))  # = a, read off the curve
    tr = descent.descend("parabola", start, lr, k, tol=0.0)
    assert tr.steps == k
    for i, t in enumerate(tr.thetas):
        assert t - c.minimum == pytest.approx((1 - 2 * a * lr) ** i * (start - c.minimum), abs=1e-9)


def test_too_large_rate_diverges_and_stops_with_finite_values():
    tr = descent.descend("parabola", 0.0, 2.5, 200)
    assert tr.diverged and tr.diverged_at is not None and tr.steps < 200
    assert all(math.isfinite(v) for v in tr.thetas + tr.costs + tr.slopes)


def test_slope_matches_finite_difference_on_every_curve():
    for name in descent.CURVES:
        c = descent.curve(name)
        for t in np.linspace(*c.domain, 17):
            num = (c.cost(t + 1e-6) - c.cost(t - 1e-6)) / 2e-6
            assert c.slope(t) == pytest.approx(num, rel=1e-5, abs=1e-6)


def test_momentum_crosses_the_shallow_minimum_that_plain_descent_stays_in():
    from nncore.traces import momentum
    tr = momentum()
    c = descent.curve("bumpy")
    plain, mom = tr["plain"], tr["momentum"]
    # Plain descent ends in a local minimum that is not the global one.
    assert plain["converged"]
    assert abs(c.slope(plain["thetas"][-1])) < 1e-3 and plain["thetas"][-1] < c.minimum - 1
    assert c.cost(plain["thetas"][-1]) > c.cost(c.minimum) + 0.05
    # Momentum, same start and rate, ends near the global minimum.
    assert abs(mom["thetas"][-1] - c.minimum) < 0.5
    assert max(mom["velocities"], key=abs) != 0


def test_cosine_schedule_starts_at_max_and_ends_at_min_monotonically():
    s = descent.cosine_schedule(0.9, 0.05, 12)
    assert s[0] == pytest.approx(0.9) and s[-1] == pytest.approx(0.05) and len(s) == 12
    assert all(b < a for a, b in zip(s, s[1:]))
    assert s[(len(s) - 1) // 2] > 0.05 and descent.cosine_schedule(1.0, 0.0, 3)[1] == pytest.approx(0.5)


def test_schedule_rates_are_used_step_by_step():
    lrs = descent.cosine_schedule(0.9, 0.05, 6)
    tr = descent.descend("parabola", 0.0, lrs, 6, tol=0.0)
    assert tr.lrs == pytest.approx(lrs[: tr.steps])
    for t, (a, b) in enumerate(zip(tr.thetas, tr.thetas[1:])):
        assert b == pytest.approx(a - lrs[t] * descent.curve("parabola").slope(a))


@pytest.mark.parametrize("lr", [0.3, 0.1, 0.7, 1.5])
def test_mirror_image_runs_read_the_same(lr):
    """Starts mirrored about the parabola's minimum (3 - d, 3 + d) are mirror images in exact arithmetic:
    every cost and |slope| is equal, so each is one double and shows the same digits (2.705 once read
    2.71 for P1 and 2.70 for P2)."""
    from scenes.kit.fmt import num

    for d in (3.0, 2.2, 0.9):
        a = descent.descend("parabola", 3.0 - d, lr, 12)
        b = descent.descend("parabola", 3.0 + d, lr, 12)
        assert a.costs == b.costs
        assert [abs(s) for s in a.slopes] == [abs(s) for s in b.slopes]
        assert [num(c) for c in a.costs] == [num(c) for c in b.costs]
        # the exact values: C = 1/2 (theta - 3)^2 + 1/2 with theta - 3 = -d (1 - lr)^k
        assert a.costs == pytest.approx([0.5 * (d * (1 - lr) ** k) ** 2 + 0.5 for k in range(len(a.costs))])
