"""The shapes dataset: 28x28 drawings of squares, circles and triangles, generated from a seed."""

from _shapes import CLASSES, make_shapes  # the helper module beside this file

# --8<-- [start:main]
import matplotlib.pyplot as plt
import numpy as np

images, labels = make_shapes(per_class=1000, seed=1)
print(f"images: {images.shape}, {images.dtype}, values {images.min():.0f} to {images.max():.0f}")
for label, name in enumerate(CLASSES):
    print(f"{name:>8}: {np.sum(labels == label)} drawings")

# six examples of each class, one class per row
fig, axes = plt.subplots(3, 6, figsize=(7.2, 3.9), dpi=100)
for label, row in enumerate(axes):
    examples = np.flatnonzero(labels == label)[:6]
    for ax, index in zip(row, examples, strict=True):
        ax.imshow(images[index], cmap="Greys", vmin=0, vmax=1)
        ax.set_xticks([])
        ax.set_yticks([])
    row[0].set_ylabel(CLASSES[label], fontsize=12)
fig.suptitle("Generated 28×28 drawings (random size and position)", fontsize=12)
fig.tight_layout()
fig.savefig("examples.png")
# --8<-- [end:main]
