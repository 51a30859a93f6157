"""The convolutions chapter's helper, snippets/cnn/_convarith.py, against the judge: its output-size
formula against the shapes Keras builds on a grid of cases, its animations (one frame per output
cell, the same bytes on every run, as the build drew them), and the highlighted strides code on
the slide. (The chapter's parameter counts are read from the build's outputs in test_facts.py.)"""

from __future__ import annotations

import itertools
import os
import re

import pytest

from .conftest import ROOT, load_snippet_module

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
keras = pytest.importorskip("keras")
layers = keras.layers


def _convarith():
    return load_snippet_module("cnn/_convarith.py")


convarith = _convarith()


def keras_size(i, k, p, s, d=1, pool=False):
    window = layers.MaxPooling2D(k, strides=s) if pool else layers.Conv2D(1, k, strides=s, dilation_rate=d)
    model = keras.Sequential([keras.Input(shape=(i, i, 1)), layers.ZeroPadding2D(p), window])
    return model.output_shape[1:3]


GRID = [c for c in itertools.product((5, 6, 7, 8, 13), (1, 2, 3, 5), (0, 1, 2), (1, 2, 3)) if c[0] + 2 * c[2] >= c[1]]


@pytest.mark.parametrize(("i", "k", "p", "s"), GRID)
def test_formula_matches_keras_conv2d(i, k, p, s):
    o = convarith.output_size(i, k, p, s)
    assert keras_size(i, k, p, s) == (o, o)
    assert o == (i + 2 * p - k) // s + 1  # the d = 1 form on the pages


@pytest.mark.parametrize(("i", "k", "d"), [(7, 3, 2), (9, 3, 3), (8, 2, 2), (10, 3, 2), (5, 3, 1)])
def test_formula_matches_keras_with_dilation(i, k, d):
    o = convarith.output_size(i, k, 0, 1, d)
    assert keras_size(i, k, 0, 1, d) == (o, o)


@pytest.mark.parametrize(("i", "pool", "s"), [(4, 2, 2), (5, 2, 2), (6, 3, 3), (7, 3, 2)])
def test_formula_matches_keras_max_pooling(i, pool, s):
    o = convarith.output_size(i, pool, 0, s)
    assert keras_size(i, pool, 0, s, pool=True) == (o, o)


@pytest.mark.parametrize(
    ("case", "frames", "size"),
    [
        ((5, 3, 1, 1, 1), 25, 5),  # same padding, no strides
        ((5, 3, 1, 2, 1), 9, 3),  # padding, strides
        ((5, 3, 0, 1, 1), 9, 3),  # no padding
        ((7, 3, 0, 1, 2), 9, 3),  # dilation
        ((4, 2, 0, 2, 1), 4, 2),  # 2x2 max pooling, stride 2
    ],
)
def test_animations_have_one_frame_per_output_cell(case, frames, size):
    assert convarith.output_size(*case) == size
    cells = convarith.windows(*case)
    assert len(cells) == frames
    i, k, p, s, d = case
    for _r, _c, taps in cells:  # every tap lies on the padded input
        assert len(taps) == k * k
        assert all(0 <= y < i + 2 * p and 0 <= x < i + 2 * p for y, x in taps)


def _section(path, name):
    text = path.read_text(encoding="utf-8")
    m = re.search(rf"# --8<-- \[start:{name}\]\n(.*?)# --8<-- \[end:{name}\]\n", text, re.S)
    return m.group(1)


def test_highlighted_strides_code_on_the_slide_is_the_snippets_code():
    """The stride-2 slide shows the code in a ```py block (a `*`-highlighted line is not Python,
    so pytest-codeblocks must not run it); it must be the snippet's code, as remark shows it."""
    slide = (ROOT / "slides" / "hands-on-nn" / "30-convolutions.md").read_text(encoding="utf-8")
    block = re.search(r"```py\n(.*?)```", slide, re.S).group(1)
    assert re.search(r"^\*\s+strides=2,$", block, re.M), "the strides=2 line is not highlighted"
    shown = "\n".join(re.sub(r"^\*( )?", r"\1\1", line) for line in block.split("\n"))
    snippet = ROOT / "snippets" / "cnn" / "strides.py"
    assert shown == _section(snippet, "imports") + _section(snippet, "stride2")


def _animate_in(folder, monkeypatch, *args, **kwargs):
    folder.mkdir()
    monkeypatch.chdir(folder)
    frames = convarith.animate(*args, **kwargs)
    return frames, (folder / f"{args[0]}.gif").read_bytes(), (folder / f"{args[0]}_strip.png").read_bytes()


@pytest.mark.parametrize(
    ("name", "gif", "frames"),
    [
        ("cnn/conv_same_padding", "same_padding_no_strides.gif", 25),
        ("cnn/conv_padding_strides", "padding_strides.gif", 9),
        ("cnn/conv_no_padding", "no_padding_no_strides.gif", 9),
        ("cnn/conv_dilation", "dilation.gif", 9),
        ("cnn/max_pooling", "max_pooling.gif", 4),
    ],
)
def test_each_animation_of_the_build_has_one_frame_per_output_cell(outputs, name, gif, frames):
    from PIL import Image

    from .conftest import output

    assert f"{frames} frames, one per output cell" in output(outputs, name)
    with Image.open(outputs.outputs / name / gif) as image:
        assert image.n_frames == frames


def test_animations_are_byte_identical_across_runs(tmp_path, monkeypatch):
    values = [[9, 6, 6, 8], [5, 7, 8, 2], [0, 3, 2, 8], [9, 0, 4, 8]]
    first = _animate_in(tmp_path / "a", monkeypatch, "pool", 4, 2, 0, 2, values=values)
    second = _animate_in(tmp_path / "b", monkeypatch, "pool", 4, 2, 0, 2, values=values)
    assert first[0] == 4
    assert first == second
