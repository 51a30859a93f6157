"""Gradient clipping: clipnorm rescales a too-large gradient, clipvalue cuts each component."""

# --8<-- [start:clip]
import keras
import numpy as np

grad = np.array([300.0, -40.0, 0.5], dtype="float32")  # one exploding component
print(f"gradient {grad.tolist()}, norm {np.linalg.norm(grad):.1f}")
optimizers = {
    "no clipping": keras.optimizers.SGD(learning_rate=0.1),
    "clipnorm=1.0": keras.optimizers.SGD(learning_rate=0.1, clipnorm=1.0),
    "clipvalue=1.0": keras.optimizers.SGD(learning_rate=0.1, clipvalue=1.0),
}
for name, optimizer in optimizers.items():
    w = keras.Variable(np.zeros(3, dtype="float32"))
    optimizer.apply_gradients([(grad, w)])
    step = -w.numpy()  # SGD: w <- w - lr * clipped gradient
    shown = ", ".join(f"{v:8.4f}" for v in step)
    print(f"{name:>13}: step [{shown}], length {np.linalg.norm(step):7.4f}")
# --8<-- [end:clip]
