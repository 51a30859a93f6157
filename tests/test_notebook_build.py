"""The notebook of a page, built on tiny inputs (no kernel): which cell holds which output."""

from __future__ import annotations

import json

from handson import notebook, run

from .conftest import make_project

SNIPPET = """\
import json

# --8<-- [start:main]
total = sum(range(4))
print(f"total {total}")
# --8<-- [end:main]

with open("facts.json", "w") as file:
    json.dump({"total": total}, file)
"""

PAGE = """\
# Sums

```python
--8<-- "snippets/demo.py:main"
```

{marker}

```text
--8<-- "outputs/demo/stdout.txt"
```
"""


def code_cells(tmp_path, marker: str) -> list[dict]:
    conf = make_project(
        tmp_path,
        {
            "snippets/demo.py": SNIPPET,
            "build/outputs/demo/stdout.txt": "total 6\n",
            "docs/sums.md": PAGE.format(marker=marker),
        },
    )
    built = notebook.build(conf.root / "docs/sums.md", conf)
    assert built is not None
    return [c for c in built["cells"] if c["cell_type"] == "code"][1:]  # after the environment cell


def test_an_output_the_page_expects_from_a_section_is_that_cells_and_nothing_runs_twice(tmp_path):
    cells = code_cells(tmp_path, "<!--pytest-codeblocks:expected-output-->")
    assert len(cells) == 1
    assert "".join(cells[0]["source"]).strip() == 'total = sum(range(4))\nprint(f"total {total}")'
    assert cells[0]["outputs"] == [{"output_type": "stream", "name": "stdout", "text": ["total 6\n"]}]


def test_an_output_shown_after_a_section_without_that_promise_comes_with_the_whole_snippet(tmp_path):
    cells = code_cells(tmp_path, "The whole file prints:")
    assert len(cells) == 2
    assert cells[0]["outputs"] == []
    assert "".join(cells[1]["source"]).startswith("# snippets/demo.py, which makes what the page shows here\n")
    assert [o["text"] for o in cells[1]["outputs"]] == [["total 6\n"]]


def test_a_section_cell_that_imports_keras_starts_a_fresh_session_as_the_build_did(tmp_path):
    conf = make_project(
        tmp_path,
        {
            "snippets/demo.py": SNIPPET.replace("total = sum(range(4))", "import keras\ntotal = sum(range(4))"),
            "build/outputs/demo/stdout.txt": "total 6\n",
            "docs/sums.md": PAGE.format(marker="<!--pytest-codeblocks:expected-output-->"),
        },
    )
    built = notebook.build(conf.root / "docs/sums.md", conf)
    assert built is not None
    cells = [c for c in built["cells"] if c["cell_type"] == "code"][1:]
    assert len(cells) == 1
    assert "".join(cells[0]["source"]).startswith(notebook.FRESH_KERAS)  # layer names count from the start


def environment_cell(tmp_path, snippet: str) -> str:
    conf = make_project(
        tmp_path,
        {"snippets/demo.py": snippet, "docs/page.md": '# Page\n\n```python\n--8<-- "snippets/demo.py"\n```\n'},
    )
    built = notebook.build(conf.root / "docs/page.md", conf)
    assert built is not None
    return "".join(next(c for c in built["cells"] if c["cell_type"] == "code")["source"])


def test_a_chapter_that_imports_keras_turns_grappler_off_as_the_build_worker_does(tmp_path):
    cell = environment_cell(tmp_path, "import keras\n\nprint(keras.__version__)\n")
    assert "tf.config.optimizer.set_experimental_options({'disable_meta_optimizer': True})" in cell
    assert run.TF_OPTIMIZER == {"disable_meta_optimizer": True}
    assert json.loads(run.WORKER_ENV["HANDSON_TF_OPTIMIZER"]) == run.TF_OPTIMIZER  # what _zygote.py applies


def test_a_chapter_without_tensorflow_does_not_import_it(tmp_path):
    cell = environment_cell(tmp_path, "import numpy as np\n\nprint(np.zeros(2))\n")
    assert "os.environ.update(" in cell
    assert "import tensorflow" not in cell
    assert "set_experimental_options" not in cell
