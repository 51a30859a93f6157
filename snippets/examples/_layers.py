"""A Keras model's layers as a narrow text table for a slide: name, type, output shape, parameters."""

import math


def write_layers(model, path, types=True):
    """One line per layer, columns as wide as their longest entry (types=False leaves out the type,
    for a table in a column), then the parameter totals."""
    table = [("layer", "type", "output shape", "parameters")]
    for layer in model.layers:
        table.append((layer.name, type(layer).__name__, str(layer.output.shape), f"{layer.count_params():,}"))
    if not types:
        table = [(name, shape, params) for name, _, shape, params in table]
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    total = model.count_params()
    trainable = sum(math.prod(weight.shape) for weight in model.trainable_weights)
    totals = f"Total params: {total:,}, " + ("all trainable" if trainable == total else f"trainable: {trainable:,}")
    with open(path, "w") as out:
        for *left, params in table:  # text left-aligned, numbers right-aligned
            cells = [cell.ljust(width) for cell, width in zip(left, widths[:-1], strict=True)]
            out.write("  ".join([*cells, params.rjust(widths[-1])]) + "\n")
        out.write(totals + "\n")
