"""Response identifiers for SCORM 2004: choice, pair and scenario-choice ids as the strictest LMS
accepts them in ``learner_response`` and ``correct_responses``.

In:  a course (its quizzes' choice and pair ids, its scenarios' choice ids), or one id.
Out: ``response_id(id)``: the id as a SCORM 2004 ``short_identifier_type`` the way Moodle checks
     it (``^[\\w.]{1,250}$``); ``response_ids(course)``: every id the mapping changes, original ->
     mapped, which the runtime receives in ``cs-data`` (``responseIds``). Nothing is reported.

coursec ids match ``[A-Za-z][A-Za-z0-9_-]{0,63}`` (``coursec.parse.ids``) and never hold a dot,
so replacing each ``-`` with ``.`` is collision-free (two different ids stay different) and
deterministic, and the result is at most 64 characters.
"""

from __future__ import annotations

import re

from coursec.model import Course

#: what Moodle's ``CMIShortIdentifier`` accepts (mod/scorm/datamodels/scorm_13.js)
SHORT_IDENTIFIER = re.compile(r"^[\w.]{1,250}$", re.ASCII)


def response_id(identifier: str) -> str:
    """``identifier`` (a coursec id) as a SCORM 2004 short identifier."""
    return identifier.replace("-", ".")


def response_ids(course: Course) -> dict[str, str]:
    """Every choice, pair and scenario-choice id of ``course`` that ``response_id`` changes."""
    ids: set[str] = set()
    for quiz in course.quizzes():
        ids.update(c.id for c in quiz.choices)
        ids.update(p.id for p in quiz.pairs)
    for scenario in course.scenarios():
        for node in scenario.nodes.values():
            ids.update(c.id for c in node.choices)
    return {i: response_id(i) for i in sorted(ids) if response_id(i) != i}
