"""Bad input, end to end through the real entry point (`python -m handson build`, in a tiny
project with one page and one deck): each case ends in a clear message naming the file and line
to open, a non-zero exit, the last good site left byte for byte as it was, and a cache that is not
poisoned (putting the input right is enough for the next build to succeed; nothing is cleaned by
hand). Cases where the right answer is *not* an error (a corrupted cache entry, a changed Keras
version, no network) say so and check the build does the right thing instead.

Unit tests already cover the messages of several cases at the level of one stage; they are named
in each case below. These tests add what a unit test cannot see: exit code, site untouched, and a
good build afterwards.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from .conftest import ROOT
from .test_site import ENV, handson_build, tiny_site

GOOD = "print('good output')\n"
DECK = textwrap.dedent("""\
    ---
    title: Tiny deck
    chapter: index.md
    ---

    # The output

    ```text
    --8<-- "outputs/demo/stdout.txt"
    ```

    ---

    # Second slide
    """)
# line numbers in the deck above, for the messages
DECK_SECOND_SLIDE = 14


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def good_project(tmp_path_factory) -> Path:
    """A tiny project built once, successfully (site/, cache and outputs in place)."""
    root = tmp_path_factory.mktemp("good") / "project"
    tiny_site(root, GOOD)
    (root / "slides/demo.md").write_text(DECK, encoding="utf-8")
    done = handson_build(root)
    assert done.returncode == 0, done.stderr
    return root


@pytest.fixture
def proj(good_project, tmp_path) -> Path:
    """A private copy of the good project: the test breaks it, then mends it."""
    root = tmp_path / "project"
    shutil.copytree(good_project, root, symlinks=True)
    return root


class Case:
    """Break one input, build, check the failure, mend it, build again."""

    def __init__(self, root: Path):
        self.root = root
        self.before = snapshot(root / "site")
        self.originals: dict[Path, bytes | None] = {}

    def write(self, rel: str, text: str | bytes) -> None:
        path = self.root / rel
        if path not in self.originals:
            self.originals[path] = path.read_bytes() if path.exists() else None
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))

    def fails(self, *expected: str, env: dict | None = None) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "handson", "build"], cwd=self.root, env=env or ENV, capture_output=True, text=True
        )
        assert done.returncode != 0, "the build should have failed"
        for text in expected:
            assert text in done.stderr, f"{text!r} not in the message:\n{done.stderr}"
        self.site_untouched()
        return done.stderr

    def site_untouched(self) -> None:
        assert snapshot(self.root / "site") == self.before, "the last good site was changed"
        assert not list(self.root.glob(".site.new-*")), "a half-built site was left behind"

    def mend_and_build(self) -> None:
        for path, data in self.originals.items():
            if data is None:
                path.unlink()
            else:
                path.write_bytes(data)
        done = handson_build(self.root)
        assert done.returncode == 0, done.stderr
        assert "good output" in (self.root / "site/index.html").read_text(encoding="utf-8")


# --- 1-3: snippets that fail ---------------------------------------------------------------------
# (unit level: test_run.py::test_a_failing_snippet_names_its_traceback_and_the_pages_that_include_it,
#  ::test_a_syntax_error_is_reported_with_its_line, ::test_a_snippet_past_its_time_limit_is_stopped;
#  end to end for a raising snippet: test_site.py::test_a_failing_snippet_stops_the_build_...)


def test_01_a_snippet_that_raises(proj):
    case = Case(proj)
    case.write("snippets/demo.py", "print('half')\nraise RuntimeError('no luck')\n")
    case.fails(
        "snippets/demo.py failed",
        'demo.py", line 2',
        "RuntimeError: no luck",
        "included at docs/index.md:4",
        "included at slides/demo.md:9",
    )
    case.mend_and_build()


def test_02_a_snippet_with_a_syntax_error(proj):
    case = Case(proj)
    case.write("snippets/demo.py", "print('a')\nif True print('b')\n")
    case.fails("snippets/demo.py failed", 'demo.py", line 2', "SyntaxError", "included at docs/index.md:4")
    case.mend_and_build()


def test_03_a_snippet_past_its_time_limit(proj):
    case = Case(proj)
    case.write("snippets/demo.py", "# timeout: 1\nimport time\ntime.sleep(120)\n")
    started = time.monotonic()
    case.fails("snippets/demo.py ran past its time limit of 1 s", "included at docs/index.md:4")
    assert time.monotonic() - started < 60
    case.mend_and_build()


# --- 4: output that looks like markup ------------------------------------------------------------
# (unit level: test_deck.py::test_script_and_textarea_in_outputs_stay_text; here in a real browser)

EVIL = '</textarea><script>alert("textarea")</script><img src=x onerror=alert("img")>'


@pytest.mark.browser
def test_04_output_with_script_and_textarea_shows_as_text_and_never_runs(proj):
    from .browser import Recorder, browser

    (proj / "snippets/demo.py").write_text(f"print({EVIL!r})\n", encoding="utf-8")
    done = handson_build(proj)
    assert done.returncode == 0, done.stderr
    with browser() as chromium:
        for rel in ("site/index.html", "site/slides/demo/index.html"):
            page = chromium.new_page()
            dialogs: list[str] = []
            page.on("dialog", lambda d, seen=dialogs: (seen.append(d.message), d.dismiss()))
            rec = Recorder(page)
            page.goto((proj / rel).as_uri())
            if "slides" in rel:
                page.wait_for_function("typeof slideshow !== 'undefined'")
                assert page.evaluate("slideshow.getSlideCount()") == 2  # the deck is not broken
                text = page.locator(".remark-visible .remark-slide-content")
            else:
                text = page.locator("article")
            page.wait_for_timeout(300)
            assert dialogs == [], f"{rel}: a script from a snippet's output ran"
            assert EVIL in text.inner_text(), f"{rel}: the output is not shown as text"
            assert text.get_by_text('<script>alert("textarea")</script>', exact=False).first.is_visible()
            assert page.evaluate("document.querySelectorAll('img[src=x]').length") == 0
            assert rec.errors == []
            page.close()


# --- 5: includes ---------------------------------------------------------------------------------
# (unit level: test_include.py::test_a_missing_file_names_page_and_line, ::test_a_missing_section_...;
#  end to end for a missing file in a page: test_site.py::test_a_missing_include_in_a_page_...)


def test_05_an_include_of_a_missing_section_or_file(proj):
    case = Case(proj)
    page = (proj / "docs/index.md").read_text()
    case.write("docs/index.md", page + '\n```python\n--8<-- "snippets/demo.py:nosuch"\n```\n')
    case.fails("docs/index.md:12", "nosuch")
    case.mend_and_build()
    case = Case(proj)
    case.write("slides/demo.md", DECK + '\n```python\n--8<-- "snippets/gone.py"\n```\n')
    case.fails("slides/demo.md:17", "snippets/gone.py")
    case.mend_and_build()


# --- 6-7: decks ----------------------------------------------------------------------------------
# (unit level: test_deck.py::test_a_missing_image_names_file_and_line,
#  ::test_an_unknown_slide_property_names_file_and_line, ::test_a_non_boolean_count_property_...)


def test_06_a_deck_image_that_does_not_exist(proj):
    case = Case(proj)
    case.write("slides/demo.md", DECK + "\n![a curve](outputs/demo/curve.png)\n")
    case.fails("slides/demo.md:16: image 'outputs/demo/curve.png' does not exist")
    case.mend_and_build()


def test_07_malformed_slide_properties(proj):
    case = Case(proj)
    case.write("slides/demo.md", DECK.replace("# Second slide", "clas: center\n# Second slide"))
    case.fails(f"slides/demo.md:{DECK_SECOND_SLIDE}: unknown slide property 'clas'")
    case.mend_and_build()
    case = Case(proj)
    case.write("slides/demo.md", DECK.replace("# Second slide", "count: maybe\n# Second slide"))
    case.fails(f"slides/demo.md:{DECK_SECOND_SLIDE}: slide property 'count' takes true or false")
    case.mend_and_build()


# --- 8: encodings --------------------------------------------------------------------------------
# (unit level: test_deck.py::test_a_non_utf8_deck_names_file_and_line)


def test_08_a_page_or_deck_that_is_not_utf8(proj):
    case = Case(proj)
    case.write("docs/other.md", "# Other\n\nCaf\xe9 cr\xe8me\n".encode("latin-1"))
    case.fails("docs/other.md:3: not valid UTF-8")
    case.mend_and_build()
    case = Case(proj)
    case.write("slides/demo.md", DECK.replace("# Second slide", "# Caf\xe9").encode("latin-1"))
    case.fails(f"slides/demo.md:{DECK_SECOND_SLIDE}: not valid UTF-8")
    case.mend_and_build()


# --- 9: the cache --------------------------------------------------------------------------------
# (unit level: test_run.py::test_a_corrupted_cache_entry_is_rerun_not_used)
# Not an error for the author: a cache entry whose files no longer match its meta.json (or whose
# meta.json is unreadable, or that lost its files) is never used; the build says so, re-runs the
# snippet and succeeds with the true output.


def test_09_a_corrupted_cache_entry_is_rerun_never_used(proj):
    entries = [p for p in (proj / ".cache/snippets").iterdir() if not p.name.startswith(".")]
    assert len(entries) == 1
    entry = entries[0]
    for damage in ("stdout", "meta", "files"):
        if damage == "stdout":
            (entry / "files/stdout.txt").write_text("<b>poisoned</b>\n")
        elif damage == "meta":
            (entry / "meta.json").write_text("{ not json")
        else:
            shutil.rmtree(entry / "files")
        done = handson_build(proj)
        assert done.returncode == 0, done.stderr
        assert "cache entry of demo is incomplete or altered; re-running" in done.stderr
        page = (proj / "site/index.html").read_text()
        assert "good output" in page and "poisoned" not in page
        assert json.loads((entry / "meta.json").read_text())["snippet"] == "demo"


# --- 10: an interrupted build --------------------------------------------------------------------


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "kill-9"])
def test_10_a_build_interrupted_half_way(proj, tmp_path, how):
    case = Case(proj)
    started = tmp_path / "started"
    case.write(
        "snippets/demo.py",
        textwrap.dedent(f"""\
        import pathlib, time
        pathlib.Path({str(started)!r}).write_text("running")
        time.sleep(120)
        print("never")
        """),
    )
    build = subprocess.Popen(
        [sys.executable, "-m", "handson", "build"],
        cwd=proj,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not started.exists():
            assert build.poll() is None, "the build ended before the snippet started"
            assert time.monotonic() < deadline, "the snippet never started"
            time.sleep(0.1)
        os.killpg(build.pid, how)  # the whole build, as Ctrl-C in a terminal or kill -9 would
        assert build.wait(timeout=60) != 0
    finally:
        if build.poll() is None:
            os.killpg(build.pid, signal.SIGKILL)
            build.wait()
    time.sleep(0.5)  # let the killed worker's children go
    assert snapshot(proj / "site") == case.before, "the previous site is not whole"
    if how == signal.SIGINT:  # a clean interruption leaves nothing behind
        assert not list(proj.glob(".site.new-*"))
    # the snippet never finished: nothing of it was cached or published
    assert (proj / "build/outputs/demo/stdout.txt").read_text() == "good output\n"
    case.write("snippets/demo.py", "print('good output')\nprint('after the interruption')\n")
    done = handson_build(proj)  # a build that runs a snippet again, with nothing cleaned by hand
    assert done.returncode == 0, done.stderr
    assert "after the interruption" in (proj / "site/index.html").read_text()
    # and what the killed build left half-done (its temporary site, its scratch) is gone
    assert not list(proj.glob(".site.new-*"))
    assert not list((proj / ".cache/snippets").glob(".run-*"))
    case.mend_and_build()


# --- 11: a changed Keras / TensorFlow version ----------------------------------------------------
# (unit level: test_run.py::test_a_changed_keras_version_reruns_every_snippet, by monkeypatching)
# Here the installed version really looks different to the build: a dist-info folder placed first
# on PYTHONPATH makes importlib.metadata report it (the modules themselves are unchanged).


def fake_version(folder: Path, dist: str, version: str) -> dict:
    info = folder / f"{dist.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n")
    return {**ENV, "PYTHONPATH": os.pathsep.join(filter(None, [str(folder), ENV.get("PYTHONPATH")]))}


def ran_in(proj: Path, before: set[str]) -> list[str]:
    return sorted(
        json.loads((p / "meta.json").read_text())["snippet"]
        for p in (proj / ".cache/snippets").iterdir()
        if not p.name.startswith(".") and p.name not in before
    )


def test_11_a_changed_keras_or_tensorflow_version_reruns_every_snippet(proj, tmp_path):
    (proj / "snippets/other.py").write_text("print('other')\n")
    assert handson_build(proj).returncode == 0
    for dist in ("keras", "tensorflow-cpu"):
        before = {p.name for p in (proj / ".cache/snippets").iterdir()}
        env = fake_version(tmp_path / dist, dist, "9.9.9")
        done = subprocess.run(
            [sys.executable, "-m", "handson", "build"], cwd=proj, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        assert ran_in(proj, before) == ["demo", "other"], f"{dist} 9.9.9 did not re-run everything"
        metas = [json.loads(p.read_text()) for p in (proj / ".cache/snippets").glob("*/meta.json")]
        assert any(m["key"][f"version {dist}"] == "9.9.9" for m in metas)
    # and back to the real versions: their entries are still there, nothing runs
    before = {p.name for p in (proj / ".cache/snippets").iterdir()}
    assert handson_build(proj).returncode == 0
    assert ran_in(proj, before) == []


# --- 12: no network ------------------------------------------------------------------------------

ISOLATE = ["unshare", "-n"]


def _can_isolate() -> str | None:
    if os.geteuid() != 0:
        return "needs root for `unshare -n` (a network namespace without interfaces)"
    if shutil.which("unshare") is None:
        return "util-linux's unshare is not installed"
    if subprocess.run([*ISOLATE, "true"], capture_output=True).returncode != 0:
        return "`unshare -n` is not permitted here (no CAP_SYS_ADMIN)"
    return None


DECK_OFFLINE = """\
import json, sys
from tests.browser import Recorder, browser
with browser() as chromium:
    page = chromium.new_page()
    rec = Recorder(page)
    page.goto(sys.argv[1])
    page.wait_for_function("typeof slideshow !== 'undefined'")
    print(json.dumps({"slides": page.evaluate("slideshow.getSlideCount()"),
                      "text": page.locator(".remark-visible").inner_text(),
                      "errors": rec.errors, "foreign": rec.foreign(), "failed": rec.failed}))
"""


@pytest.mark.browser
@pytest.mark.skipif(_can_isolate() is not None, reason=str(_can_isolate()))
def test_12_the_build_and_a_deck_work_without_network(proj):
    no_net = subprocess.run(
        [*ISOLATE, sys.executable, "-c", "import socket; socket.create_connection(('1.1.1.1', 53), timeout=3)"],
        capture_output=True,
        text=True,
    )
    assert no_net.returncode != 0, "the namespace still reaches the network"
    (proj / "snippets/demo.py").write_text("print('built offline')\n")
    done = subprocess.run(
        [*ISOLATE, sys.executable, "-m", "handson", "build"], cwd=proj, env=ENV, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "built offline" in (proj / "site/index.html").read_text()
    shown = subprocess.run(
        [*ISOLATE, sys.executable, "-c", DECK_OFFLINE, (proj / "site/slides/demo/index.html").as_uri()],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shown.returncode == 0, shown.stderr
    result = json.loads(shown.stdout.splitlines()[-1])
    assert result["slides"] == 2 and "built offline" in result["text"]
    assert result["errors"] == [] and result["foreign"] == [] and result["failed"] == []
