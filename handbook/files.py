"""Files written whole or not at all, and folders described exactly.

A file is written to a temporary file beside the target, synced, and renamed
over it only when complete, so a failed, interrupted or killed build leaves the
previous file untouched.  The temporary file is locked while it is written; a
lockable one is debris of a writer that died (even by SIGKILL), and the next
writer into the folder removes it, so nothing piles up.

:func:`scan_folder` describes every entry of a folder (names, kinds, link
targets, contents) without ever opening anything but regular files, and says
which entries a build would refuse, so a cache never answers for a folder it
did not check.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import OutputError

#: Temporary files end with this; the lock on them tells a live writer from debris.
PART_SUFFIX = ".part"


def write_atomically(target: Path, data: bytes) -> None:
    """Put ``data`` at ``target`` whole, or raise OutputError and leave ``target`` as it was."""
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"cannot create the folder {folder}: a file of that name is in the way") from None
    except OSError as error:
        raise OutputError(f"cannot create the folder {folder}: {error.strerror}") from None
    if target.is_dir():
        raise OutputError(f"{target} is a folder; give a file name such as {target / 'handbook.pdf'}")
    sweep_debris(folder, f".{target.name}.")
    try:
        write_whole(target, data, prefix=f".{target.name}.", mode=0o666 & ~_umask(), sync=True)
    except OSError as error:
        raise OutputError(f"cannot write {target}: {error.strerror}") from None


def write_whole(target: Path, data: bytes, *, prefix: str, mode: int | None = None,
                sync: bool = False) -> None:
    """Write a locked temporary file beside ``target`` and rename it into place; on any
    failure (a full disk, an interrupt) the temporary file is removed and the error raised."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=prefix, suffix=PART_SUFFIX)
    try:
        with os.fdopen(handle, "wb") as stream:
            fcntl.flock(stream.fileno(), fcntl.LOCK_EX)  # released when the writer ends, however
            stream.write(data)
            stream.flush()
            if sync:
                os.fsync(stream.fileno())
            if mode is not None:
                os.chmod(temporary, mode)
            os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def sweep_debris(folder: Path, prefix: str) -> int:
    """Remove temporary files named ``prefix…`` whose writer is gone; the number removed."""
    removed = 0
    try:
        candidates = [path for path in folder.iterdir()
                      if path.name.startswith(prefix) and path.name.endswith(PART_SUFFIX)]
    except OSError:
        return 0
    for path in candidates:
        try:
            with open(path, "rb") as stream:
                fcntl.flock(stream.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                path.unlink()
                removed += 1
        except OSError:  # still being written, already gone, or not ours to remove
            continue
    return removed


@dataclass(frozen=True)
class FolderScan:
    """A digest of every entry of a folder, and the entries a build would refuse."""

    digest: str
    refused: tuple[str, ...]


def scan_folder(folder: Path, *, skip: tuple[str, ...] = ("__pycache__",)) -> FolderScan:
    """Every entry under ``folder``: its path, kind, link target and (for regular files,
    directly or through a link inside the folder) its contents.  FIFOs, devices, sockets,
    links to folders, and links that leave the folder or lead nowhere are never opened;
    they are listed in ``refused``."""
    root = folder.resolve()
    hasher, refused = hashlib.sha256(), []
    for directory, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if name not in skip)
        for name in sorted(folders + files):
            path = Path(directory, name)
            relative = path.relative_to(folder).as_posix()
            try:
                kind, detail = _describe(path, root)
            except OSError:
                kind, detail = "unreadable", b""
            if kind not in ("file", "folder", "link"):
                refused.append(relative)
            hasher.update(f"{relative}\0{kind}\0".encode() + detail + b"\0")
    return FolderScan(hasher.hexdigest(), tuple(refused))


def _describe(path: Path, root: Path) -> tuple[str, bytes]:
    info = path.lstat()
    if stat.S_ISDIR(info.st_mode):
        return "folder", b""
    if stat.S_ISREG(info.st_mode):
        return "file", _file_digest(path)
    if stat.S_ISLNK(info.st_mode):
        target = os.readlink(path).encode()
        resolved = path.resolve()
        if not resolved.is_relative_to(root):
            return "link out of the folder", target
        if not resolved.exists():
            return "broken link", target
        if not stat.S_ISREG(resolved.stat().st_mode):
            return "link to a special file or folder", target
        return "link", target + b"\0" + _file_digest(resolved)
    return "special file", b""


def _file_digest(path: Path) -> bytes:
    """The SHA-256 of a regular file; never blocks on a FIFO swapped in meanwhile."""
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(handle, "rb") as stream:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise OSError(f"{path} is no longer a regular file")
        return hashlib.file_digest(stream, "sha256").digest()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
