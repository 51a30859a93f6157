"""Notebooks: every docs chapter with Python code, as an executed Jupyter notebook made from the page
itself (its Markdown after includes are expanded), so there is no second copy to keep in step.

- prose becomes Markdown cells (MkDocs' `\\(…\\)`/`\\[…\\]` math turned into Jupyter's `$…$`/`$$…$$`,
  admonitions into a bold title and unindented text);
- each ```` ```python ```` block becomes a code cell; a block marked `<!--pytest.mark.skip-->` (it needs
  the network) becomes a commented-out cell, so running the whole notebook offline never fails;
- the outputs the build published for a snippet become that cell's Jupyter outputs, read from
  `<outputs>/<snippet>/` (nothing is run here): the page's `stdout.txt` block as a `stream`, each
  figure the page shows as `image/png` or `image/gif` display data (the page's alt text as its
  `text/plain`). A figure whose snippet's code the page does not show gets a cell with that code;
  one whose cell sits earlier is also embedded in the Markdown as an attachment where the page shows it;
- a first code cell sets the environment the build ran the snippets with (quiet TensorFlow, CPU,
  Keras' table width), and helper modules the code imports (`snippets/<chapter>/_helper.py`) are
  written by `%%writefile` cells, so the notebook runs anywhere with no file beside it, Colab included.
"""

from __future__ import annotations

import base64
import json
import posixpath
import re
import sys
import textwrap
from dataclasses import dataclass, field
from html import escape as html_escape
from pathlib import Path

from . import include, run
from .settings import Settings

SKIP_MARKERS = ("<!--pytest.mark.skip-->", "<!--pytest-codeblocks:skip-->")
CONT_MARKER = "<!--pytest-codeblocks:cont-->"
EXPECTED_MARKER = "<!--pytest-codeblocks:expected-output-->"
TOOL_COMMENT = re.compile(r"^\s*<!--\s*pytest[^>]*-->\s*$")
INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?:\.\./)*outputs/(?P<path>[^)\s]+)\)")
ADMONITION = re.compile(
    r"""^(?P<indent>[ \t]*)(?:\?\?\?\+?|!!!)[ \t]+(?P<kind>[\w-]+)"""
    r"""(?:[ \t]+"(?P<title>[^"]*)")?\s*$"""
)
# Keras numbers layers within a process (dense, dense_1, ...): a snippet's cell starts as the build's run
FRESH_KERAS = "import keras\n\nkeras.backend.clear_session()  # layer names count from the start, as in the build\n\n"
MIME = {".png": "image/png", ".gif": "image/gif"}
COLAB = "https://colab.research.google.com/github/{repo}/blob/{branch}/{path}"
# Where the Pages workflow publishes notebooks: build/notebooks/ pushed to this branch, in a folder
# named after the source branch (.github/workflows/pages.yml; tests/test_notebooks.py compares them).
NOTEBOOKS_BRANCH = "notebooks"
# The runner's environment variables a notebook sets itself. MPLBACKEND stays unset (Jupyter's inline
# backend shows the figures); PYTHONHASHSEED and PYTHONIOENCODING only count at interpreter start.
KERNEL_ENV = ("TF_CPP_MIN_LOG_LEVEL", "TF_ENABLE_ONEDNN_OPTS", "KERAS_BACKEND", "CUDA_VISIBLE_DEVICES", "COLUMNS")


def _is_python(info: str) -> bool:
    """Exactly ```python, as pytest-codeblocks collects: a ```py fence is an untested illustration."""
    return info.split()[0] == "python" if info.split() else False


def python_blocks(text: str) -> list[str]:
    """The code of every ```python block of a page (after includes)."""
    lines = text.splitlines()
    return ["\n".join(lines[f.start + 1 : f.end]) for f in include.fences(lines) if f.closed and _is_python(f.info)]


def _math(prose: str) -> str:
    """MkDocs' arithmatex delimiters to Jupyter's, outside inline code."""
    pieces = re.split(r"(`+[^`\n]*`+)", prose)
    for i in range(0, len(pieces), 2):
        pieces[i] = pieces[i].replace("\\[", "$$").replace("\\]", "$$").replace("\\(", "$").replace("\\)", "$")
    return "".join(pieces)


def _admonitions(lines: list[str]) -> list[str]:
    """Material's `??? note "Title"` blocks as a bold title and their body unindented (Jupyter's
    Markdown would show a 4-space indented body as code)."""
    out: list[str] = []
    depth: list[int] = []  # indent of each open admonition's body
    for line in lines:
        width = len(line) - len(line.lstrip())
        while depth and line.strip() and width < depth[-1]:
            depth.pop()
        cut = depth[-1] if depth else 0
        text = line[cut:] if line[:cut].strip() == "" else line.lstrip()
        m = ADMONITION.match(text)
        if m:
            out.append(f"**{m.group('title') or m.group('kind').capitalize()}**")
            depth.append(cut + len(m.group("indent")) + 4)
            continue
        out.append(text)
    return out


def _source(text: str) -> list[str]:
    """nbformat's multi-line string: a list of lines, each but the last ending in a newline."""
    return text.splitlines(keepends=True)


@dataclass
class _Cell:
    kind: str  # "code" or "markdown"
    text: str
    snippets: set[str] = field(default_factory=set)  # snippets whose code the cell holds
    whole: set[str] = field(default_factory=set)  # ... all of it, not a section
    sections: set[str] = field(default_factory=set)  # snippets a named section of which it holds
    outputs: list[dict] = field(default_factory=list)
    attachments: dict[str, dict[str, str]] = field(default_factory=dict)
    shown: set[str] = field(default_factory=set)  # output files already among `outputs`


def _image_output(file: Path, alt: str) -> dict:
    return {
        "output_type": "display_data",
        "metadata": {},
        "data": {MIME[file.suffix]: base64.b64encode(file.read_bytes()).decode("ascii"), "text/plain": [alt]},
    }


def _stream(text: str) -> dict:
    return {"output_type": "stream", "name": "stdout", "text": _source(text)}


class _Builder:
    """Walks a page's source once, turning prose, code, output blocks and figures into cells."""

    def __init__(self, page_rel: str, settings: Settings):
        self.rel, self.settings = page_rel, settings
        self.cells: list[_Cell] = []
        self.prose: list[str] = []
        self.group: list[_Cell] = []  # the code cells run together (joined by `cont`) last
        self.attachments: dict[str, dict[str, str]] = {}  # for the Markdown cell being gathered

    def expand(self, lines: list[str]) -> str:
        return include.expand("\n".join(lines), self.rel, self.settings)

    def flush(self) -> None:
        text = re.sub(r"\n{3,}", "\n\n", _math("\n".join(self.prose)).strip("\n"))
        if text.strip():
            self.cells.append(_Cell("markdown", text, attachments=self.attachments))
        self.prose.clear()
        self.attachments = {}

    def code(
        self,
        text: str,
        snippets: set[str],
        joined: bool,
        whole: set[str] | None = None,
        sections: set[str] | None = None,
    ) -> _Cell:
        self.flush()
        fresh = not joined or not any(FRESH_KERAS in c.text for c in self.group)
        if (snippets or sections) and fresh and re.search(r"^\s*(?:import keras|from keras\b)", text, re.M):
            text = FRESH_KERAS + text  # the build ran each snippet in a fresh process
        cell = _Cell("code", text, snippets, whole or set(), sections=sections or set())
        self.cells.append(cell)
        self.group = [*self.group, cell] if joined else [cell]
        return cell

    def owner(self, name: str) -> _Cell | None:
        """The cell of the current group holding snippet `name`'s code, else None."""
        return next((c for c in reversed(self.group) if name in c.snippets), None)

    def code_of(self, name: str) -> _Cell:
        """A new cell with the whole of snippet `name` (its figure's code the page does not show)."""
        rel = f"{self.settings.rel(self.settings.snippets)}/{name}.py"  # the configured snippets folder
        code = self.expand([f'--8<-- "{rel}"']).rstrip("\n")
        return self.code(f"# {rel}, which makes what the page shows here\n{code}", {name}, False, {name})

    def drawer(self, name: str, file: Path, cells: list[_Cell]) -> _Cell | None:
        """The last of `cells` whose code writes `file`: all of snippet `name`, or a section naming it."""
        return next(
            (
                c
                for c in reversed(cells)
                if c.kind == "code" and name in c.snippets and (name in c.whole or file.name in c.text)
            ),
            None,
        )

    def figure(self, name: str, file: Path, alt: str) -> str:
        """Attach a figure to its code cell; return what stays of the prose line."""
        owner = self.drawer(name, file, self.group)
        earlier = self.drawer(name, file, self.cells)
        if owner is None and earlier is None:
            owner = self.code_of(name)
        target = owner or earlier
        assert target is not None
        if file.name not in target.shown:
            target.outputs.append(_image_output(file, alt))
            target.shown.add(file.name)
        if owner is not None:
            return ""
        # its cell is far above: embed it here too, as the page does
        self.attachments[file.name] = {MIME[file.suffix]: base64.b64encode(file.read_bytes()).decode("ascii")}
        return f"![{alt}](attachment:{file.name})"

    def prose_line(self, line: str, number: int) -> None:
        if TOOL_COMMENT.match(line):
            return
        pieces, position = [], 0
        spans = [m.span() for m in INLINE_CODE.finditer(line)]  # `![alt](outputs/…)` is an example
        for m in IMAGE.finditer(line):
            if any(a <= m.start() < b for a, b in spans):
                continue
            pieces.append(line[position : m.start()])
            path = m.group("path")
            name, file = path.rsplit("/", 1)[0], self.settings.outputs / path
            if file.suffix not in MIME or not file.is_file() or not (self.settings.snippets / f"{name}.py").is_file():
                raise include.IncludeError(
                    f"{self.rel}:{number}: the notebook cannot embed outputs/{path}: "
                    "not a PNG or GIF that a snippet under snippets/ wrote"
                )
            pieces.append(self.figure(name, file, m.group("alt")))
            position = m.end()
        pieces.append(line[position:])
        text = "".join(pieces)
        if text.strip() or not pieces[:-1]:
            self.prose.append(text)

    def output_block(self, lines: list[str], start: int, end: int, expected: bool = False) -> bool:
        """A ```text block that is exactly one snippet's stdout.txt: make it a stream output.
        `expected`: the page marks it as what the code group above prints (pytest-codeblocks'
        expected-output, which test_pages holds it to), so a section of the snippet there owns it;
        otherwise the whole snippet comes as a new cell (and its training would run twice)."""
        body = [line for line in lines[start + 1 : end] if line.strip()]
        path = (include.inline_path(body[0]) or "") if len(body) == 1 else ""
        if not (path.startswith("outputs/") and path.endswith("/stdout.txt")):
            return False
        name = path[len("outputs/") : -len("/stdout.txt")]
        owner = self.owner(name)
        if owner is None and expected:
            owner = next((c for c in reversed(self.group) if name in c.sections), None)
        if owner is None:
            if (
                any(c.kind == "code" and name in c.snippets for c in self.cells)
                or not (self.settings.snippets / f"{name}.py").is_file()
            ):
                return False  # shown again far from its code: leave it as text
            owner = self.code_of(name)
        owner.outputs.append(_stream((self.settings.outputs / name / "stdout.txt").read_text(encoding="utf-8")))
        return True

    def walk(self, raw: str) -> list[_Cell]:
        lines = _admonitions(raw.splitlines())  # line for line, so line numbers stay the page's
        position = 0
        for fence in include.fences(lines):
            start, end, info = fence.start, fence.end, fence.info
            before = lines[position:start]
            markers = [line.strip() for line in before if line.strip()][-1:]
            for number, line in enumerate(before, position + 1):
                self.prose_line(line, number)
            indent = lines[start][: len(lines[start]) - len(lines[start].lstrip())]
            if _is_python(info):
                block = lines[start + 1 : end]
                paths = [path for _, path in include.references(block)]
                names = {
                    n for path in paths if (n := include.snippet_name(path, self.settings)) and path.endswith(".py")
                }
                code = textwrap.dedent(self.expand(block)).strip("\n")
                if markers and markers[0] in SKIP_MARKERS:
                    code = "\n".join(
                        [
                            "# Needs the network (skipped when the notebook runs offline):",
                            "# remove the leading '# ' of each line to run it.",
                            *[("# " + line) if line.strip() else "#" for line in code.splitlines()],
                        ]
                    )
                    names = set()
                whole = {n for path in paths if ":" not in path and (n := include.snippet_name(path))} & names
                sections = {
                    n
                    for path in paths
                    if ":" in path
                    and path.partition(":")[0].endswith(".py")
                    and (n := include.snippet_name(path, self.settings))
                }
                self.code(
                    code, names, joined=bool(markers) and markers[0] == CONT_MARKER, whole=whole, sections=sections
                )
            elif not self.output_block(lines, start, end, expected=bool(markers) and markers[0] == EXPECTED_MARKER):
                block = textwrap.dedent(self.expand(lines[start : end + 1])).rstrip("\n").splitlines()
                self.prose.extend(indent + line for line in block)
            position = end + 1
        for number, line in enumerate(lines[position:], position + 1):
            self.prose_line(line, number)
        self.flush()
        return self.cells


def _cell_imports(text: str) -> set[str]:
    """Top-level names a cell's code imports, read line by line (a cell may hold a section of a
    file, which need not parse on its own)."""
    roots = set()
    for line in text.splitlines():
        m = re.match(r"^\s*(?:from\s+(\w+)\S*\s+import|import\s+([\w, .]+?)(?:\s+as\s+\w+)?\s*(?:#.*)?$)", line)
        if m:
            roots |= {part.strip().split(".")[0] for part in (m.group(1) or m.group(2)).split(",")}
    return roots


def helpers(cells: list[_Cell], settings: Settings) -> list[Path]:
    """Modules beside a snippet (`_x.py` helpers, or another example) that the code cells import,
    and what they import."""
    found: set[Path] = set()
    for cell in cells:
        folders = {(settings.snippets / name).parent for name in cell.snippets}
        roots = _cell_imports(cell.text)
        for folder in folders:
            for root in roots:
                path = folder / f"{root}.py"
                if path.is_file() and path not in found:  # a `_helper`, or another snippet it imports
                    found.add(path)
                    found |= run.local_imports(path)
    return sorted(found)


def page_helpers(page: Path, settings: Settings) -> list[Path]:
    """The helper modules the notebook of a docs page writes beside itself (as `build` does)."""
    rel = page.relative_to(settings.root).as_posix() if page.is_relative_to(settings.root) else str(page)
    return helpers(_Builder(rel, settings).walk(page.read_text(encoding="utf-8")), settings)


def _environment_cell(tensorflow: bool) -> str:
    """The first code cell; `tensorflow`: the chapter's code imports Keras or TensorFlow."""
    settings = {key: run.WORKER_ENV[key] for key in KERNEL_ENV}
    settings["JUPYTER_COLUMNS"] = settings["COLUMNS"]  # rich, which draws Keras' tables, reads this in Jupyter
    lines = [
        "# The environment the build ran this chapter's code in: quiet TensorFlow on the CPU, and the",
        "# width of Keras' summary tables. Run this cell first, before anything imports TensorFlow.",
        "import logging",
        "import os",
        "",
        f"os.environ.update({json.dumps(settings)})",
        "# a handler on the root logger: in Jupyter, TensorFlow would otherwise add its own, at level",
        "# INFO, that writes into the cell's printed output",
        "logging.basicConfig(level=logging.WARNING)",
        'logging.getLogger("tensorflow").setLevel(logging.ERROR)  # and its Python-side warnings',
    ]
    if tensorflow:
        lines += [
            "# TensorFlow's graph optimiser off: on models this small it costs more time than it saves,",
            "# and no number below changes",
            "import tensorflow as tf",
            "",
            f"tf.config.optimizer.set_experimental_options({run.TF_OPTIMIZER!r})",
        ]
    return "\n".join(lines)


def build(page: Path, settings: Settings) -> dict | None:
    """The notebook (nbformat 4.5, as a dict) of one docs page, or None if it has no Python code."""
    rel = page.relative_to(settings.root).as_posix() if page.is_relative_to(settings.root) else str(page)
    raw = page.read_text(encoding="utf-8")
    text = include.expand(raw, rel, settings)
    if not python_blocks(text):
        return None
    cells = _Builder(rel, settings).walk(raw)
    first_code = next(i for i, c in enumerate(cells) if c.kind == "code")
    modules = helpers(cells, settings)
    imported = set().union(*(_cell_imports(c.text) for c in cells if c.kind == "code"))
    imported |= set().union(*(run.imports(path).roots for path in modules))
    setup = [_Cell("code", _environment_cell(bool(imported & {"keras", "tensorflow"})))]
    if modules:
        setup.append(
            _Cell(
                "markdown",
                "This chapter's code imports helper modules; the cells below write them beside the notebook.",
            )
        )
        setup += [
            _Cell("code", f"%%writefile {path.name}\n{path.read_text(encoding='utf-8').rstrip()}") for path in modules
        ]
    cells[first_code:first_code] = setup
    out = []
    count = 0
    for number, cell in enumerate(cells):
        data: dict = {"cell_type": cell.kind, "id": f"cell-{number}", "metadata": {}, "source": _source(cell.text)}
        if cell.kind == "code":
            count += 1
            data["execution_count"] = count
            data["outputs"] = cell.outputs
        elif cell.attachments:
            data["attachments"] = cell.attachments
        out.append(data)
    return {
        "cells": out,
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {
                "name": "python",
                "version": sys.version.split()[0],
                "mimetype": "text/x-python",
                "file_extension": ".py",
                "pygments_lexer": "ipython3",
                "codemirror_mode": {"name": "ipython", "version": 3},
            },
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


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
    """Colab opens notebooks from GitHub: the Pages workflow pushes build/notebooks/ to the branch
    NOTEBOOKS_BRANCH, under a folder named after the source branch (<branch>/<page>.ipynb)."""
    m = re.match(r"^https?://github\.com/([^/]+/[^/]+?)(?:\.git)?/?$", repository or "")
    if not m:
        return None
    return COLAB.format(repo=m.group(1), branch=NOTEBOOKS_BRANCH, path=f"{branch}/{notebook_path}")


def links(page_src_uri: str, notebook_uri: str, repository: str | None, branch: str | None) -> str:
    """The Markdown line a chapter gets under its title: the notebook's page on the site, the
    download, and Open in Colab (only when the repository is set)."""
    target = posixpath.relpath(notebook_uri, posixpath.dirname(page_src_uri) or ".")
    # MkDocs turns a link to the .ipynb into one to its page (mkdocs-jupyter's); the download is
    # raw HTML, which MkDocs leaves alone (the file is copied beside the page)
    parts = [
        f"[View this chapter as a notebook]({target}){{ .md-button }}",
        f'<a href="{target}" download class="md-button">Download the notebook</a>',
    ]
    url = colab_url(repository or "", branch or "main", notebook_uri[len("notebooks/") :])
    if url:
        parts.append(f"[Open in Colab]({url}){{ .md-button }}")
    return " ".join(parts)


def add_links(markdown: str, line: str) -> str:
    """Put `line` right after the page's first heading (or at the top)."""
    lines = markdown.split("\n")
    for index, text in enumerate(include.without_code(markdown).split("\n")):
        if text.startswith("# "):
            return "\n".join([*lines[: index + 1], "", line, "", *lines[index + 1 :]])
    return line + "\n\n" + markdown


# --- the notebook's page on the site (mkdocs-jupyter renders it; this fixes what it gets wrong) ------

_REMOTE_SCRIPT = re.compile(
    r"<script\b[^>]*>(?:(?!</script>).)*?https?://(?:(?!</script>).)*?</script>\s*"
    r"|<script\b[^>]*\bsrc=[\"'](?:https?:)?//[^>]*>\s*</script>\s*"
    r"|<script src=\"\">\s*</script>\s*"  # MathJax at its empty default URL
    r"|<script type=\"text/x-mathjax-config\">.*?</script>\s*",
    re.S,
)
_DATA_IMG = re.compile(r'<img\b(?P<attrs>[^>]*?)\bsrc="data:image/(?:png|gif);base64,(?P<data>[^"]+)"(?P<rest>[^>]*)>')
_RELATIVE_HREF = re.compile(r'href="(?![a-z]+:|/|#)([^"]+)"')
_ALT = re.compile(r'\s*\balt="[^"]*"')


def site_html(html: str, notebook_file: Path) -> str:
    """mkdocs-jupyter's HTML of a notebook made ready for the site.

    - no script from a CDN, none at an empty address (its MathJax): the site's KaTeX typesets the
      notebook's `$…$` math (docs/javascripts/katex-init.js);
    - every figure gets its alt text (nbconvert writes "No description has been provided"): the
      text/plain of its output, or the page's alt of a Markdown attachment; a GIF output, which
      nbconvert shows as its text/plain, becomes an `<img>`;
    - the notebook follows the site's dark scheme (Material's "slate") as well as the light one;
    - heading anchors are Material's (`headerlink`), so search titles carry no "¶"; links to other
      chapters (`x.md`) point at their pages.
    """
    html = _REMOTE_SCRIPT.sub("", html)
    # nbconvert's heading anchors as Material's own (styled, and left out of the search index's titles)
    html = html.replace('<a class="anchor-link" href="#', '<a class="headerlink" href="#')
    # the page's relative links (chapters as x.md, decks, files): notebooks/ mirrors docs/ one folder down
    html = _RELATIVE_HREF.sub(_relink, html)
    data = json.loads(notebook_file.read_text(encoding="utf-8"))
    alts: dict[str, str] = {}
    for cell in data["cells"]:
        for name, bundle in cell.get("attachments", {}).items():
            m = re.search(r"!\[([^\]]*)\]\(attachment:" + re.escape(name) + r"\)", "".join(cell["source"]))
            for b64 in bundle.values():
                alts.setdefault(b64, m.group(1) if m else name)
        for output in cell.get("outputs", []):
            bundle = output.get("data", {})
            alt = "".join(bundle.get("text/plain", []))
            for b64 in (bundle.get("image/png"), bundle.get("image/gif")):
                if b64:
                    alts.setdefault(b64, alt)
            if "image/gif" in bundle:
                shown = re.compile(
                    r'<div class="jp-RenderedText jp-OutputArea-output" data-mime-type="text/plain"'
                    r"[^>]*>\s*<pre>" + re.escape(html_escape(alt)) + r"\s*</pre>\s*</div>"
                )
                img = (
                    '<div class="jp-RenderedImage jp-OutputArea-output">'
                    f'<img src="data:image/gif;base64,{bundle["image/gif"]}"></div>'
                )
                html = shown.sub(img.replace("\\", "\\\\"), html, count=1)  # a literal replacement

    def with_alt(m: re.Match) -> str:
        tag = _ALT.sub("", m.group(0))
        alt = alts.get(m.group("data"))
        return tag if alt is None else tag[:-1].rstrip("/ ") + f' alt="{html_escape(alt)}">'

    return _DATA_IMG.sub(with_alt, html) + f"<style>{_dark_css()}</style>"


def _relink(m: re.Match) -> str:
    path, sep, anchor = m.group(1).partition("#")
    if path.endswith(".md"):
        path = path[: -len(".md")] + ".html"
    return f'href="../{path}{sep}{anchor}"'


def _dark_css() -> str:
    """mkdocs-jupyter's dark JupyterLab colours, applied when the site shows its dark scheme."""
    import mkdocs_jupyter  # type: ignore[import-untyped]

    css = (Path(mkdocs_jupyter.__file__).parent / "templates/mkdocs_html/assets/theme-dark.css").read_text(
        encoding="utf-8"
    )
    return css.replace(".jupyter-wrapper{", '[data-md-color-scheme="slate"] .jupyter-wrapper{')
