"""The preview's HTTP transport: the standard library's threading server, with every limit set.

Why not a WSGI/ASGI server: the preview holds one long-lived server-sent-events stream per open
panel and builds synchronously, which a thread per connection fits; a fixed worker pool would
be exhausted by open panels, and an event loop would need the builder rewritten. So the
standard library's ``ThreadingHTTPServer`` is hardened here instead:

- a listen backlog of ``LISTEN_BACKLOG`` and at most ``MAX_CONNECTIONS`` connections at once
  (one more is answered 503 and closed), each handled by a daemon thread;
- a request (its line, headers and body, and the idle wait of a kept-alive connection before
  it) must arrive within ``REQUEST_SECONDS``, or its connection is shut for reading: a client
  that announces more body than it sends gets 408, a dribbling one is dropped (a watchdog
  thread keeps the deadlines; no thread waits on a client for longer);
- every socket read or write times out after ``SOCKET_SECONDS``;
- ``Content-Length`` must be digits: anything else (``abc``, ``-1``, two different values) is
  400, chunked bodies are 411, a body over ``MAX_BODY_BYTES`` is 413 and is never read;
- a client that leaves mid-way ends its handler quietly (no traceback on the terminal).

In:  a handler class derived from ``LimitedHandler`` and the port on 127.0.0.1.
Out: ``LimitedServer`` (``ThreadingHTTPServer``); ``LimitedHandler.read_body()`` -> the body, or
     None once the refusal has been sent; ``LimitedHandler.reply()`` sends a response.
Reported: nothing; refusals go back to the client.
"""

from __future__ import annotations

import contextlib
import re
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from coursec.preview.guard import SAFE_HEADERS

LISTEN_BACKLOG = 128
MAX_CONNECTIONS = 512
REQUEST_SECONDS = 5.0
SOCKET_SECONDS = 15.0
MAX_BODY_BYTES = 4 * 1024 * 1024
#: after a refusal with the body unread: read (and drop) at most this much, this long, so that
#: the client gets the answer instead of a connection reset
LINGER_BYTES = 1024 * 1024
LINGER_SECONDS = 1.0
_DIGITS = re.compile(r"[0-9]+")
_QUIET_ERRORS = (ConnectionError, TimeoutError)


class Deadlines:
    """Connections that must finish their request by a time; a thread shuts the late ones."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._due: dict[socket.socket, float] = {}
        self._expired: set[socket.socket] = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="coursec-deadlines", daemon=True)
        self._thread.start()

    def arm(self, sock: socket.socket, seconds: float) -> None:
        with self._lock:
            self._due[sock] = time.monotonic() + seconds
            self._expired.discard(sock)

    def disarm(self, sock: socket.socket) -> bool:
        """Forget ``sock``; True if its deadline had passed (its reading side is shut)."""
        with self._lock:
            self._due.pop(sock, None)
            expired = sock in self._expired
            self._expired.discard(sock)
            return expired

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)

    def _watch(self) -> None:
        while not self._stop.wait(0.1):
            now = time.monotonic()
            with self._lock:
                late = [sock for sock, due in self._due.items() if due <= now]
                for sock in late:
                    del self._due[sock]
                    self._expired.add(sock)
                    with contextlib.suppress(OSError):
                        sock.shutdown(socket.SHUT_RD)


class LimitedServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = LISTEN_BACKLOG

    def __init__(self, port: int, handler: type[LimitedHandler]) -> None:
        self.deadlines = Deadlines()
        self._slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        try:
            super().__init__(("127.0.0.1", port), handler)
        except OSError:
            self.deadlines.stop()
            raise

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            with contextlib.suppress(OSError):
                request.sendall(
                    b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n"
                    b"Connection: close\r\n\r\n"
                )
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], _QUIET_ERRORS):
            return  # the client left or stalled: nothing to report
        super().handle_error(request, client_address)

    def server_close(self) -> None:
        super().server_close()
        self.deadlines.stop()


class LimitedHandler(BaseHTTPRequestHandler):
    server: LimitedServer
    protocol_version = "HTTP/1.1"
    timeout = SOCKET_SECONDS
    _unread_body = False

    def log_message(self, format: str, *args: Any) -> None:  # quiet: the terminal is for builds
        return

    def handle_one_request(self) -> None:
        self._unread_body = False
        self.server.deadlines.arm(self.connection, REQUEST_SECONDS)
        try:
            super().handle_one_request()
        finally:
            self.server.deadlines.disarm(self.connection)

    def request_arrived(self) -> bool:
        """Call before the work of a request: stops its deadline; False if it came too late."""
        if self.server.deadlines.disarm(self.connection):
            self.close_connection = True
            return False
        return True

    def read_body(self) -> bytes | None:
        """The request's body, or None when a refusal (400/408/411/413) has been sent."""
        if self.headers.get("Transfer-Encoding"):
            self.refuse(411, "send the body with a Content-Length")
            return None
        values = {v.strip() for v in self.headers.get_all("Content-Length") or []}
        if not values:
            return b"" if self.request_arrived() else None
        value = values.pop()
        if values or not _DIGITS.fullmatch(value):
            self.refuse(400, "Content-Length must be one number of bytes")
            return None
        if len(value) > len(str(MAX_BODY_BYTES)) or int(value) > MAX_BODY_BYTES:
            self.refuse(413, f"the preview takes bodies of at most {MAX_BODY_BYTES} bytes")
            return None
        length = int(value)
        try:
            body = self.rfile.read(length)
        except (TimeoutError, OSError):
            body = b""
        if not self.request_arrived() or len(body) < length:
            self.close_connection = True
            self.reply(408, b"the body did not arrive in time", "text/plain")
            return None
        return body

    def refuse(self, status: int, reason: str) -> None:
        """Answer ``status`` and close; a body not read yet is dropped, not waited for."""
        self.request_arrived()
        if self.command not in ("GET", "HEAD") or self.headers.get("Content-Length"):
            self._unread_body = True
        self.close_connection = True
        self.reply(status, reason.encode("utf-8"), "text/plain; charset=utf-8")

    def reply(
        self, status: int, body: bytes, kind: str, extra: tuple[tuple[str, str], ...] = ()
    ) -> None:
        self.send_response(status)
        for name, value in (*SAFE_HEADERS, *extra):
            self.send_header(name, value)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def finish(self) -> None:
        super().finish()
        if self._unread_body:
            _linger(self.connection)


def _linger(sock: socket.socket) -> None:
    """Shut the writing side, then drop what the client still sends for a moment."""
    try:
        sock.shutdown(socket.SHUT_WR)
        end = time.monotonic() + LINGER_SECONDS
        left = LINGER_BYTES
        while left > 0 and (remaining := end - time.monotonic()) > 0:
            sock.settimeout(remaining)
            chunk = sock.recv(min(left, 65536))
            if not chunk:
                break
            left -= len(chunk)
    except OSError:
        pass
