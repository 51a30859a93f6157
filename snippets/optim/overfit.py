"""A wide MLP on 150 digits overfits; Dropout and an L2 penalty help on validation data (3 seeds)."""
# timeout: 1200

import json

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
    l2 = regularizers.L2(1e-3) if kind == "L2" else None
    stack = [keras.Input(shape=(64,))]
    for _ in range(2):
        stack.append(layers.Dense(512, activation="relu", kernel_regularizer=l2))
        if kind == "Dropout":
            stack.append(layers.Dropout(0.5))
    stack.append(layers.Dense(10, activation="softmax"))
    return keras.Sequential(stack, name=kind.lower())
# --8<-- [end:models]


seeds, epochs = (1, 2, 3), 30
histories = {"plain": [], "Dropout": [], "L2": []}
for kind, runs in histories.items():
    for seed in seeds:            # one seed can be lucky: train each model three times
        keras.utils.set_random_seed(seed)
        model = wide_mlp(kind)
        model.compile(optimizer=keras.optimizers.Adam(3e-3), loss="sparse_categorical_crossentropy",
                      metrics=["accuracy",  # and the cross-entropy alone, without the L2 penalty:
                               keras.metrics.SparseCategoricalCrossentropy(name="xent")])
        runs.append(model.fit(*train, validation_data=val, validation_batch_size=600,  # one step
                              epochs=epochs, batch_size=50, verbose=0).history)


def spread(runs, key, at=-1):
    """Lowest and highest value over the seeds, at one epoch (default: the last)."""
    values = [h[key][at] for h in runs]
    return f"{min(values):.3f}-{max(values):.3f}"


print(f"150 training digits, 600 validation digits, {epochs} epochs; "
      f"lowest-highest over seeds {seeds}")
print(f"{'model':>8} {'train acc':>12} {'val acc':>12} {'val cross-entropy':>18}")
for kind, runs in histories.items():
    print(f"{kind:>8} {spread(runs, 'accuracy'):>12} {spread(runs, 'val_accuracy'):>12} "
          f"{spread(runs, 'val_xent'):>18}")

colours = {"plain": "#D55E00", "Dropout": "#0072B2", "L2": "#009E73"}
fig, axes = plt.subplots(1, 3, figsize=(12, 3.6), dpi=100, sharey=True)
for ax, (kind, runs) in zip(axes, histories.items(), strict=True):
    for i, h in enumerate(runs):    # every seed; the legend labels the first
        ax.plot(h["xent"], color=colours[kind], ls="--", lw=1, label="training" if i == 0 else None)
        ax.plot(h["val_xent"], color=colours[kind], lw=1.5, label="validation" if i == 0 else None)
    ax.set(title=kind, xlabel="epoch", ylim=(0, 0.8))
    ax.legend()
axes[0].set_ylabel("cross-entropy")
fig.tight_layout()
fig.savefig("overfit.png")

# the figures the course's text quotes, checked by its tests
with open("facts.json", "w") as file:
    json.dump({kind: {"train_acc": [h["accuracy"][-1] for h in runs],
                      "val_acc": [h["val_accuracy"][-1] for h in runs],
                      "val_xent": [h["val_xent"][-1] for h in runs],
                      "lowest_val_xent": [min(h["val_xent"]) for h in runs],
                      "val_xent_curves": [h["val_xent"] for h in runs]}
               for kind, runs in histories.items()}, file)
