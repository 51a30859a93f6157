"""Batch normalisation after a Conv2D keeps one mean and variance per channel, over batch and pixels."""

import numpy as np

# --8<-- [start:channels]
import keras
from keras import layers

keras.utils.set_random_seed(0)
x = np.random.default_rng(0).normal(3.0, 2.0, (8, 10, 10, 1)).astype("float32")
conv = layers.Conv2D(16, (3, 3))
bn = layers.BatchNormalization()
maps = conv(x)                                   # (8, 8, 8, 16): 16 feature maps
out = keras.ops.convert_to_numpy(bn(maps, training=True))
print("feature maps:", tuple(maps.shape), " gamma, beta, moving mean:",
      tuple(bn.gamma.shape), tuple(bn.beta.shape), tuple(bn.moving_mean.shape))
per_channel = out.reshape(-1, 16)                # every batch item and pixel, per channel
print(f"after: every channel's mean within 1e-5 of 0: {bool(abs(per_channel.mean(0)).max() < 1e-5)}, "
      f"standard deviations {per_channel.std(0).min():.3f} to {per_channel.std(0).max():.3f}")
# --8<-- [end:channels]

# --8<-- [start:small]
# the small-batch caveat: a batch's mean is a noisy estimate of the data's mean
values = np.random.default_rng(1).normal(0.0, 1.0, 100_000)
for size in (2, 8, 32, 128):
    means = values[: size * (len(values) // size)].reshape(-1, size).mean(axis=1)
    print(f"batch of {size:>3}: batch means spread with standard deviation {means.std():.3f}")
# --8<-- [end:small]
