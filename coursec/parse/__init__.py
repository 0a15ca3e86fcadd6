"""Reading a course: course.yaml and lessons into the course model.

In:  the course folder.
Out: ``load_course`` returns a ``Course`` (None only when course.yaml itself is unusable) and the
     lesson links still to resolve; every problem goes to the ``Reporter``.
"""

from __future__ import annotations

from pathlib import Path

from coursec.diagnostics import Reporter
from coursec.model import Course
from coursec.parse.course import lesson_paths, load_config
from coursec.parse.lesson import LessonParser
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
    course = Course(config=config, root=root)
    parser = LessonParser(root, make_markdown(config.allow_html), reporter, course.assets)
    for path in lesson_paths(root, config, reporter):
        lesson = parser.parse(path)
        if lesson is not None:
            course.lessons.append(lesson)
    return course, parser.links
