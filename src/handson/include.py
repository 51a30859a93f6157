"""Stage 2, include: one syntax, pymdownx.snippets' `--8<-- "path"`, for docs, decks and tests.

MkDocs runs pymdownx.snippets itself; the deck builder and the tests call `expand`, which drives the
very same preprocessor with the same settings, so a page means the same thing everywhere.
Paths resolve against the project root (`snippets/cnn/strides.py`, or a named section
`snippets/cnn/strides.py:model`) and the outputs' parent (`outputs/cnn/strides/stdout.txt`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import markdown
from pymdownx.snippets import SnippetMissingError, SnippetPreprocessor

from .settings import Settings

# An inline include line: optional indent, the scissors, a quoted path.
INCLUDE_LINE = re.compile(r"""^(?P<indent>[ \t]*)-{1,}8<-{1,}[ \t]+(?P<q>["'])(?P<path>[^"']+)(?P=q)\s*$""")


class IncludeError(ValueError):
    """An include names a file or section that does not exist; the message starts `file:line:`."""


def snippet_config(settings: Settings) -> dict:
    """pymdownx.snippets' settings: MkDocs gets the same ones through the plugin."""
    return {
        "base_path": [str(settings.root), str(settings.outputs.parent)],
        "check_paths": True,
        "restrict_base_path": True,
        "dedent_subsections": True,
    }


def _preprocessor(settings: Settings) -> SnippetPreprocessor:
    md = markdown.Markdown(extensions=["pymdownx.snippets"],
                           extension_configs={"pymdownx.snippets": snippet_config(settings)})
    return md.preprocessors["snippet"]


def check(text: str, source: str, settings: Settings) -> None:
    """Raise IncludeError naming `source:line` for the first include that cannot be resolved."""
    pre = _preprocessor(settings)
    for number, line in enumerate(text.splitlines(), 1):
        if INCLUDE_LINE.match(line):
            try:
                pre.run([line])
            except SnippetMissingError as error:
                raise IncludeError(f"{source}:{number}: {error}") from None


def expand(text: str, source: str, settings: Settings) -> str:
    """The text with every include replaced by what it names (exactly as MkDocs would)."""
    check(text, source, settings)
    return "\n".join(_preprocessor(settings).run(text.splitlines())) + "\n"


def snippet_name(path: str) -> str | None:
    """The snippet an include path belongs to (its code or its outputs), or None."""
    path = path.split(":", 1)[0] if not path.startswith("/") else path
    if path.startswith("snippets/") and path.endswith(".py"):
        return path[len("snippets/"):-3]
    if path.startswith("outputs/"):
        return path[len("outputs/"):].rsplit("/", 1)[0]
    return None


def usage(pages: Iterable[Path], root: Path) -> dict[str, list[str]]:
    """snippet name -> every `page:line` that includes its code or its outputs."""
    found: dict[str, list[str]] = defaultdict(list)
    for page in pages:
        try:
            lines = page.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(lines, 1):
            m = INCLUDE_LINE.match(line)
            if m:
                name = snippet_name(m.group("path"))
                if name:
                    found[name].append(f"{page.relative_to(root).as_posix()}:{number}")
        for number, line in enumerate(lines, 1):  # images of outputs count as uses too
            for ref in re.findall(r"""(?:\]\(|src=["'])(?:\.\./)*(outputs/[^)"'\s]+)""", line):
                name = snippet_name(ref)
                if name:
                    found[name].append(f"{page.relative_to(root).as_posix()}:{number}")
    return dict(found)


def pages(settings: Settings) -> list[Path]:
    """The Markdown sources that may include snippets: docs pages and decks."""
    root = settings.root
    return sorted([*(root / "docs").rglob("*.md"), *(root / "slides").rglob("*.md")])
