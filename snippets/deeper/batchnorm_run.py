"""The same deep MLP trained with plain SGD at a high learning rate, with and without batch norm."""

import json

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits

# --8<-- [start:model]
import keras
from keras import layers


def mlp(batch_norm):
    """Six hidden layers of 64 sigmoid units; optionally normalise before each activation."""
    stack = [keras.Input(shape=(64,))]
    for _ in range(6):
        stack.append(layers.Dense(64))
        if batch_norm:
            stack.append(layers.BatchNormalization())
        stack.append(layers.Activation("sigmoid"))
    stack.append(layers.Dense(10, activation="softmax"))
    return keras.Sequential(stack)
# --8<-- [end:model]


digits = load_digits()
x, y = digits.data.astype("float32") / 16.0, digits.target
order = np.random.default_rng(0).permutation(len(y))
x, y = x[order], y[order]
histories = {}
for batch_norm in (False, True):
    keras.utils.set_random_seed(0)
    model = mlp(batch_norm)
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.5),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(x[:1400], y[:1400], validation_data=(x[1400:], y[1400:]),
                        epochs=15, batch_size=32, verbose=0)
    name = "with BatchNormalization" if batch_norm else "plain"
    histories[name] = history.history
    print(f"{name:<24} validation accuracy after 1, 5, 15 epochs: "
          + ", ".join(f"{history.history['val_accuracy'][e]:.3f}" for e in (0, 4, 14)))

with open("facts.json", "w") as file:  # what the page's sentences about this run may claim
    json.dump({"plain": histories["plain"]["val_accuracy"],
               "batch_norm": histories["with BatchNormalization"]["val_accuracy"]}, file)

fig, ax = plt.subplots(figsize=(6, 3.5), dpi=100)
for (name, h), colour in zip(histories.items(), ["#D55E00", "#0072B2"], strict=True):
    ax.plot(range(1, 16), h["val_accuracy"], marker="o", color=colour, label=name)
ax.set_xlabel("epoch")
ax.set_ylabel("validation accuracy")
ax.set_ylim(0, 1)
ax.set_title("6 sigmoid layers, SGD, learning rate 0.5")
ax.legend()
fig.tight_layout()
fig.savefig("batchnorm_run.png")
