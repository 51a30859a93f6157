"""Parameter counts of the worked examples, built here with Keras, independently of the build's
outputs: the pages and slides state these numbers, and the snippets must keep producing them."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
keras = pytest.importorskip("keras")
layers = keras.layers


def mnist_cnn(first=32, second=64):
    return keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(first, (3, 3), activation="relu"),
        layers.Conv2D(second, (3, 3), activation="relu"),
        layers.MaxPooling2D((2, 2)), layers.Dropout(0.25), layers.Flatten(),
        layers.Dense(128, activation="relu"), layers.Dropout(0.5),
        layers.Dense(10, activation="softmax"),
    ])


def test_mnist_mlp_has_101770_parameters_100480_and_1290():
    model = keras.Sequential([keras.Input(shape=(28, 28)), layers.Flatten(),
                              layers.Dense(128, activation="relu"),
                              layers.Dense(10, activation="softmax")])
    assert [layer.count_params() for layer in model.layers] == [0, 100_480, 1_290]
    assert model.count_params() == 101_770


def test_mnist_cnn_has_1199882_parameters_and_flattens_9216_values():
    model = mnist_cnn()
    assert model.count_params() == 1_199_882
    assert tuple(model.layers[4].output.shape) == (None, 9216)


def test_half_width_mnist_cnn_trained_on_the_subset_has_596042_parameters():
    assert mnist_cnn(16, 32).count_params() == 596_042


def test_fashion_cnn2_has_1042282_parameters_with_3x3x128_flattened():
    def block(filters):
        return [layers.Conv2D(filters, (3, 3), padding="same", activation="relu"),
                layers.Conv2D(filters, (3, 3), padding="same", activation="relu"),
                layers.MaxPooling2D((2, 2)), layers.Dropout(0.25)]

    model = keras.Sequential([
        keras.Input(shape=(28, 28, 1)), *block(32), *block(64), *block(128), layers.Flatten(),
        layers.Dense(512, activation="relu"), layers.Dropout(0.5),
        layers.Dense(256, activation="relu"), layers.Dense(128, activation="relu"),
        layers.Dense(10, activation="softmax"),
    ])
    assert tuple(model.layers[12].output.shape) == (None, 3 * 3 * 128)
    assert model.count_params() == 1_042_282


def test_cifar10_cnn_has_1250858_parameters_896_in_its_first_rgb_convolution():
    model = keras.Sequential([
        keras.Input(shape=(32, 32, 3)),
        layers.Conv2D(32, (3, 3), padding="same", activation="relu"),
        layers.Conv2D(32, (3, 3), activation="relu"),
        layers.MaxPooling2D((2, 2)), layers.Dropout(0.25),
        layers.Conv2D(64, (3, 3), padding="same", activation="relu"),
        layers.Conv2D(64, (3, 3), activation="relu"),
        layers.MaxPooling2D((2, 2)), layers.Dropout(0.25),
        layers.Flatten(), layers.Dense(512, activation="relu"), layers.Dropout(0.5),
        layers.Dense(10, activation="softmax"),
    ])
    assert model.layers[0].count_params() == 3 * 3 * 3 * 32 + 32 == 896
    assert tuple(model.layers[8].output.shape) == (None, 6 * 6 * 64)
    assert model.count_params() == 1_250_858


def test_eight_input_classifier_has_221_parameters():
    model = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(12, activation="relu"),
                              layers.Dense(8, activation="relu"),
                              layers.Dense(1, activation="sigmoid")])
    assert [layer.count_params() for layer in model.layers] == [8 * 12 + 12, 12 * 8 + 8, 8 + 1]
    assert model.count_params() == 221
