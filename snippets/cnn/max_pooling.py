"""Max pooling: a 2x2 window with stride 2 keeps the largest of every 4 values, 4x4 -> 2x2."""

import keras
import numpy as np
from keras import layers

from _convarith import animate, output_size

values = np.random.default_rng(7).integers(0, 10, size=(4, 4))
print("input:")
print(values)

# the helper's own arithmetic: the same formula, with the pool size as kernel
o = output_size(4, k=2, p=0, s=2)
pooled = np.array([[values[2 * r: 2 * r + 2, 2 * c: 2 * c + 2].max() for c in range(o)]
                   for r in range(o)])

pool = keras.Sequential([keras.Input(shape=(4, 4, 1)), layers.MaxPooling2D(2, strides=2)])
by_keras = pool.predict(values.reshape(1, 4, 4, 1).astype("float32"), verbose=0)
print(f"output {o}x{o}, Keras output shape {pool.output_shape}")
print(pooled)
print("Keras agrees:", bool((by_keras[0, :, :, 0] == pooled).all()))
frames = animate("max_pooling", 4, 2, 0, 2, values=values.tolist())
print(f"{frames} frames, one per output cell")
