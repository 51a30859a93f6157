"""File handling every stage shares: replace a folder whole, read a source as UTF-8."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path


def swap_in(new: Path, target: Path) -> None:
    """Put the folder `new` at `target`, replacing what was there.

    The old folder is first parked under a unique name beside it, so two builds can swap at once
    and a reader never sees a half-written folder; the parked copy is then removed.
    """
    park = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.old-"))
    if target.exists():
        target.rename(park / target.name)
    new.rename(target)
    shutil.rmtree(park, ignore_errors=True)


def read_utf8(path: Path, error: type[Exception], where: str | None = None) -> str:
    """The file's text; bytes that are not UTF-8 raise `error` naming the file and line."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as bad:
        line = data[: bad.start].count(b"\n") + 1
        raise error(
            f"{where or path}:{line}: not valid UTF-8 (byte 0x{data[bad.start]:02x}); save the file as UTF-8"
        ) from None


def inside_project(path: Path, root: Path, where: str, error: type[Exception] = ValueError) -> Path:
    """`path` with every symbolic link followed; raise `error` naming `where` (file:line) if it
    leads outside the project folder `root` (a link to /etc/passwd, `../../secret`)."""
    real = path.resolve()
    if not real.is_relative_to(root.resolve()):
        shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        raise error(
            f"{where}: {shown} leads outside the project (to {real}); only files inside the project can be used"
        )
    return real


def world_readable(folder: Path) -> None:
    """Give a folder made by tempfile.mkdtemp (mode 0700) the usual 0755, so a web server
    running as another user can read what is published from it."""
    folder.chmod(0o755)
