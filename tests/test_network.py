import numpy as np
import pytest
from hypothesis import assume, given, settings, strategies as st

from nncore import MLP, count_parameters

sizes = st.lists(st.integers(1, 5), min_size=2, max_size=4)
activation = st.sampled_from(["sigmoid", "tanh", "relu", "identity"])


def numeric_gradients(net, X, y, h=1e-6):
    """Central differences of the cost, one parameter at a time."""
    grads = []
    for group in (net.weights, net.biases):
        out = []
        for p in group:
            g = np.zeros_like(p)
            for idx in np.ndindex(p.shape):
                old = p[idx]
                p[idx] = old + h
                up = net.cost(X, y)
                p[idx] = old - h
                down = net.cost(X, y)
                p[idx] = old
                g[idx] = (up - down) / (2 * h)
            out.append(g)
        grads.append(out)
    return grads


@settings(max_examples=40, deadline=None)
@given(sizes=sizes, act=activation, out_act=activation, n=st.integers(1, 6), seed=st.integers(0, 10_000))
def test_gradients_match_finite_differences(sizes, act, out_act, n, seed):
    net = MLP(sizes, activation=act, output_activation=out_act, seed=seed)
    rng = np.random.default_rng(seed + 1)
    X = rng.normal(size=(n, sizes[0]))
    y = rng.normal(size=(n, sizes[-1]))
    if "relu" in (act, out_act):   # no draw that puts a pre-activation within h of ReLU's kink
        assume(all(np.min(np.abs(z)) >= 1e-4 for z in net.forward(X).zs))
    dW, db = net.gradients(X, y)
    nW, nb = numeric_gradients(net, X, y)
    for a, b in zip(dW + db, nW + nb):
        assert a.shape == b.shape
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-7)


@given(sizes=st.lists(st.integers(1, 300), min_size=2, max_size=6))
def test_parameter_count_is_sum_of_layer_formula_and_array_sizes(sizes):
    net = MLP(sizes)
    expected = sum(a * b + b for a, b in zip(sizes, sizes[1:]))
    assert net.parameter_count() == expected == count_parameters(sizes)
    assert expected == sum(W.size for W in net.weights) + sum(b.size for b in net.biases)


def test_article_network_has_17_parameters():
    net = MLP([2, 4, 1], activation="sigmoid", output_activation="sigmoid", seed=0)
    assert net.parameter_count() == 17
    assert net.parameter_breakdown() == [(8, 4), (4, 1)]
    assert [W.shape for W in net.weights] == [(2, 4), (4, 1)]
    assert [b.shape for b in net.biases] == [(4,), (1,)]


def test_forward_matches_hand_computation():
    net = MLP([2, 3, 1], activation="tanh", output_activation="identity", seed=3)
    x = np.array([0.4, -1.2])
    h = np.tanh(x @ net.weights[0] + net.biases[0])
    out = h @ net.weights[1] + net.biases[1]
    tr = net.forward(x[None, :])
    np.testing.assert_allclose(tr.output[0], out)
    assert tr.output.shape == (1, 1) and len(tr.zs) == 2 and len(tr.activations) == 3


def test_same_seed_same_weights_other_seed_other_weights():
    a, b, c = MLP([2, 4, 1], seed=5), MLP([2, 4, 1], seed=5), MLP([2, 4, 1], seed=6)
    assert all(np.array_equal(x, y) for x, y in zip(a.weights, b.weights))
    assert not np.array_equal(a.weights[0], c.weights[0])


@pytest.mark.parametrize("bad", [[2], [2, 0, 1], [3, -1]])
def test_bad_layer_sizes_are_rejected(bad):
    with pytest.raises(ValueError, match="layer"):
        MLP(bad)


def test_wrong_input_width_is_a_clear_error():
    with pytest.raises(ValueError, match="expects 2"):
        MLP([2, 1]).forward(np.ones((1, 3)))
