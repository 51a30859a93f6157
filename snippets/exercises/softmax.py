"""Exercise: softmax in NumPy, made safe for large inputs, checked against Keras."""

import keras
import numpy as np


def softmax(z):
    z = np.asarray(z, dtype="float64")
    e = np.exp(z - z.max(axis=-1, keepdims=True))  # shifting changes nothing but avoids overflow
    return e / e.sum(axis=-1, keepdims=True)


logits = np.array([2.0, 1.0, 0.1])
p = softmax(logits)
print("softmax([2.0, 1.0, 0.1]) =", np.round(p, 4), "sum", round(float(p.sum()), 6))
print("Keras agrees:", np.allclose(p, keras.ops.convert_to_numpy(
    keras.activations.softmax(logits[None, :].astype("float32")))[0], atol=1e-6))
big = np.array([1000.0, 999.0, 998.0])
with np.errstate(over="ignore", invalid="ignore"):
    naive = np.exp(big) / np.exp(big).sum()
print("naive exp on [1000, 999, 998]:", naive)
print("shifted version:              ", np.round(softmax(big), 4))
