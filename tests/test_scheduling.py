"""`make test` runs on every core, with each test module kept on one worker (its module- and
session-scoped fixtures are made once: a notebook re-run made twice cost half of a run) and the
page blocks of test_pages spread one by one. Checked on a tiny suite run by pytest-xdist itself."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

from .conftest import ROOT

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
