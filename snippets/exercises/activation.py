"""Exercise: train the MNIST MLP with sigmoid and tanh instead of ReLU in its hidden layer."""

from _mnist import train_mlp  # the helper module beside this file

# --8<-- [start:main]
for activation in ("relu", "sigmoid", "tanh"):
    params, accuracy = train_mlp(hidden=[128], activation=activation)
    print(f"{activation:<8} {params:,} parameters, test accuracy {accuracy:.3f}")
# --8<-- [end:main]
