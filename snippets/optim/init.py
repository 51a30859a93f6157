"""How far a signal gets through 10 tanh layers of 256 units, with four weight initialisers."""

import json

import keras
import matplotlib.pyplot as plt
import numpy as np
from keras import initializers, layers

keras.utils.set_random_seed(0)
x = np.random.default_rng(0).normal(size=(1000, 256)).astype("float32")

# --8<-- [start:stack]
choices = {  # a fresh initialiser for every layer
    "normal, std 0.01": lambda: initializers.RandomNormal(stddev=0.01),
    "normal, std 1": lambda: initializers.RandomNormal(stddev=1.0),
    "Glorot uniform (Keras default)": initializers.GlorotUniform,
    "He normal": initializers.HeNormal,
}
spread, saturated = {}, {}
for name, make in choices.items():
    h, stds = x, []
    for _ in range(10):
        h = layers.Dense(256, activation="tanh", kernel_initializer=make())(h)
        stds.append(float(np.std(h)))
    spread[name] = stds
    saturated[name] = float(np.mean(np.abs(h) > 0.99))  # tanh stuck near -1 or 1
# --8<-- [end:stack]

print(f"{'initialiser':>31}  std after layer 1, 5, 10   saturated at 10")
for name, stds in spread.items():
    print(f"{name:>31}  {stds[0]:.4f}  {stds[4]:.4f}  {stds[9]:.4f}  {saturated[name]:14.1%}")

colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7"]
fig, ax = plt.subplots(figsize=(7, 3.8), dpi=100)
for (name, stds), colour in zip(spread.items(), colours, strict=True):
    ax.semilogy(range(1, 11), stds, "o-", color=colour, label=name)
ax.set(xlabel="layer", ylabel="std of the activations (log)", xticks=range(1, 11),
       title="10 Dense(256, tanh) layers, input std 1")
ax.legend(fontsize=9)
fig.tight_layout()
fig.savefig("init.png")

# the figures the course's text quotes, checked by its tests
with open("facts.json", "w") as file:
    json.dump({"spread": spread, "saturated": saturated}, file)
