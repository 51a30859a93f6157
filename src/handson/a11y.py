"""What every deck folder gets for accessibility, beside remark and the slides (hooked into
handson.deck's build and template):

- `deck_a11y.js`: slides named for screen readers, a polite live region announcing each slide
  change (number and title), a button that opens remark's keyboard help;
- `deck_a11y.css`: visible focus, the hidden live region, the button;
- `motion.js` and a still beside each GIF the deck shows: Pause/Play on every animation, none
  moving on load under `prefers-reduced-motion` (handson.motion).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from . import motion

PACKAGE_FILES = ("deck_a11y.css", "deck_a11y.js", motion.SCRIPT)
STYLES = '<link rel="stylesheet" href="deck_a11y.css">'
# after remark.create(): both scripts work on the slides remark has rendered
SCRIPTS = f'<script src="{motion.SCRIPT}"></script>\n<script src="deck_a11y.js"></script>'


def deck_files(images: dict[str, Path], stills: Path) -> dict[str, bytes]:
    """Files to write into a deck's folder: path inside the folder -> bytes. `images` are the
    deck's pictures (path as the deck writes it -> file); `stills` caches the GIFs' stills."""
    package = resources.files("handson")
    out = {name: package.joinpath(name).read_bytes() for name in PACKAGE_FILES}
    for rel, path in motion.stills(images, stills).items():
        out[rel] = path.read_bytes()
    return out
