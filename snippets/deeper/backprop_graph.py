"""The computational graph of a two-neuron network: forward values above, gradients below."""

import matplotlib.pyplot as plt
import numpy as np

# the numbers of exercise 7: x = 1.5, w1 = 0.8, b1 = -0.2, w2 = -1.2, b2 = 0.4, target 1
x, y, w1, b1, w2, b2 = 1.5, 1.0, 0.8, -0.2, -1.2, 0.4
z1 = w1 * x + b1
h = max(z1, 0.0)
z2 = w2 * h + b2
out = 1 / (1 + np.exp(-z2))
loss = 0.5 * (out - y) ** 2
g_out = out - y
g_z2 = g_out * out * (1 - out)
g_h = g_z2 * w2
g_z1 = g_h * (z1 > 0)

nodes = [("x", x, None, ""), ("z₁ = w₁x + b₁", z1, ("z₁", g_z1), "∂L/∂h · relu′(z₁)"),
         ("h = relu(z₁)", h, ("h", g_h), "∂L/∂z₂ · w₂"),
         ("z₂ = w₂h + b₂", z2, ("z₂", g_z2), "∂L/∂ŷ · σ(z₂)(1 − σ(z₂))"),
         ("ŷ = σ(z₂)", out, ("ŷ", g_out), "ŷ − y"), ("L = ½(ŷ − y)²", loss, None, "")]
fig, ax = plt.subplots(figsize=(12, 3.4), dpi=100)
for i, (name, value, grad, rule) in enumerate(nodes):
    left = i * 2.2
    ax.add_patch(plt.Rectangle((left, 0), 1.7, 1, fc="#E8F0FA", ec="#0072B2", lw=1.5))
    ax.text(left + 0.85, 0.62, name, ha="center", fontsize=10)
    ax.text(left + 0.85, 0.25, f"{value:.4f}", ha="center", fontsize=10, color="#0072B2")
    if grad is not None:
        ax.text(left + 0.85, -0.3, f"∂L/∂{grad[0]} = {grad[1]:+.4f}", ha="center", fontsize=10,
                color="#D55E00")
        ax.text(left + 0.85, -0.55, f"= {rule}", ha="center", fontsize=8, color="#D55E00")
    if i:
        ax.annotate("", xy=(left, 0.75), xytext=(left - 0.5, 0.75),
                    arrowprops={"arrowstyle": "->", "color": "#0072B2"})
        ax.annotate("", xy=(left - 0.5, 0.2), xytext=(left, 0.2),
                    arrowprops={"arrowstyle": "->", "color": "#D55E00"})
ax.text(-0.1, 1.25, "forward: values →", color="#0072B2", fontsize=11)
ax.text(-0.1, -0.95, "← backward: each gradient is the one to its right times a local derivative",
        color="#D55E00", fontsize=11)
ax.set_xlim(-0.2, 12.9)
ax.set_ylim(-1.1, 1.5)
ax.axis("off")
fig.tight_layout()
fig.savefig("backprop_graph.png")
print(f"dL/dw1 = {g_z1 * x:+.4f}, dL/dw2 = {g_z2 * h:+.4f} (the same as exercise 7)")
