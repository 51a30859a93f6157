"""Fashion-MNIST CNN 2: three blocks of two same-padded 3x3 convolutions, then dense layers."""

# --8<-- [start:all]
# --8<-- [start:block]
import keras
from keras import layers


def conv_block(filters):  # two 3x3 convolutions that keep the size, then pool and drop
    return [layers.Conv2D(filters, (3, 3), padding="same", activation="relu"),
            layers.Conv2D(filters, (3, 3), padding="same", activation="relu"),
            layers.MaxPooling2D((2, 2)), layers.Dropout(0.25)]
# --8<-- [end:block]


# --8<-- [start:model]
model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    *conv_block(32), *conv_block(64), *conv_block(128),  # 28 -> 14 -> 7 -> 3 pixels
    layers.Flatten(),  # 3 * 3 * 128 = 1,152 values
    layers.Dense(512, activation="relu"), layers.Dropout(0.5),
    layers.Dense(256, activation="relu"), layers.Dense(128, activation="relu"),
    layers.Dense(10, activation="softmax"),
], name="fashion_cnn2")
# --8<-- [end:model]
model.summary()
# --8<-- [end:all]

from _layers import write_layers  # the slides' compact table, by the helper beside this file

write_layers(model, "layers.txt", types=False)  # narrow: the slide shows it in a column
