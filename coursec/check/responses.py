"""Response formats per target: a quiz must be reportable by every target it is built for.

In:  the course and the target names of this build.
Out: nothing. Reported: CS503 when a choice quiz has more choices than SCORM 1.2's single
     character responses (0-9, a-z) can encode.
"""

from __future__ import annotations

from collections.abc import Iterable

from coursec.diagnostics import Code, Reporter
from coursec.model import Course

SCORM12_MAX_CHOICES = 36  # responses are single characters: a-z then 0-9


def check_responses(course: Course, targets: Iterable[str], reporter: Reporter) -> None:
    if "scorm12" not in targets:
        return
    for quiz in course.quizzes():
        count = max(len(quiz.choices), len(quiz.pairs))
        if count > SCORM12_MAX_CHOICES:
            reporter.report(
                Code.CS503,
                quiz.span,
                f"quiz '{quiz.id}' has {count} choices; SCORM 1.2 can report at most "
                f"{SCORM12_MAX_CHOICES}",
                help="split the question, or build without the scorm12 target",
            )
