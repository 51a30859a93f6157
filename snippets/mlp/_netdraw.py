"""Helpers that draw network diagrams with matplotlib: neurons as circles, weights as lines."""

import matplotlib.pyplot as plt
from matplotlib.patches import Circle, FancyArrowPatch

# Okabe–Ito colours: told apart by readers with any common colour-vision deficiency
COLOURS = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
    "grey": "#999999",
}
LAYER_COLOURS = ("sky", "orange", "orange", "orange", "green")
DPI = 150
RADIUS = 0.28


def canvas(width, height):
    """A figure with one axes in data units, no ticks, equal aspect."""
    fig, ax = plt.subplots(figsize=(width, height))
    ax.set_aspect("equal")
    ax.axis("off")
    return fig, ax


def node(ax, xy, colour, text="", radius=RADIUS, fontsize=13):
    """One neuron: a filled circle with an optional label inside."""
    ax.add_patch(Circle(xy, radius, facecolor=COLOURS[colour], edgecolor="black",
                        linewidth=1.2, zorder=3))
    if text:
        ax.text(*xy, text, ha="center", va="center", fontsize=fontsize, zorder=4)


def arrow(ax, start, end, colour="grey", width=1.2, gap_start=RADIUS, gap_end=RADIUS):
    """A weight: an arrow from the edge of one shape to the edge of the next."""
    (x0, y0), (x1, y1) = start, end
    length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    tail = (x0 + ux * gap_start, y0 + uy * gap_start)
    head = (x1 - ux * gap_end, y1 - uy * gap_end)
    ax.add_patch(FancyArrowPatch(tail, head, arrowstyle="-|>", mutation_scale=14,
                                 color=COLOURS[colour], linewidth=width, shrinkA=0,
                                 shrinkB=0, zorder=2))


def layer_positions(sizes, spacing_x=2.0, spacing_y=1.0):
    """Centre of every neuron, layer by layer, each layer centred vertically on y = 0."""
    return [
        [(i * spacing_x, (n - 1) / 2 * spacing_y - j * spacing_y) for j in range(n)]
        for i, n in enumerate(sizes)
    ]


def network(ax, sizes, labels=None, edge_colour="grey", spacing_x=2.0, spacing_y=1.0):
    """Draw a fully connected network; return the neuron centres, layer by layer."""
    positions = layer_positions(sizes, spacing_x, spacing_y)
    for left, right in zip(positions[:-1], positions[1:], strict=True):
        for a in left:
            for b in right:
                ax.plot([a[0], b[0]], [a[1], b[1]], color=COLOURS[edge_colour],
                        linewidth=1.0, zorder=1)
    for i, layer in enumerate(positions):
        colour = LAYER_COLOURS[0] if i == 0 else (
            LAYER_COLOURS[-1] if i == len(positions) - 1 else LAYER_COLOURS[1])
        for j, xy in enumerate(layer):
            text = labels[i][j] if labels else ""
            node(ax, xy, colour, text)
    return positions


def fit(ax, positions, margin=0.8, below=0.0, above=0.0):
    """Set the axes limits around the drawn neurons."""
    xs = [x for layer in positions for x, _ in layer]
    ys = [y for layer in positions for _, y in layer]
    ax.set_xlim(min(xs) - margin, max(xs) + margin)
    ax.set_ylim(min(ys) - margin - below, max(ys) + margin + above)


def save(fig, name):
    """Write a PNG with a fixed resolution and no varying metadata."""
    fig.savefig(name, dpi=DPI, bbox_inches="tight", facecolor="white",
                metadata={"Software": None})
    plt.show()  # inline in Jupyter; nothing with the build's Agg backend
