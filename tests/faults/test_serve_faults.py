"""The live preview, attacked as a development server is: a page elsewhere pointing its own
name at 127.0.0.1 (DNS rebinding), a flood of connections or event streams, requests sent
half-way and left, browsers hanging up mid-answer, and ``kill PID``."""

from __future__ import annotations

import signal
import socket
import time
from urllib.parse import urlsplit

import pytest

from handbook.preview.server import MAX_CONNECTIONS, MAX_STREAMS, READ_TIMEOUT, host_allowed
from serving import fetch, start_serve, stop


@pytest.fixture
def served(tmp_path):
    library, url, process = start_serve(tmp_path)
    yield tmp_path, url, process
    stop(process)


def connect(url: str) -> socket.socket:
    parts = urlsplit(url)
    return socket.create_connection((parts.hostname, parts.port), timeout=30)


def request(url: str, path: str, host: str | None = None) -> socket.socket:
    connection = connect(url)
    host = host or urlsplit(url).netloc
    connection.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
    return connection


@pytest.mark.parametrize("header, bound, allowed", [
    ("127.0.0.1:8000", "127.0.0.1", True),
    ("localhost:8000", "127.0.0.1", True),
    ("LOCALHOST.", "127.0.0.1", True),
    ("[::1]:8000", "::1", True),
    ("attacker.example", "127.0.0.1", False),
    ("attacker.example:8000", "127.0.0.1", False),
    ("127.0.0.1.attacker.example", "127.0.0.1", False),
    ("", "127.0.0.1", False),
    ("192.168.1.20:8000", "0.0.0.0", True),       # served to the network: addresses only
    ("preview.attacker.example", "0.0.0.0", False),
    ("clinic-pc.local", "clinic-pc.local", True),  # what --host names
])
def test_only_the_servers_own_names_are_answered(header, bound, allowed):
    assert host_allowed(header, bound) is allowed


def test_a_rebound_name_gets_nothing(served):
    _, url, _ = served
    wait_for_pages(url)
    for path in ("", "handbook.pdf", "events", "pages", "pages/1/1.png", "pages/numbers.json"):
        status, body = fetch(url + path, {"Host": "attacker.example"})
        assert status == 403 and b"<html" not in body.lower() and not body.startswith(b"%PDF")
        assert not body.startswith(b"\x89PNG") and b"protocol-neck-basic" not in body
    assert fetch(url, {"Host": f"localhost:{urlsplit(url).port}"})[0] == 200


def wait_for_pages(url: str) -> None:
    """Until the page view has its first PDF (built in the background after start-up)."""
    deadline = time.monotonic() + 90
    while b'class="status"' not in fetch(url + "pages")[1]:
        assert time.monotonic() < deadline, "no pages were built"
        time.sleep(0.2)


def test_only_pages_the_pdf_has_are_served(served):
    _, url, _ = served
    wait_for_pages(url)
    status, image = fetch(url + "pages/1/15.png")
    assert status == 200 and image.startswith(b"\x89PNG")
    for path in ("pages/1/0.png", "pages/1/16.png", "pages/1/99999.png", "pages/2/1.png",
                 "pages/0/1.png", "pages/1/01.png", "pages/01/1.png", "pages/1/-1.png",
                 "pages/1/1e1.png", "pages/1/%31.png", "pages/1/1.png/", "pages/1/1.PNG",
                 "pages/1/1.pdf", "pages/1/..%2f..%2fhandbook.pdf", "pages/1/" + "9" * 40 + ".png",
                 "pages/1", "pages/1/", "pages/numbers.json/"):
        assert fetch(url + path)[0] == 404, path


def test_a_flood_of_connections_is_answered_busy_and_the_server_goes_on(served):
    _, url, process = served
    idle = [connect(url) for _ in range(MAX_CONNECTIONS)]  # each holds a thread
    time.sleep(0.5)
    extra = connect(url)
    assert extra.recv(200).startswith(b"HTTP/1.1 503")
    extra.close()
    for connection in idle:
        connection.close()
    time.sleep(0.5)
    assert fetch(url)[0] == 200
    assert process.poll() is None


def test_event_streams_are_capped(served):
    _, url, _ = served
    streams = [request(url, "/events") for _ in range(MAX_STREAMS)]
    for stream in streams:
        assert stream.recv(100).startswith(b"HTTP/1.0 200")
    assert fetch(url + "events")[0] == 503
    for stream in streams:
        stream.close()


def test_a_half_sent_request_is_timed_out(served):
    _, url, _ = served
    connection = connect(url)
    connection.sendall(b"GET / HTTP/1.1\r\nHost: loc")
    connection.settimeout(READ_TIMEOUT + 20)
    started = time.perf_counter()
    assert connection.recv(100) == b""  # closed by the server, not left open for ever
    assert time.perf_counter() - started < READ_TIMEOUT + 15


def test_a_browser_hanging_up_is_nothing_to_report(served):
    _, url, process = served
    for _ in range(5):
        connection = request(url, "/handbook.pdf")
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\1\0\0\0\0\0\0\0")
        connection.close()  # a reset, mid-answer
    time.sleep(2)
    process.send_signal(signal.SIGINT)
    process.wait(timeout=30)
    errors = process.stderr.read()
    assert "Traceback" not in errors and "ConnectionResetError" not in errors, errors


def test_kill_stops_the_server_as_ctrl_c_does_and_leaves_no_files(served):
    tmp_path, url, process = served
    assert fetch(url + "handbook.pdf")[0] == 200  # the workers and the scratch folder in use
    process.terminate()
    assert process.wait(timeout=30) == 0
    assert "Stopped." in process.stderr.read()
    assert list((tmp_path / "tmp").iterdir()) == []
