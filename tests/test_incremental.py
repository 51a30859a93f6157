"""Only what changed is rebuilt: content-hash memos (state.py), the memoised prepare steps, and
`handson serve` rewriting one deck's page for a slide edit without running MkDocs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from handson import prepare, race, settings
from handson.state import State
from tests.browser import browser
from tests.conftest import ROOT, make_project

DECKS = {
    "docs/index.md": "# Home\n",
    "slides/alpha.md": """\
        ---
        title: Alpha
        chapter: index.md
        ---
        --8<-- "slides/alpha/10-first.md"
        """,
    "slides/alpha/10-first.md": """\
        # First slide of alpha

        Some words.
        """,
    "slides/beta.md": """\
        ---
        title: Beta
        chapter: index.md
        ---
        # Beta's only slide
        """,
}


def test_memo_is_fresh_until_a_file_it_read_changes_or_disappears(tmp_path):
    (tmp_path / "a.txt").write_text("one")
    (tmp_path / "b.txt").write_text("two")
    state = State.load(tmp_path)
    state.record("work", [tmp_path / "a.txt", tmp_path / "b.txt"], "v1", data={"n": 3})
    state.save()
    again = State.load(tmp_path)
    assert again.fresh("work", "v1") == {"n": 3}
    assert again.fresh("work", "v2") is None  # the code or settings part of the key moved
    (tmp_path / "b.txt").write_text("TWO")  # same size, new content
    assert State.load(tmp_path).fresh("work", "v1") is None
    (tmp_path / "b.txt").write_text("two")
    assert State.load(tmp_path).fresh("work", "v1") == {"n": 3}  # content, not mtime, decides
    (tmp_path / "a.txt").unlink()
    assert State.load(tmp_path).fresh("work", "v1") is None


def test_a_damaged_state_file_only_costs_a_rebuild(tmp_path):
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "state.json").write_text("{not json")
    state = State.load(tmp_path)
    assert state.fresh("work") is None
    state.record("work", [], "")
    state.save()
    assert State.load(tmp_path).fresh("work") == {}


def test_a_slide_part_edit_rebuilds_that_deck_alone_and_writes_only_its_page(tmp_path):
    conf = make_project(tmp_path, DECKS)
    state = State.load(conf.root)
    _, rebuilt = prepare.build_decks(conf, state, {}, progress=lambda _: None)
    assert rebuilt == ["alpha", "beta"]
    _, rebuilt = prepare.build_decks(conf, state, {}, progress=lambda _: None)
    assert rebuilt == []  # nothing changed: no deck is rebuilt
    state.save()
    part = tmp_path / "slides" / "alpha" / "10-first.md"
    part.write_text(part.read_text() + "\nA new line on the slide.\n")
    written: dict[str, list[str]] = {}
    _, rebuilt = prepare.build_decks(conf, State.load(conf.root), {}, progress=lambda _: None, written=written)
    assert rebuilt == ["alpha"]
    assert written == {"alpha": ["index.html"]}
    assert "A new line on the slide." in (tmp_path / "build/decks/alpha/index.html").read_text()


def test_a_deleted_built_deck_is_rebuilt(tmp_path):
    conf = make_project(tmp_path, DECKS)
    state = State.load(conf.root)
    prepare.build_decks(conf, state, {}, progress=lambda _: None)
    state.save()
    (tmp_path / "build/decks/beta/index.html").unlink()
    _, rebuilt = prepare.build_decks(conf, State.load(conf.root), {}, progress=lambda _: None)
    assert rebuilt == ["beta"]


def test_page_checks_are_redone_only_for_the_page_whose_include_changed(tmp_path):
    conf = make_project(
        tmp_path,
        {
            "docs/one.md": '```text\n--8<-- "data/one.txt"\n```\n',
            "docs/two.md": "# No includes\n",
            "data/one.txt": "hello\n",
        },
    )
    state = State.load(conf.root)
    assert prepare.check_pages(conf, state) == {"docs/one.md", "docs/two.md"}
    assert state.fresh("check docs/one.md", prepare._code_key("include.py")) is not None
    state.save()
    (tmp_path / "data/one.txt").unlink()
    try:
        prepare.check_pages(conf, State.load(conf.root))
    except Exception as error:  # noqa: BLE001 (the include's error names page and line)
        assert "docs/one.md:2" in str(error)
    else:
        raise AssertionError("a page including a deleted file passed its check")


def build(root) -> None:
    """`python -m handson build` in a throwaway project, which must succeed."""
    built = subprocess.run(
        [sys.executable, "-m", "handson", "build"],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert built.returncode == 0, built.stderr


def test_serve_answers_at_once_and_a_slide_edit_reloads_without_mkdocs(tmp_path):
    conf = make_project(
        tmp_path,
        {
            **DECKS,
            "mkdocs.yml": "site_name: t\nplugins: [handson]\nuse_directory_urls: false\n",
        },
    )
    build(conf.root)
    home = tmp_path / "site" / "index.html"
    with race.Served(conf.root) as served:
        assert served.first_page(timeout=120) < 30
        served.wait_for("site brought up to date", timeout=300)
        home_mtime = home.stat().st_mtime_ns
        vendor_css = tmp_path / "site/slides/alpha/deck.css"
        css_mtime = vendor_css.stat().st_mtime_ns
        seconds, what = served.edit(tmp_path / "slides/alpha/10-first.md", "\nEdited live.\n")
        assert what == "deck alpha rebuilt"
        time.sleep(0.2)
        assert "Edited live." in (tmp_path / "site/slides/alpha/index.html").read_text()
        assert home.stat().st_mtime_ns == home_mtime  # MkDocs did not run
        assert vendor_css.stat().st_mtime_ns == css_mtime  # only the deck's page was written
        page = served.url("/slides/alpha/index.html")
        import urllib.request

        with urllib.request.urlopen(page) as answer:
            assert b"/__handson__/reload.js" in answer.read()


def test_run_logs_one_line_per_snippet_that_ran_and_one_for_the_cached(tmp_path):
    make_project(
        tmp_path,
        {
            "snippets/demo/a.py": "print('a')\n",
            "snippets/demo/b.py": "print('b')\n",
        },
    )

    def run_cli(*names: str) -> list[str]:
        done = subprocess.run(
            [sys.executable, "-m", "handson", "run", *names], cwd=tmp_path, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.splitlines()

    first = run_cli()
    assert [line.split()[:2] for line in first[:-1]] == [["ran", "demo/a"], ["ran", "demo/b"]] or sorted(
        line.split()[1] for line in first[:-1]
    ) == ["demo/a", "demo/b"]
    assert first[-1].startswith("snippets: 2 ran, 0 from cache")
    (tmp_path / "snippets/demo/b.py").write_text("print('b, edited')\n")
    second = run_cli()
    assert len(second) == 2 and second[0].split()[:2] == ["ran", "demo/b"]
    assert second[1].startswith("snippets: 1 ran, 1 from cache")
    third = run_cli()
    assert len(third) == 1 and third[0].startswith("snippets: 2 from cache, none ran")
    (tmp_path / "snippets/demo/c.py").write_text("print('c')\n")  # not among the memo's files
    fourth = run_cli()
    assert fourth[0].split()[:2] == ["ran", "demo/c"]
    assert fourth[-1].startswith("snippets: 1 ran, 2 from cache")


def test_a_save_made_just_after_serve_says_it_is_ready_is_rebuilt(tmp_path):
    """The watcher starts from the snapshot taken before "site brought up to date" is printed:
    a save that lands between that line and the watcher's first look is still a change."""
    import threading

    from handson import serve

    part = tmp_path / "slides" / "alpha" / "10-first.md"
    part.parent.mkdir(parents=True)
    part.write_text("# One\n", encoding="utf-8")
    before = serve._snapshot(tmp_path)
    part.write_text("# One\n\nEdited live.\n", encoding="utf-8")  # before the watcher looks
    stop, seen = threading.Event(), []

    class Recorder:
        def rebuild(self, changed):
            seen.append(changed)
            stop.set()

    watcher = threading.Thread(target=serve.watch, args=(tmp_path, Recorder(), stop), kwargs={"before": before})
    watcher.start()
    watcher.join(timeout=10)
    stop.set()
    assert seen == [{part}]


# each slide's screen-reader label, its words and its formulas, as the reader gets them
EVERY_SLIDE = """() => [...document.querySelectorAll(".remark-slides-area > .remark-slide-container")]
  .map(c => [c.getAttribute("aria-label"), c.textContent.replace(/\\s+/g, " ").trim(),
              c.querySelectorAll(".katex").length])"""


@pytest.mark.browser
def test_a_text_edit_is_swapped_into_the_open_deck_and_a_title_edit_reloads_it(tmp_path):
    """Under serve, a browser showing a deck takes a text-only edit without reloading: the same
    page (a value it holds survives), the same slide, the new words on it, its formula typeset
    by KaTeX and every slide labelled again for screen readers. A change outside the Markdown
    (the deck's title) reloads the page."""
    conf = make_project(
        tmp_path,
        {
            **DECKS,
            "slides/alpha/10-first.md": """\
                # First slide of alpha

                Some words.

                ---
                # Second slide

                The area $\\pi r^2$ of a disc.
                """,
            "mkdocs.yml": "site_name: t\nplugins: [handson]\nuse_directory_urls: false\n",
        },
    )
    with open(conf.root / "pyproject.toml", "a", encoding="utf-8") as handle:  # the real remark and KaTeX
        for name in ("remark-slide", "katex"):
            pin = settings.load(ROOT).assets[name]
            handle.write(
                f"\n[tool.handson.assets.{name}]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in pin.items())
            )
    build(conf.root)
    part = tmp_path / "slides/alpha/10-first.md"
    visible = ".remark-visible .remark-slide-content"
    with race.Served(conf.root) as served, browser(loopback=True) as chromium:
        served.first_page(timeout=120)
        served.wait_for("site brought up to date", timeout=300)
        page = chromium.new_page(viewport={"width": 1280, "height": 720})
        page.goto(served.url("/slides/alpha/index.html#2"))
        page.wait_for_selector(f"{visible} .katex", state="visible")
        page.evaluate("window.sameDocument = true")
        page.wait_for_timeout(300)  # the page's reload script is waiting on the server now
        with open(part, "a", encoding="utf-8") as handle:
            handle.write("\nThe circumference is $2 \\pi r$.\n")
        page.wait_for_function(f"document.querySelector('{visible}').textContent.includes('circumference')")
        assert page.evaluate("window.sameDocument") is True  # swapped, not reloaded
        assert page.evaluate("slideshow.getCurrentSlideIndex()") == 1  # still on slide 2
        assert page.locator(f"{visible} .katex").count() == 2  # both formulas of the slide
        # the other slides' formulas, soon after
        page.wait_for_function("!document.querySelector('.remark-slides-area').textContent.includes('%%math')")
        labels = page.eval_on_selector_all(
            ".remark-slides-area > .remark-slide-container", "cs => cs.map(c => c.getAttribute('aria-label'))"
        )
        assert labels == ["Slide 1 of 2: First slide of alpha", "Slide 2 of 2: Second slide"]
        # the judge: remark.js loading the new page afresh shows exactly what the swap shows
        fresh = chromium.new_page(viewport={"width": 1280, "height": 720})
        fresh.goto(served.url("/slides/alpha/index.html#2"))
        fresh.wait_for_selector(f"{visible} .katex", state="visible")
        assert page.evaluate(EVERY_SLIDE) == fresh.evaluate(EVERY_SLIDE)
        fresh.close()

        deck_md = tmp_path / "slides/alpha.md"
        deck_md.write_text(deck_md.read_text(encoding="utf-8").replace("title: Alpha", "title: Alpha, again"))
        page.wait_for_function("document.title === 'Alpha, again'")
        assert page.evaluate("window.sameDocument") is None  # a new page
        assert "circumference" in page.locator(visible).text_content()
