"""Motion under the reader's control: a still picture for every animated GIF a page or deck shows.

WCAG 2.2.2 (Pause, Stop, Hide) asks that an animation can be stopped, and readers who ask their
system for reduced motion should see none move on load. The build writes, beside each GIF a page
or slide shows (`outputs/cnn/x/anim.gif`), a still of it (`outputs/cnn/x/anim.still.png`): the
GIF's final frame, the finished picture, extracted with Pillow. In the browser, `motion.js`
(shipped with the package, loaded by the site and by every deck) puts a Pause/Play button on each
GIF that swaps it for its still and back, and starts with the still when
`prefers-reduced-motion: reduce` is set. The PDF handouts print the same still, or the snippet's
frame strip (`<stem>_strip.png`) when it drew one (handson.pdf).
"""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path

STILL_SUFFIX = ".still.png"
SCRIPT = "motion.js"  # package data; the site serves it as assets/handson/motion.js


def is_animation(path: str | Path) -> bool:
    return str(path).lower().endswith(".gif")


def still_name(rel: str) -> str:
    """`outputs/cnn/x/anim.gif` -> `outputs/cnn/x/anim.still.png` (what motion.js asks for)."""
    if not is_animation(rel):
        raise ValueError(f"{rel}: not a GIF")
    return rel[: -len(".gif")] + STILL_SUFFIX


def final_frame(gif: Path, folder: Path) -> Path:
    """The GIF's last frame as a PNG in `folder`, named by the GIF's content (made once)."""
    target = folder / (hashlib.sha256(gif.read_bytes()).hexdigest()[:16] + ".png")
    if not target.is_file():
        from PIL import Image  # imported only when a still is missing

        folder.mkdir(parents=True, exist_ok=True)
        with Image.open(gif) as image:
            image.seek(getattr(image, "n_frames", 1) - 1)
            tmp = target.with_name(f".{target.name}.part")
            image.convert("RGBA").save(tmp, format="PNG")
        tmp.replace(target)
    return target


def stills(images: dict[str, Path], folder: Path) -> dict[str, Path]:
    """For each GIF among `images` (path as the page writes it -> file), its still:
    `<path>.still.png` -> a PNG in `folder` (the build's cache of stills)."""
    return {still_name(rel): final_frame(path, folder) for rel, path in sorted(images.items()) if is_animation(rel)}


def script() -> str:
    """The text of motion.js (the Pause/Play control)."""
    return resources.files("handson").joinpath(SCRIPT).read_text(encoding="utf-8")
