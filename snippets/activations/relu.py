"""ReLU: negative numbers become 0."""

import keras
import numpy as np

x = np.array([-4.0, -1.0, 0.0, 1.0, 4.0])
r = np.maximum(0, x)
k = keras.activations.relu(x)
print("formula:", r)
print("keras:  ", np.asarray(k))
print("slope:  ", (x > 0).astype(float))
