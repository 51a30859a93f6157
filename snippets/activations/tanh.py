"""Tanh: any number into (-1, 1)."""

import keras
import numpy as np

x = np.array([-4.0, -1.0, 0.0, 1.0, 4.0])
t = (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))
k = keras.activations.tanh(x)
print("formula:", t.round(3))
print("keras:  ", np.asarray(k).round(3))
print("slope:  ", (1 - t**2).round(3))
