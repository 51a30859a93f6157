"""remark.js is the judge: every deck the project builds, and fixture decks that use every feature of
remark's documentation, are opened from file:// in Chromium with the network off. The slides
remark.js reports (slideshow.getSlides(): their number, names, classes, which are continued or not
counted) must equal the builder's list, every request must succeed, none may leave file://, and
every image, background and media file must load."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from handson import assets, deck

from .browser import Recorder, browser
from .conftest import ROOT

pytestmark = [pytest.mark.browser]
FIXTURES = ROOT / "tests" / "fixtures" / "decks"
PROJECT_DECKS = sorted((ROOT / "slides").glob("*.md"))
FIXTURE_DECKS = sorted(FIXTURES.glob("*/slides.md"))
COURSE_DECKS = [p.stem for p in PROJECT_DECKS]

SLIDES_JS = """() => slideshow.getSlides().map(s => ({
  name: s.properties.name === undefined ? null : s.properties.name,
  count: s.properties.count === undefined ? null : s.properties.count,
  continued: s.properties.continued === undefined ? null : s.properties.continued,
  class: s.properties.class === undefined ? null : s.properties.class}))"""

# every element of the visible slide that loads something, and whether it did
MEDIA_JS = """async () => {
  const slide = document.querySelector('.remark-visible .remark-slide-content');
  const out = [];
  const bg = getComputedStyle(slide).backgroundImage;
  for (const m of bg.matchAll(/url\\("([^"]+)"\\)/g)) {
    out.push(await new Promise(done => { const i = new Image();
      i.onload = () => done(['background', m[1], i.naturalWidth > 0]);
      i.onerror = () => done(['background', m[1], false]); i.src = m[1]; }));
  }
  for (const el of slide.querySelectorAll('img')) {
    if (!el.complete) await new Promise(done => { el.onload = el.onerror = done; });
    out.push(['img', el.src, el.naturalWidth > 0]);
  }
  for (const el of slide.querySelectorAll('audio, video')) {
    el.preload = 'auto'; el.load();
    const ok = await new Promise(done => {
      if (el.readyState >= 1) return done(true);
      el.onloadedmetadata = () => done(true); el.onerror = () => done(false);
      for (const s of el.querySelectorAll('source')) s.onerror = () => done(false);
      setTimeout(() => done(el.readyState >= 1), 5000); });
    out.push([el.tagName.toLowerCase(), el.currentSrc || el.src, ok]);
  }
  return out;
}"""


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


@pytest.fixture(scope="module")
def vendor(project):
    return assets.asset_files(project)


def built(source: Path, tmp_path: Path, project, vendor) -> tuple[deck.Deck, Path]:
    out = tmp_path / source.parent.name / source.stem
    return deck.build(source, out, project, vendor, directory_urls=False), out


def open_deck(chromium, folder: Path):
    page = chromium.new_page(viewport={"width": 1280, "height": 720})
    rec = Recorder(page)
    page.goto((folder / "index.html").as_uri())
    page.wait_for_function("typeof slideshow !== 'undefined'")
    return page, rec


def judge(chromium, made: deck.Deck, folder: Path, loaded: list | None = None) -> list:
    """Step through every slide as remark shows it; return what failed to load (and add what
    loaded to `loaded`)."""
    page, rec = open_deck(chromium, folder)
    assert page.evaluate(SLIDES_JS) == made.slide_list()
    assert page.evaluate("slideshow.getSlideCount()") == len(made.shown)
    # remark's own %total%: the number on the last slide
    broken = []
    for number in range(1, len(made.shown) + 1):
        page.evaluate(f"slideshow.gotoSlide({number})")
        media = page.evaluate(MEDIA_JS)
        broken += [item for item in media if not item[2]]
        if loaded is not None:
            loaded += [item for item in media if item[2]]
    page.wait_for_load_state("networkidle")
    assert rec.errors == []
    assert rec.failed == []
    assert rec.foreign() == []
    page.close()
    return broken


@pytest.mark.parametrize("source", PROJECT_DECKS, ids=lambda p: p.stem)
def test_project_deck_slides_are_the_ones_remark_shows(chromium, outputs, vendor, tmp_path, source):
    made, folder = built(source, tmp_path, outputs, vendor)
    assert len(made.shown) > 20
    assert judge(chromium, made, folder) == []


@pytest.mark.parametrize("source", FIXTURE_DECKS, ids=lambda p: p.parent.name)
def test_fixture_deck_slides_are_the_ones_remark_shows(chromium, project, vendor, tmp_path, source):
    made, folder = built(source, tmp_path, project, vendor)
    assert judge(chromium, made, folder) == []


def test_a_third_party_deck_builds_unedited_from_anywhere_on_disk(chromium, project, vendor, tmp_path):
    """A lecture deck written for remark.js alone, no front matter, copied outside the project and
    built with `python -m handson deck`: every image, background and audio file loads."""
    import subprocess
    import sys

    lecture = tmp_path / "elsewhere" / "lecture"
    shutil.copytree(FIXTURES / "third-party", lecture)
    done = subprocess.run(
        [sys.executable, "-m", "handson", "deck", str(lecture / "slides.md"), "--out", str(tmp_path / "out")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "out" / "slides"
    made = deck.load(lecture / "slides.md", project)
    assert made.chapter is None and made.title == "Deep Learning, lecture 3: convolutions"
    excluded = [s.name for s in made.all_slides if s.excluded]
    assert excluded == ["old-intro", "spare"]
    page, _ = open_deck(chromium, folder)
    names = [s["name"] for s in page.evaluate(SLIDES_JS)]
    assert not set(excluded) & set(names)
    page.close()
    loaded: list = []
    assert judge(chromium, made, folder, loaded) == []
    kinds = {kind for kind, _, _ in loaded}
    assert kinds == {"background", "img", "audio"}
    assert any(src.endswith("figures/filters.jpg") for kind, src, _ in loaded if kind == "background")
    # what the deck names was copied beside it, the deck's own CSS and what that uses included
    for rel in (
        "figures/lenet.png",
        "figures/filters.jpg",
        "audio/intro.wav",
        "style/lecture.css",
        "style/paper.png",
        "notes/lecture3.pdf",
    ):
        assert (folder / rel).is_file(), rel


CODE_SIZES_JS = """() => {
  const slide = document.querySelector('.remark-visible .remark-slide-content');
  return Array.from(slide.querySelectorAll('pre, code, .remark-code'))
    .filter(el => el.textContent.trim() && !el.closest('.katex'))
    .map(el => [parseFloat(getComputedStyle(el).fontSize), el.textContent.trim().slice(0, 30)]);
}"""
BODY_SIZE_JS = """() => parseFloat(getComputedStyle(
  document.querySelector('.remark-visible .remark-slide-content')).fontSize)"""


@pytest.mark.parametrize("name", COURSE_DECKS)
def test_no_code_on_any_course_slide_is_under_16px(chromium, outputs, vendor, tmp_path, name):
    """Readable from the back of a room: code and outputs at least 16 px at remark's native slide
    size (computed sizes are before remark's scaling), body text at least 22 px, on every step."""
    _, folder = built(ROOT / "slides" / f"{name}.md", tmp_path, outputs, vendor)
    page, _ = open_deck(chromium, folder)
    small, seen = {}, 0
    for number in range(1, page.evaluate("slideshow.getSlideCount()") + 1):
        page.evaluate(f"slideshow.gotoSlide({number})")
        sizes = page.evaluate(CODE_SIZES_JS)
        seen += len(sizes)
        too_small = [s for s in sizes if s[0] < 16]
        if too_small:
            small[number] = too_small[:2]
        assert page.evaluate(BODY_SIZE_JS) >= 22
    page.close()
    assert seen > 10
    assert small == {}


def test_the_deck_font_stack_has_a_glyph_for_symbols_and_emoji():
    """¯\\_(ツ)_/¯, arrows and emoji on a slide: some font of deck.css's stack, installed on this
    machine (fontconfig: what Chromium uses), has each glyph, so none shows a missing-glyph box."""
    import re
    import subprocess
    from importlib import resources

    css = resources.files("handson").joinpath("deck.css").read_text(encoding="utf-8")
    stack = re.findall(r'"([^"]+)"', re.search(r"--sans:([^;]+);", css).group(1))
    for char in "ツ¯→≈✓🤯🎉":
        covering = subprocess.run(
            ["fc-list", f":charset={ord(char):x}", "family"], capture_output=True, text=True, check=True
        ).stdout
        families = {f.strip() for line in covering.splitlines() for f in line.split(",")}
        assert families & set(stack), f"no font of the deck's stack has {char!r}"


LAYOUT_JS = """() => {
  const slide = document.querySelector('.remark-visible .remark-slide-content');
  const frame = slide.getBoundingClientRect(), scale = frame.height / slide.offsetHeight;
  const box = el => el.getBoundingClientRect();
  const foot = box(slide.querySelector('.footnote'));
  const left = box(slide.querySelector('.left-column')), right = box(slide.querySelector('.right-column'));
  return {footnoteGap: (frame.bottom - foot.bottom) / scale, sideBySide: left.right <= right.left + 1
          && Math.abs(left.top - right.top) < 2};
}"""


def test_footnotes_sit_at_the_bottom_and_columns_side_by_side(chromium, project, vendor, tmp_path):
    made, folder = built(FIXTURES / "features" / "slides.md", tmp_path, project, vendor)
    page, _ = open_deck(chromium, folder)
    page.evaluate(f"slideshow.gotoSlide({[s.name for s in made.shown].index('classes') + 1})")
    layout = page.evaluate(LAYOUT_JS)
    assert 0 <= layout["footnoteGap"] <= 40 and layout["sideBySide"]
    tables = [s.name for s in made.shown].index("images-macro-table-math") + 1
    page.evaluate(f"slideshow.gotoSlide({tables})")
    th = page.evaluate("""getComputedStyle(document.querySelector('.remark-visible th'))
        .borderBottomWidth""")
    assert th == "2px"
    page.close()


FRAGMENTS = [
    "---",
    "--",
    "???",
    "```",
    "~~~",
    "```python",
    "    indented code",
    "`",
    "text `code` more",
    ".left[",
    "]",
    ".a.b[inline]",
    "\\.escaped[",
    "name: n{i}",
    "class: c{i}",
    "class: d",
    "layout: true",
    "layout: false",
    "exclude: True",
    "exclude: false",
    "count: false",
    "template: n{j}",
    "continued: true",
    "<!-- name: m{i} -->",
    "",
    "",
    "",
    "# Heading {i}",
    "plain text",
    "[ref]: http://example.org/x",
    "Note: a colon",
    "  two spaces",
    "---  ",
    "background-image: url(x{i}.png)",
    "{{{{content}}}}",
    "text <!-- class: k{i} --> text",
    "name:",
    "count: False",
    "\tname: tab",
    "~~~~",
    "````",
    "--- x",
    "?? ?",
    "<!--name:q{i}-->",
]


def random_decks(count: int, seed: int = 11) -> list[str]:
    import random

    rng = random.Random(seed)
    decks = []
    for _ in range(count):
        lines = [
            rng.choice(FRAGMENTS).format(i=rng.randrange(6), j=rng.randrange(6)) for _ in range(rng.randrange(3, 40))
        ]
        decks.append("\n".join(lines) + rng.choice(["", "\n"]))
    return decks


PARSE_JS = """(sources) => sources.map(source => {
  const box = document.createElement('div'); document.body.appendChild(box);
  const show = remark.create({source: source, container: box, countIncrementalSlides: false});
  const out = show.getSlides().map(s => { const p = Object.assign({}, s.properties);
    delete p.content; return p; });
  box.remove();
  return out;
})"""


def test_the_reader_agrees_with_remark_js_on_random_decks(chromium, project, vendor, tmp_path):
    """Differential test: 300 decks made of remark's syntax at random (separators inside fences,
    unclosed fences and brackets, properties after blank lines and in comments, layouts,
    templates, exclusions): every slide's properties, as remark.js 0.14.0 reports them, equal the
    reader's, in the same order."""
    from handson import remark

    script = vendor["vendor/remark-slide/out/remark.min.js"].as_uri()
    (tmp_path / "fuzz.html").write_text(
        f'<!DOCTYPE html><html><body><script src="{script}"></script></body></html>', encoding="utf-8"
    )
    page = chromium.new_page()
    page.goto((tmp_path / "fuzz.html").as_uri())
    sources = random_decks(300)
    theirs = page.evaluate(PARSE_JS, sources)
    page.close()
    ours = [[s.properties for s in remark.shown(remark.parse(remark.clean_input(src), False))] for src in sources]
    differ = [(src, o, t) for src, o, t in zip(sources, ours, theirs, strict=True) if o != t]
    assert differ == [], f"{len(differ)} of 300 decks read differently; first: {differ[0]!r}"
    assert sum(len(t) for t in theirs) > 300  # slides compared (fences swallow many)
