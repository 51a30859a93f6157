"""The include stage: `--8<--` reaches a snippet's code (whole or a named section) and its outputs,
and a missing file or section is an error naming the page and line."""

from __future__ import annotations

import pytest

from handson import include

from .conftest import make_project

FILES = {
    "snippets/cnn/demo.py": """\
        import math
        # --8<-- [start:core]
        print(math.sqrt(16))
        # --8<-- [end:core]
        """,
    "build/outputs/cnn/demo/stdout.txt": "4.0\n",
}


def test_whole_file_section_and_output_are_included(tmp_path):
    conf = make_project(tmp_path, FILES)
    page = (
        '```python\n--8<-- "snippets/cnn/demo.py"\n```\n'
        '```python\n--8<-- "snippets/cnn/demo.py:core"\n```\n'
        '```text\n--8<-- "outputs/cnn/demo/stdout.txt"\n```\n'
    )
    out = include.expand(page, "docs/p.md", conf)
    # pymdownx.snippets keeps a file's final newline as an empty last line
    assert out == (
        "```python\nimport math\nprint(math.sqrt(16))\n\n```\n"
        "```python\nprint(math.sqrt(16))\n```\n"
        "```text\n4.0\n\n```\n"
    )


def test_a_missing_file_names_page_and_line(tmp_path):
    conf = make_project(tmp_path, FILES)
    page = '# Title\n\ntext\n```python\n--8<-- "snippets/cnn/nope.py"\n```\n'
    with pytest.raises(include.IncludeError, match=r"^docs/p.md:5: .*snippets/cnn/nope.py"):
        include.expand(page, "docs/p.md", conf)


def test_a_missing_section_names_page_and_line(tmp_path):
    conf = make_project(tmp_path, FILES)
    page = '```python\n--8<-- "snippets/cnn/demo.py:absent"\n```\n'
    with pytest.raises(include.IncludeError, match=r"^docs/p.md:2: .*absent"):
        include.expand(page, "docs/p.md", conf)


def test_usage_maps_snippets_to_the_pages_and_lines_that_show_them(tmp_path):
    make_project(
        tmp_path,
        {
            **FILES,
            "docs/p.md": (
                'x\n--8<-- "snippets/cnn/demo.py"\n--8<-- "outputs/cnn/demo/stdout.txt"\n'
                "![plot](outputs/fig/curve/curve.png)\n"
            ),
        },
    )
    used = include.usage([tmp_path / "docs/p.md"], tmp_path)
    assert used == {"cnn/demo": ["docs/p.md:2", "docs/p.md:3"], "fig/curve": ["docs/p.md:4"]}


def test_an_output_cannot_close_its_fence_nor_include_a_file(tmp_path):
    conf = make_project(
        tmp_path,
        {
            **FILES,
            "build/outputs/cnn/evil/stdout.txt": (
                'a\n```\n<img src=x onerror=alert(1)>\n`````\n--8<-- "pyproject.toml"\n;--8<-- "x"\n'
                "# --8<-- [start:s]\n"
            ),
        },
    )
    out = include.expand('```text\n--8<-- "outputs/cnn/evil/stdout.txt"\n```\n', "docs/p.md", conf)
    # the fence grows past the longest backtick run (5), and every line is shown as printed
    assert out == (
        '``````text\na\n```\n<img src=x onerror=alert(1)>\n`````\n--8<-- "pyproject.toml"\n'
        ';--8<-- "x"\n# --8<-- [start:s]\n\n``````\n'
    )


def test_the_block_form_reports_the_line_of_its_missing_path(tmp_path):
    conf = make_project(tmp_path, FILES)
    page = "```python\n--8<--\nsnippets/cnn/demo.py\nsnippets/cnn/gone.py\n--8<--\n```\n"
    with pytest.raises(include.IncludeError, match=r"^docs/p.md:4: .*snippets/cnn/gone.py"):
        include.expand(page, "docs/p.md", conf)


def test_a_link_out_of_the_project_is_refused(tmp_path):
    conf = make_project(tmp_path, FILES)
    (tmp_path / "snippets/cnn/hosts.py").symlink_to("/etc/hostname")
    with pytest.raises(include.IncludeError, match=r"^docs/p.md:2: .*leads outside the project"):
        include.expand('```text\n--8<-- "snippets/cnn/hosts.py"\n```\n', "docs/p.md", conf)


def test_an_output_outside_a_fence_is_refused(tmp_path):
    conf = make_project(tmp_path, FILES)
    with pytest.raises(include.IncludeError, match=r"^docs/p.md:3: .*include it inside a fenced block"):
        include.expand('# T\n\n--8<-- "outputs/cnn/demo/stdout.txt"\n', "docs/p.md", conf)


def test_one_fence_reader_follows_commonmark_closing_rules():
    lines = [
        "````python",  # 0: a longer closer is needed
        "```",  # 1: too short to close: code
        "~~~",  # 2: other character: code
        "`````",  # 3: closes (at least as long)
        "``` not `code` but inline",  # 4: backticks in the info string: inline code, not a fence
        "  ~~~ text {.x}",  # 5: indented tilde fence with attributes
        '--8<-- "outputs/a/stdout.txt"',
        "  ~~~",  # 7
        "```",  # 8: never closed: runs to the end
        "tail",
    ]
    found = [(f.start, f.end, f.indent, f.marker, f.info, f.closed) for f in include.fences(lines)]
    assert found == [
        (0, 3, "", "````", "python", True),
        (5, 7, "  ", "~~~", "text {.x}", True),
        (8, 9, "", "```", "", False),
    ]
    blanked = include.without_code("\n".join(lines)).split("\n")
    assert blanked[4] == lines[4] and [i for i, line in enumerate(blanked) if line] == [4]


def test_include_lines_are_read_with_pymdownx_grammar_inline_block_and_escaped():
    lines = [
        "--8<-- 'snippets/a.py:core'",  # single quotes and a section
        '  -8<- "outputs/a/stdout.txt"',  # indented, one dash each side
        ';--8<-- "snippets/escaped.py"',  # escaped: shown as text, not included
        "--8<--",
        "snippets/b.py",
        ";snippets/skipped.py",
        "",
        "--8<--",
        'text --8<-- "not/a/line.py"',
    ]
    assert list(include.references(lines)) == [
        (0, "snippets/a.py:core"),
        (1, "outputs/a/stdout.txt"),
        (4, "snippets/b.py"),
    ]
    assert [include.inline_path(line) for line in lines[:3]] == ["snippets/a.py:core", "outputs/a/stdout.txt", None]
