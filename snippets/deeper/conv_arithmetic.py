"""A 3x3 kernel on a 4x4 input, in numbers; then two input channels summed into one feature map."""

import matplotlib.pyplot as plt
import numpy as np

# --8<-- [start:numbers]
import keras
from keras import layers

image = np.array([[3, 1, 0, 2], [1, 4, 2, 0], [0, 2, 5, 1], [2, 0, 1, 3]], "float32")
kernel = np.array([[1, 0, -1], [2, 0, -2], [1, 0, -1]], "float32")
by_hand = np.array([[np.sum(image[r:r + 3, c:c + 3] * kernel) for c in range(2)]
                    for r in range(2)])

conv = layers.Conv2D(1, (3, 3), use_bias=False)
conv.build((None, 4, 4, 1))
conv.set_weights([kernel.reshape(3, 3, 1, 1)])  # (height, width, channels in, filters)
from_keras = keras.ops.convert_to_numpy(conv(image.reshape(1, 4, 4, 1)))[0, :, :, 0]
print("by hand:", by_hand.tolist(), " Keras:", from_keras.tolist())
# --8<-- [end:numbers]

# --8<-- [start:channels]
second = np.eye(4, dtype="float32")              # a second input channel
kernel2 = np.full((3, 3), 0.5, "float32")        # with its own 3x3 slice of the kernel
two = layers.Conv2D(1, (3, 3), use_bias=False)
two.build((None, 4, 4, 2))
two.set_weights([np.stack([kernel, kernel2], axis=-1).reshape(3, 3, 2, 1)])
both = keras.ops.convert_to_numpy(two(np.stack([image, second], -1)[None]))[0, :, :, 0]
per_channel = by_hand + np.array([[np.sum(second[r:r + 3, c:c + 3] * kernel2)
                                   for c in range(2)] for r in range(2)])
print("two channels:", both.tolist(), " sum of the per-channel maps:", per_channel.tolist())
# --8<-- [end:channels]


def grid(ax, values, title, highlight=None, fmt="{:g}"):
    ax.imshow(np.zeros_like(values), cmap="Greys", vmin=0, vmax=1)
    for (r, c), v in np.ndenumerate(values):
        ax.text(c, r, fmt.format(v), ha="center", va="center", fontsize=13)
    for edge in range(values.shape[0] + 1):
        ax.axhline(edge - 0.5, color="#555555", lw=1)
    for edge in range(values.shape[1] + 1):
        ax.axvline(edge - 0.5, color="#555555", lw=1)
    ax.set_xticks([])
    ax.set_yticks([])
    if highlight:
        (r0, c0), (h, w) = highlight
        ax.add_patch(plt.Rectangle((c0 - 0.5, r0 - 0.5), w, h, fill=False, lw=3, ec="#D55E00"))
    ax.set_title(title)


fig, axes = plt.subplots(1, 3, figsize=(10, 3.6), dpi=100,
                         gridspec_kw={"width_ratios": [4, 3, 2]})
grid(axes[0], image, "input 4×4", highlight=((0, 1), (3, 3)))
grid(axes[1], kernel, "kernel 3×3 (Sobel)")
grid(axes[2], by_hand, "output 2×2", highlight=((0, 1), (1, 1)))
window = image[0:3, 1:4]
pairs = [(a, b) for a, b in zip(window.ravel(), kernel.ravel(), strict=True) if b != 0]
terms = " + ".join(f"{a:g}·({b:g})" if b < 0 else f"{a:g}·{b:g}" for a, b in pairs)
fig.text(0.5, 0.02, f"top right: {terms} = {by_hand[0, 1]:g}", ha="center", fontsize=11)
fig.tight_layout(rect=(0, 0.07, 1, 1))
fig.savefig("conv_arithmetic.png")
