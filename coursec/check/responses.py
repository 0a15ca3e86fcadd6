"""Response formats per target: a quiz must be reportable by every target it is built for.

In:  the course and the target names of this build.
Out: nothing. Reported: CS503 when a quiz (choices or matching pairs) or a scenario decision
     has more choices than a target's single-character responses can encode (SCORM 1.2: 0-9,
     a-z). The runtime would skip such an interaction (``cs-data`` marks it ``skip``, the same
     rule: ``coursec.contract.patterns.skipped``), so it is an error, never a silent gap.
"""

from __future__ import annotations

from collections.abc import Iterable

from coursec.contract.facts import FACTS
from coursec.contract.patterns import skipped
from coursec.diagnostics import Code, Reporter
from coursec.model import Course

#: the targets whose response format limits the choices, by their display name
NAMES = {"scorm12": "SCORM 1.2"}


def check_responses(course: Course, targets: Iterable[str], reporter: Reporter) -> None:
    for target in targets:
        facts = FACTS.get(target)
        if facts is None or facts.alphabet is None:
            continue
        name, most = NAMES.get(target, target), len(facts.alphabet)
        for quiz in course.quizzes():
            count = max(len(quiz.choices), len(quiz.pairs))
            if skipped(count, facts):
                reporter.report(
                    Code.CS503,
                    quiz.span,
                    f"quiz '{quiz.id}' has {count} choices; {name} can report at most {most}",
                    help=f"split the question, or build without the {target} target",
                )
        for scenario in course.scenarios():
            for node in scenario.nodes.values():
                if skipped(len(node.choices), facts):
                    reporter.report(
                        Code.CS503,
                        node.span,
                        f"decision '{node.id}' of scenario '{scenario.id}' has "
                        f"{len(node.choices)} choices; {name} can report at most {most}",
                        help=f"offer fewer choices, or build without the {target} target",
                    )
