"""PDF handouts: one page per slide (incremental steps collapsed, or kept on request), printed
by headless Chromium from the built decks, with the text searchable."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pypdf
import pytest

from handson import deck, pdf

from .conftest import ROOT
from .test_browser import DECKS, separators

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def page_count(path) -> int:
    return len(pypdf.PdfReader(path).pages)


def text_of(path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def structure(path) -> tuple[Counter, list]:
    """(how many elements of each role, the /Alt text of every /Figure) in the PDF's structure
    tree: what a screen reader or a reflowing viewer reads instead of the drawn page."""
    roles: Counter = Counter()
    alts: list = []

    def walk(node) -> None:
        node = node.get_object()
        if isinstance(node, list):
            for kid in node:
                walk(kid)
        elif isinstance(node, dict) and "/S" in node:
            roles[node["/S"]] += 1
            if node["/S"] == "/Figure":
                alts.append(node.get("/Alt"))
            if "/K" in node:
                walk(node["/K"])

    root: Any = pypdf.PdfReader(path).trailer["/Root"]
    walk(root["/StructTreeRoot"]["/K"])
    return roles, alts


@pytest.fixture(scope="module")
def handouts(site, outputs, tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf")
    lines: list[str] = []
    written = pdf.export_all(outputs, site, out=out, progress=lines.append)
    return written, lines


@pytest.mark.parametrize("name", DECKS)
def test_one_page_per_slide_with_steps_collapsed(handouts, name):
    written, _ = handouts
    slides, _steps = separators(ROOT / "slides" / f"{name}.md")
    assert page_count(written[name]) == slides


@pytest.mark.parametrize("name", DECKS)
def test_handout_is_a_tagged_pdf_with_title_language_headings_and_alt_text(handouts, outputs, name):
    written, _ = handouts
    reader = pypdf.PdfReader(written[name])
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/Lang"] == "en"
    assert reader.metadata.title == deck.load(ROOT / "slides" / f"{name}.md", outputs).title
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True  # title, not file name
    roles, alts = structure(written[name])
    slides, _ = separators(ROOT / "slides" / f"{name}.md")
    assert roles["/H1"] + roles["/H2"] >= slides // 2, roles  # slides' headings are headings
    assert roles["/P"] > 0 and roles["/L"] > 0, roles
    # every picture of the deck is a figure that says what it shows, in the deck's own words;
    # figures a widget draws at view time (the convolution explorer) carry the widget's alt text
    picture = re.compile(r'!\[([^\]]+)\]\(|<img\b[^>]*\balt="([^"]+)"')
    source = deck.load(ROOT / "slides" / f"{name}.md", outputs).markdown  # parts inlined
    written_alts = {m[1] or m[2] for m in picture.finditer(source)}
    assert written_alts <= {str(alt) for alt in alts}
    assert all(alt and len(str(alt).split()) >= 3 for alt in alts), alts


def test_summary_of_the_mlp_is_in_the_handout(handouts):
    written, _ = handouts
    assert "Total params: 41" in text_of(written["hands-on-nn"])


def test_handout_shows_the_convolution_explorer_still_in_its_default_case(handouts):
    written, _ = handouts
    text = " ".join(text_of(written["hands-on-nn"]).split())
    # the slide's explorer starts on an 8x8 input, 3x3 kernel, stride 2, padding "same"
    assert "Output 4 × 4 (16 positions); padding 0 before, 1 after." in text
    assert 'layers.Conv2D(filters, 3, strides=2, padding="same", dilation_rate=1)' in text


def test_export_shows_progress_per_slide(handouts):
    _, lines = handouts
    for name in DECKS:
        slides, steps = separators(ROOT / "slides" / f"{name}.md")
        assert any(f"{name}: slide {slides + steps}/{slides + steps}" in line for line in lines)
        assert any(re.search(rf"{name}: {slides} pages -> .* \(\d+\.\d s\)", line) for line in lines)
    assert not [line for line in lines if "WARNING" in line], "a slide overflows when printed"


def test_steps_and_notes_can_be_kept(site, outputs, tmp_path):
    name = max(DECKS, key=lambda d: separators(ROOT / "slides" / f"{d}.md")[1])
    slides, steps = separators(ROOT / "slides" / f"{name}.md")
    written = pdf.export_all(outputs, site, [name], steps=True, notes=True, out=tmp_path, progress=lambda line: None)
    assert page_count(written[name]) == slides + steps
    text = " ".join(text_of(written[name]).split())
    notes = [
        line
        for s in deck.load(ROOT / "slides" / f"{name}.md", outputs).shown
        for line in s.notes.splitlines()
        if line.strip()
    ]
    first = notes[0] if notes else None
    if first:  # the first presenter note is printed under its slide
        words = re.findall(r"[A-Za-z]{3,}", first)[:3]
        assert re.search(r"\W+".join(words), text), words
