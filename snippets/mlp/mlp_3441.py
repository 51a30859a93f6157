"""An MLP: 3 inputs, hidden layers of 4 and 4, 1 output."""

# --8<-- [start:all]
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(3,)),
    layers.Dense(4),  # 4 * (3 + 1) = 16
    layers.Dense(4),  # 4 * (4 + 1) = 20
    layers.Dense(1),  # 1 * (4 + 1) = 5
], name="mlp")
model.summary()
# --8<-- [end:all]

from _layers import write_layers  # the slides' compact table, by the helper beside this file

write_layers(model, "layers.txt")
