"""Course-wide structure: what one lesson cannot see on its own.

In:  the course model.
Out: nothing. Reported: CS214 when more than one assessment exists (a course has one result),
     CS005 when no lesson has any page.
"""

from __future__ import annotations

from coursec.diagnostics import Code, Reporter
from coursec.model import Course


def check_structure(course: Course, reporter: Reporter) -> None:
    assessments = course.assessments()
    for extra in assessments[1:]:
        reporter.report(
            Code.CS214,
            extra.span,
            f"second assessment '{extra.id}'; the course already has '{assessments[0].id}'",
            help="merge the questions into one assessment pool",
        )
    if course.lessons and not course.pages():
        reporter.report(Code.CS005, course.lessons[0].span, "the course has no pages")
