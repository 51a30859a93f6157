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
            marks = [eval(mark, {"pytest": pytest}) for mark in block.marks]  # noqa: S307
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


def test_every_page_with_code_is_collected():
    assert any(p.name == "neurons.md" for p in PAGES)
    assert len(list(collect())) >= 4
