"""What WeasyPrint may read while it prints: the project's own files, nothing else.

WeasyPrint follows every URL a document names (stylesheets, fonts, images,
attachments).  Content comes from people, so the handbook hands WeasyPrint a
fetcher that serves ``data:`` URIs and files under a few allowed folders
(the layouts and the protocols folder), after resolving symlinks and ``..``,
and refuses everything else: other files, ``http(s)``, ``ftp``.  From the
protocols folder it serves only what a stylesheet loads (images, stylesheets,
fonts), each of a sane size, and an image only once it passed the checks a logo
passes (a small PNG of a billion pixels is refused, not drawn).
"""

from __future__ import annotations

import mimetypes
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

from ..source.images import SUFFIXES as IMAGES
from ..source.images import image_problems

#: What a stylesheet may load from the protocols folder, and how large each may be.
LOADABLE = {**{suffix: 1_000_000 for suffix in (*IMAGES, ".css")},
            **{suffix: 32_000_000 for suffix in (".ttf", ".otf", ".woff", ".woff2")}}


class FetchRefused(ValueError):
    """A document asked for something outside the sandbox."""


class SandboxFetcher(URLFetcher):
    """Serves ``data:`` URIs and regular files under ``roots`` (under ``trusted`` ones as
    they are, under the others only what :data:`LOADABLE` allows); refuses the rest."""

    def __init__(self, roots: list[Path], trusted: tuple[Path, ...] = ()):
        super().__init__(allowed_protocols=("file", "data"))
        self.roots = [root.resolve() for root in roots]
        self.trusted = [root.resolve() for root in trusted]
        self.refused: list[str] = []

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = self._allowed_path(url)
            if path is not None:
                media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(path.as_uri(), body=path.read_bytes(),
                                          headers={"Content-Type": media_type})
        self.refused.append(url)
        raise FetchRefused(f"refused to fetch {url!r}: only the handbook's own files are used")

    def _allowed_path(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return None
        path = Path(unquote(parts.path)).resolve()
        if not path.is_file():
            return None
        if any(path.is_relative_to(root) for root in self.trusted):
            return path
        if any(path.is_relative_to(root) for root in self.roots) and _loadable(path):
            return path
        return None


def _loadable(path: Path) -> bool:
    stat = path.stat()
    return _loadable_version(path, stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=64)
def _loadable_version(path: Path, size: int, modified: int) -> bool:
    """Whether a file of the protocols folder may be loaded, as it is now."""
    suffix = path.suffix.lower()
    if size > LOADABLE.get(suffix, -1):
        return False
    if suffix in IMAGES:
        return not image_problems(path.read_bytes(), path.name, suffix)
    return True
