"""The preview's local statement sink: a small in-memory LRS for the xapi and cmi5 targets.

In:  the xAPI requests the package's runtime makes (``/_preview/lrs/...``, relative paths as an
     LRS endpoint sees them), and the launch documents the LMS panel writes as a cmi5 LMS does.
Out: ``StatementSink.handle(method, path, query, body)`` -> (HTTP status, body, content type):
     ``statements`` (POST a statement or a batch, PUT one by id, GET them all), the State API
     (``activities/state``: GET/PUT/POST/DELETE, one document per state id, activity, agent and
     registration), ``agents/profile`` (always 404: no learner preferences), ``about``, and
     ``fetch/<session>`` (the cmi5 fetch URL: an auth token once, an error on a second POST).
     Stored statements are kept in order for the panel; nothing is validated or forwarded
     (the tests validate statements against a real LRS; this sink only shows them).
     The store is bounded: at most ``MAX_STATEMENTS`` statements and ``MAX_STATEMENT_BYTES``
     of them (as JSON), at most ``MAX_DOCUMENTS`` state documents and ``MAX_DOCUMENT_BYTES``
     of them, ``MAX_FETCHED`` cmi5 sessions; past a bound the oldest (the least recently
     written document) is dropped, so a long preview session keeps working on recent data.
Reported: nothing; the first time something is dropped, ``notice`` is called with a sentence
     saying so (the preview prints it on the terminal).
"""

from __future__ import annotations

import json
import threading
import uuid
from collections import deque
from collections.abc import Callable
from typing import Any

Response = tuple[int, bytes, str]
JSON = "application/json"
StateKey = tuple[str, str, str, str]

MAX_STATEMENTS = 10_000
MAX_STATEMENT_BYTES = 16 * 1024 * 1024
MAX_DOCUMENTS = 1_000
MAX_DOCUMENT_BYTES = 16 * 1024 * 1024
MAX_FETCHED = 10_000


class StatementSink:
    def __init__(
        self,
        on_statements: Callable[[int], None] | None = None,
        notice: Callable[[str], None] | None = None,
    ) -> None:
        self._lock = threading.Lock()
        self.statements: deque[dict[str, Any]] = deque()
        self._sizes: deque[int] = deque()
        self._ids: set[str] = set()
        self.statement_bytes = 0
        self.documents: dict[StateKey, bytes] = {}
        self.document_bytes = 0
        self.fetched: dict[str, None] = {}
        self.dropped = 0
        self._on_statements = on_statements or (lambda count: None)
        self._notice = notice or (lambda text: None)

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
                self.fetched[path] = None
                while len(self.fetched) > MAX_FETCHED:
                    del self.fetched[next(iter(self.fetched))]
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
            before = self.dropped
            for statement in batch:
                statement.setdefault("id", str(uuid.uuid4()))
                ids.append(statement["id"])
                if statement["id"] not in self._ids:  # a resent one is ignored, as an LRS does
                    self._keep(statement)
            count = len(self.statements)
            first_drop = before == 0 and self.dropped > 0
        self._on_statements(count)
        if first_drop:
            self._notice(
                f"the preview's statement sink keeps the last {MAX_STATEMENTS} statements"
                f" ({MAX_STATEMENT_BYTES // (1024 * 1024)} MB); older ones are dropped"
            )
        return (204, b"", "text/plain") if method == "PUT" else _json(ids)

    def _keep(self, statement: dict[str, Any]) -> None:
        size = len(json.dumps(statement))
        self.statements.append(statement)
        self._sizes.append(size)
        self._ids.add(str(statement["id"]))
        self.statement_bytes += size
        while len(self.statements) > MAX_STATEMENTS or self.statement_bytes > MAX_STATEMENT_BYTES:
            old = self.statements.popleft()
            self.statement_bytes -= self._sizes.popleft()
            self._ids.discard(str(old.get("id")))
            self.dropped += 1

    def _store(self, key: StateKey, doc: bytes) -> None:
        """Keep ``doc`` as the newest document; drop the least recently written past a bound."""
        self._forget(key)
        self.documents[key] = doc
        self.document_bytes += len(doc)
        while len(self.documents) > MAX_DOCUMENTS or self.document_bytes > MAX_DOCUMENT_BYTES:
            self._forget(next(iter(self.documents)))
            self.dropped += 1

    def _forget(self, key: StateKey) -> None:
        old = self.documents.pop(key, None)
        if old is not None:
            self.document_bytes -= len(old)

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
                self._forget(key)
            elif method == "POST" and key in self.documents:
                try:
                    merged = {**json.loads(self.documents[key]), **json.loads(body)}
                except (ValueError, TypeError):
                    return _json({"error": "POST merges JSON objects only"}, 400)
                self._store(key, json.dumps(merged).encode())
            else:
                self._store(key, body)
        return 204, b"", "text/plain"

    def clear(self) -> None:
        with self._lock:
            self.statements.clear()
            self._sizes.clear()
            self._ids.clear()
            self.statement_bytes = 0
            self.documents.clear()
            self.document_bytes = 0
            self.fetched.clear()


def _agent_key(agent: str) -> str:
    """The same agent however its JSON was spelled (key order, spaces)."""
    try:
        return json.dumps(json.loads(agent), sort_keys=True)
    except ValueError:
        return agent


def _json(value: Any, status: int = 200) -> Response:
    return status, json.dumps(value).encode("utf-8"), JSON
