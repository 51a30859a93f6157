"""`python -m handson prepare`: everything before the site generator, each piece only if its
inputs changed.

Runs the snippets (cached by run.py), checks every docs page's includes, builds the decks into
build/decks/<deck>/ and the notebooks into build/notebooks/. Each step is a memo of state.py,
keyed by the content hashes of the files it read, so a build in which nothing changed re-reads
no page, re-scans no import and rebuilds no deck or notebook. MkDocs only wires the results in
(plugin.py); any other generator can do the same from build/.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from . import assets, deck, files, include, notebook, run
from .settings import Settings
from .state import State

HERE = Path(__file__).resolve().parent
# Markdown and HTML images: files a page or deck shows (a deck's own list is Deck.files)
IMAGE_REFS = re.compile(
    r"""!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)"""
    r"""|<img\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']"""
)


@dataclass
class Prepared:
    vendor: dict[str, Path] = field(default_factory=dict)
    decks: dict[str, Path] = field(default_factory=dict)  # deck name -> built folder
    notebooks: dict[str, Path] = field(default_factory=dict)  # docs src_uri -> .ipynb
    checked: set[str] = field(default_factory=set)  # docs/<page>.md whose includes resolve
    ran: list[str] = field(default_factory=list)
    rebuilt_decks: list[str] = field(default_factory=list)
    rebuilt_notebooks: list[str] = field(default_factory=list)


def _targets(text: str, settings: Settings) -> list[Path]:
    """The files a text's `--8<--` lines and image references name (existing or not)."""
    found = []
    refs = [path for _, path in include.references(text.splitlines())]
    refs += [m.group(1) or m.group(2) for m in IMAGE_REFS.finditer(text)]
    refs += re.findall(r"""(?:\]\(|src=["'])(?:\.\./)*(outputs/[^)"'\s]+)""", text)
    for ref in refs:
        if re.match(r"^[a-z]+:", ref) or ref.startswith("/"):
            continue
        rel = re.sub(r"(:[\w.-]*)+$", "", ref)  # a named section or line range
        for base in (settings.root, settings.outputs.parent, settings.root / "slides"):
            if (base / rel).is_file():
                found.append(base / rel)
                break
        else:
            found.append(settings.root / rel)
    return found


def dependencies(source: Path, settings: Settings, depth: int = 0) -> list[Path]:
    """A page or deck and every file it includes, followed through included .md parts."""
    deps = [source]
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return deps
    for target in _targets(text, settings):
        deps.append(target)
        if target.suffix == ".md" and target.is_file() and depth < 4:
            deps.extend(dependencies(target, settings, depth + 1))
    return deps


def _quiet(progress: Callable[[str], None]) -> Callable[[str], None]:
    """run.py's progress without its per-cached-snippet lines and summary (printed once, here)."""

    def say(line: str) -> None:
        stripped = line.strip()
        if stripped.startswith(("cached ", "running ")) or re.match(
            r"^\d+ (snippets: |snippet\(s\) up to date)", stripped
        ):
            return
        progress(line)

    return say


def _snippet_tree(settings: Settings) -> list[Path]:
    return sorted(p for p in settings.snippets.rglob("*.py") if "__pycache__" not in p.parts)


def _output_tree(settings: Settings) -> list[Path]:
    if not settings.outputs.is_dir():
        return []
    return sorted(p for p in settings.outputs.rglob("*") if p.is_file())


def run_snippets(
    settings: Settings,
    state: State,
    progress: Callable[[str], None] = print,
    executor: run.Executor | None = None,
    only: list[str] | None = None,
) -> list[str]:
    """Bring the snippets' outputs up to date; returns the names of those that ran.

    Skipped whole when no snippet, helper, data file, package version or published output
    changed since the last successful run; otherwise only the changed examples are looked at
    (all of them if a helper, a data file, the environment or the outputs changed).
    """
    started = time.monotonic()
    # the environment and the list of snippet files: a new snippet is not among the files the
    # last run read, so only the listing shows it
    listing = [p.relative_to(settings.root).as_posix() for p in _snippet_tree(settings)]
    name = "run"
    memo = state.memos.get(name, {})
    environment = run.environment()
    # `# reads:` folders of the last run, listed: a file added to one is a change too
    env = json.dumps(
        [environment, listing, _folders(settings, memo.get("data", {}).get("read_dirs", []))], sort_keys=True
    )
    if only is None and state.fresh(name, env) is not None:
        count = memo.get("data", {}).get("count", 0)
        progress(f"snippets: {count} from cache, none ran (no input changed), {time.monotonic() - started:.1f} s")
        return []
    chosen = only is not None  # by the caller: the memo cannot vouch for the others
    if only is None and memo:
        only = _changed_examples(settings, state, memo, env)
    used_by = include.usage(include.pages(settings), settings.root, settings)
    report = run.run_all(settings, only=only, used_by=used_by, progress=_quiet(progress), executor=executor)
    ran = report.ran
    snippets = run.discover(settings)
    # the snippets that were not even looked at (unchanged since the memo) count as cached
    cached = (len(report.outcomes) if chosen else len(snippets)) - len(ran)
    progress(f"snippets: {len(ran)} ran, {cached} from cache, {report.seconds:.1f} s")
    if chosen:
        return ran
    read_dirs = sorted({p.relative_to(settings.root).as_posix() for s in snippets for p in s.reads if p.is_dir()})
    env = json.dumps([environment, listing, _folders(settings, read_dirs)], sort_keys=True)
    reads = sorted({f for s in snippets for p in s.reads for f in ([p] if not p.is_dir() else _files_in(p))})
    sources = _snippet_tree(settings)
    # each snippet's cache entry too: a damaged one is found (and re-run) by the next build
    entries = {**memo.get("data", {}).get("entries", {}), **{o.snippet.name: o.key for o in report.outcomes if o.key}}
    entries = {n: k for n, k in entries.items() if n in {s.name for s in snippets}}
    entry_files = [p for key in entries.values() for p in (settings.cache / key).rglob("*") if p.is_file()] + [
        settings.cache / key / "meta.json" for key in entries.values()
    ]
    deps = [*sources, *reads, *_output_tree(settings), *entry_files, HERE / "run.py", HERE / "_zygote.py"]
    state.record(
        name,
        deps,
        env,
        data={
            "entries": entries,
            "count": len(snippets),
            "env": _sha(env),
            "outputs": {state._rel(p): state.file_hash(p) for p in _output_tree(settings)},
            "hashes": {state._rel(p): state.file_hash(p) for p in [*sources, *reads]},
            "reads": [state._rel(p) for p in reads],
            "read_dirs": read_dirs,
        },
    )
    return ran


def _files_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _folders(settings: Settings, folders: list[str]) -> dict[str, list[str]]:
    """The files in each `# reads:` folder (relative to the project), to notice one added."""
    return {rel: [p.relative_to(settings.root).as_posix() for p in _files_in(settings.root / rel)] for rel in folders}


def _changed_examples(settings: Settings, state: State, memo: dict, env: str) -> list[str] | None:
    """The example snippets whose bytes alone changed, or None when everything must be keyed."""
    old = memo.get("data", {}).get("hashes", {})
    if not old or memo.get("data", {}).get("env") != _sha(env):
        return None
    now = {state._rel(p): p for p in _snippet_tree(settings)}
    if set(now) != {k for k in old if k.startswith(state._rel(settings.snippets) + "/")}:
        return None  # a snippet was added or removed: prune and key everything
    changed = []
    for rel, sha in old.items():
        path = now.get(rel) or settings.root / rel
        if state.file_hash(path) == sha:
            continue
        if rel not in now or path.name.startswith("_"):
            return None  # a helper or a data file changed: every key may have moved
        changed.append(path.relative_to(settings.snippets).with_suffix("").as_posix())
    outputs = memo.get("data", {}).get("outputs", {})
    if any(state.file_hash(settings.root / rel) != sha for rel, sha in outputs.items()):
        return None  # a published output was altered or removed: re-publish everything
    # nothing here explains the stale memo (a cache entry, run.py, ...): key every snippet
    return changed or None


def check_pages(settings: Settings, state: State) -> set[str]:
    """Every docs page's includes resolve (include.check), re-checked only when the page or a
    file it names changed. Raises IncludeError naming page and line."""
    checked = set()
    extra = _code_key("include.py")
    for page in sorted((settings.root / "docs").rglob("*.md")):
        rel = page.relative_to(settings.root).as_posix()
        name = f"check {rel}"
        if state.fresh(name, extra) is None:
            text = files.read_utf8(page, include.IncludeError, rel)  # names file and line
            include.check(text, rel, settings)
            state.record(name, dependencies(page, settings), extra)
        checked.add(rel)
    return checked


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _code_key(*modules: str) -> str:
    """Our own code that shapes a result (its bytes, as a key part)."""
    h = hashlib.sha256()
    for module in modules:
        h.update((HERE / module).read_bytes())
    return h.hexdigest()


# our code and templates that shape a deck's folder
DECK_CODE = (
    "deck.py",
    "remark.py",
    "include.py",
    *sorted(p.relative_to(HERE).as_posix() for p in HERE.glob("templates/*")),
    *sorted(p.name for p in HERE.glob("*.css")),
    *sorted(p.name for p in HERE.glob("*.js")),
)


def build_decks(
    settings: Settings,
    state: State,
    vendor: dict[str, Path],
    directory_urls: bool = True,
    out: Path | None = None,
    progress: Callable[[str], None] = print,
    written: dict[str, list[str]] | None = None,
) -> tuple[dict[str, Path], list[str]]:
    """build/decks/<deck>/ for every slides/<deck>.md, rebuilt only when its inputs changed.

    When only the deck's text or images changed (not the builder, its CSS or the vendored
    scripts), only index.html and the changed images are rewritten: a slide edit then writes
    one file instead of 90. `written` collects, per rebuilt deck, the files written (relative
    to its folder), for a server that mirrors them.
    """
    out = out or settings.root / "build" / "decks"
    extra = json.dumps([_code_key(*DECK_CODE), sorted(vendor), directory_urls])
    built, rebuilt = {}, []
    for source in sorted((settings.root / "slides").glob("*.md")):
        name = f"deck {source.stem}"
        target = out / source.stem
        index = target / "index.html"
        built[source.stem] = target
        if state.fresh(name, extra) is not None and index.is_file():
            continue
        same_builder = state.memos.get(name, {}).get("data", {}).get("builder") == _sha(extra)
        if same_builder and index.is_file():
            d = deck.load(source, settings)
            changed = ["index.html"]
            tmp = index.with_name(f".index.html.{os.getpid()}.tmp")
            tmp.write_text(deck.render(d, directory_urls), encoding="utf-8")
            tmp.replace(index)
            for rel, path in d.files.items():
                if state.file_hash(target / rel) != state.file_hash(path):
                    (target / rel).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(path, target / rel)
                    changed.append(rel)
        else:
            d = deck.build(source, target, settings, vendor, directory_urls=directory_urls)
            changed = [p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()]
        deps = [*dependencies(source, settings), *d.files.values(), index, *(target / rel for rel in d.files)]
        state.record(name, deps, extra, data={"builder": _sha(extra)})
        progress(f"deck {d.name}: {d.slides} slides")
        rebuilt.append(d.name)
        if written is not None:
            written[d.name] = changed
    return built, rebuilt


def build_notebooks(
    settings: Settings, state: State, out: Path | None = None, docs: Path | None = None
) -> tuple[dict[str, Path], list[str]]:
    """build/notebooks/<page>.ipynb for every docs page with Python code, each rebuilt only when
    its page, a file it includes, a snippet helper or the converter changed."""
    out = out or settings.root / "build" / "notebooks"
    docs = docs or settings.root / "docs"
    helpers = [p for p in _snippet_tree(settings) if p.name.startswith("_")]
    try:
        jupytext = metadata.version("jupytext")
    except metadata.PackageNotFoundError:
        jupytext = "-"
    extra = json.dumps([_code_key("notebook.py", "include.py"), jupytext])
    made, rebuilt = {}, []
    for page in sorted(docs.rglob("*.md")):
        src_uri = page.relative_to(docs).as_posix()
        target = out / (src_uri[:-3] + ".ipynb")
        name = f"notebook {src_uri}"
        memo = state.fresh(name, extra)
        if memo is not None and (not memo.get("has_code") or target.is_file()):
            if memo.get("has_code"):
                made[src_uri] = target
            continue
        data = notebook.build(page, settings)
        if data is not None:
            text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                target.write_text(text, encoding="utf-8")
            made[src_uri] = target
            rebuilt.append(src_uri)
        modules = notebook.page_helpers(page, settings)
        state.record(
            name,
            [*dependencies(page, settings), *helpers, *modules, target],
            extra,
            data={"has_code": data is not None},
        )
    if out.is_dir():
        keep = set(made.values())
        for stale in out.rglob("*.ipynb"):
            if stale not in keep:
                stale.unlink()
    return made, rebuilt


def vendored(settings: Settings, state: State) -> dict[str, Path]:
    """assets.asset_files (every pinned web asset, verified against its registry hash), whose
    verification (decompressing three tarballs) is redone only when a pin or a file changed."""
    extra = json.dumps(settings.assets, sort_keys=True, default=str)
    memo = state.fresh("assets", extra)
    if memo is not None and memo.get("files"):
        return {rel: Path(path) for rel, path in memo["files"].items()}
    vendor = assets.asset_files(settings)
    state.record("assets", vendor.values(), extra, data={"files": {rel: str(path) for rel, path in vendor.items()}})
    return vendor


def prepare(
    settings: Settings,
    *,
    directory_urls: bool = True,
    run_snippets_too: bool = True,
    docs: Path | None = None,
    progress: Callable[[str], None] = print,
    executor: run.Executor | None = None,
) -> Prepared:
    """Run, check, decks, notebooks: each only where its inputs changed. The state is saved
    after every step that succeeded, so a failure keeps what was done before it."""
    state = State.load(settings.root)
    result = Prepared()
    try:
        if run_snippets_too:
            result.ran = run_snippets(settings, state, progress, executor)
            state.save()
        result.checked = check_pages(settings, state)
        result.vendor = vendored(settings, state)
        result.decks, result.rebuilt_decks = build_decks(
            settings, state, result.vendor, directory_urls, progress=progress
        )
        result.notebooks, result.rebuilt_notebooks = build_notebooks(settings, state, docs=docs)
        if result.rebuilt_notebooks:
            progress(f"notebooks rebuilt: {', '.join(result.rebuilt_notebooks)}")
    finally:
        state.save()
    return result
