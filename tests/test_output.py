"""output: the whole build is published as one set (all old or all new), under a lock.

Kill test: builds are SIGKILLed at random moments and the published set must stay complete and
come from one build (every folder and zip carries the same marker, zips equal folders).
``COURSEC_KILL_RUNS`` sets the number of killed builds (default 12; run it at 200+ by hand).
"""

from __future__ import annotations

import errno
import io
import os
import random
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from coursec import archive, output
from coursec.build import BuildOptions, build
from coursec.cli import main
from coursec.content import ContentMap, SourceFile
from coursec.diagnostics import Reporter, format_diagnostic

REPO = Path(__file__).resolve().parents[1]
TARGETS = ["web", "scorm12", "scorm2004"]
KILL_RUNS = int(os.environ.get("COURSEC_KILL_RUNS", "12"))


def make_course(root: Path, marker: str, media_kb: int = 0) -> Path:
    (root / "lessons").mkdir(parents=True, exist_ok=True)
    (root / "media").mkdir(exist_ok=True)
    (root / "course.yaml").write_text(
        "id: atom\ntitle: Atomic\ntargets: [web, scorm12, scorm2004]\n", encoding="utf-8")
    link = ""
    if media_kb:
        (root / "media" / "big.png").write_bytes(random.Random(1).randbytes(media_kb * 1024))
        link = "\n![A picture](../media/big.png)\n"
    (root / "lessons" / "01-one.md").write_text(
        f"# One\n\nMarker {marker} here.\n{link}", encoding="utf-8")
    return root


def marker_of(html: bytes) -> str:
    text = html.decode("utf-8")
    start = text.index("Marker ") + len("Marker ")
    return text[start:text.index(" here", start)]


def published(out: Path) -> dict[str, str]:
    """{package: marker} of every package folder and zip under ``out``; asserts each zip holds
    exactly its folder's files."""
    found: dict[str, str] = {}
    for target in TARGETS:
        folder = out / "atom" / "en-US" / target
        zip_file = out / f"atom-en-US-{target}.zip"
        if not folder.exists() and not zip_file.exists():
            continue
        files = {p.relative_to(folder).as_posix(): p.read_bytes()
                 for p in folder.rglob("*") if p.is_file()}
        with zipfile.ZipFile(zip_file) as packed:
            assert {n: packed.read(n) for n in packed.namelist()} == files, target
        found[f"folder:{target}"] = marker_of(files["index.html"])
        found[f"zip:{target}"] = found[f"folder:{target}"]
    return found


def run_build(course: Path, out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "coursec", "build", str(course), "--out", str(out), "--quiet"],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)})


def build_here(course: Path, out: Path, reporter: Reporter | None = None) -> bool:
    return bool(build(BuildOptions(course_dir=course, out_dir=out), reporter or Reporter()))


def test_layout_is_the_documented_one(tmp_path: Path) -> None:
    course = make_course(tmp_path / "c", "one")
    out = tmp_path / "out"
    assert build_here(course, out)
    assert published(out) == {f"{kind}:{t}": "one" for t in TARGETS for kind in ("folder", "zip")}
    assert output.package_dir(out, "atom", "en-US", "web") == out / "atom" / "en-US" / "web"
    assert (out / "atom" / "en-US" / "web" / "index.html").is_file()
    store = out / ".coursec" / "atom"
    assert sorted(p.name for p in store.iterdir()) == ["current", "gen-1"]


def test_same_source_same_bytes_across_generations(tmp_path: Path) -> None:
    course = make_course(tmp_path / "c", "one", media_kb=64)
    out = tmp_path / "out"
    assert build_here(course, out)
    first = {t: (out / f"atom-en-US-{t}.zip").read_bytes() for t in TARGETS}
    assert build_here(course, out)
    assert {t: (out / f"atom-en-US-{t}.zip").read_bytes() for t in TARGETS} == first
    assert sorted(p.name for p in (out / ".coursec" / "atom").iterdir()) == ["current", "gen-2"]


def test_packages_not_rebuilt_are_kept(tmp_path: Path) -> None:
    course = make_course(tmp_path / "c", "one")
    out = tmp_path / "out"
    assert build_here(course, out)
    make_course(course, "two")
    assert build(BuildOptions(course_dir=course, out_dir=out, targets=["web"]), Reporter())
    assert published(out) == {"folder:web": "two", "zip:web": "two",
                              "folder:scorm12": "one", "zip:scorm12": "one",
                              "folder:scorm2004": "one", "zip:scorm2004": "one"}


def test_output_of_an_older_coursec_is_taken_over(tmp_path: Path) -> None:
    course = make_course(tmp_path / "c", "one")
    out = tmp_path / "out"
    # what coursec wrote before sets: real folders and zips, and temp siblings of a crash
    archive.replace_tree({"index.html": b"Marker old here"}, out / "atom" / "en-US" / "scorm12")
    archive.write_zip({"index.html": b"Marker old here"}, out / "atom-en-US-scorm12.zip")
    (out / "atom" / "en-US" / ".web.abc.old").mkdir()
    (out / ".atom-en-US-web.zip.abc.tmp").write_bytes(b"half")
    assert build(BuildOptions(course_dir=course, out_dir=out, targets=["web"]), Reporter())
    assert published(out) == {"folder:web": "one", "zip:web": "one",
                              "folder:scorm12": "old", "zip:scorm12": "old"}
    assert (out / "atom").is_symlink() and (out / "atom-en-US-scorm12.zip").is_symlink()
    assert sorted(p.name for p in out.iterdir()) == [
        ".coursec", "atom", "atom-en-US-scorm12.zip", "atom-en-US-web.zip"]
    assert not list((out / "atom" / "en-US").glob(".*"))


def _fail_on_call(n: int, error: OSError) -> Callable[[ContentMap, Path], None]:
    real = archive.write_zip
    calls = {"n": 0}

    def failing(files: ContentMap, dest: Path) -> None:
        calls["n"] += 1
        if calls["n"] == n:
            raise error
        real(files, dest)

    return failing


@pytest.mark.parametrize(("error", "code"), [
    (OSError(errno.ENOSPC, "No space left on device", "x.zip"), "CS507"),
    (OSError(errno.EIO, "Input/output error"), "CS507"),
    (PermissionError(errno.EACCES, "Permission denied", "out"), "CS506"),
    (OSError(errno.EROFS, "Read-only file system", "out"), "CS506"),
])
def test_failed_write_leaves_the_previous_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              error: OSError, code: str) -> None:
    course = make_course(tmp_path / "c", "one")
    out = tmp_path / "out"
    assert build_here(course, out)
    make_course(course, "two")
    monkeypatch.setattr(archive, "write_zip", _fail_on_call(2, error))
    reporter = Reporter()
    assert not build_here(course, out, reporter)
    assert [d.code.name for d in reporter.diagnostics] == [code]
    assert error.strerror and error.strerror in reporter.diagnostics[0].message
    assert set(published(out).values()) == {"one"}
    assert sorted(p.name for p in (out / ".coursec" / "atom").iterdir()) == ["current", "gen-1"]


def test_disk_full_diagnostic_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    course = make_course(tmp_path / "c", "one")
    monkeypatch.setattr(archive, "write_zip", _fail_on_call(
        1, OSError(errno.ENOSPC, "No space left on device", "atom-en-US-web.zip")))
    reporter = Reporter()
    assert not build_here(course, tmp_path / "out", reporter)
    assert [format_diagnostic(d) for d in reporter.diagnostics] == [
        f"{tmp_path / 'out'}: error[CS507]: cannot write the output: No space left on device "
        "(atom-en-US-web.zip)\n"
        "  help: the previous output is unchanged; nothing of this build was kept"]
    assert not list((tmp_path / "out" / ".coursec" / "atom").iterdir())


def test_out_on_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    course = make_course(tmp_path / "c", "one")
    (tmp_path / "out").write_text("not a folder")
    assert main(["build", str(course), "--out", str(tmp_path / "out"), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"{tmp_path / 'out'}: error[CS506]: cannot use '{tmp_path / 'out'}' as the output "
        "folder: it is a file, not a folder\n  help: pass --out a folder you can write to\n"
        "1 error(s), 0 warning(s)\nbuild failed: nothing was written\n")
    assert (tmp_path / "out").read_text() == "not a folder"
    # a file where a parent folder should be
    assert main(["build", str(course), "--out", str(tmp_path / "out" / "sub"), "--quiet"]) == 1
    assert "error[CS506]" in capsys.readouterr().err


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_out_in_a_read_only_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    course = make_course(tmp_path / "c", "one")
    locked = tmp_path / "ro"
    locked.mkdir(mode=0o555)
    try:
        assert main(["build", str(course), "--out", str(locked / "out"), "--quiet"]) == 1
    finally:
        locked.chmod(0o755)
    assert "error[CS506]" in capsys.readouterr().err


def test_read_only_folder_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same as above for any user: mkdir refused as on a read-only mount."""
    course = make_course(tmp_path / "c", "one")

    def refuse(self: Path, mode: int = 0o777, parents: bool = False,
               exist_ok: bool = False) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(self))

    monkeypatch.setattr(Path, "mkdir", refuse)
    reporter = Reporter()
    assert not build_here(course, tmp_path / "out", reporter)
    assert [d.code.name for d in reporter.diagnostics] == ["CS506"]
    assert "Read-only file system" in reporter.diagnostics[0].message


def test_bad_source_date_epoch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    course = make_course(tmp_path / "c", "one")
    out = tmp_path / "out"
    assert build_here(course, out)
    make_course(course, "two")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "abc")
    reporter = Reporter()
    assert not build_here(course, out, reporter)
    assert [(d.code.name, d.message) for d in reporter.diagnostics] == [
        ("CS508", "SOURCE_DATE_EPOCH must be an integer, got 'abc'")]
    assert set(published(out).values()) == {"one"}


def test_killed_builds_leave_a_consistent_set(tmp_path: Path) -> None:
    course = make_course(tmp_path / "c", "0", media_kb=2048)
    out = tmp_path / "out"
    started = time.monotonic()
    first = run_build(course, out)
    assert first.wait() == 0, first.stderr.read() if first.stderr else ""
    duration = time.monotonic() - started
    rng = random.Random(20261201)
    last = "0"
    outcomes = {"old": 0, "new": 0}
    for run in range(1, KILL_RUNS + 1):
        make_course(course, str(run), media_kb=2048)
        process = run_build(course, out)
        time.sleep(rng.uniform(0.3, 1.1) * duration)
        process.send_signal(signal.SIGKILL)
        process.wait()
        markers = set(published(out).values())
        assert len(published(out)) == 2 * len(TARGETS), run
        assert markers in ({last}, {str(run)}), (run, markers)
        outcomes["new" if markers == {str(run)} else "old"] += 1
        last = markers.pop()
    # the next build cleans what the killed ones left and publishes
    assert run_build(course, out).wait() == 0
    assert set(published(out).values()) == {str(KILL_RUNS)}
    assert sorted(p.name for p in (out / ".coursec" / "atom").iterdir())[0] == "current"
    assert len(list((out / ".coursec" / "atom").iterdir())) == 2
    print(f"kill test: {KILL_RUNS} runs, {outcomes}")


def test_concurrent_builds_do_not_interleave(tmp_path: Path) -> None:
    out = tmp_path / "out"
    courses = [make_course(tmp_path / name, name, media_kb=1024) for name in ("first", "second")]
    for _ in range(2):
        processes = [run_build(course, out) for course in courses]
        assert [p.wait() for p in processes] == [0, 0]
        markers = set(published(out).values())
        assert markers in ({"first"}, {"second"})
        assert len(published(out)) == 2 * len(TARGETS)


def test_lock_makes_the_second_build_wait(tmp_path: Path) -> None:
    course = make_course(tmp_path / "c", "one")
    out = tmp_path / "out"
    output.prepare(out)
    waited: list[str] = []
    with output.locked(out, lambda: waited.append("first")):
        process = run_build(course, out)
        time.sleep(3)
        assert process.poll() is None  # waiting for the lock
        assert not (out / "atom").exists()
    assert process.wait() == 0
    assert waited == []
    assert set(published(out).values()) == {"one"}


def test_zip_of_streamed_media_is_byte_identical(tmp_path: Path) -> None:
    svg = tmp_path / "a.svg"
    svg.write_bytes(b"<svg>" + b"<g/>" * 5000 + b"</svg>")
    png = tmp_path / "b.png"
    png.write_bytes(random.Random(2).randbytes(300_000))
    streamed = archive.zip_bytes({"index.html": b"x", "media/a.svg": SourceFile(svg),
                                  "media/b.png": SourceFile(png)})
    in_memory = archive.zip_bytes({"index.html": b"x", "media/a.svg": svg.read_bytes(),
                                   "media/b.png": png.read_bytes()})
    assert streamed == in_memory
    with zipfile.ZipFile(io.BytesIO(streamed)) as packed:
        assert packed.read("media/b.png") == png.read_bytes()
