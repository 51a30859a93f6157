"""Anatomy of a small MLP: layers named, inputs x_i, weights w_ij and activations a_j labelled."""

import _netdraw as nd

sizes = [3, 4, 1]
labels = [
    [f"$x_{i}$" for i in range(1, 4)],
    [f"$a_{j}$" for j in range(1, 5)],
    ["$y$"],
]
fig, ax = nd.canvas(8, 5)
positions = nd.network(ax, sizes, labels=labels, spacing_x=3.0, spacing_y=1.1)

# weights into hidden neuron a_1 in colour, each labelled w_i1
hidden = positions[1][0]
for i, xy in enumerate(positions[0], start=1):
    nd.arrow(ax, xy, hidden, "vermillion", width=2.0)
    t = 0.33
    lx, ly = xy[0] + (hidden[0] - xy[0]) * t, xy[1] + (hidden[1] - xy[1]) * t
    ax.text(lx, ly + 0.08, f"$w_{{{i}1}}$", ha="center", va="bottom", fontsize=14,
            color=nd.COLOURS["vermillion"],
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5})

ax.text(hidden[0] - 1.6, hidden[1] + 0.5, r"$a_1 = f\,(w_{11} x_1 + w_{21} x_2 + w_{31} x_3 + b_1)$",
        ha="left", fontsize=13, color=nd.COLOURS["vermillion"])

names = ["input layer", "hidden layer", "output layer"]
for layer, name in zip(positions, names, strict=True):
    x = layer[0][0]
    ax.text(x, -2.75, name, ha="center", va="top", fontsize=13, fontweight="bold")

ax.text(3.0, -3.35, r"$w_{ij}$: weight from input $i$ to hidden neuron $j$" "\n"
        r"$a_j$: output (activation) of hidden neuron $j$", ha="center", va="top", fontsize=11)

nd.fit(ax, positions, below=1.3, above=0.6)
nd.save(fig, "mlp_annotated.png")
print("mlp_annotated.png: x_i -> w_ij -> a_j -> y")
