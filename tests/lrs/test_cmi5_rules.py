"""The strict cmi5 checks of the tests' LMS (``cmi5_rules.py``) refuse what CATAPULT refuses."""

from __future__ import annotations

from typing import Any

import pytest

from lrs.cmi5_rules import CAT, MASTERY_EXT, SESSION_EXT, AuRecord, Session, V

AU = "https://example.org/c/au"
REG = "6f1b1f8e-2b7e-4d7e-9d35-0d8f1c7c9a11"


def session(mode: str = "Normal", mastery: float | None = 0.8,
            au: AuRecord | None = None, sid: str = "s1") -> Session:
    return Session(REG, AU, sid, mode, mastery, au or AuRecord(), [AU])


def st(verb: str, *, sid: str = "s1", score: float | None = None, defined: bool = True,
       obj: str = AU, mastery: float | None = 0.8) -> dict[str, Any]:
    cats = [{"id": CAT + "cmi5"}] if defined else []
    result: dict[str, Any] = {"duration": "PT1S"}
    ext: dict[str, Any] = {SESSION_EXT: sid}
    if verb in ("completed", "passed", "failed") and defined:
        cats.append({"id": CAT + "moveon"})
    if verb == "completed":
        result["completion"] = True
    if verb in ("passed", "failed"):
        result["success"] = verb == "passed"
        result["score"] = {"scaled": score if score is not None else
                           (0.9 if verb == "passed" else 0.5)}
        if mastery is not None:
            ext[MASTERY_EXT] = mastery
    out: dict[str, Any] = {
        "id": f"{verb}-{id(result)}", "verb": {"id": V + verb}, "object": {"id": obj},
        "context": {"registration": REG, "extensions": ext,
                    "contextActivities": {"grouping": [{"id": AU}], "category": cats}}}
    if verb != "initialized":
        out["result"] = result
    return out


def run(s: Session, *batches: list[dict[str, Any]]) -> str | None:
    """The rule refusing the last batch (None: accepted); earlier batches must pass."""
    for batch in batches[:-1]:
        assert s.check(batch) is None, batch
        s.accept()
    broken = s.check(batches[-1])
    if broken is None:
        s.accept()
    return broken[0] if broken else None


def test_a_good_session_is_accepted() -> None:
    s = session()
    assert run(s, [st("initialized")], [st("experienced", defined=False), st("completed"),
                                        st("passed"), st("terminated")]) is None
    assert s.au.completed and s.au.passed


@pytest.mark.parametrize(("batches", "rule"), [
    ([[st("initialized"), st("experienced", defined=False)]], "9.3.0.0-4"),  # defect 8
    ([[st("experienced", defined=False)]], "9.3.0.0-4"),
    ([[st("initialized")], [st("initialized")]], "9.3.0.0-2"),
    ([[st("initialized")], [st("failed"), st("passed")]], "9.3.0.0-3"),  # defect 11
    ([[st("initialized")], [st("passed")], [st("failed", score=0.5)]], "9.3.0.0-3"),
    ([[st("initialized")], [st("failed")], [st("failed")]], "9.3.0.0-2"),
    ([[st("initialized")], [st("terminated"), st("experienced", defined=False)]], "9.3.0.0-5"),
    ([[st("initialized")], [st("terminated")], [st("experienced", defined=False)]], "8.1.2.0-2"),
    ([[st("initialized", sid="old")]], "10.2.1.0-6"),  # defect 10
    ([[st("initialized")], [st("experienced", defined=False, sid="old")]], "10.2.1.0-6"),
    ([[st("initialized")], [st("passed", score=0.7)]], "9.3.4.0-2"),
    ([[st("initialized")], [st("failed", score=0.8)]], "9.3.6.0-1"),
    ([[st("initialized")], [st("passed", mastery=None)]], "9.6.3.2-2"),
    ([[st("initialized")], [st("passed", mastery=0.5)]], "9.6.3.2-2"),
    ([[st("initialized")], [st("completed", obj="https://example.org/other")]], "8.1.5.0-6"),
])
def test_each_rule_refuses(batches: list[list[dict[str, Any]]], rule: str) -> None:
    assert run(session(), *batches) == rule


@pytest.mark.parametrize(("mode", "rule"), [("Browse", "10.2.2.0-2"), ("Review", "10.2.2.0-3")])
def test_no_verdicts_outside_normal(mode: str, rule: str) -> None:  # defect 13
    for verb in ("completed", "passed", "failed"):
        assert run(session(mode), [st("initialized")], [st(verb)]) == rule


def test_registration_rules_span_sessions() -> None:
    record = AuRecord()
    first = session(au=record)
    batch = [st("completed"), st("passed"), st("terminated")]
    assert run(first, [st("initialized")], batch) is None
    for verb, rule in (("completed", "9.3.0.0-6"), ("passed", "9.3.0.0-7"),
                       ("failed", "9.3.0.0-8")):
        again = session(au=record, sid="s2")
        assert run(again, [st("initialized", sid="s2")], [st(verb, sid="s2")]) == rule


def test_failed_then_passed_in_the_next_session_is_allowed() -> None:
    record = AuRecord()
    assert run(session(au=record), [st("initialized")], [st("failed"), st("terminated")]) is None
    assert run(session(au=record, sid="s2"), [st("initialized", sid="s2")],
               [st("passed", sid="s2")]) is None


def test_a_refused_batch_changes_nothing() -> None:
    s = session()
    assert run(s, [st("initialized")], [st("completed"), st("passed", score=0.1)]) == "9.3.4.0-2"
    assert not s.au.completed and "completed" not in s.done
    assert run(s, [st("completed")]) is None
