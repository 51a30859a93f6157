"""Which Keras this course uses, and which backend computes for it."""

import keras

print("Keras", keras.__version__)
print("backend:", keras.backend.backend())
