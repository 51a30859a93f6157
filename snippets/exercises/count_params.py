"""Exercise: count the parameters of a 784-64-32-10 MLP by hand, then let Keras check."""

import keras
from keras import layers

sizes = [784, 64, 32, 10]
total = 0
for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True):
    params = n_out * (n_in + 1)  # one weight per input per neuron, one bias per neuron
    total += params
    print(f"{n_in:>4} -> {n_out:<3}: {n_out} x ({n_in} + 1) = {params}")
print(f"by hand: {total}")

model = keras.Sequential([keras.Input(shape=(784,)),
                         layers.Dense(64, activation="relu"),
                         layers.Dense(32, activation="relu"),
                         layers.Dense(10, activation="softmax")])  # class probabilities
print(f"Keras:   {model.count_params()}")
