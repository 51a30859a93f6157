"""Vanishing gradients: what reaches each layer of a deep net, sigmoid vs ReLU."""

import json

import keras
import numpy as np
import tensorflow as tf
from keras import layers

x = np.random.default_rng(1).normal(size=(256, 16)).astype("float32")
y = np.random.default_rng(2).normal(size=(256, 1)).astype("float32")

norms = {}
for activation in ("sigmoid", "relu"):
    keras.utils.set_random_seed(7)
    model = keras.Sequential(
        [keras.Input(shape=(16,))]
        + [layers.Dense(16, activation=activation) for _ in range(10)]
        + [layers.Dense(1)]
    )
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(keras.losses.mean_squared_error(y, model(x)))
    grads = tape.gradient(loss, model.trainable_weights)
    # trainable_weights alternate kernel, bias: keep the kernels
    norms[activation] = [float(tf.norm(g)) for g in grads[::2]]

print("gradient norm per Dense layer")
print("(1 = input side, 11 = output)")
print(f"{'layer':>5s} {'sigmoid':>10s} {'relu':>10s}")
rows = zip(norms["sigmoid"], norms["relu"], strict=True)
for i, (s, r) in enumerate(rows, start=1):
    print(f"{i:5d} {s:10.1e} {r:10.1e}")

for activation, n in norms.items():
    print(f"{activation:>7s}: last/first {n[-1] / n[0]:.0e}, max/min {max(n) / min(n):.0e}")

# the figures the course's text quotes, checked by its tests
facts = {a: {"layers": len(n), "last_over_first": n[-1] / n[0], "spread": max(n) / min(n)}
         for a, n in norms.items()}
with open("facts.json", "w") as file:
    json.dump(facts, file)
