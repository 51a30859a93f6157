"""Exercise: what a Dropout(0.5) layer does to a row of ones in training and at test time."""

import keras
import numpy as np
from keras import layers

# --8<-- [start:main]
keras.utils.set_random_seed(0)
drop = layers.Dropout(0.5)
ones = np.ones((1, 10), dtype="float32")
print("training=True: ", keras.ops.convert_to_numpy(drop(ones, training=True))[0])
print("training=False:", keras.ops.convert_to_numpy(drop(ones, training=False))[0])

many = keras.ops.convert_to_numpy(drop(np.ones((1000, 100), "float32"), training=True))
print(f"kept {np.mean(many > 0):.3f} of the values; mean output {many.mean():.3f}")
# --8<-- [end:main]
