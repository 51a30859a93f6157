"""Leaky ReLU and GELU beside ReLU, computed by Keras's own activation functions."""

import matplotlib.pyplot as plt
import numpy as np

import keras

x = np.linspace(-4, 3, 701).astype("float32")
curves = {
    "ReLU": keras.activations.relu(x),
    "Leaky ReLU (0.1)": keras.activations.leaky_relu(x, negative_slope=0.1),
    "GELU": keras.activations.gelu(x),
}
fig, ax = plt.subplots(figsize=(6, 3.6), dpi=100)
for (name, values), colour, style in zip(curves.items(), ["#000000", "#0072B2", "#D55E00"],
                                         ["-", "--", "-."], strict=True):
    values = keras.ops.convert_to_numpy(values)
    ax.plot(x, values, style, color=colour, label=name, lw=2)
    print(f"{name:<17} f(-2) = {values[np.argmin(abs(x + 2))]:+.4f}, "
          f"f(1) = {values[np.argmin(abs(x - 1))]:+.4f}")
ax.axhline(0, color="#999999", lw=0.5)
ax.axvline(0, color="#999999", lw=0.5)
ax.legend()
ax.set_xlabel("x")
fig.tight_layout()
fig.savefig("more_activations.png")
