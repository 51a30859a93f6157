"""EarlyStopping watches the validation loss, stops the wide MLP and restores its best weights."""

import keras
from _digits import small_split
from keras import layers

(x_train, y_train), (x_val, y_val) = small_split()
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
stop = keras.callbacks.EarlyStopping(
    monitor="val_loss",         # watch the loss on data the model does not train on
    patience=10,                # tolerate 10 epochs without improvement
    restore_best_weights=True,  # then go back to the best epoch's weights
)
history = model.fit(x_train, y_train, validation_data=(x_val, y_val),
                    epochs=100, batch_size=50, callbacks=[stop], verbose=0)
# --8<-- [end:callback]

ran = len(history.history["loss"])
print(f"asked for 100 epochs, ran {ran}; best epoch: {stop.best_epoch + 1}")
print(f"best val loss: {stop.best:.3f}")
val_loss, val_acc = model.evaluate(x_val, y_val, verbose=0)
print(f"restored weights: val loss {val_loss:.3f}, val accuracy {val_acc:.3f}")
