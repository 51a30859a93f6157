"""The versions this site was built with: run it to compare with yours."""

import sys

import keras
import matplotlib
import numpy
import tensorflow as tf

print(f"Python      {sys.version.split()[0]}")
print(f"Keras       {keras.__version__} (backend: {keras.backend.backend()})")
print(f"TensorFlow  {tf.__version__}")
print(f"NumPy       {numpy.__version__}")
print(f"matplotlib  {matplotlib.__version__}")
