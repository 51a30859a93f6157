"""A CNN for CIFAR-10's 32x32 colour images: each pixel has 3 channels (RGB)."""

# --8<-- [start:model]
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),  # height, width, RGB
    layers.Conv2D(32, (3, 3), padding="same", activation="relu"),  # 3*3*3*32 + 32 = 896
    layers.Conv2D(32, (3, 3), activation="relu"),  # 30x30
    layers.MaxPooling2D((2, 2)), layers.Dropout(0.25),  # 15x15
    layers.Conv2D(64, (3, 3), padding="same", activation="relu"),
    layers.Conv2D(64, (3, 3), activation="relu"),  # 13x13
    layers.MaxPooling2D((2, 2)), layers.Dropout(0.25),  # 6x6
    layers.Flatten(),  # 6 * 6 * 64 = 2,304 values
    layers.Dense(512, activation="relu"), layers.Dropout(0.5),
    layers.Dense(10, activation="softmax"),
], name="cifar10_cnn")
# --8<-- [end:model]
model.summary()

with open("layers.txt", "w") as table:  # a compact table that fits a slide
    for layer in model.layers:
        shape = str(layer.output.shape)
        table.write(f"{layer.name:<16}{shape:<20}{layer.count_params():>9,}\n")
    table.write(f"{'total':<36}{model.count_params():>9,}\n")
