"""Reading a course: course.yaml and lessons into the course model.

In:  the course folder.
Out: ``load_course`` returns a ``Course`` (None only when course.yaml itself is unusable) and the
     lesson links still to resolve; every problem goes to the ``Reporter``. Reported here: CS020
     when course.yaml's ``mastery`` and the assessment's ``:pass:`` disagree, and what
     ``coursec.parse.answers`` reports.
"""

from __future__ import annotations

from pathlib import Path

from coursec.diagnostics import Code, Reporter
from coursec.model import Course
from coursec.parse.answers import resolve_value_answers
from coursec.parse.course import key_span, lesson_paths, load_config
from coursec.parse.markdown import make_markdown
from coursec.parse.media import PendingLink


def load_course(root: Path, reporter: Reporter) -> Course | None:
    loaded = load_course_with_links(root, reporter)
    return loaded[0] if loaded else None


def load_course_with_links(
    root: Path, reporter: Reporter
) -> tuple[Course, list[PendingLink]] | None:
    config = load_config(root, reporter)
    if config is None:
        return None
    from coursec.parse.lesson import LessonParser  # the kinds' modules import parse.ids: no cycle

    course = Course(config=config, root=root)
    parser = LessonParser(root, make_markdown(config.allow_html), reporter, course.assets)
    for path in lesson_paths(root, config, reporter):
        lesson = parser.parse(path)
        if lesson is not None:
            course.lessons.append(lesson)
    finish_course(course, reporter)
    return course, parser.links


def finish_course(course: Course, reporter: Reporter) -> None:
    """What needs every lesson and course.yaml together (also run by the preview's loader)."""
    resolve_value_answers(course, reporter)
    _mastery_agrees(course, reporter)


def _mastery_agrees(course: Course, reporter: Reporter) -> None:
    mastery, assessment = course.config.mastery, course.assessment()
    if mastery is None or assessment is None or mastery == assessment.pass_percent:
        return
    reporter.report(
        Code.CS020,
        key_span(course.root, "mastery"),
        f"mastery {mastery:g}% differs from ':pass: {assessment.pass_percent:g}%' of assessment "
        f"'{assessment.id}' ({assessment.span.path}:{assessment.span.line})",
        help=f"the LMS receives {mastery:g}% (mastery); the course itself passes learners at "
        f"{assessment.pass_percent:g}%; remove 'mastery' or make the two equal",
    )
