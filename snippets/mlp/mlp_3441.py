"""A multi-layer perceptron: 3 inputs, two hidden layers of 4 neurons, 1 output."""

import keras
from keras import layers

model = keras.Sequential(
    [
        keras.Input(shape=(3,)),
        layers.Dense(4),  # 3 weights per neuron + 1 bias: 4 * (3 + 1) = 16
        layers.Dense(4),  # 4 * (4 + 1) = 20
        layers.Dense(1),  # 1 * (4 + 1) = 5
    ],
    name="mlp",
)
model.summary()
