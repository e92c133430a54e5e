"""A content-addressed cache of typeset units and finished handbooks.

Everything is keyed on what went in (the HTML and stylesheet of a unit, or
every input file of a whole build), the package's own code and the version
of WeasyPrint, so an entry can never be stale: a changed input is simply a
different key.  The cache lives in one folder, ``$HANDBOOK_CACHE`` or
``$XDG_CACHE_HOME/handbook`` (``~/.cache/handbook``), and may be deleted at
any time.  Entries are JSON plus raw bytes, never pickles, so a cache folder
someone else can write to cannot run code.

A cache may be slow, never wrong: every entry carries the SHA-256 of its key
and its bytes, checked on every read, so an entry that was damaged, cut short,
or copied from another key is a miss, and is removed.  A cache folder that
cannot be created, read or written makes a build slower, never a failure.

This module is imported on the fast path of an unchanged rebuild, before
anything heavy; keep its imports to the standard library.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .. import __version__
from ..files import PART_SUFFIX, scan_folder, sweep_debris, write_whole

#: Oldest entries go first once the folder holds more than this.
MAX_BYTES = 500_000_000
_MAGIC = b"handbook-cache 2\n"
_CHECK_LENGTH = 64  # the SHA-256 in hex, then a line break


def default_folder() -> Path:
    if os.environ.get("HANDBOOK_CACHE"):
        return Path(os.environ["HANDBOOK_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "handbook"


@dataclass
class Cache:
    """Entries of (metadata, bytes) by key; ``None`` folder means caching is off."""

    folder: Path | None
    #: Entries found damaged (and removed) since this cache was opened.
    damaged: int = field(default=0, compare=False)

    def get(self, kind: str, key: str) -> tuple[dict, bytes] | None:
        if self.folder is None:
            return None
        path = self._path(kind, key)
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        entry = _unpack(raw, key)
        if entry is None:
            self.discard(kind, key)
            return None
        try:
            os.utime(path)  # recently used: pruned last
        except OSError:
            pass
        return entry

    def discard(self, kind: str, key: str) -> None:
        """Remove an entry that turned out to be unusable: damaged, foreign or malformed."""
        self.damaged += 1
        try:
            self._path(kind, key).unlink(missing_ok=True)
        except OSError:
            pass

    def put(self, kind: str, key: str, metadata: dict, data: bytes) -> None:
        if self.folder is None:
            return
        path = self._path(kind, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_whole(path, _pack(key, metadata, data), prefix=".")
        except OSError:
            return  # a cache that cannot be written is only a slower build

    def prune(self, limit: int = MAX_BYTES) -> None:
        """Delete the least recently used entries beyond ``limit`` bytes, and the debris of
        writers that died; entries vanishing meanwhile (another build pruning) are fine."""
        if self.folder is None:
            return
        entries = []
        try:
            shards = [shard for kind in self.folder.iterdir() if kind.is_dir()
                      for shard in kind.iterdir() if shard.is_dir()]
        except OSError:
            return
        for shard in shards:
            sweep_debris(shard, ".")
            try:
                for path in shard.iterdir():
                    if not path.name.endswith(PART_SUFFIX):
                        info = path.stat()
                        entries.append((info.st_mtime, info.st_size, path))
            except OSError:
                continue
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= limit:
                break
            try:
                path.unlink(missing_ok=True)
            except OSError:
                continue
            total -= size

    def _path(self, kind: str, key: str) -> Path:
        return self.folder / kind / key[:2] / key


def _pack(key: str, metadata: dict, data: bytes) -> bytes:
    body = json.dumps(metadata, sort_keys=True).encode() + b"\n" + data
    check = hashlib.sha256(key.encode() + b"\0" + body).hexdigest().encode()
    return _MAGIC + check + b"\n" + body


def _unpack(raw: bytes, key: str) -> tuple[dict, bytes] | None:
    """The entry's metadata and bytes, or None unless it is whole and written for ``key``."""
    if not raw.startswith(_MAGIC):
        return None
    check = raw[len(_MAGIC):len(_MAGIC) + _CHECK_LENGTH]
    body = raw[len(_MAGIC) + _CHECK_LENGTH + 1:]
    if hashlib.sha256(key.encode() + b"\0" + body).hexdigest().encode() != check:
        return None
    header, _, data = body.partition(b"\n")
    try:
        metadata = json.loads(header)
    except ValueError:
        return None
    return (metadata, data) if isinstance(metadata, dict) else None


def digest(*parts: str | bytes) -> str:
    """One SHA-256 over ``parts``, with this package's code and version mixed in."""
    hasher = hashlib.sha256(code_digest().encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


def folder_digest(folder: Path) -> str:
    """A digest of every entry under ``folder`` (see :func:`handbook.files.scan_folder`)."""
    return scan_folder(folder).digest


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
