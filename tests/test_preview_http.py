"""The preview's HTTP limits and origin checks, with raw sockets against ``coursec preview``.

The preview runs as the user runs it (a subprocess); after every case its terminal output is
read: an HTTP mistake of a client must never print a traceback. The deadlines below are how
long a test waits for an answer that must come; nothing asserts how fast it came.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest

from coursec.diagnostics import Reporter
from coursec.new import create_course
from coursec.preview import lrs
from coursec.preview.app import Preview, PreviewOptions
from coursec.preview.guard import Guard
from coursec.preview.httpd import LISTEN_BACKLOG, MAX_BODY_BYTES

REPO = Path(__file__).resolve().parent.parent
DEADLINE = 30.0  # for an answer that must come (the server's own limits are a few seconds)


@dataclass
class Served:
    port: int
    log: Path
    seen: int = 0

    def new_output(self) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace")
        new, self.seen = text[self.seen :], len(text)
        return new


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("preview-http")
    course = root / "demo"
    create_course(course, "Demo course", Reporter())
    log = root / "terminal.txt"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "coursec",
                "preview",
                str(course),
                "--port",
                "0",
                "--target",
                "web",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=REPO,
        )
    try:
        end = time.monotonic() + DEADLINE
        port = None
        while port is None and time.monotonic() < end and proc.poll() is None:
            found = re.search(r"at http://127\.0\.0\.1:(\d+)/", log.read_text())
            port = int(found.group(1)) if found else None
            time.sleep(0.05)
        assert port, log.read_text()
        yield Served(port, log)
    finally:
        proc.terminate()
        proc.wait(DEADLINE)


@pytest.fixture
def server(served: Served) -> Iterator[Served]:
    served.new_output()
    yield served
    assert "Traceback" not in served.new_output()


def exchange(port: int, data: bytes, *, keep_sending: bytes = b"") -> tuple[int | None, bytes]:
    """Send ``data``, then ``keep_sending`` a byte a second; the status and all that came back
    until the server closed. ``None`` if the server closed without an answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=DEADLINE) as sock:
        sock.sendall(data)
        got = b""
        if keep_sending:
            sock.settimeout(1.0)
            for byte in keep_sending:
                try:
                    sock.sendall(bytes([byte]))
                    chunk = sock.recv(65536)
                except TimeoutError:
                    continue
                except OSError:
                    break
                if not chunk:
                    break
                got += chunk
            else:
                raise AssertionError("the server kept a dribbling request open")
        sock.settimeout(DEADLINE)
        while True:
            try:
                chunk = sock.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            got += chunk
    found = re.match(rb"HTTP/1\.[01] (\d{3})", got)
    return (int(found.group(1)) if found else None), got


def post(port: int, length: str, body: bytes = b"", kind: str = "application/json") -> bytes:
    return (
        f"POST /_preview/lrs/statements HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Origin: http://127.0.0.1:{port}\r\nContent-Type: {kind}\r\n"
        f"Content-Length: {length}\r\nConnection: close\r\n\r\n"
    ).encode() + body


def get(port: int, path: str, host: str | None = None) -> bytes:
    host = host or f"127.0.0.1:{port}"
    return f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode()


# --- Content-Length and bodies ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("length", "expected"),
    [
        ("abc", 400),
        ("-1", 400),
        ("+5", 400),
        ("1e3", 400),
        ("100000000000", 413),
        ("9" * 5000, 413),
        (str(MAX_BODY_BYTES + 1), 413),
    ],
)
def test_bad_or_huge_content_length(server: Served, length: str, expected: int) -> None:
    status, reply = exchange(server.port, post(server.port, length))
    assert status == expected, reply[:300]


def test_two_different_lengths_and_chunked_bodies_are_refused(server: Served) -> None:
    two = post(server.port, "2").replace(b"Connection:", b"Content-Length: 3\r\nConnection:")
    assert exchange(server.port, two + b"[]")[0] == 400
    chunked = post(server.port, "2").replace(b"Content-Length: 2", b"Transfer-Encoding: chunked")
    assert exchange(server.port, chunked + b"2\r\n[]\r\n0\r\n\r\n")[0] == 411


def test_a_short_body_times_out_and_frees_the_connection(server: Served) -> None:
    status, reply = exchange(server.port, post(server.port, "100", b"[]"))
    assert status == 408, reply[:300]  # and the server closed the connection (exchange ended)


def test_a_dribbling_request_is_dropped(server: Served) -> None:
    start = f"GET /_preview/info HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n".encode()
    dribble = b"X-Slow: " + b"a" * int(DEADLINE)
    assert exchange(server.port, start, keep_sending=dribble)[0] in (None, 408)


def test_an_oversized_body_is_answered_413_unread(server: Served) -> None:
    body = b"[" + b" " * (MAX_BODY_BYTES + 1) + b"]"
    with socket.create_connection(("127.0.0.1", server.port), timeout=DEADLINE) as sock:
        sock.sendall(post(server.port, str(len(body))) + body[:65536])
        reply = sock.recv(65536)
    assert reply.startswith(b"HTTP/1.1 413"), reply[:300]


def test_a_good_request_still_works(server: Served) -> None:
    statement = json.dumps({"verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"}})
    status, reply = exchange(
        server.port, post(server.port, str(len(statement)), statement.encode())
    )
    assert status == 200 and reply.endswith(b'"]'), reply[:300]
    assert b"Cross-Origin-Resource-Policy: same-origin" in reply


# --- Host and Origin ------------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "[::1]:{port}"])
def test_the_preview_answers_its_own_names(server: Served, host: str) -> None:
    assert (
        exchange(server.port, get(server.port, "/_preview/info", host.format(port=server.port)))[0]
        == 200
    )


@pytest.mark.parametrize(
    "host", ["evil.example:{port}", "127.0.0.1:1", "127.0.0.1", "127.0.0.1.evil.example:{port}"]
)
def test_a_rebinding_host_is_refused(server: Served, host: str) -> None:
    for path in (
        "/_preview/status",
        "/_preview/lrs/statements",
        "/",
        "/pkg/en-US/web/1/index.html",
    ):
        status, reply = exchange(server.port, get(server.port, path, host.format(port=server.port)))
        assert status == 403, (path, reply[:300])
        assert b"diagnostics" not in reply and b"statements" not in reply


def test_no_host_is_refused(server: Served) -> None:
    assert (
        exchange(server.port, b"GET /_preview/info HTTP/1.1\r\nConnection: close\r\n\r\n")[0] == 400
    )


@pytest.mark.parametrize(
    ("origin", "kind", "expected"),
    [
        ("http://evil.example", "text/plain", 403),
        ("null", "application/json", 403),
        (None, "application/json", 403),
        ("http://127.0.0.1:{port}", "text/plain", 415),
        ("http://127.0.0.1:{port}", "application/x-www-form-urlencoded", 415),
        ("http://localhost:{port}", "application/json; charset=utf-8", 200),
    ],
)
def test_writes_need_the_preview_origin_and_json(
    server: Served, origin: str | None, kind: str, expected: int
) -> None:
    body = b'{"verb": {"id": "x"}}'
    request = post(server.port, str(len(body)), body, kind)
    own = f"Origin: http://127.0.0.1:{server.port}\r\n".encode()
    request = request.replace(
        own, f"Origin: {origin.format(port=server.port)}\r\n".encode() if origin else b""
    )
    assert exchange(server.port, request)[0] == expected


def test_guard_on_browser_fetch_metadata() -> None:
    guard = Guard(8000)

    def headers(**values: str) -> Message:
        message = Message()
        message["Host"] = "127.0.0.1:8000"
        for name, value in values.items():
            message[name.replace("_", "-")] = value
        return message

    link = headers(Sec_Fetch_Site="cross-site", Sec_Fetch_Mode="navigate")
    assert guard.refusal("GET", link) is None  # a link to the panel opens it
    embedded = headers(Sec_Fetch_Site="cross-site", Sec_Fetch_Mode="no-cors")
    assert getattr(guard.refusal("GET", embedded), "status", None) == 403
    other_port = headers(Sec_Fetch_Site="same-site", Sec_Fetch_Mode="cors")
    assert getattr(guard.refusal("GET", other_port), "status", None) == 403
    assert guard.refusal("GET", headers(Sec_Fetch_Site="same-origin")) is None


# --- the live-reload channel (its events carry the patched pages' HTML) ----------------------


LIVE_PATHS = ("/_preview/events", "/_preview/static/patch.js", "/_preview/static/hook.js")


@pytest.mark.parametrize("host", ["evil.example:{port}", "127.0.0.1.evil.example:{port}"])
def test_the_live_reload_channel_refuses_a_rebinding_host(server: Served, host: str) -> None:
    for path in LIVE_PATHS:
        status, reply = exchange(server.port, get(server.port, path, host.format(port=server.port)))
        assert status == 403, (path, reply[:300])
        assert b"text/event-stream" not in reply and b"data:" not in reply
        assert b"coursecPatch" not in reply and b"coursecPreview" not in reply


@pytest.mark.parametrize("site", ["cross-site", "same-site"])
def test_the_live_reload_channel_refuses_other_sites(server: Served, site: str) -> None:
    for path in LIVE_PATHS:
        # what an EventSource / fetch / script tag of another site's page sends
        for mode in ("cors", "no-cors"):
            request = get(server.port, path).replace(
                b"Connection:",
                f"Sec-Fetch-Site: {site}\r\nSec-Fetch-Mode: {mode}\r\nConnection:".encode(),
            )
            status, reply = exchange(server.port, request)
            assert status == 403 and b"data:" not in reply, (path, mode, reply[:300])


def test_the_live_reload_channel_takes_no_writes(server: Served) -> None:
    for origin, expected in (
        (f"http://127.0.0.1:{server.port}", 405),
        ("http://evil.example", 403),
    ):
        request = (
            post(server.port, "2", b"{}")
            .replace(b"/_preview/lrs/statements", b"/_preview/events")
            .replace(
                f"Origin: http://127.0.0.1:{server.port}".encode(), f"Origin: {origin}".encode()
            )
        )
        assert exchange(server.port, request)[0] == expected


def test_a_patch_reaches_only_the_preview_s_own_pages(server: Served) -> None:
    path = server.log.parent / "demo" / "lessons" / "01-welcome.md"
    text = path.read_text(encoding="utf-8")
    rebinding = get(server.port, "/_preview/events", f"evil.example:{server.port}")
    with socket.create_connection(("127.0.0.1", server.port), timeout=DEADLINE) as sock:
        sock.sendall(get(server.port, "/_preview/events"))
        stream = b""
        while b": connected" not in stream:
            stream += sock.recv(65536)
        assert stream.startswith(b"HTTP/1.1 200") and b"text/event-stream" in stream
        try:
            path.write_text(text.replace("This is the first page", "This is page one", 1), "utf-8")
            while not re.search(rb"data: .*\n\n", stream):
                chunk = sock.recv(65536)
                assert chunk, stream[-300:]
                stream += chunk
            status, refused = exchange(server.port, rebinding)  # the same moment, another name
        finally:
            path.write_text(text, encoding="utf-8")
    event = json.loads(stream.split(b"data: ", 1)[1].split(b"\n\n", 1)[0])
    [patch] = event["patches"].values()
    assert "This is page one" in json.dumps(patch["pages"])
    assert status == 403 and b"This is page one" not in refused and b"data:" not in refused


# --- concurrency and the listen backlog ----------------------------------------------------------


def test_200_concurrent_requests_are_all_answered(tmp_path: Path) -> None:
    """120 connections wait in the listen queue before the server accepts anything (a backlog
    of 5 drops all but 6), then 80 more arrive while it serves: every one gets its answer."""
    course = tmp_path / "demo"
    create_course(course, "Demo course", Reporter())
    app = Preview(PreviewOptions(course_dir=course, target="web", port=0), out=io.StringIO())
    port = app.server.server_address[1]
    queued: list[socket.socket] = []
    answers: list[int | None] = []
    try:
        assert LISTEN_BACKLOG >= 120
        for _ in range(120):  # a handshake in the queue is the kernel's: instant on loopback
            with contextlib.suppress(OSError):  # a full listen queue drops the connection
                queued.append(socket.create_connection(("127.0.0.1", port), timeout=0.5))
        app.server.start()

        def ask(sock: socket.socket | None) -> None:
            try:
                sock = sock or socket.create_connection(("127.0.0.1", port), timeout=DEADLINE)
                with sock:
                    sock.settimeout(DEADLINE)
                    sock.sendall(get(port, "/_preview/info"))
                    reply = b""
                    while chunk := sock.recv(65536):
                        reply += chunk
                found = re.match(rb"HTTP/1\.1 (\d{3})", reply)
                answers.append(int(found.group(1)) if found else None)
            except OSError:
                answers.append(None)

        threads = [threading.Thread(target=ask, args=(s,)) for s in queued]
        threads += [threading.Thread(target=ask, args=(None,)) for _ in range(200 - len(queued))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(DEADLINE * 2)
    finally:
        app.stop()
    assert len(queued) == 120, f"only {len(queued)} of 120 connections fit the listen queue"
    assert len(answers) == 200 and answers.count(200) == 200, answers


# --- the statement store --------------------------------------------------------------------------


def test_the_statement_store_is_bounded_oldest_first() -> None:
    notices: list[str] = []
    sink = lrs.StatementSink(notice=notices.append)
    batch = [{"id": f"s{i}", "verb": {"id": "x"}} for i in range(lrs.MAX_STATEMENTS + 5)]
    assert sink.handle("POST", "statements", {}, json.dumps(batch).encode())[0] == 200
    assert len(sink.statements) == lrs.MAX_STATEMENTS
    assert sink.statements[0]["id"] == "s5" and sink.statements[-1]["id"] == batch[-1]["id"]
    assert sink.dropped == 5 and len(notices) == 1 and "dropped" in notices[0]
    big = "a" * (3 * 1024 * 1024)
    for i in range(8):
        body = json.dumps({"id": f"big{i}", "verb": {"id": "x"}, "pad": big}).encode()
        sink.handle("POST", "statements", {}, body)
    assert sink.statement_bytes <= lrs.MAX_STATEMENT_BYTES
    assert sink.statements[-1]["id"] == "big7" and sink.statements[0]["id"].startswith("big")
    assert len(notices) == 1  # said once
    # a dropped statement may be sent again (its id is forgotten with it)
    sink.handle("POST", "statements", {}, json.dumps({"id": "s5", "verb": {"id": "x"}}).encode())
    assert sink.statements[-1]["id"] == "s5"


def test_the_state_documents_are_bounded_least_recently_written_first() -> None:
    sink = lrs.StatementSink()

    def put(state: str, body: bytes) -> None:
        query = {"stateId": state, "activityId": "a", "agent": "{}", "registration": "r"}
        assert sink.handle("PUT", "activities/state", query, body)[0] == 204

    for i in range(lrs.MAX_DOCUMENTS + 3):
        put(f"s{i}", b'{"n": 1}')
    put("s0", b'{"n": 2}')  # written again: now the newest
    assert len(sink.documents) == lrs.MAX_DOCUMENTS
    kept = [key[0] for key in sink.documents]
    assert kept[-1] == "s0" and "s1" not in kept and "s3" not in kept and kept[0] == "s4"
    for i in range(6):
        put(f"big{i}", b"x" * (4 * 1024 * 1024))
    assert sink.document_bytes <= lrs.MAX_DOCUMENT_BYTES
    assert sink.document_bytes == sum(len(doc) for doc in sink.documents.values())


def test_connections_over_the_cap_get_503(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from coursec.preview import httpd

    monkeypatch.setattr(httpd, "MAX_CONNECTIONS", 2)
    course = tmp_path / "demo"
    create_course(course, "Demo course", Reporter())
    app = Preview(PreviewOptions(course_dir=course, target="web", port=0), out=io.StringIO())
    port = app.server.server_address[1]
    app.server.start()
    streams = []
    try:
        for _ in range(2):  # two event streams hold their connections open
            sock = socket.create_connection(("127.0.0.1", port), timeout=DEADLINE)
            sock.sendall(get(port, "/_preview/events"))
            assert sock.recv(65536).startswith(b"HTTP/1.1 200")
            streams.append(sock)
        assert exchange(port, get(port, "/_preview/info"))[0] == 503
        streams.pop().close()
        end = time.monotonic() + DEADLINE
        while exchange(port, get(port, "/_preview/info"))[0] != 200:
            assert time.monotonic() < end, "a freed connection slot was never reused"
            time.sleep(0.05)
    finally:
        for sock in streams:
            sock.close()
        app.stop()
