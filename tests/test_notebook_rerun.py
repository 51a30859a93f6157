"""The judge of the notebooks: each chapter's downloaded notebook, run from top to bottom by
nbclient in a fresh kernel (the venv's ipykernel, alone in an empty folder, the student's
environment), prints what the page shows and draws each of its figures inline.

One test per chapter, spread over the workers by `make test` (conftest.SPREAD): a chapter's
notebook trains real models, and the eleven of them are a third of the suite's work."""

from __future__ import annotations

import json
import os

import nbformat
import pytest

from handson import run

from .test_notebooks import CHAPTERS, _code_cells, _images, _printed, _stdout, _text


def rerun(downloaded: dict, folder) -> tuple[dict, str]:
    """The notebook with its outputs cleared, executed: (notebook as re-run, error or "")."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    env = {k: v for k, v in os.environ.items() if k not in run.WORKER_ENV}  # the notebook sets its own
    env.pop("MPLBACKEND", None)  # Jupyter's inline backend, as a student gets it
    nb = nbformat.reads(json.dumps(downloaded), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    saved = dict(os.environ)
    error = ""
    try:
        os.environ.clear()
        os.environ.update(env)
        NotebookClient(
            nb, timeout=900, kernel_name="python3", allow_errors=False, resources={"metadata": {"path": str(folder)}}
        ).execute()
    except CellExecutionError as failed:
        error = str(failed)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return json.loads(nbformat.writes(nb)), error


@pytest.mark.slow
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_rerun_notebook_prints_what_the_page_shows_and_draws_each_figure(site, chapter, tmp_path):
    downloaded = json.loads((site / "notebooks" / chapter.replace(".md", ".ipynb")).read_text(encoding="utf-8"))
    again, error = rerun(downloaded, tmp_path)
    assert error == ""
    pairs = list(zip(_code_cells(downloaded), _code_cells(again), strict=True))
    shown = [(_text(a["source"])[:60], _stdout(a), _printed(b)) for a, b in pairs if _stdout(a)]
    assert shown, "the notebook shows no printed output"
    assert [(s, b) for s, _, b in shown] == [(s, a) for s, a, _ in shown]
    for before, after in pairs:
        assert len(_images(after)) >= len(_images(before)), _text(before["source"])[:200]
    errors = [o for c in _code_cells(again) for o in c["outputs"] if o["output_type"] == "error"]
    assert errors == []
