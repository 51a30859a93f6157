"""Sigmoid: any number into (0, 1)."""

import keras
import numpy as np

x = np.array([-4.0, -1.0, 0.0, 1.0, 4.0])
s = 1 / (1 + np.exp(-x))
k = keras.activations.sigmoid(x)
print("formula:", s.round(3))
print("keras:  ", np.asarray(k).round(3))
print("slope:  ", (s * (1 - s)).round(3))
