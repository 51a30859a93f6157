"""Callbacks: stop training when the validation loss stops improving, and log progress our way."""

from _shapes import build_net, load_split  # the helper module beside this file

# --8<-- [start:main]
import keras


# --8<-- [start:logger]
class EpochLogger(keras.callbacks.Callback):
    """Print one line every `every` epochs (Keras calls on_epoch_end after each epoch)."""

    def __init__(self, every=5):
        super().__init__()
        self.every = every

    def on_epoch_end(self, epoch, logs=None):
        if (epoch + 1) % self.every == 0:
            print(f"epoch {epoch + 1:>3}: loss {logs['loss']:.3f}, "
                  f"val_loss {logs['val_loss']:.3f}")
# --8<-- [end:logger]


(x_train, y_train), (x_test, y_test) = load_split()
model = build_net()
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.005),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])
# --8<-- [start:fit]
stop = keras.callbacks.EarlyStopping(monitor="val_loss", patience=3,
                                     restore_best_weights=True)
history = model.fit(x_train, y_train, epochs=100, batch_size=64,
                    validation_split=0.2, verbose=0,
                    callbacks=[stop, EpochLogger(every=5)])
# --8<-- [end:fit]
ran = len(history.history["loss"])
print(f"stopped after {ran} of 100 epochs; best epoch {stop.best_epoch + 1}, "
      f"val_loss {stop.best:.3f}")
loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
print(f"test accuracy with the best weights: {accuracy:.3f}")
# --8<-- [end:main]
