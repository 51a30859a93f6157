"""The project's settings, read once from pyproject.toml's [tool.handson] table."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

KNOWN_KEYS = {"snippets", "outputs", "cache", "timeout", "workers", "assets"}


class SettingsError(ValueError):
    """pyproject.toml's [tool.handson] table is wrong; the message names the key."""


@dataclass(frozen=True)
class Settings:
    root: Path
    snippets: Path
    outputs: Path
    cache: Path
    timeout: float = 600.0
    workers: int = 2
    assets: dict = field(default_factory=dict)


def find_root(start: Path | None = None) -> Path:
    """The nearest folder at or above `start` whose pyproject.toml has a [tool.handson] table."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and "[tool.handson]" in candidate.read_text(encoding="utf-8"):
            return folder
    raise SettingsError(f"no pyproject.toml with a [tool.handson] table at or above {here}")


def load(root: Path | None = None) -> Settings:
    root = find_root(root)
    path = root / "pyproject.toml"
    table = tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {}).get("handson", {})
    unknown = set(table) - KNOWN_KEYS
    if unknown:
        raise SettingsError(f"{path}: unknown key(s) in [tool.handson]: {', '.join(sorted(unknown))}")
    return Settings(
        root=root,
        snippets=root / table.get("snippets", "snippets"),
        outputs=root / table.get("outputs", "build/outputs"),
        cache=root / table.get("cache", ".cache/snippets"),
        timeout=float(table.get("timeout", 600)),
        workers=int(table.get("workers", 2)),
        assets=table.get("assets", {}),
    )
