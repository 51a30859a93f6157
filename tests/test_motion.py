"""Motion under the reader's control (WCAG 2.2.2): every animated GIF on a page or a slide has a
Pause/Play button that works by mouse and by keyboard, swapping the GIF for its still (the final
frame, drawn by the build from the GIF itself); with `prefers-reduced-motion: reduce` none moves
on load."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageChops

from .browser import browser

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOWN = """() => Array.from(document.images).filter(i => i.hasAttribute('data-gif')).map(i =>
  [i.getAttribute('src'), i.complete && i.naturalWidth > 0])"""


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


def gif_pages(site: Path) -> list[Path]:
    pages = [p for p in sorted(site.glob("*.html")) if ".gif" in p.read_text(encoding="utf-8")]
    decks = [p for p in sorted((site / "slides").glob("*/index.html")) if ".gif" in p.read_text(encoding="utf-8")]
    return pages + decks


def test_every_gif_has_its_final_frame_as_a_still_beside_it(site):
    gifs = sorted(site.rglob("*.gif"))
    assert len(gifs) >= 6
    for gif in gifs:
        still = gif.with_name(gif.stem + ".still.png")
        assert still.is_file(), still
        with Image.open(gif) as movie, Image.open(still) as picture:
            assert movie.n_frames > 1, f"{gif} does not move"
            movie.seek(movie.n_frames - 1)
            assert picture.size == movie.size
            assert ImageChops.difference(movie.convert("RGBA"), picture.convert("RGBA")).getbbox() is None


def test_animations_on_a_page_pause_and_play_by_mouse_and_keyboard(chromium, site):
    page = chromium.new_page()
    page.goto((site / "convolutions.html").as_uri())
    images = page.evaluate(SHOWN)
    assert len(images) == 5 and all(src.endswith(".gif") for src, _ in images), images
    button = page.locator(".motion-toggle").first
    image = page.locator("img[data-gif]").first
    assert button.inner_text() == "Pause animation"
    button.click()  # mouse
    assert image.get_attribute("src").endswith(".still.png")
    page.wait_for_function("document.querySelector('img[data-gif]').naturalWidth > 0")
    assert button.inner_text() == "Play animation"
    button.focus()
    page.keyboard.press("Enter")  # keyboard
    assert image.get_attribute("src").endswith(".gif") and button.inner_text() == "Pause animation"
    page.keyboard.press(" ")
    assert image.get_attribute("src").endswith(".still.png")
    # the other animations are left as they were
    assert [src for src, _ in page.evaluate(SHOWN)[1:]] == [src for src, _ in images[1:]]
    page.close()


def test_an_animation_on_a_slide_pauses_by_keyboard_without_moving_the_deck_on(chromium, site):
    page = chromium.new_page(viewport={"width": 1280, "height": 720})
    page.goto((site / "slides" / "hands-on-nn" / "index.html").as_uri())
    page.wait_for_function("typeof slideshow !== 'undefined'")
    for number in range(1, page.evaluate("slideshow.getSlideCount()") + 1):
        page.evaluate(f"slideshow.gotoSlide({number})")
        if page.locator(".remark-visible img[data-gif]").count():
            break
    else:
        pytest.fail("no slide of hands-on-nn shows an animation")
    index = page.evaluate("slideshow.getCurrentSlideIndex()")
    button = page.locator(".remark-visible .motion-toggle").first
    button.focus()
    page.keyboard.press(" ")  # Space would also be remark's "next slide"
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    assert page.evaluate("slideshow.getCurrentSlideIndex()") == index
    assert page.locator(".remark-visible img[data-gif]").first.get_attribute("src").endswith(".still.png")
    button.click()
    assert page.locator(".remark-visible img[data-gif]").first.get_attribute("src").endswith(".gif")
    page.close()


def test_with_reduced_motion_no_animation_moves_on_load(chromium, site):
    context = chromium.new_context(reduced_motion="reduce", viewport={"width": 1280, "height": 720})
    page = context.new_page()
    seen = {}
    for html in gif_pages(site):
        page.goto(html.as_uri())
        page.wait_for_load_state("load")
        shown = page.evaluate(SHOWN)
        seen[html.relative_to(site).as_posix()] = len(shown)
        assert shown and all(src.endswith(".still.png") and loaded for src, loaded in shown), (html, shown)
        # nothing on the page shows a GIF, controlled or not
        assert page.evaluate("Array.from(document.images).map(i => i.currentSrc).filter(s => /\\.gif$/i.test(s))") == []
    assert seen.get("convolutions.html") == 5 and seen.get("slides/hands-on-nn/index.html", 0) >= 6, seen
    context.close()
