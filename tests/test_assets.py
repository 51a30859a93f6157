"""Supply chain: remark.js and KaTeX are used only when their bytes match the integrity hash
pinned in pyproject.toml. A tampered cached copy is rejected and fetched again (or, without the
network, refused with an error naming the package and its pinned version), and a wrong pin is
refused rather than trusted.

Every test works in a temporary HANDSON_ASSETS folder holding copies of the real cached tarballs
(`make test` fetches them first); the real cache is never touched. "The registry" is simulated by
replacing assets._fetch_tarball, except in the offline test, which runs the real npm inside a
network namespace without interfaces.
"""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from handson import assets, settings

from .conftest import ROOT, make_project

NAME = "remark-slide"


@pytest.fixture(scope="module")
def pin() -> dict:
    return settings.load(ROOT).assets[NAME]


@pytest.fixture(scope="module")
def genuine(pin) -> bytes:
    """The real tarball, from the real cache (fetched and verified by `make assets`)."""
    data = assets.verified_tarball(NAME, pin)
    assert assets.integrity_of(data) == pin["integrity"]
    return data


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "assets"
    folder.mkdir()
    monkeypatch.setenv("HANDSON_ASSETS", str(folder))
    return folder


def tampered(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :]


class Registry:
    """A stand-in for npm: serves the given bytes and counts the requests."""

    def __init__(self, data: bytes):
        self.data = data
        self.calls: list[str] = []

    def __call__(self, name: str, version: str) -> bytes:
        self.calls.append(f"{name}@{version}")
        return self.data


def test_a_tampered_cached_tarball_is_rejected_and_fetched_again(cache, pin, genuine, monkeypatch):
    cached = cache / f"{NAME}-{pin['version']}.tgz"
    cached.write_bytes(tampered(genuine))
    registry = Registry(genuine)
    monkeypatch.setattr(assets, "_fetch_tarball", registry)
    folder = assets.package_dir(NAME, pin)
    assert registry.calls == [f"{NAME}@{pin['version']}"]
    assert cached.read_bytes() == genuine  # the tampered copy was replaced, not reused
    assert (folder / "out/remark.min.js").is_file()
    # verified now: the next use fetches nothing
    assets.package_dir(NAME, pin)
    assert len(registry.calls) == 1


def test_a_tampered_tarball_from_the_registry_is_refused(cache, pin, genuine, monkeypatch):
    monkeypatch.setattr(assets, "_fetch_tarball", Registry(tampered(genuine)))
    with pytest.raises(assets.AssetError, match=rf"{NAME}@{pin['version']}: integrity mismatch"):
        assets.package_dir(NAME, pin)
    assert not list(cache.glob("*.tgz")), "a tarball that failed verification was kept"
    assert not [p for p in cache.iterdir() if p.is_dir() and not p.name.startswith(".")]


def test_a_wrong_pin_in_settings_is_refused(tmp_path, cache, pin, genuine, monkeypatch):
    wrong = "sha512-" + base64.b64encode(hashlib.sha512(b"not remark").digest()).decode()
    (cache / f"{NAME}-{pin['version']}.tgz").write_bytes(genuine)
    (tmp_path / "project").mkdir()
    conf = make_project(tmp_path / "project", {})
    with open(conf.root / "pyproject.toml", "a") as handle:
        handle.write(
            f'\n[tool.handson.assets.{NAME}]\nversion = "{pin["version"]}"\n'
            f'integrity = "{wrong}"\nfiles = ["out/remark.min.js"]\n'
        )
    conf = settings.load(conf.root)
    monkeypatch.setattr(assets, "_fetch_tarball", Registry(genuine))
    with pytest.raises(assets.AssetError) as caught:
        assets.ensure_all(conf)
    message = str(caught.value)
    assert f"{NAME}@{pin['version']}: integrity mismatch" in message
    assert f"pyproject.toml pins {wrong}" in message and pin["integrity"] in message


def test_a_tampered_unpacked_file_is_not_served(cache, pin, genuine, monkeypatch):
    (cache / f"{NAME}-{pin['version']}.tgz").write_bytes(genuine)
    monkeypatch.setattr(assets, "_fetch_tarball", Registry(genuine))
    folder = assets.package_dir(NAME, pin)
    (folder / "out/remark.min.js").write_text("alert('tampered')")
    folder = assets.package_dir(NAME, pin)
    assert (folder / "out/remark.min.js").read_text() != "alert('tampered')"


def _can_isolate() -> str | None:
    if os.geteuid() != 0:
        return "needs root for `unshare -n` (a network namespace without interfaces)"
    if shutil.which("unshare") is None or shutil.which("npm") is None:
        return "needs util-linux's unshare and npm"
    if subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode != 0:
        return "`unshare -n` is not permitted here"
    return None


@pytest.mark.skipif(_can_isolate() is not None, reason=str(_can_isolate()))
@pytest.mark.parametrize("npm_cache", ["empty", "npm's own"])
def test_without_network_a_tampered_copy_is_refused_or_restored(cache, pin, genuine, tmp_path, npm_cache):
    """Offline, npm can only answer from its own (integrity-checked) cache: with that cache empty
    the build is refused with an error naming the package and its pinned version; with it, the
    tampered copy is replaced by a verified one. Never is the tampered copy used."""
    cached = cache / f"{NAME}-{pin['version']}.tgz"
    cached.write_bytes(tampered(genuine))
    env = {
        **os.environ,
        "HANDSON_ASSETS": str(cache),
        "npm_config_fetch_retries": "0",
        "npm_config_fetch_timeout": "5000",
    }
    if npm_cache == "empty":
        env["npm_config_cache"] = str(tmp_path / "npm-cache")
    code = (
        f"from handson import assets, settings; print(assets.package_dir({NAME!r}, settings.load().assets[{NAME!r}]))"
    )
    done = subprocess.run(
        ["unshare", "-n", sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    if npm_cache == "empty":
        assert done.returncode != 0
        assert f"AssetError: could not fetch {NAME}@{pin['version']}" in done.stderr
        assert not cached.exists(), "the tampered copy is still in the cache"
        assert not [p for p in cache.iterdir() if p.is_dir() and not p.name.startswith(".")]
    elif done.returncode == 0:
        assert cached.read_bytes() == genuine
    else:  # npm's cache did not hold it: refused all the same
        assert f"could not fetch {NAME}@{pin['version']}" in done.stderr
