"""A hidden layer's pre-activations before and after layers.BatchNormalization, on raw 0-16 pixels."""

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits

# --8<-- [start:model]
import keras
from keras import layers

keras.utils.set_random_seed(42)
dense = layers.Dense(64)                # no activation: we look at its raw outputs
norm = layers.BatchNormalization()      # `then normalise them over the batch`
model = keras.Sequential([keras.Input(shape=(64,)), dense, norm,
                          layers.Activation("relu"), layers.Dense(10, activation="softmax")])
# --8<-- [end:model]

x = load_digits().data.astype("float32")  # pixel values 0..16, not rescaled on purpose

before = np.asarray(dense(x))
after = np.asarray(norm(before, training=True))  # training mode: the batch's own statistics
for name, z in (("before", before), ("after", after)):
    per_unit = z.std(axis=0)
    print(f"{name:>6} BatchNormalization: mean {z.mean():6.2f}, std {z.std():5.2f}, "
          f"unit std from {per_unit.min():5.2f} to {per_unit.max():5.2f}")
for kind, weights in (("trained", norm.trainable_weights),
                      ("not trained", norm.non_trainable_weights)):
    print(f"{kind:>11}: {', '.join(w.name for w in weights)} "
          f"({sum(int(np.prod(w.shape)) for w in weights)} numbers)")
print(f"normalised as (z - mean) / sqrt(variance + epsilon), epsilon = {norm.epsilon}")

# inference mode uses the moving statistics, not the batch's: here still close to their start
fresh = layers.BatchNormalization()
inferred = np.asarray(fresh(before, training=False))  # moving mean 0, variance 1 at the start
print(f"inference mode, fresh layer: output = z / sqrt(1 + epsilon): "
      f"{np.allclose(inferred, before / np.sqrt(1 + fresh.epsilon), rtol=1e-5)}")

# after a Conv2D: one mean, variance, gamma and beta per channel, shared by every position
conv_norm = layers.BatchNormalization()
conv_norm.build((None, 6, 6, 8))               # the output of Conv2D(8, 3) on 8x8 images
print(f"after Conv2D(8, 3): gamma shape {tuple(conv_norm.gamma.shape)}, "
      f"{conv_norm.count_params()} numbers, {conv_norm.count_params() // 8} per channel")

fig, axes = plt.subplots(1, 2, figsize=(10, 3.6), dpi=100)
units = [0, 1, 2, 3]
colours = ["#0072B2", "#E69F00", "#009E73", "#CC79A7"]
for ax, z, title in ((axes[0], before, "before: Dense outputs"),
                     (axes[1], after, "after BatchNormalization")):
    for unit, colour in zip(units, colours, strict=True):
        ax.hist(z[:, unit], bins=40, histtype="step", lw=1.5, color=colour, label=f"unit {unit}")
    ax.set(title=title, xlabel="value", ylabel="digits")
    ax.axvline(0, color="black", lw=0.8)
axes[1].legend(fontsize=9)
fig.tight_layout()
fig.savefig("batchnorm.png")
