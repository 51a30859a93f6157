"""Softmax turns any scores into probabilities."""

import keras
import numpy as np

scores = np.array([2.0, 1.0, 0.1])
by_hand = np.exp(scores) / np.exp(scores).sum()
probs = keras.ops.convert_to_numpy(
    keras.activations.softmax(scores[None, :]))[0]

print("scores     ", scores)
print("by hand    ", by_hand.round(3))
print("keras      ", probs.round(3))
print(f"sum         {probs.sum():.4f}")
shifted = keras.activations.softmax(scores[None, :] + 10)
print("scores + 10",
      keras.ops.convert_to_numpy(shifted)[0].round(3))
