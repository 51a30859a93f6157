"""The built decks in headless Chromium, opened from file:// with the network off."""

from __future__ import annotations

import html
import re

import pytest

from handson import deck, settings

from .browser import Recorder, browser
from .conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]
DECKS = sorted(p.stem for p in (ROOT / "slides").glob("*.md"))


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


def separators(source):
    """(slides, incremental steps) of a deck as remark.js shows them, read by the builder's own
    reader of remark's Markdown (test_remark_judge.py holds that reader to remark.js)."""
    shown = deck.load(source, settings.load(ROOT)).shown
    steps = sum(1 for s in shown if s.properties["continued"] == "true")
    return len(shown) - steps, steps


def open_deck(chromium, site, name):
    page = chromium.new_page(viewport={"width": 1280, "height": 720})
    rec = Recorder(page)
    page.goto((site / "slides" / name / "index.html").as_uri())
    page.wait_for_function("typeof slideshow !== 'undefined'")
    return page, rec


@pytest.mark.parametrize("name", DECKS)
def test_deck_opens_offline_with_every_slide_and_no_error(chromium, site, outputs, name):
    page, rec = open_deck(chromium, site, name)
    # remark counts every `--` step as a slide of its own (test_remark_judge.py compares the lists)
    assert page.evaluate("slideshow.getSlideCount()") == len(deck.load(ROOT / "slides" / f"{name}.md", outputs).shown)
    for index in range(page.evaluate("slideshow.getSlideCount()")):
        page.evaluate(f"slideshow.gotoSlide({index + 1})")
    broken = page.evaluate("""Array.from(document.images)
        .filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)""")
    assert broken == []
    math = page.evaluate("""[document.querySelectorAll('.katex-error').length,
        document.querySelector('.remark-slides-area').innerText.includes('%%math')]""")
    assert math == [0, False], "math left unrendered or rendered with errors"
    # the source stays Markdown: typesetting it too rendered every formula twice and left
    # thousands of KaTeX elements hidden in the textarea, walked by every later check
    source = page.evaluate(
        "[document.getElementById('source').childElementCount, document.getElementById('source').value]"
    )
    shipped = re.search(
        r'<textarea id="source">\n(.*?)</textarea>', (site / "slides" / name / "index.html").read_text(), re.S
    )
    assert source == [0, html.unescape(shipped.group(1))]
    assert rec.errors == []
    assert rec.foreign() == []
    page.close()


def test_summary_total_params_41_is_visible_on_its_slide(chromium, site):
    page, rec = open_deck(chromium, site, "hands-on-nn")
    count = page.evaluate("slideshow.getSlideCount()")
    seen = []
    for number in range(1, count + 1):
        page.evaluate(f"slideshow.gotoSlide({number})")
        visible = page.locator(".remark-visible .remark-slide-content")
        if "Total params: 41" in visible.inner_text():
            seen.append(number)
            line = visible.get_by_text("Total params: 41")
            assert line.is_visible()
            box, frame = line.bounding_box(), visible.bounding_box()
            assert frame["y"] <= box["y"] and box["y"] + box["height"] <= frame["y"] + frame["height"]
    assert seen, "no slide shows the MLP summary"
    page.close()


OVERFLOW_JS = """() => {
  const slide = document.querySelector('.remark-visible .remark-slide-content');
  const frame = slide.getBoundingClientRect();
  const out = [];
  for (const el of slide.querySelectorAll('*')) {
    if (el.closest('.remark-slide-number') || el.closest('.katex-mathml')) continue;  // MathML is visually hidden
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.bottom > frame.bottom + 2 || r.right > frame.right + 2)
      out.push(el.tagName + ' ' + (el.textContent || el.src || '').trim().slice(0, 40));
    if ((el.tagName === 'CODE' || el.tagName === 'PRE') && el.scrollWidth > el.clientWidth + 2)
      out.push('code cut off: ' + el.textContent.trim().slice(0, 40));
  }
  return out;
}"""


@pytest.mark.parametrize("name", DECKS)
def test_nothing_overflows_any_slide(chromium, site, name):
    page, _ = open_deck(chromium, site, name)
    problems = {}
    for number in range(1, page.evaluate("slideshow.getSlideCount()") + 1):
        page.evaluate(f"slideshow.gotoSlide({number})")
        found = page.evaluate(OVERFLOW_JS)
        if found:
            problems[number] = found[:3]
    assert problems == {}, f"slides that overflow (slide number: elements): {problems}"
    page.close()
