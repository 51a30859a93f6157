"""A tour of deep CNNs: layers and parameters of LeNet-style, VGG16, ResNet50, MobileNetV2."""
# timeout: 300

import keras
from keras import layers


def weight_layers(model):
    """Layers that learn a kernel: convolutions (depthwise too) and dense layers."""
    kinds = (layers.Conv2D, layers.DepthwiseConv2D, layers.Dense)
    return sum(isinstance(layer, kinds) for layer in model.layers)


# --8<-- [start:lenet]
lenet = keras.Sequential([
    keras.Input(shape=(32, 32, 1)),
    layers.Conv2D(6, (5, 5), activation="tanh"),
    layers.AveragePooling2D(2),
    layers.Conv2D(16, (5, 5), activation="tanh"),
    layers.AveragePooling2D(2),
    layers.Flatten(),
    layers.Dense(120, activation="tanh"),
    layers.Dense(84, activation="tanh"),
    layers.Dense(10, activation="softmax"),
], name="lenet_style")
# --8<-- [end:lenet]

# --8<-- [start:apps]
# keras.applications models built without trained weights: nothing is downloaded
models = [lenet]
for build in (keras.applications.VGG16, keras.applications.ResNet50,
              keras.applications.MobileNetV2):
    # weights=None: random weights, no download; the default 224x224x3 input
    models.append(build(weights=None))
# --8<-- [end:apps]

print(f"{'model':<22}{'input':>15}{'weight layers':>15}{'Keras layers':>14}"
      f"{'parameters':>13}")
for model in models:
    shown = [layer for layer in model.layers if not isinstance(layer, layers.InputLayer)]
    print(f"{model.name:<22}{str(model.input_shape[1:]):>15}{weight_layers(model):>15}"
          f"{len(shown):>14}{model.count_params():>13,}")
