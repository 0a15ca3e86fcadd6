"""``coursec preview`` against hostile pages, in Chromium: other origins and DNS rebinding.

Chromium runs with ``--host-resolver-rules="MAP evil.example 127.0.0.1"``, so that
``http://evil.example:PORT/`` reaches the preview exactly as a rebinding page does (the browser
thinks it talks to evil.example; the bytes go to 127.0.0.1:PORT). Each test also shows that the
same request from the preview's own page works, so a refusal is the preview's, not the
browser's.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlencode

import pytest

from coursec.preview.app import Preview

from .lmshost import CHROMIUM, CHROMIUM_ARGS

EVIL = "evil.example"
ACTOR = json.dumps({"objectType": "Agent", "account": {"homePage": "x", "name": "preview"}})
STATE = {"stateId": "resume", "activityId": "https://x.example/a", "registration": "r1"}
SECRET = "statement-only-the-panel-may-see"


@pytest.fixture(scope="module")
def hostile_browser(browser: Any) -> Iterator[Any]:
    """A second Chromium of the session's Playwright, resolving evil.example to 127.0.0.1."""
    args = [*CHROMIUM_ARGS, f"--host-resolver-rules=MAP {EVIL} 127.0.0.1"]
    b = browser.browser_type.launch(executable_path=CHROMIUM, args=args)
    try:
        yield b
    finally:
        b.close()


@pytest.fixture
def preview(sample_preview: Preview) -> Preview:
    return sample_preview  # tests/conftest.py


class _Blank(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b"<!doctype html><title>another site</title>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        return


@pytest.fixture
def other_site() -> Iterator[str]:
    """A page on another origin (http://evil.example:OTHER/, served from 127.0.0.1)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Blank)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{EVIL}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def state_url(base: str) -> str:
    return f"{base}_preview/lrs/activities/state?" + urlencode({**STATE, "agent": ACTOR})


WRITES = """async ([stateUrl, statementsUrl]) => {
  const out = [];
  const attempts = [
    [stateUrl, {method: 'POST', mode: 'no-cors', body: '{"evil": 1}',
                headers: {'Content-Type': 'text/plain'}}],
    [stateUrl, {method: 'PUT', body: '{"evil": 1}', headers: {'Content-Type': 'application/json'}}],
    [statementsUrl, {method: 'POST', mode: 'no-cors', body: '{"verb": {"id": "evil"}}',
                     headers: {'Content-Type': 'text/plain'}}],
    [statementsUrl, {method: 'POST', body: '{"verb": {"id": "evil"}}',
                     headers: {'Content-Type': 'application/json'}}],
  ];
  for (const [url, init] of attempts) {
    try { const r = await fetch(url, init); out.push(r.type + ' ' + r.status); }
    catch (e) { out.push('failed'); }
  }
  return out;
}"""


def test_another_origin_cannot_write_the_state_or_statements(
    hostile_browser: Any, preview: Preview, other_site: str
) -> None:
    sink = preview.site.sink
    base = preview.url
    page = hostile_browser.new_page()
    try:
        # the preview's own page may write (the control: the channel works)
        page.goto(base)
        own = page.evaluate(
            """async (url) => (await fetch(url, {method: 'PUT', body: '{"page": 3}',
                 headers: {'Content-Type': 'application/json'}})).status""",
            state_url(base),
        )
        assert own == 204
        [stored_key] = [k for k in sink.documents if k[0] == STATE["stateId"]]
        stored = sink.documents[stored_key]
        assert json.loads(stored) == {"page": 3}

        page.goto(other_site)
        tried = page.evaluate(WRITES, [state_url(base), base + "_preview/lrs/statements"])
        assert len(tried) == 4
        assert sink.documents[stored_key] == stored  # the resume state was not touched
        assert not [s for s in sink.statements if s.get("verb", {}).get("id") == "evil"]
    finally:
        page.close()


READS = """async (paths) => {
  const out = {};
  for (const path of paths) {
    try { const r = await fetch(path); out[path] = [r.status, await r.text()]; }
    catch (e) { out[path] = [0, String(e)]; }
  }
  return out;
}"""


def test_a_rebinding_page_cannot_read_status_package_or_statements(
    hostile_browser: Any, preview: Preview
) -> None:
    sink = preview.site.sink
    sink.handle("POST", "statements", {}, json.dumps({"verb": {"id": SECRET}}).encode())
    port = preview.server.server_address[1]
    page = hostile_browser.new_page()
    try:
        page.goto(preview.url)  # the control: the preview's own page reads all of it
        launch = page.evaluate(
            "async () => (await (await fetch('/_preview/status')).json()).launch"
        )
        assert launch and launch.endswith("index.html")
        paths = [
            "/_preview/status",
            "/_preview/info",
            "/_preview/lrs/statements",
            launch,
            launch.replace("index.html", "imsmanifest.xml"),
        ]
        own = page.evaluate(READS, paths)
        assert all(code == 200 for code, _ in own.values()), own
        assert SECRET in own["/_preview/lrs/statements"][1]

        response = page.goto(f"http://{EVIL}:{port}/")
        assert page.evaluate("location.origin") == f"http://{EVIL}:{port}"
        stolen = page.evaluate(READS, paths)
        for path, (code, text) in stolen.items():
            assert SECRET not in text and "<manifest" not in text and "diagnostics" not in text
            assert code == 403, (path, code, text[:200])
        assert response is not None and response.status == 403  # not even the panel
    finally:
        page.close()


LISTEN = """(url) => new Promise((resolve) => {
  const heard = {messages: [], errors: 0, opened: false};
  const source = new EventSource(url);
  source.onopen = () => { heard.opened = true; };
  source.onmessage = (m) => { heard.messages.push(m.data); };
  source.onerror = () => { heard.errors += 1; heard.state = source.readyState; };  // 2: closed
  window.__heard = heard;
  resolve(true);
})"""


def test_other_pages_never_hear_the_patches(
    hostile_browser: Any, preview: Preview, other_site: str
) -> None:
    """The live-reload channel carries the edited pages' HTML: only the preview's page gets it."""
    port = preview.server.server_address[1]
    preview.site.scorm_again = None  # the listeners only: no SCO is needed
    own, rebinding, cross = (hostile_browser.new_page() for _ in range(3))
    try:
        own.goto(preview.url + "_preview/info")
        rebinding.goto(f"http://{EVIL}:{port}/")  # 403, but the page is on that origin
        cross.goto(other_site)
        own.evaluate(LISTEN, "/_preview/events")
        rebinding.evaluate(LISTEN, "/_preview/events")
        cross.evaluate(LISTEN, f"{preview.url}_preview/events")
        own.wait_for_function("window.__heard.opened", timeout=30000)
        for page in (rebinding, cross):
            page.wait_for_function("window.__heard.errors > 0", timeout=30000)
        path = preview.options.course_dir / "lessons" / "01-why-service-matters.md"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("exactly as late", "exactly as late (secret)", 1), "utf-8")
        preview.rebuild({path})  # as the watcher does (this fixture does not watch)
        own.wait_for_function("window.__heard.messages.length > 0", timeout=30000)
        heard = json.loads(own.evaluate("window.__heard.messages[0]"))
        assert "exactly as late (secret)" in json.dumps(heard["patches"])
        for page in (rebinding, cross):
            got = page.evaluate("window.__heard")
            assert got["messages"] == [] and not got["opened"] and got["state"] == 2, got
    finally:
        for page in (own, rebinding, cross):
            page.close()
