"""PDF handouts: one PDF per deck, printed by headless Chromium from the built deck.

remark has a print mode: when the browser prints, every slide becomes one page (its stylesheet
for print media shows all slides one after another). Before printing we

- collapse incremental `--` steps (keep only the last, complete step of each slide), unless
  `steps=True`;
- swap each GIF animation for `<stem>_strip.png` (a frame strip the snippet drew) when it exists,
  else for the GIF's final frame (the finished picture);
- optionally show the presenter notes under each slide (`notes=True`);
- step through every slide once, as a viewer would, and warn about anything that overflows it.

Chromium is Debian's `/usr/bin/chromium` ($HANDSON_CHROMIUM=path overrides it; =playwright uses
Playwright's own build, as the GitHub workflow does).
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from . import motion
from .deck import TEMPLATES
from .settings import Settings

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",  # nothing leaves the machine
]
SLIDE_HEIGHT = 681  # remark's slide height in CSS pixels; the width follows the deck's ratio
NOTES_HEIGHT = 360  # room for the presenter notes under a slide, when they are printed


class PdfError(RuntimeError):
    """A deck could not be printed (not built, Chromium missing, a page failed)."""


def chromium_executable() -> str | None:
    """$HANDSON_CHROMIUM, else Debian's chromium if present; None (or HANDSON_CHROMIUM=playwright)
    lets Playwright use its own download (`python -m playwright install chromium`)."""
    chosen = os.environ.get("HANDSON_CHROMIUM")
    if chosen == "playwright":
        return None
    return chosen or shutil.which("chromium") or shutil.which("chromium-browser")


def page_size(deck_page, notes: bool) -> tuple[int, int]:
    """(width, height) of a printed page: remark's unscaled slide size (its ratio at 681 px
    high), plus room for the notes."""
    w, h = deck_page.evaluate("""() => { const s = document.querySelector('.remark-slide-scaler');
        return [parseFloat(s.style.width), parseFloat(s.style.height)]; }""")
    width = round(SLIDE_HEIGHT * w / h) if w and h else round(SLIDE_HEIGHT * 16 / 9)
    return width, SLIDE_HEIGHT + (NOTES_HEIGHT if notes else 0)


OVERFLOW_JS = """() => {
  const slide = document.querySelector('.remark-visible .remark-slide-content');
  const frame = slide.getBoundingClientRect();
  const out = [];
  for (const el of slide.querySelectorAll('*')) {
    if (el.closest('.remark-slide-number')) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.bottom > frame.bottom + 2 || r.right > frame.right + 2)
      out.push(el.tagName + ' ' + (el.textContent || el.src || '').trim().slice(0, 40));
  }
  return out;
}"""

# Keep the last step of each slide: drop every container whose next slide continues it.
COLLAPSE_JS = """() => {
  const slides = slideshow.getSlides();
  const containers = Array.from(document.querySelectorAll('.remark-slides-area > .remark-slide-container'));
  let removed = 0;
  slides.forEach((slide, i) => {
    const next = slides[i + 1];
    if (next && next.properties.continued === 'true') { containers[i].remove(); removed++; }
  });
  return containers.length - removed;
}"""


def print_css(width: int, height: int, notes: bool) -> str:
    """The page size and slide layout for printing (templates/print.css.j2)."""
    return TEMPLATES.get_template("print.css.j2").render(
        width=width, height=height, slide=SLIDE_HEIGHT, notes="block" if notes else "none"
    )


IMAGES_READY_JS = """() => Promise.all(Array.from(document.images).map(img => img.complete ?
  Promise.resolve() : new Promise(done => { img.onload = img.onerror = done; })))"""


def _still_for(src: str, deck_dir: Path, settings: Settings, frames: Path) -> Path | None:
    """What to print instead of a GIF: `<stem>_strip.png` beside it (in the deck's folder or the
    snippet's outputs) if the snippet drew a frame strip, else the GIF's final frame as a PNG."""
    if not src.lower().endswith(".gif"):
        return None
    rel = Path(src).with_name(Path(src).stem + "_strip.png")
    for base in (deck_dir, settings.outputs.parent):
        if (base / rel).is_file():
            return base / rel
    gif = deck_dir / src
    if not gif.is_file():
        return None
    return motion.final_frame(gif, frames)


def export_deck(
    browser,
    deck_dir: Path,
    target: Path,
    settings: Settings,
    *,
    steps: bool = False,
    notes: bool = False,
    progress: Callable[[str], None] = print,
) -> int:
    """Print one built deck (site/slides/<deck>/) to `target`; returns the number of pages."""
    name = deck_dir.name
    started = time.monotonic()
    index = deck_dir / "index.html"
    if not index.is_file():
        raise PdfError(f"{index} does not exist: build the site first (make build)")
    page = browser.new_page(viewport={"width": 1210, "height": SLIDE_HEIGHT})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(index.as_uri())
        page.wait_for_function("typeof slideshow !== 'undefined'")
        width, height = page_size(page, notes)
        page.set_viewport_size({"width": width, "height": SLIDE_HEIGHT})
        total = page.evaluate("slideshow.getSlideCount()")
        for number in range(1, total + 1):  # as a viewer would: every slide shown once
            page.evaluate(f"slideshow.gotoSlide({number})")
            overflow = page.evaluate(OVERFLOW_JS)
            progress(
                f"  {name}: slide {number}/{total} {time.monotonic() - started:5.1f} s"
                + (f"  WARNING overflows: {overflow[:2]}" if overflow else "")
            )
        # an animation's source: its src, or data-gif once motion.js put a Pause button on it
        for src in page.evaluate(
            "Array.from(new Set(Array.from(document.images).map("
            "i => i.getAttribute('data-gif') || i.getAttribute('src'))))"
        ):
            strip = _still_for(src or "", deck_dir, settings, target.parent / ".frames")
            if strip is not None:
                page.evaluate(
                    "([src, uri]) => document.querySelectorAll('img').forEach(i => {"
                    " if ((i.getAttribute('data-gif') || i.getAttribute('src')) === src)"
                    " i.src = uri; })",
                    [src, strip.as_uri()],
                )
        pages = total if steps else page.evaluate(COLLAPSE_JS)
        page.add_style_tag(content=print_css(width, height, notes))
        page.evaluate(IMAGES_READY_JS)
        page.emulate_media(media="print")
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.part")
        # tagged: a structure tree (headings, paragraphs, lists, figures with their alt text) for
        # screen readers and reflow; the title and language come from the deck's <title>/<html lang>
        page.pdf(
            path=str(tmp),
            width=f"{width}px",
            height=f"{height}px",
            print_background=True,
            prefer_css_page_size=True,
            tagged=True,
            outline=True,
        )
        tmp.replace(target)
    finally:
        page.close()
    if errors:
        raise PdfError(f"{name}: the deck raised errors in Chromium: {errors[:3]}")
    progress(f"  {name}: {pages} pages -> {target} ({time.monotonic() - started:.1f} s)")
    return pages


def export_all(
    settings: Settings,
    site: Path,
    decks: list[str] | None = None,
    *,
    steps: bool = False,
    notes: bool = False,
    out: Path | None = None,
    progress: Callable[[str], None] = print,
) -> dict[str, Path]:
    """Print every deck of the built site to build/pdf/<deck>.pdf and copy it to site/pdf/
    (the next site build publishes build/pdf/ too, so the PDFs survive it)."""
    from playwright.sync_api import sync_playwright

    names = decks or sorted(p.stem for p in (settings.root / "slides").glob("*.md"))
    out = out or settings.root / "build" / "pdf"
    written = {}
    with sync_playwright() as p:
        try:
            browser = p.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
        except Exception as error:  # noqa: BLE001 - Playwright raises its own Error type
            raise PdfError(f"could not start Chromium (make browser installs it): {error}") from None
        try:
            for name in names:
                target = out / f"{name}.pdf"
                export_deck(
                    browser, site / "slides" / name, target, settings, steps=steps, notes=notes, progress=progress
                )
                if site.is_dir():
                    (site / "pdf").mkdir(exist_ok=True)
                    shutil.copyfile(target, site / "pdf" / target.name)
                written[name] = target
        finally:
            browser.close()
    return written
