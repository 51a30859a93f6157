"""MSE against cross-entropy for one example whose target is 1, as the prediction p varies."""

import matplotlib.pyplot as plt
import numpy as np

p = np.linspace(0.001, 0.999, 999)  # the network's output for an example of class 1
mse = (1 - p) ** 2
xent = -np.log(p)
# gradients with respect to z, the output neuron's sum before the sigmoid p = sigmoid(z)
mse_grad = 2 * (p - 1) * p * (1 - p)
xent_grad = p - 1

print("    p      MSE  cross-entropy  dMSE/dz   dCE/dz")
for q in (0.001, 0.01, 0.1, 0.5, 0.9, 0.99):
    print(f"{q:5.3f} {(1 - q) ** 2:8.4f} {-np.log(q):14.4f} "
          f"{2 * (q - 1) * q * (1 - q):8.4f} {q - 1:8.4f}")

ORANGE, BLUE = "#E69F00", "#0072B2"  # Okabe-Ito
fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6), layout="constrained")
left.plot(p, mse, color=ORANGE, lw=2, ls="--", label="MSE $(1-p)^2$")
left.plot(p, xent, color=BLUE, lw=2, label=r"cross-entropy $-\log p$")
left.set(xlabel="predicted probability $p$ (target is 1)", ylabel="loss", ylim=(0, 5),
         title="The loss")
right.plot(p, np.abs(mse_grad), color=ORANGE, lw=2, ls="--", label="MSE")
right.plot(p, np.abs(xent_grad), color=BLUE, lw=2, label="cross-entropy")
right.set(xlabel="predicted probability $p$ (target is 1)",
          ylabel=r"$|\partial\,\mathrm{loss} / \partial z|$",
          title="How hard it pushes the output neuron")
for ax in (left, right):
    ax.legend()
    ax.grid(alpha=0.3)
fig.savefig("mse_vs_xent.png", dpi=100)
