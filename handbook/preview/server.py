"""The preview's web server: the page, the PDF and change events; nothing else.

It binds to localhost unless told otherwise, answers only ``/``, ``/handbook.pdf``
and ``/events`` (any other path, however encoded, is a 404; there are no
listings), and stops cleanly on Ctrl-C.
"""

from __future__ import annotations

import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from ..errors import HandbookError
from .state import Preview

#: How often an idle event stream says it is still there (so closed tabs are noticed).
KEEP_ALIVE = 15.0


def make_server(preview: Preview, host: str, port: int) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        server_version = "handbook"

        def do_GET(self) -> None:  # noqa: N802 - the http.server convention
            path = urlsplit(self.path).path
            if path == "/":
                self._send(HTTPStatus.OK, "text/html; charset=utf-8",
                           preview.page().encode("utf-8"))
            elif path == "/handbook.pdf":
                self._pdf()
            elif path == "/events":
                self._events()
            else:
                self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"Not found\n")

        def _pdf(self) -> None:
            if preview.snapshot.problems:
                body = "\n".join(preview.snapshot.problems).encode("utf-8")
                self._send(HTTPStatus.CONFLICT, "text/plain; charset=utf-8", body)
                return
            try:
                self._send(HTTPStatus.OK, "application/pdf", preview.pdf())
            except HandbookError as error:
                self._send(HTTPStatus.INTERNAL_SERVER_ERROR, "text/plain; charset=utf-8",
                           str(error).encode("utf-8"))

        def _events(self) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            version = preview.snapshot.version
            try:
                while not stopping.is_set():
                    newer = preview.wait(version, KEEP_ALIVE)
                    if newer > version:
                        version = newer
                        self.wfile.write(f"data: {version}\n\n".encode())
                    else:
                        self.wfile.write(b": still here\n\n")
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                return

        def _send(self, status: HTTPStatus, kind: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *arguments) -> None:  # quiet: the terminal is the author's
            return

    stopping = threading.Event()
    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    server.stopping = stopping
    return server
