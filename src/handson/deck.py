"""Stage 3b, decks: turn a remark deck (slides/<deck>.md, or any remark deck on disk) into a
self-contained folder.

The folder holds index.html with the Markdown inside it (remark's `sourceUrl` loads nothing over
file://), remark.js and KaTeX from the verified asset cache, our stylesheet, the lecturer's own
stylesheets, and a copy of every local file the deck shows or links (images, backgrounds, audio,
video, files its CSS uses). It works from file:// with the network off.

The deck is read by one reader, handson.remark, a port of remark.js's own lexer, parser and
slideshow model, so the builder sees the slides remark.js will show.

Front matter is optional. When present it names the deck's title, the docs chapter it belongs to
and remark's options:

    ---
    title: Hands-on Neural Networks
    chapter: neurons.md
    ratio: "16:9"
    css: [theme.css]
    ---

Without it the title is the first heading (else the file name) and there is no chapter link.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from urllib.parse import unquote

import jinja2
import yaml
from markdown.extensions.toc import slugify
from markupsafe import Markup

from . import files, include, motion, remark
from .settings import Settings

# remark 0.14.0's bundled highlight.js styles (tests/test_deck.py checks them against remark.min.js)
HIGHLIGHT_STYLES = frozenset(
    """agate androidstudio arduino-light arta ascetic atelier-cave-dark
atelier-cave-light atelier-dune-dark atelier-dune-light atelier-estuary-dark atelier-estuary-light
atelier-forest-dark atelier-forest-light atelier-heath-dark atelier-heath-light
atelier-lakeside-dark atelier-plateau-dark atelier-plateau-light atelier-savanna-dark
atelier-savanna-light atelier-seaside-dark atelier-seaside-light atelier-sulphurpool-dark
atelier-sulphurpool-light atom-one-dark atom-one-light brown-paper codepen-embed color-brewer
darcula dark darkula default docco dracula far foundation github-gist github googlecode
gruvbox-dark gruvbox-light hopscotch hybrid idea ir-black magula mono-blue monokai-sublime monokai
obsidian ocean paraiso-dark paraiso-light purebasic qtcreator_dark qtcreator_light railscasts
rainbow school-book solarized-light sunburst tomorrow-night-blue tomorrow-night-bright
tomorrow-night-eighties tomorrow-night tomorrow vs xcode xt256 zenburn""".split()
)
NAVIGATION_KEYS = ("scroll", "touch", "click")
# front matter key -> (check, what it takes); remark's options are passed to remark.create
FRONT_MATTER: dict[str, tuple] = {
    "title": (lambda v: isinstance(v, str) and v.strip(), "a text"),
    "chapter": (lambda v: isinstance(v, str) and v.endswith(".md"), "a docs page, e.g. neurons.md"),
    "ratio": (lambda v: isinstance(v, str) and re.fullmatch(r"\d+:\d+", v), 'a ratio in quotes, e.g. "16:9"'),
    "highlightStyle": (
        lambda v: v in HIGHLIGHT_STYLES,
        "one of remark's highlight styles (github, monokai, solarized-light, ...)",
    ),
    "highlightLines": (lambda v: isinstance(v, bool), "true or false"),
    "highlightSpans": (lambda v: isinstance(v, bool), "true or false"),
    "countIncrementalSlides": (lambda v: isinstance(v, bool), "true or false"),
    "slideNumberFormat": (lambda v: isinstance(v, str), "a text such as '%current% / %total%'"),
    "navigation": (
        lambda v: (
            isinstance(v, dict) and set(v) <= set(NAVIGATION_KEYS) and all(isinstance(x, bool) for x in v.values())
        ),
        "a mapping of scroll, touch, click to true or false",
    ),
    "css": (
        lambda v: isinstance(v, str) or (isinstance(v, list) and v and all(isinstance(x, str) for x in v)),
        "a stylesheet path or a list of them, relative to the deck",
    ),
}
REMARK_OPTIONS = (
    "ratio",
    "highlightStyle",
    "highlightLines",
    "highlightSpans",
    "countIncrementalSlides",
    "slideNumberFormat",
    "navigation",
)
DEFAULT_OPTIONS = {
    "ratio": "16:9",
    "highlightLines": True,
    "highlightSpans": True,
    "countIncrementalSlides": False,
    "navigation": {"scroll": False},
    "slideNumberFormat": "%current% / %total%",
}
BOOLEAN_PROPERTIES = {"count", "layout", "continued"}  # remark compares these with 'true'/'false' as written
# comments other tools read, which remark also takes for properties (and hides, like any comment)
TOOL_COMMENTS = ("pytest-codeblocks",)
MACROS = {"scale"}  # defined in deck.html.j2, as in remark's wiki
VENDOR_SCRIPTS = ("vendor/remark-slide/out/remark.min.js", "vendor/katex/dist/katex.min.js")
VENDOR_STYLES = ("vendor/katex/dist/katex.min.css",)
# Our own files written beside index.html; h13's accessibility script and style go here too.
OWN_STYLES = ("deck.css", "deck_a11y.css")
OWN_SCRIPTS: tuple[str, ...] = ("motion.js", "deck_a11y.js")  # they wait for remark.create()
# Interactive figures (src/handson/widgets/): a slide that holds <div class="conv-explorer" ...>
# gets the widget's script and stylesheet beside index.html; the site loads the same files.
WIDGETS = {"conv-explorer": ("widgets/conv-explorer.js", "widgets/conv-explorer.css")}
WIDGET_USE = re.compile(r"""class=["'][^"']*\b(?P<name>""" + "|".join(map(re.escape, WIDGETS)) + r")\b")
RESERVED = ("index.html", "vendor/", "widgets/", *OWN_STYLES, *OWN_SCRIPTS)

DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.S)
INLINE_MATH = re.compile(r"(?<![\\$\w])\$(?=\S)([^$\n]+?)(?<=\S)\$(?![\w$])")
# What a deck refers to. Loaded: the browser fetches it to show the slide (never from the network).
MD_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
MD_LINK = re.compile(r"(?<![!\]])\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
TAG = re.compile(r"<([a-zA-Z][\w-]*)\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
ATTRIBUTE = re.compile(r"""\b(src|href|poster|data)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)""")
CSS_IMPORT = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""")
LOADED_TAGS = {"img", "audio", "video", "source", "track", "embed", "iframe", "object", "script", "input"}
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


class DeckError(ValueError):
    """Something in a deck source is wrong; the message starts with `file:line:`."""


Line = tuple[str, str]  # (text, "file:line" it came from)


@dataclass
class Deck:
    name: str
    title: str
    chapter: str | None  # the docs page it belongs to, or None (a deck from elsewhere)
    options: dict  # remark.create's options
    source: Path
    markdown: str  # what remark gets: after includes, slide names added, math protected
    math: list[tuple[str, bool]]  # (TeX, display?) for each placeholder
    files: dict[str, Path]  # path as written in the deck -> file to copy beside index.html
    stylesheets: list[str]  # the lecturer's stylesheets, relative to index.html
    all_slides: list[remark.Slide]  # every slide of `markdown`, excluded and layout ones too
    anchors: list[str] = field(default_factory=list)  # slide names: index.html#<name> opens it

    @property
    def widgets(self) -> list[str]:
        """The interactive figures its slides use (keys of WIDGETS), in a stable order."""
        return sorted({m["name"] for m in WIDGET_USE.finditer(self.markdown)})

    def widget_files(self, kind: str) -> list[str]:
        return [f for name in self.widgets for f in WIDGETS[name] if f.endswith(kind)]

    @property
    def shown(self) -> list[remark.Slide]:
        """The slides remark.js's slideshow.getSlides() returns."""
        return remark.shown(self.all_slides)

    @property
    def slides(self) -> int:
        """Slides a viewer steps through, incremental steps collapsed (remark's %total%)."""
        return sum(1 for s in self.shown if not s.properties.get("continued") == "true")

    def slide_list(self) -> list[dict]:
        """What the browser tests compare with remark.js: one entry per slide of getSlides()."""
        return [
            {
                "name": s.properties.get("name"),
                "count": s.properties.get("count"),
                "continued": s.properties.get("continued"),
                "class": s.properties.get("class"),
            }
            for s in self.shown
        ]


def _read(path: Path, where: str) -> str:
    return files.read_utf8(path, DeckError, where).replace("\r\n", "\n")


def inside(path: Path, folder: Path) -> bool:
    """`path` (symbolic links followed) stays inside `folder`."""
    return path.resolve().is_relative_to(folder.resolve())


# ---- front matter ------------------------------------------------------------------------------

FRONT_LINE = re.compile(r"^(?:[A-Za-z][\w-]*:.*|\s+.*|#.*|)$")


def front_matter(text: str, where: str) -> tuple[dict, int]:
    """(front matter, number of lines it takes). A deck has front matter when it opens with a
    `---` line and a YAML block closed by `---` naming at least one key that is not a remark
    slide property; otherwise the first lines are remark's (a first slide's properties)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return {}, 0
    end = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() == "---"), None)
    if end is None or not all(FRONT_LINE.match(line) for line in lines[1:end]):
        return {}, 0
    try:
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = 2 + (mark.line if mark else 0)
        raise DeckError(f"{where}:{line}: front matter is not valid YAML ({error})") from None
    if not isinstance(meta, dict) or set(meta) <= set(remark.KNOWN_PROPERTIES) | {"continued"}:
        return {}, 0
    for key, value in meta.items():
        number = 1 + next(i for i, line in enumerate(lines[1:end], 1) if line.startswith(f"{key}:"))
        if key not in FRONT_MATTER:
            raise DeckError(
                f"{where}:{number}: unknown front matter key {key!r} (known: {', '.join(sorted(FRONT_MATTER))})"
            )
        check, takes = FRONT_MATTER[key]
        if not check(value):
            raise DeckError(f"{where}:{number}: front matter {key!r} takes {takes}, not {value!r}")
        meta[key] = value
    meta["_lines"] = {
        key: 1 + next(i for i, line in enumerate(lines[1:end], 1) if line.startswith(f"{key}:")) for key in meta
    }
    return meta, end + 1


# ---- parts -------------------------------------------------------------------------------------


def _with_parts(
    text: str, where: str, offset: int, folder: Path, settings: Settings, seen: tuple[Path, ...]
) -> list[Line]:
    """The deck's lines, each with its origin; `--8<-- "slides/<deck>/<part>.md"` lines are
    replaced by that part's lines, so a long deck can live in several files."""
    out: list[Line] = []
    for number, line in enumerate(text.split("\n"), offset):
        ref = include.inline_path(line) or ""
        if not ref.endswith(".md"):
            out.append((line, f"{where}:{number}"))
            continue
        candidates = [settings.root / ref, folder / ref]
        part = next((c for c in candidates if c.is_file()), None)
        if part is None:
            raise DeckError(f"{where}:{number}: deck part {ref!r} does not exist")
        if not (inside(part, folder) or inside(part, settings.root / "slides")):
            raise DeckError(f"{where}:{number}: deck part {ref!r} is outside the deck's folder")
        if part.resolve() in seen:
            chain = " -> ".join(p.name for p in (*seen, part.resolve()))
            raise DeckError(f"{where}:{number}: deck part {ref!r} includes itself ({chain})")
        rel = _where(part, settings)
        out.extend(_with_parts(_read(part, rel), rel, 1, folder, settings, (*seen, part.resolve())))
    return out


def _where(path: Path, settings: Settings) -> str:
    path = path.resolve()
    return path.relative_to(settings.root).as_posix() if path.is_relative_to(settings.root) else str(path)


# ---- what a deck refers to ---------------------------------------------------------------------


@dataclass
class Ref:
    path: str  # as written
    place: str  # file:line
    loaded: bool  # fetched to show the slide (not a link to follow)
    what: str  # "image", "background-image", "<audio>", ...


def _refs_in_text(text: str, place_of) -> list[Ref]:
    """References in Markdown or HTML text; place_of(offset) -> file:line."""
    found = []
    for m in MD_IMAGE.finditer(text):
        found.append(Ref(m.group(1), place_of(m.start(1)), True, "image"))
    for m in MD_LINK.finditer(text):
        found.append(Ref(m.group(1), place_of(m.start(1)), False, "link"))
    for m in TAG.finditer(text):
        tag = m.group(1).lower()
        for a in ATTRIBUTE.finditer(m.group(2)):
            attr, value = a.group(1).lower(), a.group(2) if a.group(2) is not None else a.group(3)
            at = m.start(2) + a.start()
            if attr == "href" and tag not in ("a", "link"):
                continue
            loaded = tag in LOADED_TAGS or tag == "link"
            found.append(Ref(value, place_of(at), loaded, f"<{tag} {attr}>"))
    for m in CSS_URL.finditer(text):
        value = next(g for g in m.groups() if g is not None)
        found.append(Ref(value, place_of(m.start()), True, "url()"))
    return found


def _refs(slides: list[remark.Slide], source: str, places: list[str]) -> list[Ref]:
    def place_of(offset: int) -> str:
        return places[remark.line_of(source, offset) - 1]

    found: list[Ref] = []
    for slide in slides:
        for prop in slide.own:
            if prop.key == "background-image":
                for m in CSS_URL.finditer(prop.value):
                    value = next(g for g in m.groups() if g is not None)
                    found.append(Ref(value, place_of(prop.offset), True, "background-image"))
        for token in slide.tokens:
            if token.kind in ("text", "content_start"):
                found.extend(_refs_in_text(token.text, lambda o, t=token: place_of(t.start + o)))
            elif token.kind == "def":
                link = re.match(r"\s*\[[^\]]+\]: *<?([^\s>]+)", token.text)
                if link:
                    found.append(Ref(link.group(1), place_of(token.start + link.start(1)), False, "link"))
            elif token.kind == "macro":
                macro = remark.MACRO_CALL.match(token.text)
                if macro and macro.group(1) not in MACROS:
                    raise DeckError(
                        f"{place_of(token.start)}: remark macro {macro.group(1)!r} is not "
                        f"defined (this builder defines: {', '.join(sorted(MACROS))})"
                    )
                if macro and macro.group(3):
                    found.append(Ref(macro.group(3).strip(), place_of(token.start), True, "image"))
    return found


class Files:
    """The local files a deck uses, resolved, checked and given their place in the deck folder."""

    def __init__(self, folder: Path, settings: Settings, project_deck: bool):
        self.folder = folder.resolve()
        self.settings = settings
        self.project_deck = project_deck
        self.found: dict[str, Path] = {}

    def add(self, ref: Ref, base: Path | None = None) -> str | None:
        """Check one reference; return its path in the deck folder (None: nothing to copy)."""
        value = ref.path.strip()
        if not value or value.startswith("#") or value.startswith("data:") or "{{" in value:
            return None
        if re.match(r"^(https?:)?//", value):
            if ref.loaded:
                raise DeckError(
                    f"{ref.place}: {ref.what} {value!r} would load from the network, "
                    "and the deck must work offline: keep the file beside the deck"
                )
            return None
        if SCHEME.match(value):
            if ref.loaded or value.lower().startswith("file:"):
                raise DeckError(f"{ref.place}: {ref.what} {value!r} is not a file beside the deck")
            return None  # mailto:, tel:, javascript: links
        rel = unquote(re.split(r"[?#]", value, maxsplit=1)[0])
        if not rel:
            return None
        base = base or self.folder
        candidates = [base / rel]
        if self.project_deck and rel.startswith("outputs/") and base == self.folder:
            # the outputs folder, wherever pyproject.toml's [tool.handson] outputs puts it
            candidates.append(self.settings.outputs / rel[len("outputs/") :])
        roots = [self.folder, self.settings.outputs.resolve()] if self.project_deck else [self.folder]
        if rel.startswith("/") or not any(inside(c, r) for c in candidates for r in roots):
            raise DeckError(
                f"{ref.place}: {ref.what} {value!r} leaves the deck's folder ({self.folder}); keep the file inside it"
            )
        path = next((c.resolve() for c in candidates if c.is_file()), None)
        if path is None:
            if not ref.loaded and any(c.is_dir() for c in candidates):
                return None  # a link to a folder (a site page): nothing to copy
            raise DeckError(
                f"{ref.place}: {ref.what} {value!r} does not exist "
                f"(looked in {', '.join(_short(c.parent, self.settings) for c in candidates)})"
            )
        target = (path.resolve().relative_to(self.folder) if inside(path, self.folder) else Path(rel)).as_posix()
        if target in RESERVED or target.startswith("vendor/"):
            raise DeckError(
                f"{ref.place}: {ref.what} {value!r} has a name the builder uses ({target}); rename the file"
            )
        if self.found.get(target, path) != path:
            raise DeckError(f"{ref.place}: {value!r} and another file would both be copied to {target}")
        new = target not in self.found
        self.found[target] = path
        if new and path.suffix.lower() == ".css":
            self.stylesheet(path, _short(path, self.settings))
        return target

    def stylesheet(self, path: Path, where: str) -> None:
        """Every url() and @import of a stylesheet: relative to the stylesheet, inside the deck."""
        text = _read(path, where)
        for pattern in (CSS_URL, CSS_IMPORT):
            for m in pattern.finditer(text):
                value = next(g for g in m.groups() if g is not None)
                place = f"{where}:{remark.line_of(text, m.start())}"
                self.add(Ref(value, place, True, "url()" if pattern is CSS_URL else "@import"), base=path.parent)


def _short(path: Path, settings: Settings) -> str:
    return _where(path, settings) if path.resolve().is_relative_to(settings.root) else str(path)


# ---- slide checks ------------------------------------------------------------------------------


def check_slides(slides: list[remark.Slide], source: str, places: list[str]) -> None:
    """Every property is one remark knows, with a value remark understands."""
    for slide in slides:
        for prop in slide.own:
            place = places[remark.line_of(source, prop.offset) - 1]
            if prop.comment and prop.key.startswith(TOOL_COMMENTS):
                continue  # e.g. <!--pytest-codeblocks:cont-->: remark takes it for a property too
            if prop.key not in (*remark.KNOWN_PROPERTIES, "continued"):
                raise DeckError(
                    f"{place}: unknown slide property {prop.key!r} (remark knows: "
                    f"{', '.join(sorted(remark.KNOWN_PROPERTIES))}); remark would "
                    "swallow the line"
                )
            if prop.key in BOOLEAN_PROPERTIES and prop.value not in ("true", "false"):
                raise DeckError(
                    f"{place}: slide property {prop.key!r} takes true or false "
                    f"(lowercase, as remark compares it), not {prop.value!r}"
                )
            if prop.key == "exclude" and prop.value.lower() not in ("true", "false"):
                raise DeckError(f"{place}: slide property 'exclude' takes true or false, not {prop.value!r}")
        if slide.template_missing is not None:
            prop = slide.template_missing
            place = places[remark.line_of(source, prop.offset) - 1]
            raise DeckError(f"{place}: template {prop.value!r} names no slide before this one")


# ---- names and math ----------------------------------------------------------------------------

HEADING = re.compile(r"^ {0,3}#{1,3}[ \t]+(.+?)[ \t#]*$", re.M)


def slug(title: str) -> str:
    """`## Dropout in Keras` -> `dropout-in-keras`: MkDocs' own toc slugify (the one mkdocs.yml
    uses), so `Rétropropagation` becomes `retropropagation` on a page and on a slide alike."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", title)
    text = re.sub(r"[`*_$\\]|<[^>]+>", "", text)
    return slugify(text, "-") or "slide"


def _prose(slide: remark.Slide) -> str:
    """The slide's text outside code, up to its notes."""
    out = []
    for token in slide.tokens:
        if token.kind == "notes":
            break
        if token.kind in ("text", "content_start", "content_end"):
            out.append(token.text if token.kind == "text" else "\n")
    return "".join(out)


def name_slides(markdown: str, count_incremental: bool | None = False) -> tuple[str, list[str]]:
    """Give every shown slide without a `name:` one made from its first heading, so each slide has
    a stable address (`index.html#dropout-in-keras`) that survives slides added before it.
    Continued (`--`) steps keep none: the address opens their first step."""
    slides = remark.parse(markdown, count_incremental)
    taken = {s.name for s in slides if s.name}
    inserts = []
    for slide in slides:
        if not slide.shown or slide.name or slide.properties.get("continued") == "true":
            continue
        heading = HEADING.search(_prose(slide))
        if heading:
            base = name = slug(heading.group(1))
            n = 2
            while name in taken:
                name, n = f"{base}-{n}", n + 1
            taken.add(name)
            inserts.append((slide.start, f"name: {name}\n"))
    for offset, line in reversed(inserts):
        markdown = markdown[:offset] + line + markdown[offset:]
    named = remark.parse(markdown, count_incremental)
    return markdown, [s.name for s in remark.shown(named) if s.name]


def protect_math(text: str) -> tuple[str, list[tuple[str, bool]]]:
    """Swap each $…$ and $$…$$ outside code for a placeholder remark's Markdown leaves alone."""
    math: list[tuple[str, bool]] = []

    def stash(display: bool):
        def swap(match: re.Match) -> str:
            math.append((match.group(1).strip(), display))
            return f"%%math{len(math) - 1}%%"

        return swap

    out: list[str] = []
    prose: list[str] = []

    def flush() -> None:
        chunk = "".join(prose)
        out.append(INLINE_MATH.sub(stash(False), DISPLAY_MATH.sub(stash(True), chunk)))
        prose.clear()

    for token in remark.lex(text):
        if token.kind in remark.CODE_KINDS:
            flush()
            out.append(token.text)
        else:
            prose.append(token.text)
    flush()
    return "".join(out), math


# ---- the deck ----------------------------------------------------------------------------------


def load(source: Path, settings: Settings) -> Deck:
    """Read, check and expand one deck; every problem raises DeckError naming file and line."""
    source = source.resolve()
    where = _where(source, settings)
    folder = source.parent
    project_deck = inside(source, settings.root / "slides")
    text = _read(source, where)
    meta, skip = front_matter(text, where)
    body = "\n".join(text.split("\n")[skip:])
    lines = _with_parts(body, where, skip + 1, folder, settings, (source,))
    places = [place for _, place in lines]
    joined = remark.clean_input("\n".join(line for line, _ in lines))
    options = {**DEFAULT_OPTIONS, **{k: meta[k] for k in REMARK_OPTIONS if k in meta}}
    count_incremental = options.get("countIncrementalSlides")
    slides = remark.parse(joined, count_incremental)
    check_slides(slides, joined, places)
    used = Files(folder, settings, project_deck)
    for ref in _refs(slides, joined, places):
        used.add(ref)
    css = meta.get("css", [])
    stylesheets = []
    for path in [css] if isinstance(css, str) else css:
        target = used.add(Ref(path, f"{where}:{meta['_lines']['css']}", True, "css"))
        if target is None or not target.endswith(".css"):
            raise DeckError(f"{where}:{meta['_lines']['css']}: css {path!r} is not a .css file beside the deck")
        stylesheets.append(target)
    for line, place in lines:
        if include.inline_path(line) is not None:
            try:
                include.check(line, place, settings)
            except include.IncludeError as error:  # "file:line:1: message" -> "file:line: message"
                raise DeckError(f"{place}: {str(error).split(': ', 1)[1]}") from None
    expanded = remark.clean_input(include.expand(joined, where, settings))
    named, anchors = name_slides(expanded, count_incremental)
    protected, math = protect_math(named)
    chapter = meta.get("chapter")
    if chapter and not (settings.root / "docs" / chapter).is_file():
        raise DeckError(f"{where}:{meta['_lines']['chapter']}: chapter {chapter!r} is not a page of docs/")
    title = meta.get("title") or _first_heading(slides) or source.stem
    return Deck(
        name=source.stem,
        title=title,
        chapter=chapter,
        options=options,
        source=source,
        markdown=protected,
        math=math,
        files=used.found,
        stylesheets=stylesheets,
        all_slides=remark.parse(protected, count_incremental),
        anchors=anchors,
    )


def _first_heading(slides: list[remark.Slide]) -> str | None:
    for slide in slides:
        if slide.shown and (m := re.search(r"^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$", _prose(slide), re.M)):
            return re.sub(r"[`*_]|<[^>]+>", "", m.group(1)).strip()
    return None


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


TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("handson", "templates"),
    autoescape=jinja2.select_autoescape(["html", "html.j2"], default_for_string=True),
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
)


def _script_json(value) -> str:
    """JSON safe inside a <script> element."""
    return json.dumps(value).replace("</", "<\\/")


def render(deck: Deck, directory_urls: bool = True) -> str:
    """index.html for a deck: remark.js, KaTeX, our stylesheet, the Markdown inline."""
    return TEMPLATES.get_template("deck.html.j2").render(
        title=deck.title,
        source=deck.markdown,
        styles=[*VENDOR_STYLES, *OWN_STYLES, *deck.widget_files(".css"), *deck.stylesheets],
        scripts=[*VENDOR_SCRIPTS, *OWN_SCRIPTS, *deck.widget_files(".js")],
        options=Markup(_script_json(deck.options)),
        math=Markup(_script_json(deck.math)),
        chapter=chapter_url(deck.chapter, directory_urls) if deck.chapter else None,
    )


SWAPPED = re.compile(
    r'(<script type="application/json" id="deck-math">).*?(</script>)|(<textarea id="source">).*?(</textarea>)', re.S
)


def shell(html: str) -> str:
    """A deck page without what a running slideshow can take in place (its Markdown and its
    math, see the template's handsonDeckSwap): two pages with the same shell differ only there."""
    return SWAPPED.sub(lambda m: "".join(g for g in m.groups() if g), html)


def build(
    source: Path, out_dir: Path, settings: Settings, vendor: dict[str, Path], directory_urls: bool = True
) -> Deck:
    """Write the deck's folder to out_dir (replaced whole, only once everything succeeded)."""
    deck = load(source, settings)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=out_dir.parent, prefix=f".{out_dir.name}-"))
    files.world_readable(tmp)  # mkdtemp makes it 0700; a web server as another user must read it
    try:
        (tmp / "index.html").write_text(render(deck, directory_urls), encoding="utf-8")
        for name in (*OWN_STYLES, *OWN_SCRIPTS, *deck.widget_files("")):
            (tmp / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp / name).write_text(
                resources.files("handson").joinpath(name).read_text(encoding="utf-8"), encoding="utf-8"
            )
        for rel, path in vendor.items():
            if rel.startswith(("vendor/remark-slide/", "vendor/katex/")):
                (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, tmp / rel)
        for rel, path in deck.files.items():
            (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, tmp / rel)
        # beside each GIF its still, for motion.js's Pause button and reduced motion
        for rel, path in motion.stills(deck.files, settings.root / "build" / "stills").items():
            shutil.copyfile(path, tmp / rel)
        files.swap_in(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return deck
