"""Seeing: a small CNN reads scikit-learn's 8×8 digits; its test mistakes, framed."""

from collections import Counter

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits

import keras
from keras import layers

digits = load_digits()  # 1,797 digits of 8×8 pixels, grey levels 0 to 16
order = np.random.default_rng(0).permutation(len(digits.target))
images = digits.images[order, :, :, None].astype("float32") / 16.0
labels = digits.target[order]
x_train, y_train = images[:1437], labels[:1437]
x_test, y_test = images[1437:], labels[1437:]

keras.utils.set_random_seed(0)
model = keras.Sequential([
    keras.Input(shape=(8, 8, 1)),
    layers.Conv2D(16, 3, padding="same", activation="relu"),
    layers.MaxPooling2D(),
    layers.Flatten(),
    layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(x_train, y_train, epochs=15, batch_size=32, verbose=0)

predicted = model.predict(x_test, verbose=0).argmax(axis=1)
wrong = np.flatnonzero(predicted != y_test)
accuracy = np.mean(predicted == y_test)
print(f"trained on {len(y_train)} digits, tested on {len(y_test)} others")
print(f"test accuracy {accuracy:.3f}: {len(wrong)} of {len(y_test)} wrong")
pairs = Counter((int(y_test[i]), int(predicted[i])) for i in wrong).most_common()
(true, read_as), times = pairs[0]
print(f"most frequent mistake: {true} read as {read_as}, {times} times")

# side by side: the first 16 test digits as they come, and the mistakes (up to 16)
fig = plt.figure(figsize=(10, 4.4), dpi=100, layout="constrained")
left, right = fig.subfigures(1, 2, wspace=0.04)
some = "all" if len(wrong) <= 16 else "16 of the"
groups = [(left, np.arange(16), "the first 16 test digits"),
          (right, wrong[:16], f"{some} {len(wrong)} test digits it read wrong")]
for subfig, chosen, heading in groups:
    axes = subfig.subplots(4, 4)
    subfig.suptitle(heading, fontsize=14)
    for ax in axes.flat:
        ax.axis("off")
    for ax, i in zip(axes.flat, chosen, strict=False):
        ok = predicted[i] == y_test[i]
        ax.axis("on")
        ax.imshow(x_test[i, :, :, 0], cmap="gray_r", vmin=0, vmax=1)
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():  # a mistake: a thick frame and a cross
            spine.set_visible(not ok)
            spine.set_linewidth(4)
            spine.set_color("#D55E00")
        if ok:
            ax.set_title(f"{predicted[i]}", fontsize=13)
        else:
            ax.set_title(f"{predicted[i]} ✗ true {y_test[i]}", fontsize=13,
                         color="#D55E00", fontweight="bold")
fig.savefig("seeing.png")

import json  # the figures the course's text quotes, checked by its tests

with open("facts.json", "w") as file:
    json.dump({
        "train": len(y_train),
        "test": len(y_test),
        "accuracy": float(accuracy),
        "wrong": len(wrong),
        "wrong_in_first_16": int(np.sum(predicted[:16] != y_test[:16])),
        "wrong_shown": len(wrong[:16]),
        "confusions": [[t, p, n] for (t, p), n in pairs],
    }, file)
