"""A Functional model with two inputs: a drawing through a conv branch, two numbers through a dense one."""

# --8<-- [start:all]
import keras
from keras import layers

# --8<-- [start:model]
image = keras.Input(shape=(28, 28, 1), name="image")
x = layers.Conv2D(8, (3, 3), activation="relu", name="conv")(image)
x = layers.MaxPooling2D((2, 2), name="pool")(x)
x = layers.Flatten(name="flatten")(x)

numbers = keras.Input(shape=(2,), name="numbers")  # e.g. ink, aspect
y = layers.Dense(4, activation="relu", name="numeric")(numbers)

merged = layers.Concatenate(name="merge")([x, y])
hidden = layers.Dense(16, activation="relu", name="hidden")(merged)
output = layers.Dense(3, activation="softmax", name="shape")(hidden)
model = keras.Model(inputs=[image, numbers], outputs=output, name="two_inputs")
# --8<-- [end:model]

model.summary()
print("output shape:", model.output_shape)
# --8<-- [end:all]

from _draw import draw_model  # the drawing helper beside this file

draw_model(model, "two_inputs.png")
