"""coursec.check.limits: the worst-case resume state, and that the real runtime never exceeds it."""

from __future__ import annotations

import json
from pathlib import Path

from coursec.check.limits import SUSPEND_LIMITS, check_limits, worst_case_state
from coursec.config import CourseConfig
from coursec.diagnostics import Code, Reporter, Span
from coursec.model import (
    Assessment,
    Choice,
    Course,
    Lesson,
    NumericRange,
    Page,
    Pair,
    Quiz,
)
from coursec.parse import load_course
from coursec.quizkinds import KIND_NAMES

SPAN = Span("lessons/01-a.md", 1, 1)


def _choices(n: int, correct: int = 0) -> list[Choice]:
    return [Choice(f"c{i}", f"Choice {i}", i == correct, SPAN) for i in range(n)]


def quiz(qid: str, kind: str, attempts: int = 0) -> Quiz:
    q = Quiz(qid, kind, f"Question {qid}?", SPAN, attempts=attempts)
    if kind in ("single", "likert"):
        q.choices = _choices(4, 1)
    elif kind == "multiple":
        q.choices = _choices(5)
        q.choices[3].correct = True
    elif kind == "true-false":
        q.choices = [Choice("true", "True", True, SPAN), Choice("false", "False", False, SPAN)]
    elif kind == "sequencing":
        q.choices = [Choice(f"s{i}", f"Step {i}", True, SPAN) for i in range(4)]
    elif kind == "matching":
        q.pairs = [Pair(f"p{i}", f"T{i}", f"M{i}", SPAN) for i in range(3)]
    elif kind == "fill-in":
        q.answers = ["refund"]
    elif kind == "numeric":
        q.ranges = [NumericRange(10, 14)]
    return q


def course_with(quizzes: list[Quiz], pool: list[Quiz] | None = None, pages: int = 3) -> Course:
    page_list = [Page(f"p{i}", f"Page {i}", SPAN) for i in range(pages)]
    page_list[0].blocks.extend(quizzes)
    if pool:
        page_list[-1].blocks.append(
            Assessment("final", "Final", SPAN, pass_percent=80, attempts=3, draw=2, quizzes=pool)
        )
    lesson = Lesson("lesson", "Lesson", Path("/tmp/lessons/01-a.md"), SPAN, pages=page_list)
    return Course(CourseConfig(id="demo", title="Demo"), Path("/tmp/demo"), [lesson])


ALL_KINDS = [quiz(f"k{i}", kind, attempts=3 if i % 2 else 0) for i, kind in enumerate(KIND_NAMES)]


def test_worst_case_encoding() -> None:
    course = course_with(
        ALL_KINDS,
        pool=[
            quiz("a1", "fill-in"),
            quiz("a2", "single"),
            quiz("a3", "multiple"),
        ],
        pages=9,
    )
    text = worst_case_state(course)
    state = json.loads(text)
    assert list(state) == ["v", "h", "r", "c", "p", "q", "a"]
    assert state["r"] == 2147483647 and state["c"] == 8 and state["p"] == "ff1"  # 9 pages
    entries = {q.id: e for q, e in zip(course.quizzes(), state["q"], strict=True)}
    # single, unlimited tries: capped at 99, and Show answer pressed (SHOWN, 4th item)
    assert entries["k0"] == [99, 3, 0, 1]
    assert entries["k1"] == [3, [0, 1, 2, 3, 4], 0]  # multiple, 3 attempts: no Show answer
    assert entries["k3"][1] == '"' * 50  # fill-in: 50 characters, each escaped to 2
    assert entries["k4"][1] == "8" * 20
    assert entries["k5"][1] == [-1, -1, -1]
    assert entries["k6"][1] == [3, 2, 1, 0]
    # one attempt's answers at a time: the two widest of the pool (draw 2)
    assert entries["a1"] is not None and entries["a3"] is not None and entries["a2"] is None
    assert state["a"] == {"n": 3, "d": [10, 9], "s": 1, "b": 33.33, "l": 33.33, "p": 1}
    assert '\\"' * 50 in text


def test_limits_per_target() -> None:
    small = course_with(ALL_KINDS)
    reporter = Reporter()
    for target in ("scorm12", "scorm2004", "web"):
        check_limits(small, target, reporter)
    assert not reporter.diagnostics

    many = course_with([quiz(f"fill-{i}", "fill-in") for i in range(40)])
    assert len(worst_case_state(many)) > SUSPEND_LIMITS["scorm12"]
    reporter = Reporter()
    check_limits(many, "scorm12", reporter)
    check_limits(many, "scorm2004", reporter)
    assert [d.code for d in reporter.diagnostics] == [Code.CS501]
    assert "4096" in reporter.diagnostics[0].message
    assert "fill-0" in (reporter.diagnostics[0].help or "")


def test_sample_course_fits_scorm12() -> None:
    root = Path(__file__).resolve().parents[1] / "courses" / "customer-service"
    course = load_course(root, Reporter())
    assert course is not None
    assert len(worst_case_state(course)) < SUSPEND_LIMITS["scorm12"] // 2
