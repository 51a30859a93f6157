"""Third-party web assets (remark.js, KaTeX): fetched from the npm registry at a pinned version,
verified against the registry's integrity hash, unpacked into a cache outside git.

The pins live in pyproject.toml ([tool.handson.assets.<package>]); nothing here is committed.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from .settings import Settings


class AssetError(RuntimeError):
    """An asset could not be fetched, or its bytes do not match the pinned integrity hash."""


def cache_home() -> Path:
    """Where verified assets live: $HANDSON_ASSETS, else ~/.cache/handson/assets."""
    env = os.environ.get("HANDSON_ASSETS")
    return Path(env) if env else Path.home() / ".cache" / "handson" / "assets"


def integrity_of(data: bytes, algorithm: str = "sha512") -> str:
    """The Subresource-Integrity string npm publishes for a tarball."""
    digest = hashlib.new(algorithm, data).digest()
    return f"{algorithm}-{base64.b64encode(digest).decode()}"


def _tarball_path(name: str, version: str) -> Path:
    return cache_home() / f"{name}-{version}.tgz"


def _fetch_tarball(name: str, version: str) -> bytes:
    """Ask npm (which knows the configured registry) for the package tarball."""
    with tempfile.TemporaryDirectory() as tmp:
        try:
            subprocess.run(
                ["npm", "pack", f"{name}@{version}", "--silent", "--pack-destination", tmp],
                check=True,
                capture_output=True,
                text=True,
                timeout=300,
            )
        except (OSError, subprocess.SubprocessError) as error:
            detail = getattr(error, "stderr", "") or str(error)
            raise AssetError(f"could not fetch {name}@{version} with npm: {detail.strip()}") from error
        (tgz,) = Path(tmp).glob("*.tgz")
        return tgz.read_bytes()


def verified_tarball(name: str, pin: dict) -> bytes:
    """The package's tarball, from the cache if its hash matches the pin, else fetched anew."""
    version, expected = pin["version"], pin["integrity"]
    algorithm = expected.split("-", 1)[0]
    cached = _tarball_path(name, version)
    if cached.is_file():
        data = cached.read_bytes()
        if integrity_of(data, algorithm) == expected:
            return data
        cached.unlink()  # tampered with or truncated: never used, fetched again below
    data = _fetch_tarball(name, version)
    actual = integrity_of(data, algorithm)
    if actual != expected:
        raise AssetError(
            f"{name}@{version}: integrity mismatch: pyproject.toml pins {expected}, the registry sent {actual}"
        )
    cached.parent.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_suffix(".part")
    tmp.write_bytes(data)
    tmp.replace(cached)
    return data


def package_dir(name: str, pin: dict) -> Path:
    """A folder holding the pinned files of one package (unpacked from its verified tarball).

    The folder is named after the integrity hash, so a changed pin never reuses stale files, and
    every use compares its files with the verified tarball's: an altered file is never served.
    """
    data = verified_tarball(name, pin)
    tag = hashlib.sha256(pin["integrity"].encode()).hexdigest()[:12]
    target = cache_home() / f"{name}-{pin['version']}-{tag}"
    wanted: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member in archive.getmembers():
            rel = member.name.split("/", 1)[-1]
            if member.isfile() and any(
                rel == want or (want.endswith("/") and rel.startswith(want)) for want in pin["files"]
            ):
                extracted = archive.extractfile(member)  # never None for a regular file
                if extracted is not None:
                    wanted[rel] = extracted.read()
    if target.is_dir():
        present = {p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()}
        if present == set(wanted) and all((target / rel).read_bytes() == body for rel, body in wanted.items()):
            return target
        shutil.rmtree(target, ignore_errors=True)  # altered since unpacking: never served
    tmp = Path(tempfile.mkdtemp(dir=cache_home(), prefix=".unpack-"))
    for rel, body in wanted.items():
        out = tmp / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(body)
    try:
        tmp.replace(target)
    except OSError:  # another process won the race: its copy is as good as ours
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def ensure_all(settings: Settings) -> dict[str, Path]:
    """Fetch and verify every pinned asset; returns package name -> folder of its files."""
    return {name: package_dir(name, pin) for name, pin in settings.assets.items()}


def asset_files(settings: Settings) -> dict[str, Path]:
    """Every pinned file the site ships, as `vendor/<package>/<path>` -> its verified copy in the
    cache. A pin with `site = false` (a test asset such as axe-core) is left out."""
    out = {}
    for name, pin in settings.assets.items():
        if not pin.get("site", True):
            continue
        folder = package_dir(name, pin)
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                out[f"vendor/{name}/{path.relative_to(folder).as_posix()}"] = path
    return out
