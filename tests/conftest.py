"""Shared fixtures: the real project's settings, its snippets brought up to date once per test run,
one snippet worker per test process, the built site, tiny throwaway projects; and the layers.

Layers: `pytest -m unit` (make check) is the tool's own tests on tiny inputs, listed in UNIT
below; it must not import TensorFlow nor use a fixture that runs the real snippets or builds the
site (both are checked here). `make test` runs everything with pytest-xdist (`-n auto --dist
loadgroup`): every test module stays on one worker (its module-scoped fixtures run once), except
those of SPREAD, spread over every worker test by test; a chapter's notebook re-run and its page's
code blocks, judged on that one run, stay together (scope_of).
"""

from __future__ import annotations

import fcntl
import importlib.util
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

from handson import run, settings

ROOT = Path(__file__).resolve().parent.parent

# The fast layer: module -> the tests of it that are NOT unit (they start TensorFlow in a snippet
# worker or build a project); every other test of a listed module is.
UNIT: dict[str, set[str]] = {
    "test_include": set(),
    "test_deck": set(),
    "test_settings": set(),
    "test_cli": set(),
    "test_scheduling": set(),
    "test_serve": set(),
    "test_notebook_build": set(),
    "test_run": {
        "test_layer_names_do_not_depend_on_which_snippet_ran_before",
        "test_a_changed_keras_version_reruns_every_snippet",
        "test_a_build_with_nothing_changed_imports_no_tensorflow",
        "test_the_worker_runs_snippets_with_grappler_off_as_the_notebooks_do",
    },
}
# fixtures that run the real snippets, start a snippet worker or build the real site
HEAVY_FIXTURES = {"outputs", "site", "executor", "chromium"}
# modules whose tests xdist may spread over workers one by one
SPREAD = {"test_pages", "test_notebook_rerun", "test_a11y"}


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        module = item.module.__name__.rsplit(".", 1)[-1] if isinstance(item, pytest.Function) else ""
        if module in UNIT and item.name.split("[")[0] not in UNIT[module]:
            heavy = HEAVY_FIXTURES.intersection(getattr(item, "fixturenames", ()))
            if heavy:
                raise pytest.UsageError(f"{item.nodeid} is in the unit layer but uses {sorted(heavy)}")
            item.add_marker(pytest.mark.unit)


def scope_of(nodeid: str) -> str:
    """The unit `make test` hands to one worker: a test module; a test alone for the modules of
    SPREAD; but a chapter's notebook re-run together with the code blocks of its docs page, which
    read that re-run (test_pages.py), so that the chapter's notebook runs once in the whole suite."""
    module, _, name = nodeid.partition("::")
    if Path(module).stem not in SPREAD:
        return module
    chapter = re.fullmatch(
        r"test_rerun_notebook_\w+\[(?P<a>[^\]]+\.md)\]|test_code_block_\w+\[docs/(?P<b>[^\]]+\.md):\d+\]", name
    )
    return f"notebook {chapter['a'] or chapter['b']}" if chapter else nodeid


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    """`--dist loadgroup` (make test): each test module on one worker, so its module- and
    session-scoped fixtures (a notebook re-run, a browser) are made once, while the modules of
    SPREAD go test by test. A scheduler of our own: xdist 3.8 marks a group by rewriting
    `item._nodeid`, which pytest 9 no longer reads, so its own groups silently spread every test."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ByModule(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return scope_of(nodeid)

    return ByModule(config, log)


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Under `-m unit`, modules outside the unit layer are not even imported (some import Keras)."""
    if (
        config.getoption("markexpr", "") == "unit"
        and collection_path.suffix == ".py"
        and collection_path.name.startswith("test_")
    ):
        return collection_path.stem not in UNIT or None
    return None


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    """Which chapters' notebooks ran in a kernel and which re-runs came from the cache
    (test_notebook_rerun.cached_rerun), so a fast run says why it was fast."""
    lines = sorted(
        value
        for reports in terminalreporter.stats.values()
        for report in reports
        if getattr(report, "when", "") == "call"
        for name, value in report.user_properties
        if name == "notebook re-run"
    )
    if lines:
        ran = sum("ran in" in line for line in lines)
        terminalreporter.write_sep("-", f"notebook re-runs: {ran} ran, {len(lines) - ran} from the cache")
        for line in lines:
            terminalreporter.write_line(line)
        if ran < len(lines):
            terminalreporter.write_line("(HANDSON_RERUN_CACHE=off runs every notebook again)")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if session.config.getoption("markexpr", "") == "unit" and "tensorflow" in sys.modules:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        print("\nthe unit layer imported TensorFlow: move the test that did out of conftest.UNIT", file=sys.stderr)


def _once_per_run(
    tmp_path_factory: pytest.TempPathFactory, worker_id: str, name: str, make: Callable[[Path], object]
) -> Path:
    """make(folder) in one process of this pytest run, then the folder; the other xdist workers
    wait for it and get the same folder (they share the parent of their base temporary folder)."""
    if worker_id == "master":
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    folder = tmp_path_factory.getbasetemp().parent / name
    with open(folder.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not folder.with_suffix(".done").exists():
            folder.mkdir(exist_ok=True)
            make(folder)
            folder.with_suffix(".done").touch()
    return folder


@pytest.fixture(scope="session")
def project() -> settings.Settings:
    return settings.load(ROOT)


@pytest.fixture(scope="session")
def outputs(project: settings.Settings, tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> settings.Settings:
    """The project's snippet outputs, up to date (cached snippets are not re-run), brought up to
    date by one worker while the others wait."""

    _once_per_run(tmp_path_factory, worker_id, "outputs", lambda _: run.run_all(project, progress=lambda line: None))
    return project


@pytest.fixture(scope="session")
def executor(worker_id: str) -> Iterator[run.Executor]:
    """A snippet worker: one process per xdist worker (the workers already fill the cores)."""
    with run.Executor(workers=2 if worker_id == "master" else 1) as ex:
        yield ex


def output(conf: settings.Settings, name: str, file: str = "stdout.txt") -> str:
    """What snippets/<name>.py printed (or wrote to `file`) in this build."""
    return (conf.outputs / name / file).read_text(encoding="utf-8")


def make_project(tmp_path: Path, files: dict[str, str | bytes], timeout: float = 60) -> settings.Settings:
    """A throwaway project: pyproject.toml with [tool.handson] plus the given files."""
    (tmp_path / "pyproject.toml").write_text(
        textwrap.dedent(f"""\
        [tool.handson]
        snippets = "snippets"
        outputs = "build/outputs"
        cache = ".cache/snippets"
        timeout = {timeout}
        workers = 2
        """)
    )
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
    return settings.load(tmp_path)


@pytest.fixture(scope="session")
def site(outputs: settings.Settings, tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The whole site (docs and decks): `make test` has just built it into site/ and says so with
    HANDSON_TEST_SITE=site; otherwise one worker builds it with --strict into a temporary folder
    that every worker then reads."""
    if os.environ.get("HANDSON_TEST_SITE"):
        built = ROOT / os.environ["HANDSON_TEST_SITE"]
        assert (built / "index.html").is_file(), f"{built} has no index.html: run make build"
        return built

    def build(folder: Path) -> None:
        target = folder / "site"
        done = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(target)],
            cwd=ROOT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr

    return _once_per_run(tmp_path_factory, worker_id, "site", build) / "site"


def load_snippet_module(rel: str) -> ModuleType:
    """Import snippets/<rel> as a module for a test (its `__main__` part does not run)."""
    path = ROOT / "snippets" / rel
    spec = importlib.util.spec_from_file_location(f"snippet_{path.stem}_under_test", path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(path.parent))  # its helpers beside it, as when it runs as a script
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(path.parent))
    return module
