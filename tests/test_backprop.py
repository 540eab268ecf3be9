import numpy as np
import pytest
from hypothesis import given, strategies as st

from nncore import MLP
from nncore.backprop import backprop_chain, chain_forward

v = st.floats(-2, 2)


@given(x=v, y=st.floats(0, 1), w_i=v, b_i=v, w_o=v, b_o=v)
def test_chain_gradients_equal_the_mlp_gradients(x, y, w_i, b_i, w_o, b_o):
    tr = backprop_chain(x, y, w_i, b_i, w_o, b_o)
    net = MLP([1, 1, 1], activation="sigmoid").set_parameters([[[w_i]], [[w_o]]], [[b_i], [b_o]])
    dW, db = net.gradients([[x]], [y])  # one sample: C = 1/2 (O - y)^2 = E
    g = {k: d["gradient"] for k, d in tr.gradients.items()}
    assert [g["w_i"], g["w_o"], g["b_i"], g["b_o"]] == pytest.approx(
        [dW[0].item(), dW[1].item(), db[0].item(), db[1].item()], abs=1e-12)
    assert tr.nodes["E"] == pytest.approx(net.cost([[x]], [y]))


@given(x=v, y=st.floats(0, 1), w_i=v, b_i=v, w_o=v, b_o=v)
def test_chain_gradients_match_finite_differences(x, y, w_i, b_i, w_o, b_o):
    p = dict(w_i=w_i, b_i=b_i, w_o=w_o, b_o=b_o)
    tr = backprop_chain(x, y, **p)
    for name in p:
        up = chain_forward(x, y, **{**p, name: p[name] + 1e-6})["E"]
        down = chain_forward(x, y, **{**p, name: p[name] - 1e-6})["E"]
        assert tr.gradients[name]["gradient"] == pytest.approx((up - down) / 2e-6, abs=1e-8)


def test_case2_reuses_the_case1_product():
    tr = backprop_chain()
    shared = tr.shared["value"]
    assert tr.gradients["b_o"]["gradient"] == pytest.approx(shared)
    for p in ("w_i", "b_i"):
        assert tr.gradients[p]["factors"][:2] == tr.shared["factors"]
        assert tr.gradients[p]["case"] == 2


def test_hand_checkable_default_numbers():
    # Worked by hand from the article's formulas with x=1.5, y=0.2, w_i=0.6, b_i=-0.3, w_o=1.2, b_o=0.4.
    tr = backprop_chain()
    n = tr.nodes
    assert n["mu1"] == pytest.approx(0.6)
    assert n["h"] == pytest.approx(1 / (1 + np.exp(-0.6)))
    assert n["mu2"] == pytest.approx(1.2 * n["h"] + 0.4)
    O = 1 / (1 + np.exp(-n["mu2"]))
    assert tr.gradients["w_o"]["gradient"] == pytest.approx((O - 0.2) * O * (1 - O) * n["h"])


def test_one_update_lowers_the_error():
    tr = backprop_chain(lr=0.5)
    assert tr.error_after < tr.nodes["E"]
    for p, d in tr.gradients.items():
        assert tr.updated[p] == pytest.approx(tr.nodes[p] - 0.5 * d["gradient"])


def _error(x, y, w_i, b_i, w_o, b_o):
    """E written out again, independently of chain_forward."""
    s = lambda z: 1.0 / (1.0 + np.exp(-z))
    return 0.5 * (s(w_o * s(w_i * x + b_i) + b_o) - y) ** 2


@given(x=v, y=st.floats(0, 1), w_i=v, b_i=v, w_o=v, b_o=v)
def test_nudge_check_is_a_forward_pass_with_the_nudged_weight(x, y, w_i, b_i, w_o, b_o):
    tr = backprop_chain(x, y, w_i, b_i, w_o, b_o, nudge=0.01)
    nd = tr.nudge
    assert nd["param"] == "w_o" and nd["value"] == pytest.approx(w_o + 0.01)
    assert nd["E_before"] == pytest.approx(_error(x, y, w_i, b_i, w_o, b_o), abs=1e-12)
    assert nd["E_after"] == pytest.approx(_error(x, y, w_i, b_i, w_o + 0.01, b_o), abs=1e-12)
    # the change it predicts is the step times a central finite difference, up to O(step^2)
    fd = (_error(x, y, w_i, b_i, w_o + 1e-6, b_o) - _error(x, y, w_i, b_i, w_o - 1e-6, b_o)) / 2e-6
    assert nd["predicted"] == pytest.approx(0.01 * fd, abs=1e-9)
    assert abs(nd["delta"] - nd["predicted"]) < 0.01 ** 2


def test_nudge_check_default_numbers():
    # w_o = 1.2 -> 1.21 moves E from 0.15905 to 0.15971: 0.00066, about 0.01 x 0.0657
    nd = backprop_chain().nudge
    fd = (_error(1.5, 0.2, 0.6, -0.3, 1.2 + 1e-6, 0.4) - _error(1.5, 0.2, 0.6, -0.3, 1.2 - 1e-6, 0.4)) / 2e-6
    assert round(fd, 4) == 0.0657
    assert (round(nd["E_before"], 5), round(nd["E_after"], 5)) == (0.15905, 0.15971)
    assert round(nd["delta"], 5) == 0.00066 and nd["delta"] == pytest.approx(0.01 * fd, rel=2e-3)


@given(x=v, y=st.floats(0, 1), w_i=v, b_i=v, w_o=v, b_o=v)
def test_the_second_level_of_reuse_is_dE_dmu1(x, y, w_i, b_i, w_o, b_o):
    """dE/dmu1 = dE/dmu2 * w_o * h(1 - h) is dE/db_i, and dE/dw_i is that times x."""
    tr = backprop_chain(x, y, w_i, b_i, w_o, b_o)
    s = lambda z: 1.0 / (1.0 + np.exp(-z))
    by_mu1 = lambda m: 0.5 * (s(w_o * s(m) + b_o) - y) ** 2          # E as a function of mu1 alone
    mu1 = w_i * x + b_i
    fd = (by_mu1(mu1 + 1e-6) - by_mu1(mu1 - 1e-6)) / 2e-6
    assert tr.hidden["value"] == pytest.approx(fd, abs=1e-8)
    h = s(mu1)
    assert tr.hidden["value"] == pytest.approx(tr.shared["value"] * w_o * h * (1 - h), abs=1e-12)
    assert tr.gradients["b_i"]["gradient"] == pytest.approx(tr.hidden["value"], abs=1e-12)
    assert tr.gradients["w_i"]["gradient"] == pytest.approx(tr.hidden["value"] * x, abs=1e-12)
    assert tr.hidden["factors"] == tr.gradients["w_i"]["factors"][:4]


def test_weight_update_parameters_per_epoch_follow_the_mlps_training():
    """params[k] (what the scene's counters show after k epochs) is where the MLP's own full-batch
    descent is after k epochs; params[0] is what the user gave."""
    from nncore import get_trace
    from nncore.training import train
    tr = get_trace("weight-update", lr=0.5, epochs=6)
    assert tr["params"][0] == dict(w_i=0.6, b_i=-0.3, w_o=1.2, b_o=0.4)
    for k in (1, 6):
        net = MLP([1, 1, 1], activation="sigmoid").set_parameters([[[0.6]], [[1.2]]], [[-0.3], [0.4]])
        train(net, [[1.5]], [0.2], epochs=k, lr=0.5, snapshots=[])
        mlp = {"w_i": net.weights[0].item(), "b_i": net.biases[0].item(), "w_o": net.weights[1].item(),
               "b_o": net.biases[1].item()}
        assert tr["params"][k] == pytest.approx(mlp, abs=1e-12)
        assert tr["outputs"][k] == pytest.approx(net.predict([[1.5]]).item(), abs=1e-12)
