"""A wide MLP on 150 digits overfits; Dropout and an L2 penalty narrow the train/validation gap."""

import matplotlib

matplotlib.use("Agg")
import keras
import matplotlib.pyplot as plt
import numpy as np
from keras import layers, regularizers
from sklearn.datasets import load_digits

digits = load_digits()
order = np.random.default_rng(0).permutation(len(digits.target))  # shuffle once, seeded
x, y = digits.data[order] / 16.0, digits.target[order]          # pixels 0-16 -> 0-1
train = x[:150], y[:150]          # only 150 digits to learn from
val = x[150:750], y[150:750]      # 600 digits to check on


# --8<-- [start:models]
def wide_mlp(kind):
    """Two hidden layers of 512: plain, with Dropout, or with an L2 weight penalty."""
    l2 = regularizers.L2(1e-4) if kind == "L2" else None
    stack = [keras.Input(shape=(64,))]
    for _ in range(2):
        stack.append(layers.Dense(512, activation="relu", kernel_regularizer=l2))
        if kind == "Dropout":
            stack.append(layers.Dropout(0.5))
    stack.append(layers.Dense(10, activation="softmax"))
    return keras.Sequential(stack, name=kind.lower())
# --8<-- [end:models]


histories = {}
for kind in ("plain", "Dropout", "L2"):
    keras.utils.set_random_seed(42)
    model = wide_mlp(kind)
    model.compile(optimizer=keras.optimizers.Adam(3e-3), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    histories[kind] = model.fit(*train, validation_data=val,
                                epochs=30, batch_size=50, verbose=0).history

print("150 training digits, 600 validation digits, 30 epochs")
print(f"{'model':>8} {'train acc':>10} {'val acc':>8} {'train loss':>11} {'val loss':>9}"
      f" {'lowest val loss':>16}")
for kind, h in histories.items():
    best = min(range(len(h["val_loss"])), key=h["val_loss"].__getitem__)
    print(f"{kind:>8} {h['accuracy'][-1]:10.3f} {h['val_accuracy'][-1]:8.3f} "
          f"{h['loss'][-1]:11.3f} {h['val_loss'][-1]:9.3f} "
          f"{h['val_loss'][best]:8.3f} (ep. {best + 1:2d})")

colours = {"plain": "#D55E00", "Dropout": "#0072B2", "L2": "#009E73"}
fig, axes = plt.subplots(1, 3, figsize=(12, 3.6), dpi=100, sharey=True)
for ax, (kind, h) in zip(axes, histories.items(), strict=True):
    ax.plot(h["loss"], color=colours[kind], ls="--", label="training")
    ax.plot(h["val_loss"], color=colours[kind], label="validation")
    ax.set(title=kind, xlabel="epoch", ylim=(0, 0.8))
    ax.legend()
axes[0].set_ylabel("loss (cross-entropy)")
fig.tight_layout()
fig.savefig("overfit.png")
