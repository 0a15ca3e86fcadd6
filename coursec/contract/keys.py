"""The keys the resume state is guarded and addressed by: page keys and the structure hash.

In:  the course model.
Out: ``page_key`` (a page's HTML id, ``data-cs-page`` value and key in cs-data and in release
     layouts) and ``structure_hash`` (``h`` of the state: changes whenever a page, quiz, choice,
     pair, scenario node, choice, ending, competency or flag is added, removed or reordered).
     Nothing is reported.
"""

from __future__ import annotations

import hashlib

from coursec.contract.state import scenario_flags
from coursec.model import Course
from coursec.runtime import HASH_LENGTH


def page_key(lesson_id: str, page_id: str) -> str:
    """A page's HTML id and ``data-cs-page`` value, and its key in the runtime data."""
    return f"{lesson_id}--{page_id}"


def structure_hash(course: Course) -> str:
    """Changes whenever a page, quiz, choice or pair is added, removed or reordered."""
    parts: list[str] = []
    for lesson in course.lessons:
        for page in lesson.pages:
            parts.append("P" + page_key(lesson.id, page.id))
    for quiz in course.quizzes():
        parts.append(f"Q{quiz.id}:{quiz.kind}")
        parts.extend("C" + choice.id for choice in quiz.choices)
        parts.extend("M" + pair.id for pair in quiz.pairs)
    for assessment in course.assessments():
        parts.append("A" + assessment.id)
    for scenario in course.scenarios():  # node, choice, competency and flag indexes are stored
        parts.append(f"S{scenario.id}:{','.join(scenario.competencies)}")
        parts.append("F" + ",".join(scenario_flags(scenario)))
        for node in scenario.nodes.values():
            parts.append("N" + node.id)
            parts.extend(f"C{c.id}>{c.target}" for c in node.choices)
        parts.extend("E" + ending_id for ending_id in scenario.endings)
    return hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()[:HASH_LENGTH]
