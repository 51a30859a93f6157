"""The runner attacked: snippets that read stdin, crash, hang, recurse, fork, leak files through
links, print markup or include lines, or leave odd files behind; settings and headers that are
wrong; states a killed or crashed build leaves. Each case goes through the real entry point
(`python -m handson build` or `run`) on a tiny copy of a project (one page, one deck, snippets
with no TensorFlow), and asserts the message (file and line to open, and the cause), the exit
status, that the last good site is untouched, and that the next good build succeeds with nothing
cleaned by hand (or, where the right answer is not an error, that the build does the right thing).
"""

from __future__ import annotations

import html
import os
import re
import shutil
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.adversarial

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
GOOD = "print('good output')\n"
PAGE = textwrap.dedent("""\
    # Tiny

    ```python
    --8<-- "snippets/demo.py"
    ```

    ```text
    --8<-- "outputs/demo/stdout.txt"
    ```
    """)
PAGE_OUTPUT_LINE = 8  # the line of PAGE that includes the output
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


def make(root: Path, settings: str = "") -> None:
    """A tiny project: pyproject.toml, mkdocs.yml, one page, one deck, one snippet."""
    for folder in ("docs", "snippets", "slides"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    table = pyproject[pyproject.index("[tool.handson]") : pyproject.index("# --- tests")]
    (root / "pyproject.toml").write_text(
        settings + table if not settings else table.replace("[tool.handson]\n", "[tool.handson]\n" + settings, 1),
        encoding="utf-8",
    )
    (root / "mkdocs.yml").write_text(
        textwrap.dedent("""\
        site_name: tiny
        theme: {name: material, font: false}
        plugins: [handson]
        markdown_extensions: [pymdownx.superfences, pymdownx.snippets]
        """),
        encoding="utf-8",
    )
    (root / "docs/index.md").write_text(PAGE, encoding="utf-8")
    (root / "slides/demo.md").write_text(DECK, encoding="utf-8")
    (root / "snippets/demo.py").write_text(GOOD, encoding="utf-8")


def handson(root: Path, *args: str, env: dict | None = None, timeout: float = 300):
    return subprocess.run(
        [sys.executable, "-m", "handson", *(args or ("build",))],
        cwd=root,
        env=env or ENV,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> Path:
    """The tiny project, built once, successfully (site/, cache, outputs and notebooks)."""
    root = tmp_path_factory.mktemp("adversarial") / "project"
    make(root)
    done = handson(root)
    assert done.returncode == 0, done.stderr
    return root


@pytest.fixture
def proj(good, tmp_path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(good, root, symlinks=True)
    return root


class Case:
    """Break inputs, build, check the failure; mend them, build again."""

    def __init__(self, root: Path):
        self.root = root
        self.before = snapshot(root / "site")
        self.originals: dict[Path, bytes | None] = {}

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        self.remember(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        return path

    def remember(self, path: Path) -> None:
        if path not in self.originals:
            self.originals[path] = path.read_bytes() if path.is_file() and not path.is_symlink() else None

    def fails(
        self, *expected: str, command: tuple[str, ...] = ("build",), env: dict | None = None, pattern: str | None = None
    ) -> str:
        done = handson(self.root, *command, env=env)
        assert done.returncode == 1, f"exit {done.returncode}, expected 1:\n{done.stderr}"
        for text in expected:
            assert text in done.stderr, f"{text!r} not in the message:\n{done.stderr}"
        if pattern:
            assert re.search(pattern, done.stderr), f"{pattern!r} not in the message:\n{done.stderr}"
        assert "error" in done.stderr.lower()
        self.site_untouched()
        return done.stderr

    def site_untouched(self) -> None:
        assert snapshot(self.root / "site") == self.before, "the last good site was changed"
        assert not list(self.root.glob(".site.new-*")), "a half-built site was left behind"

    def mend(self) -> None:
        for path, data in self.originals.items():
            if path.is_symlink() or path.exists():
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path)
                else:
                    path.unlink()
            if data is not None:
                path.write_bytes(data)

    def mend_and_build(self, shows: str = "good output") -> str:
        self.mend()
        done = handson(self.root)
        assert done.returncode == 0, done.stderr
        page = (self.root / "site/index.html").read_text(encoding="utf-8")
        assert shows in page
        return page


def page_text(root: Path) -> str:
    return (root / "site/index.html").read_text(encoding="utf-8")


# --- snippets cannot reach the runner ------------------------------------------------------------


def test_01_a_snippet_reading_stdin_sees_end_of_file_and_steals_no_job(proj):
    case = Case(proj)
    case.write("snippets/demo.py", "import sys\nprint('read', repr(sys.stdin.read()))\n")
    case.write("snippets/other.py", "print('the other job')\n")
    done = handson(proj, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (proj / "build/outputs/demo/stdout.txt").read_text() == "read ''\n"
    assert (proj / "build/outputs/other/stdout.txt").read_text() == "the other job\n"
    case.mend_and_build()


def test_02_input_fails_fast_with_eoferror_naming_the_line(proj):
    case = Case(proj)
    case.write("snippets/demo.py", "print('asking')\nname = input('name? ')\n")
    started = time.monotonic()
    case.fails("snippets/demo.py failed", 'demo.py", line 2', "EOFError", "included at docs/index.md:4", "asking")
    assert time.monotonic() - started < 120
    case.mend_and_build()


def test_03_the_exit_status_of_os_exit_is_reported_with_what_was_printed(proj):
    case = Case(proj)
    case.write("snippets/demo.py", "import os\nprint('before the exit', flush=True)\nos._exit(3)\n")
    case.fails("snippets/demo.py failed: exit status 3", "before the exit")
    case.mend_and_build()


def test_04_a_snippet_killed_by_a_signal_names_the_signal(proj):
    case = Case(proj)
    case.write(
        "snippets/demo.py", "import os, signal\nprint('still here', flush=True)\nos.kill(os.getpid(), signal.SIGKILL)\n"
    )
    case.fails("snippets/demo.py failed: killed by signal SIGKILL (9)", "still here")
    case.mend_and_build()


def test_05_a_crash_in_c_names_the_signal(proj):
    case = Case(proj)
    case.write("snippets/demo.py", "import ctypes\nprint('about to crash', flush=True)\nctypes.string_at(0)\n")
    case.fails(
        "snippets/demo.py failed: killed by signal SIGSEGV (11)",
        "about to crash",
        "Fatal Python error: Segmentation fault",
        'demo.py", line 3',
    )
    case.mend_and_build()


def test_06_deep_recursion_is_a_fast_recursion_error(proj):
    case = Case(proj)
    case.write("snippets/demo.py", "def down(n):\n    return down(n + 1)\n\ndown(0)\n")
    started = time.monotonic()
    case.fails("snippets/demo.py failed", "RecursionError", 'demo.py", line 2')
    assert time.monotonic() - started < 120
    case.mend_and_build()


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def test_07_a_timeout_kills_the_snippet_and_everything_it_started(proj, tmp_path):
    case = Case(proj)
    pidfile = tmp_path / "grandchild.pid"
    case.write(
        "snippets/demo.py",
        textwrap.dedent(f"""\
        # timeout: 2
        import pathlib, subprocess, time
        child = subprocess.Popen(["sleep", "300"])
        pathlib.Path({str(pidfile)!r}).write_text(str(child.pid))
        print("started", child.pid, flush=True)
        time.sleep(300)
        """),
    )
    started = time.monotonic()
    case.fails(
        "snippets/demo.py ran past its time limit of 2 s", "process group was killed", "included at docs/index.md:4"
    )
    assert time.monotonic() - started < 120
    time.sleep(0.5)
    assert not _alive(int(pidfile.read_text())), "the snippet's own child outlived the build"
    case.mend_and_build()


def test_08_a_background_process_of_a_finished_snippet_is_stopped(proj, tmp_path):
    case = Case(proj)
    pidfile = tmp_path / "daemon.pid"
    case.write(
        "snippets/demo.py",
        textwrap.dedent(f"""\
        import pathlib, subprocess
        child = subprocess.Popen(["sleep", "300"], start_new_session=False)
        pathlib.Path({str(pidfile)!r}).write_text(str(child.pid))
        print("good output")
        """),
    )
    done = handson(proj)
    assert done.returncode == 0, done.stderr
    time.sleep(0.5)
    assert not _alive(int(pidfile.read_text())), "a process the snippet started outlived it"
    case.mend_and_build()


def test_09_a_killed_build_leaves_no_worker_mkdocs_or_snippet_running(proj, tmp_path):
    case = Case(proj)
    marker = tmp_path / "running"
    case.write(
        "snippets/demo.py",
        textwrap.dedent(f"""\
        import os, pathlib, time
        pathlib.Path({str(marker)!r}).write_text(str(os.getpid()))
        time.sleep(300)
        """),
    )
    build = subprocess.Popen(
        [sys.executable, "-m", "handson", "build"],
        cwd=proj,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert build.poll() is None and time.monotonic() < deadline, "the snippet never started"
            time.sleep(0.1)
        snippet_pid = int(marker.read_text())
        family = [
            int(p.name)
            for p in Path("/proc").iterdir()
            if p.name.isdigit() and str(proj) in _cmdline(int(p.name)) + _cwd(int(p.name))
        ]
        build.kill()  # kill -9 of `python -m handson build` alone: nothing may outlive it
        build.wait()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and (_alive(snippet_pid) or any(map(_alive, family))):
            time.sleep(0.2)
        assert not _alive(snippet_pid), "the snippet outlived the build"
        assert [pid for pid in family if _alive(pid)] == [], "MkDocs or the worker outlived the build"
    finally:
        if build.poll() is None:
            build.kill()
    case.site_untouched() if not list(proj.glob(".site.new-*")) else None
    case.mend_and_build()
    assert not list(proj.glob(".site.new-*"))


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _cwd(pid: int) -> str:
    try:
        return os.readlink(f"/proc/{pid}/cwd")
    except OSError:
        return ""


def test_10_a_failing_preload_names_the_snippet_and_keeps_the_batch(proj, tmp_path):
    case = Case(proj)
    fake = tmp_path / "fake"
    fake.mkdir()
    (fake / "numpy.py").write_text("raise ImportError('numpy is broken on purpose')\n")
    env = {**ENV, "PYTHONPATH": os.pathsep.join(filter(None, [str(fake), ENV.get("PYTHONPATH")]))}
    case.write("snippets/uses_numpy.py", "import numpy\nprint(numpy.pi)\n")
    case.write("snippets/demo.py", "print('good output', 'again')\n")
    case.fails(
        "snippets/uses_numpy.py failed: its preloaded import failed",
        "while importing numpy",
        "numpy is broken on purpose",
        env=env,
    )
    # the other snippet of the same batch ran and was kept: the next build does not run it again
    assert (proj / "build/outputs/demo/stdout.txt").read_text() == "good output again\n"
    case.write("snippets/uses_numpy.py", "print('no numpy')\n")
    done = handson(proj)
    assert done.returncode == 0, done.stderr
    assert "ran     demo " not in done.stderr and "ran     uses_numpy" in done.stderr
    case.mend_and_build()


def test_11_snippets_start_with_none_of_the_tools_modules_loaded(proj):
    case = Case(proj)
    case.write(
        "snippets/demo.py",
        textwrap.dedent("""\
        import sys
        tool = sorted(m for m in sys.modules if m.split(".")[0] in ("handson", "markdown", "mkdocs", "pymdownx"))
        print("good output", tool, sys.modules["__main__"].__file__.endswith("demo.py"))
        """),
    )
    done = handson(proj)
    assert done.returncode == 0, done.stderr
    assert (proj / "build/outputs/demo/stdout.txt").read_text() == "good output [] True\n"
    case.mend_and_build()


def test_12_a_snippet_cannot_import_the_tools_modules_by_their_short_names(proj):
    case = Case(proj)
    case.write("snippets/demo.py", "import run\n")
    case.fails("snippets/demo.py failed", "ModuleNotFoundError: No module named 'run'", 'demo.py", line 1')
    case.mend_and_build()


# --- outputs are text ----------------------------------------------------------------------------

EVIL = "```\n<img src=x onerror=alert(1)>\n````` \n<script>alert(2)</script>"


def test_13_an_output_cannot_close_its_fence_in_the_site_or_the_deck(proj):
    case = Case(proj)
    case.write("snippets/demo.py", f"print('good output')\nprint({EVIL!r})\n")
    done = handson(proj)
    assert done.returncode == 0, done.stderr
    page = page_text(proj)
    assert "<img src=x" not in page and "<script>alert" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "&lt;script&gt;alert(2)&lt;/script&gt;" in page
    code = re.search(r"<code>(.*?)</code>", page[page.index("good output") - 200 :], re.S)
    assert code and "onerror" in code.group(1), "the output left its code block"
    deck = (proj / "site/slides/demo/index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in deck and "<script>alert" not in deck
    assert "``````text" in deck, "the deck's fence is not longer than the output's backtick runs"
    case.mend_and_build()


def test_14_an_include_line_printed_by_a_snippet_stays_text(proj):
    case = Case(proj)
    case.write(
        "snippets/demo.py",
        textwrap.dedent("""\
        print('good output')
        print('--8<-- "pyproject.toml"')
        print(';--8<-- "mkdocs.yml"')
        print('--8<--')
        print('# --8<-- [start:x]')
        """),
    )
    done = handson(proj)
    assert done.returncode == 0, done.stderr
    shown = (proj / "build/outputs/demo/stdout.txt").read_text()
    page = page_text(proj)
    assert "[tool.handson]" not in page and "site_name: tiny" not in page
    for line in shown.splitlines()[1:]:
        assert html.escape(line, quote=False) in page, f"{line!r} not shown as printed"
    deck = (proj / "site/slides/demo/index.html").read_text(encoding="utf-8")
    assert "[tool.handson]" not in deck
    case.mend_and_build()


def test_15_an_output_included_outside_a_fence_is_refused(proj):
    case = Case(proj)
    case.write("docs/index.md", PAGE + '\n--8<-- "outputs/demo/stdout.txt"\n')
    case.fails("docs/index.md:11:", "is an output: include it inside a fenced block")
    case.mend_and_build()


def test_16_a_binary_output_included_as_text_names_the_page_line_and_file(proj):
    case = Case(proj)
    case.write(
        "snippets/demo.py",
        "import pathlib\npathlib.Path('plot.png').write_bytes(b'\\x89PNG\\r\\n')\nprint('good output')\n",
    )
    case.write("docs/index.md", PAGE + '\n```text\n--8<-- "outputs/demo/plot.png"\n```\n')
    case.fails("docs/index.md:12:", "build/outputs/demo/plot.png:1: not valid UTF-8")
    case.mend_and_build()


def test_17_output_that_is_not_utf8_fails_the_snippet_naming_the_line(proj):
    case = Case(proj)
    case.write(
        "snippets/demo.py", "import sys\nprint('fine')\nsys.stdout.flush()\nsys.stdout.buffer.write(b'caf\\xe9\\n')\n"
    )
    case.fails("snippets/demo.py failed: line 2 of what it printed is not valid UTF-8 (byte 0xe9)")
    case.mend_and_build()


# --- nothing leaves the project ------------------------------------------------------------------


def test_18_a_snippet_that_links_outside_the_project_is_refused(proj):
    case = Case(proj)
    case.remember(proj / "snippets/leak.py")
    (proj / "snippets/leak.py").symlink_to("/etc/passwd")
    case.fails("snippets/leak.py:1: snippets/leak.py leads outside the project (to /etc/passwd)")
    case.mend_and_build()


def test_19_an_include_that_links_outside_the_project_is_refused(proj):
    case = Case(proj)
    case.remember(proj / "docs/hosts.txt")
    (proj / "docs/hosts.txt").symlink_to("/etc/passwd")
    case.write("docs/index.md", PAGE + '\n```text\n--8<-- "docs/hosts.txt"\n```\n')
    stderr = case.fails("docs/index.md:12:", "leads outside the project (to /etc/passwd)")
    assert "root:" not in stderr
    case.mend_and_build()


def test_20_an_output_link_outside_the_project_is_refused(proj):
    case = Case(proj)
    case.remember(proj / "build/outputs/hosts.txt")
    (proj / "build/outputs/hosts.txt").symlink_to("/etc/passwd")
    case.write("docs/index.md", PAGE + '\n```text\n--8<-- "outputs/hosts.txt"\n```\n')
    case.fails("docs/index.md:12:", "leads outside the project")
    case.mend_and_build()


def test_21_a_deck_image_that_links_outside_the_project_is_refused(proj):
    case = Case(proj)
    case.remember(proj / "slides/pic.png")
    (proj / "slides/pic.png").symlink_to("/etc/passwd")
    case.write("slides/demo.md", DECK + "\n![a picture](pic.png)\n")
    case.fails("slides/demo.md:16: ", "leaves the deck's folder")
    case.mend_and_build()


def test_22_a_snippet_writing_a_link_to_a_file_outside_publishes_nothing(proj):
    case = Case(proj)
    case.write("snippets/demo.py", "import os\nos.symlink('/etc/passwd', 'passwd.txt')\nprint('good output')\n")
    case.fails("snippets/demo.py failed: it left a symbolic link passwd.txt -> /etc/passwd")
    assert not (proj / "build/outputs/demo/passwd.txt").exists()
    case.mend_and_build()


def test_23_reads_outside_the_project_or_missing_names_file_and_line(proj):
    case = Case(proj)
    case.write("snippets/demo.py", '"""Doc."""\n# reads: ../../../etc/passwd\nprint(1)\n')
    case.fails("snippets/demo.py:2: ", "leads outside the project")
    case.write("snippets/demo.py", '"""Doc."""\n# reads: data/missing.csv\nprint(1)\n')
    case.fails("snippets/demo.py:2: `# reads: data/missing.csv`: no such file or folder")
    case.mend_and_build()


# --- the cache sees what changes a result --------------------------------------------------------


def test_24_a_reads_folder_is_hashed_by_content(proj):
    case = Case(proj)
    case.write("data/set/a.txt", "1\n")
    case.write(
        "snippets/demo.py",
        "# reads: data/set\nimport pathlib\n"
        "print('good output', sorted(p.name for p in pathlib.Path('../../../../data/set').glob('*')))\n",
    )
    assert handson(proj).returncode == 0
    case.write("data/set/b.txt", "2\n")  # a new file in the folder: the snippet runs again
    done = handson(proj)
    assert done.returncode == 0, done.stderr
    assert "ran     demo" in done.stderr
    case.write("data/set/a.txt", "changed\n")  # a changed file: again
    assert "ran     demo" in handson(proj).stderr
    assert "ran     demo" not in handson(proj).stderr  # and nothing changed: cached
    case.mend_and_build()


def test_25_a_changed_distribution_that_is_not_listed_reruns_snippets(proj, tmp_path):
    info = tmp_path / "site" / "scipy-0.0.1.dist-info"  # a version of scipy the build never saw
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: scipy\nVersion: 0.0.1\n")
    env = {**ENV, "PYTHONPATH": os.pathsep.join(filter(None, [str(info.parent), ENV.get("PYTHONPATH")]))}
    done = handson(proj, env=env)
    assert done.returncode == 0, done.stderr
    assert "ran     demo" in done.stderr
    locks = list((proj / ".cache/snippets/.locks").glob("*.txt"))
    assert any("scipy==0.0.1" in lock.read_text() for lock in locks)
    again = handson(proj)
    assert again.returncode == 0 and "ran     demo" not in again.stderr


# --- every state heals or names its cure ---------------------------------------------------------


def test_26_a_snippet_beside_a_folder_of_the_same_name_is_named_with_its_cure(proj):
    case = Case(proj)
    case.write("snippets/demo/inner.py", "print('inner')\n")
    case.fails(
        "snippets/demo.py:1: its outputs would share the folder of snippets/demo/inner.py",
        "rename snippets/demo.py or the folder snippets/demo/",
    )
    case.mend()
    shutil.rmtree(proj / "snippets/demo")
    case.mend_and_build()


def test_27_a_file_where_the_cache_folder_should_be_names_the_path(proj):
    case = Case(proj)
    shutil.rmtree(proj / ".cache/snippets")
    case.write(".cache/snippets", "not a folder\n")
    case.fails(".cache/snippets: the snippet cache should be a folder, but this is a file", "move or delete it")
    (proj / ".cache/snippets").unlink()
    case.originals.pop(proj / ".cache/snippets")
    case.mend_and_build()


def test_28_a_file_where_an_output_folder_should_be_heals(proj):
    case = Case(proj)
    shutil.rmtree(proj / "build/outputs/demo")
    (proj / "build/outputs/demo").write_text("stray")
    case.mend_and_build()
    assert (proj / "build/outputs/demo/stdout.txt").read_text() == "good output\n"


def test_29_a_corrupt_build_memo_or_cache_entry_heals(proj):
    memo = proj / "build/state.json"  # what the last build read, by content hash (handson.state)
    assert memo.is_file(), "the tiny project's build should have left its memo"
    memo.write_text("{ half a memo")
    for meta in (proj / ".cache/snippets").glob("*/meta.json"):
        meta.write_text("{ not json")
    done = handson(proj)
    assert done.returncode == 0, done.stderr
    assert "cache entry of demo is incomplete or altered; re-running" in done.stderr
    assert "good output" in page_text(proj)
    Case(proj).mend_and_build()


def test_30_a_dangling_link_in_the_snippets_folder_names_its_cure(proj):
    case = Case(proj)
    case.remember(proj / "snippets/gone.py")
    (proj / "snippets/gone.py").symlink_to(proj / "snippets/nowhere.py")
    case.fails("snippets/gone.py:1: a symbolic link to", "which does not exist: delete it")
    case.mend_and_build()


def test_31_a_fifo_in_the_snippets_folder_is_named_not_waited_for(proj):
    case = Case(proj)
    case.remember(proj / "snippets/pipe.py")
    os.mkfifo(proj / "snippets/pipe.py")
    case.fails("snippets/pipe.py:1: not a regular file")
    case.mend_and_build()


def test_32_a_fifo_left_in_a_snippets_working_folder_is_named(proj):
    case = Case(proj)
    case.write("snippets/demo.py", "import os\nos.mkfifo('pipe')\nprint('good output')\n")
    case.fails("snippets/demo.py failed: it left pipe, which is not a plain file")
    case.mend_and_build()


def test_33_a_full_disk_names_the_snippet_and_the_cause(proj, tmp_path):
    mount = tmp_path / "small"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)]).returncode:
        pytest.fail("cannot mount a small tmpfs (needs root, as `make test` runs here)")
    try:
        case = Case(proj)
        pyproject = (proj / "pyproject.toml").read_text()
        case.write("pyproject.toml", pyproject.replace('cache = ".cache/snippets"', f'cache = "{mount}/cache"'))
        case.write("snippets/demo.py", "open('big.bin', 'wb').write(b'0' * 1_000_000)\n")
        case.fails("snippets/demo.py failed", "no space left on the disk holding", str(mount))
    finally:
        subprocess.run(["umount", str(mount)])
    case.mend_and_build()


# --- headers, settings and names are checked -----------------------------------------------------


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("# timout: 5", "snippets/demo.py:2: unknown header `# timout:`; did you mean `# timeout:`?"),
        ("# timeout: nan", "snippets/demo.py:2: `# timeout:` takes a positive number of seconds, not 'nan'"),
        ("# timeout: -1", "snippets/demo.py:2: `# timeout:` takes a positive number of seconds, not '-1'"),
        ("# timeout: ten", "snippets/demo.py:2: `# timeout:` takes a positive number of seconds, not 'ten'"),
        ("# raeds: data.csv", "snippets/demo.py:2: unknown header `# raeds:`; did you mean `# reads:`?"),
    ],
    ids=["typo", "nan", "negative", "words", "reads-typo"],
)
def test_34_a_bad_header_names_file_and_line(proj, header, message):
    case = Case(proj)
    case.write("snippets/demo.py", f'"""A snippet."""\n{header}\nprint(1)\n')
    case.fails(message)
    case.mend_and_build()


def test_35_an_unknown_snippet_name_to_run_exits_non_zero(proj):
    case = Case(proj)
    case.fails("no such snippet: dmeo (did you mean demo?)", command=("run", "dmeo"))
    done = handson(proj, "run", "demo")
    assert done.returncode == 0, done.stderr


def test_36_a_snippet_that_is_not_utf8_names_file_and_line(proj):
    case = Case(proj)
    case.write("snippets/demo.py", "print('a')\n# caf\xe9\n".encode("latin-1"))
    case.fails("snippets/demo.py:2: not valid UTF-8 (byte 0xe9)")
    case.mend_and_build()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('timeout = "ten minutes"', "[tool.handson] timeout = 'ten minutes': expected a number of seconds"),
        ("workers = 0", "[tool.handson] workers = 0: expected 1 or more"),
        ("timeout = nan", "[tool.handson] timeout = nan: expected a positive number"),
        ("cache = 3", "[tool.handson] cache = 3: expected a string"),
        ("timeout = ", "not valid TOML"),
    ],
    ids=["words", "no-workers", "nan", "number-path", "toml"],
)
def test_37_bad_settings_name_pyproject_toml(proj, line, message):
    case = Case(proj)
    text = (proj / "pyproject.toml").read_text()
    key = line.split("=")[0].strip()
    case.write("pyproject.toml", re.sub(rf"(?m)^{key} = .*$", line, text, count=1))
    case.fails("pyproject.toml", message)
    case.mend_and_build()


def test_38_a_block_include_of_a_missing_file_names_its_line(proj):
    case = Case(proj)
    case.write("docs/index.md", PAGE + "\n```python\n--8<--\nsnippets/demo.py\nsnippets/absent.py\n--8<--\n```\n")
    case.fails("docs/index.md:14:", "snippets/absent.py")
    case.mend_and_build()


def test_39_the_built_site_and_decks_are_world_readable(good):
    for folder in (good / "site", good / "site/slides/demo", good / "build/outputs/demo"):
        mode = stat.S_IMODE(folder.stat().st_mode)
        assert mode & 0o055 == 0o055, f"{folder} has mode {oct(mode)}"


def test_40_non_default_snippets_outputs_and_cache_folders_are_honoured(tmp_path):
    root = tmp_path / "project"
    make(root, settings='snippets = "examples"\noutputs = "gen/results"\ncache = "gen/cache"\n')
    text = (root / "pyproject.toml").read_text()
    text = re.sub(r'(?m)^(snippets|outputs|cache) = "(snippets|build/outputs|\.cache/snippets)".*\n', "", text)
    (root / "pyproject.toml").write_text(text)
    (root / "snippets").rename(root / "examples")
    (root / "docs/index.md").write_text(PAGE.replace("snippets/demo.py", "examples/demo.py"))
    done = handson(root)
    assert done.returncode == 0, done.stderr
    assert (root / "gen/results/demo/stdout.txt").read_text() == "good output\n"
    assert list((root / "gen/cache").glob("*/meta.json"))
    assert not (root / "build/outputs").exists() and not (root / ".cache/snippets").exists()
    assert "good output" in page_text(root)
    (root / "examples/demo.py").write_text("raise SystemExit('stopped')\n")
    failed = handson(root)
    assert failed.returncode == 1
    assert "snippet examples/demo.py failed" in failed.stderr and "included at docs/index.md:4" in failed.stderr


def test_41_a_read_only_cache_is_named_and_a_warm_build_still_works(proj):
    cache = proj / ".cache/snippets"
    if subprocess.run(["mount", "--bind", str(cache), str(cache)]).returncode:
        pytest.fail("cannot bind-mount the cache (needs root, as `make test` runs here)")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(cache)], check=True)
        done = handson(proj)  # nothing to run: the cache is only read
        assert done.returncode == 0, done.stderr
        case = Case(proj)
        case.write("snippets/demo.py", "print('good output', 2)\n")
        case.fails(".cache/snippets: the snippet cache is not writable", "make it writable")
    finally:
        subprocess.run(["umount", str(cache)])
    case.mend_and_build()


def test_42_a_preload_that_crashes_the_worker_names_the_snippet_and_keeps_the_others(proj, tmp_path):
    case = Case(proj)
    fake = tmp_path / "fake"
    fake.mkdir()
    (fake / "numpy.py").write_text("import ctypes\nctypes.string_at(0)\n")  # kills the worker itself
    env = {**ENV, "PYTHONPATH": os.pathsep.join(filter(None, [str(fake), ENV.get("PYTHONPATH")]))}
    case.write("snippets/uses_numpy.py", "import numpy\nprint(numpy.pi)\n")
    case.write("snippets/demo.py", "print('good output', 'again')\n")
    case.fails(
        "snippets/uses_numpy.py failed: the snippet worker died while running it",
        "Fatal Python error: Segmentation fault",
        env=env,
    )
    assert "snippets/demo.py failed" not in handson(proj, env=env).stderr
    assert (proj / "build/outputs/demo/stdout.txt").read_text() == "good output again\n"
    case.write("snippets/uses_numpy.py", "print('no numpy')\n")
    case.mend_and_build()
