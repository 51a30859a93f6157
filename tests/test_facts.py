"""Facts the pages state, asserted by building the models here, independently of the build's
outputs: if a snippet drifted, these would still hold the numbers the text relies on."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
keras = pytest.importorskip("keras")
layers = keras.layers


def test_mlp_3_4_4_1_has_41_parameters_16_20_5():
    model = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(4), layers.Dense(4),
                              layers.Dense(1)])
    assert [layer.count_params() for layer in model.layers] == [16, 20, 5]
    assert model.count_params() == 41


@pytest.mark.parametrize(("stride", "shape"), [(1, (None, 5, 5, 1)), (2, (None, 3, 3, 1))])
def test_same_padded_3x3_conv_on_5x5_gives_shape_and_10_parameters(stride, shape):
    model = keras.Sequential([keras.Input(shape=(5, 5, 1)),
                              layers.Conv2D(1, (3, 3), strides=stride, padding="same")])
    assert tuple(model.output_shape) == shape
    assert model.count_params() == 10
