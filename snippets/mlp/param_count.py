"""Parameters of dense networks: the formula n_out * (n_in + 1) against Keras."""

import keras
from keras import layers


def by_formula(sizes):
    pairs = zip(sizes[:-1], sizes[1:], strict=True)  # (n_in, n_out) of each layer
    return sum(n_out * (n_in + 1) for n_in, n_out in pairs)


def by_keras(sizes):
    model = keras.Sequential([keras.Input(shape=(sizes[0],))]
                             + [layers.Dense(n) for n in sizes[1:]])
    return model.count_params()


networks = {
    "3-4-4-1 (our first MLP)": [3, 4, 4, 1],
    "8-12-8-1 (8 inputs, yes/no)": [8, 12, 8, 1],
    "784-128-10 (MNIST digits)": [784, 128, 10],
    "784-32-32-32-10 (deeper)": [784, 32, 32, 32, 10],
}
print(f"{'layers':28s} {'hidden':>6s} {'formula':>8s} {'keras':>8s}")
for name, sizes in networks.items():
    print(f"{name:28s} {len(sizes) - 2:6d} {by_formula(sizes):8,d} "
          f"{by_keras(sizes):8,d}")
