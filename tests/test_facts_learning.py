"""The learning chapter's from-scratch NumPy network (snippets/learning/xor_numpy.py), tested as a
program: its hand-derived gradients against finite differences, its training on XOR, and the
stalled start the build's table of seeds shows."""

from __future__ import annotations

import contextlib
import io

import numpy as np
import pytest

from .conftest import load_snippet_module, output


def _load_xor():
    return load_snippet_module("learning/xor_numpy.py")


xor = _load_xor()


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_hand_derived_gradients_match_finite_differences(seed):
    p = xor.init_params(seed)
    A1, A2 = xor.forward(p, xor.X)
    exact = xor.backward(p, xor.X, xor.Y, A1, A2)
    approx = xor.numeric_grads(p, xor.X, xor.Y)
    assert set(exact) == {"W1", "b1", "W2", "b2"}
    for name in exact:
        assert exact[name].shape == p[name].shape
        np.testing.assert_allclose(exact[name], approx[name], rtol=1e-5, atol=1e-9)
    assert xor.max_relative_error(p, xor.X, xor.Y) < 1e-5


def test_gradients_also_match_midway_through_training():
    p = xor.init_params(0)
    for _ in range(300):
        A1, A2 = xor.forward(p, xor.X)
        xor.update(p, xor.backward(p, xor.X, xor.Y, A1, A2), 0.3)
    assert xor.max_relative_error(p, xor.X, xor.Y) < 1e-5


def test_10000_steps_at_lr_0_3_classify_all_four_xor_inputs():
    with contextlib.redirect_stdout(io.StringIO()) as printed:
        p = xor.train(steps=10_000, lr=0.3, seed=0)
    _, A2 = xor.forward(p, xor.X)
    assert ((A2[:, 0] > 0.5) == np.array([False, True, True, False])).all()
    assert xor.cross_entropy(A2, xor.Y) < 0.01
    assert len(printed.getvalue().splitlines()) == 10  # the loss every 1,000 steps


def test_a_stalled_start_ends_at_ln2_over_2(outputs):
    """Seed 1 gets stuck: two outputs at 0.5, two right, so the mean loss is ln(2)/2; the build's
    table of ten seeds shows every unsolved one there."""
    p = xor.train(steps=10_000, lr=0.3, seed=1, every=0)
    _, A2 = xor.forward(p, xor.X)
    assert xor.cross_entropy(A2, xor.Y) == pytest.approx(np.log(2) / 2, abs=1e-3)
    rows = [line.split() for line in output(outputs, "learning/xor_loss").splitlines()[1:11]]
    assert [row[0] for row in rows] == [str(seed) for seed in range(10)]
    for row in rows:
        assert float(row[1]) == (
            pytest.approx(np.log(2) / 2, abs=1e-3) if row[-1] == "no" else pytest.approx(0.001, abs=1e-3)
        )
    assert "1" in [row[0] for row in rows if row[-1] == "no"]
