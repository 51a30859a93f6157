"""One 3x3 filter with "same" padding on a 5x5 image: stride 1 keeps 5x5, stride 2 gives 3x3."""

import keras
from keras import layers

for stride in (1, 2):
    model = keras.Sequential(
        [
            keras.Input(shape=(5, 5, 1)),
            layers.Conv2D(1, (3, 3), strides=stride, padding="same"),
        ],
        name=f"stride_{stride}",
    )
    conv = model.layers[0]
    print(f"strides={stride}: output shape {conv.output.shape}, "
          f"{model.count_params()} parameters")
