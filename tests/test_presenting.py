"""Presenting a deck: remark's presenter mode (P) shows the notes, C opens a cloned window for the
projector, and every slide shows its number out of the total ("1 / N")."""

from __future__ import annotations

import pytest

from .browser import Recorder, browser
from .conftest import ROOT
from .test_browser import DECKS, separators

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


def open_deck(context, site, name):
    page = context.new_page()
    rec = Recorder(page)
    page.goto((site / "slides" / name / "index.html").as_uri())
    page.wait_for_function("typeof slideshow !== 'undefined'")
    return page, rec


@pytest.mark.parametrize("name", DECKS)
def test_slide_numbers_count_slides_without_steps(chromium, site, name):
    page, rec = open_deck(chromium.new_context(viewport={"width": 1280, "height": 720}), site, name)
    slides, _steps = separators(ROOT / "slides" / f"{name}.md")
    number = page.locator(".remark-visible .remark-slide-number")
    assert number.is_visible()
    assert number.inner_text().strip() == f"1 / {slides}"
    page.evaluate(f"slideshow.gotoSlide({page.evaluate('slideshow.getSlideCount()')})")
    assert page.locator(".remark-visible .remark-slide-number").inner_text().strip() == f"{slides} / {slides}"
    assert rec.errors == []
    page.context.close()


def test_presenter_mode_shows_the_notes(chromium, site):
    page, rec = open_deck(chromium.new_context(viewport={"width": 1280, "height": 720}), site, "hands-on-nn")
    page.keyboard.press("p")
    page.wait_for_selector(".remark-presenter-mode")
    page.evaluate("slideshow.gotoSlide(2)")
    notes = page.locator(".remark-notes-current-area .remark-notes")
    assert notes.first.is_visible()
    assert len(notes.first.inner_text().strip()) > 20, "slide 2 has no presenter notes"
    page.keyboard.press("p")
    assert page.locator(".remark-presenter-mode").count() == 0
    assert rec.errors == [] and rec.foreign() == []
    page.context.close()


def test_clone_opens_a_second_window_that_follows(chromium, site):
    context = chromium.new_context(viewport={"width": 1280, "height": 720})
    page, rec = open_deck(context, site, "hands-on-nn")
    with context.expect_page() as opened:
        page.keyboard.press("c")
    clone = opened.value
    clone.wait_for_load_state("load")
    assert clone.url.startswith("file://") and "slides/hands-on-nn/index.html" in clone.url
    clone.wait_for_function("typeof slideshow !== 'undefined'")
    page.keyboard.press("ArrowRight")
    clone.wait_for_function("slideshow.getCurrentSlideIndex() === 1", timeout=5_000)
    assert rec.errors == [] and rec.foreign() == []
    context.close()
