"""No padding, no strides: a 3x3 kernel fits in a 5x5 input at only 3x3 places."""

from _convarith import animate, keras_output_size, output_size

i, k, p, s = 5, 3, 0, 1
o = output_size(i, k, p, s)
print(f"i={i}, k={k}, p={p}, s={s}: o = ({i} + 2*{p} - {k}) // {s} + 1 = {o}")
print(f"Keras Conv2D (padding='valid') gives {keras_output_size(i, k, p, s)}")
frames = animate("no_padding_no_strides", i, k, p, s)
print(f"{frames} frames, one per output cell")
