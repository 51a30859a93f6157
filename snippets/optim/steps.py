"""Epochs and batches: Keras takes ceil(n / batch_size) steps per epoch; a callback counts them."""

import math

import keras
from keras import layers
from sklearn.datasets import load_digits

digits = load_digits()
x, y = digits.data / 16.0, digits.target
n = len(x)


class CountSteps(keras.callbacks.Callback):
    def on_epoch_begin(self, epoch, logs=None):
        self.steps = 0

    def on_train_batch_end(self, batch, logs=None):
        self.steps += 1


keras.utils.set_random_seed(0)
model = keras.Sequential([keras.Input(shape=(64,)), layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")

print(f"{n} training digits")
for batch_size in (32, 128, 1000, n):
    counter = CountSteps()
    model.fit(x, y, epochs=1, batch_size=batch_size, callbacks=[counter], verbose=0)
    expected = math.ceil(n / batch_size)
    last = n - (expected - 1) * batch_size
    print(f"batch_size={batch_size:4d}: ceil({n}/{batch_size}) = {expected:2d} steps, "
          f"counted {counter.steps:2d}, last batch {last:4d} digits")
