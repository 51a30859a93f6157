"""L1 and L2 weight penalties on a wide MLP: smaller weights, and with L1 more of them near zero."""

import json

import keras
import numpy as np
from keras import layers
from sklearn.datasets import load_digits

digits = load_digits()
order = np.random.default_rng(0).permutation(len(digits.target))  # shuffle once, seeded
x, y = digits.data[order] / 16.0, digits.target[order]          # pixels 0-16 -> 0-1
train = x[:150], y[:150]          # only 150 digits to learn from
val = x[150:750], y[150:750]      # 600 digits to check on

# --8<-- [start:penalty]
from keras import regularizers

penalties = {
    "none": None,
    "L2(1e-3)": regularizers.L2(1e-3),  # adds 0.001 * sum(w**2) to the loss
    "L1(1e-4)": regularizers.L1(1e-4),  # adds 0.0001 * sum(|w|) to the loss
}
# --8<-- [end:penalty]

print(f"{'penalty':>9} {'val acc':>8} {'mean |w|':>9} {'|w| < 1e-3':>11} {'|w| = 0':>8}")
facts = {}
for name, penalty in penalties.items():
    keras.utils.set_random_seed(42)
    model = keras.Sequential([
        keras.Input(shape=(64,)),
        layers.Dense(512, activation="relu", kernel_regularizer=penalty),
        layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    model.fit(*train, epochs=30, batch_size=50, verbose=0)
    _, val_acc = model.evaluate(*val, verbose=0)
    w = np.abs(model.layers[0].kernel.numpy())
    print(f"{name:>9} {val_acc:8.3f} {w.mean():9.4f} {np.mean(w < 1e-3):11.1%} {np.mean(w == 0):8.1%}")
    facts[name.split("(")[0]] = {"val_acc": val_acc, "mean_abs": float(w.mean()),
                                 "tiny": float(np.mean(w < 1e-3)), "zero": float(np.mean(w == 0))}

# the figures the course's text quotes, checked by its tests
with open("facts.json", "w") as file:
    json.dump(facts, file)
