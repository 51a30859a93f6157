"""The exercises' answers, worked out here independently of the solutions' snippets."""

from __future__ import annotations

import os
import re
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
keras = pytest.importorskip("keras")
layers = keras.layers


def dense_params(sizes):
    return sum(n_out * (n_in + 1) for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True))


def mlp(sizes, activation="relu"):
    return keras.Sequential(
        [keras.Input(shape=(sizes[0],))] + [layers.Dense(n, activation=activation) for n in sizes[1:]]
    )


def test_exercise_1_mlp_784_64_32_10_has_52650_parameters():
    assert dense_params([784, 64, 32, 10]) == 50240 + 2080 + 330 == 52650
    assert mlp([784, 64, 32, 10]).count_params() == 52650


@pytest.mark.parametrize(("i", "k", "p", "s", "o"), [(32, 5, 0, 1, 28), (28, 3, 1, 2, 14), (28, 2, 0, 2, 14)])
def test_exercise_2_conv_output_sizes(i, k, p, s, o):
    assert (i + 2 * p - k) // s + 1 == o
    model = keras.Sequential(
        [keras.Input(shape=(i, i, 1)), layers.ZeroPadding2D(p), layers.Conv2D(1, (k, k), strides=s)]
    )
    assert model.output_shape == (None, o, o, 1)


def test_exercise_2_course_cnn_has_47645_parameters():
    model = keras.Sequential(
        [
            keras.Input(shape=(32, 32, 1)),
            layers.Conv2D(10, (5, 5)),
            layers.MaxPooling2D((2, 2)),
            layers.Conv2D(25, (5, 5)),
            layers.MaxPooling2D((2, 2)),
            layers.Conv2D(100, (4, 4)),
            layers.MaxPooling2D((2, 2)),
            layers.Flatten(),
            layers.Dense(10),
        ]
    )
    assert model.layers[4].output.shape == (None, 2, 2, 100)
    assert model.count_params() == 260 + 6275 + 40100 + 1010 == 47645


def test_exercise_3_shifted_softmax_matches_keras_and_survives_large_scores():
    def softmax(z):
        e = np.exp(z - np.max(z))
        return e / e.sum()

    z = np.array([2.0, 1.0, 0.1])
    expected = np.exp(z) / np.exp(z).sum()
    assert np.allclose(softmax(z), expected)
    assert np.allclose(softmax(z), [0.6590, 0.2424, 0.0986], atol=1e-4)
    keras_p = keras.ops.convert_to_numpy(keras.activations.softmax(z[None, :].astype("float32")))
    assert np.allclose(keras_p[0], expected, atol=1e-6)
    big = softmax(np.array([1000.0, 999.0, 998.0]))
    assert np.all(np.isfinite(big)) and np.allclose(big, softmax(np.array([2.0, 1.0, 0.0])))


def test_exercises_4_to_6_parameter_counts():
    assert mlp([784, 128, 10]).count_params() == 101770
    assert mlp([784, 256, 10]).count_params() == 203530
    assert mlp([784, 128, 64, 10]).count_params() == 109386 == 101770 + 7616
    for activation in ("sigmoid", "tanh"):
        assert mlp([784, 128, 10], activation).count_params() == 101770


def test_exercise_7_backprop_by_hand_gradients():
    # worked out again here with finite differences of the same loss
    def loss(w1, b1, w2, b2, x=1.5, y=1.0):
        h = max(w1 * x + b1, 0.0)
        return 0.5 * (1 / (1 + np.exp(-(w2 * h + b2))) - y) ** 2

    point = np.array([0.8, -0.2, -1.2, 0.4])
    eps = 1e-6
    grads = [(loss(*(point + eps * e)) - loss(*(point - eps * e))) / (2 * eps) for e in np.eye(4)]
    assert np.allclose(grads, [0.2657, 0.1771, -0.1476, -0.1476], atol=1e-4)
    assert round(loss(*point), 4) == 0.2380


def test_exercise_8_conv_by_hand_is_keras_cross_correlation():
    image = np.array([[3, 1, 0, 2], [1, 4, 2, 0], [0, 2, 5, 1], [2, 0, 1, 3]], "float32")
    kernel = np.array([[1, 0, -1], [2, 0, -2], [1, 0, -1]], "float32")
    conv = layers.Conv2D(1, 3, use_bias=False)
    conv.build((1, 4, 4, 1))
    conv.set_weights([kernel.reshape(3, 3, 1, 1)])
    out = keras.ops.convert_to_numpy(conv(image.reshape(1, 4, 4, 1)))[0, :, :, 0]
    assert out.tolist() == [[-4.0, 8.0], [-10.0, 3.0]]
    # a true convolution flips the kernel: a different answer
    flipped = kernel[::-1, ::-1]
    assert np.sum(image[:3, :3] * flipped) == 4.0


def test_exercise_9_stack_of_sizes_ends_at_12():
    model = keras.Sequential(
        [
            keras.Input(shape=(64, 64, 3)),
            layers.Conv2D(8, 3, padding="same"),
            layers.Conv2D(8, 3, strides=2, padding="same"),
            layers.MaxPooling2D(2),
            layers.Conv2D(8, 5),
        ]
    )
    assert [tuple(layer.output.shape) for layer in model.layers] == [
        (None, 64, 64, 8),
        (None, 32, 32, 8),
        (None, 16, 16, 8),
        (None, 12, 12, 8),
    ]


def test_exercise_10_dropout_scales_survivors_by_two_and_is_identity_at_test():
    drop = layers.Dropout(0.5)
    x = np.ones((200, 50), "float32")
    trained = keras.ops.convert_to_numpy(drop(x, training=True))
    assert set(np.unique(trained).tolist()) == {0.0, 2.0}
    assert abs(trained.mean() - 1.0) < 0.05
    assert np.array_equal(keras.ops.convert_to_numpy(drop(x, training=False)), x)


def test_exercise_11_batchnorm_modes():
    batch = np.array([[2.0], [4.0], [6.0], [8.0]], "float32")
    bn = layers.BatchNormalization(momentum=0.9, epsilon=1e-3)
    fresh = keras.ops.convert_to_numpy(bn(batch, training=False))[:, 0]
    assert np.allclose(fresh, batch[:, 0] / np.sqrt(1 + 1e-3))
    trained = keras.ops.convert_to_numpy(bn(batch, training=True))[:, 0]
    assert np.allclose(trained, (batch[:, 0] - 5) / np.sqrt(5 + 1e-3), atol=1e-5)
    assert np.isclose(float(bn.moving_mean[0]), 0.1 * 5)
    assert np.isclose(float(bn.moving_variance[0]), 0.9 * 1 + 0.1 * 5)


@pytest.mark.parametrize(("lr", "after_10"), [(0.1, 0.8**10), (0.5, 0.0), (0.9, 0.8**10), (1.1, 1.2**10)])
def test_exercise_12_learning_rate_multiplies_w_by_1_minus_2lr(lr, after_10):
    w = 1.0
    for _ in range(10):
        w -= lr * 2 * w
    assert np.isclose(w, after_10)


def test_exercise_13_softmax_cross_entropy_gradient_is_p_minus_y():
    z = np.array([2.0, 1.0, 0.1])
    y = np.array([0.0, 1.0, 0.0])
    p = np.exp(z) / np.exp(z).sum()

    def loss(z):
        return -np.log(np.exp(z[1]) / np.exp(z).sum())

    numeric = [(loss(z + 1e-6 * e) - loss(z - 1e-6 * e)) / 2e-6 for e in np.eye(3)]
    assert np.allclose(numeric, p - y, atol=1e-6)
    assert np.allclose(p - y, [0.6590, -0.7576, 0.0986], atol=1e-4)


def test_exercise_14_receptive_fields_are_7_and_12():
    # the input pixels that can reach the centre output, by propagating a 1-pixel mask backwards
    def field(stack):
        size = 1
        for k, s in reversed(stack):
            size = (size - 1) * s + k
        return size

    assert field([(3, 1)] * 3) == 7
    assert field([(3, 1), (2, 2), (3, 1), (3, 1)]) == 12


def test_exercise_15_one_by_one_convolution_parameters():
    one = keras.Sequential([keras.Input(shape=(16, 16, 64)), layers.Conv2D(16, 1)])
    three = keras.Sequential([keras.Input(shape=(16, 16, 64)), layers.Conv2D(16, 3, padding="same")])
    assert one.output_shape == three.output_shape == (None, 16, 16, 16)
    assert one.count_params() == 16 * 65 == 1040
    assert three.count_params() == 16 * (9 * 64 + 1) == 9232


def test_exercises_page_has_at_least_15_exercises_each_with_a_solution():
    page = (Path(__file__).parent.parent / "docs" / "exercises.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (\d+)\. ", page, flags=re.M)
    assert [int(n) for n in headings] == list(range(1, len(headings) + 1))
    assert len(headings) >= 15
    sections = re.split(r"^## \d+\. ", page, flags=re.M)[1:]
    assert all('??? note "Solution"' in s and "snippets/exercises/" in s for s in sections)
