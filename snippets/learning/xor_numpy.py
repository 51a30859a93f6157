"""XOR learned by a 2-2-1 network written from scratch in NumPy, gradients derived by hand."""

# --8<-- [start:data]
import numpy as np

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)  # the 4 inputs
Y = np.array([[0], [1], [1], [0]], dtype=float)  # x1 XOR x2, one row per input
# --8<-- [end:data]


# --8<-- [start:init]
def init_params(seed=0):
    """Small random weights, zero biases; rows of W are inputs, columns are neurons."""
    rng = np.random.default_rng(seed)
    return {
        "W1": rng.normal(0.0, 1.0, size=(2, 2)),  # 2 inputs -> 2 hidden neurons
        "b1": np.zeros(2),
        "W2": rng.normal(0.0, 1.0, size=(2, 1)),  # 2 hidden neurons -> 1 output
        "b2": np.zeros(1),
    }
# --8<-- [end:init]


# --8<-- [start:forward]
def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def forward(p, X):
    """Hidden activations A1 (m, 2) and output probabilities A2 (m, 1)."""
    Z1 = X @ p["W1"] + p["b1"]  # weighted sums of the hidden layer
    A1 = np.tanh(Z1)
    Z2 = A1 @ p["W2"] + p["b2"]  # weighted sum of the output neuron
    A2 = sigmoid(Z2)
    return A1, A2
# --8<-- [end:forward]


# --8<-- [start:loss]
def cross_entropy(A2, Y):
    """Binary cross-entropy, averaged over the m examples."""
    return float(-np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))
# --8<-- [end:loss]


# --8<-- [start:backward]
def backward(p, X, Y, A1, A2):
    """dJ/d(every parameter), by the chain rule from the output back."""
    m = len(X)
    dZ2 = (A2 - Y) / m  # sigmoid and cross-entropy together
    dW2 = A1.T @ dZ2
    db2 = dZ2.sum(axis=0)
    dA1 = dZ2 @ p["W2"].T  # the error sent back to the hidden layer
    dZ1 = dA1 * (1 - A1**2)  # tanh'(z) = 1 - tanh(z)^2
    dW1 = X.T @ dZ1
    db1 = dZ1.sum(axis=0)
    return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
# --8<-- [end:backward]


# --8<-- [start:update]
def update(p, grads, lr):
    """One gradient descent step: move every parameter against its gradient."""
    for name in p:
        p[name] = p[name] - lr * grads[name]
# --8<-- [end:update]


# --8<-- [start:gradcheck]
def numeric_grads(p, X, Y, eps=1e-6):
    """The same gradients by central finite differences (slow, for checking)."""
    grads = {}
    for name, value in p.items():
        grads[name] = np.zeros_like(value)
        for i in np.ndindex(value.shape):
            old = value[i]
            value[i] = old + eps
            up = cross_entropy(forward(p, X)[1], Y)
            value[i] = old - eps
            down = cross_entropy(forward(p, X)[1], Y)
            value[i] = old
            grads[name][i] = (up - down) / (2 * eps)
    return grads


def max_relative_error(p, X, Y):
    A1, A2 = forward(p, X)
    exact, approx = backward(p, X, Y, A1, A2), numeric_grads(p, X, Y)
    return max(np.max(np.abs(exact[k] - approx[k])
                      / np.maximum(np.abs(exact[k]) + np.abs(approx[k]), 1e-12))
               for k in p)
# --8<-- [end:gradcheck]


# --8<-- [start:train]
def train(steps=10_000, lr=0.3, seed=0, every=1_000, on_step=None):
    """Full-batch gradient descent, printing the loss now and then."""
    p = init_params(seed)
    for step in range(1, steps + 1):
        A1, A2 = forward(p, X)  # forward pass
        grads = backward(p, X, Y, A1, A2)  # backward pass
        update(p, grads, lr)  # gradient descent
        if on_step is not None:
            on_step(step, p, cross_entropy(A2, Y))
        if every and step % every == 0:
            print(f"step {step:>6}  loss {cross_entropy(A2, Y):.4f}")
    return p
# --8<-- [end:train]


# --8<-- [start:main]
if __name__ == "__main__":
    error = max_relative_error(init_params(seed=0), X, Y)
    print(f"gradient check: max relative error {error:.0e}")
    p = train(steps=10_000, lr=0.3, seed=0)
    _, A2 = forward(p, X)
    print(" x1  x2  target  output  class")
    for x, y, a in zip(X, Y, A2, strict=True):
        print(f"{x[0]:3.0f} {x[1]:3.0f} {y[0]:6.0f} {a[0]:8.3f} {a[0] > 0.5:6d}")
# --8<-- [end:main]
