"""A CNN for CIFAR-10's 32x32 colour images: each pixel has 3 channels (RGB)."""

# --8<-- [start:all]
# --8<-- [start:block]
import keras
from keras import layers


def conv_pair(filters):  # a same-padded 3x3 convolution, then one without padding, pool, drop
    return [layers.Conv2D(filters, (3, 3), padding="same", activation="relu"),
            layers.Conv2D(filters, (3, 3), activation="relu"),
            layers.MaxPooling2D((2, 2)), layers.Dropout(0.25)]
# --8<-- [end:block]


# --8<-- [start:model]
model = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),  # height, width, RGB
    *conv_pair(32), *conv_pair(64),  # 32 -> 30 -> 15 pixels, then 15 -> 13 -> 6
    layers.Flatten(),  # 6 * 6 * 64 = 2,304 values
    layers.Dense(512, activation="relu"), layers.Dropout(0.5),
    layers.Dense(10, activation="softmax"),
], name="cifar10_cnn")
# --8<-- [end:model]
model.summary()
# --8<-- [end:all]

from _layers import write_layers  # the slides' compact table, by the helper beside this file

write_layers(model, "layers.txt", types=False)  # narrow: the slide shows it in a column
