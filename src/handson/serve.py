"""`python -m handson serve` (`make serve`): serve site/ with live reload, rebuilding only what a
save changed.

- The server starts on the site as it is (a built tree serves at once; no site yet: one build
  first) and brings it up to date in the background.
- A saved slide part or deck rebuilds that deck (prepare.build_decks' memo knows which files
  each deck read) and copies it into site/slides/<deck>/: no MkDocs run at all.
- A saved page: its notebook (prepare's memo) and a `dirty` MkDocs build in this process, which
  renders only the pages whose source changed.
- A saved snippet: it re-runs alone in a worker that stays alive with TensorFlow already
  imported, then the decks and pages that include it are rebuilt (their built files are marked
  stale so MkDocs' dirty build renders them again).
- Every HTML page served gets a small script that waits on /__handson__/version and reloads
  the page when a rebuild finished (a deck keeps its slide: the URL's #number stays). When
  only a deck's text changed, a browser showing that deck swaps the new Markdown into its
  running slideshow instead (no reload: remark and KaTeX are not loaded and run again).

PDF handouts are never made here (`make pdf`). The search index of a dirty build lists only the
pages it rendered; `make build` writes the full one.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import shutil
import sys
import tempfile
import threading
import time
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from . import assets, deck, files, include, prepare, run
from .settings import Settings, SettingsError
from .state import State

WATCHED = ("docs", "slides", "snippets")
RELOAD_JS = rb"""(function () {
  // waits on the server's version; the answer is "N" (reload the page) or "N swap deck ...":
  // every rebuild since the last version seen changed only those decks' text, which a deck page
  // showing one of them takes into its running slideshow (handsonDeckSwap, deck.html.j2)
  var seen = null;
  function swap(decks) {
    var at = location.pathname.match(/\/slides\/([^\/]+)\/(index\.html)?$/);
    if (!at || decks.indexOf(decodeURIComponent(at[1])) < 0 || typeof handsonDeckSwap !== "function") {
      return Promise.resolve(false);
    }
    return fetch(location.pathname, {cache: "no-store"})
      .then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (html) { return html !== "" && handsonDeckSwap(html); });
  }
  function wait() {
    fetch("/__handson__/version" + (seen === null ? "" : "?since=" + seen), {cache: "no-store"})
      .then(function (r) { return r.text(); })
      .then(function (answer) {
        var words = answer.split(" "), v = words[0];
        if (seen === null || v === seen) { seen = v; wait(); return; }
        (words[1] === "swap" ? swap(words.slice(2)) : Promise.resolve(false))
          .catch(function () { return false; })
          .then(function (done) { if (!done) { location.reload(); return; } seen = v; wait(); });
      })
      .catch(function () { setTimeout(wait, 1000); });
  }
  wait();
})();
"""
TAG = b'<script src="/__handson__/reload.js"></script>'


class Reloads:
    """A version number browsers wait on; bumped after every successful rebuild."""

    def __init__(self) -> None:
        self.version = 1
        self.cond = threading.Condition()
        self.log: list[tuple[float, str]] = []  # (time, what) of each reload, for the bench
        self.swaps: dict[int, frozenset[str] | None] = {}  # version -> decks it may swap in

    def bump(self, what: str, swap: frozenset[str] | None = None) -> None:
        """A rebuild finished; `swap`: the decks whose text alone changed, if that was all."""
        with self.cond:
            self.version += 1
            self.swaps[self.version] = swap
            self.log.append((time.time(), what))
            self.cond.notify_all()

    def wait(self, since: int, timeout: float = 25.0) -> int:
        with self.cond:
            self.cond.wait_for(lambda: self.version != since, timeout=timeout)
            return self.version

    def answer(self, since: int | None) -> str:
        """What a page that saw version `since` is told: "N", or "N swap deck ..." when every
        rebuild after `since` changed only the text of those decks."""
        if since is None:
            return str(self.version)
        version = self.wait(since)
        with self.cond:
            swaps = [self.swaps.get(v) for v in range(since + 1, version + 1)]
        if not swaps or any(s is None for s in swaps):
            return str(version)
        decks = sorted(set().union(*swaps))  # type: ignore[arg-type]
        return " ".join([str(version), "swap", *decks])


class Handler(SimpleHTTPRequestHandler):
    reloads: Reloads

    def log_message(self, format: str, *args) -> None:
        pass  # one line per request would drown the rebuild lines

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == "/__handson__/version":
            since = parse_qs(url.query).get("since", [""])[0]
            answer = self.reloads.answer(int(since) if since.isdigit() else None)
            return self._send(answer.encode(), "text/plain")
        if url.path == "/__handson__/reloads":  # for the bench: when each rebuild finished
            return self._send(json.dumps(self.reloads.log).encode(), "application/json")
        if url.path == "/__handson__/reload.js":
            return self._send(RELOAD_JS, "text/javascript")
        path = Path(self.translate_path(url.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            body = path.read_bytes()
            at = body.rfind(b"</body>")
            body = body[:at] + TAG + body[at:] if at >= 0 else body + TAG
            return self._send(body, "text/html; charset=utf-8")
        return super().do_GET()

    def _send(self, body: bytes, kind: str) -> None:
        try:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page reloaded or closed while its request waited: nothing to answer


def _snapshot(root: Path) -> dict[Path, tuple[int, int]]:
    found = {}
    for folder in WATCHED:
        for path in (root / folder).rglob("*"):
            if "__pycache__" in path.parts or path.name.startswith("."):
                continue
            try:
                stat = path.stat()
            except OSError:
                continue
            if path.is_file():
                found[path] = (stat.st_mtime_ns, stat.st_size)
    mkdocs_yml = root / "mkdocs.yml"
    if mkdocs_yml.is_file():
        stat = mkdocs_yml.stat()
        found[mkdocs_yml] = (stat.st_mtime_ns, stat.st_size)
    return found


class Rebuilder:
    def __init__(self, conf: Settings, site: Path, reloads: Reloads, say=print):
        self.conf = conf
        self.site = site
        self.reloads = reloads
        self.say = say
        self.executor = run.Executor(conf.workers)
        self.lock = threading.Lock()  # one rebuild at a time
        self.running = threading.Lock()  # the executor is not thread-safe
        self.directory_urls = _directory_urls(conf.root)
        self.vendor = assets.asset_files(conf)

    def warm_up(self) -> None:
        """Import the heavy modules in the snippet worker now, so an edit costs its own run."""
        with self.running, tempfile.TemporaryDirectory(prefix="handson-warm-") as tmp:
            script = Path(tmp) / "warm.py"
            script.write_text("pass\n", encoding="utf-8")
            (Path(tmp) / "out").mkdir()
            job = run.Job(
                str(script),
                str(Path(tmp) / "out"),
                str(Path(tmp) / "stdout.txt"),
                str(Path(tmp) / "log.txt"),
                600,
                list(run.HEAVY_MODULES),
            )
            started = time.monotonic()
            self.executor.map([job], lambda _job, _answer: None)
            self.say(f"snippet worker ready (heavy imports done in {time.monotonic() - started:.1f} s)")

    def rebuild(self, changed: set[Path], first: bool = False) -> None:
        root = self.conf.root
        started = time.monotonic()
        with self.lock:
            try:
                what, swap = self._rebuild(changed, first)
            except (
                run.SnippetError,
                include.IncludeError,
                deck.DeckError,
                assets.AssetError,
                SettingsError,
                UnicodeDecodeError,
            ) as error:
                self.say(f"error (the site keeps its last good version):\n{error}")
                return
            except Exception as error:  # noqa: BLE001 - a MkDocs error of any kind: report it, keep serving
                self.say(f"error (the site keeps its last good version): {error}")
                return
        if what:
            self.reloads.bump(what, swap)
            names = ", ".join(sorted(p.relative_to(root).as_posix() for p in changed)[:3])
            more = ", …" if len(changed) > 3 else ""
            self.say(f"{what} in {time.monotonic() - started:.2f} s" + (f" (saved: {names}{more})" if names else ""))

    def _rebuild(self, changed: set[Path], first: bool) -> tuple[str, frozenset[str] | None]:
        """Snippets first (in the live worker), then either the deck fast path (only slides
        changed) or a dirty site build (which rebuilds changed decks through the plugin too).
        Returns what was rebuilt and, when only decks' text changed, those decks (which a
        browser showing one swaps into its running slideshow instead of reloading)."""
        root = self.conf.root
        # state.json is also written by the plugin's own prepare during a site build: load it
        # afresh each time and save it before handing over
        state = State.load(root)
        snippets = {p for p in changed if p.is_relative_to(root / "snippets")}
        slides = {p for p in changed if p.is_relative_to(root / "slides")}
        pages = {p for p in changed if p.is_relative_to(root / "docs") or p.name == "mkdocs.yml"}
        ran: list[str] = []
        try:
            if snippets or first:
                with self.running:  # waits for the warm-up: its imports serve this run too
                    ran = prepare.run_snippets(self.conf, state, self.say, executor=self.executor)
            if not (first or pages or ran):
                if not slides:
                    return "", None
                written: dict[str, list[str]] = {}
                decks, rebuilt = prepare.build_decks(
                    self.conf, state, self.vendor, self.directory_urls, progress=self.say, written=written
                )
                swappable = [self._copy_deck(decks[name], name, written[name]) for name in rebuilt]
                swap = frozenset(rebuilt) if all(swappable) else None
                return (f"deck {', '.join(rebuilt)} rebuilt" if rebuilt else ""), swap
        finally:
            state.save()
        return self._site(state, ran, pages, first), None

    def _copy_deck(self, built: Path, name: str, written: list[str]) -> bool:
        """Mirror the files the deck build wrote into site/slides/<deck>/ (each replaced
        atomically; the whole folder when it is not there yet). True when only the deck's text
        changed: index.html alone, the same but for its Markdown and math (deck.shell)."""
        target = self.site / "slides" / name
        swappable = False
        if written == ["index.html"] and (target / "index.html").is_file():
            old = (target / "index.html").read_text(encoding="utf-8")
            swappable = deck.shell(old) == deck.shell((built / "index.html").read_text(encoding="utf-8"))
        if not (target / "index.html").is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{name}-"))
            shutil.copytree(built, tmp, dirs_exist_ok=True)
            files.swap_in(tmp, target)
            return False
        for rel in written:
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            tmp = target / f".{Path(rel).name}.{os.getpid()}.tmp"
            shutil.copyfile(built / rel, tmp)
            tmp.replace(target / rel)
        return swappable

    def _site(self, state: State, ran: list[str], pages: set[Path], first: bool) -> str:
        """A dirty MkDocs build in this process: prepare (memoised) runs in the plugin, then
        only pages whose source is newer than their HTML, or that include what just ran."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        stale = set()
        if ran:  # pages that include the code or the outputs of what just ran
            out = self.conf.outputs.relative_to(self.conf.root).as_posix()
            touched = tuple(f"snippets/{n}.py" for n in ran) + tuple(f"{out}/{n}/" for n in ran)
            for name, memo in state.memos.items():
                if name.startswith("check docs/") and any(d.startswith(touched) for d in memo["deps"]):
                    stale.add(name[len("check docs/") :])
        # not strict: a dirty build warns that its navigation may be stale, and a warning
        # should not stop the preview (`make build` stays strict)
        config = load_config(str(self.conf.root / "mkdocs.yml"), site_dir=str(self.site), strict=False)
        for page in stale:  # mark their HTML stale, so the dirty build renders them again
            html = self.site / _html_path(page, config.use_directory_urls)
            if html.is_file():
                os.utime(html, (0, 0))
        dirty = not any(p.name == "mkdocs.yml" for p in pages)
        build(config, dirty=dirty)
        if first:
            return "site brought up to date"
        what = [
            p.relative_to(self.conf.root / "docs").as_posix()
            for p in pages
            if p.suffix == ".md" and p.is_relative_to(self.conf.root / "docs")
        ]
        return "rebuilt " + ", ".join([*(f"snippet {n}" for n in ran), *what, *sorted(stale)] or ["site"])

    def close(self) -> None:
        self.executor.close()


def _html_path(page: str, directory_urls: bool) -> str:
    stem = page[:-3]
    if stem == "index" or stem.endswith("/index") or not directory_urls:
        return stem + ".html"
    return stem + "/index.html"


def _directory_urls(root: Path) -> bool:
    from .cli import _directory_urls as read

    return read(root)


def watch(
    root: Path,
    rebuilder: Rebuilder,
    stop: threading.Event,
    interval: float = 0.05,
    before: dict[Path, tuple[int, int]] | None = None,
) -> None:
    """Rebuild what changed since `before` (a snapshot the caller took before it said it was
    ready, so a save made right after that message is not taken for the starting state)."""
    before = _snapshot(root) if before is None else before
    while not stop.is_set():
        time.sleep(interval)
        now = _snapshot(root)
        if now != before:
            time.sleep(0.02)  # an editor's save can be several writes: let them land
            now = _snapshot(root)
            changed = {p for p in set(now) | set(before) if now.get(p) != before.get(p)}
            before = now
            rebuilder.rebuild(changed)


def main(conf: Settings, host: str = "127.0.0.1", port: int = 8000, site: Path | None = None, say=print) -> int:
    site = site or conf.root / "site"
    started = time.monotonic()
    mkdocs_log = logging.getLogger("mkdocs")  # warnings and errors only: no per-build INFO lines
    mkdocs_log.setLevel(logging.WARNING)
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    handler.addFilter(lambda record: not record.getMessage().startswith("A 'dirty' build"))
    mkdocs_log.addHandler(handler)
    if not (site / "index.html").is_file():
        say("no built site yet: building it once (python -m handson build)")
        from . import cli

        code = cli.main(["build", "--site", site.relative_to(conf.root).as_posix()])
        if code:
            return code
    reloads = Reloads()
    Handler.reloads = reloads
    server = ThreadingHTTPServer((host, port), functools.partial(Handler, directory=str(site)))
    server.daemon_threads = True
    say(
        f"serving {site.relative_to(conf.root)}/ at http://{host}:{server.server_port}/ "
        f"({time.monotonic() - started:.1f} s after start); a save rebuilds what it changed"
    )
    sys.stdout.flush()
    rebuilder = Rebuilder(conf, site, reloads, say)
    stop = threading.Event()

    def background() -> None:
        snapshot = _snapshot(conf.root)
        newest = max((m for m, _ in snapshot.values()), default=0)
        built = (site / "index.html").stat().st_mtime_ns
        if newest > built:  # sources saved while nothing was serving
            rebuilder.rebuild(set(), first=True)
        else:
            say("site brought up to date (no source changed since it was built)")
        threading.Thread(target=rebuilder.warm_up, daemon=True).start()
        watch(conf.root, rebuilder, stop, before=snapshot)

    threading.Thread(target=background, daemon=True).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
        rebuilder.close()
    return 0
