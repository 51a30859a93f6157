"""Gradient descent on a long, narrow bowl with a learning rate too small, about right and too large."""

import matplotlib.pyplot as plt
import numpy as np

CURVATURE = np.array([1.0, 10.0])  # loss(w) = 0.5 * (w0**2 + 10 * w1**2)


def loss(w):
    return 0.5 * np.sum(CURVATURE * w**2, axis=-1)


def gradient(w):
    return CURVATURE * w


# --8<-- [start:descent]
def descend(learning_rate, start=(-4.0, 1.5), steps=30):
    w = np.array(start)
    path = [w]
    for _ in range(steps):
        w = w - learning_rate * gradient(w)  # the whole update rule
        path.append(w)
    return np.array(path)
# --8<-- [end:descent]


rates = {"too small": 0.01, "about right": 0.15, "too large": 0.205}
colours = ["#0072B2", "#009E73", "#D55E00"]  # Okabe-Ito
paths = {name: descend(rate) for name, rate in rates.items()}

print(f"{'learning rate':>22}  loss at step 0  loss at step 30")
for name, rate in rates.items():
    history = loss(paths[name])
    print(f"{name:>12} ({rate:<5})  {history[0]:14.3f}  {history[-1]:15.3g}")

fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4), dpi=100)
grid = np.stack(np.meshgrid(np.linspace(-5, 5, 201), np.linspace(-3, 3, 121)), axis=-1)
left.contour(grid[..., 0], grid[..., 1], loss(grid), levels=np.geomspace(0.05, 60, 12),
             colors="#999999", linewidths=0.8)
for (name, rate), colour in zip(rates.items(), colours, strict=True):
    path = paths[name]
    left.plot(path[:, 0], path[:, 1], "o-", ms=3, lw=1.2, color=colour, label=f"{name} ({rate})")
    right.semilogy(loss(path), "o-", ms=3, color=colour, label=f"{name} ({rate})")
left.plot(0, 0, "k*", ms=12)
left.set(xlim=(-5, 5), ylim=(-3, 3), xlabel="$w_0$", ylabel="$w_1$", title="Paths on the loss surface")
right.set(xlabel="step", ylabel="loss (log scale)", title="Loss after each step")
left.legend(loc="lower right", fontsize=9)
right.legend(fontsize=9)
fig.tight_layout()
fig.savefig("learning_rates.png")

import json  # the figures the course's text quotes, checked by its tests

with open("facts.json", "w") as file:
    json.dump({name: [float(value) for value in loss(paths[name])] for name in rates}, file)
