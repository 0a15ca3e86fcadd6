"""The tests' LMS for xAPI and cmi5: a real LRS (Ralph) behind a small launcher that plays the LMS.

``LrsLms().start()`` starts Ralph (``ralph_server.py``, filesystem backend, 127.0.0.1) and an
HTTP server on 127.0.0.1 that serves

- ``/pkg/<name>/...``: unzipped packages mounted by the tests;
- ``/lrs/statements``: forwarded to Ralph (checked against the credentials this LMS issued);
  fault injection (:attr:`faults`) happens here: LRS down (the connection is dropped, as when a
  server is unreachable), an answer other than the LRS's after forwarding (a lost
  acknowledgement), a 400 for chosen statements without forwarding them;
- ``/lrs/activities/state`` and ``/lrs/agents/profile``: its own State and Agent Profile API
  (Ralph 5.1.0 has none), holding ``LMS.LaunchData`` (read-only for the AU) and
  ``cmi5LearnerPreferences``;
- ``POST /fetch/<key>``: the cmi5 fetch URL: the auth token once, an error after;
- for a cmi5 launch, every statement the AU sends is checked in order against the cmi5 rules
  CATAPULT's player enforces (``cmi5_rules.py``): a batch breaking one gets 403 with
  ``violatedReqId`` and nothing of it is stored; :meth:`LrsLms.refused` lists them;
- ``/return/<session>``: the returnURL page.

Every request is logged in order (:attr:`log`); what Ralph stored is read back with the
``tincan`` client (:meth:`stored`), never from what the page says.
"""

from __future__ import annotations

import base64
import contextlib
import json
import mimetypes
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlencode, urlsplit

from .cmi5_rules import AuRecord, Session
from .ralph_server import PASSWORD, USER

HERE = Path(__file__).resolve().parent
CMI5_EXT = "https://w3id.org/xapi/cmi5/context/extensions/"
CMI5_CAT = "https://w3id.org/xapi/cmi5/context/categories/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def canonical_agent(text: str) -> str:
    return json.dumps(json.loads(text), sort_keys=True)


@dataclass
class Faults:
    """What the LRS front does to ``/lrs/statements`` requests (changed by the tests)."""

    down: bool = False  # drop the connection without answering (LRS unreachable)
    lose_acks: list[int] = field(default_factory=list)  # forward, then answer this status instead
    reject: Callable[[dict[str, Any]], bool] | None = None  # refuse a batch holding such a one
    reject_status: int = 400  # ... with this status


class Ralph:
    """Ralph in a subprocess; ``stop()`` / ``start()`` keep its data (a real outage)."""

    def __init__(self, data: Path) -> None:
        self.data = data
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI/"

    def start(self) -> Ralph:
        log = open(self.data.parent / "ralph.log", "ab")  # noqa: SIM115 (kept for the process)
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "ralph_server.py"), str(self.port), str(self.data)],
            stdout=log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"Ralph exited: {(self.data.parent / 'ralph.log').read_text()}")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/__lbheartbeat__", timeout=1)
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("Ralph did not start within 60 s")

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=20)
            self.proc = None

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        auth = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        h = {"Authorization": f"Basic {auth}", "X-Experience-API-Version": "1.0.3",
             "Content-Type": "application/json", **(headers or {})}
        req = urllib.request.Request(self.url + path, data=body, method=method, headers=h)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()


@dataclass
class Launch:
    url: str
    registration: str
    session: str
    actor: dict[str, Any]
    activity_id: str


class LrsLms:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.ralph = Ralph(root / "ralph-data")
        self.port = free_port()
        self.packages: dict[str, Path] = {}
        self.tokens: set[str] = set()
        self.fetch_keys: dict[str, str | None] = {}  # key -> token (None once used)
        self.state: dict[tuple[str, str, str, str], bytes] = {}
        self.profiles: dict[tuple[str, str], bytes] = {}
        self.log: list[dict[str, Any]] = []
        self.faults = Faults()
        self.sessions: dict[str, Session] = {}  # cmi5: auth header -> its session
        self.aus: dict[tuple[str, str], AuRecord] = {}  # (registration, AU id) -> flags
        self.lock = threading.Lock()
        self.server: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> LrsLms:
        self.root.mkdir(parents=True, exist_ok=True)
        self.ralph.start()
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), _handler(self))
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
        self.ralph.stop()

    def mount(self, name: str, directory: Path) -> str:
        self.packages[name] = directory
        return f"{self.base}/pkg/{name}/index.html"

    def reset(self) -> None:
        with self.lock:
            self.log.clear()
        self.faults = Faults()

    # --- launches ------------------------------------------------------------------------

    def actor(self) -> dict[str, Any]:
        return {"objectType": "Agent", "name": "Test Learner",
                "account": {"homePage": "https://lms.example", "name": uuid.uuid4().hex}}

    def xapi_launch(self, pkg: str, *, registration: str | None = None,
                    actor: dict[str, Any] | None = None, activity_id: str | None = None) -> Launch:
        """A TinCan launch: a fresh credential for this launch only, in the query string."""
        registration = registration or str(uuid.uuid4())
        actor = actor or self.actor()
        token = "Basic " + base64.b64encode(f"learner:{secrets.token_hex(8)}".encode()).decode()
        self.tokens.add(token)
        query = {"endpoint": f"{self.base}/lrs/", "auth": token, "actor": json.dumps(actor),
                 "registration": registration}
        if activity_id:
            query["activity_id"] = activity_id
        url = f"{self.base}/pkg/{pkg}/index.html?{urlencode(query, quote_via=quote)}"
        return Launch(url, registration, "", actor, activity_id or "")

    def cmi5_launch(self, pkg: str, au_id: str, *, registration: str | None = None,
                    actor: dict[str, Any] | None = None, mode: str = "Normal",
                    mastery: float | None = None, move_on: str | None = None,
                    return_url: bool = True) -> Launch:
        """What a cmi5 LMS does before opening the AU: registration, session, LaunchData
        (``masteryScore`` and ``moveOn`` from the package's ``cmi5.xml`` unless given),
        ``launched`` statement, a one-use fetch URL, the launch URL (the AU's ``<url>``)."""
        au = self.au_of(pkg, au_id)
        mastery = mastery if mastery is not None else au["mastery"]
        move_on = move_on or au["move_on"]
        registration = registration or str(uuid.uuid4())
        actor = actor or self.actor()
        session = str(uuid.uuid4())
        template: dict[str, Any] = {
            "contextActivities": {"grouping": [{"objectType": "Activity", "id": au_id}]},
            "extensions": {CMI5_EXT + "sessionid": session}}
        launch_data: dict[str, Any] = {"contextTemplate": template, "launchMode": mode,
                                       "moveOn": move_on}
        if mastery is not None:
            launch_data["masteryScore"] = mastery
        if return_url:
            launch_data["returnURL"] = f"{self.base}/return/{session}"
        agent = json.dumps(actor, sort_keys=True)
        key = (au_id, agent, registration, "LMS.LaunchData")
        self.state[key] = json.dumps(launch_data).encode()
        self.profiles[(agent, "cmi5LearnerPreferences")] = json.dumps(
            {"languagePreference": "en-US", "audioPreference": "on"}).encode()
        launched = {
            "id": str(uuid.uuid4()), "actor": actor, "timestamp": _now(),
            "verb": {"id": "http://adlnet.gov/expapi/verbs/launched",
                     "display": {"en-US": "launched"}},
            "object": {"objectType": "Activity", "id": au_id},
            "context": {"registration": registration, "contextActivities": {
                **template["contextActivities"], "category": [{"id": CMI5_CAT + "cmi5"}]},
                "extensions": {**template["extensions"], CMI5_EXT + "launchmode": mode,
                               CMI5_EXT + "moveon": move_on,
                               CMI5_EXT + "launchurl": f"{self.base}/pkg/{pkg}/index.html"}},
        }
        status, body = self.ralph.request("POST", "statements", json.dumps(launched).encode())
        assert status == 200, body
        fetch_key = secrets.token_hex(8)
        token = base64.b64encode(f"au:{secrets.token_hex(8)}".encode()).decode()
        self.fetch_keys[fetch_key] = token
        record = self.aus.setdefault((registration, au_id), AuRecord())
        self.sessions["Basic " + token] = Session(registration, au_id, session, mode, mastery,
                                                  record, [au_id])
        query = {"endpoint": f"{self.base}/lrs/", "fetch": f"{self.base}/fetch/{fetch_key}",
                 "actor": json.dumps(actor), "registration": registration, "activityId": au_id}
        au_url = f"{self.base}/pkg/{pkg}/{au['url']}"
        url = f"{au_url}{'&' if '?' in au_url else '?'}{urlencode(query, quote_via=quote)}"
        return Launch(url, registration, session, actor, au_id)

    def au_of(self, pkg: str, au_id: str) -> dict[str, Any]:
        """url, moveOn and masteryScore of one AU in the mounted package's ``cmi5.xml``."""
        from lxml import etree

        tree = etree.parse(str(self.packages[pkg] / "cmi5.xml"))
        for au in tree.iter("{*}au"):
            if au.get("id") == au_id:
                score = au.get("masteryScore")
                return {"url": au.findtext("{*}url") or "index.html",
                        "move_on": au.get("moveOn") or "NotApplicable",
                        "mastery": float(score) if score is not None else None}
        raise KeyError(f"no AU {au_id} in {pkg}")

    # --- what the LRS stored ---------------------------------------------------------------

    def stored(self, registration: str) -> list[dict[str, Any]]:
        """Every statement Ralph stored for ``registration`` (tincan ``RemoteLRS``), oldest
        first (the tincan client asks with ``ascending``; filters by verb are broken in Ralph
        5.1.0, so none are used)."""
        from tincan import RemoteLRS

        lrs = RemoteLRS(version="1.0.3", endpoint=self.ralph.url, username=USER,
                        password=PASSWORD)
        out: list[dict[str, Any]] = []
        response = lrs.query_statements({"registration": registration, "ascending": True,
                                         "limit": 1000})
        while True:
            assert response.success, (response.response.status, response.data)
            page = json.loads(response.data)
            out.extend(page["statements"])
            more = page.get("more")
            if not more:
                return out
            response = lrs.more_statements(more)

    def refused(self, registration: str | None = None) -> list[tuple[str, str]]:
        """Every (rule, message) the cmi5 checks refused, in order (of one registration)."""
        with self.lock:
            return [r for s in self.sessions.values()
                    if registration is None or s.registration == registration
                    for r in s.refused]

    def requests(self, path_part: str) -> list[dict[str, Any]]:
        with self.lock:
            return [r for r in self.log if path_part in r["path"]]


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())


def _handler(lms: LrsLms) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

        def _body(self) -> bytes:
            n = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(n) if n else b""

        def _send(self, status: int, body: bytes = b"", ctype: str = "application/json",
                  extra: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Cache-Control", "no-store")
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.end_headers()
            if self.command != "HEAD":
                # the page may go away before the answer (keepalive on pagehide)
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

        def _record(self, status: int, **more: Any) -> None:
            split = urlsplit(self.path)
            with lms.lock:
                lms.log.append({"method": self.command, "path": split.path,
                                "query": {k: v[0] for k, v in parse_qs(split.query).items()},
                                "status": status, "auth": self.headers.get("Authorization"),
                                "keepalive": None, **more})

        def do_OPTIONS(self) -> None:
            self._send(204, extra={
                "Access-Control-Allow-Methods": "GET, PUT, POST, DELETE, OPTIONS",
                "Access-Control-Allow-Headers":
                    "Authorization, Content-Type, X-Experience-API-Version"})

        def do_GET(self) -> None:
            self._route()

        def do_POST(self) -> None:
            self._route()

        def do_PUT(self) -> None:
            self._route()

        def do_DELETE(self) -> None:
            self._route()

        def _route(self) -> None:
            path = urlsplit(self.path).path
            body = self._body() if self.command in ("POST", "PUT") else b""
            if path.startswith("/pkg/"):
                return self._static(path)
            if path.startswith("/fetch/"):
                return self._fetch(path.rsplit("/", 1)[1])
            if path.startswith("/return/"):
                self._record(200)
                return self._send(200, b"<!DOCTYPE html><title>LMS</title><p>Back in the LMS</p>",
                                  "text/html")
            if path.startswith("/lrs/"):
                if self.headers.get("Authorization") not in lms.tokens:
                    self._record(401)
                    return self._send(401, b'{"error":"unknown credentials"}')
                if self.headers.get("X-Experience-API-Version") != "1.0.3":
                    self._record(400)
                    return self._send(400, b'{"error":"X-Experience-API-Version"}')
                rest = path[len("/lrs/"):]
                if rest == "statements":
                    return self._statements(body)
                if rest == "activities/state":
                    return self._state(body)
                if rest == "agents/profile":
                    return self._profile()
            self._record(404)
            self._send(404, b'{"error":"not found"}')

        def _static(self, path: str) -> None:
            _, _, name, *rest = path.split("/")
            root = lms.packages.get(name)
            target = (root / "/".join(rest)).resolve() if root else None
            inside = bool(root and target and root.resolve() in target.parents)
            if not root or not target or not target.is_file() or not inside:
                return self._send(404, b"not found", "text/plain")
            ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            self._send(200, target.read_bytes(), ctype)

        def _fetch(self, key: str) -> None:
            if self.command != "POST" or key not in lms.fetch_keys:
                self._record(404)
                return self._send(404, b'{"error-code":"2","error-text":"unknown fetch URL"}')
            token = lms.fetch_keys[key]
            if token is None:
                self._record(403, used_again=True)
                return self._send(403, b'{"error-code":"1","error-text":"already used"}')
            lms.fetch_keys[key] = None
            lms.tokens.add("Basic " + token)
            self._record(200)
            self._send(200, json.dumps({"auth-token": token}).encode())

        def _statements(self, body: bytes) -> None:
            query = urlsplit(self.path).query
            ids: list[str] = []
            if self.command in ("POST", "PUT") and body:
                parsed = json.loads(body)
                batch = parsed if isinstance(parsed, list) else [parsed]
                ids = [s.get("id") for s in batch]
                faults = lms.faults
                if faults.down:
                    self._record(0, ids=ids, dropped=True)
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                if faults.reject and any(faults.reject(s) for s in batch):
                    self._record(faults.reject_status, ids=ids)
                    return self._send(faults.reject_status,
                                      b'{"error":"statement refused by the test"}')
                session = lms.sessions.get(self.headers.get("Authorization") or "")
                if session is not None:
                    with lms.lock:
                        broken = session.check(batch)
                    if broken:
                        self._record(403, ids=ids, violated=broken[0])
                        return self._send(403, json.dumps(
                            {"violatedReqId": broken[0], "message": broken[1]}).encode())
            try:
                status, answer = lms.ralph.request(self.command, "statements" +
                                                   (f"?{query}" if query else ""), body or None)
            except OSError:  # Ralph is stopped: the LRS is unreachable
                self._record(0, ids=ids, dropped=True)
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            if ids and lms.faults.lose_acks and 200 <= status < 300:
                if (session := lms.sessions.get(self.headers.get("Authorization") or "")):
                    session.accept()
                lost = lms.faults.lose_acks.pop(0)
                self._record(lost, ids=ids, forwarded=status)
                return self._send(lost, b'{"error":"acknowledgement lost (test fault)"}')
            session = lms.sessions.get(self.headers.get("Authorization") or "")
            if ids and session is not None and 200 <= status < 300:
                with lms.lock:
                    session.accept()
            self._record(status, ids=ids)
            self._send(status, answer)

        def _state(self, body: bytes) -> None:
            q = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
            try:
                key = (q["activityId"], canonical_agent(q["agent"]), q.get("registration", ""),
                       q["stateId"])
            except (KeyError, ValueError):
                self._record(400)
                return self._send(400, b'{"error":"activityId, agent and stateId required"}')
            if self.command == "GET":
                found = lms.state.get(key)
                self._record(200 if found is not None else 404, state_id=key[3])
                return self._send(200, found) if found is not None else self._send(404)
            if key[3] == "LMS.LaunchData":
                self._record(403, state_id=key[3], write=True)
                return self._send(403, b'{"error":"LMS.LaunchData is read-only"}')
            if self.command == "DELETE":
                lms.state.pop(key, None)
            else:
                lms.state[key] = body
            self._record(204, state_id=key[3], write=True, body=body.decode("utf-8", "replace"))
            self._send(204)

        def _profile(self) -> None:
            q = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
            key = (canonical_agent(q.get("agent", "{}")), q.get("profileId", ""))
            found = lms.profiles.get(key) if self.command == "GET" else None
            self._record(200 if found is not None else 404, profile=key[1])
            self._send(200, found) if found is not None else self._send(404)

    return Handler
