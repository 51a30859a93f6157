"""A physical-science application: an MLP reads the position of a peak from noisy spectra."""

import matplotlib.pyplot as plt
import numpy as np

import keras
from keras import layers

rng = np.random.default_rng(0)
wavelength = np.linspace(400, 700, 128)  # nm, 128 channels of a spectrometer


def spectra(n):
    """Gaussian emission lines at random centres and widths, on a sloping background, with noise."""
    centre = rng.uniform(430, 670, n)
    width = rng.uniform(5, 15, n)
    line = np.exp(-0.5 * ((wavelength - centre[:, None]) / width[:, None]) ** 2)
    background = rng.uniform(0, 0.3, (n, 1)) * (wavelength - 400) / 300
    return (line + background + rng.normal(0, 0.05, (n, 128))).astype("float32"), centre


x_train, c_train = spectra(3000)
x_test, c_test = spectra(300)
keras.utils.set_random_seed(0)
model = keras.Sequential([keras.Input(shape=(128,)), layers.Dense(64, activation="relu"),
                          layers.Dense(64, activation="relu"), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(x_train, (c_train - 550) / 100, epochs=30, batch_size=64, verbose=0)
predicted = model.predict(x_test, verbose=0)[:, 0] * 100 + 550
error = np.abs(predicted - c_test)
print(f"peak centre on 300 unseen spectra: mean error {error.mean():.1f} nm, "
      f"largest {error.max():.1f} nm (channel spacing {wavelength[1] - wavelength[0]:.1f} nm)")

fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.6), dpi=100)
for i, colour in zip(range(3), ["#0072B2", "#D55E00", "#009E73"], strict=True):
    left.plot(wavelength, x_test[i], color=colour, lw=1)
    left.axvline(predicted[i], color=colour, ls="--", lw=1)
left.set_xlabel("wavelength (nm)")
left.set_title("three test spectra; dashed: predicted centre")
right.plot(c_test, predicted, ".", color="#0072B2", ms=4)
right.plot([430, 670], [430, 670], color="#999999", lw=1)
right.set_xlabel("true centre (nm)")
right.set_ylabel("predicted centre (nm)")
right.set_title("300 unseen spectra")
fig.tight_layout()
fig.savefig("spectra.png")
