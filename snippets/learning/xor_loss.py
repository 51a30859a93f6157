"""Loss curves of the from-scratch XOR net for ten random starts: some solve it, some stall."""

import matplotlib.pyplot as plt
import numpy as np
from xor_numpy import X, forward, train

BLUE, ORANGE = "#0072B2", "#E69F00"  # Okabe-Ito: solved, stuck
curves, solved = {}, {}
print("seed  final loss  out(0,0)  out(0,1)  out(1,0)  out(1,1)  solved")
for seed in range(10):
    losses = []
    p = train(steps=10_000, lr=0.3, seed=seed, every=0,
              on_step=lambda step, p, loss, losses=losses: losses.append(loss))
    out = forward(p, X)[1].ravel()
    curves[seed] = losses
    solved[seed] = bool(np.all((out > 0.5) == np.array([0, 1, 1, 0], dtype=bool)))
    print(f"{seed:4d} {losses[-1]:11.4f}" + "".join(f"{o:10.3f}" for o in out)
          + f"  {'yes' if solved[seed] else 'no':>6}")
print(f"ln(2)/2 = {np.log(2) / 2:.4f}: the loss when two outputs sit at 0.5 and two are right")

fig, ax = plt.subplots(figsize=(7, 4), layout="constrained")
steps = np.arange(1, 10_001)
for seed, losses in curves.items():
    if seed == 0:
        continue
    style = {"color": BLUE} if solved[seed] else {"color": ORANGE, "ls": "--"}
    ax.plot(steps, losses, lw=1, **style)
ax.plot(steps, curves[0], lw=2.5, color="black", label="seed 0 (the run on the page)")
ax.plot([], [], color=BLUE, label="other seeds: solved")
ax.plot([], [], color=ORANGE, ls="--", label="other seeds: stuck")
ax.axhline(np.log(2) / 2, color="grey", lw=0.8, ls=":")
ax.set(xscale="log", yscale="log", xlabel="gradient descent step", ylabel="cross-entropy loss",
       title="2-2-1 net on XOR, learning rate 0.3, ten random starts")
ax.legend()
ax.grid(alpha=0.3, which="both")
fig.savefig("loss_curves.png", dpi=100)

import json  # the figures the course's text quotes, checked by its tests

marks = (1, 10, 30, 100, 300, 1000, 3000, 10_000)  # the loss after these steps, every seed
with open("facts.json", "w") as file:
    json.dump({"ln2_over_2": float(np.log(2) / 2),
               "loss_at": {str(m): [float(curves[s][m - 1]) for s in range(10)] for m in marks},
               "solved_final": [float(curves[s][-1]) for s in range(10) if solved[s]],
               "stuck_final": [float(curves[s][-1]) for s in range(10) if not solved[s]]}, file)
