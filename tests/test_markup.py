"""No markup leaks: the built pages and the decks as remark renders them show no Markdown-extension
syntax that was left unrendered: a `++key++` (pymdownx.keys), a raw `--8<--` include line, a
remark `.class[` that did not become an element, or `$…$` math left as text. (The notebook pages
are checked with NOTEBOOK_JS in the walk of test_notebooks.py, which loads each of them once.)"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .browser import browser

pytestmark = [pytest.mark.slow]

INCLUDE = re.compile(r"^[ \t]*-+8<-+.*$", re.M)  # in text or a code block: an include that did not run
PROSE = {  # in running text, outside code and rendered math
    "++key++ (pymdownx.keys)": re.compile(r"\+\+[\w-]+(\+[\w-]+)*\+\+"),
    "remark .class[": re.compile(r"(?<![\w/])\.[a-z][\w-]*(\.[\w-]+)*\["),
    "$…$ math as text": re.compile(r"(?<![\w$\\])\$(?=[^\s$])[^$\n]+?(?<=[^\s$])\$(?![\w$])"),
}
SKIP = {"code", "pre", "script", "style", "textarea", "kbd"}  # source shown on purpose


class _Text(HTMLParser):
    """A page's text, split into running text and code blocks (<pre>). Inline code shows syntax
    on purpose and is left out, and so is the math source pymdownx.arithmatex leaves for KaTeX."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.prose: list[str] = []
        self.code: list[str] = []
        self._stack: list[tuple[str, bool]] = []

    def _hidden(self) -> bool:
        return any(skip for _, skip in self._stack)

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "input", "meta", "link", "hr", "wbr", "source"):
            return
        classes = (dict(attrs).get("class") or "").split()
        self._stack.append((tag, tag in SKIP or "arithmatex" in classes))

    def handle_endtag(self, tag):
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if any(tag == "pre" for tag, _ in self._stack):
            self.code.append(data)
        elif not self._hidden():
            self.prose.append(data)


def leaks(prose: str, code: str) -> list[str]:
    found = [f"raw include: {m.group(0).strip()}" for m in INCLUDE.finditer(prose + "\n" + code)]
    for what, pattern in PROSE.items():
        found += [f"{what}: {prose[max(0, m.start() - 30) : m.end() + 30]!r}" for m in pattern.finditer(prose)]
    return found


def page_text(path: Path) -> tuple[str, str]:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return "".join(parser.prose), "\n".join(parser.code)


def test_the_scanner_finds_each_kind_of_leak():
    prose = 'Press ++ctrl+c++ to copy. .left-column[Left] costs $x_1 + w$ here.\n--8<-- "snippets/a.py"'
    found = leaks(prose, "")
    assert [line.split(":")[0] for line in found] == [
        "raw include",
        "++key++ (pymdownx.keys)",
        "remark .class[",
        "$…$ math as text",
    ]
    # prices, file names and rendered keys are not leaks
    assert leaks("It costs $5 or $6. See model.keras, e.g. [1]. Press Ctrl+C.", "") == []
    # an include left in a code block is a leak too
    assert leaks("", 'x = 1\n--8<-- "snippets/b.py"') == ['raw include: --8<-- "snippets/b.py"']


def test_no_page_of_the_site_shows_unrendered_markup(site):
    found = {}
    for path in sorted(site.rglob("*.html")):
        if {"slides", "notebooks"} & set(path.relative_to(site).parts):
            continue  # decks and notebook pages have their Markdown or math rendered in the browser: below
        problems = leaks(*page_text(path))
        if problems:
            found[path.relative_to(site).as_posix()] = problems
    assert found == {}


def test_slide_decks_page_shows_keys_as_keys(site):
    html = (site / "slides.html").read_text(encoding="utf-8")
    for key in ("p", "c", "h"):
        assert re.search(rf'<kbd class="key-{key}">{key.upper()}</kbd>', html), key


RENDERED_JS = """() => {
  const area = document.querySelector('.remark-slides-area').cloneNode(true);
  const code = Array.from(area.querySelectorAll('pre')).map(e => e.textContent).join('\\n');
  area.querySelectorAll('code, pre, .katex, .remark-slide-number').forEach(e => e.remove());
  return [area.textContent, code];
}"""


NOTEBOOK_JS = """() => {
  const area = document.querySelector('.md-content').cloneNode(true);
  const code = Array.from(area.querySelectorAll('pre')).map(e => e.textContent).join('\\n');
  // code cells and what they print show source on purpose; Markdown cells and the page are prose
  area.querySelectorAll('code, pre, .katex, script, style, .jp-InputArea, .jp-OutputArea')
    .forEach(e => e.remove());
  return [area.textContent, code];
}"""


@pytest.mark.browser
def test_no_deck_shows_unrendered_markup(site):
    found = {}
    with browser() as chromium:
        page = chromium.new_page()
        for index in sorted((site / "slides").glob("*/index.html")):
            page.goto(index.as_uri())
            page.wait_for_function("typeof slideshow !== 'undefined'")
            prose, code = page.evaluate(RENDERED_JS)
            problems = leaks(prose, code)
            if problems:
                found[index.parent.name] = problems
        page.close()
    assert found == {}
