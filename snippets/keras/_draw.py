"""Draw a Keras functional model as boxes and arrows with matplotlib (no Graphviz needed)."""

import matplotlib.pyplot as plt


def _parents(node):
    """Names of the layers whose outputs feed a layer, read from its saved config."""
    if isinstance(node, dict):
        if "keras_history" in node.get("config", {}):
            return [node["config"]["keras_history"][0]]
        return [name for value in node.values() for name in _parents(value)]
    if isinstance(node, (list, tuple)):
        return [name for value in node for name in _parents(value)]
    return []


def draw_model(model, path, dpi=100):
    """One box per layer (name, type, output shape), an arrow per connection; saves a PNG."""
    config = model.get_config()["layers"]
    parents = {c["name"]: _parents(c["inbound_nodes"]) for c in config}
    depth, column = {}, {}
    for c in config:  # the config lists layers in an order where parents come first
        name, ups = c["name"], parents[c["name"]]
        depth[name] = 1 + max((depth[u] for u in ups), default=-1)
        inputs_so_far = sum(1 for n in column if not parents[n])
        column[name] = sum(column[u] for u in ups) / len(ups) if ups else inputs_so_far
    rows = max(depth.values()) + 1
    cols = max(column.values()) + 1
    fig, ax = plt.subplots(figsize=(2.7 * cols + 0.4, 0.78 * rows + 0.2), dpi=dpi)
    for c in config:
        name = c["name"]
        layer = model.get_layer(name)
        shape = tuple(layer.output.shape)[1:]
        x, y = column[name], -depth[name]  # top to bottom, one column per input
        colour = "#E69F00" if not parents[name] else "#56B4E9"
        ax.text(x, y, f"{name}\n{type(layer).__name__} → {shape}", ha="center", va="center",
                fontsize=10, bbox={"boxstyle": "round,pad=0.4", "fc": colour, "ec": "#333333"})
        for u in parents[name]:
            ax.annotate("", xy=(x, y + 0.3), xytext=(column[u], -depth[u] - 0.3),
                        arrowprops={"arrowstyle": "->", "color": "#333333"})
    ax.set_xlim(-0.55, cols - 0.45)
    ax.set_ylim(-rows + 0.5, 0.5)
    ax.axis("off")
    fig.tight_layout()
    fig.savefig(path)
    plt.show()  # inline in Jupyter; nothing with the build's Agg backend
