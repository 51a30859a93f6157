"""Every Python code block of every docs page and deck, after includes, runs; a block followed by
an expected-output block must print exactly that (the build's own output of the same snippet).

Blocks are found by pytest-codeblocks (`extract_from_buffer`). A docs page's blocks are the code
cells of the chapter's notebook, which test_notebook_rerun.py runs from top to bottom in a fresh
Jupyter kernel (nbclient), the way a student runs the chapter: each block is judged on its cells of
that one run (they ran, raised nothing and printed the shown output), so the chapter's models are
trained once by the tests, not once per judge. A block must also work alone, as a reader copying it
gets it: a block that is a whole snippet file is exactly what the build ran in a fresh process
(the `outputs` fixture brings every snippet up to date and fails if one fails); any other block of
a page must bind every name it reads (`unbound`: one that used a variable of an earlier block
would stop with a NameError when copied alone). Every block of a deck (decks have no notebook) is
run here by the snippet runner in a fresh process.
"""

from __future__ import annotations

import builtins
import hashlib
import io
import re
import symtable
import tempfile
import textwrap
from pathlib import Path

import pytest
from pytest_codeblocks.main import extract_from_buffer

from handson import include, notebook, run

from .conftest import ROOT
from .test_notebook_rerun import rerun_chapter
from .test_notebooks import CHAPTERS, _code_cells, _printed, _text

PAGES = sorted([*(ROOT / "docs").rglob("*.md"), *(ROOT / "slides").rglob("*.md")])  # with deck parts
_results: dict[str, dict] = {}
_sources: set[tuple[str, ...]] = set()
NOTEBOOKS = {f"docs/{chapter}": chapter for chapter in CHAPTERS}  # page -> its notebook's chapter


def python_blocks(text: str):
    return [b for b in extract_from_buffer(io.StringIO(text)) if b.syntax == "python"]


def collect():
    for page in PAGES:
        rel = page.relative_to(ROOT).as_posix()
        for index, block in enumerate(python_blocks(page.read_text(encoding="utf-8"))):
            # pytest-codeblocks marks (`<!--pytest.mark.skip-->` before a block that needs the
            # network, say) apply here as they would under pytest-codeblocks itself
            marks = [eval(mark, {"pytest": pytest}) for mark in block.marks]  # noqa: S307 - the page's own mark
            yield pytest.param(page, index, id=f"{rel}:{block.lineno}", marks=marks)


def execute(code: str, executor) -> dict:
    digest = hashlib.sha256(code.encode()).hexdigest()
    if digest not in _results:
        with tempfile.TemporaryDirectory() as tmp:
            script = Path(tmp) / "block.py"
            script.write_text(code, encoding="utf-8")
            workdir = Path(tmp) / "work"
            workdir.mkdir()
            _results[digest] = run.run_script(executor, script, workdir, timeout=900)
    return _results[digest]


def _lines(code: str) -> list[str]:
    """Code compared line by line, blank lines aside (pytest-codeblocks joins a `cont` block to the
    one before it; the notebook keeps them as two cells)."""
    return [line.rstrip() for line in textwrap.dedent(code).splitlines() if line.strip()]


def _cell_lines(cell: dict) -> list[str]:
    text = _text(cell["source"])
    return _lines(text.removeprefix(notebook.FRESH_KERAS))  # the Keras reset the notebook adds


def notebook_cells(blocks: list, cells: list[dict]) -> list[list[int]]:
    """For each block, the indices of the notebook's code cells that hold it, in order ([] for a
    block the notebook does not run: a skipped one, commented out there)."""
    found, start = [], 0
    for block in blocks:
        want, match = _lines(block.code), []
        for first in range(start, len(cells)) if not block.marks else ():
            got: list[str] = []
            last = first
            while last < len(cells) and len(got) < len(want):
                got += _cell_lines(cells[last])
                last += 1
            if got == want:
                match = list(range(first, last))
                start = last
                break
        found.append(match)
    return found


def _snippet_sources(outputs) -> set[tuple[str, ...]]:
    """Each snippet file as a page shows it whole (pymdownx drops its section-marker comments)."""
    if not _sources:
        for path in sorted(outputs.snippets.rglob("*.py")):
            shown = include.expand(f'--8<-- "{outputs.rel(path)}"', "tests/test_pages.py", outputs)
            _sources.add(tuple(_lines(shown)))
    return _sources


MODULE_NAMES = {"__name__", "__file__", "__doc__", "__builtins__", "__spec__", "__loader__", "__package__"}


def unbound(code: str) -> list[str]:
    """The global names `code` reads but never binds (assigns, imports, defines or declares global
    and assigns in a function), builtins aside: what it needs from code run before it. A star
    import binds names no one can list: it counts as unbound."""
    top = symtable.symtable(code, "<block>", "exec")
    bound, read = set(MODULE_NAMES) | set(dir(builtins)), set()

    def walk(table: symtable.SymbolTable, module: bool) -> None:
        for symbol in table.get_symbols():
            binds = symbol.is_assigned() or symbol.is_imported() or symbol.is_namespace()
            if binds and (module or symbol.is_declared_global()):
                bound.add(symbol.get_name())
            if symbol.is_referenced() and (module or symbol.is_global()):
                read.add(symbol.get_name())
        for child in table.get_children():
            walk(child, False)

    walk(top, True)
    star = ["*"] if re.search(r"^\s*from\s+\S+\s+import\s+\*", code, re.M) else []
    return star + sorted(read - bound)


def _judge_in_notebook(rel: str, index: int, blocks: list, site: Path) -> str:
    """What the block's cells printed in the chapter's notebook run; fails if they did not run."""
    _, again, error, _ = rerun_chapter(site, NOTEBOOKS[rel])
    cells = _code_cells(again)
    held = notebook_cells(blocks, cells)[index]
    assert held, f"{rel}: block {index} is not among the code cells of its notebook"
    for i in held:
        raised = [o for o in cells[i]["outputs"] if o["output_type"] == "error"]
        assert not raised and cells[i].get("execution_count"), f"{rel}: the notebook stopped here:\n{error}"
    return "".join(_printed(cells[i]) for i in held)


@pytest.mark.parametrize(("page", "index"), list(collect()))
def test_code_block_runs_and_prints_its_shown_output(page, index, outputs, request):
    rel = page.relative_to(ROOT).as_posix()
    expanded = include.expand(page.read_text(encoding="utf-8"), rel, outputs)
    blocks = python_blocks(expanded)
    block = blocks[index]
    code = block.code
    if rel.startswith("slides/"):  # remark's highlight marker, read as remark does: `* ` -> 2 spaces
        code = re.sub(r"^\*( )?", lambda m: (m.group(1) or "") * 2, code, flags=re.M)
    if rel in NOTEBOOKS:  # the site (and its notebooks) only here; a snippet worker only for a deck
        printed = _judge_in_notebook(rel, index, blocks, request.getfixturevalue("site"))
        if tuple(_lines(code)) not in _snippet_sources(outputs):
            assert unbound(code) == [], f"{rel}: copied alone, this block stops: it reads names it never defines"
    else:
        result = execute(code, request.getfixturevalue("executor"))
        assert result["status"] == "ok", f"{rel}: block failed:\n{result['log']}"
        printed = result["stdout"]
    if block.expected_output is not None:
        # an included file's final newline reaches the page as one empty line: compare text
        assert printed.rstrip("\n") == block.expected_output.rstrip("\n")


def python_fences(text: str) -> int:
    """```python fences (indented too: in an admonition) outside longer fences (a page showing
    Markdown source in a ```` fence), less those that <!--pytest-codeblocks:cont--> joins to the
    one before: the blocks of the page itself a reader would run."""
    count, outer, joined = 0, None, False
    for line in text.splitlines():
        if not outer and line.strip() == "<!--pytest-codeblocks:cont-->":
            joined = True
        fence = re.match(r"^([ \t]*)(`{3,}|~{3,})\s*(\S*)", line)
        if outer:
            if fence and fence.group(2)[0] == outer[0] and len(fence.group(2)) >= len(outer) and not fence.group(3):
                outer = None
        elif fence:
            outer = fence.group(2)
            if fence.group(2) == "```" and fence.group(3).startswith("python"):
                count += not joined
                joined = False
    return count


def test_every_python_fence_of_every_page_is_collected():
    """pytest-codeblocks collects a fence only when its info string is exactly `python`: one with
    attributes (```python title="x.py"```) would silently go untested. (Slides show highlighted,
    non-runnable code in ```py fences on purpose.)"""
    fences = {page.relative_to(ROOT).as_posix(): python_fences(page.read_text(encoding="utf-8")) for page in PAGES}
    collected = {
        page.relative_to(ROOT).as_posix(): len(python_blocks(page.read_text(encoding="utf-8"))) for page in PAGES
    }
    assert collected == fences
    assert sum(collected.values()) == len(list(collect()))
    assert collected["docs/neurons.md"] > 0


def test_the_fence_count_sees_a_block_that_pytest_codeblocks_would_skip():
    text = '```python\nprint(1)\n```\n\n```python title="x.py"\nprint(2)\n```\n'
    assert python_fences(text) == 2
    assert len(python_blocks(text)) == 1


def test_a_block_is_found_in_the_notebook_cells_that_hold_it_and_nowhere_else():
    """The notebook keeps a `cont` block as a cell of its own and starts a snippet's cell with a
    Keras reset; a skipped block is commented out there; a block the notebook lacks is not found."""
    page = (
        "```python\nx = 1\n```\n\n<!--pytest-codeblocks:cont-->\n\n```python\nprint(x)\n```\n\n"
        "<!--pytest.mark.skip-->\n\n```python\nimport urllib\n```\n\n```python\nprint(2)\n```\n"
    )
    blocks = python_blocks(page)
    assert [b.code for b in blocks] == ["x = 1\nprint(x)\n", "import urllib\n", "print(2)\n"]
    cells = [
        {"source": "# a figure's code\nprint(0)"},
        {"source": notebook.FRESH_KERAS + "x = 1"},
        {"source": ["print", "(x)"]},
        {"source": "# import urllib"},
        {"source": "print(2)"},
    ]
    assert notebook_cells(blocks, cells) == [[1, 2], [], [4]]
    assert notebook_cells(blocks, cells[:4]) == [[1, 2], [], []]
    assert notebook_cells(blocks, [cells[2], cells[1]]) == [[], [], []]  # in the page's order only


def test_a_block_that_needs_a_name_from_an_earlier_block_is_caught():
    """`unbound`, which holds a page's blocks to running alone: the name read here, or in a function
    or a class, comes from another block; a name bound anywhere in the block, by any statement that
    binds one, does not."""
    assert unbound("print(model.summary())") == ["model"]
    assert unbound("def f():\n    return history.history\n") == ["history"]
    assert unbound("class A:\n    size = width * 2\n") == ["width"]
    assert unbound("from keras import *\nDense(3)") == ["*", "Dense"]
    closed = """
import keras as k, numpy as np
from keras import layers
def build(n=3):
    global built
    built = True
    return k.Sequential([layers.Dense(n)])
class Box:
    pass
for i in range(2):
    m = build()
with open(__file__) as file, np.errstate():
    pass
try:
    squares = [j * j for j in range(i)]
except ValueError as error:
    print(error, built, Box, m, file, squares, lambda x: x + len(squares))
if (total := sum(squares)):
    del total
"""
    assert unbound(closed) == []
