"""Stage 3b, decks: turn slides/<deck>.md (remark syntax) into a self-contained folder.

The folder holds index.html with the Markdown inside it (remark's `sourceUrl` loads nothing over
file://), remark.js and KaTeX from the verified asset cache, our stylesheet, and a copy of every
image the deck shows. It works from file:// with the network off.

A deck starts with a small front matter block naming its title and the docs chapter it belongs to:

    ---
    title: Hands-on Neural Networks
    chapter: neurons.md
    ---
"""

from __future__ import annotations

import html
import json
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from . import files, include
from .settings import Settings

FRONT_MATTER_KEYS = {"title": str, "chapter": str, "ratio": str}
# remark's slide properties; anything else at the top of a slide is a typo remark would swallow.
SLIDE_PROPERTIES = {"name", "class", "background-image", "count", "template", "layout", "exclude"}
BOOLEAN_PROPERTIES = {"count", "layout", "exclude"}
PROPERTY_LINE = re.compile(r"^([A-Za-z][\w-]*):(.*)$")
IMAGE_REFS = re.compile(r"""!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)|<img\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']""")
DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.S)
INLINE_MATH = re.compile(r"(?<![\\$\w])\$(?=\S)([^$\n]+?)(?<=\S)\$(?![\w$])")
VENDOR_SCRIPTS = (
    "vendor/remark-slide/out/remark.min.js",
    "vendor/katex/dist/katex.min.js",
)
VENDOR_STYLES = ("vendor/katex/dist/katex.min.css",)


class DeckError(ValueError):
    """Something in a deck source is wrong; the message starts with `file:line:`."""


@dataclass
class Deck:
    name: str
    title: str
    chapter: str
    ratio: str
    source: Path
    markdown: str  # after includes, math protected
    math: list[tuple[str, bool]]  # (TeX, display?) for each placeholder
    images: dict[str, Path]  # path as written in the deck -> file to copy
    slides: int  # slides a viewer steps through, incremental steps collapsed
    anchors: list[str] = field(default_factory=list)  # slide names: index.html#<name> opens it


def _read(path: Path) -> str:
    return files.read_utf8(path, DeckError)


def _front_matter(text: str, where: str) -> tuple[dict, str, int]:
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise DeckError(f"{where}:1: a deck starts with front matter: ---, title: …, chapter: …, ---")
    meta: dict = {}
    for number, line in enumerate(lines[1:], 2):
        if line.strip() == "---":
            missing = [k for k in ("title", "chapter") if k not in meta]
            if missing:
                raise DeckError(f"{where}:1: front matter lacks {', '.join(missing)}")
            return meta, "".join(lines[number:]), number + 1  # file line of the body's 1st
        key, sep, value = line.partition(":")
        key = key.strip()
        if not sep or key not in FRONT_MATTER_KEYS:
            known = ", ".join(sorted(FRONT_MATTER_KEYS))
            raise DeckError(f"{where}:{number}: unknown front matter line {line.strip()!r} "
                            f"(known keys: {known})")
        meta[key] = value.strip().strip("\"'")
    raise DeckError(f"{where}:1: front matter is not closed by a --- line")


Line = tuple[str, str]  # (text, "file:line" it came from)


def _outside_fences(lines: list[Line]):
    """Yield (index, text, place) of lines outside ``` fences."""
    fenced = False
    for index, (text, place) in enumerate(lines):
        if text.lstrip().startswith("```"):
            fenced = not fenced
            continue
        if not fenced:
            yield index, text, place


def _with_parts(body: str, where: str, offset: int, settings: Settings, depth: int = 0) -> list[Line]:
    """The deck's lines, each with its origin; `--8<-- "slides/<deck>/<part>.md"` lines are
    replaced by that part file's lines, so a long deck can live in several files."""
    out: list[Line] = []
    for number, text in enumerate(body.splitlines(), offset):
        m = include.INCLUDE_LINE.match(text)
        if m and m.group("path").endswith(".md"):
            part = settings.root / m.group("path")
            if depth > 3 or not part.is_file() or not part.resolve().is_relative_to(settings.root / "slides"):
                raise DeckError(f"{where}:{number}: deck part {m.group('path')!r} does not exist "
                                "under slides/")
            rel = part.relative_to(settings.root).as_posix()
            out.extend(_with_parts(_read(part), rel, 1, settings, depth + 1))
        else:
            out.append((text, f"{where}:{number}"))
    return out


def check_properties(lines: list[Line]) -> int:
    """Validate the properties at the top of every slide; return the number of slides."""
    starts = [0]
    slides = 1
    for index, text, _place in _outside_fences(lines):
        if text.rstrip() == "---":
            starts.append(index + 1)
            slides += 1
        elif text.rstrip() == "--":
            starts.append(index + 1)
    for start in starts:
        index = start
        while index < len(lines) and (lines[index][0] == "" or PROPERTY_LINE.match(lines[index][0])):
            if lines[index][0] == "":  # remark reads properties after blank lines too (`^\n*key:`)
                index += 1
                continue
            key, value = PROPERTY_LINE.match(lines[index][0]).groups()
            place = lines[index][1]
            if key not in SLIDE_PROPERTIES:
                raise DeckError(f"{place}: unknown slide property {key!r} "
                                f"(remark knows: {', '.join(sorted(SLIDE_PROPERTIES))})")
            if key in BOOLEAN_PROPERTIES and value.strip() not in ("true", "false"):
                raise DeckError(f"{place}: slide property {key!r} takes true or false, "
                                f"not {value.strip()!r}")
            index += 1
    return slides


def _images(lines: list[Line], settings: Settings) -> dict[str, Path]:
    found = {}
    slides_dir = settings.root / "slides"
    for _index, text, place in _outside_fences(lines):
        for match in IMAGE_REFS.finditer(text):
            ref = match.group(1) or match.group(2)
            if re.match(r"^[a-z]+:", ref):
                raise DeckError(f"{place}: image {ref!r} would load from the network; "
                                "draw it with a snippet or keep it beside the deck")
            if ".." in Path(ref).parts or ref.startswith("/"):
                raise DeckError(f"{place}: image path {ref!r} must stay inside the deck "
                                "(write outputs/<chapter>/<example>/<file> or a path under slides/)")
            for base in (slides_dir, settings.outputs.parent):
                candidate = base / ref
                if candidate.is_file():
                    found[ref] = candidate
                    break
            else:
                raise DeckError(f"{place}: image {ref!r} does not exist "
                                f"(looked in slides/ and {settings.outputs.parent.name}/)")
    return found


def _check_includes(lines: list[Line], settings: Settings) -> None:
    for text, place in lines:
        if include.INCLUDE_LINE.match(text):
            try:
                include.check(text, place, settings)
            except include.IncludeError as error:  # "file:line:1: message" -> "file:line: message"
                raise DeckError(f"{place}: {str(error).split(': ', 1)[1]}") from None


def _protect_math(text: str) -> tuple[str, list[tuple[str, bool]]]:
    """Swap each $…$ and $$…$$ outside code for a placeholder remark's Markdown leaves alone."""
    math: list[tuple[str, bool]] = []

    def stash(display: bool):
        def swap(match: re.Match) -> str:
            math.append((match.group(1).strip(), display))
            return f"%%math{len(math) - 1}%%"
        return swap

    out, prose = [], []

    def flush() -> None:
        if prose:
            chunk = "\n".join(prose)
            pieces = re.split(r"(`+[^`]*`+)", chunk)  # leave inline code as it is
            for i in range(0, len(pieces), 2):
                pieces[i] = INLINE_MATH.sub(stash(False), DISPLAY_MATH.sub(stash(True), pieces[i]))
            out.append("".join(pieces))
            prose.clear()

    fenced = False
    for line in text.split("\n"):
        if line.lstrip().startswith("```"):
            if not fenced:
                flush()
            fenced = not fenced
            out.append(line)
        elif fenced:
            out.append(line)
        else:
            prose.append(line)
    flush()
    return "\n".join(out), math


def load(source: Path, settings: Settings) -> Deck:
    """Read, check and expand one deck; every problem raises DeckError naming file and line."""
    where = source.relative_to(settings.root).as_posix() if source.is_relative_to(settings.root) \
        else str(source)
    text = _read(source)
    meta, body, offset = _front_matter(text, where)
    lines = _with_parts(body, where, offset, settings)
    slides = check_properties(lines)
    images = _images(lines, settings)
    _check_includes(lines, settings)
    expanded = include.expand("\n".join(text for text, _ in lines), where, settings)
    named, anchors = name_slides(expanded)
    protected, math = _protect_math(named)
    return Deck(name=source.stem, title=meta["title"], chapter=meta["chapter"],
                ratio=meta.get("ratio", "16:9"), source=source, markdown=protected, math=math,
                images=images, slides=slides, anchors=anchors)


def slug(title: str) -> str:
    """`## Dropout in Keras` -> `dropout-in-keras` (the same words MkDocs' anchors keep)."""
    text = re.sub(r"[`*_$\\]|\[|\]\([^)]*\)", "", title).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "slide"


def name_slides(markdown: str) -> tuple[str, list[str]]:
    """Give every slide without a `name:` one made from its first heading, so each slide has a
    stable address (`index.html#dropout-in-keras`) that survives slides added before it."""
    chunks, current, fenced = [], [], False
    for line in markdown.split("\n"):
        if line.lstrip().startswith("```"):
            fenced = not fenced
        if not fenced and line.rstrip() == "---":
            chunks.append(current)
            current = []
        else:
            current.append(line)
    chunks.append(current)
    anchors: list[str] = []
    out = []
    for chunk in chunks:
        props = {}
        index = 0
        while index < len(chunk) and (PROPERTY_LINE.match(chunk[index]) or
                                      (not chunk[index].strip() and not props)):
            m = PROPERTY_LINE.match(chunk[index])
            if m:
                props[m.group(1)] = m.group(2).strip()
            index += 1
        if "name" in props:
            anchors.append(props["name"])
        elif props.get("layout") != "true":
            heading = next((re.sub(r"^#+\s*", "", line) for line in chunk if re.match(r"^#{1,3} ", line)), None)
            if heading:
                base = slug(heading)
                name, n = base, 2
                while name in anchors:
                    name, n = f"{base}-{n}", n + 1
                anchors.append(name)
                chunk = [f"name: {name}", *chunk]
        out.append("\n".join(chunk))
    return "\n---\n".join(out), anchors


def chapter_url(chapter: str, directory_urls: bool = True) -> str:
    """The site URL of a docs page, relative to a deck at /slides/<deck>/index.html.

    With MkDocs' `use_directory_urls` (the default) `neurons.md` is served as `neurons/`; without
    it (the offline site, opened from file://) as `neurons.html`, and the home page as index.html.
    """
    page = chapter[:-3] if chapter.endswith(".md") else chapter
    if not directory_urls:
        return "../../" + (page or "index") + ".html"
    page = "" if page in ("index", "") else (page[:-6] if page.endswith("/index") else page) + "/"
    return "../../" + page


def render(deck: Deck, directory_urls: bool = True) -> str:
    """index.html for a deck: remark.js, KaTeX, our stylesheet, the Markdown inline."""
    scripts = "\n".join(f'<script src="{s}"></script>' for s in VENDOR_SCRIPTS)
    styles = "\n".join(f'<link rel="stylesheet" href="{s}">' for s in (*VENDOR_STYLES, "deck.css"))
    math = json.dumps(deck.math).replace("</", "<\\/")
    options = json.dumps({
        "ratio": deck.ratio, "highlightLines": True, "highlightSpans": True,
        "countIncrementalSlides": False, "navigation": {"scroll": False},
        "slideNumberFormat": "%current% / %total%",
    })
    return TEMPLATE.format(
        title=html.escape(deck.title), styles=styles, scripts=scripts,
        source=html.escape(deck.markdown, quote=False), math=math, options=options,
        chapter=html.escape(chapter_url(deck.chapter, directory_urls)),
    )


def build(source: Path, out_dir: Path, settings: Settings, vendor: dict[str, Path],
          directory_urls: bool = True) -> Deck:
    """Write the deck's folder to out_dir (replaced whole, only once everything succeeded)."""
    deck = load(source, settings)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=out_dir.parent, prefix=f".{out_dir.name}-"))
    try:
        (tmp / "index.html").write_text(render(deck, directory_urls), encoding="utf-8")
        (tmp / "deck.css").write_text(
            resources.files("handson").joinpath("deck.css").read_text(encoding="utf-8"),
            encoding="utf-8")
        for rel, path in vendor.items():
            if rel.startswith(("vendor/remark-slide/", "vendor/katex/")):
                (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, tmp / rel)
        for rel, path in deck.images.items():
            (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, tmp / rel)
        files.swap_in(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return deck


TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
{styles}
</head>
<body>
<textarea id="source">
{source}
</textarea>
<a class="deck-home" href="{chapter}" title="the chapter of the course notes this deck belongs to">&#8617; course notes</a>
{scripts}
<script>
var slideshow = remark.create(Object.assign({options}, {{source: document.getElementById("source").value}}));
(function () {{
  var math = {math};
  var token = /%%math(\\d+)%%/g;
  function typeset(root) {{
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT), nodes = [];
    while (walker.nextNode()) {{ if (walker.currentNode.nodeValue.indexOf("%%math") >= 0) nodes.push(walker.currentNode); }}
    nodes.forEach(function (node) {{
      var span = document.createElement("span");
      span.innerHTML = node.nodeValue.replace(/[&<>]/g, function (c) {{
        return {{"&": "&amp;", "<": "&lt;", ">": "&gt;"}}[c];
      }}).replace(token, function (_, i) {{
        var m = math[+i];
        return katex.renderToString(m[0], {{displayMode: m[1], throwOnError: false}});
      }});
      node.parentNode.replaceChild(span, node);
    }});
  }}
  typeset(document.body);
}})();
</script>
</body>
</html>
"""
