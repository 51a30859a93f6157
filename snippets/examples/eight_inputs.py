"""The "dive" deck's 8-input binary classifier (12-8-1) on 8 columns of the breast-cancer table."""

import keras
import numpy as np
from keras import layers
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

# --8<-- [start:data]
table = load_breast_cancer()
features = table.data[:, :8]  # the first 8 columns: mean radius ... mean concave points
labels = table.target  # 1 = benign, 0 = malignant
print("inputs:", ", ".join(table.feature_names[:4]))
print("       ", ", ".join(table.feature_names[4:8]))
print(f"{len(labels)} tumours, {labels.mean():.0%} benign")
x_train, x_test, y_train, y_test = train_test_split(
    features, labels, test_size=0.25, stratify=labels, random_state=0)
scaler = StandardScaler().fit(x_train)  # mean 0, standard deviation 1, from the training rows
x_train, x_test = scaler.transform(x_train), scaler.transform(x_test)
# --8<-- [end:data]

# --8<-- [start:model]
keras.utils.set_random_seed(42)
model = keras.Sequential([
    keras.Input(shape=(8,)),
    layers.Dense(12, activation="relu"),  # 12 * (8 + 1) = 108
    layers.Dense(8, activation="relu"),  # 8 * (12 + 1) = 104
    layers.Dense(1, activation="sigmoid"),  # 1 * (8 + 1) = 9: probability of "benign"
], name="eight_inputs")
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=60, batch_size=16, verbose=0)
# --8<-- [end:model]

loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
print(f"{model.count_params()} parameters, trained on {len(y_train)} rows for 60 epochs")
print(f"test accuracy {accuracy:.4f}, test loss {loss:.4f} ({len(y_test)} held-out rows)")
always_benign = np.mean(y_test == 1)
print(f"for comparison, always answering 'benign' scores {always_benign:.4f}")
