"""One step of backpropagation by hand on the circle: the error flows back, the weights move."""

from _shapes import CLASSES, build_net, load_split  # the helper module beside this file

# --8<-- [start:main]
import numpy as np


def forward(x, w1, b1, w2, b2):
    z1 = x @ w1 + b1
    a1 = np.maximum(z1, 0.0)
    z2 = a1 @ w2 + b2
    p = np.exp(z2 - z2.max()) / np.sum(np.exp(z2 - z2.max()))
    return z1, a1, p


_, (x_test, y_test) = load_split()
x = x_test[np.flatnonzero(y_test == CLASSES.index("circle"))[0]]
target = np.array([0.0, 1.0, 0.0])  # the true answer: circle
w1, b1, w2, b2 = build_net().get_weights()  # the same untrained weights as before

z1, a1, p = forward(x, w1, b1, w2, b2)
p_before = p
print("before:", "  ".join(f"{n} {q:.3f}" for n, q in zip(CLASSES, p, strict=True)))

# --8<-- [start:backward]
# backward pass: how much each number contributed to the error
d2 = p - target  # output layer: softmax + cross-entropy give probability - target
print("output error (p - target):", np.round(d2, 3))
grad_w2, grad_b2 = np.outer(a1, d2), d2
d1 = (w2 @ d2) * (z1 > 0)  # back through the weights, then through ReLU
grad_w1, grad_b1 = np.outer(x, d1), d1

learning_rate = 0.1  # adjust every weight a little against its gradient
w1, b1 = w1 - learning_rate * grad_w1, b1 - learning_rate * grad_b1
w2, b2 = w2 - learning_rate * grad_w2, b2 - learning_rate * grad_b2
# --8<-- [end:backward]

_, _, p = forward(x, w1, b1, w2, b2)
print("after: ", "  ".join(f"{n} {q:.3f}" for n, q in zip(CLASSES, p, strict=True)))
print(f"error -log(p[circle]): {-np.log(p[1]):.3f}")
# --8<-- [end:main]

import json  # the figures the course's text quotes, checked by its tests

with open("facts.json", "w") as file:
    json.dump({"before": dict(zip(CLASSES, p_before.tolist(), strict=True)),
               "after": dict(zip(CLASSES, p.tolist(), strict=True))}, file)
