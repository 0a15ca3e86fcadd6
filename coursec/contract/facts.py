"""What each runtime adapter can store and how it writes responses, read from the registry.

In:  an adapter name (``coursec.runtime.ADAPTERS``: scorm12, scorm2004, local, xapi, cmi5).
Out: ``facts(adapter)`` -> ``AdapterFacts``: the suspend-data limit (characters, None when the
     adapter has none), the single-character response alphabet (SCORM 1.2) or None, the longest
     learner-response text, the response-string delimiters, which ids a response names
     (``alphabet``, ``short`` SCORM 2004 short identifiers, ``choice`` the coursec ids) and
     whether the adapter sends xAPI statements. Nothing is reported.

The facts are the target registry's (``coursec.targets.registry``: ``suspend_limit``,
``response_alphabet``, ``short_identifiers``, ``response_text_limit``,
``response_delimiters``), keyed here by the adapter of each target; whether an adapter sends
xAPI is ``coursec.runtime.LRS_ADAPTERS``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from coursec.runtime import LRS_ADAPTERS
from coursec.targets.registry import TARGETS, Capabilities

IdScheme = Literal["alphabet", "short", "choice"]


@dataclass(frozen=True)
class Delimiters:
    list: str  # between the items of a multiple-choice, sequencing or matching response
    pair: str  # between the source and the target of a matching pair
    range: str  # between the bounds of a numeric range


@dataclass(frozen=True)
class AdapterFacts:
    suspend: int | None  # the suspend-data limit in characters
    alphabet: str | None  # choice k is written as alphabet[k] (so at most len(alphabet) choices)
    text: int | None  # longest learner-response text (fill-in) and fill-in pattern
    format: Delimiters
    ids: IdScheme
    xapi: bool  # sends xAPI statements (verb displays are shipped in cs-data)


def _facts(entry: Capabilities) -> AdapterFacts:
    ids: IdScheme = (
        "alphabet" if entry.response_alphabet else "short" if entry.short_identifiers
        else "choice"
    )
    return AdapterFacts(
        suspend=entry.suspend_limit,
        alphabet=entry.response_alphabet or None,
        text=entry.response_text_limit,
        format=Delimiters(*entry.response_delimiters),
        ids=ids,
        xapi=entry.adapter in LRS_ADAPTERS,
    )


#: adapter -> its facts (each adapter is the runtime of one target)
FACTS: dict[str, AdapterFacts] = {entry.adapter: _facts(entry) for entry in TARGETS.values()}


def facts(adapter: str) -> AdapterFacts:
    return FACTS[adapter]
