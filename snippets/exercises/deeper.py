"""Exercise: add a second hidden layer of 64 neurons to the MNIST MLP."""

from _mnist import train_mlp  # the helper module beside this file

# --8<-- [start:main]
for hidden in ([128], [128, 64]):
    params, accuracy = train_mlp(hidden=hidden)
    name = "-".join(str(n) for n in [784, *hidden, 10])
    print(f"{name:<13} {params:>7,} parameters, test accuracy {accuracy:.3f}")
# --8<-- [end:main]
