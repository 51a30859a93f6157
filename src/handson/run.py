"""Stage 1, run: execute each snippet once, cache what it printed and drew, publish the outputs.

A snippet is a plain script under the snippets folder (files whose name starts with `_` are
helper modules it may import, not examples). Its results are cached under a key made of
everything that can change them (see `cache_key`). Unchanged snippets never run again, and a
build in which nothing changed starts no worker, so it never imports TensorFlow.

Outputs are published to `<outputs>/<chapter>/<example>/`: `stdout.txt` plus every file the
snippet wrote in its working folder (figures).

`run_all` is three steps: `plan` (discover, key, look up the cache), `execute` (run what is not
cached, on an `Executor` that the caller may keep alive across builds) and `store` (cache and
publish each good result as it arrives, so a failure elsewhere never loses it).
"""

from __future__ import annotations

import ast
import difflib
import errno
import hashlib
import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import IO

from . import files
from .settings import Settings

# Versions that change what a snippet prints or draws, listed one by one in every cache key (the
# key also covers every other installed distribution, through `environment_lock`).
KEY_PACKAGES = (
    "tensorflow-cpu",
    "tensorflow",
    "keras",
    "numpy",
    "matplotlib",
    "pillow",
    "mlxtend",
    "scikit-learn",
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
# TensorFlow's graph optimiser (Grappler) off, for every snippet the worker runs and in every
# notebook (notebook.py): it rewrites each traced function and each tf.data pipeline Keras makes,
# and on models this small that costs more than it saves (the heaviest snippet, optim/overfit,
# trains in 35 s instead of 44 s); every output of the course is the same, byte for byte.
TF_OPTIMIZER = {"disable_meta_optimizer": True}
WORKER_ENV["HANDSON_TF_OPTIMIZER"] = json.dumps(TF_OPTIMIZER)  # read by _zygote.py; in the cache key
ZYGOTE = Path(__file__).with_name("_zygote.py")
# `# key: value` lines a snippet's header may hold; a near miss (`# timout:`) is an error
HEADER_KEYS = ("timeout", "reads")
HEADER_LINE = re.compile(r"^#\s*(?P<key>[A-Za-z][\w-]*)\s*:(?P<value>.*)$")


class SnippetError(RuntimeError):
    """A snippet raised, exited non-zero or ran past its time limit, or cannot be run at all."""


@dataclass(frozen=True)
class Snippet:
    path: Path  # absolute
    name: str  # e.g. "cnn/strides": its path under the snippets folder, without ".py"
    timeout: float
    reads: tuple[Path, ...] = ()  # data files and folders declared with `# reads: path`
    rel: str = ""  # its path from the project root, for messages: "snippets/cnn/strides.py"


@dataclass
class Outcome:
    snippet: Snippet
    status: str  # "cached", "ran", "error", "timeout"
    seconds: float = 0.0
    log: str = ""
    key: str = ""
    stdout: str = ""  # what a failed snippet printed (its last lines are in the message)
    why: str = ""  # how it ended: "exit status 3", "killed by signal SIGKILL", ...


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


def _header(text: str) -> list[tuple[int, str, str]]:
    """`# key: value` lines at the top of a snippet, as (line number, key, value): before the
    first line of code, after the module docstring (however many lines it has)."""
    lines = text.splitlines()
    start = 0
    try:
        tree = ast.parse(text)
        first = tree.body[0] if tree.body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
            start = first.end_lineno or 0
    except (SyntaxError, ValueError):
        pass  # the run reports it; read what comment lines there are
    found = []
    for number, line in enumerate(lines[start:], start + 1):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        m = HEADER_LINE.match(stripped)
        if m:
            found.append((number, m.group("key"), m.group("value").strip()))
    return found


def _settings_of(
    snippet_rel: str, header: list[tuple[int, str, str]], settings: Settings
) -> tuple[float, tuple[Path, ...]]:
    """The snippet's time limit and declared data, checked: every problem names file:line."""
    timeout = settings.timeout
    reads: list[Path] = []
    for number, key, value in header:
        where = f"{snippet_rel}:{number}"
        if key not in HEADER_KEYS:
            near = difflib.get_close_matches(key.lower(), HEADER_KEYS, n=1, cutoff=0.7)
            if near:
                raise SnippetError(f"{where}: unknown header `# {key}:`; did you mean `# {near[0]}:`?")
            continue  # an ordinary comment that happens to hold a colon
        if key == "timeout":
            try:
                timeout = float(value)
            except ValueError:
                timeout = math.nan
            if not math.isfinite(timeout) or timeout <= 0:
                raise SnippetError(f"{where}: `# timeout:` takes a positive number of seconds, not {value!r}")
        else:
            if not value:
                raise SnippetError(f"{where}: `# reads:` needs a path (from the project root)")
            data = files.inside_project(settings.root / value, settings.root, where, SnippetError)
            if not data.exists():
                raise SnippetError(f"{where}: `# reads: {value}`: no such file or folder")
            reads.append(data)
    return timeout, tuple(reads)


def discover(settings: Settings) -> list[Snippet]:
    """Every example script under the snippets folder, sorted by name, its header checked."""
    if not settings.snippets.is_dir():
        return []
    out = []
    for path in sorted(settings.snippets.rglob("*.py")):
        if path.name.startswith("_") or "__pycache__" in path.parts:
            continue
        rel = settings.rel(path)
        if path.is_symlink() and not path.exists():
            raise SnippetError(
                f"{rel}:1: a symbolic link to {os.readlink(path)!r}, which does not "
                "exist: delete it or make it point at a file"
            )
        real = files.inside_project(path, settings.root, f"{rel}:1", SnippetError)
        if not real.is_file():
            raise SnippetError(f"{rel}:1: not a regular file (a FIFO, socket or device?): delete it")
        text = files.read_utf8(real, SnippetError, rel)
        timeout, reads = _settings_of(rel, _header(text), settings)
        name = path.relative_to(settings.snippets).with_suffix("").as_posix()
        out.append(Snippet(real, name, timeout, reads, rel))
    names = {s.name for s in out}
    for snippet in out:  # x.py beside x/: both would publish into outputs/x/
        clash = sorted(n for n in names if n.startswith(snippet.name + "/"))
        if clash:
            raise SnippetError(
                f"{snippet.rel}:1: its outputs would share the folder of "
                f"{settings.rel(settings.snippets / clash[0])}.py ({settings.rel(settings.outputs)}/"
                f"{snippet.name}/): rename {snippet.rel} or the folder "
                f"{settings.rel(settings.snippets / snippet.name)}/"
            )
    return out


# --- imports ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Imports:
    roots: frozenset[str]  # top-level names of every absolute import, the helpers' included ("keras", "_style")
    local: frozenset[Path]  # project modules among them (files beside the script), recursively


def imports(path: Path) -> Imports:
    """The one import walker: what a script imports, and which of it is the project's own code."""
    roots: set[str] = set()
    local: set[Path] = set()
    todo = [path]
    while todo:
        current = todo.pop()
        try:
            tree = ast.parse(current.read_bytes(), filename=str(current))
        except (SyntaxError, ValueError, OSError):
            continue  # the run reports it; the key still covers the bytes
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            else:
                continue
            for name in names:
                root = name.split(".")[0]
                roots.add(root)  # a helper's imports too: what it imports, the worker preloads
                candidate = current.parent / (root + ".py")
                if candidate.is_file() and candidate not in local and candidate != path:
                    local.add(candidate)
                    todo.append(candidate)
    return Imports(frozenset(roots), frozenset(local))


def local_imports(path: Path) -> set[Path]:
    """Project modules a script imports (files beside it), followed recursively."""
    return set(imports(path).local)


def imported_roots(path: Path) -> set[str]:
    """Top-level names of every module the script imports (to preload the heavy ones)."""
    return set(imports(path).roots)


# --- the cache key ---------------------------------------------------------------------------


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "-"


def _digest(path: Path) -> str:
    """sha256 of a file, or of a folder's content (every file's name and bytes)."""
    if path.is_dir():
        h = hashlib.sha256()
        for item in sorted(p for p in path.rglob("*") if p.is_file()):
            h.update(item.relative_to(path).as_posix().encode() + b"\0")
            h.update(hashlib.sha256(item.read_bytes()).digest())
        return "folder " + h.hexdigest()
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "missing"


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def installed() -> dict[str, str]:
    """Every distribution importable from this interpreter's path, by name -> version (the
    first on the path wins, as for imports). Read from the dist-info folders' names: cheap."""
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for item in sorted(names):
            if item.endswith((".dist-info", ".egg-info")):
                stem = item.rsplit(".", 1)[0]
                name, _, version = stem.partition("-")
                if version:
                    found.setdefault(_normal(name), version.split("-")[0])
    found.pop("handson", None)  # the tool itself: its runner is hashed as `runner`
    found.pop("pip", None)  # never imported by a snippet
    return dict(sorted(found.items()))


def environment_lock(cache: Path | None = None) -> str:
    """A digest of every installed distribution and its version. With `cache`, the list itself is
    written to `<cache>/.locks/<digest>.txt`, so two locks can be compared to see what changed."""
    listing = "".join(f"{name}=={version}\n" for name, version in installed().items())
    digest = hashlib.sha256(listing.encode()).hexdigest()[:16]
    if cache is not None:
        lock = cache / ".locks" / f"{digest}.txt"
        if not lock.is_file():
            try:
                lock.parent.mkdir(parents=True, exist_ok=True)
                tmp = lock.with_suffix(f".{os.getpid()}.tmp")
                tmp.write_text(listing, encoding="utf-8")
                tmp.replace(lock)
            except OSError:
                pass  # only an aid to the reader; a read-only cache is reported where it matters
    return digest


def environment(cache: Path | None = None) -> dict[str, str]:
    """The key's parts shared by every snippet: interpreter, packages, the runner. Computed once
    per build (reading package metadata for each of 70 snippets took most of a warm build)."""
    parts = {"python": sys.version.split()[0]}
    for package in KEY_PACKAGES:
        parts["version " + package] = _version(package)
    parts["installed distributions"] = environment_lock(cache)
    parts["runner"] = _digest(ZYGOTE)
    parts["environment"] = json.dumps(WORKER_ENV, sort_keys=True)
    return parts


def cache_key(snippet: Snippet, settings: Settings, shared: dict[str, str] | None = None) -> tuple[str, dict[str, str]]:
    """Everything that can change a snippet's outputs, and the hash of it all.

    Returns (key, parts): `parts` names each ingredient, so a reader of a cache entry's
    meta.json can see why a snippet re-ran.
    """
    parts = {"snippet " + snippet.rel: _digest(snippet.path)}
    for module in sorted(imports(snippet.path).local):
        parts["imports " + settings.rel(module)] = _digest(module)
    for data in snippet.reads:
        parts["reads " + settings.rel(data)] = _digest(data)
    parts.update(shared if shared is not None else environment())
    key = hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:32]
    return key, parts


# --- the cache -------------------------------------------------------------------------------


def _entry_ok(entry: Path) -> bool:
    """A cache entry is used only if its meta.json lists exactly its files, with their hashes."""
    meta_path = entry / "meta.json"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        found = {
            p.relative_to(entry / "files").as_posix()
            for p in (entry / "files").rglob("*")
            if p.is_file() or p.is_symlink()
        }
        if found != set(meta["files"]):
            return False
        return all(
            _digest(entry / "files" / rel) == sha and not (entry / "files" / rel).is_symlink()
            for rel, sha in meta["files"].items()
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False


def _publish(entry: Path, target: Path) -> None:
    """Copy a cache entry's files to the snippet's output folder, replacing the old ones whole."""
    parent = target.parent
    if parent.exists() and not parent.is_dir():
        parent.unlink()  # a stray file where the outputs' folder goes: ours to replace
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=parent, prefix=f".{target.name}-"))
    os.chmod(tmp, 0o755)
    shutil.copytree(entry / "files", tmp, dirs_exist_ok=True)
    if target.exists() and not target.is_dir():
        target.unlink()
    files.swap_in(tmp, target)


def _remove(path: Path) -> None:
    """Delete a file, link or folder of ours (a damaged cache entry, say)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _check_outputs(folder: Path) -> str:
    """'' if the snippet's working folder holds only plain files and UTF-8 stdout, else why not."""
    for item in sorted(folder.rglob("*")):
        rel = item.relative_to(folder).as_posix()
        if item.is_symlink():
            return (
                f"it left a symbolic link {rel} -> {os.readlink(item)} in its working folder; "
                "outputs must be plain files (write the file itself)"
            )
        if not item.is_dir() and not item.is_file():
            return f"it left {rel}, which is not a plain file (a FIFO or socket?), in its working folder"
    stdout = folder / "stdout.txt"
    if stdout.is_file():
        data = stdout.read_bytes()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as bad:
            line = data[: bad.start].count(b"\n") + 1
            return (
                f"line {line} of what it printed is not valid UTF-8 (byte 0x{data[bad.start]:02x}); "
                "print text, or write binary data to a file"
            )
    return ""


@dataclass(frozen=True)
class Entry:
    """A cache entry's meta.json: whose result it is, the key's parts, and its files' hashes."""

    snippet: str
    key: dict[str, str]
    seconds: float
    files: dict[str, str]

    @classmethod
    def of(cls, snippet: Snippet, parts: dict[str, str], seconds: float, folder: Path) -> Entry:
        return cls(
            snippet.name,
            parts,
            round(seconds, 3),
            {p.relative_to(folder).as_posix(): _digest(p) for p in sorted(folder.rglob("*")) if p.is_file()},
        )


def store(job_dir: Path, entry: Path, meta: Entry) -> None:
    """Make a finished run's folder (files/ + meta.json) the cache entry `entry`, atomically."""
    (job_dir / "meta.json").write_text(json.dumps(asdict(meta), indent=1, sort_keys=True), encoding="utf-8")
    (job_dir / "log.txt").unlink(missing_ok=True)
    if entry.exists() and not entry.is_dir():
        entry.unlink()  # a stray file with an entry's name: not a result, ours to replace
    try:
        job_dir.rename(entry)
    except OSError:  # another build stored the same key first: same inputs, same outputs
        shutil.rmtree(job_dir, ignore_errors=True)


# --- the worker ------------------------------------------------------------------------------


@dataclass
class Job:
    """One script to run, as the worker receives it (one JSON line)."""

    script: str
    workdir: str
    stdout: str
    log: str
    timeout: float
    preload: list[str]
    id: int = 0


@dataclass(frozen=True)
class Answer:
    """How a job ended, as the worker reports it."""

    status: str  # "ok", "error", "timeout"
    seconds: float = 0.0
    exit: int | None = None
    signal: str | None = None
    detail: str = ""

    @property
    def why(self) -> str:
        if self.status == "timeout":
            return ""
        if self.signal:
            number = getattr(signal.Signals, self.signal, None)
            return f"killed by signal {self.signal}" + (f" ({int(number)})" if number else "")
        if self.detail:
            return self.detail
        return f"exit status {self.exit}" if self.exit not in (None, 0) else ""


def die_with_parent() -> None:
    """Between fork and exec (`preexec_fn`): the new process gets SIGTERM when its parent dies."""
    import ctypes

    try:
        ctypes.CDLL(None).prctl(1, signal.SIGTERM, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class Executor:
    """Runs scripts in forked children of one long-lived worker (started on first use).

    The worker dies with the process that started it; closing the executor (or leaving its
    `with` block) stops it. A caller may keep one open across builds (`run_all(executor=...)`).
    """

    def __init__(self, workers: int = 2):
        self.workers = max(1, workers)
        self._proc: subprocess.Popen | None = None
        self._stderr: IO[bytes] | None = None
        self._next_id = 0

    def _start(self) -> subprocess.Popen:
        if self._proc is None:
            env = {**os.environ, **WORKER_ENV}
            self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 - read when the worker dies
            self._proc = subprocess.Popen(
                [sys.executable, str(ZYGOTE)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._stderr,
                env=env,
                text=True,
                bufsize=1,
                # No PR_SET_PDEATHSIG here: Linux sends it when the *thread* that started the
                # worker ends (serve warms the worker up in a thread that then returns). The
                # worker watches its parent itself: end of file on its job pipe, or a new ppid.
                start_new_session=True,
            )
        return self._proc

    def _worker_log(self) -> str:
        if self._stderr is None:
            return ""
        self._stderr.seek(0)
        return self._stderr.read()[-4000:].decode("utf-8", errors="replace").strip()

    def map(self, jobs: Iterable[Job], on_done: Callable[[Job, Answer], None]) -> None:
        """Run every job (at most `workers` at once); call on_done(job, answer) as each ends.

        If the worker itself dies (a crash in a preloaded import, say), the jobs it was running
        are run again one at a time in a new worker; a job that kills the worker alone ends as an
        error naming the worker's last words, and the others keep their results.
        """
        queue = list(jobs)
        by_id: dict[int, Job] = {}
        suspects: set[int] = set()  # id() of jobs in flight when a worker died
        while queue or by_id:
            while queue and len(by_id) < self.workers:
                if by_id and (id(queue[0]) in suspects or any(id(j) in suspects for j in by_id.values())):
                    break  # a suspect runs alone
                job = queue.pop(0)
                self._next_id += 1
                job.id = self._next_id
                by_id[job.id] = job
                proc = self._start()
                assert proc.stdin is not None
                try:
                    proc.stdin.write(json.dumps(asdict(job)) + "\n")
                    proc.stdin.flush()
                except BrokenPipeError:
                    break
            line = self._proc.stdout.readline() if self._proc and self._proc.stdout else ""
            if not line:
                last_words = self._worker_log()
                self._discard()
                in_flight = list(by_id.values())
                by_id.clear()
                if len(in_flight) == 1 or all(id(j) in suspects for j in in_flight):
                    for job in in_flight:
                        on_done(
                            job,
                            Answer(
                                "error",
                                detail="the snippet worker died while running it"
                                + (":\n" + last_words if last_words else ""),
                            ),
                        )
                    continue
                for job in reversed(in_flight):  # which one killed it? each runs again, alone
                    suspects.add(id(job))
                    shutil.rmtree(job.workdir, ignore_errors=True)
                    Path(job.workdir).mkdir(parents=True, exist_ok=True)
                    queue.insert(0, job)
                continue
            data = json.loads(line)
            job = by_id.pop(data.pop("id"))
            on_done(job, Answer(**data))

    def _discard(self) -> None:
        if self._proc is not None:
            try:
                self._proc.kill()
            except OSError:
                pass
            self._proc.wait()
            for stream in (self._proc.stdin, self._proc.stdout):
                try:
                    if stream is not None:
                        stream.close()
                except OSError:
                    pass
            self._proc = None
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None

    def close(self) -> None:
        """Stop the worker; any snippet still running is killed with its process group."""
        if self._proc is not None:
            try:
                if self._proc.stdin is not None:
                    self._proc.stdin.close()
            except OSError:
                pass
            try:
                self._proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                pass
        self._discard()

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def run_script(executor: Executor, script: Path, workdir: Path, timeout: float) -> dict:
    """Run one script with the snippet runner's clean state; returns status, stdout and log."""
    stdout, log = workdir.parent / f"{workdir.name}.stdout", workdir.parent / f"{workdir.name}.log"
    job = Job(str(script), str(workdir), str(stdout), str(log), timeout, _preload(script))
    result: dict = {}
    executor.map([job], lambda _job, answer: result.update(asdict(answer)))
    result["stdout"] = stdout.read_text(encoding="utf-8", errors="replace") if stdout.exists() else ""
    result["log"] = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    if result.get("detail") and result["detail"] not in result["log"]:
        result["log"] += "\n" + result["detail"]
    return result


def _preload(script: Path) -> list[str]:
    roots = imported_roots(script)
    return [m for m in HEAVY_MODULES if m.split(".")[0] in roots]


# --- the stage -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Planned:
    """A snippet with its cache key, and whether a good entry for that key exists."""

    snippet: Snippet
    key: str
    parts: dict
    cached: bool


def _line(status: str, name: str, seconds: float) -> str:
    return f"  {status:<7} {name:<40} {seconds:6.1f} s"


def _cache_folder(settings: Settings) -> Path:
    """The cache folder, created if needed; a file in its place or no permission names the cure."""
    cache = settings.cache
    if cache.exists() and not cache.is_dir():
        raise SnippetError(
            f"{cache}: the snippet cache should be a folder, but this is a file "
            f"(pyproject.toml [tool.handson] cache = ...): move or delete it"
        )
    try:
        cache.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SnippetError(_os_message(error, cache, "the snippet cache")) from None
    if not os.access(cache, os.W_OK | os.X_OK):
        raise SnippetError(
            f"{cache}: the snippet cache is not writable: "
            f"make it writable (chmod u+w) or set another cache in pyproject.toml"
        )
    return cache


def _disk_full(folder: Path) -> str:
    """A note if the disk holding `folder` is (nearly) full: the run's own report may be lost."""
    try:
        usage = shutil.disk_usage(folder)
    except OSError:
        return ""
    if usage.free >= 64 * 1024:
        return ""
    return f"no space left on the disk holding {folder.parent} ({usage.free} bytes free): free some space and rebuild"


def _os_message(error: OSError, path: Path | str, what: str) -> str:
    if error.errno == errno.ENOSPC:
        return f"{path}: no space left on the disk while writing {what}: free some space and rebuild"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"{path}: cannot write {what} ({error.strerror}): make it writable"
    return f"{error.filename or path}: cannot write {what}: {error.strerror or error}"


def plan(
    settings: Settings, only: Iterable[str] | None = None, progress: Callable[[str], None] = print
) -> tuple[list[Snippet], list[Planned]]:
    """Every snippet, and those to bring up to date (unknown names in `only` are an error)."""
    every = discover(settings)
    if only is not None:
        wanted = list(only)
        known = {s.name for s in every}
        unknown = [n for n in wanted if n not in known]
        if unknown:
            near = {n: difflib.get_close_matches(n, known, n=1) for n in unknown}
            raise SnippetError(
                "no such snippet: "
                + ", ".join(n + (f" (did you mean {near[n][0]}?)" if near[n] else "") for n in unknown)
                + f"; snippets are named by their path under {settings.rel(settings.snippets)}/, "
                "without .py"
            )
        snippets = [s for s in every if s.name in set(wanted)]
    else:
        snippets = every
    shared = environment(settings.cache if settings.cache.is_dir() else None)
    planned = []
    for snippet in snippets:
        key, parts = cache_key(snippet, settings, shared)
        entry = settings.cache / key
        good = entry.is_dir() and _entry_ok(entry)
        if not good and (entry.exists() or entry.is_symlink()):
            progress(f"  note: cache entry of {snippet.name} is incomplete or altered; re-running")
            _remove(entry)
        planned.append(Planned(snippet, key, parts, good))
    return every, planned


def execute(
    todo: list[Planned], settings: Settings, executor: Executor, on_result: Callable[[Planned, Answer, Path], None]
) -> None:
    """Run each planned snippet in a scratch folder; on_result(planned, answer, job folder)."""
    cache = _cache_folder(settings)
    remove_stale(cache, ".run-")  # scratch of a build that was killed
    try:
        scratch = Path(tempfile.mkdtemp(dir=cache, prefix=f".run-{os.getpid()}-"))
    except OSError as error:
        raise SnippetError(_os_message(error, cache, "the snippet cache")) from None
    jobs: list[Job] = []
    by_workdir: dict[str, Planned] = {}
    try:
        for index, item in enumerate(todo):
            workdir = scratch / f"{index}" / "files"
            workdir.mkdir(parents=True)
            jobs.append(
                Job(
                    str(item.snippet.path),
                    str(workdir),
                    str(workdir / "stdout.txt"),
                    str(scratch / f"{index}" / "log.txt"),
                    item.snippet.timeout,
                    _preload(item.snippet.path),
                )
            )
            by_workdir[str(workdir)] = item
        executor.map(jobs, lambda job, answer: on_result(by_workdir[job.workdir], answer, Path(job.workdir).parent))
    except OSError as error:
        raise SnippetError(_os_message(error, error.filename or scratch, "a snippet's results")) from None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def run_all(
    settings: Settings,
    only: Iterable[str] | None = None,
    used_by: dict[str, list[str]] | None = None,
    progress: Callable[[str], None] = print,
    executor: Executor | None = None,
) -> Report:
    """Bring every snippet's outputs up to date; raise SnippetError naming the failures.

    `used_by` maps a snippet's name to the page:line places that include it (for the message).
    Good results are cached even when another snippet fails, so a fixed build resumes there.
    `executor`: a worker to reuse (kept alive by the caller); by default one is started if a
    snippet must run, and stopped at the end.
    """
    started = time.monotonic()
    every, planned = plan(settings, only, progress)
    report = Report()
    try:
        for item in planned:
            if item.cached:
                _publish(settings.cache / item.key, settings.outputs / item.snippet.name)
                report.outcomes.append(Outcome(item.snippet, "cached", 0.0, key=item.key))
        cached = sum(item.cached for item in planned)
        if cached:
            progress(f"  {cached} snippet(s) up to date (cached)")
        todo = [item for item in planned if not item.cached]
        if todo:
            # longest first, so the last minutes of a cold build keep both workers busy
            todo.sort(key=lambda item: -_expected_seconds(item.snippet, settings))
            progress(f"  running {len(todo)} snippet(s) on {min(settings.workers, len(todo))} worker(s)")

            def done(item: Planned, answer: Answer, job_dir: Path) -> None:
                snippet = item.snippet
                status = "ran" if answer.status == "ok" else answer.status
                outcome = Outcome(snippet, status, answer.seconds, key=item.key, why=answer.why)
                problem = _check_outputs(job_dir / "files") if status == "ran" else ""
                if problem:
                    outcome.status, outcome.why = "error", problem
                if outcome.status == "ran":
                    meta = Entry.of(snippet, item.parts, answer.seconds, job_dir / "files")
                    store(job_dir, settings.cache / item.key, meta)
                    _publish(settings.cache / item.key, settings.outputs / snippet.name)
                else:
                    log = job_dir / "log.txt"
                    outcome.log = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
                    out = job_dir / "files" / "stdout.txt"
                    outcome.stdout = out.read_text(encoding="utf-8", errors="replace") if out.exists() else ""
                    full = _disk_full(job_dir)
                    if full:
                        outcome.why = f"{outcome.why}; {full}" if outcome.why else full
                report.outcomes.append(outcome)
                progress(_line(outcome.status, snippet.name, answer.seconds))

            if executor is not None:
                execute(todo, settings, executor, done)
            else:
                with Executor(settings.workers) as own:
                    execute(todo, settings, own, done)
        _prune(settings, {s.name for s in every})
    except OSError as error:
        raise SnippetError(_os_message(error, error.filename or settings.outputs, "the outputs")) from None
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
        pid = path.name[len(prefix) :].split("-", 1)[0]
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
        if outcome.status == "timeout":
            what = f"ran past its time limit of {snippet.timeout:g} s (its process group was killed)"
        else:
            what = "failed" + (f": {outcome.why}" if outcome.why else "")
        places = used_by.get(snippet.name, [])
        where = (
            ("\n    included at " + "\n    included at ".join(places))
            if places
            else ("\n    (not included by any page)")
        )
        chunk = f"snippet {snippet.rel} {what}{where}"
        if outcome.stdout.strip():
            chunk += "\n  it printed (last lines):\n" + _indent(outcome.stdout.strip(), 15)
        if outcome.log.strip():
            chunk += "\n" + _indent(outcome.log.strip())
        chunks.append(chunk)
    return "\n\n".join(chunks)


def _indent(text: str, lines: int = 40) -> str:
    return "\n".join("    | " + line for line in text.splitlines()[-lines:])
