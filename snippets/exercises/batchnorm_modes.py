"""Exercise: a BatchNormalization layer on one batch, in training mode and in inference mode."""

import keras
import numpy as np
from keras import layers

# --8<-- [start:main]
batch = np.array([[2.0], [4.0], [6.0], [8.0]], dtype="float32")  # mean 5, variance 5
bn = layers.BatchNormalization(momentum=0.9, epsilon=1e-3)

def show(mode, out):
    print(f"{mode:<15}", np.round(keras.ops.convert_to_numpy(out)[:, 0], 3))

show("inference", bn(batch, training=False))   # moving mean 0, variance 1 at the start
show("training", bn(batch, training=True))     # the batch's own mean and variance
print(f"moving mean {float(bn.moving_mean[0]):.3f}, "
      f"moving variance {float(bn.moving_variance[0]):.3f}")
for _ in range(99):
    bn(batch, training=True)
show("inference, 100", bn(batch, training=False))
# --8<-- [end:main]
