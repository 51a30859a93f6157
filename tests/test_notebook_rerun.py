"""The judge of the notebooks: each chapter's downloaded notebook, run from top to bottom by
nbclient in a fresh kernel (the venv's ipykernel, alone in an empty folder, the student's
environment), prints what the page shows and draws each of its figures inline.

One test per chapter. A chapter's notebook trains real models: it runs once per test process,
and the same run also judges the chapter's code blocks in test_pages.py (make test keeps a
chapter's tests on one worker: conftest.scope_of).

A re-run that finished without error is kept in `.cache/notebook-reruns/`, under a key of all it
depends on (`rerun_key`: the notebook's code, the interpreter and every installed distribution,
the kernel's environment variables, this procedure), as Quarto's `freeze: auto` and jupyter-cache
keep executed notebooks: an unchanged chapter is not trained again by the next `make test`, any
edit to its code runs it again, and the comparisons with the page are made every time.
`HANDSON_RERUN_CACHE=off` runs every notebook (CI's clean clone has no cache; its offline step sets
it). The end of the test report says which notebooks ran and which came from the cache."""

from __future__ import annotations

import hashlib
import inspect
import json
import os
import re
import tempfile
import time
from pathlib import Path

import nbformat
import pytest

from handson import run

from .conftest import ROOT
from .test_notebooks import CHAPTERS, _code_cells, _images, _printed, _stdout, _text

RERUN_CACHE = ROOT / ".cache" / "notebook-reruns"
# variables the kernel inherits (rerun) that can change what TensorFlow, NumPy or Jupyter do
KERNEL_VARIABLES = re.compile(r"(TF|KERAS|XLA|CUDA|OMP|MKL|OPENBLAS|MPL|PYTHON|JUPYTER|IPYTHON)\w*")


def rerun(downloaded: dict, folder) -> tuple[dict, str]:
    """The notebook with its outputs cleared, executed: (notebook as re-run, error or "").
    The kernel talks to nbclient over Unix sockets in `folder` (Jupyter's "ipc" transport), not
    TCP on loopback: it runs inside the offline check's network namespace, which has no interface
    up at all, and nothing on the machine can connect to it."""
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    env = {k: v for k, v in os.environ.items() if k not in run.WORKER_ENV}  # the notebook sets its own
    env.pop("MPLBACKEND", None)  # Jupyter's inline backend, as a student gets it
    nb = nbformat.reads(json.dumps(downloaded), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None  # a cell not reached keeps neither
    saved = dict(os.environ)
    error = ""
    try:
        os.environ.clear()
        os.environ.update(env)
        kernel = KernelManager(kernel_name="python3", transport="ipc", ip=str(Path(folder) / "kernel"))
        NotebookClient(
            nb, km=kernel, timeout=900, allow_errors=False, resources={"metadata": {"path": str(folder)}}
        ).execute()
    except CellExecutionError as failed:
        error = str(failed)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return json.loads(nbformat.writes(nb)), error


def rerun_key(downloaded: dict) -> tuple[str, dict[str, str]]:
    """Everything a re-run's outputs depend on, and the hash of it all: (key, parts). A notebook
    runs alone in an empty folder, so the rest is the code of its cells (the helper modules it
    needs are `%%writefile` cells), the interpreter with every installed distribution (the snippet
    cache's own `run.environment`, less the parts that belong to the snippet worker), the
    variables the kernel inherits, and this procedure."""
    code = [_text(cell["source"]) for cell in _code_cells(downloaded)]
    parts = {"code cells": hashlib.sha256(json.dumps(code).encode()).hexdigest()}
    shared = run.environment()
    parts.update({k: v for k, v in shared.items() if k not in ("runner", "environment")})
    inherited = {k: v for k, v in os.environ.items() if k not in run.WORKER_ENV and KERNEL_VARIABLES.fullmatch(k)}
    parts["kernel variables"] = json.dumps(inherited, sort_keys=True)
    parts["procedure"] = hashlib.sha256(inspect.getsource(rerun).encode()).hexdigest()
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:32], parts


def cached_rerun(downloaded: dict, cache: Path | None) -> tuple[dict, str, str]:
    """rerun() in a fresh empty folder, or its result from `cache` for the same rerun_key:
    (notebook as re-run, error or "", how: "ran in N s" or "from the cache"). Only a run that
    finished without error is kept; an unreadable entry is run again and replaced."""
    key, parts = rerun_key(downloaded)
    entry = cache / f"{key}.json" if cache is not None else None
    if entry is not None and entry.is_file():
        try:
            kept = json.loads(entry.read_text(encoding="utf-8"))
            if kept["parts"] == parts:
                return kept["notebook"], "", "from the cache"
        except (ValueError, KeyError, TypeError):
            pass  # damaged: run it again
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as folder:
        again, error = rerun(downloaded, folder)
    seconds = time.monotonic() - started
    if entry is not None and not error:
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp = entry.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"parts": parts, "seconds": round(seconds, 1), "notebook": again}), encoding="utf-8")
        tmp.replace(entry)
    return again, error, f"ran in {seconds:.0f} s"


def rerun_cache() -> Path | None:
    return None if os.environ.get("HANDSON_RERUN_CACHE", "") == "off" else RERUN_CACHE


_reruns: dict[tuple[Path, str], tuple[dict, dict, str, str] | Exception] = {}


def rerun_chapter(site: Path, chapter: str) -> tuple[dict, dict, str, str]:
    """The chapter's notebook as downloaded from `site`, as re-run in an empty folder (or as kept
    from an identical run: cached_rerun), the error that stopped it (or "") and how it was had:
    once per test process. A kernel that could not start or died fails every test of the chapter
    at once, with the cause."""
    key = (site, chapter)
    if key not in _reruns:
        downloaded = json.loads((site / "notebooks" / chapter.replace(".md", ".ipynb")).read_text(encoding="utf-8"))
        try:
            again, error, how = cached_rerun(downloaded, rerun_cache())
            _reruns[key] = (downloaded, again, error, how)
        except Exception as failed:  # noqa: BLE001 - jupyter_client and nbclient raise many kinds
            _reruns[key] = failed
    found = _reruns[key]
    if isinstance(found, Exception):
        raise RuntimeError(f"the notebook of {chapter} could not run: {found!r}") from found
    return found


@pytest.mark.slow
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_rerun_notebook_prints_what_the_page_shows_and_draws_each_figure(site, chapter, record_property):
    downloaded, again, error, how = rerun_chapter(site, chapter)
    record_property("notebook re-run", f"{chapter}: {how}")  # summed up by conftest
    assert error == ""
    pairs = list(zip(_code_cells(downloaded), _code_cells(again), strict=True))
    shown = [(_text(a["source"])[:60], _stdout(a), _printed(b)) for a, b in pairs if _stdout(a)]
    assert shown, "the notebook shows no printed output"
    assert [(s, b) for s, _, b in shown] == [(s, a) for s, a, _ in shown]
    for before, after in pairs:
        assert len(_images(after)) >= len(_images(before)), _text(before["source"])[:200]
    errors = [o for c in _code_cells(again) for o in c["outputs"] if o["output_type"] == "error"]
    assert errors == []


def test_a_rerun_stopped_by_an_error_leaves_the_cells_after_it_unrun(tmp_path):
    """What test_pages reads: a cell the re-run never reached has no execution count, even
    though the downloaded notebook carried the build's."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(s, execution_count=n) for n, s in enumerate(["print(1)", "1 / 0", "print(3)"], 1)
    ]
    again, error = rerun(json.loads(nbformat.writes(nb)), tmp_path)
    assert "ZeroDivisionError" in error
    assert [c["execution_count"] for c in _code_cells(again)] == [1, 2, None]
    assert _printed(_code_cells(again)[0]) == "1\n"


def _notebook(*sources: str) -> dict:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    return json.loads(nbformat.writes(nb))


def test_a_kept_rerun_is_used_only_for_the_same_code_and_environment(tmp_path, monkeypatch):
    """The cache is keyed on what a re-run depends on: the same notebook comes back from it with the
    outputs of its run; one changed cell, another installed distribution or another variable the
    kernel inherits run it again."""
    nb = _notebook("import random\nprint(random.random())")
    first, error, how = cached_rerun(nb, tmp_path)
    assert (error, how[:6]) == ("", "ran in")
    again, _, how = cached_rerun(nb, tmp_path)
    assert how == "from the cache"
    assert _printed(_code_cells(again)[0]) == _printed(_code_cells(first)[0])  # a new run would print another number
    assert len(list(tmp_path.glob("*.json"))) == 1

    edited = _notebook("import random\nprint(random.random()) ")
    assert cached_rerun(edited, tmp_path)[2].startswith("ran in")
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    assert cached_rerun(nb, tmp_path)[2].startswith("ran in")
    monkeypatch.delenv("OMP_NUM_THREADS")
    assert cached_rerun(nb, tmp_path)[2] == "from the cache"
    monkeypatch.setattr(run, "environment_lock", lambda cache=None: "another set of packages")
    assert cached_rerun(nb, tmp_path)[2].startswith("ran in")


def test_a_failed_rerun_is_never_kept_and_a_damaged_entry_is_run_again(tmp_path):
    failing = _notebook("print(1)", "1 / 0")
    for _ in range(2):
        _, error, how = cached_rerun(failing, tmp_path)
        assert "ZeroDivisionError" in error and how.startswith("ran in")
    assert list(tmp_path.iterdir()) == []

    nb = _notebook("print(2)")
    cached_rerun(nb, tmp_path)
    (entry,) = tmp_path.glob("*.json")
    entry.write_text('{"parts": {"code cells": ', encoding="utf-8")  # cut short by a full disk, say
    again, error, how = cached_rerun(nb, tmp_path)
    assert (error, how[:6], _printed(_code_cells(again)[0])) == ("", "ran in", "2\n")
    assert cached_rerun(nb, tmp_path)[2] == "from the cache"


def test_without_a_cache_every_rerun_runs(tmp_path, monkeypatch):
    monkeypatch.setenv("HANDSON_RERUN_CACHE", "off")
    assert rerun_cache() is None
    nb = _notebook("print(3)")
    assert [cached_rerun(nb, rerun_cache())[2][:6] for _ in range(2)] == ["ran in", "ran in"]
