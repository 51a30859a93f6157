"""Without activations, two stacked Dense layers are one linear map."""

import keras
import numpy as np
from keras import layers

keras.utils.set_random_seed(0)
x = np.random.default_rng(0).normal(size=(5, 3)).astype("float32")

for activation in (None, "relu"):
    model = keras.Sequential([
        keras.Input(shape=(3,)),
        layers.Dense(4, activation=activation,
                     bias_initializer="random_normal"),
        layers.Dense(2, bias_initializer="random_normal"),
    ])
    (w1, b1), (w2, b2) = (layer.get_weights() for layer in model.layers)
    # fold both layers into one: x W1 W2 + (b1 W2 + b2)
    w, b = w1 @ w2, b1 @ w2 + b2
    same = np.allclose(model.predict(x, verbose=0), x @ w + b, atol=1e-5)
    print(f"hidden activation {str(activation):4s}: "
          f"equal to one Dense(2) with W = W1 W2? {same}")
