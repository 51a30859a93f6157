"""Facts the optimisation and practice chapters state, checked by building the layers and models
here, independently of the snippets' outputs."""

from __future__ import annotations

import math
import os

import numpy as np
import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
keras = pytest.importorskip("keras")
layers = keras.layers


def test_dropout_zeroes_about_its_rate_and_scales_the_rest_by_1_over_1_minus_rate():
    x = np.ones((1, 20_000), dtype="float32")
    out = np.asarray(layers.Dropout(0.3, seed=7)(x, training=True))
    assert abs(np.mean(out == 0) - 0.3) < 0.02
    assert np.allclose(out[out != 0], 1 / (1 - 0.3))


def test_dropout_is_the_identity_at_inference():
    x = np.arange(12, dtype="float32").reshape(2, 6)
    assert np.array_equal(np.asarray(layers.Dropout(0.5)(x, training=False)), x)
    assert np.array_equal(np.asarray(layers.Dropout(0.5)(x)), x)


def test_batch_normalization_gives_zero_mean_unit_std_per_unit_in_training_mode():
    x = np.random.default_rng(0).normal(5.0, 7.0, size=(512, 8)).astype("float32")
    out = np.asarray(layers.BatchNormalization()(x, training=True))
    assert np.allclose(out.mean(axis=0), 0, atol=1e-4)
    assert np.allclose(out.std(axis=0), 1, atol=1e-2)


def test_batch_normalization_of_64_units_has_256_parameters_128_trainable():
    model = keras.Sequential([keras.Input(shape=(64,)), layers.Dense(64),
                              layers.BatchNormalization()])
    norm = model.layers[1]
    assert norm.count_params() == 256
    assert sum(int(np.prod(w.shape)) for w in norm.trainable_weights) == 128


@pytest.mark.parametrize(("n", "batch", "steps"), [(1797, 32, 57), (1797, 128, 15),
                                                   (1797, 1000, 2), (1797, 1797, 1),
                                                   (4000, 128, 32)])
def test_steps_per_epoch_is_ceil_of_n_over_batch_size(n, batch, steps):
    assert math.ceil(n / batch) == steps
    counted = []

    class Count(keras.callbacks.Callback):
        def on_train_batch_end(self, index, logs=None):
            counted.append(index)

    model = keras.Sequential([keras.Input(shape=(2,)), layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    data = np.zeros((n, 2), dtype="float32")
    model.fit(data, np.zeros(n), epochs=1, batch_size=batch, callbacks=[Count()], verbose=0)
    assert len(counted) == steps


def test_dropout_model_has_9610_parameters_8320_then_0_then_1290():
    model = keras.Sequential([keras.Input(shape=(64,)), layers.Dense(128, activation="relu"),
                              layers.Dropout(0.5), layers.Dense(10, activation="softmax")])
    assert [layer.count_params() for layer in model.layers] == [8320, 0, 1290]
    assert model.count_params() == 9610


def test_wide_mlp_of_the_overfitting_example_has_301066_parameters():
    model = keras.Sequential([keras.Input(shape=(64,)), layers.Dense(512), layers.Dense(512),
                              layers.Dense(10)])
    assert model.count_params() == 64 * 512 + 512 + 512 * 512 + 512 + 512 * 10 + 10 == 301066


def test_mnist_subset_mlp_784_128_10_has_101770_parameters():
    model = keras.Sequential([keras.Input(shape=(784,)), layers.Dense(128), layers.Dense(10)])
    assert model.count_params() == 101770


def test_clipnorm_rescales_the_gradient_to_norm_1_and_clipvalue_cuts_each_component():
    grad = np.array([300.0, -40.0, 0.5], dtype="float32")
    steps = {}
    for name, opt in (("norm", keras.optimizers.SGD(learning_rate=1.0, clipnorm=1.0)),
                      ("value", keras.optimizers.SGD(learning_rate=1.0, clipvalue=1.0))):
        w = keras.Variable(np.zeros(3, dtype="float32"))
        opt.apply_gradients([(grad, w)])
        steps[name] = -w.numpy()
    assert np.isclose(np.linalg.norm(steps["norm"]), 1.0, atol=1e-5)
    assert np.allclose(steps["norm"], grad / np.linalg.norm(grad), atol=1e-5)
    assert np.allclose(steps["value"], [1.0, -1.0, 0.5])


def test_l2_and_l1_penalties_add_their_sums_of_weights_to_the_loss():
    w = np.array([[1.0, -2.0], [0.5, 0.0]], dtype="float32")
    assert np.isclose(float(keras.regularizers.L2(1e-3)(w)), 1e-3 * 5.25)
    assert np.isclose(float(keras.regularizers.L1(1e-4)(w)), 1e-4 * 3.5)


def test_early_stopping_stops_after_patience_and_restores_the_best_epochs_weights():
    # validation labels are the opposite of the training labels: val_loss is best after epoch 1
    keras.utils.set_random_seed(0)
    x = np.random.default_rng(0).normal(size=(64, 3)).astype("float32")
    y = (x[:, 0] > 0).astype("float32")
    model = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer=keras.optimizers.SGD(0.5), loss="binary_crossentropy")
    snapshots = []
    keep = keras.callbacks.LambdaCallback(
        on_epoch_end=lambda epoch, logs: snapshots.append(model.get_weights()[0].copy()))
    stop = keras.callbacks.EarlyStopping(monitor="val_loss", patience=3,
                                         restore_best_weights=True)
    history = model.fit(x, y, validation_data=(x, 1 - y), epochs=50, batch_size=64,
                        callbacks=[keep, stop], verbose=0)
    assert len(history.history["loss"]) == 4  # the best epoch, then 3 without improvement
    assert stop.best_epoch == 0
    assert np.array_equal(model.get_weights()[0], snapshots[0])
    assert not np.array_equal(snapshots[-1], snapshots[0])


def test_history_keys_are_keras3_accuracy_not_acc():
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(3, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    x, y = np.zeros((8, 4), dtype="float32"), np.zeros(8, dtype="int64")
    history = model.fit(x, y, validation_data=(x, y), epochs=1, verbose=0)
    assert sorted(history.history) == ["accuracy", "loss", "val_accuracy", "val_loss"]


def test_one_gradient_descent_step_on_the_bowl_follows_w_minus_lr_times_gradient():
    curvature, w, rate = np.array([1.0, 10.0]), np.array([-4.0, 1.5]), 0.15
    assert np.allclose(w - rate * curvature * w, [-3.4, -0.75])
    assert 0.205 * 10 > 2 > 0.15 * 10  # beyond lr = 2 / curvature the steep axis diverges
