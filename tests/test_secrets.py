"""Credential detection (issue 11, item 5): a corpus of real-looking secrets (every case found)
and of innocent prose and code (nothing found), the source scan of every course file, the
package scan of every packaged file, and the sample course building with no CS700/CS702.

The corpus lives in ``tests/fixtures/secrets/``: ``secrets.txt`` (cases between ``=== name``
lines; the runtime flags JavaScript for the ``js-`` cases) and ``innocent.txt`` (one line each).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coursec.check.credentials import scan_package_files
from coursec.check.secrets import (
    LineMemo,
    entropy,
    find_secrets,
    find_secrets_in_lines,
    looks_like_token,
    secret_key,
)
from coursec.cli import main
from coursec.diagnostics import Code

CORPUS = Path(__file__).parent / "fixtures" / "secrets"
SAMPLE = Path(__file__).parents[1] / "courses" / "customer-service"


def _secret_cases() -> dict[str, str]:
    cases: dict[str, str] = {}
    name = None
    for line in (CORPUS / "secrets.txt").read_text().split("\n"):
        if line.startswith("=== "):
            name = line[4:]
            cases[name] = ""
        elif name is not None:
            cases[name] += line + "\n"
    return cases


SECRETS = _secret_cases()
INNOCENT = [
    line
    for line in (CORPUS / "innocent.txt").read_text().split("\n")
    if line.strip() and not line.startswith("# ")
]


def test_corpus_sizes() -> None:
    assert len(SECRETS) >= 30 and len(INNOCENT) >= 35


@pytest.mark.parametrize("name", sorted(SECRETS))
def test_every_secret_is_found(name: str) -> None:
    assert find_secrets(SECRETS[name], code=name.startswith("js-")), SECRETS[name]


@pytest.mark.parametrize("line", INNOCENT)
def test_innocent_text_is_not_flagged(line: str) -> None:
    assert find_secrets(line) == []
    assert find_secrets(line, code=True) == []


def test_the_whole_innocent_file_at_once() -> None:
    assert find_secrets((CORPUS / "innocent.txt").read_text()) == []


def test_line_by_line_finds_what_the_whole_text_finds() -> None:
    """``find_secrets_in_lines`` (the package scan's memo of lines) is ``find_secrets``: on
    every corpus case alone, all of them in one text, the same text again (all lines from the
    memo), a YAML block value whose secret is on the next line, and repeated lines."""
    block = "a: 1\npassword: |\n  Zt9#kQ2vLx8!mR4p\nother: x\npassword: |\n  plain words\n"
    texts = [*SECRETS.values(), "".join(SECRETS.values()), (CORPUS / "innocent.txt").read_text(),
             block, block + block, "token: 'Zt9#kQ2vLx8!mR4p'\n" * 3]
    for code in (False, True):
        memo: LineMemo = {}
        for text in texts + texts:  # the second time from the memo
            assert find_secrets_in_lines(text, code, memo) == find_secrets(text, code), text
    assert [f.line for f in find_secrets(block)] == [2, 5]  # the blocks' values were read


def test_positions_and_keys() -> None:
    text = 'a: 1\nvalues: {lrs-secret: hunter2}\nsee HTTPS://u:hunter2@lrs.example.com\n'
    found = find_secrets(text)
    assert [(f.line, f.col, f.key) for f in found] == [(2, 10, "lrs-secret"), (3, 5, None)]
    encoded = find_secrets("<p>x Basic&#32;dXNlcjpodW50ZXIy</p>")
    assert [(f.line, f.col) for f in encoded] == [(1, 6)]
    assert "encoded" in encoded[0].what


def test_detector_parts() -> None:
    assert secret_key("lrsPass") and secret_key("x-api-key") and secret_key("credentials")
    assert not secret_key("outcome_pass") and not secret_key("compass") and not secret_key("tokens")
    assert entropy("aaaa") == 0 and entropy("abcd") == 2
    assert looks_like_token("4f9Xk2PqL7vN3sT8") and not looks_like_token("troubleshooting")


def _course(tmp_path: Path) -> Path:
    course = tmp_path / "course"
    (course / "lessons").mkdir(parents=True)
    (course / "course.yaml").write_text("id: c\ntitle: C\ntargets: [web]\n")
    (course / "lessons" / "01-a.md").write_text("# A\n\nBasic troubleshooting techniques help.\n")
    return course


@pytest.mark.parametrize(
    ("relative", "text", "expected"),
    [
        (
            "media/diagram.svg",
            '<svg xmlns="http://www.w3.org/2000/svg">\n'
            "<!-- https://admin:s3cret@cdn.example.com/ -->\n</svg>\n",
            "media/diagram.svg:2:6: error[CS700]: a URL with a user name and password",
        ),
        (
            "notes/draft.md",
            "# Draft\n\nlrsPass: hunter2\n",
            "notes/draft.md:3:1: error[CS700]: 'lrsPass' holds a static LRS credential",
        ),
        (
            "themes/mine/templates/index.html.j2",
            "<script>var h = 'Basic dXNlcjpodW50ZXIy';</script>\n",
            "themes/mine/templates/index.html.j2:1:18: error[CS700]: an HTTP authorization value",
        ),
        (
            "media/transcript.vtt",
            "WEBVTT\n\n00:01.000 --> 00:02.000\nuse &amp;Auth=Zm9vOmJhcg== to log in\n",
            "media/transcript.vtt:4:5: error[CS700]: an 'auth' launch parameter with a value",
        ),
    ],
)
def test_every_course_file_is_scanned(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    relative: str,
    text: str,
    expected: str,
) -> None:
    course = _course(tmp_path)
    (course / relative).parent.mkdir(parents=True, exist_ok=True)
    (course / relative).write_text(text)
    monkeypatch.chdir(course)
    assert main(["build", ".", "--out", str(tmp_path / "build")]) == 1
    err = capsys.readouterr().err
    assert expected in err, err
    assert not (tmp_path / "build").exists()


def test_package_scan_finds_what_only_the_package_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A secret put together by rendering (a region value into a lesson) is caught in the
    package (CS702), at the package file and line, since no source file holds it whole."""
    course = _course(tmp_path)
    (course / "course.yaml").write_text(
        "id: c\ntitle: C\ntargets: [web]\nvalues: {blob: dXNlcjpodW50ZXIy}\n"
    )
    (course / "lessons" / "01-a.md").write_text("# A\n\nSend Basic {{blob}} to the server.\n")
    monkeypatch.chdir(course)
    code = main(["build", ".", "--out", str(tmp_path / "build")])
    err = capsys.readouterr().err
    assert code == 1, err
    assert "en-US/web/index.html:" in err and "error[CS702]: an HTTP authorization value" in err
    assert not (tmp_path / "build").exists()


def test_scan_package_files_is_pure() -> None:
    files = {
        "index.html": b"<p>ok</p>\n<p>Basic&#32;dXNlcjpodW50ZXIy</p>\n",
        "media/x.png": b"\x89PNG\r\n\x1a\n\0\0Basic dXNlcjpodW50ZXIy",
        "runtime/a.js": b"fetch(u, {credentials: 'omit'});\n",
    }
    found = scan_package_files(files, "en-US/web")
    assert [(d.code, d.span.path, d.span.line) for d in found] == [
        (Code.CS702, "en-US/web/index.html", 2)
    ]
    assert scan_package_files(files, "en-US/web") == found  # same answer from the cache


def test_sample_course_builds_without_credential_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every target of every region of the sample: no CS700/CS702 (no prose is flagged)."""
    shutil.copytree(SAMPLE, tmp_path / "course")
    monkeypatch.chdir(tmp_path / "course")
    code = main(["build", ".", "--out", str(tmp_path / "build")])
    err = capsys.readouterr().err
    assert "CS700" not in err and "CS702" not in err, err
    assert code == 0, err
