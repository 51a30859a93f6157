"""The same 2-2-1 XOR network in Keras 3: tanh, sigmoid, cross-entropy, plain SGD at 0.3."""

import time

# --8<-- [start:model]
import keras
from keras import layers

keras.utils.set_random_seed(1)
model = keras.Sequential([
    keras.Input(shape=(2,)),
    layers.Dense(2, activation="tanh"),  # 2 * (2 + 1) = 6
    layers.Dense(1, activation="sigmoid"),  # 1 * (2 + 1) = 3
])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.3), loss="binary_crossentropy",
              steps_per_execution=100)  # speed only: 100 steps per call into TensorFlow
print("parameters:", model.count_params())
# --8<-- [end:model]

start = time.perf_counter()
# --8<-- [start:fit]
import numpy as np

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype="float32")
Y = np.array([[0], [1], [1], [0]], dtype="float32")
# 1,000 copies of the 4 inputs in batches of 4: every batch is the full
# data set, so one epoch is 1,000 full-batch steps (same as NumPy's loop)
history = model.fit(np.tile(X, (1000, 1)), np.tile(Y, (1000, 1)),
                    batch_size=4, epochs=10, shuffle=False, verbose=0)
for epoch, loss in enumerate(history.history["loss"], 1):
    print(f"step {1000 * epoch:>6}  loss {loss:.4f}")
print("outputs:", model.predict(X, verbose=0).ravel().round(3))
# --8<-- [end:fit]

with open("timing.txt", "w") as f:
    f.write(f"10,000 steps in {time.perf_counter() - start:.1f} s\n")
