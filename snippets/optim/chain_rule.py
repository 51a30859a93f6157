"""The chain rule by hand for one sigmoid neuron with cross-entropy, checked against TensorFlow."""

# --8<-- [start:byhand]
import numpy as np

x, target = 2.0, 1.0          # one input and the answer we want
w, b = 0.5, -2.0              # the neuron's weight and bias
z = w * x + b                 # forward: weighted sum,
a = 1 / (1 + np.exp(-z))      #          sigmoid,
loss = -(target * np.log(a) + (1 - target) * np.log(1 - a))  # cross-entropy
dloss_da = (a - target) / (a * (1 - a))  # backward: one local derivative per step
da_dz = a * (1 - a)
dz_dw = x
grad = dloss_da * da_dz * dz_dw   # chain rule: multiply them
print(f"by hand:   dloss/dw = {dloss_da:.4f} * {da_dz:.4f} * {dz_dw:.1f} = {grad:.5f}")
# --8<-- [end:byhand]

import tensorflow as tf

w_t = tf.Variable(w)
with tf.GradientTape() as tape:
    a_t = tf.sigmoid(w_t * x + b)
    loss_t = -(target * tf.math.log(a_t) + (1 - target) * tf.math.log(1 - a_t))
print(f"automatic: dloss/dw = {float(tape.gradient(loss_t, w_t)):.5f}")

learning_rate = 0.5
print(f"one gradient-descent step: w = {w} - {learning_rate} * ({grad:.5f}) = "
      f"{w - learning_rate * grad:.5f}")
