"""Train the shapes network for a few seconds, then ask it about the same circle again."""

from _shapes import CLASSES, build_net, load_split  # the helper module beside this file

# --8<-- [start:main]
import time
import matplotlib.pyplot as plt
import numpy as np

(x_train, y_train), (x_test, y_test) = load_split()
circle = x_test[np.flatnonzero(y_test == CLASSES.index("circle"))[0]]

model = build_net()  # seed 42: the untrained weights of the walk-through
before = model.predict(circle[None, :], verbose=0)[0]
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
start = time.perf_counter()
history = model.fit(x_train, y_train, epochs=20, batch_size=64, verbose=0)
seconds = time.perf_counter() - start
after = model.predict(circle[None, :], verbose=0)[0]

for name in ("loss", "accuracy"):
    values = history.history[name]
    print(f"training {name:<8}: epoch 1 {values[0]:.3f}, epoch 20 {values[-1]:.3f}")
print("circle before:", "  ".join(f"{n} {q:.3f}" for n, q in zip(CLASSES, before, strict=True)))
print("circle after: ", "  ".join(f"{n} {q:.3f}" for n, q in zip(CLASSES, after, strict=True)))
print(f"prediction now: {CLASSES[np.argmax(after)]}")
loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
print(f"test accuracy on 600 unseen drawings: {accuracy:.3f}")
with open("timing.txt", "w") as f:
    f.write(f"training: {seconds:.1f} s for 20 epochs of 2,400 drawings\n")

# the circle and the network's answer, before and after training
okabe_ito = ["#E69F00", "#0072B2", "#009E73"]
fig, (ax0, ax1, ax2) = plt.subplots(1, 3, figsize=(9, 2.8), dpi=100,
                                    gridspec_kw={"width_ratios": [1, 1.4, 1.4]})
ax0.imshow(circle.reshape(28, 28), cmap="Greys", vmin=0, vmax=1)
ax0.set_title("input (true: circle)")
ax0.set_xticks([])
ax0.set_yticks([])
for ax, probs, title in ((ax1, before, "untrained"), (ax2, after, "after 20 epochs")):
    ax.bar(CLASSES, probs, color=okabe_ito)
    ax.set_ylim(0, 1.15)
    ax.set_title(f"{title}: {CLASSES[np.argmax(probs)]}")
    ax.set_ylabel("probability")
    for i, q in enumerate(probs):
        ax.text(i, q + 0.03, f"{q:.2f}", ha="center")
fig.tight_layout()
fig.savefig("before_after.png")
# --8<-- [end:main]

import json  # the figures the course's text quotes, checked by its tests

with open("facts.json", "w") as file:
    json.dump({"before": dict(zip(CLASSES, before.tolist(), strict=True)),
               "after": dict(zip(CLASSES, after.tolist(), strict=True)),
               "test_accuracy": accuracy, "history": history.history}, file)
