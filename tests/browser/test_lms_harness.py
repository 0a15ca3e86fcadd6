"""The test LMS itself, proven on a hand-written fixture SCO (tests/browser/fixtures/sco).

A harness that flags nothing proves nothing: the ``bad`` fixture makes each mistake the
runtime tests rely on the harness to catch, and each must be flagged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .lmshost import (
    DURATION_2004,
    IDENTIFIER_12,
    TIMESPAN_12,
    Learner,
    Lms,
    check_calls,
    collection,
    launch_cmi,
    read_manifest,
)

TARGETS = ("scorm12", "scorm2004")


def test_formats() -> None:
    for ok in ("00:00:01", "0000:01:02.5", "9999:59:59.99"):
        assert TIMESPAN_12.match(ok), ok
    for bad in ("1:2:3", "00:00:01.234", "PT1S", "00:60:00"):
        assert not TIMESPAN_12.match(bad), bad
    for ok in ("PT1.25S", "PT1H2M3.45S", "P1D", "PT0S", "P1Y2M3DT4H5M6S"):
        assert DURATION_2004.match(ok), ok
    for bad in ("PT1.234S", "P", "PT", "00:00:01", "PT1.S", "1S"):
        assert not DURATION_2004.match(bad), bad
    assert IDENTIFIER_12.match("active-listening_q1")
    assert not IDENTIFIER_12.match("q 1") and not IDENTIFIER_12.match("a.b")


def test_manifest_mastery(fixture_packages: dict[str, Path]) -> None:
    m12 = read_manifest(fixture_packages["scorm12"])
    assert (m12.standard, m12.mastery, m12.href) == ("scorm12", 80, "index.html")
    m04 = read_manifest(fixture_packages["scorm2004"])
    assert (m04.standard, m04.mastery, m04.schemaversion) == ("scorm2004", 0.8, "2004 4th Edition")


def _get(standard: str, name12: str, name2004: str) -> str:
    return name12 if standard == "scorm12" else name2004


@pytest.mark.parametrize("target", TARGETS)
def test_good_sco_suspend_resume_finish(
    lms: Lms, fixture_packages: dict[str, Path], target: str
) -> None:
    pkg = fixture_packages[target]
    player = lms.launch(pkg)
    sco = player.sco
    assert sco.locator("#entry").inner_text() == "ab-initio"
    assert sco.evaluate("sco.page('p2', 'state-v1')") in ("true", True)
    sco.evaluate("sco.answer('q1', true)")
    first = player.close()
    assert first.problems == []
    stored = first.stored
    assert stored[_get(target, "cmi.core.exit", "cmi.exit")] == "suspend"
    assert stored["cmi.suspend_data"] == "state-v1"
    assert stored[_get(target, "cmi.core.lesson_location", "cmi.location")] == "p2"
    assert [r["id"] for r in collection(stored, "cmi.interactions")] == ["q1"]
    # the terminate commit travelled by sendBeacon, the others by XHR
    commits = first.session.commits
    assert commits[-1].terminate and commits[-1].content_type.startswith("text/plain")

    second = lms.relaunch(first, pkg)
    assert second.sco.locator("#entry").inner_text() == "resume"
    assert second.sco.locator("#location").inner_text() == "p2"
    assert second.sco.locator("#suspend").inner_text() == "state-v1"
    second.sco.evaluate("sco.finish(90, true)")
    done = second.close()
    assert done.problems == []
    if target == "scorm12":
        assert done.stored["cmi.core.lesson_status"] == "passed"
        assert done.stored["cmi.core.score.raw"] == "90"
    else:
        assert done.stored["cmi.completion_status"] == "completed"
        assert done.stored["cmi.success_status"] == "passed"
        assert float(done.stored["cmi.score.scaled"]) == 0.9

    # a complete attempt reopens in review mode, without resume (exit was not suspend)
    review = lms.relaunch(done, pkg)
    assert review.sco.locator("#mode").inner_text() == "review"
    # Moodle: 1.2 gives "", 2004 "ab-initio" (exit normal or none)
    assert review.sco.locator("#entry").inner_text() == _get(target, "", "ab-initio")
    review.close()


@pytest.mark.parametrize("target", TARGETS)
def test_bad_sco_is_flagged(lms: Lms, fixture_packages: dict[str, Path], target: str) -> None:
    player = lms.launch(fixture_packages[target], query="?bad=1")
    player.sco.evaluate("sco.answer('q1', true)")
    if target == "scorm12":
        player.sco.evaluate("sco.bigSuspend()")
    result = player.close()
    text = "\n".join(result.problems)
    assert "called more than once" in text  # Initialize and Terminate twice
    assert text.count("called more than once") == 2
    assert "called after" in text
    assert "session time not in the standard's format" in text
    assert "left error code" in text  # the second Initialize
    assert "Commit during pagehide" in text
    if target == "scorm12":
        assert "over the limit of 4096" in text
        assert "not a SCORM 1.2 CMIIdentifier" in text


def test_check_calls_flags_false_and_errors() -> None:
    def call(seq: int, method: str, *args: Any, result: str = "true", error: str = "0"
             ) -> dict[str, Any]:
        return {"seq": seq, "method": method, "args": list(args), "result": result,
                "error": error, "thrown": None, "t": seq}

    calls = [
        call(0, "GetValue", "cmi.location", result="", error="301"),
        call(1, "Initialize", ""),
        call(2, "GetValue", "cmi.location", result="", error="403"),
        call(3, "SetValue", "cmi.score.scaled", "2", result="false", error="407"),
        call(4, "Commit", "", result="false", error="391"),
    ]
    problems = check_calls(calls, "scorm2004")
    assert any("before Initialize" in p for p in problems)
    assert any("#2" in p and "error code 403" in p for p in problems)
    assert any("#3" in p and "returned false" in p for p in problems)
    assert any("#4" in p and "returned false" in p for p in problems)
    assert any("Terminate was never called" in p for p in problems)
    allowed = check_calls(calls, "scorm2004", allow={("GetValue", "403")}, closed=False)
    assert not any("#2" in p for p in allowed)


def test_no_api_message(lms: Lms, fixture_packages: dict[str, Path]) -> None:
    context, page = lms.new_page()
    try:
        page.goto(lms.url_of(fixture_packages["scorm12"]) + "index.html")
        status = page.locator("[data-cs-lms-status]")
        assert "No LMS connection" in status.inner_text()
    finally:
        context.close()


# -- as strict as Moodle --------------------------------------------------------------------


def test_2004_response_identifiers_refused_like_moodle(
        lms: Lms, fixture_packages: dict[str, Path]) -> None:
    """Moodle refuses (406) identifiers outside ^[\\w.]{1,250}$ in learner_response and
    correct_responses; so does the test LMS, and check_calls flags the refusal."""
    player = lms.launch(fixture_packages["scorm2004"])
    api = "window.parent.API_1484_11"
    results = player.sco.evaluate(f"""() => {{
        const a = {api}, out = {{}};
        a.SetValue('cmi.interactions.0.id', 'q1');
        a.SetValue('cmi.interactions.0.type', 'choice');
        out.hyphen = [a.SetValue('cmi.interactions.0.learner_response', 'calm-down'),
                      a.GetLastError()];
        out.pattern = [a.SetValue('cmi.interactions.0.correct_responses.0.pattern',
                                  'a[,]b-c'), a.GetLastError()];
        out.dot = [a.SetValue('cmi.interactions.0.learner_response', 'calm.down'),
                   a.GetLastError()];
        a.SetValue('cmi.interactions.1.id', 'q2');
        a.SetValue('cmi.interactions.1.type', 'matching');
        out.matching = [a.SetValue('cmi.interactions.1.learner_response', 'a[.]b-1'),
                        a.GetLastError()];
        a.SetValue('cmi.interactions.2.id', 'q3');
        a.SetValue('cmi.interactions.2.type', 'fill-in');
        out.fill = [a.SetValue('cmi.interactions.2.learner_response', 'a-b c'), a.GetLastError()];
        return out;
    }}""")
    assert results["hyphen"] == ["false", "406"]
    assert results["pattern"] == ["false", "406"]
    assert results["matching"] == ["false", "406"]
    assert results["dot"][0] == "true"
    assert results["fill"][0] == "true"
    result = player.close()
    refused = [p for p in result.problems if "returned false" in p]
    assert len(refused) == 3, result.problems


def test_launch_data_follows_moodle() -> None:
    """2004: data only after exit suspend (else ab-initio, nothing restored, also in review);
    the attempt is complete once completion_status is completed (success is not looked at);
    1.2: complete on completed/passed/failed."""
    prior = {"cmi.exit": "normal", "cmi.completion_status": "completed",
             "cmi.success_status": "passed", "cmi.suspend_data": "state", "cmi.location": "p2",
             "cmi.score.raw": "90"}
    cmi = launch_cmi("scorm2004", learner=Learner(), mastery=0.8, prior=prior)
    assert (cmi["cmi.mode"], cmi["cmi.entry"]) == ("review", "ab-initio")
    assert "cmi.suspend_data" not in cmi and "cmi.score.raw" not in cmi
    assert cmi["cmi.completion_status"] == "unknown"
    cmi = launch_cmi("scorm2004", learner=Learner(), mastery=0.8,
                     prior={**prior, "cmi.exit": "suspend"})
    assert (cmi["cmi.mode"], cmi["cmi.entry"]) == ("review", "resume")
    assert cmi["cmi.suspend_data"] == "state"
    open_ = {"cmi.exit": "suspend", "cmi.completion_status": "incomplete",
             "cmi.success_status": "failed"}
    assert launch_cmi("scorm2004", learner=Learner(), mastery=0.8,
                      prior=open_)["cmi.mode"] == "normal"
    for status, mode in (("incomplete", "normal"), ("failed", "review"), ("passed", "review")):
        cmi = launch_cmi("scorm12", learner=Learner(), mastery=80,
                         prior={"cmi.core.lesson_status": status, "cmi.core.exit": "suspend"})
        assert cmi["cmi.core.lesson_mode"] == mode, status


def test_12_mastery_score_overrides_status(lms: Lms, fixture_packages: dict[str, Path]) -> None:
    """Moodle's default: at LMSFinish a raw score under the mastery score stores failed."""
    player = lms.launch(fixture_packages["scorm12"])
    player.sco.evaluate("sco.finish(50, true)")
    result = player.close()
    assert result.stored["cmi.core.lesson_status"] == "failed"
