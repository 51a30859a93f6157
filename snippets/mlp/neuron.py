"""One artificial neuron: three weighted inputs and a bias are summed, then activated."""

import _netdraw as nd
from matplotlib.patches import FancyBboxPatch

fig, ax = nd.canvas(8, 4.2)

inputs = [(0.0, 1.3), (0.0, 0.0), (0.0, -1.3)]
total = (3.2, 0.0)
activation = (5.2, 0.0)
output = (7.0, 0.0)
bias = (3.2, -1.9)

for k, xy in enumerate(inputs, start=1):
    nd.node(ax, xy, "sky", f"$x_{k}$")
    nd.arrow(ax, xy, total, "blue", gap_end=0.45)
    # the weight's label sits on its arrow, a third of the way along
    lx, ly = xy[0] + (total[0] - xy[0]) * 0.45, xy[1] + (total[1] - xy[1]) * 0.45
    ax.text(lx, ly + 0.18, f"$w_{k}$", ha="center", va="bottom", fontsize=14,
            color=nd.COLOURS["blue"])

nd.node(ax, bias, "yellow", "$b$")
nd.arrow(ax, bias, total, "black", gap_end=0.45)
nd.node(ax, total, "orange", r"$\Sigma$", radius=0.45, fontsize=20)

box = FancyBboxPatch((activation[0] - 0.45, -0.4), 0.9, 0.8, boxstyle="round,pad=0.05",
                     facecolor=nd.COLOURS["purple"], edgecolor="black", zorder=3)
ax.add_patch(box)
ax.text(*activation, "$f$", ha="center", va="center", fontsize=18, zorder=4)
nd.arrow(ax, total, activation, "black", gap_start=0.45, gap_end=0.5)
ax.text(4.2, 0.15, "$z$", ha="center", va="bottom", fontsize=14)

nd.node(ax, output, "green", "$y$")
nd.arrow(ax, activation, output, "black", gap_start=0.5)

ax.text(0.0, 1.8, "inputs", ha="center", fontsize=12)
ax.text(3.2, 0.6, "weighted sum", ha="center", fontsize=12)
ax.text(5.2, 0.6, "activation", ha="center", fontsize=12)
ax.text(7.0, 0.45, "output", ha="center", fontsize=12)
ax.text(3.5, -2.75, r"$z = w_1 x_1 + w_2 x_2 + w_3 x_3 + b \qquad y = f(z)$",
        ha="center", fontsize=15)
ax.set_xlim(-0.6, 7.6)
ax.set_ylim(-3.1, 2.3)
nd.save(fig, "neuron.png")
print("neuron.png: 3 inputs, 3 weights, 1 bias, 1 output")
