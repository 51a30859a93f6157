"""Every chapter with Python code is offered as a notebook that carries the build's outputs (judged by
nbformat's schema) and is rendered as a page of the site (mkdocs-jupyter, offline, light and dark).
That each notebook, run top to bottom in a fresh kernel, prints what the page shows and draws its
figures inline is test_notebook_rerun.py's (one test per chapter, spread over the workers)."""

from __future__ import annotations

import base64
import json
import re

import nbformat
import pytest
import yaml

from handson import include, notebook

from .conftest import ROOT

DOCS = ROOT / "docs"
# pages whose source has a ```python block (includes inside it count)
CHAPTERS = sorted(
    p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md") if notebook.python_blocks(p.read_text(encoding="utf-8"))
)
CODE_FREE = sorted(
    p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md") if p.relative_to(DOCS).as_posix() not in CHAPTERS
)
EXTRA = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["extra"]
ANSI = re.compile(r"\x1b\[[0-9;]*m")
SHOWN_STDOUT = re.compile(r"""--8<--\s+["']outputs/(?P<name>[^"']+)/stdout\.txt["']""")


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else value


def _code_cells(nb: dict) -> list[dict]:
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def _stdout(cell: dict) -> str:
    return "".join(
        _text(o["text"]) for o in cell.get("outputs", []) if o["output_type"] == "stream" and o["name"] == "stdout"
    )


def _printed(cell: dict) -> str:
    """What a cell printed, as text: its stdout, and the text of what rich displayed in Jupyter (Keras'
    summary tables are display data there, not stdout; their text/plain, without its colour codes, is
    what the terminal shows)."""
    return ANSI.sub(
        "",
        "".join(
            _text(o["text"]) if o["output_type"] == "stream" else _text(o["data"]["text/plain"])
            for o in cell.get("outputs", [])
            if (o["output_type"] == "stream" and o["name"] == "stdout")
            or (
                o["output_type"] == "display_data"
                and "text/html" in o["data"]
                and not any(k.startswith("image/") for k in o["data"])
            )
        ),
    )


def _images(cell: dict, mime: str = "image/png") -> list[str]:
    return [
        _text(o["data"][mime])
        for o in cell.get("outputs", [])
        if o["output_type"] in ("display_data", "execute_result") and mime in o.get("data", {})
    ]


# --- the notebook a page becomes -----------------------------------------------------------------


def test_some_chapters_have_notebooks():
    assert "neurons.md" in CHAPTERS and "convolutions.md" in CHAPTERS
    assert "coverage.md" in CODE_FREE
    assert "instructors.md" not in CHAPTERS  # its examples are ```` fences and an untested ```` py one


def test_outputs_become_cell_outputs_and_figures_get_their_code(outputs, tmp_path):
    """A tiny page in the real project: a snippet's stdout block becomes its cell's stream, its figure a
    display_data output; a figure whose code the page does not show gets a cell with that code."""
    page = tmp_path / "probe.md"
    page.write_text(
        '# Probe\n\nProse \\(x\\).\n\n```python\n--8<-- "snippets/mlp/dense_by_hand.py"\n```\n\n'
        "<!--pytest-codeblocks:expected-output-->\n\n```text\n"
        '--8<-- "outputs/mlp/dense_by_hand/stdout.txt"\n```\n\n'
        "![One neuron](outputs/mlp/neuron/neuron.png)\n",
        encoding="utf-8",
    )
    nb = notebook.build(page, outputs)
    nbformat.validate(nbformat.from_dict(nb))
    kinds = [c["cell_type"] for c in nb["cells"]]
    code = _code_cells(nb)
    assert kinds[0] == "markdown" and "Prose $x$." in _text(nb["cells"][0]["source"])
    assert "os.environ.update(" in _text(code[0]["source"])  # the build's environment, first
    assert any(_text(c["source"]).startswith("%%writefile _netdraw.py") for c in code)
    by_hand = next(c for c in code if "Dense layer computes" in _text(c["source"]))
    assert _stdout(by_hand) == (outputs.outputs / "mlp/dense_by_hand/stdout.txt").read_text(encoding="utf-8")
    drawing = next(c for c in code if _text(c["source"]).startswith("# snippets/mlp/neuron.py"))
    png = (outputs.outputs / "mlp/neuron/neuron.png").read_bytes()
    assert [base64.b64decode(i) for i in _images(drawing)] == [png]
    assert drawing["outputs"][0]["data"]["text/plain"] == ["One neuron"]
    assert "outputs/" not in "".join(_text(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


def test_network_blocks_become_commented_cells(outputs, tmp_path):
    page = tmp_path / "probe.md"
    page.write_text(
        "# T\n\n<!--pytest.mark.skip-->\n\n```python\nimport keras\n"
        "keras.datasets.mnist.load_data()\n```\n\n```python\nprint(1)\n```\n",
        encoding="utf-8",
    )
    nb = notebook.build(page, outputs)
    sources = [_text(c["source"]) for c in _code_cells(nb)]
    assert "# keras.datasets.mnist.load_data()" in sources[1] and sources[2] == "print(1)"
    assert "pytest" not in json.dumps(nb)


def test_admonitions_lose_their_indent():
    assert notebook._admonitions(['??? note "Solution"', "", "    Text.", "", "Out."]) == [
        "**Solution**",
        "",
        "Text.",
        "",
        "Out.",
    ]


def test_a_figure_that_no_snippet_wrote_is_an_error_naming_the_line(outputs, tmp_path):
    page = tmp_path / "probe.md"
    page.write_text("# T\n\n```python\nprint(1)\n```\n\n![x](outputs/mlp/neuron/missing.png)\n", encoding="utf-8")
    with pytest.raises(include.IncludeError, match=r"probe\.md:7: .*outputs/mlp/neuron/missing\.png"):
        notebook.build(page, outputs)


# --- honest links ------------------------------------------------------------------------------


def test_colab_links_only_with_a_github_repository():
    line = notebook.links("neurons.md", "notebooks/neurons.ipynb", None, None)
    assert "colab" not in line and "(notebooks/neurons.ipynb)" in line
    assert 'href="notebooks/neurons.ipynb" download' in line
    line = notebook.links("neurons.md", "notebooks/neurons.ipynb", "https://github.com/o/r", "main")
    assert "(https://colab.research.google.com/github/o/r/blob/notebooks/main/neurons.ipynb)" in line
    assert "colab" not in notebook.links("a.md", "notebooks/a.ipynb", "https://gitlab.com/o/r", "main")


def test_colab_paths_are_where_the_pages_workflow_publishes_the_notebooks():
    """Both from the same settings: mkdocs.yml's extra.repository/branch make the links; the workflow
    that runs on a push to that branch copies build/notebooks/ into <branch>/ of the notebooks branch."""
    extra = EXTRA
    workflow = yaml.load((ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert extra["branch"] in workflow["on"]["push"]["branches"]
    steps = [s for job in workflow["jobs"].values() for s in job.get("steps", [])]
    publish = next(s["run"] for s in steps if "notebooks" in s.get("name", "").lower() and "run" in s)
    assert f"git worktree add -B {notebook.NOTEBOOKS_BRANCH} nb origin/{notebook.NOTEBOOKS_BRANCH}" in publish
    assert 'cp -r build/notebooks/. "nb/${GITHUB_REF_NAME}/"' in publish
    assert f"git push origin {notebook.NOTEBOOKS_BRANCH}" in publish
    # so the file for chapter x is https://github.com/<repo>/blob/notebooks/<branch>/x.ipynb
    repo = extra["repository"].removeprefix("https://github.com/")
    published = f"https://github.com/{repo}/blob/{notebook.NOTEBOOKS_BRANCH}/{extra['branch']}/neurons.ipynb"
    url = notebook.colab_url(extra["repository"], extra["branch"], "neurons.ipynb")
    assert url == published.replace("https://github.com/", "https://colab.research.google.com/github/")


# --- the built site --------------------------------------------------------------------------------


@pytest.mark.slow
def test_every_chapter_with_code_and_only_those_offer_a_notebook(site):
    offered = sorted(
        p.relative_to(site / "notebooks").with_suffix(".md").as_posix() for p in (site / "notebooks").rglob("*.ipynb")
    )
    assert offered == CHAPTERS
    for chapter in CHAPTERS:
        html = (site / chapter.replace(".md", ".html")).read_text(encoding="utf-8")
        assert f'href="notebooks/{chapter[:-3]}.ipynb"' in html
        assert f'href="notebooks/{chapter[:-3]}.html"' in html
        colab = notebook.colab_url(EXTRA["repository"], EXTRA["branch"], f"{chapter[:-3]}.ipynb")
        assert colab and f'href="{colab}"' in html
    for page in CODE_FREE:
        html = (site / page.replace(".md", ".html")).read_text(encoding="utf-8")
        assert "colab.research.google.com" not in html and 'href="notebooks/' not in html, page


@pytest.mark.slow
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_site_notebook_is_valid_self_contained_and_shows_the_pages_outputs(site, chapter):
    nb = json.loads((site / "notebooks" / chapter.replace(".md", ".ipynb")).read_text(encoding="utf-8"))
    nbformat.validate(nbformat.from_dict(nb))  # raises ValidationError
    assert nb["metadata"]["kernelspec"]["language"] == "python" and nb["metadata"]["language_info"]["name"] == "python"
    markdown = "".join(_text(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert not re.search(r"\]\((?:\.\./)*outputs/", markdown)
    assert not [c for c in _code_cells(nb) if "matplotlib.use(" in _text(c["source"])]
    # every figure the chapter's page shows is an embedded output, byte for byte
    html = (site / chapter.replace(".md", ".html")).read_text(encoding="utf-8")
    figures = sorted(set(re.findall(r'<img[^>]+src="(outputs/[^"]+\.(?:png|gif))"', html)))
    assert figures or chapter not in ("neurons.md", "convolutions.md")
    embedded = {base64.b64decode(i) for c in _code_cells(nb) for m in ("image/png", "image/gif") for i in _images(c, m)}
    missing = [f for f in figures if (site / f).read_bytes() not in embedded]
    assert missing == []
    # every stdout the page's source shows is a cell's stream output, byte for byte
    source = (DOCS / chapter).read_text(encoding="utf-8")
    streams = {_stdout(c) for c in _code_cells(nb)}
    for name in SHOWN_STDOUT.findall(source):
        assert (site / "outputs" / name / "stdout.txt").read_text(encoding="utf-8") in streams, name


@pytest.mark.slow
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_notebook_page_is_rendered_offline_in_the_sites_theme(site, chapter):
    page = site / "notebooks" / chapter.replace(".md", ".html")
    html = page.read_text(encoding="utf-8")
    assert 'class="jupyter-wrapper"' in html and "md-header" in html  # mkdocs-jupyter, in Material
    assert not re.search(r"""<(?:script|link|img)\b[^>]*\b(?:src|href)=["']?(?:https?:)?//""", html)
    assert "cdnjs" not in html and "cdn.jsdelivr" not in html and "MathJax.Hub" not in html
    assert '[data-md-color-scheme="slate"] .jupyter-wrapper{' in html  # dark scheme, too
    assert not re.search(r"<img(?![^>]*\balt=)[^>]*>", html)  # every image has alt text
    local = {h.split("#")[0] for h in re.findall(r'href="([^"]+)"', html) if not re.match(r"[a-z]+:|#", h)}
    assert sorted(h for h in local if not (page.parent / h).resolve().exists()) == []
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(d["location"].startswith(f"notebooks/{chapter[:-3]}.html") for d in index["docs"])


def test_no_snippet_forces_a_matplotlib_backend():
    forced = [
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "snippets").rglob("*.py")
        if "matplotlib.use(" in p.read_text(encoding="utf-8")
    ]
    assert forced == []


@pytest.mark.slow
@pytest.mark.browser
def test_notebook_pages_load_offline_with_math_figures_no_markup_left_and_both_schemes(site):
    """Each chapter's notebook page, opened with the system in light mode: nothing but file://
    requested, every figure drawn, its math typeset by KaTeX and no Markdown syntax left as text
    (test_markup's rule); switched by the reader with the palette button, its JupyterLab colours
    follow the site's scheme."""
    from .browser import Recorder, browser, switch_scheme
    from .test_markup import NOTEBOOK_JS, leaks

    with browser() as chromium:
        for chapter in CHAPTERS:
            page = chromium.new_page(color_scheme="light")  # a new context each: a first visit
            rec = Recorder(page)
            page.goto((site / "notebooks" / chapter.replace(".md", ".html")).as_uri())
            page.wait_for_load_state("load")
            page.wait_for_timeout(300)  # KaTeX typesets the Markdown cells once the page is ready
            assert rec.failed + rec.foreign() + rec.errors == [], chapter
            broken = page.evaluate("""Array.from(document.querySelectorAll('.jupyter-wrapper img'))
                .filter(i => !(i.complete && i.naturalWidth > 0)).length""")
            assert broken == 0, chapter
            if "$" in "".join(
                _text(c["source"])
                for c in json.loads(
                    (site / "notebooks" / chapter.replace(".md", ".ipynb")).read_text(encoding="utf-8")
                )["cells"]
                if c["cell_type"] == "markdown"
            ):
                assert page.evaluate("document.querySelectorAll('.jupyter-wrapper .katex').length") > 0, chapter
            assert leaks(*page.evaluate(NOTEBOOK_JS)) == [], chapter
            colour = """getComputedStyle(document.querySelector('.jupyter-wrapper'))
                .getPropertyValue('--jp-layout-color0').trim()"""
            colours = {page.evaluate("document.body.dataset.mdColorScheme"): page.evaluate(colour)}
            switched = switch_scheme(page)
            colours[switched] = page.evaluate(colour)
            assert sorted(colours) == ["default", "slate"], chapter
            assert colours["default"] != colours["slate"], (chapter, colours)
            assert rec.errors == [], chapter
            page.close()
