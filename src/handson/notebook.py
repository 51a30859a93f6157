"""Notebooks: every docs chapter with Python code, as a Jupyter notebook made by jupytext from the
page itself (its Markdown after includes are expanded), so there is no second copy to keep in step.

- prose becomes Markdown cells (MkDocs' `\\(…\\)`/`\\[…\\]` math turned into Jupyter's `$…$`/`$$…$$`);
- each ```` ```python ```` block becomes a code cell;
- a block marked `<!--pytest.mark.skip-->` (it needs the network) becomes a commented-out cell, so
  running the whole notebook offline never fails; uncomment it to run it;
- text output blocks stay as Markdown (what the build printed, for comparison);
- helper modules a snippet imports (`snippets/<chapter>/_helper.py`) are written by a first cell
  (`%%writefile _helper.py`), so the notebook runs anywhere, Colab included.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
from pathlib import Path

from . import include, run
from .settings import Settings

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<ticks>`{3,}|~{3,})(?P<info>.*)$")
SKIP_MARKERS = ("<!--pytest.mark.skip-->", "<!--pytest-codeblocks:skip-->")
TOOL_COMMENT = re.compile(r"^\s*<!--\s*pytest[^>]*-->\s*$")
COLAB = "https://colab.research.google.com/github/{repo}/blob/{branch}/{path}"


def _fences(lines: list[str]):
    """(start, end, info) of every top-level fenced block (end is the closing line's index)."""
    index = 0
    while index < len(lines):
        m = FENCE.match(lines[index])
        if m:
            ticks = m.group("ticks")
            end = index + 1
            while end < len(lines):
                close = FENCE.match(lines[end])
                if close and close.group("ticks")[0] == ticks[0] and \
                        len(close.group("ticks")) >= len(ticks) and not close.group("info").strip():
                    break
                end += 1
            yield index, end, m.group("info").strip()
            index = end + 1
        else:
            index += 1


def _is_python(info: str) -> bool:
    return info.split()[0].lower() in ("python", "py", "python3") if info.split() else False


def python_blocks(text: str) -> list[str]:
    """The code of every top-level ```python block of a page (after includes)."""
    lines = text.splitlines()
    return ["\n".join(lines[s + 1:e]) for s, e, info in _fences(lines) if _is_python(info)]


def _math(prose: str) -> str:
    """MkDocs' arithmatex delimiters to Jupyter's, outside inline code."""
    pieces = re.split(r"(`+[^`\n]*`+)", prose)
    for i in range(0, len(pieces), 2):
        pieces[i] = (pieces[i].replace("\\[", "$$").replace("\\]", "$$")
                     .replace("\\(", "$").replace("\\)", "$"))
    return "".join(pieces)


def to_jupytext_markdown(text: str) -> str:
    """The page rewritten for jupytext's Markdown reader: python blocks as cells (skipped ones
    commented out), other fences unchanged, prose math converted, test markers dropped."""
    lines = text.splitlines()
    out: list[str] = []
    prose: list[str] = []

    def flush():
        if prose:
            out.append(_math("\n".join(prose)))
            prose.clear()

    position = 0
    for start, end, info in _fences(lines):
        before = lines[position:start]
        skipped = any(line.strip() in SKIP_MARKERS for line in before[-3:])
        prose.extend(line for line in before if not TOOL_COMMENT.match(line))
        block = lines[start + 1:end]
        if _is_python(info):
            flush()
            if skipped:
                block = ["# Needs the network (skipped when the notebook runs offline):",
                         "# remove the leading '# ' of each line to run it.",
                         *[("# " + line) if line.strip() else "#" for line in block]]
            out.append("\n".join(["```python", *block, "```"]))
        else:
            prose.extend(lines[start:end + 1])
        position = end + 1
    prose.extend(line for line in lines[position:] if not TOOL_COMMENT.match(line))
    flush()
    return "\n\n".join(chunk.strip("\n") for chunk in out if chunk.strip()) + "\n"


def helpers(text: str, settings: Settings) -> list[Path]:
    """Helper modules (files beside a snippet) that the snippets included in python blocks import."""
    found: set[Path] = set()
    lines = text.splitlines()
    for start, end, info in _fences(lines):
        if not _is_python(info):
            continue
        for line in lines[start + 1:end]:
            m = include.INCLUDE_LINE.match(line)
            if m and m.group("path").startswith("snippets/"):
                path = settings.root / m.group("path").split(":", 1)[0]
                if path.is_file():
                    found |= run.local_imports(path)
    return sorted(found)


def build(page: Path, settings: Settings) -> dict | None:
    """The notebook (nbformat 4, as a dict) of one docs page, or None if it has no Python code."""
    import jupytext

    rel = page.relative_to(settings.root).as_posix()
    raw = page.read_text(encoding="utf-8")
    text = include.expand(raw, rel, settings)
    if not python_blocks(text):
        return None
    modules = helpers(raw, settings)
    source_key = hashlib.sha256("\0".join(  # the page, its helpers, this converter, jupytext
        [text, *(p.read_text(encoding="utf-8") for p in modules),
         Path(__file__).read_text(encoding="utf-8"), jupytext.__version__]).encode()).hexdigest()
    memo = settings.cache.parent / "notebooks" / f"{source_key}.json"
    if memo.is_file():  # jupytext cost most of a warm rebuild: convert each source once
        try:
            return json.loads(memo.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            memo.unlink(missing_ok=True)  # a damaged memo (a killed build, a full disk): redo it
    notebook = jupytext.reads(to_jupytext_markdown(text), fmt="md")
    cells = []
    if modules:
        cells.append(jupytext.reads(
            "This chapter's code imports helper modules; this cell writes them beside the notebook.\n",
            fmt="md").cells[0])
        for path in modules:
            source = path.read_text(encoding="utf-8").rstrip("\n")
            cell = jupytext.reads(f"```python\n%%writefile {path.name}\n{source}\n```\n", fmt="md").cells[0]
            cells.append(cell)
    notebook.cells[0:0] = cells
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    notebook.metadata["language_info"] = {"name": "python"}
    notebook.metadata.pop("jupytext", None)
    data = json.loads(jupytext.writes(notebook, fmt="ipynb"))
    for number, cell in enumerate(data["cells"]):  # nbformat's ids are random: number them
        cell["id"] = f"cell-{number}"
    memo.parent.mkdir(parents=True, exist_ok=True)
    tmp = memo.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data), encoding="utf-8")
    tmp.replace(memo)
    return data


def build_all(settings: Settings, out: Path, docs: Path | None = None) -> dict[str, Path]:
    """Write build/notebooks/<page>.ipynb for every docs page with Python code.

    Returns docs path (as MkDocs names it, e.g. "neurons.md") -> notebook file. A file is
    rewritten only when its bytes change; notebooks of pages that lost their code are removed.
    """
    docs = docs or settings.root / "docs"
    made: dict[str, Path] = {}
    for page in sorted(docs.rglob("*.md")):
        notebook = build(page, settings)
        if notebook is None:
            continue
        src_uri = page.relative_to(docs).as_posix()
        target = out / (src_uri[:-3] + ".ipynb")
        data = json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or target.read_text(encoding="utf-8") != data:
            target.write_text(data, encoding="utf-8")
        made[src_uri] = target
    if out.is_dir():
        keep = set(made.values())
        for stale in out.rglob("*.ipynb"):
            if stale not in keep:
                stale.unlink()
    return made


def colab_url(repository: str, branch: str, notebook_path: str) -> str | None:
    """Colab opens notebooks from GitHub: the workflow pushes build/notebooks/ to the branch
    `notebooks`, under a folder named after the source branch (<branch>/<page>.ipynb)."""
    m = re.match(r"^https?://github\.com/([^/]+/[^/]+?)(?:\.git)?/?$", repository or "")
    if not m:
        return None
    return COLAB.format(repo=m.group(1), branch="notebooks", path=f"{branch}/{notebook_path}")


def links(page_src_uri: str, notebook_uri: str, repository: str | None, branch: str | None) -> str:
    """The Markdown line a chapter gets under its title: download, and Open in Colab."""
    target = posixpath.relpath(notebook_uri, posixpath.dirname(page_src_uri) or ".")
    parts = [f"[Download this chapter as a notebook]({target}){{ .md-button download }}"]
    url = colab_url(repository or "", branch or "main", notebook_uri[len("notebooks/"):])
    if url:
        parts.append(f"[Open in Colab]({url}){{ .md-button }}")
    return " ".join(parts)


def add_links(markdown: str, line: str) -> str:
    """Put `line` right after the page's first heading (or at the top)."""
    lines = markdown.split("\n")
    fenced = False
    for index, text in enumerate(lines):
        if text.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        if not fenced and text.startswith("# "):
            return "\n".join([*lines[:index + 1], "", line, "", *lines[index + 1:]])
    return line + "\n\n" + markdown
