"""Determinism: the same sources built twice, each time from an empty cache, give the same bytes:
every snippet output and every file of the site.

A representative subset of the real snippets, in a throwaway project (so the test stays within a
few minutes): a model summary, a training run (which also writes timing.txt), a PNG figure and a
GIF animation. Listed exceptions, each justified:

- `timing.txt` (in outputs/ and in the site): holds measured durations, by design the one place a
  snippet may write something that changes (the authoring rules keep timings off stdout);
- `sitemap.xml` and `sitemap.xml.gz`: MkDocs writes the build DATE into <lastmod> and into the
  gzip header's mtime; equal within a day (set SOURCE_DATE_EPOCH to pin it), so they are compared
  after masking that date.
"""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from handson import run, settings

from .conftest import ROOT
from .test_site import ENV

pytestmark = pytest.mark.slow

# (snippet, what it stands for); the ones present in the project are used
SUBSET = {
    "mlp/mlp_3441": "a model summary",
    "learning/xor_keras": "a training run (writes timing.txt)",
    "mlp/mlp_diagram": "a PNG figure",
    "cnn/max_pooling": "a GIF animation (and a PNG strip)",
}
VOLATILE = {"timing.txt"}  # by name, anywhere
DATED = {"sitemap.xml", "sitemap.xml.gz"}


def project_copy(root: Path, names: list[str]) -> None:
    """A tiny project: the subset's snippets (with the helpers they import), a page and a deck
    that include their outputs, and the real mkdocs plugin."""
    (root / "docs").mkdir(parents=True)
    (root / "slides").mkdir()
    pyproject = (ROOT / "pyproject.toml").read_text()
    (root / "pyproject.toml").write_text(pyproject[pyproject.index("[tool.handson]") :])
    (root / "mkdocs.yml").write_text(
        textwrap.dedent("""\
        site_name: determinism
        theme: {name: material, font: false}
        plugins: [search, handson]
        markdown_extensions: [pymdownx.superfences, pymdownx.snippets, attr_list, md_in_html]
        """)
    )
    page, deck = ["# Outputs\n"], ["---\ntitle: Determinism\nchapter: index.md\n---\n"]
    for name in names:
        source = ROOT / "snippets" / f"{name}.py"
        for path in [source, *run.local_imports(source)]:
            target = root / path.relative_to(ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
        page.append(
            f'\n## {name}\n\n```python\n--8<-- "snippets/{name}.py"\n```\n\n'
            f'```text\n--8<-- "outputs/{name}/stdout.txt"\n```\n'
        )
        deck.append(f'\n# {name}\n\n```text\n--8<-- "outputs/{name}/stdout.txt"\n```\n\n---\n')
    (root / "docs/index.md").write_text("".join(page))
    (root / "slides/det.md").write_text("".join(deck).rstrip("-\n") + "\n")


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def mask_date(rel: str, data: bytes) -> bytes:
    if rel.endswith(".gz"):
        data = gzip.decompress(data)  # the header's mtime is the build date; the content is not
    return re.sub(rb"<lastmod>[^<]*</lastmod>", b"<lastmod>DATE</lastmod>", data)


def differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    out = [f"only in one build: {rel}" for rel in sorted(set(a) ^ set(b))]
    for rel in sorted(set(a) & set(b)):
        name = rel.rsplit("/", 1)[-1]
        if name in VOLATILE:
            continue
        if name in DATED:
            if mask_date(rel, a[rel]) != mask_date(rel, b[rel]):
                out.append(f"differs (beyond the build date): {rel}")
        elif a[rel] != b[rel]:
            out.append(f"differs: {rel}")
    return out


def test_two_clean_builds_give_identical_outputs_and_site(tmp_path):
    names = [n for n in SUBSET if (ROOT / "snippets" / f"{n}.py").is_file()]
    assert len(names) >= 2, "too few of the representative snippets exist"
    built = []
    for label in ("first", "second"):  # one after the other: the machine has 2 cores
        root = tmp_path / label / "project"
        project_copy(root, names)
        done = subprocess.run(
            [sys.executable, "-m", "handson", "build"], cwd=root, env=ENV, capture_output=True, text=True, timeout=900
        )
        assert done.returncode == 0, done.stderr[-3000:]
        conf = settings.load(root)
        assert sorted(
            p.parent.relative_to(conf.outputs).as_posix() for p in conf.outputs.rglob("stdout.txt")
        ) == sorted(names)
        built.append((tree(conf.outputs), tree(root / "site")))
    (outputs_a, site_a), (outputs_b, site_b) = built
    assert differences(outputs_a, outputs_b) == []
    assert differences(site_a, site_b) == []
    # the subset really holds what it stands for
    files = " ".join(outputs_a)
    if "cnn/max_pooling" in names:
        assert ".gif" in files
    assert ".png" in files
