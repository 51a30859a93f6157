"""The 8-input binary classifier of the "dive" deck, in Keras 3 form: 8 -> 12 -> 8 -> 1."""

import keras
from keras import layers

model = keras.Sequential(
    [
        keras.Input(shape=(8,)),  # one row of 8 measurements
        layers.Dense(12, activation="relu"),
        layers.Dense(8, activation="relu"),
        layers.Dense(1, activation="sigmoid"),  # probability of the positive class
    ],
    name="eight_inputs",
)
model.summary()
