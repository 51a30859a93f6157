"""Same padding, no strides: a 3x3 kernel on a 5x5 input padded by 1 gives 5x5."""

from _convarith import animate, keras_output_size, output_size

i, k, p, s = 5, 3, 1, 1
o = output_size(i, k, p, s)
print(f"i={i}, k={k}, p={p}, s={s}: o = ({i} + 2*{p} - {k}) // {s} + 1 = {o}")
print(f"Keras Conv2D after ZeroPadding2D({p}) gives {keras_output_size(i, k, p, s)}")
frames = animate("same_padding_no_strides", i, k, p, s)
print(f"{frames} frames, one per output cell")
