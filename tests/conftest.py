"""Shared fixtures: the real project's settings, its snippets brought up to date once per session,
one snippet worker for every test that executes code, and tiny throwaway projects."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from handson import run, settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def project() -> settings.Settings:
    return settings.load(ROOT)


@pytest.fixture(scope="session")
def outputs(project) -> settings.Settings:
    """The project's snippet outputs, up to date (cached snippets are not re-run)."""
    run.run_all(project, progress=lambda line: None)
    return project


@pytest.fixture(scope="session")
def executor():
    with run.Executor(workers=2) as ex:
        yield ex


def make_project(tmp_path: Path, files: dict[str, str], timeout: float = 60) -> settings.Settings:
    """A throwaway project: pyproject.toml with [tool.handson] plus the given files."""
    (tmp_path / "pyproject.toml").write_text(textwrap.dedent(f"""\
        [tool.handson]
        snippets = "snippets"
        outputs = "build/outputs"
        cache = ".cache/snippets"
        timeout = {timeout}
        workers = 2
        """))
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
    return settings.load(tmp_path)


@pytest.fixture(scope="session")
def site(tmp_path_factory, outputs) -> Path:
    """The whole site (docs and decks) built once with --strict into a temporary folder."""
    target = tmp_path_factory.mktemp("site") / "site"
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(target)],
                          cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return target


def load_snippet_module(rel: str):
    """Import snippets/<rel> as a module for a test (its `__main__` part does not run)."""
    import importlib.util

    path = ROOT / "snippets" / rel
    spec = importlib.util.spec_from_file_location(f"snippet_{path.stem}_under_test", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
