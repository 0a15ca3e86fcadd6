"""Guard rails: the learner impact as diagnostics.

In:  the checked course and its recorded releases (``releases/``).
Out: ``check_release`` (run before every build and check, by ``release_warnings``): CS900
     when the course's layout differs from the newest recorded release;
     ``check_since(course, version)`` (``coursec check --since VERSION``): what replacing
     that release by this source does to learners in flight:
     CS901 (error) when nobody keeps anything, CS902 (error) per renamed lesson, CS903 per reset
     question, CS904 per restarted scenario, CS905 when the assessment's attempts are reset;
     CS906 for an unknown version. Nothing is reported for a course with no ``releases/``.
"""

from __future__ import annotations

from pathlib import Path

from coursec.diagnostics import Code, Reporter, Span
from coursec.model import Course
from coursec.parse import load_course
from coursec.release.layout import layout, same_layout
from coursec.release.predict import predict
from coursec.release.record import find_release, latest_release, releases_dir


def check_release(course: Course, reporter: Reporter) -> None:
    if not releases_dir(course.root).is_dir():
        return
    latest = latest_release(course.root, reporter)
    if latest is None or same_layout(latest.layout, layout(course)):
        return
    reporter.report(
        Code.CS900, Span(str(latest.path), 1, 1),
        f"the course's layout changed since release '{latest.version}'",
        help="learners' saved state refers to the recorded layouts; run `coursec release "
        "--version X` before publishing, and `coursec check --since "
        f"{latest.version}` to see what the change does to learners in flight",
    )


def check_since(course: Course, version: str, reporter: Reporter) -> None:
    release = find_release(course.root, version, reporter)
    if release is None:
        return
    impact = predict(release.layout, layout(course))
    yaml = Span(str(course.root / "course.yaml"), 1, 1)
    if impact.everything:
        reporter.report(Code.CS901, yaml, f"since release '{version}': {impact.everything}",
                        help="every learner in flight starts again from the first page")
    lessons = {lesson.id: lesson for lesson in course.lessons}
    for old_id, new_id in impact.lessons_renamed:
        reporter.report(
            Code.CS902, lessons[new_id].span,
            f"lesson '{old_id}' of release '{version}' is now '{new_id}': every learner's "
            "progress in it is reset (pages seen, bookmark)",
            help=f"keep its id: add `id: {old_id}` to the lesson's front matter",
        )
    quizzes = {q.id: q for q in course.quizzes()}
    for qid, why in impact.questions_reset:
        reporter.report(Code.CS903, quizzes[qid].span,
                        f"question '{qid}' is reset for learners who answered it ({why})")
    scenarios = {s.id: s for s in course.scenarios()}
    for sid in impact.scenarios_restarted:
        reporter.report(Code.CS904, scenarios[sid].span,
                        f"scenario '{sid}' restarts for learners in it: its graph changed "
                        f"since release '{version}'")
    assessment = course.assessment()
    if impact.assessment and assessment is not None:
        reporter.report(Code.CS905, assessment.span,
                        f"assessment attempts and scores are reset ({impact.assessment})")


def release_warnings(course_dir: Path, reporter: Reporter) -> None:
    """CS900 in ``reporter`` when the course's layout differs from its newest release (before
    a build, so ``--strict`` stops it); nothing at all for a course with no ``releases/``."""
    if not releases_dir(course_dir).is_dir():
        return
    course = load_course(course_dir, Reporter())
    if course is not None:
        check_release(course, reporter)


def since_diagnostics(course_dir: Path, version: str, reporter: Reporter) -> None:
    """``coursec check --since VERSION``: the learner impact as diagnostics in ``reporter``."""
    course = load_course(course_dir, Reporter())
    if course is not None:
        check_since(course, version, reporter)
