"""Statements from an LRS: the xAPI Statement API, page by page (``more``).

In:  the endpoint (``https://lrs.example/xAPI/``), the course activity id, ``since`` (an ISO
     timestamp or None), the credentials: ``COURSEC_LRS_AUTH`` (a whole ``Authorization`` value)
     or ``COURSEC_LRS_USER`` and ``COURSEC_LRS_PASSWORD`` (Basic), else asked on the terminal;
     never read from the course's files.
Out: the statements written to an NDJSON file (read by the engine like an exported file).
     Query: ``activity=<course>&related_activities=true`` (every statement whose object or
     context names the course: coursec puts the course in ``grouping``), ``since``, ``limit``;
     ``filter_activity=False`` leaves the activity out (an LRS whose activity filter is broken,
     such as Ralph 5.1.0's: the report keeps only the course's statements itself).
Reported: CS803 (the LRS refused or failed: status and first words of its answer; unreachable;
     an answer that is not a statement result), CS804 (no credentials and no terminal to ask).
"""

from __future__ import annotations

import base64
import getpass
import json
import os
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode, urljoin

from coursec.diagnostics import Code, Reporter, Span

PAGE = 500
TIMEOUT = 60


def credentials(endpoint: str, reporter: Reporter) -> str | None:
    """The ``Authorization`` header value, from the environment or the terminal."""
    auth = os.environ.get("COURSEC_LRS_AUTH")
    if auth:
        return auth
    user, password = os.environ.get("COURSEC_LRS_USER"), os.environ.get("COURSEC_LRS_PASSWORD")
    if user is None and sys.stdin.isatty():
        user = input(f"LRS user for {endpoint}: ")
    if user is not None and password is None and sys.stdin.isatty():
        password = getpass.getpass(f"password of {user}: ")
    if user is None or password is None:
        reporter.report(Code.CS804, Span(endpoint), "no LRS credentials",
                        help="set COURSEC_LRS_USER and COURSEC_LRS_PASSWORD (or COURSEC_LRS_AUTH "
                        "with a whole Authorization value); never put them in the course")
        return None
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def fetch(endpoint: str, course_iri: str, since: str | None, out: Path, reporter: Reporter,
          filter_activity: bool = True) -> int | None:
    """Every matching statement into ``out`` (NDJSON); the count, or None after a CS803."""
    auth = credentials(endpoint, reporter)
    if auth is None:
        return None
    base = endpoint if endpoint.endswith("/") else endpoint + "/"
    query: dict[str, str] = {"limit": str(PAGE), "ascending": "true"}
    if filter_activity:
        query.update(activity=course_iri, related_activities="true")
    if since:
        query["since"] = since
    url: str | None = urljoin(base, "statements") + "?" + urlencode(query)
    count = 0
    with out.open("w", encoding="utf-8") as f:
        while url:
            page = _get(url, auth, endpoint, reporter)
            if page is None:
                return None
            statements = page.get("statements")
            if not isinstance(statements, list):
                reporter.report(Code.CS803, Span(endpoint),
                                "the LRS answered without a 'statements' list")
                return None
            for s in statements:
                f.write(json.dumps(s, separators=(",", ":"), ensure_ascii=False) + "\n")
            count += len(statements)
            more = page.get("more")
            url = urljoin(base, more) if isinstance(more, str) and more and statements else None
    return count


def _get(url: str, auth: str, endpoint: str, reporter: Reporter) -> dict[str, object] | None:
    request = urllib.request.Request(url, headers={
        "Authorization": auth, "X-Experience-API-Version": "1.0.3", "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:
            body = answer.read()
    except urllib.error.HTTPError as exc:
        words = " ".join(exc.read()[:200].decode("utf-8", "replace").split())
        hint = "check the credentials" if exc.code in (401, 403) else None
        reporter.report(Code.CS803, Span(endpoint),
                        f"the LRS answered {exc.code} {exc.reason}: {words}", help=hint)
        return None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        reporter.report(Code.CS803, Span(endpoint), f"cannot reach the LRS: {reason}")
        return None
    try:
        page = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError):
        reporter.report(Code.CS803, Span(endpoint), "the LRS answer is not JSON")
        return None
    if not isinstance(page, dict):
        reporter.report(Code.CS803, Span(endpoint), "the LRS answer is not a statement result")
        return None
    return page
