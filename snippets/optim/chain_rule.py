"""The chain rule by hand for one sigmoid neuron, checked against TensorFlow's automatic gradient."""

import numpy as np
import tensorflow as tf

x, target = 2.0, 1.0  # one input, the answer we want
w, b = 0.5, -2.0      # the neuron's weight and bias

# forward pass, one small step at a time
z = w * x + b                  # weighted sum
a = 1 / (1 + np.exp(-z))       # sigmoid activation
loss = (a - target) ** 2       # squared error

# backward pass: multiply the local derivatives, from the loss back to w
dloss_da = 2 * (a - target)
da_dz = a * (1 - a)
dz_dw = x
print(f"by hand:   dloss/dw = {dloss_da:.4f} * {da_dz:.4f} * {dz_dw:.1f} = "
      f"{dloss_da * da_dz * dz_dw:.5f}")

w_t = tf.Variable(w)
with tf.GradientTape() as tape:
    loss_t = (tf.sigmoid(w_t * x + b) - target) ** 2
print(f"automatic: dloss/dw = {float(tape.gradient(loss_t, w_t)):.5f}")

learning_rate = 0.5
print(f"one gradient-descent step: w = {w} - {learning_rate} * "
      f"{dloss_da * da_dz * dz_dw:.5f} = {w - learning_rate * dloss_da * da_dz * dz_dw:.5f}")
