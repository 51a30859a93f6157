"""Step, sigmoid, tanh, ReLU and softplus with their derivatives, one panel each."""

import matplotlib.pyplot as plt
import numpy as np

BLUE, VERMILLION = "#0072B2", "#D55E00"  # Okabe–Ito
x = np.linspace(-5, 5, 1001)
sigmoid = 1 / (1 + np.exp(-x))

# name: (function, derivative, formula); the step's derivative is 0 except at 0 (undefined)
functions = {
    "step": (np.where(x >= 0, 1.0, 0.0), np.zeros_like(x),
             r"$f(x) = 1$ if $x \geq 0$, else $0$"),
    "sigmoid": (sigmoid, sigmoid * (1 - sigmoid), r"$f(x) = 1/(1 + e^{-x})$"),
    "tanh": (np.tanh(x), 1 - np.tanh(x) ** 2, r"$f(x) = \tanh x$"),
    "relu": (np.maximum(0, x), np.where(x > 0, 1.0, 0.0), r"$f(x) = \max(0, x)$"),
    "softplus": (np.log1p(np.exp(x)), sigmoid, r"$f(x) = \log(1 + e^{x})$"),
}
titles = {"step": "Step", "sigmoid": "Sigmoid", "tanh": "Tanh", "relu": "ReLU",
          "softplus": "Softplus"}


def panel(ax, name):
    f, df, formula = functions[name]
    jump = np.abs(np.diff(f, prepend=f[0])) > 0.5  # do not draw the step's jump as a line
    ax.plot(x, np.where(jump, np.nan, f), color=BLUE, linewidth=2.5, label="$f(x)$")
    kink = np.abs(np.diff(df, prepend=df[0])) > 0.5  # nor ReLU's jump in slope
    ax.plot(x, np.where(kink, np.nan, df), color=VERMILLION, linewidth=2, linestyle="--",
            label="$f'(x)$")
    ax.axhline(0, color="grey", linewidth=0.8)
    ax.axvline(0, color="grey", linewidth=0.8)
    ax.set_title(f"{titles[name]}\n{formula}", fontsize=12)
    ax.set_xlim(-5, 5)
    ax.set_ylim(-1.2, 2.2 if name in ("relu", "softplus") else 1.2)
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", fontsize=10)


# all five in one figure
fig, axes = plt.subplots(2, 3, figsize=(12, 7.2))
for ax, name in zip(axes.flat[:5], functions, strict=True):
    panel(ax, name)
# the last panel puts the five functions side by side
styles = ["-", "--", "-.", ":", (0, (5, 1, 1, 1))]
palette = ["#000000", "#E69F00", "#56B4E9", "#009E73", "#CC79A7"]
for (name, (f, _, _)), style, colour in zip(functions.items(), styles, palette, strict=True):
    jump = np.abs(np.diff(f, prepend=f[0])) > 0.5
    axes.flat[-1].plot(x, np.where(jump, np.nan, f), linestyle=style, color=colour,
                       linewidth=2, label=titles[name])
axes.flat[-1].set_title("All five", fontsize=12)
axes.flat[-1].set_xlim(-5, 5)
axes.flat[-1].set_ylim(-1.2, 2.2)
axes.flat[-1].grid(alpha=0.3)
axes.flat[-1].legend(loc="upper left", fontsize=10)
fig.tight_layout()
fig.savefig("curves.png", dpi=120, metadata={"Software": None})
plt.show()  # inline in Jupyter; nothing with the build's Agg backend

# one figure per function, for a slide each
for name in functions:
    fig, ax = plt.subplots(figsize=(5, 4))
    panel(ax, name)
    fig.tight_layout()
    fig.savefig(f"{name}.png", dpi=120, metadata={"Software": None})
    plt.show()

for name, (f, df, _) in functions.items():
    print(f"{name:9s} f(0) = {f[500]:.3f}   f'(0) = {df[500]:.3f}   "
          f"largest slope on [-5, 5] = {df.max():.3f}")
