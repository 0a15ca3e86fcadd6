"""Response formats per target: a quiz must be reportable by every target it is built for.

In:  the course and the target names of this build.
Out: nothing. Reported: CS503 when a quiz (choices or matching pairs) or a scenario decision
     has more choices than a target's single-character responses can encode
     (``response_alphabet`` in ``coursec.targets.registry``). The runtime could not record such
     an interaction (``cs-data`` marks it ``skip``: ``coursec.contract.patterns.skipped``), so
     it is an error, never a silent gap.
"""

from __future__ import annotations

from collections.abc import Iterable

from coursec.diagnostics import Code, Reporter
from coursec.model import Course
from coursec.targets.registry import capabilities


def check_responses(course: Course, targets: Iterable[str], reporter: Reporter) -> None:
    for name in targets:
        entry = capabilities(name)
        if entry is None or entry.choice_limit is None:
            continue
        limit = entry.choice_limit
        for quiz in course.quizzes():
            count = max(len(quiz.choices), len(quiz.pairs))
            if count > limit:
                reporter.report(
                    Code.CS503,
                    quiz.span,
                    f"quiz '{quiz.id}' has {count} choices; {entry.title} can report at most "
                    f"{limit}",
                    help=f"split the question, or build without the {entry.name} target",
                )
        for scenario in course.scenarios():
            for node in scenario.nodes.values():
                if len(node.choices) > limit:
                    reporter.report(
                        Code.CS503,
                        node.span,
                        f"decision '{node.id}' of scenario '{scenario.id}' has "
                        f"{len(node.choices)} choices; {entry.title} can report at most {limit}",
                        help=f"offer fewer choices, or build without the {entry.name} target",
                    )
