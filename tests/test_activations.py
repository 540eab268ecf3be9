import numpy as np
import pytest
from hypothesis import assume, given, strategies as st

from nncore.activations import ACTIVATIONS, get_activation, sigmoid

finite = st.floats(min_value=-30, max_value=30, allow_nan=False)


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "identity"])
@given(z=finite)
def test_derivative_matches_central_difference(name, z):
    a = get_activation(name)
    assume(name != "relu" or abs(z) >= 1e-3)   # the kink: undefined at 0
    h = 1e-5
    numeric = (a.fn(z + h) - a.fn(z - h)) / (2 * h)
    assert a.prime(z) == pytest.approx(numeric, rel=1e-5, abs=1e-7)


def test_sigmoid_is_stable_and_continuous_for_large_inputs():
    with np.errstate(over="raise", invalid="raise", divide="raise"):  # overflow would raise
        out = sigmoid(np.array([-1000.0, -50.0, 0.0, 50.0, 1000.0]))
    assert out[0] == 0.0 and out[-1] == 1.0 and out[2] == 0.5
    # Continuous in (0, 1), not binary: the article's claim is wrong.
    mid = sigmoid(np.linspace(-4, 4, 9))
    assert np.all((mid > 0) & (mid < 1)) and len(set(np.round(mid, 6))) == 9


def test_relu_derivative_is_zero_or_one_and_zero_at_the_kink():
    d = get_activation("relu").prime(np.array([-2.0, 0.0, 3.0]))
    assert d.tolist() == [0.0, 0.0, 1.0]


def test_step_is_binary():
    assert set(get_activation("step").fn(np.linspace(-3, 3, 50)).tolist()) == {0.0, 1.0}


def test_unknown_activation_lists_the_valid_names():
    with pytest.raises(ValueError) as e:
        get_activation("softplus")
    for name in ACTIVATIONS:
        assert name in str(e.value)
