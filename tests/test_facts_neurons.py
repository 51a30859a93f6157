"""Facts the neurons and activations chapters state, checked by building the models and calling
the functions here, independently of the build's outputs."""

from __future__ import annotations

import math
import os

import numpy as np
import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
keras = pytest.importorskip("keras")
layers = keras.layers
ops = keras.ops


def dense_stack(sizes, activation=None):
    return keras.Sequential([keras.Input(shape=(sizes[0],))]
                            + [layers.Dense(n, activation=activation) for n in sizes[1:]])


def values(tensor):
    return np.asarray(ops.convert_to_numpy(tensor), dtype="float64")


# --- parameters -----------------------------------------------------------------------------

def test_mlp_3_4_4_1_has_41_parameters_split_16_20_5():
    model = dense_stack([3, 4, 4, 1])
    assert [layer.count_params() for layer in model.layers] == [16, 20, 5]
    assert model.count_params() == 41


@pytest.mark.parametrize(("sizes", "total"), [
    ([3, 4, 4, 1], 41),
    ([8, 12, 8, 1], 221),
    ([784, 128, 10], 101_770),
    ([784, 32, 32, 32, 10], 27_562),
])
def test_parameter_count_is_n_out_times_n_in_plus_one(sizes, total):
    by_formula = sum(n_out * (n_in + 1) for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True))
    assert by_formula == total
    assert dense_stack(sizes).count_params() == total


def test_mnist_mlp_first_layer_holds_100480_of_101770_parameters():
    model = dense_stack([784, 128, 10], activation="relu")
    assert model.layers[0].count_params() == 100_480
    assert model.count_params() == 101_770


def test_activation_does_not_change_the_parameter_count():
    assert dense_stack([3, 4, 4, 1], "relu").count_params() == 41


def test_dense_layer_is_x_w_plus_b_then_activation():
    layer = layers.Dense(2, activation="relu")
    x = np.array([[1.0, 2.0, 3.0]], dtype="float32")
    layer.build(x.shape)
    w = np.array([[0.5, -1.0], [0.2, 0.3], [-0.1, -0.4]], dtype="float32")
    b = np.array([0.1, -0.2], dtype="float32")
    layer.set_weights([w, b])
    np.testing.assert_allclose(values(layer(x)), [[0.7, 0.0]], atol=1e-6)
    np.testing.assert_allclose(x @ w + b, [[0.7, -1.8]], atol=1e-6)


def test_two_linear_layers_fold_into_one_but_not_with_relu_between():
    keras.utils.set_random_seed(0)
    x = np.random.default_rng(0).normal(size=(8, 3)).astype("float32")
    for activation, same in ((None, True), ("relu", False)):
        model = keras.Sequential([
            keras.Input(shape=(3,)),
            layers.Dense(4, activation=activation, bias_initializer="random_normal"),
            layers.Dense(2, bias_initializer="random_normal"),
        ])
        (w1, b1), (w2, b2) = (layer.get_weights() for layer in model.layers)
        folded = x @ (w1 @ w2) + (b1 @ w2 + b2)
        assert np.allclose(model.predict(x, verbose=0), folded, atol=1e-5) is same


# --- activation values -----------------------------------------------------------------------

def test_sigmoid_of_0_is_one_half():
    assert values(keras.activations.sigmoid(np.array([0.0])))[0] == pytest.approx(0.5)


def test_relu_of_minus_1_is_0_and_keeps_positives():
    out = values(keras.activations.relu(np.array([-1.0, 0.0, 2.5])))
    assert out.tolist() == [0.0, 0.0, 2.5]


def test_tanh_of_0_is_0_and_tanh_is_a_rescaled_sigmoid():
    x = np.linspace(-4, 4, 17)
    tanh = values(keras.activations.tanh(x))
    assert tanh[8] == pytest.approx(0.0)
    np.testing.assert_allclose(tanh, 2 * values(keras.activations.sigmoid(2 * x)) - 1, atol=1e-6)


def test_softplus_of_0_is_log_2():
    assert values(keras.activations.softplus(np.array([0.0])))[0] == pytest.approx(math.log(2))


def test_step_is_heaviside_with_1_at_0():
    assert values(ops.heaviside(np.array([-2.0, 0.0, 0.5]), 1.0)).tolist() == [0.0, 1.0, 1.0]


def test_softmax_sums_to_1_keeps_order_and_ignores_a_shift():
    scores = np.array([[2.0, 1.0, 0.1]])
    probs = values(keras.activations.softmax(scores))[0]
    assert probs.sum() == pytest.approx(1.0)
    assert (probs > 0).all() and list(np.argsort(probs)) == [2, 1, 0]
    np.testing.assert_allclose(probs, [0.659, 0.242, 0.099], atol=5e-4)
    shifted = values(keras.activations.softmax(scores + 10))[0]
    np.testing.assert_allclose(shifted, probs, atol=1e-6)


def test_softmax_of_two_scores_is_a_sigmoid_of_their_difference():
    z = np.array([[1.3, -0.4]])
    p = values(keras.activations.softmax(z))[0, 0]
    assert p == pytest.approx(values(keras.activations.sigmoid(np.array([1.7])))[0], abs=1e-6)


# --- derivatives, checked with central differences -----------------------------------------

X = np.array([-3.0, -1.2, -0.3, 0.4, 1.1, 2.7])
H = 1e-5


def numeric_slope(f, x):
    return (f(x + H) - f(x - H)) / (2 * H)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def test_sigmoid_derivative_is_s_times_1_minus_s():
    s = sigmoid(X)
    np.testing.assert_allclose(numeric_slope(sigmoid, X), s * (1 - s), atol=1e-8)


def test_sigmoid_slope_is_at_most_one_quarter_reached_at_0():
    grid = np.linspace(-6, 6, 1201)
    slope = sigmoid(grid) * (1 - sigmoid(grid))
    assert slope.max() == pytest.approx(0.25)
    assert grid[slope.argmax()] == pytest.approx(0.0)


def test_tanh_derivative_is_1_minus_tanh_squared():
    np.testing.assert_allclose(numeric_slope(np.tanh, X), 1 - np.tanh(X) ** 2, atol=1e-8)


def test_softplus_derivative_is_the_sigmoid():
    softplus = lambda x: np.log1p(np.exp(x))  # noqa: E731
    np.testing.assert_allclose(numeric_slope(softplus, X), sigmoid(X), atol=1e-8)


def test_relu_derivative_is_0_below_and_1_above_0():
    relu = lambda x: np.maximum(0, x)  # noqa: E731
    np.testing.assert_allclose(numeric_slope(relu, X), (X > 0).astype(float), atol=1e-8)


def test_softmax_jacobian_is_s_k_times_delta_minus_s_j():
    z = np.array([0.5, -1.0, 2.0])

    def softmax(v):
        e = np.exp(v - v.max())
        return e / e.sum()

    s = softmax(z)
    jacobian = np.diag(s) - np.outer(s, s)
    for j in range(3):
        step = np.zeros(3)
        step[j] = H
        np.testing.assert_allclose((softmax(z + step) - softmax(z - step)) / (2 * H),
                                   jacobian[:, j], atol=1e-8)
