"""Content-hash memos kept between builds, in build/state.json.

A memo names a piece of work (running the snippets, one deck, one notebook, checking one page's
includes) and records the files it read with their content hashes. The work is skipped while every
one of those files still hashes the same (a missing file hashes as "missing", so a deleted output
invalidates the memo too). A file's hash is recomputed only when its size or modification time
changed since it was last hashed, as git's index does, so a warm build reads no file twice.

The state file is a cache: deleting it costs one build that redoes everything, nothing else.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

VERSION = 1


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class State:
    def __init__(self, path: Path, root: Path):
        self.path = path
        self.root = root
        self._root = str(root.resolve())
        self._prefix = self._root + os.sep
        self.files: dict[str, list] = {}  # rel path -> [mtime_ns, size, sha256]
        self.memos: dict[str, dict] = {}  # memo name -> {"key": ..., "deps": [...], "data": ...}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") == VERSION:
                self.files = data.get("files", {})
                self.memos = data.get("memos", {})
        except (OSError, ValueError, AttributeError):
            pass  # no state yet, or a damaged one: every memo misses once
        self._seen: dict[str, str] = {}  # hashes computed in this process

    @classmethod
    def load(cls, root: Path) -> State:
        return cls(root / "build" / "state.json", root)

    def _rel(self, path: Path) -> str:
        """The path relative to the project (absolute if outside it); no resolve(): the paths
        a build uses are made from the resolved root, and resolving cost a warm build 1 s."""
        text = os.path.normpath(os.path.join(self._root, path))
        if text.startswith(self._prefix):
            return text[len(self._prefix) :]
        return text

    def file_hash(self, path: Path) -> str:
        """The file's content hash, or "missing"; cached by (mtime, size) between builds."""
        rel = self._rel(path)
        if rel in self._seen:
            return self._seen[rel]
        try:
            stat = os.stat(path)
        except OSError:
            self._seen[rel] = "missing"
            return "missing"
        known = self.files.get(rel)
        if known and known[0] == stat.st_mtime_ns and known[1] == stat.st_size:
            digest = known[2]
        else:
            try:
                digest = _sha(path)
            except OSError:
                digest = "missing"
            self.files[rel] = [stat.st_mtime_ns, stat.st_size, digest]
        self._seen[rel] = digest
        return digest

    def forget(self, paths: Iterable[Path] = ()) -> None:
        """Drop this process's hashes (all, or of these files): they may have changed on disk."""
        paths = list(paths)
        if not paths:
            self._seen.clear()
        for path in paths:
            self._seen.pop(self._rel(path), None)

    def key(self, deps: Iterable[Path], extra: str = "") -> str:
        h = hashlib.sha256(extra.encode())
        for path in sorted(set(deps)):
            h.update(f"\0{self._rel(path)}\0{self.file_hash(path)}".encode())
        return h.hexdigest()

    def fresh(self, name: str, extra: str = "") -> dict | None:
        """The memo's data if none of the files it read changed since it was recorded."""
        memo = self.memos.get(name)
        if not memo:
            return None
        deps = [self.root / d if not os.path.isabs(d) else Path(d) for d in memo["deps"]]
        if self.key(deps, extra) != memo["key"]:
            return None
        return memo.get("data") or {}

    def record(self, name: str, deps: Iterable[Path], extra: str = "", data: dict | None = None) -> None:
        deps = sorted(set(deps))
        self.forget(deps)  # the work may have written some of them since they were hashed
        self.memos[name] = {"key": self.key(deps, extra), "deps": [self._rel(p) for p in deps], "data": data or {}}

    def drop(self, name: str) -> None:
        self.memos.pop(name, None)

    def changed(self, name: str) -> list[Path]:
        """The files the memo read whose content changed since (for deciding what to redo)."""
        memo = self.memos.get(name)
        if not memo:
            return []
        hashes = memo.get("data", {}).get("hashes", {})
        return [self.root / rel for rel, sha in hashes.items() if self.file_hash(self.root / rel) != sha]

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        tmp.write_text(
            json.dumps({"version": VERSION, "files": self.files, "memos": self.memos}, separators=(",", ":")),
            encoding="utf-8",
        )
        tmp.replace(self.path)
