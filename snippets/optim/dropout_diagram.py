"""The same MLP in full and thinned by dropout: crossed-out neurons and their links are gone for one step."""

import matplotlib.pyplot as plt
import numpy as np

SIZES = [4, 6, 6, 2]  # inputs, two hidden layers, outputs
rng = np.random.default_rng(3)
# one random dropout mask for the hidden layers (inputs and outputs are kept here)
kept = [np.ones(SIZES[0], bool)] + [rng.random(n) >= 0.5 for n in SIZES[1:-1]] + [np.ones(SIZES[-1], bool)]


def positions(sizes):
    return [[(x, (n - 1) / 2 - i) for i in range(n)] for x, n in enumerate(sizes)]


def draw(ax, masks, title):
    layers = positions(SIZES)
    for left, right, m_left, m_right in zip(layers, layers[1:], masks, masks[1:], strict=False):
        for (x0, y0), a in zip(left, m_left, strict=True):
            for (x1, y1), b in zip(right, m_right, strict=True):
                if a and b:
                    ax.plot([x0, x1], [y0, y1], color="#0072B2", lw=0.8, zorder=1)
    for layer, mask in zip(layers, masks, strict=True):
        for (x, y), on in zip(layer, mask, strict=True):
            ax.add_patch(plt.Circle((x, y), 0.22, zorder=2, lw=1.5, ec="black",
                                    fc="#E69F00" if on else "white"))
            if not on:
                ax.plot([x - 0.15, x + 0.15], [y - 0.15, y + 0.15], color="#D55E00", lw=2, zorder=3)
                ax.plot([x - 0.15, x + 0.15], [y + 0.15, y - 0.15], color="#D55E00", lw=2, zorder=3)
    ax.set_title(title, fontsize=13)
    ax.set_xlim(-0.5, len(SIZES) - 0.5)
    ax.set_ylim(-3.4, 3.2)
    ax.set_aspect("equal")
    ax.axis("off")


fig, (full, thin) = plt.subplots(1, 2, figsize=(9, 3.6), dpi=100)
draw(full, [np.ones(n, bool) for n in SIZES], "(a) full network")
draw(thin, kept, "(b) one training step with dropout 0.5")
fig.tight_layout()
fig.savefig("dropout_diagram.png")
dropped = sum(int((~m).sum()) for m in kept)
print(f"hidden neurons: {sum(SIZES[1:-1])}, dropped this step: {dropped}")
