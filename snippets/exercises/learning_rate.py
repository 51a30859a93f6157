"""Exercise: gradient descent on f(w) = w^2 from w = 1, with four learning rates."""

# --8<-- [start:main]
def descend(lr, steps=10, w=1.0):
    path = [w]
    for _ in range(steps):
        w = w - lr * 2 * w      # f'(w) = 2w
        path.append(w)
    return path

for lr in (0.1, 0.5, 0.9, 1.1):
    path = descend(lr)
    print(f"lr {lr}: w after 1, 2, 10 steps = "
          f"{path[1]:+.4f}, {path[2]:+.4f}, {path[10]:+.4f}")
# --8<-- [end:main]
