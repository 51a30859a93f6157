"""Exercise: how many input pixels one output pixel of a stack of 3x3 convolutions sees."""

import keras
import numpy as np
import tensorflow as tf
from keras import layers

# --8<-- [start:main]
def receptive_field(layers_ks):
    """(kernel, stride) per layer -> side of the input square one output pixel depends on."""
    field, jump = 1, 1
    for k, s in layers_ks:
        field += (k - 1) * jump
        jump *= s
    return field

print("three 3x3, stride 1:        ", receptive_field([(3, 1)] * 3))
print("3x3, 2x2 pool, 3x3, 3x3:    ", receptive_field([(3, 1), (2, 2), (3, 1), (3, 1)]))
# --8<-- [end:main]

# check: the gradient of the centre output pixel is non-zero exactly on its receptive field
keras.utils.set_random_seed(1)
model = keras.Sequential([keras.Input(shape=(15, 15, 1))]
                         + [layers.Conv2D(1, 3, padding="same",
                                          kernel_initializer="ones") for _ in range(3)])
x = tf.Variable(np.ones((1, 15, 15, 1), "float32"))
with tf.GradientTape() as tape:
    centre = model(x)[0, 7, 7, 0]
seen = np.abs(tape.gradient(centre, x).numpy()[0, :, :, 0]) > 0
rows, cols = np.nonzero(seen)
print("measured with a gradient:   ", rows.max() - rows.min() + 1, "x", cols.max() - cols.min() + 1)
