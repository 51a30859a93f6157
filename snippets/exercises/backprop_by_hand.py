"""Exercise: one backpropagation step by hand through a two-neuron chain, checked by TensorFlow."""

import numpy as np
import tensorflow as tf

# --8<-- [start:main]
x, y = 1.5, 1.0             # one input, its target
w1, b1, w2, b2 = 0.8, -0.2, -1.2, 0.4

# forward: h = relu(w1 x + b1), out = sigmoid(w2 h + b2), loss = (out - y)^2 / 2
z1 = w1 * x + b1
h = max(z1, 0.0)
z2 = w2 * h + b2
out = 1 / (1 + np.exp(-z2))
loss = 0.5 * (out - y) ** 2

# backward: the chain rule, one local derivative per node
d_out = out - y
d_z2 = d_out * out * (1 - out)        # sigmoid' = s (1 - s)
d_w2, d_b2, d_h = d_z2 * h, d_z2, d_z2 * w2
d_z1 = d_h * (1.0 if z1 > 0 else 0.0)  # relu' is 1 where z1 > 0
d_w1, d_b1 = d_z1 * x, d_z1
by_hand = [d_w1, d_b1, d_w2, d_b2]
print(f"loss {loss:.4f}")
print("by hand:   ", "  ".join(f"{g:+.4f}" for g in by_hand))
# --8<-- [end:main]

params = [tf.Variable(v, dtype=tf.float64) for v in (w1, b1, w2, b2)]
with tf.GradientTape() as tape:
    hidden = tf.nn.relu(params[0] * x + params[1])
    loss_tf = 0.5 * (tf.sigmoid(params[2] * hidden + params[3]) - y) ** 2
tape_grads = [float(g) for g in tape.gradient(loss_tf, params)]
print("GradientTape:", "  ".join(f"{g:+.4f}" for g in tape_grads))
print("agree:", np.allclose(by_hand, tape_grads))
