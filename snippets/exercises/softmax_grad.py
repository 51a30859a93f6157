"""Exercise: the gradient of cross-entropy after softmax is p - y, checked by TensorFlow."""

import numpy as np
import tensorflow as tf

# --8<-- [start:main]
z = np.array([2.0, 1.0, 0.1])   # scores (logits) for three classes
y = np.array([0.0, 1.0, 0.0])   # the true class is the second

p = np.exp(z - z.max()) / np.exp(z - z.max()).sum()
print("p - y:       ", np.round(p - y, 4))
# --8<-- [end:main]

logits = tf.Variable(z)
with tf.GradientTape() as tape:
    loss = -tf.reduce_sum(y * tf.math.log(tf.nn.softmax(logits)))
grad = tape.gradient(loss, logits).numpy()
print("GradientTape:", np.round(grad, 4))
print("agree:", np.allclose(grad, p - y))
