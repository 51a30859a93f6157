"""PDF handouts: one page per slide (incremental steps collapsed, or kept on request), printed
by headless Chromium from the built decks, with the text searchable."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from handson import deck, pdf

from .conftest import ROOT
from .test_browser import DECKS, separators

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def page_count(path) -> int:
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
        found = re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)
        assert found, info.stdout
        return int(found[1])
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", path.read_bytes()))


def text_of(path) -> str:
    if shutil.which("pdftotext"):
        return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                              text=True, check=True).stdout
    pypdf = pytest.importorskip("pypdf", reason="neither pdftotext (poppler-utils) nor pypdf")
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


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


def test_summary_of_the_mlp_is_in_the_handout(handouts):
    written, _ = handouts
    assert "Total params: 41" in text_of(written["hands-on-nn"])


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
    written = pdf.export_all(outputs, site, [name], steps=True, notes=True, out=tmp_path,
                             progress=lambda line: None)
    assert page_count(written[name]) == slides + steps
    text = " ".join(text_of(written[name]).split())
    notes = [line for s in deck.load(ROOT / "slides" / f"{name}.md", outputs).shown
             for line in s.notes.splitlines() if line.strip()]
    first = notes[0] if notes else None
    if first:  # the first presenter note is printed under its slide
        words = re.findall(r"[A-Za-z]{3,}", first)[:3]
        assert re.search(r"\W+".join(words), text), words
