"""Exercise: the output shape after each layer of a stack mixing padding, strides and pooling."""

import keras
from keras import layers

# --8<-- [start:main]
def out_size(i, k, p, s):
    return (i + 2 * p - k) // s + 1

# (name, kernel, padding, stride): "same" pads (k - 1) // 2 on each side at stride 1
steps = [("conv 3x3 same", 3, 1, 1), ("conv 3x3 stride 2", 3, 1, 2),
         ("max pool 2x2", 2, 0, 2), ("conv 5x5 valid", 5, 0, 1)]
size = 64
for name, k, p, s in steps:
    size = out_size(size, k, p, s)
    print(f"{name:<18} -> {size} x {size}")
# --8<-- [end:main]

model = keras.Sequential([
    keras.Input(shape=(64, 64, 3)),
    layers.Conv2D(8, 3, padding="same"),
    layers.ZeroPadding2D(1), layers.Conv2D(8, 3, strides=2),
    layers.MaxPooling2D(2),
    layers.Conv2D(8, 5),
])
print("Keras:", model.output_shape)
