"""Facts the pages and slides state, read from this build's snippet outputs
(build/outputs/<chapter>/<example>/stdout.txt and the files beside it): parameter counts, output
shapes, the values of the activations, what dropout, batch normalisation and clipping do. Keras
produced every number here when the snippet ran; nothing is rebuilt by hand, so a snippet that
drifts from what the text says fails its fact. Each fact is asserted once, where its snippet is.
"""

from __future__ import annotations

import math
import re

import pytest

from handson.settings import Settings

from .conftest import load_snippet_module, output


def summary(text: str) -> list[tuple[str, str, int]]:
    """The rows of a Keras 3 `model.summary()` table: (layer, output shape, parameters); a cell
    wrapped over several lines is joined back."""
    rows: list[tuple[str, str, int]] = []
    cells: list[str] = []
    for line in text.splitlines():
        if line.startswith("│"):
            parts = [part.strip() for part in line.strip("│").split("│")]
            cells = parts if not cells else [f"{a} {b}".strip() for a, b in zip(cells, parts, strict=True)]
        elif cells and line[:1] in ("├", "└"):
            rows.append((cells[0], cells[1].replace("( ", "(").replace(" )", ")"), int(cells[2].replace(",", ""))))
            cells = []
    return rows


def total_params(text: str) -> int:
    found = re.search(r"^ Total params: ([\d,]+) ", text, re.M)
    assert found, "no 'Total params' line"
    return int(found[1].replace(",", ""))


def numbers(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?", text)]


def line_of(text: str, start: str) -> str:
    found = [line for line in text.splitlines() if line.strip().startswith(start)]
    assert len(found) == 1, f"{len(found)} lines start with {start!r}"
    return found[0]


# --- parameter counts and shapes, from the models' own summaries ------------------------------

SUMMARIES = {  # snippet: (total, parameters of every layer)
    "mlp/mlp_3441": (41, [16, 20, 5]),
    "keras/eight_inputs": (221, [108, 104, 9]),
    "examples/mnist_mlp_model": (101_770, [0, 100_480, 1_290]),
    "examples/mnist_cnn_model": (1_199_882, [320, 18_496, 0, 0, 0, 1_179_776, 0, 1_290]),
    "examples/cifar10_cnn": (1_250_858, [896, 9_248, 0, 0, 18_496, 36_928, 0, 0, 0, 1_180_160, 0, 5_130]),
    "examples/fashion_cnn2": (
        1_042_282,
        [320, 9_248, 0, 0, 18_496, 36_928, 0, 0, 73_856, 147_584, 0, 0, 0, 590_336, 0, 131_328, 32_896, 1_290],
    ),
    "cnn/exercise_summary": (47_645, [260, 0, 6_275, 0, 40_100, 0, 0, 1_010]),
    "keras/multi_input": (21_855, [0, 80, 0, 0, 0, 12, 0, 21_712, 51]),
}


@pytest.mark.parametrize("name", sorted(SUMMARIES))
def test_summary_shows_the_stated_parameters_layer_by_layer(outputs: Settings, name: str):
    text = output(outputs, name)
    total, per_layer = SUMMARIES[name]
    assert [params for _, _, params in summary(text)] == per_layer
    assert total_params(text) == sum(per_layer) == total


@pytest.mark.parametrize(
    ("name", "layer", "shape"),
    [
        ("examples/mnist_cnn_model", "flatten (Flatten)", "(None, 9216)"),
        ("examples/fashion_cnn2", "flatten (Flatten)", "(None, 1152)"),  # 3 x 3 x 128
        ("examples/cifar10_cnn", "flatten (Flatten)", "(None, 2304)"),  # 6 x 6 x 64
        ("keras/multi_input", "shape (Dense)", "(None, 3)"),
        ("cnn/exercise_summary", "digits (Dense)", "(None, 10)"),
    ],
)
def test_summary_shows_the_stated_output_shape(outputs: Settings, name: str, layer: str, shape: str):
    assert dict((row[0], row[1]) for row in summary(output(outputs, name)))[layer] == shape


def test_exercise_cnn_has_47645_parameters_in_its_three_snippets(outputs: Settings):
    by_hand = output(outputs, "cnn/exercise_cnn")
    assert line_of(by_hand, "total:") == "total: 47,645 parameters"
    counted = output(outputs, "exercises/conv_size")
    assert [int(line.split()[-1]) for line in counted.splitlines() if line.startswith(("Conv2D", "Dense"))] == [
        260,
        6275,
        40100,
        1010,
    ]
    assert line_of(counted, "total parameters") == "total parameters: 47645"


def test_strided_3x3_convolution_on_5x5_gives_3x3_with_10_parameters(outputs: Settings):
    assert output(outputs, "cnn/strides").splitlines() == [
        "stride_1: (None, 5, 5, 1), 10 parameters",
        "stride_2: (None, 3, 3, 1), 10 parameters",
    ]


def test_sequential_and_functional_8_12_8_1_both_have_221_parameters(outputs: Settings):
    lines = output(outputs, "keras/functional").splitlines()
    assert lines == [
        f"{kind}: [108, 104, 9] -> 221 parameters, output (None, 1)" for kind in ("Sequential", "Functional")
    ]


def test_small_cnn_layer_shapes_on_28x28_and_2451_parameters(outputs: Settings):
    rows = [line.split(None, 1)[1].rsplit(None, 1) for line in output(outputs, "keras/layer_shapes").splitlines()[1:]]
    assert rows == [
        ["(None, 26, 26, 8)", "80"],
        ["(None, 13, 13, 8)", "0"],
        ["(None, 11, 11, 16)", "1168"],
        ["(None, 5, 5, 16)", "0"],
        ["(None, 400)", "0"],
        ["(None, 3)", "1203"],
        ["2451"],
    ]


def test_shapes_network_784_16_3_has_12611_parameters(outputs: Settings):
    assert "network: 784 -> 16 -> 3, 12,611 weights and biases" in output(outputs, "shapes/untrained")


def test_lenet_style_net_of_the_tour_has_61706_parameters(outputs: Settings):
    assert line_of(output(outputs, "cnn/tour"), "lenet_style").split()[-1] == "61,706"


def test_mnist_cnn_original_and_half_width_parameter_counts(outputs: Settings):
    text = output(outputs, "examples/mnist_cnn")
    assert line_of(text, "original widths") == "original widths 32/64: 1,199,882 parameters"
    assert line_of(text, "trained here") == "trained here, 16/32:   596,042 parameters"


def test_parameter_formula_and_keras_agree_on_every_stack_of_the_table(outputs: Settings):
    rows = output(outputs, "mlp/param_count").splitlines()[1:]
    counts = [line.split()[-2:] for line in rows]
    assert [formula for formula, _ in counts] == ["41", "221", "101,770", "27,562"]
    assert all(formula == keras for formula, keras in counts)


def test_xor_network_has_9_parameters_in_numpy_and_in_keras(outputs: Settings):
    xor = load_snippet_module("learning/xor_numpy.py")
    assert sum(v.size for v in xor.init_params(0).values()) == 9
    assert line_of(output(outputs, "learning/xor_keras"), "parameters") == "parameters: 9"


# --- training loops ---------------------------------------------------------------------------


def test_steps_per_epoch_are_rows_over_batch_size_rounded_up(outputs: Settings):
    lines = [line for line in output(outputs, "optim/steps").splitlines() if line.startswith("batch_size")]
    seen = [
        (int(a), int(b), int(steps), int(counted))
        for a, b, steps, counted in (
            re.findall(r"ceil\((\d+)/(\d+)\) = +(\d+) steps, counted +(\d+)", line)[0] for line in lines
        )
    ]
    assert [(n, batch) for n, batch, _, _ in seen] == [(1797, 32), (1797, 128), (1797, 1000), (1797, 1797)]
    for n, batch, steps, counted in seen:
        assert steps == counted == math.ceil(n / batch)
    assert "1,920 training rows / batch 64 = 30 steps per epoch; Keras ran 30" in output(outputs, "shapes/fit")


def test_history_keys_are_keras3_accuracy_not_acc(outputs: Settings):
    assert (
        line_of(output(outputs, "practice/curves"), "keys:") == "keys: ['accuracy', 'loss', 'val_accuracy', 'val_loss']"
    )


def test_early_stopping_ran_its_patience_of_10_epochs_past_the_best_one(outputs: Settings):
    found = re.search(r"ran (\d+); best epoch: (\d+)", output(outputs, "optim/early_stopping"))
    assert found
    assert int(found[1]) - int(found[2]) == 10


# --- layers -------------------------------------------------------------------------------------


def test_dropout_zeroes_about_half_scales_the_rest_by_2_and_is_the_identity_at_inference(outputs: Settings):
    text = output(outputs, "optim/dropout_layer")
    assert [line.split()[-2] for line in text.splitlines()[:3]] == ["8320", "0", "1290"]
    zeroed, kept = numbers(line_of(text, "training:"))
    assert abs(zeroed - 0.5) < 0.02 and kept == 2.0  # rate 0.5: kept values times 1 / (1 - 0.5)
    assert line_of(text, "inference:") == "inference: all equal to 1: True"


def test_batch_normalization_gives_mean_0_std_1_per_unit_and_has_128_plus_128_numbers(outputs: Settings):
    text = output(outputs, "optim/batchnorm")
    assert numbers(line_of(text, "after BatchNormalization")) == [0.0, 1.0, 1.0, 1.0]
    assert line_of(text, "trained:").strip() == "trained: gamma, beta (128 numbers)"
    assert line_of(text, "not trained:") == "not trained: moving_mean, moving_variance (128 numbers)"


def test_gradient_descent_on_the_bowl_crawls_converges_or_diverges_with_the_rate(outputs: Settings):
    rows = {
        line.split("(")[0].strip(): numbers(line.split(")")[1])
        for line in output(outputs, "optim/learning_rates").splitlines()[1:]
    }
    small, right, large = rows["too small"], rows["about right"], rows["too large"]
    assert small[0] == right[0] == large[0]  # the same start
    assert right[1] < 1e-2 < small[1] < small[0] < large[1]  # 0.205 > 2 / curvature 10: it grows


def test_clipnorm_rescales_the_step_to_length_lr_and_clipvalue_cuts_each_component(outputs: Settings):
    text = output(outputs, "optim/clipping")
    norm = numbers(line_of(text, "clipnorm=1.0"))[1:]
    value = numbers(line_of(text, "clipvalue=1.0"))[1:]
    assert norm[-1] == pytest.approx(0.1) and norm[0] / norm[1] == pytest.approx(300 / -40, rel=1e-2)
    assert value == [0.1, -0.1, 0.05, 0.15]


def test_a_dense_layer_is_x_w_plus_b_then_its_activation(outputs: Settings):
    assert output(outputs, "mlp/dense_by_hand").splitlines() == [
        "z = x W + b:     [[ 0.7 -1.8]]",
        "relu(z) by hand: [[0.7 0. ]]",
        "keras layer(x):  [[0.7 0. ]]",
    ]


def test_two_linear_layers_fold_into_one_but_not_with_relu_between(outputs: Settings):
    assert [line.rsplit(None, 1)[1] for line in output(outputs, "activations/linear_stack").splitlines()] == [
        "True",
        "False",
    ]


# --- activations --------------------------------------------------------------------------------


def test_activation_values_and_slopes_at_0(outputs: Settings):
    curves = {
        line.split()[0]: [float(v) for v in re.findall(r"= (-?[\d.]+)", line)]
        for line in output(outputs, "activations/curves").splitlines()
    }
    # f(0), f'(0), the largest slope on [-5, 5]
    assert curves == {
        "step": [1.0, 0.0, 0.0],
        "sigmoid": [0.5, 0.25, 0.25],
        "tanh": [0.0, 1.0, 1.0],
        "relu": [0.0, 0.0, 1.0],
        "softplus": [0.693, 0.5, 0.993],
    }
    assert round(math.log(2), 3) == curves["softplus"][-3]


def test_keras_table_column_at_0_and_softmax_sums_to_1(outputs: Settings):
    table = {line.split()[0]: numbers(line) for line in output(outputs, "activations/keras_table").splitlines()}
    assert table["x"] == [-3.0, -1.0, 0.0, 1.0, 3.0]
    assert [table[name][2] for name in ("sigmoid", "tanh", "relu", "softplus")] == [0.5, 0.0, 0.0, 0.693]
    assert table["softmax"][-1] == 1.0 and sum(table["softmax"][:5]) == pytest.approx(1.0, abs=2e-3)


def test_softmax_by_hand_equals_keras_and_ignores_a_shift(outputs: Settings):
    rows = {line[:12].strip(): line[12:].strip() for line in output(outputs, "activations/softmax").splitlines()}
    assert rows["by hand"] == rows["keras"] == rows["scores + 10"] == "[0.659 0.242 0.099]"
    assert rows["sum"] == "1.0000"


# --- data -------------------------------------------------------------------------------------


def test_shapes_dataset_has_3_balanced_classes_of_28x28_images(outputs: Settings):
    lines = output(outputs, "shapes/dataset").splitlines()
    assert lines[0] == "images: (3000, 28, 28), float32, values 0 to 1"
    assert [line.split() for line in lines[1:4]] == [
        [f"{name}:", "1000", "drawings"] for name in ("square", "circle", "triangle")
    ]


def test_shapes_helper_is_seeded_and_splits_2400_600():
    import numpy as np

    helper = load_snippet_module("shapes/_shapes.py")
    images, labels = helper.make_shapes(per_class=20, seed=1)
    again, _ = helper.make_shapes(per_class=20, seed=1)
    assert images.shape == (60, 28, 28) and np.array_equal(images, again)
    assert np.bincount(labels).tolist() == [20, 20, 20]
    (x_train, _), (x_test, _) = helper.load_split()
    assert x_train.shape == (2400, 784) and x_test.shape == (600, 784)
