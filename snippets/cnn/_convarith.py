"""Convolution arithmetic: the output-size formula and frames that draw it (i, k, p, s, d)."""

# --8<-- [start:formula]
def output_size(i, k, p=0, s=1, d=1):
    """Cells along one axis after a k-wide kernel (dilation d) slides with stride s over an
    input of i cells padded by p on each side."""

    span = d * (k - 1) + 1  # cells a dilated kernel covers
    return (i + 2 * p - span) // s + 1
# --8<-- [end:formula]


def windows(i, k, p=0, s=1, d=1):
    """One entry per output cell, row by row: (row, col, taps), where taps are the
    (row, col) cells of the padded input that the kernel reads for that output cell."""
    o = output_size(i, k, p, s, d)
    out = []
    for r in range(o):
        for c in range(o):
            taps = [(r * s + a * d, c * s + b * d) for a in range(k) for b in range(k)]
            out.append((r, c, taps))
    return out


def keras_output_size(i, k, p=0, s=1, d=1, pool=False):
    """The same size measured by Keras: zero padding, then a Conv2D or a MaxPooling2D."""
    import keras
    from keras import layers

    window = layers.MaxPooling2D(k, strides=s) if pool else \
        layers.Conv2D(1, k, strides=s, dilation_rate=d)
    model = keras.Sequential([keras.Input(shape=(i, i, 1)), layers.ZeroPadding2D(p), window])
    return model.output_shape[1]


# the drawing rules shared with the interactive explorer (snippets/cnn/_convstyle.py)
from _convstyle import STYLE

BLUE, SKY, ORANGE, GREEN, VERMILLION, GREY = (STYLE[role] for role in (
    "outline", "input", "window", "done", "highlight", "padding_edge"))


def _grid(ax, n, title):
    ax.set_xlim(-0.6, n - 0.4)
    ax.set_ylim(n - 0.4, -0.6)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title, fontsize=11)


def _cell(r, c, face, edge="white", lw=1.0, ls="-", alpha=1.0):
    from matplotlib.patches import Rectangle

    return Rectangle((c - 0.5, r - 0.5), 1, 1, facecolor=face, edgecolor=edge, lw=lw, ls=ls,
                     alpha=alpha)


def _add(ax, patches):
    """Add many patches at once (one collection draws far faster than separate patches)."""
    from matplotlib.collections import PatchCollection

    ax.add_collection(PatchCollection(patches, match_original=True))


def _draw(axes, i, k, p, s, d, step, values=None):
    """Draw one frame on two axes: the padded input with the window of output cell `step`,
    and the output with the cells filled so far."""
    ax_in, ax_out = axes
    n = i + 2 * p
    cells = windows(i, k, p, s, d)
    o = output_size(i, k, p, s, d)
    r, c, taps = cells[step]
    pooled = values is not None
    _grid(ax_in, n, f"input {i}x{i}" + (f" + padding {p} (dashed)" if p else ""))
    grid = []
    for y in range(n):
        for x in range(n):
            inside = p <= y < n - p and p <= x < n - p
            if inside:
                grid.append(_cell(y, x, SKY, alpha=STYLE["input_alpha"]))
            else:  # padding: white cells with a dashed grey outline
                grid.append(_cell(y, x, "white", edge=GREY, lw=0.8, ls="--"))
    grid += [_cell(y, x, ORANGE, edge=BLUE, lw=1.2, alpha=0.85) for y, x in taps]
    # outline of the whole window (wider than k when dilated)
    from matplotlib.patches import Rectangle

    top, left = taps[0]
    span = d * (k - 1) + 1
    grid.append(Rectangle((left - 0.5, top - 0.5), span, span, fill=False, edgecolor=BLUE,
                          lw=2.5))
    _add(ax_in, grid)
    if pooled:
        best = max(taps, key=lambda t: values[t[0] - p][t[1] - p])
        for y in range(p, n - p):
            for x in range(p, n - p):
                bold = (y, x) == best
                ax_in.text(x, y, f"{values[y - p][x - p]:g}", ha="center", va="center",
                           fontsize=11, fontweight="bold" if bold else "normal",
                           color=VERMILLION if bold else "black")
    _grid(ax_out, n, f"output {o}x{o}")
    shift = (n - o) / 2  # centre the output under the input's frame
    grid = []
    for index, (y, x, cell_taps) in enumerate(cells):
        if index < step:
            face = GREEN
        elif index == step:
            face = ORANGE
        else:
            face = "white"
        grid.append(_cell(y + shift, x + shift, face, edge=GREY, lw=0.8, alpha=0.8))
        if pooled and index <= step:
            top_value = max(values[a - p][b - p] for a, b in cell_taps)
            ax_out.text(x + shift, y + shift, f"{top_value:g}", ha="center", va="center",
                        fontsize=11, fontweight="bold")
    grid.append(Rectangle((c + shift - 0.5, r + shift - 0.5), 1, 1, fill=False,
                          edgecolor=BLUE, lw=2.5))
    _add(ax_out, grid)


def _caption(i, k, p, s, d, pooled):
    what = f"max pool {k}x{k}" if pooled else f"kernel {k}x{k}"
    extra = (f", padding {p}" if p else "") + (f", dilation {d}" if d != 1 else "")
    return f"{what}, stride {s}{extra}: output {output_size(i, k, p, s, d)}x" \
           f"{output_size(i, k, p, s, d)}"


def animate(name, i, k, p=0, s=1, d=1, values=None, dpi=100, fps=2):
    """Write <name>.gif (one frame per output cell) and <name>_strip.png (every frame, one row
    of tiles per output row) into the working folder; return the number of frames."""
    import matplotlib.pyplot as plt
    from matplotlib.animation import FuncAnimation, PillowWriter

    frames = len(windows(i, k, p, s, d))
    caption = _caption(i, k, p, s, d, values is not None)

    fig, axes = plt.subplots(1, 2, figsize=(6.4, 3.6), dpi=dpi)

    def frame(step):
        for ax in axes:
            ax.clear()
        _draw(axes, i, k, p, s, d, step, values)
        fig.suptitle(f"{caption}   (cell {step + 1}/{frames})", fontsize=12)
        return list(axes)

    fig.subplots_adjust(left=0.02, right=0.98, bottom=0.02, top=0.84, wspace=0.08)
    movie = FuncAnimation(fig, frame, frames=frames, blit=False)
    movie.save(f"{name}.gif", writer=PillowWriter(fps=fps), dpi=dpi)
    plt.close(fig)

    o = output_size(i, k, p, s, d)
    fig, grid = plt.subplots(o, 2 * o, figsize=(2.4 * o, 1.3 * o + 0.5), dpi=100,
                             squeeze=False)
    for step in range(frames):
        r, c = divmod(step, o)
        _draw(grid[r, 2 * c: 2 * c + 2], i, k, p, s, d, step, values)
        for ax in grid[r, 2 * c: 2 * c + 2]:
            ax.set_title("")
        grid[r, 2 * c].set_title(f"cell {step + 1}", fontsize=9, loc="left")
    fig.suptitle(caption, fontsize=12)
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.01, top=1 - 0.5 / (1.3 * o + 0.5),
                        wspace=0.05, hspace=0.25)
    fig.savefig(f"{name}_strip.png", dpi=100)
    plt.show()  # inline in Jupyter; nothing with the build's Agg backend
    return frames
