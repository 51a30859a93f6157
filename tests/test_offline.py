"""The built site works from file:// with the network off: every page and every deck loads without
a failed request or a request to anything but file://, links between pages resolve, search
answers, math is typeset."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .browser import Recorder, browser
from .conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


def pages(site: Path) -> list[Path]:
    """Every page (404.html is only ever served by a web server, with absolute links)."""
    return sorted(p for p in site.glob("*.html") if p.name != "404.html")


def decks(site: Path) -> list[Path]:
    return sorted(site.glob("slides/*/index.html"))


def local_links(page) -> list[str]:
    return page.evaluate("""Array.from(document.querySelectorAll('a[href]'))
        .map(a => a.href).filter(h => h.startsWith('file://'))""")


def test_every_page_and_deck_loads_from_file_with_the_network_off(chromium, site):
    assert len(pages(site)) >= 5 and len(decks(site)) == len(list((ROOT / "slides").glob("*.md")))
    problems, broken_links = {}, set()
    for path in [*pages(site), *decks(site)]:
        page = chromium.new_page()
        rec = Recorder(page)
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        page.wait_for_timeout(100)
        bad_images = page.evaluate("""Array.from(document.images)
            .filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)""")
        found = rec.failed + rec.foreign() + bad_images + rec.errors
        if found:
            problems[path.relative_to(site).as_posix()] = found[:5]
        for href in local_links(page):  # navigation: every link to a file points to one
            target = Path(unquote(urlsplit(href).path))
            if not target.exists():
                broken_links.add(f"{path.relative_to(site)} -> {href}")
        page.close()
    assert problems == {}, f"pages with failed/foreign requests, broken images or errors: {problems}"
    assert sorted(broken_links) == []


def test_navigation_reaches_every_chapter_from_the_home_page(chromium, site):
    page = chromium.new_page()
    page.goto((site / "index.html").as_uri())
    nav = {Path(unquote(urlsplit(h).path)).name for h in local_links(page)}
    for path in pages(site):
        assert path.name in nav, f"{path.name} is not linked from the home page's navigation"
    page.close()


def test_search_works_offline(chromium, site):
    page = chromium.new_page()
    rec = Recorder(page)
    page.goto((site / "index.html").as_uri())
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("convolution", delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    titles = page.locator(".md-search-result__item").all_inner_texts()
    assert any(re.search("convolution", t, re.I) for t in titles)
    assert rec.failed == [] and rec.foreign() == []
    page.close()


def test_math_is_typeset_offline(chromium, site):
    with_math = [p for p in pages(site) if "arithmatex" in p.read_text(encoding="utf-8")]
    assert with_math, "no page has math"
    page = chromium.new_page()
    rec = Recorder(page)
    page.goto(with_math[0].as_uri())
    page.wait_for_selector(".katex", timeout=10_000)
    assert page.locator(".katex").count() > 0
    assert rec.failed == [] and rec.foreign() == [] and rec.errors == []
    page.close()


def test_deck_links_back_to_its_chapter(site):
    from handson import deck

    for source in (ROOT / "slides").glob("*.md"):
        html = (site / "slides" / source.stem / "index.html").read_text(encoding="utf-8")
        href = re.search(r'class="deck-home" href="([^"]+)"', html)[1]
        assert (site / "slides" / source.stem / href).resolve().is_file(), href
    assert deck.chapter_url("neurons.md", directory_urls=False) == "../../neurons.html"
    assert deck.chapter_url("index.md", directory_urls=False) == "../../index.html"
    assert deck.chapter_url("neurons.md") == "../../neurons/"
