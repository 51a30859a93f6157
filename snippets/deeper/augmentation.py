"""Random flips, rotations and shifts from Keras preprocessing layers, applied to a few digits."""

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits

# --8<-- [start:layers]
import keras
from keras import layers

keras.utils.set_random_seed(0)
augment = keras.Sequential([
    layers.RandomFlip("horizontal"),
    layers.RandomRotation(0.1),
    layers.RandomTranslation(0.15, 0.15),
])
# --8<-- [end:layers]

digits = load_digits()
images = digits.images[:4, :, :, None].astype("float32") / 16.0
rows = [images[:, :, :, 0]]
for _ in range(5):
    rows.append(keras.ops.convert_to_numpy(augment(images, training=True))[:, :, :, 0])
print("input batch:", images.shape, "-> augmented batch:", rows[1].shape)
same = keras.ops.convert_to_numpy(augment(images, training=False))
print("at inference the layers pass images through unchanged:", np.allclose(same, images))

fig, axes = plt.subplots(4, 6, figsize=(7, 5), dpi=100)
for col, batch in enumerate(rows):
    for row in range(4):
        axes[row, col].imshow(batch[row], cmap="gray_r", vmin=0, vmax=1)
        axes[row, col].axis("off")
    axes[0, col].set_title("original" if col == 0 else f"draw {col}", fontsize=9)
fig.tight_layout()
fig.savefig("augmentation.png")
