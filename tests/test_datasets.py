"""The real `keras.datasets` loaders that the worked examples show readers, run against small files
these tests write in a temporary Keras home, in the exact formats the loaders parse.

Nothing is downloaded: `get_file` finds every file already in place, its hash check is replaced
by one that accepts our files, and any attempt to fetch a URL fails the test.
"""

from __future__ import annotations

import gzip
import io
import os
import pickle
import struct
import tarfile

import numpy as np
import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
keras = pytest.importorskip("keras")
from keras.src.backend import config as keras_config  # noqa: E402
from keras.src.utils import file_utils  # noqa: E402


@pytest.fixture
def keras_home(tmp_path, monkeypatch):
    """An empty Keras home in which no download can happen; yields (home, files checked)."""
    home = tmp_path / "keras-home"
    home.mkdir()
    monkeypatch.setenv("KERAS_HOME", str(home))
    monkeypatch.setattr(keras_config, "_KERAS_DIR", str(home))  # read once, at import
    checked = []

    def accept_ours(fpath, file_hash, algorithm="auto", chunk_size=65535):
        checked.append(os.path.basename(fpath))
        return str(fpath).startswith(str(home))

    def no_download(url, *args, **kwargs):
        raise AssertionError(f"the loader tried to download {url}")

    monkeypatch.setattr(file_utils, "validate_file", accept_ours)
    monkeypatch.setattr(file_utils, "urlretrieve", no_download)
    yield home, checked


def idx(array: np.ndarray) -> bytes:
    """An IDX file (the MNIST format): magic number with the dimension count, sizes, uint8 data."""
    header = struct.pack(">HBB", 0, 0x08, array.ndim) + struct.pack(f">{array.ndim}I", *array.shape)
    return header + array.astype(np.uint8).tobytes()


def test_idx_header_is_what_fashion_mnist_skips():
    labels, images = idx(np.zeros(3)), idx(np.zeros((3, 28, 28)))
    assert len(labels) == 8 + 3 and len(images) == 16 + 3 * 28 * 28  # offsets 8 and 16


def test_mnist_loader_reads_mnist_npz_from_keras_home(keras_home):
    home, checked = keras_home
    rng = np.random.default_rng(0)
    arrays = {
        "x_train": rng.integers(0, 256, (6, 28, 28), dtype=np.uint8),
        "y_train": np.arange(6, dtype=np.uint8),
        "x_test": rng.integers(0, 256, (4, 28, 28), dtype=np.uint8),
        "y_test": np.arange(4, dtype=np.uint8) + 5,
    }
    (home / "datasets").mkdir()
    np.savez(home / "datasets" / "mnist.npz", **arrays)

    train, test = keras.datasets.mnist.load_data()

    assert checked == ["mnist.npz"]  # found in the cache, hash "checked", not downloaded
    assert train[0].shape == (6, 28, 28) and test[0].shape == (4, 28, 28)
    assert train[1].shape == (6,) and test[1].shape == (4,)
    assert {a.dtype for a in (*train, *test)} == {np.dtype(np.uint8)}
    np.testing.assert_array_equal(train[0], arrays["x_train"])
    np.testing.assert_array_equal(test[1], [5, 6, 7, 8])


def test_fashion_mnist_loader_reads_gzipped_idx_files(keras_home):
    home, checked = keras_home
    rng = np.random.default_rng(1)
    x_train = rng.integers(0, 256, (5, 28, 28), dtype=np.uint8)
    x_test = rng.integers(0, 256, (3, 28, 28), dtype=np.uint8)
    y_train, y_test = np.array([9, 0, 0, 3, 0]), np.array([9, 2, 1])
    folder = home / "datasets" / "fashion-mnist"
    folder.mkdir(parents=True)
    for name, array in [
        ("train-labels-idx1-ubyte.gz", y_train),
        ("train-images-idx3-ubyte.gz", x_train),
        ("t10k-labels-idx1-ubyte.gz", y_test),
        ("t10k-images-idx3-ubyte.gz", x_test),
    ]:
        (folder / name).write_bytes(gzip.compress(idx(array)))

    (a_train, b_train), (a_test, b_test) = keras.datasets.fashion_mnist.load_data()

    assert checked == []  # these files carry no hash: found is enough
    assert a_train.shape == (5, 28, 28) and a_test.shape == (3, 28, 28)
    assert b_train.shape == (5,) and b_test.shape == (3,)
    assert {a.dtype for a in (a_train, b_train, a_test, b_test)} == {np.dtype(np.uint8)}
    np.testing.assert_array_equal(a_train, x_train)
    np.testing.assert_array_equal(b_test, y_test)


def cifar_batch(images: np.ndarray, labels: list[int]) -> bytes:
    """One pickled CIFAR batch: rows of 3,072 bytes (1,024 red, then green, then blue)."""
    rows = images.transpose(0, 3, 1, 2).reshape(len(images), 3 * 32 * 32)
    return pickle.dumps({b"batch_label": b"made by a test", b"data": rows, b"labels": labels})


def test_cifar10_loader_reads_pickled_batches_from_a_tar_gz(keras_home):
    home, checked = keras_home
    rng = np.random.default_rng(2)
    # the loader fills 5 x 10,000 training rows; a batch of one row is broadcast over its 10,000
    train = [rng.integers(0, 256, (1, 32, 32, 3), dtype=np.uint8) for _ in range(5)]
    test = rng.integers(0, 256, (7, 32, 32, 3), dtype=np.uint8)
    members = {f"data_batch_{i + 1}": cifar_batch(train[i], [i]) for i in range(5)}
    members["test_batch"] = cifar_batch(test, list(range(7)))
    (home / "datasets").mkdir()
    with tarfile.open(home / "datasets" / "cifar-10-batches-py-target_archive", "w:gz") as archive:
        for name, payload in members.items():
            info = tarfile.TarInfo(f"cifar-10-batches-py/{name}")
            info.size = len(payload)
            archive.addfile(info, io.BytesIO(payload))

    (images, labels), (test_images, test_labels) = keras.datasets.cifar10.load_data()

    assert checked == ["cifar-10-batches-py-target_archive"]
    assert images.shape == (50000, 32, 32, 3) and test_images.shape == (7, 32, 32, 3)  # channels last
    assert labels.shape == (50000, 1) and test_labels.shape == (7, 1)
    assert {a.dtype for a in (images, labels, test_images, test_labels)} == {np.dtype(np.uint8)}
    for i in range(5):
        np.testing.assert_array_equal(images[i * 10000], train[i][0])  # RGB planes back in place
        assert labels[i * 10000 + 9999, 0] == i
    np.testing.assert_array_equal(test_images, test)
    assert test_labels[:, 0].tolist() == list(range(7))
