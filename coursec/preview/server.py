"""The preview's HTTP server on 127.0.0.1: the LMS panel, the packages in memory, live events.

In:  a ``Builder`` (``coursec.preview.incremental``), an ``Events`` hub, the course's region and
     target choices, and the path of scorm-again (or None).
Out: ``PreviewServer`` serves
     - ``/``: the LMS panel (``static/panel.html``; its script and style under ``/_preview/``);
     - ``/_preview/scorm-again.js``: the SCORM runtime the panel hosts the SCO with;
     - ``/_preview/info``: the course, its regions and targets, the suspend_data limits;
     - ``/_preview/status?region=R&target=T``: builds that pair if the source changed and says
       how it went (diagnostics with file:line:col and their formatted snippet, timings, the
       launch URL of the last good build, the scenarios and their graph URLs);
     - ``/pkg/<region>/<target>/<generation>/<file>``: a file of the last good build (the
       generation is only there so that the browser never serves a stale copy); its
       ``index.html`` gets one script tag, ``HOOK_TAG`` (``static/hook.js``), for the patches;
     - ``/_preview/graph/<region>/<target>/<scenario>.svg``: the scenario's graph;
     - ``/_preview/events``: server-sent events, one per rebuild (and one per statement batch);
       a rebuild's event carries, per (region, target), the page patch of
       ``coursec.preview.repaint`` or why the SCO relaunches (``coursec.preview.app``);
     - ``/_preview/lrs/...``: the local statement sink for xapi and cmi5 (``coursec.preview.lrs``).
Every request first passes the Host/Origin checks of ``coursec.preview.guard`` and the limits
of ``coursec.preview.httpd`` (body size, deadlines, connections).
Reported: nothing (build diagnostics travel in ``/_preview/status``); HTTP errors are 4xx/500.
"""

from __future__ import annotations

import json
import mimetypes
import selectors
import socket
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from lxml import etree

from coursec import graph
from coursec.check.limits import SUSPEND_LIMITS
from coursec.content import ContentMap, content_bytes
from coursec.diagnostics import Diagnostic, format_diagnostic
from coursec.preview.guard import SAFE_HEADERS, Guard
from coursec.preview.httpd import LimitedHandler, LimitedServer
from coursec.preview.incremental import Builder
from coursec.preview.lrs import StatementSink
from coursec.preview.scormagain import INSTALL_HINT
from coursec.targets import TARGET_NAMES, get_target

STATIC = Path(__file__).resolve().parent / "static"
STATIC_FILES = {
    "panel.js": "text/javascript",
    "panel.css": "text/css",
    "patch.js": "text/javascript",
    "hook.js": "text/javascript",
    "launch.js": "text/javascript",
}
#: put before ``</head>`` of a package's ``index.html`` as the preview serves it (only there):
#: it keeps the course data the player starts with, for ``static/patch.js``
HOOK_TAG = b'<script src="/_preview/static/hook.js"></script>'
KEEPALIVE_SECONDS = 15.0
CLIENT_CHECK_SECONDS = 1.0  # how often an event stream looks whether its client is gone
MAX_GRAPHS = 64  # rendered scenario graphs kept (the oldest goes first)


class Events:
    """The rebuild notifications the panels listen to (a sequence number and the last message)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self.seq = 0
        self.message: dict[str, Any] = {}
        self.closed = False

    def publish(self, message: dict[str, Any]) -> None:
        with self._cond:
            self.seq += 1
            self.message = message
            self._cond.notify_all()

    def wait(self, after: int, timeout: float) -> tuple[int, dict[str, Any]] | None:
        with self._cond:
            self._cond.wait_for(lambda: self.closed or self.seq != after, timeout)
            if self.closed or self.seq == after:
                return None
            return self.seq, self.message

    def close(self) -> None:
        with self._cond:
            self.closed = True
            self._cond.notify_all()


@dataclass
class Site:
    """What the handler needs; one per server."""

    builder: Builder
    events: Events
    regions: list[str]
    targets: list[str]
    title: str
    scorm_again: Path | None
    default_region: str
    default_target: str
    sink: StatementSink = field(default_factory=StatementSink)
    _graphs: dict[tuple[int, str, str, str], bytes] = field(default_factory=dict)


def diagnostic_json(diag: Diagnostic) -> dict[str, Any]:
    return {
        "code": diag.code.name,
        "severity": diag.severity.value,
        "file": diag.span.path,
        "line": diag.span.line,
        "col": diag.span.col,
        "message": diag.message,
        "help": diag.help,
        "text": format_diagnostic(diag),
    }


def cmi5_au(files: ContentMap) -> dict[str, Any] | None:
    """The first AU of ``cmi5.xml``: what a cmi5 LMS reads to launch it."""
    data = files.get("cmi5.xml")
    if data is None:
        return None
    root = etree.fromstring(content_bytes(data))
    for element in root.iter():
        if isinstance(element.tag, str) and etree.QName(element).localname == "au":
            mastery = element.get("masteryScore")
            return {
                "activityId": element.get("id"),
                "moveOn": element.get("moveOn", "NotApplicable"),
                "masteryScore": float(mastery) if mastery else None,
            }
    return None


def with_hook(document: bytes) -> bytes:
    """The package's page with ``HOOK_TAG`` before its ``</head>`` (as it is without one)."""
    at = document.find(b"</head>")
    return document if at < 0 else document[:at] + HOOK_TAG + b"\n" + document[at:]


def status_json(site: Site, region: str, target: str) -> dict[str, Any]:
    result = site.builder.result(region, target)
    good = result if result.ok else site.builder.last_good(region, target)
    base = f"/pkg/{region}/{target}/{good.generation}/" if good else None
    course = good.course if good and good.course else None
    adapter = get_target(target).adapter
    return {
        "generation": result.generation,
        "ok": result.ok,
        "region": region,
        "target": target,
        "adapter": adapter,
        "diagnostics": [diagnostic_json(d) for d in result.diagnostics],
        "milliseconds": round(result.milliseconds, 1),
        "parsed": result.parsed,
        "reused": result.reused,
        "served": good.generation if good else None,
        "launch": base + "index.html" if base else None,
        "mastery": course.mastery_percent() if course else None,
        "suspendLimit": SUSPEND_LIMITS.get(target),
        "au": cmi5_au(good.files) if good else None,
        "scenarios": [
            {
                "id": s.id,
                "title": s.title,
                "page": s.page,
                "graph": f"/_preview/graph/{region}/{target}/{s.id}.svg",
            }
            for s in (good.scenarios() if good else [])
        ],
    }


class Handler(LimitedHandler):
    server: PreviewServer

    def do_POST(self) -> None:
        self._lrs("POST")

    def do_PUT(self) -> None:
        self._lrs("PUT")

    def do_DELETE(self) -> None:
        self._lrs("DELETE")

    def _allowed(self) -> bool:
        """The Host/Origin checks (``coursec.preview.guard``); False once refused."""
        refusal = self.server.guard.refusal(self.command, self.headers)
        if refusal is not None:
            self.refuse(refusal.status, refusal.reason)
            return False
        return True

    def _lrs(self, method: str) -> None:
        if not self._allowed():
            return
        url = urlsplit(self.path)
        if not url.path.startswith("/_preview/lrs/"):
            self.refuse(405, "method not allowed")
            return
        body = self.read_body()
        if body is None:
            return
        query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        path = unquote(url.path)[len("/_preview/lrs/") :]
        self._send(*self.server.site.sink.handle(method, path, query, body))

    def do_GET(self) -> None:
        if not self._allowed() or not self.request_arrived():
            return
        url = urlsplit(self.path)
        path = unquote(url.path)
        query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        site = self.server.site
        try:
            if path in ("/", "/index.html"):
                self._send(200, (STATIC / "panel.html").read_bytes(), "text/html; charset=utf-8")
            elif path.startswith("/_preview/static/") and path[17:] in STATIC_FILES:
                name = path[17:]
                self._send(200, (STATIC / name).read_bytes(), STATIC_FILES[name])
            elif path == "/_preview/scorm-again.js":
                if site.scorm_again is None:
                    self._send(404, INSTALL_HINT.encode(), "text/plain; charset=utf-8")
                else:
                    self._send(200, site.scorm_again.read_bytes(), "text/javascript")
            elif path == "/_preview/info":
                self._json(self._info())
            elif path == "/_preview/status":
                region, target = self._choice(query)
                self._json(status_json(site, region, target))
            elif path == "/_preview/events":
                self._stream_events()
            elif path.startswith("/_preview/lrs/"):
                self._send(*site.sink.handle("GET", path[len("/_preview/lrs/") :], query, b""))
            elif path.startswith("/pkg/"):
                self._package_file(path[5:])
            elif path.startswith("/_preview/graph/"):
                self._graph(path[16:])
            else:
                self._send(404, b"not found", "text/plain")
        except (BrokenPipeError, ConnectionResetError):
            return

    # --- routes -------------------------------------------------------------------------------

    def _info(self) -> dict[str, Any]:
        site = self.server.site
        return {
            "title": site.title,
            "regions": site.regions,
            "targets": site.targets,
            "region": site.default_region,
            "target": site.default_target,
            "scormAgain": site.scorm_again is not None,
            "scormAgainHint": INSTALL_HINT,
            "limits": SUSPEND_LIMITS,
        }

    def _choice(self, query: dict[str, str]) -> tuple[str, str]:
        site = self.server.site
        region = query.get("region", site.default_region)
        target = query.get("target", site.default_target)
        if region not in site.regions:
            region = site.default_region
        if target not in site.targets:
            target = site.default_target
        return region, target

    def _package_file(self, rest: str) -> None:
        parts = rest.split("/", 3)
        if len(parts) < 4 or parts[1] not in TARGET_NAMES:
            self._send(404, b"not found", "text/plain")
            return
        region, target, _generation, name = parts
        good = self.server.site.builder.last_good(region, target)
        content = good.files.get(name or "index.html") if good else None
        try:
            data = None if content is None else content_bytes(content)
        except OSError:  # a media file removed since the build
            data = None
        if data is None:
            self._send(404, b"not found", "text/plain")
            return
        if name == "index.html":
            data = with_hook(data)
        kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "image/svg+xml"):
            kind += "; charset=utf-8"
        self._send(200, data, kind)

    def _graph(self, rest: str) -> None:
        site = self.server.site
        parts = rest.split("/")
        if len(parts) != 3 or not parts[2].endswith(".svg"):
            self._send(404, b"not found", "text/plain")
            return
        region, target, scenario_id = parts[0], parts[1], parts[2][:-4]
        good = site.builder.last_good(region, target)
        course = good.course if good else None
        scenarios = course.scenarios() if course else []
        scenario = next((s for s in scenarios if s.id == scenario_id), None)
        if good is None or scenario is None:
            self._send(404, b"no such scenario in the last good build", "text/plain")
            return
        key = (good.generation, region, target, scenario_id)
        if key not in site._graphs:
            try:
                svg = graph.render(scenario, "svg")
            except graph.GraphError as exc:
                self._send(500, str(exc).encode(), "text/plain; charset=utf-8")
                return
            while len(site._graphs) >= MAX_GRAPHS:
                del site._graphs[next(iter(site._graphs))]
            site._graphs[key] = svg
        self._send(200, site._graphs[key], "image/svg+xml")

    def _stream_events(self) -> None:
        events = self.server.site.events
        self.send_response(200)
        for name, value in SAFE_HEADERS:
            self.send_header(name, value)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        seq = events.seq
        self.wfile.write(b": connected\n\n")
        self.wfile.flush()
        quiet = 0.0
        while not events.closed and not self._client_left():
            got = events.wait(seq, CLIENT_CHECK_SECONDS)
            if got is None:
                quiet += CLIENT_CHECK_SECONDS
                if events.closed or quiet < KEEPALIVE_SECONDS:
                    continue
                self.wfile.write(b": keepalive\n\n")
            else:
                seq, message = got
                self.wfile.write(f"data: {json.dumps(message)}\n\n".encode())
            quiet = 0.0
            self.wfile.flush()

    def _client_left(self) -> bool:
        """The client of a stream closed its side (it sends nothing else), so the slot frees."""
        with selectors.DefaultSelector() as selector:
            selector.register(self.connection, selectors.EVENT_READ)
            if not selector.select(0):
                return False
        try:
            peeked: bytes = self.connection.recv(1, socket.MSG_PEEK)
        except OSError:
            return True
        return peeked == b""

    # --- responses ----------------------------------------------------------------------------

    def _json(self, value: Any) -> None:
        self._send(200, json.dumps(value).encode("utf-8"), "application/json")

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.reply(status, body, kind, (("X-Experience-API-Version", "1.0.3"),))


class PreviewServer(LimitedServer):
    def __init__(self, site: Site, port: int) -> None:
        self.site = site
        super().__init__(port, Handler)
        self.guard = Guard(self.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.serve_forever, name="coursec-preview", daemon=True)
        thread.start()
        return thread

    def stop(self) -> None:
        self.site.events.close()
        self.shutdown()
        self.server_close()
