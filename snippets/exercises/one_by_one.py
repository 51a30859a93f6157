"""Exercise: what a 1x1 convolution does to a 16x16x64 feature map, and what it costs."""

import keras
from keras import layers

# --8<-- [start:main]
for k in (1, 3):
    model = keras.Sequential([
        keras.Input(shape=(16, 16, 64)),
        layers.Conv2D(16, (k, k), padding="same"),
    ])
    print(f"{k}x{k}: output {model.output_shape}, {model.count_params():,} parameters")
# --8<-- [end:main]
