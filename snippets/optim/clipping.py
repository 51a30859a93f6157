"""Gradient clipping: clipnorm rescales a too-large gradient, clipvalue cuts each component."""

# --8<-- [start:clip]
import keras
import numpy as np

grad = np.array([300.0, -40.0, 0.5], dtype="float32")  # one exploding component
print(f"gradient {grad.tolist()}, norm {np.linalg.norm(grad):.1f}")
clips = {"no clipping": {}, "clipnorm=1.0": {"clipnorm": 1.0}, "clipvalue=1.0": {"clipvalue": 1.0}}
for name, clip in clips.items():
    w = keras.Variable(np.zeros(3, dtype="float32"))
    keras.optimizers.SGD(learning_rate=0.1, **clip).apply_gradients([(grad, w)])
    step = -w.numpy()  # SGD: w <- w - lr * clipped gradient
    shown = ", ".join(f"{v:8.4f}" for v in step)
    print(f"{name:>13}: step [{shown}], length {np.linalg.norm(step):7.4f}")
# --8<-- [end:clip]
