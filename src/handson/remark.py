"""One reader of remark's Markdown, ported from remark.js 0.14.0 (the version the decks run on).

remark.js splits a deck in three steps, and this module follows each one rule for rule so the
builder, its checks and the tests see the slides remark.js will show:

- `cleanInput` + `Lexer` (src/remark/parser.js, src/remark/lexer.js): indented code, inline code,
  `.class[...]` content blocks, ``` and ~~~ fences, link definitions, macros, the `---`/`--`
  separators and `???` are found by one combined regular expression, applied again and again at
  the start of what is left. Separators inside code, fences or a `.class[...]` block are text.
- `Parser.parse`: slides are cut at separators (`--` marks the next one `continued`), the
  properties are read from the top of each slide's first text (`key: value` lines, blank lines
  between allowed, and `<!-- key: value -->` comments), `exclude` compared lowercased.
- `Slideshow.createSlides` (src/remark/models/slideshow.js, slide.js): `layout: true` slides
  become the template of the slides after them and are not shown, `template: name` and
  continued slides inherit properties (`class` is joined, `name`, `layout`, `count` never), and
  `countIncrementalSlides: false` marks continued slides `count: false`.

Every token keeps its place in the source, so a finding becomes `file:line`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# src/remark/lexer.js at v0.14.0, in Python's dialect: JavaScript's `$` (no m flag) is the end of
# the text, which Python spells `\Z` (its `$` would also match before a last newline).
_PARTS = {
    "CODE": r"(?:^|\n)( {4}[^\n]+\n*)+",
    "INLINE_CODE": r"`([^`]+?)`",
    "CONTENT": r"(?:\\)?((?:\.[a-zA-Z_\-][a-zA-Z\-_0-9]*)+)\[",
    "FENCES": r"(?:^|\n) *(`{3,}|~{3,}) *(?:\S+)? *\n(?:[\s\S]+?)\s*\4 *(?:\n+|\Z)",
    "DEF": r"(?:^|\n) *\[([^\]]+)\]: *<?([^\s>]+)>?(?: +[\"(]([^\n]+)[\")])? *(?:\n+|\Z)",
    "MACRO": r"!\[:([^\] ]+)([^\]]*)\](?:\(([^\)]*)\))?",
    "SEPARATOR": r"(?:^|\n)(---?)(?:\n|\Z)",
    "NOTES_SEPARATOR": r"(?:^|\n)(\?{3})(?:\n|\Z)",
}
BLOCK = re.compile(
    "|".join(
        _PARTS[k] for k in ("CODE", "INLINE_CODE", "CONTENT", "FENCES", "DEF", "MACRO", "SEPARATOR", "NOTES_SEPARATOR")
    )
)
MACRO_CALL = re.compile(_PARTS["MACRO"])  # ![:name args](obj)
INLINE = re.compile("|".join(_PARTS[k] for k in ("CODE", "INLINE_CODE", "CONTENT", "FENCES", "DEF", "MACRO")))
(
    CODE,
    INLINE_CODE,
    CONTENT,
    FENCES,
    DEF,
    DEF_HREF,
    DEF_TITLE,
    MACRO,
    MACRO_ARGS,
    MACRO_OBJ,
    SEPARATOR,
    NOTES_SEPARATOR,
) = range(1, 13)
# src/remark/parser.js extractProperties (JavaScript's \w is ASCII: spelled out here).
PROPERTY = re.compile(r"^\n*([-A-Za-z0-9_]+):([^$\n]*)|\n*(?:<!--\s*)([-A-Za-z0-9_]+):([^$\n]*?)(?:\s*-->)", re.I)
# The slide properties remark.js reads (models/slideshow.js, models/slide.js, views/slideView.js).
KNOWN_PROPERTIES = ("name", "class", "background-image", "count", "template", "layout", "exclude")
CODE_KINDS = ("code", "fences", "inline_code")  # tokens whose text remark shows as code


@dataclass
class Token:
    kind: str  # text, inline_code, code, fences, def, macro, separator, notes, content_start, content_end
    start: int  # offset in the cleaned source
    text: str  # the source it covers
    classes: str = ""  # content_start: "left-column"
    escaped: bool = False  # `\.class[...]`: remark shows it without the backslash

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass
class Property:
    key: str
    value: str
    offset: int  # where the key starts in the cleaned source
    comment: bool = False  # written as `<!-- key: value -->`


@dataclass
class Slide:
    """One slide of the source, as remark's parser and slideshow model see it."""

    start: int  # offset of the slide's first character in the cleaned source
    tokens: list[Token] = field(default_factory=list)
    own: list[Property] = field(default_factory=list)  # properties written on this slide
    continued: bool = False  # follows a `--`
    properties: dict[str, str] = field(default_factory=dict)  # after inheritance, as remark has them
    template_missing: Property | None = None  # `template: x` naming no earlier slide

    @property
    def excluded(self) -> bool:
        return self.own_value("exclude").lower() == "true"

    @property
    def layout(self) -> bool:
        return self.own_value("layout") == "true"

    @property
    def name(self) -> str | None:
        return self.own_value("name") or None

    @property
    def shown(self) -> bool:
        """In remark's slideshow.getSlides()."""
        return not self.excluded and not self.layout

    @property
    def counted(self) -> bool:
        """Has a slide number of its own (remark's slide-number component skips `count: false`)."""
        return self.properties.get("count") != "false"

    @property
    def notes(self) -> str:
        """The presenter notes: what follows the slide's `???` (remark keeps the last one's)."""
        starts = [i for i, t in enumerate(self.tokens) if t.kind == "notes"]
        return "".join(t.text for t in self.tokens[starts[-1] + 1 :]) if starts else ""

    def own_value(self, key: str, default: str = "") -> str:
        for prop in self.own:
            if prop.key == key:
                return prop.value
        return default


def clean_input(source: str) -> str:
    """parser.js cleanInput: when every line is indented, remove the common indentation."""
    widths = [len(m.group(1)) for m in re.finditer(r"^([ \t]*)[^ \t\n]", source, re.M)]
    if not widths or min(widths) == 0:
        return source
    return re.sub(rf"^[ \t]{{0,{min(widths)}}}", "", source, flags=re.M)


def _brackets(src: str, offset: int) -> str | None:
    """lexer.js getTextInBrackets: the text up to the `]` matching an opened `[`."""
    depth, pos = 1, offset
    while depth > 0 and pos < len(src):
        char = src[pos]
        pos += 1
        depth += 1 if char == "[" else -1 if char == "]" else 0
    return src[offset : pos - 1] if depth == 0 else None


def _lex(src: str, regex: re.Pattern, base: int, tokens: list[Token]) -> list[Token]:
    start = len(tokens)
    while (cap := regex.search(src)) is not None:
        if cap.start() > 0:
            tokens.append(Token("text", base, src[: cap.start()]))
        at = base + cap.start()
        consumed = cap.end()
        if cap.group(CODE):
            tokens.append(Token("code", at, cap.group(0)))
        elif cap.group(INLINE_CODE):
            tokens.append(Token("inline_code", at, cap.group(0)))
        elif cap.group(FENCES):
            tokens.append(Token("fences", at, cap.group(0)))
        elif cap.group(DEF):
            tokens.append(Token("def", at, cap.group(0)))
        elif cap.group(MACRO):
            tokens.append(Token("macro", at, cap.group(0)))
        elif regex is BLOCK and cap.group(SEPARATOR):
            tokens.append(Token("separator", at, cap.group(0), classes=cap.group(SEPARATOR)))
        elif regex is BLOCK and cap.group(NOTES_SEPARATOR):
            tokens.append(Token("notes", at, cap.group(0)))
        elif cap.group(CONTENT):
            inner = _brackets(src, cap.end())
            if inner is None:
                tokens.append(Token("text", at, cap.group(0)))
            elif cap.group(0).startswith("\\"):
                tokens.append(Token("text", at, cap.group(0) + inner + "]", escaped=True))
                consumed += len(inner) + 1
            else:
                classes = cap.group(CONTENT)[1:].replace(".", " ")
                tokens.append(Token("content_start", at, cap.group(0), classes=classes))
                _lex(inner, INLINE, base + cap.end(), tokens)
                tokens.append(Token("content_end", base + cap.end() + len(inner), "]"))
                consumed += len(inner) + 1
        base += consumed
        src = src[consumed:]
    if src or len(tokens) == start:
        tokens.append(Token("text", base, src))
    return tokens


def lex(source: str) -> list[Token]:
    """The tokens of a cleaned source (see clean_input), in order, covering all of it."""
    return _lex(source, BLOCK, 0, [])


def _extract_properties(slide: Slide) -> None:
    """parser.js extractProperties on the slide's first content: the text up to its first
    `.class[` block (or `???`), link definitions left out."""
    chars: list[str] = []
    where: list[int] = []
    for token in slide.tokens:
        if token.kind in ("content_start", "notes"):
            break
        if token.kind in ("text", "inline_code", "code", "fences"):
            skip = 1 if token.escaped else 0
            chars.extend(token.text[skip:])
            where.extend(range(token.start + skip, token.end))
    text = "".join(chars)
    while (m := PROPERTY.search(text)) is not None:
        group = 1 if m.group(1) is not None else 3
        key, value = m.group(group).strip(), m.group(group + 1).strip()
        slide.own = [p for p in slide.own if p.key != key]
        slide.own.append(Property(key, value, where[m.start(group)], comment=group == 3))
        text = text[: m.start()] + text[m.end() :]
        del where[m.start() : m.end()]


def parse(source: str, count_incremental: bool | None = None) -> list[Slide]:
    """Every slide of a cleaned source, excluded and layout slides included (see Slide.shown);
    `count_incremental` is the deck's countIncrementalSlides option (None: not set)."""
    slides = [Slide(start=0)]
    for token in lex(source):
        if token.kind == "separator":
            slides.append(Slide(start=token.end, continued=token.classes == "--"))
        else:
            slides[-1].tokens.append(token)
    for slide in slides:
        _extract_properties(slide)
    _model(slides, count_incremental)
    return slides


def _inherit(slide: Slide, template: Slide) -> None:
    for key, value in template.properties.items():
        if key in ("name", "layout", "count"):
            continue
        if key == "class" and slide.properties.get("class"):
            slide.properties["class"] = f"{value}, {slide.properties['class']}"
        elif key == "class" or key not in slide.properties:
            slide.properties[key] = value


def _model(slides: list[Slide], count_incremental: bool | None) -> None:
    """models/slideshow.js createSlides and models/slide.js inheritProperties."""
    by_name: dict[str, Slide] = {}
    layout: Slide | None = None
    previous: Slide | None = None
    parsed = -1  # index among the slides the parser keeps
    for slide in slides:
        if slide.excluded:  # parser.js drops them before the model sees them
            continue
        parsed += 1
        # the separator sets `continued`, a `continued:` line of the slide overrides it
        slide.properties = {"continued": "true" if slide.continued else "false"}
        slide.properties.update((p.key, p.value) for p in slide.own)
        own = slide.properties
        continued = own["continued"] == "true"
        template = None
        if continued and parsed > 0:
            template = previous  # None when only layout slides came before
        elif own.get("template") in by_name:
            template = by_name[own["template"]]
        elif own.get("layout") == "false":
            layout = None
        elif layout is not None and own.get("layout") != "true":
            template = layout
        if "template" in own and own["template"] not in by_name:
            slide.template_missing = next(p for p in slide.own if p.key == "template")
        if continued and count_incremental is False and "count" not in own:
            own["count"] = "false"
        if template is not None:
            _inherit(slide, template)
        if slide.layout:
            layout = slide
        if slide.name:
            by_name[slide.name] = slide
        if not slide.layout:
            previous = slide


def shown(slides: list[Slide]) -> list[Slide]:
    """The slides remark's slideshow.getSlides() returns, in order."""
    return [s for s in slides if s.shown]


def code_spans(source: str) -> list[tuple[int, int]]:
    """(start, end) offsets of everything remark shows as code: fences, indented code, inline
    code. One answer for the builder, its checks and the tests."""
    return [(t.start, t.end) for t in lex(source) if t.kind in CODE_KINDS]


def line_of(source: str, offset: int) -> int:
    """1-based line number of an offset."""
    return source.count("\n", 0, offset) + 1
