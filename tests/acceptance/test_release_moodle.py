"""A package replaced under an attempt in progress, in a real Moodle 4.3 (SCORM 1.2 and 2004).

Release 1 of a copy of the sample course is added as a SCORM activity; the student answers the
practice questions up to a page of lesson 5 and leaves with "Exit activity" (exit suspend). The
teacher then replaces the activity's package with release 2 (a page added, two pages swapped,
one answer key changed, a typo fixed in another question) the way the activity settings form
does (test_release_update_package.php: update_moduleinfo with a new package file; Moodle
re-parses the manifest). The student relaunches. Every assertion reads Moodle's tables
(scorm_attempt / scorm_scoes_value through the tool's dump_scorm_tracks.php) or the API calls
the SCO made: the attempt and its tracks survive the replacement, the relaunch resumes on the
same page with the migrated suspend_data (release 2's key), the answers kept but the changed one,
the interactions of the first launch still there, status and score not reset, and one line for
the administrator in the comments. Skipped with a one-line reason when MOODLE_ACCEPTANCE_HOME
does not name a site made by shared/tools/moodle (CI).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from release.release_edits import EDITS, copy_sample  # tests/ is on sys.path

from coursec.contract.state import ResumeState, decode
from coursec.release.embed import compact, release_key

from .conftest import record_launch
from .moodle import REPO, Launch, Moodle, unavailable

WHY = unavailable()
pytestmark = [pytest.mark.acceptance, pytest.mark.skipif(WHY is not None, reason=WHY or "")]

HERE = Path(__file__).resolve().parent
UPDATE = HERE / "test_release_update_package.php"
LEFT_ON = "policy-and-escalation--escalate"  # tests/browser/test_release_resume.py's
KEY_CHANGED = "goodwill-limit-check"
TYPO_FIXED = "policy-reason"


@pytest.fixture(scope="module")
def moodle() -> Moodle:
    return Moodle()


@pytest.fixture(params=["scorm12", "scorm2004"])
def target(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def release(root: Path, version: str) -> dict[str, Any]:
    from coursec.cli import main

    assert main(["release", str(root), "--version", version]) == 0
    layout: dict[str, Any] = json.loads((root / "releases" / f"{version}.json").read_text("utf-8"))
    return layout


def build(root: Path, out: Path, target: str) -> Path:
    cmd = [sys.executable, "-m", "coursec", "build", str(root), "--target", target,
           "--region", "en-US", "--out", str(out), "--quiet"]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=600,
                          check=False)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    pkg = out / "customer-service" / "en-US" / target
    assert (pkg / "imsmanifest.xml").is_file(), pkg
    return pkg


def zipped(pkg: Path, dest: Path) -> Path:
    """The package folder as a zip (imsmanifest.xml at its root), readable by the web server."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as z:
        for p in sorted(pkg.rglob("*")):
            if p.is_file():
                z.write(p, p.relative_to(pkg).as_posix())
    dest.chmod(0o644)
    return dest


def www_data(moodle: Moodle, args: list[str]) -> str:
    cmd = ["php", *args]
    if os.geteuid() == 0:
        cmd = ["runuser", "-u", "www-data", "--", *cmd]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=moodle.env, timeout=300,
                          check=False)
    assert proc.returncode == 0, \
        f"{' '.join(cmd)} failed: {proc.stderr[-3000:]}{proc.stdout[-2000:]}"
    return proc.stdout


def replace_package(moodle: Moodle, cmid: int, package: Path) -> dict[str, Any]:
    """The teacher's package replacement: the script is copied next to the tool's helpers (the
    web server user must read it), run as that user."""
    script = moodle.home / "bin" / UPDATE.name
    shutil.copyfile(UPDATE, script)
    script.chmod(0o644)
    zip_path = zipped(package, moodle.home / "pkgs" / f"release-2-{cmid}.zip")
    out = www_data(moodle, [str(script), f"--dirroot={moodle.env['MOODLE_DIRROOT']}",
                            f"--cmid={cmid}", f"--zip={zip_path}"])
    result: dict[str, Any] = json.loads(out)
    return result


def tracks(moodle: Moodle, cmid: int) -> dict[str, Any]:
    """What Moodle holds for the student now (dump_scorm_tracks.php, as play.py runs it)."""
    out = www_data(moodle, [str(moodle.home / "bin" / "dump_scorm_tracks.php"),
                            f"--dirroot={moodle.env['MOODLE_DIRROOT']}", f"--cmid={cmid}",
                            f"--username={moodle.env.get('MOODLE_STUDENT', 'student')}"])
    dump: dict[str, Any] = json.loads(out)
    return dump


def cmi_of(dump: dict[str, Any]) -> dict[str, str]:
    attempts = dump.get("attempts") or []
    assert len(attempts) == 1, f"{len(attempts)} attempts"
    scoes = attempts[0].get("scoes") or {}
    assert len(scoes) == 1, list(scoes)
    sco: dict[str, Any] = next(iter(scoes.values()))
    return {str(k): str(v) for k, v in (sco.get("cmi") or {}).items()}


def state_of(stored: dict[str, str]) -> ResumeState:
    text = stored.get("cmi.suspend_data")
    assert text, "Moodle stored no suspend_data"
    return decode(text)


def by_id(state: ResumeState, layout: dict[str, Any]) -> dict[str, Any]:
    ids = [q["id"] for q in layout["quizzes"]]
    return {ids[i]: list(e) for i, e in enumerate(state.q) if e is not None}


def interactions(stored: dict[str, str]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for key, value in stored.items():
        if key.startswith("cmi.interactions.") and key.count(".") >= 3:
            _, _, n, field = key.split(".", 3)
            out.setdefault(n, {})[field] = value
    return out


def clean(run: Launch) -> None:
    assert run.refused() == [], "Moodle refused calls:\n" + "\n".join(run.refused())
    assert run.content_errors() == [], "the SCO logged errors:\n" + "\n".join(run.content_errors())
    assert "error" not in run.learner, run.learner.get("error")


ROWS = ("cmi.core.lesson_status", "cmi.completion_status", "cmi.success_status",
        "cmi.core.lesson_location", "cmi.location", "cmi.core.exit", "cmi.exit",
        "cmi.core.score.raw", "cmi.score.raw", "cmi.comments",
        "cmi.comments_from_learner.0.comment", "cmi.interactions._count")


def rows(stored: dict[str, str]) -> dict[str, str]:
    """The rows the report shows (suspend_data by size and release key)."""
    out = {k: stored[k] for k in ROWS if k in stored}
    n = len(interactions(stored))
    out["interactions stored"] = str(n)
    text = stored.get("cmi.suspend_data", "")
    out["cmi.suspend_data"] = f"{len(text)} chars, k={json.loads(text).get('k') if text else None}"
    return out


def test_replacing_the_package_keeps_the_attempt_in_progress(
        moodle: Moodle, tmp_path: Path, target: str) -> None:
    is12 = target == "scorm12"
    root = copy_sample(tmp_path / "course")
    r1 = release(root, "1")
    cmid = moodle.add(build(root, tmp_path / "out1", target), f"release test {target}")

    # ---- release 1: halfway, then "Exit activity" (suspend)
    first = moodle.play(cmid, f"halfway:{LEFT_ON}")
    clean(first)
    assert first.learner["at"] == LEFT_ON
    controls = first.learner["controls"]
    assert {KEY_CHANGED, TYPO_FIXED} <= set(controls)
    stored1 = first.stored()
    saved1 = state_of(stored1)
    assert saved1.k == release_key(compact(r1)) and saved1.h == r1["hash"]
    answers1 = by_id(saved1, r1)
    assert set(answers1) == set(controls)
    location = "cmi.core.lesson_location" if is12 else "cmi.location"
    exit_key = "cmi.core.exit" if is12 else "cmi.exit"
    assert stored1[location] == LEFT_ON and stored1[exit_key] == "suspend"
    inter1 = interactions(stored1)
    assert len(inter1) == len(controls), inter1

    # ---- the teacher replaces the package with release 2
    EDITS["pages"](root)
    EDITS["answer-key"](root)
    lesson5 = root / "lessons" / "05-policy-and-escalation.md"
    text = lesson5.read_text(encoding="utf-8")
    assert "explaining the reason for the rule" in text
    lesson5.write_text(text.replace("explaining the reason for the rule",
                                    "explaining the reason behind the rule", 1), encoding="utf-8")
    r2 = release(root, "2")
    replaced = replace_package(moodle, cmid, build(root, tmp_path / "out2", target))
    before, after = replaced["before"], replaced["after"]
    assert before["sha1hash"] != after["sha1hash"], "Moodle did not take the new package"
    assert before["revision"] < after["revision"]
    assert [(s["id"], s["identifier"]) for s in before["scoes"]] == \
        [(s["id"], s["identifier"]) for s in after["scoes"]], "the SCOs were recreated"
    assert after["attempts"] == before["attempts"] == 1
    stored_between = cmi_of(tracks(moodle, cmid))
    assert stored_between == stored1, "the replacement changed the stored tracks"

    # ---- the student relaunches release 2
    second = moodle.play(cmid, "relaunched")
    clean(second)
    entry = "cmi.core.entry" if is12 else "cmi.entry"
    assert second.got(entry) == "resume"
    assert second.got("cmi.suspend_data") == stored1["cmi.suspend_data"]
    assert second.learner["at"] == LEFT_ON
    shown = second.learner["controls"]
    for quiz, was in controls.items():
        if quiz != KEY_CHANGED:
            assert shown[quiz] == was, f"{quiz} not restored"
    assert shown[KEY_CHANGED]["result"] is None, "the changed question keeps its answer"
    notes = second.learner["notes"]
    assert len(notes) == 1 and "Know the why behind the rule" in notes[0], notes
    assert second.attempts() == 1
    stored2 = second.stored()
    saved2 = state_of(stored2)
    assert saved2.k == release_key(compact(r2)) != saved1.k
    assert saved2.h == r2["hash"] and saved2.c == r2["pages"].index(LEFT_ON)
    assert by_id(saved2, r2) == {q: e for q, e in answers1.items() if q != KEY_CHANGED}
    assert saved2.r == saved1.r
    assert stored2[location] == LEFT_ON and stored2[exit_key] == "suspend"
    assert interactions(stored2) == inter1, "the interactions of release 1 changed"
    status = ("cmi.core.lesson_status",) if is12 else ("cmi.completion_status",
                                                       "cmi.success_status")
    for key in (*status, "cmi.core.score.raw", "cmi.score.raw"):
        assert stored2.get(key) == stored1.get(key), \
            f"{key}: {stored1.get(key)} -> {stored2.get(key)}"
    comment = stored2["cmi.comments" if is12 else "cmi.comments_from_learner.0.comment"]
    assert comment == ("coursec: saved progress migrated from an earlier release: "
                       f"question-reset {KEY_CHANGED} (answer key changed)"), comment
    for run, label, stored in ((first, "release 1", stored1), (second, "release 2", stored2)):
        record_launch({"package": target, "region": "en-US", "run": label,
                       "launch": second.got(entry) if run is second else first.got(entry),
                       "stored status": "/".join(stored.get(k, "") for k in status),
                       "raw": stored.get("cmi.core.score.raw" if is12 else "cmi.score.raw", ""),
                       "attempts": run.attempts(), "responses": len(interactions(stored)),
                       "refused": len(run.refused()), "errors": len(run.content_errors())})
    report = {"target": target, "release 1": rows(stored1),
              "after replacement": rows(stored_between), "release 2": rows(stored2),
              "scoes": [before["scoes"], after["scoes"]],
              "suspend_data": [stored1["cmi.suspend_data"], stored2["cmi.suspend_data"]]}
    print("\n" + json.dumps(report, indent=1))
    out = os.environ.get("COURSEC_RELEASE_MOODLE_REPORT")
    if out:
        with open(out, "a", encoding="utf-8") as f:
            f.write(json.dumps(report) + "\n")
