"""Softplus: a smooth ReLU."""

import keras
import numpy as np

x = np.array([-4.0, -1.0, 0.0, 1.0, 4.0])
sp = np.log(1 + np.exp(x))
k = keras.activations.softplus(x)
print("formula:", sp.round(3))
print("keras:  ", np.asarray(k).round(3))
print("slope:  ", (1 / (1 + np.exp(-x))).round(3))
