"""Keras' built-in activation functions evaluated on a few inputs."""

import keras
import numpy as np

x = np.array([-3.0, -1.0, 0.0, 1.0, 3.0], dtype="float32")
print("x        " + "".join(f"{v:8.2f}" for v in x))
for name in ("sigmoid", "tanh", "relu", "softplus"):
    y = keras.ops.convert_to_numpy(keras.activations.get(name)(x))
    print(f"{name:9s}" + "".join(f"{v:8.3f}" for v in y))

# softmax works on a whole vector: the five outputs share one total of 1
p = keras.ops.convert_to_numpy(keras.activations.softmax(x[None, :]))[0]
row = "".join(f"{v:8.3f}" for v in p)
print(f"{'softmax':9s}{row}   sum = {p.sum():.3f}")
