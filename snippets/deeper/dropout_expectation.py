"""Why dropout divides by 1 - p: the mean of a dropped-out unit with and without the scaling."""

import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(0)
activation = 1.0
rates = np.linspace(0.0, 0.9, 10)
plain, scaled = [], []
for p in rates:
    keep = rng.random(100_000) >= p          # each unit survives with probability 1 - p
    plain.append(np.mean(keep * activation))
    scaled.append(np.mean(keep * activation / (1 - p)))
    print(f"p = {p:.1f}: mean without scaling {plain[-1]:.3f}, with 1/(1 - p) {scaled[-1]:.3f}")

fig, ax = plt.subplots(figsize=(6, 3.5), dpi=100)
ax.plot(rates, plain, "o-", color="#D55E00", label="kept values, not scaled")
ax.plot(rates, scaled, "s-", color="#0072B2", label="kept values divided by 1 − p")
ax.axhline(activation, color="#999999", ls=":", label="the test-time value")
ax.set_xlabel("dropout rate p")
ax.set_ylabel("mean over 100,000 draws")
ax.legend()
fig.tight_layout()
fig.savefig("dropout_expectation.png")
