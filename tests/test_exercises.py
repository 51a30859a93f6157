"""The exercises' answers, worked out here independently of the solutions' snippets."""

from __future__ import annotations

import os

import numpy as np
import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
keras = pytest.importorskip("keras")
layers = keras.layers


def dense_params(sizes):
    return sum(n_out * (n_in + 1) for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True))


def mlp(sizes, activation="relu"):
    return keras.Sequential([keras.Input(shape=(sizes[0],))]
                            + [layers.Dense(n, activation=activation) for n in sizes[1:]])


def test_exercise_1_mlp_784_64_32_10_has_52650_parameters():
    assert dense_params([784, 64, 32, 10]) == 50240 + 2080 + 330 == 52650
    assert mlp([784, 64, 32, 10]).count_params() == 52650


@pytest.mark.parametrize(("i", "k", "p", "s", "o"), [(32, 5, 0, 1, 28), (28, 3, 1, 2, 14),
                                                     (28, 2, 0, 2, 14)])
def test_exercise_2_conv_output_sizes(i, k, p, s, o):
    assert (i + 2 * p - k) // s + 1 == o
    model = keras.Sequential([keras.Input(shape=(i, i, 1)), layers.ZeroPadding2D(p),
                              layers.Conv2D(1, (k, k), strides=s)])
    assert model.output_shape == (None, o, o, 1)


def test_exercise_2_course_cnn_has_47645_parameters():
    model = keras.Sequential([
        keras.Input(shape=(32, 32, 1)),
        layers.Conv2D(10, (5, 5)), layers.MaxPooling2D((2, 2)),
        layers.Conv2D(25, (5, 5)), layers.MaxPooling2D((2, 2)),
        layers.Conv2D(100, (4, 4)), layers.MaxPooling2D((2, 2)),
        layers.Flatten(), layers.Dense(10),
    ])
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
