"""The coverage page's slide links point at slides that exist (by their names), every deck
of slides/ is linked, and no row leaves a column empty. (Docs anchors are checked by the strict
MkDocs build: mkdocs.yml sets validation.anchors to warn.)"""

from __future__ import annotations

import re

import pytest

from handson import deck

from .conftest import ROOT

PAGE = (ROOT / "docs" / "coverage.md").read_text(encoding="utf-8")
SLIDE_LINK = re.compile(r"\]\(slides/([\w-]+)/index\.html#([\w-]+)\)")


@pytest.fixture(scope="module")
def anchors(project):
    return {p.stem: set(deck.load(p, project).anchors) for p in (ROOT / "slides").glob("*.md")}


def rows():
    return [line for line in PAGE.splitlines() if line.startswith("| ") and not line.startswith(("| Topic", "| ---"))]


def test_every_slide_link_names_an_existing_slide(anchors, outputs):
    links = SLIDE_LINK.findall(PAGE)
    assert len(links) > 40
    missing = [f"{d}#{a}" for d, a in links if a not in anchors.get(d, set())]
    assert missing == []


def test_every_deck_appears_and_every_row_has_slides_and_notes():
    decks = {d for d, _ in SLIDE_LINK.findall(PAGE)}
    assert decks == {p.stem for p in (ROOT / "slides").glob("*.md")}
    for row in rows():
        cells = [c.strip() for c in row.strip("|").split(" | ")]
        assert len(cells) == 4 and all(cells[:3]), row
        assert "index.html#" in cells[2], row
