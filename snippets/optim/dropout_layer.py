"""layers.Dropout zeroes a random fraction of its inputs while training and scales up the rest."""

# --8<-- [start:model]
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(64,)),
    layers.Dense(128, activation="relu"),
    layers.Dropout(0.5),  # `drop half of the 128 outputs`
    layers.Dense(10, activation="softmax"),
])
# --8<-- [end:model]
import numpy as np

for layer in model.layers:
    print(f"{layer.name:10} {str(layer.output.shape):10} {layer.count_params():5d} params")

drop = layers.Dropout(0.5, seed=1)
x = np.ones((1, 10_000), dtype="float32")
train = np.asarray(drop(x, training=True))
print(f"training: {np.mean(train == 0):.3f} zeroed, others = {train.max():.1f}")
print(f"inference: all equal to 1: {bool(np.all(np.asarray(drop(x)) == 1))}")
