"""Exercise: widen the MNIST MLP's hidden layer from 128 to 256 neurons. What does it cost, and gain?"""

from _mnist import train_mlp  # the helper module beside this file

# --8<-- [start:main]
for width in (128, 256):
    params, accuracy = train_mlp(hidden=[width])
    print(f"784-{width}-10: {params:>7,} parameters, test accuracy {accuracy:.3f}")
# --8<-- [end:main]
