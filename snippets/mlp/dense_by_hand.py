"""A Dense layer computes x W + b, then its activation: checked against Keras."""
# --8<-- [start:layer]
import keras
import numpy as np

x = np.array([[1.0, 2.0, 3.0]])                        # one sample with 3 inputs
w = np.array([[0.5, -1.0], [0.2, 0.3], [-0.1, -0.4]])  # 3 inputs x 2 neurons
b = np.array([0.1, -0.2])                              # one bias per neuron
layer = keras.layers.Dense(2, activation="relu")
layer.build(x.shape)
layer.set_weights([w, b])
# --8<-- [end:layer]

# --8<-- [start:check]
z = x @ w + b  # column j of w holds the weights of neuron j
print("z = x W + b:    ", z.round(2))
print("relu(z) by hand:", np.maximum(z, 0).round(2))
print("keras layer(x): ", np.asarray(layer(x)).round(2))
# --8<-- [end:check]
