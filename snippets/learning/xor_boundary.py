"""How the 2-2-1 net's decision boundary on XOR changes during training: panels and a GIF."""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.animation import PillowWriter
from matplotlib.colors import LinearSegmentedColormap
from xor_numpy import X, Y, forward, init_params, train

BLUE, VERMILION = "#0072B2", "#D55E00"  # Okabe-Ito: class 0, class 1
CMAP = LinearSegmentedColormap.from_list("blue_white_vermillion", [BLUE, "white", VERMILION])
PANELS = [0, 100, 300, 1_000, 3_000, 10_000]
FRAMES = sorted({0, *np.unique(np.geomspace(1, 10_000, 40).round().astype(int)).tolist()})

# keep a copy of the parameters after the steps we want to draw
snapshots = {0: init_params(seed=0)}


def keep(step, p, loss):
    if step in FRAMES or step in PANELS:
        snapshots[step] = {name: value.copy() for name, value in p.items()}


train(steps=10_000, lr=0.3, seed=0, every=0, on_step=keep)

grid = np.linspace(-0.5, 1.5, 201)
gx, gy = np.meshgrid(grid, grid)
points = np.column_stack([gx.ravel(), gy.ravel()])


def draw(ax, step):
    """Output probability over the plane, the 0.5 boundary and the four inputs."""
    ax.clear()
    prob = forward(snapshots[step], points)[1].reshape(gx.shape)
    filled = ax.contourf(gx, gy, prob, levels=np.linspace(0, 1, 11), cmap=CMAP, alpha=0.55)
    if prob.min() < 0.5 < prob.max():
        ax.contour(gx, gy, prob, levels=[0.5], colors="black", linewidths=1.5)
    zero, one = Y[:, 0] == 0, Y[:, 0] == 1
    ax.scatter(X[zero, 0], X[zero, 1], s=90, marker="o", c=BLUE, edgecolors="black",
               label="XOR = 0")
    ax.scatter(X[one, 0], X[one, 1], s=110, marker="^", c=VERMILION, edgecolors="black",
               label="XOR = 1")
    ax.set(xlim=(-0.5, 1.5), ylim=(-0.5, 1.5), xticks=[0, 1], yticks=[0, 1], aspect="equal")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title(f"after {step:,} step{'' if step == 1 else 's'}")
    return filled


fig, axes = plt.subplots(2, 3, figsize=(9.6, 6.2), layout="constrained")
for ax, step in zip(axes.ravel(), PANELS, strict=True):
    filled = draw(ax, step)
axes[0, 0].legend(loc="upper center", fontsize=8, framealpha=0.9)
fig.colorbar(filled, ax=axes, shrink=0.8, label="network output (probability of XOR = 1)")
fig.suptitle("2-2-1 network on XOR: output probability, boundary at 0.5 in black")
fig.savefig("boundary_steps.png", dpi=100)
plt.show()  # inline in Jupyter; nothing with the build's Agg backend

fig, ax = plt.subplots(figsize=(4.8, 4.8))
writer = PillowWriter(fps=5)
with writer.saving(fig, "boundary.gif", dpi=100):
    for step in FRAMES + [FRAMES[-1]] * 8:  # hold the last frame a little
        draw(ax, step)
        ax.legend(loc="upper center", fontsize=8, framealpha=0.9)
        fig.tight_layout()
        writer.grab_frame()
plt.close(fig)
print(f"panels after {PANELS} steps, animation of {len(FRAMES)} frames")

import json  # the figures the course's text quotes, checked by its tests

with open("facts.json", "w") as file:  # how many of the 4 inputs each panel gets right
    json.dump({"correct_at": {str(step): int(np.sum((forward(snapshots[step], X)[1] > 0.5) == (Y > 0.5)))
                              for step in PANELS}}, file)
