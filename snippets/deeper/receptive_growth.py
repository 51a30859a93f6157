"""The receptive field of one output pixel through three stacked 3x3 convolutions, drawn."""

import matplotlib.pyplot as plt
import numpy as np

SIZE = 9
fig, axes = plt.subplots(1, 4, figsize=(11, 3.2), dpi=100)
names = ["input", "after conv 1", "after conv 2", "after conv 3"]
for depth, ax in enumerate(axes):
    # the pixels of this layer that the centre pixel of layer 3 depends on
    radius = 3 - depth
    field = np.zeros((SIZE, SIZE))
    c = SIZE // 2
    field[c - radius:c + radius + 1, c - radius:c + radius + 1] = 1
    ax.imshow(field, cmap="Blues", vmin=0, vmax=1.6)
    ax.set_xticks(np.arange(-0.5, SIZE), minor=True)
    ax.set_yticks(np.arange(-0.5, SIZE), minor=True)
    ax.grid(which="minor", color="#888888", lw=0.5)
    ax.tick_params(which="both", length=0, labelbottom=False, labelleft=False)
    side = 2 * radius + 1
    ax.set_title(f"{names[depth]}: {side}×{side}")
    print(f"{names[depth]:<13} pixels that reach the final centre pixel: {side}x{side}")
fig.suptitle("each 3×3 layer widens what one output pixel sees by 2")
fig.tight_layout()
fig.savefig("receptive_growth.png")
