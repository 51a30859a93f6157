"""Keras' built-in activation functions evaluated on a few inputs."""

import numpy as np
from keras import activations, ops

x = np.array([-3.0, -1.0, 0.0, 1.0, 3.0], dtype="float32")
print("x        " + "".join(f"{v:8.2f}" for v in x))
for name in ("sigmoid", "tanh", "relu", "softplus", "softmax"):
    y = ops.convert_to_numpy(activations.get(name)(x))
    total = f"   sum = {y.sum():.3f}" if name == "softmax" else ""  # softmax reads the whole vector
    print(f"{name:9s}" + "".join(f"{v:8.3f}" for v in y) + total)
