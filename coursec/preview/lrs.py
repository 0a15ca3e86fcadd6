"""The preview's local statement sink: a small in-memory LRS for the xapi and cmi5 targets.

In:  the xAPI requests the package's runtime makes (``/_preview/lrs/...``, relative paths as an
     LRS endpoint sees them), and the launch documents the LMS panel writes as a cmi5 LMS does.
Out: ``StatementSink.handle(method, path, query, body)`` -> (HTTP status, body, content type):
     ``statements`` (POST a statement or a batch, PUT one by id, GET them all), the State API
     (``activities/state``: GET/PUT/POST/DELETE, one document per state id, activity, agent and
     registration), ``agents/profile`` (always 404: no learner preferences), ``about``, and
     ``fetch/<session>`` (the cmi5 fetch URL: an auth token once, an error on a second POST).
     Every stored statement is kept in order for the panel; nothing is validated or forwarded
     (the tests validate statements against a real LRS; this sink only shows them).
Reported: nothing.
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Callable
from typing import Any

Response = tuple[int, bytes, str]
JSON = "application/json"
StateKey = tuple[str, str, str, str]


class StatementSink:
    def __init__(self, on_statements: Callable[[int], None] | None = None) -> None:
        self._lock = threading.Lock()
        self.statements: list[dict[str, Any]] = []
        self.documents: dict[StateKey, bytes] = {}
        self.fetched: set[str] = set()
        self._on_statements = on_statements or (lambda count: None)

    def handle(self, method: str, path: str, query: dict[str, str], body: bytes) -> Response:
        if path == "statements":
            return self._statements(method, query, body)
        if path == "activities/state":
            return self._state(method, query, body)
        if path == "agents/profile":
            return 404, b"", "text/plain"
        if path == "about":
            return _json({"version": ["1.0.3"]})
        if path.startswith("fetch/") and method == "POST":
            with self._lock:
                if path in self.fetched:
                    return _json({"error-code": "1", "error-text": "already fetched"}, 400)
                self.fetched.add(path)
            return _json({"auth-token": uuid.uuid4().hex})
        return 404, b"not an LRS resource", "text/plain"

    def _statements(self, method: str, query: dict[str, str], body: bytes) -> Response:
        if method == "GET":
            with self._lock:
                wanted = query.get("registration")
                found = [
                    s
                    for s in self.statements
                    if not wanted or s.get("context", {}).get("registration") == wanted
                ]
            return _json({"statements": found, "more": ""})
        try:
            data = json.loads(body or b"null")
        except ValueError:
            return _json({"error": "not JSON"}, 400)
        batch = data if isinstance(data, list) else [data]
        if not all(isinstance(s, dict) for s in batch):
            return _json({"error": "a statement is an object"}, 400)
        if method == "PUT" and query.get("statementId"):
            batch[0].setdefault("id", query["statementId"])
        ids = []
        with self._lock:
            known = {s.get("id") for s in self.statements}
            for statement in batch:
                statement.setdefault("id", str(uuid.uuid4()))
                ids.append(statement["id"])
                if statement["id"] not in known:  # a resent statement is ignored, as an LRS does
                    self.statements.append(statement)
            count = len(self.statements)
        self._on_statements(count)
        return (204, b"", "text/plain") if method == "PUT" else _json(ids)

    def _state(self, method: str, query: dict[str, str], body: bytes) -> Response:
        key = (
            query.get("stateId", ""),
            query.get("activityId", ""),
            _agent_key(query.get("agent", "")),
            query.get("registration", ""),
        )
        with self._lock:
            if method == "GET":
                doc = self.documents.get(key)
                return (200, doc, JSON) if doc is not None else (404, b"", "text/plain")
            if method == "DELETE":
                self.documents.pop(key, None)
            elif method == "POST" and key in self.documents:
                try:
                    merged = {**json.loads(self.documents[key]), **json.loads(body)}
                    self.documents[key] = json.dumps(merged).encode()
                except (ValueError, TypeError):
                    return _json({"error": "POST merges JSON objects only"}, 400)
            else:
                self.documents[key] = body
        return 204, b"", "text/plain"

    def clear(self) -> None:
        with self._lock:
            self.statements.clear()
            self.documents.clear()
            self.fetched.clear()


def _agent_key(agent: str) -> str:
    """The same agent however its JSON was spelled (key order, spaces)."""
    try:
        return json.dumps(json.loads(agent), sort_keys=True)
    except ValueError:
        return agent


def _json(value: Any, status: int = 200) -> Response:
    return status, json.dumps(value).encode("utf-8"), JSON
