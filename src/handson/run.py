"""Stage 1, run: execute each snippet once, cache what it printed and drew, publish the outputs.

A snippet is a plain script under snippets/ (files whose name starts with `_` are helper modules
it may import, not examples). Its results are cached under a key made of everything that can
change them (see `cache_key`). Unchanged snippets never run again, and a build in which nothing
changed starts no worker, so it never imports TensorFlow.

Outputs are published to `<outputs>/<chapter>/<example>/`: `stdout.txt` plus every file the
snippet wrote in its working folder (figures).
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from . import files
from .settings import Settings

# Versions that change what a snippet prints or draws; part of every cache key.
KEY_PACKAGES = (
    "tensorflow-cpu", "tensorflow", "keras", "numpy", "matplotlib", "pillow",
    "mlxtend", "scikit-learn",
)
# Modules imported once in the worker, before forking, when a snippet imports them.
HEAVY_MODULES = ("numpy", "matplotlib.pyplot", "tensorflow", "keras")
WORKER_ENV = {
    "TF_CPP_MIN_LOG_LEVEL": "2",  # silence TensorFlow's start-up lines (both are needed)
    "TF_ENABLE_ONEDNN_OPTS": "0",
    "KERAS_BACKEND": "tensorflow",
    "CUDA_VISIBLE_DEVICES": "",
    "MPLBACKEND": "Agg",
    "PYTHONHASHSEED": "0",
    "COLUMNS": "72",  # width of Keras' summary table: fits a slide, same on every terminal
    "PYTHONIOENCODING": "utf-8",
}


class SnippetError(RuntimeError):
    """A snippet raised, exited non-zero or ran past its time limit."""


@dataclass(frozen=True)
class Snippet:
    path: Path  # absolute
    name: str  # e.g. "cnn/strides": its path under snippets/, without ".py"
    timeout: float
    reads: tuple[Path, ...] = ()  # data files declared with `# reads: path`

    @property
    def rel(self) -> str:
        return f"snippets/{self.name}.py"


@dataclass
class Outcome:
    snippet: Snippet
    status: str  # "cached", "ran", "error", "timeout"
    seconds: float = 0.0
    log: str = ""
    key: str = ""


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ran(self) -> list[str]:
        return [o.snippet.name for o in self.outcomes if o.status == "ran"]

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status in ("error", "timeout")]

    def summary(self) -> str:
        cached = sum(o.status == "cached" for o in self.outcomes)
        return (
            f"{len(self.outcomes)} snippets: {len(self.ran)} ran, {cached} cached, "
            f"{len(self.failed)} failed, {self.seconds:.1f} s"
        )


# --- discovery -------------------------------------------------------------------------------


def _header(path: Path) -> dict[str, list[str]]:
    """`# key: value` lines at the top of a snippet: before the first line of code, after the
    module docstring (however many lines it has)."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    start = 0
    try:
        tree = ast.parse(text)
        if tree.body and isinstance(tree.body[0], ast.Expr) and isinstance(
                getattr(tree.body[0], "value", None), ast.Constant) and isinstance(
                tree.body[0].value.value, str):
            start = tree.body[0].end_lineno
    except SyntaxError:
        pass  # the run reports it; read what comment lines there are
    found: dict[str, list[str]] = {}
    for line in lines[start:]:
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        key, sep, value = stripped[1:].strip().partition(":")
        if sep and key.strip() in ("timeout", "reads"):
            found.setdefault(key.strip(), []).append(value.strip())
    return found


def discover(settings: Settings) -> list[Snippet]:
    """Every example script under the snippets folder, sorted by name."""
    out = []
    for path in sorted(settings.snippets.rglob("*.py")):
        if path.name.startswith("_") or "__pycache__" in path.parts:
            continue
        header = _header(path)
        try:
            timeout = float(header.get("timeout", [settings.timeout])[-1])
        except ValueError as error:
            raise SnippetError(f"{path}: `# timeout:` needs a number of seconds") from error
        reads = tuple(settings.root / r for r in header.get("reads", []))
        name = path.relative_to(settings.snippets).with_suffix("").as_posix()
        out.append(Snippet(path.resolve(), name, timeout, reads))
    return out


# --- the cache key ---------------------------------------------------------------------------


def local_imports(path: Path, seen: set[Path] | None = None) -> set[Path]:
    """Project modules a script imports (files beside it), followed recursively."""
    seen = set() if seen is None else seen
    try:
        tree = ast.parse(path.read_bytes(), filename=str(path))
    except SyntaxError:
        return seen  # the run reports the syntax error; the key still covers the bytes
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module]
        for name in names:
            candidate = path.parent / (name.split(".")[0] + ".py")
            if candidate.is_file() and candidate not in seen:
                seen.add(candidate)
                local_imports(candidate, seen)
    return seen


def imported_roots(path: Path) -> set[str]:
    """Top-level names of every module the script imports (to preload the heavy ones)."""
    try:
        tree = ast.parse(path.read_bytes())
    except SyntaxError:
        return set()
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            roots.add(node.module.split(".")[0])
    return roots


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "-"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "missing"


def environment() -> dict[str, str]:
    """The key's parts shared by every snippet: interpreter, package versions, the runner."""
    parts = {"python": sys.version.split()[0]}
    for package in KEY_PACKAGES:
        parts["version " + package] = _version(package)
    parts["runner"] = _digest(Path(__file__).with_name("_zygote.py"))
    parts["environment"] = json.dumps(WORKER_ENV, sort_keys=True)
    return parts


def cache_key(snippet: Snippet, settings: Settings,
              shared: dict[str, str] | None = None) -> tuple[str, dict[str, str]]:
    """Everything that can change a snippet's outputs, and the hash of it all.

    Returns (key, parts): `parts` names each ingredient, so a reader of a cache entry's
    meta.json can see why a snippet re-ran. `shared` is `environment()`, computed once per build
    (reading eight packages' metadata for each of 70 snippets took most of a warm build).
    """
    root = settings.root
    parts = {"snippet " + snippet.rel: _digest(snippet.path)}
    for module in sorted(local_imports(snippet.path)):
        parts["imports " + module.relative_to(root).as_posix()] = _digest(module)
    for data in snippet.reads:
        parts["reads " + data.relative_to(root).as_posix()] = _digest(data)
    parts.update(shared if shared is not None else environment())
    key = hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:32]
    return key, parts


# --- the cache -------------------------------------------------------------------------------


def _entry_ok(entry: Path) -> bool:
    """A cache entry is used only if its meta.json lists exactly its files, with their hashes."""
    meta_path = entry / "meta.json"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        files = {p.relative_to(entry / "files").as_posix() for p in (entry / "files").rglob("*")
                 if p.is_file()}
        if files != set(meta["files"]):
            return False
        return all(_digest(entry / "files" / rel) == sha for rel, sha in meta["files"].items())
    except (OSError, ValueError, KeyError, TypeError):
        return False


def _publish(entry: Path, target: Path) -> None:
    """Copy a cache entry's files to the snippet's output folder, replacing the old ones whole."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}-"))
    shutil.copytree(entry / "files", tmp, dirs_exist_ok=True)
    files.swap_in(tmp, target)


# --- the worker ------------------------------------------------------------------------------


class Executor:
    """Runs scripts in forked children of one long-lived worker (started on first use)."""

    def __init__(self, workers: int = 2):
        self.workers = max(1, workers)
        self._proc: subprocess.Popen | None = None
        self._next_id = 0

    def _start(self) -> subprocess.Popen:
        if self._proc is None:
            env = {**os.environ, **WORKER_ENV}
            src = str(Path(__file__).resolve().parent.parent)
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "handson._zygote"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                env=env, text=True, bufsize=1,
            )
        return self._proc

    def map(self, jobs: Iterable[dict], on_done: Callable[[dict, dict], None]) -> None:
        """Run every job (at most `workers` at once); call on_done(job, answer) as each ends."""
        queue = list(jobs)
        by_id: dict[int, dict] = {}
        while queue or by_id:
            while queue and len(by_id) < self.workers:
                job = queue.pop(0)
                self._next_id += 1
                job["id"] = self._next_id
                by_id[job["id"]] = job
                proc = self._start()
                proc.stdin.write(json.dumps(job) + "\n")
                proc.stdin.flush()
            line = self._proc.stdout.readline()
            if not line:
                raise SnippetError("the snippet worker died; rerun with fewer workers")
            answer = json.loads(line)
            on_done(by_id.pop(answer["id"]), answer)

    def close(self) -> None:
        if self._proc is not None:
            self._proc.stdin.close()
            self._proc.wait()
            self._proc = None

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def run_script(executor: Executor, script: Path, workdir: Path, timeout: float) -> dict:
    """Run one script with the snippet runner's clean state; returns status, stdout and log."""
    stdout, log = workdir.parent / f"{workdir.name}.stdout", workdir.parent / f"{workdir.name}.log"
    job = {"script": str(script), "workdir": str(workdir), "stdout": str(stdout), "log": str(log),
           "timeout": timeout, "preload": _preload(script)}
    result: dict = {}
    executor.map([job], lambda _job, answer: result.update(answer))
    result["stdout"] = stdout.read_text(encoding="utf-8", errors="replace")
    result["log"] = log.read_text(encoding="utf-8", errors="replace")
    return result


def _preload(script: Path) -> list[str]:
    roots = imported_roots(script)
    return [m for m in HEAVY_MODULES if m.split(".")[0] in roots]


# --- the stage -------------------------------------------------------------------------------


def _line(status: str, name: str, seconds: float) -> str:
    return f"  {status:<7} {name:<40} {seconds:6.1f} s"


def run_all(
    settings: Settings,
    only: Iterable[str] | None = None,
    used_by: dict[str, list[str]] | None = None,
    progress: Callable[[str], None] = print,
) -> Report:
    """Bring every snippet's outputs up to date; raise SnippetError naming the failures.

    `used_by` maps a snippet's name to the page:line places that include it (for the message).
    Good results are cached even when another snippet fails, so a fixed build resumes there.
    """
    started = time.monotonic()
    every = discover(settings)
    snippets = every if only is None else [s for s in every if s.name in set(only)]
    report = Report()
    todo = []
    shared = environment()
    for snippet in snippets:
        key, parts = cache_key(snippet, settings, shared)
        entry = settings.cache / key
        if entry.is_dir() and _entry_ok(entry):
            _publish(entry, settings.outputs / snippet.name)
            report.outcomes.append(Outcome(snippet, "cached", 0.0, key=key))
            progress(_line("cached", snippet.name, 0.0))
        else:
            if entry.exists():
                progress(f"  note: cache entry of {snippet.name} is incomplete or altered; re-running")
                shutil.rmtree(entry, ignore_errors=True)
            todo.append((snippet, key, parts))

    if todo:
        # longest first, so the last minutes of a cold build keep both workers busy
        todo.sort(key=lambda item: -_expected_seconds(item[0], settings))
        settings.cache.mkdir(parents=True, exist_ok=True)
        remove_stale(settings.cache, ".run-")  # scratch of a build that was killed
        scratch = Path(tempfile.mkdtemp(dir=settings.cache, prefix=f".run-{os.getpid()}-"))
        jobs = []
        for index, (snippet, _key, _parts) in enumerate(todo):
            workdir = scratch / f"{index}" / "files"
            workdir.mkdir(parents=True)
            jobs.append({
                "script": str(snippet.path), "workdir": str(workdir),
                "stdout": str(workdir / "stdout.txt"), "log": str(scratch / f"{index}" / "log.txt"),
                "timeout": snippet.timeout, "preload": _preload(snippet.path),
                "_todo": index,
            })
        progress(f"  running {len(jobs)} snippet(s) on {min(settings.workers, len(jobs))} worker(s)")

        def done(job: dict, answer: dict) -> None:
            snippet, key, parts = todo[job["_todo"]]
            status = "ran" if answer["status"] == "ok" else answer["status"]
            outcome = Outcome(snippet, status, answer["seconds"], key=key)
            if status == "ran":
                _store(Path(job["workdir"]).parent, settings.cache / key, snippet, parts, answer)
                _publish(settings.cache / key, settings.outputs / snippet.name)
            else:
                outcome.log = Path(job["log"]).read_text(encoding="utf-8", errors="replace")
            report.outcomes.append(outcome)
            progress(_line(status, snippet.name, answer["seconds"]))

        try:
            with Executor(settings.workers) as executor:
                executor.map(jobs, done)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    _prune(settings, {s.name for s in every})
    report.seconds = time.monotonic() - started
    progress(report.summary())
    if report.failed:
        raise SnippetError(failure_message(report.failed, used_by or {}))
    return report


_PAST: dict[Path, dict[str, float]] = {}


def _expected_seconds(snippet: Snippet, settings: Settings) -> float:
    """How long a snippet will probably run: its last run under any key, else a guess from its
    code (training and animation take longest). Only the order of the runs depends on it."""
    if settings.cache not in _PAST:
        past: dict[str, float] = {}
        for meta in settings.cache.glob("*/meta.json") if settings.cache.is_dir() else ():
            try:
                data = json.loads(meta.read_text(encoding="utf-8"))
                past[data["snippet"]] = max(past.get(data["snippet"], 0.0), float(data["seconds"]))
            except (OSError, ValueError, KeyError, TypeError):
                continue
        _PAST[settings.cache] = past
    if snippet.name in _PAST[settings.cache]:
        return _PAST[settings.cache][snippet.name]
    code = snippet.path.read_text(encoding="utf-8", errors="replace")
    return 1.0 + 20.0 * (".fit(" in code) + 10.0 * ("animation" in code) + 2.0 * ("keras" in code)


def remove_stale(folder: Path, prefix: str) -> None:
    """Remove `<prefix><pid>-*` folders left behind by a build that was killed (pid gone)."""
    for path in folder.glob(f"{prefix}*"):
        pid = path.name[len(prefix):].split("-", 1)[0]
        if pid.isdigit() and not _pid_alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed build nobody reaped is a zombie: as dead as it gets
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _store(job_dir: Path, entry: Path, snippet: Snippet, parts: dict, answer: dict) -> None:
    files = job_dir / "files"
    meta = {
        "snippet": snippet.name,
        "key": parts,
        "seconds": round(answer["seconds"], 3),
        "files": {p.relative_to(files).as_posix(): _digest(p)
                  for p in sorted(files.rglob("*")) if p.is_file()},
    }
    (job_dir / "meta.json").write_text(json.dumps(meta, indent=1, sort_keys=True), encoding="utf-8")
    (job_dir / "log.txt").unlink(missing_ok=True)
    try:
        job_dir.rename(entry)
    except OSError:  # another build stored the same key first: same inputs, same outputs
        shutil.rmtree(job_dir, ignore_errors=True)


def _prune(settings: Settings, names: set[str]) -> None:
    """Remove published outputs of snippets that no longer exist."""
    if not settings.outputs.is_dir():
        return
    for stdout in list(settings.outputs.rglob("stdout.txt")):
        folder = stdout.parent
        name = folder.relative_to(settings.outputs).as_posix()
        if name not in names and not any(n.startswith(name + "/") for n in names):
            shutil.rmtree(folder, ignore_errors=True)


def failure_message(failed: list[Outcome], used_by: dict[str, list[str]]) -> str:
    chunks = []
    for outcome in failed:
        snippet = outcome.snippet
        what = (f"ran past its time limit of {snippet.timeout:g} s" if outcome.status == "timeout"
                else "failed")
        places = used_by.get(snippet.name, [])
        where = ("\n    included at " + "\n    included at ".join(places)) if places else (
            "\n    (not included by any page)")
        log = outcome.log.strip()
        chunks.append(f"snippet {snippet.rel} {what}{where}\n{_indent(log)}" if log else
                      f"snippet {snippet.rel} {what}{where}")
    return "\n\n".join(chunks)


def _indent(text: str) -> str:
    return "\n".join("    | " + line for line in text.splitlines()[-40:])
