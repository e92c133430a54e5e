"""A library as it was at a git revision, for ``handbook changes`` and ``build --previous``.

``HEAD~1:protocols``, ``v1.0:protocols`` or ``main:protocols-ru`` name a folder as git
holds it at that revision (the path relative to where the command runs, as git reads
it).  The folder is taken out of git with ``git archive`` into the run's scratch folder
(removed when the run ends) and read like any other library: nothing in it can reach
outside that copy (the archive is unpacked with tarfile's "data" filter).
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from pathlib import Path

from ..errors import UsageError


def library_at(spec: str) -> Path:
    """The folder ``spec`` names: an existing folder as it is, or ``REVISION:PATH`` taken
    out of git; a UsageError saying why not otherwise."""
    folder = Path(spec)
    if folder.is_dir() or ":" not in spec:
        if not folder.is_dir():
            raise UsageError(f"{spec!r} is not a folder; give a protocols folder, or a git "
                             "revision and a folder in it, such as HEAD~1:protocols")
        return folder
    revision, _, path = spec.partition(":")
    path = path.strip("/") or "."
    try:
        prefix = _git("rev-parse", "--show-prefix").decode().strip()
    except UsageError as error:
        raise UsageError(f"cannot read {spec!r}: this is not a git checkout ({error})") from None
    try:
        commit = _git("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").decode()
    except UsageError:
        raise UsageError(f"cannot read {spec!r}: git has no revision {revision!r}") from None
    try:
        archive = _git("archive", "--format=tar", commit.strip(), "--", path)
    except UsageError as error:
        raise UsageError(f"cannot read {spec!r} from git: {error}") from None
    target = Path(tempfile.mkdtemp(prefix="library-", dir=tempfile.gettempdir()))
    with tarfile.open(fileobj=io.BytesIO(archive)) as bundle:
        bundle.extractall(target, filter="data")
    found = target / prefix / path
    if not found.is_dir():
        raise UsageError(f"{path!r} is not a folder at {revision}")
    return found


def _git(*arguments: str) -> bytes:
    try:
        completed = subprocess.run(["git", *arguments], capture_output=True, timeout=60,
                                   check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise UsageError(f"git could not be run ({error})") from None
    if completed.returncode != 0:
        message = completed.stderr.decode(errors="replace").strip().splitlines()
        raise UsageError(message[-1] if message else "git refused")
    return completed.stdout
