"""Softmax turns any scores into probabilities."""

import numpy as np
from keras import activations, ops

scores = np.array([2.0, 1.0, 0.1])
probs = ops.convert_to_numpy(activations.softmax(scores))
print("scores     ", scores)
print("by hand    ", (np.exp(scores) / np.exp(scores).sum()).round(3))
print("keras      ", probs.round(3))
print(f"sum         {probs.sum():.4f}")
print("scores + 10", ops.convert_to_numpy(activations.softmax(scores + 10)).round(3))
