"""A frozen MobileNetV2 base under a new head, then its top layers unfrozen for fine-tuning."""

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits

# --8<-- [start:freeze]
import keras
from keras import layers

keras.utils.set_random_seed(0)
base = keras.applications.MobileNetV2(
    input_shape=(32, 32, 3), alpha=0.35, include_top=False,
    weights=None,  # offline here; with weights="imagenet" Keras downloads the trained ones
)
base.trainable = False  # freeze every layer of the base
model = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    base,
    layers.GlobalAveragePooling2D(),
    layers.Dense(10, activation="softmax"),  # the new head, for our 10 classes
])
# --8<-- [end:freeze]


stages = {}


def counts(model, stage):
    trainable = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
    frozen = sum(int(np.prod(w.shape)) for w in model.non_trainable_weights)
    stages[stage] = (trainable, frozen)
    return f"trainable {trainable:>7,}, frozen {frozen:>7,}"


digits = load_digits()
x = np.kron(digits.images[:128, :, :, None] / 16.0, np.ones((1, 4, 4, 3))).astype("float32")
y = digits.target[:128]
print(f"base: {len(base.layers)} layers; head only:    {counts(model, 'new head only')}")
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(x, y, epochs=1, batch_size=64, verbose=0)

# --8<-- [start:finetune]
base.trainable = True
for layer in base.layers[:-10]:  # keep all but the last 10 layers frozen
    layer.trainable = False
model.compile(optimizer=keras.optimizers.Adam(1e-4),  # recompile after changing trainable
              loss="sparse_categorical_crossentropy")
# --8<-- [end:finetune]
print(f"top 10 layers of the base unfrozen: {counts(model, 'fine-tuning the top')}")
model.fit(x, y, epochs=1, batch_size=64, verbose=0)

fig, ax = plt.subplots(figsize=(6, 2.6), dpi=100)
names = list(stages)
trainable = np.array([stages[n][0] for n in names])
frozen = np.array([stages[n][1] for n in names])
ax.barh(names, trainable, color="#D55E00", label="trainable")
ax.barh(names, frozen, left=trainable, color="#999999", label="frozen")
ax.invert_yaxis()
ax.set_xlabel("parameters of MobileNetV2 (alpha 0.35) + a 10-class head")
ax.legend(loc="lower right")
fig.tight_layout()
fig.savefig("transfer.png")
