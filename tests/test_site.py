"""The whole site builds with --strict, links nothing from the network, and a failing snippet
stops the build with its traceback and the page and line, leaving the last good site alone."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from .conftest import ROOT

NETWORK_REF = re.compile(
    r"""<script[^>]+src=["']https?://|<link[^>]+href=["']https?://|url\(\s*["']?https?://|@import\s+["']?(url\()?https?://""",
    re.I,
)
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@pytest.mark.slow
def test_site_builds_strict_with_every_deck(site):
    assert (site / "index.html").is_file()
    for source in (ROOT / "slides").glob("*.md"):
        assert (site / "slides" / source.stem / "index.html").is_file()
        assert (site / "slides" / source.stem / "vendor/remark-slide/out/remark.min.js").is_file()


@pytest.mark.slow
def test_no_page_loads_scripts_styles_or_fonts_from_the_network(site):
    offenders = []
    for path in site.rglob("*"):
        if path.suffix in (".html", ".css", ".js") and path.is_file():
            for match in NETWORK_REF.finditer(path.read_text(encoding="utf-8", errors="replace")):
                offenders.append(f"{path.relative_to(site)}: {match.group(0)}")
    assert offenders == []


def tiny_site(root: Path, snippet: str) -> None:
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "snippets").mkdir(exist_ok=True)
    (root / "slides").mkdir(exist_ok=True)
    pyproject = (ROOT / "pyproject.toml").read_text()
    (root / "pyproject.toml").write_text(pyproject[pyproject.index("[tool.handson]") :])
    (root / "mkdocs.yml").write_text(
        textwrap.dedent("""\
        site_name: tiny
        theme: {name: material, font: false}
        plugins: [handson]
        markdown_extensions: [pymdownx.superfences, pymdownx.snippets]
        """)
    )
    (root / "docs/index.md").write_text(
        '# Tiny\n\n```python\n--8<-- "snippets/demo.py"\n```\n\n```text\n--8<-- "outputs/demo/stdout.txt"\n```\n'
    )
    (root / "snippets/demo.py").write_text(snippet)


def handson_build(root: Path):
    return subprocess.run([sys.executable, "-m", "handson", "build"], cwd=root, env=ENV, capture_output=True, text=True)


def test_a_failing_snippet_stops_the_build_and_keeps_the_last_good_site(tmp_path):
    tiny_site(tmp_path, "print('good output')\n")
    assert handson_build(tmp_path).returncode == 0
    page = (tmp_path / "site/index.html").read_text()
    assert "good output" in page
    (tmp_path / "snippets/demo.py").write_text("print('half')\nraise RuntimeError('no luck')\n")
    failed = handson_build(tmp_path)
    assert failed.returncode != 0
    assert "RuntimeError: no luck" in failed.stderr
    assert "included at docs/index.md:4" in failed.stderr
    assert (tmp_path / "site/index.html").read_text() == page
    # nothing to clean by hand: mending the snippet is enough
    (tmp_path / "snippets/demo.py").write_text("print('mended')\n")
    assert handson_build(tmp_path).returncode == 0
    assert "mended" in (tmp_path / "site/index.html").read_text()


def test_a_missing_include_in_a_page_names_page_and_line_and_keeps_the_site(tmp_path):
    tiny_site(tmp_path, "print('good output')\n")
    assert handson_build(tmp_path).returncode == 0
    page = (tmp_path / "site/index.html").read_text()
    with open(tmp_path / "docs/index.md", "a") as handle:
        handle.write('\n```text\n--8<-- "outputs/nothing/here.txt"\n```\n')
    failed = handson_build(tmp_path)
    assert failed.returncode != 0
    assert "docs/index.md:12" in failed.stderr and "outputs/nothing/here.txt" in failed.stderr
    assert (tmp_path / "site/index.html").read_text() == page
    shutil.rmtree(tmp_path / "site")


@pytest.mark.slow
def test_every_image_on_a_page_or_slide_has_alt_text(site):
    missing = []
    for path in site.rglob("*.html"):
        for tag in re.findall(r"<img\b[^>]*>", path.read_text(encoding="utf-8", errors="replace")):
            alt = re.search(r'\balt="([^"]*)"', tag)
            if not (alt and alt.group(1).strip()):
                missing.append(f"{path.relative_to(site)}: {tag[:80]}")
    for path in (ROOT / "slides").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        missing += [f"{path.relative_to(ROOT)}: {m}" for m in re.findall(r"!\[\s*\]\([^)]*\)", text)]
        missing += [
            f"{path.relative_to(ROOT)}: {m[:80]}"
            for m in re.findall(r"<img\b[^>]*>", text)
            if not re.search(r'\balt="[^"]+"', m)
        ]
    assert missing == []


def test_no_image_is_committed_under_docs_or_slides():
    tracked = subprocess.run(
        ["git", "ls-files", "docs", "slides"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert [p for p in tracked if p.lower().endswith((".png", ".gif", ".jpg", ".jpeg", ".svg"))] == []
