"""The judge of the notebooks: each chapter's downloaded notebook, run from top to bottom by
nbclient in a fresh kernel (the venv's ipykernel, alone in an empty folder, the student's
environment), prints what the page shows and draws each of its figures inline.

One test per chapter. A chapter's notebook trains real models: it runs once per test process,
and the same run also judges the chapter's code blocks in test_pages.py (make test keeps a
chapter's tests on one worker: conftest.scope_of)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import nbformat
import pytest

from handson import run

from .test_notebooks import CHAPTERS, _code_cells, _images, _printed, _stdout, _text


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


_reruns: dict[tuple[Path, str], tuple[dict, dict, str] | Exception] = {}


def rerun_chapter(site: Path, chapter: str) -> tuple[dict, dict, str]:
    """The chapter's notebook as downloaded from `site`, as re-run in an empty folder, and the
    error that stopped it (or ""): executed once per test process. A kernel that could not start
    or died fails every test of the chapter at once, with the cause."""
    key = (site, chapter)
    if key not in _reruns:
        downloaded = json.loads((site / "notebooks" / chapter.replace(".md", ".ipynb")).read_text(encoding="utf-8"))
        try:
            with tempfile.TemporaryDirectory() as folder:
                again, error = rerun(downloaded, folder)
            _reruns[key] = (downloaded, again, error)
        except Exception as failed:  # noqa: BLE001 - jupyter_client and nbclient raise many kinds
            _reruns[key] = failed
    found = _reruns[key]
    if isinstance(found, Exception):
        raise RuntimeError(f"the notebook of {chapter} could not run: {found!r}") from found
    return found


@pytest.mark.slow
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_rerun_notebook_prints_what_the_page_shows_and_draws_each_figure(site, chapter):
    downloaded, again, error = rerun_chapter(site, chapter)
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
