"""`make test` runs on every core, with each test module kept on one worker (its module- and
session-scoped fixtures are made once: a notebook re-run made twice cost half of a run), the
page blocks of test_pages spread one by one, except that a chapter's blocks go with its notebook
re-run, which judges them. Checked on a tiny suite run by pytest-xdist itself, and on names."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

from .conftest import ROOT, scope_of

MODULE = """
import os, time
import pytest

@pytest.mark.parametrize("n", range(COUNT))
def test_where(n):
    time.sleep(0.05)
    print(os.environ["PYTEST_XDIST_WORKER"])
"""


def test_each_module_runs_on_one_worker_and_page_blocks_spread(tmp_path):
    (tmp_path / "conftest.py").write_text(
        textwrap.dedent(f"""
            import sys
            sys.path.insert(0, {str(ROOT)!r})
            from tests.conftest import pytest_xdist_make_scheduler  # noqa: F401
        """),
        encoding="utf-8",
    )
    for name in ("test_alpha", "test_beta", "test_gamma", "test_pages"):
        count = 30 if name == "test_pages" else 6  # enough blocks that both workers get some
        (tmp_path / f"{name}.py").write_text(MODULE.replace("COUNT", str(count)), encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-n",
            "2",
            "--dist",
            "loadgroup",
            "-v",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:randomly",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    workers: dict[str, set[str]] = {}
    for worker, module in re.findall(r"\[(gw\d)\] .*?PASSED (\w+)\.py::", done.stdout):
        workers.setdefault(module, set()).add(worker)
    assert sorted(workers) == ["test_alpha", "test_beta", "test_gamma", "test_pages"]
    for module in ("test_alpha", "test_beta", "test_gamma"):
        assert len(workers[module]) == 1, (module, workers)
    assert workers["test_pages"] == {"gw0", "gw1"}


def test_a_chapters_notebook_rerun_and_its_page_blocks_go_to_one_worker():
    """The code blocks of a docs page are judged on the chapter's notebook re-run (test_pages): on
    one worker it runs once; the blocks of a deck and the other spread tests still go one by one."""
    assert (
        scope_of("tests/test_pages.py::test_code_block_runs_and_prints_its_shown_output[docs/optimisation.md:108]")
        == scope_of("tests/test_pages.py::test_code_block_runs_and_prints_its_shown_output[docs/optimisation.md:273]")
        == scope_of(
            "tests/test_notebook_rerun.py::test_rerun_notebook_prints_what_the_page_shows_and_draws_each_figure"
            "[optimisation.md]"
        )
        == "notebook optimisation.md"
    )
    deck_block = "tests/test_pages.py::test_code_block_runs_and_prints_its_shown_output[slides/x/10-a.md:61]"
    assert scope_of(deck_block) == deck_block
    a11y = "tests/test_a11y.py::test_every_step_of_every_deck_meets_wcag21_aa[hands-on-nn]"
    assert scope_of(a11y) == a11y
    assert scope_of("tests/test_pdf.py::test_steps_and_notes_can_be_kept") == "tests/test_pdf.py"
