"""Every chapter with Python code can be downloaded as a notebook made from the page itself, and
every such notebook runs from top to bottom in a fresh kernel (nbclient, the venv's ipykernel)."""

from __future__ import annotations

import json

import nbformat
import pytest

from handson import include, notebook, run

from .conftest import ROOT

DOCS = ROOT / "docs"
# pages whose source has a top-level ```python block (includes inside it count)
CHAPTERS = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")
                  if notebook.python_blocks(p.read_text(encoding="utf-8")))


def test_some_chapters_have_notebooks():
    assert "neurons.md" in CHAPTERS
    assert "instructors.md" not in CHAPTERS  # its ```python examples sit inside a ```` fence


@pytest.mark.slow
def test_the_site_offers_exactly_these_notebooks_with_links(site):
    offered = sorted(p.relative_to(site / "notebooks").with_suffix(".md").as_posix()
                     for p in (site / "notebooks").rglob("*.ipynb"))
    assert offered == CHAPTERS
    for chapter in CHAPTERS:
        html = (site / chapter.replace(".md", ".html")).read_text(encoding="utf-8")
        assert f'href="notebooks/{chapter[:-3]}.ipynb"' in html
        assert "colab.research.google.com/github/" in html


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_notebook_cells_are_the_pages_code(outputs, chapter):
    page = DOCS / chapter
    nb = notebook.build(page, outputs)
    expanded = include.expand(page.read_text(encoding="utf-8"), f"docs/{chapter}", outputs)
    code = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"
            and not "".join(c["source"]).startswith("%%writefile")]
    assert len(code) == len(notebook.python_blocks(expanded))
    assert any(c["cell_type"] == "markdown" for c in nb["cells"])


def test_network_blocks_become_commented_cells():
    text = ("# T\n\nProse \\(x\\).\n\n<!--pytest.mark.skip-->\n\n```python\nimport keras\n"
            "keras.datasets.mnist.load_data()\n```\n\n```python\nprint(1)\n```\n")
    md = notebook.to_jupytext_markdown(text)
    assert "# keras.datasets.mnist.load_data()" in md
    assert "\nprint(1)\n" in md and "Prose $x$." in md and "pytest" not in md


@pytest.mark.slow
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_notebook_executes_without_error(outputs, chapter, tmp_path, monkeypatch):
    from nbclient import NotebookClient

    for key, value in run.WORKER_ENV.items():  # the kernel inherits the snippets' environment
        monkeypatch.setenv(key, value)
    nb = nbformat.reads(json.dumps(notebook.build(DOCS / chapter, outputs)), as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}})
    client.execute()  # raises CellExecutionError, naming the cell, on the first error
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert errors == []
