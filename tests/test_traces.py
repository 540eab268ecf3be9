import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from nncore import TRACES, get_trace
from nncore.network import MLP
from nncore.traces import learning_rates, parameter_count, training

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", sorted(TRACES))
def test_trace_round_trips_through_json_and_is_deterministic(name):
    tr = get_trace(name)
    text = json.dumps(tr, allow_nan=False)  # no inf/NaN ever
    assert json.loads(text) == tr
    assert json.dumps(get_trace(name)) == text  # same inputs, same numbers


def test_parameter_count_trace_for_other_layers():
    tr = parameter_count(layers=[3, 5, 1])
    assert tr["total"] == 26
    assert [(b["weights"], b["biases"]) for b in tr["breakdown"]] == [(15, 5), (5, 1)]


def test_growth_is_quadratic_in_width_and_linear_in_depth():
    tr = parameter_count()
    by_depth = [d["count"] for d in tr["by_depth"]]
    steps = {b - a for a, b in zip(by_depth, by_depth[1:])}
    assert steps == {8 * 8 + 8}  # each extra 8-wide layer adds the same amount
    by_width = {d["width"]: d["count"] for d in tr["by_width"]}
    # Doubling the width of 2-w-w-1 roughly quadruples the count for large w.
    assert 3.5 < by_width[32] / by_width[16] < 4.2


def test_training_lowers_the_cost_and_other_seed_gives_other_numbers():
    a = training()
    assert a["costs"][-1] < 0.25 * a["costs"][0]
    assert len(a["costs"]) == a["epochs"] + 1
    assert a["snapshots"][0]["epoch"] == 0 and a["snapshots"][-1]["epoch"] == a["epochs"]
    assert training(seed=1)["costs"] != a["costs"]


def test_training_records_the_cost_at_each_snapshot_and_after_the_last_step():
    # costs[i] comes from the forward pass behind epoch i+1's gradients: recompute it from the snapshot.
    a = training()
    for shot in a["snapshots"]:
        net = MLP(a["sizes"]).set_parameters(shot["weights"], shot["biases"])
        assert net.cost(a["X"], a["y"]) == pytest.approx(a["costs"][shot["epoch"]], rel=1e-12)
        assert shot["cost"] == a["costs"][shot["epoch"]]


def test_learning_rates_names_each_outcome():
    verdicts = [r["verdict"] for r in learning_rates()["runs"]]
    assert verdicts == ["crawls", "converges", "oscillates", "bounces", "diverges"]


def test_approximation_error_shrinks_with_width():
    fits = get_trace("approximation")["fits"]
    errors = [f["error"] for f in fits]
    assert errors[-1] < errors[0] / 10
    assert errors == sorted(errors, reverse=True)  # the scene says so: each wider net fits better
    assert [f["parameters"] for f in fits] == [3 * h + 1 for h in (1, 2, 4, 8, 16)]


@pytest.mark.parametrize("name, params, message", [
    ("parameter-count", {"layers": [2, 0, 1]}, "layers"),
    ("gradient-descent", {"lr": -1.0}, "lr"),
    ("neuron-firing", {"inputs": [1, 2, 3]}, "two inputs"),
    ("nope", {}, "unknown trace"),
])
def test_bad_parameters_raise_clear_errors(name, params, message):
    with pytest.raises(ValueError, match=message):
        get_trace(name, **params)


def test_nncore_works_where_manim_cannot_be_imported():
    # A meta-path hook makes `import manim` fail; nncore must not notice.
    code = textwrap.dedent("""
        import sys
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name == "manim" or name.startswith("manim."):
                    raise ImportError("manim is blocked in this test")
        sys.meta_path.insert(0, Block())
        try:
            import manim
        except ImportError:
            pass
        else:
            raise SystemExit("manim imported despite the block")
        import nncore, json
        for name in nncore.TRACES:
            json.dumps(nncore.get_trace(name))
        assert not any(m == "manim" or m.startswith("manim.") for m in sys.modules)
        print("ok")
    """)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_weight_update_outputs_move_toward_y_and_give_the_errors():
    tr = get_trace("weight-update", epochs=30)
    outs, y = tr["outputs"], tr["y"]
    assert len(outs) == len(tr["errors"]) == 31
    for o, e in zip(outs, tr["errors"]):            # E = 1/2 (O - y)^2, epoch by epoch
        assert 0.5 * (o - y) ** 2 == pytest.approx(e, rel=1e-9)
    gaps = [abs(o - y) for o in outs]
    assert gaps == sorted(gaps, reverse=True) and outs[0] > outs[-1] > y   # O falls toward y = 0.2


def _hand_momentum(start, lr, beta, steps, tol=1e-3):
    """Momentum written out by hand on the bumpy curve 0.08 (t - 4)^2 - 0.55 exp(-(t - 1)^2 / 0.25), with
    a central-difference slope: v = beta v + slope, t = t - lr v, stop once slope and v are both tiny."""
    import math

    def cost(t):
        return 0.08 * (t - 4) ** 2 - 0.55 * math.exp(-((t - 1) ** 2) / 0.25)

    def slope(t, h=1e-6):
        return (cost(t + h) - cost(t - h)) / (2 * h)

    t, v, thetas = start, 0.0, [start]
    for _ in range(steps):
        if abs(slope(t)) < tol and abs(v) < tol:
            break
        v = beta * v + slope(t)
        t -= lr * v
        thetas.append(t)
    return thetas


def test_momentum_with_little_beta_stays_in_the_dip_while_more_beta_escapes():
    tr = get_trace("momentum")
    low, high, plain = tr["momentum_low"], tr["momentum"], tr["plain"]
    assert tr["beta_low"] == 0.5 and low["momentum"] == 0.5
    hand = _hand_momentum(-1.6, 0.15, 0.5, 40)
    assert low["thetas"] == pytest.approx(hand, abs=1e-5)
    assert low["thetas"][-1] == pytest.approx(1.11, abs=0.005)            # in the shallow dip, as plain descent
    assert low["thetas"][-1] == pytest.approx(plain["thetas"][-1], abs=0.01)
    assert high["thetas"] == pytest.approx(_hand_momentum(-1.6, 0.15, 0.8, 40), abs=1e-5)
    assert high["thetas"][-1] > 3.5                                         # beta = 0.8 escapes to the bowl
    other = get_trace("momentum", beta_low=0.3)["momentum_low"]
    assert other["thetas"] == pytest.approx(_hand_momentum(-1.6, 0.15, 0.3, 40), abs=1e-5)
