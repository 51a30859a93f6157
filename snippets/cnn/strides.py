"""One 3x3 filter, "same" padding, on a 5x5 image: stride 1 keeps 5x5, stride 2 gives 3x3."""

# --8<-- [start:imports]
import keras
from keras import layers

# --8<-- [end:imports]
# --8<-- [start:stride1]
model_1 = keras.Sequential([
    keras.Input(shape=(5, 5, 1)),
    layers.Conv2D(1, (3, 3),
                  strides=1,
                  padding="same"),
], name="stride_1")
# --8<-- [end:stride1]
# --8<-- [start:stride2]
model_2 = keras.Sequential([
    keras.Input(shape=(5, 5, 1)),
    layers.Conv2D(1, (3, 3),
                  strides=2,
                  padding="same"),
], name="stride_2")
# --8<-- [end:stride2]

# --8<-- [start:print]
for model in (model_1, model_2):
    print(f"{model.name}: {model.output_shape}, "
          f"{model.count_params()} parameters")
# --8<-- [end:print]
