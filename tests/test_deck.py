"""The deck builder: a remark deck becomes a self-contained folder; mistakes in a deck source are
errors naming the file and line."""

from __future__ import annotations

import html
import re

import pytest

from handson import deck

from .conftest import make_project

HEAD = "---\ntitle: Demo deck\nchapter: neurons.md\n---\n"


def build(tmp_path, body: str, files: dict | None = None):
    conf = make_project(tmp_path, {"slides/demo.md": HEAD + body, **(files or {})})
    vendor = {"vendor/remark-slide/out/remark.min.js": tmp_path / "remark.js",
              "vendor/katex/dist/katex.min.js": tmp_path / "katex.js",
              "vendor/katex/dist/katex.min.css": tmp_path / "katex.css"}
    for path in vendor.values():
        path.write_text("/* stand-in */")
    out = tmp_path / "out" / "demo"
    return deck.build(tmp_path / "slides/demo.md", out, conf, vendor), out


def source_of(out) -> str:
    page = (out / "index.html").read_text()
    return html.unescape(re.search(r'<textarea id="source">\n(.*)\n</textarea>', page, re.S)[1])


def test_deck_folder_holds_page_assets_and_images(tmp_path):
    body = "# One\n\n![curve](outputs/fig/c/curve.png)\n\n---\n\n# Two\n\n--\n\nmore\n"
    built, out = build(tmp_path, body, {"build/outputs/fig/c/curve.png": b"\x89PNG fake"})
    assert built.slides == 2  # the `--` step is not a slide of its own
    assert (out / "outputs/fig/c/curve.png").read_bytes() == b"\x89PNG fake"
    assert (out / "vendor/remark-slide/out/remark.min.js").is_file()
    assert (out / "deck.css").is_file()
    page = (out / "index.html").read_text()
    assert '<a class="deck-home" href="../../neurons/"' in page
    assert not re.search(r"""(src|href)=["']https?://""", page)


def test_includes_are_expanded_in_decks(tmp_path):
    _, out = build(tmp_path, '```python\n--8<-- "snippets/x.py"\n```\n',
                   {"snippets/x.py": "print('from the snippet')\n"})
    assert "print('from the snippet')" in source_of(out)


def test_script_and_textarea_in_outputs_stay_text(tmp_path):
    evil = "</textarea><script>alert(1)</script>\n"
    _, out = build(tmp_path, '```text\n--8<-- "outputs/x/stdout.txt"\n```\n',
                   {"build/outputs/x/stdout.txt": evil})
    page = (out / "index.html").read_text()
    assert "<script>alert(1)" not in page
    assert page.count("</textarea>") == 1
    assert evil.strip() in source_of(out)


def test_math_is_protected_from_remarks_markdown(tmp_path):
    _, out = build(tmp_path, "inline $w_i x_i$ and\n\n$$\\sum_i w_i x_i$$\n\n`$not_math$`\n")
    text = source_of(out)
    assert "%%math0%%" in text and "%%math1%%" in text and "`$not_math$`" in text
    page = (out / "index.html").read_text()
    assert '["w_i x_i", false]' in page and '["\\\\sum_i w_i x_i", true]' in page


def test_a_missing_image_names_file_and_line(tmp_path):
    with pytest.raises(deck.DeckError, match=r"slides/demo.md:7: image 'outputs/none.png' does not"):
        build(tmp_path, "# One\n\n![x](outputs/none.png)\n")


def test_an_image_from_the_network_is_refused(tmp_path):
    with pytest.raises(deck.DeckError, match=r"slides/demo.md:6: .*network"):
        build(tmp_path, '# One\n<img src="https://example.org/a.png">\n')


def test_an_unknown_slide_property_names_file_and_line(tmp_path):
    with pytest.raises(deck.DeckError, match=r"slides/demo.md:7: unknown slide property 'clas'"):
        build(tmp_path, "# One\n---\nclas: center\n# Two\n")


def test_a_non_boolean_count_property_is_refused(tmp_path):
    with pytest.raises(deck.DeckError, match=r"slides/demo.md:7: .*'count' takes true or false"):
        build(tmp_path, "# One\n---\ncount: maybe\n# Two\n")


def test_a_missing_include_in_a_deck_names_file_and_line(tmp_path):
    with pytest.raises(deck.DeckError, match=r"slides/demo.md:7: .*snippets/gone.py"):
        build(tmp_path, "# One\n```python\n--8<-- \"snippets/gone.py\"\n```\n")


def test_a_non_utf8_deck_names_file_and_line(tmp_path):
    conf = make_project(tmp_path, {"slides/bad.md": (HEAD + "# Caf\xe9\n").encode("latin-1")})
    with pytest.raises(deck.DeckError, match=r"slides/bad.md:5: not valid UTF-8"):
        deck.load(tmp_path / "slides/bad.md", conf)


def test_a_deck_without_front_matter_is_refused(tmp_path):
    conf = make_project(tmp_path, {"slides/bare.md": "# Just a slide\n"})
    with pytest.raises(deck.DeckError, match=r"slides/bare.md:1: a deck starts with front matter"):
        deck.load(tmp_path / "slides/bare.md", conf)


def test_a_failed_deck_build_leaves_the_previous_folder(tmp_path):
    _, out = build(tmp_path, "# Good\n")
    before = (out / "index.html").read_text()
    with pytest.raises(deck.DeckError):
        build(tmp_path, "# Bad\n![x](outputs/missing.png)\n")
    assert (out / "index.html").read_text() == before


def test_a_deck_can_be_split_into_parts_and_errors_name_the_part(tmp_path):
    parts = {"slides/demo/01-intro.md": "# Intro\n\n---\n\n# Second\n",
             "slides/demo/02-more.md": "# More\n\n![x](outputs/none.png)\n"}
    body = '--8<-- "slides/demo/01-intro.md"\n\n---\n\n--8<-- "slides/demo/02-more.md"\n'
    with pytest.raises(deck.DeckError, match=r"slides/demo/02-more.md:3: image 'outputs/none.png'"):
        build(tmp_path, body, parts)
    parts["slides/demo/02-more.md"] = "# More\n"
    built, out = build(tmp_path, body, parts)
    assert built.slides == 3
    assert "# Second" in source_of(out) and "# More" in source_of(out)


def test_every_slide_gets_a_stable_name_from_its_heading(tmp_path):
    body = ("# Intro\n\n---\nclass: middle\n## Dropout in Keras\n\n---\nname: custom\n## Other\n"
            "\n---\n## Dropout in Keras\n\n```python\n---\n## not a slide\n```\n")
    built, out = build(tmp_path, body)
    assert built.anchors == ["intro", "dropout-in-keras", "custom", "dropout-in-keras-2"]
    text = source_of(out)
    assert "name: dropout-in-keras\nclass: middle\n## Dropout in Keras" in text
    assert "name: not-a-slide" not in text
