"""The exercise CNN on 32x32x1 images: each layer's parameters and where they come from."""

import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(32, 32, 1)),
    layers.Conv2D(10, (5, 5), activation="relu"),
    layers.MaxPooling2D(2),
    layers.Conv2D(25, (5, 5), activation="relu"),
    layers.MaxPooling2D(2),
    layers.Conv2D(100, (4, 4), activation="relu"),
    layers.MaxPooling2D(2),
    layers.Flatten(),
    layers.Dense(10, activation="softmax"),
], name="exercise_cnn")

print(f"{'layer':<14}{'output':<16}{'params':>7}  how")
channels = 1
for layer in model.layers:
    shape = layer.output.shape
    if isinstance(layer, layers.Conv2D):
        kh, kw = layer.kernel_size
        how = f"{layer.filters} x ({kh}*{kw}*{channels} + 1)"
    elif isinstance(layer, layers.Dense):
        how = f"{layer.units} x ({channels} + 1)"
    else:
        how = "no weights"
    channels = shape[-1]
    print(f"{type(layer).__name__:<14}{str(tuple(shape[1:])):<16}"
          f"{layer.count_params():>7,}  {how}")
print(f"total: {model.count_params():,} parameters")
