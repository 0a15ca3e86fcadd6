"""Links between lessons: ``[text](03-empathy.md#page)`` becomes ``#<lesson>--<page>``.

In:  the course and the links the parser queued.
Out: link tokens rewritten to in-package anchors. Reported: CS402 when the file is not a lesson
     of the course or the page does not exist in it (with did-you-mean).
"""

from __future__ import annotations

from coursec.diagnostics import Code, Reporter, did_you_mean
from coursec.model import Course
from coursec.parse.media import PendingLink


def page_anchor(lesson_id: str, page_id: str) -> str:
    """The HTML id of a page section; also its ``data-cs-page`` value."""
    return f"{lesson_id}--{page_id}"


def resolve_links(course: Course, links: list[PendingLink], reporter: Reporter) -> None:
    lessons = {lesson.path.resolve(): lesson for lesson in course.lessons}
    for link in links:
        lesson = lessons.get(link.target)
        if lesson is None:
            names = [path.name for path in lessons]
            reporter.report(
                Code.CS402,
                link.span,
                f"link to '{link.target.name}', which is not a lesson of this course",
                help=did_you_mean(link.target.name, names),
            )
            continue
        page_ids = [page.id for page in lesson.pages]
        page_id = link.fragment or page_ids[0]
        if page_id not in page_ids:
            reporter.report(
                Code.CS402,
                link.span,
                f"lesson '{lesson.id}' has no page '{page_id}'",
                help=did_you_mean(page_id, page_ids) or f"pages: {', '.join(page_ids)}",
            )
            continue
        link.token.attrSet("href", "#" + page_anchor(lesson.id, page_id))
