"""EarlyStopping watches the validation loss, stops the wide MLP and restores its best weights."""

import keras
import numpy as np
from keras import layers
from sklearn.datasets import load_digits

digits = load_digits()
order = np.random.default_rng(0).permutation(len(digits.target))  # shuffle once, seeded
x, y = digits.data[order] / 16.0, digits.target[order]          # pixels 0-16 -> 0-1
train = x[:150], y[:150]          # only 150 digits to learn from
val = x[150:750], y[150:750]      # 600 digits to check on
keras.utils.set_random_seed(42)
model = keras.Sequential([
    keras.Input(shape=(64,)),
    layers.Dense(512, activation="relu"),
    layers.Dense(512, activation="relu"),
    layers.Dense(10, activation="softmax"),
])
model.compile(optimizer=keras.optimizers.Adam(3e-3), loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])

# --8<-- [start:callback]
import keras

stop = keras.callbacks.EarlyStopping(
    monitor="val_loss",         # watch the loss on data the model does not train on
    patience=10,                # tolerate 10 epochs without improvement
    restore_best_weights=True,  # `then go back to the best epoch's weights`
)
# --8<-- [end:callback]
history = model.fit(*train, validation_data=val,
                    epochs=100, batch_size=50, callbacks=[stop], verbose=0)

ran = len(history.history["loss"])
print(f"asked for 100 epochs, ran {ran}; best epoch: {stop.best_epoch + 1}")
print(f"best val loss: {stop.best:.3f}")
val_loss, val_acc = model.evaluate(*val, verbose=0)
print(f"restored weights: val loss {val_loss:.3f}, val accuracy {val_acc:.3f}")

import json  # the figures the course's text quotes, checked by its tests

with open("facts.json", "w") as file:
    json.dump({"val_loss": history.history["val_loss"], "best_epoch": stop.best_epoch + 1,
               "ran": ran}, file)
