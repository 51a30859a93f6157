"""The project's settings, read once from pyproject.toml's [tool.handson] table (with tomllib)."""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# key -> (type it takes, default)
OPTIONS: dict[str, tuple[type | tuple[type, ...], object]] = {
    "snippets": (str, "snippets"),
    "outputs": (str, "build/outputs"),
    "cache": (str, ".cache/snippets"),
    "timeout": ((int, float), 600),
    "workers": (int, 2),
    "assets": (dict, {}),
}
KNOWN_KEYS = set(OPTIONS)
TYPE_NAMES = {
    str: "a string (a path from the project root)",
    dict: "a table",
    int: "a whole number",
    (int, float): "a number of seconds",
}


class SettingsError(ValueError):
    """pyproject.toml's [tool.handson] table is wrong; the message names the file and key."""


@dataclass(frozen=True)
class Settings:
    root: Path
    snippets: Path
    outputs: Path
    cache: Path
    timeout: float = 600.0
    workers: int = 2
    assets: dict = field(default_factory=dict)

    def rel(self, path: Path) -> str:
        """`path` as a message shows it: from the project root when it is inside."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:  # its message ends "(at line N, column M)"
        raise SettingsError(f"{path}: not valid TOML: {error}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise SettingsError(f"{path}: cannot read it: {error}") from None


def _table(data: dict) -> dict | None:
    tool = data.get("tool")
    table = tool.get("handson") if isinstance(tool, dict) else None
    return table if isinstance(table, dict) else None


def find_root(start: Path | None = None) -> Path:
    """The nearest folder at or above `start` whose pyproject.toml has a [tool.handson] table."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and _table(_read(candidate)) is not None:
            return folder
    raise SettingsError(f"no pyproject.toml with a [tool.handson] table at or above {here}")


def load(root: Path | None = None) -> Settings:
    root = find_root(root)
    path = root / "pyproject.toml"
    table = _table(_read(path)) or {}
    unknown = set(table) - KNOWN_KEYS
    if unknown:
        raise SettingsError(
            f"{path}: unknown key(s) in [tool.handson]: {', '.join(sorted(unknown))} "
            f"(known: {', '.join(sorted(KNOWN_KEYS))})"
        )
    values: dict[str, Any] = {}
    for key, (kind, default) in OPTIONS.items():
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, kind):
            raise SettingsError(f"{path}: [tool.handson] {key} = {value!r}: expected {TYPE_NAMES[kind]}")
        values[key] = value
    if not math.isfinite(values["timeout"]) or values["timeout"] <= 0:
        raise SettingsError(
            f"{path}: [tool.handson] timeout = {values['timeout']!r}: expected a positive number of seconds"
        )
    if values["workers"] < 1:
        raise SettingsError(f"{path}: [tool.handson] workers = {values['workers']!r}: expected 1 or more")
    for key in ("snippets", "outputs", "cache"):
        if not values[key].strip():
            raise SettingsError(f"{path}: [tool.handson] {key} is empty: expected a path")
    return Settings(
        root=root,
        snippets=root / values["snippets"],
        outputs=root / values["outputs"],
        cache=root / values["cache"],
        timeout=float(values["timeout"]),
        workers=values["workers"],
        assets=values["assets"],
    )
