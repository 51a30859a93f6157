"""What Keras does for a grid of convolution cases: the data the explorer is checked against."""
# timeout: 300

import json
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np
from _convstyle import css
from keras import layers

SIZES = [4, 5, 6, 7, 8, 9, 28, 32]
PADDINGS = ["valid", "same", 1, 2]  # a number is an explicit ring of zeros: ZeroPadding2D(p)


# --8<-- [start:same]
def same_padding(i, k, s, d):
    """Zeros TensorFlow adds before and after each axis for padding="same", read off a real
    Conv2D: input cell (r, c) holds 1000 (r + 1) + c + 1, and output channel a*k + b copies
    kernel tap (a, b), so output cell (0, 0) tells which input row tap a landed on."""
    rows, cols = np.indices((i, i))
    x = (1000.0 * (rows + 1) + cols + 1).reshape(1, i, i, 1)
    conv = layers.Conv2D(k * k, k, strides=s, dilation_rate=d, padding="same", use_bias=False)
    out = conv(x)  # builds the layer
    kernel = np.zeros((k, k, 1, k * k), "float32")
    for a in range(k):
        for b in range(k):
            kernel[a, b, 0, a * k + b] = 1.0
    conv.set_weights([kernel])
    first = np.asarray(conv(x))[0, 0, 0]
    for channel, value in enumerate(first):
        if value:  # this tap read a real cell: row = value // 1000 - 1
            a = channel // k
            before = a * d - (int(value) // 1000 - 1)
            total = (out.shape[1] - 1) * s + d * (k - 1) + 1 - i
            return before, max(total, 0) - before
    raise AssertionError("no tap of the first window reads the input")
# --8<-- [end:same]


def keras_case(i, k, s, d, padding):
    """Keras' own answer: output size, padding before and after, or the error it raises."""
    case = {"i": i, "k": k, "s": s, "d": d, "padding": padding}
    stack = [] if isinstance(padding, str) else [layers.ZeroPadding2D(padding)]
    try:
        stack.append(layers.Conv2D(1, k, strides=s, dilation_rate=d,
                                   padding=padding if isinstance(padding, str) else "valid"))
        y = np.zeros((1, i, i, 1), "float32")
        for layer in stack:
            y = layer(y)
    except ValueError as error:
        case["error"] = str(error).split(". ")[0]
        return case
    case["output"] = int(y.shape[1])
    if padding == "same":
        case["before"], case["after"] = same_padding(i, k, s, d)
    elif padding == "valid":
        case["before"] = case["after"] = 0
    else:
        case["before"] = case["after"] = padding
    return case


cases = [keras_case(i, k, s, d, p) for i in SIZES for k in range(1, 6) for s in range(1, 4)
         for d in (1, 2) for p in PADDINGS]
with open("cases.json", "w", encoding="utf-8") as handle:
    json.dump(cases, handle, indent=0)
with open("conv-style.css", "w", encoding="utf-8") as handle:
    handle.write(css())

refused = [c for c in cases if "error" in c]
print(f"{len(cases)} cases, {len(refused)} refused by Keras")
for reason in sorted({c["error"] for c in refused}):
    print(f"  refused: {reason} ({sum(c['error'] == reason for c in refused)} cases)")
uneven = [c for c in cases if c["padding"] == "same" and c.get("before") != c.get("after")
          and "error" not in c]
print(f'"same" pads unevenly in {len(uneven)} cases, always one more zero after than before:',
      all(c["after"] == c["before"] + 1 for c in uneven))
for c in cases:
    if (c["i"], c["k"], c["s"], c["d"], c["padding"]) == (8, 3, 2, 1, "same"):
        print(f'i=8, k=3, s=2, "same": output {c["output"]}, '
              f'{c["before"]} zero before and {c["after"]} after')
