"""Dilation: a 3x3 kernel with dilation 2 reads every other cell of a 5x5 window of 7x7."""

from _convarith import animate, keras_output_size, output_size

i, k, p, s, d = 7, 3, 0, 1, 2
o = output_size(i, k, p, s, d)
print(f"i={i}, k={k}, p={p}, s={s}, d={d}: "
      f"o = ({i} + 2*{p} - {d}*({k}-1) - 1) // {s} + 1 = {o}")
print(f"Keras Conv2D(dilation_rate={d}) gives {keras_output_size(i, k, p, s, d)}")
frames = animate("dilation", i, k, p, s, d)
print(f"{frames} frames, one per output cell")
