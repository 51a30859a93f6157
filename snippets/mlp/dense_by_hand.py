"""A Dense layer is a matrix product plus a bias: checked against Keras."""

import keras
import numpy as np
from keras import layers

layer = layers.Dense(2, activation="relu")
x = np.array([[1.0, 2.0, 3.0]])  # one sample, 3 inputs
layer.build(x.shape)
w = np.array([[0.5, -1.0],
              [0.2, 0.3],
              [-0.1, -0.4]])  # 3 inputs x 2 neurons
b = np.array([0.1, -0.2])
layer.set_weights([w, b])

z = x @ w + b  # each column of w feeds one neuron
print("weighted sums z:", z.round(2))
print("by hand relu(z):", np.maximum(z, 0).round(2))
print("keras layer(x): ", np.round(layer(x), 2))
