"""``coursec preview`` without a browser: the per-lesson cache, the server, the watcher, the
overlay data, Ctrl-C, and the progress display of ``coursec build``.

Waiting loops poll with a deadline (a file system event has to arrive); nothing asserts a time.
"""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requires

from coursec.diagnostics import Reporter
from coursec.new import create_course
from coursec.preview.app import Preview, PreviewOptions
from coursec.preview.incremental import Builder, LessonCache
from coursec.progress import build_progress

REPO = Path(__file__).resolve().parent.parent
DEADLINE = 20.0  # seconds to wait for a file system event to be seen; never asserted


@pytest.fixture
def course(tmp_path: Path) -> Path:
    folder = tmp_path / "demo"
    reporter = Reporter()
    create_course(folder, "Demo course", reporter)
    assert not reporter.has_errors
    return folder


def lesson(course: Path, name: str = "01-welcome.md") -> Path:
    return course / "lessons" / name


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def wait_for(check: Callable[[], Any], what: str) -> Any:
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        value = check()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError(f"not seen within {DEADLINE}s: {what}")


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


# --- the cache ------------------------------------------------------------------------------


def test_cache_parses_only_the_changed_lesson(course: Path) -> None:
    cache = LessonCache()
    assert cache.load(course, Reporter()) is not None
    assert (cache.parsed, cache.reused) == (2, 0)
    cache.load(course, Reporter())
    assert (cache.parsed, cache.reused) == (0, 2)
    edit(lesson(course, "02-first-steps.md"), "Write one lesson", "Write exactly one lesson")
    loaded = cache.load(course, Reporter())
    assert (cache.parsed, cache.reused) == (1, 1)
    assert loaded is not None
    texts = [
        token.content
        for page in loaded[0].lessons[1].pages
        for block in page.blocks
        for token in getattr(block, "tokens", [])
    ]
    assert any("exactly one" in text for text in texts)


def test_cache_still_sees_ids_taken_by_cached_lessons(course: Path) -> None:
    """Ids are course-wide: a cached lesson's quiz id must still clash with a new one."""
    cache = LessonCache()
    cache.load(course, Reporter())
    clash = ":::{quiz} first-check\nQ?\n\n- [x] a\n- [ ] b\n:::\n\n## How lessons work"
    edit(lesson(course), "## How lessons work", clash)
    fresh, cached = Reporter(), Reporter()
    from coursec.parse import load_course_with_links

    load_course_with_links(course, fresh)
    cache.load(course, cached)
    assert [d.code.name for d in fresh.sorted()] == [d.code.name for d in cached.sorted()]
    assert "CS102" in [d.code.name for d in cached.sorted()]


def test_builder_keeps_the_last_good_build(course: Path) -> None:
    builder = Builder(course)
    good = builder.result("en-US", "scorm12")
    assert good.ok and "imsmanifest.xml" in good.files
    edit(lesson(course, "02-first-steps.md"), "- [x] A `##` heading", "- [ ] A `##` heading")
    builder.invalidate({lesson(course, "02-first-steps.md")})
    bad = builder.result("en-US", "scorm12")
    assert not bad.ok
    assert [d.code.name for d in bad.diagnostics] == ["CS205"]
    assert builder.last_good("en-US", "scorm12") is good


# --- the server and the watcher ---------------------------------------------------------------


@pytest.fixture
def preview(course: Path) -> Iterator[Preview]:
    app = Preview(PreviewOptions(course_dir=course, target="web", port=0), out=io.StringIO())
    app.start()
    watcher = threading.Thread(target=app.watch, daemon=True)
    watcher.start()
    try:
        yield app
    finally:
        app.stop()
        watcher.join(10)
        assert not watcher.is_alive()


def status(app: Preview, target: str = "web") -> dict[str, Any]:
    code, body = get(f"{app.url}_preview/status?region=en-US&target={target}")
    assert code == 200
    result: dict[str, Any] = json.loads(body)
    return result


def page(app: Preview, target: str = "web") -> str:
    launch = status(app, target)["launch"]
    code, body = get(app.url.rstrip("/") + launch)
    assert code == 200
    return body.decode("utf-8")


def test_server_serves_panel_package_and_info(preview: Preview) -> None:
    code, body = get(preview.url)
    assert code == 200 and b'id="pv-sco"' in body
    code, body = get(preview.url + "_preview/static/panel.js")
    assert code == 200 and b"Scorm12API" in body
    info = json.loads(get(preview.url + "_preview/info")[1])
    assert info["title"] == "Demo course" and "scorm12" in info["targets"]
    assert info["limits"]["scorm12"] == 4096
    assert "Write one lesson per file" in page(preview)
    first = status(preview, "scorm12")
    assert first["ok"] and first["suspendLimit"] == 4096
    manifest_url = first["launch"].replace("index.html", "imsmanifest.xml")
    code, manifest = get(preview.url.rstrip("/") + manifest_url)
    assert code == 200 and b"<manifest" in manifest
    assert get(preview.url + "pkg/en-US/web/1/../../../../etc/passwd")[0] == 404
    assert get(preview.url + "nothing-here")[0] == 404


def test_edit_is_picked_up_and_served(preview: Preview) -> None:
    before = status(preview)["generation"]
    path = lesson(preview.options.course_dir, "02-first-steps.md")
    edit(path, "Write one lesson", "Write ONE lesson")
    wait_for(lambda: status(preview)["generation"] > before, "a rebuild after the save")
    served = wait_for(lambda: "Write ONE lesson" in page(preview), "the edited text served")
    assert served
    after = status(preview)
    assert after["ok"] and after["parsed"] == 1 and after["reused"] == 1


def test_broken_edit_shows_diagnostics_and_keeps_the_old_page(preview: Preview) -> None:
    path = lesson(preview.options.course_dir, "02-first-steps.md")
    good = status(preview)
    edit(path, "- [x] A `##` heading", "- [ ] A `##` heading")
    bad = wait_for(lambda: (s := status(preview)) and not s["ok"] and s, "the failed build")
    [diag] = bad["diagnostics"]
    assert diag["code"] == "CS205" and diag["line"] == 16 and diag["col"] == 1
    assert re.search(r"02-first-steps\.md:16:1: error\[CS205\]", diag["text"])
    assert ":::{quiz} first-check" in diag["text"]  # the source snippet
    assert bad["served"] == good["served"]  # the last good build is still served
    assert "- [x]" not in page(preview) and "first-check" in page(preview)
    edit(path, "- [ ] A `##` heading", "- [x] A `##` heading")
    fixed = wait_for(lambda: (s := status(preview))["ok"] and s, "the fixed build")
    assert fixed["diagnostics"] == [] and fixed["served"] > good["served"]


def test_events_announce_rebuilds(preview: Preview) -> None:
    seen: list[bytes] = []

    def listen() -> None:
        with urllib.request.urlopen(preview.url + "_preview/events", timeout=DEADLINE) as stream:
            for line in stream:
                if line.startswith(b"data:"):
                    seen.append(line)
                    return

    listener = threading.Thread(target=listen, daemon=True)
    listener.start()
    time.sleep(0.2)  # let the listener connect before the edit (not a timed assertion)
    edit(lesson(preview.options.course_dir), "This is the first page", "This is page one")
    listener.join(DEADLINE)
    assert seen and json.loads(seen[0][5:])["ok"] == {"en-US/web": True}


def test_scenario_graph_is_served(preview: Preview, course: Path) -> None:
    scenario = course / "lessons" / "03-practice.md"
    scenario.write_text(
        "# Practice\n\n::::{scenario} call\n:start: open\n\n:::{node} open\nHello.\n\n"
        '- "Help" -> done\n:::\n\n:::{ending} done\n:outcome: pass\nGood.\n:::\n::::\n',
        encoding="utf-8",
    )
    found = wait_for(lambda: status(preview)["scenarios"], "the scenario in the status")
    assert found[0]["id"] == "call" and found[0]["page"] == "practice--intro"
    requires.dot()
    code, svg = get(preview.url.rstrip("/") + found[0]["graph"])
    assert code == 200 and b"<svg" in svg


# --- Ctrl-C -----------------------------------------------------------------------------------


def test_sigint_shuts_down_cleanly(course: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "coursec", "preview", str(course), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=REPO,
    )
    try:
        assert proc.stdout is not None
        url = None
        for line in proc.stdout:
            found = re.search(r"at (http://127\.0\.0\.1:\d+/)", line)
            if found:
                url = found.group(1)
                break
        assert url, "the preview did not print its URL"
        assert get(url)[0] == 200
        children = _children(proc.pid)
        proc.send_signal(signal.SIGINT)
        rest = proc.communicate(timeout=DEADLINE)[0]
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, rest
    assert "preview stopped" in rest and "Traceback" not in rest
    assert not [pid for pid in children if Path(f"/proc/{pid}").exists()]
    with pytest.raises(OSError):
        urllib.request.urlopen(url, timeout=2)


def _children(pid: int) -> list[int]:
    found = []
    for status_file in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status_file.read_text()
        except OSError:
            continue
        if re.search(rf"^PPid:\s+{pid}$", text, re.M):
            found.append(int(status_file.parent.name))
    return found


# --- the progress display of coursec build -----------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_shown_on_a_terminal_only() -> None:
    terminal = _Terminal()
    with build_progress(stream=terminal) as step:
        assert step is not None
        step("reading and checking the course")
        step("rendering scorm12")
    shown = terminal.getvalue()
    assert "reading and checking the course" in shown and "rendering scorm12" in shown
    with build_progress(stream=io.StringIO()) as step:
        assert step is None
    with build_progress(quiet=True, stream=_Terminal()) as step:
        assert step is None


def test_build_prints_no_progress_when_piped(course: Path, tmp_path: Path) -> None:
    out = str(tmp_path / "out")
    run = subprocess.run(
        [sys.executable, "-m", "coursec", "build", str(course), "--target", "web", "--out", out],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "TERM": "xterm"},
    )
    assert run.returncode == 0, run.stderr
    assert "rendering" not in run.stderr and "reading" not in run.stderr
