"""What WeasyPrint may read while it prints: the project's own files, nothing else.

WeasyPrint follows every URL a document names (stylesheets, fonts, images,
attachments).  Content comes from people, so the handbook hands WeasyPrint a
fetcher that serves ``data:`` URIs and files under a few allowed folders
(the layouts and the protocols folder), after resolving symlinks and ``..``,
and refuses everything else: other files, ``http(s)``, ``ftp``.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse


class FetchRefused(ValueError):
    """A document asked for something outside the sandbox."""


class SandboxFetcher(URLFetcher):
    """Serves ``data:`` URIs and regular files under ``roots``; refuses the rest."""

    def __init__(self, roots: list[Path]):
        super().__init__(allowed_protocols=("file", "data"))
        self.roots = [root.resolve() for root in roots]
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
        if any(path.is_relative_to(root) for root in self.roots):
            return path
        return None
