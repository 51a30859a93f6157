"""Slides fit a room and keep the room busy: no Python block on a slide runs past 12 lines, no slide
asks the room to read more than 60 words of prose, no slide shows Keras' wide summary box (a
compact table written from the same model stands in), every deck has "Your turn" slides (one or
more per part) whose answer comes on a later step, and each part's notes tell the lecturer its
timing and what to cut. Slides are read by the deck builder's own remark reader
(`deck.load(...).shown`: parts and includes expanded, one entry per step)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from handson import deck, remark

from .conftest import ROOT, output
from .test_facts import summary, total_params

DECKS = sorted((ROOT / "slides").glob("*.md"))
MAX_CODE_LINES = 12
MAX_WORDS = 60
FENCE = re.compile(r"^\s*(`{3,}|~{3,}) *(\S*)[^\n]*\n(.*?)\n\s*\1 *\s*$", re.S)


def steps_of(slides: list[remark.Slide]) -> list[list[remark.Slide]]:
    """Group remark's slides into frames: a slide and the `--` steps continuing it."""
    frames: list[list[remark.Slide]] = []
    for slide in slides:
        if slide.continued and frames:
            frames[-1].append(slide)
        else:
            frames.append([slide])
    return frames


def shown_tokens(slide: remark.Slide) -> list[remark.Token]:
    """The tokens the room sees: everything before the notes (`???`)."""
    out = []
    for token in slide.tokens:
        if token.kind == "notes":
            break
        out.append(token)
    return out


def title(frame: list[remark.Slide]) -> str:
    text = "".join(t.text for t in shown_tokens(frame[0]) if t.kind == "text")
    return next((re.sub(r"^#+\s*", "", line).strip() for line in text.split("\n") if re.match(r"#{1,3} ", line)), "")


def python_lengths(frame: list[remark.Slide]) -> list[int]:
    """Lines of each Python fence shown in a frame (blank lines an include leaves at either end
    show nothing and are not counted)."""
    lengths = []
    for slide in frame:
        for token in shown_tokens(slide):
            m = FENCE.match(token.text) if token.kind == "fences" else None
            if m and m.group(2) in ("python", "py"):
                lengths.append(len(m.group(3).strip("\n").split("\n")))
    return lengths


# What the room does not read as prose, removed from a frame's text in this order.
NOT_PROSE = [
    (re.compile(r"<!--.*?-->", re.S), " "),  # comments: claim markers, pytest-codeblocks marks
    (re.compile(r"%%math\d+%%"), " "),  # math (the deck builder's placeholders for $...$ and $$...$$)
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), " "),  # an image: its alt text is for screen readers
    (re.compile(r"\]\([^)]*\)"), "]"),  # a link's address (its text stays)
    (re.compile(r"<[^>]+>"), " "),  # HTML tags
    (re.compile(rf"^[ \t]*(?:{'|'.join(remark.KNOWN_PROPERTIES)}):.*$", re.M), " "),  # slide properties
    (re.compile(r"(?:\.[\w-]+)+\["), " "),  # remark's `.class[` markers, `.small.muted[` too
]
WORD = re.compile(r"[A-Za-z0-9][\w'’-]*")


def words(frame: list[remark.Slide]) -> int:
    """Words of prose the room sees on a frame's last step: every `--` step's text before its
    notes, code (fences, indented, inline), math, images, HTML and remark's markup left out."""
    text = "\n".join(t.text for slide in frame for t in shown_tokens(slide) if t.kind == "text")
    for pattern, replacement in NOT_PROSE:
        text = pattern.sub(replacement, text)
    return len(WORD.findall(text))


@pytest.fixture(scope="module")
def frames(outputs):
    return {p.stem: steps_of(deck.load(p, outputs).shown) for p in DECKS}


def test_reader_groups_steps_and_measures_fences():
    text = "## Your turn: x\n\nQ?\n\n--\n\n```python\na = 1\n\nb = 2\n\n```\n\n???\nnotes\n---\n# c\n"
    frames = steps_of(remark.parse(text))
    assert [title(f) for f in frames] == ["Your turn: x", "c"]
    assert [len(f) for f in frames] == [2, 1]
    assert python_lengths(frames[0]) == [3]


def test_word_count_reads_prose_only_and_a_70_word_slide_is_over_the_limit():
    column, link = " ".join(f"w{i}" for i in range(25)), " ".join(f"v{i}" for i in range(34))
    text = deck.protect_math(  # 10 + 25 + 1 + 34 = 70 words the room reads, on two steps
        "class: center\n\n## Ten words of title, then thirty five and thirty five\n\n"
        f".left-column.small[{column}]\n\n"
        "$$\\sum_i w_i x_i$$ and $x$ <span>![alt text is not read out](a.png)</span>\n\n"
        "```python\nprint('code is not prose')\n```\n\n`inline code` <!-- claim a/b \"c\": d > e -->\n\n--\n\n"
        f"[{link}](https://example.org/a-long-address)\n\n???\nnotes are for the lecturer, not the room\n"
    )[0]
    (frame,) = steps_of(remark.parse(text))
    assert words(frame) == 70 > MAX_WORDS
    assert words(frame[:1]) == 36


def python_slides():
    """(deck, slide title) of every slide whose source shows a Python block (read before any
    include is expanded, so collection needs no build)."""
    for path in DECKS:
        sources = [path, *sorted((path.parent / path.stem).glob("*.md"))]
        for source in sources:
            for frame in steps_of(remark.parse(source.read_text(encoding="utf-8"))):
                if python_lengths(frame):
                    name = title(frame)
                    yield pytest.param(path.stem, name, id=f"{path.stem}:{name}")


@pytest.mark.parametrize(("name", "slide_title"), list(python_slides()))
def test_no_python_block_on_a_slide_is_longer_than_12_lines(frames, name, slide_title):
    matching = [f for f in frames[name] if title(f) == slide_title]
    assert matching, f"{name}: no slide titled {slide_title!r}"
    lengths = [n for frame in matching for n in python_lengths(frame)]
    assert lengths and max(lengths) <= MAX_CODE_LINES, f"{name}: {slide_title!r}: {lengths} lines"


def test_every_deck_has_three_your_turn_slides_and_each_answer_is_a_later_step(frames):
    for name, deck_frames in frames.items():
        turns = [f for f in deck_frames if title(f).startswith("Your turn")]
        assert len(turns) >= 3, name
        for frame in turns:
            where = f"{name}: {title(frame)!r}"
            assert len(frame) >= 2, f"{where} shows its answer on the question's step"
            assert not any(t.kind == "fences" for t in shown_tokens(frame[0])), (
                f"{where} prints output with the question"
            )
            assert "".join(t.text for t in shown_tokens(frame[-1])).strip(), f"{where}: empty answer"


def parts() -> list[Path]:
    """Deck part files with content (a title-only part has one slide and no section)."""
    return [p for p in sorted((ROOT / "slides").glob("*/*.md")) if not p.stem.endswith("-title")]


@pytest.mark.parametrize("part", parts(), ids=lambda p: p.relative_to(ROOT / "slides").as_posix())
def test_each_part_has_a_your_turn_slide_and_notes_with_timing_and_cuts(part):
    part_frames = steps_of(remark.parse(part.read_text(encoding="utf-8")))
    assert any(title(f).startswith("Your turn") for f in part_frames)
    notes = part_frames[0][-1].notes
    assert re.search(r"Timing: about \d+ minutes", notes)
    assert "Short of time:" in notes


@pytest.mark.parametrize("name", [p.stem for p in DECKS])
def test_no_slide_shows_more_than_60_words_of_prose(frames, name):
    long = [(title(frame), n) for frame in frames[name] if (n := words(frame)) > MAX_WORDS]
    assert long == [], f"{name}: slides over {MAX_WORDS} words (move detail to the notes or split): {long}"


# --- compact layer tables: what the slides show instead of Keras' summary box ---------------

COMPACT = {  # snippet: whether its table (layers.txt, by snippets/examples/_layers.py) has a type column
    "mlp/mlp_3441": True,
    "keras/eight_inputs": True,
    "examples/mnist_mlp_model": True,
    "examples/mnist_cnn_model": True,
    "examples/fashion_cnn2": False,  # 18 layers: shown in a column, no room for the type
    "examples/cifar10_cnn": False,
}


def compact_table(text: str, types: bool) -> tuple[list[tuple[str, str, int]], str]:
    """(layer as summary() names it, output shape, parameters) of each row, and the totals line;
    columns are set apart by two spaces or more (an output shape has single spaces)."""
    header, *lines, totals = text.rstrip("\n").split("\n")
    expected = ["layer", "type", "output shape", "parameters"] if types else ["layer", "output shape", "parameters"]
    assert re.split(r" {2,}", header) == expected
    rows = []
    for line in lines:
        cells = re.split(r" {2,}", line)
        assert len(cells) == (4 if types else 3), line
        layer = f"{cells[0]} ({cells[1]})" if types else cells[0]
        rows.append((layer, cells[-2], int(cells[-1].replace(",", ""))))
    return rows, totals


@pytest.mark.parametrize("name", sorted(COMPACT))
def test_compact_layer_table_matches_the_model_summary_layer_by_layer(outputs, name):
    printed = output(outputs, name)  # Keras' own summary, printed by the same run
    boxed = summary(printed)
    rows, totals = compact_table(output(outputs, name, "layers.txt"), COMPACT[name])
    if COMPACT[name]:
        assert rows == boxed
    else:
        assert rows == [(layer.split(" (")[0], shape, params) for layer, shape, params in boxed]
    total = total_params(printed)
    assert sum(params for _, _, params in rows) == total
    assert f" Trainable params: {total:,} " in printed, "not all trainable: the table must say so"
    assert totals == f"Total params: {total:,}, all trainable"
    assert max(len(line) for line in output(outputs, name, "layers.txt").split("\n")) < (
        max(len(line) for line in printed.split("\n") if line.startswith("│"))
    )


def test_every_compact_table_is_on_a_slide_and_no_slide_shows_a_summary_box(frames):
    shown = {
        name: [t.text for f in deck_frames for s in f for t in shown_tokens(s)] for name, deck_frames in frames.items()
    }
    boxed = [(name, text[:60]) for name, texts in shown.items() for text in texts if "┏━" in text]
    assert boxed == [], "a Keras summary box on a slide: include the snippet's compact table instead"
    slides = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "slides").rglob("*.md")))
    assert [name for name in COMPACT if f'--8<-- "outputs/{name}/layers.txt"' not in slides] == []
