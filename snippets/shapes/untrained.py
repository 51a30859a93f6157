"""One circle through the untrained network, by hand: weighted sums, bias, ReLU, softmax, error."""

from _shapes import CLASSES, build_net, load_split  # the helper module beside this file

# --8<-- [start:main]
import numpy as np

_, (x_test, y_test) = load_split()
x = x_test[np.flatnonzero(y_test == CLASSES.index("circle"))[0]]  # the first test circle
print(f"input: {x.size} pixels, {np.sum(x > 0)} of them carry ink")

model = build_net()  # weights are random: nothing has been learned yet
print(f"network: 784 -> 16 -> 3, {model.count_params():,} weights and biases")
w1, b1 = model.get_layer("hidden").get_weights()  # (784, 16) and (16,)
w2, b2 = model.get_layer("output").get_weights()  # (16, 3) and (3,)

# --8<-- [start:hidden]
z1 = x @ w1 + b1  # each hidden neuron: sum of pixel * weight, plus its bias
a1 = np.maximum(z1, 0.0)  # ReLU activation
# --8<-- [end:hidden]
print("hidden  weighted sum  + bias  -> ReLU")
for j in range(5):
    print(f"{j + 1:>6}  {x @ w1[:, j]:>12.3f}  {b1[j]:+.3f}  -> {a1[j]:.3f}")
print(f"   ...  {np.sum(a1 > 0)} of the 16 hidden neurons are active")

# --8<-- [start:output]
z2 = a1 @ w2 + b2  # output layer: same recipe
e = np.exp(z2 - z2.max())  # softmax: exponentials
p = e / e.sum()  # ... that add up to 1
# --8<-- [end:output]
print("output    weighted sum + bias  probability")
for name, z, prob in zip(CLASSES, z2, p, strict=True):
    print(f"{name:>8}  {z:>18.3f}  {prob:.3f}")
print(f"prediction: {CLASSES[np.argmax(p)]}, true label: circle")

# --8<-- [start:error]
error = -np.log(p[CLASSES.index("circle")])  # cross-entropy of the true class
# --8<-- [end:error]
print(f"error = -log(p[circle]) = {error:.3f}")
keras_p = model.predict(x[None, :], verbose=0)[0]
print(f"Keras computes the same probabilities: {np.allclose(keras_p, p, atol=1e-6)}")
# --8<-- [end:main]

import json  # the figures the course's text quotes, checked by its tests

with open("facts.json", "w") as file:
    json.dump({"probabilities": dict(zip(CLASSES, p.tolist(), strict=True)), "error": float(error),
               "fair_guess_error": float(np.log(3)), "active": int(np.sum(a1 > 0))}, file)
