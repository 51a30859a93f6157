"""The simple MNIST model: flatten 28x28 pixels, 128 ReLU units, 10 softmax outputs."""

# --8<-- [start:all]
import keras
from keras import layers

model = keras.Sequential(
    [
        keras.Input(shape=(28, 28)),
        layers.Flatten(),  # 28 * 28 = 784 values, no parameters
        layers.Dense(128, activation="relu"),  # 128 * (784 + 1) = 100,480
        layers.Dense(10, activation="softmax"),  # 10 * (128 + 1) = 1,290
    ],
    name="mnist_mlp",
)
model.summary()
# --8<-- [end:all]

from _layers import write_layers  # the slides' compact table, by the helper beside this file

write_layers(model, "layers.txt")
