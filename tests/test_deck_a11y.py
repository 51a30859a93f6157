"""Decks for assistive technology: a document language, every slide named, a polite live region
that announces each slide change (number and title), remark's keyboard help reachable from a
button and listing the keys, and a visible focus on everything the keyboard reaches."""

from __future__ import annotations

import re

import pytest

from .browser import browser

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


def open_deck(chromium, site, name="hands-on-nn"):
    page = chromium.new_page(viewport={"width": 1280, "height": 720})
    page.goto((site / "slides" / name / "index.html").as_uri())
    page.wait_for_function("typeof slideshow !== 'undefined'")
    return page


def test_every_slide_of_every_deck_has_a_language_and_a_name(chromium, site):
    for index in sorted((site / "slides").glob("*/index.html")):
        page = open_deck(chromium, site, index.parent.name)
        assert page.evaluate("document.documentElement.lang") == "en"
        labels = page.evaluate("""Array.from(document.querySelectorAll(
            '.remark-slides-area > .remark-slide-container')).map(c => [c.getAttribute('role'),
            c.getAttribute('aria-roledescription'), c.getAttribute('aria-label')])""")
        assert len(labels) == page.evaluate("slideshow.getSlideCount()")
        for role, description, label in labels:
            assert (role, description) == ("group", "slide")
            assert re.fullmatch(r"Slide \d+ of \d+: \S.*", label), label
        page.close()


def test_each_slide_change_is_announced_politely_with_number_and_title(chromium, site):
    page = open_deck(chromium, site)
    status = page.locator("#deck-status")
    assert status.get_attribute("aria-live") == "polite" and status.get_attribute("role") == "status"
    total = page.evaluate("document.querySelector('.remark-visible .remark-slide-number').textContent")
    total = total.split("/")[1].strip()
    page.keyboard.press("ArrowRight")  # as a presenter would
    heading = page.locator(".remark-visible .remark-slide-content").locator("h1, h2, h3").first.inner_text()
    number = page.evaluate("document.querySelector('.remark-visible .remark-slide-number').textContent")
    assert status.inner_text() == f"Slide {number.split('/')[0].strip()} of {total}: {heading}"
    page.keyboard.press("End")
    assert status.inner_text().startswith(f"Slide {total} of {total}")
    page.close()


def test_keyboard_help_is_reachable_by_tab_and_lists_the_keys(chromium, site):
    page = open_deck(chromium, site)
    help_screen = page.locator(".remark-help")
    assert not help_screen.is_visible()
    focused = []
    for _ in range(4):  # the first Tab stops: the link home and the help button, both visibly focused
        page.keyboard.press("Tab")
        focused.append(
            page.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e);
            return [e.textContent.trim(), s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2]; }""")
        )
        if focused[-1][0].startswith("Keyboard help"):
            break
    assert focused[-1][0] == "Keyboard help (H)", focused
    assert all(visible for _, visible in focused), focused
    page.keyboard.press("Enter")
    assert help_screen.is_visible()
    assert page.locator(".deck-help-button").get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.activeElement.getAttribute('role')") == "dialog"
    text = " ".join(help_screen.inner_text().split())
    for key in (
        "Go to next slide",
        "Go to previous slide",
        "Space",
        "Pg Dn",
        "Home",
        "End",
        "Toggle presenter mode",
        "Toggle this help",
    ):
        assert key in text, key
    page.keyboard.press("Escape")  # remark's own key closes it; the focus goes back to the button
    assert not help_screen.is_visible()
    assert page.evaluate("document.activeElement.className") == "deck-help-button"
    assert page.locator(".deck-help-button").get_attribute("aria-expanded") == "false"
    page.close()
