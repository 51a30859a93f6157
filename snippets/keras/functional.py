"""The same 8-12-8-1 network written twice: with the Sequential API and with the Functional API."""

import keras
from keras import layers

# --8<-- [start:sequential]
sequential = keras.Sequential([
    keras.Input(shape=(8,)),
    layers.Dense(12, activation="relu"),
    layers.Dense(8, activation="relu"),
    layers.Dense(1, activation="sigmoid"),
])
# --8<-- [end:sequential]

# --8<-- [start:functional]
x_in = keras.Input(shape=(8,))
h = layers.Dense(12, activation="relu")(x_in)
h = layers.Dense(8, activation="relu")(h)
y = layers.Dense(1, activation="sigmoid")(h)
functional = keras.Model(x_in, y)
# --8<-- [end:functional]

for name, model in (("Sequential", sequential), ("Functional", functional)):
    counts = [layer.count_params() for layer in model.layers if layer.weights]
    print(f"{name}: {counts} -> {model.count_params()} parameters, "
          f"output {model.output_shape}")
