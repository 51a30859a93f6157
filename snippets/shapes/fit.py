"""compile, fit, evaluate and predict: a small conv net learns the shapes in a few epochs."""

from _shapes import CLASSES, load_split  # the helper module beside this file

# --8<-- [start:main]
import math

import keras
import numpy as np
from keras import layers

(x_train, y_train), (x_test, y_test) = load_split()
x_train = x_train.reshape(-1, 28, 28, 1)  # back to images with one channel
x_test = x_test.reshape(-1, 28, 28, 1)

keras.utils.set_random_seed(42)
model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(8, (3, 3), activation="relu"),
    layers.MaxPooling2D((2, 2)),
    layers.Conv2D(16, (3, 3), activation="relu"),
    layers.MaxPooling2D((2, 2)),
    layers.Flatten(),
    layers.Dense(3, activation="softmax"),
])
# --8<-- [start:train]
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.001),
    loss="sparse_categorical_crossentropy",  # labels are 0, 1, 2
    metrics=["accuracy"],
)
history = model.fit(x_train, y_train, epochs=6, batch_size=64,
                    validation_split=0.2, verbose=0)
# --8<-- [end:train]
print(f"1,920 training rows / batch 64 = {math.ceil(1920 / 64)} "
      f"steps per epoch; Keras ran {history.params['steps']}")
print("epoch  loss   accuracy  val_loss  val_accuracy")
h = history.history
for epoch in range(len(h["loss"])):
    print(f"{epoch + 1:>5}  {h['loss'][epoch]:.3f}  {h['accuracy'][epoch]:>8.3f}"
          f"  {h['val_loss'][epoch]:>8.3f}  {h['val_accuracy'][epoch]:>12.3f}")
# --8<-- [start:use]
loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
print(f"test: loss {loss:.3f}, accuracy {accuracy:.3f}")
probabilities = model.predict(x_test[:5], verbose=0)  # one row of 3 per drawing
print("predicted:", [CLASSES[i] for i in np.argmax(probabilities, axis=1)])
print("true:     ", [CLASSES[i] for i in y_test[:5]])
# --8<-- [end:use]
# --8<-- [end:main]
