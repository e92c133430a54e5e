"""The preview's web server: the two views, the PDF and change events; nothing else.

It binds to localhost unless told otherwise, answers only ``/`` (the fast HTML view),
``/pages`` (the page view), ``/pages/BUILD/N.png`` (page N of the PDF the page view
shows, built BUILDth: both plain decimal numbers, N one of its pages, BUILD the one shown),
``/pages/numbers.json`` (the page of every anchor, for the contents), ``/handbook.pdf``
and ``/events`` (any other path, however encoded, is a 404; there are no
listings), and stops cleanly on Ctrl-C.  It is a development server on the
author's machine, so it is guarded as the well-kept ones are:

* it answers only requests addressed to its own name (``Host: localhost``,
  ``127.0.0.1``, ``[::1]`` or what ``--host`` names): a web page elsewhere cannot
  reach it by pointing a name of its own at 127.0.0.1 (DNS rebinding);
* it holds at most :data:`MAX_CONNECTIONS` connections and :data:`MAX_STREAMS`
  event streams at once, answering the rest with 503, so a flood cannot exhaust
  its threads;
* a connection that sends nothing for :data:`READ_TIMEOUT` seconds is closed;
* a browser hanging up mid-answer is nothing to report.
"""

from __future__ import annotations

import ipaddress
import json
import re
import socket
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from ..errors import HandbookError
from .state import Preview

#: How often an idle event stream says it is still there (so closed tabs are noticed).
KEEP_ALIVE = 15.0
#: Connections served at once, event streams among them; the rest get 503.
MAX_CONNECTIONS, MAX_STREAMS = 32, 8
#: Seconds a connection may keep a request half-sent.
READ_TIMEOUT = 10.0
#: The names of this machine a browser uses for localhost.
LOCAL_NAMES = {"localhost", "127.0.0.1", "::1"}
_BUSY = (b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
         b"Content-Length: 30\r\nRetry-After: 1\r\nConnection: close\r\n\r\n"
         b"Too many connections; retry.\r\n")
#: A page's image: the build it is of and its number, plain decimals without a leading 0.
PAGE_IMAGE = re.compile(r"/pages/([1-9][0-9]{0,8})/([1-9][0-9]{0,5})\.png")


def host_allowed(header: str | None, bound: str) -> bool:
    """Whether a request's Host header names this server: a local name, the address it was
    bound to, or (bound to every address) any address literal, never another name."""
    if not header:
        return False
    name = urlsplit(f"//{header.strip()}").hostname
    if name is None:
        return False
    name = name.lower().rstrip(".")
    if name in LOCAL_NAMES or name == bound.lower().strip("[]"):
        return True
    if bound in ("0.0.0.0", "::", ""):
        try:
            ipaddress.ip_address(name)
        except ValueError:
            return False
        return True
    return False


class PreviewServer(ThreadingHTTPServer):
    """A thread per connection, up to :data:`MAX_CONNECTIONS`; quiet about clients that go."""

    daemon_threads = True

    def __init__(self, address, handler, bound: str):
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        super().__init__(address, handler)
        self.bound = bound
        self.stopping = threading.Event()
        self.connections = threading.BoundedSemaphore(MAX_CONNECTIONS)
        self.streams = threading.BoundedSemaphore(MAX_STREAMS)

    def process_request(self, request, client_address) -> None:
        if not self.connections.acquire(blocking=False):
            _refuse(request)
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except Exception:  # noqa: BLE001 - no thread to be had: answer busy
            self.connections.release()
            _refuse(request)
            self.shutdown_request(request)

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.connections.release()

    def handle_error(self, request, client_address) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError, socket.timeout)):
            return  # the browser went away, or sent nothing in time
        print(f"error: the preview could not answer a request: {error}", file=sys.stderr)


def _refuse(request) -> None:
    try:
        request.settimeout(1.0)
        request.sendall(_BUSY)
    except OSError:
        pass


def make_server(preview: Preview, host: str, port: int) -> PreviewServer:
    class Handler(BaseHTTPRequestHandler):
        server_version = "handbook"
        timeout = READ_TIMEOUT  # a half-sent request is closed, not kept for ever

        def do_GET(self) -> None:  # noqa: N802 - the http.server convention
            if not host_allowed(self.headers.get("Host"), self.server.bound):
                self._send(HTTPStatus.FORBIDDEN, "text/plain; charset=utf-8",
                           b"This preview answers only requests to its own address.\n")
                return
            path = urlsplit(self.path).path
            if path == "/":
                self._send(HTTPStatus.OK, "text/html; charset=utf-8",
                           preview.page().encode("utf-8"))
            elif path == "/pages":
                self._send(HTTPStatus.OK, "text/html; charset=utf-8",
                           preview.pages().encode("utf-8"))
            elif path == "/pages/numbers.json":
                self._send(HTTPStatus.OK, "application/json",
                           json.dumps(preview.printer.printed.numbers).encode("utf-8"))
            elif (image := PAGE_IMAGE.fullmatch(path)) is not None:
                self._page_image(int(image[1]), int(image[2]))
            elif path == "/handbook.pdf":
                self._pdf()
            elif path == "/events":
                self._events()
            else:
                self._not_found()

        def _not_found(self) -> None:
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"Not found\n")

        def _page_image(self, build: int, number: int) -> None:
            """A page of the PDF the page view shows; any other build or page is a 404."""
            printed = preview.printer.printed
            if printed.pdf is None or build != printed.build:
                self._not_found()
                return
            try:
                image = printed.pdf.png(number)
            except IndexError:
                self._not_found()
                return
            self._send(HTTPStatus.OK, "image/png", image)

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
            if not self.server.streams.acquire(blocking=False):
                self._send(HTTPStatus.SERVICE_UNAVAILABLE, "text/plain; charset=utf-8",
                           b"Too many open previews; close a tab.\n")
                return
            try:
                self._stream()
            finally:
                self.server.streams.release()

        def _stream(self) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            seen = preview.versions()
            try:  # first what the browser's page may be behind
                self.wfile.write(f"event: versions\ndata: {seen[0]} {seen[1]}\n\n".encode())
                self.wfile.flush()
                while not self.server.stopping.is_set():
                    newer = preview.wait(seen, KEEP_ALIVE)
                    if newer == seen:
                        self.wfile.write(b": still here\n\n")
                    if newer[0] > seen[0]:  # the HTML: an unnamed event, which reloads it
                        self.wfile.write(f"data: {newer[0]}\n\n".encode())
                    if newer[1] > seen[1]:  # the pages: the page view and the contents
                        self.wfile.write(f"event: pages\ndata: {newer[1]}\n\n".encode())
                    seen = newer
                    self.wfile.flush()
            except (ConnectionError, TimeoutError):
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

    return PreviewServer((host, port), Handler, host)
