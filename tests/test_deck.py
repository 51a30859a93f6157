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
    conf = make_project(tmp_path, {"slides/demo.md": HEAD + body, "docs/neurons.md": "# Neurons\n", **(files or {})})
    vendor = {
        "vendor/remark-slide/out/remark.min.js": tmp_path / "remark.js",
        "vendor/katex/dist/katex.min.js": tmp_path / "katex.js",
        "vendor/katex/dist/katex.min.css": tmp_path / "katex.css",
    }
    for path in vendor.values():
        path.write_text("/* stand-in */")
    out = tmp_path / "out" / "demo"
    return deck.build(tmp_path / "slides/demo.md", out, conf, vendor), out


def source_of(out) -> str:
    page = (out / "index.html").read_text()
    found = re.search(r'<textarea id="source">\n(.*)\n</textarea>', page, re.S)
    assert found, 'the deck page has no <textarea id="source">'
    return html.unescape(found[1])


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
    _, out = build(
        tmp_path, '```python\n--8<-- "snippets/x.py"\n```\n', {"snippets/x.py": "print('from the snippet')\n"}
    )
    assert "print('from the snippet')" in source_of(out)


def test_script_and_textarea_in_outputs_stay_text(tmp_path):
    evil = "</textarea><script>alert(1)</script>\n"
    _, out = build(tmp_path, '```text\n--8<-- "outputs/x/stdout.txt"\n```\n', {"build/outputs/x/stdout.txt": evil})
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
        build(tmp_path, '# One\n```python\n--8<-- "snippets/gone.py"\n```\n')


def test_a_non_utf8_deck_names_file_and_line(tmp_path):
    conf = make_project(tmp_path, {"slides/bad.md": (HEAD + "# Caf\xe9\n").encode("latin-1")})
    with pytest.raises(deck.DeckError, match=r"slides/bad.md:5: not valid UTF-8"):
        deck.load(tmp_path / "slides/bad.md", conf)


def test_a_deck_without_front_matter_builds_titled_by_its_first_heading(tmp_path):
    conf = make_project(
        tmp_path, {"slides/bare.md": "class: middle\n\n# Just a *slide*\n", "slides/none.md": "no heading at all\n"}
    )
    bare = deck.load(tmp_path / "slides/bare.md", conf)
    assert (bare.title, bare.chapter) == ("Just a slide", None)
    assert deck.load(tmp_path / "slides/none.md", conf).title == "none"
    assert "deck-home" not in deck.render(bare)


def test_a_failed_deck_build_leaves_the_previous_folder(tmp_path):
    _, out = build(tmp_path, "# Good\n")
    before = (out / "index.html").read_text()
    with pytest.raises(deck.DeckError):
        build(tmp_path, "# Bad\n![x](outputs/missing.png)\n")
    assert (out / "index.html").read_text() == before


def test_a_deck_can_be_split_into_parts_and_errors_name_the_part(tmp_path):
    parts = {
        "slides/demo/01-intro.md": "# Intro\n\n---\n\n# Second\n",
        "slides/demo/02-more.md": "# More\n\n![x](outputs/none.png)\n",
    }
    body = '--8<-- "slides/demo/01-intro.md"\n\n---\n\n--8<-- "slides/demo/02-more.md"\n'
    with pytest.raises(deck.DeckError, match=r"slides/demo/02-more.md:3: image 'outputs/none.png'"):
        build(tmp_path, body, parts)
    parts["slides/demo/02-more.md"] = "# More\n"
    built, out = build(tmp_path, body, parts)
    assert built.slides == 3
    assert "# Second" in source_of(out) and "# More" in source_of(out)


def test_every_slide_gets_a_stable_name_from_its_heading(tmp_path):
    body = (
        "# Intro\n\n---\nclass: middle\n## Dropout in Keras\n\n---\nname: custom\n## Other\n"
        "\n---\n## Dropout in Keras\n\n```python\n---\n## not a slide\n```\n"
    )
    built, out = build(tmp_path, body)
    assert built.anchors == ["intro", "dropout-in-keras", "custom", "dropout-in-keras-2"]
    assert [s.name for s in built.shown] == built.anchors
    text = source_of(out)
    assert "name: dropout-in-keras\nclass: middle\n## Dropout in Keras" in text
    assert "name: not-a-slide" not in text


# ---- remark's own rules (handson.remark is a port of remark.js 0.14.0) --------------------------


def test_exclude_is_compared_case_insensitively_as_remark_does(tmp_path):
    built, _ = build(tmp_path, "# One\n---\nexclude: True\n# Gone\n---\nexclude: FALSE\n# Kept\n")
    assert [s.name for s in built.shown] == ["one", "kept"]
    assert [s.excluded for s in built.all_slides] == [False, True, False]


def test_layout_template_continued_and_count_follow_remarks_model(tmp_path):
    body = (
        "layout: true\nclass: base\n\n{{content}}\n---\nname: a\nclass: extra\n# A\n--\nmore\n---\n"
        "count: false\n# B\n---\nlayout: false\ntemplate: a\n# C\n"
    )
    built, _ = build(tmp_path, body)
    assert built.slide_list() == [
        {"name": "a", "count": None, "continued": "false", "class": "base, extra"},
        {"name": None, "count": "false", "continued": "true", "class": "base, extra"},
        {"name": "b", "count": "false", "continued": "false", "class": "base"},
        {"name": "c", "count": None, "continued": "false", "class": "base, extra"},
    ]
    assert built.slides == 3


def test_name_after_class_and_a_blank_line_is_read_like_remark(tmp_path):
    built, out = build(tmp_path, "# One\n---\nclass: middle\n\nname: mine\n## Heading\n")
    assert built.anchors == ["one", "mine"]
    assert "name: heading" not in source_of(out)


def test_tilde_fences_are_code_everywhere(tmp_path):
    body = "# One\n\n~~~text\n---\nnot: a property\n$x$ stays\n![x](missing.png)\n## not a name\n~~~\n"
    built, out = build(tmp_path, body)
    assert len(built.shown) == 1 and built.anchors == ["one"]
    text = source_of(out)
    assert "$x$ stays" in text and "%%math" not in text and "name: not-a-name" not in text


def test_every_token_of_the_reader_covers_the_source_once():
    from handson import remark

    source = "# T\n.left[a\n```\n]\n```\n]\n\\.no[x]\n    code\n--\n[r]: #x\n![:scale 5%](a.png)\n???\nn"
    assert "".join(t.text for t in remark.lex(source)) == source


def test_an_unknown_front_matter_key_names_its_line(tmp_path):
    conf = make_project(tmp_path, {"slides/d.md": "---\ntitle: T\nratioo: 4:3\n---\n# A\n"})
    with pytest.raises(deck.DeckError, match=r"slides/d.md:3: unknown front matter key 'ratioo'"):
        deck.load(tmp_path / "slides/d.md", conf)


def test_a_bad_deck_option_names_its_line(tmp_path):
    conf = make_project(tmp_path, {"slides/d.md": "---\ntitle: T\nhighlightStyle: nosuch\n---\n# A\n"})
    with pytest.raises(deck.DeckError, match=r"slides/d.md:3: front matter 'highlightStyle' takes"):
        deck.load(tmp_path / "slides/d.md", conf)


def test_deck_options_reach_remark(tmp_path):
    head = (
        '---\ntitle: T\nratio: "4:3"\nhighlightStyle: monokai\ncountIncrementalSlides: true\n'
        "navigation:\n  scroll: false\n---\n# A\n--\nmore\n"
    )
    conf = make_project(tmp_path, {"slides/d.md": head})
    made = deck.load(tmp_path / "slides/d.md", conf)
    assert made.options["ratio"] == "4:3" and made.options["highlightStyle"] == "monokai"
    assert [s.counted for s in made.shown] == [True, True]


def test_a_chapter_that_is_not_a_docs_page_is_refused(tmp_path):
    conf = make_project(tmp_path, {"slides/d.md": "---\ntitle: T\nchapter: nosuch.md\n---\n# A\n"})
    with pytest.raises(deck.DeckError, match=r"slides/d.md:3: chapter 'nosuch.md' is not a page"):
        deck.load(tmp_path / "slides/d.md", conf)


def test_backgrounds_media_and_linked_files_are_copied(tmp_path):
    body = (
        'background-image: url(img/bg.png)\n# One\n<audio controls src="a/x.wav"></audio>\n'
        '<video><source src="v/y.webm"></video>\n<div style="background: url(\'img/tex.png\')">t</div>\n'
        "[notes](docs/n.pdf) [site](https://example.org) [slide](#one)\n"
    )
    files = {f"slides/{p}": b"data" for p in ("img/bg.png", "a/x.wav", "v/y.webm", "img/tex.png", "docs/n.pdf")}
    built, out = build(tmp_path, body, files)
    assert sorted(built.files) == ["a/x.wav", "docs/n.pdf", "img/bg.png", "img/tex.png", "v/y.webm"]
    assert all((out / rel).read_bytes() == b"data" for rel in built.files)


def test_a_missing_background_names_file_and_line(tmp_path):
    with pytest.raises(deck.DeckError, match=r"slides/demo.md:7: background-image 'bg.png' does not exist"):
        build(tmp_path, "# One\n---\nbackground-image: url(bg.png)\n# Two\n")


def test_a_background_from_the_network_is_refused(tmp_path):
    with pytest.raises(deck.DeckError, match=r"slides/demo.md:5: background-image .*would load from the network"):
        build(tmp_path, "background-image: url(https://example.org/a.jpg)\n# One\n")


def test_a_path_leaving_the_deck_folder_is_refused(tmp_path):
    with pytest.raises(deck.DeckError, match=r"slides/demo.md:6: <audio src> '../secret.wav' leaves"):
        build(tmp_path, '# One\n<audio src="../secret.wav"></audio>\n', {"secret.wav": b"x"})


def test_a_lecturers_stylesheet_is_copied_with_what_it_uses(tmp_path):
    conf = make_project(
        tmp_path,
        {
            "slides/d.md": "---\ntitle: T\ncss: [s/theme.css]\n---\n# A\n",
            "slides/s/theme.css": "a {}\n.x { background: url(tex.png) }\n",
            "slides/s/tex.png": b"png",
        },
    )
    made = deck.load(tmp_path / "slides/d.md", conf)
    assert made.stylesheets == ["s/theme.css"] and set(made.files) == {"s/theme.css", "s/tex.png"}
    assert '<link rel="stylesheet" href="s/theme.css">' in deck.render(made)
    (tmp_path / "slides/s/tex.png").unlink()
    with pytest.raises(deck.DeckError, match=r"slides/s/theme.css:2: url\(\) 'tex.png' does not exist"):
        deck.load(tmp_path / "slides/d.md", conf)


def test_a_part_named_with_a_trailing_space_is_still_a_part(tmp_path):
    parts = {"slides/demo/p.md": "# Part\n\n![x](outputs/none.png)\n"}
    with pytest.raises(deck.DeckError, match=r"slides/demo/p.md:3: image 'outputs/none.png'"):
        build(tmp_path, '--8<-- "slides/demo/p.md "\n', parts)


def test_circular_parts_are_reported_as_such(tmp_path):
    parts = {"slides/demo/a.md": '# A\n--8<-- "slides/demo/b.md"\n', "slides/demo/b.md": '--8<-- "slides/demo/a.md"\n'}
    with pytest.raises(deck.DeckError, match=r"slides/demo/b.md:1: deck part .* includes itself"):
        build(tmp_path, '--8<-- "slides/demo/a.md"\n', parts)


def test_an_undefined_macro_names_file_and_line(tmp_path):
    with pytest.raises(deck.DeckError, match=r"slides/demo.md:6: remark macro 'wobble' is not defined"):
        build(tmp_path, "# One\n![:wobble 3](x.png)\n")


def test_slugs_are_mkdocs_toc_slugs():
    assert deck.slug("Rétropropagation") == "retropropagation"
    assert deck.slug("The code (1/4): `data` and weights") == "the-code-14-data-and-weights"


def test_highlight_styles_are_the_ones_remark_ships(project):
    from handson import assets

    remark_js = assets.asset_files(project)["vendor/remark-slide/out/remark.min.js"].read_text()
    shipped = set(re.findall(r'[{,]"?([a-z0-9_-]+)"?:"\.hljs-', remark_js))
    assert shipped == deck.HIGHLIGHT_STYLES
