"""Keras's own summary of the exercise CNN: three conv + pool stages, then Dense 10."""

import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(32, 32, 1)),
    layers.Conv2D(10, (5, 5), activation="relu", name="conv_10"),
    layers.MaxPooling2D(2, name="pool_1"),
    layers.Conv2D(25, (5, 5), activation="relu", name="conv_25"),
    layers.MaxPooling2D(2, name="pool_2"),
    layers.Conv2D(100, (4, 4), activation="relu", name="conv_100"),
    layers.MaxPooling2D(2, name="pool_3"),
    layers.Flatten(name="flatten"),
    layers.Dense(10, activation="softmax", name="digits"),
], name="exercise_cnn")
model.summary(line_length=72)
