"""Exercise: a 3x3 kernel over a 4x4 input, multiply-adds by hand, checked by Keras's Conv2D."""

import keras
import numpy as np
from keras import layers

# --8<-- [start:main]
image = np.array([[3, 1, 0, 2],
                  [1, 4, 2, 0],
                  [0, 2, 5, 1],
                  [2, 0, 1, 3]], dtype="float32")
kernel = np.array([[1, 0, -1],
                   [2, 0, -2],
                   [1, 0, -1]], dtype="float32")  # a Sobel kernel: vertical edges

# no padding, stride 1: the kernel fits at 2 x 2 positions
by_hand = np.zeros((2, 2), dtype="float32")
for r in range(2):
    for c in range(2):
        by_hand[r, c] = np.sum(image[r:r + 3, c:c + 3] * kernel)
print("by hand:\n", by_hand)
# --8<-- [end:main]

conv = layers.Conv2D(1, (3, 3), use_bias=False)
conv.build((1, 4, 4, 1))
conv.set_weights([kernel.reshape(3, 3, 1, 1)])
from_keras = keras.ops.convert_to_numpy(conv(image.reshape(1, 4, 4, 1)))[0, :, :, 0]
print("Keras Conv2D:\n", from_keras)
print("agree:", np.array_equal(by_hand, from_keras))
