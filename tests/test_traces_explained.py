"""Trace fields that chapters 1, 2, the training scene and chapter 5 show (issue 13), each against an
oracle of its own: counted by hand, recomputed from the trace's raw samples, or from the target itself."""
import numpy as np
import pytest

from nncore import get_trace
from nncore.data import target_function


def test_width_counts_split_into_hidden_to_hidden_weights_and_ratios_tend_to_four():
    tr = get_trace("parameter-count")
    by_hand = {1: 7, 2: 15, 4: 37, 8: 105}   # 2-w-w-1: 3w + (w*w + w) + (w + 1), counted on paper
    for row in tr["by_width"]:
        if row["width"] in by_hand:
            assert row["count"] == by_hand[row["width"]]
        assert row["hidden_to_hidden"] == row["width"] ** 2
    ratios = tr["width_ratios"]
    assert ratios[0] == 15 / 7 and all(a < b < 4 for a, b in zip(ratios, ratios[1:]))
    curve = tr["width_curve"]
    at = {round(w, 6): c for w, c in zip(curve["w"], curve["count"])}
    assert at[1.0] == 7 and at[32.0] == 1185          # the smooth curve passes through the counts
    assert curve["exponential"][-1] == 2 ** 32


def test_training_start_outputs_and_rises_come_from_the_recorded_run():
    tr = get_trace("training")
    first = [p[0] for p in tr["snapshots"][0]["predictions"]]
    assert tr["start_outputs"] == {"lo": min(first), "hi": max(first)}
    assert tr["start_outputs"]["hi"] < 0.5            # every point called 0: right only where the label is 0
    assert tr["snapshots"][0]["correct"] == sum(1 for v in tr["y"] if v == 0)
    ups = [k for k in range(1, len(tr["costs"])) if tr["costs"][k] > tr["costs"][k - 1]]
    assert tr["rises"] == len(ups) > 0                # with momentum the cost is not monotone
    assert get_trace("training", momentum=0.0, lr=0.5)["rises"] == 0


def test_approximation_errors_are_measured_against_the_target():
    tr = get_trace("approximation")
    f = target_function("wave")
    xs, dense = np.array(tr["xs"]), np.array(tr["dense_xs"])
    assert len(xs) == 40 and len(dense) > 10 * len(xs) and dense[0] == xs[0] and dense[-1] == xs[-1]
    for fit in tr["fits"]:
        assert abs(fit["mse"] - np.mean((np.array(fit["ys"]) - f(xs)) ** 2)) < 1e-12
        assert abs(fit["max_error"] - np.abs(np.array(fit["dense_ys"]) - f(dense)).max()) < 1e-12


def test_approximation_records_which_seeds_stall_with_the_same_net_and_training():
    tr = get_trace("approximation")
    f = target_function("wave")
    dense = np.array(tr["dense_xs"])
    runs = tr["seed_runs"]
    errors = [np.abs(np.array(r["dense_ys"]) - f(dense)).max() for r in runs]   # measured again here
    assert [r["max_error"] for r in runs] == pytest.approx(errors, rel=1e-12)
    assert [r["stalled"] for r in runs] == [e > 2 * min(errors) for e in errors]
    assert any(r["stalled"] for r in runs) and not all(r["stalled"] for r in runs)   # some fail, not all
    assert len({r["seed"] for r in runs}) == len(runs) == 4


def test_approximation_shows_depth_a_1_4_4_1_net():
    deep = get_trace("approximation")["deep"]
    assert deep["layers"] == [1, 4, 4, 1]
    assert deep["parameters"] == (1 * 4 + 4) + (4 * 4 + 4) + (4 * 1 + 1) == 33   # counted by hand


def test_bias_trace_turns_the_firing_threshold_into_a_bias():
    assert get_trace("bias")["threshold"] == {"threshold": 40.0, "bias": -40.0}   # the article's threshold 40
    assert get_trace("bias", threshold=25)["threshold"]["bias"] == -25.0
