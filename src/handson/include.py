"""Stage 2, include: one syntax, pymdownx.snippets' `--8<-- "path"`, for docs, decks and tests.

MkDocs, the deck builder and the tests all run the same preprocessor: pymdownx.snippets'
SnippetPreprocessor, with its own grammar (inline and block forms, sections, escapes), extended
here in four ways (`SnippetExtension` replaces the plain extension in MkDocs' configuration):

- paths resolve against the project root (`snippets/cnn/strides.py`, or a named section
  `snippets/cnn/strides.py:model`); `outputs/...` resolves in the outputs folder;
- every path is resolved after following symbolic links and refused if it leaves the project;
- an included output is text: an include line inside it stays a line of text (pymdownx's own
  escape, `;`, is added before it is read and taken off as it is read), it must sit in a fenced
  block, and that fence is made longer than any run of its character in what is included, so
  the output cannot close it;
- an included file that is not UTF-8 text (a PNG, say) is an error naming it.

Every problem is an IncludeError whose message starts `page:line:`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import markdown
from pymdownx.snippets import SnippetExtension as _PlainExtension
from pymdownx.snippets import SnippetMissingError, SnippetPreprocessor

from . import files
from .settings import Settings

OUTPUTS = "outputs/"  # how pages name the outputs folder (also its place in the site)
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")


# ---- the one reader of fences and include lines, for every stage ------------------------------


@dataclass(frozen=True)
class Fence:
    """A fenced code block of a Markdown page: `start` is the opening line's index, `end` the
    closing line's (or the last line's when it is never closed, as CommonMark reads it)."""

    start: int
    end: int
    indent: str
    marker: str  # the run of ` or ~ that opens it
    info: str  # what follows the marker (the language, attributes), stripped
    closed: bool


def fences(lines: list[str]) -> Iterator[Fence]:
    """Every fenced block of `lines` (indented ones included), in order, as CommonMark reads them:
    a closing line is a run of the same character at least as long, with nothing after it; an
    opening run of backticks whose info string holds a backtick is inline code, not a fence."""
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if opening is None or (opening.group("fence")[0] == "`" and "`" in opening.group("info")):
            index += 1
            continue
        marker = opening.group("fence")
        closer = re.compile(rf"^[ \t]*{re.escape(marker[0])}{{{len(marker)},}}[ \t]*$")
        end = next((i for i in range(index + 1, len(lines)) if closer.match(lines[i])), None)
        closed = end is not None
        end = end if end is not None else len(lines) - 1
        yield Fence(index, end, opening.group("indent"), marker, opening.group("info").strip(), closed)
        index = end + 1


def without_code(text: str) -> str:
    """The text with every fenced block blanked, line for line (line numbers kept)."""
    lines = text.split("\n")
    for fence in fences(lines):
        lines[fence.start : fence.end + 1] = [""] * (fence.end + 1 - fence.start)
    return "\n".join(lines)


def inline_path(line: str) -> str | None:
    """The path of a line that is an inline include (`--8<-- "path"`, pymdownx.snippets' own
    grammar: any indent, either quote, not escaped with `;`), or None."""
    m = SnippetPreprocessor.RE_ALL_SNIPPETS.match(line)
    if m is None or m.group("escape") or not m.group("snippet"):
        return None
    return m.group("snippet")[1:-1].strip()


def references(lines: list[str]) -> Iterator[tuple[int, str]]:
    """(line index, path) of every include of a page, inline and block forms (pymdownx.snippets'
    grammar: a block is a `--8<--` line, one path per line, and a closing `--8<--` line)."""
    block = False
    for index, line in enumerate(lines):
        m = SnippetPreprocessor.RE_ALL_SNIPPETS.match(line)
        if m and m.group("escape"):
            continue
        if m and m.group("block_marker"):
            block = not block
        elif block:
            path = line.strip()
            if path and not path.startswith(";"):
                yield index, path
        elif m and m.group("snippet"):
            yield index, m.group("snippet")[1:-1].strip()


class IncludeError(ValueError):
    """An include names a file or section that does not exist, or may not be included; the
    message starts `file:line:`."""


class _Unplaced(IncludeError):
    """An include problem found while expanding; `check` adds the page and line."""


def snippet_config(settings: Settings) -> dict:
    """pymdownx.snippets' settings: MkDocs gets the same ones through the plugin."""
    return {
        "base_path": [str(settings.root)],
        "check_paths": True,
        "restrict_base_path": True,
        "dedent_subsections": True,
    }


class Preprocessor(SnippetPreprocessor):
    """pymdownx.snippets' preprocessor, kept inside the project and showing outputs as text."""

    def __init__(self, config: dict, md: markdown.Markdown, settings: Settings):
        super().__init__(config, md)
        self.settings = settings

    # where files come from
    def get_snippet_path(self, path: str) -> str | None:
        settings = self.settings
        if path.startswith(OUTPUTS):
            candidate = settings.outputs / path[len(OUTPUTS) :]
            found = str(candidate) if candidate.exists() or candidate.is_symlink() else None
        else:
            found = super().get_snippet_path(path)
        if found is None:
            return None
        real = Path(found).resolve()
        if not any(real.is_relative_to(base.resolve()) for base in (settings.root, settings.outputs)):
            raise _Unplaced(
                f"{path!r} leads outside the project (to {real}); only files inside the project can be included"
            )
        if not real.is_file():
            raise _Unplaced(f"{path!r} is not a regular file")
        return str(real)

    def read_lines(self, path: str) -> list[str]:
        text = files.read_utf8(Path(path), _Unplaced, self.settings.rel(Path(path)))
        if "\0" in text:
            raise _Unplaced(
                f"{self.settings.rel(Path(path))} is binary, not text: show it as an image or a link, not with --8<--"
            )
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return text.split("\n") if text else []

    def _is_output(self, path: str) -> bool:
        return Path(path).resolve().is_relative_to(self.settings.outputs.resolve())

    # outputs are text
    def process_snippet_lines(self, lines: list[str], target: dict) -> list[str]:
        lines = super().process_snippet_lines(lines, target)
        if not self._is_output(target["snippet"]):
            return lines
        escaped = []
        for line in lines:  # one more `;`: parse_snippets takes one off, and includes nothing
            m = self.RE_ALL_SNIPPETS.match(line)
            if m:
                line = line[: m.start("escape")] + ";" + line[m.start("escape") :]
            elif target["section"] is None:
                m2 = self.match_section(line)
                if m2:
                    line = line[: m2.start("escape")] + ";" + line[m2.start("escape") :]
            escaped.append(line)
        return escaped

    def run(self, lines: list[str]) -> list[str]:
        self.seen: set[str] = set()
        self.bases = None
        self.failed: set[str] = set()
        out: list[str] = []
        plain: list[str] = []
        index = 0
        for fence in fences(lines):
            body = lines[fence.start + 1 : fence.end]
            if not fence.closed or not any(self._includes(line) for line in body):
                continue  # an unclosed fence is read by pymdownx as plain lines
            plain.extend(lines[index : fence.start])
            out.extend(self.parse_snippets(plain))
            plain = []
            expanded = self.parse_snippets(body)
            char = fence.marker[0]
            longest = max((len(run) for line in expanded for run in re.findall(re.escape(char) + "+", line)), default=0)
            marker = char * max(len(fence.marker), longest + 1)
            opening = FENCE.match(lines[fence.start])
            out.append(fence.indent + marker + opening.group("info"))  # type: ignore[union-attr]
            out.extend(expanded)
            out.append(re.sub(re.escape(char) + "+", marker, lines[fence.end], count=1))
            index = fence.end + 1
        plain.extend(lines[index:])
        out.extend(self.parse_snippets(plain))
        return out

    def _includes(self, line: str) -> bool:
        m = self.RE_ALL_SNIPPETS.match(line)
        return bool(m) and not m.group("escape")


class SnippetExtension(_PlainExtension):
    """pymdownx.snippets with the project's `Preprocessor`: MkDocs uses it in place of the plain
    extension (the plugin swaps it in), so the site reads includes exactly as decks and tests."""

    def __init__(self, settings: Settings, **kwargs):
        self.settings = settings
        super().__init__(**{**snippet_config(settings), **kwargs})

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        self.md = md
        md.registerExtension(self)
        config = self.getConfigs()
        snippet = Preprocessor(config, md, self.settings)
        md.preprocessors.register(snippet, "snippet", 32)


def use_in(config_extensions: list, mdx_configs: dict, settings: Settings) -> list:
    """MkDocs' markdown_extensions with pymdownx.snippets replaced by `SnippetExtension`."""
    options = {k: v for k, v in mdx_configs.pop("pymdownx.snippets", {}).items() if k not in snippet_config(settings)}
    return [SnippetExtension(settings, **options) if ext == "pymdownx.snippets" else ext for ext in config_extensions]


def _preprocessor(settings: Settings) -> Preprocessor:
    md = markdown.Markdown(extensions=[SnippetExtension(settings)])
    return md.preprocessors["snippet"]


def _problem(error: Exception) -> str:
    return str(error).rstrip(".")


def check(text: str, source: str, settings: Settings) -> None:
    """Raise IncludeError naming `source:line` for the first include that cannot be resolved,
    or that shows an output outside a fenced block (where it would be read as Markdown/HTML)."""
    pre = _preprocessor(settings)
    lines = text.splitlines()
    whole = len(lines) > 1  # one line alone (the deck checks its lines one by one): no fence to see
    fenced = {i for f in fences(lines) if f.closed for i in range(f.start + 1, f.end)}
    block_start: int | None = None
    for number, line in enumerate(lines, 1):
        index = number - 1
        m = pre.RE_ALL_SNIPPETS.match(line)
        if block_start is not None:
            if m and m.group("block_marker") and not m.group("escape"):
                block_start = None
                continue
            path = line.strip()
            if path and not path.startswith(";"):
                _check_one(pre, ["--8<--", path, "--8<--"], path, source, number, index in fenced or not whole)
            continue
        if not m or m.group("escape"):
            continue
        if m.group("block_marker"):
            block_start = number
            continue
        path = m.group("snippet")[1:-1].strip()
        _check_one(pre, [line.strip()], path, source, number, index in fenced or not whole)
    if block_start is not None:
        raise IncludeError(f"{source}:{block_start}: a block of includes (--8<--) is never closed")


def _check_one(pre: Preprocessor, lines: list[str], path: str, source: str, number: int, fenced: bool) -> None:
    try:
        pre.run(lines)
    except (SnippetMissingError, _Unplaced) as error:
        raise IncludeError(f"{source}:{number}: {_problem(error)}") from None
    except RecursionError:
        raise IncludeError(f"{source}:{number}: includes nest too deeply (a file includes itself?)") from None
    if path.startswith(OUTPUTS) and not fenced and not _is_figure(path):
        raise IncludeError(
            f"{source}:{number}: {path!r} is an output: include it inside a fenced "
            "block (```text) so that it shows as text"
        )


def _is_figure(path: str) -> bool:
    return path.split(":", 1)[0].lower().endswith((".svg", ".html"))


def expand(text: str, source: str, settings: Settings) -> str:
    """The text with every include replaced by what it names (exactly as MkDocs would)."""
    check(text, source, settings)
    try:
        return "\n".join(_preprocessor(settings).run(text.splitlines())) + "\n"
    except (SnippetMissingError, _Unplaced) as error:
        raise IncludeError(f"{source}: {_problem(error)}") from None


def snippet_name(path: str, settings: Settings | None = None) -> str | None:
    """The snippet an include path belongs to (its code or its outputs), or None."""
    folder = (settings.rel(settings.snippets) if settings else "snippets").rstrip("/") + "/"
    path = path.split(":", 1)[0] if not path.startswith("/") else path
    if path.startswith(folder) and path.endswith(".py"):
        return path[len(folder) : -3]
    if path.startswith(OUTPUTS):
        return path[len(OUTPUTS) :].rsplit("/", 1)[0]
    return None


def usage(pages: Iterable[Path], root: Path, settings: Settings | None = None) -> dict[str, list[str]]:
    """snippet name -> every `page:line` that includes its code or its outputs."""
    found: dict[str, list[str]] = defaultdict(list)
    for page in pages:
        try:
            lines = page.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for index, path in references(lines):
            name = snippet_name(path, settings)
            if name:
                found[name].append(f"{page.relative_to(root).as_posix()}:{index + 1}")
        for number, line in enumerate(lines, 1):  # images of outputs count as uses too
            for ref in re.findall(r"""(?:\]\(|src=["'])(?:\.\./)*(outputs/[^)"'\s]+)""", line):
                name = snippet_name(ref, settings)
                if name:
                    found[name].append(f"{page.relative_to(root).as_posix()}:{number}")
    return dict(found)


def pages(settings: Settings) -> list[Path]:
    """The Markdown sources that may include snippets: docs pages and decks."""
    root = settings.root
    return sorted([*(root / "docs").rglob("*.md"), *(root / "slides").rglob("*.md")])


__all__ = [
    "Fence",
    "IncludeError",
    "Preprocessor",
    "SnippetExtension",
    "check",
    "expand",
    "fences",
    "inline_path",
    "pages",
    "references",
    "snippet_config",
    "snippet_name",
    "usage",
    "use_in",
    "without_code",
]
