"""The 3-4-4-1 multi-layer perceptron drawn as a graph, with the parameters each layer learns."""

import _netdraw as nd

sizes = [3, 4, 4, 1]
fig, ax = nd.canvas(8, 4.6)
positions = nd.network(ax, sizes, spacing_x=2.4)

names = ["input", "hidden 1", "hidden 2", "output"]
for layer, name, n in zip(positions, names, sizes, strict=True):
    x = layer[0][0]
    ax.text(x, -2.45, f"{name}\n{n} neuron{'s' if n > 1 else ''}", ha="center", va="top",
            fontsize=12)

# between two layers: one weight per connection plus one bias per neuron on the right
total = 0
for left, right, n_in, n_out in zip(positions[:-1], positions[1:], sizes[:-1], sizes[1:], strict=True):
    count = n_out * (n_in + 1)
    total += count
    x = (left[0][0] + right[0][0]) / 2
    ax.text(x, 2.15, f"{n_out}×({n_in}+1) = {count}", ha="center", fontsize=12,
            color=nd.COLOURS["blue"])
ax.text(positions[-1][0][0], 1.2, f"total: {total}", ha="center", fontsize=13,
        color=nd.COLOURS["vermillion"], fontweight="bold")

nd.fit(ax, positions, below=1.2, above=0.6)
nd.save(fig, "mlp.png")
print(f"mlp.png: layers {sizes}, {total} parameters")
