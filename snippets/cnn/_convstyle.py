"""How convolution figures look: one set of drawing rules for the GIFs and the explorer."""

# Okabe-Ito colours, safe for colour-blind readers; every role also has a shape or pattern
# (dashed padding cells with a 0, hatched window cells, dotted finished cells), so colour
# is never the only cue.
STYLE = {
    "input": "#56B4E9",         # input cells (sky blue, drawn at 45 % opacity)
    "input_alpha": 0.45,
    "padding_edge": "#999999",  # padding cells: white with a dashed grey outline
    "window": "#E69F00",        # cells the kernel reads (orange, hatched in the explorer)
    "outline": "#0072B2",       # outline of the kernel's window and of the current output cell
    "done": "#009E73",          # output cells already computed (green)
    "current": "#E69F00",       # the output cell being computed (orange)
    "highlight": "#D55E00",     # the value max pooling keeps (vermillion)
}


def css() -> str:
    """The same rules as CSS custom properties, for the explorer on the site and in the deck."""
    lines = [f"  --conv-{name.replace('_', '-')}: {value};" for name, value in STYLE.items()]
    return ".conv-explorer {\n" + "\n".join(lines) + "\n}\n"
