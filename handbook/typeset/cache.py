"""A content-addressed cache of typeset units and finished handbooks.

Everything is keyed on what went in (the HTML and stylesheet of a unit, or
every input file of a whole build), the package's own code and the version
of WeasyPrint, so an entry can never be stale: a changed input is simply a
different key.  The cache lives in one folder, ``$HANDBOOK_CACHE`` or
``$XDG_CACHE_HOME/handbook`` (``~/.cache/handbook``), and may be deleted at
any time.  Entries are JSON plus raw bytes, never pickles, so a cache folder
someone else can write to cannot run code.

This module is imported on the fast path of an unchanged rebuild, before
anything heavy; keep its imports to the standard library.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import __version__

#: Oldest entries go first once the folder holds more than this.
MAX_BYTES = 500_000_000
_MAGIC = b"handbook-cache 1\n"


def default_folder() -> Path:
    if os.environ.get("HANDBOOK_CACHE"):
        return Path(os.environ["HANDBOOK_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "handbook"


@dataclass
class Cache:
    """Entries of (metadata, bytes) by key; ``None`` folder means caching is off."""

    folder: Path | None

    def get(self, kind: str, key: str) -> tuple[dict, bytes] | None:
        if self.folder is None:
            return None
        path = self._path(kind, key)
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        if not raw.startswith(_MAGIC):
            return None
        header, _, data = raw[len(_MAGIC):].partition(b"\n")
        try:
            metadata = json.loads(header)
        except ValueError:
            return None
        os.utime(path)  # recently used: pruned last
        return metadata, data

    def put(self, kind: str, key: str, metadata: dict, data: bytes) -> None:
        if self.folder is None:
            return
        path = self._path(kind, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
            with os.fdopen(handle, "wb") as stream:
                stream.write(_MAGIC + json.dumps(metadata).encode() + b"\n" + data)
            os.replace(temporary, path)
        except OSError:
            return  # a cache that cannot be written is only a slower build

    def prune(self, limit: int = MAX_BYTES) -> None:
        """Delete the least recently used entries beyond ``limit`` bytes."""
        if self.folder is None or not self.folder.is_dir():
            return
        entries = [(path.stat().st_mtime, path.stat().st_size, path)
                   for path in self.folder.glob("*/*/*") if path.is_file()]
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= limit:
                break
            path.unlink(missing_ok=True)
            total -= size

    def _path(self, kind: str, key: str) -> Path:
        return self.folder / kind / key[:2] / key


def digest(*parts: str | bytes) -> str:
    """One SHA-256 over ``parts``, with this package's code and version mixed in."""
    hasher = hashlib.sha256(code_digest().encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


def folder_digest(folder: Path) -> str:
    """A digest of every file under ``folder``: names and contents."""
    hasher = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            hasher.update(path.relative_to(folder).as_posix().encode() + b"\0")
            hasher.update(path.read_bytes())
    return hasher.hexdigest()


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The package's own source and its typesetter's version: a change to either is a miss."""
    package = Path(__file__).resolve().parents[1]  # the whole handbook package
    hasher = hashlib.sha256(__version__.encode())
    for path in sorted(package.rglob("*.py")):
        hasher.update(path.read_bytes())
    try:
        from importlib.metadata import version
        hasher.update(version("weasyprint").encode() + version("pikepdf").encode())
    except Exception:  # pragma: no cover - running from a source tree without metadata
        pass
    return hasher.hexdigest()
