"""The 8-input binary classifier of the "dive" deck, in Keras 3 form: 8 -> 12 -> 8 -> 1."""

# --8<-- [start:all]
import keras
from keras import layers

# --8<-- [start:model]
model = keras.Sequential(
    [
        keras.Input(shape=(8,)),  # 8 numbers
        layers.Dense(12, activation="relu"),
        layers.Dense(8, activation="relu"),
        layers.Dense(1, activation="sigmoid"),
    ],
    name="eight_inputs",
)
# --8<-- [end:model]
model.summary()
# --8<-- [end:all]

from _layers import write_layers  # the slides' compact table, by the helper beside this file

write_layers(model, "layers.txt")
