"""Every Python code block of every docs page and deck, after includes, runs; a block followed by
an expected-output block must print exactly that (the build's own output of the same snippet).

Blocks are found by pytest-codeblocks (`extract_from_buffer`) and executed by the snippet runner
in a fresh process each, so Keras layer names and seeds are what a reader running the code gets.
"""

from __future__ import annotations

import hashlib
import io
import re
import tempfile
from pathlib import Path

import pytest
from pytest_codeblocks.main import extract_from_buffer

from handson import include, run

from .conftest import ROOT

PAGES = sorted([*(ROOT / "docs").rglob("*.md"), *(ROOT / "slides").rglob("*.md")])  # with deck parts
_results: dict[str, dict] = {}


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


@pytest.mark.parametrize(("page", "index"), list(collect()))
def test_code_block_runs_and_prints_its_shown_output(page, index, outputs, executor):
    rel = page.relative_to(ROOT).as_posix()
    expanded = include.expand(page.read_text(encoding="utf-8"), rel, outputs)
    block = python_blocks(expanded)[index]
    code = block.code
    if rel.startswith("slides/"):  # remark's highlight marker, read as remark does: `* ` -> 2 spaces
        code = re.sub(r"^\*( )?", lambda m: (m.group(1) or "") * 2, code, flags=re.M)
    result = execute(code, executor)
    assert result["status"] == "ok", f"{rel}: block failed:\n{result['log']}"
    if block.expected_output is not None:
        # an included file's final newline reaches the page as one empty line: compare text
        assert result["stdout"].rstrip("\n") == block.expected_output.rstrip("\n")


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
