"""Output sizes from o = (i + 2p - d(k-1) - 1) // s + 1, next to what Keras builds."""

from _convarith import output_size

# --8<-- [start:table]
import keras
from keras import layers

cases = [  # (i, k, p, s, d)
    (5, 3, 0, 1, 1), (5, 3, 1, 1, 1), (5, 3, 1, 2, 1), (6, 3, 1, 2, 1),
    (7, 3, 0, 1, 2), (28, 5, 0, 1, 1), (28, 5, 2, 1, 1), (32, 5, 0, 1, 1),
    (224, 7, 3, 2, 1), (224, 11, 2, 4, 1),
]
print(" i   k  p  s  d | formula  Keras")
for i, k, p, s, d in cases:
    model = keras.Sequential([
        keras.Input(shape=(i, i, 1)),
        layers.ZeroPadding2D(p),
        layers.Conv2D(1, k, strides=s, dilation_rate=d),
    ])
    by_keras = model.output_shape[1]
    mine = output_size(i, k, p, s, d)
    print(f"{i:3d} {k:3d} {p:2d} {s:2d} {d:2d} | {mine:7d} {by_keras:6d}"
          + ("" if mine == by_keras else "  MISMATCH"))
# --8<-- [end:table]
