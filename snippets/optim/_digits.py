"""A small, shuffled split of scikit-learn's 8x8 digits, shared by the overfitting examples."""

import numpy as np
from sklearn.datasets import load_digits


def small_split(n_train=150, n_val=600, seed=0):
    """(x_train, y_train), (x_val, y_val): pixels scaled to [0, 1], classes 0-9."""
    digits = load_digits()
    order = np.random.default_rng(seed).permutation(len(digits.target))
    x = digits.data[order].astype("float32") / 16.0
    y = digits.target[order]
    train, val = slice(0, n_train), slice(n_train, n_train + n_val)
    return (x[train], y[train]), (x[val], y[val])
