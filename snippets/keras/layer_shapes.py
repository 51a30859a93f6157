"""Dense, Conv2D and MaxPooling2D on a 28x28 drawing: the shape and parameter count of each layer."""

import keras
from keras import layers

model = keras.Sequential(
    [
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(8, (3, 3), activation="relu"),  # 8 filters of 3x3
        layers.MaxPooling2D((2, 2)),  # keep the largest of every 2x2 block
        layers.Conv2D(16, (3, 3), activation="relu"),
        layers.MaxPooling2D((2, 2)),
        layers.Flatten(),
        layers.Dense(3, activation="softmax"),
    ],
    name="small_cnn",
)
print(f"{'layer':<14}{'output shape':<20}{'parameters':>10}")
for layer in model.layers:
    shape = str(tuple(layer.output.shape))
    print(f"{type(layer).__name__:<14}{shape:<20}{layer.count_params():>10}")
print(f"{'total':<34}{model.count_params():>10}")
