"""Interaction types, response ids and correct-response patterns, for every response format.

In:  a quiz (or a scenario decision's choice ids) and the adapter's facts (``contract.facts``).
Out: ``interaction_type(kind)``; ``response_ids(quiz, facts)`` -> ``Rid``, the id the target
     writes for choice k (``c``) and for a matching pair's source and target (``s``, ``t``);
     ``patterns(quiz, facts)`` -> the correct-response patterns exactly as the target writes them
     (SCORM 1.2 ``correct_responses.n.pattern``, SCORM 2004 likewise, xAPI
     ``correctResponsesPattern``), ``[]`` when it can express none; ``skipped(count, facts)``
     when the target cannot record an interaction with that many choices. Nothing is reported
     (``check/responses.py`` reports the skipped ones, CS503).

Each kind writes its own (``coursec.quizkinds``: ``rid``, ``patterns``, ``interaction``); the
three formats they follow:

- SCORM 1.2 (``alphabet``): choice k is ``alphabet[k]``, true/false ``t``/``f``, lists joined by
  ``,``, pairs by ``.``; one pattern (the first correct choice, the first accepted answer, an
  exact number only: 1.2 has no ranges), texts cut at the target's text limit.
- SCORM 2004 (``short``): ids as short identifiers (``response_id``), ``true``/``false``,
  ``[,]`` ``[.]`` ``[:]``; every correct choice and every accepted answer (``{case_matters=true}``
  when case counts), the first numeric range, numbers rounded to 7 decimals as the runtime does.
- xAPI (``choice``): the coursec ids as they are, every accepted answer and every range (this is
  also the ``correctResponsesPattern`` of tincan.xml, cmi5.xml and the statements).

True/false: ``rid.c[k]`` is the word for choice k, so the runtime writes ``rid.c[response]`` for
every choice kind.
"""

from __future__ import annotations

from coursec.contract.facts import AdapterFacts
from coursec.model import Quiz, QuizKind
from coursec.quizkinds.base import (
    SHORT_IDENTIFIER,
    Rid,
    choice_ids,
    cut,
    response_id,
    skipped,
    xapi_number,
)
from coursec.quizkinds.registry import spec

__all__ = [
    "DECISION_TYPE", "SHORT_IDENTIFIER", "Rid", "choice_ids", "cut", "interaction_type",
    "patterns", "response_id", "response_ids", "skipped", "xapi_number",
]

DECISION_TYPE = "choice"  # a scenario decision is recorded as a choice interaction


def interaction_type(kind: QuizKind) -> str:
    return spec(kind).interaction


def response_ids(quiz: Quiz, facts: AdapterFacts) -> Rid:
    return spec(quiz.kind).rid(quiz, facts)


def patterns(quiz: Quiz, facts: AdapterFacts) -> list[str]:
    """The correct-response patterns of ``quiz`` in the target's format (see the docstring)."""
    count = len(quiz.pairs) if quiz.pairs else len(quiz.choices)
    if skipped(count, facts):
        return []
    return spec(quiz.kind).patterns(quiz, facts)
