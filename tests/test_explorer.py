"""The convolution explorer (docs/javascripts/conv-explorer.js) against Keras' own answers.

snippets/cnn/explorer_cases.py builds a real Conv2D for every case of a grid and records the
output size, the padding TensorFlow applies before and after, or the error Keras raises; these
tests drive the explorer on the built page through every case and compare, then operate it with
the keyboard alone."""

from __future__ import annotations

import json
import re

import pytest

from .browser import Recorder, browser
from .conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def cases(outputs):
    return json.loads((outputs.outputs / "cnn" / "explorer_cases" / "cases.json").read_text())


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


@pytest.fixture(scope="module")
def page(site, chromium):
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    rec = Recorder(page)
    page.goto((site / "convolutions.html").as_uri())
    page.wait_for_selector(".conv-explorer .ce-size")
    page.rec = rec
    yield page


DRIVE_JS = """cases => {
            const root = document.querySelector('.conv-explorer');
            // a student changes the controls that differ from the case before, one at a time
            const set = (name, value) => {
                const input = root.querySelector(`[name=${name}]`);
                if (input.value === String(value)) return;
                input.value = String(value);
                input.dispatchEvent(new Event(input.tagName === 'SELECT' ? 'change' : 'input'));
            };
            return cases.map(c => {
                set('padding', c.padding); set('i', c.i); set('k', c.k); set('s', c.s); set('d', c.d);
                return {output: +root.dataset.output, before: +root.dataset.before,
                        after: +root.dataset.after, error: root.dataset.error,
                        size: root.querySelector('.ce-size').textContent,
                        keras: root.querySelector('.ce-keras').textContent};
            });
        }"""


def test_keras_grid_covers_the_issue_cases_and_the_uneven_same_padding(cases):
    keys = {(c["i"], c["k"], c["s"], c["d"], c["padding"]) for c in cases}
    assert len(keys) == len(cases) == 960
    assert {c["i"] for c in cases} == {4, 5, 6, 7, 8, 9, 28, 32}
    even_stride_2 = next(c for c in cases if (c["i"], c["k"], c["s"], c["d"], c["padding"]) == (8, 3, 2, 1, "same"))
    assert (even_stride_2["output"], even_stride_2["before"], even_stride_2["after"]) == (4, 0, 1)
    # Keras refuses strides > 1 with dilation > 1, and kernels wider than the padded input
    assert all("error" in c for c in cases if c["s"] > 1 and c["d"] > 1)
    assert any("zero or negative" in c.get("error", "") for c in cases)


def test_explorer_gives_keras_answer_for_every_case_of_the_grid(page, cases):
    shown = page.evaluate(
        DRIVE_JS,
        cases,
    )
    wrong = []
    for case, got in zip(cases, shown, strict=True):
        if "error" in case:
            if not got["error"] or not got["size"].startswith("No output"):
                wrong.append((case, got))
        elif (
            got["error"]
            or got["output"] != case["output"]
            or (got["before"], got["after"]) != (case["before"], case["after"])
            or f"Output {case['output']} × {case['output']}" not in got["size"]
        ):
            wrong.append((case, got))
    assert not wrong, f"{len(wrong)} cases differ from Keras, first: {wrong[:3]}"


def test_keras_line_the_explorer_shows_builds_a_layer_of_the_size_it_states(page, cases):
    import keras
    from keras import layers

    sample = [c for c in cases if "error" not in c][::12]  # every padding kind, many sizes
    shown = page.evaluate(
        DRIVE_JS,
        sample,
    )
    assert {type(c["padding"]) for c in sample} == {str, int}
    for case, got in zip(sample, shown, strict=True):
        output, line = got["output"], got["keras"]
        stack = eval(f"[{line}]", {"layers": layers, "filters": 1})  # noqa: S307 - the line our page shows, evaluated as the reader would
        model = keras.Sequential([keras.Input((case["i"], case["i"], 1)), *stack])
        assert model.output_shape == (None, output, output, 1), (case, line)


def test_explorer_is_operable_with_the_keyboard_alone(site, chromium):
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.emulate_media(reduced_motion="reduce")
    page.goto((site / "convolutions.html").as_uri())
    page.wait_for_selector(".conv-explorer .ce-size")
    root = ".conv-explorer"
    # nothing moves on load: the explorer starts paused on its first position
    assert page.get_attribute(f"{root} .ce-play", "aria-pressed") == "false"
    start = page.text_content(f"{root} .ce-position")
    page.wait_for_timeout(1000)
    assert page.text_content(f"{root} .ce-position") == start == "cell 1 of 16 (row 1, column 1)"
    # change the input size with the arrow key
    page.focus(f"{root} input[name=i]")
    page.keyboard.press("ArrowUp")
    assert page.get_attribute(root, "data-output") == "5"  # ceil(9 / 2)
    assert "Output 5 × 5" in page.text_content(f"{root} .ce-size")
    focused = []
    for _ in range(12):  # Tab on to the step button
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.classList.contains('ce-forward')"))
        if focused[-1]:
            break
    assert focused[-1], "Tab never reached the step-forward button"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # focus is visible
    page.keyboard.press("Enter")
    assert page.text_content(f"{root} .ce-position") == "cell 2 of 25 (row 1, column 2)"
    page.keyboard.press("Shift+Tab")  # play
    page.keyboard.press("Space")
    assert page.get_attribute(f"{root} .ce-play", "aria-pressed") == "true"
    page.wait_for_timeout(1600)
    page.keyboard.press("Space")
    assert page.get_attribute(f"{root} .ce-play", "aria-pressed") == "false"
    moved = page.text_content(f"{root} .ce-position")
    assert moved != "cell 2 of 25 (row 1, column 2)"
    page.wait_for_timeout(900)
    assert page.text_content(f"{root} .ce-position") == moved  # paused stays put
    # the output size is announced to screen readers
    assert page.get_attribute(f"{root} .ce-size", "aria-live") == "polite"


def test_explorer_uses_the_gif_colours_and_loads_nothing_from_the_network(page):
    styles = (ROOT / "snippets" / "cnn" / "_convstyle.py").read_text()
    window = re.search(r'"window": "(#[0-9A-Fa-f]{6})"', styles)[1]
    page.select_option(".conv-explorer select[name=padding]", "same")
    fill = page.evaluate("""() => getComputedStyle(
        document.querySelector('.conv-explorer .ce-window')).fill""")
    r, g, b = (int(window[i : i + 2], 16) for i in (1, 3, 5))
    assert fill == f"rgb({r}, {g}, {b})"
    assert not page.rec.foreign()
    assert not page.rec.failed
    assert not page.rec.errors


def test_explorer_on_its_slide_keeps_the_keys_and_matches_keras(site, chromium, cases):
    """On the hands-on-nn deck: typing into the explorer never turns the slide, and it answers
    as on the site."""
    page = chromium.new_page(viewport={"width": 908, "height": 681})
    rec = Recorder(page)
    page.goto((site / "slides" / "hands-on-nn" / "index.html").as_uri() + "#try-it-any-size-kernel-padding-stride")
    page.wait_for_selector(".remark-visible .conv-explorer .ce-size")
    root = ".remark-visible .conv-explorer"
    slide = page.evaluate("slideshow.getCurrentSlideIndex()")
    page.focus(f"{root} input[name=i]")
    page.keyboard.press("ArrowUp")
    page.focus(f"{root} .ce-forward")
    page.keyboard.press("Enter")
    page.keyboard.press("Space")
    assert page.evaluate("slideshow.getCurrentSlideIndex()") == slide
    assert page.text_content(f"{root} .ce-position") == "cell 3 of 25 (row 1, column 3)"
    nine = next(c for c in cases if (c["i"], c["k"], c["s"], c["d"], c["padding"]) == (9, 3, 2, 1, "same"))
    assert page.get_attribute(root, "data-output") == str(nine["output"])
    assert (page.get_attribute(root, "data-before"), page.get_attribute(root, "data-after")) == (
        str(nine["before"]),
        str(nine["after"]),
    )
    assert not rec.foreign() and not rec.failed and not rec.errors
