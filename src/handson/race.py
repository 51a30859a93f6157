"""The bench's new parts (`python -m handson bench`): the floor, the serve loop, the peers, ×10.

- floor: MkDocs Material building the same pages with every include already expanded and the
  outputs, decks, notebooks and vendored files already in docs/, without this project's plugin;
- serve: `python -m handson serve` on a built copy: seconds to the first page, then the reload
  time (from the save to the end of the rebuild, as the server logs it) of a slide-part edit, a
  page edit and a snippet edit;
- peers on the same snippets: markdown-exec (each snippet an `exec="on"` block of a MkDocs page,
  run inside the build, no cache) and jupyter-cache (one notebook per snippet, executed by its
  local-serial executor, cached by cell hashes), each cold, warm and after one edit, beside this
  project's `python -m handson run` on a copy with an empty cache;
- scale: the pages ×10 and the snippets ×10 (cheap synthetic ones), warm, one-edit and
  slide-edit times beside the same figures at ×1.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from . import assets, include, run, settings

EDIT_MD = "\n<!-- handson bench: a harmless edit -->\n"
EDIT_PY = "\n# handson bench: a harmless edit\n"


def _env(extra: dict | None = None) -> dict:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra or {})}


def timed(command: list[str], cwd: Path, env: dict | None = None) -> float:
    started = time.monotonic()
    done = subprocess.run(command, cwd=cwd, env=env or _env(), capture_output=True, text=True)
    seconds = time.monotonic() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed in {cwd}:\n{(done.stdout + done.stderr)[-3000:]}")
    return seconds


# --- the floor -----------------------------------------------------------------------------


def floor_project(proj: Path, dest: Path) -> Path:
    """A plain MkDocs Material project with proj's built pages: includes expanded, every file
    the plugin adds already in docs/, the plugin line removed (proj must have been built)."""
    conf = settings.load(proj)
    docs = dest / "docs"
    for path in sorted((proj / "docs").rglob("*")):
        if not path.is_file():
            continue
        target = docs / path.relative_to(proj / "docs")
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".md":
            rel = path.relative_to(proj).as_posix()
            target.write_text(include.expand(path.read_text(encoding="utf-8"), rel, conf), encoding="utf-8")
        else:
            shutil.copy2(path, target)
    shutil.copytree(conf.outputs, docs / "outputs", dirs_exist_ok=True)
    shutil.copytree(proj / "build" / "decks", docs / "slides", dirs_exist_ok=True)
    if (proj / "build" / "notebooks").is_dir():
        shutil.copytree(proj / "build" / "notebooks", docs / "notebooks", dirs_exist_ok=True)
    for rel, path in assets.asset_files(conf).items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, docs / rel)
    text = (proj / "mkdocs.yml").read_text(encoding="utf-8")
    text, n = re.subn(r"(?m)^\s*- handson\b.*\n", "", text)
    assert n == 1, "mkdocs.yml: the handson plugin line was not found"
    text = re.sub(r"(?m)^\s*- pymdownx\.snippets:.*\n(\s+check_paths: true\n)?", "", text)
    (dest / "mkdocs.yml").write_text(text, encoding="utf-8")
    return dest


def floor_build(floor: Path) -> float:
    out = floor / "site"
    return timed([sys.executable, "-m", "mkdocs", "build", "--clean", "-q", "-d", str(out)], floor)


# --- serve ---------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    """`python -m handson serve` on a copy; stopped (by its own pid) when the block ends."""

    def __init__(self, proj: Path):
        self.proj = proj
        self.port = _free_port()
        self.log = proj / "serve.log"

    def __enter__(self) -> Served:
        self.started = time.monotonic()
        self.handle = open(self.log, "w", encoding="utf-8")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "handson", "serve", "--port", str(self.port)],
            cwd=self.proj,
            env=_env(),
            stdout=self.handle,
            stderr=subprocess.STDOUT,
        )
        return self

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def first_page(self, timeout: float = 600) -> float:
        while time.monotonic() - self.started < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"handson serve exited:\n{self.log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(self.url(), timeout=5) as answer:
                    if answer.status == 200 and b"__handson__" in answer.read():
                        return time.monotonic() - self.started
            except OSError:
                time.sleep(0.02)
        raise RuntimeError("handson serve did not serve a page in time")

    def wait_for(self, text: str, timeout: float = 600) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if text in self.log.read_text(encoding="utf-8"):
                return
            if self.proc.poll() is not None:
                raise RuntimeError(f"handson serve exited:\n{self.log.read_text()[-2000:]}")
            time.sleep(0.1)
        raise RuntimeError(f"handson serve never logged {text!r}:\n{self.log.read_text()[-2000:]}")

    def reloads(self) -> list:
        with urllib.request.urlopen(self.url("/__handson__/reloads"), timeout=30) as answer:
            return json.loads(answer.read())

    def edit(self, path: Path, text: str, timeout: float = 600) -> tuple[float, str]:
        """Append text to path; seconds from the save to the end of the rebuild it caused."""
        before = len(self.reloads())
        saved = time.time()
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(text)
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            done = self.reloads()
            if len(done) > before:
                return done[before][0] - saved, done[before][1]
            time.sleep(0.02)
        raise RuntimeError(f"no reload after editing {path}:\n{self.log.read_text()[-2000:]}")

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.handle.close()


def serve_times(proj: Path, snippet: str, say: Callable[[str], None]) -> dict[str, float]:
    """First page, then slide-part, page and snippet edits under `handson serve` (proj built)."""
    part = sorted((proj / "slides").glob("*/*.md"))[0]
    page = proj / "docs" / "neurons.md"
    if not page.is_file():
        page = sorted((proj / "docs").glob("*.md"))[0]
    out = {}
    with Served(proj) as served:
        out["first page"] = served.first_page()
        served.wait_for("site brought up to date")
        say(f"    serve: first page after {out['first page']:.2f} s; now the edits")
        out["slide edit"], _ = served.edit(part, EDIT_MD)
        browser = browser_reload(served, part)
        if browser is not None:
            out["slide edit, browser"] = browser
        out["page edit"], _ = served.edit(page, EDIT_MD)
        served.wait_for("snippet worker ready")
        out["snippet edit"], _ = served.edit(proj / "snippets" / f"{snippet}.py", EDIT_PY)
        out["_names"] = {
            "slide edit": part.relative_to(proj).as_posix(),  # type: ignore[assignment]
            "page edit": page.relative_to(proj).as_posix(),
            "snippet edit": f"snippets/{snippet}.py",
        }
    return out


def browser_reload(served: Served, part: Path) -> float | None:
    """Headless Chromium shows the deck from the server; a visible line is added to a slide
    part; seconds until the deck in the browser has rendered that line and painted its slide
    again (by reloading, or by swapping the new text into the running slideshow). None without
    Playwright."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    marker = f"handson bench edit {time.time_ns()}"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"],
        )
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            page.goto(served.url(f"/slides/{part.parent.name}/index.html"))
            page.wait_for_selector(".remark-visible .remark-slide-content", state="visible")
            page.wait_for_timeout(300)  # the reload script is waiting on the server now
            saved = time.monotonic()
            with open(part, "a", encoding="utf-8") as handle:
                handle.write(f"\n{marker}\n")
            page.wait_for_function(
                """marker => {
                  const area = document.querySelector(".remark-slides-area");
                  const shown = document.querySelector(".remark-visible .remark-slide-content");
                  return area && shown && shown.offsetHeight > 0 && area.textContent.includes(marker);
                }""",
                arg=marker,
                polling="raf",
                timeout=120_000,
            )
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => r()))")
            return time.monotonic() - saved
        finally:
            browser.close()


# --- the peers -----------------------------------------------------------------------------

JCACHE = """\
import sys
from jupyter_cache import get_cache
from jupyter_cache.executors import load_executor

cache = get_cache(".jupyter_cache")
for path in sys.argv[1:]:
    cache.add_nb_to_project(path)
result = load_executor("local-serial", cache=cache).run_and_cache(timeout=600)
bad = result.excepted + result.errored
print(f"{len(result.succeeded)} executed, {len(bad)} failed")
sys.exit(1 if bad else 0)
"""

MKDOCS_EXEC = """\
site_name: markdown-exec race
theme: {name: material, font: false}
plugins: [markdown-exec]
markdown_extensions: [pymdownx.superfences]
"""


def _snippet_tree(proj: Path, dest: Path) -> None:
    shutil.copytree(
        proj / "snippets", dest / "snippets", ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True
    )


def race(
    root: Path, work: Path, names: list[str], say: Callable[[str], None], copy: Callable[[Path, Path], Path]
) -> dict[str, dict[str, float]]:
    """cold, warm, one edit for this project's runner, jupyter-cache and markdown-exec."""
    env = _env(run.WORKER_ENV)
    edited = names[0]
    times: dict[str, dict[str, float]] = {}

    proj = copy(root, work / "race-handson")
    command = [sys.executable, "-m", "handson", "run", *names]
    mine = times["handson"] = {}
    for step in ("cold", "warm", "one edit"):
        if step == "one edit":
            with open(proj / "snippets" / f"{edited}.py", "a", encoding="utf-8") as handle:
                handle.write(EDIT_PY)
        mine[step] = timed(command, proj)
        say(f"    handson run        {step:<9} {mine[step]:7.1f} s")

    jc = work / "race-jupyter-cache"
    _snippet_tree(root, jc)
    (jc / "jcache_run.py").write_text(JCACHE, encoding="utf-8")
    notebooks = []
    for name in names:
        source = (jc / "snippets" / f"{name}.py").read_text(encoding="utf-8")
        nb = jc / "snippets" / f"{name}.ipynb"
        nb.write_text(json.dumps(_notebook(source)), encoding="utf-8")
        notebooks.append(str(nb))
    theirs = times["jupyter-cache"] = {}
    for step in ("cold", "warm", "one edit"):
        if step == "one edit":
            nb = jc / "snippets" / f"{edited}.ipynb"
            data = json.loads(nb.read_text(encoding="utf-8"))
            data["cells"][0]["source"] += EDIT_PY
            nb.write_text(json.dumps(data), encoding="utf-8")
        theirs[step] = timed([sys.executable, "jcache_run.py", *notebooks], jc, env)
        say(f"    jupyter-cache      {step:<9} {theirs[step]:7.1f} s  ({_ratio(theirs[step], mine[step])})")

    me = work / "race-markdown-exec"
    _snippet_tree(root, me)
    (me / "mkdocs.yml").write_text(MKDOCS_EXEC, encoding="utf-8")
    folders = sorted({str(me / "snippets" / n.rsplit("/", 1)[0]) for n in names if "/" in n})
    me_env = {**env, "PYTHONPATH": os.pathsep.join([*folders, env.get("PYTHONPATH", "")])}
    for name in names:
        page = me / "docs" / f"{name.replace('/', '-')}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        source = (me / "snippets" / f"{name}.py").read_text(encoding="utf-8")
        page.write_text(
            f'# {name}\n\n```python exec="on" source="above" result="text"\n{source}\n```\n', encoding="utf-8"
        )
    theirs = times["markdown-exec"] = {}
    build = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(me / "site")]
    for step in ("cold", "warm", "one edit"):
        if step == "one edit":
            page = me / "docs" / f"{edited.replace('/', '-')}.md"
            text = page.read_text(encoding="utf-8")
            page.write_text(text.replace("\n```\n", EDIT_PY + "```\n"), encoding="utf-8")
        theirs[step] = timed(build, me, me_env)
        say(f"    markdown-exec      {step:<9} {theirs[step]:7.1f} s  ({_ratio(theirs[step], mine[step])})")
    failed = [
        p.name
        for p in (me / "site").rglob("*.html")
        if "Traceback (most recent call last)" in p.read_text(encoding="utf-8", errors="replace")
    ]
    if failed:
        say(f"    markdown-exec: a snippet raised on {len(failed)} page(s): {', '.join(failed)}")
    # the same pages without execution: what markdown-exec's figures owe to MkDocs itself
    for page in (me / "docs").glob("*.md"):
        page.write_text(page.read_text(encoding="utf-8").replace(' exec="on"', ""), encoding="utf-8")
    times["markdown-exec"]["mkdocs alone"] = timed(build, me, me_env)
    return times


def _notebook(source: str) -> dict:
    return {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
        },
        "cells": [
            {
                "cell_type": "code",
                "id": "snippet",
                "metadata": {},
                "execution_count": None,
                "outputs": [],
                "source": source,
            }
        ],
    }


def _ratio(theirs: float, mine: float) -> str:
    return f"{theirs / mine:.2f} x handson" if mine > 0 else "-"


# --- ×10 -----------------------------------------------------------------------------------


def scale_up(proj: Path, factor: int = 10) -> tuple[int, int]:
    """Pages and snippets ×factor: (factor-1) copies of every docs page, each copy including the
    outputs of its share of (factor-1)×N cheap synthetic snippets. Returns (pages, snippets)."""
    conf = settings.load(proj)
    real = run.discover(conf)
    pages = sorted((proj / "docs").glob("*.md"))
    count = (factor - 1) * len(real)
    folder = conf.snippets / "scale"
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"s{i:04d}.py").write_text(
            f'"""A synthetic snippet for the bench\'s scale run."""\n\n'
            f"print('synthetic snippet {i}:', sum(k * k for k in range({i + 1})))\n",
            encoding="utf-8",
        )
    copies = [(page, k) for k in range(1, factor) for page in pages]
    for index, (page, k) in enumerate(copies):
        share = range(index * count // len(copies), (index + 1) * count // len(copies))
        extra = "\n".join(f'```text\n--8<-- "outputs/scale/s{i:04d}/stdout.txt"\n```\n' for i in share)
        text = page.read_text(encoding="utf-8")
        (page.parent / f"{page.stem}-x{k}.md").write_text(
            f"{text}\n\n## Synthetic outputs\n\n{extra}", encoding="utf-8"
        )
    return len(pages) * factor, len(real) + count
