"""Helpers for the shapes example: draw 28x28 squares, circles and triangles; the small network."""

import numpy as np

CLASSES = ("square", "circle", "triangle")
SIZE = 28


def _segment_distance(px, py, ax, ay, bx, by):
    """Distance of every pixel centre (px, py) to the segment from (ax, ay) to (bx, by)."""
    dx, dy = bx - ax, by - ay
    t = np.clip(((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy), 0.0, 1.0)
    return np.hypot(px - (ax + t * dx), py - (ay + t * dy))


def draw(kind, cx, cy, radius, width=1.6):
    """One 28x28 grey image (0 = paper, 1 = ink) of an outlined shape centred on (cx, cy)."""
    y, x = np.mgrid[0:SIZE, 0:SIZE] + 0.5
    if kind == "circle":
        distance = np.abs(np.hypot(x - cx, y - cy) - radius)
    elif kind == "square":
        half = radius * 0.85  # a square looks bigger than a circle of the same radius
        distance = np.abs(np.maximum(np.abs(x - cx), np.abs(y - cy)) - half)
    elif kind == "triangle":
        corners = [(cx + radius * np.cos(a), cy - radius * np.sin(a))
                   for a in np.radians([90, 210, 330])]
        distance = np.min([_segment_distance(x, y, *corners[i], *corners[(i + 1) % 3])
                           for i in range(3)], axis=0)
    else:
        raise ValueError(f"unknown shape {kind!r}; known: {', '.join(CLASSES)}")
    # anti-aliased stroke: full ink within width/2 of the outline, fading over one pixel
    return np.clip(width / 2 + 0.5 - distance, 0.0, 1.0).astype("float32")


def make_shapes(per_class, seed=0):
    """`per_class` drawings of each shape, shuffled: images (n, 28, 28) in [0, 1], labels (n,)."""
    rng = np.random.default_rng(seed)
    images, labels = [], []
    for label, kind in enumerate(CLASSES):
        for _ in range(per_class):
            radius = rng.uniform(5.0, 11.0)
            cx, cy = rng.uniform(radius + 1.5, SIZE - radius - 1.5, size=2)
            images.append(draw(kind, cx, cy, radius))
            labels.append(label)
    order = rng.permutation(len(labels))
    return np.stack(images)[order], np.array(labels)[order]


def load_split(seed=1):
    """The dataset of the course: 1,000 drawings per class, flattened to 784 values;
    the first 2,400 for training, the last 600 for testing."""
    images, labels = make_shapes(per_class=1000, seed=seed)
    pixels = images.reshape(len(images), SIZE * SIZE)
    return (pixels[:2400], labels[:2400]), (pixels[2400:], labels[2400:])


def build_net():
    """784 inputs -> 16 hidden ReLU neurons -> 3 softmax outputs, weights drawn from seed 42."""
    import keras
    from keras import layers

    keras.utils.set_random_seed(42)
    # --8<-- [start:net]
    model = keras.Sequential(
        [
            keras.Input(shape=(SIZE * SIZE,)),
            layers.Dense(16, activation="relu", name="hidden"),
            layers.Dense(3, activation="softmax", name="output"),
        ],
        name="shapes_net",
    )
    # --8<-- [end:net]
    return model
