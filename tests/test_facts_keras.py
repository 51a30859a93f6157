"""Facts the Keras chapter and the "dive" deck state, asserted by building the models here,
independently of the build's outputs."""

from __future__ import annotations

import math
import os

import numpy as np
import pytest

from .conftest import load_snippet_module

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
keras = pytest.importorskip("keras")
layers = keras.layers


def load_shapes_helper():
    return load_snippet_module("shapes/_shapes.py")


def two_input_model():
    image = keras.Input(shape=(28, 28, 1))
    x = layers.Flatten()(layers.MaxPooling2D((2, 2))(layers.Conv2D(8, (3, 3))(image)))
    numbers = keras.Input(shape=(2,))
    y = layers.Dense(4)(numbers)
    merged = layers.Concatenate()([x, y])
    output = layers.Dense(3, activation="softmax")(layers.Dense(16)(merged))
    return keras.Model([image, numbers], output)


def test_two_input_model_has_21855_parameters_and_3_outputs():
    model = two_input_model()
    # conv 8*(9+1) = 80; numeric 4*(2+1) = 12; hidden 16*(13*13*8 + 4 + 1) = 21712; out 3*17 = 51
    assert model.count_params() == 80 + 12 + 21712 + 51 == 21855
    assert tuple(model.output_shape) == (None, 3)
    batch = [np.zeros((2, 28, 28, 1), "float32"), np.zeros((2, 2), "float32")]
    assert model.predict(batch, verbose=0).shape == (2, 3)


def test_sequential_and_functional_8_12_8_1_both_have_221_parameters():
    sequential = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(12), layers.Dense(8),
                                   layers.Dense(1)])
    inputs = keras.Input(shape=(8,))
    outputs = layers.Dense(1)(layers.Dense(8)(layers.Dense(12)(inputs)))
    functional = keras.Model(inputs, outputs)
    assert sequential.count_params() == functional.count_params() == 108 + 104 + 9 == 221


def test_shapes_network_784_16_3_has_12611_parameters():
    model = load_shapes_helper().build_net()
    assert [layer.count_params() for layer in model.layers] == [16 * 785, 3 * 17]
    assert model.count_params() == 12611


def test_small_cnn_layer_shapes_on_28x28():
    model = keras.Sequential([
        keras.Input(shape=(28, 28, 1)), layers.Conv2D(8, (3, 3)), layers.MaxPooling2D((2, 2)),
        layers.Conv2D(16, (3, 3)), layers.MaxPooling2D((2, 2)), layers.Flatten(), layers.Dense(3),
    ])
    shapes = [tuple(layer.output.shape) for layer in model.layers]
    assert shapes == [(None, 26, 26, 8), (None, 13, 13, 8), (None, 11, 11, 16), (None, 5, 5, 16),
                      (None, 400), (None, 3)]
    assert model.count_params() == 80 + 1168 + 1203 == 2451


@pytest.mark.parametrize(("rows", "batch", "steps"), [(1920, 64, 30), (2400, 64, 38), (10, 3, 4)])
def test_steps_per_epoch_is_rows_over_batch_rounded_up(rows, batch, steps):
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input(shape=(2,)), layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    x = np.zeros((rows, 2), "float32")
    history = model.fit(x, np.zeros(rows, "float32"), epochs=1, batch_size=batch, verbose=0)
    assert history.params["steps"] == math.ceil(rows / batch) == steps


def test_shapes_dataset_has_3_balanced_classes_of_28x28_images_and_is_seeded():
    helper = load_shapes_helper()
    images, labels = helper.make_shapes(per_class=200, seed=1)
    assert images.shape == (600, 28, 28)
    assert images.dtype == np.float32
    assert 0.0 <= images.min() and images.max() <= 1.0
    assert np.bincount(labels).tolist() == [200, 200, 200]
    assert helper.CLASSES == ("square", "circle", "triangle")
    again, _ = helper.make_shapes(per_class=200, seed=1)
    assert np.array_equal(images, again)
    (x_train, y_train), (x_test, y_test) = helper.load_split()
    assert x_train.shape == (2400, 784) and x_test.shape == (600, 784)
    assert np.bincount(y_train).sum() + np.bincount(y_test).sum() == 3000
