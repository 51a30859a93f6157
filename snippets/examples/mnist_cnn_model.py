"""The course's MNIST CNN: two 3x3 convolutions, max pooling, dropout, a dense classifier."""

# --8<-- [start:all]
# --8<-- [start:model]
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),  # 28x28 pixels, one grey channel
    layers.Conv2D(32, (3, 3), activation="relu"),  # 26x26x32
    layers.Conv2D(64, (3, 3), activation="relu"),  # 24x24x64
    layers.MaxPooling2D((2, 2)), layers.Dropout(0.25),  # 12x12x64
    layers.Flatten(),  # 12 * 12 * 64 = 9,216 values
    layers.Dense(128, activation="relu"), layers.Dropout(0.5),
    layers.Dense(10, activation="softmax"),
], name="mnist_cnn")
# --8<-- [end:model]
model.summary()
# --8<-- [end:all]

from _layers import write_layers  # the slides' compact table, by the helper beside this file

write_layers(model, "layers.txt")
