"""SGD, SGD with momentum and Adam, from keras.optimizers, on the same narrow bowl."""

import matplotlib.pyplot as plt
import numpy as np

CURVATURE = np.array([1.0, 20.0], dtype="float32")  # loss(w) = 0.5 * (w0**2 + 20 * w1**2)


def loss(w):
    return 0.5 * np.sum(CURVATURE * np.asarray(w) ** 2, axis=-1)


# --8<-- [start:choose]
import keras

optimizers = {
    "SGD": keras.optimizers.SGD(learning_rate=0.04),
    "SGD + momentum": keras.optimizers.SGD(learning_rate=0.04, momentum=0.8),
    "Adam": keras.optimizers.Adam(learning_rate=0.3),
}
# --8<-- [end:choose]


# --8<-- [start:walk]
def walk(optimizer, steps=40):
    w = keras.Variable([-4.0, 1.0])
    path = [w.numpy()]
    for _ in range(steps):
        grad = CURVATURE * w.numpy()  # gradient of the loss at w
        optimizer.apply_gradients([(grad, w)])
        path.append(w.numpy())
    return np.array(path)


paths = {name: walk(opt) for name, opt in optimizers.items()}
# --8<-- [end:walk]

for name, path in paths.items():
    print(f"{name:>15}: loss {loss(path[0]):.2f} -> "
          f"{loss(path[10]):.3f} after 10 steps, {loss(path[-1]):.5f} after 40")

colours = ["#0072B2", "#E69F00", "#CC79A7"]  # Okabe-Ito
fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4), dpi=100)
grid = np.stack(np.meshgrid(np.linspace(-4.5, 1.5, 181), np.linspace(-1.5, 1.5, 121)), axis=-1)
left.contour(grid[..., 0], grid[..., 1], loss(grid), levels=np.geomspace(0.05, 40, 12),
             colors="#999999", linewidths=0.8)
for (name, path), colour in zip(paths.items(), colours, strict=True):
    left.plot(path[:, 0], path[:, 1], "o-", ms=3, lw=1.2, color=colour, label=name)
    right.semilogy(loss(path), "o-", ms=3, color=colour, label=name)
left.plot(0, 0, "k*", ms=12)
left.set(xlabel="$w_0$", ylabel="$w_1$", title="40 steps from (-4, 1)")
right.set(xlabel="step", ylabel="loss (log scale)", title="Loss after each step")
left.legend(loc="lower right", fontsize=9)
right.legend(fontsize=9)
fig.tight_layout()
fig.savefig("optimisers.png")

import json  # the figures the course's text quotes, checked by its tests

with open("facts.json", "w") as file:
    json.dump({name: [float(loss(w)) for w in path] for name, path in paths.items()}, file)
