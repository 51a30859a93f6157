"""Step: 1 from x = 0 upwards, else 0; slope 0."""

import keras
import numpy as np

x = np.array([-2.0, -0.5, 0.0, 0.5, 2.0])
step = np.where(x >= 0, 1.0, 0.0)
k = keras.ops.heaviside(x, 1.0)  # value at 0: 1
print("formula:", step)
print("keras:  ", np.asarray(k))
print("slope:  ", np.zeros_like(x))
