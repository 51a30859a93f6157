"""Exercise: output sizes of convolutions and pooling from o = floor((i + 2p - k) / s) + 1."""

import keras
from keras import layers


def out_size(i, k, p=0, s=1):
    return (i + 2 * p - k) // s + 1


print("32x32 input, 5x5 kernel, no padding, stride 1:", out_size(32, 5))
print("28x28 input, 3x3 kernel, padding 1, stride 2:", out_size(28, 3, p=1, s=2))
print("2x2 max pooling (k=2, s=2) on 28x28:", out_size(28, 2, s=2))

# the exercise network: Conv 10@5x5, pool, Conv 25@5x5, pool, Conv 100@4x4, pool, Dense 10
model = keras.Sequential([
    keras.Input(shape=(32, 32, 1)),
    layers.Conv2D(10, (5, 5)), layers.MaxPooling2D((2, 2)),
    layers.Conv2D(25, (5, 5)), layers.MaxPooling2D((2, 2)),
    layers.Conv2D(100, (4, 4)), layers.MaxPooling2D((2, 2)),
    layers.Flatten(), layers.Dense(10, activation="softmax"),
])
for layer in model.layers:
    print(f"{type(layer).__name__:<13} {str(tuple(layer.output.shape)):<20}"
          f"{layer.count_params():>6}")
print("total parameters:", model.count_params())
